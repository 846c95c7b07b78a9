"""``newsbrief quotes FILE...``: the quotations of each article, with their speakers, as a table or JSONL.

The file path is ``extract_from_sources`` (read, parse once, extract quotes), kept apart from the printing so that
other options of this command (a store search) can call around it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import click

from newsbrief import quote_records
from newsbrief.cli import cli
from newsbrief.cli.store import quotes_search_options, search_store_quotes
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.model import Article, Quote, Speaker

# Characters of a quotation shown in the table; the JSONL carries it whole.
TABLE_QUOTE_CHARS = 90


@dataclass(frozen=True)
class ArticleQuotes:
    """One article's quotations and speakers."""

    article: Article
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)


def extract_from_sources(
    sources: Iterable[str], on_error: Callable[[str], None] | None = None
) -> Iterator[ArticleQuotes]:
    """Read each source (files, folders, globs, URLs, feeds, JSONL, WARC, ``-``), parse once, extract quotations.

    A bad input or an article that fails is reported to ``on_error`` (one line) and the rest go on.
    """
    from newsbrief import nlp
    from newsbrief.ingest import read_many
    from newsbrief.quotes import extract_quotes

    report = on_error or (lambda message: None)

    def articles() -> Iterator[Article]:
        for item in read_many(sources):
            if isinstance(item, InputError):
                report(str(item))
            else:
                yield item

    batch: list[Article] = []

    def flush() -> Iterator[ArticleQuotes]:
        for article, doc in zip(batch, nlp.parse(a.text for a in batch), strict=True):
            try:
                quotes, speakers = extract_quotes(article, doc, ())
            except Exception as err:  # noqa: BLE001 - one article never sinks the batch
                report(f"{article.origin or article.id}: {type(err).__name__}: {err}")
                continue
            yield ArticleQuotes(article, quotes, speakers)
        batch.clear()

    for article in articles():
        batch.append(article)
        if len(batch) >= nlp.BATCH_SIZE:
            yield from flush()
    yield from flush()


def quote_record(item: ArticleQuotes, quote: Quote) -> dict[str, Any]:
    """One JSONL line: the quotation with its spans and its speaker (``newsbrief.quote_records``)."""
    return quote_records.from_brief(item.article, quote, item.speaker(quote.speaker_id))


def _table_row(item: ArticleQuotes, quote: Quote) -> str:
    speaker = item.speaker(quote.speaker_id)
    who = speaker.name if speaker else (quote.speaker_mention.text if quote.speaker_mention else "(unknown)")
    role = speaker.role if speaker and speaker.role else ""
    if speaker and speaker.country:
        role = f"{role} [{speaker.country}]".strip()
    words = " ".join(quote.text.split())
    if len(words) > TABLE_QUOTE_CHARS:
        words = words[: TABLE_QUOTE_CHARS - 1] + "\u2026"
    return f"{quote.kind:<8} {who[:28]:<28} {role[:30]:<30} {words}"


@cli.command(name="quotes")
@click.argument("sources", nargs=-1)
@click.option("--jsonl", is_flag=True, help="One JSON object per quotation instead of a table.")
@quotes_search_options
def quotes_command(sources: tuple[str, ...], jsonl: bool, **search: Any) -> None:
    """List the quotations in SOURCES with speaker, role and country (files, folders, globs, URLs, feeds, -).

    With --db FILE, search the quotations stored there instead (--speaker, --about, --since, --until, --country).
    """
    if search_store_quotes(sources, jsonl, **search):
        return
    failures: list[str] = []
    try:
        for item in extract_from_sources(sources, failures.append):
            if jsonl:
                for quote in item.quotes:
                    click.echo(json.dumps(quote_record(item, quote), ensure_ascii=False))
                continue
            click.echo(f"== {item.article.origin or item.article.id}: {len(item.quotes)} quotations")
            if item.quotes:
                click.echo(f"{'kind':<8} {'speaker':<28} {'role':<30} quotation")
            for quote in item.quotes:
                click.echo(_table_row(item, quote))
    except NewsbriefError:
        raise
    for message in failures:
        click.echo(f"newsbrief: error: {message}", err=True)
    if failures:
        sys.exit(1)
