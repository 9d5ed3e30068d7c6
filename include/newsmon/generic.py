"""The generic extraction path: trafilatura with settings chosen by measurement, then a cleanup.

Used for outlets without a profile and when a profile's selectors find nothing. Settings and
cleanup rules were chosen on the extraction dev set with ``make eval-extract`` (rules that help
on the whole set, none written for one page); that script prints the figures beside trafilatura's
own configurations in the same run.

- before extraction, figure captions and containers whose class names them a box (fact box, info
  box, key points) go: a box's text reads like the article's, so only its markup tells it apart.
  A second look (one XPath, compared in libxml2) tells whether the page's description is a plain
  paragraph of the article (then it is the first paragraph, kept) or a deck marked up apart
  (taken out by structure). A classed paragraph holding a whole sentence of the description, in a
  class no long paragraph shares, is a deck marked up apart (longer than the description, set as
  several lines, or summed up in other words) and goes with its same-class siblings. Lists whose
  every item is a link go with their title, and so do banners (the small box around a form
  control), share and follow rows, and author bios (tests/test_extract_checklist.py found them).
- trafilatura's balanced mode (no ``favor_precision``): the precision mode cut some modern
  articles to a tenth of their body; structure then takes out what it was there for
  (:mod:`newsmon.structure`: link-dense blocks, lists the prose does not introduce, repeated
  blocks, metadata rows, the deck and short unpunctuated lines around the body;
  multilingual phrases of :mod:`newsmon.phrases` as the second line).
- ``include_comments=False``: reader comments are not the article.
- ``include_tables=True``: tables in articles are content (sports results, prices).
- ``include_links=True``: the link markup is what link density is measured on; it is removed
  before the text is made.
- cleanup: headings that repeat the title, trailing headings with nothing after them, and short
  lines that read as furniture in English and Korean (kept from the first version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import extract_title
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newsmon.phrases import BIO_ROLE, EMAIL
from newsmon.structure import drop_structural

# trafilatura's mode: the balanced default keeps whole articles where favor_precision cut some to a
# tenth; the structural filters below take out what the precision mode was there for.
TRAFILATURA_MODE: dict = {}
# Lines at least this long are prose even when they open with a furniture cue ("Subscribe",
# "Follow us"): furniture lines are calls to action of a sentence or two. The word "newsletter"
# anywhere is left to phrases.SHORT (blocks under 100 characters): a body sentence names one.
FURNITURE_MAX_CHARS = 160
# Furniture cues, English: link rails, calls to action, copyright.
FURNITURE_EN = re.compile(
    # a lowercase word after a cross-link cue is a sentence ("Read more carefully, the report ...")
    r"^\W*((read more|see also)(?!\s+(?-i:[a-z]))|related( post| articles?| stories)?\s*:|also on\b|recommended\b|"
    r"you may also like|like this story|share (this|on)\b|follow (us|@)|subscribe\b|sign up\b|get the latest|"
    r"click here|copyright\b|©)",
    re.I,
)
# Furniture cues, Korean: copyright ("무단전재 및 재배포 금지", "저작권자 ⓒ") and box titles.
FURNITURE_KO = re.compile(r"무단\s*전재|재배포\s*금지|저작권자|ⓒ|^\W*(관련\s*기사|추천\s*기사|많이\s*본\s*뉴스)")
# A contact line ("Reach the author at x@example.com", "홍길동 기자 hong@…", phrases.EMAIL) is
# furniture when short.
_NON_WORD = re.compile(r"\W+")
# htmldate's output with the time of day and zone when the page gives them.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Containers a template names as a box beside the article (fact box, info box, key points): their
# text is furniture however it is shaped. Class tokens only (BEM parts too), so "infobox__text"
# and "fact-box" match and an article wrapper does not; a container holding this much text is a
# wrapper, not a box, and stays.
BOX_CLASS = re.compile(r"(?:^|[\s_-])(?:(?:info|fact|fakt[a-z]*)-?box|key-?points|bullet-?points)(?:$|[\s_-])", re.I)
BOX_MAX_CHARS = 3000
# One pass over the tree: figure captions (a caption describes a picture, not the story), and as a
# cheap prefilter for BOX_CLASS only classes holding "ox" (box, Box) or "oint" (points).
_PREPASS = etree.XPath("//*[self::figcaption or contains(@class, 'ox') or contains(@class, 'oint')]")
# A page's description that is also a plain <p> (no class of its own) among at least this many long
# <p> siblings is the article's first paragraph, not a deck: templates mark a deck up apart (its
# own class, a heading, a header), and measured on both dev sets every plain one was body text.
DECK_BODY_SIBLINGS = 2
DECK_BODY_SIBLING_CHARS = 120
# plain paragraphs whose text is the description (compared in libxml2: no element objects made)
_DESCRIPTION_P = etree.XPath("//p[not(@class)][normalize-space(.) = $d]")
# Meta tags are read from <head> first (a few elements) and from the whole page only when the head
# has none (misplaced tags): a whole-page search walks every element, ~0.2 ms a page each.
_DESCRIPTION_TEST = "[@name='description' or @property='og:description'][@content]"
_AUTHOR_TEST = "[@name='author' or @property='article:author' or @name='byl' or @name='dc.creator'][@content]"
_DESCRIPTION_META = (etree.XPath("/html/head/meta" + _DESCRIPTION_TEST), etree.XPath("//meta" + _DESCRIPTION_TEST))
_AUTHOR_META = (etree.XPath("/html/head/meta" + _AUTHOR_TEST), etree.XPath("//meta" + _AUTHOR_TEST))
# A deck marked up apart (a standfirst longer than the description, split into lines, or one the
# description sums up in other words): a classed <p> holding a whole sentence of the description,
# whose class no long paragraph elsewhere on the page has (body paragraphs share theirs; "text intro"
# beside "text" is the body's style plus a modifier), goes before extraction with its run of
# same-class siblings (a deck set as several lines). Measured on both dev sets: it took four decks
# the equality rule missed and no line of an expected body. Sentences from this length only (a
# short one recurs in the story).
DECK_SENTENCE_CHARS = 30
# the deck's run of lines is short; a longer run is the article, not a deck
DECK_MAX_CHARS = 600
_DECK_P = etree.XPath("//p[@class][contains(normalize-space(.), $s)]")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
# A list of at least this many items, each a link (its link text at least this share of its
# text), is a link box (related, most read, contents) and goes before extraction with its title:
# a heading or a line under this length right before it (measured: no dev page loses a line).
LINK_LIST_ITEMS = 2
LINK_ITEM_SHARE = 0.9
LINK_LIST_TITLE_CHARS = 80
_LISTS = etree.XPath("//ul[li/a]|//ol[li/a]")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A container above a form control (a newsletter sign-up, a cookie or paywall banner's buttons)
# holding at most this much text is the banner and goes before extraction: an article's wrapper
# holds more, and a paragraph with a button in it is not a container (only these tags climb).
BANNER_MAX_CHARS = 400
_BANNER_TAGS = frozenset({"div", "aside", "section", "form", "span"})
# A form or a field; buttons only as a pair (accept / settings): one button alone is a player's
# or a consent placeholder's, and taking those changed what trafilatura chose on a dev page.
# A <div> or <p> of at least three links and no block inside, at most this much text, the links this
# share of it, is a share or follow row ("Share this article Facebook X WhatsApp Copy link",
# "Suivez-nous sur Facebook, Instagram et WhatsApp") and goes.
LINK_ROW_MAX_CHARS = 120
LINK_ROW_SHARE = 0.5
_LINK_ROWS = etree.XPath(
    "//*[self::div or self::p][count(.//a) >= 3][not(.//p or .//li or .//h2 or .//h3 or .//h4 or .//div)]"
)
# An author bio: a paragraph under this length opening with a bold name of this many words, then a
# copula and a newsroom role (phrases.BIO_ROLE). Read on the page: the extraction drops the bold.
BIO_MAX_CHARS = 300
BIO_NAME_WORDS = (2, 5)
_BOLD_LEAD = etree.XPath("//p[*[1][self::strong or self::b]]")
_CONTROLS = etree.XPath("//form|//input[not(@type='hidden')]|//button[following-sibling::button]")
_CUT = ("...", "…")


@dataclass
class GenericResult:
    """What the generic path found: body text (lines joined by newlines) and page metadata."""

    body: str = ""
    title: str = ""
    author: str | None = None
    published: datetime | None = None
    summary: list[str] = field(default_factory=list)


def extract_generic(html: str | HtmlElement, url: str | None = None) -> GenericResult:
    """Body and metadata of an article page by trafilatura plus cleanup; empty body when none.

    ``html`` may be a tree parsed by ``trafilatura.utils.load_html``; extraction edits it in place.
    Metadata is read first and cheaply (title, dated time, author from meta tags): trafilatura's
    full metadata pass costs a quarter of the extraction time and adds nothing the pipeline stores.
    """
    tree = html if isinstance(html, HtmlElement) else load_html(html)
    if tree is None:
        return GenericResult()
    title = extract_title(tree) or ""
    published = _published(tree)
    author = _author(tree)
    description = _description(tree)
    if description and _description_is_body(tree, description):
        description = ""  # no deck to take out: the description quotes the first paragraph
    elif description and _drop_deck(tree, description):
        description = ""  # the same, styled as the article's intro (a class its paragraphs share)
    _drop_boxes(tree)
    _drop_link_lists(tree)
    _drop_banners(tree)
    _drop_link_rows(tree)
    _drop_bios(tree)
    try:
        doc = trafilatura.bare_extraction(
            tree,
            # no url: link targets are dropped anyway, and resolving each one costs ~10% of the time
            url=None,
            **TRAFILATURA_MODE,
            include_comments=False,
            include_tables=True,
            include_links=True,
        )
    except Exception:  # trafilatura raises on some malformed trees; that page has no body
        doc = None
    if doc is None or doc.body is None:
        return GenericResult(title=title, author=author, published=published)
    drop_structural(doc.body, title, description)
    body = drop_furniture_elements(doc.body, title)
    etree.strip_tags(body, "ref")
    lines = [line.strip() for line in xmltotxt(body, False).split("\n")]
    return GenericResult(
        body="\n".join(line for line in lines if line and not is_furniture_line(line)),
        title=title,
        author=author,
        published=published,
    )


def _drop_boxes(tree: HtmlElement) -> None:
    """Remove figure captions and containers whose class names them a fact box, info box or key points."""
    for el in _PREPASS(tree):
        named = el.tag == "figcaption" or BOX_CLASS.search(el.get("class", ""))
        if named and el.getparent() is not None and len(el.text_content()) <= BOX_MAX_CHARS:
            el.drop_tree()


def _drop_link_lists(tree: HtmlElement) -> None:
    """Remove lists whose every item is a link (related, most read, contents) with their title: a
    heading or a short unpunctuated line right before the list. trafilatura drops most such lists
    itself but keeps the title, and a title alone between two paragraphs reads as a subheading."""
    for lst in _LISTS(tree):
        items = [li for li in lst if isinstance(li.tag, str) and li.tag == "li"]
        if len(items) < LINK_LIST_ITEMS or lst.getparent() is None or not all(map(_linked_item, items)):
            continue
        title = lst.getprevious()
        if title is not None and _box_title(title):
            title.drop_tree()
        lst.drop_tree()


def _drop_banners(tree: HtmlElement) -> None:
    """Remove the box around a form control (newsletter, cookie, paywall, app banners): the
    largest container above a ``<form>``, ``<button>`` or ``<input>`` holding little text."""
    for control in _CONTROLS(tree):
        box, up = None, control.getparent()
        while up is not None and up.tag in _BANNER_TAGS and len(up.text_content()) <= BANNER_MAX_CHARS:
            if any(_long_sentence(p) for p in up.iter("p")):
                break  # a body paragraph beside the control: the box is the article's, not a banner
            box, up = up, up.getparent()
        if box is not None and box.getparent() is not None:
            box.drop_tree()


def _drop_link_rows(tree: HtmlElement) -> None:
    """Remove rows of links set as a ``<div>`` or ``<p>`` (share and follow buttons): trafilatura
    measures link density on the container, and a row set beside the last paragraph takes the
    paragraph with it."""
    for row in _LINK_ROWS(tree):
        text, linked = _text_and_links(row)
        if row.getparent() is not None and text <= LINK_ROW_MAX_CHARS and linked >= LINK_ROW_SHARE * text:
            row.drop_tree()


def _drop_bios(tree: HtmlElement) -> None:
    """Remove author bios: a short paragraph opening with a name in bold, then its newsroom role
    ("<b>Jane Doe</b> is our transport correspondent. She joined ...")."""
    for p in _BOLD_LEAD(tree):
        name = " ".join(p[0].text_content().split())
        text = " ".join(p.text_content().split())
        words = name.split()
        short_name = BIO_NAME_WORDS[0] <= len(words) <= BIO_NAME_WORDS[1]
        if (p.text or "").strip() or len(text) >= BIO_MAX_CHARS or not short_name:
            continue
        if words[0][:1].isupper() and BIO_ROLE.match(text[len(name) :]) and p.getparent() is not None:
            p.drop_tree()


def _long_sentence(p: HtmlElement) -> bool:
    """A paragraph as long as a body paragraph, ending like a sentence."""
    text = " ".join(p.text_content().split())
    return len(text) >= DECK_BODY_SIBLING_CHARS and text.endswith((".", "!", "?", "…", '"', "”", "»"))


def _linked_item(li: HtmlElement) -> bool:
    """A list item that is a link: its link text is nearly all its text."""
    text, linked = _text_and_links(li)
    return bool(text) and linked >= LINK_ITEM_SHARE * text


def _text_and_links(el: HtmlElement) -> tuple[int, int]:
    """Characters of an element's text and of its links' text, whitespace collapsed."""
    text = " ".join(el.text_content().split())
    return len(text), sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))


def _box_title(el: HtmlElement) -> bool:
    """A heading, or a short line not ending like a sentence, holding no link."""
    if not isinstance(el.tag, str) or el.find(".//a") is not None:
        return False
    text = " ".join(el.text_content().split())
    if el.tag in _HEADINGS:
        return len(text) < LINK_LIST_TITLE_CHARS
    return el.tag in ("p", "div", "span", "strong", "b") and 0 < len(text) < LINK_LIST_TITLE_CHARS and not (
        text.endswith((".", "!", "?", "…", ":", "。"))
    )


def _drop_deck(tree: HtmlElement, description: str) -> bool:
    """Remove a deck marked up apart: the classed paragraph holding a whole sentence of the
    description and its same-class siblings, unless a long paragraph elsewhere has its class (or
    its class less a modifier), or none is left beside it (a brief, not a deck beside a story).
    True when the description is instead the text of a paragraph of the body's class (the
    article's first paragraph, styled as its intro: no deck to take out)."""
    whole = " ".join(description.split())
    first_paragraph = False
    for sentence in _description_sentences(description):
        for p in _DECK_P(tree, s=sentence):
            run = _same_class_run(p)
            if p.getparent() is None or sum(len(q.text_content()) for q in run) > DECK_MAX_CHARS:
                continue
            names = set(p.get("class", "").split())
            long_ = [q for q in tree.iterfind(".//p") if len(q.text_content()) >= DECK_BODY_SIBLING_CHARS]
            body_style = any(_class_within(q, names) for q in long_ if q not in run)
            if body_style or any(q in run and q is not p for q in long_):
                # a class of the article's paragraphs: this is its first paragraph
                first_paragraph = first_paragraph or " ".join(p.text_content().split()) == whole
                continue
            if all(q in run for q in long_):
                continue  # no story beside it: the lines are the article (a brief)
            for q in run:  # every copy: a teaser elsewhere on the page that repeats the deck goes too
                q.drop_tree()
    return first_paragraph


