"""The Spark job in local[2] mode on a WARC built here: its Parquet holds, brief for brief, what one process makes
of the same archive; ``newsbrief import`` loads it into the store."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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


# -- near-duplicates across partitions ---------------------------------------------------------------------------

WIRE_STORY = [
    "The European Central Bank held its deposit rate at 2.25 per cent on Thursday, saying inflation in the euro "
    "area was close to its target but that trade tensions clouded the outlook for growth.",
    "\"We are in a good place, but we are not complacent,\" the bank's president told reporters in Frankfurt after "
    "the governing council's meeting. \"The risks to growth are tilted to the downside.\"",
    "Consumer prices rose 2.1 per cent in the year to March, according to the latest estimate from the EU "
    "statistics office, down from 2.3 per cent in February. Core inflation, which strips out food and energy, "
    "eased to 2.6 per cent.",
    "Economists polled before the meeting had expected the pause. Several said they saw one more cut in June if "
    "tariffs on European exports to the United States took effect as planned.",
    "The euro rose slightly against the dollar after the announcement, and bond yields in Germany and Italy fell.",
    "The bank will publish new staff forecasts at its next meeting, when policymakers are due to review how far "
    "rates should fall in the second half of the year.",
]
OWN_STORIES = [
    ("Fishing fleet returns to Cornish harbour after storm", "Coast Times", [
        "NEWLYN — More than thirty fishing boats sheltered in Newlyn harbour on Wednesday as a storm with gusts of "
        "eighty miles an hour swept across the south-west of England.",
        "Harbour staff said two boats had lost nets and one had a damaged wheelhouse, but no crew were hurt.",
    ]),
    ("City council approves new tram line to the airport", "Metro Ledger", [
        "LYON — The city council voted on Tuesday to build a tram line linking the centre to the airport, a project "
        "expected to cost 480 million euros and open in 2031.",
        "Opposition councillors said the budget was unrealistic and asked for an independent review of the costs.",
    ]),
]


def _line(url: str, outlet: str, title: str, paragraphs: list[str]) -> str:
    return json.dumps({"url": url, "source": outlet, "title": title, "date": "2026-04-17",
                       "text": "\n\n".join(paragraphs)})


def _wire_files(folder: Path) -> list[Path]:
    """The wire story under three names in three files (a new first paragraph, a dropped ending), with two stories
    of their own."""
    title = "ECB holds rates, warns of risks to growth"
    copies = [
        ("https://wire.example/ecb-holds", "Wire Service", ["FRANKFURT — " + WIRE_STORY[0], *WIRE_STORY[1:]]),
        ("https://daily.example/business/ecb", "Daily Post",
         ["Borrowers hoping for cheaper loans will have to wait, after policymakers left rates alone.",
          "FRANKFURT — " + WIRE_STORY[0], *WIRE_STORY[1:-1]]),
        ("https://markets.example/ecb-pause", "Markets Today",
         ["FRANKFURT — " + WIRE_STORY[0], *WIRE_STORY[1:4], "Shares in European banks were little changed."]),
    ]
    files = []
    for k, (url, outlet, paragraphs) in enumerate(copies):
        lines = [_line(url, outlet, title, paragraphs)]
        if k < len(OWN_STORIES):
            own_title, own_outlet, own = OWN_STORIES[k]
            lines.append(_line(f"https://{own_outlet.split()[0].lower()}.example/{k}", own_outlet, own_title, own))
        path = folder / f"{chr(ord('a') + k)}-feed.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


def test_one_story_under_several_names_is_briefed_once(tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli
    from newsbrief.store import Store

    files = _wire_files(tmp_path)
    output = tmp_path / "briefs"
    _register()
    result = CliRunner().invoke(cli, ["spark", *map(str, files), str(output), "--master", "local[2]",
                                      "--partitions", "4"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert "wrote 3 briefs" in result.output and "2 near-duplicates" in result.output
    rows = _read(output)
    assert sorted(row["outlet"] for row in rows) == ["Coast Times", "Metro Ledger", "Wire Service"]
    duplicates = [json.loads(line) for f in (output / "_duplicates").glob("*.json")
                  for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    wire_id = next(row["id"] for row in rows if row["outlet"] == "Wire Service")
    assert sorted(d["origin"] for d in duplicates) == [f"{files[1]}:1", f"{files[2]}:1"]
    assert {d["briefed_as"] for d in duplicates} == {wire_id}
    # As the store does: the three copies are one cluster there, the other two stories one each.
    with Store(tmp_path / "news.db") as store:
        for brief in Pipeline().run_sources([str(f) for f in files]):
            store.add(brief)
        sizes = sorted(r[0] for r in store.conn.execute("SELECT size FROM clusters"))
    assert sizes == [1, 1, 3]


# -- a real standalone cluster on loopback -----------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _group_members(groups: set[int]) -> list[int]:
    """Processes still alive in the given process groups (the cluster's JVMs, executors and Python workers)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) in groups:
            alive.append(int(entry.name))
    return alive


@contextlib.contextmanager
def standalone_cluster(folder: Path, env: dict[str, str]) -> Iterator[tuple[str, set[int]]]:
    """A Spark standalone master and two workers (one core, 1 GB each) on 127.0.0.1, each its own JVM, started with
    pyspark's bin/spark-class; stopped, with everything they started, on the way out."""
    import httpx
    import pyspark

    spark_class = Path(pyspark.__file__).parent / "bin" / "spark-class"
    port, ui = _free_port(), _free_port()
    master = f"spark://127.0.0.1:{port}"
    procs: list[subprocess.Popen[bytes]] = []
    groups: set[int] = set()  # each JVM starts a session (and process group) of its own; what it starts stays in it

    def start(name: str, *args: str) -> None:
        log = (folder / f"{name}.log").open("wb")
        procs.append(subprocess.Popen([str(spark_class), *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True))
        groups.add(procs[-1].pid)

    def alive_workers() -> int:
        try:
            return int(httpx.get(f"http://127.0.0.1:{ui}/json/", timeout=2).json().get("aliveworkers", 0))
        except (httpx.HTTPError, ValueError):
            return -1

    try:
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
              "--webui-port", str(ui))
        deadline = time.monotonic() + 60
        while alive_workers() < 0 and time.monotonic() < deadline:
            time.sleep(0.5)
        for k in range(2):
            work = folder / f"worker-{k}"
            work.mkdir()
            start(f"worker-{k}", "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                  "--cores", "1", "--memory", "1g", "--webui-port", str(_free_port()), "--work-dir", str(work))
        while alive_workers() < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert alive_workers() == 2, (folder / "master.log").read_text(errors="replace")[-3000:]
        yield master, groups
    finally:
        for group in groups:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while _group_members(groups) and time.monotonic() < deadline:
            time.sleep(0.5)
        for pid in _group_members(groups):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for p in procs:
            p.wait(timeout=30)


def test_a_standalone_cluster_briefs_as_one_process_and_leaves_nothing_running(tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'newsbrief[spark]')")
    if _java() is None:
        pytest.skip("Java is not installed (Spark needs a JRE; CI has Java 17)")
    import pyspark

    warc = build_warc(tmp_path / "wire-2026-02.warc.gz")
    corpus = tmp_path / "desk.jsonl"  # cut into several reading tasks by --split-bytes
    corpus.write_text("".join(_line(f"https://desk.example/{i}", outlet, title, paragraphs) + "\n"
                              for i, (title, outlet, paragraphs) in enumerate(OWN_STORIES * 3)), encoding="utf-8")
    assert corpus.stat().st_size > 2 * 1024  # three reading tasks at --split-bytes 1024
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "SPARK_HOME": str(Path(pyspark.__file__).parent), "SPARK_LOCAL_IP": "127.0.0.1",
           "PYSPARK_PYTHON": sys.executable, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
           "SPARK_WORKER_OPTS": "-Dspark.worker.cleanup.enabled=false"}
    output = tmp_path / "briefs"
    with standalone_cluster(tmp_path, env) as (master, groups):
        run = subprocess.run(
            [sys.executable, "-c", "from newsbrief.cli import main; main()", "spark", str(warc), str(corpus),
             str(output), "--master", master, "--partitions", "3", "--split-bytes", "1024",
             "--keep-near-duplicates"],
            env=env, capture_output=True, text=True, timeout=300,
        )
        assert run.returncode == 0, run.stderr[-4000:]
        # The job ran on the cluster: an application with executors on both workers.
        apps = list((tmp_path / "worker-0").iterdir()) + list((tmp_path / "worker-1").iterdir())
        assert len({a.name for a in apps}) == 1 and len(apps) == 2
        assert len(_group_members(groups)) >= 3  # master, workers, and what they started
    assert _group_members(groups) == []
    leftover = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline_has(p, master)]
    assert leftover == [], "processes of the cluster are still running"
    expected = {b.article.id: b for b in Pipeline().run_sources([str(warc), str(corpus)])}
    from newsbrief.scale.spark import brief_from_row

    got = {row["id"]: brief_from_row(row) for row in _read(output)}
    assert set(got) == set(expected) and len(got) == len(ARTICLES) + 6
    for article_id, brief in expected.items():
        assert got[article_id] == brief, f"the cluster's brief of {brief.article.origin} differs from one process's"
    assert "wrote 10 briefs" in run.stderr and "1 failed" in run.stderr


def _cmdline_has(proc: Path, text: str) -> bool:
    try:
        return text.encode() in (proc / "cmdline").read_bytes()
    except OSError:
        return False
