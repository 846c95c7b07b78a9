"""The one entry point from articles to briefs.

``Pipeline.run(articles)`` takes each article through these stages:

1. Language check: an article the pipeline cannot read is reported, not processed into nonsense.
2. NLP: one spaCy pass, in batches (``nlp.parse``).
3. Entities: people, countries (ISO3), organisations, agreements (``entities``).
4. Quotes: direct, block and reported speech, with speakers, roles and countries (``quotes``).
5. Events: PLOVER-coded actions between actors, with intensity (``events``).
6. Summary: the lead and the points of attention (``summarize``).
7. Assembly: the ``Brief`` (``assembly.assemble``).
8. Optional: a language model rewrites the lead and points, checked against the article (``llm``; off unless
   ``Pipeline(llm=LLMConfig(...))``).

A failure in one article is recorded as a ``Failure`` and handed to ``on_error``; the batch goes on.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief import nlp
from newsbrief.errors import NewsbriefError
from newsbrief.model import Article, Brief

if TYPE_CHECKING:
    from newsbrief.llm import LLMConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """An input or article the pipeline could not brief, and why (one line)."""

    origin: str
    message: str
    error: Exception

    def __str__(self) -> str:
        return self.message


ErrorHandler = Callable[[Failure], None]


class Pipeline:
    """Runs articles through the stages listed in this module's docstring.

    ``failures`` collects what went wrong, per article, when no ``on_error`` handler is given.
    """

    def __init__(
        self, batch_size: int = nlp.BATCH_SIZE, on_error: ErrorHandler | None = None, llm: LLMConfig | None = None
    ) -> None:
        self.batch_size = batch_size
        self.llm = llm
        self.failures: list[Failure] = []
        self._on_error = on_error or self.failures.append

    def run(self, articles: Iterable[Article]) -> Iterator[Brief]:
        """Yield one Brief per article that could be briefed, in input order."""
        it = iter(articles)
        while batch := list(itertools.islice(it, self.batch_size)):
            yield from self._run_batch(batch)

    def run_sources(self, sources: Iterable[str]) -> Iterator[Brief]:
        """Read paths, globs, URLs, feeds, JSONL, WARC or ``-``, and brief each article; bad inputs become Failures."""
        yield from self.run(articles_from_sources(sources, self._on_error))

    def _run_batch(self, batch: list[Article]) -> Iterator[Brief]:
        # 1. Language check.
        readable: list[Article] = []
        for article in batch:
            try:
                nlp.check_language(article.text, article.origin or article.id)
                readable.append(article)
            except NewsbriefError as err:
                self._fail(article, err)
        # 2. NLP, one pass for the batch, and stages 3-8, inside a memory zone: the batch's Docs, and the strings
        # spaCy made for them, are freed before the briefs are handed out (memory stays flat on long runs; the zone
        # never spans a yield, so two pipelines read in turns in one thread do not free each other's strings).
        briefs: list[Brief] = []
        with nlp.memory_zone():
            docs = nlp.parse((a.text for a in readable), batch_size=self.batch_size)
            for article, doc in zip(readable, docs, strict=True):
                try:
                    briefs.append(brief_from_doc(article, doc, llm=self.llm))
                except Exception as err:  # noqa: BLE001 - one article never sinks the batch
                    log.exception("failed to brief %s", article.origin or article.id)
                    self._fail(article, err)
        yield from briefs

    def _fail(self, article: Article, err: Exception) -> None:
        origin = article.origin or article.url or article.id
        message = str(err) if isinstance(err, NewsbriefError) else f"{origin}: {type(err).__name__}: {err}"
        self._on_error(Failure(origin, message, err))


def articles_from_sources(sources: Iterable[str], on_error: ErrorHandler) -> Iterator[Article]:
    """The articles of ``sources``, read in this process; each input that cannot be read goes to ``on_error``."""
    from newsbrief.ingest import read_many

    for item in read_many(sources):
        if isinstance(item, Article):
            yield item
        else:
            on_error(Failure(item.source, str(item), item))


def brief_from_doc(article: Article, doc: object, llm: LLMConfig | None = None) -> Brief:
    """Stages 3 to 7 (and 8 when ``llm`` is given) for one parsed article."""
    from newsbrief.assembly import assemble
    from newsbrief.entities import extract_entities
    from newsbrief.events import extract_events
    from newsbrief.events.story import code_story
    from newsbrief.layout import read_layout
    from newsbrief.quotes import extract_quotes
    from newsbrief.summarize import summarize

    # The layout (header, brief structure, headings, speaker cards, body), read once for every stage.
    layout = read_layout(article)
    # 3. Entities.
    entities = extract_entities(article, doc)
    # 4. Quotes and speakers.
    quotes, speakers = extract_quotes(article, doc, entities, layout=layout)
    # 5. Events.
    events = extract_events(article, doc, quotes, speakers, entities)
    story = code_story(article)  # the event the whole article reports, from headline and lead
    # 6. Lead and points of attention.
    lead, points = summarize(article, doc, quotes, speakers, layout=layout)
    # 7. The brief.
    result = assemble(article, lead, points, quotes, speakers, entities, events, story=story)
    # 8. Optional rewrite by a language model; falls back to the extractive brief with a note.
    if llm is not None:
        from newsbrief.llm import rewrite

        result = rewrite(result, llm)
    return result


def brief(text_or_html: str, url: str | None = None) -> Brief:
    """Brief one article given as plain text or HTML; raises a NewsbriefError when it cannot be read."""
    from newsbrief.ingest import article_from_string

    article = article_from_string(text_or_html, url=url)
    pipeline = Pipeline(batch_size=1)
    briefs = list(pipeline.run([article]))
    if pipeline.failures:
        failure = pipeline.failures[0]
        if isinstance(failure.error, NewsbriefError):
            raise failure.error
        raise NewsbriefError(failure.message) from failure.error
    return briefs[0]
