"""What the pages and the API share: the store's connection for a request, the query parameters' bounds, dates and
event types read from a query, and the pager every list uses (its totals, page links and next/prev)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsbrief.model import PLOVER_TYPES, StoryEvent
from newsbrief.store import queries

# Rows on one page of a list (latest briefs, search results, speakers, a speaker's timeline).
PAGE_SIZE = 20
# The deepest row a list may start at. SQLite's integers stop at 2**63 - 1, so a larger offset was an
# OverflowError (a 500); no store holds a billion rows, so past that a page can only be empty: refused with a 422.
MAX_OFFSET = 1_000_000_000

Text = Annotated[str | None, Query(max_length=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
PageNumber = Annotated[int, Query(alias="page", ge=1, le=MAX_OFFSET // PAGE_SIZE)]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Rows to return.")]
# An API page (1-based): asking for one returns an envelope with the total and next/prev links.
ApiPage = Annotated[int | None, Query(ge=1, le=MAX_OFFSET, description="A page of `limit` rows (1 is the "
                                      "first); when given, the answer is {total, page, pages, next, prev, items}.")]


def conn(request: Request) -> Any:
    """The request's thread's read-only connection to the store."""
    return request.app.state.stores.reader().conn


def render(request: Request, template: str, status: int = 200, headers: Any = None, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status, headers=headers)
    return response


def day(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD query parameter, checked; a 422 that says what a date looks like for anything else."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date like 2026-03-14") from None


def story_type(value: str | None) -> str | None:
    """A PLOVER type named in a query, upper-cased; a 422 for any other word."""
    if not value:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"story: {value!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    return value.upper()


def story_of(brief: dict[str, Any]) -> StoryEvent | None:
    """The brief's story event (briefs stored before schema 1.1 have none)."""
    return StoryEvent.from_dict(brief["story"]) if brief.get("story") else None


def url_with(request: Request, **changes: Any) -> str:
    """This request's path and query with ``changes`` (a None or empty value drops the parameter)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v not in (None, "")]
    return request.url.path + ("?" + urlencode(params) if params else "")


@dataclass(frozen=True)
class Pager:
    """One page of a list of ``total`` rows, ``per_page`` at a time, and the links to the others."""

    request: Request
    page: int
    per_page: int
    total: int
    param: str = "page"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_row(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_row(self) -> int:
        return min(self.total, self.offset + self.per_page)

    def href(self, page: int) -> str:
        return url_with(self.request, **{self.param: page if page > 1 else None})

    @property
    def prev(self) -> str | None:
        return self.href(min(self.page - 1, self.pages)) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.href(self.page + 1) if self.page < self.pages else None

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to link: the first, the last, and two either side of this one; None for a gap."""
        keep = sorted({1, self.pages, *range(max(1, self.page - 2), min(self.pages, self.page + 2) + 1)})
        out: list[int | None] = []
        for n in keep:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out
