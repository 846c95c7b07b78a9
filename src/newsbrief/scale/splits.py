"""The Spark job's inputs as splits, read streaming on the executors.

The driver lists the inputs (paths, folders, globs as one machine reads them; ``s3://``, ``gs://``, ``hdfs://``
URIs through ``pyarrow.fs``) and cuts them into ``Split``s, each one task:

- an uncompressed JSON Lines file larger than ``SPLIT_BYTES`` is cut into byte ranges; a task reads the lines that
  begin in its range (the rest of a line begun before it belongs to the task before), and counts the newlines
  before its range, so each line keeps the number one machine gives it (``corpus.jsonl:123457``);
- any other file is one task that streams it: a WARC record by record, a ``.jsonl.gz`` line by line (gzip has no
  index to start reading in the middle), a single article whole.

No task holds more than one record at a time, whatever the file's size. Items come with an order key (the file's
origin, then the record's number) so the job can keep "the first" of several copies the way one machine meets them.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import glob
import gzip
import io
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from newsbrief.errors import EmptyInputError, InputError, MissingInputError
from newsbrief.model import Article

# Large enough that a task's start-up is small next to its reading, small enough that one large corpus file keeps
# every core busy: 64 MiB of JSON Lines is some 10,000 articles.
SPLIT_BYTES = 64 * 2**20
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_GLOB_CHARS = ("*", "?", "[")
# Stands for the origin while read_jsonl numbers a range's lines from 1; replaced by the origin and the true number.
_TOKEN = "\x00range"
_TOKEN_LINE = re.compile(re.escape(_TOKEN) + r":(\d+)")

Order = tuple[str, int]
Item = Article | tuple[str, str]  # an article, or (origin, message) of what could not be read


@dataclass(frozen=True)
class Split:
    """One reading task: ``origin`` names the file as one machine does; ``uri`` is what to open."""

    origin: str
    uri: str
    start: int = 0
    end: int | None = None  # None: the whole file, streamed


def is_remote(uri: str) -> bool:
    return bool(_SCHEME.match(uri)) and not uri.startswith("file://")


def suffix(name: str) -> str:
    """What a file holds by its name: ``.jsonl`` for both ``a.jsonl`` and ``a.jsonl.gz``."""
    parts = [s.lower() for s in PurePosixPath(name).suffixes]
    if parts and parts[-1] == ".gz":
        parts = parts[:-1]
    return parts[-1] if parts else ""


def plan(inputs: Sequence[str], split_bytes: int = SPLIT_BYTES) -> tuple[list[Split], list[tuple[str, str]]]:
    """The splits of ``inputs``, and (origin, message) for each input that names nothing to read."""
    splits: list[Split] = []
    failures: list[tuple[str, str]] = []
    for source in inputs:
        try:
            files = _remote_files(source) if is_remote(source) else _local_files(source)
        except InputError as err:
            failures.append((err.source, str(err)))
            continue
        for origin, uri, size in files:
            if suffix(origin) in JSONL_SUFFIXES and not origin.lower().endswith(".gz") and size > split_bytes:
                splits.extend(Split(origin, uri, start, min(size, start + split_bytes))
                              for start in range(0, size, split_bytes))
            else:
                splits.append(Split(origin, uri))
    return splits, failures


def _local_files(source: str) -> list[tuple[str, str, int]]:
    """(origin, path, size) of a local input, named as ``newsbrief.ingest.read_many`` names them."""
    from newsbrief.ingest.sources import KNOWN_SUFFIXES, folder_files

    path = source[len("file://"):] if source.startswith("file://") else source
    if os.path.isdir(path):
        found = folder_files(Path(path))
        if not found:
            raise EmptyInputError(source, f"the folder holds no files newsbrief reads ({', '.join(KNOWN_SUFFIXES)})")
        return [(str(f), str(f), f.stat().st_size) for f in found]
    if os.path.exists(path):
        return [(source, path, os.path.getsize(path))]
    if any(c in path for c in _GLOB_CHARS):
        matches = sorted(m for m in glob.glob(path, recursive=True) if os.path.isfile(m))
        if not matches:
            raise MissingInputError(source, "the pattern matches no files")
        return [(m, m, os.path.getsize(m)) for m in matches]
    raise MissingInputError(source, "no such file or directory")


def _filesystem(uri: str) -> tuple[Any, str]:
    from pyarrow import fs

    # Hadoop's names for S3 (s3a://, s3n://) are pyarrow's s3://.
    uri = re.sub(r"^s3[an]://", "s3://", uri)
    return fs.FileSystem.from_uri(uri)


def _remote_files(source: str) -> list[tuple[str, str, int]]:
    from pyarrow import fs

    from newsbrief.ingest.sources import KNOWN_SUFFIXES

    pattern = source if any(c in source for c in _GLOB_CHARS) else None
    base = source
    if pattern:
        base = source[: min(source.index(c) for c in _GLOB_CHARS if c in source)].rsplit("/", 1)[0]
    filesystem, root = _filesystem(base)
    prefix = source[: len(source) - len(root)] if source.endswith(root) else base[: len(base) - len(root)]
    info = filesystem.get_file_info(root)
    if info.type == fs.FileType.File and not pattern:
        return [(source, source, info.size)]
    if info.type != fs.FileType.Directory:
        raise MissingInputError(source, "no such file or directory")
    found = []
    for entry in filesystem.get_file_info(fs.FileSelector(root, recursive=True)):
        uri = prefix + entry.path
        if entry.type != fs.FileType.File or suffix(entry.path) not in KNOWN_SUFFIXES:
            continue
        if pattern and not fnmatch.fnmatch(uri, pattern):
            continue
        found.append((uri, uri, entry.size))
    if not found:
        raise MissingInputError(source, "the pattern matches no files" if pattern else "the folder holds no files")
    return sorted(found)


# -- on the executors -------------------------------------------------------------------------------------------


def read_split(split: Split) -> Iterator[tuple[Order, Item]]:
    """The items of one split, streamed, each with its order key (origin, number of the record in the file)."""
    if split.end is not None:
        yield from _read_jsonl_range(split)
    elif is_remote(split.uri):
        yield from _read_remote(split)
    else:
        from newsbrief.ingest import read_many

        # One machine's reader, as it is: WARC and JSON Lines are streamed record by record from the file.
        for number, item in enumerate(read_many([split.uri]), start=1):
            yield (split.origin, number), _named(item, split.uri, split.origin)


def _named(item: Article | InputError, uri: str, origin: str) -> Item:
    if isinstance(item, InputError):
        return (item.source.replace(uri, origin, 1), str(item).replace(uri, origin, 1))
    if uri != origin:
        return dataclasses.replace(item, origin=item.origin.replace(uri, origin, 1))
    return item


def _open(split: Split) -> IO[bytes]:
    if not is_remote(split.uri):
        path = split.uri[len("file://"):] if split.uri.startswith("file://") else split.uri
        return open(path, "rb")
    filesystem, path = _filesystem(split.uri)
    return io.BufferedReader(filesystem.open_input_file(path), buffer_size=1 << 20)  # type: ignore[arg-type]


class _LinesBefore(io.RawIOBase):
    """A stream's lines that begin before byte ``end`` (read_jsonl reads lines with ``readline``)."""

    def __init__(self, stream: IO[bytes], end: int) -> None:
        self._stream = stream
        self._end = end
        self._at_line_start = True

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:
        if self._at_line_start and self._stream.tell() >= self._end:
            return b""
        line = self._stream.readline(-1 if size is None else size)
        self._at_line_start = line.endswith(b"\n")
        return line


