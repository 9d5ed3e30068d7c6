"""Read what a Korean sentence reports as done: its governing predicate, that predicate's kind and modifiers.

Korean is head-final: the governing predicate is the last cue of the sentence (read on Kiwi's
morphemes) outside a background clause (반발한 이후, …한 가운데) and outside a quoted or subordinate
clause before it. Its kind comes from the shared reading in predicate_base.py; the endings after it
make it negated (합의하지 못했다), hedged (합의할 전망이다, 검토 중이다, questions, wishes and conditions)
or background (a dated relative, a cause adjunct, an analyst's reading), so no event.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from newsmon.cues import CueLexicon
from newsmon.ko_joint import split_cue, verbal
from newsmon.korean import Morph
from newsmon.predicate_base import Reading, _Cue, _instrument, _pick, _verdict

# Korean objects stand before the verb with their modifiers between ("수출 통제 대상으로 묶는 규정의
# 시행을 1년간 미루기로"): a longer reach, in morphemes, still within the sentence.
KO_OBJECT_WINDOW = 16
# Korean morphemes after the predicate read for its endings (합의하지 못했다, 합의할 전망이다).
KO_ENDING_MORPHS = 9
# How far before the sentence's final ending its -어 오다 is looked for (해 왔 다: EC, VX, EP, EF).
KO_FINAL_ASPECT_REACH = 4
_KO_NOUN = ("NNG", "NNP", "XR", "SH", "SL", "NNB")
_KO_VERB = ("VV", "VA", "VX")  # Kiwi adds -R/-I to regular/irregular verbs (뒤집/VV-R): see _ko_verb
# Cues whose object a list closed by 등 directly before them is (…방지 등에 합의했다): what is agreed.
_KO_DEAL_CATEGORIES = frozenset(("agree",))
# Verbs that mark what is spoken about (등에 대해, 문제에 관한): a theme, not an act.
_KO_THEME_VERBS = frozenset(("대하다", "관하다", "관련하다"))
# Removal verbs that lift a listing (guideline: a ban lifted, blacklisting reversed) only when what
# they remove from is a list (수출통제 명단에서 삭제, 제재 대상에서 제외; dev: ko-416); 제외 alone is "except"
_KO_REMOVALS = frozenset(("제외", "삭제"))
_KO_LISTS = frozenset(("명단", "리스트", "목록", "대상", "블랙리스트"))
# Round fifteen: a pledge the sentence does not report as made between the two sides. A defence
# commitment (상호방위 약속, 안보 약속, 동맹 약속) is owed to an ally, not a US-China deal (guideline: an
# event is between the US and China); a deal or pledge broken (약속을 어기고, 합의를 깨고, 합의 위반) is the
# accusation of a breach, no agreement done. Such a deal noun is no cue (dev: ko-432, ko-430).
_KO_ALLY_PLEDGES = frozenset(("방위", "안보", "동맹"))
_KO_PLEDGES = frozenset(("약속",))
_KO_BREACH = frozenset(("어기다", "깨다", "저버리다", "위반", "파기", "무시"))
_KO_DEAL_NOUN_CATEGORIES = frozenset(("agree", "cooperate"))
# Verbs of making (수칙을 만들다, 지침을 마련하다) carry only the noun they take right before them: a
# polar noun further back is a modifier of that object (충돌 방지의 여건을 만들다) or an averted clash.
_KO_MAKE_VERBS = frozenset(("마련", "만들다"))
# Light verbs of holding (회담을 가졌다, 협상을 진행했다, 협상을 벌였다): carry verbs whose object is only the
# noun their particle marks, so a meeting term holding its own meeting noun (국방장관 회담, 무역 협상) is
# read as held; these verbs are too common to take a polar noun from elsewhere in the clause.
_KO_HOLD_VERBS = frozenset(("갖다", "가지다", "진행", "벌이다"))
# (필요, 용의, 의향: a need or a willingness said, 인하할 필요가 있다, 재개할 용의가 있다: not done)
_KO_FORECAST = {
    "전망", "가능성", "가능", "관측", "예상", "듯", "수", "지", "검토", "기대", "우려", "필요", "용의", "의향",
}
# Nouns of weighing a step (인하하는 방안을 검토하고 있다, 인하를 검토 중이다, 완화를 고려하고 있다):
# a step under review is not taken (guideline: forecasts and expectations are not events).
_KO_UNDER_REVIEW = frozenset(("검토", "고려", "저울질"))
# Relative endings of a done or ongoing act (부과한, 합의한, 부과하는, 부과했던); not -ㄹ (a plan).
_KO_RELATIVE_ENDINGS = frozenset(("ᆫ", "은", "는", "던"))
_KO_PREDICATE_TAGS = frozenset(("VV", "VA", "XSV", "XSA", "VCP"))
# Endings that ask (합의할까, 인하할까요, 재개되나): a question, not a report; Kiwi gives -ㄹ까 as one
# morpheme (ᆯ까), so a headline without its "?" is read as asking too.
_KO_QUESTION = frozenset(("까", "나", "?", "ᆯ까", "을까", "ᆯ까요", "을까요", "나요", "는가", "ᆫ가", "은가"))
# Endings of intending and proposing right after the predicate (완화하려고 한다, 인하하려 한다,
# 인하하자고 제안했다): what a side means or offers to do, not what it did.
_KO_INTENT = frozenset(("려고", "으려고", "려", "으려", "자고"))
# Conditional endings right after the predicate (완화하면, 인상한다면): what would follow, not done.
_KO_CONDITION = frozenset(("면", "으면", "다면", "ᆫ다면", "는다면", "라면"))
# Cues of reacting (반발, 항의, 규탄, 경고, 거부): after a -자 clause ("when … did"), what they react to
# is that clause, so its topic is theirs (a protest over a transit is a dispute: guideline).
_KO_REACTIONS = frozenset(("disapprove", "protest", "reject", "threaten"))
# ... unless the -자 clause makes a deal or a meeting (합의하자 대만은 우려를 표했다): a reaction to a deal
# between the two is a third party's, and the deal stays its own clause's.
_KO_DEALS = frozenset(("agree", "cooperate", "consult", "yield", "reassure"))
# A same-subject -어 link before a reaction (대만과 군사 기술 협력을 벌여 …주권을 훼손했다): the clause is the
# conduct condemned, so its topic is the reaction's, even when that conduct is a cooperation (the guard
# above is for -자, whose clause may have another subject). Round twelve; dev: ko-316.
_KO_CONDUCT_LINKS = frozenset(("어", "아", "어서", "아서"))
# Nouns of an act a relative clause describes as the subject of a reaction (…암초를 보호구역으로 지정하려는
# 계획이 지역 안정을 훼손한다고 비판했다): the act described is what is condemned, not a description of an
# actor (…을 치르는 중국이). Round twelve; dev: ko-239.
_KO_ACT_NOUNS = frozenset(("계획", "조치", "조처", "결정", "행위", "시도", "움직임", "행보", "방침"))
# Contrastive connectives (-지만, -는데, -으나): they close the predicate's clause, so the endings after
# them (…대응하지 않았다) belong to the next clause's verb.
_KO_CONTRAST = frozenset(("지만", "는데", "ᆫ데", "은데", "으나", "나"))
# Adnominal endings of a reported claim (합의했다는 보도), and the verbs that deny it (부인했다).
_KO_REPORTED_THAT = frozenset(("다는", "ᆫ다는", "는다는", "라는"))
_KO_DENY = frozenset(("부인", "부정", "반박"))
# Nouns of likelihood an adjective rates (가능성은 낮다): the adjective is no yield verb then.
_KO_LIKELIHOOD = frozenset(("가능", "가능성", "확률", "전망", "관측"))
# Verbs and nouns of wishing after -기를 (인하하기를 희망한다, 재개하기를 바란다): a wish, not an act.
_KO_WISH = frozenset(("희망", "바라다", "원하다", "기원", "고대"))
# What may stand between the predicate and a noun of weighing: its ending and the noun it
# modifies (하는 방안을, 하는 것을, 를), at most this many morphemes.
KO_REVIEW_REACH = 5
_KO_REVIEW_JOINT = frozenset(("XSV", "ETM", "JKO", "JX"))
_KO_REVIEW_OBJECTS = frozenset(("방안", "것", "문제", "카드", "조치"))
# Nouns after a relative ending that make the clause before them a backdrop (…한 가운데, …한 이후).
_KO_AMID = {"가운데", "와중", "속", "이후", "뒤", "후", "직후", "당시", "이래"}
# Quotative endings (낮춘다고 발표했다, 합의했다고 밝혔다): the quoted clause holds the news.
_KO_QUOTATIVE = {"다고", "ᆫ다고", "는다고", "라고", "이라고", "자고", "냐고", "으라고", "다며", "라며"}
# Morphemes a quotative ending may stand apart from its verb of saying by, at most: the sayer and
# the date of saying (양국 정부가 3일(현지시간) 발표했다), nouns, particles, numbers and brackets only.
KO_QUOTE_GAP_MORPHS = 10
_KO_SAYER_TAGS = ("NN", "NP", "NR", "SN", "SS", "JKS", "JX", "JKG", "JC", "XSN", "MM")
# Verbs a carry noun + 에 can lead into that keep it the news or a source (발표에 나섰다, 발표에 따르면,
# 발표에 대해): any other "발표에 EU가 …" makes the announcement the cause of another actor's clause.
# Morphemes a subject noun phrase after such an adjunct may span (일본 / 기업 / 들) before its particle.
KO_CAUSE_SUBJECT_REACH = 4
_KO_CAUSE_EXEMPT = frozenset(("따르다", "나서다", "앞서다", "대하다", "관하다", "관련하다"))
# A background noun may close the cue's clause after a dated relative (부과하기 시작한 2018년 7월 이후):
# morphemes read after the cue for it, the date units and the aspect noun such a clause may hold.
KO_BARRIER_REACH = 12
_KO_DATE_UNITS = frozenset(("년", "월", "일", "개월", "주"))
_KO_ASPECT_NOUNS = frozenset(("시작",))
# Verbs of analysing: a clause they close ("…"고 분석했다, …것으로 풀이된다) is a reading of events.
_KO_OPINION = frozenset(("분석", "풀이", "해석", "진단", "내다보다", "바라보다"))
# A concern that "arises" (우려가 나오다, 제기되다, 커지다, 확산되다, 일다) is voiced by no side; read
# within KO_CONCERN_REACH morphemes of the noun (우려의 목소리가 커지다: noun, 의, 목소리, 가, verb).
_KO_CONCERN_NOUNS = frozenset(("우려", "걱정", "불안"))
_KO_ARISE = frozenset(("나오다", "제기", "커지다", "확산", "일다", "높아지다", "고조", "높다", "크다"))
KO_CONCERN_REACH = 5
# Round fifteen, the market's cause: a worry as a cause adjunct (무역전쟁 확전 우려에 달러값이 치솟았다,
# 무역갈등 우려로 증시가 하락했다) is what moved someone else, nobody's protest; and an act in a -자 clause
# before a market's move (…관세폭탄을 던지자 투자심리는 얼어붙었다) is named as that move's cause: the
# market is the news (guideline: market reports are hard negatives; dev: ko-421, a won close; every dev
# sentence of either shape is in a hard negative). How many morphemes the market's subject may span.
_KO_CAUSE_PARTICLES = frozenset(("에", "로", "으로"))
_KO_MARKETS = frozenset(
    ("심리", "증시", "주가", "환율", "코스피", "코스닥", "지수", "원화", "달러", "금값", "유가", "투자자")
)
KO_MARKET_SUBJECT_MORPHS = 4
# A deal or meeting said to be near (합의에 가까워지다, 타결 임박, 합의에 근접, 눈앞): a forecast, not an
# event (guideline); how many morphemes after the cue (or before it, 임박한 합의) the word may stand.
# Only for deals and meetings: 근접 also says how close a ship sails or a drill is held (근접한 훈련).
_KO_NEAR = frozenset(("가깝다", "근접", "임박", "눈앞", "초읽기", "목전", "다가서다"))
_KO_NEAR_CATEGORIES = frozenset(("agree", "cooperate", "consult"))
KO_NEAR_MORPHS = 2
# Nouns that, with 이다, make a relative clause the sentence's own statement (갈등이 확대되는 양상이다,
# 긴장이 격화하는 모양새다, …하는 형국이다: "the conflict is widening"), not a description of a noun of
# another predicate (dev: ko-253, ko-277, both labelled events in their -는 양상이다 sentence).
_KO_STATE_HEADS = frozenset(("양상", "모양새", "형국"))
# A reaction closing a coordinated clause (…을 비판하며, 규탄하고, 반발하면서) is done when the sentence's
# main verb is a past act of the same subject that is no event itself: an appeal (…철회를 촉구했다) or a
# step hinted (…부과할 가능성도 내비쳤다). Not under a journalist's forecast (…반발하며 보복할 것으로
# 보인다, 전망이다), whose mood is the whole sentence's (dev: ko-117, ko-171).
_KO_COORDINATE = frozenset(("며", "으며", "면서", "으면서", "고"))
# Morphemes from a meeting cue to the coordinating ending that closes its clause (회의/를/열/고: 3).
KO_MEETING_VERB_MORPHS = 4
_KO_WRITERS_FORECAST = frozenset(("전망", "관측", "예상", "보이다", "듯", "분석", "풀이", "관측되다", "예상되다"))
# Nouns after which 첫/처음 dates a first (…출범 이후 첫 회담, 이래 처음, 수년 만에 처음으로).
_KO_SINCE = frozenset(("이후", "이래", "만"))
# A sentence whose own predicate is a cause noun with 이다 (…관세 전쟁으로 투자심리가 위축된 영향이다, …부과했기
# 때문이다, 탓이다, 여파다) explains something reported before it: what it names is the cause, context
# (guideline: background; dev: ko-237, a KOSPI close blamed on the tariff war, a hard negative).
_KO_CAUSE_HEADS = frozenset(("영향", "때문", "탓", "여파"))
# Round fourteen: a meeting "held later" (회의를 미루어 개최하기로, 연기해 열기로) is a meeting put off, a
# cancelled channel (guideline: cancelled channels are disputes; dev: ko-404): a holding cue right
# after one of these verbs and its -어 link (_KO_CONDUCT_LINKS) is its manner, so the postponing verb governs.
_KO_PUT_OFF = frozenset(("미루다", "연기", "늦추다"))
_KO_HOLDING = frozenset(("carry", "consult"))
# Connective endings that close a subordinate clause (반발해, 인상하자, 합의했지만): a topic before one
# is not governed by the main predicate after it. Not -고/-며, which coordinate.
_KO_SUBORDINATE = {
    "어", "아", "어서", "아서", "자", "지만", "는데", "ᆫ데", "은데", "으나", "나", "니까", "면서", "으면서"
}


def read_korean(morphs: tuple[Morph, ...], text: str, lex: CueLexicon, skip: list[tuple[int, int]] = ()) -> Reading:
    """The governing predicate of a Korean sentence (offsets of ``morphs`` are in ``text``)."""
    sets = [frozenset((m.lemma if _ko_verb(m) else m.form,)) for m in morphs]
    cues = []
    i = 0
    while i < len(morphs):
        hit = _ko_cue(lex, morphs, sets, i)
        if hit is None:
            i += 1
            continue
        phrase, category, n = hit
        m0, m1 = morphs[i], morphs[i + n - 1]
        # a term said as the clause's verb (수출을 통제한다) is still the predicate
        inside = any(a <= m0.start and m1.end <= b for a, b in skip) and not verbal(morphs, i + n)
        kept = _ko_removal_from_list(morphs, i, phrase) and not _ko_pledge_not_made(morphs, i, n, category)
        if not (inside and category != "agree") and kept:
            cues.append(_Cue(i, n, category, m0.start, m1.end, _ko_verb(m0), " ".join(phrase)))
        i += n
    backdrop = _ko_backdrop_end(morphs)
    main = [
        c for c in cues
        if not _ko_subordinate_background(morphs, c, lex) and not _ko_quoting(morphs, c, lex) and c.i >= backdrop
        and not (c.n == 1 and _ko_theme(morphs, c.i)) and not _ko_held_later(morphs, c, cues)
    ]
    if not main:
        bg = bool(cues)
        return Reading(None, background=bg, reason="only background clauses carry a cue" if bg else "no cue")
    main.reverse()  # head-final: the last cue governs
    objects = [_ko_object(morphs, sets, c, lex) for c in main]
    forms = [frozenset((m.form,)) for m in morphs]
    transparent = [c.category == "agree" and _instrument(lex.instruments["ko"], forms, c.i - 3, c.i) for c in main]
    averted = {c.i for c in cues if lex.roles[c.category] == "avert"}
    # the object of an avert verb (충돌을 막다, 충돌을 피하다) is what is prevented, not what is done
    transparent = [bool(t or {c.i + c.n, c.i + c.n + 1} & averted) for t, c in zip(transparent, main, strict=True)]
    k = _pick(lex, main, objects, transparent)
    cue = main[k]
    mods = _ko_modifiers(morphs, cue, lex)
    if _ko_describes_noun(morphs, cue, cues):
        mods.setdefault("background", "a relative clause (부과한 관세는 …) describing a noun: no cue after it")
    if k and _ko_clause_start(morphs, main[0], cues) <= cue.start:
        # the sentence's last cue, passed over, ends the clause the predicate is in: its aspect and
        # mood (…낮추는 대신 …강화하기로 한 바 있다; …인하하고 …강화할 전망이다) are the whole clause's
        final = _ko_modifiers(morphs, main[0], lex)
        mods.update({f: final[f] for f in ("background", "hedged") if f in final and f not in mods})
    if cue.category == "consult":
        mods.update(_ko_future(lex, text[morphs[0].start : morphs[-1].end] if morphs else ""))
    start = max(_ko_clause_start(morphs, cue, cues), _ko_list_end(morphs, cue, cues))
    if 0 < backdrop <= cue.i:  # "타이완 문제를 둘러싼 중일 갈등 속에 …": the backdrop's terms are its own
        start = max(start, morphs[backdrop - 1].end)
    later = [c.end for c in cues if c.i > cue.i and _ko_subordinate_background(morphs, c, lex)]
    shadow = (cue.end, max(later)) if later else (0, 0)
    reading = _verdict(lex, cue, text, objects[k], mods, start, shadow)
    return _ko_done_reaction(morphs, text, lex, main, reading) or reading


def _ko_held_later(morphs: tuple[Morph, ...], cue: _Cue, cues: list[_Cue]) -> bool:
    """True for a holding cue (개최, 열다) whose manner is a postponing verb linked by -어 just before it
    (미루어 개최하기로, 연기해 열기로; _KO_PUT_OFF): the meeting is put off, what the sentence reports."""
    if cue.category not in _KO_HOLDING or cue.i < 2:
        return False
    j = cue.i - 1
    if morphs[j].tag != "EC" or morphs[j].form not in _KO_CONDUCT_LINKS:
        return False
    j -= 1
    while j > 0 and morphs[j].tag in ("XSV", "EP"):
        j -= 1
    word = morphs[j].lemma if _ko_verb(morphs[j]) else morphs[j].form
    return word in _KO_PUT_OFF and any(c.i == j and c.category != cue.category for c in cues)


def _ko_done_reaction(
    morphs: tuple[Morph, ...], text: str, lex: CueLexicon, main: list[_Cue], reading: Reading
) -> Reading | None:
    """The reading of a coordinated clause (_KO_COORDINATE) done before a main verb that is no event:
    a reaction before an appeal or a hinted step (비판하며 … 촉구했다), a meeting held before the agenda
    it covered (회의를 열고 … 논의했다); that clause read on its own, what follows it shadowed."""
    if reading.event or reading.negated or reading.background or not _ko_past_main(morphs):
        return None
    role = lex.roles.get(reading.category)
    if role == "agenda" and not reading.hedged:
        return _ko_meeting_before(morphs, text, lex, reading)
    if role != "appeal" and not reading.hedged:
        return None
    for c in sorted((c for c in main if c.end <= reading.start), key=lambda c: -c.i):
        j = c.i + c.n
        while j < len(morphs) and morphs[j].tag in ("XSV", "XSA", "EP"):
            j += 1
        if c.category not in _KO_REACTIONS or j >= len(morphs) or morphs[j].tag != "EC":
            continue
        if morphs[j].form not in _KO_COORDINATE or any(m.lemma in _KO_WRITERS_FORECAST for m in morphs[j:]):
            return None
        own = read_korean(morphs[: j + 1], text, lex)
        if own.event and own.category in _KO_REACTIONS:
            return replace(own, shadow=(morphs[j].end, morphs[-1].end))
        return None
    return None


def _ko_past_main(morphs: tuple[Morph, ...]) -> bool:
    """True when the sentence's last ending follows a past tense (촉구했다, 논의했다; not 부과할 전망이다)."""
    last_ef = max((j for j, m in enumerate(morphs) if m.tag == "EF"), default=0)
    return bool(last_ef) and morphs[last_ef - 1].tag == "EP" and morphs[last_ef - 1].form in ("었", "았", "였")


