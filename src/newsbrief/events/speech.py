"""What a speaker does with a quotation: a threat, a demand, an accusation or a rejection made in their own words
is their event (issue 18, item 3), with the quotation as its provenance (``Event.quote_index``).

``speech_act(text)`` reads one quoted sentence and gives the act it performs, or None for a statement that only
informs. The patterns are ours, written from the PLOVER codebook's definitions of the verbal types:

- THREATEN: a hostile or withdrawn consequence announced by the speaker's side ("we will respond", "Turkey will
  protect its rights with all means", "all options remain on the table", "will not hesitate", "will pay a price");
- REJECT: the speaker's refusal or opposition ("we cannot accept", "we firmly oppose", "we reject", "will never
  recognise", "we will not sign");
- REQUEST: what the speaker asks of others ("must stop", "should move faster", "we call on", "we urge");
- ACCUSE: a charge against others ("is illegitimate", "violation of", "is wrong", "taking advantage of us").

Tried in that order (a threat often carries a rejection with it); the first that matches gives the type, and the
words that matched are the trigger. A quotation that performs none of them codes no event of its own here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("THREATEN", re.compile(
        r"\b(?:all options (?:remain |remains |remained |are |were |stay |stayed )?on the table|"
        r"will not hesitate|won't hesitate|"
        r"(?:will|would|shall|'ll) (?:\w+ ){0,3}?(?:respond|retaliate|react|hit back|strike back|protect|defend|"
        r"take (?:all )?(?:necessary |appropriate )?(?:measures|steps|action)|pay (?:a|the) (?:heavy |high )?price|"
        r"face (?:the )?consequences|look (?:for|elsewhere)|seek other)|"
        r"(?:with|by) all (?:means|necessary means)|consequences will follow|there will be consequences)\b",
        re.IGNORECASE)),
    ("REJECT", re.compile(
        r"\b(?:(?:cannot|can't|could not|couldn't|will not|won't|would not|do not|don't|does not|doesn't|"
        r"will never|never) "
        r"(?:\w+ )?(?:accept|recognise|recognize|agree|sign|allow|tolerate|support)|"
        r"(?:firmly |strongly |categorically )?(?:oppose|reject|refuse|deny|denies)|"
        r"is not (?:going to pay|ours)|not directed at|has no basis|groundless|unfounded)\b",
        re.IGNORECASE)),
    ("REQUEST", re.compile(
        r"\b(?:must (?:stop|end|move|act|sign|respect|withdraw|change|release|return|allow)|"
        r"should (?:move|stop|end|act|sign|respect|withdraw|change)|"
        r"(?:we|i) (?:call on|urge|ask|demand|appeal to)|it is time (?:for|to))\b",
        re.IGNORECASE)),
    ("ACCUSE", re.compile(
        r"\b(?:illegitimate|illegal|unlawful|a violation of|violates?|is wrong|are wrong|taking advantage of|"
        r"provocation|provocative|aggression|hysteria|blackmail|lies|politici[sz]ation)\b",
        re.IGNORECASE)),
)
# Any run of white space between two words of a pattern (a quotation mark read as a space leaves two).
_ACTS = tuple((t, re.compile(p.pattern.replace(" ", r"\s+"), p.flags)) for t, p in _ACTS)
# Words before the match that make it someone else's act or no act ("if they reject", "they say we oppose").
_NOT_OURS = re.compile(r"\b(?:if|whether|unless|they say|claims? that)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)


@dataclass(frozen=True)
class SpeechAct:
    type: str
    start: int  # of the words that perform it, in ``text``
    end: int
    conditional: bool


def speech_act(text: str) -> SpeechAct | None:
    """The act one quoted sentence performs (see the module's docstring), or None."""
    # A quotation's sentence; a runaway one is read in its first 2,000 characters. Quotation marks inside it
    # (would "look for other partners") are read as spaces, so that offsets stay the sentence's own.
    text = re.sub(r"[\"“”‘’]", " ", text[:2000])
    for type_, pattern in _ACTS:
        for m in pattern.finditer(text):
            if _NOT_OURS.search(text[: m.start()]) and type_ != "THREATEN":
                continue
            conditional = bool(re.search(r"\b(?:if|unless)\b", text, re.IGNORECASE)) and type_ == "THREATEN"
            return SpeechAct(type_, m.start(), m.end(), conditional)
    return None
