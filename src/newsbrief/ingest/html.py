"""HTML pages: the main text with trafilatura, and the headline, date and outlet from the page's metadata.

``article_from_html`` works in four steps:

1. Decode (a declared ``<meta charset>`` first) and refuse what is not an HTML page worth reading.
2. trafilatura's main-text extraction, tuned for precision (see ``_EXTRACTION``), checked against its balanced
   setting (``BALANCED_RATIO``), with a recall pass and then its baseline for short pages it declines.
3. The extracted tree is written out as blank-line separated paragraphs, ``<br>`` kept as a single line break.
4. Headline, date and outlet: trafilatura's metadata, then the page's own tags (og:title, <title>, <h1>;
   JSON-LD datePublished, article:published_time, <time datetime>, a date in the URL; og:site_name).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from newsbrief.errors import EmptyInputError, ParseError
from newsbrief.ingest.common import clean_text, decode, make_article, parse_date
from newsbrief.model import Article

# trafilatura logs each page it declines at WARNING; the reason reaches the reader as an EmptyInputError instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Chosen on the article-extraction benchmark (`newsbrief eval extraction`, docs/ingestion.md): favouring precision
# and leaving comments out scored body F1 0.965 against 0.959 for trafilatura's defaults; tables stay in (dropping
# them lost recall on pages that set figures in tables).
_EXTRACTION: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
}

# Below this share of the balanced extraction's length, the precise one is taken to have lost part of the article:
# on the benchmark, 0.3 and 0.5 gave the same result (F1 0.965 -> 0.968 on trafilatura's text), 0.7 less.
BALANCED_RATIO = 0.5

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(p|div|article|section|span|a|br|h[1-6]|table|script|meta|title)\b[^>]*>", re.I)
# Plain text with a few stray tags is still plain text; a body with this many tags in its first 8 KB is markup.
MIN_TAGS_FOR_HTML = 3
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def looks_like_html(data: bytes | str) -> bool:
    """True when the input starts like an HTML page, or is mostly markup."""
    head = (data.encode("utf-8", "replace") if isinstance(data, str) else data)[:8192]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= MIN_TAGS_FOR_HTML


def starts_like_html(data: bytes) -> bool:
    """True when the bytes open with a doctype or an <html>/<head>/<body> tag: a page, whatever its file name."""
    return bool(_HTML_START.match(data[:8192].lstrip(b"\xef\xbb\xbf")))


def decode_html(data: bytes, origin: str, declared: str | None = None) -> str:
    """The page's text: the charset the server or the page declares, else newsbrief's usual decoding."""
    if declared is None and (m := _CHARSET.search(data[:4096])):
        declared = m[1].decode("ascii", "replace")
    return decode(data, origin, declared)


def article_from_html(
    page: str | bytes, origin: str = "<html>", url: str | None = None, charset: str | None = None
) -> Article:
    """The Article of an HTML page: main text in paragraphs, headline, date and outlet."""
    # 1. Decode.
    html = decode_html(page, origin, charset) if isinstance(page, bytes) else clean_text(page)
    if not html.strip():
        raise EmptyInputError(origin, "the HTML page is empty")
    # 2. Main text.
    doc = _extract(html, url, origin)
    # 3. Paragraphs.
    body = _paragraphs(doc.body) if doc is not None and doc.body is not None else ""
    if doc is not None and not body.strip():
        body = doc.text or ""
    if doc is None or not body.strip():
        body = _baseline_text(html)
    if not body.strip():
        raise EmptyInputError(origin, "no article text found in the HTML (broken markup, or a page with no article)")
    # 4. Metadata, with fallbacks from the page itself.
    meta = _PageMeta(html)
    title = (doc.title if doc is not None else None) or meta.title()
    published = parse_date(doc.date if doc is not None else None) or meta.published() or _date_in_url(url)
    outlet = (doc.sitename if doc is not None else None) or meta.site_name()
    body = _drop_repeated_headline(body, title)
    return make_article(body, origin, url=url, outlet=outlet, title=title, published=published)


def _extract(html: str, url: str | None, origin: str) -> Any:
    try:
        precise = trafilatura.bare_extraction(html, url=url, **_EXTRACTION)
        # The precision setting now and then cuts an article in half (a pull quote or a photo block read as the
        # end); trafilatura's balanced setting is kept when it finds more than twice the text.
        balanced = trafilatura.bare_extraction(html, url=url, **{**_EXTRACTION, "favor_precision": False})
        if precise is None or (balanced is not None and _length(precise) < BALANCED_RATIO * _length(balanced)):
            precise = balanced
        if precise is None:
            # Short pages fall under both settings' thresholds; a recall pass keeps them.
            precise = trafilatura.bare_extraction(html, url=url, **{**_EXTRACTION, "favor_precision": False,
                                                                    "favor_recall": True})
    except (ValueError, TypeError, etree.LxmlError, RecursionError, AttributeError, IndexError) as err:
        raise ParseError(origin, f"could not parse the HTML ({type(err).__name__}: {err})") from err
    return precise


def _length(doc: Any) -> int:
    return len(doc.text or "")


def _baseline_text(html: str) -> str:
    try:
        _tree, text, _length = trafilatura.baseline(html)
    except (ValueError, TypeError, etree.LxmlError, RecursionError, AttributeError, IndexError):
        return ""
    return "\n\n".join(line.strip() for line in (text or "").split("\n") if line.strip())


# Tags of trafilatura's output tree (its XML-TEI-like format) that hold one block of text each.
_EXPANDED = {"list": "item", "table": "row"}


def _paragraphs(body: Any) -> str:
    """Blank-line separated paragraphs from trafilatura's tree; ``<lb/>`` (a ``<br>``) stays a single line break."""
    blocks: list[str] = []
    for child in body:
        if not isinstance(child.tag, str) or child.tag == "graphic":
            continue
        if child.tag in _EXPANDED:
            for part in child.iter(_EXPANDED[child.tag]):
                blocks.append(_block_text(part, " " if child.tag == "table" else ""))
        elif child.tag == "quote" and any(c.tag == "p" for c in child):
            blocks.extend(_block_text(p) for p in child if p.tag == "p")
        else:
            blocks.append(_block_text(child))
    cleaned = [_tidy(b) for b in blocks]
    return "\n\n".join(b for b in cleaned if b)


