"""``newsbrief ingest`` through the real pipeline on articles written for these tests: the closing summary, duplicates,
near-duplicate clusters, the store commands, and an ingest killed with SIGKILL and run again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import _register, cli
from test_store_corpus import CORPUS, ISHIBA_REPLY, ISHIBA_REPRINT, Story, write_corpus_files

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus_files(folder)
    (folder / "zz-photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return folder


@pytest.fixture(scope="module")
def ingested(runner: CliRunner, corpus: Path, tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    db = tmp_path_factory.mktemp("db") / "news.db"
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1, result.output  # one input failed
    assert f"read {len(CORPUS) + 1}, stored {len(CORPUS)}, duplicates 0, failed 1" in result.stderr
    assert "zz-photo.txt" in result.stderr and "failed:" in result.stderr
    return db


def test_ingest_again_stores_nothing_twice(runner: CliRunner, corpus: Path, ingested: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(ingested), "--no-progress"])
    assert f"stored 0, duplicates {len(CORPUS)}, failed 1" in result.stderr
    conn = sqlite3.connect(ingested)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone() == (
        len(CORPUS), len(CORPUS))
    conn.close()


def test_real_pipeline_briefs_are_stored_whole(ingested: Path) -> None:
    conn = sqlite3.connect(ingested)
    for article_id, brief_json, quote_count in conn.execute("SELECT id, brief_json, quote_count FROM articles"):
        brief = json.loads(brief_json)
        stored = conn.execute("SELECT COUNT(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert stored == quote_count == len(brief["quotes"])
    # The reprint of the Ishiba story joined the original's cluster.
    titles = dict(conn.execute("SELECT title, cluster_id FROM articles").fetchall())
    assert titles[ISHIBA_REPLY.title] == titles[ISHIBA_REPRINT.title]
    assert len(set(titles.values())) == len(CORPUS) - 1
    conn.close()


def test_speakers_export_and_search_commands(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    from newsbrief.cli.store import quotes_from_store, relations_from_store

    result = runner.invoke(cli, ["speakers", "--db", str(ingested)])
    assert result.exit_code == 0 and result.output.startswith("speaker")
    lines = runner.invoke(cli, ["speakers", "--db", str(ingested), "--json"]).output.splitlines()
    assert all("quotes" in json.loads(line) for line in lines)
    out = tmp_path / "articles.parquet"
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--format", "parquet", "--table", "articles",
                                 "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--format", "csv", "--table", "articles"])
    assert result.output.startswith("id,url,source,title")
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--format", "parquet"])
    assert result.exit_code == 1 and "give a file with --output" in result.stderr
    # The --db mode of ``newsbrief quotes``: a search of the store, not of files.
    result = runner.invoke(cli, ["quotes", "--db", str(ingested), "--about", "farmers", "--jsonl"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.output.splitlines()]
    assert found and all("farmers" in q["content"]["text"].lower() for q in found)
    result = runner.invoke(cli, ["quotes", "--speaker", "Trump"])
    assert result.exit_code == 2 and "add --db FILE" in result.output + result.stderr
    result = runner.invoke(cli, ["quotes", "--db", str(ingested), "--since", "March"])
    assert result.exit_code == 2 and "not a date" in result.output + result.stderr
    quotes_from_store(ingested, about="farmers")
    relations_from_store(ingested, "USA", "JPN")


def test_ingest_into_a_bad_path_is_a_clear_error(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "nope" / "x.db")])
    assert result.exit_code == 1 and "does not exist" in result.stderr


def _variant(story: Story, n: int) -> Story:
    """A distinct article: the story with a paragraph of its own, so no two variants share a content hash."""
    extra = (f"Correction {n}: an earlier version of this article misstated the number of delegates at "
             f"meeting {n} in round {n * 7 % 13}; there were {n + 20} delegates from {n % 5 + 2} parties.")
    return Story(f"{story.title} ({n})", story.source, story.published, f"{story.text.strip()}\n\n{extra}")


def test_ingest_killed_mid_way_leaves_whole_articles_and_resumes(tmp_path: Path) -> None:
    total = 36  # more than one spaCy batch (32), so the kill lands with work left in both
    stories = [_variant(CORPUS[i % len(CORPUS)], i) for i in range(total)]
    corpus = tmp_path / "corpus"
    write_corpus_files(corpus, stories)
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-c", "from newsbrief.cli import main; main()", "ingest", str(corpus), "--db", str(db),
           "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                    conn.close()
                except sqlite3.OperationalError:
                    stored = 0  # schema not there yet
            if stored >= 3:
                workers = child_pids(proc.pid)
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
    finally:
        if proc.poll() is None and stored < 3:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode() if proc.stderr else ""
    assert workers, "the kill was meant to land while worker processes brief"
    assert_exit_soon(workers)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 3 <= partial < total
    _assert_every_article_whole(conn)
    conn.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"read {total}, stored {total - partial}, duplicates {partial}, failed 0" in rerun.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone() == (total, total)
    _assert_every_article_whole(conn)
    conn.close()


def child_pids(parent: int) -> list[int]:
    """The live processes whose parent is ``parent`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def assert_exit_soon(pids: list[int], within_s: float = 10.0) -> None:
    """Every process in ``pids`` is gone (or a zombie, dead and waiting to be reaped) within ``within_s``."""
    deadline = time.monotonic() + within_s
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if _alive(p)]
    for p in alive:
        os.kill(p, signal.SIGKILL)  # leave the machine as it was, then fail
    assert not alive, f"worker processes {alive} outlived their killed parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _assert_every_article_whole(conn: sqlite3.Connection) -> None:
    """Each article has all its rows (quotes, events, index entries) and nothing exists without its article."""
    for seq, article_id, brief_json in conn.execute("SELECT seq, id, brief_json FROM articles").fetchall():
        brief = json.loads(brief_json)
        n_quotes = conn.execute("SELECT COUNT(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
        n_events = conn.execute("SELECT COUNT(*) FROM events WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert (n_quotes, n_events) == (len(brief["quotes"]), len(brief["events"]))
        assert conn.execute("SELECT COUNT(*) FROM minhash WHERE article_seq = ?", (seq,)).fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM articles_fts WHERE rowid = ?", (seq,)).fetchone()[0] == 1
    articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == articles
    assert conn.execute("SELECT COUNT(*) FROM quotes_fts").fetchone()[0] == conn.execute(
        "SELECT COUNT(*) FROM quotes").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[
        0] == 0
    assert conn.execute("SELECT SUM(size) FROM clusters").fetchone()[0] == articles


def test_every_page_of_a_real_pipeline_store_renders(ingested: Path) -> None:
    """The pages and API over briefs the real pipeline made (whatever its extractors found), not hand-built ones."""
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    client = TestClient(create_app(ingested))
    conn = sqlite3.connect(ingested)
    article_ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    speaker_ids = [r[0] for r in conn.execute("SELECT id FROM speakers")]
    pairs = conn.execute("SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL "
                         "AND target_country IS NOT NULL AND source_country != target_country LIMIT 3").fetchall()
    conn.close()
    urls = ["/", "/speakers", "/search?q=defence", "/search?q=trade&what=articles", "/relations"]
    urls += [f"/briefs/{i}" for i in article_ids] + [f"/api/briefs/{i}" for i in article_ids]
    urls += [f"/speakers/{s}" for s in speaker_ids] + [f"/relations?a={a}&b={b}" for a, b in pairs]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
