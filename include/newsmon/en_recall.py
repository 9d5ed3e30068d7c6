"""English constructions that report an event no cue of the governing predicate reads (detection round
fourteen b, event recall).

``newsmon.detect`` calls them on a tied English sentence: ``channel_refused`` finds a military meeting,
call or visit that one side refused, cancelled or failed to attend (a military_channels dispute).
"""

from __future__ import annotations

import re

from newsmon.korean import HANGUL as _HANGUL

# A refusal of a meeting, call or visit: declining or refusing it, cancelling or calling it off, failing
# to appear for it, a no-show for it. The guideline: "a channel topic takes a dispute from suspending,
# cutting or refusing the channel" (docs/detection.md, step 6); defence-chief meetings and calls are
# military_channels. "declined to comment" / "refused to say" are no refusal of a meeting: the verb must
# take the meeting as its object (no "to" after it, but "fail to appear for"). (dev: en-266 "China
# declined Washington's request for a telephonic call between US Defense Secretary Lloyd Austin and his
# Beijing counterpart", en-476 "China's top naval officer canceled a visit to the US to meet with his
# American counterpart", en-480 "slammed China for failing to appear for virtual, senior-level meetings".)
_EN_REFUSAL = (
    r"(?:declin(?:e|ed|es|ing)|refus(?:e|ed|es|ing)|reject(?:ed|s|ing)?|rebuff(?:ed|s|ing)?|snub(?:bed|s|bing)?"
    r"|cancel(?:l?ed|s|l?ing)?|call(?:ed|s|ing)?\s+off|scrap(?:ped|s|ping)?"
    r"|fail(?:ed|s|ing)?\s+to\s+(?:appear|show\s+up|turn\s+up|attend)(?:\s+(?:for|at))?|no-show\s+(?:for|at))"
)
# what is refused: a meeting, call or visit (after at most REFUSED_REACH words: "Washington's request for a
# telephonic", "virtual, senior-level"); not "dialogue" or "talks" alone, which a general's remark names
_EN_MEETING = r"(?P<meeting>(?:(?:tele)?phone|telephonic|video)?\s*(?:calls?|visits?|meetings?|talks|consultations))\b"
REFUSED_REACH = 6
_EN_CHANNEL_REFUSED = re.compile(
    rf"\b{_EN_REFUSAL}(?!\s+to\b)\s+(?:[\w'’.,-]+\s+){{0,{REFUSED_REACH}}}?{_EN_MEETING}", re.IGNORECASE
)
# the meeting is the militaries' when the sentence names one of their officers or institutions (a
# trade or leaders' meeting refused is no military_channels event)
_EN_MILITARY = re.compile(
    r"\b(?:militar(?:y|ies)|naval|navy|navies|admiral|adm\.|defen[cs]e\s+(?:secretary|minister|chief)s?"
    r"|(?:secretary|minister)\s+of\s+defen[cs]e|PLA|People's\s+Liberation\s+Army|theat(?:er|re)\s+commanders?)\b",
    re.IGNORECASE,
)
# a refusal negated, hedged or threatened ("did not cancel", "may call off", "threatened to cancel"), or
# recalled ("had cancelled", "after China refused"): within NOT_NEWS_REACH characters before the verb
_EN_NOT_NEWS = re.compile(
    r"\b(?:not|n't|never|no|may|might|could|would|if|whether|threat\w*|expect\w*|likely|had|after|since|when)\W+"
    r"(?:[\w'’-]+\W+){0,2}$",
    re.IGNORECASE,
)
NOT_NEWS_REACH = 40


def channel_refused(sentence: str) -> re.Match[str] | None:
    """The refusal of a military meeting, call or visit an English sentence reports as news
    (_EN_CHANNEL_REFUSED beside an officer or institution of the militaries, _EN_MILITARY), its group
    "meeting" the meeting refused; None when there is none, or it is negated, hedged or recalled."""
    if _HANGUL.search(sentence) or not _EN_MILITARY.search(sentence):
        return None
    for m in _EN_CHANNEL_REFUSED.finditer(sentence):
        if not _EN_NOT_NEWS.search(sentence[max(0, m.start() - NOT_NEWS_REACH) : m.start()]):
            return m
    return None
