"""Time per article of the brief stages alone (layout, summary, renderings), next to the spaCy pass.

    python benchmarks/brief.py [--data CSV] [--limit N] [--json]

On the CNN/DailyMail sample (../shared/data/summaries/cnndm-train-sample/train_sample.csv) by default. Parses every
article once with spaCy's ``nlp.pipe`` (timed: the reference), then times, over the same Docs, (a) the summary
(``summarize``: layout, sentence scoring, points, compression) and (b) the four renderings of the brief. Prints
articles/s and words/s for each, the share of the spaCy pass that the brief stages add, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from newsbrief.errors import NewsbriefError
from newsbrief.eval import data_path
from newsbrief.eval.summaries import DEFAULT_DATA, read_rows
from newsbrief.model import Article, Brief
from newsbrief.nlp import load_model
from newsbrief.render import FORMATS, render
from newsbrief.summarize import summarize


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help=f"the CSV (default ../shared/data/{DEFAULT_DATA})")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        rows = read_rows(data_path(args.data, DEFAULT_DATA), args.limit)
    except NewsbriefError as err:
        print(f"brief benchmark: {err}", file=sys.stderr)
        return 2
    texts = [r.article for r in rows]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    nlp("warm up")

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - started

    articles = [Article(text=t) for t in texts]
    started = time.perf_counter()
    results = [summarize(a, d, (), ()) for a, d in zip(articles, docs, strict=True)]
    summary_s = time.perf_counter() - started

    briefs = [Brief(article=a, lead=lead, points=points) for a, (lead, points) in zip(articles, results, strict=True)]
    started = time.perf_counter()
    for b in briefs:
        for fmt in FORMATS:
            render(b, fmt)
    render_s = time.perf_counter() - started

    n = len(texts)

    def rate(seconds: float) -> dict[str, float]:
        return {
            "seconds": round(seconds, 3),
            "ms_per_article": round(1000 * seconds / n, 2),
            "articles_per_s": round(n / seconds, 1) if seconds else float("inf"),
            "words_per_s": round(words / seconds) if seconds else float("inf"),
        }

    result = {
        "articles": n,
        "words": words,
        "spacy_pipe": rate(spacy_s),
        "summarize": rate(summary_s),
        "render_all_formats": rate(render_s),
        "brief_stages_share_of_spacy": round((summary_s + render_s) / spacy_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(result, sort_keys=True))
        return 0
    print(f"{n} articles, {words} words")
    print(f"{'stage':<22}{'ms/article':>12}{'articles/s':>12}{'words/s':>12}")
    for name in ("spacy_pipe", "summarize", "render_all_formats"):
        r = result[name]
        assert isinstance(r, dict)
        print(f"{name:<22}{r['ms_per_article']:>12.2f}{r['articles_per_s']:>12.1f}{r['words_per_s']:>12.0f}")
    print(f"brief stages add {100 * result['brief_stages_share_of_spacy']:.1f}% to the spaCy pass; "
          f"peak RSS {result['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
