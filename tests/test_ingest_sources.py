"""Sources: folders, globs, standard input, JSONL, WARC, feeds and URLs (a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from ingest_helpers import (
    BUDGET_TEXT,
    HANG,
    HARVEST_PARAGRAPHS,
    PORT_STRIKE_HTML,
    RAIL_PARAGRAPHS,
    html_route,
    make_warc,
    news_page,
    serve,
)
from newsbrief.errors import EmptyInputError, FetchError, InputError, MissingInputError, ParseError, TooLargeError
from newsbrief.ingest import read, read_many
from newsbrief.ingest.feeds import MIN_ENTRY_WORDS, parse_feed, read_feed
from newsbrief.ingest.url import fetch
from newsbrief.model import Article

RAIL_PAGE = news_page("Rail strike cancels two in three trains", RAIL_PARAGRAPHS, date="2026-05-07")
HARVEST_PAGE = news_page("Kenya expects maize harvest to rise by a fifth", HARVEST_PARAGRAPHS, date="2026-05-05",
                         outlet="East Africa Ledger")


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# Folders, globs, stdin ------------------------------------------------------------------------------------------


def test_folder_is_read_recursively_with_known_extensions(tmp_path: Path) -> None:
    (tmp_path / "wires" / "2026").mkdir(parents=True)
    (tmp_path / "budget.txt").write_text(BUDGET_TEXT, encoding="utf-8")
    (tmp_path / "wires" / "2026" / "port.html").write_bytes(PORT_STRIKE_HTML)
    (tmp_path / "wires" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not read: unknown extension")
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "draft.txt").write_text("A hidden draft that must not be read.", encoding="utf-8")
    articles = list(read(str(tmp_path)))
    assert [a.title for a in articles] == [
        "Parliament passes emergency budget after all-night session",
        "Dockworkers strike halts grain exports at Rotterdam",
    ]


def test_glob_matches_files_and_an_empty_glob_is_missing(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(BUDGET_TEXT, encoding="utf-8")
    assert len(list(read(str(tmp_path / "*.txt")))) == 2
    with pytest.raises(MissingInputError, match="matches no files"):
        list(read(str(tmp_path / "*.html")))


def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PORT_STRIKE_HTML)))
    [article] = read("-")
    assert article.origin == "<stdin>"
    assert article.title == "Dockworkers strike halts grain exports at Rotterdam"


# JSONL --------------------------------------------------------------------------------------------------------


def _jsonl_lines() -> list[str]:
    return [
        json.dumps({"text": "\n\n".join(RAIL_PARAGRAPHS), "title": "Rail strike cancels trains",
                    "url": "https://news.example/rail", "date": "2026-05-07", "source": "Wire One"}),
        "{this is not json",
        json.dumps({"html": HARVEST_PAGE.decode(), "url": "https://news.example/harvest"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"title": "No body at all"}),
        json.dumps({"text": 42}),
        json.dumps({"text": BUDGET_TEXT.split("\n\n", 1)[1], "date": "not a date"}),
    ]


def test_jsonl_reads_records_and_reports_bad_lines_by_number(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(_jsonl_lines()) + "\n", encoding="utf-8")
    items = list(read_many([str(path)]))
    articles, errors = _articles(items), _errors(items)
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:3", f"{path}:8"]
    rail, harvest, budget = articles
    assert (rail.title, rail.source, rail.published, rail.url) == (
        "Rail strike cancels trains", "Wire One", dt.date(2026, 5, 7), "https://news.example/rail")
    assert rail.text.count("\n\n") == 3
    assert harvest.title == "Kenya expects maize harvest to rise by a fifth"
    assert harvest.source == "East Africa Ledger" and harvest.published == dt.date(2026, 5, 5)
    assert budget.published is None  # an unreadable date is left out, not fatal
    assert [(e.source, type(e)) for e in errors] == [
        (f"{path}:2", ParseError), (f"{path}:4", ParseError), (f"{path}:6", ParseError), (f"{path}:7", ParseError)]
    assert "not valid JSON" in str(errors[0])
    assert "text" in str(errors[2]) and "html" in str(errors[2])


def test_jsonl_gz_and_a_truncated_one(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "\n\n".join(RAIL_PARAGRAPHS), "title": f"Rail strike, day {i}"}) for i in range(40)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    good = tmp_path / "wire.jsonl.gz"
    good.write_bytes(data)
    assert len(list(read(str(good)))) == 40
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) - 20])
    items = list(read_many([str(cut)]))
    assert all(isinstance(i, Article) for i in items[:-1])
    assert isinstance(items[-1], ParseError) and "breaks off" in str(items[-1])


# WARC ---------------------------------------------------------------------------------------------------------


def _warc_pages() -> list[tuple[str, bytes, str]]:
    return [
        ("https://news.example/2026/05/07/rail", RAIL_PAGE, "text/html; charset=utf-8"),
        ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n...", "image/png"),
        ("https://news.example/2026/05/05/harvest", HARVEST_PAGE, "text/html"),
        ("https://news.example/port", PORT_STRIKE_HTML, "text/html"),
    ]


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_html_responses_become_articles(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(make_warc(_warc_pages(), gzip=compressed))
    articles = list(read(str(path)))
    assert [a.url for a in articles] == [
        "https://news.example/2026/05/07/rail", "https://news.example/2026/05/05/harvest", "https://news.example/port"]
    assert articles[0].title == "Rail strike cancels two in three trains"
    assert articles[2].source == "Harbour Gazette"


def test_truncated_warc_gz_yields_what_was_readable_then_a_parse_error(tmp_path: Path) -> None:
    data = make_warc(_warc_pages(), gzip=True)
    # Cuts inside the last record (the port page, about 1.8 KB compressed): a cut exactly between two records
    # leaves an archive that is whole as far as anyone can tell.
    for cut_at in (len(data) - 15, len(data) - 400, len(data) - 1200):
        path = tmp_path / "cut.warc.gz"
        path.write_bytes(data[:cut_at])
        items = list(read_many([str(path)]))
        assert isinstance(items[-1], ParseError), cut_at
        assert str(items[-1]).startswith(f"{path}: ") and "truncated" in str(items[-1])
        assert all(isinstance(i, Article) for i in items[:-1])
        assert [i.url for i in items[:-1]] == [  # type: ignore[union-attr]
            "https://news.example/2026/05/07/rail", "https://news.example/2026/05/05/harvest"]


def test_file_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes, not an archive.", encoding="utf-8")
    with pytest.raises(ParseError, match="not a WARC archive"):
        list(read(str(path)))


# Feeds --------------------------------------------------------------------------------------------------------


def test_shared_atom_and_rss_examples_parse(shared_data: Path) -> None:
    atom = parse_feed((shared_data / "feeds" / "feed1.atom").read_bytes(), "feed1.atom")
    assert atom.title == "Example Feed"
    assert [e.title for e in atom.entries] == ["Atom-Powered Robots Run Amok", "Self-referenced link"]
    assert atom.entries[0].link == "http://example.org/2003/12/13/atom03"
    assert atom.entries[0].published == dt.date(2003, 12, 13)
    rss = parse_feed((shared_data / "feeds" / "feed2.rss").read_bytes(), "feed2.rss")
    assert rss.title == "RSS Title"
    assert rss.entries[0].link == "http://www.example.com/blog/post/1"
    assert rss.entries[0].published == dt.date(2009, 9, 6)
    assert "interesting description" in rss.entries[0].text
    # Read without fetching the (unreachable) links: each entry becomes an article from its own text.
    articles = list(read_feed((shared_data / "feeds" / "feed2.rss").read_bytes(), "feed2.rss", fetch_links=False))
    assert [a.title for a in articles] == ["Example entry"]  # type: ignore[union-attr]


def _rss(items: list[tuple[str, str, str]], title: str = "Evening Standard-Bearer: World") -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Thu, 07 May 2026 06:00:00 +0000</pubDate>"
        f"<description><![CDATA[{d}]]></description></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'.encode()


def test_feed_entries_from_their_content_or_their_fetched_link() -> None:
    long_story = "".join(f"<p>{p}</p>" for p in HARVEST_PARAGRAPHS * 2)
    assert len(long_story.split()) >= MIN_ENTRY_WORDS
    with serve({"/rail.html": html_route(RAIL_PAGE)}) as server:
        feed = _rss([
            ("Rail strike cancels trains", server.url("/rail.html"), "Rail workers walked out on Thursday."),
            ("Kenya maize harvest", "https://unreachable.example/harvest", long_story),
            ("Gone story", server.url("/gone.html"), "A teaser for a page that was taken down."),
        ])
        server.routes["/feed.rss"] = (200, "application/rss+xml", feed)
        items = list(read_many([server.url("/feed.rss")]))
        assert server.hits == ["/feed.rss", "/rail.html", "/gone.html"]  # the long entry is not fetched
    rail, harvest = _articles(items)
    assert rail.text.startswith("LYON — Rail workers") and rail.url == server.url("/rail.html")
    assert rail.source == "Evening Standard-Bearer: World" and rail.published == dt.date(2026, 5, 7)
    assert harvest.text.startswith("NAIROBI") and harvest.title == "Kenya maize harvest"
    assert len(harvest.paragraphs) == 8
    [gone] = _errors(items)
    assert isinstance(gone, FetchError) and "404" in str(gone) and "entry 3" in str(gone)
    assert str(gone).startswith(server.url("/gone.html"))


def test_feed_file_that_is_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_text("Sorry, this feed has moved to our new website. Please update your reader.", encoding="utf-8")
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        list(read(str(path)))


def test_empty_feed(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_bytes(_rss([]))
    with pytest.raises(EmptyInputError, match="no entries"):
        list(read(str(path)))


# URLs ---------------------------------------------------------------------------------------------------------


def test_url_is_fetched_following_redirects() -> None:
    routes = {"/rail": html_route(RAIL_PAGE), "/old-rail": (301, "text/html", b"", {"Location": "/rail"})}
    with serve(routes) as server:
        [article] = read(server.url("/old-rail"))
    assert article.url == server.url("/rail")
    assert article.title == "Rail strike cancels two in three trains"


def test_plain_text_url() -> None:
    with serve({"/budget.txt": (200, "text/plain; charset=utf-8", BUDGET_TEXT.encode())}) as server:
        [article] = read(server.url("/budget.txt"))
    assert article.source == "Capital Courier" and article.url == server.url("/budget.txt")


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404"), (500, "HTTP 500"), (503, "HTTP 503")])
def test_error_status_is_a_fetch_error_naming_url_and_status(status: int, words: str) -> None:
    with (
        serve({"/story": html_route(b"<p>error page</p>", status=status)}) as server,
        pytest.raises(FetchError) as caught,
    ):
        list(read(server.url("/story")))
    assert str(caught.value).startswith(server.url("/story") + ": ")
    assert words in str(caught.value)


def test_server_that_never_answers_times_out() -> None:
    with serve({"/slow": HANG}) as server, pytest.raises(FetchError, match="no answer within 0.5 s"):
        fetch(server.url("/slow"), timeout=0.5)


def test_refused_connection_and_oversized_page() -> None:
    with serve({"/huge": html_route(b"<p>" + b"x" * 5000 + b"</p>")}) as server:
        with pytest.raises(TooLargeError, match="at most 1,000"):
            fetch(server.url("/huge"), cap=1000)
        port = server.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="could not fetch"):
        fetch(f"http://127.0.0.1:{port}/gone", timeout=2)


@pytest.mark.parametrize("address", ["http://", "http://[::1", "http://127.0.0.1:0/story", "http://x\x00y.example/"])
def test_malformed_or_unreachable_addresses_are_fetch_errors(address: str) -> None:
    [error] = list(read_many([address]))
    assert isinstance(error, FetchError) and str(error).startswith(address + ": ")
