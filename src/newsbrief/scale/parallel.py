"""Every core of one machine: the pipeline in N worker processes, each loading spaCy once.

``ParallelPipeline(workers=N)`` has the same face as ``Pipeline``: ``run(articles)`` and ``run_sources(sources)``
yield Briefs in input order, and what could not be briefed goes to ``on_error`` (or ``failures``). The output is the
output of one ``Pipeline`` over the same articles, brief for brief; only the wall time changes.

How it works:

1. Read: sources are read in this process (``ingest.read_many``), so the order of articles and the reading
   failures are those of one process.
2. Chunk: articles go to the workers in chunks of ``chunk_size``, at most ``IN_FLIGHT_PER_WORKER`` chunks per
   worker at a time, so memory stays bounded on a stream of millions of articles.
3. Brief: each worker loads spaCy once (the pool's initializer) and runs a plain ``Pipeline`` over its chunk;
   an article that raises becomes a Failure there, and the worker goes on.
4. Order: results come back per chunk and are yielded in the order the chunks were sent.
5. Survive: a worker that dies (a segfault in native code, the kernel's OOM killer) breaks the pool. The chunks that
   were in flight are re-run one article at a time in a fresh pool; the article that kills a worker again becomes a
   Failure, and the run goes on with a fresh pool.
6. Leave: a worker whose parent is killed (SIGKILL, SIGTERM) exits within ``PARENT_CHECK_S``; none is orphaned.

With ``workers=1``, or when the whole input fits in one chunk, the work is done in this process: starting a process
and loading spaCy in it costs more than it saves on a handful of articles.
"""

from __future__ import annotations

import collections
import itertools
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import threading
import time
import typing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import NewsbriefError
from newsbrief.model import Article, Brief
from newsbrief.pipeline import ErrorHandler, Failure, Pipeline, articles_from_sources

log = logging.getLogger(__name__)

# Articles per task sent to a worker. The work is shared out a chunk at a time, so the last chunk decides how
# unevenly two workers finish: with 8, 24 PolNeAR articles split 3.3 to 2.4 CPU seconds between two workers (a 1.72x
# speedup at best); 4 halves that tail. Pickling a chunk costs well under a millisecond next to ~0.3 s of briefing
# per article, and nlp.pipe gains little from batches larger than a few news-length texts (benchmarks/pipeline.py).
CHUNK_SIZE = 4

# Chunks queued per worker: two keeps each worker busy while the parent reads the next chunk and collects results.
IN_FLIGHT_PER_WORKER = 2


