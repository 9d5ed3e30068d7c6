"""English tokens with their lemmas, for cue matching on lemmas rather than on wildcards.

``lemminflect`` is the default: it gives every lemma a word form can have, by part of speech, so
"talks" matches both the noun "talk" and "talks", and "banned" is known to be a verb. ``simplemma``
(one lemma per form, no part of speech) can be chosen with ``NEWSMON_EN_LEMMATIZER=simplemma``, and
``none`` (the word form alone) is the baseline both are measured against;
``bench/eval_detect.py --lemmatizer`` measures both (docs/detection.md quotes the figures).
"""

from __future__ import annotations

import gzip
import itertools
import os
import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

# Which lemmatiser reads English cues; lemminflect measured better on the dev split (docs/detection.md).
LEMMATIZER = os.environ.get("NEWSMON_EN_LEMMATIZER", "lemminflect")
# Share of capitalised words from which a sentence is a title-case headline.
TITLE_CASE_SHARE = 0.7
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|n't|[0-9]+(?:[.,][0-9]+)*%?|[^\sA-Za-z0-9]")
# Words after which a form is a noun, not a verb ("a ban", "the deal", "new tariffs").
# Words after which a base form is a verb ("to cut", "will impose", "did not agree").
VERB_MARKERS = frozenset(
    ("to", "will", "would", "may", "might", "could", "should", "must", "can", "did", "do", "does", "not", "n't",
     "also", "jointly", "formally", "officially", "they", "it", "he", "she", "we", "i")
)
# Plural-looking words that are no subject of a following base-form verb.
_NOT_SUBJECTS = frozenset(("its", "this", "his", "has", "was", "is", "does", "as", "us", "across", "towards"))
# Words after which an -ed form is an adjective ("in disputed areas"), not a verb.
PREPOSITIONS = frozenset(("in", "on", "at", "of", "over", "into", "with", "under", "near"))
DETERMINERS = frozenset(
    ("a", "an", "the", "its", "their", "his", "her", "this", "that", "these", "those", "new", "fresh", "any",
     "some", "no", "our", "your", "my")
)


@dataclass(frozen=True)
class Token:
    """One word of a sentence: its offsets, lower-cased form, lemmas and whether it can be a verb."""

    start: int
    end: int
    low: str
    lemmas: frozenset[str]
    verb: bool


def tokens(sentence: str) -> list[Token]:
    """The sentence's words, each with every lemma it may have."""
    out: list[Token] = []
    prev, prev_cap = "", False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)
    # a title-case headline ("China Stops Military Maritime Dialogue With US") capitalises its verbs
    title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)
    for m in _WORD.finditer(sentence):
        low = m.group().lower().replace("’", "'").rstrip(".")
        if low.endswith("n't") and low != "n't":
            out.append(_token(m.start(), m.end() - 3, low[:-3], prev, prev_cap))
            low, start = "n't", m.end() - 3
        else:
            start = m.start()
        # a lower-case word after a capitalised one: "U.S., China clash" (not title-case "Trade Deal")
        after_name = prev_cap and (title_case or m.group()[:1].islower())
        out.append(_token(start, m.end(), low, prev, after_name))
        if low.endswith("ly") and len(low) > 4 and prev in VERB_MARKERS:
            continue  # "will reportedly halve": the adverb is stepped over, the modal marks the verb
        prev, prev_cap = low, m.group()[:1].isupper()
    return out


def _token(start: int, end: int, low: str, prev: str, prev_cap: bool) -> Token:
    """A token; ``verb`` when its form and its left neighbour make it a finite or infinitive verb:
    an -ed form, an irregular past, a base form after "to"/a modal, a lower-case form after a name
    ("China slams", "U.S., China clash"), never after a determiner ("a ban", "new tariffs")."""
    lemmas, can_be_verb = _lemmas(low)
    if low.endswith("'s") and len(low) > 3:  # a possessive is its noun too: "last month's talks"
        lemmas = lemmas | {low[:-2]}
    if not can_be_verb or prev in DETERMINERS or prev in PREPOSITIONS:
        return Token(start, end, low, lemmas, False)
    if low.endswith("ed") or (len(lemmas) > 1 and not low.endswith(("s", "ing"))):
        verb = True
    elif low.endswith("s") and not low.endswith("ss"):
        verb = prev_cap or prev in VERB_MARKERS
    elif low.endswith("ing"):  # a progressive or a gerund ("without agreeing"), not "escalating tensions"
        verb = prev in ("is", "are", "was", "were", "been", "be", "without", "by", "after", "before", "from", "for")
    else:  # a base form: after "to"/a modal, a name, or a plural subject ("navies agree")
        verb = prev in VERB_MARKERS or prev_cap or (prev.endswith("s") and len(prev) > 3 and prev not in _NOT_SUBJECTS)
    return Token(start, end, low, lemmas, verb)


