"""Read what an English sentence reports as done: its governing predicate, that predicate's kind and modifiers.

English is head-initial: the governing predicate is the first cue of the main clause (a verb before
a noun), not inside reported background ("after Washington imposed ..."). The kind comes from the
predicate's CAMEO role (predicate_base.py); a ``reverse`` verb takes the opposite of its object's kind
(cut tariffs: agreement; suspend talks: dispute), a ``carry`` verb its object's kind (raise tariffs:
dispute). Negation, hedges and forecasts, appeals, agenda items and questions make the sentence no
event. The Korean reader is predicate_ko.py; both are imported from here.
"""

from __future__ import annotations

import itertools
import re

from newsmon.cues import CueLexicon
from newsmon.en_frames import long_standing
from newsmon.english import DETERMINERS, PREPOSITIONS, tokens
from newsmon.predicate_base import Reading, _Cue, _instrument, _pick, _verdict
from newsmon.predicate_ko import ko_amid_offset, read_korean

__all__ = ["Reading", "gloss_start", "ko_amid_offset", "read_english", "read_korean", "since_dates_a_first"]

# English: a negation this many words before the predicate governs it ("did not agree").
EN_NEGATION_WORDS = 4
# English: a hedge or forecast word this many words before the predicate, in its clause, governs it
# ("is expected to sign", "could impose").
EN_HEDGE_WORDS = 6
# How far (tokens) a time phrase may stand between a verb of announcing and its "that" clause
# ("announced on Thursday that it will suspend ...").
CLAUSE_AFTER_TIME = 5
_EN_TIME_WORDS = frozenset((
    "on", "in", "late", "early", "last", "this", "today", "yesterday", "week", "month", "morning", "evening",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
))
# "Their first meeting since 2022": a "since" this many words after "first" dates the news as a first,
# it opens no past context.
FIRST_SINCE_WORDS = 6
# ... and this many more when the first names its two sides: "the first in-person meeting between
# Dong Jun and U.S. Defense Secretary Pete Hegseth since ..." (names with titles run long).
FIRST_BETWEEN_WORDS = 8
_BETWEEN_SIDES = rf"(?:\W+between(?:\W+[\w'-]+){{1,{FIRST_BETWEEN_WORDS + 2}}})?"  # "U.S." counts two words
_FIRST_SINCE = re.compile(rf"\bfirst\b(?:\W+[\w'-]+){{0,{FIRST_SINCE_WORDS}}}?{_BETWEEN_SIDES}\W+$", re.IGNORECASE)
# Words after which an -ing form the lexicon lists as a noun is that noun ("their first meeting").
_EN_NOUN_BEFORE = DETERMINERS | {"first", "second", "latest", "last", "recent", "rare", "annual", "previous"}
# Round fifteen: adjectives of tone between the determiner and an -ing noun the lexicon lists ("China sent a
# strong warning to US regarding its claim ...", "issued a stern warning", "a formal meeting"): the noun is
# still the act, not a participle modifying what follows (dev: en-448's south_china_sea dispute).
_EN_TONE_ADJECTIVES = frozenset((
    "strong", "stern", "serious", "severe", "sharp", "harsh", "blunt", "formal", "final", "fresh", "clear", "direct",
))
# Nouns after which a dispute noun names a political camp, not an act: "opposition parties",
# "opposition lawmakers" (Taiwan's or any parliament's opposition is no protest between governments).
_EN_CAMP_NOUNS = frozenset((
    "party", "lawmaker", "legislator", "politician", "leader", "bloc", "camp", "coalition", "caucus",
    "member", "figure", "candidate", "mp", "senator", "group", "alliance",
))
# Verbs of countering: a dispute noun they take is a standing danger being met, not an act reported
# ("weapons aimed at deterring the threat of invasion", "to counter the threat").
_EN_COUNTER_VERBS = frozenset(("deter", "counter", "confront", "combat", "repel", "resist"))
# Verbs of standing by or reopening a pact: an agreement noun they take (as object, or as the subject
# of their passive) is an existing pact judged, not one reached ("backed a trade deal", "supporting
# every trade agreement", "agreements ... will be renegotiated").
_EN_PACT_STANCE_VERBS = frozenset(("support", "back", "endorse", "champion", "favor", "favour", "renegotiate"))
# How many non-verb words (adjectives, determiners, the topic term) may stand between such a verb and
# the agreement noun it takes, and how far a passive of it may follow the noun in the clause.
PACT_STANCE_WORDS = 4
PACT_PASSIVE_WORDS = 10
# Verbs of a pact running out: an agreement noun that is their subject is an existing pact's end date,
# not one reached ("a truce ... expires March 2"; dev: a market wrap and a truce-extension story).
_EN_LAPSE_VERBS = frozenset(("expire", "lapse"))
PACT_LAPSE_WORDS = 16  # how far the verb may follow the noun: its subject is often long ("a truce between ...")
# Words after which an -ed cue is a participle modifying the noun after it: the measure's state, the
# setting of another verb, not an act reported ("faces a headwind from expanded export restrictions",
# "a truce ... on increased American tariffs"; dev: a company-results story, a market wrap).
_EN_ATTRIBUTIVE_BEFORE = (
    (DETERMINERS - {"that", "new", "fresh"}) | PREPOSITIONS | {"from", "by", "to", "against", "amid"}
)
# Cues of promising: a pledge of a coercive act (a dispute cue or "by force" in its to-clause) is one
# side's threat or campaign promise, not yet done and no agreement ("pledged to impose significant
# tariffs", "has pledged to reunify Taiwan, even if by force").
_EN_PROMISES = frozenset(("pledge", "promise", "commit", "commitment"))
PROMISE_REACH = 12  # tokens of the to-clause read for the coercive act
# Beijing's standing claim on Taiwan, as wire copy restates it ("Beijing views self-ruled Taiwan as its
# territory and has threatened to annex it by force"; "claims Taiwan as its own"): a cue in the
# claim's clause restates the backdrop, it reports nothing new (dev: 2 false Taiwan events).
_EN_STANDING_CLAIM = re.compile(
    r"\b(?:views?|viewed|claims?|claimed|considers?|considered|regards?|regarded|sees)\s+(?:[\w-]+\s+){0,3}?"
    r"Taiwan\s+as\b[^,;:()]*"
    r"|\b(?:re)?(?:unify|unite|annex|seize)\b[^;:()]{0,60}?\bby\s+force\b",
    re.IGNORECASE,
)
# Commentators: a warning or criticism they voice is an opinion, not a dispute between governments
# (the guideline's "analysts' opinions": "some economists warn could raise prices").
# Round fifteen: researchers and professors too ("leading researchers from both countries warned that
# frontier AI's risks are too serious"): scientists' warnings at a conference are no government's act.
_EN_COMMENTATORS = frozenset((
    "economist", "analyst", "expert", "observer", "strategist", "commentator", "scholar", "academic",
    "researcher", "professor",
))
_EN_OPINION_CATEGORIES = frozenset(("threaten", "disapprove"))
# Verbs of needing: a licence they take is a requirement the control sets, not one granted ("is
# required to have a license", "require exporters to apply for licenses"; dev: 2 sentences); so is
# a licence said to be denied ("there are times that a license is denied").
# Not "have", "get", "obtain": a firm that has or got a licence was granted one.
_EN_NEED_VERBS = frozenset(("need", "require", "apply", "seek"))
NEED_WORDS = 3  # words between such a verb and the licence ("required to have a"), or it and its denial
_EN_LICENCES = frozenset(("license", "licence", "licenses", "licences", "permit", "permits"))
_EN_DENIED = frozenset(("denied", "refused", "rejected", "revoked", "withheld"))
# A measure said to remain in force is a standing state, not an act: a cue before the verb of
# remaining is the subject's own description ("a 20 percent tariff, imposed earlier by Trump ...,
# remains in force"; "many of those remain in place"; dev: 2 sentences).
_EN_STILL_IN_FORCE = re.compile(
    r"\b(?:remains?|remained|stays?|stayed)\s+(?:in\s+(?:force|place|effect)|on\s+the\s+books)\b"
)
# "Adding X to the Entity List": the list is the verb's object, however long X is ("adding Huawei and
# its 70 affiliates to the Entity List"); how far the destination may stand in the clause (guideline:
# blacklisting is a dispute).
ADD_DESTINATION_WORDS = 24
# The verbs whose list is so found, by the preposition before it; round eight: removing from a list
# (dev: "removed the Chinese Ministry of Public Security's Institute of Forensic Science (IFS) from a
# trade sanctions list" read as the sanctions themselves; guideline: a ban lifted is an agreement).
_EN_LIST_VERBS = {"add": frozenset(("to", "on", "onto")), "remove": frozenset(("from",))}
LIST_MODIFIER_WORDS = 1  # words before the list's polar noun ("a trade sanctions list")
# Round eleven: the thing added may carry an apposition between commas ("added six subsidiaries of
# Inspur Group, China's leading cloud computing provider, and dozens of other Chinese entities to its
# export restriction list"; guideline: blacklisting on an export control list is a dispute), so a
# comma does not end the search for the list; a stronger clause end does.
_EN_LIST_CLAUSE_END = frozenset((";", ":", "—", "–", "(", ")"))
# Quotation marks and asides in parentheses of at most PAREN_ASIDE words are not read (see _readable).
_QUOTES = frozenset(('"', "“", "”", "'", "‘", "’", "«", "»"))
PAREN_ASIDE = 4
# How far (tokens) an English reverse or carry predicate looks for its object.
OBJECT_WINDOW = 8
# Words opening a condition or an open question: anywhere in the predicate's clause before it ("it is
# unclear whether the two sides will agree"), or opening the sentence before the predicate's clause
# ("If the talks fail, Washington will impose tariffs"), they make it no event (guideline: forecasts).
_EN_CONDITIONS = frozenset(("if", "unless", "whether"))
# Words opening what one remembers: "recall" before them is memory ("officials recalled that ...",
# "the move recalls how ..."), not an envoy recalled (CAMEO 16, which takes an object: "recalled its
# ambassador").
_EN_MEMORY_CLAUSE = frozenset(("how", "that", "when", "what", "why", "being"))
# Verbs of announcing: "said it would" reports a government's plan, not a forecast.
_EN_ANNOUNCE = frozenset(("say", "said", "announce", "vow", "declare", "confirm", "state"))
# Round twelve: a month (or "late", "early", "mid-") before a year of the past-time list dates its clause
# as that year does: "in November 2024" is "in 2024" ("while China refused to meet the U.S. ... in
# November 2024 over the U.S. arms sales to Taiwan"; dev: 13 such sentences, every one recalled context).
_EN_MONTHS = frozenset((
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "late", "early", "mid",
))  # not "may", a modal far more often than the month
# Words opening a relative clause, which a time phrase after the predicate then belongs to.
_EN_RELATIVE = frozenset(("it", "they", "which", "that", "who", "whom"))
_DASHES = frozenset(("—", "–"))
# "(which comes) at a time of heightened tensions ..., a threatened ban ... and warnings ...": the
# frictions such a backdrop lists run past its commas, to the sentence's end (a list of disputes
# named in passing is context, guideline; dev: trade talks in a Taiwan arms-sale sentence).
# Only where something "comes" (arrives) at such a time: a sentence opening "At a time of tensions, the
# two sides agreed ..." keeps its main clause.
_EN_BACKDROP_LIST = ("at", "a", "time", "of")
_EN_BACKDROP_COMES = frozenset(("come", "arrive"))
# Round eight: what the news "comes as", "comes amid" or "comes at a delicate time for ..., as ..." is
# its backdrop to the sentence's end ("Trump's announcement comes at a delicate time ..., as trade
# negotiators appeared to be edging closer to a trade deal"; dev: a dozen such sentences, none of them
# labelled by what follows). Not "comes as a surprise" (an article after "as" makes it a complement).
_EN_BACKDROP_OPENERS = frozenset(("as", "amid", "amidst"))
_EN_COME_AS_COMPLEMENT = frozenset(("a", "an", "no", "little", "something"))
# ... and only where the news that comes is referred back to ("The meeting comes as", ", which came
# amid"): a headline "Rally comes as US raises tariffs on China" may be reporting the raise itself.
_EN_NEWS_ANAPHORS = frozenset(("the", "this", "that", "which", "it"))
BACKDROP_TIME_WORDS = 3  # "at a [delicate, critical, ...] time": adjectives between the article and "time"
# Round eight: "..., a move that will strain relations with China and further complicate the
# president's effort to wind down his trade war": the writer's gloss on what the news will do runs to
# the sentence's end; what it names is neither the act nor what the article is about (dev: five such
# glosses, none holding a labelled topic term; a hard negative made a trade topic from one).
_EN_GLOSS = re.compile(r",\s+(?:a|an|the)\s+(?:move|step)\s+(?:that|which)\b", re.IGNORECASE)
_CLAUSE_END_EN = {",", ";", ":", "—", "–", "(", ")"}
# What follows an inner item of a list of nouns ("export-controls, sanctions, tariffs and ..."): round
# eight, a noun cue so placed names one of the frictions listed, not the act the sentence reports.
_EN_LIST_AFTER = frozenset((",", "and", "or"))
# An "arms deal" is a sale of weapons (to Taiwan, say), which China protests: no agreement between the
# two sides (guideline: an agreement is one between the US and China; Taiwan arms sales are disputed).
_EN_ARMS = frozenset(("arms", "weapons", "weapon", "armament", "armaments"))
# Round fifteen: a sentence that opens on "Amid ..." sets its news against a backdrop ("Amid rising tensions
# over issues ranging from the trade war and the South China Sea dispute, Mattis met Xi"): the frictions the
# opener names are the setting, not what the main clause reports (guideline: a topic named in passing is
# context). A postposed "amid" is already a barrier between predicate and term; fronted, it stood before
# both. The opener ends where the barrier's background run does (its first comma). dev: en-448.
_EN_FRONTED_BACKDROP = frozenset(("amid", "amidst"))
# Round fifteen: idioms a cue lemma is part of that name no act between governments. "The talk of an AI
# arms race", "talk of a trade deal" (the singular noun before "of") is what people say, speculation, not
# talks held (consult); "seize on / upon" is to exploit an opening ("China has been quick to seize on the
# failure of a US-backed Pacific trade deal"), not a seizure (sanction_coerce). dev: en-463 (a hard
# negative), en-262 (a false tariffs_trade topic and two false disputes).
_EN_SEIZE_ON = frozenset(("on", "upon"))


