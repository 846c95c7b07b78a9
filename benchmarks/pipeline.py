"""Pipeline throughput: the full pipeline against spaCy's nlp.pipe alone, the cost of each stage, 1 against 2 workers.

    python benchmarks/pipeline.py                 # PolNeAR dev texts (../shared), or generated articles
    python benchmarks/pipeline.py --json          # one JSON object
    python benchmarks/pipeline.py --articles 40   # a quicker run

Every figure comes from one run over the same articles, so the ratios hold on a busy machine better than the
absolute rates do; the load average before and after is printed so a reader can tell a quiet run from a shared one.

1. spaCy alone: ``nlp.pipe`` over the texts with the pipeline's own model and batch size.
2. Full pipeline, one process, each stage timed (language check, parse, entities, quotes, events, summary,
   assembly), by wrapping the stage functions the pipeline calls; the wrappers cost microseconds.
3. Writes: each brief into a SQLite store (``Store.add``: dedup, speakers, full-text index) and as JSON.
4. Workers: one process, then a warm pool of 2 workers (spaCy already loaded), then the same pool counted
   from a cold start.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsbrief.model import Article, Brief

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "quotes" / "polnear" / "dev" / "text"

# The stages Pipeline calls, as (module, function) so they can be timed where the pipeline looks them up.
STAGES = [
    ("language", "newsbrief.nlp", "check_language"),
    ("parse", "newsbrief.nlp", "parse"),
    ("entities", "newsbrief.entities", "extract_entities"),
    ("quotes", "newsbrief.quotes", "extract_quotes"),
    ("events", "newsbrief.events", "extract_events"),
    ("summary", "newsbrief.summarize", "summarize"),
    ("assembly", "newsbrief.assembly", "assemble"),
]

GOAL_VS_SPACY = 0.70
GOAL_TWO_WORKERS = 1.8


def load_articles(limit: int, data: Path) -> tuple[list[Article], str]:
    if data.is_dir():
        paths = sorted(data.glob("*.txt"))[:limit]
        articles = [Article(text=p.read_text(encoding="utf-8"), origin=p.name) for p in paths]
        return articles, f"PolNeAR dev texts ({data})"
    print(f"note: {data} is absent; using generated articles", file=sys.stderr)
    return generated_articles(limit), "generated articles"


def generated_articles(n: int, seed: int = 7) -> list[Article]:
    """News-shaped articles from templates: ministers, countries, quotes, reported speech; ~350 words each."""
    rng = random.Random(seed)
    people = [("Anna Keller", "Germany", "foreign minister"), ("Rahul Mehta", "India", "trade minister"),
              ("Lucia Ferreira", "Brazil", "finance minister"), ("Kenji Sato", "Japan", "defence minister"),
              ("Amina Bello", "Nigeria", "oil minister"), ("Tomas Novak", "Czech Republic", "prime minister")]
    topics = ["tariffs on steel", "a gas pipeline", "fishing rights", "a border crossing", "vaccine exports",
              "a naval exercise", "grain shipments", "a debt relief plan"]
    verbs = ["rejected", "welcomed", "criticised", "backed", "questioned", "endorsed"]
    articles = []
    for i in range(n):
        (a, ca, ra), (b, cb, rb) = rng.sample(people, 2)
        topic = rng.choice(topics)
        paras = [
            f"{ca}'s {ra} {a} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} {rng.choice(verbs)} a proposal from "
            f"{cb} on {topic}, saying talks would continue but that no deal was close.",
            f'"We cannot accept terms that were written without us," {a} told reporters in the capital. '
            f'"Our door remains open, but not at any price."',
            f"{b}, {cb}'s {rb}, said the offer was fair and warned that {cb} could take the matter to the World "
            f"Trade Organization if there was no progress by the end of the month.",
            f"Analysts said the dispute over {topic} could delay a wider agreement between the two countries, "
            f"which together account for a large share of regional trade.",
            f"According to officials in both capitals, negotiators are due to meet again in Geneva. {a} said "
            f"{ca} would send a delegation and that the government wanted a result before the summer.",
        ] * 2
        articles.append(Article(text="\n\n".join(paras) + "\n", origin=f"generated-{i}"))
    return articles


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# -- 1. spaCy alone --------------------------------------------------------------------------------------------------


def time_spacy(articles: list[Article]) -> tuple[float, float]:
    """Wall and CPU seconds of nlp.pipe over the texts."""
    from newsbrief import nlp

    model = nlp.load_model()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in model.pipe((a.text for a in articles), batch_size=nlp.BATCH_SIZE):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


# -- 2. the full pipeline, stage by stage ----------------------------------------------------------------------------


@contextlib.contextmanager
def stage_timers() -> Iterator[dict[str, float]]:
    """Seconds spent in each stage while the block runs (the stage functions wrapped where the pipeline finds them)."""
    spent: dict[str, float] = defaultdict(float)
    originals: list[tuple[Any, str, Any]] = []
    for stage, module_name, name in STAGES:
        try:
            module = importlib.import_module(module_name)
            original = getattr(module, name)
        except (ImportError, AttributeError):
            print(f"note: stage {stage} ({module_name}.{name}) not found; not timed", file=sys.stderr)
            continue
        originals.append((module, name, original))
        setattr(module, name, _timed_generator(original, stage, spent) if stage == "parse"
                else _timed(original, stage, spent))
    try:
        yield spent
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def _timed(fn: Callable[..., Any], stage: str, spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - start

    return wrapper


def _timed_generator(fn: Callable[..., Iterator[Any]], stage: str, spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        it = fn(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                spent[stage] += time.perf_counter() - start
                return
            spent[stage] += time.perf_counter() - start
            yield item

    return wrapper


def time_pipeline_by_stage(articles: list[Article]) -> tuple[float, float, dict[str, float], list[Brief]]:
    """Wall and CPU seconds of the full pipeline, wall seconds per stage, and the briefs."""
    from newsbrief.pipeline import Pipeline

    with stage_timers() as spent:
        start, cpu = time.perf_counter(), time.process_time()
        briefs = list(Pipeline().run(articles))
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
    return total, cpu, dict(spent), briefs


# -- 3. writes -------------------------------------------------------------------------------------------------------


def time_writes(briefs: list[Brief]) -> dict[str, float]:
    out: dict[str, float] = {}
    start = time.perf_counter()
    for b in briefs:
        json.dumps(b.to_dict(), ensure_ascii=False)
    out["json"] = time.perf_counter() - start
    try:
        from newsbrief.store import Store
    except ImportError:
        return out
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        start = time.perf_counter()
        for b in briefs:
            store.add(b)
        out["store"] = time.perf_counter() - start
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out["store_bytes"] = float(sum(p.stat().st_size for p in Path(folder).iterdir()))
    return out


# -- 4. workers ------------------------------------------------------------------------------------------------------


def time_workers(articles: list[Article], workers: int) -> dict[str, Any]:
    from newsbrief.scale import ParallelPipeline

    start = time.perf_counter()
    with ParallelPipeline(workers=workers) as pp:
        if workers > 1:
            pp.warm_up()
        warm = time.perf_counter()
        cpu = time.process_time()
        n = sum(1 for _ in pp.run(articles))
        end = time.perf_counter()
        cpu = time.process_time() - cpu
    rss = [v / 2**20 for v in pp.stats.peak_rss.values()] or [peak_rss_mb()]
    # CPU seconds of the busiest process: what the wall time would be on idle cores (the parent's own share added
    # for the pool, since it reads, sends and collects while the workers brief).
    busiest = max(pp.stats.cpu_seconds.values()) if pp.stats.cpu_seconds else cpu
    return {"workers": workers, "seconds": end - warm, "seconds_cold": end - start, "briefs": n,
            "failures": len(pp.failures), "peak_rss_mb_per_worker": round(max(rss), 1),
            "cpu_seconds_busiest": round(busiest, 2), "cpu_seconds_parent": round(cpu, 2),
            "cpu_seconds_workers": [round(v, 2) for v in pp.stats.cpu_seconds.values()]}


# -- the run ---------------------------------------------------------------------------------------------------------


def run(limit: int, repeat: int, data: Path, workers: int) -> dict[str, Any]:
    from newsbrief import nlp

    articles, corpus = load_articles(limit, data)
    articles = articles * repeat
    n, w = len(articles), words(articles)
    load_before = os.getloadavg()
    nlp.load_model()
    # Warm caches (model weights, lazy lookups) on a few articles, untimed.
    time_pipeline_by_stage(articles[:4])

    spacy_s, spacy_cpu = time_spacy(articles)
    full_s, full_cpu, stages, briefs = time_pipeline_by_stage(articles)
    writes = time_writes(briefs)
    one = time_workers(articles, 1)
    many = time_workers(articles, workers)
    load_after = os.getloadavg()

    rate = lambda seconds: {"articles_per_s": round(n / seconds, 2), "words_per_s": round(w / seconds)}  # noqa: E731
    staged = sum(stages.values())
    return {
        "corpus": corpus,
        "articles": n,
        "words": w,
        "cores": len(os.sched_getaffinity(0)),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "spacy_alone": {"seconds": round(spacy_s, 2), "cpu_seconds": round(spacy_cpu, 2), **rate(spacy_s)},
        "pipeline": {"seconds": round(full_s, 2), "cpu_seconds": round(full_cpu, 2), **rate(full_s),
                     "peak_rss_mb": round(peak_rss_mb(), 1), "briefs": len(briefs)},
        "pipeline_vs_spacy": round(spacy_s / full_s, 3),
        # CPU seconds: what a busy machine distorts least (wall time also counts the waits for a core).
        "pipeline_vs_spacy_cpu": round(spacy_cpu / full_cpu, 3),
        "stages_seconds": {k: round(v, 3) for k, v in stages.items()} | {"other": round(full_s - staged, 3)},
        "stages_share": {k: round(v / full_s, 3) for k, v in stages.items()},
        "writes_seconds": {k: round(v, 3) for k, v in writes.items() if k != "store_bytes"},
        "writes_per_brief_ms": {k: round(1000 * v / max(1, len(briefs)), 2) for k, v in writes.items()
                                if k != "store_bytes"},
        "store_kb_per_brief": round(writes.get("store_bytes", 0) / 1024 / max(1, len(briefs)), 1),
        "one_worker": one | rate(one["seconds"]),
        "workers": many | rate(many["seconds"]),
        "speedup": round(one["seconds"] / many["seconds"], 3),
        "speedup_cold": round(one["seconds_cold"] / many["seconds_cold"], 3),
        # On idle cores each worker's CPU time is its wall time: one process's CPU over the busiest worker's.
        "speedup_cpu_estimate": round(one["cpu_seconds_busiest"] / many["cpu_seconds_busiest"], 3),
    }


def run_workers_only(limit: int, repeat: int, data: Path, workers: int) -> dict[str, Any]:
    from newsbrief import nlp

    articles, corpus = load_articles(limit, data)
    articles = articles * repeat
    load_before = os.getloadavg()
    nlp.load_model()
    time_pipeline_by_stage(articles[:4])
    one = time_workers(articles, 1)
    many = time_workers(articles, workers)
    return {"corpus": corpus, "articles": len(articles), "load_average_before": load_before,
            "load_average_after": os.getloadavg(), "one_worker": one, "workers": many,
            "speedup": round(one["seconds"] / many["seconds"], 3),
            "speedup_cpu_estimate": round(one["cpu_seconds_busiest"] / many["cpu_seconds_busiest"], 3)}


def print_table(r: dict[str, Any]) -> None:
    print(f"corpus: {r['corpus']}; {r['articles']} articles, {r['words']:,} words; {r['cores']} cores")
    print(f"load average before {r['load_average_before']}, after {r['load_average_after']}"
          + ("  (machine shared: figures are lower bounds)" if r["load_average_before"][0] > 0.5 else ""))
    print()
    print(f"{'run':<28}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak RSS MB':>13}")
    rows = [("spaCy nlp.pipe alone", r["spacy_alone"], None),
            ("full pipeline, 1 process", r["pipeline"], r["pipeline"]["peak_rss_mb"]),
            ("ParallelPipeline, 1 worker", r["one_worker"], r["one_worker"]["peak_rss_mb_per_worker"]),
            (f"ParallelPipeline, {r['workers']['workers']} workers", r["workers"],
             r["workers"]["peak_rss_mb_per_worker"])]
    for name, row, rss in rows:
        print(f"{name:<28}{row['seconds']:>9.2f}{row['articles_per_s']:>12.2f}{row['words_per_s']:>10,}"
              f"{'' if rss is None else format(rss, '.0f'):>13}")
    print()
    print("stage            seconds   share")
    for stage, seconds in r["stages_seconds"].items():
        share = seconds / r["pipeline"]["seconds"]
        print(f"  {stage:<14}{seconds:>9.2f}{share:>8.1%}")
    for kind, ms in r["writes_per_brief_ms"].items():
        print(f"  write {kind:<8}{r['writes_seconds'][kind]:>9.2f}  ({ms:.1f} ms per brief, outside the pipeline)")
    print(f"  store size: {r['store_kb_per_brief']:.1f} KB per brief (SQLite file, WAL checkpointed)")
    print()
    ok = lambda v, goal: "meets" if v >= goal else "below"  # noqa: E731
    print(f"pipeline / spaCy alone        {r['pipeline_vs_spacy']:.2f}   goal >= {GOAL_VS_SPACY:.2f}: "
          f"{ok(r['pipeline_vs_spacy'], GOAL_VS_SPACY)}")
    print(f"pipeline / spaCy (CPU time)   {r['pipeline_vs_spacy_cpu']:.2f}   CPU seconds: spaCy "
          f"{r['spacy_alone']['cpu_seconds']:.1f}, pipeline {r['pipeline']['cpu_seconds']:.1f}")
    print(f"{r['workers']['workers']} workers / 1 (warm)         {r['speedup']:.2f}   goal >= {GOAL_TWO_WORKERS:.2f}: "
          f"{ok(r['speedup'], GOAL_TWO_WORKERS)}")
    print(f"{r['workers']['workers']} workers / 1 (cold start)   {r['speedup_cold']:.2f}")
    print(f"{r['workers']['workers']} workers / 1 (CPU estimate) {r['speedup_cpu_estimate']:.2f}   one process's CPU "
          f"seconds {r['one_worker']['cpu_seconds_busiest']:.1f} over the busiest worker's "
          f"{r['workers']['cpu_seconds_busiest']:.1f} (workers {r['workers']['cpu_seconds_workers']}, parent "
          f"{r['workers']['cpu_seconds_parent']:.1f}): the speedup on idle cores")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=84, help="articles to read (PolNeAR dev has 84)")
    parser.add_argument("--repeat", type=int, default=1, help="run over the articles this many times")
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with one (default 2)")
    parser.add_argument("--data", type=Path, default=POLNEAR_DEV, help="a folder of .txt articles")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--workers-only", action="store_true",
                        help="only 1 against N workers (a minute: for catching a quiet moment on a shared machine)")
    args = parser.parse_args()
    if args.workers_only:
        print(json.dumps(run_workers_only(args.articles, args.repeat, args.data, args.workers), indent=2))
        return 0
    result = run(args.articles, args.repeat, args.data, args.workers)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