def _ko_meeting_before(morphs: tuple[Morph, ...], text: str, lex: CueLexicon, reading: Reading) -> Reading | None:
    """The meeting held (or resumed, or deal made) in the coordinated clause just before an agenda verb
    (통화를 갖고 …를 논의했다, 협상을 재개하고 …): talks held are an agreement (guideline), the issues
    discussed stay agenda (shadowed)."""
    ends = [j for j, m in enumerate(morphs) if m.end <= reading.start and m.tag == "EC" and m.form in _KO_COORDINATE]
    if not ends:
        return None
    j = ends[-1]
    own = read_korean(morphs[: j + 1], text, lex)
    cue = next((k for k, m in enumerate(morphs[:j]) if m.start == own.start), -1)
    # the meeting is the clause's own verb phrase (회의를 열고, 통화를 갖고, 회담하고), not an adverbial
    # far before it (회의에서 양측은 … 확대하고 …하는 방안을 논의했다: the agenda's own conjunct)
    verb_phrase = cue >= 0 and j - cue <= KO_MEETING_VERB_MORPHS
    marked = cue >= 2 and morphs[cue - 1].tag == "JKO" and morphs[cue - 2].form == own.object  # 회의를 개최하고
    held = own.kind == "agreement" and (own.category != "carry" or marked)  # talks held, resumed, agreed
    return replace(own, shadow=(morphs[j].end, morphs[-1].end)) if own.event and held and verb_phrase else None