def read_english(sentence: str, lex: CueLexicon, skip: list[tuple[int, int]] = ()) -> Reading:
    """The governing predicate of an English sentence; ``skip`` spans (topic terms) hold no cue."""
    toks = _readable(tokens(sentence))
    sets = [t.lemmas for t in toks]
    background = _en_background(toks, lex, gloss_start(sentence))
    _mark_standing_claim(sentence, toks, background)
    cues = []
    i = 0
    while i < len(toks):
        hit = lex.cues["en"].match(sets, i)
        if hit is None:
            i += 1
            continue
        phrase, category = hit
        start, end = toks[i].start, toks[i + len(phrase) - 1].end
        inside = any(a <= start and end <= b for a, b in skip)
        modifier = _en_cue_modifier(toks, i, len(phrase), category, lex)
        if not (inside and category != "agree") and not background[i] and not modifier:
            cues.append(_Cue(i, len(phrase), category, start, end, toks[i].verb, " ".join(phrase)))
        i += len(phrase)
    if not cues:
        if any(background):
            return Reading(None, reason="only background clauses carry a cue", background=True)
        return Reading(None, reason="no cue")
    # verbs before nouns; a carrier introducing a clause ("announced that it will suspend ...") after
    # the other verbs, since the clause holds what is done
    carry = [c for c in cues if c.verb and lex.roles[c.category] == "carry" and _introduces_clause(toks, c)]
    cues = [c for c in cues if c.verb and c not in carry] + carry + [c for c in cues if not c.verb]
    objects = [_en_object(toks, sets, c, lex) for c in cues]
    transparent = _transparent(toks, sets, cues, lex)
    k = _pick(lex, cues, objects, transparent)
    if transparent[k]:  # picked only as no other cue has a kind: "signed a law to fight fentanyl abuse"
        return _without_kind(sentence, cues[k])
    mods = _en_modifiers(toks, cues[k], lex, background, sentence)
    if not cues[k].verb:
        mods.update(_verb_modifiers_over_noun(toks, cues, k, lex, background, sentence))
    if _coercive_pledge(toks, cues[k], lex):
        mods["hedged"] = "a pledge of a coercive act, not yet done"
    still = _EN_STILL_IN_FORCE.search(sentence, cues[k].end)
    if still:
        mods["background"] = f"{still.group()!r}: a measure still in force, not an act"
    if cues[k].category == "consult":
        mods.update(_future(lex.future_time["en"], sets))
        if any({"will", "to"} & t.lemmas for t in _en_clause_before(toks, cues[k].i, background)):
            mods["hedged"] = "a meeting still to come (will / to)"
    talks = cues[k].category == "consult" or (lex.roles[cues[k].category] == "reverse" and objects[k][1] == "agreement")
    if talks and any(c.category == "agree" and _en_modifiers(toks, c, lex, background).get("negated") for c in cues):
        mods["negated"] = "the talks ended without an agreement"
    opener = _fronted_backdrop_end(toks, background, cues[k])
    shadow = _backdrop_after(toks, cues[k], sentence)
    return _verdict(lex, cues[k], sentence, objects[k], mods, clause_start=opener, shadow=shadow)


