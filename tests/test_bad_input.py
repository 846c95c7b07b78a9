"""Every bad input of the foundation issue, through the library and through ``newsbrief brief``.

Each gets a clear one-line error naming the input and the problem; a single bad input exits non-zero; inside a
batch it is a report line and the good articles are still briefed. URLs are served by a real HTTP server on
127.0.0.1 started here.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest_helpers import (
    BUDGET_TEXT,
    FRENCH_TEXT,
    GERMAN_TEXT,
    HANG,
    PORT_STRIKE_HTML,
    NewsServer,
    html_route,
    make_warc,
    news_page,
    serve,
)
from newsbrief.cli import _register, cli
from newsbrief.errors import (
    BinaryInputError,
    EmptyInputError,
    FetchError,
    InputError,
    MissingInputError,
    ParseError,
    TooLargeError,
    UnsupportedLanguageError,
)
from newsbrief.ingest import article_from_string, read, read_many
from newsbrief.model import Article
from newsbrief.pipeline import Pipeline
from newsbrief.pipeline import brief as brief_article

# Short enough for a quick test, long against a server on the same machine.
TEST_TIMEOUT_S = "0.5"


def _png() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def server() -> Iterator[NewsServer]:
    with serve({"/missing": html_route(b"<h1>Not here</h1>", 404), "/broken": html_route(b"<h1>Oops</h1>", 500),
                "/slow": HANG, "/good": html_route(PORT_STRIKE_HTML)}) as s:
        yield s


@pytest.fixture(autouse=True)
def _short_fetch_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_FETCH_TIMEOUT", TEST_TIMEOUT_S)


# Each bad input: how to make it, the error it must raise, and words its message must hold.
Maker = Callable[[Path, NewsServer], str]


def _missing(tmp: Path, _s: NewsServer) -> str:
    return str(tmp / "no-such-article.txt")


def _empty(tmp: Path, _s: NewsServer) -> str:
    (tmp / "empty.txt").write_bytes(b"")
    return str(tmp / "empty.txt")


def _image(tmp: Path, _s: NewsServer) -> str:
    (tmp / "front-page.png").write_bytes(_png())
    return str(tmp / "front-page.png")


def _image_named_txt(tmp: Path, _s: NewsServer) -> str:
    (tmp / "photo-caption.txt").write_bytes(_png())
    return str(tmp / "photo-caption.txt")


def _huge_text(tmp: Path, _s: NewsServer) -> str:
    path = tmp / "archive-dump.txt"
    paragraph = ("The council met on Tuesday and agreed the budget after a long debate about bus routes. " * 10)
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(paragraph + "\n\n")
    return str(path)


def _broken_html(tmp: Path, _s: NewsServer) -> str:
    (tmp / "broken.html").write_bytes(b"<html><head><title></title><body><div><script>document.write('<p>'")
    return str(tmp / "broken.html")


def _not_a_feed(tmp: Path, _s: NewsServer) -> str:
    (tmp / "world.rss").write_text("<html><body>This feed has moved.</body></html>", encoding="utf-8")
    return str(tmp / "world.rss")


def _truncated_warc(tmp: Path, _s: NewsServer) -> str:
    data = make_warc([("https://news.example/port", PORT_STRIKE_HTML, "text/html")] * 3, gzip=True)
    # Cut inside the last record (about 1.8 KB compressed): an archive cut exactly between records looks whole.
    (tmp / "crawl.warc.gz").write_bytes(data[: len(data) - 500])
    return str(tmp / "crawl.warc.gz")


BAD_INPUTS: list[tuple[str, Maker, type[InputError], str]] = [
    ("missing path", _missing, MissingInputError, "no such file"),
    ("empty file", _empty, EmptyInputError, "empty"),
    ("image", _image, BinaryInputError, "PNG image"),
    ("image named .txt", _image_named_txt, BinaryInputError, "PNG image"),
    ("50 MB text", _huge_text, TooLargeError, "at most 10 MB"),
    ("broken HTML", _broken_html, EmptyInputError, "no article text"),
    ("feed that is not XML", _not_a_feed, ParseError, "not an RSS or Atom feed"),
    ("truncated WARC.gz", _truncated_warc, ParseError, "truncated"),
    ("URL answering 404", lambda _t, s: s.url("/missing"), FetchError, "HTTP 404"),
    ("URL answering 500", lambda _t, s: s.url("/broken"), FetchError, "HTTP 500"),
    ("URL that never answers", lambda _t, s: s.url("/slow"), FetchError, "no answer within 0.5 s"),
]
IDS = [case[0] for case in BAD_INPUTS]


def _last_error(items: list[Article | InputError]) -> InputError:
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(("name", "make", "error", "words"), BAD_INPUTS, ids=IDS)
def test_library_reports_each_bad_input(tmp_path: Path, server: NewsServer, name: str, make: Maker,
                                        error: type[InputError], words: str) -> None:
    source = make(tmp_path, server)
    with pytest.raises(error) as caught:
        list(read(source))
    message = str(caught.value)
    assert message.startswith(source + ": ") and words in message, message
    assert "\n" not in message
    # In a batch: a report item, and the good articles around it are still read.
    good = tmp_path / "good.txt"
    good.write_text(BUDGET_TEXT, encoding="utf-8")
    items = list(read_many([str(good), source, str(good)]))
    assert isinstance(_last_error(items), error)
    assert isinstance(items[0], Article) and isinstance(items[-1], Article)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


@pytest.mark.parametrize(("name", "make", "error", "words"), BAD_INPUTS, ids=IDS)
def test_cli_one_line_error_and_non_zero_exit(tmp_path: Path, server: NewsServer, runner: CliRunner, name: str,
                                              make: Maker, error: type[InputError], words: str) -> None:
    source = make(tmp_path, server)
    result = runner.invoke(cli, ["brief", source])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"newsbrief: error: {source}: ") and words in lines[0]
    if name != "truncated WARC.gz":  # the readable records of a cut-off archive are still briefed
        assert result.stdout == ""


@pytest.mark.slow
def test_cli_batch_reports_each_bad_input_and_briefs_the_good_ones(tmp_path: Path, server: NewsServer,
                                                                   runner: CliRunner) -> None:
    good = tmp_path / "budget.txt"
    good.write_text(BUDGET_TEXT, encoding="utf-8")
    french = tmp_path / "agriculture.txt"
    french.write_text(FRENCH_TEXT, encoding="utf-8")
    bad = [make(tmp_path, server) for name, make, _e, _w in BAD_INPUTS if name != "50 MB text"]
    result = runner.invoke(cli, ["brief", str(good), *bad, str(french), server.url("/good")])
    assert result.exit_code == 1
    assert "Parliament passes emergency budget after all-night session" in result.stdout
    assert "Dockworkers strike halts grain exports at Rotterdam" in result.stdout
    report = result.stderr.strip().splitlines()
    assert len(report) == len(bad) + 1
    for source in [*bad, str(french)]:
        assert any(line.startswith(f"newsbrief: error: {source}: ") for line in report), source
    assert any("language 'fr'" in line for line in report)


@pytest.mark.parametrize(("text", "language"), [(FRENCH_TEXT, "fr"), (GERMAN_TEXT, "de")])
def test_article_in_another_language_is_detected_and_refused(tmp_path: Path, runner: CliRunner, text: str,
                                                             language: str) -> None:
    article = article_from_string(text, origin="foreign.txt")
    assert article.language == language
    with pytest.raises(UnsupportedLanguageError, match=f"language '{language}'"):
        brief_article(text)
    path = tmp_path / f"article-{language}.txt"
    path.write_text(text, encoding="utf-8")
    pipeline = Pipeline()
    assert list(pipeline.run_sources([str(path)])) == []
    [failure] = pipeline.failures
    assert isinstance(failure.error, UnsupportedLanguageError) and failure.origin == str(path)
    result = runner.invoke(cli, ["brief", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"newsbrief: error: {path}: the article is in language '{language}'; "
                                     "newsbrief reads en only")


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8-sig"])
def test_latin1_and_bom_files_are_briefed(tmp_path: Path, runner: CliRunner, encoding: str) -> None:
    text = BUDGET_TEXT.replace("Claire Dubois", "Claire Dubois-Léger").replace("—", "-")
    path = tmp_path / f"budget-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    [article] = read(str(path))
    assert article.title == "Parliament passes emergency budget after all-night session"
    assert "Claire Dubois-Léger" in article.text and "\ufeff" not in article.text
    result = runner.invoke(cli, ["brief", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "2026-04-02" in result.stdout and "Parliament passes emergency budget" in result.stdout
    assert "Capital Courier" in result.stdout


def test_text_over_the_character_cap() -> None:
    with pytest.raises(TooLargeError, match="at most 1,000,000"):
        article_from_string("The council met on Tuesday. " * 40_000, origin="long.txt")


def test_broken_html_with_text_is_briefed(tmp_path: Path, runner: CliRunner) -> None:
    page = news_page("Harbour strike enters second day", ["The strike at the harbour entered its second day on "
                                                           "Tuesday as talks between the union and the operator "
                                                           "stalled, the harbour master said."] * 3)
    path = tmp_path / "cut.html"
    path.write_bytes(page[: len(page) - 60])  # the closing tags are gone
    result = runner.invoke(cli, ["brief", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "Harbour strike enters second day" in result.stdout


def test_stdin_through_the_cli(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["brief", "-"], input=BUDGET_TEXT)
    assert result.exit_code == 0, result.stderr
    assert "Parliament passes emergency budget after all-night session" in result.stdout
    empty = runner.invoke(cli, ["brief", "-"], input="")
    assert empty.exit_code == 1
    assert empty.stderr.strip() == "newsbrief: error: <stdin>: nothing was read"
