"""Detect US-China topics and agreement/dispute events, each event with its evidence sentence.

The taxonomy (topics, actors, cue lexicons) is data in ``topics.yaml``. A topic counts only when
the article ties it to the US-China relationship (both sides named) and is salient enough; an
event is a sentence where an agreement or dispute cue governs a topic term, not negated, not
hedged, and not separated from it by reported past context ("... since Pelosi's visit to Taiwan").
Pure function of its inputs.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from newsmon.cues import CueLexicon
from newsmon.en_frames import ai_as_goods, ai_as_means, body_gathering, body_held, named_gathering, taiwan_listed
from newsmon.en_recall import channel_refused
from newsmon.english import tokens as english_tokens
from newsmon.ko_joint import split_mentions
from newsmon.korean import HANGUL as _HANGUL
from newsmon.predicate import Reading, gloss_start, ko_amid_offset, read_english, read_korean, since_dates_a_first
from newsmon.records import Article, Event, Finding
from newsmon.taxonomy import Hit, Lexicon, Taxonomy
from newsmon.taxonomy import load_taxonomy as load_taxonomy
from newsmon.taxonomy import merge_taxonomy as merge_taxonomy
from newsmon.taxonomy import taxonomy_from_dict as taxonomy_from_dict

# Round twelve: a topic term that names the goods it holds back (희토류 수출 통제, rare earth exports, chip
# curbs) is no control on fentanyl precursors, so a fentanyl term beside it (the fentanyl tariff cut in
# the same deal) does not take it over (guideline: controls on fentanyl precursors are fentanyl; dev:
# ko-002, ko-004, en-140, each a deal trading a rare-earth control pause for a fentanyl tariff cut).
# The goods are in the term or in the word just before it (반도체 수출 통제, chip export controls).
_OWN_GOODS = {"export_controls": re.compile(r"희토류|반도체|칩|rare[- ]earth|chip|semiconductor", re.IGNORECASE)}
OWN_GOODS_REACH = 8
# Round eleven: a sentence that refers back to an article's export controls by a bare noun ("The
# listings are intended to restrict China's ability to develop ... advanced AI") is about those
# controls: its AI is what they hold back, export_controls and not ai (guideline: export controls on
# AI are export_controls, not ai). The anaphor counts only where the article names the controls.
_EN_TOPIC_ANAPHORS = {
    "export_controls": re.compile(
        r"\b(?:the|these|those|such|its|their)\s+(?:new\s+)?(?:listings?|blacklistings?|curbs|controls|restrictions)\b",
        re.IGNORECASE,
    )
}

# A topic needs this much salience: a title or deck mention counts 2, a body mention 1. One
# passing body mention ("clashed over the South China Sea") is context, not the story's topic.
# A Korean sentence names a topic once however many of its terms it holds: Korean copy glosses a
# term in parentheses (펜타닐(Fentanyl), 인공지능(AI)), which is one naming (dev: 2 false topics gone,
# 2 true ones of single sentences lost). English counts each term (there it lost 2 true topics).
MIN_TOPIC_SCORE = 2
# Which mentions count toward salience: "own" = only those in the headline and deck or in a
# sentence that itself names both sides or the pair (양국, "both sides"); "any" = every tied mention.
SALIENCE_TIE = "own"
# A salient topic below SALIENT_WITHOUT_PREDICATE also needs one tied sentence with a governing
# predicate (even hedged, negated or an appeal): a topic only ever named ("무역협상 기대감에 코스피
# 상승") is the market's context.
# From this score on a topic is the article's without any predicate speaking of it: named in the
# headline and again in the body, it is what the story is about.
SALIENT_WITHOUT_PREDICATE = 4
HEADLINE_WEIGHT = 2
# A friction noun at most FRICTION_REACH characters before an English topic term takes it as what the
# friction is over: the term describes an agreement's setting, the agreement does not govern it.
FRICTION_REACH = 60
_FRICTION_OVER = re.compile(
    r"\b(?:tensions?|divisions?|differences|disputes?|rivalry|frictions?|spat|row|standoff)\s+(?:between\s+[^,;]*?\s+)?"
    r"(?:over|about|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A market wrap: the headline or the lead reports prices moving ("Asian Shares Gain on Hopes for
# Progress on China-US Trade", "Asian markets sought direction ... as traders awaited ... trade talks").
# The trade talks and tariffs it names are the market's mood: there a topic is the article's only
# where it reports an event on it, never from salience alone (dev: two Asian market wraps).
_MARKET_MOVE = re.compile(
    r"\b(?:shares|stocks|markets|equities|indexes|indices|benchmarks|bourses|futures|Nikkei|Hang Seng|Kospi|"
    r"Dow|Nasdaq|S&P)\b[^.]{0,60}?\b(?:rose|rise|rises|fell|fall|falls|gain|gains|gained|slipped|slip|dropped|"
    r"climbed|edged|tumbled|rallied|sank|surged|mixed|higher|lower|sought direction|little changed|steady)\b",
    re.IGNORECASE,
)
# A third country paired with China in the headline or lead ("the EU and China still can't get along",
# "China, Philippines to manage S. China Sea differences", "EU-China summit"): the story is that pair's,
# the US its backdrop; as in a market wrap, a topic is then the article's only by a reported event
# (dev: four such openings, all hard negatives, one flagged by salience alone).
_THIRD = (
    r"(?:the\s+)?(?:EU|European\s+Union|Europe|Brussels|Japan|Tokyo|Philippines|Manila|Australia|Canberra|Canada|"
    r"Ottawa|India|New\s+Delhi|Vietnam|Hanoi|South\s+Korea|Seoul|Russia|Moscow|Britain|Germany|Berlin|France|Paris|Mexico)"
)
_THIRD_PARTY_PAIR = re.compile(
    rf"\b{_THIRD}(?:\s*,\s*|\s+and\s+|\s*[-\u2013]\s*)(?:China|Beijing)\b"
    rf"|\b(?:China|Beijing)(?:\s*,\s*|\s+and\s+|\s*[-\u2013]\s*){_THIRD}\b",
    re.IGNORECASE,
)
# A third country named in an English body sentence that names only one side ("Japan imposed tariffs on
# goods from China"): the sentence reports that pair's affair, and a neighbour naming the other side
# does not make it a US-China one (guideline: China-EU EV tariffs, Korea-Japan export controls are no
# US-China topics "even when Washington and Beijing appear elsewhere"). Names as written (capitalised).
# The third country by its adjective too ("Japanese and Chinese officials agreed ...", "the Philippine
# government"); not "Indian Ocean". Each name starts with its plain first letter, the word-start check
# after it: ``re`` then skips to candidate letters instead of trying every position (a 1,700-sentence
# scan costs 0.06 ms an article with a leading ``\b``).
_THIRD_NAMES = (
    "EU", "European Union", "Europe", "Brussels", "Japan", "Tokyo", "Philippines", "Manila", "Australia", "Canberra",
    "Canada", "Ottawa", "India", "New Delhi", "Vietnam", "Hanoi", "South Korea", "Seoul", "Russia", "Moscow",
    "Britain", "Germany", "Berlin", "France", "Paris", "Mexico", "Japanese", "European", "Philippine", "Filipino",
    "Australian", "Canadian", "Indian", "Vietnamese", "South Korean", "Russian", "British", "German", "French",
    "Mexican", "North Korea", "North Korean", "Pyongyang", "Malaysia", "Malaysian", "Kuala Lumpur", "Indonesia",
    "Indonesian", "Jakarta", "Singapore", "Singaporean", "Thailand", "Thai", "Iran", "Iranian", "Tehran", "Pakistan",
    "Pakistani", "Brazil", "Brazilian", "Ukraine", "Ukrainian", "Kyiv", "Israel", "Israeli", "Saudi Arabia", "Saudi",
    "Turkey", "Turkish",
)
_THIRD_NAMED = re.compile(
    "|".join(
        rf"{n[0]}(?<!\w.){re.escape(n[1:]).replace(chr(92) + ' ', chr(92) + 's+')}(?!\w)"
        + (r"(?!\s+Ocean)" if n == "Indian" else "")
        for n in sorted(_THIRD_NAMES, key=len, reverse=True)
    )
)
# A place where the act happens, "in Paris", "at talks in Tokyo", is a venue, no third party (not
# "in Japan's waters": a possessive names the country as a party).
_EN_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
# A country after its city, "in Bangkok, Thailand", "at the summit in Busan, South Korea", is that venue's
# too (dev: en-369's Harris-Xi exchange "at the APEC forum's summit in Bangkok, Thailand" read as Thailand's
# affair, the summit lost; Busan, Kuala Lumpur, Osaka, Gyeongju, Bali besides). Not "in the US, ...".
_EN_CITY_VENUE = re.compile(r"\b(?:in|at)\s+(?:[A-Z][\w.'\u2019-]*\s+){0,2}[A-Z][\w.'\u2019-]*,\s*$")
CITY_VENUE_REACH = 40  # characters before the country's name: "in Kuala Lumpur, " with room to spare
# An English story whose opening (its first headline segment, after a dateline) has a third country for
# its subject ("Mexico said it would slap a 50% tariff on Chinese car imports, acquiescing to US pressure",
# "Canada's government says it is imposing a 100% tariff ... that matches U.S. tariffs", "Japan's
# restrictions on the export of chip-making equipment went into effect ... as part of US-led measures")
# is that country's affair with a side: the US and China named elsewhere in it are its backdrop
# (guideline: China-EU EV tariffs are no US-China topic "even when Washington and Beijing appear
# elsewhere"). There only a sentence naming the two sides as a pair (_EN_SIDES_PAIRED) is tied. Not when
# the US shares the subject ("Philippines, US condemn ..."). Dev: 24 such openings, 23 hard negatives
# (en-374, -378, -383 flagged before) and one positive whose US-China sentence names the third country.
_EN_LEAD_ARTICLE = re.compile(r"[\s\u2014\u2013-]*(?:the\s+)?", re.IGNORECASE)
_EN_US_BESIDE = re.compile(
    r"[^,;:]{0,40}?(?:,\s*(?:(?:along|together)\s+with\s+)?|\s+(?:and|with|along\s+with|together\s+with|joined\s+by)\s+)"
    r"(?:its\s+[\w\s]{0,20}?,\s*)?(?:the\s+)?(?:U\.S\.|US\b|United\s+States|Washington|America)"
)
_EN_US = r"(?:U\.S\.(?:A\.)?|US\b|USA\b|United\s+States|America\b|Washington)"
_EN_CN = r"(?:China|Beijing|Chinese)"
_EN_SIDES_PAIRED = re.compile(
    rf"\b{_EN_US}\s*[-\u2013/]\s*{_EN_CN}|\b{_EN_CN}\s*[-\u2013/]\s*{_EN_US}|\bSino-(?:US|U\.S\.|American)\b"
    rf"|\b(?:[Tt]he\s+)?{_EN_US}\s+and\s+{_EN_CN}|\b{_EN_CN}\s+and\s+(?:the\s+)?{_EN_US}"
)
# In such a sentence the other side may be named only as the backdrop of the third country's act, in
# a clause of following or aligning, up to its comma ("Following Washington's lead, Japan tightened
# export controls on chips to China", "..., in line with U.S. policy"): that naming ties nothing.
_EN_BACKDROP = re.compile(
    r"\b(?:following|after|in\s+line\s+with|like|joining|echoing|under\s+pressure\s+from|at\s+the\s+urging\s+of)\b[^,;]*",
    re.IGNORECASE,
)
# Round eight: cooperation promised "with regional countries", "with its allies", "with Japan" is the third
# party's, no US-China agreement (guideline: an agreement is one between the US and China; China-EU or
# Korea-Japan affairs are no US-China topics; dev: China's "commitment to collaborating with regional
# countries to uphold peace and stability in the South China Sea" read as a US-China agreement). The
# partner follows the predicate by "with", at most WITH_REACH words after it.
WITH_REACH = 2
_EN_WITH = re.compile(rf"\W*(?:[\w'-]+\s+){{0,{WITH_REACH}}}?with\s+(?:the\s+)?", re.IGNORECASE)
_EN_THIRD_PARTNERS = re.compile(
    r"(?:(?:its|their|other|regional|neighbou?ring|like-minded|key|Asian|Western)\s+)*"
    r"(?:regional|other|neighbou?ring)\s+(?:countries|nations|states)\b|(?:its|their)\s+(?:allies|partners)\b",
    re.IGNORECASE,
)
_AGREEMENT_CATEGORIES = frozenset(("agree", "cooperate", "consult"))
# The campaign trail in the headline or lead (a rally, a nomination speech, a candidate's ad): US domestic
# politics, where China's name and trade talk are the stump's, not a US-China topic by salience alone
# (dev: four such openings, all hard negatives: a nomination-speech preview, two rallies, a Senate ad).
_CAMPAIGN = re.compile(
    r"\b(?:campaign(?:s|ing)?|rall(?:y|ies)|nomination|nominee|candidates?|stump|running\s+mate)\b", re.IGNORECASE
)
# Openings that frame an English story as something else than the US-China relationship: a topic of
# such an article is one it reports an event on, never one salient alone.
_FRAMES = {"market wrap": _MARKET_MOVE, "third country": _THIRD_PARTY_PAIR, "campaign trail": _CAMPAIGN}
# English verbs by which one side states its position to the other ("Austin underscored the importance
# of freedom of navigation in the South China Sea", "reiterated its opposition"): a topic they
# govern is a stated position, the article's topic from one tied mention.
STANCE_VERBS = frozenset(("underscore", "emphasize", "emphasise", "stress", "reiterate", "reaffirm", "insist"))
_STANCE_STEMS = re.compile(r"(?i:underscor|emphasi[sz]|stress|reiterat|reaffirm|insist)")
# A mention this many characters after a list opener ("including", "such as"), with no clause break
# between, is one item of a list of issues: it adds nothing to the topic's salience.
LIST_REACH = 100
_LIST_OPENER = re.compile(r"\b(?:including|such as|ranging from)\b[^;:()\u2014\u2013]*$", re.IGNORECASE)
# A dispute predicate over a list of issues ("clash over a slew of issues including semiconductor
# access, investment and tariffs", "clashed over issues such as territorial claims, trade tensions and
# Taiwan") names the topics as some of many frictions, no act on one of them (guideline: a list of past
# disputes is context; dev: en-382 made a false tariffs dispute, en-373 a false taiwan one from "raised
# concerns on key issues such as ..."; en-268 reads the same).
_EN_ISSUES_LISTED = re.compile(
    r"\b(?:issues|matters|fronts|disputes|topics)\s+(?:including|such\s+as|ranging\s+from)\b[^;:()\u2014\u2013]*$",
    re.IGNORECASE,
)
# A wire dateline opening a body paragraph ("TAIPEI (Taiwan News) —", "Taipei, Oct. 30 (CNA)") names
# where the copy was filed and by whom: a venue, no topic mention (guideline; dev: three Taipei
# datelines). An all-caps place of 3+ letters with a dash or an outlet in parentheses, or a place
# written in title case with a date and the outlet.
_EN_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Z][A-Za-z.'-]*){0,3}?(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?"
    r"(?:\s*\([^()]{1,30}\)\s*[-–—]?|\s+[-–—])\s"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2}\s*\([^()]{1,30}\)\s"
)
# An opener setting something aside ("In addition to the tariff discussions, US officials raised
# concerns about fentanyl"; "Aside from military communications, ..."): a topic named in it is what
# the main clause adds to, not what its predicate reports (dev: 3 sentences).
_EN_ASIDE_OPENER = re.compile(r"(?:In addition to|Aside from|Apart from|Besides)\b[^,;:]*,")
# A verb of protest whose object is a definite noun pointing back ("A spokesperson condemned the charges",
# "Both Manila and the US denounced the actions", "they oppose the action"): the act protested is the
# one the sentence before reported, so the protest is on that sentence's topics (dev: 2 missed disputes,
# 6 sentences in all, none in a hard negative).
_EN_PROTESTED_ANAPHOR = re.compile(
    r"\b(?:condemn|denounc|criticiz|criticis|protest|reject|slam|oppos|decr)\w*\s+((?:the|these|those|this|such)\s+"
    r"(?:[\w-]+\s+)?(?:charges|actions?|moves?|sanctions|measures?|indictments?|accusations?|allegations?|decision|steps?))\b",
    re.IGNORECASE,
)
# A Korean anaphor pointing back to the act the sentence before reported (중국군은 이에 강력히 반발했다,
# 중국 외교부는 이번 조치를 규탄했다, 해당 조치에 반대한다): a sentence naming no topic but reacting to it is
# on that sentence's topics, as English "condemned the charges" is (dev: 3 reaction sentences read, ko-010,
# -170, -206, each in an article already found by another; none in a hard negative). 이에 따라/상응 is a
# consequence ("accordingly"), not a reaction.
# The nouns are the English list's (the charges, the indictments, the measures, the moves: 기소, 혐의,
# 조처, 행보; round eight, dev: ko-284 이번 기소가 …침해한 것이라며 규탄했습니다).
_KO_ANAPHOR = re.compile(
    r"(?<![가-힣])(이에(?!\s*(?:따라|상응))|이를|(?:이번|이\s?같은|이러한|해당|이)\s?"
    r"(?:조치|조처|결정|합의|제재|움직임|행보|기소|혐의))"
)
# A definite description of a place pointing back to a place topic named just before ("provocations in
# nearby waters", "warned it to leave the area"): a sentence naming no topic but such a place is on that
# topic, when one of the PLACE_REACH sentences before it names the topic (dev: 2 missed South China Sea
# disputes gained, en-157, -263, no new error; Taiwan's "the island" has no dev case and is left out).
_EN_PLACE_ANAPHOR = {
    "south_china_sea": re.compile(
        r"\b((?:nearby|surrounding|adjacent|those|these|the|its|disputed)\s+waters|the\s+(?:area|shoal|reef|atoll))\b",
        re.IGNORECASE,
    ),
}
PLACE_REACH = 3
# Round fifteen: the act a bare reaction answers is often told over a paragraph or two (the sale approved,
# its size, the weapons, then 중국 외교부는 강하게 반발했다): the reaction is on the topics of the nearest of
# this many sentences before it that names one, the side acting named on the way (dev: ko-429, a Harpoon
# sale to Taiwan, four sentences back; same part only; the reaction's pattern matches two dev sentences).
BARE_REACTION_REACH = 5
# A Korean reaction said with no object at all (중국은 반발했다, 중국 외교부는 즉각 항의했다): Korean drops
# an object the context gives, so the reaction is to the act the sentence before reported, as with 이에
# (dev: ko-310, after a US fact-sheet change on Taiwan; the whole sentence must be subject, adverb, verb).
_KO_BARE_REACTION = re.compile(
    r"((?:중국|미국|中|美)(?:\s*(?:정부|외교부|국방부|상무부|당국|측))?)(?:은|는|이|가|도)\s+"
    r"(?:(?:즉각|강하게|강력히|거세게|크게|곧바로|즉시|반대로)\s+)?(?:반발|항의|규탄|반대|비난|발끈)(?:했다|하고\s나섰다)\.?$"
)
# APEC is the topic only where a US-China meeting is placed at or around its summit (guideline). A
# mention qualified as another gathering ("on the margin of the APEC gathering", "the Asia-Pacific
# Economic Cooperation (Apec) session in Detroit", "the APEC ministerial") in an article that never
# names the summit or its leaders (_EN_SUMMIT, SUMMIT_REACH characters either side of a mention) places
# talks on the margin of a ministers' session: no apec mention (dev: en-373, Tai-Wang Wentao in Detroit).
# The ministers' own meeting is left alone: the unit set holds a clash of APEC trade ministers as apec.
_EN_NOT_SUMMIT = re.compile(
    r"\)?\s*(?:\(\w+\)\s*)?(?:(?:trade|finance|foreign|senior\s+officials['\u2019]?|ministers['\u2019]?|ministerial)\s+)*"
    r"(?:gathering|session|ministerial)\b",
    re.IGNORECASE,
)
# Round eleven: two topic terms joined as one list ("in the South China Sea and the Taiwan Strait"); a
# topic an English article names only so is a theatre named in passing (dev: en-413's closing gloss).
_EN_COORDINATED = re.compile(r",?\s+(?:and|or|as\s+well\s+as)\s+(?:the\s+|in\s+the\s+)?", re.IGNORECASE)
# Round eleven: the word right after a topic term ("APEC Summit"), which a yield verb's object may be:
# a host cancelling the summit itself is host-city logistics, no US-China dispute (guideline: apec
# only where a US-China meeting is placed at the summit; dev: en-409, "Chile Cancels November APEC
# Summit", read as an apec dispute).
_EN_TERM_TAIL = re.compile(r"[\w-]+(?:\s+\([\w-]+\))?\s+(\w+)")
_EN_SUMMIT = re.compile(r"\b(?:summit|leaders|retreat)", re.IGNORECASE)
SUMMIT_REACH = 80
# Taiwan named as one claimant of the South China Sea beside others ("restrictions on innocent passage
# imposed by the People's Republic of China (PRC), Taiwan, and Vietnam", "imposed by China and Taiwan",
# "claimed by Brunei, Malaysia, the Philippines, Taiwan, and Vietnam") in a sentence on the sea (a South
# China Sea term or a word of its law, _EN_SEA_LAW): a party to the sea's claims, no taiwan mention
# (dev: two FONOP statements, en-310, -368, gave a false taiwan dispute; three claimant lists besides).
_EN_CLAIMANTS = r"(?:China|PRC\)?|Vietnam|(?:the\s+)?Philippines|Malaysia|Brunei|Indonesia)"
_EN_CLAIMANT_BEFORE = re.compile(rf"\b{_EN_CLAIMANTS},?\s+(?:and\s+)?$")
_EN_CLAIMANT_AFTER = re.compile(rf",?\s+(?:and\s+)?{_EN_CLAIMANTS}(?!\w)")
_EN_SEA_LAW = re.compile(r"\b(?:freedom[- ]of[- ]navigation|innocent\s+passage|FONOPs?|territorial\s+claims)\b", re.I)
# A gloss on Taiwan's own ties with the US ("it reaffirmed Taiwan's partnerships with the US",
# "US-Taiwan relations", "its enduring commitment to Taiwan, as outlined in the Taiwan Relations Act and
# the Six Assurances") is no US-China agreement (guideline: an agreement is between the US and China).
# The US-Taiwan instruments count only without the One China policy or the communiques beside them,
# which a US reassurance to Beijing cites (dev: en-401, en-160 gave a false taiwan agreement).
_EN_US_TAIWAN_TIES = re.compile(
    r"\bTaiwan(?:['’]s)?\s+(?:\w+\s+){0,2}(?:partnerships?|ties|relations(?:hip)?|friendship)\s+with\s+"
    r"(?:the\s+)?(?:U\.?S\b|United\s+States|Washington|America)"
    r"|\b(?:U\.?S\.?|American)[-–]Taiwan(?:ese)?\s+(?:ties|relations|partnership|friendship)"
    r"|\bTaiwan[-–](?:U\.?S\b|American)\s+(?:ties|relations|partnership|friendship)"
    r"|\bTaiwan\s+Relations\s+Act\b.*\bSix\s+Assurances|\bSix\s+Assurances\b.*\bTaiwan\s+Relations\s+Act",
    re.IGNORECASE,
)
_EN_ONE_CHINA = re.compile(r"\bOne[- ]China\b|\bcommuniqu", re.IGNORECASE)
# The same in Korean: cooperation with Taiwan itself (‘대만 군사 협력’, 대만과의 방산 협력), the
# reason China gives for its sanctions on US arms makers, is Taiwan's, no US-China agreement (guideline:
# an agreement is between the US and China; dev: ko-316's headline). The words between name no side.
_KO_TAIWAN_COOPERATION = re.compile(r"대만(?:과의|와의|과|와)?\s+(?:(?![^\s]*(?:미|중|양국))\S+\s+){0,2}\S*협력")
_KO_ONE_CHINA = re.compile(r"하나의\s*중국")
# Sentences either side of a mention that may supply the other side of the US-China pair.
NEIGHBOURHOOD = 1
# Confidence is a heuristic rank of evidence, in the inverted-pyramid spirit of news copy: the
# headline and deck state the news, the first body sentences (the lead) report it, later ones add
# detail and background. Explicit actors in the sentence and a cue close to the term add to it.
BASE_CONFIDENCE = 0.5
BOTH_ACTORS_BONUS = 0.2
ONE_ACTOR_BONUS = 0.1
HEADLINE_BONUS = 0.25
LEAD_SENTENCES = 3
LEAD_BONUS = 0.1
# characters between cue and term per 0.1 of confidence lost (at most 0.2)
DISTANCE_SCALE = 1000
# Sentences longer than this are not evidence an analyst can read at a glance; they are split
# text runs (tables, lists) and skipped.
MAX_SENTENCE_CHARS = 600
# Topics that are channels themselves: a dispute *on* them is only one that suspends, cuts off or
# refuses the channel; what a call or meeting disputes is filed under the topics it names
# (guideline: what a defence meeting says about Taiwan is labelled under taiwan).
CHANNEL_TOPICS = frozenset(("military_channels",))
CHANNEL_DISPUTES = frozenset(("yield", "reduce_relations", "reject"))
# A dispute voiced in a channel that names no other topic ("중국이 미국과 군사 대화 채널을 통해 도발에
# 대응하겠다는 입장을 전달했다") has nowhere else to be filed: it is a dispute in the channel's news.
CHANNEL_DISPUTE_ON_ITS_OWN = True
# Acts that take two sides: a meeting (consult), and in Korean a deal or cooperation too. Named
# together in the sentence (or the headline block, or 양국): China–Vietnam patrols "협력" beside a
# US drill in the next sentence is no US–China agreement. (English keeps consult only: there the
# same rule traded en dev topic recall 0.84 -> 0.82 for precision 0.91 -> 0.92.)
# Objects by which an English carrier holds a meeting ("held talks", "held their first meeting"): the
# reading is then a consult's, and speaks only of its topics (talking about Taiwan agrees nothing on it;
# dev: a defence-chief meeting that "traded warnings over Taiwan" read as a Taiwan agreement).
EN_MEETING_OBJECTS = frozenset(("meeting", "meetings", "talks", "talk", "summit", "call", "dialogue", "consultation",
                                "consultations", "negotiation", "negotiations"))
BILATERAL = frozenset(("consult",))
KO_BILATERAL = frozenset(("agree", "cooperate"))
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Adm|St|Jr|Sr|No|Inc|Corp|Co|Ltd|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)
# A sentence ends at . ! ? before white space; an ellipsis separates headline segments
# ("…합의…\"우발적 충돌 막는다\"") even with no space after it.
# Korean copy also runs sentences together after a final ending (밝혔습니다.17일, 보도했다.WSJ는): a
# full stop after 다/요 ends a sentence whatever follows.
_BOUNDARY = re.compile(r"…|\.\.\.|[.!?]+[\"'”’)\]]*(?=\s)|(?<=[다요])\.(?=[^\s.])")
# A Korean market report's headline: a market and a price move (코스피 … 상승했다, 뉴욕증시 … 상승 마감).
# Its trade-talk mentions are what moved prices (dev: two trade-hopes wraps, both hard negatives,
# salient from the headline and the lead); such an article has a topic only through a reported event.
# A Korean friction noun right after a topic term (남중국해 영유권 분쟁, 대만 갈등, 남중국해에서 긴장): the
# term is what the friction is over, the setting of an agreement after it (as FRICTION_REACH in English).
_KO_FRICTION_AFTER = re.compile(r"\S*\s*(?:영유권\s*)?(?:분쟁|갈등|긴장|마찰|대립)")
# Korean verbs by which a side states its position (재확인, 강조, 천명, 역설, 표명), said as verbs.
_KO_STANCE = re.compile(r"(?:재확인|강조|천명|역설|표명)(?:했|하였|한다|하고|하며|하면서|해)")
# A US-China meeting held on the occasion of a summit (APEC 정상회의를 계기로 만나 정상회담을 가졌다, …계기로
# 만난 미중 정상이): the meeting is reported as held, at that venue, whatever the main clause then says
# (dev: ko-262, ko-263). Past forms only: 계기로 만날/회담하기로 is a plan, 열린 … 계기로 합의 its
# agreement's own predicate reads already.
# Round thirteen: so is a meeting in the summit's host city (APEC 정상회담이 열리고 있는 미국 하와이에서 만나 …;
# dev: ko-401; ko-111's 회의가 열리는 … 우드사이드에서 … 회동을 시작했다 is read by its own predicate): the
# place the summit is held, up to three words, then 에서 and a verb of meeting done (만나지 않았다 is not).
_KO_OCCASION_MET = re.compile(
    r"\)?\s*(?:정상\s?회의|정상\s?회담|회의)?\s*[을를]\s*계기로\s*(?:만나|만난|만났|회동한|회동했)"
    r"|\)?\s*(?:정상\s?회의|정상\s?회담|회의)?\s*[이가]?\s*(?:열리(?:고\s?있)?는|열린|개최되(?:고\s?있)?는|개최된)\s+"
    r"(?:[^\s.]+\s+){0,3}?[^\s.]*에서\s+(?:만나|만난|만났|회동한|회동했|회담했|회담한)(?!지)"
)
# A transit said in the clause just before a dispute predicate's own (함정이 타이완해협을 통과해 경계 태세를
# 유지하고 있다, …해역에 진입하자 강력히 항의했다): the transit is what the side disputes, so the predicate
# governs the topic named in it (guideline: military confrontation or protests over a transit; dev:
# ko-275, two sentences). Searched at the end of the text between the topic and the predicate's clause.
_KO_TRANSIT_CAUSE = re.compile(r"(?:통과|진입|항행)(?:해|하자|하면서|한 데 대해|했다[\"”']?\s*며)[\s\"“']*$")
# A request conceded just before a refusal (미중 국방장관 통화 요청했지만 거절당해, 회담을 요청했으나 중국이
# 거부했다): what is refused is what was asked, so the refusal governs the topic named in the request
# (guideline: a channel topic takes a dispute from refusing the channel; dev: ko-412's headline and deck).
# 요청 is an appeal cue, so its clause was a subordinate one of its own; 제안했으나/시도했지만, no cue, read already.
_KO_REQUEST_CONCEDED = re.compile(r"(?:요청|제안|제의|타진|시도)(?:했|하였|했었)(?:지만|으나|는데)[\s,]*$")
# A side saying it sees no need or reason to meet the other (시진핑 만날 필요 없어, APEC회의에서 만날
# 예정이었지만 지금은 그럴 이유가 없어 보인다): a refusal to meet, a dispute on the meeting's venue (CAMEO 12
# reject; dev: ko-117's headline, ko-118, both labelled apec disputes). Only for an APEC mention.
_KO_MEETING_REFUSED = re.compile(
    r"(?:만날|만나야\s?할|회담할|회동할)\s?(?:필요|이유)[가는도]?\s?없"
    r"|만날\s?예정이었(?:지만|으나)[^.]{0,30}?그럴\s?(?:필요|이유)[가는도]?\s?없"
)
# Recalled context: the occasion is history, not the news (지난해, 당시, …한 바 있다).
_KO_RECALLED = re.compile(r"지난해|지난달|당시|앞서|바 있")
# 환율조작국 (a currency manipulator, a trade designation: dev ko-387) names no market, whose moves round
# fifteen widened to levels reached (최고, 돌파), which a designation story's headline may also say
_KO_MARKET = re.compile(r"증시|코스피|코스닥|다우지수|나스닥|주가|환율(?!\s?조작)|국채 금리")
# Round fifteen: a move also said as a level reached or a lurch (환율 9개월래 최고, 2200선 회복, 1,130원 돌파,
# 원화 추락): the same market report (dev: ko-421, a won close headlined "…우려에...원·달러 환율 9개월래 최고")
_KO_MARKET_MOVE = re.compile(
    r"상승|하락|마감|급등|급락|반등|강세|약세|오르|내리|올라|떨어|최고|최저|돌파|넘어|넘었|치솟|추락|폭락|폭등|회복|출렁"
)
# A third country named in a Korean sentence that names only one side (일본은 중국산 제품에 관세를 …,
# 중국은 필리핀 선박에 …): the sentence is about that pair, not tied to the US or China named in the
# next one (guideline: Korea-Japan export controls, China-EU EV tariffs are no US-China topic).
# 한국 only as a party (한국산, 한국은, 한국과, 한국에 대한, 한국 정부): Korean copy weighs every US-China
# step for Korea (한국 기업, 한국 경제에 미칠 영향), which is no third party to it.
# The South China Sea is kept: its disputes are China's with the claimants (필리핀, 베트남), the US
# their ally, so a claimant named is the sea's setting (dev: 2 true SCS topics lost without this).
_KO_THIRD_SETTING = frozenset(("south_china_sea",))
# A Korean story introduces an official once with their side (제이크 설리번 미 백악관 국가안보보좌관,
# 찰스 브라운 미국 합참의장) and then says the surname and title alone (설리번 보좌관은 …): that later
# sentence names the same side. The titles that make the word before the side a person's name:
_KO_TITLE = r"(?:장관|보좌관|의장|대표|대사|부장|주석|총장|참모장|대변인|차관|위원장|대통령|부총리|총리|국장|사령관)"
_KO_INTRODUCED = re.compile(
    r"(?<![가-힣])([가-힣]{2,5})\s+(미국|미|美|중국|中)\s+(?:[가-힣·]+\s+){0,2}?[가-힣]*" + _KO_TITLE
)
# An English story introduces an official once with their side ("U.S. Vice President Kamala Harris",
# "US Trade Representative Katherine Tai", "Chinese Commerce Minister Wang Wentao") and then says the
# surname alone ("Harris and Xi exchanged remarks"): that sentence names the same side, as in Korean.
# A Chinese name puts the surname first (Wang Wentao: Wang), an American one last (Katherine Tai: Tai).
_EN_TITLE = (
    r"(?:[Vv]ice\s+)?[Pp]resident|[Ll]eader|[Ss]ecretary|[Mm]inister|[Rr]epresentative|[Aa]dvis[eo]r|[Aa]mbassador"
    r"|[Ss]pokes(?:man|woman|person)|[Ee]nvoy|[Pp]remier|[Cc]zar|[Tt]sar|[Aa]dmiral|[Gg]eneral|[Cc]hief"
)
_EN_INTRODUCED = re.compile(
    r"\b(U\.S\.|US|American|United\s+States|Chinese|China[\u2019']s)\s+(?:[\w-]+\s+){0,4}?"
    rf"(?:{_EN_TITLE})\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)\b"
)
_KO_SIDE_WORD = {"미국": "us", "미": "us", "美": "us", "중국": "china", "中": "china"}
# Words the introduction pattern takes for a name but which are none: time and linking words that also
# stand before a side and a title (이날 미 국무부 대변인은, 당시 미국 국무장관, …에 따르면 미 국방부 대변인은).
_KO_NOT_NAMES = frozenset(
    ("이날", "당시", "따르면", "이번", "지난", "현재", "최근", "앞서", "또한", "한편", "특히", "이후", "이어", "함께",
     "그러나", "하지만", "또", "이에", "대해", "통해", "위해", "관련", "역시", "전날", "다음날", "오늘", "어제")
)
_KO_THIRD = re.compile(
    r"일본|유럽연합|유럽|EU|필리핀|캐나다|호주|영국|독일|프랑스|베트남|러시아|멕시코|인도네시아|말레이시아|브라질"
    r"|네덜란드|한국(?=산|은|과|와|에\s*대한|\s*정부)|日(?<![\u4e00-\u9fff].)(?![\u4e00-\u9fff])|중일(?=\s*(?:관계|갈등|정상|외교))"
)
# A third country as the subject of a Korean sentence (EU는 미국에 이어 …, 일본도 …, 네덜란드 정부는 …),
# not paired with a side (미국과 일본은 is the US's act): the act is the third country's, whoever else
# the sentence names (guideline: China-EU EV tariffs are no US-China topic).
# A third country's name, glossed or not (유럽연합(EU)), as the subject patterns below read it.
_KO_THIRD_NAME = r"(?:" + _KO_THIRD.pattern + r")(?:\([A-Za-z]+\))?"
_KO_THIRD_SUBJECT = re.compile(
    r"(?<!미국과 )(?<!미국과)(?<!중국과 )(?<!중국과)" + _KO_THIRD_NAME + r"(?:\s*(?:정부|당국))?(?:은|는|이|가|도)\s"
)
# A many-country subject (미국과 중국, EU, 영국 등 주요국이 …, 미국, 중국 등 28개국과 EU는 …): a multilateral
# act, which the US and China join among others, not one between them (dev: ko-306's two sentences, a
# 28-country AI declaration; a list in a genitive or a 가운데 backdrop, 주요 국가의 국방 수장이, is no subject).
_KO_MULTILATERAL_SUBJECT = re.compile(
    r"등\s*(?:\d+\s*개\s*(?:국|나라)|주요\s*(?:국|국가)|(?:여러|다른)\s*(?:국가|나라)|국가|나라|회원국|참가국)들?"
    r"(?:과\s*\S+?)?(?:이|가|은|는|도)\s"
)
# A multilateral body as the subject (UN(국제연합) 안전보장이사회가 … 회의를 개최했다, 유엔 총회는 … 결의안을
# 채택했다): its meeting or resolution is the forum's act, at which the US and China state parallel positions,
# not one between them (guideline, as the 28-country declaration above; dev: ko-413, ko-393).
_KO_BODY_SUBJECT = re.compile(
    r"(?:유엔|UN|국제연합|세계무역기구|WTO|G20|주요\s?20개국|아세안|ASEAN)(?:\([^)]*\))?\s*"
    r"(?:총회|안전보장이사회|안보리|인권이사회|사무국|회원국들|정상회의)?(?:이|가|은|는)\s"
    r"|(?<![가-힣])(?:안전보장이사회|안보리)(?:이|가|은|는)\s"
)
# A Korean headline opened by a third country as its subject (日, 7월부터 대중 반도체 수출규제, EU, 11번째 …
# 제재 합의, 필리핀 해양경비대가 …): the story is that country's; its US-China mentions are context, a topic
# only where an event is reported (dev: 8 such headlines, all hard negatives; one was flagged, ko-305).
_KO_THIRD_HEADLINE = re.compile(
    r"\s*(?:\[[^\]]*\]\s*)?" + _KO_THIRD_NAME
    + r"(?:\s*(?:정부|당국|집행위원회|해양경비대|해경|외교부|국방부|경제산업성))?(?:,|은|는|이|가)\s"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of English or Korean text; newlines always end one, abbreviations never do."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            end = m.end()
            # only the chunk's tail can end in an abbreviation; searching all of it is quadratic
            if m.group().startswith(".") and len(m.group()) == 1 and _ABBREV.search(line, max(start, end - 24), end):
                continue
            chunk = line[start:end]
            if chunk.strip():
                out.append(chunk.strip())
            start = end
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


@dataclass(frozen=True)
class Mention:
    """A topic term found in a sentence, with its offsets in that sentence."""

    topic: str
    start: int
    end: int
    text: str


def detect(article: Article, taxonomy: Taxonomy | None = None) -> Finding:
    """Topics and events of one article."""
    return _detect(article, taxonomy or load_taxonomy(), None)


def explain(article: Article, taxonomy: Taxonomy | None = None) -> tuple[Finding, list[Candidate]]:
    """Topics and events of one article, with every (sentence, topic mention) weighed as an event:
    its governing predicate, modifiers, and why it was kept or dropped (``newsmon analyze --explain``)."""
    trace: list[Candidate] = []
    return _detect(article, taxonomy or load_taxonomy(), trace), trace


def _detect(article: Article, tax: Taxonomy, trace: list[Candidate] | None) -> Finding:
    """Topics and events of one article; each candidate event appended to ``trace`` when given."""
    headline = [article.title, *article.summary]
    sentences = [(s, True) for h in headline for s in split_sentences(h or "")]
    sentences += [(s, False) for s in split_sentences(article.body)]
    full = "\n".join(s for s, _ in sentences)
    # each lexicon scans the article once; matches are then filed under their sentence
    starts = list(itertools.accumulate((len(s) + 1 for s, _ in sentences[:-1]), initial=0))
    names: list[set[str]] = [set() for _ in sentences]
    for actor, lex in tax.actors.items():
        hits = lex.finditer(full)
        if not hits:  # one side is never named: nothing here is about the US-China relationship
            return Finding(article_id=article.article_id, topics={}, events=[])
        for m in hits:
            names[bisect.bisect_right(starts, m.start()) - 1].add(actor)
    pair = [False] * len(sentences)
    for m in tax.pair.finditer(full):
        pair[bisect.bisect_right(starts, m.start()) - 1] = True
    tied = _tied_with_third_countries(sentences, names, pair, tax)
    per_sentence = _topic_mentions(full, starts, sentences, tied, names, tax)
    scores: dict[str, int] = {}
    terms: dict[str, set[str]] = {}
    named = frozenset(m.topic for ms in per_sentence for m in ms)
    for i, mentions in enumerate(per_sentence):
        per_sentence[i] = mentions = _unsubsumed(mentions, tax.subsumed_by, sentences[i][0], named)
        if _HANGUL.search(sentences[i][0]):  # 펜타닐(Fentanyl), 인공지능(AI): one naming, glossed
            mentions = list({m.topic: m for m in reversed(mentions)}.values())
        for mention in mentions:
            own = SALIENCE_TIE == "any" or names[i] >= set(tax.actors) or pair[i] or sentences[i][1]
            own = own and not body_held(sentences[i][0])  # round fifteen: a UN body's meeting is its own
            if own and not _listed(sentences[i][0], mention.start) and mention.start < gloss_start(sentences[i][0]):
                scores[mention.topic] = scores.get(mention.topic, 0) + (HEADLINE_WEIGHT if sentences[i][1] else 1)
        for mention in per_sentence[i]:
            terms.setdefault(mention.topic, set()).add(mention.text)
    n_headline = sum(1 for _, h in sentences if h)
    events: dict[tuple[str, str], Event] = {}
    weighed: list[Candidate] = trace if trace is not None else []
    for index, (sentence, is_headline) in enumerate(sentences):
        if not per_sentence[index]:
            continue
        prominence = HEADLINE_BONUS if is_headline else LEAD_BONUS if index - n_headline < LEAD_SENTENCES else 0.0
        # a headline segment speaks for the headline, deck and lead together (see _tied_sentences)
        own = set().union(*names[: n_headline + 1]) if is_headline else names[index]
        actors = tuple(sorted(own))
        for event in _events(sentence, per_sentence[index], tax, prominence, index, actors, weighed):
            key = (event.topic, event.kind)
            if key not in events or event.confidence > events[key].confidence:
                events[key] = event
    # a topic is the article's when it is salient or when the article reports an event on it
    salient = _unframed(_article_topics(scores, events, weighed, tax), events, article, sentences[: n_headline + 1])
    topics = {t: tuple(sorted(terms[t])) for t in salient}
    order = {t: i for i, t in enumerate(tax.topics)}  # the taxonomy's order (topics.yaml)
    ordered = sorted(events.values(), key=lambda e: (order.get(e.topic, len(order)), e.kind))
    return Finding(article_id=article.article_id, topics=topics, events=ordered)


def _topic_mentions(
    full: str,
    starts: list[int],
    sentences: list[tuple[str, bool]],
    tied: list[bool],
    names: list[set[str]],
    tax: Taxonomy,
) -> list[list[Mention]]:
    """Per sentence, the topic terms of the tied sentences (none in a dateline), with the Korean terms
    said split by their grammar, a third party's Korean mentions dropped (_ko_drop_third_party) and the
    protests of "the charges" and reactions to 이에 (_add_protested_anaphors)."""
    per_sentence: list[list[Mention]] = [[] for _ in sentences]
    raw: list[list[Mention]] = [[] for _ in sentences]  # every sentence's terms, tied or not
    datelines = [_dateline_end(s) for s, _ in sentences]
    for m in tax.topic_index.finditer(full):
        i = bisect.bisect_right(starts, m.start()) - 1
        if m.start() - starts[i] < datelines[i]:
            continue  # "TAIPEI (Taiwan News) —": where the copy was filed, no topic mention
        mention = Mention(m.label, m.start() - starts[i], m.end() - starts[i], m.group())
        raw[i].append(mention)
        if tied[i]:  # else no US-China tie around this mention: TSMC earnings, a Korean hotline
            per_sentence[i].append(mention)
    _add_split_terms(sentences, tied, per_sentence, tax)
    _ko_drop_third_party(sentences, names, per_sentence, set(tax.actors))
    _add_protested_anaphors(sentences, tied, per_sentence)
    _add_bare_reactions(sentences, names, raw, per_sentence, set(tax.actors))
    _add_place_anaphors(sentences, tied, per_sentence)
    _add_refused_channels(sentences, tied, per_sentence)
    for i, (sentence, _) in enumerate(sentences):
        per_sentence[i] = [m for m in per_sentence[i] if not _sea_claimant(sentence, m, per_sentence[i])]
        per_sentence[i] = [m for m in per_sentence[i] if not ai_as_means(sentence, m.topic, m.start)]
        per_sentence[i] = [m for m in per_sentence[i] if not ai_as_goods(sentence, m.topic, m.end)]
        per_sentence[i] = [m for m in per_sentence[i] if not taiwan_listed(sentence, m.text, m.start, m.end)]
    _drop_ministers_sessions(sentences, per_sentence, tax)
    return per_sentence


def _drop_ministers_sessions(
    sentences: list[tuple[str, bool]], per_sentence: list[list[Mention]], tax: Taxonomy
) -> None:
    """Drop the English mentions of an event-only topic (APEC) qualified as another gathering than the
    summit (_EN_NOT_SUMMIT), when no mention of it in the article has a summit word near (_EN_SUMMIT)."""
    for topic in tax.event_only:
        at = [(i, m) for i, ms in enumerate(per_sentence) for m in ms if m.topic == topic]
        if not at or any(_HANGUL.search(sentences[i][0]) for i, _ in at):
            continue
        if any(_EN_SUMMIT.search(sentences[i][0], max(0, m.start - SUMMIT_REACH), m.end + SUMMIT_REACH) for i, m in at):
            continue
        for i, m in at:
            if _EN_NOT_SUMMIT.match(sentences[i][0], m.end):
                per_sentence[i] = [x for x in per_sentence[i] if x is not m]


def _sea_claimant(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether an English taiwan mention names Taiwan as one claimant of the South China Sea beside
    others (_EN_CLAIMANTS), in a sentence on the sea (a south_china_sea mention or _EN_SEA_LAW)."""
    if mention.topic != "taiwan" or _HANGUL.search(sentence):
        return False
    on_sea = any(m.topic == "south_china_sea" for m in mentions) or bool(_EN_SEA_LAW.search(sentence))
    listed = _EN_CLAIMANT_BEFORE.search(sentence[: mention.start]) or _EN_CLAIMANT_AFTER.match(sentence, mention.end)
    return on_sea and bool(listed)