def _fronted_backdrop_end(toks: list, background: list[bool], cue: _Cue) -> int:
    """Where the main clause starts after a fronted backdrop opener ("Amid rising tensions over ...,
    Mattis met ..."): the first token after the opener's background run, before the predicate; 0 if
    the sentence opens on no such word (_EN_FRONTED_BACKDROP)."""
    if not toks or toks[0].low not in _EN_FRONTED_BACKDROP:
        return 0
    j = next((j for j in range(cue.i) if not background[j] and toks[j].low not in _CLAUSE_END_EN), cue.i)
    return toks[j].start if j < cue.i else 0


def gloss_start(sentence: str) -> int:
    """Where a gloss on the news ("..., a move that will ...", _EN_GLOSS) opens; the length if none."""
    m = _EN_GLOSS.search(sentence)
    return m.start() if m else len(sentence)


def _backdrop_after(toks: list, cue: _Cue, sentence: str) -> tuple[int, int]:
    """The span of a backdrop opened after the predicate by a verb of coming ("The meeting comes as
    both countries have faced heightened tariffs ...") or by a gloss ("..., a move that will ..."): no
    topic term in it is the predicate's."""
    gloss = gloss_start(sentence)
    if cue.end <= gloss < len(sentence):
        return gloss, len(sentence)
    for i in range(1, len(toks)):
        if toks[i].start > cue.end and toks[i - 1].lemmas & _EN_BACKDROP_COMES and _opens_backdrop(toks, i):
            return toks[i].start, len(sentence)
    return 0, 0


