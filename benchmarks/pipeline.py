"""Pipeline throughput, measured so that the comparison is fair: the full pipeline against spaCy's nlp.pipe alone,
the cost of each stage, 1 against 2 workers.

    python benchmarks/pipeline.py                 # PolNeAR dev texts (../shared), or generated articles
    python benchmarks/pipeline.py --data ../shared/data/quotes/polnear/train/text --articles 840
    python benchmarks/pipeline.py --json          # one JSON object

How it stays honest on a shared machine:

1. Both are warmed on the first chunk (untimed), then timed over the same chunks of articles, interleaved: chunk
   by chunk, spaCy alone then the pipeline, the next chunk the other way round, so neither always runs on a
   vocabulary the other has just warmed, and a burst of load from elsewhere falls on both. Each pass runs inside
   spaCy's memory zone (as the pipeline does), so neither leaves its strings to the other.
2. CPU time (``time.process_time``) is the headline: what a busy machine distorts least. Wall time is reported
   too, with the spread of the per-chunk ratios (min, median, max), and the load average before and after.
3. Stage shares come from CPU time spent inside each stage function during the timed pipeline passes.
4. Workers: a warm pool of 2 against one process, again interleaved by chunk with alternating order; the speedup
   by wall time, and the CPU estimate (one process's CPU over the busiest worker's), which is the speedup on idle
   cores.
5. Writes (outside the pipeline): each brief into a SQLite store and as JSON.
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
import statistics
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

GOAL_VS_SPACY = 0.90
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


# -- timers ---------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def stage_timers() -> Iterator[dict[str, float]]:
    """CPU seconds spent in each stage while the block runs (the stage functions wrapped where the pipeline finds
    them; the wrappers cost microseconds)."""
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
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    return wrapper


def _timed_generator(fn: Callable[..., Iterator[Any]], stage: str, spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        it = fn(*args, **kwargs)
        while True:
            start = time.process_time()
            try:
                item = next(it)
            except StopIteration:
                spent[stage] += time.process_time() - start
                return
            spent[stage] += time.process_time() - start
            yield item

    return wrapper


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(started: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - started[0], cpu - started[1]


# -- 1 and 2. spaCy alone and the pipeline, interleaved ------------------------------------------------------------


def spacy_pass(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of nlp.pipe over the texts (the pipeline's model and batch size, in a memory zone)."""
    from newsbrief import nlp

    model = nlp.load_model()
    started = _clock()
    with nlp.memory_zone():
        for _ in model.pipe(texts, batch_size=nlp.BATCH_SIZE):
            pass
    return _since(started)


def pipeline_pass(articles: list[Article]) -> tuple[float, float, list[Brief]]:
    from newsbrief.pipeline import Pipeline

    started = _clock()
    briefs = list(Pipeline().run(articles))
    wall, cpu = _since(started)
    return wall, cpu, briefs


def chunks(articles: list[Article], size: int) -> list[list[Article]]:
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def spread(values: list[float]) -> dict[str, float]:
    return {"min": round(min(values), 3), "median": round(statistics.median(values), 3),
            "max": round(max(values), 3)}


def interleaved(articles: list[Article], chunk: int) -> dict[str, Any]:
    parts = chunks(articles, chunk)
    spacy_pass([a.text for a in parts[0]])  # warm both, untimed
    pipeline_pass(parts[0])
    totals = {"spacy_wall": 0.0, "spacy_cpu": 0.0, "pipeline_wall": 0.0, "pipeline_cpu": 0.0}
    ratios_cpu, ratios_wall = [], []
    briefs: list[Brief] = []
    with stage_timers() as stages:
        for i, part in enumerate(parts):
            texts = [a.text for a in part]
            if i % 2 == 0:
                spacy_wall, spacy_cpu = spacy_pass(texts)
                pipe_wall, pipe_cpu, got = pipeline_pass(part)
            else:
                pipe_wall, pipe_cpu, got = pipeline_pass(part)
                spacy_wall, spacy_cpu = spacy_pass(texts)
            briefs += got
            totals["spacy_wall"] += spacy_wall
            totals["spacy_cpu"] += spacy_cpu
            totals["pipeline_wall"] += pipe_wall
            totals["pipeline_cpu"] += pipe_cpu
            ratios_cpu.append(spacy_cpu / pipe_cpu)
            ratios_wall.append(spacy_wall / pipe_wall)
        stage_cpu = dict(stages)
    # spacy_pass calls the model itself, not nlp.parse: the stage timers saw the pipeline's passes only.
    return {"totals": totals, "ratios_cpu": ratios_cpu, "ratios_wall": ratios_wall, "stages_cpu": stage_cpu,
            "briefs": briefs, "chunks": len(parts)}


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


