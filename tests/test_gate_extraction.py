"""Gate: HTML ingestion on the article-extraction benchmark stays above the floors in baselines/extraction.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.eval.extraction import DEFAULT_DATA, evaluate

BASELINE = Path(__file__).resolve().parents[1] / "baselines" / "extraction.json"


@pytest.mark.slow
@pytest.mark.shared
def test_extraction_stays_above_its_floors(shared_data: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    report = evaluate(shared_data / DEFAULT_DATA)
    assert report.corpus_sha256 == baseline["corpus_sha256"], (
        "the benchmark files changed since the baseline was measured; rerun `newsbrief eval extraction --json` "
        "and update baselines/extraction.json"
    )
    figures = report.to_dict()
    below = {name: (figures[name], floor) for name, floor in baseline["floors"].items() if figures[name] < floor}
    assert not below, f"below the floors (measured, floor): {below}"
    for name, target in baseline["targets"].items():
        assert figures[name] >= target, f"{name} {figures[name]} under the issue's target {target}"


def test_token_overlap_is_a_bag_of_whitespace_tokens() -> None:
    from newsbrief.eval.extraction import token_overlap

    assert token_overlap("the strike the port", "the port strike ended") == (0.75, 0.75)
    assert token_overlap("", "anything") == (0.0, 0.0)


@pytest.mark.shared
def test_eval_extraction_command(shared_data: Path) -> None:
    from click.testing import CliRunner

    from newsbrief.cli import _register, cli

    _register()
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "extraction", "--data", str(shared_data / DEFAULT_DATA), "--limit", "3",
                                 "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["pages"] == 3 and 0.0 <= figures["f1"] <= 1.0
    table = runner.invoke(cli, ["eval", "extraction", "--data", str(shared_data / DEFAULT_DATA), "--limit", "2"])
    assert "body F1" in table.stdout and "pages with a date" in table.stdout
    missing = runner.invoke(cli, ["eval", "extraction", "--data", "/nonexistent/benchmark"])
    assert missing.exit_code == 1 and "evaluation data not found" in missing.stderr
