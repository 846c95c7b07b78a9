"""Gate: the brief's points stay above the floors in baselines/summaries.json, above LEAD-3 in the same run,
and fully grounded (shared/EVALUATION.md §2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.errors import DataMissingError, ParseError
from newsbrief.eval.summaries import DEFAULT_DATA, evaluate, read_rows, sha256

BASELINE = Path(__file__).resolve().parents[1] / "baselines" / "summaries.json"


@pytest.mark.slow
@pytest.mark.shared
def test_summaries_stay_above_their_floors(shared_data: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    data = shared_data / DEFAULT_DATA
    assert sha256(data) == baseline["corpus_sha256"], (
        "the sample changed since the baseline was measured; rerun `newsbrief eval summaries --json` and update "
        "baselines/summaries.json"
    )
    result = evaluate(data)
    points = result["rouge"]["brief"]
    below = {k: (points[k], floor) for k, floor in baseline["floors"]["rouge"].items() if points[k] < floor}
    assert not below, f"ROUGE below the floors (measured, floor): {below}"
    # The target of the issue: above LEAD-3 in the same run, both as spaCy splits the raw text and as the first
    # three body sentences (bylines and timestamps set aside), on ROUGE-1 and ROUGE-2.
    for lead3 in ("lead3", "lead3_body"):
        for metric in ("rouge1", "rouge2"):
            assert points[metric] > result["rouge"][lead3][metric], (metric, lead3, result["rouge"])
    grounding = result["grounding"]
    assert grounding["points_grounded"] == baseline["floors"]["points_grounded"] == 1.0
    assert grounding["quotes_verbatim"] == baseline["floors"]["quotes_verbatim"] == 1.0
    assert result["points_per_brief"] >= baseline["floors"]["points_per_brief"]
    assert result["share_three_points"] >= baseline["floors"]["share_three_points"]


@pytest.mark.shared
def test_eval_summaries_command(shared_data: Path) -> None:
    from click.testing import CliRunner

    from newsbrief.cli import _register, cli

    _register()
    result = CliRunner().invoke(cli, ["eval", "summaries", "--data", str(shared_data / DEFAULT_DATA), "--limit", "3",
                                      "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles"] == 3
    assert set(figures["rouge"]) == {"brief", "lead3", "lead3_body", "lead3_same_words"}
    assert set(figures["roles_found"]) == {"happened", "consequence", "response"}
    assert figures["grounding"]["points_grounded"] == 1.0
    table = CliRunner().invoke(cli, ["eval", "summaries", "--data", str(shared_data / DEFAULT_DATA), "--limit", "2"])
    assert "LEAD-3" in table.output and "ROUGE-2" in table.output


def test_missing_or_malformed_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataMissingError, match="not found"):
        read_rows(tmp_path / "absent.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("title,body\nA,B\n", encoding="utf-8")
    with pytest.raises(ParseError, match="article"):
        read_rows(bad)
