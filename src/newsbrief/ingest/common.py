"""What every reader shares: the size caps, reading bytes under a cap, decoding them, dates, and the Article builder.

Each reader (text, HTML, feeds, JSONL, WARC, URLs) turns its input into text plus a little metadata and hands it
to ``make_article``, so the checks that make an article readable (not empty, not too long, a language) live here once.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import io
import logging
import re
import zlib
from typing import IO, Any

from newsbrief.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError
from newsbrief.model import Article

log = logging.getLogger(__name__)

# The largest input read at all: 10 MB. A long news article is 20-100 KB of text and its HTML page, with inline
# scripts and styles, rarely passes 2-3 MB; anything past 10 MB is a dump or a mistake, not an article, and is
# refused before it is read whole (the check runs on the file size, the Content-Length, or while streaming).
MAX_INPUT_BYTES = 10 * 1024 * 1024

# The longest article text briefed: 1,000,000 characters (about 170,000 words, ten times the longest long-form
# piece). spaCy's parser needs about 1 GB of memory per 100,000 characters, and nlp.py sets its own guard above this.
MAX_ARTICLE_CHARS = 1_000_000

# An article is words. Text in which letters are under a quarter of the visible characters (a JSON document, markup,
# punctuation runs) is no article, and would cost the NLP pass about a second per 30,000 characters for nothing; news
# prose is 80-90% letters, and even a page of sports results or market figures stays above 40%. Short texts are left
# to the language check.
MIN_LETTER_SHARE = 0.25
MIN_CHARS_FOR_LETTER_SHARE = 200

# Bytes read from the start of an input to tell binary from text and HTML from plain text.
SNIFF_BYTES = 8192

# Magic numbers of binary formats people hand to a news tool by mistake (images, PDFs, office files, archives).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"BM", None),  # checked below: "BM" also starts plain words, so only with a NUL nearby
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x00\x00\x00\x18ftyp", "an MP4/HEIC file"),
    (b"\x00\x00\x00\x1cftyp", "an MP4/HEIC file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4/HEIC file"),
)

# C0 control characters other than tab, line feed, form feed and carriage return: text has almost none, binary data
# decoded as Latin-1 is full of them. More than 1 in 100 characters (a margin over stray ones in real files) = binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


# A code point in U+D800-U+DFFF is half of a UTF-16 pair. Python strings can hold one alone (JSON's "\\ud800", a
# file name decoded with surrogateescape, a caller's string), but no UTF-8 writer, hash or database accepts it.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD (a well-formed pair becomes its one character)."""
    if not _SURROGATE.search(value):
        return value
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean_optional(value: str | None) -> str | None:
    return clean_text(value) if value is not None else None