def _add_place_anaphors(sentences: list[tuple[str, bool]], tied: list[bool], per_sentence: list[list[Mention]]) -> None:
    """Give a tied English sentence that names no topic but a place by a definite description pointing
    back (_EN_PLACE_ANAPHOR: "nearby waters", "the area") that place's topic, when one of
    the PLACE_REACH sentences before it names the topic; at the description."""
    for i, (sentence, _) in enumerate(sentences):
        if per_sentence[i] or not tied[i] or _HANGUL.search(sentence):
            continue
        before = {m.topic for j in range(max(0, i - PLACE_REACH), i) for m in per_sentence[j]}
        for topic in before & _EN_PLACE_ANAPHOR.keys():
            m = _EN_PLACE_ANAPHOR[topic].search(sentence)
            if m:
                per_sentence[i].append(Mention(topic, m.start(1), m.end(1), m.group(1)))


def _add_refused_channels(
    sentences: list[tuple[str, bool]], tied: list[bool], per_sentence: list[list[Mention]]
) -> None:
    """Give a tied English sentence reporting a military meeting, call or visit refused, cancelled or
    not attended (en_recall.channel_refused) a military_channels mention at the meeting, when it names
    none: "China's top naval officer canceled a visit to the US to meet with his American counterpart"."""
    for i, (sentence, _) in enumerate(sentences):
        if not tied[i] or any(m.topic == "military_channels" for m in per_sentence[i]):
            continue
        refused = channel_refused(sentence)
        if refused:
            mention = Mention("military_channels", refused.start("meeting"), refused.end("meeting"), refused["meeting"])
            per_sentence[i] = sorted([*per_sentence[i], mention], key=lambda m: (m.start, -m.end))


