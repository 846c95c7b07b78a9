"""Memory over a long run: one process briefs N articles and prints its resident memory every 500 articles.

    python benchmarks/memory.py                       # 5,000 articles, spaCy's memory zone on (as the pipeline runs)
    python benchmarks/memory.py --no-zone             # the same without the zone, to see what it holds down
    python benchmarks/memory.py --articles 1000 --every 100 --json

The texts are the PolNeAR train articles (../shared), cycled; from the second pass on every number in them is shifted
and one capitalised word in twenty gets a suffix, so each pass brings new strings as a news stream does (new names,
figures, places): a run over the same 840 texts again and again would hide vocabulary growth. Without the shared data,
generated articles are used (see benchmarks/pipeline.py).

What was found: spaCy's ``StringStore`` (every string a token, lemma or tag produced; printed) grows by some 15 strings
an article without a memory zone and stays flat with one (``nlp.memory_zone()``, spaCy 3.8, which the pipeline opens
once per batch: ``newsbrief.nlp.memory_zone``). That growth is small; what set the resident memory was the batch:
the Docs of one ``nlp.pipe`` batch and spaCy's working arrays for it live together, some 8 MB per news-length
article, so a batch of 32 long articles held 250 MB and more at once. ``nlp.BATCH_SIZE`` is 8 for that reason
(``--batch-size`` to compare). The peak (getrusage) is printed next to the current figure, since the current one
falls between batches.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsbrief.model import Article

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_TRAIN = ROOT.parent / "shared" / "data" / "quotes" / "polnear" / "train" / "text"
GOAL_MB = 600

_NUMBER = re.compile(r"\d+")
_CAPITALISED = re.compile(r"\b([A-Z][a-z]{3,})\b")


def rss_mb() -> float:
    """Resident memory now (not the peak): /proc/self/status on Linux."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    """The most resident memory this process has had (getrusage: kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vary(text: str, round_no: int) -> str:
    """The text as a later news day might carry it: other figures, some new names."""
    if round_no == 0:
        return text
    counter = iter(range(10**9))
    text = _NUMBER.sub(lambda m: str(int(m.group()) + 7919 * round_no), text)
    suffix = "".join(chr(ord("a") + int(d)) for d in str(round_no))
    return _CAPITALISED.sub(lambda m: m.group(1) + suffix if next(counter) % 20 == 0 else m.group(1), text)


def stream(texts: list[str], n: int) -> Iterator[Article]:
    for i in range(n):
        round_no, k = divmod(i, len(texts))
        yield Article(text=vary(texts[k], round_no), origin=f"article-{i}")


def load_texts(data: Path) -> tuple[list[str], str]:
    if data.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(data.glob("*.txt"))], f"PolNeAR train texts ({data})"
    sys.path.insert(0, str(Path(__file__).parent))
    from pipeline import generated_articles  # type: ignore[import-not-found]

    print(f"note: {data} is absent; using generated articles", file=sys.stderr)
    return [a.text for a in generated_articles(200)], "generated articles"


def run(n: int, every: int, data: Path, zone: bool, batch_size: int | None = None) -> dict[str, Any]:
    from newsbrief import nlp
    from newsbrief.pipeline import Pipeline

    texts, corpus = load_texts(data)
    model = nlp.load_model()
    if not zone:  # the pipeline as it ran before: no zone
        nlp.memory_zone = _no_zone  # type: ignore[assignment]
    pipeline = Pipeline(batch_size=batch_size or nlp.BATCH_SIZE)
    started = time.perf_counter()
    samples: list[dict[str, Any]] = [{"articles": 0, "rss_mb": round(rss_mb(), 1), "strings": len(model.vocab.strings)}]
    print(f"{'articles':>9}{'RSS MB':>9}{'peak MB':>9}{'strings':>10}{'seconds':>9}", file=sys.stderr)
    for i, _brief in enumerate(pipeline.run(stream(texts, n)), start=1):
        if i % every == 0:
            sample = {"articles": i, "rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(peak_rss_mb(), 1),
                      "strings": len(model.vocab.strings), "seconds": round(time.perf_counter() - started, 1)}
            samples.append(sample)
            print(f"{i:>9}{sample['rss_mb']:>9.0f}{sample['peak_rss_mb']:>9.0f}{sample['strings']:>10}"
                  f"{sample['seconds']:>9.0f}", file=sys.stderr, flush=True)
    peak = peak_rss_mb()
    return {"corpus": corpus, "articles": n, "memory_zone": zone, "batch_size": pipeline.batch_size,
            "failures": len(pipeline.failures), "samples": samples, "peak_rss_mb": round(peak, 1), "goal_mb": GOAL_MB,
            "meets_goal": peak <= GOAL_MB}


def _no_zone() -> Any:
    import contextlib

    return contextlib.nullcontext()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--every", type=int, default=500, help="print the RSS every this many articles")
    parser.add_argument("--data", type=Path, default=POLNEAR_TRAIN, help="a folder of .txt articles")
    parser.add_argument("--no-zone", action="store_true", help="run without spaCy's memory zone")
    parser.add_argument("--batch-size", type=int, default=None, help="the pipeline's batch (default nlp.BATCH_SIZE)")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    args = parser.parse_args()
    result = run(args.articles, args.every, args.data, zone=not args.no_zone, batch_size=args.batch_size)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        zone = "on" if result["memory_zone"] else "off"
        print(f"peak RSS {result['peak_rss_mb']:.0f} MB over {args.articles} articles (goal <= {GOAL_MB} MB: "
              f"{'meets' if result['meets_goal'] else 'above'}); memory zone {zone}, batch {result['batch_size']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
