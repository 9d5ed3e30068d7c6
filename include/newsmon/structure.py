"""Furniture by structure, in any language: what a recall-friendly extraction pass keeps that is
not the article.

:func:`drop_structural` walks trafilatura's body (``<p>``, ``<head>``,
``<list>``, ``<quote>``, ``<table>`` with ``<ref>`` links) and removes blocks by shape:

- link density: a block whose text is mostly link text is a teaser or link list, and so is a
  list whose items open with a link (linked headline, then its teaser);
- list shape: a list the prose does not introduce (no ":" line before it) is a box;
- repetition: a block that occurs twice on the page (embed placeholders, consent notes), not a
  question (an interview's template repeats its questions); a quote that a paragraph holds (a
  pull quote);
- position: headings and short unpunctuated lines before the first body paragraph (headline,
  kicker, subtitle, dateline, byline, the deck when it repeats the page's description) and
  short unpunctuated lines after the last one (credits, bylines);
- desk notes by position and phrase: among the last blocks, contact lines, translation notes and
  offers (a price beside a plug's call); anywhere, a call for tips (a question to the reader,
  then a confidential channel);
- phrases: multilingual lists (:mod:`newsmon.phrases`) as the second line, for blocks structure
  alone cannot tell.

When trafilatura kept the page's one wrapper ``<div>``, its children are the blocks (inline links
between them are not). Pure functions of their inputs; the trees are edited in place.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import wraps

from lxml import etree

from newsmon.phrases import (
    DESK_NOTE,
    EMAIL,
    OFFER,
    PRICE,
    TIP_CALL,
    TIP_CHANNEL,
    TRANSLATION_NOTE,
    is_furniture_phrase,
)

# A block whose link text is at least this share of its text is a teaser or a link list; body
# paragraphs link a name or two (well under half their text).
LINK_DENSITY_MAX = 0.75
# A label this short before a colon, then only a link ("Related: <link>"), is a cross-link however
# long the label is against the link (below LINK_DENSITY_MAX: "Noticia relacionada: <headline>").
LINK_LABEL_MAX_CHARS = 40
# ... when the link reads as a headline (this many words): "Account: @handle" lists stay (a dev gold keeps them).
LINK_HEADLINE_WORDS = 3
# Teaser cards set as paragraphs: at least this many blocks in a row, each opening with a link that
# holds at least this share of its text (a linked headline, then a date: "<headline> 3 June 2025").
CARD_RUN = 2
CARD_LINK_SHARE = 0.5
# A list is a link list when this share of its items are link-dense.
LINK_LIST_SHARE = 0.6
# A paragraph at least this long that ends like a sentence is body text; it bounds the lead and
# the tail where short furniture lines sit.
BODY_PARAGRAPH_CHARS = 120
# Lines before the first body paragraph shorter than this, not ending like a sentence, are
# kickers, datelines and bylines; after the last one, credits and author names.
EDGE_LEAD_MAX_CHARS = 80
EDGE_TAIL_MAX_CHARS = 60
# A lead block repeats the title or the description (the deck) when one holds the other and the
# shorter covers this share of the longer; 1.0 (equal only) measured best: a description is
# often the first paragraph cut short, and containment took that paragraph.
DECK_OVERLAP = 1.0
# A list is prose (kept) when this share of its items are sentences of at least PROSE_ITEM_CHARS.
PROSE_LIST_SHARE = 0.5
PROSE_ITEM_CHARS = 80
# A short block with at least this many " | " separators is a metadata row ("Updated 15.59 |
# Published 14.14", "Radio | News | 28 April 2023 | 10:00").
METADATA_SEPARATORS = 2
METADATA_MAX_CHARS = 160
# A repeated block is furniture from this length on (shorter repeats can be real: "Also at Walmart").
REPEAT_MIN_CHARS = 25
# A credit row: at least this many "Label: Name" fields in one short block, separated by commas,
# semicolons or bars ("Text: A, Redaktion: B, Fotos: C"): a masthead line, not prose.
CREDIT_FIELDS = 2
CREDIT_MAX_CHARS = 300
_CREDIT_FIELD = re.compile(r"^[^\W\d][\w.-]*(?: [\w.-]+){0,2}\s?:\s*[^\W\d]")
_FIELD_SPLIT = re.compile(r"\s*[,;|]\s*")
# A shortcode the CMS printed instead of rendering ("[button link=...]...[/button]"): markup, not text.
_SHORTCODE = re.compile(r"\[/?[a-z_]+(?:\s+[a-z_]+=[^\]]*)*\]")
# After the last body paragraph, a block wholly in parentheses or brackets is an editor's or
# agency note ("(Reporting by …; editing by …)", "(dpa)", "[Updated …]"), whatever its length.
_BRACKETED = re.compile(r"^[(\[][^()\[\]]*[)\]][.]?$")
# The last blocks, where the desk's notes sit (contact lines, translation notes, credits).
END_BLOCKS = 3
# A contact line: an e-mail address in one of the last blocks ("Write to us: desk@…",
# "Hinweise an: …@…"), a short block, is the desk's address, not the story.
CONTACT_MAX_CHARS = 300
# An offer among the last blocks: a short block naming a price and a call to buy ("… is out now
# (Cornerstone, £25)", "12 issues for £11.99. Click here …"): a plug for a book or a magazine.
OFFER_MAX_CHARS = 200
# A call for tips anywhere: a short block whose question to the reader is followed by a call to get
# in touch through a confidential channel ("… Hinweise? Melden Sie sich vertraulich via Signal").
TIP_MAX_CHARS = 300
# A translation note ("This is a machine translation of …") as the first block or among the last.
TRANSLATION_MAX_CHARS = 300
# A caption: a short block whose last sentence is a credit, "Label: Capitalised Name"
# ("… verkauft. Bild: Anna von Beispiel", "… Photo: Jane Doe / AFP"), in any language.
CAPTION_MAX_CHARS = 300
_CAPTION_CREDIT = re.compile(r"[.!?…]\s+[^\W\d]\w{1,15}:\s*([^.!?:;,]{3,60})$")
# A "by numbers" box: at least this many blocks in a row, each short and opening with a figure
# as its label ("419: Seats won …", "6th: Most popular …").
FIGURE_RUN = 3
FIGURE_MAX_CHARS = 120
_FIGURE_LABEL = re.compile(r"^\W?\d[\d.,%]*(?:st|nd|rd|th|\.)?\s?:\s")
_SENTENCE_END = re.compile(r"[.!?…:;。！？»”\"'’]\s*$")
# " | " between fields: a metadata row (dates, section, programme), not prose.
_FIELD_SEPARATOR = re.compile(r"\s[|•·]\s")
# Characters a separator line is made of ("______", "* * *"): a block holding nothing else goes.
_NOT_ALNUM = "_-–—*~=·•#+.:| \u00a0"
_NON_WORD = re.compile(r"\W+")
# Inline elements a kept page wrapper holds between its blocks (a link set beside the paragraphs):
# part of the sentence around them, never a block of their own.
INLINE_TAGS = frozenset({"ref", "hi"})
# Block texts (by element) and their normal forms (by text) while one drop_structural call runs:
# its rules read each block's text up to five times, and no block's text changes during the call
# (only whole blocks are removed). Per thread, and dropped when the call returns.
_MEMO = threading.local()


def _memoised(func: Callable[..., None]) -> Callable[..., None]:
    """Run ``func`` with block texts and normal forms remembered for the length of the call."""

    @wraps(func)
    def run(*args, **kwargs) -> None:
        outer = getattr(_MEMO, "texts", None), getattr(_MEMO, "normal", None)
        _MEMO.texts, _MEMO.normal = {}, {}
        try:
            func(*args, **kwargs)
        finally:
            _MEMO.texts, _MEMO.normal = outer

    return run


@_memoised
def drop_structural(body: etree._Element, title: str, description: str) -> None:
    """Remove furniture blocks from trafilatura's ``body`` by link density, repetition, position
    around the body paragraphs, and (second line) phrases."""
    while len(body) == 1 and body[0].tag == "div":
        body = body[0]  # trafilatura kept the page's wrapper: its children are the blocks
    blocks = list(body)
    texts = [block_text(el) for el in blocks]
    keys = [_normal(text) for text in texts]
    repeated = _repeated(texts, keys)
    pulled = _pull_quotes(blocks, keys) | _figure_run(texts, blocks) | _card_run(blocks)
    for index, (el, text, key) in enumerate(zip(blocks, texts, keys, strict=True)):
        by_shape = _link_dense(el) or _box_list(el) or key in repeated or _metadata_row(text) or el in pulled
        by_shape = by_shape or _credit_row(text) or _shortcode(text) or _captioned(text) or _tip_line(text)
        at_end = index >= len(blocks) - END_BLOCKS
        by_shape = by_shape or (at_end and (_contact_line(text) or _offer(text)))
        by_shape = by_shape or ((at_end or not index) and _translation_note(text))
        if el.tag in INLINE_TAGS:
            continue
        if not text.strip(_NOT_ALNUM) or by_shape or is_furniture_phrase(text):
            _remove(el)
    _trim_edges(body, title, description)


def _remove(el: etree._Element) -> None:
    """Remove a block; inside a kept page wrapper its tail stays (there the bare text between blocks
    is the article's: subheadings set as text). Directly under trafilatura's body a tail is its own
    leftover and goes with the block (kept, it cost two extraction-dev pages their precision)."""
    parent, tail = el.getparent(), (el.tail or "").strip()
    if tail and parent.tag == "div":
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + " " + el.tail
        else:
            parent.text = (parent.text or "") + " " + el.tail
    parent.remove(el)


def block_text(el: etree._Element) -> str:
    """The text of one block, whitespace collapsed."""
    texts = getattr(_MEMO, "texts", None)
    if texts is None:
        return " ".join(" ".join(el.itertext()).split())
    text = texts.get(el)
    if text is None:
        text = texts[el] = " ".join(" ".join(el.itertext()).split())
    return text


def _link_share(el: etree._Element) -> float:
    """Share of the block's characters inside ``<ref>`` links."""
    total = len(block_text(el))
    if not total:
        return 0.0
    linked = sum(len(block_text(ref)) for ref in el.iter("ref"))
    return linked / total


def _link_dense(el: etree._Element) -> bool:
    """A teaser line, or a list whose items are mostly teasers."""
    if el.find(".//ref") is None:  # most blocks link nothing: no text to measure
        return False
    if el.tag == "list":
        items = [item for item in el if block_text(item)]
        # a list of sentences that name a linked source first is content, not a rail of cards
        cards = not _prose_list(el)
        dense = sum(_link_share(item) >= LINK_DENSITY_MAX or (cards and _opens_with_link(item)) for item in items)
        return bool(items) and dense / len(items) >= LINK_LIST_SHARE
    # a linked heading opens a section as often as a teaser (live blogs, explainers), and a long
    # sentence-ended paragraph is body even when linked whole (deal cards, quoted posts)
    if el.tag == "head" or _is_body_paragraph(el):
        return False
    return _link_share(el) >= LINK_DENSITY_MAX or _labelled_link(el)


def _labelled_link(el: etree._Element) -> bool:
    """A short label, a colon, then nothing but a link: "Related: <link>", "Noticia relacionada:
    <link>", in any language (the label's share keeps it under the link-density line)."""
    text = block_text(el)
    label, colon, rest = text.partition(":")
    if not colon or not rest.strip() or len(label) > LINK_LABEL_MAX_CHARS or len(text) >= BODY_PARAGRAPH_CHARS:
        return False
    linked = " ".join(block_text(ref) for ref in el.iter("ref"))
    return len(linked.split()) >= LINK_HEADLINE_WORDS and _NON_WORD.sub("", linked) == _NON_WORD.sub("", rest)


def _opens_with_link(item: etree._Element) -> bool:
    """A list item whose text starts with a link: a linked headline, then its teaser."""
    for ref in item.iter("ref"):
        linked = block_text(ref)
        if linked:
            return block_text(item).startswith(linked)
    return False


def _box_list(el: etree._Element) -> bool:
    """A list the prose does not introduce: key points, fact boxes, link rails, app promises.

    Measured on both dev sets, lists are mostly boxes beside the article; one that a line ending
    in ":" introduces, with text after it, is part of the article and stays."""
    if el.tag != "list":
        return False
    prev, nxt = el.getprevious(), el.getnext()
    introduced = prev is not None and nxt is not None and (prev.tag == "head" or block_text(prev).endswith(":"))
    return not introduced and not _prose_list(el)


def _prose_list(el: etree._Element) -> bool:
    """A list of sentences (steps, arguments), not of headlines or labels: content."""
    items = [block_text(item) for item in el if block_text(item)]
    sentences = [t for t in items if len(t) >= PROSE_ITEM_CHARS and _SENTENCE_END.search(t)]
    return bool(items) and len(sentences) / len(items) >= PROSE_LIST_SHARE


def _metadata_row(text: str) -> bool:
    """A short row of fields separated by bars or bullets."""
    return len(text) < METADATA_MAX_CHARS and len(_FIELD_SEPARATOR.findall(text)) >= METADATA_SEPARATORS


def _credit_row(text: str) -> bool:
    """A short block of "Label: Name" fields: translation, editing, photo and audio credits."""
    if len(text) >= CREDIT_MAX_CHARS:
        return False
    fields = _FIELD_SPLIT.split(text)
    return len(fields) >= CREDIT_FIELDS and sum(bool(_CREDIT_FIELD.match(f)) for f in fields) >= CREDIT_FIELDS


def _shortcode(text: str) -> bool:
    """A block holding a CMS shortcode the page printed as text (an opening and a closing tag)."""
    return "[/" in text and len(_SHORTCODE.findall(text)) >= 2


def _contact_line(text: str) -> bool:
    """A short block holding an e-mail address, an affiliate disclosure or the comment rules
    (kept to the last blocks by the caller)."""
    return len(text) < CONTACT_MAX_CHARS and bool(EMAIL.search(text) or DESK_NOTE.search(text))


def _offer(text: str) -> bool:
    """A short block with a price and a call to buy or order: a plug (kept to the last blocks)."""
    return len(text) < OFFER_MAX_CHARS and PRICE.search(text) is not None and OFFER.search(text) is not None


def _tip_line(text: str) -> bool:
    """A short block asking the reader a question, then to get in touch through a confidential
    channel: a call for tips set anywhere in the story."""
    if len(text) >= TIP_MAX_CHARS or "?" not in text:
        return False
    after = text[text.index("?") :]
    return TIP_CALL.search(after) is not None and TIP_CHANNEL.search(after) is not None


def _translation_note(text: str) -> bool:
    """A short block saying the article is a translation (kept to the first and the last blocks)."""
    return len(text) < TRANSLATION_MAX_CHARS and TRANSLATION_NOTE.search(text) is not None


def _captioned(text: str) -> bool:
    """A short block ending in a credit sentence of capitalised name words: an image caption."""
    if len(text) >= CAPTION_MAX_CHARS:
        return False
    found = _CAPTION_CREDIT.search(text)
    if found is None:
        return False
    words = [w for w in found.group(1).replace("/", " ").split() if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _repeated(texts: list[str], keys: list[str]) -> set[str]:
    """Normalised texts of blocks (long enough to matter) that occur more than once; questions
    are left out: interviews that put the same questions to several people repeat them."""
    seen: set[str] = set()
    twice: set[str] = set()
    for text, key in zip(texts, keys, strict=True):
        if len(key) >= REPEAT_MIN_CHARS and not text.endswith("?"):
            (twice if key in seen else seen).add(key)
    return twice


def _pull_quotes(blocks: list[etree._Element], keys: list[str]) -> set[etree._Element]:
    """Quote blocks whose text a longer block holds: a pull quote repeats a line of the article.

    Only ``<quote>``: a paragraph held by another is as often the article's own recap."""
    return {
        el
        for el, key in zip(blocks, keys, strict=True)
        if el.tag == "quote" and len(key) >= REPEAT_MIN_CHARS and any(key in k and key != k for k in keys)
    }


def _figure_run(texts: list[str], blocks: list[etree._Element]) -> set[etree._Element]:
    """Runs of short blocks that each open with a figure as label ("43: The age he came to
    office", "1997: …"): a "by numbers" box set beside the story."""
    flags = [len(text) < FIGURE_MAX_CHARS and _FIGURE_LABEL.match(text) is not None for text in texts]
    return _runs(blocks, flags, FIGURE_RUN)


def _card_run(blocks: list[etree._Element]) -> set[etree._Element]:
    """Runs of teaser cards set as paragraphs: blocks in a row that each open with a link holding
    most of their text (a linked headline, then its date or teaser)."""
    return _runs(blocks, [_card(el) for el in blocks], CARD_RUN)


def _runs(blocks: list[etree._Element], flags: list[bool], least: int) -> set[etree._Element]:
    """The blocks of every run of at least ``least`` flagged blocks in a row."""
    found: set[etree._Element] = set()
    run: list[etree._Element] = []
    for el, flag in zip([*blocks, None], [*flags, False], strict=True):
        if flag:
            run.append(el)
            continue
        if len(run) >= least:
            found.update(run)
        run = []
    return found


def _card(el: etree._Element) -> bool:
    if el.tag != "p" or el.find(".//ref") is None or _is_body_paragraph(el):
        return False
    return _opens_with_link(el) and _link_share(el) >= CARD_LINK_SHARE


def _is_body_paragraph(el: etree._Element) -> bool:
    text = block_text(el)
    return el.tag == "p" and len(text) >= BODY_PARAGRAPH_CHARS and bool(_SENTENCE_END.search(text))


def _short_unpunctuated(el: etree._Element, max_chars: int) -> bool:
    """A line shorter than ``max_chars`` that does not end like a sentence (not a heading)."""
    text = block_text(el)
    return el.tag != "head" and el.tag not in INLINE_TAGS and len(text) < max_chars and not _SENTENCE_END.search(text)


def _lead_heading(el: etree._Element) -> bool:
    """A heading before the first body paragraph: headline, kicker, subtitle (a question stays)."""
    return el.tag == "head" and not block_text(el).endswith("?")


def _repeats(el: etree._Element, known: tuple[str, ...]) -> bool:
    """True when the block repeats the title or the page's description (the deck)."""
    key = _normal(block_text(el))
    return bool(key) and any(_same_text(key, k) for k in known if k)


def _same_text(a: str, b: str) -> bool:
    """Equal, or one holds the other and they differ by little (a kicker, a trailing "...")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= DECK_OVERLAP * len(long_)


def _trim_edges(body: etree._Element, title: str, description: str) -> None:
    """Drop furniture lines before the first and after the last body paragraph.

    At the top, a block repeating the title or the description goes even when it reads as a body
    paragraph (the deck); the first other body paragraph ends the lead."""
    known = (_normal(title), _normal(description))
    for el in list(body):
        if _lead_heading(el) or _repeats(el, known) or _short_unpunctuated(el, EDGE_LEAD_MAX_CHARS):
            _remove(el)
        elif _is_body_paragraph(el):
            break
    tail = []  # the blocks after the last body paragraph, read from the end
    for el in reversed(body):
        if _is_body_paragraph(el):
            break
        tail.append(el)
    else:
        return  # no body paragraph: no tail to trim
    for el in tail:
        if _short_unpunctuated(el, EDGE_TAIL_MAX_CHARS) or _BRACKETED.match(block_text(el)):
            _remove(el)


def _normal(text: str) -> str:
    normal = getattr(_MEMO, "normal", None)
    if normal is None:
        return _NON_WORD.sub(" ", text).strip().lower()
    found = normal.get(text)
    if found is None:
        found = normal[text] = _NON_WORD.sub(" ", text).strip().lower()
    return found
