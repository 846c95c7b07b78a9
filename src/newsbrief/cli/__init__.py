"""The command line: a thin layer over the library. NewsbriefErrors become one-line messages here, at the edge."""

from __future__ import annotations

import logging
import sys

import click

from newsbrief.errors import NewsbriefError


class _Group(click.Group):
    """Turns a NewsbriefError anywhere below into ``newsbrief: error: <message>`` and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NewsbriefError as err:
            click.echo(f"newsbrief: error: {err}", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(package_name="newsbrief")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def cli(verbose: bool) -> None:
    """newsbrief: structured, attributed briefs from raw news."""
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    # Each command lives in its own module; importing it adds it to the group.
    from newsbrief.cli import (  # noqa: F401
        brief,
        eval_briefs,
        eval_polnear,
        eval_summaries,
        evaluate,
        events,
        ingest_eval,
        quotes,
        scale,
        store,
    )


def main() -> None:
    _register()
    cli()
