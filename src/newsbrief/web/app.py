"""The web app over a store: server-rendered pages and a JSON API for the same data.

Pages: ``/`` latest briefs, ``/briefs/{id}`` a brief, ``/search`` quotations and articles, ``/speakers`` and
``/speakers/{id}``, ``/relations`` the chart of two countries. API: the same under ``/api/``, described at
``/openapi.json``. FastAPI's interactive docs are switched off: they load scripts from a CDN, and the pages here
fetch nothing from the internet.

The store is opened read-only (SQLite ``mode=ro``), one connection per worker thread; with ``writable=True``,
``POST /api/briefs`` briefs an article and stores it, through one writing connection behind a lock.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsbrief.errors import InputError, NewsbriefError, StoreError
from newsbrief.ingest.common import MAX_INPUT_BYTES, clean_text
from newsbrief.ingest.url import link_target
from newsbrief.model import PLOVER_TYPES, StoryEvent
from newsbrief.store import Store, queries
from newsbrief.web.chart import build_chart
from newsbrief.web.security import (
    QUERY_CUT_HEADER,
    TOKEN_ENV,
    HostCheck,
    SecurityMiddleware,
    bound_query,
    new_token,
    token_matches,
)

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
PAGE_SIZE = 20
# Events listed under each period of the relations page. A busy month of a 10,000-article store has hundreds; listing
# them all made the page 150 KB and the slowest route (70 ms to render, against 15 ms at 10). The JSON API has all.
EVENTS_SHOWN = 10


class _Stores:
    """One read-only Store per thread (sqlite3 connections are not shared across threads), one writer."""

    def __init__(self, path: Path, writable: bool) -> None:
        self.path = path
        self.writable = writable
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._writer: Store | None = None
        if writable:
            self._writer = Store(path)  # creates and migrates the file when needed
        check_store(path)  # fail now, with a clear message, if the store cannot be read

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            self._local.store = store
        return store

    def write(self, fn: Any) -> Any:
        if self._writer is None:
            raise HTTPException(403, "this store is served read-only; start newsbrief serve with --writable")
        with self._write_lock:
            return fn(self._writer)


# The largest body POST /api/briefs reads: an article at the readers' cap (MAX_INPUT_BYTES), plus room for JSON's
# escapes and the other fields. A larger body is refused while it streams in, never held whole.
MAX_BODY_BYTES = MAX_INPUT_BYTES + 1024 * 1024


def check_store(path: Path) -> None:
    """Open the store read-only and run SQLite's quick check over every page (well under a second for a store of
    10,000 articles); a StoreError that says the store is damaged, instead of a server whose every page is a 500."""
    store = Store(path, readonly=True)
    try:
        problems = [row[0] for row in store.conn.execute("PRAGMA quick_check(3)").fetchall()]
    except sqlite3.DatabaseError as err:
        problems = [str(err)]
    finally:
        store.close()
    if problems != ["ok"]:
        detail = " ".join(" ".join(problems).replace("*** in database main ***", "").split())  # one line
        raise StoreError(f"{path}: the store is damaged ({detail}); restore it from a copy, or build it again "
                         "with newsbrief ingest")


class NewArticle(BaseModel):
    """An article to brief and store (``POST /api/briefs``, only when served with ``--writable``)."""

    text: str = Field(min_length=1, description="The article: plain text or HTML.")
    url: str | None = None
    title: str | None = None
    source: str | None = Field(None, description="The outlet.")
    published: dt.date | None = None


def _day(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date like 2026-03-14") from None


Text = Annotated[str | None, Query(max_length=500)]
# The deepest row a list may start at. SQLite's integers stop at 2**63 - 1, so a larger offset was an
# OverflowError (a 500); no store holds a billion rows, so past that a page can only be empty: refused with a 422.
MAX_OFFSET = 1_000_000_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
PageNumber = Annotated[int, Query(alias="page", ge=1, le=MAX_OFFSET // PAGE_SIZE)]


def _story(brief: dict[str, Any]) -> StoryEvent | None:
    """The brief's story event (briefs stored before schema 1.1 have none)."""
    return StoryEvent.from_dict(brief["story"]) if brief.get("story") else None


