"""The story event: one PLOVER type for a whole article, read from its headline and lead (events/story.py)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsbrief.events.story import CUE_BELOW_MARGIN, HEADLINE_WEIGHT, code_story, decide, lead, lead_bounds, reading
from newsbrief.model import Article, Brief, StoryEvent
from newsbrief.render import render

# Leads written for these tests in a wire service's style; the expected type was checked by hand against the
# PLOVER codebook's definitions.
STORIES = [
    ("REJECT", "Chile rejects Bolivian demand to reopen talks on sea access",
     "SANTIAGO — Chile's foreign minister on Monday rejected a demand from La Paz to reopen negotiations on "
     "access to the Pacific, saying the matter was settled by treaty. Bolivia had asked for talks last week. "
     "The two countries have had no ambassadors since 1978."),
    ("THREATEN", "Trump threatens to pull troops unless allies pay more",
     "WASHINGTON — President Donald Trump warned on Friday that the United States would withdraw its forces "
     "from allies that did not raise their military spending. He gave them until the end of the year. "
     "Officials in Berlin and Tokyo declined to comment."),
    ("SANCTION", "EU imposes new sanctions on Belarusian officials",
     "BRUSSELS — The European Union on Thursday imposed asset freezes and travel bans on twelve Belarusian "
     "officials over the crackdown on the opposition. The measures take effect at once. Minsk called them "
     "unlawful."),
    ("PROTEST", "Nurses strike across Kenya over unpaid wages",
     "NAIROBI — Thousands of nurses walked off the job across Kenya on Monday, demanding three months of unpaid "
     "wages. Hospitals in Nairobi and Mombasa turned patients away. The health ministry urged them to return."),
]


@pytest.mark.parametrize(("expected", "headline", "text"), STORIES, ids=[s[0] for s in STORIES])
def test_story_type_of_hand_written_articles(expected: str, headline: str, text: str) -> None:
    story = code_story(Article(text=text, title=headline))
    assert story is not None and story.type == expected
    # It points back to what it read: the headline as given and the lead's characters in the article.
    assert story.headline == headline
    assert story.lead.text == text[story.lead.start:story.lead.end] == text
    assert story.firm  # a cue's type, or the model's with a firm margin
    assert -10 <= story.intensity <= 10 and story.quad


def test_a_headline_cue_decides_where_the_model_is_unsure() -> None:
    headline = "Chile rejects Bolivian demand to reopen talks"
    assert decide("SUPPORT", CUE_BELOW_MARGIN - 0.01, headline) == ("REJECT", "headline cue")
    assert decide("SUPPORT", CUE_BELOW_MARGIN, headline) == ("SUPPORT", "model")  # a sure model keeps its type
    assert decide("SUPPORT", 0.0, "Ministers gather in Lima") == ("SUPPORT", "model")  # no cue in the headline
    assert decide("SUPPORT", 0.0, None) == ("SUPPORT", "model")
    story = code_story(Article(text=STORIES[0][2], title=STORIES[0][1]))
    assert story is not None and story.by == "headline cue" and story.firm
    assert story.read_from == "a cue in the headline"
    # Firm: a cue's type whatever the model's margin; the model's only from FIRM_MARGIN up.
    assert StoryEvent.firm_for("headline cue", 0.0) and StoryEvent.firm_for("model", StoryEvent.FIRM_MARGIN)
    assert not StoryEvent.firm_for("model", StoryEvent.FIRM_MARGIN - 0.001)


def test_lead_keeps_three_sentences_and_their_closing_marks() -> None:
    text = '  He said "we will not move." Then he left! Was it over? Nobody knew.\n'
    start, end = lead_bounds(text)
    assert (start, text[start:end]) == (2, 'He said "we will not move." Then he left! Was it over?')
    assert lead("One sentence only.") == "One sentence only."
    assert lead_bounds("   \n ") == (5, 5)


def test_headline_is_read_before_the_lead_and_weighted() -> None:
    assert reading("Talks collapse", "The talks ended.") == ". ".join(["Talks collapse"] * HEADLINE_WEIGHT
                                                                      + ["The talks ended."])
    assert reading(None, "The talks ended.") == reading("  ", "The talks ended.") == "The talks ended."


def test_article_without_headline_reads_the_lead_alone() -> None:
    # Without a headline the model has much less to go on (docs/events.md); the strike's lead still says it.
    text = STORIES[3][2]
    story = code_story(Article(text=text))
    assert story is not None and story.headline is None and story.type == "PROTEST"
    assert story.lead.text == text
    assert code_story(Article(text=" \n ")) is None


def test_story_round_trips_validates_and_renders() -> None:
    import jsonschema

    expected, headline, text = STORIES[1]
    article = Article(text=text, title=headline)
    story = code_story(article)
    brief = Brief(article=article, story=story)
    data = brief.to_dict()
    schema = json.loads(resources.files("newsbrief").joinpath("schema/brief.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert Brief.from_dict(json.loads(json.dumps(data))) == brief
    text_brief = render(brief, "text")
    assert f"Story: {expected} (verbal conflict, -6.2; from the headline and lead)" in text_brief
    assert "Story: THREATEN" in render(brief, "md") and 'class="story"' in render(brief, "html")


def test_a_weak_margin_is_shown_as_a_guess() -> None:
    article = Article(text="The minister arrived in the capital on Tuesday.", title="Minister arrives")
    found = code_story(article)
    assert found is not None
    story = StoryEvent(type="CONSULT", lead=found.lead, headline=None, margin=0.05, intensity=3.0)
    assert not story.firm
    assert "from the lead, a guess)" in render(Brief(article=article, story=story), "text")
