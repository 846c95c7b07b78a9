"""``newsbrief eval summaries``: the brief's points scored with ROUGE against highlights (shared/EVALUATION.md §2)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsbrief.cli.evaluate import eval_group
from newsbrief.eval import summaries


@eval_group.command(name="summaries")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="The CSV (columns article, highlights); default ../shared/data/" + summaries.DEFAULT_DATA)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N articles.")
def summaries_command(data: Path | None, as_json: bool, limit: int | None) -> None:
    """Score the points of attention (ROUGE-1/2/Lsum) next to LEAD-3, and their grounding in the article."""
    result = summaries.evaluate(data, limit=limit)
    if as_json:
        click.echo(json.dumps(result, sort_keys=True))
    else:
        for line in summaries.table(result):
            click.echo(line)
