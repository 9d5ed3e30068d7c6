"""English topic mentions that name something else than the US-China matter (detection round thirteen).

Each function reads one sentence and one topic mention (its topic and start offset) and says whether
the mention is to be dropped; ``newsmon.detect`` calls them while filing the mentions of a sentence.
"""

from __future__ import annotations

import re

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
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


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
