"""Writes a Brief as text, Markdown, HTML or JSON (owned by the brief issue; this is the foundation's header)."""

from __future__ import annotations

import html
import json

from newsbrief.model import Brief

FORMATS = ("text", "md", "html", "json")


def render(brief: Brief, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
    a = brief.article
    date = a.published.isoformat() if a.published else "undated"
    lines = [f"{date} {a.title or '(untitled)'}", f"Source: {a.source or 'unknown'}", ""]
    for e in brief.entities:
        lines.append(f"  {e.type:<9} {e.name}" + (f" ({e.code})" if e.code else ""))
    lines.append("")
    lines.extend(p.text + "\n" for p in a.paragraph_spans())
    out = "\n".join(lines)
    if fmt == "html":
        return "<!doctype html><html><body><pre>" + html.escape(out) + "</pre></body></html>"
    return out
