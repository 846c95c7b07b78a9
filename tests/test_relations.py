"""The relations index: counts by quad class, mean intensity, events behind each figure, one count per event."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.model import Actor, Event, Span
from newsbrief.relations import Report, period_of, relations

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "defence-spending.txt"


def _event(type_: str, source: str, target: str, day: str, sentence: str, intensity: float) -> Event:
    return Event(
        source=Actor(source, source, "government"),
        type=type_,
        sentence=Span.of(sentence, 0, len(sentence)),
        target=Actor(target, target, "government"),
        intensity=intensity,
        date=dt.date.fromisoformat(day),
    )


def test_periods() -> None:
    day = dt.date(2026, 3, 14)
    periods = (period_of(day, "day"), period_of(day, "week"), period_of(day, "month"))
    assert periods == ("2026-03-14", "2026-W11", "2026-03")
    with pytest.raises(ValueError, match="period must be one of"):
        period_of(day, "year")


def test_counts_index_and_events_per_period() -> None:
    reports = [
        Report(_event("ACCUSE", "USA", "JPN", "2026-03-13", "Trump criticised Japan over spending.", -2.0), "a1"),
        Report(_event("REJECT", "JPN", "USA", "2026-03-14", "Ishiba rejected the US demand.", -4.2), "a2"),
        Report(_event("AGREE", "JPN", "USA", "2026-04-02", "Japan and the US agreed to new talks.", 5.9), "a3"),
        Report(_event("AGREE", "KOR", "JPN", "2026-04-02", "Seoul and Tokyo agreed to drills.", 5.9), "a4"),
    ]
    result = relations(reports, "usa", "JPN", by="month")
    assert (result["a"], result["b"], result["by"]) == ("USA", "JPN", "month")
    march, april = result["series"]
    assert march["period"] == "2026-03" and march["events_count"] == 2
    assert march["counts"]["verbal conflict"] == 2 and march["index"] == pytest.approx(-3.1)
    assert april["counts"]["verbal cooperation"] == 1 and april["index"] == pytest.approx(5.9)
    assert april["events"][0]["sentence"] == "Japan and the US agreed to new talks."
    assert [p["period"] for p in relations(reports, "USA", "JPN", by="week")["series"]] == ["2026-W11", "2026-W14"]


def test_one_event_reported_by_several_outlets_counts_once() -> None:
    wire = _event("THREATEN", "USA", "JPN", "2026-03-13", "Trump said he would not defend Japan if it did not pay.", -6)
    paper = _event("THREATEN", "USA", "JPN", "2026-03-14", "Trump said he would not defend Japan unless it paid.", -6)
    other = _event("THREATEN", "USA", "JPN", "2026-03-14", "The president warned Tokyo over its trade surplus.", -6)
    result = relations([Report(wire, "wire"), Report(paper, "paper"), Report(other, "paper")], "USA", "JPN")
    (march,) = result["series"]
    assert march["events_count"] == 2  # the second report of one statement joins the first; a new threat does not
    assert march["events"][0]["also_reported_by"] == ["paper"]
    assert march["events"][1]["also_reported_by"] == []


def test_undated_or_untargeted_events_are_left_out() -> None:
    undated = Event(Actor("USA", "USA"), "ACCUSE", Span.of("x", 0, 1), Actor("JPN", "JPN"))
    untargeted = Event(Actor("USA", "USA"), "ACCUSE", Span.of("x", 0, 1), None, date=dt.date(2026, 1, 1))
    assert relations([undated, untargeted], "USA", "JPN")["series"] == []


def test_relations_command_on_files(tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli

    _register()
    # The same article filed by a second outlet: its events join the first's instead of counting twice.
    copy = tmp_path / "copy.txt"
    reworded = EXAMPLE.read_text(encoding="utf-8").replace("Pacific Ledger", "Harbour Times")
    reworded = reworded.replace("told the crowd", "told supporters").replace("on Saturday rejected", "rejected")
    copy.write_text(reworded, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["relations", "USA", "Japan", str(EXAMPLE), "--by", "day", "--json"])
    assert result.exit_code == 0, result.output
    single = json.loads(result.stdout)
    (day,) = single["series"]
    assert day["period"] == "2026-03-14" and day["counts"]["verbal conflict"] >= 4
    assert day["index"] < 0
    both = json.loads(runner.invoke(cli, ["relations", "USA", "JPN", str(EXAMPLE), str(copy), "--json"]).stdout)
    assert both["series"][0]["events_count"] == day["events_count"]
    articles = [{e["article_id"], *e["also_reported_by"]} for e in both["series"][0]["events"]]
    assert all(len(ids) == 2 for ids in articles)  # every event: one count, reported by both articles
    table = runner.invoke(cli, ["relations", "USA", "JPN", str(EXAMPLE)])
    assert "verbal conflict" in table.stdout and "criticised Japan" in table.stdout
    bad = runner.invoke(cli, ["relations", "USA", "Narnia", str(EXAMPLE)])
    assert bad.exit_code == 1 and "not a country" in bad.stderr
    nothing = runner.invoke(cli, ["relations", "USA", "JPN"])
    assert nothing.exit_code == 1 and "--db" in nothing.stderr


def test_events_command(tmp_path: Path) -> None:
    from newsbrief.cli import _register, cli

    _register()
    runner = CliRunner()
    lines = runner.invoke(cli, ["events", str(EXAMPLE), "--jsonl"]).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert {"ACCUSE", "REJECT", "THREATEN", "AGREE"} <= {r["type"] for r in records}
    assert all(r["sentence"]["text"] and r["article"]["source"] == "Pacific Ledger" for r in records)
    assert {r["article"]["story_type"] for r in records} == {"REJECT"}  # the article's own event, on each line
    table = runner.invoke(cli, ["events", str(EXAMPLE), str(tmp_path / "missing.txt")])
    assert "THREATEN (conditional)" in table.stdout and "Donald Trump [USA/government]" in table.stdout
    # A cue gave the type, so no margin is shown (the model's margin would be about another type).
    assert "story: REJECT  -4.2  (from a cue in the headline)" in table.stdout
    assert table.exit_code == 1 and "missing.txt" in table.stderr  # the batch went on past the bad input