def _transparent(toks: list, sets: list, cues: list[_Cue], lex: CueLexicon) -> list[bool]:
    """Per cue: whether it passes its kind to what it takes, signing an instrument ("signed an order
    raising tariffs") or a carry verb taking a nominalised act ("announced the lifting of tariffs")."""
    return [
        (c.category == "agree" and _instrument(lex.instruments["en"], sets, c.i + c.n, c.i + c.n + 4))
        or (lex.roles[c.category] == "carry" and _carries_act(toks, c, cues))
        for c in cues
    ]


def _without_kind(sentence: str, cue: _Cue) -> Reading:
    """The reading of a transparent cue that governs only as no other cue has a kind: no event."""
    why = "an instrument or a named act is what is done, and it has no kind here"
    return Reading(None, sentence[cue.start : cue.end], cue.category, start=cue.start, reason=why, verb=cue.verb)


def _verb_modifiers_over_noun(
    toks: list, cues: list[_Cue], k: int, lex: CueLexicon, background: list[bool], text: str
) -> dict[str, str]:
    """The negation or hedge of a verb cue passed over (no object of known kind in reach) before the
    governing noun cue ``k`` in its clause: "China did not add ... to its unreliable entity list"."""
    noun = cues[k]
    for c in cues:
        if not c.verb or c.i >= noun.i or any(t.low in _CLAUSE_END_EN for t in toks[c.i : noun.i]):
            continue
        mods = {f: why for f, why in _en_modifiers(toks, c, lex, background, text).items() if f != "background"}
        if mods:
            return mods
    return {}


def _nominalised(toks: list, i: int, n: int) -> bool:
    """True when the cue at ``i`` (``n`` tokens) is an act named as a noun: after a determiner, before
    "of" ("the lifting of tariffs", "a suspension of the curbs")."""
    return bool(i) and toks[i - 1].low in DETERMINERS and i + n < len(toks) and toks[i + n].low == "of"


def _carries_act(toks: list, carry: _Cue, cues: list[_Cue]) -> bool:
    """True when a carry verb's object is an act named as a noun ("announced the lifting of tariffs",
    "implemented a suspension of the curbs"): that act, not the verb, says what is done."""
    if not carry.verb:
        return False
    nxt = carry.i + carry.n
    return any(c.i in (nxt, nxt + 1) and not c.verb and _nominalised(toks, c.i, c.n) for c in cues)


