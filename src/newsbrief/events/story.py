"""The event a whole article reports: one PLOVER type for the story, read from its headline and lead.

The coder (``events.coder``) codes each sentence with its actors; an editor also wants the one line "this is a
story about a threat" that a headline gives. That is what the shared synthetic stories were written for: each is
labelled with the type of the event its headline announces. The story model (``data/story_classifier.json.gz``,
trained by ``python -m newsbrief.events.train``) reads the headline and the first ``LEAD_SENTENCES`` sentences of
the text, exactly as it was trained (sentence-like pieces: the split is a plain one, so "U.S." ends a piece), and
gives the best type with its margin over the next. Where the model is unsure (margin under ``CUE_BELOW_MARGIN``)
and a cue of the coder's lexicon fires on the headline ("rejects", "bans", "demands"), the cue's type is taken
instead: the lexicon was written from the PLOVER codebook, not learned from the synthetic stories, so it carries
over to kinds of story the model never saw.

How far to trust it: in cross-validation that keeps each headline template of the synthetic set on one side (the
figure for kinds of story it never saw), it is right on 67% of stories overall; the 19% it marks a guess (model
alone, margin under ``StoryEvent.FIRM_MARGIN``) are right a third of the time. Those settings were chosen on the
same grouped folds, so the figures are a little optimistic. docs/events.md has the table.
"""

from __future__ import annotations

import re

from newsbrief.events import classifier
from newsbrief.events.coder import cue_type
from newsbrief.events.intensity import intensity
from newsbrief.model import Article, Span, StoryBy, StoryEvent

LEAD_SENTENCES = 3
# The headline is read this many times: it names the story's event, while the lead also carries background. With
# sublinear term counts that makes a headline word count about twice a lead word. Chosen on the grouped folds
# (kinds of story unseen in training; ``newsbrief eval events --story-sweep``): macro-F1 0.421 read once, 0.473
# three times, 0.479 five times.
HEADLINE_WEIGHT = 3
# Under this margin the model's type gives way to a cue on the headline. Chosen on the grouped folds (the same
# sweep): macro-F1 0.473 with no cue, 0.570 under 0.1, 0.606 under 0.2, 0.623 under 0.3, 0.625 under 0.5, 0.610
# with the cue always first.
CUE_BELOW_MARGIN = 0.3
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+")
_CLOSING_MARKS = "\"'”’"


def lead_bounds(text: str, sentences: int = LEAD_SENTENCES) -> tuple[int, int]:
    """Offsets of the first ``sentences`` sentences of ``text`` (a closing quotation mark stays with its
    sentence; surrounding white space is left out)."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    for count, match in enumerate(_SENTENCE_END.finditer(text, start), 1):
        if count == sentences:
            end = min(end, match.start() + (1 if match.group()[0] in _CLOSING_MARKS else 0))
            break
    return start, max(start, end)


def lead(text: str, sentences: int = LEAD_SENTENCES) -> str:
    """The words of the first ``sentences`` sentences of ``text``."""
    start, end = lead_bounds(text, sentences)
    return text[start:end]


def reading(headline: str | None, lead_text: str, weight: int = HEADLINE_WEIGHT) -> str:
    """What the story model reads: the headline (``weight`` times), then the lead (as in training)."""
    headline = (headline or "").strip()
    return ". ".join([headline] * weight + [lead_text]) if headline else lead_text


def decide(model_type: str, margin: float, headline: str | None, below: float = CUE_BELOW_MARGIN) -> tuple[
        str, StoryBy]:
    """The story's type and what gave it ("model" or "headline cue"), from the model's best type and margin; a cue
    on the headline decides under the margin ``below``."""
    if margin < below and headline and (cue := cue_type(headline)):
        return cue, "headline cue"
    return model_type, "model"


def code_story(article: Article) -> StoryEvent | None:
    """The type of the event ``article`` reports, with the lead it read; None for an article with no text."""
    start, end = lead_bounds(article.text)
    if end <= start:
        return None
    headline = (article.title or "").strip() or None
    guess = classifier.classify(reading(headline, article.text[start:end]), classifier.STORY_MODEL_FILE)
    margin = round(guess.margin, 3)  # as stored; the decision and ``firm`` both read this value
    event_type, by = decide(guess.type, margin, headline)
    return StoryEvent(
        type=event_type,
        lead=Span.of(article.text, start, end),
        headline=headline,
        margin=margin,
        intensity=intensity(event_type),
        by=by,
    )
