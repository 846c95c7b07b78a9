"""Briefs of documents in the brief layout, scored as shared/EVALUATION.md §6 defines.

Each document ``NN-slug`` comes twice: ``NN-slug.body.txt`` (a raw article in the layout: block quotations,
speaker cards, quotations announced by the paragraph before, quotations in marks, reported speech) and
``NN-slug.txt`` (the same with lead and points: a full brief). Both are briefed and scored against
``NN-slug.gold.json``:

- quotations per gold kind (``direct``: verbatim, in marks or as a block; ``indirect``: reported speech): *found*
  when a predicted quotation contains ``must_contain`` (case-insensitive), *with the right speaker* when besides
  the predicted speaker's name contains the gold speaker's last word;
- not-quotes *kept out* when no predicted quotation contains them;
- speakers *right* when the brief has a speaker of that name with a role holding one of ``role_any`` (when any)
  and that country (when an ISO3 code);
- events *found* when a predicted event has that source and target (a country code, or a name for an
  organisation) and a type in ``type_any``;
- ROUGE-1/2/Lsum F1 of the points (one per line) against the editor's points, and of the lead against the
  editor's lead.

The documents are few: every share is printed with its counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.eval import data_path
from newsbrief.eval.summaries import ROUGE_TYPES, points_text
from newsbrief.model import Brief, Event

DEFAULT_DATA = "briefs"
KINDS = ("body", "brief")  # the .body.txt (raw article in the layout) and the .txt (a full brief)
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Document:
    """One document of the set: its two texts and its gold."""

    name: str
    body: Path
    brief: Path
    gold: dict[str, Any]

    def path(self, kind: str) -> Path:
        return self.body if kind == "body" else self.brief


def load(data: str | Path | None = None) -> list[Document]:
    """The documents of ``data`` (default ``../shared/data/briefs``), in name order."""
    root = data_path(data, DEFAULT_DATA)
    docs = []
    for gold in sorted(root.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        docs.append(
            Document(name, root / f"{name}.body.txt", root / f"{name}.txt", json.loads(gold.read_text("utf-8")))
        )
    return docs


def brief_all(docs: Sequence[Document], kind: str) -> list[Brief]:
    """The brief of each document's text of ``kind``, read as ``newsbrief brief FILE`` reads it."""
    from newsbrief.ingest import read
    from newsbrief.pipeline import Pipeline

    articles = [next(iter(read(str(d.path(kind))))) for d in docs]
    pipeline = Pipeline()
    briefs = list(pipeline.run(articles))
    if pipeline.failures:
        raise RuntimeError("; ".join(str(f) for f in pipeline.failures))
    return briefs


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, name: str, hit: bool) -> None:
        c = self.counts.setdefault(name, [0, 0])
        c[0] += int(hit)
        c[1] += 1

    def shares(self) -> dict[str, dict[str, float | int]]:
        return {
            name: {"share": round(hit / total, 4) if total else 0.0, "hit": hit, "total": total}
            for name, (hit, total) in sorted(self.counts.items())
        }


def _actor_key(actor: Any) -> set[str]:
    """What an event's actor may be matched by: its country code and its name."""
    if actor is None:
        return set()
    keys = {actor.name.lower()}
    if actor.country:
        keys.add(actor.country.lower())
    return keys


def _event_found(events: Iterable[Event], gold: dict[str, Any]) -> bool:
    targets = gold.get("target_any") or ([gold["target"]] if gold.get("target") else [])
    types = set(gold["type_any"])
    for e in events:
        if e.type not in types or gold["source"].lower() not in _actor_key(e.source):
            continue
        if not targets or any(t.lower() in _actor_key(e.target) for t in targets):
            return True
    return False