def _ko_removal_from_list(morphs: tuple[Morph, ...], i: int, phrase: tuple[str, ...]) -> bool:
    """False for a removal cue (_KO_REMOVALS) that takes nothing off a list: 제외/삭제 count only after a
    list noun and 에서/서 (수출통제 명단에서 삭제했다, 명단서 제외), a listing lifted; 관세를 제외한 (except)
    is no act. True for every other cue."""
    if phrase[0] not in _KO_REMOVALS:
        return True
    return i >= 2 and morphs[i - 1].form in ("에서", "서") and morphs[i - 2].form in _KO_LISTS


def _ko_pledge_not_made(morphs: tuple[Morph, ...], i: int, n: int, category: str) -> bool:
    """True for a deal noun cue that reports no US-China deal made (_KO_BREACH, _KO_ALLY_PLEDGES): a
    defence commitment (미국의 상호방위 약속을 이행), or a deal or pledge broken (약속을 어기고, 합의 위반)."""
    if category not in _KO_DEAL_NOUN_CATEGORIES or morphs[i].tag not in _KO_NOUN:
        return False
    if morphs[i].form in _KO_PLEDGES and i and morphs[i - 1].form in _KO_ALLY_PLEDGES:
        return True
    after = morphs[i + n : i + n + 2]
    if after and after[0].tag == "JKO":  # 약속을 어기고: the verb after the object particle
        after = after[1:]
    return bool(after) and (after[0].lemma if _ko_verb(after[0]) else after[0].form) in _KO_BREACH


