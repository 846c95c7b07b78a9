"""``newsbrief eval events --real``: the event coder on real news sentences coded by hand (EVALUATION.md §3).

Each line of the gold file is one sentence (``text``) with the PLOVER events it reports. The sentence is coded as a
one-sentence article (dated by its source file's name where that holds a date) by the pipeline's own stages:
language check, parse, entities, quotations, events. A sentence the language check refuses gets no event, as it
would in the product.

Figures, all over sentences:

- per type: a type counts once per sentence; precision, recall and F1 of the predicted type set against the gold
  type set; macro-F1 over the types with at least ``MIN_GOLD`` gold sentences (the report names them) and micro-F1
  over all types;
- the share of sentences with gold events that get no event, and of empty-gold sentences given one (false alarms);
- for each predicted event whose type matches a gold event of its sentence: status accuracy, and source and target
  country accuracy where that gold event has a country (the predicted event is paired with the first gold event of
  its type that shares its source country, else the first of its type).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.eval import data_path
from newsbrief.model import PLOVER_TYPES, Article, Event

DEFAULT_DATA = "events/real/events_gold.jsonl"
MIN_GOLD = 5
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass
class RealEventsReport:
    data: str
    sha256: str
    sentences: int = 0
    event_sentences: int = 0
    empty_sentences: int = 0
    refused: int = 0  # sentences the language check refused
    macro_f1: float = 0.0
    macro_types: list[str] = field(default_factory=list)
    micro_f1: float = 0.0
    micro_precision: float = 0.0
    micro_recall: float = 0.0
    per_type: dict[str, dict[str, float]] = field(default_factory=dict)  # p, r, f1, gold, predicted, tp
    no_event: float = 0.0
    no_event_count: int = 0
    false_alarms: float = 0.0
    false_alarm_count: int = 0
    matched_events: int = 0
    status_accuracy: float = 0.0
    source_country_accuracy: float = 0.0
    source_country_cases: int = 0
    target_country_accuracy: float = 0.0
    target_country_cases: int = 0
    by_route: dict[str, int] = field(default_factory=dict)  # predicted events per ``Event.by``
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_gold(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{number}: not a JSON line ({err.msg})") from err
    return rows


def sentence_article(row: dict[str, Any]) -> Article:
    """One gold sentence as a one-sentence article, dated by its source file's name when that holds a date."""
    published = None
    m = _DATE.search(str(row.get("source_file") or ""))
    if m:
        try:
            published = dt.date.fromisoformat(m.group(1))
        except ValueError:
            published = None
    return Article(text=row["text"], published=published, origin=str(row.get("id") or ""))


def code_sentences(rows: Iterable[dict[str, Any]]) -> list[tuple[Event, ...] | None]:
    """The events the pipeline codes for each row's text; None where the language check refused it."""
    from newsbrief import nlp
    from newsbrief.entities import extract_entities
    from newsbrief.errors import UnsupportedLanguageError
    from newsbrief.events import extract_events
    from newsbrief.quotes import extract_quotes

    articles = [sentence_article(r) for r in rows]
    readable: list[bool] = []
    for article in articles:
        try:
            nlp.check_language(article.text, article.origin)
            readable.append(True)
        except UnsupportedLanguageError:
            readable.append(False)
    out: list[tuple[Event, ...] | None] = [None] * len(articles)
    chosen = [i for i, ok in enumerate(readable) if ok]
    with nlp.memory_zone():
        for i, doc in zip(chosen, nlp.parse(articles[i].text for i in chosen), strict=True):
            article = articles[i]
            entities = extract_entities(article, doc)
            quotes, speakers = extract_quotes(article, doc, entities)
            out[i] = extract_events(article, doc, quotes, speakers, entities)
    return out


