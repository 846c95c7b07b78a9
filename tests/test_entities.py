"""Entities of articles written for these tests: people merged, countries coded, agreements found."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.entities import entity_id, extract_entities
from newsbrief.ingest import read_many
from newsbrief.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "defence-spending.txt"

SUMMIT = "\n\n".join(
    [
        "Leaders sign grain pact as Moscow warns Kyiv",
        "BRUSSELS — Under the Paris climate accord, France and Germany pledged deeper cuts on Tuesday.",
        "Former President Barack Obama said the Iran nuclear deal had kept the peace. Obama also praised the Good "
        "Friday Agreement and the Treaty on the Non-Proliferation of Nuclear Weapons.",
        "Kremlin spokesman Dmitry Peskov said Russian troops would stay. Filipino fishermen said Chinese vessels had "
        "blocked them near the shoal.",
    ]
)


def _entities(nlp, article: Article):  # type: ignore[no-untyped-def]
    return {e.id: e for e in extract_entities(article, nlp(article.text))}


@pytest.fixture(scope="module")
def example() -> Article:
    return next(a for a in read_many([str(EXAMPLE)]) if isinstance(a, Article))


def test_example_people_and_countries(nlp, example: Article) -> None:  # type: ignore[no-untyped-def]
    found = _entities(nlp, example)
    trump = found["PERSON:donald-trump"]
    assert trump.name == "Donald Trump"
    assert {m.text for m in trump.mentions} == {"Donald Trump", "Trump"}  # "Trump" joins the full name
    assert found["PERSON:shigeru-ishiba"].type == "PERSON"
    assert found["COUNTRY:JPN"].code == "JPN"
    assert {"Japanese", "Japan"} <= {m.text for m in found["COUNTRY:JPN"].mentions}  # the demonym maps too
    assert {"U.S.", "American", "United States"} <= {m.text for m in found["COUNTRY:USA"].mentions}
    assert found["COUNTRY:KOR"].name == "South Korea"
    assert found["PLACE:washington"].code == "USA"  # a capital is a place that keeps its country
    assert found["PLACE:tokyo"].name == "Tokyo"  # not the dateline's capitals
    treaty = found["AGREEMENT:1960-treaty-of-mutual-cooperation-and-security"]
    assert treaty.type == "AGREEMENT"
    assert "PLACE:ohio" in found and found["PLACE:ohio"].code is None


def test_every_mention_is_the_articles_own_text(nlp, example: Article) -> None:  # type: ignore[no-untyped-def]
    for entity in _entities(nlp, example).values():
        for span in entity.mentions:
            assert example.text[span.start : span.end] == span.text


def test_agreements_by_pattern_and_demonyms(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _entities(nlp, Article(text=SUMMIT))
    names = {e.name for e in found.values() if e.type == "AGREEMENT"}
    assert {"Paris climate accord", "Iran nuclear deal", "Treaty on the Non-Proliferation of Nuclear Weapons"} <= names
    assert any(n.startswith("Good Friday") for n in names)
    assert "PLACE:paris" not in found  # part of the accord's name, not a place mentioned
    assert {"COUNTRY:FRA", "COUNTRY:DEU", "COUNTRY:RUS", "COUNTRY:PHL", "COUNTRY:CHN"} <= set(found)
    assert found["PLACE:kremlin"].code == "RUS"
    assert found["PERSON:barack-obama"].name == "Barack Obama"


def test_ids_are_stable_across_articles() -> None:
    assert entity_id("COUNTRY", "Japanese") == "COUNTRY:JPN"
    assert entity_id("PERSON", "Donald Trump") == "PERSON:donald-trump"


def test_countries_the_small_model_leaves_untagged(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia's defence ministry said its forces had attacked military sites in Kyiv overnight."
    found = _entities(nlp, Article(text=text))
    assert found["PLACE:kyiv"].code == "UKR"
    assert found["COUNTRY:RUS"].mentions[0].text == "Russia"
