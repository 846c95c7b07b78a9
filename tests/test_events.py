"""Acceptance: the events of articles written for these tests, each expected event checked by hand.

Each expectation is (source country, PLOVER type, target country) and, where it matters, the words of the
sentence it must come from. The example article has the four the issue names: a criticism (ACCUSE), a
conditional threat (THREATEN), an agreement (AGREE) and a rejection (REJECT).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.entities import extract_entities
from newsbrief.events import extract_events
from newsbrief.ingest import read_many
from newsbrief.model import PLOVER_TYPES, Article, Event
from newsbrief.quotes import extract_quotes

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "defence-spending.txt"

BEEF = """date 2026-05-04 China bans Australian beef as Canberra cries coercion
Source: Harbour Times

BEIJING — China on Monday banned imports of Australian beef, citing unspecified safety concerns, in a move that \
Canberra called economic coercion.

Australian Trade Minister Don Farrell condemned the decision and said Beijing had given no evidence of any safety \
problem.

"We will not accept this kind of pressure from Beijing," Farrell told reporters in Adelaide.

Prime Minister Anthony Albanese urged China to lift the ban and return to dialogue.

A spokesperson for the Chinese foreign ministry rejected the criticism, saying the measure was a routine health \
decision.
"""

AIR_DEFENCE = """date 2026-06-10 Germany pledges air defence for Ukraine after Russian missiles hit Kyiv
Source: Continental Wire

BERLIN — Germany pledged on Tuesday to send two more air defence systems to Ukraine, hours after Russian missiles \
struck apartment blocks in Kyiv.

Chancellor Friedrich Merz said Berlin would stand with Kyiv "for as long as it takes."

Ukrainian President Volodymyr Zelensky thanked Germany and called on other allies to follow.

Russia's defence ministry said its forces had attacked military sites in Kyiv overnight.

The talks in Geneva ended without a statement.
"""

DRONES = """date 2026-09-02 Poland expels Russian diplomats as NATO members meet over drone incursions
Source: Baltic Observer

WARSAW — Poland expelled three Russian diplomats on Tuesday after drones crossed into its airspace for the second \
time in a week, the foreign ministry said.

NATO members met in Brussels to discuss the incursions.

Russian Foreign Ministry spokeswoman Maria Zakharova denounced the expulsions as "hysteria" and said Moscow would \
respond.

The European Union imposed new sanctions on Russian drone makers.

