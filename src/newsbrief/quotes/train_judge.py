"""Train the quotation judge on the PolNeAR train split: ``python -m newsbrief.quotes.train_judge --data DIR``.

Every quotation the rules find in a train article is an example; it is positive when it matches a gold attribution
under the content-overlap rule of shared/EVALUATION.md §1. The threshold is chosen on out-of-fold probabilities
(5 folds over train articles) for the best direct-subset content-overlap F1. Deterministic (fixed seed, sorted
files); writes ``src/newsbrief/data/quote_judge.json`` (or ``--out``). Dev is never read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsbrief.eval import data_path
from newsbrief.eval.polnear import Counts, GoldArticle, Predicted, matched_pairs, prediction_of, score_article
from newsbrief.model import Article
from newsbrief.quotes import find_quotations
from newsbrief.quotes.direct import Paragraphs
from newsbrief.quotes.judge import MODEL_FILE, features, probability
from newsbrief.quotes.train import SEED, C, arguments, fit_logistic, train_split

FOLDS = 5
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 12))

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / MODEL_FILE


def examples(articles: list[GoldArticle], docs: list[Any]) -> list[tuple[GoldArticle, list[Predicted], list[
        dict[str, float]], list[int]]]:
    """Per article: its predictions, their features and their labels."""
    out = []
    for art, doc in zip(articles, docs, strict=True):
        article = Article(text=art.text)
        found, _cards, _structure = find_quotations(article, doc)
        index = Paragraphs(article.paragraphs, len(art.text))
        preds = [prediction_of(art.text, f.quote(art.text)) for f in found]
        feats = [features(f, doc, index) for f in found]
        matched = {pi for _gi, pi in matched_pairs(art.text, art.items, preds)}
        out.append((art, preds, feats, [1 if i in matched else 0 for i in range(len(preds))]))
    return out


def _direct_f1(rows: list[tuple[GoldArticle, list[Predicted], list[float]]], threshold: float) -> float:
    total = Counts()
    for art, preds, probs in rows:
        kept = [p for p, q in zip(preds, probs, strict=True) if q >= threshold]
        total.add(score_article(art.text, art.items, kept, "direct")["content_overlap"])
    return total.f1


def choose_threshold(data: list[tuple[GoldArticle, list[Predicted], list[dict[str, float]], list[int]]]) -> tuple[
        float, dict[str, float]]:
    """Out-of-fold probabilities over train articles, and the threshold with the best direct content-overlap F1."""
    rows = []
    for k in range(FOLDS):
        train_part = [d for i, d in enumerate(data) if i % FOLDS != k]
        model = fit_logistic([x for d in train_part for x in d[2]], [y for d in train_part for y in d[3]])
        for i, (art, preds, feats, _labels) in enumerate(data):
            if i % FOLDS == k:
                rows.append((art, preds, [probability(model, x) for x in feats]))
    table = {str(t): round(_direct_f1(rows, t), 4) for t in (0.0, *THRESHOLDS)}
    best = max(THRESHOLDS, key=lambda t: (table[str(t)], -t))
    return best, table


def main(argv: list[str] | None = None) -> None:
    args = arguments(__doc__.splitlines()[0], DEFAULT_OUT, argv)
    articles, docs = train_split(data_path(args.data, "quotes/polnear"), args.docbin)
    data = examples(articles, docs)
    threshold, table = choose_threshold(data)
    model = fit_logistic([x for d in data for x in d[2]], [y for d in data for y in d[3]])
    model.update({"threshold": threshold, "out_of_fold_direct_f1": table, "trained_on": "PolNeAR train",
                  "examples": sum(len(d[3]) for d in data), "positives": sum(sum(d[3]) for d in data),
                  "seed": SEED, "C": C})
    Path(args.out).write_text(json.dumps(model, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {model['examples']} finds, {model['positives']} matched, "
          f"{len(model['weights'])} weights, threshold {threshold}; out-of-fold direct F1 by threshold: {table}")


if __name__ == "__main__":
    main()