def _unframed(
    salient: set[str], events: dict[tuple[str, str], Event], article: Article, opening: list[tuple[str, bool]]
) -> set[str]:
    """The article's topics less those salient alone in a story framed as something else: a Korean
    market report (the talks are what moved prices), a Korean headline a third country opens as its
    subject (_KO_THIRD_HEADLINE) or an English opening frame (_framed_elsewhere)."""
    reported = {t for t, _ in events}
    if _market_report(article.title or "") or _ko_third_headline(article.title or ""):
        return reported
    if salient - reported and _framed_elsewhere([s for s, _ in opening]):
        return reported  # the frame is read only when salience alone makes a topic
    return salient


def _add_split_terms(
    sentences: list[tuple[str, bool]], tied: list[bool], per_sentence: list[list[Mention]], tax: Taxonomy
) -> None:
    """Add the Korean topic terms a tied sentence says split by its grammar (대미 수출을 엄격하게
    통제한다: 수출 통제), read from Kiwi's morphemes; only for topics the sentence does not name already."""
    if not tax.ko_split.by_first:
        return
    for i, (sentence, _) in enumerate(sentences):
        if not tied[i] or not _HANGUL.search(sentence):
            continue
        have = {m.topic for m in per_sentence[i]}
        found = [Mention(*hit) for hit in split_mentions(sentence, tax.ko_split, have)]
        if found:
            per_sentence[i] = sorted(per_sentence[i] + found, key=lambda m: (m.start, -m.end))