def read_capped(stream: IO[bytes], origin: str, cap: int = MAX_INPUT_BYTES) -> bytes:
    """Read a stream to its end, refusing it as soon as it passes ``cap`` bytes (never holds more than cap + 1)."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise TooLargeError(origin, f"larger than the {_mb(cap)} newsbrief reads")
    return data


# A gzip stream may decompress to at most this many times the bytes read from it, once past MAX_INPUT_BYTES of
# output. News text and HTML compress 3 to 10 times, a WARC of similar pages 10 to 20, and even a corpus of one
# article repeated word for word only 135; a decompression bomb (a few megabytes of gzip that unpack to gigabytes of
# zeros) runs at deflate's limit, 1,032 times, and is stopped as soon as it passes 500.
MAX_GZIP_RATIO = 500
_GZIP_CHUNK = 64 * 1024


class GunzipStream(io.RawIOBase):
    """Decompresses a gzip stream (of one or more members) as it is read, never more than 64 KB at a time, and
    raises TooLargeError as soon as the output passes ``MAX_GZIP_RATIO`` times the input (past ``free`` bytes).

    A stream that ends inside a member raises EOFError, corrupt data zlib.error, as Python's GzipFile does.
    """

    def __init__(self, raw: IO[bytes], origin: str, max_ratio: int = MAX_GZIP_RATIO,
                 free: int = MAX_INPUT_BYTES) -> None:
        self._raw = raw
        self._origin = origin
        self._max_ratio = max_ratio
        self._free = free
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._input = b""  # compressed bytes read but not yet decompressed
        self._in_member = False
        self._ended = False
        self._pending = b""
        self.read_in = 0
        self.put_out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._ended:
                return 0
            self._pending = self._inflate()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _inflate(self) -> bytes:
        if not self._input:
            self._input = self._raw.read(_GZIP_CHUNK)
            self.read_in += len(self._input)
            if not self._input:
                self._ended = True
                if self._in_member:
                    raise EOFError("the gzip stream ends before its end-of-stream marker")
                return b""
        if not self._in_member:
            self._input = self._input.lstrip(b"\x00")  # gzip allows zero padding between and after members
            if not self._input:
                return b""
            self._in_member = True
        out = self._zlib.decompress(self._input, _GZIP_CHUNK)
        self._input = self._zlib.unconsumed_tail
        if self._zlib.eof:
            self._input = self._zlib.unused_data
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self._in_member = False
        self.put_out += len(out)
        if self.put_out > self._free and self.put_out > self._max_ratio * self.read_in:
            self._ended = True
            raise TooLargeError(self._origin, f"the gzip data unpacks to more than {self._max_ratio} times its size "
                                f"(a decompression bomb); stopped after {self.put_out:,} bytes")
        return out


def gunzip_reader(raw: IO[bytes], origin: str) -> io.BufferedReader:
    """A buffered, line-readable GunzipStream over ``raw``."""
    return io.BufferedReader(GunzipStream(raw, origin))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_not_binary(data: bytes, origin: str) -> None:
    """Raise BinaryInputError when the bytes start like an image, an archive or another binary format."""
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if what is None and b"\x00" not in head[:64]:
                continue
            raise BinaryInputError(origin, f"this is {what or 'binary data'}, not text or HTML")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text has NUL bytes by design
    if b"\x00" in head:
        raise BinaryInputError(origin, "binary data (NUL bytes), not text or HTML")


def decode(data: bytes, origin: str, declared: str | None = None) -> str:
    """Text from bytes: a declared charset when valid, else UTF-8 (a BOM is dropped), else Windows-1252 / Latin-1.

    Files from old newsroom systems are often Windows-1252; a byte sequence that is not valid UTF-8 is read that
    way (and as Latin-1 for the five bytes cp1252 leaves undefined), so "café" written in Latin-1 reads as "café".
    """
    check_not_binary(data, origin)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        declared = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = "utf-16"
    text: str | None = None
    if declared:
        try:
            text = data.decode(_codec(declared))
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is None and _codec(declared) == "utf-16":
            raise EncodingError(origin, "the bytes start with a UTF-16 mark but are not valid UTF-16")
    if text is None:
        text = _mostly_utf8(data, origin)
    if text is None:
        for codec in ("cp1252", "latin-1"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    assert text is not None  # latin-1 decodes any bytes
    text = text.lstrip("\ufeff")
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(origin, "binary data (control characters), not text or HTML")
    return text


# A file is read as UTF-8 with its bad bytes replaced when its well-formed multi-byte characters outnumber the bad
# sequences by this much. A Windows-1252 file has (almost) no well-formed UTF-8 sequences at all, so every accented
# letter in it is a bad sequence; a UTF-8 file damaged in transfer has a few bad bytes among hundreds of good ones.
MIN_GOOD_PER_BAD_UTF8 = 4

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes, origin: str) -> str | None:
    """The bytes as UTF-8 when they are valid, or damaged in only a few places (those replaced by U+FFFD and the
    replacement logged); None when they look like another encoding."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    good = len(_UTF8_MULTIBYTE.findall(data))
    if good < MIN_GOOD_PER_BAD_UTF8 * bad:
        return None
    log.warning("%s: %d byte sequence%s that are not UTF-8 replaced by U+FFFD", origin, bad, "s" * (bad != 1))
    return text


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return name


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value: object) -> dt.date | None:
    """A date from what sources give: a date, an ISO string ("2026-03-14", "2026-03-14T09:00:00Z") or an RFC 822
    string ("Sat, 14 Mar 2026 09:00:00 +0000"); None when it is none of these or not a real calendar date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.search(value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.date() if parsed else None


def make_article(
    text: str,
    origin: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """The Article for a body text, after the checks every source shares: not empty, under the cap, a language.

    The language is detected here and stored; the pipeline refuses what it cannot read (nlp.check_language).
    """
    from newsbrief.nlp import detect_language

    text = clean_text(text).strip("\n\r\t \ufeff")
    origin = clean_text(origin)
    if not any(c.isalnum() for c in text):  # whitespace or stray punctuation ("<<>>") is no article
        raise EmptyInputError(origin, "no article text found")
    visible = sum(not c.isspace() for c in text)
    if visible > MIN_CHARS_FOR_LETTER_SHARE and sum(c.isalpha() for c in text) < MIN_LETTER_SHARE * visible:
        raise EmptyInputError(origin, f"no article text found: under {MIN_LETTER_SHARE:.0%} of the characters are "
                                      "letters (JSON, markup, a table of figures or noise, not prose)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLargeError(
            origin, f"the article text has {len(text):,} characters; newsbrief reads at most {MAX_ARTICLE_CHARS:,}"
        )
    return Article(
        text=text,
        url=clean_optional(url) or None,
        source=clean_text(outlet or "").strip() or None,
        title=clean_text(title or "").strip() or None,
        published=published,
        language=detect_language(text),
        origin=origin,
    )