def score_brief(brief: Brief, gold: dict[str, Any], tally: _Tally) -> None:
    """Add one brief's hits against its gold to ``tally``."""
    quotes = []
    for q in brief.quotes:
        speaker = brief.speaker(q.speaker_id)
        quotes.append((q.content.text.lower(), speaker.name.lower() if speaker else ""))
    for g in gold.get("quotes", []):
        piece = g["must_contain"].lower()
        last = g["speaker"].split()[-1].lower()
        matches = [speaker for content, speaker in quotes if piece in content]
        tally.add(f"{g['kind']}_found", bool(matches))
        tally.add(f"{g['kind']}_right_speaker", any(last in speaker for speaker in matches))
    for text in gold.get("not_quotes", []):
        tally.add("not_quotes_kept_out", not any(text.lower() in content for content, _ in quotes))
    for g in gold.get("speakers", []):
        tally.add("speakers_right", _speaker_right(brief, g))
    for g in gold.get("events", []):
        tally.add("events_found", _event_found(brief.events, g))


def _speaker_right(brief: Brief, gold: dict[str, Any]) -> bool:
    roles = [r.lower() for r in gold.get("role_any", [])]
    country = gold.get("country")
    for s in brief.speakers:
        if s.name.lower() != gold["name"].lower():
            continue
        if roles and not any(r in (s.role or "").lower() for r in roles):
            continue
        if country and _ISO3.match(country) and s.country != country:
            continue
        return True
    return False


def _rouge(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Mean ROUGE F1 (x100) of ``(prediction, reference)`` pairs, one sentence a line."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for predicted, reference in pairs:
        scores = scorer.score(reference, predicted)
        for t in ROUGE_TYPES:
            totals[t] += scores[t].fmeasure
    n = max(1, len(pairs))
    return {t: round(100 * v / n, 2) for t, v in totals.items()}


def report(docs: Sequence[Document], briefs_by_kind: dict[str, list[Brief]]) -> dict[str, Any]:
    """The §6 figures per kind of text, with counts."""
    result: dict[str, Any] = {"documents": len(docs), "kinds": {}}
    for kind, briefs in briefs_by_kind.items():
        tally = _Tally()
        points, leads = [], []
        for doc, brief in zip(docs, briefs, strict=True):
            score_brief(brief, doc.gold, tally)
            points.append((points_text(brief), "\n".join(doc.gold.get("reference_points", []))))
            leads.append((" ".join(p.text for p in brief.lead), doc.gold.get("reference_lead", "")))
        result["kinds"][kind] = {
            "scores": tally.shares(),
            "points_per_brief": round(sum(len(b.points) for b in briefs) / max(1, len(briefs)), 2),
            "rouge_points": _rouge(points),
            "rouge_lead": _rouge(leads),
        }
    return result


def evaluate(data: str | Path | None = None) -> dict[str, Any]:
    """Brief both texts of every document and score them."""
    docs = load(data)
    return report(docs, {kind: brief_all(docs, kind) for kind in KINDS})


def table(result: dict[str, Any]) -> Iterator[str]:
    """The figures as a table: one row per score, one column per kind of text."""
    kinds = list(result["kinds"])
    yield f"shared/EVALUATION.md §6: briefs in the layout, {result['documents']} documents"
    yield f"{'':<26}" + "".join(f"{k:>18}" for k in kinds)
    names = sorted({n for k in kinds for n in result["kinds"][k]["scores"]})
    for name in names:
        cells = []
        for k in kinds:
            s = result["kinds"][k]["scores"].get(name)
            cells.append(f"{s['share']:.3f} ({s['hit']}/{s['total']})" if s else "-")
        yield f"{name:<26}" + "".join(f"{c:>18}" for c in cells)
    yield f"{'points_per_brief':<26}" + "".join(f"{result['kinds'][k]['points_per_brief']:>18.2f}" for k in kinds)
    for part in ("rouge_points", "rouge_lead"):
        for t in ROUGE_TYPES:
            yield f"{part + ' ' + t:<26}" + "".join(f"{result['kinds'][k][part][t]:>18.2f}" for k in kinds)