def _add_protested_anaphors(
    sentences: list[tuple[str, bool]], tied: list[bool], per_sentence: list[list[Mention]]
) -> None:
    """Give a tied sentence that names no topic but protests "the charges" or "the actions"
    (_EN_PROTESTED_ANAPHOR), or in Korean reacts to 이에/이를/이번 조치 (_KO_ANAPHOR) or with no object
    at all (중국은 반발했다, _KO_BARE_REACTION), the topics of the sentence before it in the same part
    (headline or body), at the anaphor (for a bare reaction, at its subject)."""
    for i in range(1, len(sentences)):
        sentence, headline = sentences[i]
        if headline != sentences[i - 1][1] or per_sentence[i] or not per_sentence[i - 1] or not tied[i]:
            continue
        korean = _HANGUL.search(sentence)
        m = (_KO_ANAPHOR if korean else _EN_PROTESTED_ANAPHOR).search(sentence)
        m = m or (_KO_BARE_REACTION.match(sentence.strip()) if korean else None)
        if m:
            topics = dict.fromkeys(x.topic for x in per_sentence[i - 1])
            per_sentence[i] = [Mention(t, m.start(1), m.end(1), m.group(1)) for t in topics]


def _add_bare_reactions(
    sentences: list[tuple[str, bool]],
    names: list[set[str]],
    raw: list[list[Mention]],
    per_sentence: list[list[Mention]],
    actors: set[str],
) -> None:
    """Give a bare Korean reaction (중국 외교부는 강하게 반발했다, _KO_BARE_REACTION) that names no topic the
    topics of the act it answers: the nearest of the BARE_REACTION_REACH sentences before it, in the same
    part, with a topic term tied to both sides, or with a term where the sentences from it to the reaction
    name both (the sale's sentences name the US and Taiwan, the reaction China), at the reaction's subject."""
    for i, (sentence, _) in enumerate(sentences):
        m = None if per_sentence[i] else _KO_BARE_REACTION.match(sentence.strip())
        if m is None:
            continue
        sides = set(names[i])
        for j in range(i - 1, max(-1, i - 1 - BARE_REACTION_REACH), -1):
            if sentences[j][1] != sentences[i][1]:
                break
            sides |= names[j]
            told = per_sentence[j] or (raw[j] if sides >= actors else [])
            if told:
                topics = dict.fromkeys(x.topic for x in told)
                per_sentence[i] = [Mention(t, m.start(1), m.end(1), m.group(1)) for t in topics]
                break


