"""A hostile corpus, generated: empty, whitespace, binary, huge, deeply nested, every encoding, broken HTML, XML,
feeds, WARC and gzip, bombs, surrogates, and batches that mix good and bad records.

Each case is a file, and what newsbrief must make of it: ``brief`` (every article in it is briefed), ``error``
(refused, with a one-line error naming it) or ``either`` (noise that may or may not read as an article; whatever
it does, it does cleanly). The articles are this file's own, written in a wire service's style.
"""

from __future__ import annotations

import gzip
import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from ingest_helpers import make_warc

GOOD = (
    "Port of Valdoria reopens after storm\n\n"
    "VALDORIA — The port of Valdoria reopened on Monday after a storm closed it for three days, the harbour "
    "authority said, and the first container ships were unloaded by the afternoon.\n\n"
    '"We lost three days, but no one was hurt," said Elena Marsh, who runs the harbour authority. "The cranes '
    'are working again and the backlog will be cleared by Friday."\n\n'
    "Shipping lines said delays would ease within a week. Farmers waiting for fertiliser deliveries welcomed the "
    "news, and the transport ministry promised money to repair the damaged sea wall."
)
ACCENTED = (
    "Café owners in Zürich protest new rent rules\n\n"
    "ZÜRICH - Café and restaurant owners marched through Zürich on Tuesday against new rent rules, saying the "
    "city's décor and façade requirements would force dozens of small businesses to close.\n\n"
    '"Our customers come for the coffee, not the façade," said Renée Müller, who has run a café near the lake '
    "for twenty years. The city council said it would review the rules next month."
)
TITLE = "Council approves new budget after long debate"
BODY = ("The city council approved a new budget on Wednesday after a debate that lasted past midnight, the mayor's "
        "office said, ending weeks of argument over school funding and road repairs. Councillors voted 31 to 18. "
        '"This budget keeps our schools open and our roads safe," said Mayor Daniel Okafor after the vote.')