def _story_type(value: str | None) -> str | None:
    """A PLOVER type named in a query, upper-cased; a 422 for any other word."""
    if not value:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"story: {value!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    return value.upper()


def create_app(
    db: str | Path, writable: bool = False, *, host: str | None = None, allowed_hosts: Iterable[str] = (),
    token: str | None = None,
) -> FastAPI:
    """The app serving the store at ``db``.

    With ``writable``, every write must carry ``Authorization: Bearer <token>``; without a ``token`` a random one is
    made, and is ``app.state.write_token`` either way.

    ``host`` is the address the server listens on: when given, a request whose Host header is neither that address
    (nor, on loopback, ``localhost``) nor one of ``allowed_hosts`` is refused with a 400 (DNS rebinding). Every
    response carries the security headers of ``web.security`` either way.
    """
    stores = _Stores(Path(db), writable)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["writable"] = writable
    templates.env.filters["link_target"] = link_target  # only http(s) URLs become links
    app = FastAPI(
        title="newsbrief",
        version=_version(),
        description="Briefs, quotations, speakers and relations from a newsbrief store.",
        docs_url=None,
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    host_check = HostCheck(host, frozenset(h.strip().lower() for h in allowed_hosts if h.strip())) if host else None
    app.add_middleware(SecurityMiddleware, host_check=host_check)
    app.state.stores = stores
    app.state.write_token = (token or new_token()) if writable else None

    def conn() -> Any:
        return stores.reader().conn

    def page(request: Request, template: str, status: int = 200, headers: Any = None, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context, status_code=status, headers=headers)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith(("/api/", "/static/", "/openapi.json"))

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException, and Starlette's own 404 and 405
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", status=exc.status_code, message=str(exc.detail), code=exc.status_code,
                    headers=exc.headers)

    @app.exception_handler(sqlite3.DatabaseError)  # a store damaged, or locked, after the server started
    async def store_error(request: Request, exc: sqlite3.DatabaseError) -> Any:
        log.error("%s: the store could not be read: %s", request.url.path, exc)
        message = f"the store could not be read ({exc}); the server's operator has to check {stores.path.name}"
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=503)
        return page(request, "error.html", status=503, message=message, code=503)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Any:
        # The API keeps FastAPI's list of errors; a page answers with a page that says what was wrong.
        if wants_json(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(f"{e['loc'][-1] if e.get('loc') else 'request'}: {e['msg']}" for e in exc.errors())
        return page(request, "error.html", status=422, message=problems, code=422)

    # Pages --------------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, page_number: PageNumber = 1) -> HTMLResponse:
        briefs = queries.latest_briefs(conn(), limit=PAGE_SIZE + 1, offset=(page_number - 1) * PAGE_SIZE)
        return page(request, "home.html", briefs=briefs[:PAGE_SIZE], page=page_number,
                    more=len(briefs) > PAGE_SIZE, stats=queries.stats(conn()))

    @app.get("/briefs/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def brief_page(request: Request, article_id: str) -> HTMLResponse:
        found = queries.article(conn(), article_id)
        if found is None:
            raise HTTPException(404, f"no brief {article_id!r} in this store")
        return page(request, "brief.html", a=found, b=found["brief"], story=_story(found["brief"]))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, q: Text = None, what: str = "quotes", speaker: Text = None, country: Text = None,
        since: Text = None, until: Text = None, story: Text = None,
    ) -> HTMLResponse:
        # A story event is a property of articles: asking for one searches articles.
        what = "articles" if what == "articles" or story else "quotes"
        form = {"q": q or "", "what": what, "speaker": speaker or "", "country": country or "",
                "since": since or "", "until": until or "", "story": (story or "").upper(), "types": PLOVER_TYPES}
        try:
            start, end = _day(since, "since"), _day(until, "until")
            story_type = _story_type(story)
        except HTTPException as err:
            return page(request, "search.html", status=422, form=form, results=None, error=err.detail)
        results = None
        bounded = bound_query(q)
        if any((q, speaker, country, since, until, story_type)):
            if what == "quotes":
                results = queries.search_quotes(conn(), about=bounded.text, speaker=speaker, country=country,
                                                since=start, until=end)
            else:
                results = queries.search_articles(conn(), about=bounded.text, country=country, since=start,
                                                  until=end, story_type=story_type)
        response = page(request, "search.html", form=form, results=results, error=None,
                        note=bounded.cut and f"The query was cut: {bounded.cut}.")
        if bounded.cut:
            response.headers[QUERY_CUT_HEADER] = bounded.cut
        return response

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request, name: Text = None) -> HTMLResponse:
        return page(request, "speakers.html", speakers=queries.list_speakers(conn(), name=name), name=name or "")

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(request: Request, speaker_id: str) -> HTMLResponse:
        found = queries.speaker(conn(), speaker_id)
        if found is None:
            raise HTTPException(404, f"no speaker {speaker_id!r} in this store")
        return page(request, "speaker.html", s=found)

    @app.get("/relations", response_class=HTMLResponse, include_in_schema=False)
    def relations_page(request: Request, a: Text = None, b: Text = None, by: str = "month") -> HTMLResponse:
        countries = queries.countries_with_events(conn())
        by = by if by in queries.PERIODS else "month"
        result, chart = None, None
        if a and b:
            result = queries.relations(conn(), a, b, by=by)
            chart = build_chart(result["series"])
        return page(request, "relations.html", countries=countries, a=(a or "").upper(), b=(b or "").upper(), by=by,
                    result=result, chart=chart, periods=queries.PERIODS, events_shown=EVENTS_SHOWN)

    # API ----------------------------------------------------------------------------------------------------

    @app.get("/api/briefs", tags=["briefs"])
    def api_briefs(
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = PAGE_SIZE, offset: Offset = 0
    ) -> list[dict[str, Any]]:
        """The latest briefs, newest first, one per near-duplicate cluster."""
        return queries.latest_briefs(conn(), limit=limit, offset=offset)

    @app.get("/api/briefs/{article_id}", tags=["briefs"])
    def api_brief(article_id: str) -> dict[str, Any]:
        """One article: the whole brief, its quotations with store ids and echoes, speakers, events, cluster."""
        found = queries.article(conn(), article_id)
        if found is None:
            raise HTTPException(404, f"no brief {article_id!r} in this store")
        return found

    @app.post("/api/briefs", tags=["briefs"], status_code=201, openapi_extra={"requestBody": {
        "required": True, "content": {"application/json": {"schema": NewArticle.model_json_schema()}}}})
    async def api_add_brief(
        request: Request, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
    ) -> dict[str, Any]:
        """Brief an article and store it (only when the server runs with ``--writable``, and only with the token
        it printed at start, or was given in NEWSBRIEF_TOKEN, as ``Authorization: Bearer <token>``).

        The body is JSON (``NewArticle``) of at most MAX_BODY_BYTES; anything else is a 4xx that says why."""
        if not stores.writable:
            raise HTTPException(403, "this store is served read-only; start newsbrief serve with --writable")
        _require_token(authorization, app.state.write_token)  # before a byte of the body is read
        item = await read_new_article(request)
        return await run_in_threadpool(_add, stores, item)

    @app.get("/api/quotes", tags=["search"])
    def api_quotes(
        response: Response,
        q: Annotated[str | None, Query(max_length=500, description="Words the quotation contains.")] = None,
        speaker: Annotated[str | None, Query(max_length=200, description="Part of the speaker's name.")] = None,
        country: Annotated[str | None, Query(max_length=3, description="The speaker's ISO3 country.")] = None,
        since: Annotated[str | None, Query(description="First day, YYYY-MM-DD.")] = None,
        until: Annotated[str | None, Query(description="Last day, YYYY-MM-DD.")] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 50,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        """Quotations, newest first, with speaker, article and echoes. A query with more distinct words than the
        server searches is cut, and the response's ``X-Query-Cut`` header says how."""
        bounded = _bounded(q, response)
        return queries.search_quotes(conn(), about=bounded, speaker=speaker, country=country,
                                     since=_day(since, "since"), until=_day(until, "until"), limit=limit,
                                     offset=offset)

    @app.get("/api/articles", tags=["search"])
    def api_articles(
        response: Response,
        q: Annotated[str | None, Query(max_length=500, description="Words in the title or text.")] = None,
        country: Annotated[str | None, Query(max_length=3, description="An ISO3 country the article names.")] = None,
        since: Annotated[str | None, Query(description="First day, YYYY-MM-DD.")] = None,
        until: Annotated[str | None, Query(description="Last day, YYYY-MM-DD.")] = None,
        story: Annotated[str | None, Query(max_length=12, description="The PLOVER type of the article's own "
                                           "event (its story event), e.g. SANCTION.")] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 50,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        """Articles: best match first for ``q``, else newest first. A query with more distinct words than the
        server searches is cut, and the response's ``X-Query-Cut`` header says how."""
        return queries.search_articles(conn(), about=_bounded(q, response), country=country,
                                       since=_day(since, "since"),
                                       until=_day(until, "until"), limit=limit, offset=offset,
                                       story_type=_story_type(story))

    @app.get("/api/speakers", tags=["speakers"])
    def api_speakers(
        name: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        """Speakers with counts, roles, countries, first and last seen."""
        return queries.list_speakers(conn(), name=name, limit=limit, offset=offset)

    @app.get("/api/speakers/{speaker_id}", tags=["speakers"])
    def api_speaker(speaker_id: str) -> dict[str, Any]:
        """One speaker and the timeline of their quotations with echoes."""
        found = queries.speaker(conn(), speaker_id)
        if found is None:
            raise HTTPException(404, f"no speaker {speaker_id!r} in this store")
        return found

    @app.get("/api/relations", tags=["relations"])
    def api_relations(
        a: Annotated[str, Query(min_length=3, max_length=3, description="ISO3 code of one country.")],
        b: Annotated[str, Query(min_length=3, max_length=3, description="ISO3 code of the other.")],
        by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    ) -> dict[str, Any]:
        """The relations index (mean event intensity, -10..+10) per period, with counts by quad class and events."""
        return queries.relations(conn(), a, b, by=by)

    @app.get("/api/stats", tags=["store"])
    def api_stats() -> dict[str, int]:
        """How many articles, clusters, quotations, speakers, events and echoes the store holds."""
        return queries.stats(conn())

    return app


def app_from_environment() -> FastAPI:
    """The app for ``NEWSBRIEF_DB`` (and ``NEWSBRIEF_WRITABLE=1``): what each worker process of ``serve --workers``
    builds, since uvicorn starts workers from an import string, not from an app object."""
    return create_app(os.environ["NEWSBRIEF_DB"], writable=os.environ.get("NEWSBRIEF_WRITABLE") == "1",
                      host=os.environ.get("NEWSBRIEF_HOST") or None, token=os.environ.get(TOKEN_ENV) or None,
                      allowed_hosts=os.environ.get("NEWSBRIEF_ALLOWED_HOSTS", "").split(","))


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


def _add(stores: _Stores, item: NewArticle) -> dict[str, Any]:
    import dataclasses

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


def _version() -> str:
    from newsbrief import __version__

    return __version__
