"""Property: whatever bytes or text reach a reader, nothing escapes but a NewsbriefError.

Random bytes and random text go to every reader (plain text, HTML, feeds, JSONL, WARC, the sniffing dispatcher,
files under every known extension); random mutations of real inputs (a news page, a feed, a WARC) reach the
parsers' deeper paths, where plain noise is refused at the first check.
"""

from __future__ import annotations

import gzip
import io
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest_helpers import BUDGET_TEXT, PORT_STRIKE_HTML, RAIL_PARAGRAPHS, make_warc, news_page
from newsbrief.errors import NewsbriefError
from newsbrief.ingest import article_from_string, read_many
from newsbrief.ingest.feeds import read_feed
from newsbrief.ingest.html import article_from_html, fragment_text
from newsbrief.ingest.jsonl import read_jsonl
from newsbrief.ingest.sources import _sniffed
from newsbrief.ingest.text import article_from_text
from newsbrief.ingest.warc import read_warc
from newsbrief.model import Article

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Rail strike</title>'
       b"<link>http://127.0.0.1:9/rail</link><description><![CDATA[<p>" + RAIL_PARAGRAPHS[0].encode()
       + b"</p>]]></description></item></channel></rss>")
WARC = make_warc([("https://news.example/rail", news_page("Rail strike", RAIL_PARAGRAPHS), "text/html")])
SEEDS = [PORT_STRIKE_HTML, RSS, WARC, gzip.compress(BUDGET_TEXT.encode()), BUDGET_TEXT.encode(),
         b'{"text": "The council met.", "title": "Council"}\n{"html": "<p>x</p>"}\n']
SUFFIXES = ["", ".txt", ".html", ".rss", ".xml", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".html.gz"]

# Enough examples to reach each reader's branches, few enough that the file stays under a minute on two cores.
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _drain(items: Iterable[object]) -> None:
    for item in items:
        assert isinstance(item, (Article, NewsbriefError))


def _only_newsbrief_errors(call: Callable[[], object]) -> None:
    try:
        result = call()
        if not isinstance(result, Article):
            _drain(result)  # type: ignore[arg-type]
    except NewsbriefError:
        pass


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real input with a few bytes changed, cut, or noise spliced in."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "splice"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(max_size=64))
    return bytes(data)


BYTES = st.one_of(st.binary(max_size=4096), mutated())
TEXT = st.one_of(st.text(max_size=2000), st.text(alphabet="<>/=\"' abcpdivhtml\n&;#!-[]", max_size=500))


@FUZZ
@given(BYTES)
def test_byte_readers(data: bytes) -> None:
    _only_newsbrief_errors(lambda: article_from_html(data, "fuzz.html"))
    _only_newsbrief_errors(lambda: read_feed(data, "fuzz.rss", fetch_links=False))
    _only_newsbrief_errors(lambda: read_jsonl(io.BytesIO(data), "fuzz.jsonl"))
    _only_newsbrief_errors(lambda: read_warc(io.BytesIO(data), "fuzz.warc"))
    _only_newsbrief_errors(lambda: _sniffed(data, "fuzz"))


@FUZZ
@given(TEXT)
def test_text_readers(text: str) -> None:
    _only_newsbrief_errors(lambda: article_from_string(text))
    _only_newsbrief_errors(lambda: article_from_text(text))
    _only_newsbrief_errors(lambda: article_from_html(text, "fuzz.html"))
    fragment_text(text)  # never raises at all


@FUZZ
@given(BYTES, st.sampled_from(SUFFIXES))
def test_files_of_every_kind(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        _drain(read_many([str(path), folder]))
