"""``newsbrief brief FILE|URL|-``: the brief of each article."""

from __future__ import annotations

import sys

import click

from newsbrief.cli import cli
from newsbrief.pipeline import Pipeline
from newsbrief.render import FORMATS, render


@cli.command(name="brief")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def brief_command(sources: tuple[str, ...], fmt: str) -> None:
    """Print the brief of each article in SOURCES (files, folders, globs, URLs, feeds, JSONL, WARC, or - for stdin)."""
    pipeline = Pipeline()
    first = True
    for b in pipeline.run_sources(sources):
        if not first and fmt in ("text", "md"):
            click.echo("\n" + "-" * 72 + "\n")
        click.echo(render(b, fmt))
        first = False
    for failure in pipeline.failures:
        click.echo(f"newsbrief: error: {failure.message}", err=True)
    if pipeline.failures:
        sys.exit(1)
