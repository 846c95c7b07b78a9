"""JSON Lines corpora (``.jsonl``, ``.jsonl.gz``): one article per line.

Each line is a JSON object with ``text`` (the body, plain text) or ``html`` (a whole page), and optionally ``url``,
``title``, ``date`` and ``source`` (the outlet), which take precedence over what is read from the page.
A bad line is reported as ``<file>:<line>`` and the rest of the file goes on; a gzip stream that breaks off is
reported after the lines before the break.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from newsbrief.errors import EmptyInputError, EncodingError, InputError, ParseError, TooLargeError
from newsbrief.ingest.common import MAX_INPUT_BYTES, clean_text, make_article, parse_date
from newsbrief.ingest.html import article_from_html
from newsbrief.model import Article

# One line holds one article, so the per-file cap of other inputs applies per line here: a corpus may be any size.
MAX_LINE_BYTES = MAX_INPUT_BYTES


def read_jsonl(stream: IO[bytes], origin: str, whole_file: bool = False) -> Iterator[Article | InputError]:
    """One Article per line of ``stream`` (or the InputError of that line), in file order. With ``whole_file``
    (a file, not a byte range of one), a file without a single record is an EmptyInputError."""
    number = 0
    records = 0
    while True:
        try:
            line = stream.readline(MAX_LINE_BYTES + 1)
        except (EOFError, OSError, zlib.error) as err:
            if number == 0:
                raise ParseError(origin, f"not a readable gzip file ({_why(err)})") from err
            raise ParseError(origin, f"the file breaks off after line {number} ({_why(err)})") from err
        if not line:
            if records == 0 and whole_file:  # an empty corpus is reported, not read as a batch of nothing
                raise EmptyInputError(origin, "the file holds no JSON lines")
            return
        number += 1
        where = f"{origin}:{number}"
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            records += 1
            yield TooLargeError(where, f"the line is longer than the {MAX_LINE_BYTES:,} bytes newsbrief reads")
            _skip_rest_of_line(stream)
            continue
        if not line.strip():
            continue
        records += 1
        try:
            yield article_from_record(_record(line, where, first=number == 1), where)
        except InputError as err:
            yield err
        except Exception as err:  # noqa: BLE001 - one odd record never costs the records around it
            yield ParseError(where, f"the record could not be read ({_why(err)})")


def _why(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while (chunk := stream.readline(MAX_LINE_BYTES)) and not chunk.endswith(b"\n"):
        pass


def _record(line: bytes, where: str, first: bool) -> dict[str, Any]:
    if first:
        line = line.removeprefix(b"\xef\xbb\xbf")
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EncodingError(where, f"the line is not UTF-8 (byte {err.start}); JSON Lines files are UTF-8") from err
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as err:
        raise ParseError(where, f"not valid JSON: {err.msg} at column {err.colno}") from err
    except RecursionError as err:
        raise ParseError(where, "not valid JSON: nested too deeply") from err
    if not isinstance(record, dict):
        raise ParseError(where, f"a JSON object was expected, found {type(record).__name__}")
    return record


def _field(record: dict[str, Any], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ParseError(where, f'the field "{name}" should be a string, found {type(value).__name__}')
    return clean_text(value)  # JSON's "\\ud800" escapes give lone surrogates


def article_from_record(record: dict[str, Any], where: str) -> Article:
    """The Article of one JSON record (fields text or html, plus url, title, date, source)."""
    text, page = _field(record, "text", where), _field(record, "html", where)
    url, title = _field(record, "url", where), _field(record, "title", where)
    outlet = _field(record, "source", where)
    published = parse_date(record.get("date"))
    if text is not None and text.strip():
        # "text" is the body alone: the record's own fields carry the headline, date and outlet.
        body = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        return make_article(body, where, url=url, outlet=outlet, title=title, published=published)
    if page is not None and page.strip():
        article = article_from_html(page, origin=where, url=url)
        return dataclasses.replace(
            article,
            title=title or article.title,
            published=published or article.published,
            source=outlet or article.source,
        )
    raise ParseError(where, 'the record has no "text" or "html" field with content')
