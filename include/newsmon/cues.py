"""The cue lexicon: CAMEO-category cues, object polarity and modifiers, compiled for lemma lookup.

Built from the ``cues``, ``polarity``, ``negation``, ``hedge`` and ``barrier`` blocks of
``topics.yaml``. A phrase is a tuple of lemmas matched on consecutive tokens (English) or content
morphemes (Korean); the index maps a phrase's first lemma to the phrases starting with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ROLES = ("agreement", "dispute", "reverse", "carry", "appeal", "agenda", "avert")
Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Index:
    """Phrases of one language, each with its label, keyed by first lemma; longest first."""

    by_first: dict[str, list[tuple[Phrase, str]]] = field(default_factory=dict)

    def match(self, lemma_sets: Sequence[frozenset[str]], i: int) -> tuple[Phrase, str] | None:
        """The longest phrase starting at token ``i`` whose lemmas the tokens carry, with its label."""
        for first in lemma_sets[i]:
            for phrase, label in self.by_first.get(first, ()):
                end = i + len(phrase)
                if end <= len(lemma_sets) and all(phrase[k] in lemma_sets[i + k] for k in range(1, len(phrase))):
                    return phrase, label
        return None


@dataclass(frozen=True)
class CueLexicon:
    """Cues (label: category), object polarity (label: kind), category roles and modifiers."""

    cues: dict[str, Index]
    polarity: dict[str, Index]
    roles: dict[str, str]
    negation: dict[str, frozenset[str]]
    hedge: dict[str, frozenset[str]]
    barrier: dict[str, Index]
    past_time: dict[str, Index]
    future_time: dict[str, Index]
    instruments: dict[str, Index]
    category_topics: dict[str, frozenset[str]]
    against_topic: dict[str, dict[str, frozenset[str]]]  # topic -> lang -> predicate phrases
    counts: dict[str, tuple[int, int]]


def _phrase(term: str, lang: str) -> Phrase:
    """A term as lemmas: words split on spaces; a Korean 하다/되다 verb as its noun stem (차단하다 -> 차단)."""
    words = str(term).lower().split()
    if lang == "ko" and len(words) == 1 and len(words[0]) > 3 and words[0].endswith(("하다", "되다")):
        words = [words[0][:-2]]
    return tuple(words)


def _index(blocks: dict[str, Any], lang: str) -> Index:
    """One language's phrases of several labelled blocks."""
    by_first: dict[str, list[tuple[Phrase, str]]] = {}
    for label, block in blocks.items():
        for term in (block or {}).get(lang) or []:
            phrase = _phrase(term, lang)
            if phrase:
                by_first.setdefault(phrase[0], []).append((phrase, label))
    for phrases in by_first.values():
        phrases.sort(key=lambda p: -len(p[0]))
    return Index(by_first)


def ko_phrase_index(blocks: dict[str, Any]) -> Index:
    """The Korean phrases of labelled blocks (``{label: {"ko": [...]}}``), keyed by first word."""
    return _index(blocks, "ko")


def _phrases(block: Any) -> dict[str, frozenset[str]]:
    """Per language, the block's terms as space-joined lemma phrases."""
    return {lang: frozenset(" ".join(_phrase(w, lang)) for w in (block or {}).get(lang) or []) for lang in ("en", "ko")}


def _words(block: Any, lang: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in ((block or {}).get(lang) or []))


def compile_cues(raw: dict[str, Any]) -> CueLexicon:
    """Compile the lexicon blocks of a taxonomy mapping; a bad entry raises ValueError naming it."""
    cues = raw.get("cues") or {}
    roles = {}
    for name, block in cues.items():
        if not isinstance(block, dict) or block.get("kind") not in ROLES:
            raise ValueError(f"taxonomy.cues.{name}.kind: must be one of {', '.join(ROLES)}")
        roles[str(name)] = str(block["kind"])
    polarity = raw.get("polarity") or {}
    for name in polarity:
        if name not in ("agreement", "dispute", "dispute_if_reversed", "agreement_if_reversed"):
            raise ValueError(
                f"taxonomy.polarity.{name}: must be agreement, dispute, dispute_if_reversed or agreement_if_reversed"
            )
    barrier = {"background": raw.get("barrier") or {}}
    return CueLexicon(
        cues={lang: _index(cues, lang) for lang in ("en", "ko")},
        polarity={lang: _index(polarity, lang) for lang in ("en", "ko")},
        roles=roles,
        negation={lang: _words(raw.get("negation"), lang) for lang in ("en", "ko")},
        hedge={lang: _words(raw.get("hedge"), lang) for lang in ("en", "ko")},
        barrier={lang: _index(barrier, lang) for lang in ("en", "ko")},
        past_time={lang: _index({"past": raw.get("past_time") or {}}, lang) for lang in ("en", "ko")},
        future_time={lang: _index({"future": raw.get("future_time") or {}}, lang) for lang in ("en", "ko")},
        instruments={lang: _index({"instrument": raw.get("instruments") or {}}, lang) for lang in ("en", "ko")},
        category_topics={str(n): frozenset(b["topics"]) for n, b in cues.items() if b.get("topics")},
        against_topic={str(t): _phrases(b) for t, b in (raw.get("against_topic") or {}).items()},
        counts={str(n): (len(b.get("en") or []), len(b.get("ko") or [])) for n, b in cues.items()},
    )


def kind_terms(raw: dict[str, Any], kind: str) -> dict[str, list[str]]:
    """Every en/ko cue of the categories of one kind (the keyword baseline's cue list)."""
    out: dict[str, list[str]] = {"en": [], "ko": []}
    for block in (raw.get("cues") or {}).values():
        if isinstance(block, dict) and block.get("kind") == kind:
            for lang in out:
                out[lang] += [str(t) for t in block.get(lang) or []]
    return out
