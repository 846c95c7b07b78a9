"""Speaker hygiene (issue 19 item 3): a speaker names someone, a role is a title or position; on short articles
written for these tests, and over every PolNeAR text where ../shared is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.model import Article, Speaker
from newsbrief.quotes import extract_quotes
from newsbrief.quotes.speakers import NO_SPEAKER_WORDS, PRONOUNS, clean_role


def _speakers(nlp, text: str) -> tuple[Speaker, ...]:  # type: ignore[no-untyped-def]
    _quotes, speakers = extract_quotes(Article(text=text), nlp(text), ())
    return speakers


def test_a_sentence_opening_pronoun_or_common_noun_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The council met on Monday to vote on the harbour budget.\n\n"
        "It said the fees would rise by a tenth next spring.\n\n"
        "Words matter, the chairman told the room, and the vote would be close.\n"
    )
    names = {s.name for s in _speakers(nlp, text)}
    assert not names & {"It", "Words"}, names


def test_a_share_of_voters_is_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A new survey of voters in the county was published on Friday.\n\n"
        "Fifty-one percent said the new bridge was a waste of public money.\n"
    )
    names = {s.name for s in _speakers(nlp, text)}
    assert not any("percent" in n.lower() for n in names), names


def test_an_insulting_nickname_is_not_part_of_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The rally ran late into the night.\n\n"
        "\u201cCrooked Clinton will never fix the roads,\u201d the candidate said.\n\n"
        "Hillary Clinton said on Tuesday that she had a plan for the roads and the bridges.\n"
    )
    names = {s.name for s in _speakers(nlp, text)}
    assert not any(n.startswith("Crooked") for n in names), names


def test_roles_are_titles_not_sentence_openers() -> None:
    assert clean_role("But President") == "President"
    assert clean_role("If") is None
    assert clean_role("Percent of") is None
    assert clean_role("Foreign Minister") == "Foreign Minister"


def test_a_party_abbreviation_is_party_and_state() -> None:
    assert clean_role("R-Tex.") == "Republican, Tex."
    assert clean_role("D-") == "Democrat"


@pytest.mark.slow
@pytest.mark.shared
def test_no_polnear_speaker_or_role_is_a_pronoun_a_number_or_a_common_word(shared_data: Path) -> None:
    from newsbrief.eval import polnear
    from newsbrief.nlp import parse

    root = shared_data / "quotes" / "polnear"
    articles = [a for split in polnear.SPLITS for a in polnear.load_split(root, split)]
    bad: list[str] = []
    for art, doc in zip(articles, parse(a.text for a in articles), strict=True):
        _quotes, speakers = extract_quotes(Article(text=art.text), doc, ())
        for sp in speakers:
            if not _names_someone(sp.name) or sp.name.split()[-1].replace(",", "").isdigit():
                bad.append(f"{art.stem}: speaker {sp.name!r}")
            first = sp.role.split()[0].lower() if sp.role else ""
            if sp.role is not None and (first in NO_SPEAKER_WORDS or first in PRONOUNS
                                        or clean_role(sp.role) != sp.role):
                bad.append(f"{art.stem}: role {sp.role!r} of {sp.name!r}")
    assert not bad, f"{len(bad)} bad: " + "; ".join(bad[:30])


def _names_someone(name: str) -> bool:
    """No bare pronoun, no share ("percent") at its head, no common word a sentence opens with at either end."""
    words = [w.strip(".,'\u2019()").lower() for w in name.split()]
    words = [w for w in words if w]
    if not words or words[0] in NO_SPEAKER_WORDS or words[-1] in NO_SPEAKER_WORDS:
        return False
    return not (len(words) == 1 and words[0] in PRONOUNS)


def test_two_people_with_one_surname_keep_their_own_roles(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "President Barack Obama spoke at the convention on Monday night.\n\n"
        "Michelle Obama said on Tuesday that the country needed a steady hand in the White House.\n\n"
        "Barack Obama said the election would decide the future of the health law.\n"
    )
    speakers = {s.name: s for s in _speakers(nlp, text)}
    assert "Michelle Obama" in speakers and "Barack Obama" in speakers, list(speakers)
    assert speakers["Michelle Obama"].role is None
    assert speakers["Barack Obama"].role == "President"


def test_a_us_senator_gets_the_office_and_the_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The United States Senate voted on the budget on Tuesday as a shutdown loomed.\n\n"
        "Sen. Ted Cruz said the bill would add billions to the debt.\n"
    )
    speakers = {s.name: s for s in _speakers(nlp, text)}
    assert speakers["Ted Cruz"].role == "Senator" and speakers["Ted Cruz"].country == "USA"


def test_no_us_country_where_the_story_names_no_united_states(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Manila's lawmakers debated the new mining law on Monday.\n\n"
        "Sen. Maria Santos said the law would protect the rivers of Mindanao.\n"
    )
    speakers = {s.name: s for s in _speakers(nlp, text)}
    assert speakers["Maria Santos"].country != "USA"


def test_she_goes_to_the_woman_the_article_names_with_mrs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mrs. Clinton and Mr. Sanders met voters in Iowa on Sunday.\n\n"
        "Mr. Sanders spoke first, to a crowd of students.\n\n"
        "\u201cWe will not leave anyone behind,\u201d she said.\n"
    )
    quotes, speakers = extract_quotes(Article(text=text), nlp(text), ())
    names = {s.id: s.name for s in speakers}
    said = [q for q in quotes if q.content.text.startswith("We will not")]
    assert len(said) == 1 and names.get(said[0].speaker_id or "") == "Clinton", (said, names)
