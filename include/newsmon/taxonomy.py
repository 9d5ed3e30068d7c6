"""The detection taxonomy compiled: topics, actors, cues and context words of ``topics.yaml``
as regex tries, one scan of an article per lexicon.

:func:`load_taxonomy` reads the packaged ``topics.yaml`` (with an override file merged over it) and
returns a :class:`Taxonomy`; :mod:`newsmon.detect` only reads it. Split out of ``detect.py``,
behaviour unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsmon.cues import CueLexicon, Index, compile_cues, kind_terms, ko_phrase_index
from newsmon.korean import HANGUL as _HANGUL

# libyaml's loader where PyYAML was built with it: the taxonomy parses 10x faster, same mapping.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Between the words of a Korean term: any spacing and at most one case particle (규제를 강화).
_KO_JOINT = r"\s*(?:[을를이가은는의에도]\s*)?"


class Hit:
    """One term found in a text: its offsets and the text as written there."""

    __slots__ = ("_end", "_start", "_text", "label")

    def __init__(self, start: int, end: int, text: str, label: str = "") -> None:
        self._start, self._end, self._text, self.label = start, end, text, label

    def start(self) -> int:
        """Offset of the first character."""
        return self._start

    def end(self) -> int:
        """Offset after the last character."""
        return self._end

    def group(self) -> str:
        """The matched text, in its original case."""
        return self._text


@dataclass(frozen=True)
class Terms:
    """One language's terms as patterns run on the lower-cased text (case-insensitive terms) and on
    the text as is. Each pattern is scanned on its own: ``re`` skips ahead to the next possible
    first character only for a pattern that starts with a plain character, never for ``A|B``.
    A pattern is ``(regex, label)``; label None means the label is the name of the group that
    matched (one trie holding the terms of several topics)."""

    low: tuple[tuple[re.Pattern[str], str | None], ...]
    orig: tuple[tuple[re.Pattern[str], str | None], ...]
    names: dict[str, str]

    def finditer(self, text: str) -> list[Hit]:
        """Every match of any pattern."""
        names = self.names
        hits = [
            Hit(m.start(), m.end(), m.group(), label or names[m.lastgroup or ""])
            for p, label in self.orig
            for m in p.finditer(text)
        ]
        if self.low:
            low = _lower(text)
            hits += [
                Hit(m.start(), m.end(), text[m.start() : m.end()], label or names[m.lastgroup or ""])
                for p, label in self.low
                for m in p.finditer(low)
            ]
        return hits

    def search(self, text: str) -> bool:
        """True when any term occurs in ``text``."""
        if any(p.search(text) for p, _ in self.orig):
            return True
        low = _lower(text) if self.low else ""
        return any(p.search(low) for p, _ in self.low)


def _lower(text: str) -> str:
    """Lower case with every offset kept (``str.lower`` changes the length of a few characters)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Lexicon:
    """One list of terms compiled for both languages."""

    en: Terms | None
    ko: Terms | None

    def finditer(self, text: str) -> list[Hit]:
        """All matches, English and Korean, in text order; of overlapping ones the longest. Korean
        terms are read only in text with Hangul: an English article is read by its English terms
        alone (a Korean list's Latin terms, AI or APEC, say nothing the English list does not)."""
        langs = (self.en, self.ko) if _HANGUL.search(text) else (self.en,)
        found = [h for terms in langs if terms is not None for h in terms.finditer(text)]
        found.sort(key=lambda h: (h.start(), -h.end()))
        out: list[Hit] = []
        last_end: dict[str, int] = {}
        for hit in found:
            if hit.start() >= last_end.get(hit.label, -1):
                out.append(hit)
                last_end[hit.label] = hit.end()
        return out


@dataclass(frozen=True)
class Taxonomy:
    """Compiled topics, actors, cues and context words."""

    topics: dict[str, Lexicon]
    actors: dict[str, Lexicon]
    cues: dict[str, Lexicon]
    negation: Lexicon
    hedge: Lexicon
    barrier: Lexicon
    pair: Lexicon = Lexicon(None, None)  # words that refer to both sides at once: "both sides", 양국
    topic_index: Lexicon = Lexicon(None, None)  # all topics in one lexicon, hits labelled by topic
    cue_index: Lexicon = Lexicon(None, None)  # both cue kinds in one lexicon, hits labelled by kind
    lexicon: CueLexicon | None = None  # CAMEO-category cues on lemmas: what reads the predicate
    subsumed_by: dict[str, frozenset[str]] = field(default_factory=dict)  # topic -> topics taking its mentions
    event_only: frozenset[str] = frozenset()  # topics that are an article's only through an event
    ko_split: Index = field(default_factory=Index)  # Korean terms of several words, which grammar may split


