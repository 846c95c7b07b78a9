"""The Spark job in local[2] mode on a WARC built here: its Parquet holds, brief for brief, what one process makes
of the same archive; ``newsbrief import`` loads it into the store."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.model import PLOVER_TYPES, Brief
from newsbrief.pipeline import Pipeline
from scale_articles import ARTICLES, build_warc

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """One run of `newsbrief spark` over the WARC: (warc, output folder, the command's message)."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'newsbrief[spark]')")
    if _java() is None:
        pytest.skip("Java is not installed (Spark needs a JRE; CI has Java 17)")
    from newsbrief.cli import _register, cli

    folder = tmp_path_factory.mktemp("spark")
    warc = build_warc(folder / "wire-2026-02.warc.gz")
    output = folder / "briefs"
    _register()
    result = CliRunner().invoke(cli, ["spark", str(warc), str(output), "--master", "local[2]", "--partitions", "3"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return warc, output, result.output


def _read(output: Path) -> list[dict[str, object]]:
    import pyarrow.dataset as ds

    table = ds.dataset(output, format="parquet", partitioning="hive", ignore_prefixes=[".", "_"]).to_table()
    return table.to_pylist()


def test_spark_output_equals_one_process(spark_run: tuple[Path, Path, str]) -> None:
    from newsbrief.scale.spark import brief_from_row

    warc, output, message = spark_run
    pipeline = Pipeline()
    expected = {b.article.id: b for b in pipeline.run_sources([str(warc)])}
    rows = _read(output)
    got = {row["id"]: brief_from_row(row) for row in rows}

    assert len(expected) == len(ARTICLES)
    assert set(got) == set(expected)
    for article_id, brief in expected.items():
        assert got[article_id] == brief, f"the Spark brief of {brief.article.origin} differs from one process's"
    # The briefs carry what the later stages found, so equality says more than "both empty".
    assert any(b.quotes for b in got.values())
    assert "wrote 4 briefs" in message and "1 failed" in message


def test_parquet_partitioned_by_date_with_header_columns(spark_run: tuple[Path, Path, str]) -> None:
    import datetime as dt

    _, output, _ = spark_run
    partitions = sorted(p.name for p in output.iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert partitions == ["date=2026-02-11", "date=2026-02-12"]
    rows = _read(output)
    by_title = {row["title"]: row for row in rows}
    port = by_title["Port workers in Rotterdam end strike after pay deal"]
    assert port["outlet"] == "Harbour Courier"
    assert port["published"] == dt.date(2026, 2, 11)
    assert port["url"] == "https://news.example.org/2026-02-11/story-0"
    assert "wire-2026-02.warc.gz#1" in port["origin"]
    # The nested columns are the JSON brief's own fields, so a row minus its header is brief.to_dict().
    brief_fields = {"schema_version", "article", "lead", "points", "quotes", "speakers", "entities", "events", "story",
                    "notes"}
    assert brief_fields <= set(port)
    assert port["story"]["type"] in PLOVER_TYPES and port["story"]["lead"]["text"] in port["article"]["text"]
    assert port["article"]["title"] == port["title"]


def test_failures_written_next_to_briefs(spark_run: tuple[Path, Path, str]) -> None:
    _, output, _ = spark_run
    lines = [json.loads(line) for f in sorted((output / "_failures").glob("*.json"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 1
    assert "wire-2026-02.warc.gz#6" in lines[0]["origin"]
    assert "language 'fr'" in lines[0]["message"]


def test_import_loads_spark_output_into_store(spark_run: tuple[Path, Path, str], tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli
    from newsbrief.store import Store

    _, output, _ = spark_run
    _register()
    db = tmp_path / "news.db"
    first = CliRunner().invoke(cli, ["import", str(output), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "imported 4 briefs" in first.output
    again = CliRunner().invoke(cli, ["import", str(output), "--db", str(db)])
    assert "imported 0 briefs" in again.output and "4 already stored" in again.output
    with Store(db) as store:
        assert store.count("articles") == 4
        stored = [store.brief(row["id"]) for row in _read(output)]
    assert all(isinstance(b, Brief) for b in stored)


def test_an_article_two_inputs_hold_is_briefed_once(spark_run: tuple[Path, Path, str], tmp_path: Path) -> None:
    # The same archive under two names (a page in two crawls): each article once, whichever partition read it, the
    # copy from the input whose name sorts first. The French article is one article too: it fails once.
    from newsbrief.cli import _register, cli

    warc, first_output, _ = spark_run
    wire, recrawl = tmp_path / "b-wire.warc.gz", tmp_path / "a-recrawl.warc.gz"
    shutil.copy(warc, wire)
    shutil.copy(warc, recrawl)
    output = tmp_path / "briefs"
    _register()
    result = CliRunner().invoke(cli, ["spark", str(wire), str(recrawl), str(output), "--master", "local[2]",
                                      "--partitions", "3"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert "wrote 4 briefs" in result.output and "1 failed" in result.output
    rows = _read(output)
    assert sorted(row["id"] for row in rows) == sorted(row["id"] for row in _read(first_output))
    assert all("a-recrawl.warc.gz" in str(row["origin"]) for row in rows)
    failures = [json.loads(line) for f in (output / "_failures").glob("*.json")
                for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(failures) == 1 and "a-recrawl.warc.gz#6" in failures[0]["origin"]


def test_import_refuses_a_folder_without_briefs(tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli

    _register()
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "empty"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "holds no briefs" in result.output or "not the Parquet output" in result.output


def test_product_works_without_pyspark(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """pyspark is an optional extra: without it newsbrief imports, and `newsbrief spark` says what to install."""
    import importlib
    import sys

    from newsbrief.cli import _register, cli

    for name in ("pyspark", "pyspark.sql", "pyspark.sql.types"):
        monkeypatch.setitem(sys.modules, name, None)
    importlib.reload(importlib.import_module("newsbrief.scale.spark"))
    _register()
    result = CliRunner().invoke(cli, ["spark", str(tmp_path), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "pip install 'newsbrief[spark]'" in result.output
