"""The four renderings of a brief, on Brief objects built by hand (no NLP): shape, escaping, schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import html5lib
import jsonschema
import pytest

from newsbrief.model import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Brief,
    Entity,
    Event,
    Passage,
    Point,
    Quote,
    Span,
    Speaker,
)
from newsbrief.render import FORMATS, render

TEXT = (
    "Canada's trade minister, Louise Tremblay, on Monday asked Mexico to drop a new tariff on Canadian steel.\n\n"
    "The tariff could cost Canadian mills 2,000 jobs, unions said.\n\n"
    "Mexico will not change a tariff it set within the rules of our agreement.\n"
    "Diego Ramos\n"
    "Diego Ramos\n"
    "Minister of Economy of Mexico\n\n"
    "Tremblay said Ottawa would raise the dispute at the next review of the pact."
)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def _passage(text: str, *needles: str) -> Passage:
    spans = tuple(_span(text, n) for n in needles)
    return Passage(" ".join(s.text for s in spans), spans)


def steel_brief(text: str = TEXT, title: str = "Canada asks Mexico to drop steel tariff") -> Brief:
    article = Article(text=text, title=title, source="Maple Wire", published=dt.date(2026, 6, 1))
    happened = _passage(
        text, "Canada's trade minister, Louise Tremblay,", "asked Mexico to drop a new tariff on Canadian steel."
    )
    consequence = _passage(text, "The tariff could cost Canadian mills 2,000 jobs")
    quotation = text.split("\n\n")[2].split("\n")[0]
    response = _passage(text, quotation)
    ramos = Speaker("diego-ramos", "Diego Ramos", "Minister of Economy of Mexico", "MEX")
    tremblay = Speaker("louise-tremblay", "Louise Tremblay", "Minister of Trade of Canada", "CAN")
    quotes = (
        Quote(_span(text, quotation), "block", "diego-ramos"),
        Quote(_span(text, "Ottawa would raise the dispute at the next review of the pact"), "indirect",
              "louise-tremblay", _span(text, "Tremblay"), _span(text, "said")),
    )
    entities = (
        Entity("canada", "Canada", "COUNTRY", "CAN", (_span(text, "Canada"),)),
        Entity("louise-tremblay", "Louise Tremblay", "PERSON", None, (_span(text, "Louise Tremblay"),)),
    )
    events = (
        Event(Actor("Canada", "CAN", "government"), "REQUEST", _span(text, text.split("\n\n")[0]),
              Actor("Mexico", "MEX", "government"), intensity=3.0),
    )
    return Brief(
        article=article,
        lead=(happened,),
        points=(Point("happened", (happened,)), Point("consequence", (consequence,)), Point("response", (response,))),
        quotes=quotes, speakers=(ramos, tremblay), entities=entities, events=events,
    )


def test_text_has_the_newsroom_shape() -> None:
    out = render(steel_brief(), "text").splitlines()
    assert out[0] == "2026-06-01 Canada asks Mexico to drop steel tariff"
    assert out[1] == "Source: Maple Wire"
    assert out[2] == ""
    assert out[3] == "Canada's trade minister, Louise Tremblay, asked Mexico to drop a new tariff on Canadian steel."
    assert out[5] == "Points of attention"
    assert out[6].startswith("  • Canada's trade minister")
    assert out[7] == "  • The tariff could cost Canadian mills 2,000 jobs"
    assert out[8] == "  • Mexico will not change a tariff it set within the rules of our agreement."
    # The quotation stands as its own paragraph, without marks, followed by its speaker card: each card line a
    # paragraph of its own (shared/DESIGN.md).
    q = out.index("Mexico will not change a tariff it set within the rules of our agreement.")
    assert out[q + 1:q + 5] == ["", "Diego Ramos", "", "Minister of Economy of Mexico"]
    assert out.count("Diego Ramos") == 1
    # Reported speech is marked with its speaker.
    r = out.index("Tremblay said Ottawa would raise the dispute at the next review of the pact.")
    assert out[r + 1] == "    (reported speech: Louise Tremblay, Minister of Trade of Canada)"
    assert "Entities" in out and "  COUNTRY   Canada (CAN)" in out
    assert "Events" in out
    assert any(line.startswith("  Canada REQUEST → Mexico (+3.0)") for line in out)


def test_text_renders_a_bare_brief() -> None:
    """Quotes, entities and events come from other stages and may be empty: the brief still renders."""
    brief = Brief(article=Article(text="A short item with one sentence only."))
    out = render(brief, "text")
    assert out.startswith("undated (untitled)\nSource: unknown\n\nA short item with one sentence only.")
    assert "Points of attention" not in out


def test_markdown_escapes_markup() -> None:
    text = TEXT.replace("unions said", "unions *said* <b>")
    brief = steel_brief(text, title="Steel # tariffs [draft]")
    md = render(brief, "md")
    assert md.startswith("# Steel \\# tariffs \\[draft\\]\n")
    assert "## Points of attention" in md
    assert "unions \\*said\\* \\<b\\>" in md
    assert "> Mexico will not change" in md and "> — **Diego Ramos**, Minister of Economy of Mexico" in md
    assert "*(reported speech: Louise Tremblay, Minister of Trade of Canada)*" in md


SCRIPT = "<script>alert('x')</script>"


def test_html_is_valid_and_escapes_everything() -> None:
    text = TEXT.replace("on Monday", f"on Monday {SCRIPT}").replace("our agreement.", f"our {SCRIPT} agreement.")
    brief = steel_brief(text, title=f"Steel {SCRIPT} tariff")
    page = render(brief, "html")
    # A strict HTML5 parse raises on any parse error (unclosed or misnested elements, bad doctype).
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    scripts = tree.findall(".//script")
    assert scripts == []
    assert page.count("&lt;script&gt;") >= 3  # title, body/lead, quotation
    title = tree.find(".//title")
    assert title is not None and title.text == f"Steel {SCRIPT} tariff"
    quote = tree.find(".//figure/blockquote/p")
    assert quote is not None and SCRIPT in (quote.text or "")
    card = tree.find(".//figure/figcaption")
    assert card is not None and [s.text for s in card] == ["Diego Ramos", "Minister of Economy of Mexico"]
    points = tree.findall(".//section[@class='points']/ul/li")
    assert [li.get("class") for li in points] == ["point happened", "point consequence", "point response"]


def _schema() -> dict[str, object]:
    return json.loads(resources.files("newsbrief").joinpath("schema/brief.schema.json").read_text(encoding="utf-8"))


def test_json_matches_the_versioned_schema() -> None:
    data = json.loads(render(steel_brief(), "json"))
    jsonschema.validate(data, _schema())
    assert data["schema_version"] == SCHEMA_VERSION
    assert Brief.from_dict(data) == steel_brief()


def test_schema_rejects_a_wrong_point_kind() -> None:
    data = json.loads(render(steel_brief(), "json"))
    data["points"][0]["kind"] = "opinion"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _schema())


def test_every_format_renders() -> None:
    for fmt in FORMATS:
        assert render(steel_brief(), fmt).strip()
    with pytest.raises(ValueError, match="unknown format"):
        render(steel_brief(), "pdf")


def test_schema_lists_every_field_of_the_model() -> None:
    """The schema tracks model.py: a field added there must be described here (and in docs/schema.md)."""
    import dataclasses

    from newsbrief import model

    defs = _schema()["$defs"]
    assert isinstance(defs, dict)
    records = {"article": model.Article, "span": model.Span, "speaker": model.Speaker, "quote": model.Quote,
               "entity": model.Entity, "actor": model.Actor, "event": model.Event, "passage": model.Passage,
               "point": model.Point, "story": model.StoryEvent}
    for name, record in records.items():
        assert set(defs[name]["properties"]) == {f.name for f in dataclasses.fields(record)}, name
    assert set(_schema()["properties"]) == {f.name for f in dataclasses.fields(model.Brief)}  # type: ignore[arg-type]
    # Any 1.x validates, so briefs stored as 1.0 (before `story`) stay valid; this version is one of them.
    pattern = _schema()["properties"]["schema_version"]["pattern"]  # type: ignore[index]
    assert re.fullmatch(pattern, model.SCHEMA_VERSION) and re.fullmatch(pattern, "1.0")
    assert not re.fullmatch(pattern, "2.0")