def _ko_verb(m: Morph) -> bool:
    """True for a verb or adjective, whatever Kiwi's conjugation suffix (뒤집/VV-R, 돕/VV-I, 가깝/VA-I)."""
    return m.tag.split("-")[0] in _KO_VERB


def _ko_cue(lex: CueLexicon, morphs: tuple[Morph, ...], sets: list, i: int) -> tuple[tuple[str, ...], str, int] | None:
    """The cue starting at morpheme ``i`` (phrase, category, morphemes spanned): the longest of its
    contiguous match and its match with a joint between the words (엄정한 교섭, 수출을 엄격하게 통제)."""
    if morphs[i].tag not in _KO_NOUN and not _ko_verb(morphs[i]):
        return None
    hit = lex.cues["ko"].match(sets, i)
    split = split_cue(lex.cues["ko"], morphs, i) if morphs[i].tag in _KO_NOUN else None
    if split is not None and (hit is None or len(split[0]) >= len(hit[0])):
        return split
    return (hit[0], hit[1], len(hit[0])) if hit else None


def _ko_list_end(morphs: tuple[Morph, ...], cue: _Cue, cues: list[_Cue]) -> int:
    """Offset after a list of issues closed by 등 before the predicate (대만 문제와 수출규제, 남중국해 문제 등에
    대해 충돌했다): the topics listed are agenda items, not what the predicate reports. A list that is
    the object of a cue of its own (…회의 등을 재개하기로 했으며 …에도 합의했다) is what that cue reports."""
    for j in range(cue.i - 1, 0, -1):
        m = morphs[j]
        if m.form == "등" and m.tag == "NNB" and j + 1 < cue.i and morphs[j + 1].tag.startswith("J"):
            # …방지 등에 합의했다: the list is what the deal holds, the predicate's own object
            agreed = j + 2 == cue.i and cue.category in _KO_DEAL_CATEGORIES
            own = any(j < c.i < cue.i for c in cues) or _own_verb(morphs, j, cue.i) or agreed
            return 0 if own else m.end
    return 0


def _own_verb(morphs: tuple[Morph, ...], j: int, before: int) -> bool:
    """True when a verb of its own (물대포 등을 쏜 데 대해) takes the list closed at ``j``: the list is that
    verb's object, not the predicate's agenda; 대하다/관하다 (등에 대해) only mark a theme."""
    return any(m.tag == "VV" and m.lemma not in _KO_THEME_VERBS for m in morphs[j + 1 : before])


def _closes_cue(morphs: tuple[Morph, ...], ends: set[int], j: int) -> bool:
    """True when the ending at ``j`` is a cue's own (반발해): only verb suffixes between them."""
    k = j
    while k > 0 and k not in ends and morphs[k - 1].tag in ("XSV", "XSA", "EP", "VX"):
        k -= 1
    return k in ends or j in ends


def _ko_future(lex: CueLexicon, sentence: str) -> dict[str, str]:
    """A future time phrase in the Korean sentence's text (오는 11월, 다음 주): a meeting to come."""
    flat = sentence.replace(" ", "")
    for phrases in lex.future_time["ko"].by_first.values():
        for phrase, _ in phrases:
            if "".join(phrase) in flat:
                return {"hedged": f"{' '.join(phrase)!r}: a meeting still to come"}
    return {}


def _ko_clause_start(morphs: tuple[Morph, ...], cue: _Cue, cues: list[_Cue]) -> int:
    """Offset where the predicate's clause begins: after the last subordinate connective before it
    that closes another cue's clause (반발해 ... 중단했다), not a plain one (평화를 위해 ... 합의했다)."""
    ends = {c.i + c.n for c in cues if c.i < cue.i}
    deal_before = any(c.category in _KO_DEALS for c in cues if c.i < cue.i)  # 합의하자 대만은 우려: not over it
    for j in range(cue.i - 1, 0, -1):
        m = morphs[j]
        aspect = j + 1 < len(morphs) and morphs[j + 1].tag == "VX"  # 부과해 온: an aspect, not a clause
        over = _ko_reacts_to(m, cue, deal_before)  # 통과하자 … 반발했다, 협력을 벌여 … 훼손했다
        if m.tag == "EC" and m.form in _KO_SUBORDINATE and not aspect and not over and _closes_cue(morphs, ends, j):
            return m.end
        if m.tag == "EF" and _closes_cue(morphs, ends, j):
            return m.end  # "…펜타닐 등을 논의했다"며 "…합의를 이뤘다": a quoted sentence of its own
        if m.form in _KO_AMID and m.tag in ("NNG", "NNB") and morphs[j - 1].tag == "ETM":
            return m.end  # "갈등이 격화한 가운데 두 장관이 통화했다": the topic lies in the backdrop
        act = cue.category in _KO_REACTIONS and morphs[j + 1].form in _KO_ACT_NOUNS  # …지정하려는 계획이 … 비판
        if _describes_subject(morphs, j, cue.i) and not act:
            return m.end  # "무역전쟁을 치르는 중국이 …통제한다": what describes the subject is no news
    return 0


