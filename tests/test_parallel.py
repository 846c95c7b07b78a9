"""Every core of one machine: N worker processes give, brief for brief and in order, what one process gives; a bad
article is a Failure, and a worker that dies is replaced without losing the others' work."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.errors import NewsbriefError, UnsupportedLanguageError
from newsbrief.model import Article, Brief
from newsbrief.pipeline import Failure, Pipeline
from newsbrief.scale import ParallelPipeline, default_workers, run_parallel
from scale_articles import ARTICLES, FRENCH, article_text

pytestmark = pytest.mark.slow


def _articles() -> list[Article]:
    """The wire stories, each also as a second outlet's version with its own headline (ten articles in all)."""
    out = []
    for i, (headline, outlet, _date, paragraphs) in enumerate(ARTICLES):
        out.append(Article(text=article_text(paragraphs), title=headline, source=outlet, origin=f"wire-{i}.txt"))
        retold = [*paragraphs[1:], paragraphs[0]]
        out.append(Article(text=article_text(retold), title=headline, source="Morning Digest",
                           origin=f"digest-{i}.txt"))
    french = Article(text=article_text(FRENCH[3]), title=FRENCH[0], origin="courrier.txt")
    out.insert(3, french)
    return out


@pytest.fixture(scope="module")
def one_process() -> tuple[list[Brief], list[Failure]]:
    pipeline = Pipeline()
    return list(pipeline.run(_articles())), pipeline.failures


def test_two_workers_equal_one_process_in_order(nlp: object, one_process: tuple[list[Brief], list[Failure]]) -> None:
    expected, expected_failures = one_process
    # Chunks of two, so that both workers take several chunks and finish out of order.
    with ParallelPipeline(workers=2, chunk_size=2) as pp:
        got = list(pp.run(_articles()))
    assert [b.article.origin for b in got] == [b.article.origin for b in expected]
    assert got == expected
    assert any(b.quotes for b in got)
    assert len(pp.stats.peak_rss) == 2, "both workers briefed"
    assert all(rss > 50_000_000 for rss in pp.stats.peak_rss.values()), "each worker loaded spaCy"
    assert sum(pp.stats.articles.values()) == len(_articles())
    assert [f.message for f in pp.failures] == [f.message for f in expected_failures]


def test_bad_article_is_a_failure_with_its_error_class(one_process: tuple[list[Brief], list[Failure]]) -> None:
    with ParallelPipeline(workers=2, chunk_size=3) as pp:
        got = list(pp.run(_articles()))
    assert len(got) == len(_articles()) - 1
    [failure] = pp.failures
    assert failure.origin == "courrier.txt"
    # The error crossed the process boundary with its class and fields, though InputError takes two arguments.
    assert isinstance(failure.error, UnsupportedLanguageError)
    assert failure.error.source == "courrier.txt"
    assert "language 'fr'" in failure.message