def _attributive(toks: list, i: int) -> bool:
    """True when the -ed token ``i`` stands after a preposition or determiner and before a word that
    is not one: a participle describing the noun after it ("from expanded U.S. restrictions")."""
    if not (i and toks[i].low.endswith("ed") and toks[i - 1].low in _EN_ATTRIBUTIVE_BEFORE):
        return False
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    return bool(nxt) and nxt not in DETERMINERS and nxt not in _CLAUSE_END_EN and nxt not in ("by", "to", "that")


def _needed_licence(toks: list, i: int) -> bool:
    """True when the licence ``i`` is what a verb of needing takes, across a few words ("required to
    have a license", "to apply for licenses"), or the subject of a denial ("a license is denied"):
    a requirement the control sets, not a licence granted."""
    if toks[i].low not in _EN_LICENCES:
        return False
    if any(t.low in _EN_DENIED for t in toks[i + 1 : i + 2 + NEED_WORDS]):
        return True
    for j in range(i - 1, max(-1, i - NEED_WORDS - 2), -1):
        if toks[j].low in _CLAUSE_END_EN:
            return False
        if toks[j].lemmas & _EN_NEED_VERBS:
            return True
    return False


def _mark_standing_claim(sentence: str, toks: list, background: list[bool]) -> None:
    """Mark as background the tokens of the clause restating Beijing's claim on Taiwan
    (_EN_STANDING_CLAIM), from the clause's start to the claim's end."""
    if "aiwan" not in sentence and "force" not in sentence.lower():
        return  # the cheap test first: most sentences name neither, and the pattern costs
    for m in _EN_STANDING_CLAIM.finditer(sentence):
        lo = max(sentence.rfind(c, 0, m.start()) for c in ",;:(") + 1
        for j, t in enumerate(toks):
            if lo <= t.start < m.end():
                background[j] = True


def _coercive_pledge(toks: list, cue: _Cue, lex: CueLexicon) -> bool:
    """True when a cue of promising (_EN_PROMISES) takes a to-clause holding a coercive act: a
    dispute cue ("pledged to impose tariffs") or "by force" ("pledged to reunify Taiwan, even if by
    force"), read up to PROMISE_REACH tokens."""
    if cue.phrase not in _EN_PROMISES:
        return False
    after = toks[cue.i + cue.n : cue.i + cue.n + PROMISE_REACH]
    if not after or after[0].low != "to":
        return False
    sets = [t.lemmas for t in after]
    lows = [t.low for t in after]
    if any(a == "by" and b == "force" for a, b in itertools.pairwise(lows)):
        return True
    for j in range(1, len(after)):
        if lows[j] in (";", ":"):
            break
        hit = lex.cues["en"].match(sets, j)
        if hit and lex.roles[hit[1]] == "dispute":
            return True
    return False


def _en_cue_modifier(toks: list, i: int, n: int, category: str, lex: CueLexicon) -> bool:
    """Whether the cue of ``n`` tokens at ``i`` only modifies a noun or names no act here (an -ing
    modifier, "issues of concern", "opposition parties", "signs of", a licence still needed ...)."""
    # "escalating tensions"; not an -ing noun the lexicon lists itself after a determiner ("his
    # first meeting"), while "warning that ..." after a comma stays a participle
    modifier = toks[i].low.endswith("ing") and not toks[i].verb and not _ing_noun(toks, i, lex)
    modifier &= not _nominalised(toks, i, n)  # "the lifting of tariffs" names the act
    modifier |= not toks[i].verb and i > 0 and toks[i - 1].low == "of"  # "issues of concern"
    after = toks[i + n].lemmas if i + n < len(toks) else frozenset()
    modifier |= not toks[i].verb and bool(after & _EN_CAMP_NOUNS)  # "opposition parties"
    modifier |= not toks[i].verb and _countered(toks, i)  # "deterring the threat"
    modifier |= not toks[i].verb and category == "agree" and _pact_judged(toks, i)  # "backed a deal"
    modifier |= _attributive(toks, i)  # "from expanded export restrictions"
    modifier |= toks[i].low in ("sign", "signs") and after >= {"of"}  # "showed signs of easing": a noun
    modifier |= category == "grant" and _needed_licence(toks, i)  # "required to have a license"
    modifier |= "recall" in toks[i].lemmas and bool(after & _EN_MEMORY_CLAUSE)  # "recalled how ..."
    modifier |= not toks[i].verb and _list_item(toks, i, n)  # "export-controls, sanctions, tariffs and ..."
    modifier |= category == "agree" and i > 0 and toks[i - 1].low in _EN_ARMS  # "arms deal": a sale
    modifier |= toks[i].low == "talk" and after >= {"of"}  # "for all the talk of an AI arms race": chatter
    modifier |= "seize" in toks[i].lemmas and bool(after & _EN_SEIZE_ON)  # "seized on the failure": exploited
    return modifier


def _list_item(toks: list, i: int, n: int) -> bool:
    """True when the noun cue of ``n`` tokens at ``i`` is an inner item of a list of nouns (a comma
    before it, a comma, "and" or "or" after it): "a rise in export-controls, sanctions, tariffs and
    repeated diplomatic incidents" names past frictions, no act (guideline: a list of past disputes
    is context)."""
    after = toks[i + n].low if i + n < len(toks) else ""
    return i > 0 and toks[i - 1].low == "," and after in _EN_LIST_AFTER