def _ko_reacts_to(m: Morph, cue: _Cue, deal_before: bool) -> bool:
    """Whether the connective ``m`` links a clause to the reaction ``cue`` as what it reacts to: -자 (통과하자
    … 반발했다) unless a deal comes before, or a same-subject -어 (_KO_CONDUCT_LINKS): the conduct condemned."""
    if cue.category not in _KO_REACTIONS:
        return False
    return (m.form == "자" and not deal_before) or m.form in _KO_CONDUCT_LINKS


def _describes_subject(morphs: tuple[Morph, ...], j: int, before: int) -> bool:
    """True when morpheme ``j`` ends a relative clause on the sentence's subject (…을 치르는 중국이):
    an adnominal ending, then a name and a subject particle, before the predicate at ``before``."""
    m = morphs[j]
    if m.tag != "ETM" or j + 2 >= before or morphs[j - 1].tag.split("-")[0] not in ("VV", "XSV"):
        return False
    noun, particle = morphs[j + 1], morphs[j + 2]
    return noun.tag in ("NNP", "NNG") and _subject_particle(particle)


def _subject_particle(m: Morph) -> bool:
    """A particle marking the clause's subject or topic: 이/가, or 은/는."""
    return m.tag == "JKS" or (m.tag == "JX" and m.form in ("은", "는"))


def _ko_quoting(morphs: tuple[Morph, ...], cue: _Cue, lex: CueLexicon) -> bool:
    """True for a neutral verb of saying after a quotation (낮춘다고 발표했다): the quoted predicate
    governs. A verb of saying that is itself a dispute or an appeal (…라고 경고했다) still governs."""
    if lex.roles[cue.category] != "carry":
        return False
    # the saying verb's own subject or date may stand between: 합의했다고 양국 정부가 3일 발표했다
    for j in range(cue.i - 1, max(-1, cue.i - 1 - KO_QUOTE_GAP_MORPHS), -1):
        prev = morphs[j]
        if prev.tag == "JKQ" or (prev.tag == "EC" and prev.form in _KO_QUOTATIVE):
            return True
        if not prev.tag.startswith(_KO_SAYER_TAGS):
            return False
    return False


def ko_amid_offset(sentence: str) -> int:
    """Character offset after a Korean sentence's last -는 가운데 backdrop (…이어지는 가운데), 0 when none."""
    from newsmon.korean import analyse  # Kiwi loads on the first Korean sentence

    if "가운데" not in sentence:
        return 0
    try:
        morphs = [m for s in analyse(sentence) for m in s.morphs]
    except (RuntimeError, ValueError, OSError):  # unread: no backdrop found, as read_korean drops it
        return 0
    ends = [m.end for prev, m in itertools.pairwise(morphs) if m.form == "가운데" and prev.tag == "ETM"]
    return ends[-1] if ends else 0


def _ko_backdrop_end(morphs: tuple[Morph, ...]) -> int:
    """Index after the last backdrop boundary (…한 가운데, 갈등 속에, …한 이후): cues before it are the
    setting, not the news, when the sentence's own predicate follows it."""
    end = 0
    for j in range(1, len(morphs)):
        m, prev = morphs[j], morphs[j - 1]
        if m.form in _KO_AMID and m.tag in ("NNG", "NNB") and (prev.tag == "ETM" or m.form in ("속", "가운데")):
            end = j + 1
    return end


def _ko_cause_adjunct(morphs: tuple[Morph, ...], cue: _Cue, lex: CueLexicon) -> bool:
    """True for a noun of announcing in a cause adjunct before a new subject (트럼프 행정부의 잇단
    관세 발표에 EU가 …모색했다): the announcement is the setting, the other actor's clause the news."""
    if lex.roles[cue.category] != "carry" or cue.verb:
        return False
    nxt = morphs[cue.i + cue.n : cue.i + cue.n + 2 + KO_CAUSE_SUBJECT_REACH]
    if len(nxt) < 3 or nxt[0].form != "에" or nxt[0].tag != "JKB" or nxt[1].lemma in _KO_CAUSE_EXEMPT:
        return False
    for m in nxt[1:]:  # the subject's noun phrase (일본 기업들은), then its particle
        if _subject_particle(m):
            return True
        if m.tag not in (*_KO_NOUN, "XSN"):
            return False
    return False


def _ko_subordinate_background(morphs: tuple[Morph, ...], cue: _Cue, lex: CueLexicon) -> bool:
    """True when the cue's clause ends in a background noun (반발한 이후, 부과한 뒤, 갈등 때문)."""
    nxt = morphs[cue.i + cue.n : cue.i + cue.n + 3]
    if len(nxt) >= 2 and nxt[0].form == "에" and nxt[1].lemma in ("잇다", "이어지다"):
        return True  # 회담에 이어 (following the meeting): the earlier event
    if _ko_cause_adjunct(morphs, cue, lex):
        return True
    relative = False
    for k, m in enumerate(morphs[cue.i + cue.n : cue.i + cue.n + KO_BARRIER_REACH]):
        if m.form in lex.barrier["ko"].by_first and m.tag in ("NNG", "NNB"):
            return True
        relative |= m.tag == "ETM"
        dated = relative and (m.tag == "SN" or (m.tag == "NNB" and m.form in _KO_DATE_UNITS))  # …한 2018년 7월 이후
        if dated or (m.form in _KO_ASPECT_NOUNS and m.tag == "NNG"):  # 부과하기 시작한
            continue
        if m.tag in ("EF", "SF") or (m.tag in _KO_NOUN and m.form not in ("것",)) or (k >= 4 and not relative):
            return False
    return False