Thousands of farmers protested in Warsaw against grain imports from Ukraine.
"""


def _events(nlp, article: Article) -> tuple[Event, ...]:  # type: ignore[no-untyped-def]
    doc = nlp(article.text)
    entities = extract_entities(article, doc)
    quotes, speakers = extract_quotes(article, doc, entities)
    return extract_events(article, doc, quotes, speakers, entities)


def _article(text: str, tmp_path: Path, name: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return next(a for a in read_many([str(path)]) if isinstance(a, Article))


def _find(events: tuple[Event, ...], source: str, type_: str, target: str | None, words: str = "") -> Event:
    for event in events:
        if (
            event.source.country == source
            and event.type == type_
            and (event.target.country if event.target else None) == target
            and words in event.sentence.text
        ):
            return event
    listed = "\n".join(
        f"  {e.source.country} {e.type} {e.target.country if e.target else None}: {e.sentence.text[:60]}"
        for e in events
    )
    raise AssertionError(f"no {source} {type_} {target} event ({words!r}); found:\n{listed}")


@pytest.fixture(scope="module")
def example_events(nlp) -> tuple[Article, tuple[Event, ...]]:  # type: ignore[no-untyped-def]
    article = next(a for a in read_many([str(EXAMPLE)]) if isinstance(a, Article))
    return article, _events(nlp, article)


def test_example_rejection(example_events) -> None:  # type: ignore[no-untyped-def]
    _, events = example_events
    event = _find(events, "JPN", "REJECT", "USA", "rejected a demand")
    assert event.source.name == "Shigeru Ishiba" and event.source.sector == "government"
    assert event.trigger is not None and event.trigger.text == "rejected"
    assert event.intensity < 0


def test_example_criticism(example_events) -> None:  # type: ignore[no-untyped-def]
    _, events = example_events
    event = _find(events, "USA", "ACCUSE", "JPN", "criticised Japan")
    assert event.source.name == "Donald Trump"
    assert event.mode == "disapprove"
    # The quoted complaint is an accusation too, said in a quotation by Trump.
    quoted = _find(events, "USA", "ACCUSE", "JPN", "taking advantage of us")
    assert quoted.quote_index is not None and quoted.source.name == "Donald Trump"


def test_example_conditional_threat(example_events) -> None:  # type: ignore[no-untyped-def]
    _, events = example_events
    event = _find(events, "USA", "THREATEN", "JPN", "If they don't pay")
    assert event.conditional
    assert event.source.name == "Donald Trump" and event.quote_index is not None
    assert event.intensity == pytest.approx(-6.2)


def test_example_agreement_and_consultation(example_events) -> None:  # type: ignore[no-untyped-def]
    _, events = example_events
    agree = _find(events, "KOR", "AGREE", "JPN", "Seoul and Tokyo agreed")
    assert agree.intensity > 0 and agree.quad == "verbal cooperation"
    _find(events, "JPN", "REJECT", "USA", "rejected")  # Ishiba's answer to the demand
    _find(events, "JPN", "CONSULT", "USA", "consult closely")


def test_example_has_no_event_from_analysis_or_no_request(example_events) -> None:  # type: ignore[no-untyped-def]
    _, events = example_events
    sentences = " ".join(e.sentence.text for e in events)
    assert "received no formal request" not in sentences  # nothing happened
    # "could force a renegotiation" is analysis: at most a hypothetical event, never an asserted one.
    assert not [e for e in events if "renegotiation" in e.sentence.text and e.status == "asserted"]


def test_every_event_carries_its_sentence(example_events) -> None:  # type: ignore[no-untyped-def]
    article, events = example_events
    assert events
    for event in events:
        assert event.type in PLOVER_TYPES
        assert article.text[event.sentence.start : event.sentence.end] == event.sentence.text
        assert event.trigger is not None and event.sentence.contains(event.trigger)
        assert -10 <= event.intensity <= 10
        assert event.date == article.published
        assert Event.from_dict(event.to_dict()) == event


def test_trade_dispute(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, _article(BEEF, tmp_path, "beef.txt"))
    ban = _find(events, "CHN", "COERCE", "AUS", "banned imports")
    assert ban.mode in ("ban", "restrict")
    _find(events, "AUS", "ACCUSE", "CHN", "condemned the decision")
    rejection = _find(events, "AUS", "REJECT", "CHN", "will not accept")
    assert rejection.quote_index is not None
    _find(events, "AUS", "REQUEST", "CHN", "urged China")
    # "rejected the criticism" is a rejection, not a criticism: the verb nearest the root wins; the sentence names
    # no target, so the rejection is aimed at the story's other side (Australia, whose criticism it answers).
    answer = _find(events, "CHN", "REJECT", "AUS", "rejected the criticism")
    assert answer.source.sector == "government"


def test_aid_pledge_attack_and_thanks(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, _article(AIR_DEFENCE, tmp_path, "air.txt"))
    pledge = _find(events, "DEU", "AGREE", "UKR", "pledged")
    assert pledge.source.name == "Germany"  # not the dateline's BERLIN
    _find(events, "DEU", "SUPPORT", "UKR", "stand with Kyiv")
    _find(events, "UKR", "SUPPORT", "DEU", "thanked Germany")
    _find(events, "UKR", "REQUEST", None, "called on other allies")  # a second act, coordinated with the first
    attack = _find(events, "RUS", "ASSAULT", "UKR", "attacked military sites")
    assert attack.intensity <= -9
    assert not [e for e in events if "Geneva" in e.sentence.text]  # no actor, no event


def test_expulsion_group_igo_and_protest(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, _article(DRONES, tmp_path, "drones.txt"))
    expel = _find(events, "POL", "SANCTION", "RUS", "expelled three Russian diplomats")
    assert expel.mode in ("expel", "withdraw")
    meeting = next(e for e in events if e.type == "CONSULT")
    assert (meeting.source.name, meeting.source.sector, meeting.source.country) == ("NATO members", "group", None)
    denounce = next(e for e in events if e.type == "ACCUSE" and "denounced" in e.sentence.text)
    assert (denounce.source.name, denounce.source.country) == ("Maria Zakharova", "RUS")
    sanction = next(e for e in events if "European Union" in e.sentence.text)
    assert (sanction.type, sanction.source.sector, sanction.target and sanction.target.country) == (
        "SANCTION", "igo", "RUS"
    )
    protest = _find(events, "POL", "PROTEST", "UKR", "farmers protested")
    assert protest.source.sector == "civil society"
