"""Which reader reads a source: paths, folders, globs, URLs, feeds, JSONL, WARC and standard input.

A source's kind comes from its extension where it has a known one, and from its first bytes otherwise (standard
input, a URL, a file without an extension): a WARC record, a gzip stream, an RSS/Atom document, an HTML page,
JSON lines, or else plain text.
"""

from __future__ import annotations

import glob
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from newsbrief.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    MissingInputError,
    ParseError,
    TooLargeError,
)
from newsbrief.ingest.common import MAX_INPUT_BYTES, clean_text, decode, gunzip_reader, read_capped
from newsbrief.ingest.feeds import looks_like_feed, read_feed
from newsbrief.ingest.html import article_from_html, looks_like_html, starts_like_html
from newsbrief.ingest.jsonl import read_jsonl
from newsbrief.ingest.text import article_from_text
from newsbrief.ingest.url import fetch, is_url
from newsbrief.ingest.warc import read_warc
from newsbrief.model import Article

Item = Article | InputError

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)
# Corpora (JSONL, WARC) are streamed record by record and have no whole-file cap; single articles do.
_STREAMED = JSONL_SUFFIXES + WARC_SUFFIXES
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + _STREAMED
_GLOB_CHARS = ("*", "?", "[")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
STDIN = "-"


def read(source: str) -> Iterator[Article]:
    """The articles of one source; raises the InputError of the source, or of the first bad record in it."""
    for item in _items(source):
        if isinstance(item, InputError):
            raise item
        yield item


def read_many(sources: Iterable[str]) -> Iterator[Item]:
    """Articles from every source, in order; each bad input, or bad record inside one, is yielded as its
    InputError and reading goes on."""
    for source in sources:
        try:
            yield from _items(source)
        except InputError as err:
            yield err


def _items(source: str) -> Iterator[Item]:
    if source == STDIN:
        yield from _read_stream(sys.stdin.buffer, "<stdin>")
    elif is_url(source):
        page = fetch(source)
        yield from _sniffed(page.data, source, url=page.url, charset=page.charset)
    elif os.path.exists(source):
        yield from _read_path(Path(source), source)
    elif any(c in source for c in _GLOB_CHARS):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            raise MissingInputError(source, "the pattern matches no files")
        for match in matches:
            try:
                yield from _read_path(Path(match), match)
            except InputError as err:
                yield err
    elif scheme := _SCHEME.match(source):
        name = scheme[1].lower()
        hint = f" (for a local file, give its path: {source[7:]})" if name == "file" and source[7:] else ""
        raise InputError(source, f"{name}:// URLs are not fetched; newsbrief fetches http:// and https:// only{hint}")
    else:
        raise MissingInputError(source, "no such file or directory")


def _read_path(path: Path, origin: str) -> Iterator[Item]:
    if path.is_dir():
        files = folder_files(path)
        if not files:
            raise EmptyInputError(origin, f"the folder holds no files newsbrief reads ({', '.join(KNOWN_SUFFIXES)})")
        for file in files:
            try:
                yield from _read_file(file, str(file))
            except InputError as err:
                yield err
    else:
        yield from _read_file(path, origin)


def folder_files(folder: Path) -> list[Path]:
    """The files under ``folder``, recursively, with a known extension (optionally .gz); hidden ones left out."""
    found = []
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_file() and _suffix(path) in KNOWN_SUFFIXES:
            found.append(path)
    return sorted(found)


