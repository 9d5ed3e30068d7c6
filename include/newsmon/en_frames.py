"""English topic mentions that name something else than the US-China matter (detection round thirteen).

Each function reads one sentence and one topic mention (its topic and start offset) and says whether
the mention is to be dropped; ``newsmon.detect`` calls them while filing the mentions of a sentence.
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
