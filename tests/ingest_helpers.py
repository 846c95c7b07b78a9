"""Helpers for the ingestion tests: a real HTTP server on 127.0.0.1, WARC building, and the fixture articles."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
PORT_STRIKE_HTML = (FIXTURES / "port-strike.html").read_bytes()
BUDGET_TEXT = (FIXTURES / "budget-vote.txt").read_text(encoding="utf-8")
FRENCH_TEXT = (FIXTURES / "french-article.txt").read_text(encoding="utf-8")
GERMAN_TEXT = (FIXTURES / "german-article.txt").read_text(encoding="utf-8")

HANG = "hang"  # a route that accepts the connection and never answers


def news_page(headline: str, paragraphs: list[str], date: str = "2026-05-04", outlet: str = "Evening Standard-Bearer",
              extra_head: str = "") -> bytes:
    """A small, realistic news page: navigation and footer around an <article>."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="article:published_time" content="{date}T08:00:00Z">
{extra_head}</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{headline}</h1>
{body}
</article><footer>Copyright {outlet}. Contact the newsroom.</footer></body></html>""".encode()


RAIL_PARAGRAPHS = [
    "LYON — Rail workers across France walked off the job on Thursday in protest at a pension reform, cancelling "
    "two in three high-speed trains and stranding thousands of commuters in Paris, Lyon and Marseille.",
    "The national operator said it expected disruption to continue into the weekend. Unions said turnout was the "
    "highest since the strikes of 2019 and promised further action if the government did not reopen talks.",
    '"We have been patient for a year, and the answer was a decree," said Julien Moreau, a driver who has worked '
    'on the Lyon line for twenty years. "Now the trains stay in the depot."',
    "The transport minister called the strike irresponsible and said the reform would go ahead. Business groups "
    "warned that a long stoppage would cost the economy hundreds of millions of euros a week.",
]

HARVEST_PARAGRAPHS = [
    "NAIROBI — Kenya expects its maize harvest to rise by a fifth this year after the long rains returned to the "
    "Rift Valley, the agriculture ministry said on Tuesday, easing fears of a third year of food imports.",
    "Officials said the country would not need to import maize from Tanzania and Uganda before December. Millers "
    "welcomed the forecast but said storage at the national cereals board remained too small for a large crop.",
    '"A good harvest is only good if it does not rot in the field," said Grace Wanjiru, who chairs a farmers\' '
    'cooperative in Nakuru. "We need the board to buy early and pay on time."',
    "Prices of maize flour in Nairobi markets have fallen by about 10 per cent since March, traders said.",
]


@dataclass
class NewsServer:
    """Routes path -> (status, content type, body) or HANG; ``url(path)`` gives the full address."""

    base: str
    routes: dict[str, object] = field(default_factory=dict)
    release: threading.Event = field(default_factory=threading.Event)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(routes: dict[str, object] | None = None) -> Iterator[NewsServer]:
    """A real HTTP server on 127.0.0.1, on a free port, for the duration of the block."""
    state = NewsServer(base="", routes=dict(routes or {}))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            state.hits.append(self.path)
            route = state.routes.get(self.path)
            if route == HANG:
                state.release.wait(30)
                return
            if route is None:
                self.send_error(404, "Not Found")
                return
            status, content_type, body, *extra = route  # type: ignore[misc]
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (extra[0] if extra else {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the access log
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def html_route(page: bytes, status: int = 200) -> tuple[int, str, bytes]:
    return (status, "text/html; charset=utf-8", page)


def make_warc(pages: list[tuple[str, bytes, str]], gzip: bool = True) -> bytes:
    """A WARC archive with one response record per ``(url, body, content type)``, plus a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, body, content_type in pages:
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [],
                                                                          is_http_request=True))
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buffer.getvalue()
