"""``ingest``: sources through the pipeline into the store, with a progress bar and a closing summary.

Articles already in the store (same id or same text) are skipped before the NLP pass, so re-running an ingest that
was killed costs only the articles it had not stored yet.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, TypeAlias

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.pipeline import Failure, Pipeline

if TYPE_CHECKING:
    from newsbrief.scale.parallel import ParallelPipeline

    # Either runs the stages the same way; ParallelPipeline spreads them over worker processes.
    AnyPipeline: TypeAlias = Pipeline | ParallelPipeline
from newsbrief.store import dedup
from newsbrief.store.db import Store


@dataclass
class IngestSummary:
    """What one ingest did. ``duplicates`` counts articles already stored (same id or same text);
    ``near_duplicates`` counts stored articles that joined another outlet's story cluster."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    echoes: int = 0
    failures: list[Failure] = field(default_factory=list)
    stopped: bool = False  # asked to stop (SIGINT, SIGTERM) before the sources were read to the end

    @property
    def failed(self) -> int:
        return len(self.failures)

    def lines(self) -> list[str]:
        out = [
            f"read {self.read}, stored {self.stored}, duplicates {self.duplicates}, failed {self.failed}",
            f"near-duplicates joined to a story cluster: {self.near_duplicates}; echoes linked: {self.echoes}",
        ]
        out.extend(f"  failed: {f.message}" for f in self.failures)
        if self.stopped:
            out.append("stopped before the end: every article stored is whole; run the same command again to go on "
                       "(stored articles are skipped)")
        return out


def ingest(
    sources: Iterable[str],
    store: Store,
    pipeline: AnyPipeline | None = None,
    progress: bool = False,
    progress_file: TextIO | None = None,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Read ``sources`` (paths, globs, URLs, feeds, JSONL, WARC), brief each new article and store it.

    ``stop`` is asked before each article is read and after each is stored: when it answers True, the ingest ends
    there (the briefs still in the workers are dropped; a rerun makes them), with ``summary.stopped`` set."""
    from newsbrief.ingest import read_many

    return store_articles(read_many(sources), store, pipeline, progress, progress_file, stop)


def store_articles(
    articles: Iterable[Article | InputError],
    store: Store,
    pipeline: AnyPipeline | None = None,
    progress: bool = False,
    progress_file: TextIO | None = None,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Brief and store articles already read (``watch`` builds them from feed entries); an InputError among them is
    counted as read and reported as failed."""
    summary = IngestSummary()
    pipeline = pipeline or Pipeline(on_error=summary.failures.append)

    def new_articles() -> Iterator[Article]:
        for item in articles:
            if stop is not None and stop():
                summary.stopped = True
                return
            summary.read += 1
            if isinstance(item, InputError):
                summary.failures.append(Failure(item.source, str(item), item))
                continue
            if _already_stored(store, item):
                summary.duplicates += 1
                continue
            yield item

    return store_briefs(pipeline.run(new_articles()), store, summary, pipeline, progress, progress_file, stop)


def store_briefs(
    briefs: Iterable[object],
    store: Store,
    summary: IngestSummary,
    pipeline: AnyPipeline,
    progress: bool,
    progress_file: TextIO | None,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    from newsbrief.model import Brief

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" articles", file=progress_file or sys.stderr, dynamic_ncols=True, desc="ingest")
    try:
        for brief in briefs:
            assert isinstance(brief, Brief)
            result = store.add(brief)
            if result.status == "duplicate":
                summary.duplicates += 1
            else:
                summary.stored += 1
                summary.echoes += result.echoes
                summary.near_duplicates += result.near_duplicate_of is not None
            if bar is not None:
                bar.update(1)
                bar.set_postfix(stored=summary.stored, dup=summary.duplicates, failed=summary.failed, refresh=False)
            if stop is not None and stop():
                summary.stopped = True
                break
    finally:
        close = getattr(briefs, "close", None)
        if close is not None:
            close()  # a stop leaves briefs in the workers: the pipeline's generator cancels them now
        if bar is not None:
            bar.close()
    # A Pipeline given by the caller collects its failures itself.
    for failure in pipeline.failures:
        if failure not in summary.failures:
            summary.failures.append(failure)
    return summary


def _already_stored(store: Store, article: Article) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM articles WHERE id = ? OR content_hash = ?", (article.id, dedup.content_hash(article.text))
    ).fetchone()
    return row is not None