# How a term's ends must meet its neighbours: English words stand alone; a Latin term in Korean
# text (APEC을, AI가) may touch Hangul particles; a Korean term matches inside words (대만은).
# The start check sits after the first character (``(?<!\w.)`` there is ``(?<!\w)`` before it), so
# a pattern begins with a plain letter.
_EDGES = {
    "word": (r"(?<!\w.)", r"(?!\w)"),
    "latin": (r"(?<![A-Za-z0-9].)", r"(?![A-Za-z0-9])"),
    "inside": ("", ""),
}


def _term_fragments(term: str, lang: str) -> tuple[list[str], bool, str]:
    """(regex fragments, case-sensitive?, edge kind) of one plain taxonomy term."""
    star = term.endswith("*")
    core = term[:-1] if star else term
    if lang == "ko" and _HANGUL.search(core):
        frags: list[str] = []
        for w, word in enumerate(core.lower().split()):
            if w:
                frags.append(_KO_JOINT)
            for c, ch in enumerate(word):
                frags += [r"\s*", re.escape(ch)] if c else [re.escape(ch)]
        return frags, False, "inside"
    letters = re.sub(r"[^A-Za-z]", "", core)
    case_sensitive = bool(letters) and letters.isupper()
    text = core if case_sensitive else core.lower()
    frags = [r"\s+" if ch.isspace() else re.escape(ch) for ch in " ".join(text.split())]
    return frags + ([r"\w*"] if star else []), case_sensitive, "latin" if lang == "ko" else "word"


def _trie_source(seqs: list[tuple[list[str], str]], guard: str = "", names: dict[str, str] | None = None) -> str:
    """One regex matching any of the fragment sequences, shared prefixes factored out (a trie),
    longer matches preferred. Python's ``re`` tries alternatives one by one at every position; a
    trie makes that one branch per character, which is most of detection's speed. When ``names``
    is given, a sequence's end is an empty named group (``(?P<t3>)``) and ``names`` maps that name
    to the sequence's label, so ``match.lastgroup`` says which label matched."""
    trie: dict[str, Any] = {}
    for seq, label in seqs:
        node = trie
        for frag in seq:
            node = node.setdefault(frag, {})
        node.setdefault("", label)  # a term listed twice keeps its first label

    def walk(node: dict[str, Any], after: str = "") -> str:
        alts = [frag + after + walk(child) for frag, child in node.items() if frag]
        end = ""
        if names is not None and "" in node:
            end = f"(?P<t{len(names)}>)"
            names[f"t{len(names)}"] = node[""]
        if not alts:
            return end
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ("|" + end if "" in node else "") + ")"

    return walk(trie, guard)


def _lexicon_pattern(labelled: list[tuple[str, str]], lang: str, prefix: str) -> Terms | None:
    """Compile one language's ``(term, label)`` pairs: plain terms into tries (one per kind of edge
    and case), ``re:`` terms as they are. Hits carry their term's label."""
    labels = sorted({label for _, label in labelled})
    names: dict[str, str] | None = {} if len(labels) > 1 else None
    groups: dict[tuple[bool, str], list[tuple[list[str], str]]] = {}
    low: list[tuple[str, str | None]] = []
    orig: list[tuple[str, str | None]] = []
    for term, label in labelled:
        if term.startswith("re:"):
            try:
                re.compile(term[3:])
            except re.error as exc:
                raise ValueError(f"taxonomy.{prefix}{label}.{lang}: bad term {term!r}: {exc}") from None
            body = _lowercase_body(term[3:])
            (orig if body is None else low).append((f"(?:{term[3:] if body is None else body})", label))
            continue
        frags, case_sensitive, edge = _term_fragments(term, lang)
        groups.setdefault((case_sensitive, edge), []).append((frags, label))
    for (case_sensitive, edge), seqs in groups.items():
        guard, after = _EDGES[edge]
        fixed = None if names is not None else labels[0]
        (orig if case_sensitive else low).append((f"{_trie_source(seqs, guard, names)}{after}", fixed))
    if not low and not orig:
        return None
    return Terms(
        tuple((re.compile(p), lab) for p, lab in low),
        tuple((re.compile(p), lab) for p, lab in orig),
        names or {},
    )


def _lowercase_body(source: str) -> str | None:
    """For a ``(?i:...)`` regex with no capital letter in it, the inside, to run on lower-cased text
    (where ``re`` scans faster than with the flag); None for any other regex."""
    body = source[4:-1]
    if not (source.startswith("(?i:") and source.endswith(")")) or re.search(r"(?<!\\)[A-Z]", body):
        return None
    try:
        re.compile(body)
    except re.error:
        return None  # "(?i:a)|(b)": the flag does not cover the whole term
    return body


