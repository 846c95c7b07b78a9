"""``newsbrief eval ...``: one subcommand per evaluation of shared/EVALUATION.md."""

from __future__ import annotations

from newsbrief.cli import cli


@cli.group(name="eval")
def eval_group() -> None:
    """Score an extractor on the shared evaluation data."""
