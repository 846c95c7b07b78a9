"""The JSON schema of a brief and the dataclasses it describes cannot drift apart: every record's properties are
exactly its fields, and the schema's version is the model's (model.SCHEMA_VERSION is the one place it is set)."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from typing import Any

import pytest

from newsbrief import model

RECORDS = {
    "article": model.Article, "passage": model.Passage, "point": model.Point, "quote": model.Quote,
    "speaker": model.Speaker, "entity": model.Entity, "event": model.Event, "story": model.StoryEvent,
    "actor": model.Actor, "span": model.Span,
}


def schema() -> dict[str, Any]:
    text = resources.files("newsbrief").joinpath("schema/brief.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_each_record_in_the_schema_has_exactly_the_dataclass_fields(name: str) -> None:
    properties = set(schema()["$defs"][name]["properties"])
    assert properties == {f.name for f in dataclasses.fields(RECORDS[name])}


def test_the_brief_in_the_schema_has_exactly_the_brief_fields() -> None:
    assert set(schema()["properties"]) == {f.name for f in dataclasses.fields(model.Brief)}


def test_schema_version_is_the_models() -> None:
    s = schema()
    assert s["$id"].endswith(f"brief-{model.SCHEMA_VERSION}.json")
    assert f"now {model.SCHEMA_VERSION}" in s["properties"]["schema_version"]["description"]
