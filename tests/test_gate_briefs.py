"""CI gate: briefs of the documents in the brief layout (shared/data/briefs, shared/EVALUATION.md §6) must stay at
or above the floors pinned in baselines/briefs.json, for the raw articles (.body.txt) and the full briefs (.txt).
Skips where ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsbrief.eval import briefs

BASELINE = Path(__file__).resolve().parents[1] / "baselines" / "briefs.json"

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def result(shared_data: Path) -> dict[str, Any]:
    return briefs.evaluate(shared_data / "briefs")


@pytest.mark.parametrize("kind", briefs.KINDS)
def test_briefs_in_the_layout_at_or_above_floors(result: dict[str, Any], baseline: dict[str, Any], kind: str) -> None:
    below = []
    for name, floor in baseline["floors"][kind].items():
        got = result["kinds"][kind]["scores"][name]["share"]
        if got < floor:
            below.append(f"{kind}/{name}: {got:.3f} < floor {floor:.3f}")
    assert not below, "; ".join(below)


def test_full_brief_scores_within_two_points_of_the_raw_articles(result: dict[str, Any]) -> None:
    body, brief = result["kinds"]["body"]["scores"], result["kinds"]["brief"]["scores"]
    for name in ("direct_right_speaker", "indirect_right_speaker", "speakers_right", "not_quotes_kept_out"):
        assert abs(body[name]["share"] - brief[name]["share"]) <= 0.02, name


def test_baseline_floors_sit_below_the_measured_figures(baseline: dict[str, Any]) -> None:
    for kind, floors in baseline["floors"].items():
        for name, floor in floors.items():
            assert floor <= baseline["measured"][kind][name], (kind, name)


def test_eval_briefs_command_prints_both_kinds(shared_data: Path) -> None:
    from click.testing import CliRunner

    from newsbrief.cli import _register, cli

    _register()
    out = CliRunner().invoke(cli, ["eval", "briefs", "--data", str(shared_data / "briefs"), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data["kinds"]) == {"body", "brief"} and data["documents"] == 8