def _ko_third_headline(title: str) -> bool:
    """Whether a Korean headline opens with a third country as its subject (_KO_THIRD_HEADLINE)."""
    return bool(_HANGUL.search(title) and _KO_THIRD_HEADLINE.match(title))


def _market_report(title: str) -> bool:
    """Whether a Korean headline reports a market move (코스피가 … 무역협상 기대감에 상승했다, 뉴욕증시 …
    상승 마감): the trade news it names is the market's cause, a topic only where an event is reported."""
    return bool(_HANGUL.search(title) and _KO_MARKET.search(title) and _KO_MARKET_MOVE.search(title))


def _article_topics(
    scores: dict[str, int], events: dict[tuple[str, str], Event], weighed: list[Candidate], tax: Taxonomy
) -> set[str]:
    """The article's topics: those it reports an event on, and those salient enough (``scores``)
    that some tied sentence's predicate speaks of; in an article reporting an event, one mention is
    enough where one side states a position on it (an appeal, an English stance verb). An event-only
    topic (APEC) needs a sentence placing a meeting or an agreement at it: held, or in English any
    verb placing a meeting of the two sides there (still to come, or failed), even if the mention
    itself sits in a backdrop ("where the APEC summit was taking place")."""
    placed = {
        c.topic
        for c in weighed
        if c.reading.event and c.reading.category in ("consult", "agree", "carry")
        and not _venue_name(c.sentence, c.at, c.reading)
        and not _gathering(c.sentence, c.at, c.reading)
    }
    placed |= {c.topic for c in weighed if _meeting_placed(c, tax) or _meeting_called_off(c, tax)}
    # any governing predicate of the present, even an appeal; an English one in a background clause
    # reports past context ("after Pelosi visited Taiwan"), which does not make the article about it.
    # Korean background endings (-ㄴ 바 있다, -어 오다) also fire inside a quote within a longer
    # sentence, so there a background predicate still counts (dev: 3 true topics lost otherwise).
    # (not a conference or a multilateral body's meeting, round fifteen: the gathering is no exchange)
    read = {
        c.topic
        for c in weighed
        if c.reading.category and not _past_context(c) and not _gathering(c.sentence, c.at, c.reading)
    }
    # a position stated on the topic, within a US-China exchange the article reports (an event): an
    # appeal on a mention that counts, or a stance verb on any; without an event, a side restating
    # its position (China reiterating its claims against Manila) is no US-China story
    stated = {c.topic for c in weighed if _appeal(c, tax) and c.topic in scores}
    stated |= {c.topic for c in weighed if _stance_verb(c, tax)}
    stated |= {c.topic for c in weighed if _ko_stance(c) and not _named_once(c.topic, weighed)}
    stated = stated if events else set()
    salient = {
        t
        for t, s in scores.items()
        if s >= MIN_TOPIC_SCORE
        and (s >= SALIENT_WITHOUT_PREDICATE or t in read)
        and not _named_once(t, weighed)
    }
    salient = {t for t in salient | stated if t not in tax.event_only or t in placed}
    return {t for t in salient if not _coordinated_once(t, weighed)} | {t for t, _ in events}


def _framed_elsewhere(opening: list[str]) -> str:
    """The frame (_FRAMES) the headline or the lead sentence (English) puts the story in: a market
    wrap, a third country paired with China, the campaign trail; "" when none."""
    english = [s for s in opening if not _HANGUL.search(s)]
    return next((name for name, pattern in _FRAMES.items() if any(pattern.search(s) for s in english)), "")


