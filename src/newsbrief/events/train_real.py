"""Trains the learned decision (``decide``) on the real train split and tunes it on the dev split.

``python -m newsbrief.events.train_real [--shared ../shared/data] [--out src/newsbrief/data/event_decision.json]``

1. Each sentence of ``events/real/events_train.jsonl`` (and of ``events_gold.jsonl``, for tuning) goes through the
   pipeline's stages up to the coder's candidates (``coder.candidates_of``), as one-sentence articles.
2. A candidate is labelled with the type of the gold event whose trigger words hold it (of several candidates in
   one trigger, the one highest in the parse; the others are left out of training), else ``NONE``.
3. Both stages of ``decide`` (event or not; which type), logistic regressions (scikit-learn, needed only here),
   are fitted on the train candidates for each pair of strengths in ``CS``; for each, with the dictionary priors in
   ``PRIORS``, the decision threshold in ``THRESHOLDS`` that gives the best
   ``objective`` on dev (macro-F1 of the per-sentence type sets over types with at least 5 dev sentences, less the
   excess of the no-event share and of the false alarms over 15%) is found; the best is written as plain
   JSON. The dev split tunes a handful of numbers (C, priors, threshold); it never adds an example.

Runs on the CPU in about half a minute (860 short sentences; the grid is small).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from newsbrief.events.decide import NONE

CS = (0.1, 0.3, 1.0)
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.325, 0.35, 0.375, 0.4, 0.425, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
MIN_GOLD = 5
MAX_FALSE_ALARMS = 0.15  # issue 18's target for empty-gold sentences given an event


def _candidates(rows: list[dict[str, Any]]) -> list[list[tuple[Any, Any]]]:
    """Per row, the (candidate, doc) pairs of its sentence(s), as the coder builds them."""
    from newsbrief import nlp
    from newsbrief.entities import extract_entities
    from newsbrief.eval.events_real import sentence_article
    from newsbrief.events import coder
    from newsbrief.quotes import extract_quotes

    out: list[list[tuple[Any, Any]]] = []
    articles = [sentence_article(r) for r in rows]
    for article, doc in zip(articles, nlp.parse(a.text for a in articles), strict=True):
        entities = extract_entities(article, doc)
        quotes, speakers = extract_quotes(article, doc, entities)
        _, names, contexts = coder.sentence_contexts(article, doc, quotes, speakers, entities)
        found = []
        for c in contexts:
            for cand in coder.candidates_of(doc, c.sentence, c.inside, c.quote_index, c.speaker):
                found.append((cand, doc))
        out.append(found)
    return out


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def label(row: dict[str, Any], found: list[tuple[Any, Any]]) -> list[str | None]:
    """The class of each candidate: a gold type, NONE, or None (inside a trigger, not its head: left out)."""
    labels: list[str | None] = [NONE] * len(found)
    text = row["text"].lower()
    for event in row.get("events") or []:
        trigger = (event.get("trigger") or "").lower().strip()
        if not trigger:
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(trigger), text)]
        inside = [i for i, (c, _) in enumerate(found) if any(s <= c.start and c.end <= e for s, e in spans)]
        if not inside:
            continue
        head = min(inside, key=lambda i: _depth(found[i][1][found[i][0].index]))
        for i in inside:
            if labels[i] == NONE:
                labels[i] = None
        labels[head] = event["type"]
    return labels


def shares(rows: list[dict[str, Any]], predicted: list[set[str]]) -> tuple[float, float]:
    """(share of event sentences given no event, share of empty-gold sentences given one)."""
    with_events = [bool(r.get("events")) for r in rows]
    events_n = sum(with_events) or 1
    empty_n = (len(rows) - sum(with_events)) or 1
    no_event = sum(1 for w, p in zip(with_events, predicted, strict=True) if w and not p) / events_n
    false_alarms = sum(1 for w, p in zip(with_events, predicted, strict=True) if not w and p) / empty_n
    return no_event, false_alarms


def objective(rows: list[dict[str, Any]], predicted: list[set[str]]) -> float:
    """What the tuning maximises: macro-F1 less what the no-event share exceeds 15% by, among the settings whose
    false alarms stay within ``MAX_FALSE_ALARMS`` (a brief that reports events a sentence does not hold misleads
    its reader; one that misses some is only shorter). Settings above it score below every one within it."""
    no_event, false_alarms = shares(rows, predicted)
    score = _macro(rows, predicted) - max(0.0, no_event - 0.15)
    return score if false_alarms <= MAX_FALSE_ALARMS else score - 1.0 - false_alarms


def _macro(rows: list[dict[str, Any]], predicted: list[set[str]]) -> float:
    gold = [{e["type"] for e in r.get("events") or []} for r in rows]
    counts = Counter(t for g in gold for t in g)
    scores = []
    for t in sorted(k for k, n in counts.items() if n >= MIN_GOLD):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if t in g and t in p)
        pn = sum(1 for p in predicted if t in p)
        p = tp / pn if pn else 0.0
        r = tp / counts[t]
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _fit(x_dicts: list[dict[str, int]], y: list[str], c_event: float, c_type: float) -> dict[str, Any]:
    """Both stages fitted; the weights as ``decide.from_dict`` reads them (prior and threshold set later)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(x_dicts)
    names = [str(n) for n in vectorizer.get_feature_names_out()]
    event = LogisticRegression(C=c_event, max_iter=3000).fit(x, [int(t != NONE) for t in y])
    positive = [i for i, t in enumerate(y) if t != NONE]
    types = LogisticRegression(C=c_type, max_iter=3000).fit(x[positive], [y[i] for i in positive])
    event_w = {n: round(float(w), 4) for n, w in zip(names, event.coef_[0], strict=True) if abs(w) >= 1e-3}
    type_w = {n: [round(float(w), 4) for w in row] for n, row in zip(names, types.coef_.T, strict=True)
              if np.abs(row).max() >= 1e-3}
    return {"event": {"intercept": round(float(event.intercept_[0]), 4), "weights": event_w},
            "type": {"classes": [str(k) for k in types.classes_],
                     "intercept": [round(float(b), 4) for b in types.intercept_], "weights": type_w}}


