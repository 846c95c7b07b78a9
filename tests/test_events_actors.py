"""Actors resolved through our gazetteer, then the Phoenix dictionaries (dates honoured), then the words."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.events import phoenix
from newsbrief.events.actors import igo_group, resolve


def test_phoenix_person_takes_the_office_held_on_the_article_date() -> None:
    in_senate = resolve("John Kerry", date=dt.date(2005, 6, 1))
    at_state = resolve("John Kerry", date=dt.date(2015, 6, 1))
    assert in_senate is not None and (in_senate.country, in_senate.sector) == ("USA", "legislature")
    assert at_state is not None and (at_state.country, at_state.sector) == ("USA", "government")


@pytest.mark.parametrize("date", [None, dt.date(1850, 1, 1), dt.date(1, 1, 1)])
def test_phoenix_ranges_are_ignored_without_a_usable_date(date: dt.date | None) -> None:
    # No date, or one before 1900: the current (open-ended) code.
    actor = resolve("Secretary John Kerry", date=date)
    assert actor is not None and (actor.country, actor.sector) == ("USA", "government")


def test_phoenix_is_read_by_trailing_words_never_by_one_word() -> None:
    assert phoenix.lookup("the former senator John Kerry") is not None
    assert phoenix.lookup("Kerry") is None
    assert phoenix.lookup("word " * 500) is None  # a clause, not a name


def test_phoenix_codes_decode_to_country_and_sector() -> None:
    assert phoenix.decode("RUSGOV") == ("RUS", "government")
    assert phoenix.decode("USAGOVLEG") == ("USA", "legislature")
    assert phoenix.decode("MNCCHN") == ("CHN", "business")
    assert phoenix.decode("IGOUNO") == (None, "igo")
    assert phoenix.decode("MED") == (None, "media")


@pytest.mark.parametrize(("phrase", "country", "sector"), [
    ("the Japanese prime minister", "JPN", "government"),
    ("Polish troops", "POL", "military"),
    ("the Kremlin", "RUS", "government"),
    ("Minsk", "BLR", "government"),
    ("House Republicans", "USA", "party"),
    ("Ohio Gov. John Kasich", "USA", "government"),
    ("Rep. Mike Coffman", "USA", "legislature"),
    ("Tory MPs", "GBR", "legislature"),
])
def test_agent_words_and_political_words_place_an_actor(phrase: str, country: str, sector: str) -> None:
    actor = resolve(phrase)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


def test_lower_case_party_words_are_ordinary_words() -> None:
    assert resolve("democrats") is None


@pytest.mark.parametrize(("phrase", "group"), [("NATO", "IGO"), ("the EU", "EUR"), ("the UN", "UNO")])
def test_organisations_resolve_by_their_codes(phrase: str, group: str) -> None:
    actor = resolve(phrase)
    assert actor is not None and actor.sector == "igo" and actor.country is None
    assert igo_group(actor) == group


def test_a_very_long_phrase_resolves_in_bounded_time() -> None:
    import time

    started = time.perf_counter()
    resolve("the " + "very " * 5000 + "Japanese minister")
    assert time.perf_counter() - started < 1.0