def _countered(toks: list, i: int) -> bool:
    """True when the noun ``i`` is the object of a verb of countering, across its determiner or a
    possessive ("deterring the threat", "counter China's threats")."""
    j = i - 1
    while j >= 0 and (toks[j].low in DETERMINERS or toks[j].low.endswith("'s")):
        j -= 1
    return j >= 0 and bool(toks[j].lemmas & _EN_COUNTER_VERBS)


def _pact_judged(toks: list, i: int) -> bool:
    """True when the agreement noun ``i`` is taken by a verb of standing by or reopening a pact: as
    its object across a few non-verb words ("backed a job killing trade deal"), or as the subject of
    its passive later in the clause ("agreements with China ... will be renegotiated"); or is the
    subject of a verb of running out ("a truce ... expires March 2")."""
    for j in range(i - 1, max(-1, i - PACT_STANCE_WORDS - 2), -1):
        if toks[j].low in _CLAUSE_END_EN:
            break
        if toks[j].verb:
            if toks[j].lemmas & _EN_PACT_STANCE_VERBS:
                return True
            break
    for j in range(i + 1, min(len(toks), i + PACT_PASSIVE_WORDS + 1)):
        if toks[j].low in _CLAUSE_END_EN - {","} or toks[j].low in _EN_RELATIVE:
            break
        passive = any("be" in t.lemmas for t in toks[max(i + 1, j - 2) : j])  # "will be (totally) renegotiated"
        if toks[j].lemmas & _EN_PACT_STANCE_VERBS and passive:
            return True
    for j in range(i + 1, min(len(toks), i + PACT_LAPSE_WORDS + 1)):
        if toks[j].low in _CLAUSE_END_EN - {","} or toks[j].low in _EN_RELATIVE:
            break
        if toks[j].lemmas & _EN_LAPSE_VERBS:  # "a truce ... expires March 2", "was set to expire"
            return True
    return False


def _ing_noun(toks: list, i: int, lex: CueLexicon) -> bool:
    """True when the -ing token ``i`` is a noun the lexicon lists itself, after a determiner, an
    ordinal or a possessive ("his first meeting"), also across one adjective of tone ("a strong
    warning", _EN_TONE_ADJECTIVES)."""
    before = toks[i - 1].low if i else ""
    if before in _EN_TONE_ADJECTIVES and i > 1:
        before = toks[i - 2].low
    if not (before in _EN_NOUN_BEFORE or before.endswith("'s")):
        return False
    return (toks[i].low,) in (p for p, _ in lex.cues["en"].by_first.get(toks[i].low, ()))


def _readable(toks: list) -> list:
    """The tokens a predicate is read on: without quotation marks (does not support "Taiwan
    independence" is the phrase "not support taiwan independence") and without a short aside in
    parentheses, an abbreviation or a gloss ("the MMCA (Military Maritime ...) ..."), which closes no clause."""
    if not any(t.low in _QUOTES or t.low == "(" for t in toks):
        return toks
    out, j = [], 0
    while j < len(toks):
        if toks[j].low == "(":
            close = next((k for k in range(j + 1, min(len(toks), j + PAREN_ASIDE + 2)) if toks[k].low == ")"), None)
            if close is not None and not any(t.low in _CLAUSE_END_EN for t in toks[j + 1 : close]):
                j = close + 1
                continue
        if toks[j].low not in _QUOTES:
            out.append(toks[j])
        j += 1
    return out


def _introduces_clause(toks: list, cue: _Cue) -> bool:
    """True when the verb is followed by a clause ("announced that ...", "said it would ..."), also
    after a time phrase ("announced on Thursday that ...")."""
    nxt = {t.low for t in toks[cue.i + cue.n : cue.i + cue.n + 2]}
    if {"that", "it", "they", "to"} & nxt:
        return True
    for t in toks[cue.i + cue.n : cue.i + cue.n + CLAUSE_AFTER_TIME]:
        if t.low == "that":
            return True
        if t.low in _CLAUSE_END_EN or not (t.low in _EN_TIME_WORDS or t.low[:1].isdigit()):
            return False
    return False


def _future(index, sets: list) -> dict[str, str]:
    """A future time word in the sentence: the meeting a consult predicate reports is not held yet."""
    for j in range(len(sets)):
        hit = index.match(sets, j)
        if hit:
            return {"hedged": f"{' '.join(hit[0])!r}: a meeting still to come"}
    return {}


def _en_background(toks: list, lex: CueLexicon, gloss: int | None = None) -> list[bool]:
    """Per token: inside a clause opened by a barrier ("after ...", "which had ...") up to a comma,
    or from the offset ``gloss`` on (a gloss on the news, gloss_start)."""
    out = [False] * len(toks)
    sets = [t.lemmas | {t.low} for t in toks]
    on = listing = False
    for i, t in enumerate(toks):
        if t.low in _CLAUSE_END_EN and t.low not in _DASHES and not listing:  # a dash opens an aside
            on = False
        elif i and toks[i - 1].lemmas & _EN_BACKDROP_COMES and _opens_backdrop(toks, i):
            on = listing = True
        elif lex.barrier["en"].match(sets, i) and not (t.low == "since" and _first_before(toks, i)):
            on = True
        out[i] = on or (gloss is not None and t.start >= gloss)
    return out


