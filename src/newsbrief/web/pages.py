"""The HTML pages: latest briefs, a brief, search (with facet counts), speakers, a speaker, relations of two
countries, the overview of the store over time, and the events behind its bars.

Every list is paged (``?page=N``) and says its true total ("21–40 of 68 quotations").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from newsbrief.model import PLOVER_TYPES
from newsbrief.store import overview, queries
from newsbrief.web.chart import build_bars, build_chart
from newsbrief.web.common import (
    PAGE_SIZE,
    PageNumber,
    Pager,
    Text,
    conn,
    day,
    render,
    story_of,
    story_type,
    url_with,
)
from newsbrief.web.security import QUERY_CUT_HEADER, bound_query

router = APIRouter(include_in_schema=False)

# Events listed under each period of the relations page. A busy month of a 10,000-article store has hundreds; listing
# them all made the page 150 KB and the slowest route (70 ms to render, against 15 ms at 10). The JSON API has all.
EVENTS_SHOWN = 10
# Undated events listed on the relations page (the count is always said; the API pages through them all).
UNDATED_SHOWN = 20
# Quotations on one page of a speaker's timeline.
TIMELINE_PAGE = 50


@router.get("/", response_class=HTMLResponse)
def home(request: Request, page_number: PageNumber = 1) -> HTMLResponse:
    db = conn(request)
    pager = Pager(request, page_number, PAGE_SIZE, queries.count_latest_briefs(db))
    briefs = queries.latest_briefs(db, limit=PAGE_SIZE, offset=pager.offset)
    return render(request, "home.html", briefs=briefs, pager=pager, stats=queries.stats(db))


@router.get("/briefs/{article_id}", response_class=HTMLResponse)
def brief_page(request: Request, article_id: str) -> HTMLResponse:
    found = queries.article(conn(request), article_id)
    if found is None:
        raise HTTPException(404, f"no brief {article_id!r} in this store")
    return render(request, "brief.html", a=found, b=found["brief"], story=story_of(found["brief"]))


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, q: Text = None, what: Text = None, speaker: Text = None, country: Text = None,
    since: Text = None, until: Text = None, story: Text = None, outlet: Text = None, kind: Text = None,
    page_number: PageNumber = 1,
) -> HTMLResponse:
    # Quotations by default; articles when asked, or when a link names only a story event (an article's own
    # property) and not what to search. The form always says what: its story event filters quotations too.
    what = "articles" if what == "articles" or (what is None and story) else "quotes"
    form = {"q": q or "", "what": what, "speaker": speaker or "", "country": country or "",
            "since": since or "", "until": until or "", "story": (story or "").upper(), "outlet": outlet or "",
            "kind": kind or "", "types": PLOVER_TYPES}
    try:
        filters: dict[str, Any] = {
            "speaker": speaker or None, "country": country or None, "since": day(since, "since"),
            "until": day(until, "until"), "story_type": story_type(story), "outlet": outlet or None}
    except HTTPException as err:
        return render(request, "search.html", status=422, form=form, results=None, error=err.detail, pager=None)
    bounded = bound_query(q)
    results, pager, facets, note = None, None, [], None
    if any((q, *filters.values(), kind)):
        db = conn(request)
        filters["about"] = bounded.text
        if what == "quotes":
            filters["kind"] = kind or None
            pager = Pager(request, page_number, PAGE_SIZE, queries.count_quotes(db, **filters))
            results = queries.search_quotes(db, **filters, limit=PAGE_SIZE, offset=pager.offset)
            counts = overview.quote_facets(db, **filters) if pager.total else {}
        else:
            pager = Pager(request, page_number, PAGE_SIZE, queries.count_articles(db, **filters))
            results = queries.search_articles(db, **filters, limit=PAGE_SIZE, offset=pager.offset)
            counts = overview.article_facets(db, **filters) if pager.total else {}
            if counts and "speaker" not in counts:
                note = (f"Speaker and country counts are given for at most {overview.FACET_JOIN_LIMIT:,} articles; "
                        "narrow the search to see them.")
        facets = _facet_links(request, counts)
    response = render(request, "search.html", form=form, results=results, error=None, pager=pager, facets=facets,
                      note=bounded.cut and f"The query was cut: {bounded.cut}.", facet_note=note)
    if bounded.cut:
        response.headers[QUERY_CUT_HEADER] = bounded.cut
    return response


# Each facet: its heading and the query parameter its links set (the month sets the two ends of a date range).
FACETS = {"speaker": "Speaker", "country": "Country", "outlet": "Outlet", "kind": "Kind", "story": "Story event",
          "month": "Month"}


def _facet_links(request: Request, counts: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The facets beside the results: each value with its count and the link that adds it to the search (back to
    the first page), the one in force marked, with the link that removes it."""
    params = request.query_params
    out = []
    for name, heading in FACETS.items():
        if name not in counts:
            continue
        rows = []
        for row in counts[name]:
            value = str(row["value"])
            if name == "month":
                first, last = overview.period_bounds(value)
                active = params.get("since") == first and params.get("until") == last
                href = url_with(request, since=first, until=last, page=None)
            else:
                active = (params.get(name) or "").casefold() == value.casefold()
                href = url_with(request, **{name: value, "page": None})
            rows.append({"label": row["label"], "n": row["n"], "href": href, "active": active})
        clear = None
        if name == "month" and (params.get("since") or params.get("until")):
            clear = url_with(request, since=None, until=None, page=None)
        elif name != "month" and params.get(name):
            clear = url_with(request, **{name: None, "page": None})
        if rows or clear:
            out.append({"name": name, "heading": heading, "rows": rows, "clear_href": clear})
    return out


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, name: Text = None, page_number: PageNumber = 1) -> HTMLResponse:
    db = conn(request)
    pager = Pager(request, page_number, PAGE_SIZE * 5, queries.count_speakers(db, name=name))
    speakers = queries.list_speakers(db, name=name, limit=pager.per_page, offset=pager.offset)
    return render(request, "speakers.html", speakers=speakers, name=name or "", pager=pager)


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(request: Request, speaker_id: str, page_number: PageNumber = 1) -> HTMLResponse:
    db = conn(request)
    offset = (page_number - 1) * TIMELINE_PAGE
    found = queries.speaker(db, speaker_id, limit=TIMELINE_PAGE, offset=offset)
    if found is None:
        raise HTTPException(404, f"no speaker {speaker_id!r} in this store")
    pager = Pager(request, page_number, TIMELINE_PAGE, found["quotes"])
    return render(request, "speaker.html", s=found, pager=pager)


