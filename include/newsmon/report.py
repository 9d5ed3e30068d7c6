"""The analyst report: a static site of agreements vs disputes per topic, from the lake.

``index.html`` (per topic a chart of stories per day, then the latest stories) and one
``topic-<id>.html`` per topic with its story cards. Every page is one self-contained file: CSS
inline, charts inline SVG (:mod:`newsmon.report_chart`), no script, no font, image or link to
fetch, and a Content-Security-Policy that forbids any. Jinja2 escapes all article text; evidence
is highlighted by :func:`newsmon.alert.message.highlight_html`, which escapes every piece.

Under Airflow, :func:`publish` copies the site to ``reports/dt=YYYY-MM-DD/`` and
``reports/latest/`` in the bucket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import jinja2
from markupsafe import Markup

from newsmon.alert.message import KST, highlight_html
from newsmon.korean import HANGUL as _HANGUL
from newsmon.report_chart import svg
from newsmon.report_data import ReportData

TEMPLATES = Path(__file__).parent / "templates" / "report"
# Story cards on a topic page: 300 cards of ~2 KB keep a page well under the 2 MB target however
# busy the window; older stories are counted in the chart and named as hidden.
MAX_CARDS_PER_TOPIC = 300
# Latest stories on the overview: a screen or two, the rest is one click away.
LATEST_STORIES = 20
_TOPIC_SAFE = re.compile(r"[^a-z0-9_-]+")


@dataclass
class Site:
    """What :func:`write_site` wrote."""

    out: Path
    pages: list[Path]

    @property
    def index(self) -> Path:
        """The overview page."""
        return self.out / "index.html"


def page_of(topic: str) -> str:
    """The file name of a topic's page."""
    return f"topic-{_TOPIC_SAFE.sub('-', topic.lower()).strip('-') or 'topic'}.html"


def safe_url(url: str) -> str:
    """The URL when it is http(s), else '' (no javascript:, data: or file: links from article data)."""
    return url if url.startswith(("http://", "https://")) else ""


def when(value: datetime | None) -> str:
    """A time for people, in KST (the outlets' zone)."""
    return f"{value.astimezone(KST):%Y-%m-%d %H:%M} KST" if value else "unknown"


def lang_of(text: str) -> str:
    """``ko`` for text with Hangul, else ``en``: lets the browser pick the right font per block."""
    return "ko" if _HANGUL.search(text or "") else "en"


def _environment() -> jinja2.Environment:
    """Jinja2 over the report templates: autoescaping on, helpers as globals."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.globals.update(
        page_of=page_of,
        safe_url=safe_url,
        when=when,
        lang_of=lang_of,
        mark=lambda text, terms: Markup(highlight_html(text, list(terms))),
    )
    return env


def write_site(data: ReportData, out: str | Path, built: datetime | None = None) -> Site:
    """Render every page of the report for ``data`` into directory ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    env = _environment()
    charts = {t: Markup(svg(t, data.counts.get(t, {}), data.since, data.until)) for t in data.topics}
    common = {
        "data": data,
        "topics": data.topics,
        "charts": charts,
        "totals": data.totals,
        "built": f"{(built or datetime.now(UTC)):%Y-%m-%d %H:%M} UTC",
    }
    latest = sorted(
        (c for t in data.topics for c in data.cards[t][:LATEST_STORIES]),
        key=lambda c: (c.last_event.timestamp() if c.last_event else 0, c.story),
        reverse=True,
    )[:LATEST_STORIES]
    pages = [_write(out / "index.html", env.get_template("index.html").render(latest=latest, **common))]
    for topic in data.topics:
        cards = data.cards[topic]
        html = env.get_template("topic.html").render(
            topic=topic,
            cards=cards[:MAX_CARDS_PER_TOPIC],
            hidden=max(data.stories.get(topic, 0) - len(cards[:MAX_CARDS_PER_TOPIC]), 0),
            rows=sorted(data.counts.get(topic, {}).items()),
            **common,
        )
        pages.append(_write(out / page_of(topic), html))
    return Site(out, pages)


def _write(path: Path, html: str) -> Path:
    """Write one page as UTF-8; its path."""
    path.write_text(html, encoding="utf-8")
    return path


def default_window(today: date | None = None, days: int = 30) -> tuple[date, date]:
    """The last ``days`` days up to ``today`` (UTC): the daily DAG's window."""
    from datetime import timedelta

    today = today or datetime.now(UTC).date()
    return today - timedelta(days=days - 1), today