def _class_within(p: HtmlElement, names: set[str]) -> bool:
    """True when ``p`` has a class and all its names are among ``names``: the same paragraph style,
    or ``names`` is that style plus a modifier ("text" and "text intro")."""
    own = p.get("class", "").split()
    return bool(own) and names.issuperset(own)


def _description_sentences(description: str) -> list[str]:
    """The description's whole sentences long enough to be telling (a cut-off last one left out)."""
    parts = _SENTENCE.split(description.strip())
    if parts and (parts[-1].endswith(_CUT) or not parts[-1].endswith((".", "!", "?", "…", '"', "”"))):
        parts = parts[:-1]  # cut short ("... mehr als...", "säger Johan Hå"): not a sentence of the deck
    return [p for p in parts if len(p) >= DECK_SENTENCE_CHARS]


def _same_class_run(p: HtmlElement) -> list[HtmlElement]:
    """``p`` with its adjacent siblings of the same tag and class (a deck set as several lines)."""
    run = [p]
    for step in (HtmlElement.getprevious, HtmlElement.getnext):
        q = step(p)
        while q is not None and q.tag == p.tag and q.get("class") == p.get("class"):
            run.append(q)
            q = step(q)
    return run


def drop_furniture_elements(body: etree._Element, title: str) -> etree._Element:
    """Remove headings that repeat the title, then trailing headings and empty blocks."""
    wanted = _normal(title)
    for el in list(body):
        text = _text(el)
        if not text or (wanted and el.tag == "head" and _normal(text) == wanted):
            body.remove(el)
    # a heading with nothing after it announces a box the extractor did not keep
    while len(body) and (body[-1].tag == "head" or not _text(body[-1])):
        body.remove(body[-1])
    return body


