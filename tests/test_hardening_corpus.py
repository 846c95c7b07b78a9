"""The hostile corpus (tests/hostile_corpus.py, over 100 generated inputs) through the command line, the Python API
and the writable web endpoint. For each input: no traceback, an error in one line that names the input, the exit
code that goes with it, every good article of a mixed batch briefed, and memory under a cap.
"""

from __future__ import annotations

import json
import resource
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import newsbrief
from hostile_corpus import Case, build
from newsbrief.cli import _register, cli
from newsbrief.errors import NewsbriefError
from newsbrief.ingest import read_many
from newsbrief.model import Article, Brief
from newsbrief.web import create_app

# The most the process may grow while the whole corpus goes through it (bombs of 1 GiB included): every reader
# streams or stops at its cap, so the growth is a few tens of megabytes, far under this.
MAX_GROWTH_BYTES = 600 * 1024 * 1024
TOKEN = "hostile-corpus-write-token-0123456789"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    cases = build(tmp_path_factory.mktemp("hostile"))
    assert len(cases) >= 100
    return cases


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _names_the_input(line: str, case: Case) -> bool:
    # The file itself, a record of it (file:3, file#2), or a link a feed entry named "(entry 2 of <file>)".
    return line.startswith(f"newsbrief: error: {case.path}") or f"of {case.path})" in line


def test_every_hostile_input_through_the_command_line(runner: CliRunner, corpus: list[Case], nlp: object) -> None:
    before = _peak_rss()
    outcomes: dict[str, tuple[int, int]] = {}
    for case in corpus:
        result = runner.invoke(cli, ["brief", "--workers", "1", "--format", "json", str(case.path)])
        where = f"{case.path.name}: exit {result.exit_code}\n{result.stderr[-2000:]}"
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        assert "Traceback" not in result.output + result.stderr, where
        briefs = result.stdout.count('"schema_version"')
        errors = [line for line in result.stderr.splitlines() if line.strip()]
        assert all(_names_the_input(line, case) for line in errors), where
        assert result.exit_code == (1 if errors else 0), where
        assert briefs or errors, f"{where}: neither a brief nor an error"
        if case.expect == "brief":
            assert briefs == case.articles, where
        elif case.expect == "error":
            assert briefs == 0, where
        if case.errors is not None:
            assert bool(errors) == case.errors, where
        outcomes[str(case.path)] = (briefs, len(errors))
    assert _peak_rss() - before < MAX_GROWTH_BYTES

    # One batch of everything: each input gives what it gave alone, and no good article is lost around the bad.
    result = runner.invoke(cli, ["brief", "--workers", "1", "--format", "json", *outcomes])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stdout.count('"schema_version"') == sum(b for b, _ in outcomes.values())


def test_every_hostile_input_through_the_python_api(corpus: list[Case], nlp: object) -> None:
    before = _peak_rss()
    for case in corpus:
        items = list(read_many([str(case.path)]))
        assert all(isinstance(i, (Article, NewsbriefError)) for i in items), case.path.name
        for item in items:
            if isinstance(item, NewsbriefError):
                assert "\n" not in str(item) and str(item).strip(), (case.path.name, str(item))
        if case.expect == "brief":
            assert sum(isinstance(i, Article) for i in items) == case.articles, (case.path.name, items)
        data = case.path.read_bytes()
        try:
            result = newsbrief.brief(data)
        except NewsbriefError as err:
            assert "\n" not in str(err), (case.path.name, str(err))
        else:
            assert isinstance(result, Brief)
            json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
    assert _peak_rss() - before < MAX_GROWTH_BYTES


def test_every_hostile_input_through_the_writable_endpoint(tmp_path: Path, corpus: list[Case], nlp: object) -> None:
    client = TestClient(create_app(tmp_path / "hostile.db", writable=True, token=TOKEN),
                        headers={"Authorization": f"Bearer {TOKEN}"})
    before = _peak_rss()
    stored = 0
    for case in corpus:
        text = case.path.read_bytes().decode("utf-8", "surrogateescape")  # odd bytes become lone surrogates
        body = json.dumps({"text": text, "title": case.name}, ensure_ascii=True)
        response = client.post("/api/briefs", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code < 500, (case.path.name, response.text[:300])
        if response.status_code == 201:
            stored += response.json()["status"] == "stored"
        else:
            detail = response.json()["detail"]
            assert isinstance(detail, str) and "\n" not in detail and detail.strip(), (case.path.name, detail)
        assert response.headers["x-content-type-options"] == "nosniff"
    assert _peak_rss() - before < MAX_GROWTH_BYTES
    assert client.get("/api/stats").json()["articles"] == stored > 0
