"""``newsbrief eval extraction``: HTML ingestion scored on the article-extraction benchmark."""

from __future__ import annotations

import json

import click

from newsbrief.cli.evaluate import eval_group


@eval_group.command(name="extraction")
@click.option("--data", type=click.Path(), default=None,
              help="The benchmark folder (html/*.html.gz and ground-truth.json); "
                   "default ../shared/data/extraction/article-extraction-benchmark.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=int, default=None, help="Score only the first N pages (a quick look).")
def extraction_command(data: str | None, as_json: bool, limit: int | None) -> None:
    """Token precision/recall/F1 of extracted bodies, and the share of pages with a title and a date."""
    from newsbrief.eval.extraction import evaluate, format_table

    report = evaluate(data, limit=limit)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_table(report))