def default_workers() -> int:
    """All the cores this process may run on (the CPU affinity mask, which containers and taskset narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity mask
        return max(1, os.cpu_count() or 1)


@dataclass
class WorkerStats:
    """What the workers reported, per worker process id: peak resident memory (bytes), articles briefed, and CPU
    seconds spent briefing them (which, unlike wall time, a busy machine does not inflate much)."""

    peak_rss: dict[int, int] = field(default_factory=dict)
    articles: dict[int, int] = field(default_factory=dict)
    cpu_seconds: dict[int, float] = field(default_factory=dict)
    restarts: int = 0

    def record(self, pid: int, rss: int, n: int, cpu: float) -> None:
        self.peak_rss[pid] = max(rss, self.peak_rss.get(pid, 0))
        self.articles[pid] = self.articles.get(pid, 0) + n
        self.cpu_seconds[pid] = self.cpu_seconds.get(pid, 0.0) + cpu


@dataclass(frozen=True)
class _ChunkResult:
    briefs: list[Brief]
    failures: list[tuple[str, str, object]]  # origin, message, the error as _ship made it
    pid: int
    peak_rss: int
    cpu_seconds: float


class ParallelPipeline:
    """``Pipeline`` over a pool of worker processes; briefs come out in input order, identical to one process.

    Use as a context manager to keep the pool (and its loaded spaCy models) across several runs::

        with ParallelPipeline(workers=4) as pp:
            for brief in pp.run_sources(["feeds/*.xml"]):
                ...
        pp.failures, pp.stats.peak_rss
    """

    def __init__(
        self,
        workers: int | None = None,
        on_error: ErrorHandler | None = None,
        chunk_size: int = CHUNK_SIZE,
        **pipeline_options: Any,
    ) -> None:
        """``pipeline_options`` (``batch_size``, ``llm``, ...) go to the ``Pipeline`` of each worker, so they must
        pickle; ``workers`` defaults to every core."""
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
        self.workers = workers or default_workers()
        self.pipeline_options = pipeline_options
        self.chunk_size = chunk_size
        self.failures: list[Failure] = []
        self._on_error = on_error or self.failures.append
        self.stats = WorkerStats()
        self._pool: ProcessPoolExecutor | None = None

    # -- the public face, as Pipeline's ---------------------------------------------------------------------------

    def run(self, articles: Iterable[Article]) -> Iterator[Brief]:
        """Yield one Brief per article that could be briefed, in input order."""
        it = iter(articles)
        first = list(itertools.islice(it, self.chunk_size))
        if not first:
            return
        following = list(itertools.islice(it, self.chunk_size))
        if self.workers == 1 or not following:
            # 0. Small input or one worker: this process, no pool to start.
            yield from self._run_here(itertools.chain(first, following, it))
            return
        yield from self._run_pooled(itertools.chain([first, following], _chunks(it, self.chunk_size)))

    def run_sources(self, sources: Iterable[str]) -> Iterator[Brief]:
        """Read paths, globs, URLs, feeds, JSONL, WARC or ``-`` here, and brief their articles in the workers."""
        # 1. Read, in this process: reading failures are reported in the order one process reports them.
        yield from self.run(articles_from_sources(sources, self._on_error))

    def warm_up(self) -> None:
        """Start the pool and load spaCy in every worker now, so that timing later runs excludes start-up."""
        pool = self._ensure_pool()
        for f in [pool.submit(_worker_pid) for _ in range(self.workers * 2)]:
            f.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ParallelPipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- in this process --------------------------------------------------------------------------------------------

    def _run_here(self, articles: Iterable[Article]) -> Iterator[Brief]:
        pipeline = Pipeline(**self._pipeline_kwargs(), on_error=self._on_error)
        yield from pipeline.run(articles)

    def _pipeline_kwargs(self) -> dict[str, Any]:
        return self.pipeline_options

    # -- in the pool ------------------------------------------------------------------------------------------------

    def _run_pooled(self, chunks: Iterator[list[Article]]) -> Iterator[Brief]:
        owns_pool = self._pool is None
        pending: collections.deque[tuple[list[Article], Future[_ChunkResult]]] = collections.deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        try:
            while True:
                # 2. Chunk: keep the pool fed, with a bounded number of chunks in flight.
                while len(pending) < limit and (chunk := next(chunks, None)) is not None:
                    pending.append((chunk, self._ensure_pool().submit(_brief_chunk, chunk, self._pipeline_kwargs())))
                if not pending:
                    return
                chunk, future = pending[0]
                try:
                    result = future.result()
                except Exception as err:  # noqa: BLE001 - BrokenProcessPool, or a result that could not be pickled
                    # 5. Survive: everything in flight is suspect; re-run it article by article in a fresh pool.
                    suspects = [a for c, _ in pending for a in c]
                    pending.clear()
                    log.warning("worker pool broke (%s); re-running %d articles one at a time", err, len(suspects))
                    self._restart_pool()
                    for article in suspects:
                        yield from self._run_isolated(article)
                    continue
                pending.popleft()
                # 4. Order: this is the oldest chunk sent.
                yield from self._take(result)
        finally:
            for _, f in pending:
                f.cancel()
            if owns_pool:
                self.close()

    def _run_isolated(self, article: Article) -> Iterator[Brief]:
        try:
            result = self._ensure_pool().submit(_brief_chunk, [article], self._pipeline_kwargs()).result()
        except BrokenProcessPool:
            self._restart_pool()
            origin = article.origin or article.url or article.id
            err = NewsbriefError(f"{origin}: the worker process briefing this article died (a crash in native code, "
                                 "or out of memory)")
            self._on_error(Failure(origin, str(err), err))
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a brief that cannot be pickled back; one article only
            origin = article.origin or article.url or article.id
            self._on_error(Failure(origin, f"{origin}: {type(exc).__name__}: {exc}", exc))
            return
        yield from self._take(result)

    def _take(self, result: _ChunkResult) -> Iterator[Brief]:
        self.stats.record(result.pid, result.peak_rss, len(result.briefs) + len(result.failures), result.cpu_seconds)
        for origin, message, shipped in result.failures:
            self._on_error(Failure(origin, message, _unship(shipped, message)))
        yield from result.briefs

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=_context(), initializer=_init_worker, initargs=(os.getpid(),)
            )
        return self._pool

    def _restart_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self.stats.restarts += 1


def run_parallel(
    sources_or_articles: Iterable[str | Article],
    workers: int | None = None,
    on_error: ErrorHandler | None = None,
    **pipeline_options: Any,
) -> Iterator[Brief]:
    """Brief sources (paths, globs, URLs, ...) or Articles on ``workers`` processes (default: every core).

    Briefs come in input order; what could not be read or briefed goes to ``on_error`` as a ``Failure`` (logged as a
    warning when no handler is given). Sources and articles may be mixed; a source's articles keep its place.
    """
    handler = on_error or _log_failure
    with ParallelPipeline(workers=workers, on_error=handler, **pipeline_options) as pp:
        yield from pp.run(_articles_of(sources_or_articles, handler))


def _articles_of(items: Iterable[str | Article], on_error: ErrorHandler) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Article):
            yield item
        else:
            yield from articles_from_sources([item], on_error)


def _log_failure(failure: Failure) -> None:
    log.warning("%s", failure.message)


def _chunks(it: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    # fork on Linux, as spaCy's own ``nlp.pipe(n_process=...)`` does: it works from notebooks and from scripts without
    # an ``if __name__ == "__main__"`` guard, starts in milliseconds, and workers share the parent's spaCy pages
    # (copy-on-write) when the parent has loaded it. Elsewhere fork is unsafe or absent, so spawn.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# -- in the worker process -------------------------------------------------------------------------------------------


# Seconds between a worker's checks that its parent is still alive.
PARENT_CHECK_S = 0.5


def _init_worker(parent_pid: int) -> None:
    # A worker whose parent was killed (SIGKILL, SIGTERM, the OOM killer) would otherwise wait for work for ever:
    # its siblings hold the task pipe open, so it never reads end-of-file. It watches its parent and leaves with it.
    threading.Thread(target=_leave_with_parent, args=(parent_pid,), name="parent-watch", daemon=True).start()
    # Ctrl-C reaches the whole process group; the parent decides how to stop (ingest: at the next article, with
    # what is briefed kept), so a worker must not die of it half-way through a chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # 3. Brief: spaCy is loaded once per worker, before its first chunk.
    from newsbrief.nlp import load_model

    load_model()


def _leave_with_parent(parent_pid: int) -> None:
    """Exit this process as soon as ``parent_pid`` is no longer its parent (the parent died; init adopted us).

    A polling thread rather than Linux's PR_SET_PDEATHSIG: that signal fires when the *thread* that forked the
    worker ends, which in a web server or a thread pool is long before the parent does; polling works everywhere.
    """
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _worker_pid() -> int:
    return os.getpid()


def _brief_chunk(articles: list[Article], pipeline_kwargs: dict[str, Any]) -> _ChunkResult:
    cpu = time.process_time()
    failures: list[tuple[str, str, object]] = []
    pipeline = Pipeline(**pipeline_kwargs, on_error=lambda f: failures.append((f.origin, f.message, _ship(f.error))))
    briefs = list(pipeline.run(articles))
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return _ChunkResult(briefs, failures, os.getpid(), rss, time.process_time() - cpu)


def _ship(error: Exception) -> object:
    """The error in a form that pickles back to the parent with its class and attributes.

    Exceptions whose ``__init__`` takes other arguments than ``args`` (``InputError(source, problem)``) do not
    unpickle as they are; they travel as (class, args, attributes) and are rebuilt without calling ``__init__``.
    """
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - any unpickling trouble: fall back to the parts
        state = {k: v for k, v in vars(error).items() if _pickles(v)}
        return (type(error), tuple(a for a in error.args if _pickles(a)), state)


def _unship(shipped: object, message: str) -> Exception:
    if isinstance(shipped, Exception):
        return shipped
    try:
        cls, args, state = typing.cast(tuple[type[Exception], tuple[object, ...], dict[str, object]], shipped)
        error = cls.__new__(cls)
        error.args = args
        error.__dict__.update(state)
        return error
    except Exception:  # noqa: BLE001 - the class itself may not import here; keep the message
        return NewsbriefError(message)


def _pickles(value: object) -> bool:
    try:
        pickle.dumps(value)
        return True
    except Exception:  # noqa: BLE001
        return False
