"""Many machines: the pipeline as a Spark job, from JSONL or WARC files to Parquet partitioned by date.

    spark-submit --master yarn -m newsbrief.scale.spark 's3a://bucket/cc-news/*.warc.gz' s3a://bucket/briefs/
    python -m newsbrief.scale.spark corpus/ briefs/ --master 'local[*]'
    newsbrief spark corpus/ briefs/

The job, stage by stage:

1. Read: ``binaryFiles`` hands each input file to an executor, which reads it with ``newsbrief.ingest.read_many``
   (the same readers, caps and errors as one machine): WARC, JSONL, and any other source newsbrief reads.
2. Spread, once each: the articles are keyed by their id (a hash of the URL, else of the text) and reduced to one
   per id, so an article that two inputs hold (the same URL in two crawls, a file given twice) is briefed and
   written once, whichever partitions read it; the shuffle also spreads one large WARC over every executor.
3. Brief: ``mapPartitions`` runs a plain ``Pipeline`` over each partition; spaCy is loaded once per Python worker
   of each executor and kept between tasks (Spark reuses its Python workers).
4. Write: one row per brief, Parquet, partitioned by ``date`` (the publication date, or ``undated``). A row holds
   flattened header columns for filtering (``id``, ``url``, ``outlet``, ``title``, ``published``, ``language``,
   ``origin``) and the brief itself as nested columns with the names and shapes of the JSON brief
   (``schema_version``, ``article``, ``lead``, ``points``, ``quotes``, ``speakers``, ``entities``, ``events``,
   ``story``, ``notes``), so ``Brief.from_dict`` reads a row back as it was.
5. Failures: each input or article that could not be briefed is a JSON line (``origin``, ``message``) under
   ``OUTPUT/_failures/``, which Parquet readers skip (a leading underscore).

pyspark is an optional extra (``pip install 'newsbrief[spark]'``); only this module imports it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import sys
import tempfile
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin, get_type_hints

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.model import Article, Brief

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType, StructType

# The flattened header columns, before the brief's own (nested) fields; ``date`` is the partition column.
HEADER_COLUMNS = ("id", "url", "outlet", "title", "published", "language", "origin")
PARTITION_COLUMN = "date"
UNDATED = "undated"
FAILURES_DIR = "_failures"

# Partitions per core for the brief stage: a few per core lets a fast executor take work from a slow one (articles
# differ tenfold in length) without making tasks so small that scheduling them costs more than briefing them.
PARTITIONS_PER_CORE = 3

WRITE_MODES = ("error", "overwrite", "append")

INSTALL_HINT = "pip install 'newsbrief[spark]'"


@dataclass(frozen=True)
class JobSummary:
    """What one Spark job did."""

    output: str
    briefs: int
    failures: int

    def line(self) -> str:
        return f"wrote {self.briefs} briefs to {self.output} ({self.failures} failed; see {FAILURES_DIR}/)"


# -- the schema: the JSON brief's shape as Spark types -----------------------------------------------------------------


def brief_schema() -> StructType:
    """The Parquet schema: header columns, the partition column, then the Brief's fields as nested columns."""
    from pyspark.sql.types import DateType, StringType, StructField, StructType

    header = [StructField(name, DateType() if name == "published" else StringType(), nullable=name != "id")
              for name in HEADER_COLUMNS]
    nested = _struct_of(Brief)
    return StructType([*header, StructField(PARTITION_COLUMN, StringType(), False), *nested.fields])


def _struct_of(record: type) -> StructType:
    from pyspark.sql.types import StructField, StructType

    hints = get_type_hints(record)
    return StructType([
        StructField(f.name, _spark_type(hints[f.name]), nullable=True)
        for f in dataclasses.fields(record)
    ])


