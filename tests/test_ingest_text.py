"""Plain-text articles: header forms, body and paragraphs, line breaks, encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest_helpers import BUDGET_TEXT, FIXTURES
from newsbrief.errors import BinaryInputError, EmptyInputError
from newsbrief.ingest import article_from_string, read
from newsbrief.ingest.common import decode, parse_date
from newsbrief.ingest.text import article_from_text, split_header
from newsbrief.model import split_paragraphs

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "defence-spending.txt"


def test_date_header_and_source_line_are_read_and_left_out_of_the_body() -> None:
    [article] = read(str(FIXTURES / "budget-vote.txt"))
    assert article.title == "Parliament passes emergency budget after all-night session"
    assert article.published == dt.date(2026, 4, 2)
    assert article.source == "Capital Courier"
    assert article.text.startswith("OTTAWA — Lawmakers approved")
    assert "Source:" not in article.text and "date 2026" not in article.text
    assert article.language == "en"
    assert article.origin.endswith("budget-vote.txt")


def test_bundled_example_reads_with_its_header() -> None:
    [article] = read(str(EXAMPLE))
    assert article.published == dt.date(2026, 3, 14)
    assert article.title is not None and article.title.startswith("Japan rejects US demand")
    assert article.source == "Pacific Ledger"
    assert article.text.startswith("TOKYO")


def test_paragraphs_are_offsets_into_the_body_and_speaker_cards_keep_their_line_breaks() -> None:
    article = article_from_text(BUDGET_TEXT, origin="budget")
    assert article.paragraphs == split_paragraphs(article.text)
    texts = [span.text for span in article.paragraph_spans()]
    assert len(texts) == 5
    card = texts[3]
    assert card.split("\n") == [
        "We were asked to sign a cheque without seeing the bill. That is not how a parliament should work.",
        "Robert Lang",
        "Opposition finance spokesman",
    ]
    assert texts[-1] == "The opposition said it would ask the auditor general to review how the money is spent."


def test_plain_first_line_headline() -> None:
    text = ("Storm closes schools across the north-east\n\nHeavy snow closed more than 300 schools on Monday, and "
            "the weather service warned of further falls overnight.\n\nRail operators cancelled early services.")
    article = article_from_string(text)
    assert article.title == "Storm closes schools across the north-east"
    assert article.published is None and article.source is None
    assert article.text.startswith("Heavy snow closed")


def test_headline_followed_by_source_line() -> None:
    title, date, outlet, body = split_header("Mayor resigns after audit\nSource: Riverside Post\n\nThe mayor quit.")
    assert (title, date, outlet) == ("Mayor resigns after audit", None, "Riverside Post")
    assert body.strip() == "The mayor quit."


def test_text_without_a_headline_is_all_body() -> None:
    text = ("The central bank left interest rates unchanged on Wednesday, as expected by most economists.\n\n"
            "It said inflation was falling more slowly than it had hoped.")
    article = article_from_string(text)
    assert article.title is None
    assert article.text == text


def test_a_single_line_is_body_not_headline() -> None:
    article = article_from_string("Talks between the two unions resumed on Friday")
    assert article.title is None
    assert article.text == "Talks between the two unions resumed on Friday"


def test_windows_line_endings_are_normalised() -> None:
    article = article_from_string("date 2026-01-05 Ferry service resumes\r\nSource: Island Times\r\n\r\n"
                                  "The ferry to the mainland resumed on Monday.\r\n\r\nIt had been halted by storms.")
    assert article.text == "The ferry to the mainland resumed on Monday.\n\nIt had been halted by storms."
    assert len(article.paragraphs) == 2


def test_latin1_file_is_read_correctly(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café owners in Besançon protest new rules\n\nThe café owners said the rules on terraces "
                     "were unfair, and the mayor's office promised a meeting next week.".encode("latin-1"))
    [article] = read(str(path))
    assert article.title == "Café owners in Besançon protest new rules"
    assert "The café owners said" in article.text


def test_windows_1252_quotes_are_read_correctly(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes("\u201cWe will not back down,\u201d the union leader said on Sunday \u2014 and the crowd "
                     "cheered.".encode("cp1252"))
    [article] = read(str(path))
    assert article.text.startswith("\u201cWe will not back down,\u201d")
    assert "\u2014" in article.text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BUDGET_TEXT.encode("utf-8"))
    [article] = read(str(path))
    assert article.title == "Parliament passes emergency budget after all-night session"
    assert "\ufeff" not in article.text


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(BUDGET_TEXT.encode("utf-16"))
    [article] = read(str(path))
    assert article.source == "Capital Courier"


def test_decode_refuses_binary_and_reads_text() -> None:
    with pytest.raises(BinaryInputError, match="PNG image"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png")
    with pytest.raises(BinaryInputError):
        decode(bytes(range(0, 32)) * 20, "noise")
    assert decode("naïve".encode(), "x") == "naïve"


def test_header_alone_is_empty() -> None:
    with pytest.raises(EmptyInputError, match="no article text"):
        article_from_string("date 2026-01-01 Headline only\nSource: Nowhere\n")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-14", dt.date(2026, 3, 14)),
        ("2026-03-14T09:30:00+09:00", dt.date(2026, 3, 14)),
        ("Sat, 14 Mar 2026 09:00:00 +0000", dt.date(2026, 3, 14)),
        ("2026-02-30", None),
        ("next Tuesday", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