def _named_once(topic: str, weighed: list[Candidate]) -> bool:
    """True when a Korean article names it in one sentence only (its headline, say): named
    once, it is context, however salient that sentence (English excerpts often name their topic in
    one sentence with two terms: there the rule lost 2 true dev topics, and is not applied)."""
    sentences = {c.sentence_index for c in weighed if c.topic == topic}
    korean = any(_HANGUL.search(c.sentence) for c in weighed if c.topic == topic)
    return korean and len(sentences) < 2


def _coordinated_once(topic: str, weighed: list[Candidate]) -> bool:
    """True when an English article names the topic in one sentence only, coordinated with another
    topic's term ("China's assertiveness in the South China Sea and the Taiwan Strait"): one item of
    a list of theatres, named in passing (guideline: a topic named once in passing is context)."""
    own = [c for c in weighed if c.topic == topic]
    if len({c.sentence_index for c in own}) != 1 or _HANGUL.search(own[0].sentence):
        return False
    others = [d for d in weighed if d.sentence_index == own[0].sentence_index and d.topic != topic]
    return any(_coordinated(c, d) for c in own for d in others)


def _coordinated(c: Candidate, d: Candidate) -> bool:
    """Whether two mentions of one sentence stand joined by "and"/"or" (_EN_COORDINATED), either order."""
    first, second = (c, d) if c.at < d.at else (d, c)
    between = c.sentence[first.at + len(first.term) : second.at]
    return first.at >= 0 and bool(_EN_COORDINATED.fullmatch(between))


def _dateline_end(sentence: str) -> int:
    """Where a wire dateline opening the sentence ends (_EN_DATELINE), else 0."""
    m = _EN_DATELINE.match(sentence) if sentence[:1].isupper() else None
    return m.end() if m else 0


def _listed(sentence: str, start: int) -> bool:
    """Whether the English mention at ``start`` is an item of a list of issues ("issues including
    COVID-19, human rights and Taiwan"): context, not what the article is about (guideline)."""
    return not _HANGUL.search(sentence) and bool(_LIST_OPENER.search(sentence, max(0, start - LIST_REACH), start))


def _meeting_placed(candidate: Candidate, tax: Taxonomy) -> bool:
    """Whether an English sentence places a meeting or an agreement at the topic's venue even though
    it reports none as done: leaders expected to meet at APEC, a summit that failed to agree. The
    predicate must be a verb (the summit's own name, "APEC Summit", places nothing), and a meeting
    one between the two sides, named in the sentence (Biden meeting Japan's leader there is not)."""
    r, text = candidate.reading, candidate.sentence
    if _HANGUL.search(text) or not (r.verb and r.category in ("consult", "agree")):
        return False
    between = r.category != "consult" or _has(tax.pair, text) or all(_has(lex, text) for lex in tax.actors.values())
    return between and candidate.governed and not r.background


def _meeting_called_off(candidate: Candidate, tax: Taxonomy) -> bool:
    """Whether an English sentence calls off the summit (_venue_called_off) a meeting of the two sides,
    named together in it, was to be held at ("Chile Cancels November APEC Summit, Sowing Doubt Over
    Trump-Xi Trade Meeting"): the meeting is placed there, though no dispute is reported."""
    c, text = candidate, candidate.sentence
    if not (c.reading.event and _venue_called_off(text, c.at, c.reading)):
        return False
    both = _has(tax.pair, text) or all(_has(lex, text) for lex in tax.actors.values())
    return both and bool(set(re.findall(r"[a-z]+", text.lower())) & (EN_MEETING_OBJECTS - {c.reading.object}))


def _appeal(candidate: Candidate, tax: Taxonomy) -> bool:
    """Whether the candidate's governing predicate is one side's appeal to the other on the topic, of
    the present ("China urged the United States not to take sides in the South China Sea"): a
    position the sides hold makes the topic the article's, not a passing mention."""
    lex, r = tax.lexicon, candidate.reading
    appeal = lex is not None and lex.roles.get(r.category) == "appeal"
    return appeal and candidate.governed and not (r.background or r.negated)


def _stance_verb(candidate: Candidate, tax: Taxonomy) -> bool:
    """Whether a stance verb (STANCE_VERBS) stands before the English term ("Austin underscored ...
    freedom of navigation in the South China Sea"), the term not in a list nor after reported past
    context: one side's stated position, like an appeal."""
    text = candidate.sentence
    before = text[: max(candidate.at, 0)]
    if not _STANCE_STEMS.search(before) or _HANGUL.search(text) or _listed(text, candidate.at):
        return False  # the stems first: most sentences have no stance verb, and tokens cost
    if _past_context_between(text, -1, candidate.at, tax):
        return False
    return any(STANCE_VERBS & t.lemmas for t in english_tokens(before))


def _ko_stance(candidate: Candidate) -> bool:
    """Whether a Korean stance verb follows the term in its sentence (…타이완 해협의 평화와 안정의 중요성을
    재확인했다, …문제에서 물러나지 않겠다는 입장을 강조했다): one side's stated position, like an appeal;
    named so in two sentences, the topic is the article's (an article reporting a US-China event)."""
    text = candidate.sentence
    if not _HANGUL.search(text) or candidate.reading.background:
        return False
    at = text.find(candidate.term)  # a Korean candidate's sentence is Kiwi's, inside the scaffold's
    return at >= 0 and bool(_KO_STANCE.search(text, at))


def _past_context(candidate: Candidate) -> bool:
    """Whether an English candidate's predicate sits in a background clause (reported past)."""
    return candidate.reading.background and not _HANGUL.search(candidate.sentence)


def _unsubsumed(
    mentions: list[Mention], subsumed_by: dict[str, frozenset[str]], sentence: str = "", named: frozenset = frozenset()
) -> list[Mention]:
    """The sentence's mentions less those another topic of the same sentence takes over: export
    controls on fentanyl precursors are fentanyl (not a term naming other goods, _OWN_GOODS); export
    controls on AI chips are not ``ai``. A topic ``named`` in the article is present too where the
    sentence refers back to it (_EN_TOPIC_ANAPHORS)."""
    present = {m.topic for m in mentions}
    present |= {t for t, anaphor in _EN_TOPIC_ANAPHORS.items() if t in named and anaphor.search(sentence)}
    return [m for m in mentions if not (subsumed_by.get(m.topic, frozenset()) & present) or _own_goods(sentence, m)]


def _own_goods(sentence: str, mention: Mention) -> bool:
    """Whether the mention's term, or the word just before it, names the goods it holds back (_OWN_GOODS)."""
    goods = _OWN_GOODS.get(mention.topic)
    return bool(goods and goods.search(sentence, max(0, mention.start - OWN_GOODS_REACH), mention.end))


def _tied_sentences(
    names: list[set[str]],
    pair: list[bool],
    is_headline: list[bool],
    everyone: set[str],
    third: list[bool] | None = None,
) -> list[bool]:
    """Which sentences tie what they say to the US-China relationship, from the actors each names.

    A body sentence is tied when it names both sides; or when it names one side, or refers to the
    pair ("both sides", "양국"), and a neighbouring sentence names the other, unless (``third``) it
    names a third country beside its one side (English: that pair's affair). A pair reference whose
    neighbours name both sides counts as naming both. The headline, the deck and the lead sentence
    are one neighbourhood: a headline segment is tied when they name both sides between them, unless
    (``third``) it makes a third country an actor beside its one side.
    """
    resolved = [set(everyone) if pair[i] and _near(names, i) >= everyone else n for i, n in enumerate(names)]
    n_head = sum(is_headline)
    head = set().union(*resolved[: n_head + 1])
    tied = []
    for i, own in enumerate(resolved):
        if is_headline[i]:  # a headline pairing a third country with one side is that pair's ("EU slaps ...")
            tied.append(head >= everyone and not (third is not None and third[i] and not own >= everyone))
        elif own >= everyone:
            tied.append(True)
        elif third is not None and third[i] and not pair[i]:
            tied.append(False)
        else:
            tied.append(bool(own or pair[i]) and _near(resolved, i) >= everyone)
    return tied


def _ko_drop_third_party(
    sentences: list[tuple[str, bool]], names: list[set[str]], per_sentence: list[list[Mention]], everyone: set[str]
) -> None:
    """Drop the mentions of Korean sentences that are a third country's (_ko_third_party): what they
    say is between that country and a side, whoever the neighbouring sentences name. A sentence naming
    no side (양국은 …) right after one is about that pair too (일본과 중국은 … 양국은 …)."""
    def third(i: int) -> bool:  # read only for sentences with mentions, and the one before a pair word
        text = sentences[i][0]
        return bool(_HANGUL.search(text) and _ko_third_party(text, names[i] >= everyone))

    for i in range(len(sentences)):
        if per_sentence[i] and (third(i) or (i and not names[i] and third(i - 1))):
            per_sentence[i] = [m for m in per_sentence[i] if m.topic in _KO_THIRD_SETTING]


def _ko_third_party(sentence: str, both: bool) -> bool:
    """Whether a Korean sentence is a third country's: it names one side and a third country, or,
    naming both, has a third country or many countries (_KO_MULTILATERAL_SUBJECT) for its subject."""
    if _KO_BODY_SUBJECT.search(sentence):
        return True
    if both:
        return bool(_KO_THIRD_SUBJECT.search(sentence) or _KO_MULTILATERAL_SUBJECT.search(sentence))
    return bool(_KO_THIRD.search(sentence))


def _tied_with_third_countries(
    sentences: list[tuple[str, bool]], names: list[set[str]], pair: list[bool], tax: Taxonomy
) -> list[bool]:
    """_tied_sentences, where an English sentence naming a third country names a side only outside its
    backdrop clauses (``names`` is updated) and is not tied through its neighbours."""
    _ko_surname_sides(sentences, names)
    _en_surname_sides(sentences, names)
    _ko_backdrop_sides(sentences, names, tax)
    third = [_en_third_headline(s) if h else _en_third_country(s) for s, h in sentences]
    for i, (sentence, _) in enumerate(sentences):
        if third[i] and names[i] >= set(tax.actors):
            names[i] = _named_outside_backdrop(sentence, tax)
    tied = _tied_sentences(names, pair, [h for _, h in sentences], set(tax.actors), third)
    if sentences and _en_third_lead(sentences[0][0]):  # that country's story: the sides tie as a pair only
        return [t and bool(_EN_SIDES_PAIRED.search(s)) for t, (s, _) in zip(tied, sentences, strict=True)]
    return tied


def _ko_backdrop_sides(sentences: list[tuple[str, bool]], names: list[set[str]], tax: Taxonomy) -> None:
    """A Korean body sentence names a side only after its -는 가운데 backdrop (미중간 신경전이 이어지는
    가운데 나온 것이다): the friction it sets the scene with ties neither it nor its neighbours."""
    for i, (sentence, headline) in enumerate(sentences):
        if names[i] and not headline and _HANGUL.search(sentence):
            at = ko_amid_offset(sentence)
            if at:
                names[i] = {a for a, lex in tax.actors.items() if _has(lex, sentence[at:])}


