"""What both sentence readers share: the Reading of a sentence's governing predicate and how a cue becomes one.

A cue is a lexicon hit in a sentence (English tokens or Korean morphemes). Its CAMEO role gives the
kind (``_kind``: a ``reverse`` verb takes the opposite of its object's kind, a ``carry`` verb its
object's), ``_pick`` chooses the governing cue among those of one clause, and ``_verdict`` builds the
Reading with why it is or is not an event. The readers are in predicate.py (English) and
predicate_ko.py (Korean).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.cues import CueLexicon


@dataclass(frozen=True)
class Reading:
    """The governing predicate of one sentence and what it makes of the sentence."""

    kind: str | None  # "agreement" | "dispute" | None (no event)
    predicate: str = ""  # the cue as written
    category: str = ""  # its CAMEO category
    object: str = ""  # the polar object a reverse/carry predicate read
    negated: bool = False
    hedged: bool = False
    background: bool = False
    start: int = -1  # offset of the predicate in the sentence
    reason: str = ""
    clause_start: int = 0  # where the predicate's clause starts (Korean: after a subordinate clause)
    # Korean: offsets of a background clause after the predicate ("이번 통화는 [국방장관 간 회담에 이어]
    # 이뤄졌다"), whose terms belong to that clause's own (background) cue, not to the predicate.
    shadow: tuple[int, int] = (0, 0)
    lemma: str = ""  # the lexicon phrase the predicate matched ("crack down", "합의")
    verb: bool = False  # the predicate is a verb ("met", "agreed"), not a noun ("the summit")

    @property
    def event(self) -> bool:
        """True when the sentence reports an event as news."""
        return self.kind is not None and not (self.negated or self.hedged or self.background)


@dataclass(frozen=True)
class _Cue:
    i: int  # first token / morpheme
    n: int  # how many
    category: str
    start: int
    end: int
    verb: bool
    phrase: str = ""


def _kind(role: str, obj_kind: str | None) -> str | None:
    if role in ("agreement", "dispute"):
        return role
    if obj_kind == "dispute_if_reversed":
        obj_kind = "dispute" if role == "reverse" else None
    elif obj_kind == "agreement_if_reversed":
        obj_kind = "agreement" if role == "reverse" else None
    if role == "reverse" and obj_kind is not None:
        return "dispute" if obj_kind == "agreement" else "agreement"
    if role == "carry":
        return obj_kind
    return None


def _verdict(
    lex: CueLexicon,
    cue: _Cue,
    text: str,
    obj: tuple[str, str | None],
    mods: dict,
    clause_start: int = 0,
    shadow: tuple[int, int] = (0, 0),
) -> Reading:
    """The Reading of a governing cue, with why it is or is not an event."""
    role = lex.roles[cue.category]
    kind = _kind(role, obj[1])
    reason = "reports a " + (kind or "non-event") + f" ({cue.category}"
    reason += f", object {obj[0]!r})" if obj[0] else ")"
    if role in ("appeal", "agenda", "avert"):
        reason = f"{role}: not an event"
    elif kind is None:
        reason = f"{role} predicate without an object of known kind"
    for flag in ("negated", "hedged", "background"):
        if mods.get(flag):
            reason = f"{flag}: {mods[flag]}"
    return Reading(
        kind, text[cue.start : cue.end], cue.category, obj[0], bool(mods.get("negated")),
        bool(mods.get("hedged")), bool(mods.get("background")), cue.start, reason, clause_start, shadow,
        cue.phrase, cue.verb,
    )


def _pick(
    lex: CueLexicon, cues: list[_Cue], objects: list[tuple[str, str | None]], transparent: list[bool]
) -> int:
    """Index of the governing cue among ``cues`` (in reading order): the first whose role yields a
    kind; a reverse or carry verb with no object of known kind ("ended their meeting") is passed
    over, and so is signing an instrument (an order enacts what it says). The first cue when none
    does (its reading then says why there is no event)."""
    for k, (cue, obj) in enumerate(zip(cues, objects, strict=True)):
        if transparent[k] or lex.roles[cue.category] == "avert":
            continue  # "agreed to maintain dialogue to avoid clashes": the agreement governs
        if lex.roles[cue.category] not in ("reverse", "carry") or _kind(lex.roles[cue.category], obj[1]):
            return k
    return 0


def _instrument(index, sets: list, lo: int, hi: int) -> bool:
    """True when an instrument (an order, a bill) stands among tokens ``lo`` to ``hi``."""
    return any(index.match(sets, j) for j in range(max(0, lo), min(len(sets), hi)))
