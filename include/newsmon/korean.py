"""Korean sentences and morphemes from Kiwi (kiwipiepy + kiwipiepy-model).

Kiwi is loaded once per process, on first use (about 0.7 s of CPU with its first analysis), never
at import of ``newsmon`` nor when Airflow parses a DAG: detection only calls :func:`analyse` for
sentences that already name a topic and both sides, so most articles never load it.
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Kiwi's own thread pool: none (0). Detection hands it one sentence at a time, where a pool only
# adds overhead (1.4 vs 0.9 ms CPU a sentence, measured), and without threads a Kiwi loaded before
# `analyze` forks its workers is shared by them (preload_for_fork).
KIWI_WORKERS = 0
# The typo and multi-word dictionaries double Kiwi's load (1.5 s -> 3 s CPU, measured with
# bench/bench_detect.py) and change nothing detection reads: news copy is edited, and cues are
# single morphemes or noun sequences.
# The default dictionary (proper nouns from Wikipedia and Namuwiki) adds a third to the load and its
# first analysis (1.1 s -> 0.7 s CPU without it) and changes no topic or event: found identical on
# every Korean corpus article, the asiae fixtures and the synthetic set (names detection reads, 미국,
# 중국, 시진핑, 대만, are in the model's own lexicon).
KIWI_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False, "load_default_dict": False}
# A Hangul syllable (U+AC00-U+D7A3): how every module tells Korean text from English, one pattern for all.
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Bytes of a page looked at to guess that it is Korean: the head and title come first.
LIKELY_KOREAN_BYTES = 65536
# Hangul syllables U+AC00-U+D7A3 in UTF-8 (lead bytes EA-ED); charsets only Korean pages declare.
_HANGUL_UTF8 = re.compile(rb"[\xea-\xed][\x80-\xbf][\x80-\xbf]")
_KOREAN_CHARSETS = (b"euc-kr", b"cp949", b"ks_c_5601")
# Analyses kept: a sentence with a split topic term is read for terms, then for its predicate; the
# cache holds one article's candidate sentences (their text is the key, so results never differ).
ANALYSIS_CACHE = 256
# A sentence analysed once before forking, to set the model up.
_WARM_UP = "미국과 중국이 합의했다."
_KIWI: Any = None
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Morph:
    """One morpheme: surface form, Sejong POS tag, lemma (verbs: 낮추다), offsets in the text."""

    form: str
    tag: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class KoSentence:
    """One sentence of Kiwi's splitter, with its morphemes (offsets in the analysed text)."""

    text: str
    start: int
    end: int
    morphs: tuple[Morph, ...]


def kiwi() -> Any:
    """The process's one Kiwi, loaded on first call."""
    if _KIWI is None:
        _load()
    return _KIWI


def preload_for_fork() -> None:
    """Load Kiwi now, and run its first analysis (which costs as much again as the load: the model
    is set up lazily), so processes forked after this share one ready Kiwi."""
    kiwi().split_into_sents(_WARM_UP)


def _load() -> None:
    """Load the process's Kiwi unless one is loaded already."""
    global _KIWI
    with _LOCK:
        if _KIWI is None:
            import kiwipiepy_model
            from kiwipiepy import Kiwi

            # the model ships in kiwipiepy-model; named explicitly so a missing one is an ImportError
            path = kiwipiepy_model.get_model_path()
            with warnings.catch_warnings():  # kiwipiepy warns that 0 meant "all cores" before 0.21
                warnings.simplefilter("ignore", DeprecationWarning)
                _KIWI = Kiwi(num_workers=KIWI_WORKERS, model_path=path, **KIWI_OPTIONS)


def likely_korean(raw: bytes) -> bool:
    """A cheap guess from a page's first bytes that it is Korean (Hangul in UTF-8, or a Korean
    charset declared): a wrong guess only costs or saves a Kiwi load, never changes a result."""
    head = raw[:LIKELY_KOREAN_BYTES]
    return bool(_HANGUL_UTF8.search(head)) or any(name in head.lower() for name in _KOREAN_CHARSETS)


def loaded() -> bool:
    """Whether Kiwi has been loaded in this process (tests check it is not loaded at import)."""
    return _KIWI is not None


def analyse(text: str) -> list[KoSentence]:
    """Kiwi's sentences of ``text``, each with its morphemes."""
    return list(_analysed(text))


@lru_cache(maxsize=ANALYSIS_CACHE)
def _analysed(text: str) -> tuple[KoSentence, ...]:
    """Kiwi's analysis of ``text``, kept for the few sentences read twice (terms, then predicate)."""
    out = []
    for sent in kiwi().split_into_sents(text, return_tokens=True):
        morphs = tuple(
            Morph(t.form, str(t.tag), getattr(t, "lemma", t.form) or t.form, t.start, t.start + t.len)
            for t in sent.tokens or ()
        )
        out.append(KoSentence(sent.text, sent.start, sent.end, morphs))
    return tuple(out)