def _spark_type(hint: Any) -> DataType:
    """The Spark type of a model field, following ``Record.to_dict``: dates as ISO strings, tuples as arrays."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        LongType,
        MapType,
        StringType,
    )

    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in get_args(hint) if a is not type(None)]
        return _spark_type(members[0])
    if origin is tuple:
        args = get_args(hint)
        element = args[0] if len(args) == 2 and args[1] is Ellipsis else args[0]
        return ArrayType(_spark_type(element), containsNull=True)
    if origin is dict:
        return MapType(StringType(), _spark_type(get_args(hint)[1]))
    if origin is Literal or hint in (str, dt.date, dt.datetime):
        return StringType()
    if hint is bool:
        return BooleanType()
    if hint is int:
        return LongType()
    if hint is float:
        return DoubleType()
    if dataclasses.is_dataclass(hint):
        return _struct_of(typing.cast(type, hint))
    raise TypeError(f"no Spark type for the model field type {hint!r}")


def brief_row(brief: Brief) -> dict[str, Any]:
    """One Parquet row: the header columns, the partition column and ``brief.to_dict()``."""
    a = brief.article
    row: dict[str, Any] = {
        "id": a.id,
        "url": a.url,
        "outlet": a.source,
        "title": a.title,
        "published": a.published,
        "language": a.language,
        "origin": a.origin,
        PARTITION_COLUMN: a.published.isoformat() if a.published else UNDATED,
    }
    row.update(brief.to_dict())
    return row


def brief_from_row(row: dict[str, Any]) -> Brief:
    """The Brief a Parquet row holds (the header and partition columns are derived, so they are left out)."""
    fields = {f.name for f in dataclasses.fields(Brief)}
    return Brief.from_dict({k: v for k, v in row.items() if k in fields})


# -- what runs on the executors ----------------------------------------------------------------------------------------


def read_file(path_and_bytes: tuple[str, bytes]) -> Iterator[Article | tuple[str, str]]:
    """1. Read one input file on an executor: its Articles, and (origin, message) for each bad input or record.

    The bytes are written to a local temporary file of the same name and read with ``read_many``, so a file is read
    here exactly as on one machine (by its extension, gzip or not); origins name the original path.
    """
    from newsbrief.ingest import read_many

    path, data = path_and_bytes
    origin = local_origin(path)
    folder = tempfile.mkdtemp(prefix="newsbrief-")
    try:
        local = os.path.join(folder, PurePosixPath(path).name or "input")
        with open(local, "wb") as fh:
            fh.write(data)
        for item in read_many([local]):
            if isinstance(item, InputError):
                yield (item.source.replace(local, origin), str(item).replace(local, origin))
            else:
                yield dataclasses.replace(item, origin=item.origin.replace(local, origin))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def local_origin(path: str) -> str:
    """``file:/data/x.warc.gz`` as ``/data/x.warc.gz`` (how one machine names it); other schemes as they are."""
    if path.startswith("file://"):
        return path[len("file://"):]
    if path.startswith("file:"):
        return path[len("file:"):]
    return path


def brief_partition(items: Iterable[Article | tuple[str, str]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """3. Brief one partition: ("brief", row) per article briefed, ("failure", {origin, message}) per failure."""
    from newsbrief.pipeline import Failure, Pipeline

    failures: list[Failure] = []
    pipeline = Pipeline(on_error=failures.append)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                failures.append(Failure(item[0], item[1], NewsbriefError(item[1])))

    for brief in pipeline.run(articles()):
        yield ("brief", brief_row(brief))
    for failure in failures:
        yield ("failure", {"origin": failure.origin, "message": failure.message})


def _keyed(item: Article | tuple[str, str]) -> tuple[tuple[str, ...], Article | tuple[str, str]]:
    """2. The key an item is kept once by: an article's id; a failure's origin and message."""
    if isinstance(item, Article):
        return ("article", item.id), item
    return ("failure", *item), item


def _one_of(a: Article | tuple[str, str], b: Article | tuple[str, str]) -> Article | tuple[str, str]:
    """Of two items with one key, the one whose origin sorts first, so a rerun keeps the same copy."""
    origin_a = a.origin if isinstance(a, Article) else a[0]
    origin_b = b.origin if isinstance(b, Article) else b[0]
    return a if origin_a <= origin_b else b


# -- the driver --------------------------------------------------------------------------------------------------


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    partitions: int | None = None,
    mode: str = "error",
) -> JobSummary:
    """Brief every article in ``inputs`` (paths, globs, folders, ``s3a://`` URIs) into Parquet at ``output``."""
    from pyspark import StorageLevel

    if mode not in WRITE_MODES:
        raise NewsbriefError(f"unknown write mode {mode!r}; choose one of {', '.join(WRITE_MODES)}")
    sc = spark.sparkContext
    # 1. Read, one task per file (a comma-separated list is how Spark takes several paths).
    files: RDD[tuple[str, bytes]] = sc.binaryFiles(",".join(inputs))
    read = files.flatMap(read_file)
    # 2. One of each article, spread over every core of the cluster.
    spread = read.map(_keyed).reduceByKey(
        _one_of, numPartitions=partitions or max(1, sc.defaultParallelism * PARTITIONS_PER_CORE)
    ).values()
    # 3. Brief. Persisted: the briefs and the failures are written from the same pass.
    results = spread.mapPartitions(brief_partition).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # 4. Write the briefs, by date.
        rows = results.filter(lambda kv: kv[0] == "brief").map(lambda kv: kv[1])
        frame = spark.createDataFrame(rows, schema=brief_schema())
        frame.write.mode(mode).partitionBy(PARTITION_COLUMN).parquet(output)
        # 5. And what failed, next to them.
        failed = results.filter(lambda kv: kv[0] == "failure").map(lambda kv: kv[1])
        from pyspark.sql.types import StringType, StructField, StructType

        failure_schema = StructType([StructField("origin", StringType()), StructField("message", StringType())])
        spark.createDataFrame(failed, schema=failure_schema).coalesce(1).write.mode(
            "append" if mode == "append" else "overwrite"
        ).json(output.rstrip("/") + "/" + FAILURES_DIR)
        counts = results.map(lambda kv: kv[0]).countByValue()
    finally:
        results.unpersist()
    return JobSummary(output, int(counts.get("brief", 0)), int(counts.get("failure", 0)))


def spark_session(master: str | None = None, app_name: str = "newsbrief") -> SparkSession:
    """A SparkSession; ``master`` only when run outside spark-submit (which sets it)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise NewsbriefError(f"the Spark job needs pyspark; install it with: {INSTALL_HINT}") from err
    # Executors on this machine run the same Python, with newsbrief installed (on a cluster, see docs/scaling.md).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    # Keep Python workers between tasks, so spaCy is loaded once per worker, not once per partition.
    builder = builder.config("spark.python.worker.reuse", "true")
    # A folder given as INPUT is read with its subfolders, as on one machine.
    builder = builder.config("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true")
    return builder.getOrCreate()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsbrief.scale.spark INPUT... OUTPUT``, and what ``spark-submit`` runs."""
    parser = argparse.ArgumentParser(prog="newsbrief.scale.spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="JSONL or WARC files, folders or globs (local, hdfs://, s3a://), then the output folder")
    parser.add_argument("--master", default=None, help="Spark master when not run by spark-submit, e.g. local[*]")
    parser.add_argument("--partitions", type=int, default=None,
                        help=f"partitions for the brief stage (default: {PARTITIONS_PER_CORE} per core)")
    parser.add_argument("--mode", choices=WRITE_MODES, default="error", help="when OUTPUT exists (default: error)")
    args = parser.parse_args(argv)
    if len(args.paths) < 2:
        parser.error("give at least one INPUT and the OUTPUT folder")
    *inputs, output = args.paths
    spark = spark_session(args.master)
    try:
        summary = run_job(spark, inputs, output, partitions=args.partitions, mode=args.mode)
    except NewsbriefError as err:
        print(f"newsbrief: error: {err}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    print(summary.line())
    return 0


if __name__ == "__main__":
    # Run as a file by spark-submit, this module is __main__; call the importable module so that the functions
    # shipped to executors are pickled by reference to newsbrief.scale.spark (installed there), not by value.
    from newsbrief.scale import spark as _job

    sys.exit(_job.main())