def is_furniture_line(line: str) -> bool:
    """True for a short line that reads as page furniture rather than article text."""
    if len(line) >= FURNITURE_MAX_CHARS:
        return False
    return bool(FURNITURE_EN.search(line) or FURNITURE_KO.search(line) or EMAIL.search(line))


def _text(el: etree._Element) -> str:
    return " ".join(" ".join(el.itertext()).split())


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def _published(tree: HtmlElement) -> datetime | None:
    """The page's original publication time by htmldate (fast mode), in UTC; naive times as UTC."""
    try:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat=DATE_FORMAT)
    except Exception:  # htmldate on a hostile page: no date rather than no article
        return None
    if not found:
        return None
    try:
        when = datetime.strptime(found, DATE_FORMAT)
    except ValueError:
        try:
            when = datetime.strptime(found, DATE_FORMAT.replace("%z", ""))
        except ValueError:
            return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _description(tree: HtmlElement) -> str:
    """The page's own description (meta description / og:description): a deck repeats it. When the
    first is cut short ("…"), a longer one that starts the same (og:description often holds the
    whole deck) is the deck's text."""
    values = [" ".join((node.get("content") or "").split()) for node in _metas(tree, _DESCRIPTION_META)]
    values = [v for v in values if v]
    if not values:
        return ""
    first = values[0]
    if first.endswith(_CUT):
        stem = first.rstrip(".…").rstrip()
        return max((v for v in values if v.startswith(stem) and not v.endswith(_CUT)), key=len, default=first)
    return first


def _description_is_body(tree: HtmlElement, description: str) -> bool:
    """True when the description's text is a plain paragraph (no class) among the article's
    paragraphs."""
    for p in _DESCRIPTION_P(tree, d=" ".join(description.split())):
        parent = p.getparent()
        siblings = [q for q in parent if q is not p and q.tag == "p"] if parent is not None else []
        return sum(len(q.text_content()) >= DECK_BODY_SIBLING_CHARS for q in siblings) >= DECK_BODY_SIBLINGS
    return False


def _metas(tree: HtmlElement, paths: tuple[etree.XPath, etree.XPath]) -> list[HtmlElement]:
    """The meta tags one of ``paths`` finds: in the head, else anywhere on the page."""
    in_head, anywhere = paths
    return in_head(tree) or anywhere(tree)


def _author(tree: HtmlElement) -> str | None:
    """The author named in the page's meta tags (not a profile URL), or None."""
    for node in _metas(tree, _AUTHOR_META):
        value = " ".join((node.get("content") or "").split())
        if value and not value.startswith(("http://", "https://")):
            return value[:200]
    return None