def _en_third_lead(opening: str) -> bool:
    """Whether an English opening segment has a third country for its subject (_THIRD_NAMED after a
    dateline: "Mexico said it would slap ...", "Canada's government says ..."), the US not beside it
    (_EN_US_BESIDE) and the two sides not named as a pair (_EN_SIDES_PAIRED)."""
    if _HANGUL.search(opening) or _EN_SIDES_PAIRED.search(opening):
        return False
    at = _EN_LEAD_ARTICLE.match(opening, _dateline_end(opening)).end()
    name = _THIRD_NAMED.match(opening, at)
    return bool(name) and not _EN_US_BESIDE.match(opening, name.end())


def _ko_surname_sides(sentences: list[tuple[str, bool]], names: list[set[str]]) -> None:
    """Add to ``names`` the side of each official a Korean article introduced with it (_KO_INTRODUCED)
    in the sentences that say the surname and a title alone (설리번 보좌관은 …)."""
    sides: dict[str, str] = {}
    for sentence, _ in sentences:
        for m in _KO_INTRODUCED.finditer(sentence):
            if m.group(1) not in _KO_NOT_NAMES and not m.group(1).endswith("에서"):  # 방콕에서: a place
                sides.setdefault(m.group(1), _KO_SIDE_WORD[m.group(2)])
    _mark_surnames(sentences, names, sides, r"(?<![가-힣])", r"\s*" + _KO_TITLE)


def _en_surname_sides(sentences: list[tuple[str, bool]], names: list[set[str]]) -> None:
    """Add to ``names`` the side of each official an English article introduced with it (_EN_INTRODUCED)
    in the sentences that say the surname alone ("Harris and Xi exchanged remarks")."""
    sides: dict[str, str] = {}
    for sentence, _ in sentences:
        for m in _EN_INTRODUCED.finditer(sentence):
            china = m.group(1).startswith("Chin")
            sides.setdefault(m.group(2) if china else m.group(3), "china" if china else "us")
    _mark_surnames(sentences, names, sides, r"\b", r"\b")


def _mark_surnames(
    sentences: list[tuple[str, bool]], names: list[set[str]], sides: dict[str, str], before: str, after: str
) -> None:
    """Add to ``names`` the side (``sides``: surname -> side) of each surname a sentence says, the
    surname between the ``before`` and ``after`` patterns (a word edge; in Korean, a title after it)."""
    if not sides:
        return
    later = re.compile(before + "(" + "|".join(map(re.escape, sides)) + ")" + after)
    for i, (sentence, _) in enumerate(sentences):
        names[i] |= {sides[m.group(1)] for m in later.finditer(sentence)}


def _en_third_headline(segment: str) -> bool:
    """Whether an English headline segment makes a third country an actor: paired with China ("Japan,
    China agree ...", "EU-China summit") or its subject ("EU slaps tariffs on Chinese EVs"); not one
    named in passing ("... targeted Philippine vessels": the US may still be a side of that story)."""
    if _HANGUL.search(segment):
        return False
    return bool(_THIRD_PARTY_PAIR.search(segment) or _THIRD_NAMED.match(segment.lstrip()))


def _en_third_country(sentence: str) -> bool:
    """Whether an English sentence names a third country (_THIRD_NAMED): Japan, the EU, the Philippines;
    not a city or a country said as the venue ("In Paris, Beijing agreed ...", "talks in Tokyo")."""
    if _HANGUL.search(sentence):
        return False
    return any(_party(sentence, m) for m in _THIRD_NAMED.finditer(sentence))


def _party(sentence: str, name: re.Match[str]) -> bool:
    """Whether a third country's name is a party, not a venue (_EN_VENUE, _EN_CITY_VENUE) in the sentence."""
    possessive = sentence.startswith(("'s", "\u2019s"), name.end())
    city = _EN_CITY_VENUE.search(sentence, max(0, name.start() - CITY_VENUE_REACH), name.start())
    return possessive or not (city or _EN_VENUE.search(sentence, max(0, name.start() - 8), name.start()))


def _named_outside_backdrop(sentence: str, tax: Taxonomy) -> set[str]:
    """The sides an English sentence names outside its clauses of following or aligning (_EN_BACKDROP)."""
    rest = _EN_BACKDROP.sub(lambda m: " " * len(m.group()), sentence)
    return {a for a, lex in tax.actors.items() if _has(lex, rest)}


def _near(names: list[set[str]], i: int) -> set[str]:
    """Actors named in sentence ``i`` and its neighbours."""
    return set().union(*names[max(0, i - NEIGHBOURHOOD) : i + NEIGHBOURHOOD + 1])


def _has(lex: Lexicon, text: str) -> bool:
    return any(terms is not None and terms.search(text) for terms in (lex.en, lex.ko))


def sentence_events(sentence: str, tax: Taxonomy, topics: set[str], prominence: float = 0.0) -> list[Event]:
    """Events one sentence evidences for the given topics; ``prominence`` adds to confidence."""
    mentions = [
        Mention(t, m.start(), m.end(), m.group())
        for t, lex in tax.topics.items()
        if t in topics
        for m in lex.finditer(sentence)
    ]
    return _events(sentence, mentions, tax, prominence) if mentions else []


def _events(
    sentence: str,
    mentions: list[Mention],
    tax: Taxonomy,
    prominence: float,
    index: int = 0,
    actors: tuple[str, ...] | None = None,
    trace: list[Candidate] | None = None,
) -> list[Event]:
    """Events of one sentence whose topic mentions (and named actors) are known: the sentence's
    governing predicate read for its kind and modifiers, tied to each topic it mentions."""
    if actors is None:
        actors = tuple(sorted(a for a, lex in tax.actors.items() if _has(lex, sentence)))
    best: dict[tuple[str, str], Event] = {}
    for text, offset, reading in _readings(sentence, mentions, tax):
        local = [m for m in mentions if offset <= m.start and m.end <= offset + len(text)]
        named = frozenset(m.topic for m in local if m.start >= reading.clause_start) - CHANNEL_TOPICS
        for m in local:
            kept, why = _tie(text, m.start, m.topic, reading, tax, actors, named, sentence)
            if trace is not None:
                governed = kept or (_reads_governed(reading, tax) and not _governs(sentence, m.start, reading, tax))
                trace.append(Candidate(index, text, m.topic, m.text, reading, kept, why, governed, m.start))
            if not kept or reading.kind is None:
                continue
            kind = _kind_for(m.topic, reading, tax, text)
            confidence = BASE_CONFIDENCE + prominence
            confidence += BOTH_ACTORS_BONUS if len(actors) >= 2 else ONE_ACTOR_BONUS if actors else 0.0
            confidence -= min(0.2, abs(reading.start - m.start) / DISTANCE_SCALE)
            event = Event(
                topic=m.topic,
                kind=kind,
                evidence=text,
                terms=(m.text,),
                cue=reading.predicate,
                actors=actors,
                confidence=round(min(confidence, 0.95), 2),
                sentence_index=index,
            )
            key = (m.topic, kind)
            if key not in best or event.confidence > best[key].confidence:
                best[key] = event
    if ("apec", "agreement") not in best and len(actors) == len(tax.actors):
        best.update(_ko_occasion_met(sentence, mentions, actors, BASE_CONFIDENCE + prominence, index))
    if ("apec", "dispute") not in best and len(actors) == len(tax.actors):
        best.update(_ko_meeting_refused(sentence, mentions, actors, BASE_CONFIDENCE + prominence, index))
    if ("military_channels", "dispute") not in best and len(actors) == len(tax.actors):
        best.update(_en_channel_refused(sentence, mentions, actors, BASE_CONFIDENCE + prominence, index))
    return list(best.values())


def _en_channel_refused(
    sentence: str, mentions: list[Mention], actors: tuple[str, ...], confidence: float, index: int
) -> dict[tuple[str, str], Event]:
    """The military_channels dispute of an English sentence naming both sides that reports a military
    meeting, call or visit refused, cancelled or not attended (en_recall.channel_refused), whatever its
    governing predicate ("declined Washington's request for a call": the appeal "request" governs)."""
    channel = [m for m in mentions if m.topic == "military_channels"]
    refused = channel_refused(sentence) if channel else None
    if not refused:
        return {}
    event = Event(
        topic="military_channels", kind="dispute", evidence=sentence, terms=(channel[0].text,),
        cue=refused.group().removesuffix(refused["meeting"]).strip(), actors=actors,
        confidence=round(min(confidence + BOTH_ACTORS_BONUS, 0.95), 2), sentence_index=index,
    )
    return {("military_channels", "dispute"): event}


def _ko_meeting_refused(
    sentence: str, mentions: list[Mention], actors: tuple[str, ...], confidence: float, index: int
) -> dict[tuple[str, str], Event]:
    """The APEC dispute of a Korean sentence naming both sides in which one sees no need or reason to
    meet the other there (_KO_MEETING_REFUSED); none in recalled context."""
    apec = [m for m in mentions if m.topic == "apec"]
    refused = _KO_MEETING_REFUSED.search(sentence) if apec and _HANGUL.search(sentence) else None
    if not refused or _KO_RECALLED.search(sentence):
        return {}
    event = Event(
        topic="apec", kind="dispute", evidence=sentence, terms=(apec[0].text,), cue=refused.group(),
        actors=actors, confidence=round(min(confidence + BOTH_ACTORS_BONUS, 0.95), 2), sentence_index=index,
    )
    return {("apec", "dispute"): event}


def _ko_occasion_met(
    sentence: str, mentions: list[Mention], actors: tuple[str, ...], confidence: float, index: int
) -> dict[tuple[str, str], Event]:
    """The APEC agreement of a Korean sentence naming both sides that has them meet on the summit's
    occasion (APEC 정상회의를 계기로 만나 …, _KO_OCCASION_MET): the meeting held is the event, the
    main clause's predicate (정상회담을 가졌다, 신경전을 벌였다) notwithstanding; none in recalled context."""
    if not _HANGUL.search(sentence) or _KO_RECALLED.search(sentence):
        return {}
    for m in mentions:
        met = _KO_OCCASION_MET.match(sentence, m.end) if m.topic == "apec" else None
        if met:
            event = Event(
                topic="apec", kind="agreement", evidence=sentence, terms=(m.text,), cue=met.group().strip(),
                actors=actors, confidence=round(min(confidence + BOTH_ACTORS_BONUS, 0.95), 2), sentence_index=index,
            )
            return {("apec", "agreement"): event}
    return {}


def _kind_for(topic: str, reading: Reading, tax: Taxonomy, text: str) -> str:
    """The event's kind for one topic: a measure against the topic itself (curbing fentanyl
    precursors) is cooperation with the other side, an agreement, unless its object is a tariff."""
    lex = tax.lexicon
    against = lex.against_topic.get(topic) if lex is not None else None
    lang = "ko" if _HANGUL.search(text) else "en"
    measure = reading.object in ("tariff", "tariffs", "관세", "sanction", "sanctions", "제재")
    if reading.kind != "dispute" or not against or measure:
        return str(reading.kind)
    # "announced new restrictions on precursor chemicals": a carrier whose object is such a measure
    carried = lang == "en" and reading.category == "carry" and reading.object.removesuffix("s") in against[lang]
    if reading.lemma in against[lang] or carried:
        return "agreement"
    return str(reading.kind)


