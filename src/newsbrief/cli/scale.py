"""``newsbrief spark INPUT... OUTPUT`` (the Spark job, on this machine or a cluster's master) and
``newsbrief import OUTPUT --db FILE`` (its Parquet into the store)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsbrief.cli import cli
from newsbrief.errors import NewsbriefError
from newsbrief.model import Brief

if TYPE_CHECKING:
    from newsbrief.store import Store


@cli.command(name="spark")
@click.argument("paths", nargs=-1, required=True, metavar="INPUT... OUTPUT")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master: local[N] on this machine, yarn, k8s://https://HOST:PORT, spark://HOST:PORT.")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Partitions for the brief stage (default: 3 per core of the cluster).")
@click.option("--mode", type=click.Choice(["error", "overwrite", "append"]), default="error", show_default=True,
              help="What to do when OUTPUT exists.")
@click.option("--python", "python", default=None,
              help="The executors' Python (default: PYSPARK_PYTHON, else this interpreter).")
@click.option("--keep-near-duplicates", is_flag=True,
              help="Brief every copy of a story, not one per near-duplicate cluster (listed under _duplicates/).")
@click.option("--split-bytes", type=click.IntRange(1024), default=None,
              help="Cut uncompressed JSON Lines files larger than this into several reading tasks (default 64 MiB).")
def spark_command(paths: tuple[str, ...], master: str, partitions: int | None, mode: str, python: str | None,
                  keep_near_duplicates: bool, split_bytes: int | None) -> None:
    """Brief JSONL or WARC files (paths, folders, globs, s3a:// URIs) with Spark into Parquet at OUTPUT,
    partitioned by date. Needs pyspark (pip install 'newsbrief[spark]') and Java 17."""
    if len(paths) < 2:
        raise click.UsageError("give at least one INPUT and the OUTPUT folder")
    from newsbrief.scale.spark import run_job, spark_session
    from newsbrief.scale.splits import SPLIT_BYTES

    *inputs, output = paths
    session = spark_session(master, python=python)
    try:
        summary = run_job(session, inputs, output, partitions=partitions, mode=mode,
                          keep_near_duplicates=keep_near_duplicates, split_bytes=split_bytes or SPLIT_BYTES)
    finally:
        session.stop()
    click.echo(summary.line(), err=True)


@cli.command(name="import")
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The SQLite store.")
def import_command(output: Path, db: Path) -> None:
    """Load the briefs that `newsbrief spark` wrote to OUTPUT (Parquet) into the store at --db."""
    stored = duplicates = 0
    with _open_store(db) as store:
        for brief in read_briefs(output):
            if add_brief(store, brief):
                stored += 1
            else:
                duplicates += 1
    click.echo(f"imported {stored} briefs into {db}; {duplicates} already stored", err=True)
    if stored == 0 and duplicates == 0:
        sys.exit(1)


def read_briefs(output: Path) -> Iterator[Brief]:
    """The briefs of a Spark job's Parquet output, by date then id (read with pyarrow; Spark is not needed)."""
    import pyarrow.dataset as ds

    from newsbrief.scale.spark import PARTITION_COLUMN, brief_from_row

    try:
        dataset = ds.dataset(output, format="parquet", partitioning="hive", ignore_prefixes=[".", "_"])
        table = dataset.to_table()
    except Exception as err:  # noqa: BLE001 - pyarrow raises assorted errors on what is not a Parquet dataset
        raise NewsbriefError(f"{output}: not the Parquet output of `newsbrief spark` ({err})") from err
    if table.num_rows == 0:
        raise NewsbriefError(f"{output}: holds no briefs")
    if "id" not in table.column_names or "article" not in table.column_names:
        raise NewsbriefError(f"{output}: not the Parquet output of `newsbrief spark` (no id and article columns)")
    sort = [(c, "ascending") for c in (PARTITION_COLUMN, "id") if c in table.column_names]
    for batch in table.sort_by(sort).to_batches(max_chunksize=256):
        for row in batch.to_pylist():
            yield brief_from_row(row)


def _open_store(db: Path) -> Store:
    from newsbrief.store import Store

    return Store(db)


def add_brief(store: Store, brief: Brief) -> bool:
    """Store one brief through the store's own writer (dedup, speakers, echoes); False when already stored.

    The one place this command writes, so that it follows the store's rules and changes with them.
    """
    return store.add(brief).status != "duplicate"
