"""What the web server does about clients it cannot trust: bounded search queries, security headers on every
response, the Host check (DNS rebinding), and the write token.

docs/security.md gives the threat model and every limit with its setting.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# The most distinct words a full-text search runs with. A reader's query is two to five words; each further word
# (above all the same common word repeated: FTS5's snippet() costs grow with the square of repeated terms) makes the
# search slower for every other reader of the server. 12 leaves room for a pasted headline.
MAX_QUERY_TERMS = 12
# The longest word kept in a query: no word of any language runs to 60 characters; a longer one is noise.
MAX_TERM_CHARS = 60

# The response header that says how a query was cut (the search page says it in words too).
QUERY_CUT_HEADER = "X-Query-Cut"

_WORD = re.compile(r"[\w*'’]+")


@dataclass(frozen=True)
class BoundedQuery:
    """A search query as it is run, and, when it was cut, what was left out (for the response to say)."""

    text: str | None
    cut: str | None = None


def bound_query(query: str | None) -> BoundedQuery:
    """The query with each word once (case-folded), no word already covered by a prefix (``gov*`` covers
    ``government``), and at most MAX_QUERY_TERMS words of at most MAX_TERM_CHARS characters."""
    if not query:
        return BoundedQuery(query)
    words: list[str] = []
    seen: set[str] = set()
    too_long = 0
    for raw in _WORD.findall(query):
        word = raw.casefold()
        bare = word.strip("*'’")
        if not bare:
            continue
        if len(bare) > MAX_TERM_CHARS:
            too_long += 1
            continue
        if word not in seen:
            seen.add(word)
            words.append(word)
    # Every word must appear, so a prefix that another word of the query starts with (``gov*`` beside
    # ``government``) selects nothing more; it and repeats change no result and are dropped without a note.
    # Distinct words past the cap, and overlong ones, do change it, and are said.
    kept = [w for w in words if not _implied(w, words)]
    reasons = []
    if len(kept) > MAX_QUERY_TERMS:
        reasons.append(f"only the first {MAX_QUERY_TERMS} of {len(kept)} distinct words were searched")
        kept = kept[:MAX_QUERY_TERMS]
    if too_long:
        reasons.append(f"{too_long} word{'s' if too_long > 1 else ''} over {MAX_TERM_CHARS} characters left out")
    return BoundedQuery(" ".join(kept), "; ".join(reasons) or None)


def _implied(word: str, words: list[str]) -> bool:
    """True when ``word`` is a prefix (``gov*``) that another word of the query already satisfies."""
    if not word.endswith("*"):
        return False
    stem = word.strip("*'’")
    return any(other != word and other.strip("*'’").startswith(stem) for other in words)


# -- response headers and the Host check ------------------------------------------------------------------------------

# Every page is the server's own markup, style sheet and SVG: no script at all, nothing from another origin, no
# framing (clickjacking), no <base> or <object> an injected value could use, forms only back to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)

_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARD = frozenset({"0.0.0.0", "::", ""})


def host_name(header: str) -> str:
    """The host of a Host header, lower-cased, without its port (``[::1]:8000`` -> ``::1``)."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value.rstrip(".")


def _is_ip(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    import ipaddress

    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class HostCheck:
    """Which Host headers the server answers: its bound address, the loopback names when it listens on loopback,
    any IP address when it listens on every interface, and the names it was configured with.

    A DNS-rebinding page reaches the server under the attacker's own domain name, so every *name* not configured is
    refused; an IP address in the Host header cannot be rebound.
    """

    bound: str
    names: frozenset[str] = frozenset()

    def allows(self, header: str | None) -> bool:
        if not header:
            return False
        name = host_name(header)
        bound = self.bound.strip("[]").lower()
        if name == bound or name in self.names:
            return True
        if (_is_loopback(bound) or bound in _WILDCARD) and name in _LOOPBACK_NAMES:
            return True
        return bound in _WILDCARD and _is_ip(name)


class SecurityMiddleware:
    """ASGI middleware: the security headers on every response, requests with a foreign Host refused (400), and
    HEAD answered as GET without a body."""

    def __init__(self, app: Any, host_check: HostCheck | None) -> None:
        self.app = app
        self.host_check = host_check

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if self.host_check is not None:
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if not self.host_check.allows(header):
                body = (f"this server does not answer for the host {header!r}; start newsbrief serve with "
                        "--allowed-host NAME to serve it under that name\n").encode()
                await send_with_headers({"type": "http.response.start", "status": 400, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        started = False

        async def send_tracked(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        head = scope.get("method") == "HEAD"
        try:
            if head:
                # HEAD is GET without the body (RFC 9110): answered by the GET route, its headers sent, no body.
                await self.app({**scope, "method": "GET"}, receive, _without_body(send_tracked))
            else:
                await self.app(scope, receive, send_tracked)
        except Exception:
            # A bug's 500 carries the headers too; the traceback goes to the log, never to the client.
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            body = b"" if head else b"internal error: the server's log has the details\n"
            await send_with_headers({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


def _without_body(send: Any) -> Any:
    async def send_headers_only(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            if not message.get("more_body"):
                await send({"type": "http.response.body", "body": b""})
            return
        await send(message)

    return send_headers_only


# -- the write token --------------------------------------------------------------------------------------------------

# Where `serve --writable` takes its token from; without it, a random one is made and printed at start.
TOKEN_ENV = "NEWSBRIEF_TOKEN"
# A token chosen by hand must be long enough not to be guessed over the network: 16 characters or more.
MIN_TOKEN_CHARS = 16


def new_token() -> str:
    """A random write token: 32 URL-safe characters (192 bits)."""
    import secrets

    return secrets.token_urlsafe(24)


def token_matches(authorization: str | None, token: str) -> bool:
    """True when the Authorization header is ``Bearer <token>`` (compared in constant time)."""
    import hmac

    if not authorization:
        return False
    scheme, _, given = authorization.strip().partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