def _ko_object(morphs: tuple[Morph, ...], sets: list, cue: _Cue, lex: CueLexicon) -> tuple[str, str | None]:
    """The nearest polar noun before the predicate (관세를 인하), else just after (인하된 관세)."""
    if morphs[cue.i].lemma in _KO_MAKE_VERBS | _KO_HOLD_VERBS:  # 수칙도 만들기로, 회담을 가졌다: the noun
        j = cue.i - 2  # with its particle, or none (관세 문제에 대한 입장을 갖고 있다: no polar object)
        hit = lex.polarity["ko"].match(sets, j) if j >= 0 and morphs[j + 1].tag in ("JKO", "JX") else None
        return (morphs[j].form, hit[1]) if hit else ("", None)
    start = max(-1, cue.i - KO_OBJECT_WINDOW)
    # a contrastive connective (…인하했는데 추가 조치가 …) closes the clause before: no object there
    closes = [j for j in range(start + 1, cue.i) if morphs[j].tag == "EC" and morphs[j].form in _KO_CONTRAST]
    start = max([start, *closes])
    before = range(cue.i - 1, start, -1)
    after = range(cue.i + cue.n, min(len(morphs), cue.i + cue.n + 3))
    for j in before:  # the noun the object particle marks (관세를 ... 줄였다) comes first
        if morphs[j].tag in ("EF", "SF"):
            break
        reason = j + 2 < len(morphs) and morphs[j + 2].form in ("이유", "명분", "계기", "목적")  # 협력을 이유로
        if j + 1 < len(morphs) and morphs[j + 1].tag == "JKO" and morphs[j].tag in _KO_NOUN and not reason:
            hit = lex.polarity["ko"].match(sets, j)
            if hit:
                return morphs[j].form, hit[1]
    for rng in (before, after):
        for j in rng:
            if morphs[j].tag in ("EF", "SF"):
                break
            noun = morphs[j].tag in _KO_NOUN and not _ko_theme(morphs, j) and not _ko_instrument(morphs, j)
            hit = lex.polarity["ko"].match(sets, j) if noun else None
            if hit:  # not a theme (회담에 대해 … 소식을 발표했다: the news, not the talks, is announced)
                return morphs[j].form, hit[1]
    return "", None


def _ko_instrument(morphs: tuple[Morph, ...], j: int) -> bool:
    """True when the noun at ``j`` (or the noun compound it opens, 휴전 합의로) is marked as the means or
    cause (합의로 유예됐다, 조치로 인해): by what the predicate came about, not what it acts on (the
    suspended measures are the subject, 조치들이)."""
    k = j + 1
    while k < len(morphs) and morphs[k].tag in _KO_NOUN:
        k += 1
    return k < len(morphs) and morphs[k].tag == "JKB" and morphs[k].form in ("로", "으로")


def _ko_theme(morphs: tuple[Morph, ...], j: int) -> bool:
    """True when the noun at ``j`` is a theme (회담에 대해, 관세에 대한): what is spoken about, neither
    the predicate nor its object."""
    return j + 2 < len(morphs) and morphs[j + 1].form == "에" and morphs[j + 2].lemma == "대하다"


def _ko_modifiers(morphs: tuple[Morph, ...], cue: _Cue, lex: CueLexicon) -> dict[str, str]:
    """Negation, forecast, plan and aspect endings after the predicate; past time words before it."""
    mods: dict[str, str] = {}
    tail = morphs[cue.i + cue.n : cue.i + cue.n + KO_ENDING_MORPHS]
    before = morphs[cue.i - 1] if cue.i else None
    if before is not None and before.form in ("안", "못") and before.tag == "MAG":
        mods["negated"] = f"{before.form} before the predicate"
    for k, m in enumerate(tail):
        if m.tag == "SF" or (m.tag == "EF" and k > 0):
            if m.form in _KO_QUESTION:
                mods["hedged"] = "a question"
            break
        if m.tag == "EC" and m.form in _KO_CONTRAST:
            break  # 부과했지만 미국은 대응하지 않았다: the next clause's ending is not the predicate's
        if m.form in lex.negation["ko"] and m.tag in ("VX", "MAG", "VA", "NNG"):
            mods["negated"] = f"{m.form} after the predicate"
        if m.tag == "ETM" and m.form in _KO_REPORTED_THAT and any(x.form in _KO_DENY for x in tail[k + 1 : k + 4]):
            mods["negated"] = "-다는 보도를 부인했다: the report is denied"
        why = _ko_hedge(tail, k)
        if why:
            mods["hedged"] = why
    if _ko_likelihood(morphs, cue):
        mods["hedged"] = "가능성은 낮다: a likelihood, not an act"
    near = _ko_near(morphs, cue)
    if near:
        mods["hedged"] = f"{near}: a deal said to be near is a forecast"
    aspect = _ko_aspect(tail) or _ko_final_aspect(morphs, cue) or _ko_standing_state(tail)
    if aspect:
        mods["background"] = aspect
    if _ko_dated_relative(morphs, cue):
        mods["background"] = "a relative clause dated by a year (1951년 체결된 조약)"
    first = _ko_first_since(morphs, cue)
    for j, m in enumerate(morphs[: cue.i]):
        ahead_of = m.form == "앞서" and j and morphs[j - 1].form == "에"  # 회의에 앞서: "ahead of"
        if m.form in lex.past_time["ko"].by_first and not ahead_of and not (0 <= j < first):
            mods["background"] = f"{m.form}: past time"
    if _ko_past_year(morphs[: cue.i]):
        mods["background"] = "지난 + a year (지난 2018년): past time"
    if _ko_then_opening(morphs[: cue.i]):
        mods["background"] = "당시 opening the sentence: a recalled event"
    if _ko_cause_given(morphs, cue):
        mods["background"] = "…한 영향이다, 때문이다: the cause of something reported before"
    opinion = _ko_opinion(morphs, cue)
    if opinion:
        mods["hedged"] = opinion
    if _ko_voiced_concern(morphs, cue):
        mods["hedged"] = "우려가 나온다: a concern voiced by no side, an opinion"
    if _ko_concern_as_cause(morphs, cue):
        mods["hedged"] = "우려에/우려로: a worry as the cause of what follows, no side's protest"
    if _ko_market_cause(morphs, cue):
        mods["background"] = "…하자 투자심리가 얼어붙었다: the act named as a market's cause"
    return mods


def _ko_concern_as_cause(morphs: tuple[Morph, ...], cue: _Cue) -> bool:
    """Whether a concern noun is a cause adjunct (확전 우려에 달러값이 치솟았다, 우려로 증시가 하락): the worry
    that moved something else (_KO_CAUSE_PARTICLES right after it), not a side's protest."""
    j = cue.i + cue.n
    return (
        morphs[cue.i].form in _KO_CONCERN_NOUNS and j < len(morphs)
        and morphs[j].tag == "JKB" and morphs[j].form in _KO_CAUSE_PARTICLES
    )


def _ko_market_cause(morphs: tuple[Morph, ...], cue: _Cue) -> bool:
    """Whether the cue's clause ends in -자 before a market subject (…던지자 글로벌 투자심리는 …, 부과하자
    증시가 …; _KO_MARKETS within KO_MARKET_SUBJECT_MORPHS, then 이/가/은/는): the act as the move's cause."""
    j = next((k for k in range(cue.i + cue.n, len(morphs)) if morphs[k].tag in ("EC", "EF", "SF")), len(morphs))
    if j >= len(morphs) or morphs[j].tag != "EC" or morphs[j].form != "자":
        return False
    for m in morphs[j + 1 : j + 1 + KO_MARKET_SUBJECT_MORPHS]:
        if m.tag in ("JKS", "JX"):
            return False
        if m.form in _KO_MARKETS:
            return True
    return False