PRIORS = (1.0, 2.0, 3.0)
FOLDS = 5


def _scored(model: Any, found_rows: list[list[tuple[Any, Any]]]) -> list[list[tuple[float, str]]]:
    """Per row, each candidate's event probability and best type under ``model``."""
    from newsbrief.events import decide

    return [[(decide.event_probability(c.features, model),
              max((sc := decide.type_scores(c.features, model)), key=lambda t: sc[t])) for c, _ in found]
            for found in found_rows]


def _best_threshold(rows: list[dict[str, Any]], scored: list[list[tuple[float, str]]]) -> tuple[float, float]:
    """(objective, threshold) of the best threshold in ``THRESHOLDS`` for these rows."""
    best = (-9.0, THRESHOLDS[0])
    for threshold in THRESHOLDS:
        predicted = [{t for p, t in row if p >= threshold} for row in scored]
        best = max(best, (objective(rows, predicted), threshold))
    return best


def main(argv: list[str] | None = None) -> None:
    from newsbrief.events import decide

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared/data")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "data" / "event_decision.json"))
    args = parser.parse_args(argv)
    from newsbrief.eval.events_real import read_gold

    real = Path(args.shared) / "events" / "real"
    train_rows, dev_rows = read_gold(real / "events_train.jsonl"), read_gold(real / "events_gold.jsonl")
    train_found, dev_found = _candidates(train_rows), _candidates(dev_rows)
    x_dicts, y, row_of = [], [], []
    for r, (row, found) in enumerate(zip(train_rows, train_found, strict=True)):
        for (cand, _), lab in zip(found, label(row, found), strict=True):
            if lab is not None:
                x_dicts.append(dict.fromkeys(cand.features, 1))
                y.append(lab)
                row_of.append(r)
    # 1. C and the dictionary priors by cross-validation on train (folds of whole sentences, by position).
    best: tuple[float, tuple[float, float, float, float]] | None = None
    for c_event in CS:
        for c_type in CS:
            fold_fits = []
            for k in range(FOLDS):
                keep = [i for i, r in enumerate(row_of) if r % FOLDS != k]
                fold_fits.append(_fit([x_dicts[i] for i in keep], [y[i] for i in keep], c_event, c_type))
            for cue_prior in PRIORS:
                for cam_prior in PRIORS:
                    out_of_fold: list[list[tuple[float, str]]] = [[] for _ in train_rows]
                    for k, fitted in enumerate(fold_fits):
                        model = decide.from_dict({**fitted, "threshold": 0.5, "prior": {
                            "cue": cue_prior, "cam": cam_prior / 2, "camp": cam_prior}})
                        held = [r for r in range(len(train_rows)) if r % FOLDS == k]
                        for r, row_scores in zip(held, _scored(model, [train_found[r] for r in held]), strict=True):
                            out_of_fold[r] = row_scores
                    score, _ = _best_threshold(train_rows, out_of_fold)
                    if best is None or score > best[0]:
                        best = (score, (c_event, c_type, cue_prior, cam_prior))
        print(f"C event {c_event}: best train cross-validated objective so far {best[0] if best else 0:.3f}")
    assert best is not None
    cv_score, (c_event, c_type, cue_prior, cam_prior) = best
    # 2. Fitted on all of train; only the threshold is chosen on dev.
    data = _fit(x_dicts, y, c_event, c_type)
    data["prior"] = {"cue": cue_prior, "cam": cam_prior / 2, "camp": cam_prior}
    scored = _scored(decide.from_dict({**data, "threshold": 0.5}), dev_found)
    for threshold in THRESHOLDS:
        predicted = [{t for p, t in row if p >= threshold} for row in scored]
        no_event, false_alarms = shares(dev_rows, predicted)
        print(f"  dev trade at threshold {threshold:.3f}: macro-F1 {_macro(dev_rows, predicted):.3f}, "
              f"no event {no_event:.1%}, false alarms {false_alarms:.1%}")
    score, threshold = _best_threshold(dev_rows, scored)
    data.update({"threshold": threshold, "C": [c_event, c_type], "train_cv_objective": round(cv_score, 4),
                 "dev_objective": round(score, 4), "train_candidates": len(y),
                 "trained_on": "events/real/events_train.jsonl", "tuned_on": "events/real/events_gold.jsonl",
                 "command": "python -m newsbrief.events.train_real"})
    Path(args.out).write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"best: C={data['C']} prior={data['prior']} (train CV objective {cv_score:.3f}) threshold={threshold} "
          f"(dev objective {score:.3f}); {len(y)} train candidates -> {args.out}")


if __name__ == "__main__":
    main()
