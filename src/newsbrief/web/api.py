"""The JSON API under ``/api/``: the pages' data, described at ``/openapi.json``.

A list answers as it always has, a JSON array of at most ``limit`` rows from ``offset``, and says its true total in
``X-Total-Count`` and the next and previous pages in ``Link`` (RFC 8288). Asking for a ``page`` instead answers
with an envelope: ``{"total", "page", "pages", "limit", "next", "prev", "items"}``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.ingest.common import MAX_INPUT_BYTES, clean_text
from newsbrief.store import overview, queries
from newsbrief.web.common import PAGE_SIZE, ApiPage, Limit, Offset, conn, day, story_type, url_with
from newsbrief.web.security import QUERY_CUT_HEADER, TOKEN_ENV, bound_query, token_matches

router = APIRouter(prefix="/api")

# The largest body POST /api/briefs reads: an article at the readers' cap (MAX_INPUT_BYTES), plus room for JSON's
# escapes and the other fields. A larger body is refused while it streams in, never held whole.
MAX_BODY_BYTES = MAX_INPUT_BYTES + 1024 * 1024
TOTAL_HEADER = "X-Total-Count"

Listed = list[dict[str, Any]] | dict[str, Any]
Words = Annotated[str | None, Query(max_length=500, description="Words the quotation contains.")]
Country = Annotated[str | None, Query(max_length=3, description="An ISO3 country code.")]
Since = Annotated[str | None, Query(description="First day, YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Last day, YYYY-MM-DD.")]
Outlet = Annotated[str | None, Query(max_length=200, description="The outlet, as stored.")]
Story = Annotated[str | None, Query(max_length=12, description="The PLOVER type of the article's own event (its "
                                    "story event), e.g. SANCTION.")]


def _start(limit: int, offset: int, page: int | None) -> int:
    return (page - 1) * limit if page else offset


def _listed(request: Request, response: Response, items: list[dict[str, Any]], total: int, limit: int, offset: int,
            page: int | None) -> Listed:
    """The rows, their total and the links to the neighbouring pages (see the module's docstring)."""
    start = _start(limit, offset, page)
    response.headers[TOTAL_HEADER] = str(total)
    if page:
        nxt = url_with(request, page=page + 1) if start + limit < total else None
        prev = url_with(request, page=page - 1) if page > 1 else None
    else:
        nxt = url_with(request, offset=start + limit) if start + limit < total else None
        prev = url_with(request, offset=max(0, start - limit) or None) if start > 0 else None
    links = [f'<{url}>; rel="{rel}"' for rel, url in (("next", nxt), ("prev", prev)) if url]
    if links:
        response.headers["Link"] = ", ".join(links)
    if not page:
        return items
    return {"total": total, "page": page, "pages": max(1, -(-total // limit)), "limit": limit, "next": nxt,
            "prev": prev, "items": items}


@router.get("/briefs", tags=["briefs"])
def api_briefs(request: Request, response: Response, limit: Limit = PAGE_SIZE, offset: Offset = 0,
               page: ApiPage = None) -> Listed:
    """The latest briefs, newest first, one per near-duplicate cluster."""
    db = conn(request)
    start = _start(limit, offset, page)
    items = queries.latest_briefs(db, limit=limit, offset=start)
    return _listed(request, response, items, queries.count_latest_briefs(db), limit, offset, page)


@router.get("/briefs/{article_id}", tags=["briefs"])
def api_brief(request: Request, article_id: str) -> dict[str, Any]:
    """One article: the whole brief, its quotations with store ids and echoes, speakers, events, cluster."""
    found = queries.article(conn(request), article_id)
    if found is None:
        raise HTTPException(404, f"no brief {article_id!r} in this store")
    return found


class NewArticle(BaseModel):
    """An article to brief and store (``POST /api/briefs``, only when served with ``--writable``)."""

    text: str = Field(min_length=1, description="The article: plain text or HTML.")
    url: str | None = None
    title: str | None = None
    source: str | None = Field(None, description="The outlet.")
    published: dt.date | None = None


@router.post("/briefs", tags=["briefs"], status_code=201, openapi_extra={"requestBody": {
    "required": True, "content": {"application/json": {"schema": NewArticle.model_json_schema()}}}})
async def api_add_brief(
    request: Request, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> dict[str, Any]:
    """Brief an article and store it (only when the server runs with ``--writable``, and only with the token
    it printed at start, or was given in NEWSBRIEF_TOKEN, as ``Authorization: Bearer <token>``).

    The body is JSON (``NewArticle``) of at most MAX_BODY_BYTES; anything else is a 4xx that says why."""
    stores = request.app.state.stores
    if not stores.writable:
        raise HTTPException(403, "this store is served read-only; start newsbrief serve with --writable")
    _require_token(authorization, request.app.state.write_token)  # before a byte of the body is read
    item = await read_new_article(request)
    return await run_in_threadpool(_add, stores, item)


@router.get("/quotes", tags=["search"])
def api_quotes(
    request: Request, response: Response, q: Words = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Part of the speaker's name.")] = None,
    country: Country = None, since: Since = None, until: Until = None, outlet: Outlet = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect|block)$")] = None, story: Story = None,
    limit: Limit = 50, offset: Offset = 0, page: ApiPage = None,
) -> Listed:
    """Quotations, newest first, with speaker, article and echoes. A query with more distinct words than the
    server searches is cut, and the response's ``X-Query-Cut`` header says how."""
    filters = {"about": _bounded(q, response), "speaker": speaker, "country": country, "since": day(since, "since"),
               "until": day(until, "until"), "outlet": outlet, "kind": kind, "story_type": story_type(story)}
    db = conn(request)
    items = queries.search_quotes(db, **filters, limit=limit, offset=_start(limit, offset, page))
    return _listed(request, response, items, queries.count_quotes(db, **filters), limit, offset, page)


@router.get("/quotes/facets", tags=["search"])
def api_quote_facets(
    request: Request, response: Response, q: Words = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Part of the speaker's name.")] = None,
    country: Country = None, since: Since = None, until: Until = None, outlet: Outlet = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect|block)$")] = None, story: Story = None,
) -> dict[str, list[dict[str, Any]]]:
    """For the quotations ``/api/quotes`` finds with the same parameters: how many by speaker, country, outlet, kind,
    story event type and month (``{"speaker": [{"value", "label", "n"}, ...], ...}``, the most frequent first,
    months the latest first)."""
    return overview.quote_facets(
        conn(request), about=_bounded(q, response), speaker=speaker, country=country, since=day(since, "since"),
        until=day(until, "until"), outlet=outlet, kind=kind, story_type=story_type(story))


@router.get("/articles", tags=["search"])
def api_articles(
    request: Request, response: Response,
    q: Annotated[str | None, Query(max_length=500, description="Words in the title or text.")] = None,
    country: Country = None, since: Since = None, until: Until = None, story: Story = None, outlet: Outlet = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Part of a quoted speaker's name.")] = None,
    limit: Limit = 50, offset: Offset = 0, page: ApiPage = None,
) -> Listed:
    """Articles: best match first for ``q``, else newest first. A query with more distinct words than the
    server searches is cut, and the response's ``X-Query-Cut`` header says how."""
    filters = {"about": _bounded(q, response), "country": country, "since": day(since, "since"),
               "until": day(until, "until"), "story_type": story_type(story), "outlet": outlet, "speaker": speaker}
    db = conn(request)
    items = queries.search_articles(db, **filters, limit=limit, offset=_start(limit, offset, page))
    return _listed(request, response, items, queries.count_articles(db, **filters), limit, offset, page)


@router.get("/articles/facets", tags=["search"])
def api_article_facets(
    request: Request, response: Response,
    q: Annotated[str | None, Query(max_length=500, description="Words in the title or text.")] = None,
    country: Country = None, since: Since = None, until: Until = None, story: Story = None, outlet: Outlet = None,
    speaker: Annotated[str | None, Query(max_length=200, description="Part of a quoted speaker's name.")] = None,
) -> dict[str, list[dict[str, Any]]]:
    """For the articles ``/api/articles`` finds with the same parameters: how many by quoted speaker, country,
    outlet, story event type and month."""
    return overview.article_facets(
        conn(request), about=_bounded(q, response), country=country, since=day(since, "since"),
        until=day(until, "until"), story_type=story_type(story), outlet=outlet, speaker=speaker)


@router.get("/speakers", tags=["speakers"])
def api_speakers(
    request: Request, response: Response, name: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 100, offset: Offset = 0, page: ApiPage = None,
) -> Listed:
    """Speakers with counts, roles, countries, first and last seen."""
    db = conn(request)
    items = queries.list_speakers(db, name=name, limit=limit, offset=_start(limit, offset, page))
    return _listed(request, response, items, queries.count_speakers(db, name=name), limit, offset, page)


@router.get("/speakers/{speaker_id}", tags=["speakers"])
def api_speaker(request: Request, speaker_id: str, limit: Limit = queries.MAX_LIMIT,
                offset: Offset = 0) -> dict[str, Any]:
    """One speaker and the timeline of their quotations with echoes, oldest first: ``limit`` of them from
    ``offset``; ``quotes`` is how many there are, ``timeline_next`` the link to the next ones (null at the end)."""
    found = queries.speaker(conn(request), speaker_id, limit=limit, offset=offset)
    if found is None:
        raise HTTPException(404, f"no speaker {speaker_id!r} in this store")
    more = offset + limit < found["quotes"]
    found["timeline_next"] = url_with(request, offset=offset + limit) if more else None
    return found


@router.get("/relations", tags=["relations"])
def api_relations(
    request: Request,
    a: Annotated[str, Query(min_length=3, max_length=3, description="ISO3 code of one country.")],
    b: Annotated[str, Query(min_length=3, max_length=3, description="ISO3 code of the other.")],
    by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
) -> dict[str, Any]:
    """The relations index (mean event intensity, -10..+10) per period, with counts by quad class and events;
    ``undated_count``: how many events between the two neither their sentence nor their article dates (no period
    holds them), ``undated`` the first of them (all at ``/api/relations/undated``)."""
    return queries.relations(conn(request), a, b, by=by)


@router.get("/relations/undated", tags=["relations"])
def api_relations_undated(
    request: Request, response: Response,
    a: Annotated[str, Query(min_length=3, max_length=3, description="ISO3 code of one country.")],
    b: Annotated[str, Query(min_length=3, max_length=3, description="ISO3 code of the other.")],
    limit: Limit = 50, offset: Offset = 0, page: ApiPage = None,
) -> Listed:
    """The events between two countries that no index counts: no date in their sentence, none on their article."""
    db = conn(request)
    items = queries.undated_events(db, a, b, limit=limit, offset=_start(limit, offset, page))
    return _listed(request, response, items, queries.count_undated_events(db, a, b), limit, offset, page)


@router.get("/overview", tags=["store"])
def api_overview(
    request: Request, by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    pairs: Annotated[int, Query(ge=1, le=100, description="How many of the busiest country pairs.")] = 12,
) -> dict[str, Any]:
    """Quotations and events per period (events by quad class; the latest 60 periods, ``periods_left_out`` the
    others), the rows no period holds (``undated_quotes``, ``undated_events``), and the busiest country pairs with
    their index and counts by quad class."""
    db = conn(request)
    return {**overview.timeline(db, by), "pairs": overview.busiest_pairs(db, pairs)}


@router.get("/events", tags=["relations"])
def api_events(
    request: Request, response: Response, since: Since = None, until: Until = None,
    quad: Annotated[str | None, Query(pattern="^(verbal|material) (cooperation|conflict)$")] = None,
    type: Annotated[str | None, Query(max_length=12, description="A PLOVER type, e.g. SANCTION.")] = None,
    country: Country = None, limit: Limit = 50, offset: Offset = 0, page: ApiPage = None,
) -> Listed:
    """Events done or said (asserted), oldest first, by date range, quad class, type or a country on either side;
    the date is the sentence's, else the article's."""
    filters = {"since": day(since, "since"), "until": day(until, "until"), "quad": quad,
               "event_type": story_type(type), "country": country}
    db = conn(request)
    items = overview.list_events(db, **filters, limit=limit, offset=_start(limit, offset, page))
    return _listed(request, response, items, overview.count_events(db, **filters), limit, offset, page)


@router.get("/stats", tags=["store"])
def api_stats(request: Request) -> dict[str, int]:
    """How many articles, clusters, quotations, speakers, events and echoes the store holds."""
    return queries.stats(conn(request))


async def read_new_article(request: Request) -> NewArticle:
    """The posted article: a JSON body under MAX_BODY_BYTES, read a chunk at a time and refused (413) as soon as it
    passes the cap; a body that is not JSON is a 415 or 400, one that is not a NewArticle a 422."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise HTTPException(415, f"the body must be JSON (Content-Type: application/json), not {kind or 'untyped'}")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"the body is {int(declared):,} bytes; this server reads at most {MAX_BODY_BYTES:,}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(413, f"the body is larger than the {MAX_BODY_BYTES:,} bytes this server reads")
        chunks.append(chunk)
    try:
        data = json.loads(b"".join(chunks))
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not UTF-8 JSON") from None
    except json.JSONDecodeError as err:
        raise HTTPException(400, f"the body is not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") \
            from None
    except RecursionError:
        raise HTTPException(400, "the body is not valid JSON: nested too deeply") from None
    if isinstance(data, dict):  # JSON's "\\ud800" escapes give lone surrogates: replaced, as in every reader
        data = {k: clean_text(v) if isinstance(v, str) else v for k, v in data.items()}
    try:
        return NewArticle.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'body'}: {e['msg']}" for e in err.errors())
        raise HTTPException(422, f"not an article: {problems}") from None


def _add(stores: Any, item: NewArticle) -> dict[str, Any]:
    from newsbrief.ingest import article_from_string
    from newsbrief.ingest.common import clean_optional
    from newsbrief.pipeline import Pipeline

    origin = clean_text(item.url or "<POST /api/briefs>")
    text = clean_text(item.text)  # JSON's "\\ud800" escapes give lone surrogates, replaced as in every reader
    if "\x00" in text:
        raise HTTPException(422, f"{origin}: the text holds NUL characters: binary data, not an article")
    try:
        article = article_from_string(text, url=item.url, origin=origin)
    except InputError as err:
        raise HTTPException(422, str(err)) from None
    article = dataclasses.replace(
        article,
        title=clean_optional(item.title) or article.title,
        source=clean_optional(item.source) or article.source,
        published=item.published or article.published,
    )
    pipeline = Pipeline(batch_size=1)
    briefs = list(pipeline.run([article]))
    if pipeline.failures:
        raise HTTPException(422, pipeline.failures[0].message)
    try:
        result = stores.write(lambda store: store.add(briefs[0]))
    except NewsbriefError as err:
        raise HTTPException(503, f"the store could not be written: {err}") from err
    return dataclasses.asdict(result)


def _require_token(authorization: str | None, token: str) -> None:
    # A header, not a cookie: a page on another site can make a browser send cookies, never this header, so a
    # write cannot be forged from another origin (CSRF) and needs no further check.
    if not token_matches(authorization, token):
        reason = "a write needs the server's token" if not authorization else "the token is not this server's"
        raise HTTPException(401, f"{reason}: send Authorization: Bearer <token> (printed by newsbrief serve "
                                 f"--writable at start, or set in {TOKEN_ENV})", headers={"WWW-Authenticate": "Bearer"})


def _bounded(query: str | None, response: Response) -> str | None:
    bounded = bound_query(query)
    if bounded.cut:
        response.headers[QUERY_CUT_HEADER] = bounded.cut
    return bounded.text
