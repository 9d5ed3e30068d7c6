"""English topic mentions that name something else than the US-China matter (detection round thirteen).

Each function reads one sentence and one topic mention (its topic and start offset) and says whether
the mention is to be dropped; ``newsmon.detect`` calls them while filing the mentions of a sentence.
Round fifteen adds the gatherings that are no US-China meeting: a named conference or multilateral
summit (``named_gathering``) and a multilateral body's meeting (``body_gathering``, ``body_held``).
"""

from __future__ import annotations

import re

from newsmon.korean import HANGUL as _HANGUL

# "China is using artificial intelligence to create fake accounts", "accused China of using AI",
# "China used artificial intelligence technology to generate disinformation", "opposed to using AI
# advantages to undermine the sovereignty of other countries": AI as the means of another act
# (influence, disinformation), not AI dialogue, safety or governance between the two governments, which
# is all the guideline's ai is. "The use of AI" (what talks are on: en-081, -100, -175) and "could use AI
# offensively" (en-176) stay. (dev: en-486's three claims made a false ai topic on a hard negative,
# en-487's "opposed to using AI advantages" a false ai dispute; en-076, en-178, en-184 read the same.)
_EN_AI_MEANS = re.compile(r"\b(?:using|used|uses)\s+(?:its\s+|their\s+|the\s+)?$", re.IGNORECASE)
# how far back from the AI term the verb "use" is looked for (the determiner and the verb fit in it)
AI_MEANS_REACH = 24
# "the AI products shared with G42", "advanced AI solutions", "AI services like ChatGPT", "an artificial
# intelligence firm", "demand in the AI sector": AI named as goods or trade, as "AI chips" and "AI firms"
# already are in topics.yaml (their trade is not the ai topic, which the guideline keeps for dialogue,
# safety or governance between the two governments). (dev: en-488, a Microsoft-G42 deal, made a false
# ai agreement on a hard negative; every dev sentence with such a phrase is in a hard negative.)
_EN_AI_GOODS = re.compile(
    r"\)?[\s-]+(?:products?|solutions?|services?|tools?|infrastructure|firms?|compan(?:y|ies)|start-?ups?"
    r"|developers?|giants?|industry|sector|market|demand|investments?|spending|boom)\b",
    re.IGNORECASE,
)
# Round fourteena: places an English list names beside Taiwan ("imports ... from the United States, the
# European Union, Japan and Taiwan", "deputy assistant secretary of defense for China, Taiwan and
# Mongolia", "chips ... from the United States, Taiwan, South Korea, Japan, and the Netherlands"): Taiwan
# is one economy or desk of many, named in passing (guideline: a topic named once in passing is context).
# dev: en-458 (a false taiwan dispute and topic), en-437, en-457, en-374; no dev taiwan topic rests on it.
_EN_PLACES = (
    r"(?:the\s+)?(?:United\s+States|U\.S\.|US|America|China|Beijing|EU|European\s+Union|Europe|Japan|"
    r"South\s+Korea|Korea|Hong\s+Kong|Macau|Macao|Mongolia|Singapore|India|Vietnam|Malaysia|Thailand|Indonesia|"
    r"Philippines|Australia|Canada|Mexico|Germany|France|Britain|Netherlands|Russia|Brunei)"
)
_EN_PLACE_BEFORE = re.compile(rf"\b{_EN_PLACES},?\s+(?:and\s+)?$")
_EN_PLACE_AFTER = re.compile(rf",?\s+(?:and\s+)?{_EN_PLACES}(?!\w)")
# how many other places the list must name beside Taiwan: with one, "the US and Taiwan" is a pair, which
# may well be the story (arms sales, a transit)
LISTED_PLACES = 2
# Round fourteena: "The United States has also long opposed China's expansive territorial claims in the
# South China Sea": "long" between "has" and the predicate states a standing position, context and not
# news (guideline: background). dev: en-480 (a false south_china_sea dispute and topic); en-145, en-365
# ("has long accused"), en-344 ("has long maintained") read the same, none a labelled event.
_EN_LONG_STANDING = re.compile(r"\b(?:has|have|had)\s+(?:also\s+)?long\s+(?:been\s+)?$", re.IGNORECASE)
# Round fifteen: a gathering named by what it is on or by its forum ("Inside Beijing's AI Summit", "the
# virtual APEC Leaders Summit", "the AI Safety Summit", "an AI conference"): when such a gathering noun is
# itself the predicate, the sentence names a conference or a multilateral summit that people attend, not a
# meeting held between the two governments (guideline: ai is dialogue between the two governments; apec only
# when a US-China meeting is placed at the summit). "AI talks", "AI dialogue", "the Biden-Xi summit" are no
# such names: only these nouns, right after the topic term and at most GATHERING_NAME_WORDS name words.
# dev: en-463 (a researchers' AI conference, a hard negative), en-479 (a virtual APEC, a hard negative).
_EN_GATHERING_NOUNS = frozenset(("summit", "summits", "conference", "conferences", "forum", "symposium", "expo"))
GATHERING_NAME_WORDS = 2  # words between the term and the noun ("APEC Leaders", "AI Safety", "Economic Leaders'")
_EN_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]*|intelligence)$")  # a capitalised name word ("artificial intelligence")
# ... and a meeting or session a multilateral body holds ("The United Nations Security Council (UNSC) held its
# inaugural meeting on artificial intelligence"): the body's, however the two sides speak in it. dev: en-485,
# a hard negative. The body is the sentence's subject, after an optional dateline ("UNITED NATIONS:").
_EN_BODY_SUBJECT = re.compile(
    r"^(?:[A-Z .,'-]{2,30}:\s*)?(?:the\s+)?(?:U\.?N\.?|United\s+Nations|(?:UN\s+|U\.N\.\s+)?Security\s+Council"
    r"|(?:UN\s+)?General\s+Assembly|G-?20|G-?7|ASEAN|APEC|WTO|NATO|BRICS|World\s+Health\s+Organi[sz]ation)\b",
    re.IGNORECASE,
)
# ... unless the gathering is the venue of a meeting the sentence reports ("the bilateral discussion occurred
# on the sidelines of the Asia Pacific Economic Cooperation summit", "met at the APEC summit"): a placing
# preposition within the few words before the name (dev: en-143's apec agreement)
_EN_VENUE_BEFORE = re.compile(
    r"\b(?:at|sidelines\s+of|margins?\s+of|during|ahead\s+of|before|after)\W+(?:[\w'’-]+\W+){0,3}$", re.IGNORECASE
)
VENUE_REACH = 40  # characters before the name read for the placing preposition
_EN_BODY_GATHERINGS = frozenset(("meeting", "meetings", "session", "sessions", "debate", "summit", "conference"))
# the same sentence read whole, for salience: a body's subject, a verb of holding, a gathering noun within
# BODY_HELD_REACH characters ("The UN Security Council held its inaugural meeting on artificial
# intelligence"): the topic is what the body's meeting is on, which makes no US-China story of it
_EN_BODY_HELD = re.compile(r"\b(?:held|holds|hosted|hosts|convened|convenes|opened|opens)\b")
BODY_HELD_REACH = 60


