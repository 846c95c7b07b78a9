"""CI gate: newsbrief's quotes scored on the PolNeAR dev split must stay at or above the floors pinned in
baselines/polnear.json (shared/EVALUATION.md §1). Skips where ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsbrief.eval import polnear

BASELINE = Path(__file__).resolve().parents[1] / "baselines" / "polnear.json"

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def dev_scores(shared_data: Path, baseline: dict[str, Any]) -> dict[str, Any]:
    root = shared_data / "quotes" / "polnear"
    digest = polnear.corpus_sha256(root, baseline["split"])
    assert digest == baseline["corpus_sha256"], (
        f"the PolNeAR {baseline['split']} files changed ({digest}); rescore and update {BASELINE.name}"
    )
    articles = polnear.load_split(root, baseline["split"])
    # One spaCy pass over the 84 articles for the whole module.
    return polnear.report(articles, polnear.predict_split(articles))


@pytest.mark.parametrize("subset", polnear.SUBSETS)
def test_polnear_dev_at_or_above_floors(dev_scores: dict[str, Any], baseline: dict[str, Any], subset: str) -> None:
    below = []
    for metric, floor in baseline["floors"][subset].items():
        got = dev_scores["subsets"][subset][metric]["f1"]
        if got < floor:
            below.append(f"{subset}/{metric}: F1 {got:.4f} < floor {floor:.4f}")
    assert not below, "; ".join(below)


def test_baseline_floors_sit_below_the_measured_figures(baseline: dict[str, Any]) -> None:
    for subset, floors in baseline["floors"].items():
        for metric, floor in floors.items():
            assert floor <= baseline["measured"][subset][metric]["f1"], (subset, metric)
