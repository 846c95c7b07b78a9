"""The relations chart, drawn on the server as SVG: the index per period, one point per period, each point a link
to the events behind it. No script and no style from anywhere else; the template writes the SVG from the geometry
computed here, so every label goes through the template's escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT = 760, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 16, 48
INDEX_MIN, INDEX_MAX = -10.0, 10.0
# At most this many period labels under the x axis; the others are thinned out so labels never overlap.
MAX_X_LABELS = 12
# Points sit this far inside the plot's edges, so the first and last never cover the axis labels or get cut off.
INSET = 40


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    r: float
    period: str
    index: float
    events: int
    anchor: str  # the id of the period's list of events on the page
    tone: str  # "cooperation" | "conflict" | "neutral", for the point's colour
    label: bool  # whether the period's name is written under the axis


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[ChartPoint]
    y_ticks: list[tuple[float, float]]  # (y position, value)
    zero_y: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float

    @property
    def line(self) -> str:
        """The SVG ``points`` attribute of the polyline through the points."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def anchor_of(period: str) -> str:
    return "p-" + "".join(c if c.isalnum() else "-" for c in period)


def build_chart(series: list[dict[str, Any]]) -> Chart:
    """Geometry of the chart of ``series`` (from ``queries.relations``): x by period order, y by index."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM

    def y_of(value: float) -> float:
        value = max(INDEX_MIN, min(INDEX_MAX, value))
        return bottom - (value - INDEX_MIN) / (INDEX_MAX - INDEX_MIN) * (bottom - top)

    n = len(series)
    step = max(1, -(-n // MAX_X_LABELS))
    most = max((p["events_count"] for p in series), default=1)
    points = []
    for i, p in enumerate(series):
        x = left + INSET + (right - left - 2 * INSET) * (0.5 if n == 1 else i / (n - 1))
        index = float(p["index"])
        points.append(
            ChartPoint(
                x=x,
                y=y_of(index),
                # Area grows with the number of events, so a busy period stands out.
                r=4 + 6 * (p["events_count"] / most) ** 0.5,
                period=p["period"],
                index=index,
                events=p["events_count"],
                anchor=anchor_of(p["period"]),
                tone="cooperation" if index > 0 else "conflict" if index < 0 else "neutral",
                label=i % step == 0 or i == n - 1,
            )
        )
    ticks = [(y_of(v), v) for v in (-10.0, -5.0, 0.0, 5.0, 10.0)]
    return Chart(WIDTH, HEIGHT, points, ticks, y_of(0.0), left, right, top, bottom)


# -- bar charts: counts per period, stacked by kind (the overview) -------------------------------------------------

BAR_WIDTH, BAR_HEIGHT = 640, 260
BAR_LEFT, BAR_RIGHT, BAR_TOP, BAR_BOTTOM = 44, 8, 12, 40
# Labels under the bars at most: one in every few periods is named, so they never overlap at the chart's size.
MAX_BAR_LABELS = 8


@dataclass(frozen=True)
class Segment:
    """One part of a bar: its box, what it counts and the link to the rows behind it."""

    x: float
    y: float
    width: float
    height: float
    stack: str  # the kind it counts ("quotations", "verbal conflict", ...)
    tone: str  # a CSS class for its colour
    count: int
    href: str


@dataclass(frozen=True)
class Bar:
    period: str
    x: float  # the bar's centre
    total: int
    label: bool
    segments: list[Segment]


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    y_ticks: list[tuple[float, int]]
    stacks: list[tuple[str, str]]  # (name, tone) in stacking order, for the legend and the table
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float


def nice_ticks(most: int, count: int = 4) -> list[int]:
    """Round tick values from 0 up to at least ``most``: steps of 1, 2 or 5 times a power of ten."""
    if most <= 0:
        return [0, 1]
    raw = most / count
    power = 10 ** max(0, len(str(int(raw))) - 1)
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return list(range(0, (-(-most // step)) * step + 1, step))


def tone_of(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name)


def build_bars(title: str, rows: list[dict[str, Any]], stacks: list[str], href: Any) -> BarChart:
    """Geometry of a stacked bar chart: one bar per row (``row["period"]``, ``row[stack]`` counts, bottom stack
    first); ``href(row, stack)`` is the link of each segment."""
    left, right = BAR_LEFT, BAR_WIDTH - BAR_RIGHT
    top, bottom = BAR_TOP, BAR_HEIGHT - BAR_BOTTOM
    ticks = nice_ticks(max((sum(int(r[s]) for s in stacks) for r in rows), default=0))
    scale = (bottom - top) / ticks[-1]
    n = max(1, len(rows))
    slot = (right - left) / n
    width = max(1.0, slot * 0.8)
    every = max(1, -(-n // MAX_BAR_LABELS))
    bars = []
    for i, row in enumerate(rows):
        x = left + slot * (i + 0.5)
        y = float(bottom)
        segments = []
        for stack in stacks:
            count = int(row[stack])
            if count:
                height = count * scale
                y -= height
                segments.append(Segment(x - width / 2, y, width, height, stack, tone_of(stack), count,
                                        href(row, stack)))
        bars.append(Bar(row["period"], x, sum(int(row[s]) for s in stacks), i % every == 0,
                        segments))
    return BarChart(title, BAR_WIDTH, BAR_HEIGHT, bars, [(bottom - v * scale, v) for v in ticks],
                    [(s, tone_of(s)) for s in stacks], left, right, top, bottom)