def ai_as_means(sentence: str, topic: str, start: int) -> bool:
    """Whether an English ai mention at ``start`` comes right after a form of "use" (_EN_AI_MEANS):
    AI as the means of another act, no mention of the ai topic."""
    if topic != "ai" or _HANGUL.search(sentence):
        return False
    return bool(_EN_AI_MEANS.search(sentence[max(0, start - AI_MEANS_REACH) : start]))


def ai_as_goods(sentence: str, topic: str, end: int) -> bool:
    """Whether an English ai mention ending at ``end`` names goods or trade (_EN_AI_GOODS: "AI
    products", "AI services", "artificial intelligence firm"), no mention of the ai topic."""
    if topic != "ai" or _HANGUL.search(sentence):
        return False
    return bool(_EN_AI_GOODS.match(sentence, end))


def taiwan_listed(sentence: str, term: str, start: int, end: int) -> bool:
    """Whether the English mention "Taiwan" (``term``, from ``start`` to ``end``) is one item of a list
    naming at least LISTED_PLACES other places (_EN_PLACES), joined by commas or "and"."""
    if term != "Taiwan" or _HANGUL.search(sentence):
        return False
    count, left, right = 0, start, end
    while m := _EN_PLACE_BEFORE.search(sentence, 0, left):
        count, left = count + 1, m.start()
    while m := _EN_PLACE_AFTER.match(sentence, right):
        count, right = count + 1, m.end()
    return count >= LISTED_PLACES


def long_standing(sentence: str, cue_start: int) -> bool:
    """Whether the English predicate at ``cue_start`` follows "has long" (_EN_LONG_STANDING): a
    standing position ("has long opposed"), background, not an act reported."""
    return not _HANGUL.search(sentence) and bool(_EN_LONG_STANDING.search(sentence[max(0, cue_start - 30) : cue_start]))


def named_gathering(sentence: str, mention_at: int, predicate: str, start: int, verb: bool) -> bool:
    """Whether the predicate, a gathering noun (_EN_GATHERING_NOUNS) at ``start``, completes the name
    that opens with the topic term at ``mention_at`` ("AI Summit", "APEC Leaders Summit"): a conference
    or a multilateral summit, no meeting between the two sides."""
    if verb or predicate.lower() not in _EN_GATHERING_NOUNS or start <= mention_at or _HANGUL.search(sentence):
        return False
    if _EN_VENUE_BEFORE.search(sentence[max(0, mention_at - VENUE_REACH) : mention_at]):
        return False
    between = sentence[mention_at:start].split()
    # the term's own words (one or two: "AI", "artificial intelligence") and the name words after it
    return 1 <= len(between) <= GATHERING_NAME_WORDS + 2 and all(_EN_NAME_WORD.match(w) for w in between[1:])


def body_gathering(sentence: str, obj: str | None) -> bool:
    """Whether a meeting the sentence reports held (its object ``obj``) is held by a multilateral body,
    its subject (_EN_BODY_SUBJECT: "The United Nations Security Council held its inaugural meeting")."""
    if not obj or obj.lower() not in _EN_BODY_GATHERINGS or _HANGUL.search(sentence):
        return False
    return bool(_EN_BODY_SUBJECT.match(sentence))


def body_held(sentence: str) -> bool:
    """Whether an English sentence reports a multilateral body (its subject) holding a meeting, a
    session or a debate (_EN_BODY_SUBJECT, _EN_BODY_HELD, _EN_BODY_GATHERINGS)."""
    subject = _EN_BODY_SUBJECT.match(sentence)
    if not subject or _HANGUL.search(sentence):
        return False
    verb = _EN_BODY_HELD.search(sentence, subject.end())
    if not verb:
        return False
    window = sentence[verb.end() : verb.end() + BODY_HELD_REACH].lower()
    return any(re.search(rf"\b{w}\b", window) for w in _EN_BODY_GATHERINGS)
