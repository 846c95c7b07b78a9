"""Fetching a URL: one deadline for the whole request, a size cap checked while the body streams in, redirects
followed, and one clear FetchError for every way a fetch fails (an error status, a timeout, a refused connection, a
bad address). Every fetch newsbrief makes goes through ``fetch``: a URL to brief, a feed entry's page, ``watch``'s
feeds."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsbrief.errors import FetchError, TooLargeError
from newsbrief.ingest.common import MAX_INPUT_BYTES

# Seconds allowed for the whole request: connecting, redirects, headers and body together. News sites answer in
# well under a second; 15 s leaves room for slow newsroom proxies while a dead or dripping server does not stall a
# batch for long. NEWSBRIEF_FETCH_TIMEOUT overrides it (seconds) for a whole run, watch included.
FETCH_TIMEOUT_S = 15.0
# A page that redirects more often than this is in a loop or a consent maze, not on its way to an article.
MAX_REDIRECTS = 5
USER_AGENT = "newsbrief/0.1 (news brief reader; +https://pypi.org/project/newsbrief/)"


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: the final URL after redirects, the body, its declared content type and charset, the
    status (200, or 304 for a conditional request answered "not modified", with no body) and the headers."""

    url: str
    data: bytes
    content_type: str
    charset: str | None
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


def fetch_timeout() -> float:
    """The fetch timeout in seconds: NEWSBRIEF_FETCH_TIMEOUT when set to a positive number, else FETCH_TIMEOUT_S."""
    try:
        value = float(os.environ.get("NEWSBRIEF_FETCH_TIMEOUT", ""))
    except ValueError:
        return FETCH_TIMEOUT_S
    return value if value > 0 else FETCH_TIMEOUT_S


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def link_target(url: str | None) -> str | None:
    """``url`` when it may become a link on a page: an absolute http(s) URL with a host and no space or control
    character; None for anything else (``javascript:``, ``data:``, ``file:``, relative or protocol-relative URLs).

    Stored URLs come from the articles themselves (a JSONL field, a feed, a POST), so they are the reader's input,
    not ours: a ``javascript:`` URL rendered as a link would run in the page of whoever clicks it.
    """
    if not url or any(ord(c) <= 0x20 or ord(c) == 0x7F or c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def fetch(
    url: str, timeout: float | None = None, cap: int = MAX_INPUT_BYTES, *, headers: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET ``url``; raises FetchError (naming the URL and the status or failure) or TooLargeError past ``cap`` bytes.

    ``timeout`` (default ``fetch_timeout()``) bounds the whole request, however slowly the server sends. A 304 to a
    conditional request (``headers`` with If-None-Match / If-Modified-Since) is returned, with no body; ``client``
    reuses a caller's connection pool.
    """
    if not is_url(url):  # a feed's link, a redirect's target: nothing but the web is ever fetched (no file://)
        raise FetchError(url, "only http:// and https:// URLs are fetched")
    limit = timeout if timeout is not None else fetch_timeout()
    deadline = _Deadline(limit)
    own = client is None
    session = client or httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS,
                                     headers={"User-Agent": USER_AGENT})
    try:
        with deadline, session.stream("GET", url, headers=dict(headers or {}), timeout=httpx.Timeout(limit),
                                      extensions={"trace": deadline.trace}) as response:
            if response.status_code == 304:
                return Fetched(str(response.url), b"", "", None, 304, dict(response.headers))
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(url, f"the server answered HTTP {response.status_code} {reason}",
                                 response.status_code)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise TooLargeError(url, f"the page is {int(declared):,} bytes; newsbrief reads at most {cap:,}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # each piece as it arrives, so the deadline is checked as it drips
                size += len(chunk)
                if size > cap:
                    raise TooLargeError(url, f"the page is larger than the {cap:,} bytes newsbrief reads")
                deadline.check(url)
                chunks.append(chunk)
            deadline.check(url)
            content_type = response.headers.get("content-type", "")
            return Fetched(str(response.url), b"".join(chunks), content_type.split(";")[0].strip().lower(),
                           response.charset_encoding, response.status_code, dict(response.headers))
    except httpx.TimeoutException as err:
        raise FetchError(url, f"no answer within {limit:g} s ({type(err).__name__})") from err
    except httpx.TooManyRedirects as err:
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from err
    except httpx.InvalidURL as err:
        raise FetchError(url, f"not a valid URL ({err})") from err
    except httpx.HTTPError as err:  # connection refused, DNS failure, TLS error, broken transfer
        deadline.check(url)  # a connection the deadline cut is a timeout, not a broken transfer
        raise FetchError(url, f"could not fetch ({type(err).__name__}: {err})") from err
    finally:
        if own:
            session.close()


class _Deadline:
    """One deadline for a whole request. httpx's timeouts bound each connect and each read, so a server that sends
    a byte a second never trips them; at the deadline this shuts the request's sockets, which ends any read."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.passed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: Mapping[str, Any]) -> None:
        """httpx's trace hook: note each connection's socket as it is made (redirects make new ones)."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.passed:
                    _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            for sock in self._sockets:
                _shut(sock)

    def check(self, url: str) -> None:
        if self.passed:
            raise FetchError(url, f"no answer within {self.seconds:g} s (the whole request, however slowly the "
                                  "server sends)")


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)
