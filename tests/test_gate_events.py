"""Gate: the event coder stays above the floors in baselines/events.json (``newsbrief eval events``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.eval.events import corpus_sha256, macro_f1

BASELINE = Path(__file__).resolve().parents[1] / "baselines" / "events.json"


@pytest.mark.slow
@pytest.mark.shared
def test_events_stay_above_their_floors(shared_data: Path) -> None:
    from newsbrief.cli import _register, cli

    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    folder = shared_data / "events" / "ngec"
    assert corpus_sha256(folder) == baseline["corpus_sha256"], (
        "the NGEC files changed since the baseline was measured; rerun `newsbrief eval events --json` and update "
        "baselines/events.json"
    )
    _register()
    result = CliRunner().invoke(cli, ["eval", "events", "--data", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["stories"] == 4500 and figures["folds"] == 5 and figures["actor_cases"] == 290
    below = {name: (figures[name], floor) for name, floor in baseline["floors"].items() if figures[name] < floor}
    assert not below, f"below the floors (measured, floor): {below}"
    # The actor target of the issue is met and enforced. The event-type target (0.80) is reached only by the story
    # type in stratified folds, where the headline names its template (see the baseline's note): recorded by its
    # floor, not counted as met; the grouped floors keep the figure that matters from slipping.
    assert figures["actor_country_accuracy"] >= baseline["targets"]["actor_country_accuracy"]


def test_macro_f1_counts_each_gold_type_once() -> None:
    score, per_type = macro_f1(["AGREE", "AGREE", "ACCUSE"], ["AGREE", "ACCUSE", "ACCUSE"])
    assert per_type == {"AGREE": pytest.approx(0.6667), "ACCUSE": pytest.approx(0.6667)}
    assert score == pytest.approx(0.6667)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli

    _register()
    result = CliRunner().invoke(cli, ["eval", "events", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "evaluation data not found" in result.stderr
    empty = CliRunner().invoke(cli, ["eval", "events", "--data", str(tmp_path)])
    assert empty.exit_code == 1 and "gpt_synthetic_events" in empty.stderr


def test_table_names_every_figure() -> None:
    from newsbrief.eval.events import EventsReport, format_table

    report = EventsReport(data="ngec", corpus_sha256="x", stories=10, folds=5, type_accuracy=0.5, type_macro_f1=0.4,
                          type_f1={"AGREE": 0.4}, actor_cases=3, actor_country_accuracy=2 / 3,
                          actor_misses=[{"text": "Mr X", "expected": "FRA", "got": None}])
    table = format_table(report)
    for words in ("story type (story model on headline and lead, a headline cue where it is unsure)",
                  "sentence type (sentence model: text only)", "5-fold CV on 10 stories", "macro-F1 0.400",
                  "grouped by headline template", "firm on", "type from a headline cue", "cue lexicon", "AGREE 0.40",
                  "actor country right: 66.7% of 3 cases", "FRA (1)"):
        assert words in table


@pytest.mark.slow
@pytest.mark.shared
def test_headline_check_shows_the_labels_follow_the_headline_template(shared_data: Path) -> None:
    # Why the story model's stratified figure is not the one to expect on new kinds of story (docs/events.md): the
    # headline alone names the label when its template was seen in training, and far less often when it was not.
    from newsbrief.eval.events import evaluate

    report = evaluate(shared_data / "events" / "ngec", types=False, actors=False, headline_check=True)
    assert report.headline_alone_macro_f1 is not None and report.headline_alone_macro_f1 >= 0.99
    assert report.headline_alone_grouped_macro_f1 is not None and report.headline_alone_grouped_macro_f1 < 0.6
    assert report.type_macro_f1 == report.story_macro_f1 == 0.0  # the shipped models' CV was not asked for


@pytest.mark.slow
@pytest.mark.shared
def test_story_sweep_shows_why_the_shipped_settings(shared_data: Path) -> None:
    # The settings docs/events.md quotes: reading the headline three times beats once, and a headline cue under a
    # margin of 0.3 beats no cue and the cue always first (grouped folds: kinds of story never seen).
    from newsbrief.eval.events import evaluate, format_table
    from newsbrief.events.story import CUE_BELOW_MARGIN, HEADLINE_WEIGHT

    report = evaluate(shared_data / "events" / "ngec", types=False, actors=False, story_sweep=True)
    assert report.story_sweep is not None
    weights, margins = report.story_sweep["headline_weight"], report.story_sweep["cue_below_margin"]
    assert (HEADLINE_WEIGHT, CUE_BELOW_MARGIN) == (3, 0.3)
    assert weights["3"] > weights["1"] + 0.03
    assert margins["0.3"] > margins["0.0"] + 0.1 and margins["0.3"] > margins["always"]
    assert "story sweep (grouped macro-F1): headline read 1x" in format_table(report)


@pytest.mark.shared
def test_events_on_real_sentences_stay_above_their_floors(shared_data: Path) -> None:
    # The target of issue 18: the real hand-coded dev sentences (baselines/events.json "real"). A few seconds.
    import hashlib

    from newsbrief.eval.events_real import evaluate_real

    real = json.loads(BASELINE.read_text(encoding="utf-8"))["real"]
    gold = shared_data / "events" / "real" / "events_gold.jsonl"
    assert hashlib.sha256(gold.read_bytes()).hexdigest() == real["sha256"], (
        "the real gold changed since the baseline was measured; rerun `newsbrief eval events --real --json` and "
        "update baselines/events.json"
    )
    figures = evaluate_real(gold).to_dict()
    assert (figures["sentences"], figures["event_sentences"]) == (360, 205)
    below = {name: (figures[name], floor) for name, floor in real["floors"].items() if figures[name] < floor}
    above = {name: (figures[name], ceiling) for name, ceiling in real["ceilings"].items() if figures[name] > ceiling}
    assert not below, f"below the floors (measured, floor): {below}"
    assert not above, f"above the ceilings (measured, ceiling): {above}"
    # Status accuracy meets its target. False alarms sit at the 15% target (23 or 24 of 155 sentences, as the
    # speaker resolution places one more actor): held by the ceiling above, which leaves spaCy's small
    # differences across CPUs a margin, not by the target itself.
    assert figures["status_accuracy"] >= real["targets"]["status_accuracy"]


@pytest.mark.slow
@pytest.mark.shared
def test_brief_events_stay_above_their_floors(shared_data: Path) -> None:
    # The events part of `newsbrief eval briefs` (EVALUATION.md section 6): the events each brief's gold expects,
    # found by source and target country (or organisation) and a type among those it allows.
    from newsbrief.eval.briefs import evaluate

    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["briefs"]["floors"]
    result = evaluate(shared_data / "briefs")
    for kind, floor in floors.items():
        found = result["kinds"][kind]["scores"]["events_found"]
        assert found["total"] == 27 and found["share"] >= floor, (kind, found, floor)