class _KillsWorker(str):
    """Text whose unpickling ends the process that receives it: a worker dying as on a segfault or the OOM killer."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os._exit, (70,))


def test_a_dying_worker_costs_only_its_article(one_process: tuple[list[Brief], list[Failure]]) -> None:
    expected, _ = one_process
    articles = _articles()
    poison = dataclasses.replace(articles[5], text=_KillsWorker(articles[5].text), origin="poison.txt")
    articles[5] = poison
    with ParallelPipeline(workers=2, chunk_size=2) as pp:
        got = list(pp.run(articles))
    want = [b for b in expected if b.article.origin != _articles()[5].origin]
    assert got == want, "every other article briefed, in order"
    origins = [f.origin for f in pp.failures]
    assert "poison.txt" in origins and "courrier.txt" in origins
    died = next(f for f in pp.failures if f.origin == "poison.txt")
    assert isinstance(died.error, NewsbriefError) and "died" in died.message
    assert pp.stats.restarts >= 1


def test_small_input_and_one_worker_run_here(nlp: object) -> None:
    articles = _articles()[:2]
    pp = ParallelPipeline(workers=4)
    got = list(pp.run(articles))
    assert [b.article.origin for b in got] == ["wire-0.txt", "digest-0.txt"]
    assert pp.stats.peak_rss == {}, "no pool started for one chunk's worth of articles"
    assert default_workers() >= 1
    with pytest.raises(ValueError):
        ParallelPipeline(workers=0)


def test_run_parallel_reads_sources_and_reports_bad_ones(tmp_path: Path,
                                                         one_process: tuple[list[Brief], list[Failure]]) -> None:
    paths = []
    for i, (headline, _outlet, date, paragraphs) in enumerate(ARTICLES):
        path = tmp_path / f"story-{i}.txt"
        path.write_text(f"date {date} {headline}\nSource: Test Wire\n\n" + article_text(paragraphs), encoding="utf-8")
        paths.append(str(path))
    sources: list[str | Article] = [paths[0], str(tmp_path / "missing.txt"), *paths[1:], _articles()[1]]
    failures: list[Failure] = []
    got = list(run_parallel(sources, workers=2, on_error=failures.append))
    assert [b.article.origin for b in got] == [*paths, "digest-0.txt"]
    assert [b.article.title for b in got[:4]] == [a[0] for a in ARTICLES]
    assert len(failures) == 1 and "missing.txt" in failures[0].message


def test_cli_brief_workers_gives_the_same_output(tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli

    paths = []
    for i, (_headline, _outlet, _date, paragraphs) in enumerate(ARTICLES * 3):
        path = tmp_path / f"story-{i:02d}.txt"
        path.write_text(article_text(paragraphs[i % len(paragraphs):] + paragraphs[: i % len(paragraphs)]),
                        encoding="utf-8")
        paths.append(str(path))
    _register()
    runner = CliRunner()
    one = runner.invoke(cli, ["brief", "--format", "json", "--workers", "1", *paths])
    two = runner.invoke(cli, ["brief", "--format", "json", "--workers", "2", *paths])
    assert one.exit_code == 0 and two.exit_code == 0, one.output[-500:] + two.output[-500:]
    assert one.output == two.output
    assert one.output.count('"schema_version"') == len(paths)


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    """``newsbrief ingest --workers 2`` briefs in two processes and stores the same rows as ``--workers 1``."""
    import sqlite3

    from newsbrief.cli import _register, cli

    _register()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(_INGEST_STORIES):
        (corpus / f"story{i}.txt").write_text(text, encoding="utf-8")
    counts = []
    for workers in (1, 2):
        db = tmp_path / f"news{workers}.db"
        result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--no-progress",
                                          "--workers", str(workers)])
        assert result.exit_code == 0, result.output
        conn = sqlite3.connect(db)
        tables = ("articles", "quotes", "events")
        counts.append([conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables])
        conn.close()
    assert counts[0] == counts[1]
    assert counts[0][0] == len(_INGEST_STORIES)


_INGEST_STORIES = [
    f"date 2026-04-{day:02d} Harbour workers in {city} extend strike over pay\nSource: Coastal Courier\n\n"
    f"Dock workers in {city} extended their strike on {weekday}, saying the port authority had ignored their demand "
    f"for a {pct} percent raise.\n\n"
    f'"We will stay out until the authority comes to the table," union leader {leader} told reporters.\n\n'
    f"The port authority said it would meet union representatives next week."
    for day, city, weekday, pct, leader in [
        (1, "Rotterdam", "Monday", 6, "Anouk de Vries"),
        (2, "Antwerp", "Tuesday", 7, "Pieter Claes"),
        (3, "Hamburg", "Wednesday", 5, "Jonas Weber"),
        (4, "Gdansk", "Thursday", 8, "Marta Nowak"),
        (6, "Le Havre", "Saturday", 4, "Claire Martin"),
        (7, "Genoa", "Sunday", 9, "Luca Bianchi"),
    ]
]
