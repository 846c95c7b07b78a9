"""How relations between two countries move over time: a cooperation/conflict index from coded events.

``relations(reports, "USA", "JPN", by="month")`` takes events (each with the article that reported it), keeps
those between the two countries in either direction that were done or said (``status`` asserted: a threat considered
or an agreement denied moves no index), merges reports of one event, and gives per period:

- ``counts``: events per quad class (verbal cooperation, material cooperation, verbal conflict, material conflict);
- ``index``: the mean intensity of those events (-10 most hostile, +10 most cooperative);
- ``events``: the events behind the figures, each with the article(s) that reported it.

Reports of one event are merged (counted once) when they have the same type, the same source and target
countries, dates no more than ``SAME_EVENT_DAYS`` apart, and sentences sharing at least ``SAME_EVENT_OVERLAP`` of
their content words: several outlets wire the same statement in slightly different words.
The result has the same shape as the store's ``queries.relations``, so the CLI and the web page show either.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsbrief.model import Article, Event, quad_class

PERIODS = ("day", "week", "month")
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
# One day: wire copy and the next morning's papers date the same statement a day apart.
SAME_EVENT_DAYS = 1
# Share (Jaccard) of content words two sentences must share to be one event's reports; 0.3 joins rewordings of
# one statement by different outlets in our tests and keeps apart two statements of one day by the same leader.
SAME_EVENT_OVERLAP = 0.3
_STOPWORD_LIST = (
    "a an the of to in on for and or but with at by from as that this it its is was were be been has have had "
    "said says say told would will could should not no he she they we i you his her their our on about after "
    "before over into than then also"
)
_STOPWORDS = frozenset(_STOPWORD_LIST.split())


@dataclass(frozen=True)
class Report:
    """An event as one article reported it."""

    event: Event
    article_id: str = ""
    outlet: str | None = None
    title: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, event: Event, article: Article) -> Report:
        return cls(event, article.id, article.source, article.title, article.url)


def period_of(date: dt.date, by: str) -> str:
    """The period a date falls in: "2026-03-14" (day), "2026-W11" (ISO week), "2026-03" (month)."""
    if by == "day":
        return date.isoformat()
    if by == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{date.year}-{date.month:02d}"
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")


def relations(reports: Iterable[Report | Event], a: str, b: str, by: str = "month") -> dict[str, Any]:
    """The index of relations between countries ``a`` and ``b`` (ISO3) per period; see the module's docstring."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = a.upper(), b.upper()
    pair = {a, b}
    chosen: list[Report] = []
    for item in reports:
        report = item if isinstance(item, Report) else Report(item)
        ev = report.event
        if ev.date is None or ev.target is None or ev.type not in _QUAD_OF or ev.status != "asserted":
            continue
        if {ev.source.country, ev.target.country} == pair and a != b:
            chosen.append(report)
    merged = _merge(sorted(chosen, key=lambda r: (r.event.date or dt.date.min, r.event.sentence.start)))
    periods: dict[str, dict[str, Any]] = {}
    for reports_of_one in merged:
        first = reports_of_one[0]
        ev = first.event
        assert ev.date is not None
        period = periods.setdefault(period_of(ev.date, by), {"counts": dict.fromkeys(QUADS, 0), "events": []})
        period["counts"][_QUAD_OF[ev.type]] += 1
        period["events"].append(_event_record(reports_of_one))
    series = []
    for name, p in sorted(periods.items()):
        intensities = [e["intensity"] for e in p["events"]]
        series.append({
            "period": name,
            "index": round(sum(intensities) / len(intensities), 2),
            "events_count": len(p["events"]),
            "counts": p["counts"],
            "events": p["events"],
        })
    return {"a": a, "b": b, "by": by, "series": series}


_QUAD_OF = {t: quad_class(t) for t in (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)}


def _merge(reports: list[Report]) -> list[list[Report]]:
    """Group reports of one event (see the module's docstring); each group in date order, first report first.

    Only groups of the same type and countries whose first report lies within ``SAME_EVENT_DAYS`` can take a
    report, so each report is compared with those alone (the reports come in date order; a group falls out of
    reach once the window has passed it): linear in the reports of a busy pair, not quadratic."""
    groups: list[list[Report]] = []
    open_groups: dict[tuple[Any, ...], list[tuple[list[Report], set[str]]]] = {}
    ordered = all(
        a.event.date is not None and b.event.date is not None and a.event.date <= b.event.date
        for a, b in zip(reports, reports[1:], strict=False)
    )
    for report in reports:
        ev = report.event
        words = _content_words(ev.sentence.text)
        key = (ev.type, ev.source.country, ev.target and ev.target.country)
        candidates = open_groups.setdefault(key, [])
        if ordered and ev.date is not None:
            # Groups whose first report is out of the window for this one are out of it for every later one.
            candidates[:] = [(g, w) for g, w in candidates
                             if g[0].event.date is not None and (ev.date - g[0].event.date).days <= SAME_EVENT_DAYS]
        for group, head_words in candidates:
            head = group[0].event
            if (
                head.date is not None and ev.date is not None
                and abs((ev.date - head.date).days) <= SAME_EVENT_DAYS
                and _same_report(report, group[0], words, head_words)
            ):
                group.append(report)
                break
        else:
            group = [report]
            groups.append(group)
            candidates.append((group, words))
    return groups


def _same_report(report: Report, first: Report, words: set[str], first_words: set[str]) -> bool:
    """Two articles wording one event alike, or one article read twice (same sentence of the same text)."""
    if report.article_id == first.article_id:
        return report.event.sentence == first.event.sentence
    return _overlap(words, first_words) >= SAME_EVENT_OVERLAP


def _content_words(sentence: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", sentence.lower()) if w not in _STOPWORDS and len(w) > 1}


def _overlap(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def _event_record(reports: list[Report]) -> dict[str, Any]:
    first = reports[0]
    ev = first.event
    return {
        "type": ev.type,
        "mode": ev.mode,
        "quad": _QUAD_OF[ev.type],
        "intensity": ev.intensity,
        "conditional": ev.conditional,
        "date": ev.date.isoformat() if ev.date else None,
        "source_name": ev.source.name,
        "source_country": ev.source.country,
        "target_name": ev.target.name if ev.target else None,
        "target_country": ev.target.country if ev.target else None,
        "sentence": ev.sentence.text,
        "article_id": first.article_id,
        "title": first.title,
        "source": first.outlet,
        "also_reported_by": [r.article_id for r in reports[1:]],
    }