def _opens_backdrop(toks: list, i: int) -> bool:
    """True when tokens from ``i`` (after a verb of coming) open a backdrop: "at a time of"
    (_EN_BACKDROP_LIST), "at a delicate time", "as ...", "amid ..." (_EN_BACKDROP_OPENERS)."""
    if tuple(t.low for t in toks[i : i + len(_EN_BACKDROP_LIST)]) == _EN_BACKDROP_LIST:
        return True
    if toks[i].low in _EN_BACKDROP_OPENERS:
        anaphor = toks[0].low in _EN_NEWS_ANAPHORS or (i > 1 and toks[i - 2].low in _EN_NEWS_ANAPHORS)
        return anaphor and i + 1 < len(toks) and toks[i + 1].low not in _EN_COME_AS_COMPLEMENT
    lows = [t.low for t in toks[i : i + BACKDROP_TIME_WORDS + 3]]
    return lows[:2] == ["at", "a"] and "time" in lows[2:]


def since_dates_a_first(before: str) -> bool:
    """True when the text before a "since" ends in "first ..." (their first meeting since 2022)."""
    return bool(_FIRST_SINCE.search(before[-120:]))


def _first_before(toks: list, i: int) -> bool:
    """True when "first" stands a few words before token ``i``, in its clause (a few more when a
    "between" names the two sides in between)."""
    # an abbreviation's dot ("U.S.") is an empty token, no word
    words = [t for t in toks[max(0, i - 2 * (FIRST_SINCE_WORDS + FIRST_BETWEEN_WORDS)) : i] if t.low]
    between = -1
    for back, t in enumerate(words[::-1]):
        if t.low in _CLAUSE_END_EN:
            return False
        if t.low == "between" and back <= FIRST_BETWEEN_WORDS and between < 0:
            between = back
        if t.low == "first":
            return back <= FIRST_SINCE_WORDS or (between >= 0 and back - between - 1 <= FIRST_SINCE_WORDS)
    return False


def _en_object(toks: list, sets: list, cue: _Cue, lex: CueLexicon) -> tuple[str, str | None]:
    """The polar noun just before the predicate ("countermeasures announced by China"), else the
    first after it, else one before it ("tariffs were cut"), with its kind."""
    if cue.i and _polar(toks, sets, cue.i - 1, lex):
        return toks[cue.i - 1].low, _polar(toks, sets, cue.i - 1, lex)[1]
    after = range(cue.i + cue.n, min(len(toks), cue.i + cue.n + OBJECT_WINDOW))
    passive = cue.i and toks[cue.i - 1].low in ("be", "been", "being", "was", "were", "is", "are")
    reach = OBJECT_WINDOW * 2 if passive else OBJECT_WINDOW  # "tariffs on goods exported to the U.S. will be reduced"
    before = range(cue.i - 1, max(-1, cue.i - reach), -1)
    for rng in (after, before):
        for j in rng:
            if toks[j].low in _CLAUSE_END_EN:
                break
            hit = _polar(toks, sets, j, lex)
            if hit:
                return _compound_head(toks, sets, j, hit[1], lex)
    destination = next((d for verb, d in _EN_LIST_VERBS.items() if verb in toks[cue.i].lemmas), None)
    return _added_to(toks, sets, cue, lex, destination) if destination else ("", None)


def _added_to(
    toks: list, sets: list, cue: _Cue, lex: CueLexicon, destination: frozenset[str] = frozenset(("to",))
) -> tuple[str, str | None]:
    """The list something is added to or removed from, further on in the clause than OBJECT_WINDOW
    ("adding Huawei and its 70 affiliates to the Entity List", "removed the Ministry's Institute of
    Forensic Science from a trade sanctions list"): the polar noun right after a ``destination``
    preposition, its determiner or possessive and up to LIST_MODIFIER_WORDS words."""
    for j in range(cue.i + cue.n, min(len(toks) - 1, cue.i + cue.n + ADD_DESTINATION_WORDS)):
        if toks[j].low in _EN_LIST_CLAUSE_END:
            break
        if toks[j].low not in destination:
            continue
        k = j + 1
        while k < len(toks) - 1 and (toks[k].low in DETERMINERS or toks[k].low.endswith(("'s", "’s"))):
            k += 1
        for m in range(k, min(len(toks) - 1, k + LIST_MODIFIER_WORDS + 1)):  # "a trade sanctions list"
            hit = lex.polarity["en"].match(sets, m)
            if hit:
                return _compound_head(toks, sets, m, hit[1], lex)
    return "", None


def _polar(toks: list, sets: list, j: int, lex: CueLexicon) -> tuple | None:
    """The polarity phrase at token ``j``; goods named by a participle ("goods exported to the U.S.")
    are no object of the flow's kind (agreement_if_reversed wants the noun: "halted exports")."""
    hit = lex.polarity["en"].match(sets, j)
    if hit and hit[1] == "agreement_if_reversed" and toks[j].low.endswith(("ed", "ing")):
        return None
    return hit


def _compound_head(toks: list, sets: list, j: int, kind: str, lex: CueLexicon) -> tuple[str, str]:
    """The last polar noun of the compound starting at ``j``: "tariff truce" is a truce."""
    for k in (j + 1, j + 2):
        if k < len(toks) and toks[k].low not in _CLAUSE_END_EN:
            hit = lex.polarity["en"].match(sets, k)
            if hit:
                return toks[k].low, hit[1]
    return toks[j].low, kind


