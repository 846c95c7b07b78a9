"""One speaker across articles: name forms of one person merge; people who share a surname do not, without evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.store import Store, queries
from newsbrief.store.speakers import parse_name, roles_agree
from test_store_corpus import Said, Story, corpus_briefs, make_brief


@pytest.mark.parametrize(
    ("name", "given", "surname"),
    [
        ("Donald Trump", "donald", "trump"),
        ("Donald J. Trump", "donald", "trump"),
        ("President Trump", None, "trump"),
        ("Trump", None, "trump"),
        ("Prime Minister Shigeru Ishiba", "shigeru", "ishiba"),
        ("Ursula von der Leyen", "ursula", "von der leyen"),
        ("von der Leyen", None, "von der leyen"),
        ("Martin Luther King Jr.", "martin", "king"),
        ("Sen. Elizabeth Warren", "elizabeth", "warren"),
        ("José Álvarez", "jose", "alvarez"),
    ],
)
def test_parse_name(name: str, given: str | None, surname: str) -> None:
    parsed = parse_name(name)
    assert parsed is not None
    assert (parsed.given, parsed.surname) == (given, surname)


def test_titles_alone_are_no_name() -> None:
    assert parse_name("the President") is None
    assert parse_name("") is None


def test_roles_agree_only_when_they_name_the_same_office() -> None:
    assert roles_agree("Prime Minister of Japan", "former Prime Minister")
    assert roles_agree(None, "Senator")
    assert not roles_agree("Treasury Secretary", "Senator")


def test_corpus_speakers_resolve_across_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        for brief in corpus_briefs():
            store.add(brief)
        trump = queries.speaker(store.conn, "donald-trump")
        assert trump is not None
        # "Donald Trump", "Trump", "Donald J. Trump", "President Trump": one person, five quotations.
        assert set(trump["names"]) == {"Donald Trump", "Trump", "Donald J. Trump", "President Trump"}
        assert trump["quotes"] == 5 and trump["country"] == "USA"
        assert (trump["first_seen"], trump["last_seen"]) == ("2026-03-02", "2026-04-20")
        ids = {r[0] for r in store.conn.execute("SELECT id FROM speakers WHERE surname = 'smith'")}
        # John Smith, Jane Smith, and a "Smith" that could be either (or neither): three rows.
        assert ids == {"john-smith", "jane-smith", "smith"}
        assert len(queries.search_quotes(store.conn, speaker="Jane Smith")) == 1


def _story(name: str, content: str, day: str, role: str | None = None, country: str | None = None) -> Story:
    text = f'"{content}," {name} said on Tuesday in a statement to reporters.'
    return Story(title=f"{name} on {day}", source="Test Wire", published=day, text=text,
                 said=[Said(content, name, role, country)], url=f"https://wire.example/{day}/{name}")


def test_a_surname_first_is_folded_into_the_full_name_that_follows(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.add(make_brief(_story("Merkel", "We will manage this together as a country", "2026-01-05")))
        store.add(make_brief(_story("Angela Merkel", "Europe must take its fate into its own hands", "2026-01-09",
                                    "Chancellor", "DEU")))
        rows = store.conn.execute("SELECT id, name FROM speakers").fetchall()
        assert [tuple(r) for r in rows] == [("angela-merkel", "Angela Merkel")]
        assert store.conn.execute("SELECT COUNT(DISTINCT speaker_id) FROM quotes").fetchone()[0] == 1


def test_a_surname_that_contradicts_the_one_full_name_stays_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.add(make_brief(_story("Boris Johnson", "We will get this done for the whole country", "2026-02-01",
                                    "Prime Minister", "GBR")))
        store.add(make_brief(_story("Johnson", "The House will vote on the bill next week", "2026-02-02",
                                    "Speaker of the House", "USA")))
        assert store.count("speakers") == 2


def test_same_full_name_in_two_countries_is_two_people(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.add(make_brief(_story("David Miller", "The harbour project will create five hundred jobs",
                                    "2026-02-01", "Mayor", "CAN")))
        store.add(make_brief(_story("David Miller", "Our club has never played better football than this",
                                    "2026-02-03", "Coach", "GBR")))
        assert {r[0] for r in store.conn.execute("SELECT id FROM speakers")} == {"david-miller", "david-miller-2"}


def test_a_source_that_is_not_a_person_keeps_its_whole_name() -> None:
    from newsbrief.store.speakers import parse_name

    ministry = parse_name("South Korea's foreign ministry")
    assert ministry is not None and ministry.display == "South Korea's foreign ministry" and ministry.given is None
    group = parse_name("analysts")
    assert group is not None and group.display == "analysts"
    person = parse_name("Conan O'Brien")
    assert person is not None and (person.given, person.surname) == ("conan", "o'brien")