def _count_newlines(stream: IO[bytes], end: int) -> int:
    stream.seek(0)
    count, left = 0, end
    while left > 0 and (chunk := stream.read(min(left, 8 << 20))):
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def _read_jsonl_range(split: Split) -> Iterator[tuple[Order, Item]]:
    from newsbrief.ingest.jsonl import read_jsonl

    assert split.end is not None
    with _open(split) as stream:
        if split.start > 0:
            stream.seek(split.start - 1)
            stream.readline()  # the end of a line begun before the range (or the newline just before it)
        first = stream.tell()
        if first >= split.end:
            return
        line_offset = _count_newlines(stream, first)
        stream.seek(first)
        for item in read_jsonl(_LinesBefore(stream, split.end), _TOKEN):  # type: ignore[arg-type]
            source = item.source if isinstance(item, InputError) else item.origin
            match = _TOKEN_LINE.search(source)
            number = line_offset + int(match.group(1)) if match else line_offset

            def renumber(text: str) -> str:
                return _TOKEN_LINE.sub(lambda m: f"{split.origin}:{line_offset + int(m.group(1))}", text)

            if isinstance(item, InputError):
                yield (split.origin, number), (renumber(item.source), renumber(str(item)))
            else:
                yield (split.origin, number), dataclasses.replace(item, origin=renumber(item.origin))


def _read_remote(split: Split) -> Iterator[tuple[Order, Item]]:
    """A whole remote file: JSON Lines and WARC streamed, a single article read whole into a local file first."""
    import shutil
    import tempfile

    from newsbrief.ingest import read_many
    from newsbrief.ingest.jsonl import read_jsonl
    from newsbrief.ingest.warc import read_warc

    kind = suffix(split.origin)
    try:
        with _open(split) as stream:
            items: Iterator[Article | InputError]
            if kind in JSONL_SUFFIXES:
                source = gzip.GzipFile(fileobj=stream) if split.origin.lower().endswith(".gz") else stream
                items = read_jsonl(source, split.origin)  # type: ignore[arg-type]
            elif kind == ".warc":
                items = read_warc(stream, split.origin)
            else:
                folder = tempfile.mkdtemp(prefix="newsbrief-")
                local = os.path.join(folder, PurePosixPath(split.origin).name or "input")
                with open(local, "wb") as fh:
                    shutil.copyfileobj(stream, fh)
                items = (_named_local(item, local, split.origin) for item in read_many([local]))
            for number, item in enumerate(items, start=1):
                yield (split.origin, number), _named(item, split.origin, split.origin)
    except InputError as err:
        yield (split.origin, 0), (err.source, str(err))
    except OSError as err:
        yield (split.origin, 0), (split.origin, f"{split.origin}: cannot be read ({err})")


def _named_local(item: Article | InputError, local: str, origin: str) -> Article | InputError:
    if isinstance(item, InputError):
        return InputError(item.source.replace(local, origin), item.problem.replace(local, origin))
    return dataclasses.replace(item, origin=item.origin.replace(local, origin))
