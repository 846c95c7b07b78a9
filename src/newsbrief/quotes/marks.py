"""Direct quotations: the runs of text between quotation marks.

Marks read: straight double ``"``, curly ``“ ”``, guillemets ``« »``, TeX/NYT ``` `` ``` and ``''`` (New York Times
copy opens and closes with two apostrophes), and curly single ``‘ ’`` where they cannot be apostrophes. Straight
single quotes at the top level are left alone: in news copy they are far more often apostrophes and possessives.
A quotation runs over several paragraphs when a paragraph opens a mark without closing it and the next paragraph
opens again (the newsroom convention); it is returned as one run, first mark to last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The double marks (opening, closing, and either: a straight mark closes when a quotation is open, else opens); the
# quote judge counts these. Runs are read with the curly single marks too, where they cannot be apostrophes.
DOUBLE_MARK = re.compile(r"``|''|[\"\u201c\u201d\u00ab\u00bb]")
_MARK = re.compile(DOUBLE_MARK.pattern + r"|(?<![\w])\u2018|\u2019(?![\w])")
_OPENERS = frozenset({"``", "\u201c", "\u00ab"})
_CLOSERS = frozenset({"\u201d", "\u00bb"})
_EITHER = frozenset({'"', "''"})
_SINGLE_OPEN, _SINGLE_CLOSE = "\u2018", "\u2019"


@dataclass(frozen=True)
class MarkedRun:
    """A quotation in marks: ``outer`` includes the marks, ``inner`` does not."""

    outer_start: int
    outer_end: int
    start: int
    end: int


def _paragraph_runs(text: str, p_start: int, p_end: int) -> tuple[list[MarkedRun], int | None]:
    """Quotations closed inside the paragraph, and where an unclosed one opened (or None)."""
    runs: list[MarkedRun] = []
    open_at: int | None = None
    open_len = 0
    single_open: int | None = None
    for m in _MARK.finditer(text, p_start, p_end):
        mark = m.group()
        if mark == _SINGLE_OPEN:
            # A single quotation only counts outside a double one (a nested one stays inside its parent).
            if open_at is None:
                single_open = m.start()
            continue
        if mark == _SINGLE_CLOSE:
            if open_at is None and single_open is not None:
                runs.append(MarkedRun(single_open, m.end(), single_open + 1, m.start()))
                single_open = None
            continue
        if open_at is None:
            # A closing mark typed where an opening one belongs (`”Fear. I am ...`): it opens when a word follows.
            after = text[m.end() : m.end() + 1]
            before = text[m.start() - 1 : m.start()] if m.start() > p_start else " "
            wrong_way = mark in _CLOSERS and after.isalnum() and before.isspace()
            if mark in _OPENERS or mark in _EITHER or wrong_way:
                open_at, open_len = m.start(), len(mark)
                single_open = None
            # A stray closer with nothing open is a typo; skip it.
        elif mark in _CLOSERS or mark in _EITHER:
            runs.append(MarkedRun(open_at, m.end(), open_at + open_len, m.start()))
            open_at = None
        else:
            # An opener while open: the earlier mark was never closed; start again here.
            open_at, open_len = m.start(), len(mark)
    return runs, open_at


def find_marked(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[MarkedRun]:
    """Every quotation in marks, in text order, multi-paragraph ones joined."""
    out: list[MarkedRun] = []
    carry: int | None = None  # where a quotation left open by the previous paragraph began
    carry_len = 0
    carry_end = 0  # where the paragraph that left it open ends
    for p_start, p_end in paragraphs:
        runs, open_at = _paragraph_runs(text, p_start, p_end)
        if carry is not None:
            # The open quotation goes on when this paragraph opens with a mark again.
            if runs and runs[0].outer_start == p_start:
                first = runs.pop(0)
                out.append(MarkedRun(carry, first.outer_end, carry + carry_len, first.end))
                carry = None
            elif open_at == p_start and not runs:
                # Still going on: a middle paragraph of a long quotation.
                open_at = carry
            else:
                # Never closed (a typo in the copy): the quotation ends with its paragraph.
                out.append(_to_paragraph_end(text, carry, carry_len, carry_end))
                carry = None
        out.extend(runs)
        if open_at is not None:
            if carry is None or open_at != carry:
                carry = open_at
                carry_len = 2 if text.startswith(("``", "''"), open_at) else 1
            carry_end = p_end
        else:
            carry = None
    if carry is not None:
        out.append(_to_paragraph_end(text, carry, carry_len, carry_end))
    return sorted(out, key=lambda r: r.outer_start)


def _to_paragraph_end(text: str, open_at: int, open_len: int, p_end: int) -> MarkedRun:
    end = p_end
    while end > open_at + open_len and (text[end - 1].isspace() or text[end - 1] in ".)'\u2019"):
        end -= 1
    return MarkedRun(open_at, p_end, open_at + open_len, end)
