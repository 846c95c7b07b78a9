"""Train the cue classifier on the PolNeAR train split: ``python -m newsbrief.quotes.train --data DIR``.

Deterministic (fixed seed, sorted files); writes ``src/newsbrief/data/quote_cues.json`` (or ``--out``). Only the
train split is read: dev stays for scoring.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from newsbrief.eval import data_path
from newsbrief.eval.polnear import GoldArticle, load_split
from newsbrief.quotes.learned import MODEL_FILE, features, is_candidate

SEED = 13
# L2 strength of the logistic regression; 1.0 chosen on a held-out 10% of train (flat between 0.3 and 3).
C = 1.0
# Features seen fewer times than this in train are dropped, to keep the file small and the model steady.
MIN_FEATURE_COUNT = 3
# Probability from which a candidate counts as a cue; chosen on train (0.35, 0.4, 0.5, 0.65 tried) for the best
# content and source F1 of the all subset.
THRESHOLD = 0.4

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / MODEL_FILE


def train_split(data: Path, docbin: Path | None = None) -> tuple[list[GoldArticle], list[Any]]:
    """The train split's articles and their parsed documents (parsed here, or read from a DocBin of them)."""
    from newsbrief.nlp import load_model, parse

    articles = load_split(data, "train")
    if docbin is not None:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(docbin).get_docs(load_model().vocab))
    else:
        docs = list(parse(a.text for a in articles))
    for art, doc in zip(articles, docs, strict=True):
        if doc.text != art.text:
            raise ValueError(f"{docbin}: documents do not match the train split ({art.stem})")
    return articles, docs


def examples(data: Path, docbin: Path | None = None) -> tuple[list[dict[str, float]], list[int]]:
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for art, doc in zip(*train_split(data, docbin), strict=True):
        cue_chars: set[int] = set()
        for item in art.items:
            for s, e in item.cue:
                cue_chars.update(range(s, e))
        for tok in doc:
            if is_candidate(tok):
                xs.append(features(tok))
                ys.append(1 if tok.idx in cue_chars else 0)
    return xs, ys


def fit_logistic(xs: list[dict[str, float]], ys: list[int], c: float = C) -> dict[str, Any]:
    """A logistic regression over sparse features, as the JSON the product reads: weights and intercept."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(k for x in xs for k in x)
    xs = [{k: v for k, v in x.items() if counts[k] >= MIN_FEATURE_COUNT} for x in xs]
    vec = DictVectorizer(sort=True)
    matrix = vec.fit_transform(xs).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    clf = LogisticRegression(C=c, max_iter=2000, random_state=SEED, solver="liblinear")
    clf.fit(matrix, ys)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
               if abs(w) > 1e-4}
    return {"weights": weights, "intercept": round(float(clf.intercept_[0]), 5)}


def train(xs: list[dict[str, float]], ys: list[int]) -> dict[str, object]:
    return {**fit_logistic(xs, ys), "threshold": THRESHOLD, "trained_on": "PolNeAR train", "examples": len(ys),
            "positives": int(sum(ys)), "seed": SEED, "C": C}


def arguments(description: str, default_out: Path, argv: list[str] | None) -> argparse.Namespace:
    """The options both trainers take: the PolNeAR folder, the output file, a parsed train split."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", default=None, help="PolNeAR folder (default ../shared/data/quotes/polnear)")
    parser.add_argument("--out", default=str(default_out))
    parser.add_argument("--docbin", default=None, type=Path,
                        help="the train split already parsed (a spaCy DocBin, same model, sorted file order)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = arguments(__doc__.splitlines()[0], DEFAULT_OUT, argv)
    xs, ys = examples(data_path(args.data, "quotes/polnear"), args.docbin)
    model = train(xs, ys)
    Path(args.out).write_text(json.dumps(model, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {model['examples']} candidates, {model['positives']} cues, "
          f"{len(model['weights'])} weights")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