def _compile(terms: dict[str, list[str]] | list[str] | None, key: str = "terms") -> Lexicon:
    """Compile a ``{en: [...], ko: [...]}`` block into patterns per language; hits are labelled ``key``."""
    return _compile_many({key: terms})


def _compile_many(blocks: dict[str, Any], prefix: str = "") -> Lexicon:
    """Compile several named blocks into one lexicon whose hits carry the block's name: the
    topics scan an article once between them rather than once each."""
    by_lang: dict[str, list[tuple[str, str]]] = {"en": [], "ko": []}
    for name, terms in blocks.items():
        if terms is None:
            continue
        if isinstance(terms, list):
            terms = {"en": terms}
        if not isinstance(terms, dict):
            raise ValueError(f"taxonomy.{prefix}{name}: must be a mapping of en/ko term lists")
        for lang in by_lang:
            by_lang[lang] += [(str(t), str(name)) for t in terms.get(lang) or []]
    en, ko = (_lexicon_pattern(by_lang[lang], lang, prefix) if by_lang[lang] else None for lang in ("en", "ko"))
    return Lexicon(en, ko)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Compile the packaged ``topics.yaml``, with the file at ``path`` merged over it.

    The override file has the same shape; each of its entries (a topic, an actor, a cue kind)
    replaces or adds the entry of that name, and ``null`` removes one. A file holding only
    ``topics: {rare_earths: {en: [rare earth*]}}`` adds one topic and keeps everything else.
    """
    return _load_taxonomy_cached(str(path) if path else "")


@lru_cache(maxsize=8)
def _load_taxonomy_cached(path: str) -> Taxonomy:
    raw = yaml.load(resources.files("newsmon").joinpath("topics.yaml").read_text(encoding="utf-8"), _YAML_LOADER)
    if path:
        override = yaml.load(Path(path).read_text(encoding="utf-8"), _YAML_LOADER) or {}
        if not isinstance(override, dict):
            raise ValueError(f"{path}: a taxonomy file must be a mapping")
        raw = merge_taxonomy(raw, override)
    return taxonomy_from_dict(raw)


# Blocks an override replaces whole rather than entry by entry.
_WHOLE_BLOCKS = (
    "negation", "hedge", "barrier", "polarity", "past_time", "future_time", "instruments", "subsumed_by"
)


def merge_taxonomy(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``base`` with each entry of ``override`` replacing, adding or (``null``) removing its namesake."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict) and key not in _WHOLE_BLOCKS:
            entries = {**base[key], **value}
            merged[key] = {name: terms for name, terms in entries.items() if terms is not None}
        else:
            merged[key] = value
    return merged


def taxonomy_from_dict(raw: dict[str, Any]) -> Taxonomy:
    """Compile an already-parsed taxonomy mapping (see ``topics.yaml`` for its shape)."""
    for key in ("topics", "actors", "cues"):
        if not isinstance(raw.get(key), dict):
            raise ValueError(f"taxonomy.{key}: required mapping")

    def block(key: str) -> dict[str, Lexicon]:
        return {str(name): _compile(terms, f"{key}.{name}") for name, terms in raw[key].items()}

    by_kind = {kind: kind_terms(raw, kind) for kind in ("agreement", "dispute")}
    return Taxonomy(
        topics=block("topics"),
        actors=block("actors"),
        cues={kind: _compile(terms, f"cues.{kind}") for kind, terms in by_kind.items()},
        negation=_compile(raw.get("negation"), "negation"),
        hedge=_compile(raw.get("hedge"), "hedge"),
        barrier=_compile(raw.get("barrier"), "barrier"),
        pair=_compile(raw.get("pair"), "pair"),
        topic_index=_compile_many(raw["topics"], "topics."),
        cue_index=_compile_many(by_kind, "cues."),
        lexicon=compile_cues(raw),
        subsumed_by={str(t): frozenset(map(str, v or ())) for t, v in (raw.get("subsumed_by") or {}).items()},
        event_only=frozenset(map(str, raw.get("event_only_topics") or ())),
        ko_split=_ko_split_index(raw["topics"]),
    )


def _ko_split_index(topics: dict[str, Any]) -> Index:
    """The Korean topic terms of several plain words, by topic: the ones a sentence's grammar can split."""
    blocks = {
        str(t): {"ko": [w for w in (b or {}).get("ko") or [] if " " in str(w) and not str(w).startswith("re:")]}
        for t, b in topics.items()
        if isinstance(b, dict)
    }
    return ko_phrase_index(blocks)
