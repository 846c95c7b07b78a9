"""Store commands: ``ingest``, ``speakers``, ``export``, ``serve``, ``watch``; and the ``--db`` search modes that
``newsbrief quotes`` and ``newsbrief relations`` call (``quotes_from_store``, ``relations_from_store``)."""

from __future__ import annotations

import datetime as dt
import json
import re
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsbrief.cli import cli
from newsbrief.errors import NewsbriefError

DB_HELP = "The SQLite store (created when absent)."

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m``, ``2h``, ``1d``."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise click.BadParameter(f"{text!r} is not a duration like 30s, 15m, 2h")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-14", param_hint=name) from err


@cli.command(name="ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP)
@click.option("--progress/--no-progress", default=True, show_default=True, help="Show a progress bar on stderr.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Processes to brief with (default: every core); the store is written by this process alone.")
def ingest_command(sources: tuple[str, ...], db: Path, progress: bool, workers: int | None) -> None:
    """Brief every article in SOURCES (files, folders, globs, URLs, feeds, JSONL, WARC) and store it in --db.

    Articles already stored are skipped; a story another outlet already ran joins its cluster. Ends with a summary:
    read, stored, duplicates, failed (with reasons). Exit status 1 when any input failed.
    """
    from newsbrief.scale.parallel import ParallelPipeline
    from newsbrief.store import Store, ingest

    with StopOnSignal() as stop, Store(db) as store, ParallelPipeline(workers=workers) as pipeline:
        summary = ingest(sources, store, pipeline=pipeline, progress=progress, stop=stop)
    for line in summary.lines():
        click.echo(line, err=True)
    if stop.signal is not None:
        click.echo(f"ingest: stopped by {signal.Signals(stop.signal).name}", err=True)
        sys.exit(128 + stop.signal)  # the shell's convention: 130 for SIGINT, 143 for SIGTERM
    if summary.failures:
        sys.exit(1)


class StopOnSignal:
    """SIGINT (Ctrl-C) and SIGTERM ask a long command to stop at the next article, with what it did kept; a second
    signal stops it at once. Installed even when the shell started us with SIGINT ignored (a background job)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.signal: int | None = None
        self._previous: dict[int, Any] = {}

    def __call__(self) -> bool:
        return self.signal is not None

    def _asked(self, signum: int, _frame: object) -> None:
        if self.signal is not None:
            raise KeyboardInterrupt
        self.signal = signum

    def __enter__(self) -> StopOnSignal:
        for sig in self.SIGNALS:
            self._previous[sig] = signal.signal(sig, self._asked)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


@cli.command(name="speakers")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The store.")
@click.option("--name", default=None, help="Only speakers whose name contains NAME.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 500))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per speaker (JSON Lines).")
def speakers_command(db: Path, name: str | None, limit: int, as_json: bool) -> None:
    """Speakers in the store: quotations, articles, roles, countries, first and last seen."""
    from newsbrief.store import Store, queries

    with Store(db, readonly=True) as store:
        rows = queries.list_speakers(store.conn, name=name, limit=limit)
    if as_json:
        from newsbrief.quote_records import from_store

        for row in rows:
            click.echo(json.dumps(from_store(row), ensure_ascii=False))
        return
    header = f"{'speaker':<28} {'quotes':>6} {'articles':>8}  {'country':<7} {'first seen':<10}  {'last seen':<10}"
    click.echo(header + "  role")
    for r in rows:
        countries = ",".join(r["countries"]) or r["country"] or "-"
        click.echo(
            f"{r['name'][:28]:<28} {r['quotes']:>6} {r['articles']:>8}  {countries:<7} "
            f"{r['first_seen'] or '-':<10}  {r['last_seen'] or '-':<10}  {'; '.join(r['roles']) or r['role'] or '-'}"
        )


@cli.command(name="export")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The store.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(["quotes", "articles", "speakers", "entities", "events", "echoes"]),
              default="quotes", show_default=True, help="What to export (articles carry the whole brief).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: stdout; Parquet needs a file).")
def export_command(db: Path, fmt: str, table: str, output: Path | None) -> None:
    """Export one table of the store as JSON Lines, CSV or Parquet."""
    from newsbrief.store import Store
    from newsbrief.store.export import export

    with Store(db, readonly=True) as store:
        n = export(store.conn, table, fmt, output if output else sys.stdout)
    if output:
        click.echo(f"wrote {n} {table} rows to {output}", err=True)


@cli.command(name="serve")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The store.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--writable", is_flag=True, help="Allow POST /api/briefs to brief and store new articles.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes; SQLite readers do not block each other, so pages scale with cores.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A name this server answers under besides its address (its DNS name behind a proxy); "
                   "repeatable. Requests for any other name are refused (DNS rebinding).")
def serve_command(db: Path, host: str, port: int, writable: bool, workers: int, allowed_hosts: tuple[str, ...]) -> None:
    """Serve the store's web pages and JSON API (read-only unless --writable)."""
    import os

    import uvicorn

    from newsbrief.web import create_app
    from newsbrief.web.security import MIN_TOKEN_CHARS, TOKEN_ENV, new_token

    token = os.environ.get(TOKEN_ENV) or None
    chosen = token is not None
    if writable and token is not None and len(token) < MIN_TOKEN_CHARS:
        raise click.UsageError(f"{TOKEN_ENV} is {len(token)} characters; a write token needs {MIN_TOKEN_CHARS} or more")
    if writable and token is None:
        token = new_token()
        os.environ[TOKEN_ENV] = token  # the worker processes of --workers read it from there
    # opens the store now: a bad path fails here, with its message
    app = create_app(db, writable=writable, host=host, allowed_hosts=allowed_hosts, token=token)
    listening = _listen(host, port)  # a busy port fails here, before anything says "serving"
    click.echo(f"serving {db} on http://{host}:{port}/ ({'writable' if writable else 'read-only'}, "
               f"{workers} worker{'s' if workers > 1 else ''})", err=True)
    if writable:
        shown = f"the one in {TOKEN_ENV}" if chosen else token
        click.echo(f"write token: {shown} (send Authorization: Bearer <token> with each POST /api/briefs)", err=True)
    if workers == 1:
        uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run(sockets=[listening])
        return
    listening.close()  # uvicorn's supervisor binds the address again for its workers
    os.environ["NEWSBRIEF_DB"] = str(db.resolve())
    os.environ["NEWSBRIEF_WRITABLE"] = "1" if writable else "0"
    os.environ["NEWSBRIEF_HOST"] = host
    os.environ["NEWSBRIEF_ALLOWED_HOSTS"] = ",".join(allowed_hosts)
    uvicorn.run("newsbrief.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, as uvicorn binds it; a one-line error when it cannot be."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {getattr(err, 'strerror', None) or err}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as err:
        sock.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.set_inheritable(True)
    return sock


@cli.command(name="watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 2h.")
@click.option("--cycles", default=0, type=click.IntRange(0), help="Stop after this many polls (0: run until stopped).")
def watch_command(feeds: tuple[str, ...], db: Path, every: str, cycles: int) -> None:
    """Poll FEEDS (RSS/Atom URLs) with conditional requests and store new entries' briefs in --db."""
    import logging

    from newsbrief.watch import Watcher

    interval = parse_duration(every)
    # Each cycle is logged at INFO on stderr even without -v: a service's log should show what watch did.
    log = logging.getLogger("newsbrief.watch")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s watch: %(message)s", "%Y-%m-%d %H:%M:%S"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    watcher = Watcher(list(feeds), db)
    try:
        watcher.run(interval, cycles=cycles or None)
    except KeyboardInterrupt:
        click.echo("watch: stopped", err=True)
    finally:
        log.removeHandler(handler)
        watcher.close()


F = TypeVar("F", bound=Callable[..., Any])


def quotes_search_options(command: F) -> F:
    """The ``--db`` search options of ``newsbrief quotes`` (kept here, with the store, so that command stays small)."""
    options = [
        click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Search this store instead of reading FILEs."),
        click.option("--speaker", default=None, help="With --db: part of the speaker's name."),
        click.option("--about", default=None, help="With --db: words the quotation contains."),
        click.option("--since", default=None, help="With --db: first day, YYYY-MM-DD."),
        click.option("--until", default=None, help="With --db: last day, YYYY-MM-DD."),
        click.option("--country", default=None, help="With --db: the speaker's ISO3 country code."),
        click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 500),
                      help="With --db: at most this many quotations."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def search_store_quotes(sources: tuple[str, ...], jsonl: bool, db: Path | None = None, **search: Any) -> bool:
    """Run the ``--db`` mode of ``newsbrief quotes`` when asked; False when the command should read its FILEs."""
    limit = search.pop("limit", 50)
    if db is None:
        used = [f"--{name}" for name, value in search.items() if value]
        if used:
            raise click.UsageError(f"{', '.join(used)} search a store: add --db FILE")
        if not sources:
            raise click.UsageError("give FILE arguments to read, or --db FILE to search a store")
        return False
    if sources:
        raise click.UsageError("give either FILE arguments or --db FILE, not both")
    quotes_from_store(db, limit=limit, as_json=jsonl, **search)
    return True


def quotes_from_store(
    db: Path | str,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    limit: int = 50,
    as_json: bool = False,
) -> None:
    """``newsbrief quotes --db FILE``: search the stored quotations and print them (a table, or JSON Lines)."""
    from newsbrief.store import Store, queries

    with Store(db, readonly=True) as store:
        rows = queries.search_quotes(
            store.conn, about=about, speaker=speaker, country=country, since=_date(since, "--since"),
            until=_date(until, "--until"), limit=limit,
        )
    if as_json:
        from newsbrief.quote_records import from_store

        for row in rows:
            click.echo(json.dumps(from_store(row), ensure_ascii=False))
        return
    if not rows:
        click.echo("no quotations match", err=True)
    for r in rows:
        who = r["speaker"] or "unknown speaker"
        if r["role"]:
            who += f", {r['role']}"
        click.echo(f"{r['published'] or 'undated'}  {who}  ({r['source'] or 'unknown outlet'}: {r['title']})")
        click.echo(f"    “{r['content']}”")
        for echo in r["echoes"]:
            click.echo(f"    echoes a statement of {echo['date'] or 'an earlier date'}")


def relations_from_store(db: Path | str, a: str, b: str, by: str = "month", as_json: bool = False) -> None:
    """``newsbrief relations A B --db FILE``: the index per period from the stored events."""
    from newsbrief.store import Store, queries

    with Store(db, readonly=True) as store:
        try:
            result = queries.relations(store.conn, a, b, by=by)
        except ValueError as err:
            raise NewsbriefError(str(err)) from err
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    from newsbrief.cli.events import print_relations

    print_relations(result)
