"""Korean phrases the sentence's grammar splits, matched on Kiwi's morphemes.

A Korean term or cue of several words ("수출 통제", "엄정 교섭") is often said with the words apart:
a particle and an adverb between noun and predicate ("대미 수출을 엄격하게 통제한다"), an adjective's
ending between modifier and noun ("엄정한 교섭"). Kiwi's analysis gives the words as morphemes; the
phrase matches when its words come in order with only such joints between them. The regex tries of
``topics.yaml`` still find the contiguous forms; this reads only sentences already tied to both
sides (detect.py) or already analysed for their predicate (predicate_ko.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newsmon import korean
from newsmon.cues import Index, Phrase
from newsmon.korean import Morph

# Morphemes a joint between the words of a phrase may hold, at most this many: a case particle, an
# adverb (엄격히), a derived adjective or adverb of a root (엄격하게, 엄정한, 군사적), a comma-free
# run. A verb of its own (관한, 대한), a noun or an ending that closes a clause ends the phrase.
MAX_JOINT_MORPHS = 5
# Characters a joint may take in the text (엄격하게, 을 더욱 강하게): the cheap check before Kiwi reads.
MAX_GAP_CHARS = 20
_JOINT_TAGS = frozenset(("JKS", "JKC", "JKG", "JKO", "JKB", "JX", "JC", "MAG", "XSN"))
_ROOT_TAGS = frozenset(("XR", "VA"))
_ROOT_ENDINGS = frozenset(("게", "ᆫ", "은", "는", "히"))


def _joint_end(morphs: Sequence[Morph], j: int) -> int:
    """Index after the joint starting at ``j`` (``j`` itself when none starts there)."""
    k = j
    while k < len(morphs) and k - j < MAX_JOINT_MORPHS:
        m = morphs[k]
        if m.tag in _JOINT_TAGS:
            k += 1
            continue
        if m.tag in _ROOT_TAGS or (k == j and m.tag == "XSA"):  # 엄격하게, 강하게, 엄정한 (엄정 + 하 ᆫ)
            n = k + 1 if m.tag in _ROOT_TAGS else k
            if n < len(morphs) and morphs[n].tag == "XSA":
                n += 1
            if n < len(morphs) and morphs[n].tag in ("EC", "ETM", "XSM") and morphs[n].form in _ROOT_ENDINGS:
                k = n + 1
                continue
        break
    return k


def split_match(morphs: Sequence[Morph], i: int, phrase: Phrase) -> int:
    """Index after ``phrase`` matched from morpheme ``i`` with joints between its words (0: no match);
    the phrase's words are compared with the morphemes' forms."""
    if morphs[i].form != phrase[0]:
        return 0
    k = i + 1
    for word in phrase[1:]:
        k = _joint_end(morphs, k)
        if k >= len(morphs) or morphs[k].form != word:
            return 0
        k += 1
    return k


def split_cue(index: Index, morphs: Sequence[Morph], i: int) -> tuple[Phrase, str, int] | None:
    """The longest phrase of ``index`` said split from morpheme ``i`` (phrase, label, morphemes
    spanned); single-word phrases and contiguous ones are the caller's plain match."""
    for phrase, label in index.by_first.get(morphs[i].form, ()):
        if len(phrase) < 2:
            continue
        end = split_match(morphs, i, phrase)
        if end > i + len(phrase):
            return phrase, label, end - i
    return None


def verbal(morphs: Sequence[Morph], end: int) -> bool:
    """True when the phrase ending before ``end`` is said as a verb (통제한다, 규제하고): the
    predicate of its clause, not a noun phrase that some other verb governs."""
    return end < len(morphs) and morphs[end].tag in ("XSV", "XSA")


def split_mentions(sentence: str, index: Index, skip_topics: set[str]) -> list[tuple[str, int, int, str]]:
    """(topic, start, end, surface) of each topic term said split in a Korean sentence, for topics not
    in ``skip_topics``. A term whose last word is the clause's verb ("수출을 … 통제한다") spans its
    words before that verb, so the verb stays free to be read as the predicate."""
    wanted = [
        (phrase, label)
        for first, phrases in index.by_first.items()
        if first in sentence
        for phrase, label in phrases
        if label not in skip_topics and _gapped(phrase).search(sentence)
    ]
    if not wanted:
        return []
    out = []
    for ks in korean.analyse(sentence):
        morphs = ks.morphs
        for i, m in enumerate(morphs):
            for phrase, label in wanted:
                if m.form != phrase[0]:
                    continue
                end = split_match(morphs, i, phrase)
                if end <= i + len(phrase):
                    continue
                last = end - 1
                stop = _word_before(morphs, i, last) if verbal(morphs, end) else morphs[last].end
                out.append((label, m.start, stop, sentence[m.start : morphs[last].end]))
    return out


@cache
def _gapped(phrase: Phrase) -> re.Pattern[str]:
    """A cheap check that the sentence says ``phrase`` with something between its words, so Kiwi
    reads only sentences that may hold it split (the contiguous forms are the regex tries')."""
    gap = rf"\s*[^\s.?!][^.?!]{{0,{MAX_GAP_CHARS}}}?"
    return re.compile(gap.join(re.escape(w) for w in phrase))


def _word_before(morphs: Sequence[Morph], i: int, last: int) -> int:
    """End offset of the phrase's last word before the morpheme ``last``."""
    k = last - 1
    while k > i and morphs[k].tag not in ("NNG", "NNP", "SL", "SH"):
        k -= 1
    return morphs[k].end