def _block_text(el: Any, joiner: str = "") -> str:
    parts: list[str] = [el.text or ""]
    for sub in el:
        if sub.tag == "lb":
            parts.append("\n")
        elif sub.tag in ("p", "item", "head", "quote", "row"):
            parts.append("\n" + _block_text(sub, joiner) + "\n")
        elif sub.tag == "cell":
            parts.append(joiner + _block_text(sub) + joiner)
        elif isinstance(sub.tag, str):
            parts.append(_block_text(sub, joiner))
        parts.append(sub.tail or "")
    return "".join(parts)


def _tidy(block: str) -> str:
    lines = (" ".join(line.split()) for line in block.split("\n"))
    return "\n".join(line for line in lines if line)


def _drop_repeated_headline(body: str, title: str | None) -> str:
    # The page's <h1> usually opens the extracted text; it is the Article's title, not part of its body.
    if not title:
        return body
    first, sep, rest = body.partition("\n\n")
    if rest.strip() and _squash(first) == _squash(title):
        return rest
    return body


def _squash(s: str) -> str:
    return re.sub(r"\W+", "", s).casefold()


_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")


def _date_in_url(url: str | None) -> dt.date | None:
    if not url or not (m := _URL_DATE.search(url)):
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class _PageMeta:
    """The page's own metadata tags, parsed only when trafilatura's metadata left something out."""

    _DATE_METAS = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                   "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date")

    def __init__(self, html: str) -> None:
        self._html = html
        self._tree: Any = None

    def _root(self) -> Any:
        if self._tree is None:
            try:
                self._tree = lxml_html.fromstring(self._html.encode("utf-8", "replace"))
            except (etree.LxmlError, ValueError):
                self._tree = False
        return self._tree

    def _meta(self, *names: str) -> str | None:
        root = self._root()
        if root is False:
            return None
        for el in root.iter("meta"):
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            if key in names and (content := (el.get("content") or "").strip()):
                return content
        return None

    def title(self) -> str | None:
        found = self._meta("og:title", "twitter:title", "headline")
        root = self._root()
        if not found and root is not False:
            for tag in ("title", "h1"):
                el = root.find(f".//{tag}")
                if el is not None and (text := " ".join(el.text_content().split())):
                    return text
        return found

    def published(self) -> dt.date | None:
        for item in self._json_ld():
            if isinstance(item, dict) and (d := parse_date(item.get("datePublished") or item.get("dateCreated"))):
                return d
        if d := parse_date(self._meta(*self._DATE_METAS)):
            return d
        root = self._root()
        if root is not False:
            for el in root.iter("time"):
                if d := parse_date(el.get("datetime")):
                    return d
        return None

    def site_name(self) -> str | None:
        return self._meta("og:site_name", "application-name", "publisher")

    def _json_ld(self) -> list[Any]:
        root = self._root()
        if root is False:
            return []
        items: list[Any] = []
        for el in root.iter("script"):
            if (el.get("type") or "").lower() != "application/ld+json":
                continue
            try:
                data = json.loads(el.text or "")
            except ValueError:
                continue
            stack = [data]
            while stack:  # JSON-LD nests articles in lists and @graph
                node = stack.pop()
                if isinstance(node, list):
                    stack.extend(node)
                elif isinstance(node, dict):
                    items.append(node)
                    if isinstance(node.get("@graph"), list):
                        stack.extend(node["@graph"])
        return items


# Block-level HTML tags: each starts a paragraph when a fragment (a feed entry's content) is turned into text.
_BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "pre", "li", "tr", "table", "ul", "ol", "figure",
               "figcaption", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "dl", "hr"}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "svg"}


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): blocks become paragraphs, ``<br>`` a line break.

    Plain text passes through with its own line breaks kept.
    """
    if "<" not in fragment:
        return "\n\n".join(_tidy(p) for p in re.split(r"\n\s*\n", fragment) if _tidy(p))
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.LxmlError, ValueError):
        return ""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIPPED_TAGS:  # comments, processing instructions, scripts
            parts.append(el.tail or "")
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        parts.append(el.tail or "")

    parts.append(root.text or "")
    for child in root:
        walk(child)
    text = "".join(parts)
    return "\n\n".join(t for t in (_tidy(p) for p in re.split(r"\n\s*\n", text)) if t)