def interleaved_workers(articles: list[Article], workers: int, chunk: int) -> dict[str, Any]:
    """One process against a warm pool of ``workers``, chunk by chunk in alternating order."""
    from newsbrief.pipeline import Pipeline
    from newsbrief.scale import ParallelPipeline

    parts = chunks(articles, chunk)
    one_wall = many_wall = one_cpu = 0.0
    ratios: list[float] = []
    with ParallelPipeline(workers=workers) as pp:
        pp.warm_up()
        list(pp.run(parts[0]))  # warm the workers' caches, untimed
        list(Pipeline().run(parts[0]))
        before = dict(pp.stats.cpu_seconds)
        parent_cpu = 0.0
        for i, part in enumerate(parts):
            runs: dict[str, float] = {}
            for which in (("one", "many") if i % 2 == 0 else ("many", "one")):
                started = _clock()
                if which == "one":
                    list(Pipeline().run(part))
                    runs["one"], runs["one_cpu"] = _since(started)
                else:
                    list(pp.run(part))
                    runs["many"], runs["parent_cpu"] = _since(started)
            one_wall += runs["one"]
            one_cpu += runs["one_cpu"]
            many_wall += runs["many"]
            parent_cpu += runs["parent_cpu"]
            ratios.append(runs["one"] / runs["many"])
        worker_cpu = {pid: cpu - before.get(pid, 0.0) for pid, cpu in pp.stats.cpu_seconds.items()}
        rss = [v / 2**20 for v in pp.stats.peak_rss.values()]
    busiest = max(worker_cpu.values()) if worker_cpu else many_wall
    return {
        "workers": workers, "chunks": len(parts), "one_process_seconds": round(one_wall, 2),
        "one_process_cpu_seconds": round(one_cpu, 2), "pool_seconds": round(many_wall, 2),
        "speedup": round(one_wall / many_wall, 3), "speedup_spread": spread(ratios),
        "cpu_seconds_workers": sorted(round(v, 2) for v in worker_cpu.values()),
        "cpu_seconds_parent": round(parent_cpu, 2),
        # On idle cores each worker's CPU time is its wall time: one process's CPU over the busiest worker's.
        "speedup_cpu_estimate": round(one_cpu / busiest, 3) if busiest else None,
        "peak_rss_mb_per_worker": round(max(rss), 1) if rss else None,
    }


# -- the run ---------------------------------------------------------------------------------------------------------


def run(limit: int, repeat: int, data: Path, workers: int, chunk: int, skip_workers: bool = False) -> dict[str, Any]:
    from newsbrief import nlp

    articles, corpus = load_articles(limit, data)
    articles = articles * repeat
    n, w = len(articles), words(articles)
    load_before = os.getloadavg()
    nlp.load_model()
    passes = interleaved(articles, chunk)
    t = passes["totals"]
    writes = time_writes(passes["briefs"])
    pool = None if skip_workers else interleaved_workers(articles, workers, max(chunk, 4 * workers * 2))
    load_after = os.getloadavg()
    stages = passes["stages_cpu"]
    staged = sum(stages.values())
    briefs = passes["briefs"]
    return {
        "corpus": corpus,
        "articles": n,
        "words": w,
        "cores": len(os.sched_getaffinity(0)),
        "chunk": chunk,
        "chunks": passes["chunks"],
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "spacy_alone": {"seconds": round(t["spacy_wall"], 2), "cpu_seconds": round(t["spacy_cpu"], 2),
                        "articles_per_s": round(n / t["spacy_wall"], 2), "words_per_s": round(w / t["spacy_wall"])},
        "pipeline": {"seconds": round(t["pipeline_wall"], 2), "cpu_seconds": round(t["pipeline_cpu"], 2),
                     "articles_per_s": round(n / t["pipeline_wall"], 2),
                     "words_per_s": round(w / t["pipeline_wall"]), "peak_rss_mb": round(peak_rss_mb(), 1),
                     "briefs": len(briefs)},
        # CPU seconds: what a busy machine distorts least (wall time also counts the waits for a core).
        "pipeline_vs_spacy_cpu": round(t["spacy_cpu"] / t["pipeline_cpu"], 3),
        "pipeline_vs_spacy_cpu_spread": spread(passes["ratios_cpu"]),
        "pipeline_vs_spacy": round(t["spacy_wall"] / t["pipeline_wall"], 3),
        "pipeline_vs_spacy_spread": spread(passes["ratios_wall"]),
        "stages_cpu_seconds": {k: round(v, 3) for k, v in stages.items()}
        | {"other": round(t["pipeline_cpu"] - staged, 3)},
        "stages_share": {k: round(v / t["pipeline_cpu"], 3) for k, v in stages.items()}
        | {"other": round((t["pipeline_cpu"] - staged) / t["pipeline_cpu"], 3)},
        "writes_per_brief_ms": {k: round(1000 * v / max(1, len(briefs)), 2) for k, v in writes.items()
                                if k != "store_bytes"},
        "store_kb_per_brief": round(writes.get("store_bytes", 0) / 1024 / max(1, len(briefs)), 1),
        "workers": pool,
    }