@lru_cache(maxsize=65536)
def _lemmas(low: str) -> tuple[frozenset[str], bool]:
    """(lemmas of the form, whether it can be a verb), from the chosen lemmatiser."""
    if not low[:1].isalpha():
        return frozenset((low,)), False
    if LEMMATIZER == "none":  # the baseline the lemmatisers are measured against: the word form alone
        return frozenset((low,)), low.endswith(("ed", "s", "ing"))
    if LEMMATIZER == "simplemma":
        import simplemma

        lemma = simplemma.lemmatize(low, lang="en").lower()
        return frozenset((low, lemma)), low.endswith(("ed", "s", "ing")) or lemma == low
    get_all, get_oov = _lemminflect()
    found = get_all(low) or get_oov(low, upos="VERB" if low.endswith(("ed", "ing")) else "NOUN")
    lemmas = {low} | {lem.lower() for forms in found.values() for lem in forms}
    return frozenset(lemmas), "VERB" in found or "AUX" in found


class LemmaTable(Mapping):
    """lemminflect's lemma table (``lemma_lu.csv.gz``: ``word,category,lemma/lemma`` lines, sorted
    by word) read lazily: a word's entry is parsed when it is looked up, by bisection, instead of
    all ~70,000 at load. lemminflect's own reader builds every entry (~0.2 s CPU a process, the
    largest part of the lemmatiser's load); a run looks up a few hundred words. The entries are the
    ones lemminflect builds (``{upos: (lemma, ...)}``, tests/test_english_lemmas.py compares all)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._words = [line.partition(",")[0] for line in lines]

    @classmethod
    def read(cls, path: str) -> LemmaTable | None:
        """The table of the file at ``path``; None when its lines are not sorted by word (then
        bisection would miss entries, and lemminflect's own reader is used)."""
        with gzip.open(path, "rb") as f:
            lines = f.read().decode().split("\n")
        if lines and not lines[-1]:
            lines.pop()
        table = cls([line.strip() for line in lines])
        words = table._words
        return table if all(a <= b for a, b in itertools.pairwise(words)) else None

    def __getitem__(self, word: str) -> dict[str, tuple[str, ...]]:
        from lemminflect.core.LexicalUtils import categoryToUPos

        entry = {}
        i = bisect_left(self._words, word)
        while i < len(self._words) and self._words[i] == word:
            _, category, forms = self._lines[i].split(",")
            entry[categoryToUPos(category)] = tuple(forms.split("/"))
            i += 1
        if not entry:
            raise KeyError(word)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(self._words))

    def __len__(self) -> int:
        return len(set(self._words))


@lru_cache(maxsize=1)
def _lemminflect():
    """lemminflect's (getAllLemmas, getAllLemmasOOV), its lemmatiser given the lazy LemmaTable."""
    import lemminflect
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()  # lemminflect's one instance: getAllLemmas reads its lemma_dict
    if not hasattr(lemmatizer, "lemma_dict"):
        table = LemmaTable.read(lemmatizer.lemma_lu_fn)
        if table is not None:
            lemmatizer.lemma_dict = table
    return lemminflect.getAllLemmas, lemminflect.getAllLemmasOOV


def preload() -> None:
    """Load the lemmatiser's tables now: called before ``analyze`` forks its workers, so they share
    one copy instead of each paying the ~0.15 s CPU load (most of it numpy, for lemminflect's
    out-of-vocabulary model; its tables are plain Python data, safe to fork)."""
    _lemmas("agreed")
