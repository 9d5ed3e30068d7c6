"""Korean sentences and morphemes from Kiwi (kiwipiepy + kiwipiepy-model).

Kiwi is loaded once per process, on first use (about 1.5 s of CPU), never at import of
``newsmon`` nor when Airflow parses a DAG: detection only calls :func:`analyse` for sentences that
already name a topic and both sides, so most articles never load it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

# Kiwi's own thread pool: one thread. The machine's cores are shared by `analyze`'s worker
# processes, and a pool per process would only add contention (and CPU time) per call.
KIWI_WORKERS = -1
# The typo and multi-word dictionaries double Kiwi's load (1.5 s -> 3 s CPU, measured with
# bench/bench_detect.py) and change nothing detection reads: news copy is edited, and cues are
# single morphemes or noun sequences.
KIWI_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False}
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
    global _KIWI
    if _KIWI is None:
        with _LOCK:
            if _KIWI is None:
                import kiwipiepy_model
                from kiwipiepy import Kiwi

                # the model ships in kiwipiepy-model; named explicitly so a missing one is an ImportError
                path = kiwipiepy_model.get_model_path()
                _KIWI = Kiwi(num_workers=KIWI_WORKERS, model_path=path, **KIWI_OPTIONS)
    return _KIWI


def loaded() -> bool:
    """Whether Kiwi has been loaded in this process (tests check it is not loaded at import)."""
    return _KIWI is not None


def analyse(text: str) -> list[KoSentence]:
    """Kiwi's sentences of ``text``, each with its morphemes."""
    out = []
    for sent in kiwi().split_into_sents(text, return_tokens=True):
        morphs = tuple(
            Morph(t.form, str(t.tag), getattr(t, "lemma", t.form) or t.form, t.start, t.start + t.len)
            for t in sent.tokens or ()
        )
        out.append(KoSentence(sent.text, sent.start, sent.end, morphs))
    return out