def print_table(r: dict[str, Any]) -> None:
    print(f"corpus: {r['corpus']}; {r['articles']} articles, {r['words']:,} words; {r['cores']} cores; "
          f"{r['chunks']} chunks of {r['chunk']}, interleaved")
    print(f"load average before {r['load_average_before']}, after {r['load_average_after']}")
    print()
    print(f"{'run':<26}{'CPU s':>8}{'wall s':>8}{'articles/s':>12}{'words/s':>10}")
    for name, row in (("spaCy nlp.pipe alone", r["spacy_alone"]), ("full pipeline", r["pipeline"])):
        print(f"{name:<26}{row['cpu_seconds']:>8.2f}{row['seconds']:>8.2f}{row['articles_per_s']:>12.2f}"
              f"{row['words_per_s']:>10,}")
    c, wl = r["pipeline_vs_spacy_cpu_spread"], r["pipeline_vs_spacy_spread"]
    print(f"pipeline / spaCy alone, CPU  {r['pipeline_vs_spacy_cpu']:.3f}  (chunks: min {c['min']}, median "
          f"{c['median']}, max {c['max']}; goal >= {GOAL_VS_SPACY})")
    print(f"pipeline / spaCy alone, wall {r['pipeline_vs_spacy']:.3f}  (chunks: min {wl['min']}, median "
          f"{wl['median']}, max {wl['max']})")
    print()
    print("stage (CPU)      seconds   share")
    for stage, seconds in r["stages_cpu_seconds"].items():
        print(f"  {stage:<14}{seconds:>9.2f}{r['stages_share'][stage]:>8.1%}")
    for kind, ms in r["writes_per_brief_ms"].items():
        print(f"  write {kind:<8} {ms:.1f} ms per brief (outside the pipeline)")
    print(f"  store size: {r['store_kb_per_brief']:.1f} KB per brief (SQLite file, WAL checkpointed)")
    pool = r["workers"]
    if pool:
        sp = pool["speedup_spread"]
        print()
        print(f"{pool['workers']} workers / 1 process, wall  {pool['speedup']:.2f}  (chunks: min {sp['min']}, median "
              f"{sp['median']}, max {sp['max']}; goal >= {GOAL_TWO_WORKERS}); one process {pool['one_process_seconds']}"
              f" s, pool {pool['pool_seconds']} s")
        print(f"{pool['workers']} workers / 1 process, CPU estimate {pool['speedup_cpu_estimate']}: one process's "
              f"{pool['one_process_cpu_seconds']} CPU s over the busiest worker's (workers "
              f"{pool['cpu_seconds_workers']}, parent {pool['cpu_seconds_parent']}); peak RSS per worker "
              f"{pool['peak_rss_mb_per_worker']} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=84, help="articles to read (PolNeAR dev has 84)")
    parser.add_argument("--repeat", type=int, default=1, help="run over the articles this many times")
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with one (default 2)")
    parser.add_argument("--chunk", type=int, default=16, help="articles per interleaved chunk")
    parser.add_argument("--data", type=Path, default=POLNEAR_DEV, help="a folder of .txt articles")
    parser.add_argument("--no-workers", action="store_true", help="skip the 1 against N workers comparison")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = run(args.articles, args.repeat, args.data, args.workers, args.chunk, skip_workers=args.no_workers)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
