"""Fetching a URL: a timeout, a size cap checked while the body streams in, redirects followed, and one clear
FetchError for every way a fetch fails (an error status, a timeout, a refused connection, a bad address)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsbrief.errors import FetchError, TooLargeError
from newsbrief.ingest.common import MAX_INPUT_BYTES

# Seconds allowed for connecting, for each read, and for the whole download. News sites answer in well under a
# second; 15 s leaves room for slow newsroom proxies while a dead server does not stall a batch for long.
# NEWSBRIEF_FETCH_TIMEOUT overrides it (seconds) for a whole run.
FETCH_TIMEOUT_S = 15.0
# A page that redirects more often than this is in a loop or a consent maze, not on its way to an article.
MAX_REDIRECTS = 5
USER_AGENT = "newsbrief/0.1 (news brief reader; +https://pypi.org/project/newsbrief/)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: the final URL after redirects, the body, and its declared content type and charset."""

    url: str
    data: bytes
    content_type: str
    charset: str | None


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
    if not url or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def fetch(url: str, timeout: float | None = None, cap: int = MAX_INPUT_BYTES) -> Fetched:
    """GET ``url``; raises FetchError (naming the URL and the status or failure) or TooLargeError past ``cap``."""
    if not is_url(url):  # a feed's link, a redirect's target: nothing but the web is ever fetched (no file://)
        raise FetchError(url, "only http:// and https:// URLs are fetched")
    limit = timeout if timeout is not None else fetch_timeout()
    deadline = time.monotonic() + limit
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(limit),
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(url, f"the server answered HTTP {response.status_code} {reason}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise TooLargeError(url, f"the page is {int(declared):,} bytes; newsbrief reads at most {cap:,}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise TooLargeError(url, f"the page is larger than the {cap:,} bytes newsbrief reads")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"the download took longer than {limit:g} s")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "")
            return Fetched(str(response.url), b"".join(chunks), content_type.split(";")[0].strip().lower(),
                           response.charset_encoding)
    except httpx.TimeoutException as err:
        raise FetchError(url, f"no answer within {limit:g} s ({type(err).__name__})") from err
    except httpx.TooManyRedirects as err:
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from err
    except httpx.InvalidURL as err:
        raise FetchError(url, f"not a valid URL ({err})") from err
    except httpx.HTTPError as err:  # connection refused, DNS failure, TLS error, broken transfer
        raise FetchError(url, f"could not fetch ({type(err).__name__}: {err})") from err
