"""Speed of quote extraction on the PolNeAR dev split (shared/EVALUATION.md §5), in one run:

(a) spaCy ``nlp.pipe`` alone; (b) newsbrief's quote extraction including its spaCy pass; (c) textacy's
``direct_quotations`` on the same parsed docs (extraction only, next to newsbrief's extraction only).

    python benchmarks/quotes.py [--data DIR] [--repeat N] [--json]

Prints articles/s and words/s for each, the ratio (b)/(a) (goal: at least 0.75), and the peak RSS of the process.
textacy is a benchmark-only extra (``pip install -e '.[bench]'``); without it (c) is skipped.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any

from newsbrief.eval import data_path
from newsbrief.eval.polnear import load_split
from newsbrief.model import Article
from newsbrief.nlp import BATCH_SIZE, load_model
from newsbrief.quotes import extract_quotes


def _rate(n_articles: int, n_words: int, seconds: float) -> dict[str, float]:
    return {"seconds": round(seconds, 3), "articles_per_s": round(n_articles / seconds, 2),
            "words_per_s": round(n_words / seconds, 1)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="Quote extraction speed on PolNeAR dev")
    parser.add_argument("--data", default=None, help="PolNeAR folder (default ../shared/data/quotes/polnear)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the split (the best pass counts)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    articles = load_split(data_path(args.data, "quotes/polnear"), "dev")
    texts = [a.text for a in articles]
    records = [Article(text=t) for t in texts]
    n, words = len(texts), sum(len(t.split()) for t in texts)
    nlp = load_model()
    list(nlp.pipe(texts[:4]))  # warm up: first-call costs belong to neither side

    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    docs: list[Any] = []
    for _ in range(args.repeat):
        # (a) spaCy alone.
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        keep("spacy", time.perf_counter() - t0)
        # (b) newsbrief: spaCy pass and quote extraction.
        t0 = time.perf_counter()
        for article, doc in zip(records, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
            extract_quotes(article, doc, ())
        keep("newsbrief", time.perf_counter() - t0)
        # newsbrief's extraction alone, on the docs of (a), to set beside textacy's.
        t0 = time.perf_counter()
        for article, doc in zip(records, docs, strict=True):
            extract_quotes(article, doc, ())
        keep("newsbrief_extract_only", time.perf_counter() - t0)

    result: dict[str, Any] = {"split": "dev", "articles": n, "words": words, "repeat": args.repeat}
    for name, seconds in best.items():
        result[name] = _rate(n, words, seconds)
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        result["textacy"] = None
    else:
        failures = 0
        t0 = time.perf_counter()
        for doc in docs:
            try:
                list(direct_quotations(doc))
            except Exception:  # noqa: BLE001 - textacy raises on an odd count of marks; count it, go on
                failures += 1
        result["textacy_extract_only"] = _rate(n, words, time.perf_counter() - t0) | {"failed_articles": failures}
    result["ratio_newsbrief_to_spacy"] = round(best["spacy"] / best["newsbrief"], 3)
    if result.get("textacy_extract_only"):
        result["ratio_newsbrief_to_textacy_extract"] = round(
            result["textacy_extract_only"]["seconds"] / best["newsbrief_extract_only"], 3
        )
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["peak_rss_mib"] = round(rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024, 1)

    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(f"PolNeAR dev: {n} articles, {words} words (best of {args.repeat})")
        for name in ("spacy", "newsbrief", "newsbrief_extract_only", "textacy_extract_only"):
            r = result.get(name)
            if r:
                extra = f"  ({r['failed_articles']} articles failed)" if "failed_articles" in r else ""
                print(f"  {name:<24} {r['articles_per_s']:>8.2f} articles/s {r['words_per_s']:>10.1f} words/s{extra}")
        print(f"  newsbrief / spaCy alone: {result['ratio_newsbrief_to_spacy']:.3f} (goal >= 0.75)")
        if "ratio_newsbrief_to_textacy_extract" in result:
            ratio = result["ratio_newsbrief_to_textacy_extract"]
            print(f"  extraction only, newsbrief speed / textacy speed: {ratio:.3f}")
        print(f"  peak RSS: {result['peak_rss_mib']} MiB")
    return result


if __name__ == "__main__":
    main()