@router.get("/relations", response_class=HTMLResponse)
def relations_page(request: Request, a: Text = None, b: Text = None, by: str = "month") -> HTMLResponse:
    db = conn(request)
    countries = queries.countries_with_events(db)
    by = by if by in queries.PERIODS else "month"
    result, chart = None, None
    if a and b:
        result = queries.relations(db, a, b, by=by)
        chart = build_chart(result["series"])
    return render(request, "relations.html", countries=countries, a=(a or "").upper(), b=(b or "").upper(), by=by,
                  result=result, chart=chart, periods=queries.PERIODS, events_shown=EVENTS_SHOWN,
                  undated_shown=UNDATED_SHOWN)


# Events stacked from the bottom: cooperation under the axis' middle of the stack, conflict on top, so the two
# kinds read as two bands over time.
EVENT_STACKS = ["material cooperation", "verbal cooperation", "verbal conflict", "material conflict"]
PAIRS_SHOWN = 12


@router.get("/overview", response_class=HTMLResponse)
def overview_page(request: Request, by: str = "month") -> HTMLResponse:
    by = by if by in queries.PERIODS else "month"
    db = conn(request)
    data = overview.timeline(db, by)
    rows = [{"period": p["period"], "first_day": p["first_day"], "last_day": p["last_day"],
             "quotations": p["quotes"], **p["events"]} for p in data["periods"]]

    def quotes_link(row: dict[str, Any], _: str) -> str:
        return "/search?" + urlencode({"what": "quotes", "since": row["first_day"], "until": row["last_day"]})

    def events_link(row: dict[str, Any], quad: str) -> str:
        return "/events?" + urlencode({"since": row["first_day"], "until": row["last_day"], "quad": quad})

    quotes_chart = build_bars(f"Quotations per {by}", rows, ["quotations"], quotes_link)
    events_chart = build_bars(f"Events per {by} by quad class", rows, EVENT_STACKS, events_link)
    pairs = overview.busiest_pairs(db, PAIRS_SHOWN)
    return render(request, "overview.html", by=by, data=data, quotes_chart=quotes_chart, events_chart=events_chart,
                  pairs=pairs, most=max((p["events"] for p in pairs), default=1), periods=queries.PERIODS,
                  stats=queries.stats(db))


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, since: Text = None, until: Text = None, quad: Text = None, type: Text = None,
    country: Text = None, page_number: PageNumber = 1,
) -> HTMLResponse:
    filters = {"since": day(since, "since"), "until": day(until, "until"),
               "quad": quad if quad in queries.QUADS else None, "event_type": story_type(type),
               "country": (country or "").upper()[:3] or None}
    db = conn(request)
    pager = Pager(request, page_number, PAGE_SIZE, overview.count_events(db, **filters))
    events = overview.list_events(db, **filters, limit=PAGE_SIZE, offset=pager.offset)
    return render(request, "events.html", events=events, pager=pager, filters=filters)