def _ko_voiced_concern(morphs: tuple[Morph, ...], cue: _Cue) -> bool:
    """Whether the cue is a concern said to arise with no one voicing it (…수 있다는 우려가 나온다,
    우려의 목소리가 커지고 있다, 우려도 제기됐다): observers' opinion, not a side's protest (guideline:
    analysts' opinions). A side stating its concern (중국은 우려를 표명했다) is a protest."""
    if morphs[cue.i].form not in _KO_CONCERN_NOUNS:
        return False
    rest = [m for m in morphs[cue.i + cue.n : cue.i + cue.n + KO_CONCERN_REACH] if m.tag != "JKG"]
    return any(m.lemma in _KO_ARISE for m in rest) and any(m.tag in ("JKS", "JX") for m in rest)


def _ko_first_since(morphs: tuple[Morph, ...], cue: _Cue) -> int:
    """Index of the 첫/처음 a past anchor dates before the cue (작년 1월 … 출범 이후 첫 대면 회담을 개최했다,
    취소한 지 수년 만에 처음으로): the time word dates a first, the news, as English "first since" (-1: none)."""
    for k in range(cue.i - 1, 0, -1):
        if morphs[k].form in ("첫", "처음") and any(m.form in _KO_SINCE for m in morphs[max(0, k - 3) : k]):
            return k
    return -1


def _ko_cause_given(morphs: tuple[Morph, ...], cue: _Cue) -> bool:
    """True when the sentence ends, after the cue, in a cause noun and 이다 (_KO_CAUSE_HEADS)."""
    ends = [j for j in range(cue.i + cue.n, len(morphs)) if morphs[j].tag == "EF"]
    last = ends[-1] if ends else 0
    return last >= 2 and morphs[last - 1].tag == "VCP" and morphs[last - 2].form in _KO_CAUSE_HEADS


def _ko_opinion(morphs: tuple[Morph, ...], cue: _Cue) -> str:
    """Why the predicate is someone's reading of events ('' if not): its clause is what a verb of
    analysing closes ("…재개됐다"고 분석했다, …한 것으로 풀이된다), an opinion, not an act reported
    (guideline: analysts' opinions; inferred outcomes are uncertain)."""
    last = max((j for j in range(cue.i + cue.n, len(morphs)) if morphs[j].lemma in _KO_OPINION), default=-1)
    if last < 0:
        return ""
    between = morphs[cue.i + cue.n : last]
    for k, m in enumerate(between):  # …부과하자 전문가들은 …분석했다: the cue's clause precedes the analyst's
        if m.tag == "EC" and m.form in _KO_SUBORDINATE and any(_subject_particle(x) for x in between[k + 1 :]):
            return ""
    quoted = any(m.tag == "JKQ" or (m.tag == "EC" and m.form in _KO_QUOTATIVE) for m in between)
    inferred = any(a.form == "것" and b.form in ("으로", "로") for a, b in itertools.pairwise(between))
    if quoted or inferred:
        return f"{morphs[last].lemma}: an analyst's reading, not an act reported"
    return ""


def _ko_near(morphs: tuple[Morph, ...], cue: _Cue) -> str:
    """The word saying a deal or meeting is near (합의에 가까워지다, 타결 임박, 임박한 합의), or ''."""
    if cue.category not in _KO_NEAR_CATEGORIES:
        return ""
    after = [m for m in morphs[cue.i + cue.n : cue.i + cue.n + KO_NEAR_MORPHS] if m.lemma in _KO_NEAR]
    before = [m for m in morphs[max(0, cue.i - 3) : cue.i] if m.lemma in _KO_NEAR]
    if before and morphs[cue.i - 1].tag != "ETM":
        before = []  # 임박한 합의, not 근접 항해 … 합의
    found = after or before
    return found[0].lemma if found else ""


def _ko_then_opening(morphs: tuple[Morph, ...]) -> bool:
    """True when the sentence opens with 당시 ("at that time": 당시 두 정상은 …합의했다), which recalls
    the event an earlier sentence dated; 당시 inside it ("펠로시 당시 하원의장", then-Speaker) does not."""
    words = [m for m in morphs if m.tag not in ("SS", "SP", "SW", "MAJ")]
    while len(words) > 1 and (words[0].tag == "SN" or words[0].form in _KO_DATE_UNITS or words[0].form == "그"):
        words = words[1:]  # 2019년 당시, 그 당시: the date recalled, said before it
    return bool(words) and words[0].form == "당시" and words[0].tag == "NNG"


def _ko_describes_noun(morphs: tuple[Morph, ...], cue: _Cue, cues: list[_Cue]) -> bool:
    """True when the cue, or the relative clause whose noun it is part of, only describes that noun
    (미국이 부과한 관세로 …, 합의한 관세 휴전은 …) and no cue follows the noun: the sentence's own verb
    (감소했다, 만료된다, 이른다) reports something else, the measure is its backdrop (guideline)."""
    for c in cues:
        head = _ko_relative_head(morphs, c)
        if head and (c.i == cue.i or head[0] <= cue.i < head[1]):
            later_verb = any(m.tag.split("-")[0] in _KO_PREDICATE_TAGS for m in morphs[head[1] :])  # VV-I
            return later_verb and not any(x.i >= head[1] for x in cues)
    return False


def _ko_relative_head(morphs: tuple[Morph, ...], cue: _Cue) -> tuple[int, int] | None:
    """Morpheme span of the noun a cue's relative clause describes (부과한 [관세], 합의한 [관세 휴전]),
    or None when the cue ends no such clause (줄인 것으로: a bound noun makes it a complement)."""
    j = cue.i + cue.n
    while j < len(morphs) and morphs[j].tag in ("XSV", "XSA", "EP"):
        j += 1
    if j + 1 >= len(morphs) or morphs[j].tag != "ETM" or morphs[j].form not in _KO_RELATIVE_ENDINGS:
        return None
    if morphs[j + 1].tag == "NNB":
        return None  # 줄인 것으로 밝혔다, 합의한 바 있다
    if morphs[j + 1].form in _KO_STATE_HEADS and j + 2 < len(morphs) and morphs[j + 2].tag == "VCP":
        return None  # 갈등이 확대되는 양상이다: the clause is the statement
    end = j + 1
    while end < len(morphs) and morphs[end].tag in ("NNG", "NNP", "SN", "SL", "XSN", "NNB"):
        end += 1
    return (j + 1, end) if end > j + 1 else None


def _ko_past_year(morphs: tuple[Morph, ...]) -> bool:
    """True when 지난 names a year before the predicate (지난 2018년): a past year; 지난 3일 is the
    news's own date and is not read."""
    return any(
        a.lemma == "지나다" and b.tag == "ETM" and c.tag == "SN" and d.form == "년"
        for a, b, c, d in zip(morphs, morphs[1:], morphs[2:], morphs[3:], strict=False)
    )


def _ko_dated_relative(morphs: tuple[Morph, ...], cue: _Cue) -> bool:
    """True when the cue modifies a noun (체결된 조약) and a year stands just before it (1951년)."""
    j = cue.i + cue.n
    while j < len(morphs) and morphs[j].tag in ("XSV", "XSA", "EP"):
        j += 1
    relative = j < len(morphs) and morphs[j].tag == "ETM" and morphs[j].form not in ("ᆯ", "을")
    near = range(max(1, cue.i - 4), cue.i)
    year = any(morphs[k].form == "년" and morphs[k - 1].tag == "SN" for k in near)
    return relative and year


