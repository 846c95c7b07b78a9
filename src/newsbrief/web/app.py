"""The web app over a store: server-rendered pages and a JSON API for the same data.

Pages (``web.pages``): ``/`` latest briefs, ``/briefs/{id}`` a brief, ``/search`` quotations and articles,
``/speakers`` and ``/speakers/{id}``, ``/relations`` the chart of two countries. API (``web.api``): the same under
``/api/``, described at ``/openapi.json``. FastAPI's interactive docs are switched off: they load scripts from a CDN,
and the pages here fetch nothing from the internet.

The store is opened read-only (SQLite ``mode=ro``), one connection per worker thread; with ``writable=True``,
``POST /api/briefs`` briefs an article and stores it, through one writing connection behind a lock.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsbrief.errors import StoreError
from newsbrief.ingest.url import link_target
from newsbrief.store import Store
from newsbrief.store.queries import QUADS
from newsbrief.web import api, pages
from newsbrief.web.api import MAX_BODY_BYTES
from newsbrief.web.common import MAX_OFFSET, PAGE_SIZE, render
from newsbrief.web.security import TOKEN_ENV, HostCheck, SecurityMiddleware, new_token

__all__ = ["MAX_BODY_BYTES", "MAX_OFFSET", "PAGE_SIZE", "check_store", "create_app", "app_from_environment"]

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


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
    templates.env.globals["quads"] = QUADS
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
    app.state.templates = templates
    app.state.write_token = (token or new_token()) if writable else None
    page = render

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

    app.include_router(pages.router)
    app.include_router(api.router)
    return app


def app_from_environment() -> FastAPI:
    """The app for ``NEWSBRIEF_DB`` (and ``NEWSBRIEF_WRITABLE=1``): what each worker process of ``serve --workers``
    builds, since uvicorn starts workers from an import string, not from an app object."""
    return create_app(os.environ["NEWSBRIEF_DB"], writable=os.environ.get("NEWSBRIEF_WRITABLE") == "1",
                      host=os.environ.get("NEWSBRIEF_HOST") or None, token=os.environ.get(TOKEN_ENV) or None,
                      allowed_hosts=os.environ.get("NEWSBRIEF_ALLOWED_HOSTS", "").split(","))


def _version() -> str:
    from newsbrief import __version__

    return __version__
