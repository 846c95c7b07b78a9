"""Outputs that fit pipes and notebooks: batch briefs as JSON Lines, one quotation record from files and from a
store, DataFrames, and Parquet with typed columns (issue 15, item 5). Runs on the bundled example articles."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import newsbrief
from newsbrief import quote_records
from newsbrief.cli import _register, cli
from newsbrief.ingest import read
from newsbrief.pipeline import Pipeline
from newsbrief.store import Store
from newsbrief.store.export import export

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXTS = [EXAMPLES / "defence-spending.txt", EXAMPLES / "mackerel-quotas.txt", EXAMPLES / "nickel-export-ban.txt"]


@pytest.fixture(scope="module")
def briefs(nlp: Any) -> list[newsbrief.Brief]:
    articles = [next(iter(read(str(p)))) for p in TEXTS]
    return list(Pipeline().run(articles))


@pytest.fixture(scope="module")
def store_path(briefs: list[newsbrief.Brief], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "news.db"
    with Store(path) as store:
        for b in briefs:
            store.add(b)
    return path


def run(*args: str) -> Any:
    _register()
    return CliRunner().invoke(cli, list(args))


def test_batch_brief_written_to_a_pipe_is_json_lines_that_pandas_reads(nlp: Any) -> None:
    result = run("brief", "--workers", "1", *map(str, TEXTS))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["article"]["title"] for line in lines)
    frame = pd.read_json(io.StringIO(result.stdout), lines=True)
    assert len(frame) == 3 and "quotes" in frame.columns


def test_one_article_or_an_explicit_format_stays_as_asked(nlp: Any) -> None:
    one = run("brief", "--workers", "1", str(TEXTS[0]))
    assert one.stdout.splitlines()[1].startswith("Source: ")
    text = run("brief", "--workers", "1", "--format", "text", *map(str, TEXTS[:2]))
    assert "-" * 72 in text.stdout


def test_quotation_records_have_one_shape_from_files_and_from_a_store(nlp: Any, store_path: Path) -> None:
    from_files = run("quotes", "--jsonl", str(TEXTS[0]))
    from_store = run("quotes", "--db", str(store_path), "--jsonl", "--limit", "500")
    file_records = [json.loads(line) for line in from_files.stdout.splitlines()]
    store_records = [json.loads(line) for line in from_store.stdout.splitlines()]
    assert file_records and store_records
    assert {tuple(r) for r in file_records} == {tuple(r) for r in store_records} == {quote_records.FIELDS}
    # The same quotation carries the same offsets and words either way.
    first = file_records[0]
    same = [r for r in store_records if r["content"]["text"] == first["content"]["text"]]
    assert same and same[0]["content"]["start"] == first["content"]["start"]
    assert same[0]["quote_id"] is not None and first["quote_id"] is None


def test_to_pandas_from_briefs_and_from_a_store(briefs: list[newsbrief.Brief], store_path: Path) -> None:
    quotes = newsbrief.to_pandas(briefs, table="quotes")
    assert len(quotes) == sum(len(b.quotes) for b in briefs)
    assert {"speaker_name", "content_text", "content_start", "kind"} <= set(quotes.columns)
    assert pd.api.types.is_datetime64_any_dtype(quotes["published"])
    stored = newsbrief.to_pandas(store_path, table="quotes")
    assert len(stored) == len(quotes)
    assert pd.api.types.is_datetime64_any_dtype(stored["published"])
    events = newsbrief.to_pandas(briefs, table="events")
    assert len(events) == sum(len(b.events) for b in briefs) and "article_id" in events.columns


def test_parquet_has_date_types_and_a_typed_empty_url_column(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "quotes.parquet"
    with Store(store_path, readonly=True) as store:
        n = export(store.conn, "quotes", "parquet", out)
    schema = pq.read_schema(out)
    assert n > 0
    assert str(schema.field("published").type) == "date32[day]"
    assert str(schema.field("url").type) == "string"  # no article here has a URL: still a string column
    assert str(schema.field("start").type) == "int64" and str(schema.field("confidence").type) == "double"
    articles = tmp_path / "articles.parquet"
    with Store(store_path, readonly=True) as store:
        export(store.conn, "articles", "parquet", articles)
    assert str(pq.read_schema(articles).field("ingested_at").type).startswith("timestamp")
