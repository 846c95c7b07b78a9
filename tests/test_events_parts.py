"""The parts of the event coder: actors, intensity, the cue lexicon, the shipped classifier and its training."""

from __future__ import annotations

import pytest

from newsbrief.events import classifier, cues
from newsbrief.events.actors import igo_group, resolve
from newsbrief.events.coder import cue_type
from newsbrief.events.intensity import MODE_INTENSITY, TYPE_INTENSITY, intensity
from newsbrief.model import PLOVER_TYPES


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Japanese Prime Minister", "JPN", "government"),
        ("Japanese Prime Minister Shigeru Ishiba", "JPN", "government"),
        ("U.S. President Donald Trump", "USA", "government"),
        ("Trump", "USA", "government"),
        ("Chile's Defense Ministry", "CHL", "government"),
        ("Kyiv police", "UKR", "police"),
        ("two Chinese warplanes", "CHN", "military"),
        ("Tokyo", "JPN", "government"),
        ("the Kremlin", "RUS", "government"),
        ("Shanghai authorities", "CHN", "government"),
        ("Ukrainian farmers", "UKR", "civil society"),
        ("NATO", None, "igo"),
        ("the Pentagon", "USA", "military"),
        ("Canadian Ambassador to the United Nations", "CAN", "government"),
        ("Britain’s Defence Ministry", "GBR", "government"),
    ],
)
def test_actor_resolution(phrase: str, country: str | None, sector: str) -> None:
    actor = resolve(phrase)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


def test_organisation_members_are_a_group() -> None:
    members = resolve("NATO members")
    assert members is not None and members.name == "NATO members" and members.sector == "group"
    nato = resolve("NATO")
    assert nato is not None and igo_group(nato) == "IGO"
    un = resolve("the UN Security Council")
    assert un is not None and igo_group(un) == "UNO"


def test_context_country_fills_a_bare_office_and_nobody_is_not_an_actor() -> None:
    minister = resolve("Defense Minister", known_country="DEU")
    assert minister is not None and minister.country == "DEU"
    assert resolve("he") is None
    assert resolve("yesterday") is None


def test_intensity_table_covers_plover_and_stays_in_range() -> None:
    assert set(TYPE_INTENSITY) == set(PLOVER_TYPES)
    assert all(-10 <= v <= 10 for v in [*TYPE_INTENSITY.values(), *MODE_INTENSITY.values()])
    assert intensity("ASSAULT", "firearms") == -10.0
    assert intensity("AGREE") > 0 > intensity("ACCUSE") > intensity("THREATEN") > intensity("ASSAULT")
    with pytest.raises(ValueError, match="not a PLOVER event type"):
        intensity("HUG")


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("The minister criticised the decision.", "ACCUSE"),
        ("The government rejected the proposal.", "REJECT"),
        ("The two sides agreed to a prisoner exchange.", "AGREE"),
        ("Troops opened fire on the crowd.", "ASSAULT"),
        ("Thousands of workers went on strike in the capital.", "PROTEST"),
        ("The ministry expelled two diplomats.", "SANCTION"),
        ("Police arrested the opposition leader.", "COERCE"),
        ("The army deployed tanks to the border.", "MOBILIZE"),
        ("The rebels released twelve hostages.", "RETREAT"),
        ("If they cross the line, we will respond.", "THREATEN"),
        ("The weather was mild.", None),
    ],
)
def test_cue_lexicon(sentence: str, type_: str | None) -> None:
    assert cue_type(sentence) == type_


def test_every_cue_names_a_plover_type() -> None:
    assert {c.type for c in cues.CUES} == set(PLOVER_TYPES)
    assert set(cues.NEGATED_COOPERATION) <= set(PLOVER_TYPES)


def test_shipped_classifier_loads_and_codes_plain_sentences() -> None:
    model = classifier.load()
    assert set(model.classes) == set(PLOVER_TYPES)
    guess = classifier.classify("Fighter jets bombed the rebel positions, killing dozens of fighters.")
    assert guess.type == "ASSAULT" and guess.margin > 0
    assert classifier.classify("Protesters marched through the capital demanding higher wages.").type == "PROTEST"
    assert classifier.scores("") == pytest.approx(dict(zip(model.classes, model.intercept, strict=True)))


@pytest.mark.slow
@pytest.mark.shared
def test_training_is_deterministic(shared_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.events import train

    stories = train.read_stories(shared_data / "events" / "ngec")[::10]  # a tenth keeps the test short
    first, second = train.train(stories), train.train(stories)
    assert first == second
    assert first["classes"] == sorted(PLOVER_TYPES)


@pytest.mark.slow
@pytest.mark.shared
def test_shipped_models_are_what_the_training_command_gives(shared_data) -> None:  # type: ignore[no-untyped-def]
    import gzip
    import json
    from importlib import resources

    import numpy as np

    from newsbrief.events import train

    stories = train.read_stories(shared_data / "events" / "ngec")
    for which, name in train.MODEL_FILES.items():
        shipped = json.loads(gzip.decompress(resources.files("newsbrief").joinpath("data", name).read_bytes()))
        fresh = train.train(stories, which)
        # Same words, settings and classes; weights equal up to float noise on another machine's BLAS.
        for key in ("about", "settings", "classes", "vocabulary"):
            assert fresh[key] == shipped[key], f"{name}: {key} differs; rebuild: python -m newsbrief.events.train"
        for key in ("idf", "coef", "intercept"):
            assert np.allclose(fresh[key], shipped[key], atol=2e-3), f"{name}: {key} differs"


def test_shipped_story_model_reads_headline_and_lead() -> None:
    import gzip
    import json
    from importlib import resources

    from newsbrief.events.story import HEADLINE_WEIGHT

    raw = resources.files("newsbrief").joinpath("data", classifier.STORY_MODEL_FILE).read_bytes()
    settings = json.loads(gzip.decompress(raw))["settings"]
    assert settings["reads"] == "headline and lead" and settings["headline_weight"] == HEADLINE_WEIGHT
    assert set(classifier.load(classifier.STORY_MODEL_FILE).classes) == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian cities were shelled by Russian forces overnight.", [("ASSAULT", "RUS", "UKR")]),
        # No one named as the accuser: the event is coded, its source left unnamed (as the hand-coded gold does).
        ("Russia has been accused of blocking the aid convoy.", [("ACCUSE", None, "RUS")]),
        ("The United States imposed new tariffs on Chinese steel.", [("SANCTION", "USA", "CHN")]),
        ("Germany sent more weapons to Ukraine.", [("AID", "DEU", "UKR")]),
        # A promise to yield is intent: AGREE in the CAMEO-to-PLOVER crosswalk (CAMEO 035), not the concession itself.
        ("India promised on Saturday to work with Bangladesh to scrap the restrictions.", [("AGREE", "IND", "BGD")]),
        ("Talks on rolling back existing tariffs between Washington and Beijing continued.", []),
        ("The French president did not attack Italy in his speech.", []),  # negated: see the status test
    ],
)
def test_sentences_coded_end_to_end(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.entities import extract_entities
    from newsbrief.events import extract_events
    from newsbrief.model import Article

    article = Article(text=text)
    doc = nlp(text)
    events = extract_events(article, doc, (), (), extract_entities(article, doc))
    got = [(e.type, e.source.country, e.target.country if e.target else None) for e in events
           if e.status == "asserted"]
    assert got == expected