@dataclass(frozen=True)
class Case:
    """One input: its file, what it must give (``expect``), the briefs it must give when it is ``brief`` (a
    mixed batch's good records), and whether it must also report errors (a mixed batch's bad ones)."""

    name: str
    path: Path
    expect: str  # "brief", "error" or "either"
    articles: int = 1
    errors: bool | None = None


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _page(title: str = TITLE, body: str = BODY, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{body}</p></article></body></html>")


def _rss(items: str, title: str = "Wire desk") -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def _item(title: str, text: str, link: str = "http://127.0.0.1:9/gone") -> str:
    return f"<item><title>{title}</title><link>{link}</link><description><![CDATA[{text}]]></description></item>"


def _zeros_gzip(mib: int) -> bytes:
    member = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    one = member.compress(bytes(64 << 20)) + member.flush()
    return one * max(1, mib // 64)


def build(folder: Path) -> list[Case]:
    """Write the corpus under ``folder``; at least 100 cases."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, suffix: str, data: bytes | str, expect: str, articles: int = 1,
            errors: bool | None = None) -> None:
        path = folder / f"{len(cases):03d}-{name}{suffix}"
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        errs = {"error": True, "brief": False, "either": None}[expect] if errors is None else errors
        cases.append(Case(name, path, expect, articles if expect == "brief" else 0, errs))

    long_entry = " ".join([BODY] * 4)
    # Empty, and whitespace only, under every extension.
    for suffix in (".txt", ".md", ".html", ".xml", ".rss", ".atom", ".jsonl", ".warc", ".jsonl.gz", ".warc.gz",
                   ".html.gz", ""):
        add("empty", suffix, b"", "error")
    for i, blank in enumerate([" ", "\n\n\n", "\t \r\n \t", "\u00a0\u00a0", "\u3000\u2003\n", "\ufeff"]):
        add(f"blank{i}", ".txt", blank, "error")
        add(f"blank{i}", ".html", f"<html><body>{blank}</body></html>", "error")
    add("blank-lines", ".jsonl", "\n\n   \n", "error")
    # Binary data, under text names and none.
    binaries = {"png": _png(), "jpeg": b"\xff\xd8\xff\xe0" + bytes(300), "gif": b"GIF89a" + bytes(100),
                "pdf": b"%PDF-1.7\n" + bytes(range(256)), "zip": b"PK\x03\x04" + bytes(200),
                "elf": b"\x7fELF\x02\x01\x01" + bytes(200), "nul": bytes(4096),
                "noise": bytes((i * 7919 + 13) % 256 for i in range(20000)), "bmp": b"BM" + bytes(100)}
    for name, data in binaries.items():
        add(name, ".txt", data, "error")
        add(name, "", data, "error")
    # Huge: over the byte cap, over the character cap, one JSONL line over the line cap.
    add("over-10mb", ".txt", b"word " * (2_200_000), "error")
    add("over-1m-chars", ".txt", "Council. " * 120_000, "error")
    add("huge-line", ".jsonl", '{"text": "' + "a" * (10_600_000) + '"}\n', "error")
    # Deep nesting.
    add("deep-json", ".jsonl", "[" * 200_000 + "\n", "error")
    add("deep-object", ".jsonl", '{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}\n", "error")
    add("deep-html", ".html", "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>",
        "error")
    add("deep-xml", ".rss", '<rss version="2.0"><channel>' + "<a>" * 100_000 + "</a>" * 100_000
        + "</channel></rss>", "error")
    # Every encoding of a good article.
    add("utf8", ".txt", GOOD, "brief")
    add("utf8-bom", ".txt", b"\xef\xbb\xbf" + ACCENTED.encode(), "brief")
    add("utf16-le-bom", ".txt", ACCENTED.encode("utf-16"), "brief")
    add("utf16-be-bom", ".txt", b"\xfe\xff" + ACCENTED.encode("utf-16-be"), "brief")
    add("cp1252", ".txt", ACCENTED.encode("cp1252"), "brief")
    add("latin1", ".txt", ACCENTED.encode("latin-1"), "brief")
    add("latin9", ".txt", ACCENTED.encode("iso-8859-15"), "brief")
    add("utf16-no-bom", ".txt", ACCENTED.encode("utf-16-le"), "error")
    add("utf32", ".txt", ACCENTED.encode("utf-32"), "either")
    add("declared-koi8r", ".html", _page(head="<meta charset='koi8-r'>").encode("utf-8"), "either")
    add("declared-bogus", ".html", _page(head="<meta charset='x-no-such'>"), "brief")
    add("declared-utf16", ".html", _page(head="<meta charset='utf-16'>"), "either")
    add("utf8-damaged", ".txt", ACCENTED.encode().replace(b"\xc3\xbc", b"\xfc", 1) + b"\xff", "brief")
    # Broken HTML.
    add("unclosed", ".html", "<html><body><article><h1>" + TITLE + "<p>" + BODY, "brief")
    add("script-only", ".html", "<html><head><script>alert(1)</script></head><body><script>x()</script></body>"
        "</html>", "error")
    add("tag-soup", ".html", "<<<<>>>><<p<<>>" * 500, "either")
    add("nul-in-html", ".html", _page().replace("<p>", "<p>\x00", 1), "either")
    add("open-comment", ".html", "<html><body><!-- " + BODY, "error")
    add("empty-paragraphs", ".html", "<html><body>" + "<p></p>" * 5000 + "</body></html>", "error")
    add("markup-in-fields", ".html", _page(title="<script>alert('t')</script> Council approves budget"), "brief")
    # Broken XML and feeds.
    feed = _rss(_item("Budget passes", long_entry) + _item("Port reopens", " ".join([GOOD] * 2)))
    add("feed", ".rss", feed, "brief", articles=2)
    add("feed-truncated", ".rss", feed[: len(feed) // 2], "either")
    add("feed-no-items", ".rss", _rss(""), "error")
    add("feed-xxe", ".rss", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + _rss(_item("&x;", long_entry)), "either")
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)) + "]>"
        + _rss(_item("&l9;", long_entry)))
    add("feed-billion-laughs", ".rss", bomb, "either")
    add("feed-surrogate-refs", ".rss", _rss(_item("One &#xD800;", long_entry) + _item("Two &#xDFFF;", long_entry),
                                            title="Wire &#xD800;"), "brief", articles=2)
    add("feed-not-xml", ".rss", "<rss><channel><item><title>Broken", "either")
    add("feed-teasers-dead-links", ".rss", _rss(_item("Teaser", "Short.") * 3), "error")
    add("atom-bad-dates", ".atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        f"<entry><title>E</title><updated>not-a-date</updated><content type='html'>{long_entry}</content></entry>"
        "</feed>", "brief")
    add("xml-not-feed", ".xml", "<?xml version='1.0'?><catalog><book>Words</book></catalog>", "either")
    # Broken WARC.
    warc = make_warc([("https://wire.example/budget", _page().encode(), "text/html")])
    add("warc", ".warc.gz", warc, "brief")
    add("warc-truncated", ".warc.gz", warc[: len(warc) - 40], "either")
    add("warc-header-only", ".warc", b"WARC/1.0\r\nWARC-Type: response\r\n", "error")
    add("warc-garbage", ".warc", b"WARC/1.0\r\n" + bytes(range(256)) * 10, "error")
    add("warc-wrong-length", ".warc", make_warc([("https://w.example/a", _page().encode(), "text/html")],
                                                 gzip=False).replace(b"Content-Length: ", b"Content-Length: 9", 1),
        "either")
    add("warc-images-only", ".warc.gz", make_warc([("https://w.example/a.png", _png(), "image/png")]), "error")
    add("warc-plain", ".warc", make_warc([("https://w.example/b", _page().encode(), "text/html")], gzip=False),
        "brief")
    # gzip: broken, odd, and bombs.
    add("gz-truncated", ".txt.gz", gzip.compress(GOOD.encode())[:-12], "error")
    add("gz-of-binary", ".txt.gz", gzip.compress(_png()), "error")
    add("gz-of-empty", ".html.gz", gzip.compress(b""), "error")
    add("not-gzip", ".jsonl.gz", b'{"text": "plain"}\n', "error")
    add("double-gzip", ".txt.gz", gzip.compress(gzip.compress(GOOD.encode())), "error")
    add("gz-good", ".txt.gz", gzip.compress(GOOD.encode()), "brief")
    add("bomb-jsonl", ".jsonl.gz", gzip.compress((json.dumps({"text": GOOD}) + "\n").encode()) + _zeros_gzip(1024),
        "brief", errors=True)  # the line before the bomb is kept
    add("bomb-html", ".html.gz", _zeros_gzip(1024), "error")
    add("bomb-warc", ".warc.gz", _zeros_gzip(1024), "error")
    # Lone surrogates.
    add("surrogate-text", ".jsonl", json.dumps({"text": "Broken \ud800 export.\n\n" + GOOD}) + "\n", "brief")
    add("surrogate-fields", ".jsonl", json.dumps({"text": GOOD, "title": "Half \udfff", "url": "https://w.example/\ud800",
                                                  "source": "Wire \ud800"}) + "\n", "brief")
    add("surrogate-html", ".html", _page(title="Council &#xD800; budget"), "brief")
    add("surrogate-utf8-bytes", ".txt", GOOD.encode() + b"\xed\xa0\x80", "brief")
    # JSON Lines that are not articles.
    for name, line in {"not-json": "{nope", "array": "[1, 2]", "number": "42", "null": "null",
                       "text-number": '{"text": 17}', "no-text": '{"title": "x"}', "empty-object": "{}",
                       "text-blank": '{"text": "   "}', "html-empty": '{"html": "<p></p>"}'}.items():
        add(name, ".jsonl", line + "\n", "error")
    add("crlf-bom", ".jsonl", "\ufeff" + json.dumps({"text": GOOD}) + "\r\n", "brief")
    # Batches that mix good and bad records.
    mixed = [json.dumps({"text": GOOD, "url": "https://w.example/1"}), "{broken", json.dumps({"text": 5}),
             json.dumps({"text": ACCENTED, "url": "https://w.example/2"}), "[]",
             json.dumps({"text": "Rapport \ud800 " + BODY, "url": "https://w.example/3"})]
    add("mixed-batch", ".jsonl", "\n".join(mixed) + "\n", "brief", articles=3, errors=True)
    # Odd Unicode.
    add("controls", ".txt", "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 12, 13)) * 50, "error")
    add("bidi-overrides", ".txt", "\u202e" + GOOD, "brief")
    add("zero-width-only", ".txt", "\u200b\u200c\u200d" * 500, "error")
    add("emoji-only", ".txt", "\U0001f600\U0001f4f0" * 300, "error")
    add("combining-flood", ".txt", "a" + "\u0301" * 20_000 + "\n\n" + GOOD, "either")
    add("other-language", ".txt", "Le conseil municipal a approuvé le budget mercredi après un long débat. " * 10,
        "error")
    return cases
