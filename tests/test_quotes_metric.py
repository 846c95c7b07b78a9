"""The PolNeAR metric of shared/EVALUATION.md §1 on tiny hand-made cases, each worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.eval.polnear import (
    GoldItem,
    Predicted,
    load_split,
    parse_ann,
    read_predictions,
    report,
    score_article,
    trimmed,
    write_predictions,
)

TEXT = '"We will win," she said. "It is our time." Critics said the plan was a fantasy.'
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678
# "We will win,"   [0, 14)   she [15, 18)   said [19, 23)   "It is our time." [25, 42)
# Critics [43, 50)   said [51, 55)   the plan was a fantasy [56, 78)

SPLIT_GOLD = GoldItem(content=((0, 14), (25, 42)), source=((15, 18),), cue=((19, 23),))
REPORTED_GOLD = GoldItem(content=((56, 78),), source=((43, 50),), cue=((51, 55),))


def test_offsets_of_the_hand_made_text() -> None:
    assert TEXT[0:14] == '"We will win,"'
    assert TEXT[25:42] == '"It is our time."'
    assert TEXT[56:78] == "the plan was a fantasy"
    assert TEXT[43:50] == "Critics"


def test_trim_drops_marks_spaces_and_closing_punctuation() -> None:
    assert trimmed(TEXT, (0, 14)) == (1, 12)  # We will win
    assert trimmed("''Axe the tax.''", (0, 16)) == (2, 13)


def test_split_quotation_emitted_once_matches_exactly_with_speaker_and_cue() -> None:
    counts = score_article(TEXT, [SPLIT_GOLD, REPORTED_GOLD], [Predicted((0, 42), (15, 18), (19, 23))])
    assert counts["content_exact"].tp == 1
    assert counts["content_overlap"].tp == 1
    assert counts["source"].tp == 1
    assert counts["cue_overlap"].tp == 1
    assert (counts["content_overlap"].predicted, counts["content_overlap"].gold) == (1, 2)


def test_gap_tokens_of_a_split_quotation_are_not_gold_tokens() -> None:
    # Gold has 7 tokens (3 + 4); predicting only the second half shares 4 >= 3.5 of them: a match.
    counts = score_article(TEXT, [SPLIT_GOLD], [Predicted((25, 42))])
    assert counts["content_overlap"].tp == 1
    # The first half alone shares 3 < 3.5: no match.
    counts = score_article(TEXT, [SPLIT_GOLD], [Predicted((0, 14))])
    assert counts["content_overlap"].tp == 0


def test_overlap_needs_half_of_the_predicted_tokens_too() -> None:
    # The whole text (16 tokens) covers the 5 gold tokens, but they are under half of it.
    counts = score_article(TEXT, [REPORTED_GOLD], [Predicted((0, len(TEXT)))])
    assert counts["content_overlap"].tp == 0


def test_matching_is_one_to_one() -> None:
    preds = [Predicted((56, 78), (43, 50)), Predicted((60, 78), (43, 50))]
    counts = score_article(TEXT, [REPORTED_GOLD], preds)
    assert counts["content_overlap"].tp == 1
    assert counts["content_exact"].tp == 1
    assert counts["content_overlap"].predicted == 2


def test_wrong_or_missing_speaker_fails_source_but_not_content() -> None:
    counts = score_article(TEXT, [REPORTED_GOLD], [Predicted((56, 78), None, (51, 55))])
    assert (counts["content_overlap"].tp, counts["source"].tp, counts["cue_overlap"].tp) == (1, 0, 1)
    counts = score_article(TEXT, [REPORTED_GOLD], [Predicted((56, 78), (15, 18), None)])
    assert (counts["source"].tp, counts["cue_overlap"].tp) == (0, 0)


def test_absent_source_on_both_sides_counts_as_right() -> None:
    gold = GoldItem(content=((56, 78),))
    counts = score_article(TEXT, [gold], [Predicted((56, 78))])
    assert counts["source"].tp == 1 and counts["cue_overlap"].tp == 1


def test_direct_subset_keeps_items_with_marks_only() -> None:
    preds = [Predicted((0, 42), (15, 18), (19, 23)), Predicted((56, 78), (43, 50), (51, 55))]
    counts = score_article(TEXT, [SPLIT_GOLD, REPORTED_GOLD], preds, "direct")
    assert (counts["content_overlap"].tp, counts["content_overlap"].predicted, counts["content_overlap"].gold) == (
        1, 1, 1
    )


def test_two_apostrophes_make_an_item_direct() -> None:
    text = "He called it ''a gift to nobody.''"
    gold = GoldItem(content=((13, 34),))
    counts = score_article(text, [gold], [Predicted((13, 34))], "direct")
    assert counts["content_exact"].gold == 1 and counts["content_exact"].tp == 1
    # One apostrophe is no quotation mark.
    text2 = "He said the voters' choice was clear."
    counts = score_article(text2, [GoldItem(content=((8, 36),))], [], "direct")
    assert counts["content_exact"].gold == 0


def test_parse_ann_joins_fragments_and_reads_missing_roles() -> None:
    ann = (
        "T1\tSource 15 18\tshe\n"
        "T2\tCue 19 23\tsaid\n"
        'T3\tContent 0 14;25 42\t"We will win," "It is our time."\n'
        "T4\tAttribution 19 23\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 56 78\tthe plan was a fantasy\n"
        "T6\tCue 51 55\tsaid\n"
        "E2\tAttribution-no-source:T6 Content:T5 Cue:T6\n"
    )
    items = parse_ann(ann)
    assert items[0] == SPLIT_GOLD
    assert items[1] == GoldItem(content=((56, 78),), source=(), cue=((51, 55),))


def test_parse_ann_reads_the_second_content_role_of_a_split_quotation() -> None:
    ann = (
        "T1\tContent 0 14\t\"We will win,\"\n"
        "T2\tSource 15 18\tshe\n"
        "T3\tCue 19 23\tsaid\n"
        "T4\tContent 25 42\t\"It is our time.\"\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2 Content2:T4\n"
    )
    assert parse_ann(ann) == [GoldItem(content=((0, 14), (25, 42)), source=((15, 18),), cue=((19, 23),))]


def _corpus(root: Path) -> Path:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    # A Windows line break must stay two code points: the offsets count it so.
    (root / "dev" / "text" / "a.txt").write_bytes(("Headline\r\n\r\n" + TEXT).encode("utf-8"))
    shift = len("Headline\r\n\r\n")
    (root / "dev" / "attributions" / "a_zz99.ann").write_text("", encoding="utf-8")
    (root / "dev" / "attributions" / "a_aa01.ann").write_text(
        f"T1\tContent {56 + shift} {78 + shift}\tthe plan was a fantasy\n"
        f"T2\tSource {43 + shift} {50 + shift}\tCritics\n"
        "E1\tAttribution:T2 Content:T1 Source:T2\n",
        encoding="utf-8",
    )
    return root


def test_load_split_reads_the_first_annotator_and_exact_text(tmp_path: Path) -> None:
    articles = load_split(_corpus(tmp_path), "dev")
    assert [a.stem for a in articles] == ["a"]
    art = articles[0]
    assert "\r\n" in art.text
    assert len(art.items) == 1  # from a_aa01.ann, not the empty a_zz99.ann
    s, e = art.items[0].content[0]
    assert art.text[s:e] == "the plan was a fantasy"


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    from newsbrief.errors import DataMissingError

    with pytest.raises(DataMissingError, match="train"):
        load_split(tmp_path, "train")


def test_predictions_round_trip_and_micro_average(tmp_path: Path) -> None:
    articles = load_split(_corpus(tmp_path), "dev")
    shift = len("Headline\r\n\r\n")
    preds = {"a": [Predicted((56 + shift, 78 + shift), (43 + shift, 50 + shift)), Predicted((shift, shift + 14))]}
    path = tmp_path / "p.jsonl"
    write_predictions(path, preds)
    assert read_predictions(path) == preds
    result = report(articles, preds)
    overlap = result["subsets"]["all"]["content_overlap"]
    assert (overlap["tp"], overlap["predicted"], overlap["gold"]) == (1, 2, 1)
    assert overlap["precision"] == 0.5 and overlap["recall"] == 1.0
    assert result["subsets"]["all"]["source"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
