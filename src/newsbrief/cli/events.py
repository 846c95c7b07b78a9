"""``newsbrief events FILE...``, ``newsbrief relations A B`` and ``newsbrief eval events``."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator

import click

from newsbrief.cli import cli
from newsbrief.cli.evaluate import eval_group
from newsbrief.countries import country_code, is_country_code
from newsbrief.errors import NewsbriefError
from newsbrief.model import Brief, Event

TABLE_SENTENCE_CHARS = 90


def _briefs(sources: tuple[str, ...], failures: list[str]) -> Iterator[Brief]:
    from newsbrief.pipeline import Pipeline

    pipeline = Pipeline(on_error=lambda failure: failures.append(str(failure)))
    yield from pipeline.run_sources(sources)


def event_record(brief: Brief, event: Event) -> dict[str, object]:
    """One event as a JSON line: the event, its quad class, and the article it came from."""
    record = event.to_dict()
    record["quad"] = event.quad
    record["article"] = {"id": brief.article.id, "origin": brief.article.origin, "title": brief.article.title,
                         "source": brief.article.source, "url": brief.article.url,
                         "story_type": brief.story.type if brief.story else None}
    return record


def _actor(actor: object) -> str:
    from newsbrief.model import Actor

    if not isinstance(actor, Actor):
        return "-"
    where = "/".join(x for x in (actor.country, actor.sector) if x)
    return f"{actor.name} [{where}]" if where else actor.name


def _report_failures(failures: list[str]) -> None:
    for message in failures:
        click.echo(f"newsbrief: error: {message}", err=True)
    if failures:
        sys.exit(1)


@cli.command(name="events")
@click.argument("sources", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON object per event instead of a table.")
def events_command(sources: tuple[str, ...], jsonl: bool) -> None:
    """List the PLOVER events in SOURCES (files, folders, globs, URLs, feeds, -): who did what to whom."""
    failures: list[str] = []
    for brief in _briefs(sources, failures):
        if jsonl:
            for event in brief.events:
                click.echo(json.dumps(event_record(brief, event), ensure_ascii=False))
            continue
        click.echo(f"== {brief.article.origin or brief.article.id}: {len(brief.events)} events")
        if brief.story:  # the article's own event, read from its headline and lead (events/story.py)
            story = brief.story
            # The margin is the model's: it says nothing of a type a headline cue gave.
            margin = f", margin {story.margin:.2f}" if story.by == "model" else ""
            hedge = "" if story.firm else ", a guess"
            click.echo(f"story: {story.type}  {story.intensity:+.1f}  (from {story.read_from}{margin}{hedge})")
        for event in brief.events:
            mode = f"/{event.mode}" if event.mode else ""
            cond = " (conditional)" if event.conditional else ""
            click.echo(f"{event.type}{mode}{cond}  {event.intensity:+.1f}  {_actor(event.source)} -> "
                       f"{_actor(event.target)}")
            words = " ".join(event.sentence.text.split())
            if len(words) > TABLE_SENTENCE_CHARS:
                words = words[: TABLE_SENTENCE_CHARS - 1] + "\u2026"
            click.echo(f"    {words}")
    _report_failures(failures)


def _country(value: str) -> str:
    code = value.upper() if is_country_code(value) else country_code(value)
    if code is None:
        raise NewsbriefError(f"{value!r} is not a country newsbrief knows (give an ISO3 code such as USA or JPN)")
    return code


def print_relations(result: dict[str, object]) -> None:
    """The relations table: one row per period, the events behind it indented below."""
    from newsbrief.relations import QUADS

    click.echo(f"{result['a']}–{result['b']} by {result['by']}")
    click.echo(f"{'period':<10} {'index':>6} {'events':>6}  " + "  ".join(QUADS))
    series = result["series"]
    assert isinstance(series, list)
    for p in series:
        counts = "  ".join(f"{p['counts'][q]:>{len(q)}}" for q in QUADS)
        click.echo(f"{p['period']:<10} {p['index']:>6.2f} {p['events_count']:>6}  {counts}")
        for ev in p["events"]:
            also = f" (+{len(ev.get('also_reported_by') or [])} more reports)" if ev.get("also_reported_by") else ""
            cond = " (conditional)" if ev.get("conditional") else ""
            click.echo(f"    {ev['date']} {ev['type']:<9} {ev['intensity']:+.1f} {ev['source_name']} -> "
                       f"{ev['target_name']}{cond}{also}: {' '.join(str(ev['sentence']).split())[:80]}")
    undated = result.get("undated_count")
    if undated:
        click.echo(f"{undated} event{'s' if undated != 1 else ''} could not be dated (no date in the sentence or on "
                   "the article) and are in no period: --json lists them under \"undated\"")
    elif not series:
        click.echo("no events between these two countries")


@cli.command(name="relations")
@click.argument("a")
@click.argument("b")
@click.argument("sources", nargs=-1)
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
              help="The period each figure covers.")
@click.option("--db", type=click.Path(), default=None, help="Read the events stored in this newsbrief store.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def relations_command(a: str, b: str, sources: tuple[str, ...], by: str, db: str | None, as_json: bool) -> None:
    """Relations between countries A and B over time, from the events in SOURCES (or in the store --db)."""
    a, b = _country(a), _country(b)
    if db:
        from newsbrief.cli.store import relations_from_store

        relations_from_store(db, a, b, by=by, as_json=as_json)
        return
    if not sources:
        raise NewsbriefError("give the articles to read (files, folders, URLs, feeds) or a store with --db FILE")
    from newsbrief.relations import Report, relations

    failures: list[str] = []
    # An event whose sentence gives no date takes its article's, as the store dates it; one with neither is listed.
    reports = [Report.of(event if event.date else dataclasses.replace(event, date=brief.article.published),
                         brief.article) for brief in _briefs(sources, failures) for event in brief.events]
    result = relations(reports, a, b, by=by)
    undated = [r for r in reports if r.event.date is None and r.event.status == "asserted" and r.event.target
               and {r.event.source.country, r.event.target.country} == {a, b}]
    result["undated_count"] = len(undated)
    result["undated"] = [{"type": r.event.type, "sentence": r.event.sentence.text, "article_id": r.article_id,
                          "title": r.title, "source": r.outlet} for r in undated]
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        print_relations(result)
    _report_failures(failures)


@eval_group.command(name="events")
@click.option("--real", is_flag=True,
              help="Score on the real hand-coded sentences (events_gold.jsonl; --data FILE for another split).")
@click.option("--synthetic", is_flag=True, help="With --real, also print the synthetic-story table after it.")
@click.option("--data", type=click.Path(), default=None,
              help="The NGEC folder (gpt_synthetic_events_*.csv, ngec_actor_resolution_cases.json); "
                   "default ../shared/data/events/ngec. With --real: the gold JSONL file, default "
                   "../shared/data/events/real/events_gold.jsonl.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--headline-check", is_flag=True,
              help="Also cross-validate the headline alone, in stratified and grouped folds "
                   "(what the story figure means).")
@click.option("--story-sweep", is_flag=True,
              help="Also the story settings' sweep on grouped folds (headline weight, cue margin).")
def eval_events_command(
    real: bool, synthetic: bool, data: str | None, as_json: bool, headline_check: bool, story_sweep: bool
) -> None:
    """Events on real sentences (--real: per-type F1, no-event share, false alarms, status, actor countries) or on the
    synthetic stories (type accuracy and macro-F1 in 5-fold CV, actor cases) as shared/EVALUATION.md §3 defines."""
    from newsbrief.eval.events import evaluate, format_table

    if real:
        from newsbrief.eval.events_real import evaluate_real, format_real_table

        real_report = evaluate_real(data)
        synthetic_report = evaluate(None, headline_check=headline_check, story_sweep=story_sweep) \
            if synthetic else None
        if as_json:
            out: dict[str, object] = {"real": real_report.to_dict()}
            if synthetic_report is not None:
                out["synthetic"] = synthetic_report.to_dict()
            click.echo(json.dumps(out, indent=2))
        else:
            click.echo(format_real_table(real_report))
            if synthetic_report is not None:
                click.echo("\nsynthetic stories (report only, not the target):")
                click.echo(format_table(synthetic_report))
        return
    report = evaluate(data, headline_check=headline_check, story_sweep=story_sweep)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_table(report))
