"""``newsbrief eval briefs``: briefs of documents in the brief layout scored (shared/EVALUATION.md §6)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsbrief.cli.evaluate import eval_group
from newsbrief.eval import briefs


@eval_group.command(name="briefs")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="The folder of NN-slug.body.txt, NN-slug.txt and NN-slug.gold.json; default ../shared/data/"
              + briefs.DEFAULT_DATA)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def briefs_command(data: Path | None, as_json: bool) -> None:
    """Score quotations, speakers, not-quotes, events and points/lead ROUGE, for the raw article in the layout
    (.body.txt) and the full brief (.txt) of each document."""
    result = briefs.evaluate(data)
    if as_json:
        click.echo(json.dumps(result, sort_keys=True))
    else:
        for line in briefs.table(result):
            click.echo(line)
