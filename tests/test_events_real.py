"""The real-sentence event figures (shared/EVALUATION.md §3): type sets per sentence, misses, false alarms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.eval.events_real import format_real_table, score
from newsbrief.model import Actor, Event, Span


def _event(text: str, type_: str, source_country: str | None = None, status: str = "asserted") -> Event:
    return Event(source=Actor("X", source_country, None, None, None), type=type_,
                 sentence=Span.of(text, 0, len(text)), )


def _gold(type_: str, country: str | None = None, status: str = "asserted") -> dict[str, object]:
    return {"type": type_, "source": {"text": "X", "country": country, "sector": None},
            "target": {"text": None, "country": None, "sector": None}, "status": status}


def test_a_type_counts_once_per_sentence_and_misses_and_false_alarms_are_shares_of_their_sentences() -> None:
    rows = [
        {"text": "a", "events": [_gold("ACCUSE", "USA"), _gold("ACCUSE")]},
        {"text": "b", "events": [_gold("REQUEST")]},
        {"text": "c", "events": []},
        {"text": "d", "events": []},
    ]
    predicted = [
        (_event("a", "ACCUSE", "USA"), _event("a", "ACCUSE", "FRA")),
        (),
        (_event("c", "ASSAULT"),),
        None,  # refused by the language check: no event
    ]
    report = score(rows, predicted)
    assert report.per_type["ACCUSE"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold": 1, "predicted": 1, "tp": 1}
    assert report.per_type["REQUEST"]["r"] == 0.0 and report.per_type["ASSAULT"]["p"] == 0.0
    assert report.micro_precision == 0.5 and report.micro_recall == 0.5
    assert (report.no_event_count, report.event_sentences, report.no_event) == (1, 2, 0.5)
    assert (report.false_alarm_count, report.empty_sentences, report.false_alarms) == (1, 2, 0.5)
    assert report.refused == 1
    # Both ACCUSE events are matched; the second pairs with the first gold ACCUSE (no gold event from FRA).
    assert report.matched_events == 2 and report.source_country_cases == 2 and report.source_country_accuracy == 0.5
    assert report.macro_types == []  # no type has five gold sentences here
    assert "false alarms on empty-gold sentences: 50.0% (1 of 2)" in format_real_table(report)


@pytest.mark.shared
def test_eval_events_real_prints_every_figure_with_its_count(shared_data: Path) -> None:
    from newsbrief.cli import _register, cli

    gold = shared_data / "events" / "real" / "events_gold.jsonl"
    _register()
    result = CliRunner().invoke(cli, ["eval", "events", "--real", "--data", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    real = json.loads(result.stdout)["real"]
    assert (real["sentences"], real["event_sentences"], real["empty_sentences"]) == (360, 205, 155)
    assert "ACCUSE" in real["macro_types"] and "MOBILIZE" not in real["macro_types"]
    for name in ("macro_f1", "micro_f1", "no_event", "false_alarms", "status_accuracy", "source_country_accuracy",
                 "target_country_accuracy"):
        assert 0.0 <= real[name] <= 1.0