def _readings(sentence: str, mentions: list[Mention], tax: Taxonomy) -> list[tuple[str, int, Reading]]:
    """(sentence text, offset, reading) of each sentence in ``sentence``: Korean through Kiwi's
    splitter and morphemes, English on lemmas. Topic terms are passed so no cue is read inside one."""
    lex = tax.lexicon
    if lex is None or len(sentence) > MAX_SENTENCE_CHARS:
        return [(sentence, 0, Reading(None, reason="no lexicon" if lex is None else "too long to be evidence"))]
    if not _HANGUL.search(sentence):
        skip = [(m.start, m.end) for m in mentions]
        return [(sentence, 0, read_english(sentence, lex, skip))]
    from newsmon.korean import analyse

    try:
        analysed = analyse(sentence)
    except (RuntimeError, ValueError, OSError) as exc:  # a sentence Kiwi cannot read is no event, not a crash
        return [(sentence, 0, Reading(None, reason=f"Korean analysis failed: {exc}"))]
    out = []
    for ks in analysed:
        skip = [(m.start, m.end) for m in mentions if ks.start <= m.start < ks.end]
        if skip:
            text = ks.text.strip()
            offset = sentence.find(text, ks.start) if text else ks.start
            out.append((text, max(offset, 0), read_korean(ks.morphs, sentence, lex, skip)))
    return out


def _tie(
    text: str,
    mention_at: int,
    topic: str,
    reading: Reading,
    tax: Taxonomy,
    actors: tuple[str, ...] = (),
    named: frozenset[str] = frozenset(),
    scaffold: str = "",
) -> tuple[bool, str]:
    """Whether the reading is an event on the topic mentioned at ``mention_at``, and why (not).
    ``text`` is the sentence read (Kiwi's, for Korean); both offsets are in ``scaffold``, the
    sentence the offsets were measured in ("" when it is ``text``, as for English). ``named``: the
    other topics the predicate's clause names."""
    if not reading.event:
        return False, reading.reason
    lex = tax.lexicon
    only = _spoken_of(reading, lex, text)
    if only and topic not in only:
        return False, f"a {reading.category} predicate speaks only of {', '.join(sorted(only))}"
    if topic in tax.event_only and _venue_name(text, mention_at, reading):
        return False, "the summit's own name ('APEC summit:'), not a meeting held between the two sides"
    if _gathering(text, mention_at, reading):
        return False, "a conference or a multilateral body's gathering ('AI Summit', 'the Security Council held')"
    if topic in tax.event_only and _venue_called_off(text, mention_at, reading):
        return False, "the summit itself called off ('cancels APEC summit'): the host's act, no US-China dispute"
    voiced = topic in CHANNEL_TOPICS and reading.kind == "dispute" and reading.category not in CHANNEL_DISPUTES
    if voiced and (named or not CHANNEL_DISPUTE_ON_ITS_OWN):
        return False, "a dispute voiced in a channel over another topic is filed under that topic"
    two_sided = reading.category in KO_BILATERAL or (reading.category == "carry" and reading.kind == "agreement")
    bilateral = reading.category in BILATERAL or (two_sided and _HANGUL.search(text))
    if bilateral and len(actors) < len(tax.actors) and not _has(tax.pair, text):
        return False, f"a {reading.category} predicate not between the two sides: the sentence does not name both"
    if _with_third_party(text, reading):
        return False, f"a {reading.category} predicate with a third party ('with regional countries')"
    if topic == "taiwan" and reading.kind == "agreement" and _us_taiwan_ties(text):
        return False, "a gloss on Taiwan's own ties or cooperation with the US, no US-China agreement"
    if reading.kind == "dispute" and _issues_listed(text, mention_at, reading):
        return False, "a topic listed among the issues a dispute is over ('clash over issues including ...')"
    why = _governs(scaffold or text, mention_at, reading, tax)
    return (False, why) if why else (True, f"{reading.reason}; governs the topic term")


def _gathering(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether an English meeting the reading reports is a named conference or summit ("Beijing's AI
    Summit") or a multilateral body's meeting (en_frames, round fifteen), no US-China meeting."""
    if reading.category not in ("consult", "carry") or not reading.predicate:
        return False
    named = reading.category == "consult" and named_gathering(
        text, mention_at, reading.predicate, reading.start, reading.verb
    )
    return named or body_gathering(text, reading.object if reading.category == "carry" else reading.predicate)


def _with_third_party(text: str, reading: Reading) -> bool:
    """Whether an English agreement predicate takes a third party as its partner, by "with" right
    after it ("commitment to collaborating with regional countries", "cooperation with Japan")."""
    if reading.category not in _AGREEMENT_CATEGORIES or not reading.predicate or _HANGUL.search(text):
        return False
    m = _EN_WITH.match(text, reading.start + len(reading.predicate))
    return bool(m) and bool(_EN_THIRD_PARTNERS.match(text, m.end()) or _THIRD_NAMED.match(text, m.end()))


def _issues_listed(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether an English topic term after the predicate is an item of the list of issues it is over
    (_EN_ISSUES_LISTED between them)."""
    after = reading.start + len(reading.predicate or "")
    if _HANGUL.search(text) or mention_at <= after:
        return False
    return bool(_EN_ISSUES_LISTED.search(text, after, mention_at))


def _us_taiwan_ties(text: str) -> bool:
    """Whether a sentence glosses Taiwan's own ties with the US (_EN_US_TAIWAN_TIES) or, in Korean, its
    cooperation (_KO_TAIWAN_COOPERATION), the One China policy not beside them."""
    if _HANGUL.search(text):
        return bool(_KO_TAIWAN_COOPERATION.search(text)) and not _KO_ONE_CHINA.search(text)
    return bool(_EN_US_TAIWAN_TIES.search(text)) and not _EN_ONE_CHINA.search(text)


def _venue_name(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether an English meeting noun read as the predicate only completes the topic term's name
    ("APEC summit: leaders offer rival visions"): the venue, which holds no US-China meeting."""
    if reading.category != "consult" or reading.verb or reading.start <= mention_at or _HANGUL.search(text):
        return False
    return not text[mention_at : reading.start].split()[1:]


def _venue_called_off(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether an English yield verb takes the summit the topic term names as its object ("Chile
    Cancels November APEC Summit"): the gathering called off by its host, not a US-China meeting."""
    if reading.category != "yield" or reading.object not in EN_MEETING_OBJECTS or _HANGUL.search(text):
        return False
    after = _EN_TERM_TAIL.match(text, mention_at)
    return bool(after) and after.group(1).lower() == reading.object


def _spoken_of(reading: Reading, lex: CueLexicon | None, text: str) -> frozenset[str] | None:
    """The topics a predicate's category speaks of (None: any). An English carrier holding a meeting
    ("held their first meeting ... and traded warnings over Taiwan") is the meeting's, a consult."""
    if lex is None:
        return None
    held = reading.category == "carry" and reading.object in EN_MEETING_OBJECTS and not _HANGUL.search(text)
    return lex.category_topics.get("consult" if held else reading.category)


def _reads_governed(reading: Reading, tax: Taxonomy) -> bool:
    """Whether a dropped candidate's ``governed`` is read (by ``_appeal`` or ``_meeting_placed``):
    only then is it worth its cost, a scan of the sentence's barriers."""
    role = tax.lexicon.roles.get(reading.category) if tax.lexicon is not None else None
    return role == "appeal" or (reading.verb and reading.category in ("consult", "agree"))


def _governs(text: str, mention_at: int, reading: Reading, tax: Taxonomy) -> str:
    """Why the predicate does not govern the topic term at ``mention_at`` ('' when it does); ``text``
    is the sentence the reading's offsets were measured in (for Korean, the scaffold sentence)."""
    if mention_at < reading.clause_start and not _ko_transit_disputed(text, mention_at, reading):
        return "the topic is in a subordinate clause before the predicate's own"
    if reading.shadow[0] <= mention_at < reading.shadow[1]:
        return "the topic is in a background clause after the predicate"
    aside = _EN_ASIDE_OPENER.match(text) if mention_at < reading.start else None
    if aside and mention_at < aside.end() <= reading.start:
        return "the topic is in an opener set aside ('In addition to ...,'), not what the predicate reports"
    if _friction_over(text, mention_at, reading) or _ko_friction_over(text, mention_at, reading):
        return "the topic is what a friction is over ('tensions over', 영유권 분쟁으로), not the agreement's"
    lo, hi = sorted((reading.start, mention_at))
    if not _HANGUL.search(text) and _past_context_between(text, lo, hi, tax):
        return "reported past context lies between predicate and topic"
    return ""


def _ko_transit_disputed(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether a Korean dispute predicate's clause follows, at once, a transit clause naming the topic
    (…해협을 통과해 경계 태세를 유지: _KO_TRANSIT_CAUSE), or a refusal a request for it (_ko_request_refused):
    the transit, or what was asked, is what is disputed."""
    if reading.kind != "dispute" or reading.background or not _HANGUL.search(text):
        return False
    return bool(_KO_TRANSIT_CAUSE.search(text, mention_at, reading.clause_start)) or _ko_request_refused(
        text, mention_at, reading
    )


def _ko_request_refused(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether a Korean refusal's clause follows, at once, a concessive clause asking for what is refused
    (국방장관 통화 요청했지만 거절당해: _KO_REQUEST_CONCEDED): the request's topic is the refusal's."""
    if reading.category != "reject":
        return False
    return bool(_KO_REQUEST_CONCEDED.search(text, mention_at, reading.clause_start))


def _past_context_between(text: str, lo: int, hi: int, tax: Taxonomy) -> bool:
    """Whether an English barrier word ("since", "after", "last year") opens reported past context
    strictly between offsets ``lo`` and ``hi``; a "since" that dates a first does not."""
    return any(lo < b.start() < hi and not _first_since(text, b) for b in tax.barrier.finditer(text))


def _ko_friction_over(sentence: str, mention_at: int, reading: Reading) -> bool:
    """Whether a Korean topic term is what the friction noun after it is over (남중국해 영유권 분쟁으로
    고조된 긴장을 해소하고 …합의했다), before an agreement: its setting, as English "tensions over the
    South China Sea" is (see _friction_over); a dispute still takes the term."""
    if reading.kind != "agreement" or reading.start <= mention_at or not _HANGUL.search(sentence):
        return False
    return bool(_KO_FRICTION_AFTER.match(sentence, mention_at))


def _friction_over(text: str, mention_at: int, reading: Reading) -> bool:
    """Whether an agreement's topic term after it is what a friction noun is over ("a deal ... to bring
    down rising tensions between the two countries over the disputed South China Sea"): the setting
    of the agreement, not what it agrees on. A dispute over such friction still takes the term."""
    if reading.kind != "agreement" or reading.start >= mention_at:
        return False
    return bool(_FRICTION_OVER.search(text, max(reading.start, mention_at - FRICTION_REACH), mention_at))


def _first_since(text: str, barrier: Hit) -> bool:
    """True for a "since" that dates a first ("their first meeting since 2022"), not past context."""
    return barrier.group().lower() == "since" and since_dates_a_first(text[: barrier.start()])


@dataclass(frozen=True)
class Candidate:
    """One (sentence, topic mention) weighed as an event, kept or dropped, and why."""

    sentence_index: int
    sentence: str
    topic: str
    term: str
    reading: Reading
    kept: bool
    why: str
    governed: bool = False  # the predicate governs the term (read for kept, appeal and meeting candidates)
    at: int = -1  # offset of the term in ``sentence``
