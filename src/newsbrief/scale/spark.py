"""Many machines: the pipeline as a Spark job, from JSONL or WARC files to Parquet partitioned by date.

    spark-submit --master yarn -m newsbrief.scale.spark 's3a://bucket/cc-news/*.warc.gz' s3a://bucket/briefs/
    python -m newsbrief.scale.spark corpus/ briefs/ --master 'local[*]'
    newsbrief spark corpus/ briefs/

The job, stage by stage:

1. Read: the driver cuts the inputs into splits (``newsbrief.scale.splits``): a large JSON Lines file into byte
   ranges, any other file into one task that streams it (a WARC record by record); no task holds more than one
   record at a time. The executors read with newsbrief's own readers, so an article and its origin are what one
   machine makes of them.
2. Once each: the articles are keyed by their id (a hash of the URL, else of the text) and reduced to one per id,
   so an article that two inputs hold (the same URL in two crawls, a file given twice) is briefed and written once,
   the copy from the input whose name sorts first; the shuffle also spreads one large WARC over every executor.
3. Near-duplicates (``newsbrief.scale.near_duplicates``): MinHash signatures and LSH bands over the whole corpus
   find one wire story under many URLs; each cluster is briefed once, from its first article, and the others are
   listed under ``OUTPUT/_duplicates/`` (``--keep-near-duplicates`` briefs them all).
4. Brief: ``mapPartitions`` runs a plain ``Pipeline`` over each partition; spaCy is loaded once per Python worker
   of each executor and kept between tasks (Spark reuses its Python workers).
5. Write: one row per brief, Parquet, partitioned by ``date`` (the publication date, or ``undated``). A row holds
   flattened header columns for filtering (``id``, ``url``, ``outlet``, ``title``, ``published``, ``language``,
   ``origin``) and the brief itself as nested columns with the names and shapes of the JSON brief
   (``schema_version``, ``article``, ``lead``, ``points``, ``quotes``, ``speakers``, ``entities``, ``events``,
   ``story``, ``notes``), so ``Brief.from_dict`` reads a row back as it was.
6. Failures: each input or article that could not be briefed is a JSON line (``origin``, ``message``) under
   ``OUTPUT/_failures/``, which Parquet readers skip (a leading underscore).

The executors' Python is the job's ``spark.pyspark.python`` (``--python``, by default ``PYSPARK_PYTHON`` or the
driver's own interpreter), so a cluster whose machines have newsbrief at the same path needs nothing more.

pyspark is an optional extra (``pip install 'newsbrief[spark]'``); only this module imports it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin, get_type_hints

from newsbrief.errors import NewsbriefError
from newsbrief.model import Article, Brief
from newsbrief.scale import splits
from newsbrief.scale.splits import Item, Order

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType, StructType

# The flattened header columns, before the brief's own (nested) fields; ``date`` is the partition column.
HEADER_COLUMNS = ("id", "url", "outlet", "title", "published", "language", "origin")
PARTITION_COLUMN = "date"
UNDATED = "undated"
FAILURES_DIR = "_failures"
DUPLICATES_DIR = "_duplicates"

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
    near_duplicates: int = 0

    def line(self) -> str:
        dups = f"; {self.near_duplicates} near-duplicates briefed once, see {DUPLICATES_DIR}/" \
            if self.near_duplicates else ""
        return f"wrote {self.briefs} briefs to {self.output} ({self.failures} failed; see {FAILURES_DIR}/{dups})"


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


def brief_partition(items: Iterable[Item]) -> Iterator[tuple[str, dict[str, Any]]]:
    """4. Brief one partition: ("brief", row) per article briefed, ("failure", {origin, message}) per failure."""
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


def _keyed(ordered: tuple[Order, Item]) -> tuple[tuple[str, ...], tuple[Order, Item]]:
    """2. The key an item is kept once by: an article's id; a failure's origin and message."""
    _, item = ordered
    if isinstance(item, Article):
        return ("article", item.id), ordered
    return ("failure", *item), ordered


def _first(a: tuple[Order, Item], b: tuple[Order, Item]) -> tuple[Order, Item]:
    """Of two items with one key, the one met first (input name, then position), so a rerun keeps the same copy."""
    return a if a[0] <= b[0] else b


# -- the driver --------------------------------------------------------------------------------------------------


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    partitions: int | None = None,
    mode: str = "error",
    keep_near_duplicates: bool = False,
    split_bytes: int = splits.SPLIT_BYTES,
) -> JobSummary:
    """Brief every article in ``inputs`` (paths, globs, folders, ``s3://`` URIs) into Parquet at ``output``."""
    from pyspark import StorageLevel
    from pyspark.sql.types import StringType, StructField, StructType

    if mode not in WRITE_MODES:
        raise NewsbriefError(f"unknown write mode {mode!r}; choose one of {', '.join(WRITE_MODES)}")
    sc = spark.sparkContext
    out = output.rstrip("/")
    # 1. Read: one task per split, streaming.
    planned, missing = splits.plan(inputs, split_bytes)
    read = sc.parallelize(planned, max(1, len(planned))).flatMap(splits.read_split) if planned else sc.emptyRDD()
    # 2. One of each article (and of each failure), spread over every core of the cluster.
    once = read.map(_keyed).reduceByKey(
        _first, numPartitions=partitions or max(1, sc.defaultParallelism * PARTITIONS_PER_CORE)
    ).values().persist(StorageLevel.MEMORY_AND_DISK)
    articles: RDD[tuple[Order, Article]] = once.filter(lambda oi: isinstance(oi[1], Article))  # type: ignore[assignment]
    read_failures = once.filter(lambda oi: not isinstance(oi[1], Article)).map(lambda oi: oi[1])
    duplicates: dict[str, str] = {}
    if not keep_near_duplicates:
        duplicates = _near_duplicates(articles)
    wanted = sc.broadcast(duplicates)
    to_brief = articles.filter(lambda oi: oi[1].id not in wanted.value).map(lambda oi: oi[1])
    # 4. Brief. Persisted: the briefs and the failures are written from the same pass.
    results = to_brief.union(read_failures).mapPartitions(brief_partition).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # 5. Write the briefs, by date.
        rows = results.filter(lambda kv: kv[0] == "brief").map(lambda kv: kv[1])
        frame = spark.createDataFrame(rows, schema=brief_schema())
        frame.write.mode(mode).partitionBy(PARTITION_COLUMN).parquet(output)
        # 6. And what failed (inputs that name nothing included), and the near-duplicates left out, next to them.
        failed = results.filter(lambda kv: kv[0] == "failure").map(lambda kv: kv[1]).union(
            sc.parallelize([{"origin": o, "message": m} for o, m in missing], 1))
        two = StructType([StructField("origin", StringType()), StructField("message", StringType())])
        side_mode = "append" if mode == "append" else "overwrite"
        spark.createDataFrame(failed, schema=two).coalesce(1).write.mode(side_mode).json(f"{out}/{FAILURES_DIR}")
        if not keep_near_duplicates:
            left_out = articles.filter(lambda oi: oi[1].id in wanted.value).map(
                lambda oi: {"id": oi[1].id, "origin": oi[1].origin, "briefed_as": wanted.value[oi[1].id]})
            three = StructType([StructField(n, StringType()) for n in ("id", "origin", "briefed_as")])
            spark.createDataFrame(left_out, schema=three).coalesce(1).write.mode(side_mode).json(
                f"{out}/{DUPLICATES_DIR}")
        counts = results.map(lambda kv: kv[0]).countByValue()
    finally:
        results.unpersist()
        once.unpersist()
    return JobSummary(output, int(counts.get("brief", 0)), int(counts.get("failure", 0)) + len(missing),
                      len(duplicates))


def _near_duplicates(articles: RDD[tuple[Order, Article]]) -> dict[str, str]:
    """3. {id: id of the article briefed for it} for every near-duplicate of an earlier article."""
    from pyspark import StorageLevel

    from newsbrief.scale import near_duplicates as nd

    signed = articles.map(lambda oi: (oi[1].id, (oi[0], nd.signature_bytes(oi[1].text)))).persist(
        StorageLevel.MEMORY_AND_DISK)
    try:
        pairs = (signed.flatMap(lambda kv: nd.band_entries(kv[0], kv[1][0], kv[1][1]))
                 .groupByKey().flatMap(lambda kv: nd.candidate_pairs(kv[1])).distinct())
        # Score each pair with both signatures: (later, earlier) joined to the later's, then to the earlier's.
        scored = (pairs.join(signed).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
                  .join(signed)
                  .filter(lambda kv: nd.similar(kv[1][0][1][1], kv[1][1][1]))
                  .map(lambda kv: ((kv[1][0][1][0], kv[1][0][0]), (kv[1][1][0], kv[0]))))
        return nd.representatives(scored.collect())
    finally:
        signed.unpersist()


def spark_session(master: str | None = None, app_name: str = "newsbrief", python: str | None = None) -> SparkSession:
    """A SparkSession; ``master`` only when run outside spark-submit (which sets it).

    ``python`` is the executors' Python (``spark.pyspark.python``): by default ``PYSPARK_PYTHON`` when set, else
    this interpreter, which is right wherever the cluster's machines have newsbrief at the same path (on YARN or
    Kubernetes with a packed environment, give its path: docs/scaling.md).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise NewsbriefError(f"the Spark job needs pyspark; install it with: {INSTALL_HINT}") from err
    python = python or os.environ.get("PYSPARK_PYTHON") or sys.executable
    os.environ["PYSPARK_PYTHON"] = python  # read when the context starts, in local mode and client mode alike
    builder = SparkSession.builder.appName(app_name).config("spark.pyspark.python", python)
    if master:
        builder = builder.master(master)
    # Keep Python workers between tasks, so spaCy is loaded once per worker, not once per partition.
    builder = builder.config("spark.python.worker.reuse", "true")
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
    parser.add_argument("--python", default=None, help="the executors' Python (default: PYSPARK_PYTHON, else this one)")
    parser.add_argument("--split-bytes", type=int, default=splits.SPLIT_BYTES,
                        help="cut uncompressed JSON Lines files larger than this into several reading tasks")
    parser.add_argument("--keep-near-duplicates", action="store_true",
                        help="brief every copy of a story, not one per near-duplicate cluster")
    args = parser.parse_args(argv)
    if len(args.paths) < 2:
        parser.error("give at least one INPUT and the OUTPUT folder")
    *inputs, output = args.paths
    spark = spark_session(args.master, python=args.python)
    try:
        summary = run_job(spark, inputs, output, partitions=args.partitions, mode=args.mode,
                          keep_near_duplicates=args.keep_near_duplicates, split_bytes=args.split_bytes)
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
