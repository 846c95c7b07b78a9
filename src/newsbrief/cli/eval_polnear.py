"""``newsbrief eval polnear``: quotes and attribution scored on PolNeAR (shared/EVALUATION.md §1)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newsbrief.cli.evaluate import eval_group
from newsbrief.eval import data_path, polnear

DEFAULT_DATA = "quotes/polnear"


@eval_group.command(name="polnear")
@click.option("--split", type=click.Choice(polnear.SPLITS), default="dev", show_default=True)
@click.option("--subset", type=click.Choice(polnear.SUBSETS), default=None, help="Score one subset (default: both).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--write-predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the predictions as JSONL (one line per article).")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Score this predictions JSONL instead of running newsbrief.")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="The PolNeAR folder (holding train/ and dev/); default ../shared/data/quotes/polnear.")
@click.option("--no-judge", is_flag=True, help="Score the rules' finds without the learned judge (docs/quotes.md).")
def polnear_command(
    split: str, subset: str | None, as_json: bool, write_predictions: Path | None, predictions: Path | None,
    data: Path | None, no_judge: bool,
) -> None:
    """Score newsbrief's quotes (content, speaker, cue) against PolNeAR's attributions."""
    root = data_path(data, DEFAULT_DATA)
    articles = polnear.load_split(root, split)
    preds: dict[str, list[polnear.Predicted]]
    if predictions is not None:
        preds = polnear.read_predictions(predictions)
    else:
        progress: Any = click.progressbar(length=len(articles), label=f"PolNeAR {split}",
                                          file=sys.stderr, show_pos=True)
        with progress as bar:
            preds = polnear.predict_split(articles, progress=bar.update, judged=not no_judge)
    if write_predictions is not None:
        polnear.write_predictions(write_predictions, preds)
    result = polnear.report(articles, preds, (subset,) if subset else polnear.SUBSETS)
    result["split"] = split
    if as_json:
        click.echo(json.dumps(result, sort_keys=True))
    else:
        click.echo(f"PolNeAR {split}: {result['articles']} articles")
        click.echo(polnear.format_table(result))