def _ko_hedge(tail: tuple[Morph, ...], k: int) -> str:
    """Why the ending at ``tail[k]`` makes the predicate a forecast or open question ('' if not).
    A journalist's forecast (-ㄹ 전망, -ㄹ 가능성, -ㄹ 것으로 보인다) is no event; an announced plan
    (-ㄹ 예정/방침/계획, -기로 했다, -ㄹ 것"이라고 밝혔다) is."""
    m = tail[k]
    prev = tail[k - 1] if k else None
    if prev is not None and prev.tag == "ETM" and prev.form in ("ᆯ", "을", "ㄹ"):
        if m.form == "것":
            rest = {x.lemma for x in tail[k + 1 :]} | {x.form for x in tail[k + 1 :]}
            if _ko_ends_will(tail[k + 1 :]):
                return "-ㄹ 것이다 closing the sentence: the writer's forecast"
            return "-ㄹ 것으로 보인다: forecast" if rest & {"보이다", "예상", "전망", "관측", "예측"} else ""
        if m.form in _KO_FORECAST:
            return f"-ㄹ {m.form}: forecast"
        return ""
    if m.tag in ("NNG", "NNB") and m.form in ("전망", "관측", "가능", "예상", "기대", "여부") and k <= 3:
        return f"{m.form}: forecast or open question"
    if m.tag == "EC" and m.form in _KO_INTENT and all(x.tag in ("XSV", "XSA", "EP") for x in tail[:k]):
        return f"-{m.form}: an intention or a proposal, not an act"
    if m.tag == "EC" and m.form in _KO_CONDITION and all(x.tag in ("XSV", "XSA", "EP") for x in tail[:k]):
        return f"-{m.form}: a condition, not an act"
    if m.tag == "ETN" and m.form == "기" and any(x.lemma in _KO_WISH for x in tail[k + 1 : k + 3]):
        return "-기를 바라다: a wish"
    if m.tag == "NNG" and m.form in _KO_UNDER_REVIEW and k < KO_REVIEW_REACH and _ko_review_joint(tail[:k]):
        return f"{m.form}: a step under review, not taken"
    if m.tag == "EC" and m.form in ("어야", "아야") and k + 1 < len(tail) and tail[k + 1].lemma == "하다":
        return "-어야 하다: an obligation or a wish"
    if m.tag == "EC" and m.form in ("ᆯ지", "을지", "ᆫ지", "는지"):
        return f"-{m.form}: an open question"
    return ""


def _ko_ends_will(rest: tuple[Morph, ...]) -> bool:
    """True when -ㄹ 것 closes the sentence as 이다 (보복에 나설 것이다.): a forecast in the writer's
    voice; not quoted (…할 것이라고 밝혔다, "…할 것이다"라고: a side's stated plan)."""
    forms = [(m.tag, m.form) for m in rest[:3]]
    return forms[:2] == [("VCP", "이"), ("EF", "다")] and (len(forms) == 2 or forms[2][0] == "SF")


def _ko_likelihood(morphs: tuple[Morph, ...], cue: _Cue) -> bool:
    """True when the cue is the adjective a likelihood is said with (합의 가능성은 낮다, 전망이 높다)."""
    if cue.i < 2 or morphs[cue.i].tag != "VA" or morphs[cue.i - 1].tag not in ("JX", "JKS"):
        return False
    return any(m.form in _KO_LIKELIHOOD for m in morphs[max(0, cue.i - 3) : cue.i - 1])


def _ko_review_joint(between: tuple[Morph, ...]) -> bool:
    """True when ``between`` (predicate to a noun of weighing) is only an ending and the noun it
    modifies (인하/하/는/방안/을, 인하/를): the predicate is what is weighed."""
    return all(m.tag in _KO_REVIEW_JOINT or m.form in _KO_REVIEW_OBJECTS for m in between)


def _ko_standing_state(tail: tuple[Morph, ...]) -> str:
    """Background when the cue's clause is a progressive relative describing a noun (…사안에서 대립하고 있는
    양국 국방장관이 …): the sides' standing state, said of the noun, while the sentence reports another thing."""
    forms = [(m.tag, m.form) for m in tail[:5]]
    if forms and forms[0][0] in ("XSV", "XSA"):
        forms = forms[1:]
    progressive = len(forms) >= 4 and forms[0] == ("EC", "고") and forms[1] == ("VX", "있")
    if progressive and forms[2] in (("ETM", "는"), ("ETM", "은")) and forms[3][0] in ("NNG", "NNP"):
        return "a standing state describing a noun (대립하고 있는 양국이 …)"
    return ""


def _ko_final_aspect(morphs: tuple[Morph, ...], cue: _Cue) -> str:
    """Background from the sentence's last verb when it ends in -어 왔다 (…비판하면서 …강조해왔다: has long
    been saying): the whole chain of clauses before it is ongoing earlier conduct, not the news."""
    ends = [j for j in range(cue.i + cue.n, len(morphs)) if morphs[j].tag == "EF"]
    if not ends:
        return ""
    window = morphs[max(cue.i + cue.n, ends[-1] - KO_FINAL_ASPECT_REACH) : ends[-1]]
    for a, b in itertools.pairwise(window):
        if _ko_has_been(a, b, ("VX",)):
            return "the sentence ends in -어 왔다: ongoing earlier conduct"
    return ""


def _ko_has_been(ending: Morph, verb: Morph, tags: tuple[str, ...]) -> bool:
    """Whether two morphemes are -어/아 오다 (부과해 왔다: has been doing), 오다 tagged as one of ``tags``."""
    return ending.tag == "EC" and ending.form in ("어", "아") and verb.lemma == "오다" and verb.tag in tags


def _ko_aspect(tail: tuple[Morph, ...]) -> str:
    """Background from aspect: -아/어 오다 (부과해 왔다: has been doing), -ㄴ 바 있다 (has done
    before), -었었다 (had done); a description (…와 마찰을 빚고 있는 지역이다) reports nothing."""
    for k, m in enumerate(tail):
        if m.tag == "EF" or m.tag == "SF":
            break
        if m.tag == "EP" and m.form == "었었":  # Kiwi's one morpheme for -었었- (인하했었다)
            return "-었었-: past perfect"
        nxt = tail[k + 1] if k + 1 < len(tail) else None
        if nxt is None:
            break
        if _ko_has_been(m, nxt, ("VX", "VV")):
            return "-어 오다: an ongoing earlier measure"
        if m.tag == "ETM" and nxt.form == "바":
            return "-ㄴ 바 있다: done before"
        if m.tag == "EP" and m.form == "었" and nxt.form == "었":
            return "-었었-: past perfect"
        relative = m.tag == "ETM" and m.form not in ("ᆯ", "을", "ㄹ")  # not a plan (완화할 예정이다)
        described = nxt.tag == "NNG" and nxt.form not in _KO_STATE_HEADS  # not 확대되는 양상이다
        if relative and described and any(x.tag == "VCP" for x in tail[k + 2 : k + 4]):
            return "a relative clause describing a noun"
    return ""
