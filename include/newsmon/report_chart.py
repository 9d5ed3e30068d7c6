"""The report's chart: agreements against disputes per day for one topic, as inline SVG.

A Vega-Lite spec rendered offline by ``vl-convert-python`` (Vega's own renderer in an embedded
JavaScript engine, no browser, no network): the SVG carries no script, font or image reference,
so the page opens from a file or a bucket. Agreements are bars above the axis, disputes below it,
one bar per (day, kind) with at least one story, so the direction of a topic reads at a glance.
"""

from __future__ import annotations

from datetime import date, timedelta

import vl_convert

# Green for agreements and red for disputes, both readable by the common colour-blind types
# (the bars' side of the axis carries the kind as well).
KIND_COLOURS = {"agreement": "#1b7f5b", "dispute": "#c0392b"}
# Sized for a laptop screen beside nothing: a 60-day window still gives each day ~10 px.
CHART_WIDTH = 640
CHART_HEIGHT = 160
# A day over a long window (a year is ~1.7 px) would vanish; 2 px keeps every bar visible.
MIN_BAR_PX = 2.0


def spec(topic: str, counts: dict[tuple[str, str], int], since: date, until: date) -> dict:
    """The Vega-Lite spec of one topic's chart (only (day, kind) pairs with stories in the window become bars)."""
    values = [
        {"day": day, "kind": kind, "stories": n if kind == "agreement" else -n}
        for (day, kind), n in sorted(counts.items())
        if n > 0 and since.isoformat() <= day <= until.isoformat()
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f"{topic}: agreements (up) and disputes (down) per day",
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "background": "white",
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": False, "width": bar_width(since, until)},
        "encoding": {
            "x": {
                "field": "day",
                "type": "temporal",
                "timeUnit": "utcyearmonthdate",
                "title": None,
                "scale": {"domain": [since.isoformat(), (until + timedelta(days=1)).isoformat()]},
                "axis": {"format": "%m-%d", "labelOverlap": True},
            },
            "y": {
                "field": "stories",
                "type": "quantitative",
                "title": "stories",
                "axis": {"tickMinStep": 1, "format": "d", "labelExpr": "datum.value % 1 ? '' : abs(datum.value)"},
            },
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(KIND_COLOURS), "range": list(KIND_COLOURS.values())},
            },
        },
        "config": {"font": "sans-serif", "view": {"stroke": None}},
    }


def bar_width(since: date, until: date) -> float:
    """Pixels per bar: nine tenths of a day's width, but never thinner than ``MIN_BAR_PX``."""
    days = (until - since).days + 1
    return round(max(MIN_BAR_PX, 0.9 * CHART_WIDTH / max(days, 1)), 2)


def svg(topic: str, counts: dict[tuple[str, str], int], since: date, until: date) -> str:
    """The chart as an SVG document fragment, to inline in a page."""
    out = vl_convert.vegalite_to_svg(vl_spec=spec(topic, counts, since, until))
    return out.replace('class="marks"', f'class="marks chart" data-topic="{_attr(topic)}"', 1)


def _attr(value: str) -> str:
    """A value safe inside a double-quoted attribute (topic ids are config names, but still)."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