def _suffix(path: Path) -> str:
    """The extension that says what a file holds: ``.jsonl`` for both ``a.jsonl`` and ``a.jsonl.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _read_file(path: Path, origin: str) -> Iterator[Item]:
    suffix = _suffix(path)
    gzipped = path.name.lower().endswith(".gz")
    try:
        size = path.stat().st_size
        if suffix in _STREAMED:
            with path.open("rb") as fh:
                stream: IO[bytes] = fh
                if suffix in JSONL_SUFFIXES:
                    if gzipped:
                        stream = gunzip_reader(fh, origin)  # stops a decompression bomb
                    yield from read_jsonl(stream, origin, whole_file=True)
                else:
                    yield from read_warc(stream, origin)  # WARC readers take gzip members as they come
            return
        # A single article: refused by size before anything is read.
        if size > MAX_INPUT_BYTES and not gzipped:
            raise TooLargeError(origin, f"the file is {size / 1e6:,.0f} MB; newsbrief reads at most "
                                        f"{MAX_INPUT_BYTES / 1e6:,.0f} MB per article")
        with path.open("rb") as fh:
            data = read_capped(fh, origin)
    except IsADirectoryError as err:
        raise InputError(origin, "is a folder, not a file") from err
    except PermissionError as err:
        raise InputError(origin, "permission denied") from err
    except OSError as err:
        raise InputError(origin, f"cannot be read ({err.strerror or err})") from err
    if not data.strip():
        raise EmptyInputError(origin, "the file is empty")
    if gzipped:
        data = _gunzip(data, origin)
    if suffix in TEXT_SUFFIXES and not starts_like_html(data):  # a page saved as .txt is still a page
        yield article_from_text(decode(data, origin), origin)
    elif suffix in HTML_SUFFIXES:
        yield article_from_html(data, origin)
    elif suffix in FEED_SUFFIXES and (looks_like_feed(data) or suffix != ".xml"):
        yield from read_feed(data, origin)
    else:
        yield from _sniffed(data, origin)


def _gunzip(data: bytes, origin: str) -> bytes:
    try:
        with gunzip_reader(io.BytesIO(data), origin) as fh:
            return read_capped(fh, origin)
    except (OSError, EOFError, zlib.error) as err:
        raise ParseError(origin, f"not a readable gzip file ({err})") from err


def _read_stream(stream: IO[bytes], origin: str) -> Iterator[Item]:
    data = read_capped(stream, origin)
    if not data.strip():
        raise EmptyInputError(origin, "nothing was read")
    yield from _sniffed(data, origin)


def _sniffed(data: bytes, origin: str, url: str | None = None, charset: str | None = None) -> Iterator[Item]:
    """Read bytes whose kind is not known from a file name, by what they start with."""
    if not data.strip():
        raise EmptyInputError(origin, "nothing was read")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, origin)
    head = data[:16].lstrip()
    if head.startswith(b"WARC/"):
        yield from read_warc(io.BytesIO(data), origin)
    elif looks_like_feed(data):
        yield from read_feed(data, origin)
    elif looks_like_html(data):
        yield article_from_html(data, origin, url=url, charset=charset)
    elif head.startswith(b"{") and _is_jsonl(data):
        yield from read_jsonl(io.BytesIO(data), origin)
    else:
        yield article_from_text(decode(data, origin, charset), origin, url=url)


def _article_from_bytes(data: bytes, url: str | None, origin: str) -> Article:
    if len(data) > MAX_INPUT_BYTES:
        raise TooLargeError(origin, f"the article is {len(data):,} bytes; newsbrief reads at most {MAX_INPUT_BYTES:,}")
    if not data.strip():
        raise EmptyInputError(origin, "no article text found")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, origin)
    if looks_like_html(data):
        return article_from_html(data, origin, url=url)
    return article_from_text(decode(data, origin), origin, url=url)


def _is_jsonl(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0].strip()
    return first.startswith(b"{") and first.endswith(b"}")


def article_from_string(text_or_html: str | bytes, url: str | None = None, origin: str = "<text>") -> Article:
    """One article from a string of plain text or HTML (told apart by its markup). Bytes are read as a file's
    bytes are (binary refused, the encoding found); any other type is an InputError that names it."""
    if isinstance(text_or_html, (bytes, bytearray, memoryview)):
        return _article_from_bytes(bytes(text_or_html), url, origin)
    if not isinstance(text_or_html, str):
        raise InputError(origin, f"the article must be text (str) or bytes, not {type(text_or_html).__name__}")
    text_or_html = clean_text(text_or_html)
    if len(text_or_html) > MAX_INPUT_BYTES:
        raise TooLargeError(origin, f"the text has {len(text_or_html):,} characters; newsbrief reads at most "
                                    f"{MAX_INPUT_BYTES:,}")
    if "\x00" in text_or_html[:8192]:
        raise BinaryInputError(origin, "binary data (NUL characters), not text or HTML")
    if looks_like_html(text_or_html):
        return article_from_html(text_or_html, origin, url=url)
    return article_from_text(text_or_html, origin, url=url)

