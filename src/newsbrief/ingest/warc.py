"""Web archives (``.warc``, ``.warc.gz``, read with warcio): each HTML response becomes an article.

warcio reads a cut-off archive without complaint (it simply stops), so newsbrief decompresses the gzip members
itself and checks each record's length: a truncated or corrupt archive yields the articles before the break, then
one ParseError that says where it broke. Responses that are not HTML (images, scripts) or not successful
(redirects, 404 pages) are not articles and are passed over silently.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from newsbrief.errors import EmptyInputError, InputError, ParseError, TooLargeError
from newsbrief.ingest.common import MAX_INPUT_BYTES, GunzipStream
from newsbrief.ingest.html import article_from_html
from newsbrief.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


class _Gunzip(GunzipStream):
    """Decompresses a (multi-member) gzip stream as it is read, and remembers when it breaks off, is corrupt, or
    unpacks like a decompression bomb (warcio reads a short stream as the end of the archive, so the reason is kept
    here for read_warc to report)."""

    broken: str | None = None
    too_large: TooLargeError | None = None

    def readinto(self, buffer: Any) -> int:
        if self.broken:
            return 0
        try:
            return super().readinto(buffer)
        except EOFError:
            self.broken = "the gzip stream ends in the middle of a record"
        except zlib.error as err:
            self.broken = f"corrupt gzip data ({err})"
        except TooLargeError as err:
            self.broken, self.too_large = err.problem, err
        return 0


def read_warc(stream: IO[bytes], origin: str) -> Iterator[Article | InputError]:
    """One Article per HTML response in the archive (or the InputError of that record), in archive order."""
    raw: io.BufferedReader = io.BufferedReader(_Passthrough(stream))
    gunzip: _Gunzip | None = None
    if raw.peek(2)[:2] == _GZIP_MAGIC:
        gunzip = _Gunzip(raw, origin)
        raw = io.BufferedReader(gunzip)  # type: ignore[arg-type]
    if raw.peek(5)[:5] != b"WARC/":
        if gunzip is not None and gunzip.broken:
            raise ParseError(origin, f"not a readable WARC archive: {gunzip.broken}")
        raise ParseError(origin, "not a WARC archive (it does not start with a WARC/1.x record)")
    found = 0
    number = 0
    records = iter(ArchiveIterator(raw, arc2warc=False))
    while True:
        try:
            record = next(records, None)
        except Exception as err:  # noqa: BLE001 - warcio raises assorted errors on malformed headers
            raise ParseError(origin, f"the archive is corrupt after record {number} ({type(err).__name__})") from err
        if record is None:
            break
        number += 1
        item = _article(record, f"{origin}#{number}")
        if gunzip is not None and gunzip.too_large is not None:
            raise gunzip.too_large
        if _cut_short(record):
            raise ParseError(origin, f"the archive is truncated: record {number} breaks off")
        if item is not None:
            found += 1
            yield item
    if gunzip is not None and gunzip.broken:
        raise ParseError(origin, f"the archive is truncated or corrupt after record {number}: {gunzip.broken}")
    if found == 0:
        raise EmptyInputError(origin, f"no HTML responses among the archive's {number} records")


class _Passthrough(io.RawIOBase):
    """Lets any binary file object (stdin's buffer, a BytesIO) sit under an io.BufferedReader."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _cut_short(record: Any) -> bool:
    # After its content is read, a whole record has no bytes left to read; a cut-off one still expects some.
    limit = getattr(record.raw_stream, "limit", 0)
    return isinstance(limit, int) and limit > 0


def _article(record: Any, where: str) -> Article | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode() or ""
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if not content_type.startswith(_HTML_TYPES) or not status.startswith("2"):
        _drain(record)
        return None
    where = f"{where} ({url})" if url else where
    try:
        page = record.content_stream().read(MAX_INPUT_BYTES + 1)
    except Exception as err:  # noqa: BLE001 - a broken content encoding inside one record
        return ParseError(where, f"the response body cannot be read ({type(err).__name__})")
    if len(page) > MAX_INPUT_BYTES:
        _drain(record)
        return TooLargeError(where, f"the page is larger than the {MAX_INPUT_BYTES:,} bytes newsbrief reads")
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip()
    try:
        return article_from_html(page, origin=where, url=url, charset=charset)
    except InputError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one odd page never costs the records around it
        return ParseError(where, f"the page could not be read ({type(err).__name__})")


def _drain(record: Any) -> None:
    # Read what is left of a record we pass over, so that a truncation inside it is still noticed.
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