def evaluate_real(data: str | Path | None = None) -> RealEventsReport:
    import time

    path = data_path(data, DEFAULT_DATA)
    if path.is_dir():
        path = path / "events_gold.jsonl"
        if not path.exists():
            raise FileNotFoundError(f"no events_gold.jsonl in {path.parent}")
    rows = read_gold(path)
    started = time.perf_counter()
    predicted = code_sentences(rows)
    report = score(rows, predicted)
    report.data, report.sha256 = str(path), hashlib.sha256(path.read_bytes()).hexdigest()
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(rows: list[dict[str, Any]], predicted: list[tuple[Event, ...] | None]) -> RealEventsReport:
    """The §3 figures of ``predicted`` (one tuple of events per row, None for a refused sentence) against ``rows``."""
    report = RealEventsReport(data="", sha256="", sentences=len(rows))
    gold_count: Counter[str] = Counter()
    pred_count: Counter[str] = Counter()
    tp_count: Counter[str] = Counter()
    status_right = source_right = target_right = 0
    by_route: Counter[str] = Counter()
    for row, events in zip(rows, predicted, strict=True):
        gold_events = row.get("events") or []
        if events is None:
            report.refused += 1
            events = ()
        gold_types = {e["type"] for e in gold_events}
        pred_types = {e.type for e in events}
        gold_count.update(gold_types)
        pred_count.update(pred_types)
        tp_count.update(gold_types & pred_types)
        if gold_events:
            report.event_sentences += 1
            report.no_event_count += not events
        else:
            report.empty_sentences += 1
            report.false_alarm_count += bool(events)
        for event in events:
            by_route[getattr(event, "by", "cue")] += 1
            same_type = [g for g in gold_events if g["type"] == event.type]
            if not same_type:
                continue
            gold = next((g for g in same_type if (g.get("source") or {}).get("country") == event.source.country
                         and event.source.country), same_type[0])
            report.matched_events += 1
            status_right += getattr(event, "status", "asserted") == gold.get("status", "asserted")
            want_source = (gold.get("source") or {}).get("country")
            if want_source:
                report.source_country_cases += 1
                source_right += event.source.country == want_source
            want_target = (gold.get("target") or {}).get("country")
            if want_target:
                report.target_country_cases += 1
                target_right += event.target is not None and event.target.country == want_target
    for label in PLOVER_TYPES:
        gold_n, pred_n, tp = gold_count[label], pred_count[label], tp_count[label]
        if gold_n == 0 and pred_n == 0:
            continue
        p = tp / pred_n if pred_n else 0.0
        r = tp / gold_n if gold_n else 0.0
        report.per_type[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(_f1(p, r), 4), "gold": gold_n,
                                  "predicted": pred_n, "tp": tp}
    report.macro_types = [t for t in PLOVER_TYPES if gold_count[t] >= MIN_GOLD]
    if report.macro_types:
        report.macro_f1 = round(sum(report.per_type[t]["f1"] for t in report.macro_types) / len(report.macro_types), 4)
    tp, gold_total, pred_total = sum(tp_count.values()), sum(gold_count.values()), sum(pred_count.values())
    report.micro_precision = round(tp / pred_total, 4) if pred_total else 0.0
    report.micro_recall = round(tp / gold_total, 4) if gold_total else 0.0
    report.micro_f1 = round(_f1(report.micro_precision, report.micro_recall), 4)
    report.no_event = round(report.no_event_count / report.event_sentences, 4) if report.event_sentences else 0.0
    report.false_alarms = round(report.false_alarm_count / report.empty_sentences, 4) if report.empty_sentences \
        else 0.0
    m = report.matched_events
    report.status_accuracy = round(status_right / m, 4) if m else 0.0
    report.source_country_accuracy = round(source_right / report.source_country_cases, 4) \
        if report.source_country_cases else 0.0
    report.target_country_accuracy = round(target_right / report.target_country_cases, 4) \
        if report.target_country_cases else 0.0
    report.by_route = dict(by_route.most_common())
    return report


def format_real_table(report: RealEventsReport) -> str:
    rows = [
        f"event coder on real sentences: {report.data} ({report.sentences} sentences, {report.event_sentences} with "
        f"events, {report.empty_sentences} without; {report.seconds:.1f} s)",
        f"  macro-F1 {report.macro_f1:.3f} over {len(report.macro_types)} types with >= {MIN_GOLD} gold sentences "
        f"({', '.join(report.macro_types)})",
        f"  micro-F1 {report.micro_f1:.3f} (P {report.micro_precision:.3f}, R {report.micro_recall:.3f})",
        f"  event sentences with no event: {report.no_event:.1%} ({report.no_event_count} of "
        f"{report.event_sentences})",
        f"  false alarms on empty-gold sentences: {report.false_alarms:.1%} ({report.false_alarm_count} of "
        f"{report.empty_sentences})",
        f"  on {report.matched_events} predicted events of a gold type: status right {report.status_accuracy:.1%}; "
        f"source country right {report.source_country_accuracy:.1%} of {report.source_country_cases}, "
        f"target country right {report.target_country_accuracy:.1%} of {report.target_country_cases}",
        f"  refused by the language check: {report.refused}",
        "  events by route: " + (", ".join(f"{k} {v}" for k, v in report.by_route.items()) or "none"),
        f"  {'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5} {'tp':>4}",
    ]
    for label, f in report.per_type.items():
        mark = "" if label in report.macro_types else "  (not in macro)"
        rows.append(f"  {label:<10} {f['p']:>6.3f} {f['r']:>6.3f} {f['f1']:>6.3f} {f['gold']:>5} "
                    f"{f['predicted']:>5} {f['tp']:>4}{mark}")
    return "\n".join(rows)
