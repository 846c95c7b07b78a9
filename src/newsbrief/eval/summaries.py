"""Scoring the brief's points of attention against human highlights (shared/EVALUATION.md §2).

On ``summaries/cnndm-train-sample/train_sample.csv`` (columns ``article``, ``highlights``):

- ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score, stemming on) of the brief's points, one per line, against the
  highlights, one per line; and in the same run LEAD-3, the article's first three sentences, two ways: as spaCy
  splits the raw text (``lead3``, the usual baseline) and as the first three body sentences the summary itself
  may choose from, bylines and timestamps set aside (``lead3_body``, the harder one).
- Grounding: the share of points whose every passage maps, span by span, to the article's own characters and lies
  within its sentences; and the share of quoted strings in a brief found verbatim in the article.
"""

from __future__ import annotations

import csv
import hashlib
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.errors import DataMissingError, ParseError
from newsbrief.eval import data_path
from newsbrief.model import Article, Brief, Passage

DEFAULT_DATA = "summaries/cnndm-train-sample/train_sample.csv"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
QUOTED = re.compile(r"[\"“”]([^\"“”]{3,}?)[\"“”]")


@dataclass(frozen=True)
class Row:
    id: str
    article: str
    highlights: str


def read_rows(path: Path, limit: int | None = None) -> list[Row]:
    """The sample's rows; a clear error when the file is not the CSV this evaluation expects."""
    if path.is_dir():
        path = path / "train_sample.csv"
    if not path.is_file():
        raise DataMissingError(f"evaluation data not found at {path}; pass the CSV file with --data")
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"article", "highlights"} <= set(reader.fieldnames):
            raise ParseError(str(path), "expected a CSV with columns 'article' and 'highlights'")
        rows = [Row(r.get("id") or str(i), r["article"], r["highlights"]) for i, r in enumerate(reader)]
    return rows[:limit] if limit else rows


def sha256(path: Path) -> str:
    if path.is_dir():
        path = path / "train_sample.csv"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lines(text: str) -> str:
    """Highlights as rouge-score's Lsum wants them: one sentence a line."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def points_text(brief: Brief) -> str:
    return "\n".join(p.text for p in brief.points)


def grounded(passage: Passage, article: Article, sentence_bounds: Sequence[tuple[int, int]]) -> bool:
    """Every span is the article's own characters, and lies within one of its sentences."""
    if not passage.spans:
        return False
    for span in passage.spans:
        if article.text[span.start:span.end] != span.text:
            return False
        if not any(s <= span.start and span.end <= e for s, e in sentence_bounds):
            return False
    return True


def quoted_strings(brief: Brief) -> list[str]:
    """Strings between quotation marks in the brief's lead and points."""
    texts = [p.text for p in brief.lead] + [p.text for p in brief.points]
    return [m.group(1) for t in texts for m in QUOTED.finditer(t)]


def evaluate(data: str | Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Run the brief over the sample; ROUGE of points and of LEAD-3, grounding rates, timing."""
    from rouge_score import rouge_scorer

    from newsbrief.layout import read_layout
    from newsbrief.nlp import load_model
    from newsbrief.pipeline import brief_from_doc
    from newsbrief.summarize import candidate_sentences

    path = data_path(data, DEFAULT_DATA)
    rows = read_rows(path, limit)
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    nlp = load_model()
    names = ("brief", "lead3", "lead3_body", "lead3_same_words")
    totals: dict[str, dict[str, float]] = {k: dict.fromkeys(ROUGE_TYPES, 0.0) for k in names}
    roles: dict[str, int] = dict.fromkeys(("happened", "consequence", "response"), 0)
    points_total = points_grounded = quotes_total = quotes_verbatim = 0
    n_points: list[int] = []
    words = dict.fromkeys(names, 0)
    started = time.perf_counter()
    for row, doc in zip(rows, nlp.pipe((r.article for r in rows), batch_size=16), strict=True):
        article = Article(text=row.article, origin=f"{path.name}:{row.id}")
        # The whole brief, as the product makes it (quotes and speakers feed the response point).
        brief = brief_from_doc(article, doc)
        reference = _lines(row.highlights)
        sents = [(s.start_char, s.end_char) for s in doc.sents]
        points = points_text(brief)
        body3 = " ".join(
            " ".join(s.span.text.split()) for s in candidate_sentences(article, doc, read_layout(article))[:3]
        )
        candidates = {
            "brief": points,
            "lead3": "\n".join(s.text.strip() for s in list(doc.sents)[:3]),
            "lead3_body": "\n".join(
                s.span.text.strip() for s in candidate_sentences(article, doc, read_layout(article))[:3]
            ),
            # LEAD-3 body cut to the points' word count: the comparison at the same length.
            "lead3_same_words": " ".join(body3.split()[: len(points.split())]),
        }
        for name, candidate in candidates.items():
            words[name] += len(candidate.split())
            scores = scorer.score(reference, candidate)
            for t in ROUGE_TYPES:
                totals[name][t] += scores[t].fmeasure
        for point in brief.points:
            points_total += 1
            points_grounded += all(grounded(p, article, sents) for p in point.passages)
        for q in quoted_strings(brief):
            quotes_total += 1
            quotes_verbatim += q in article.text
        n_points.append(len(brief.points))
        for kind in {p.kind for p in brief.points}:
            roles[kind] += 1
    elapsed = time.perf_counter() - started
    n = len(rows)
    return {
        "data": str(path),
        "sha256": sha256(path),
        "articles": n,
        "rouge": {name: {t: round(100 * v / n, 2) for t, v in scores.items()} for name, scores in totals.items()},
        "grounding": {
            "points": points_total,
            "points_grounded": round(points_grounded / points_total, 4) if points_total else 1.0,
            "quoted_strings": quotes_total,
            "quotes_verbatim": round(quotes_verbatim / quotes_total, 4) if quotes_total else 1.0,
        },
        "points_per_brief": round(sum(n_points) / n, 2) if n else 0.0,
        "share_three_points": round(sum(k == 3 for k in n_points) / n, 4) if n else 0.0,
        # The share of briefs holding each role (issue 13: what happened, consequence, response).
        "roles_found": {k: round(v / n, 4) if n else 0.0 for k, v in roles.items()},
        # Candidate lengths: a longer candidate buys ROUGE recall, so the comparison shows them side by side.
        "words": {name: round(w / n, 1) if n else 0.0 for name, w in words.items()},
        "seconds": round(elapsed, 1),
    }


def table(result: dict[str, Any]) -> Iterator[str]:
    yield f"{result['articles']} articles from {result['data']}"
    yield f"{'':<12}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>12}{'words':>8}"
    labels = {"brief": "points", "lead3": "LEAD-3", "lead3_body": "LEAD-3 body", "lead3_same_words": "LEAD-3 cut"}
    for name, label in labels.items():
        r = result["rouge"][name]
        yield f"{label:<12}{r['rouge1']:>9.2f}{r['rouge2']:>9.2f}{r['rougeLsum']:>12.2f}{result['words'][name]:>8.1f}"
    g = result["grounding"]
    yield f"points grounded in source sentences: {100 * g['points_grounded']:.1f}% of {g['points']}"
    yield f"quoted strings verbatim: {100 * g['quotes_verbatim']:.1f}% of {g['quoted_strings']}"
    yield f"points per brief {result['points_per_brief']}, with three points {100 * result['share_three_points']:.1f}%"
    yield "roles found: " + ", ".join(f"{k} {100 * v:.1f}%" for k, v in result["roles_found"].items())