def _en_modifiers(toks: list, cue: _Cue, lex: CueLexicon, background: list[bool], text: str = "") -> dict[str, str]:
    """Negation and hedges before the predicate in its clause (a relative clause between commas is
    stepped over: "expect tensions, which have ..., to ease"); past time after it in its clause.
    A verb of announcing is one written in lower case in ``text``: "the United States would impose"
    has no "state" that announces (a name: United States, State Department)."""
    mods: dict[str, str] = {}
    clause = _en_clause_before(toks, cue.i, background)
    ordered = list(reversed(clause))
    pairs = {f"{a} {b.low}" for x, b in itertools.pairwise(ordered) for a in x.lemmas}
    near = {lem for t in ordered[-EN_NEGATION_WORDS:] for lem in t.lemmas}
    if near & lex.negation["en"] or pairs & lex.negation["en"]:
        mods["negated"] = "negation before the predicate"
    # a noun cue, or a verb in a to-infinitive ("expect the United States and China to agree"), whose
    # governing hedge stands across the infinitive's subject: the whole clause
    infinitive = bool(clause) and clause[0].low == "to"
    near_hedge = clause[:EN_HEDGE_WORDS] if cue.verb and not infinitive else clause
    hedge_words = {lem for t in near_hedge for lem in t.lemmas}
    said = clause[: EN_HEDGE_WORDS + 3]
    announced = any(t.lemmas & _EN_ANNOUNCE and not text[t.start : t.start + 1].isupper() for t in said)
    if announced and hedge_words & lex.hedge["en"] <= {"would", "will"}:
        pass  # "China said it would end ...": a plan the government announced counts
    elif hedge_words & lex.hedge["en"] or pairs & lex.hedge["en"]:
        mods["hedged"] = "hedge or forecast before the predicate"
    if "?" in [t.low for t in toks[-2:]]:
        mods["hedged"] = "a question"
    if cue.verb and cue.category in _EN_OPINION_CATEGORIES and any(t.lemmas & _EN_COMMENTATORS for t in clause):
        mods["hedged"] = "a commentator's opinion (analysts, economists)"
    if any(t.low in _EN_CONDITIONS for t in clause) or (toks and toks[0].low in _EN_CONDITIONS and cue.i > 0):
        mods["hedged"] = "a condition or an open question (if, unless, whether)"
    why = _en_past(toks, cue, lex, text)
    if why:
        mods["background"] = why
    return mods


def _en_past(toks: list, cue: _Cue, lex: CueLexicon, text: str = "") -> str:
    """Why the predicate is background: a past time phrase after it in its clause ("since 2022") or
    anywhere before it ("In 2022, ..."), or a past perfect in its clause ("talks had faltered", "had
    held talks"), unless a verb of saying (lower case in ``text``: not "United States") reports it."""
    sets = [t.lemmas for t in toks]
    if long_standing(text, toks[cue.i].start):
        return "'has long': a standing position, not an act"
    after = []
    for j in range(cue.i + cue.n, len(toks)):
        if toks[j].low in _CLAUSE_END_EN or toks[j].low in _EN_RELATIVE:
            break  # "drop tariffs it imposed earlier this year": the time belongs to the relative clause
        after.append(j)
    for j in list(range(cue.i)) + after:
        if lex.past_time["en"].match(sets, j) and not (toks[j].low == "since" and _first_before(toks, j)):
            return f"{toks[j].low!r}: past time"
        if _month_of_past_year(toks, sets, j, lex):
            return f"{toks[j].low!r}: past time (a month of a past year)"
    span = [*reversed(_en_clause_before(toks, cue.i, [False] * len(toks))), toks[cue.i]]
    span += [toks[j] for j in after[:3]]
    # "said that it had sanctioned"
    reported = any(t.lemmas & _EN_ANNOUNCE and not text[t.start : t.start + 1].isupper() for t in toks[: cue.i])
    if not reported and any(a.low == "had" and _participle(b) for a, b in itertools.pairwise(span)):
        return "past perfect: earlier context"
    return ""


def _month_of_past_year(toks: list, sets: list, j: int, lex: CueLexicon) -> bool:
    """True when tokens from ``j`` read "in" + a month (_EN_MONTHS) + a year that "in <year>" of the
    past-time list dates ("in November 2024", "in Nov. 2024", "in mid-2023")."""
    if toks[j].low != "in" or j + 2 >= len(toks) or toks[j + 1].low not in _EN_MONTHS:
        return False
    k = j + 2
    while k < len(toks) and toks[k].low in ("", "-"):  # the abbreviation's dot, the hyphen of "mid-2023"
        k += 1
    return k < len(toks) and lex.past_time["en"].match([sets[j], sets[k]], 0) is not None


def _participle(tok) -> bool:
    """True for a past participle: an -ed form, or an irregular form the lemmatiser maps to another
    verb ("held", "met", "struck"), not a plural or an -ing form."""
    if tok.low.endswith("ed"):
        return True
    return len(tok.lemmas) > 1 and tok.verb and not tok.low.endswith(("s", "ing"))


def _en_clause_before(toks: list, i: int, background: list[bool]) -> list:
    """Tokens before ``i`` back to the clause start, nearest first, skipping a background clause."""
    clause = []
    for j in range(i - 1, -1, -1):
        if toks[j].low in _CLAUSE_END_EN:
            if j and background[j - 1]:
                continue  # ", which have clashed over ..., to ease": keep reading the main clause
            break
        if not background[j]:
            clause.append(toks[j])
    return clause
