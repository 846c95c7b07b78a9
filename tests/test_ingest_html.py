"""HTML pages: main text without the page furniture, paragraphs, and headline / date / outlet with fallbacks."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from ingest_helpers import FIXTURES, PORT_STRIKE_HTML, RAIL_PARAGRAPHS, news_page
from newsbrief.errors import EmptyInputError, InputError
from newsbrief.ingest import article_from_string, read
from newsbrief.ingest.html import article_from_html, fragment_text, looks_like_html


def test_news_page_main_text_and_metadata() -> None:
    [article] = read(str(FIXTURES / "port-strike.html"))
    assert article.title == "Dockworkers strike halts grain exports at Rotterdam"
    assert article.published == dt.date(2026, 2, 9)
    assert article.source == "Harbour Gazette"
    assert article.language == "en"
    assert article.text.startswith("ROTTERDAM — Grain shipments")
    assert article.text.endswith("into a second week.")
    # The page furniture stays out: navigation, subscription banner, related links, footer.
    for furniture in ("Subscribe for unlimited", "Related stories", "All rights reserved", "Antwerp expands"):
        assert furniture not in article.text


def test_paragraphs_are_blank_line_separated_and_br_is_a_line_break() -> None:
    article = article_from_html(PORT_STRIKE_HTML, origin="port-strike.html")
    paragraphs = [span.text for span in article.paragraph_spans()]
    assert "Every day the ships wait costs the farmers, not the company." in paragraphs[4]
    assert paragraphs[5].split("\n") == ["Niels de Vries", "Negotiator", "FNV Havens"]
    assert paragraphs[2].startswith('"We are not against machines')
    # Paragraph text is the article's words with the source's hard wrapping undone.
    assert "walked out over a new automated crane system" in paragraphs[0]


def test_html_string_is_recognised_and_url_kept() -> None:
    page = news_page("Rail strike cancels two in three trains", RAIL_PARAGRAPHS).decode()
    assert looks_like_html(page)
    article = article_from_string(page, url="https://news.example/2026/05/04/rail-strike")
    assert article.url == "https://news.example/2026/05/04/rail-strike"
    assert article.title == "Rail strike cancels two in three trains"
    assert article.source == "Evening Standard-Bearer"
    assert article.published == dt.date(2026, 5, 4)
    assert article.text.startswith("LYON — Rail workers")
    assert "Rail strike cancels two in three trains" not in article.text  # the <h1> is the title, not the body


def test_date_falls_back_to_json_ld_then_the_url() -> None:
    ld = ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
          '"datePublished": "2025-11-30T10:00:00Z"}]}</script>')
    page = news_page("Rail strike cancels two in three trains", RAIL_PARAGRAPHS, extra_head=ld)
    page = page.replace(b'<meta property="article:published_time" content="2026-05-04T08:00:00Z">', b"")
    assert article_from_html(page, "ld.html").published == dt.date(2025, 11, 30)
    bare = page.replace(ld.encode(), b"")
    article = article_from_html(bare, "bare.html", url="https://news.example/world/2024/07/19/rail-strike.html")
    assert article.published == dt.date(2024, 7, 19)


def test_declared_charset_is_honoured() -> None:
    page = news_page("Café terraces reopen in Besançon", ["Les cafés… no: the café owners of Besançon reopened their "
                                                           "terraces on Saturday after a long winter closure."] * 3)
    latin = page.decode().replace('charset="utf-8"', 'charset="iso-8859-1"').replace("…", "...").encode("latin-1")
    article = article_from_html(latin, "latin.html")
    assert "café owners of Besançon" in article.text


def test_html_gz_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(PORT_STRIKE_HTML))
    [article] = read(str(path))
    assert article.title == "Dockworkers strike halts grain exports at Rotterdam"


@pytest.mark.parametrize(
    "broken",
    [
        b"<html><body><p>Unclosed paragraph about the harbour strike, which entered its second day on Tuesday as "
        b"talks stalled and more ships queued outside the port<div><span>More ships",
        b"<html><head><title>x</title></head><body><div><div><div></body>",
        b"</p></p><<<>>><html<body>>",
        b"<!DOCTYPE html><html><head><script>var a = '<p>';</script></head><body></body></html>",
    ],
)
def test_broken_html_is_read_or_refused_with_a_clear_error(broken: bytes) -> None:
    try:
        article = article_from_html(broken, "broken.html")
    except InputError as err:
        assert str(err).startswith("broken.html: ")
        assert isinstance(err, EmptyInputError) or "HTML" in str(err)
    else:
        assert article.text.strip()
        assert "<" not in article.text


def test_unclosed_tags_still_give_the_text() -> None:
    page = ("<html><body><article><h1>Harbour strike enters second day</h1><p>The strike at the harbour entered "
            "its second day on Tuesday as talks between the union and the operator stalled. <p>More than forty "
            "ships were waiting outside the port, the harbour master said, and the queue was growing by the hour."
            "<p>The union said it was ready to meet at any time")
    article = article_from_string(page, origin="unclosed.html")
    assert "talks between the union and the operator stalled" in article.text
    assert article.title == "Harbour strike enters second day"


def test_page_without_text_is_empty_input() -> None:
    with pytest.raises(EmptyInputError, match="empty.html"):
        article_from_html(b"<html><head><title></title></head><body><nav></nav></body></html>", "empty.html")


def test_fragment_text_keeps_blocks_and_line_breaks() -> None:
    text = fragment_text("<p>First paragraph.</p><p>Second<br/>line</p><script>x()</script><!-- note -->Tail")
    assert text == "First paragraph.\n\nSecond\nline\n\nTail"
    assert fragment_text("No markup here.\n\nTwo paragraphs.") == "No markup here.\n\nTwo paragraphs."


def test_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_bytes(PORT_STRIKE_HTML)
    [article] = read(str(path))
    assert article.title == "Dockworkers strike halts grain exports at Rotterdam"
    assert "<p>" not in article.text
