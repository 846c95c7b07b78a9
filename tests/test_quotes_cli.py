"""``newsbrief quotes`` and ``newsbrief eval polnear`` through the real command line (click's runner, real spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsbrief.cli import _register, cli

DATA = Path(__file__).parent / "data" / "quotes"


def _run(*args: str):  # type: ignore[no-untyped-def]
    _register()
    return CliRunner().invoke(cli, list(args))


def test_quotes_table_lists_speaker_role_and_country() -> None:
    result = _run("quotes", str(DATA / "card-layout.txt"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("card-layout.txt: 4 quotations")
    ruto = next(line for line in lines if line.startswith("block") and "William Ruto" in line)
    assert "President of Kenya [KEN]" in ruto and "Our fishermen" in ruto


def test_quotes_jsonl_carries_every_span() -> None:
    path = DATA / "marks-layout.txt"
    text = path.read_text(encoding="utf-8")
    result = _run("quotes", "--jsonl", str(path))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 6
    for rec in records:
        # Offsets count in the article's text (the reader takes the headline out); the words are the file's own.
        for key in ("content", "speaker_mention", "cue"):
            span = rec[key]
            if span is not None:
                assert span["end"] - span["start"] == len(span["text"]) and span["text"] in text
    split = next(r for r in records if r["content"]["text"].startswith("We have waited"))
    assert split["kind"] == "direct"
    assert split["speaker"]["id"] == "luiz-lula" and split["speaker"]["country"] == "BRA"


def test_quotes_bad_input_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    result = _run("quotes", str(tmp_path / "missing.txt"), str(DATA / "card-layout.txt"))
    assert result.exit_code == 1
    assert "missing.txt" in result.output  # the error names the input
    assert "William Ruto" in result.output  # and the good article is still listed


def _tiny_corpus(root: Path) -> Path:
    text = 'Vote results.\n\n"We will win," she said. "It is our time."\n\nCritics said the plan was a fantasy.\n'
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "a.txt").write_text(text, encoding="utf-8", newline="")
    q1, q2 = text.index('"We'), text.index("time.") + 6
    she, said = text.index("she"), text.index("said")
    c = text.index("the plan")
    crit, said2 = text.index("Critics"), text.index("said the")
    ann = (
        f"T1\tContent {q1} {q2}\tx\nT2\tSource {she} {she + 3}\tshe\nT3\tCue {said} {said + 4}\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
        f"T4\tContent {c} {c + 22}\tx\nT5\tSource {crit} {crit + 7}\tCritics\nT6\tCue {said2} {said2 + 4}\tsaid\n"
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5\n"
    )
    (root / "dev" / "attributions" / "a_aa01.ann").write_text(ann, encoding="utf-8")
    return root


def test_eval_polnear_json_on_a_tiny_corpus(tmp_path: Path) -> None:
    root = _tiny_corpus(tmp_path)
    preds = tmp_path / "preds.jsonl"
    result = _run("eval", "polnear", "--split", "dev", "--data", str(root), "--json", "--write-predictions",
                  str(preds))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[-1])
    assert out["split"] == "dev" and out["articles"] == 1
    for metric in ("content_exact", "content_overlap", "source", "cue_overlap"):
        assert out["subsets"]["all"][metric]["f1"] == 1.0, (metric, out)
    assert out["subsets"]["direct"]["content_overlap"]["gold"] == 1
    row = json.loads(preds.read_text(encoding="utf-8"))
    assert row["article"] == "a" and len(row["quotes"]) == 2


def test_eval_polnear_table_and_missing_data(tmp_path: Path) -> None:
    result = _run("eval", "polnear", "--data", str(_tiny_corpus(tmp_path)), "--subset", "direct")
    assert result.exit_code == 0, result.output
    assert "direct   content_overlap" in result.output and "all " not in result.output
    missing = _run("eval", "polnear", "--data", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1
    assert "nowhere" in missing.output


def test_eval_polnear_without_the_judge(tmp_path: Path) -> None:
    # Both attributions of the tiny corpus are plain statements: the rules find them, and the judge keeps them, so
    # the two runs score the same; --no-judge only takes the judge out.
    root = _tiny_corpus(tmp_path)
    scores = []
    for flags in ((), ("--no-judge",)):
        result = _run("eval", "polnear", "--data", str(root), "--json", *flags)
        assert result.exit_code == 0, result.output
        scores.append(json.loads(result.output.strip().splitlines()[-1])["subsets"]["all"]["content_overlap"])
    assert scores[0] == scores[1]
    assert (scores[1]["tp"], scores[1]["predicted"], scores[1]["gold"]) == (2, 2, 2)
