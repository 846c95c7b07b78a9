"""``newsbrief brief FILE|URL|-``: the brief of each article."""

from __future__ import annotations

import sys

import click

from newsbrief.cli import cli
from newsbrief.llm import DEFAULT_TIMEOUT, LLMConfig
from newsbrief.render import FORMATS, render
from newsbrief.scale.parallel import ParallelPipeline


@cli.command(name="brief")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text (default on a terminal or for one article), md, html, json, or jsonl (one brief per line; "
                   "the default for a batch piped or redirected).")
@click.option("--llm", "llm_url", metavar="URL", default=None,
              help="An OpenAI-compatible server (e.g. http://127.0.0.1:11434) to rewrite the lead and points; "
                   "its output is checked against the article. Off by default.")
@click.option("--llm-model", metavar="NAME", default=None, help="The model to ask on the --llm server.")
@click.option("--llm-timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds to wait for the model's answer.")
@click.option("--llm-budget", type=float, default=None, metavar="SECONDS",
              help="Model time for the whole batch (per worker process); once spent, briefs stay extractive.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Processes to brief with (default: every core); output is the same for any number.")
def brief_command(
    sources: tuple[str, ...], fmt: str, llm_url: str | None, llm_model: str | None, llm_timeout: float,
    llm_budget: float | None = None, workers: int | None = None,
) -> None:
    """Print the brief of each article in SOURCES (files, folders, globs, URLs, feeds, JSONL, WARC, or - for stdin).

    A batch written to a pipe or a file comes as JSON Lines unless --format says otherwise."""
    if (llm_url is None) != (llm_model is None):
        raise click.UsageError("--llm and --llm-model go together: give both, or neither")
    llm = LLMConfig(llm_url, llm_model, timeout=llm_timeout, budget=llm_budget) if llm_url and llm_model else None
    pipeline = ParallelPipeline(workers=workers, llm=llm)
    chosen = fmt
    held = None  # the first brief, until a second says the run is a batch
    count = 0
    for b in pipeline.run_sources(sources):
        count += 1
        if chosen is None:
            if count == 1:
                held = b
                continue
            chosen = "text" if sys.stdout.isatty() else "jsonl"
        if held is not None:
            click.echo(render(held, chosen))
            held = None
        if count > 1 and chosen in ("text", "md"):
            click.echo("\n" + "-" * 72 + "\n")
        click.echo(render(b, chosen))
    if held is not None:
        click.echo(render(held, chosen or "text"))
    for failure in pipeline.failures:
        click.echo(f"newsbrief: error: {failure.message}", err=True)
    if pipeline.failures:
        sys.exit(1)
