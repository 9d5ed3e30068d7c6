"""Outlet profiles: the selectors and rules that know one site's markup, as data.

A profile lists CSS selectors per field, tried in order (newest markup era first), the page
furniture to drop before reading the body, and line patterns (datelines, reporter lines,
copyright) that leak into article text. Code hooks are small functions named in the profile.
Adding an outlet that needs no profile is config only; adding a profile is one entry here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")


@dataclass(frozen=True)
class Profile:
    """How to read one outlet's pages. Selectors are CSS; ``@attr`` reads an attribute."""

    name: str
    title: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    # each body selector is tried in turn; the first that yields enough text wins
    body: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    # furniture that ends the article: the match and every sibling after it are dropped
    drop_after: tuple[str, ...] = ()
    # whole lines of body text to drop, and prefixes to strip from the first paragraph
    drop_lines: tuple[re.Pattern[str], ...] = ()
    strip_prefix: tuple[re.Pattern[str], ...] = ()
    # the byline in the text itself (patterns with a ``name`` group), for eras without a byline box
    author_text: tuple[re.Pattern[str], ...] = ()
    # a role or title after the name ("기자", "특파원") that is not part of the author
    author_suffix: re.Pattern[str] | None = None
    source_id: Callable[[str], str | None] | None = None
    date_from_id: Callable[[str], datetime | None] | None = None
    edition: Callable[[str], str] | None = None


# --- asiae.co.kr ------------------------------------------------------------------------------

ASIAE_ID = re.compile(r"(?:article/(?:[a-z0-9-]+/)?|idxno=|ampview\.htm\?no=)(\d{19})")


def asiae_source_id(url: str) -> str | None:
    """The 19-digit asiae article ID in any of the site's URL shapes, or None."""
    m = ASIAE_ID.search(url)
    return m.group(1) if m else None


def asiae_date_from_id(source_id: str) -> datetime | None:
    """The publish time an asiae ID encodes (KST ``YYYYMMDDHHMMSS``), in UTC."""
    try:
        return datetime.strptime(source_id[:14], "%Y%m%d%H%M%S").replace(tzinfo=KST).astimezone(UTC)
    except ValueError:
        return None


def asiae_edition(url: str) -> str:
    """``en`` for English-edition addresses, else ``ko``."""
    return "en" if re.search(r"//[^/]+/en/", url) else "ko"


# Reporter titles that follow a name in bylines.
_ROLE = r"(?:인턴기자|수습기자|객원기자|선임기자|기자|특파원)"
# A Korean name, or several joined by "·" (co-authored pieces).
_NAME = r"(?P<name>[가-힣]{2,5}(?:·[가-힣]{2,5})*)"

ASIAE = Profile(
    name="asiae",
    title=(
        ".area_title h1",
        "div.area_title h3",
        "#content .area_title h1",
        "meta[property='og:title']@content",
    ),
    summary=(".article_head h4", ".area_title h4", ".article_head .sub_title", ".summary_box p"),
    body=(
        ".article p[data-alda-marking]",
        "div[itemprop=articleBody]",
        "div#txt_area p",
        "div.cont_article",
        "#bodyContents .txt",
        ".article",
    ),
    published=(
        "meta[property='article:published_time']@content",
        ".date_box p",
        "p.user_data",
        ".area_title p",
    ),
    updated=(
        "meta[property='article:modified_time']@content",
        ".date_box p",
        "p.user_data",
        ".area_title p",
    ),
    author=(".reporter p strong", "meta[name='author']@content", "div.e_article strong"),
    drop=(
        "script",
        "style",
        "noscript",
        "iframe",
        "figure",
        "figcaption",
        ".txt_prohibition",
        ".e_article",
        ".article_head",
        ".article_photo",
        ".article_ad",
        ".add_middle",
        ".art_btm",
        ".news_twobox",
        ".add_banner",
        ".google_ad",
        "#scrollDiv",
        "div.im_re_box",
        "div[class^='ad_']",
        "div[class^='dablewidget']",
        "[class^='view_ad']",
        ".photo_caption",
        ".txt_caption",
        ".relate_news",
        ".related",
        ".reporter",
    ),
    # 2023 era: the byline box closes the article; tag lists and recommendations follow it
    drop_after=(".e_article",),
    drop_lines=(
        re.compile(r"^<?\s*[ⓒ©].*(아시아경제|asiae|Asia Business Daily).*$", re.I),
        re.compile(r"^.*무단\s*전재.*배포\s*금지.*$"),
        re.compile(r"^.*All rights reserved\.?\s*$", re.I),
        # "홍길동 기자 hong@asiae.co.kr", "경주=박지훈 기자 …", "홍길동·김철수 기자 …"
        re.compile(r"^[가-힣=·,\s]{2,40}(기자|특파원|인턴기자|객원기자|선임기자)\s*([\w.+-]+@[\w.-]+\s*)+$"),
        re.compile(r"^[\w.+-]+@asiae\.co\.kr\s*$"),
    ),
    strip_prefix=(re.compile(r"^\s*\[\s*아시아경제\s*[^\]]{0,40}\]\s*"),),
    # "[아시아경제 베이징=김태훈 특파원]" and "베이징=김태훈 특파원 thkim@asiae.co.kr"
    author_text=(
        re.compile(
            rf"^\s*\[\s*아시아경제\s*(?:[가-힣 ]+=)?(?P<name>[가-힣]{{2,5}}(?:·[가-힣]{{2,5}})*)\s*{_ROLE}\s*\]"
        ),
        re.compile(rf"^(?:[가-힣 ]+=)?(?P<name>[가-힣]{{2,5}}(?:·[가-힣]{{2,5}})*)\s*{_ROLE}\s+[\w.+-]+@"),
    ),
    author_suffix=re.compile(rf"\s*{_ROLE}$"),
    source_id=asiae_source_id,
    date_from_id=asiae_date_from_id,
    edition=asiae_edition,
)

# The date texts asiae prints: "입력 2026.01.06 10:54", "기사입력 2016-06-18 13:39", "수정 …"
PUBLISHED_TEXT = re.compile(r"(?:기사)?입력\s*:?\s*(\d{4})[.\-/]\s*(\d{1,2})[.\-/]\s*(\d{1,2})\.?\s+(\d{1,2}):(\d{2})")
UPDATED_TEXT = re.compile(r"(?:최종)?수정\s*:?\s*(\d{4})[.\-/]\s*(\d{1,2})[.\-/]\s*(\d{1,2})\.?\s+(\d{1,2}):(\d{2})")

PROFILES: dict[str, Profile] = {"asiae": ASIAE}
KNOWN_PROFILES = (*PROFILES, "generic")  # what an outlet's `profile:` may name


def get_profile(name: str) -> Profile | None:
    """The named profile, or None for ``generic``."""
    return PROFILES.get(name)
