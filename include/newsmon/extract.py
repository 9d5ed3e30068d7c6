"""Turn one HTML page into a clean :class:`~newsmon.records.Article`.

Two paths: an outlet profile (selectors as data, see :mod:`newsmon.profiles`) and the generic
path (trafilatura). When a profile finds no body the page falls back to the generic path and the
article records ``extraction_method="fallback"``, so ops can see a site's markup drifting.
Pure function of its inputs: no network, no clock unless passed in.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector
from trafilatura.utils import load_html

from newsmon.canonical import trusted as canonical_trusted
from newsmon.generic import extract_generic
from newsmon.identity import identify, normalize_url
from newsmon.korean import HANGUL as _HANGUL
from newsmon.profiles import KST, PUBLISHED_TEXT, UPDATED_TEXT, Profile, get_profile
from newsmon.records import Article

# Below this many characters a profile "found nothing": real briefs are ~200 characters of
# Hangul; counting characters, not words, keeps Korean and English comparable.
MIN_PROFILE_BODY_CHARS = 80
# Below this the generic path's output is boilerplate, not an article.
MIN_BODY_CHARS = 40
# Share of Hangul among letters above which text is Korean (mixed pages quote English names).
HANGUL_SHARE_KO = 0.3
# Query parameters that only track clicks; dropped so one article has one URL identity.
# Elements that start a new line of text when a profile's container is read.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "section",
        "article",
        "figure",
        "header",
        "footer",
    ]
)
_BREAK = "\u2029"  # paragraph separator: marks block edges while a container's text is read
_LETTER = re.compile(r"[^\W\d_]")
# C0 controls (but tab/newline/CR) and DEL: no HTML text holds them, and lxml refuses to set them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters one by one: looking for each with ``in`` is twice as fast as the regex on a
# page that holds none (almost all do), so the regex only runs on the pages that need it.
_CONTROL_CHARS = tuple(map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)))
_SPACES = re.compile(r"[\s\u00a0\u200b]+")


# trafilatura logs every unparsable page at ERROR; we record the outcome ourselves
# (no_article_text in the fetches table), so its messages would only alarm ops for nothing.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


class ExtractionError(ValueError):
    """The page holds no article text."""


def extract(
    html: str,
    url: str,
    outlet: str,
    profile: str = "generic",
    crawled_at: datetime | None = None,
    feed_published: datetime | None = None,
    allowed_domains: tuple[str, ...] | None = None,
) -> Article:
    """Extract an article from ``html`` fetched at ``url``; ExtractionError when there is none.

    ``allowed_domains`` (the outlet's) bound the canonical link a page may claim (newsmon.canonical).
    """
    crawled_at = crawled_at or datetime.now(UTC)
    html = _without_controls(html)
    tree = _parse(html)
    # read from the tree before extraction edits it in place
    canonical = _canonical_url(tree, url, allowed_domains)
    declared_lang = _declared_lang(tree)
    prof = get_profile(profile)
    fields = _from_profile(tree, prof) if prof else None
    method = "profile"
    if prof is None:
        method = "generic"
    if fields is None or len(fields["body"]) < MIN_PROFILE_BODY_CHARS:
        # without a profile the tree is untouched: trafilatura works on it instead of parsing again
        generic = _generic(tree if prof is None and tree is not None else html, url)
        if prof is not None:
            method = "fallback"
            # the outlet's line rules (datelines, reporter and copyright lines) still apply
            lines = generic["body"].split("\n")
            generic["author"] = _author_name(generic.get("author") or _author_from_text(lines, prof), prof)
            generic["body"] = _clean_body(lines, prof)
            if fields:
                generic = {**generic, **{k: v for k, v in fields.items() if v and k != "body"}}
        fields = generic
    body = fields.get("body") or ""
    if len(body) < MIN_BODY_CHARS:
        raise ExtractionError(f"no article text ({len(body)} characters)")
    title = fields.get("title") or ""
    lang = detect_lang(declared_lang, " ".join([title, body[:2000]]))
    aid, source_id = identify(outlet, prof, canonical, url, lang)
    published = fields.get("published") or feed_published
    if published is None and source_id and prof and prof.date_from_id:
        published = prof.date_from_id(source_id)
    return Article(
        article_id=aid,
        url=canonical,
        outlet=outlet,
        title=title,
        body=body,
        lang=lang,
        published_at=published,
        crawled_at=crawled_at,
        summary=tuple(fields.get("summary") or ()),
        author=fields.get("author") or None,
        updated_at=fields.get("updated"),
        source_id=source_id,
        extraction_method=method,
    )


def detect_lang(declared: str, text: str) -> str:
    """``ko`` when the text is mostly Hangul, else the page's declared language, else ``en``."""
    letters = _LETTER.findall(text)
    if letters and len(_HANGUL.findall(text)) / len(letters) >= HANGUL_SHARE_KO:
        return "ko"
    if declared and declared != "ko":
        return declared
    return "en" if letters else "und"


def clean_text(text: str) -> str:
    """One line of text: NFC, every run of whitespace (newlines of the source too) one space, trimmed."""
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def _without_controls(html: str) -> str:
    """``html`` less its C0 control characters and DEL; the regex only runs when there are some."""
    return _CONTROL.sub("", html) if any(ch in html for ch in _CONTROL_CHARS) else html


def _declared_lang(tree: lxml.html.HtmlElement | None) -> str:
    """The primary subtag of the page's ``<html lang>``, lower case; empty when there is none."""
    return (tree.get("lang") or "").split("-")[0].lower() if tree is not None else ""


def _parse(html: str) -> lxml.html.HtmlElement | None:
    """An lxml tree parsed the way trafilatura parses (so the generic path can reuse it), or None
    for input that is not HTML."""
    if not html or not html.strip():
        return None
    try:
        return load_html(html)
    except (etree.ParserError, ValueError, TypeError):
        return None


@lru_cache(maxsize=512)
def _compiled(selector: str) -> CSSSelector | None:
    """A compiled CSS selector (compiling costs more than matching), None when it is invalid."""
    try:
        return CSSSelector(selector, translator="html")
    except Exception:  # a bad selector in a profile must not sink the page
        return None


def _css(tree: lxml.html.HtmlElement, selector: str) -> list:
    """Elements matched by ``selector``; none for an invalid selector."""
    compiled = _compiled(selector)
    return compiled(tree) if compiled is not None else []


def _select(tree: lxml.html.HtmlElement, selector: str) -> list[str]:
    """Texts matched by a CSS selector; ``sel@attr`` reads that attribute instead."""
    attr = None
    if "@" in selector:
        selector, attr = selector.rsplit("@", 1)
    nodes = _css(tree, selector)
    if attr:
        return [clean_text(n.get(attr, "")) for n in nodes if n.get(attr)]
    return [clean_text(n.text_content()) for n in nodes]


def _first(tree: lxml.html.HtmlElement, selectors: tuple[str, ...]) -> str | None:
    for sel in selectors:
        for text in _select(tree, sel):
            if text:
                return text
    return None


def _from_profile(tree: lxml.html.HtmlElement | None, prof: Profile) -> dict | None:
    """Fields read by the profile's selectors; ``body`` is empty when they found nothing."""
    if tree is None:
        return None
    fields: dict = {
        "title": _first(tree, prof.title),
        "summary": _summary(tree, prof),
        "published": _profile_date(tree, prof.published, PUBLISHED_TEXT),
        "updated": _profile_date(tree, prof.updated, UPDATED_TEXT),
        "author": _first(tree, prof.author),
    }
    # dropping furniture edits the tree in place: the fields above are read, and the generic
    # fallback parses the HTML afresh, so no copy is needed
    work = tree
    for sel in prof.drop_after:
        for node in _css(work, sel):
            for sibling in list(node.itersiblings()):
                sibling.drop_tree()
    for sel in prof.drop:
        for node in _css(work, sel):
            node.drop_tree()
    fields["body"] = ""
    for sel in prof.body:
        paragraphs = _paragraphs(work, sel)
        body = _clean_body(paragraphs, prof)
        if len(body) >= MIN_PROFILE_BODY_CHARS:
            fields["body"] = body
            fields["author"] = fields["author"] or _author_from_text(paragraphs, prof)
            break
    fields["author"] = _author_name(fields["author"], prof)
    return fields


def _author_name(author: str | None, prof: Profile) -> str | None:
    """The author without the outlet's reporter title ("기자"), None when nothing is left."""
    if author and prof.author_suffix:
        author = prof.author_suffix.sub("", author).strip()
    return author or None


def _author_from_text(paragraphs: list[str], prof: Profile) -> str | None:
    """The reporter named in the dateline or the closing reporter line, when no selector found one."""
    for para in (*paragraphs[:1], *paragraphs[-3:]):
        for pat in prof.author_text:
            m = pat.search(para)
            if m:
                return m.group("name")
    return None


def _summary(tree: lxml.html.HtmlElement, prof: Profile) -> list[str]:
    """Deck lines: the first summary selector that finds text; lines split on <br> and blocks."""
    for sel in prof.summary:
        lines = [line for node in _css(tree, sel) for line in _block_lines(node)]
        if lines:
            return lines
    return []


def _paragraphs(tree: lxml.html.HtmlElement, selector: str) -> list[str]:
    """Paragraph texts of every match of ``selector``."""
    return [line for node in _css(tree, selector) for line in _block_lines(node)]


def _block_lines(node: lxml.html.HtmlElement) -> list[str]:
    """The text of ``node`` as lines: one per block element or <br>-separated run.

    Text outside any block (old CMSs put the body straight into a div with <br><br>) is kept,
    and newlines of the HTML source do not split a paragraph. Marks the tree in place.
    """
    for el in node.iter():
        if el.tag == "br" or el.tag in BLOCK_TAGS:
            el.tail = _BREAK + (el.tail or "")
        if el.tag in BLOCK_TAGS:
            el.text = _BREAK + (el.text or "")
    lines = (clean_text(part) for part in node.text_content().split(_BREAK))
    return [line for line in lines if line]


def _clean_body(paragraphs: list[str], prof: Profile) -> str:
    """Drop furniture lines and strip datelines; paragraphs joined by newlines."""
    kept: list[str] = []
    for i, para in enumerate(paragraphs):
        if i == 0 or not kept:
            for pat in prof.strip_prefix:
                para = pat.sub("", para, count=1).strip()
        if not para or any(p.match(para) for p in prof.drop_lines):
            continue
        if kept and para == kept[-1]:
            continue
        kept.append(para)
    return "\n".join(kept)


def _profile_date(tree: lxml.html.HtmlElement, selectors: tuple[str, ...], text_re: re.Pattern[str]) -> datetime | None:
    """A date from ISO meta content or from Korean date text; KST when no zone is given."""
    for sel in selectors:
        for text in _select(tree, sel):
            when = _parse_date_text(text, text_re)
            if when:
                return when
    return None


def _parse_date_text(text: str, text_re: re.Pattern[str]) -> datetime | None:
    m = text_re.search(text)
    if m:
        y, mo, d, h, mi = (int(x) for x in m.groups())
        try:
            return datetime(y, mo, d, h, mi, tzinfo=KST).astimezone(UTC)
        except ValueError:
            return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return (when if when.tzinfo else when.replace(tzinfo=KST)).astimezone(UTC)
    return None


def _generic(html: str | lxml.html.HtmlElement, url: str) -> dict:
    """The generic path (:mod:`newsmon.generic`), as profile-shaped fields."""
    found = extract_generic(html, url)
    lines = (clean_text(line) for line in found.body.split("\n"))
    return {
        "title": clean_text(found.title),
        "body": "\n".join(line for line in lines if line),
        "published": found.published,
        "author": found.author,
        "summary": found.summary,
    }


def _canonical_url(tree: lxml.html.HtmlElement | None, url: str, allowed: tuple[str, ...] | None = None) -> str:
    """The page's canonical URL when it names a trusted one (newsmon.canonical), else the fetched URL."""
    if tree is not None:
        for sel in ("link[rel='canonical']", "meta[property='og:url']"):
            for node in _css(tree, sel):
                href = node.get("href") or node.get("content") or ""
                if href.startswith(("http://", "https://")) and canonical_trusted(href, url, allowed):
                    return normalize_url(href)
    return normalize_url(url)
