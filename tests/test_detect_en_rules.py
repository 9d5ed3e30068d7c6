"""English detection rules tuned on the real-article dev split, by family (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmon.detect import detect
from newsmon.records import Article


def _article(title: str, body: str) -> Article:
    return Article(
        article_id="t", url="https://x/1", outlet="t", title=title, body=body, lang="en",
        published_at=None, crawled_at=datetime.now(UTC),
    )


def _events(title: str, body: str) -> set[tuple[str, str]]:
    return {(e.topic, e.kind) for e in detect(_article(title, body)).events}


@pytest.mark.parametrize("product", ["AI platform", "AI app", "AI models", "AI startup"])
def test_ai_naming_a_product_or_company_is_not_the_ai_topic(product):
    """A ban on a Chinese AI app is a tech-security row, not AI dialogue between the governments."""
    title = f"China slams US for banning the {product} DeepSeek"
    body = f"China criticized the United States on Monday for banning the {product} DeepSeek on government devices."
    assert "ai" not in detect(_article(title, body)).topics


@pytest.mark.parametrize(
    "phrase", ["fentanyl-related tariffs", "fentanyl tariffs", "fentanyl related and reciprocal tariffs"]
)
def test_fentanyl_naming_a_tariff_is_tariffs_trade(phrase):
    """'Fentanyl tariffs' name the tariff: cutting them is a tariffs_trade agreement, not fentanyl."""
    body = f"The United States cut {phrase} on Chinese goods on Monday after talks with China."
    found = detect(_article(f"US cuts {phrase} on China", body))
    assert ("tariffs_trade", "agreement") in {(e.topic, e.kind) for e in found.events}
    assert "fentanyl" not in found.topics


def test_the_drug_trade_named_without_the_drug_is_fentanyl():
    """The press names counter-narcotics without the drug's name: illicit drugs, synthetic opioids."""
    body = "China and the United States agreed on Tuesday to cooperate against illicit drugs and synthetic opioids."
    assert ("fentanyl", "agreement") in _events("US and China agree to fight illicit drugs", body)


def test_announced_restrictions_on_precursors_are_counter_narcotics():
    """A carrier whose object is a measure against the drug (announced restrictions on the chemicals of
    synthetic opioids) is cooperation, an agreement, and the controls are fentanyl's, not export_controls."""
    body = (
        "Beijing announced new export restrictions on 13 chemicals sold to the United States that are used "
        "to produce synthetic opioids."
    )
    found = _events("China announces restrictions on chemicals after deal with US", body)
    assert ("fentanyl", "agreement") in found
    assert not {t for t, _ in found} & {"export_controls"}


def test_announcing_after_a_time_phrase_gives_way_to_the_clause():
    """'Announced on Thursday that it will suspend controls': the clause holds what is done."""
    body = "Beijing announced on Thursday that it will suspend export controls on rare earths to the United States."
    found = _events("China suspends rare earth export controls for US", body)
    assert ("export_controls", "agreement") in found
    assert ("export_controls", "dispute") not in found


def test_a_first_since_is_news_not_past_context():
    """'Their first meeting since 2022' dates a first: the meeting is the news."""
    body = (
        "Biden met with Xi on Wednesday for their first face-to-face meeting since November 2022, which "
        "reached an agreement on resuming military-to-military communications."
    )
    assert ("military_channels", "agreement") in _events("Biden and Xi meet", body)
    recalled = "Biden met with Xi in 2022, since then talks on military-to-military communications stalled."
    assert ("military_channels", "agreement") not in _events("Biden and Xi", recalled)


def test_a_topic_only_in_lists_of_issues_is_context():
    """Taiwan named only as an item of lists of frictions is not the article's topic."""
    title = "US and China hold talks on curbing fentanyl, after years of strain over issues including Taiwan"
    body = (
        "The United States and China held talks on curbing fentanyl on Tuesday. "
        "Relations between the United States and China have soured over issues such as trade, human rights "
        "and Taiwan."
    )
    found = detect(_article(title, body))
    assert "fentanyl" in found.topics
    assert "taiwan" not in found.topics
    stated = "China warned the United States over arms sales to Taiwan. Beijing condemned Washington's Taiwan policy."
    assert "taiwan" in detect(_article("China warns US over Taiwan", stated)).topics


def test_an_appeal_on_a_topic_makes_it_the_articles():
    """One side's appeal to the other on a topic, named once, is a stated position: the topic is the
    article's. The same mention in past context stays a passing mention."""
    title = "China and the United States hold maritime consultations"
    body = (
        "China and the United States held consultations on maritime affairs on Tuesday. "
        "China urged the United States not to take sides in the South China Sea disputes."
    )
    assert "south_china_sea" in detect(_article(title, body)).topics
    past = body.replace("China urged", "Last year, after China urged")
    assert "south_china_sea" not in detect(_article(title, past)).topics


def test_an_adverb_between_modal_and_verb_is_stepped_over():
    """'Will reportedly halve tariffs': the modal still marks the verb the adverb follows."""
    body = (
        "The United States will reportedly halve tariffs on Chinese goods and refrain from imposing new "
        "tariffs after the talks with China."
    )
    assert ("tariffs_trade", "agreement") in _events("US and China after the talks", body)


@pytest.mark.parametrize(
    "sentence",
    [
        "Biden and Xi are expected to meet on the sidelines of the APEC summit in San Francisco this week.",
        "APEC leaders failed to agree on a joint statement as the United States and China clashed over trade.",
    ],
)
def test_a_meeting_placed_at_apec_makes_apec_the_topic(sentence):
    """A US-China meeting placed at APEC, even one still to come or one that failed, makes it the topic."""
    assert "apec" in detect(_article(sentence, "The United States and China sent their leaders.")).topics


def test_apec_named_as_the_summit_itself_places_nothing():
    """Host-city logistics: the leaders of the US and China attend the APEC Summit, no meeting is placed."""
    body = "Presidents of the United States and China will attend the APEC Summit, which begins Nov. 15."
    assert "apec" not in detect(_article("City prepares for the leaders' visit", body)).topics


@pytest.mark.parametrize(
    "phrase", ["naval, air force encounters", "naval and air encounters", "unplanned encounters at sea"]
)
def test_rules_for_military_encounters_are_military_channels(phrase):
    """A code for military encounters, in any phrasing, is a military channel."""
    body = f"The United States and China signed a code of conduct on {phrase} on Friday."
    assert ("military_channels", "agreement") in _events("", body)


def test_quotation_marks_do_not_split_a_phrase():
    """Scare quotes (does not support "Taiwan independence") leave the phrase whole."""
    body = 'Vice President Cheney said in Beijing that the United States does not support "Taiwan independence".'
    assert ("taiwan", "agreement") in _events("Cheney visits China", body)


def test_an_abbreviation_in_parentheses_closes_no_clause():
    """'Meetings under the MMCA (MMCA) have occurred ... since 1998': the time after it still dates it."""
    body = (
        "Meetings under the Military Maritime Consultative Agreement (MMCA) have occurred between the "
        "Pentagon and China's defence ministry since 1998."
    )
    assert ("military_channels", "agreement") not in _events("China and the US", body)


def test_a_stance_verb_on_a_topic_makes_it_the_articles():
    """'Austin underscored ... freedom of navigation in the South China Sea' in a defence-chiefs call
    is a stated position: the topic is the article's from that one mention."""
    title = "Austin holds call with Chinese defense minister"
    body = (
        "Defense Secretary Lloyd Austin held a video call with Chinese Defense Minister Dong Jun on Tuesday. "
        "Austin underscored the importance of freedom of navigation, especially in the South China Sea. "
        "China said the talks were candid."
    )
    assert "south_china_sea" in detect(_article(title, body)).topics
    passing = body.replace("Austin underscored the importance of", "The call came after disputes over")
    assert "south_china_sea" not in detect(_article(title, passing)).topics


def test_an_ing_noun_after_a_determiner_is_the_noun():
    """'During his first meeting with ...': the listed noun, not an -ing modifier ('escalating tensions')."""
    body = (
        "Austin emphasized open lines of military-to-military communication between the United States and "
        "China during his first meeting with Chinese Defense Minister Dong Jun."
    )
    assert ("military_channels", "agreement") in _events("", body)


@pytest.mark.parametrize("phrase", ["chip curbs", "semiconductor sanctions", "technology restrictions"])
def test_the_press_names_export_controls_by_the_goods(phrase):
    """'Chip curbs', 'semiconductor sanctions': export controls named by what they control."""
    body = f"China condemned the new U.S. {phrase} on Tuesday."
    assert ("export_controls", "dispute") in _events("", body)


def test_last_months_step_is_background():
    """'Halved the tariffs ... during last month's talks': dated last month, the step is background."""
    body = "Trump halved the tariffs on Chinese goods after reaching the agreement during last month's talks with Xi."
    assert ("tariffs_trade", "agreement") not in _events("China agrees to curb chemicals", body)
    today = "Trump halved the tariffs on Chinese goods on Monday after reaching an agreement with Xi."
    assert ("tariffs_trade", "agreement") in _events("China agrees to curb chemicals", today)


def test_a_stance_without_a_us_china_exchange_is_no_topic():
    """China restating its claims against Manila, the US named nearby, reports no US-China exchange."""
    body = (
        "The Philippine coast guard said Chinese vessels blocked its boats near a reef on Monday. "
        "China reiterated its sovereignty over the South China Sea. "
        "The United States is a treaty ally of Manila."
    )
    assert "south_china_sea" not in detect(_article("Manila protests Chinese blockade", body)).topics


def test_a_meeting_at_apec_with_a_third_country_places_no_us_china_meeting():
    """Biden expected to meet Japan's prime minister at APEC, China named next door: no APEC topic."""
    body = "Biden is expected to meet Japan's prime minister on the sidelines of the APEC summit."
    assert "apec" not in detect(_article("APEC opens with US and Chinese leaders in town", body)).topics


def test_an_agreement_amid_friction_over_a_topic_does_not_agree_on_it():
    """A deal 'to bring down tensions between the two countries over the South China Sea' agrees on
    its own subject, not on the sea; condemning the tensions over it is still a dispute on it."""
    body = (
        "The United States and China signed a deal on Friday to bring down rising tensions between the two "
        "countries over the disputed South China Sea."
    )
    assert ("south_china_sea", "agreement") not in _events("", body)
    condemned = "China condemned the United States on Friday over rising tensions in the South China Sea."
    assert ("south_china_sea", "dispute") in _events("", condemned)


@pytest.mark.parametrize("camp", ["opposition parties", "opposition lawmakers", "opposition bloc"])
def test_a_parliaments_opposition_is_no_dispute(camp):
    """'Opposition parties' name a political camp; the same noun alone is still a dispute cue."""
    body = f"US senators said Taiwan's {camp} visited China this week."
    assert ("taiwan", "dispute") not in _events("", body)
    protest = "China voiced strong opposition to the US arms sale to Taiwan on Monday."
    assert ("taiwan", "dispute") in _events("", protest)


@pytest.mark.parametrize("verb", ["deterring", "countering", "to counter"])
def test_a_threat_being_countered_is_no_warning(verb):
    """A threat that weapons are bought for countering is a standing danger, not a warning issued."""
    body = f"US senators backed Taiwan's arms purchases aimed at {verb} the threat of invasion by China."
    assert ("taiwan", "dispute") not in _events("", body)
    warning = "China issued a threat to the United States over its arms sales to Taiwan on Monday."
    assert ("taiwan", "dispute") in _events("", warning)


def test_looking_to_do_something_is_a_hedge():
    """'Look to' states an aim, like 'seek' or 'aim to': nothing is reported as done."""
    body = "Washington and Beijing look to extend their tariff truce at talks in Geneva."
    assert ("tariffs_trade", "agreement") not in _events("", body)
    done = "Washington and Beijing extended their tariff truce at talks in Geneva on Monday."
    assert ("tariffs_trade", "agreement") in _events("", done)


def test_sanctions_a_side_faces_stay_a_dispute():
    """'Face' is no verb of countering: firms facing new US sanctions report the sanctions."""
    body = "Chinese chipmakers face new sanctions from the United States over export controls, China said."
    assert ("export_controls", "dispute") in _events("", body)


@pytest.mark.parametrize(
    "sentence",
    [
        "Clinton backed a trade deal with China, the United States senator said.",
        "The senator from the United States is supporting every trade agreement with China.",
        "Our trade agreements with China and many others will be totally renegotiated, the US said.",
    ],
)
def test_a_pact_backed_or_reopened_is_no_agreement_reached(sentence):
    """A trade deal someone backs or will renegotiate is an existing pact judged, not one reached."""
    assert ("tariffs_trade", "agreement") not in _events("", sentence)


def test_a_trade_deal_reached_stays_an_agreement():
    """The same noun as what the two sides did stays an agreement."""
    body = "The United States and China signed a trade deal in Washington on Monday."
    assert ("tariffs_trade", "agreement") in _events("", body)


@pytest.mark.parametrize("who", ["some economists", "analysts", "experts"])
def test_a_commentators_warning_is_an_opinion(who):
    """A warning voiced by economists or analysts is an opinion, not a dispute between governments."""
    body = f"The United States tariff on Chinese imports is a move that {who} warn could raise prices."
    assert ("tariffs_trade", "dispute") not in _events("", body)
    official = "China warned the United States on Monday over its new tariffs on Chinese imports."
    assert ("tariffs_trade", "dispute") in _events("", official)


# Round five (branch en-grow4): precision on a fresh batch, dev only.


def test_the_chinese_nationalist_party_does_not_name_china():
    """Taiwan's KMT is the Chinese Nationalist Party: a US call on Taiwan's legislature naming it is
    Taiwan-domestic news, not a US-China Taiwan dispute; "Chinese" elsewhere still names China."""
    body = (
        "The State Department urged the Chinese Nationalist Party to back the special budget. "
        "Washington warned of the threat the island faces, a spokesperson for the United States said."
    )
    assert not detect(_article("US urges Taiwan lawmakers to pass defence budget", body)).topics
    beijing = "Chinese officials warned the United States on Monday over its arms sale to Taiwan."
    assert ("taiwan", "dispute") in _events("", beijing)


@pytest.mark.parametrize(
    "claim",
    [
        "Beijing regards the island of Taiwan as its territory and has threatened to annex it by force, US aides said.",
        "China has pledged to reunify Taiwan, even if by force, while the United States sells it arms.",
    ],
)
def test_beijings_standing_claim_on_taiwan_is_backdrop(claim):
    """Wire copy restating Beijing's claim on Taiwan (its territory, to be taken by force) reports no
    new Taiwan event between the US and China, neither a threat nor a pledge."""
    assert not {k for t, k in _events("", claim) if t == "taiwan"}


def test_a_warning_over_taiwan_beside_the_claim_stays_a_dispute():
    """A warning in its own clause, before the restated claim, is still the news."""
    body = "China warned the United States on Friday over the arms sale, as Beijing claims Taiwan as its own."
    assert ("taiwan", "dispute") in _events("", body)


def test_a_pledge_to_impose_tariffs_is_no_agreement():
    """A candidate's pledge of a coercive act (tariffs) is a campaign promise: no agreement, no event."""
    body = "At a rally in Ohio, Trump pledged to impose steep tariffs on imports from China."
    assert not _events("", body)


def test_a_pledge_to_cooperate_stays_an_agreement():
    body = "China pledged to crack down on fentanyl exports to the United States, officials said on Monday."
    assert ("fentanyl", "agreement") in _events("", body)


def test_a_truce_that_expires_is_no_agreement_reached():
    """A pact's end date ("the truce ... expires on Friday") is no agreement reached."""
    body = "The tariff truce between the United States and China on higher duties expires on Friday, traders said."
    assert ("tariffs_trade", "agreement") not in _events("", body)
    reached = "The United States and China agreed to a tariff truce on Friday."
    assert ("tariffs_trade", "agreement") in _events("", reached)


def test_a_participle_describing_the_measure_is_not_the_act():
    """'A revenue hit from expanded U.S. export restrictions' describes the measure a company suffers;
    the act itself ('the United States expanded export restrictions') is the dispute."""
    body = "The chipmaker took a revenue hit from expanded U.S. export restrictions on chip sales to China."
    assert ("export_controls", "dispute") not in _events("", body)
    act = "The United States expanded export restrictions on chip sales to China on Monday."
    assert ("export_controls", "dispute") in _events("", act)


def test_a_talk_aimed_for_is_not_held():
    """'Aiming for a talk' is a goal (beside 'seek', 'aim to', 'look to'), not a talk held."""
    body = "Aiming for a quick talk with his Chinese counterpart, US Defense Secretary Austin called Beijing."
    assert ("military_channels", "agreement") not in _events("", body)
    held = "The US Defense Secretary met his Chinese counterpart in Singapore on Monday."
    assert ("military_channels", "agreement") in _events("", held)


_FRAMED = {
    # a market wrap naming the trade talks as the traders' hope
    "market wrap": (
        "Asian shares rise on hopes for US-China trade talks",
        "Shares rose in Tokyo and Hong Kong as traders awaited the US-China trade talks. "
        "The trade talks between the United States and China are due in Washington next week.",
        "Asian shares fall as US raises tariffs on China",
        "Shares fell in Tokyo after the United States raised tariffs on Chinese goods on Monday.",
        "tariffs_trade",
    ),
    # an EU-China story whose backdrop is US tariffs: the pair in the headline is the story's
    "third country": (
        "The EU and China still can't get along under Trump's tariffs",
        "Both hit by US tariffs on their exports to the United States, the EU and China still disagree on "
        "trade. China said Trump's tariffs weigh on its trade with the United States.",
        "China and the Philippines clash at sea",
        "The United States condemned China's water cannon attack in the South China Sea on Monday.",
        "south_china_sea",
    ),
    # the campaign trail: a rally speech on trade with China is US domestic politics
    "campaign trail": (
        "At a rally, Trump gets tough on China tariffs",
        "At a campaign rally in Ohio, Trump said tariffs on China would bring jobs back to the United States. "
        "The trade war with China was good for the United States, he said.",
        "Senate candidate's rally comes as US raises tariffs on China",
        "The rally came hours after the United States raised tariffs on Chinese goods on Monday.",
        "tariffs_trade",
    ),
}


@pytest.mark.parametrize("frame", sorted(_FRAMED))
def test_an_opening_framed_elsewhere_takes_no_topic_from_salience(frame):
    """A market wrap, a third country paired with China, or the campaign trail in the opening: topics
    named around the story make none from salience alone; a US-China event reported there still does."""
    title, body, news_title, news, topic = _FRAMED[frame]
    assert not detect(_article(title, body)).topics
    assert topic in detect(_article(news_title, news)).topics


# Round six: families from the fifth fresh batch (dev only)


_DATELINE_LEAD = "The US Navy said a Chinese warship came close to a US destroyer over the South China Sea on Monday."
_DATELINE_STORY = "The US condemned the unsafe manoeuvre by China in the South China Sea."


@pytest.mark.parametrize(
    "dateline", ["TAIPEI (Taiwan Wire) — ", "Taipei, Oct. 3 (Taiwan Wire) ", "TAIPEI, Jan 5 (Taiwan Wire) - "]
)
def test_a_wire_dateline_is_no_topic_mention(dateline):
    """A dateline ("TAIPEI (Taiwan Wire) —") says where the copy was filed (also with its date, in
    title case or capitals): the Taiwan named there is a venue, not the article's topic, also when a
    copy without its headline opens on it."""
    found = detect(_article(dateline + _DATELINE_LEAD, _DATELINE_STORY))
    assert "south_china_sea" in found.topics
    assert "taiwan" not in found.topics


def test_signs_of_is_a_noun_not_signing():
    """'Shown signs of a thaw' is evidence of one, no deal signed."""
    body = "US-China trade talks have shown signs of progress, officials said on Monday."
    assert ("tariffs_trade", "agreement") not in _events("US and China trade ties", body)
    signed = "The US and China signed a trade deal."
    assert ("tariffs_trade", "agreement") in _events("US and China sign trade deal", signed)


def test_a_recently_taken_step_is_recalled_context():
    """'Recently extending a truce' recalls it, as 'earlier this year' does: background, no news."""
    body = (
        "US and Chinese navies sparred in the South China Sea on Monday. Despite the friction, the US and China "
        "are steady, with both sides recently extending their trade truce by 90 days."
    )
    assert "tariffs_trade" not in detect(_article("China and US navies spar at sea", body)).topics


@pytest.mark.parametrize(
    "sentence",
    [
        "Chinese firms on the Entity List are required to have a license from the US Commerce Department.",
        "US exporters need a licence before selling chips to Chinese firms on the Entity List.",
        "A license is at times denied to Chinese firms on the Entity List for security reasons.",
    ],
)
def test_a_licence_required_or_denied_is_no_licence_granted(sentence):
    """A licence the Entity List makes firms need, or one refused, is the control's requirement."""
    assert ("export_controls", "agreement") not in _events("US rules for Chinese firms", sentence)


def test_adding_to_a_list_takes_the_list_however_long_the_object():
    """'Adding a firm and its many affiliates to the Entity List' is a listing, a dispute."""
    body = (
        "The US Commerce Department said on Monday that it is adding China's Acme Robotics Co. Ltd. and "
        "its 40 overseas affiliates to the department's Entity List."
    )
    assert ("export_controls", "dispute") in _events("US blacklists Chinese robot maker", body)


def test_a_measure_said_to_remain_in_force_is_no_new_act():
    """'A tariff, imposed by Washington before, remains in force' states a standing measure."""
    body = (
        "Officials of the US and China met in Geneva on Monday. A 25 percent tariff on Chinese steel, imposed "
        "by the United States two years before, remains in force."
    )
    assert ("tariffs_trade", "dispute") not in _events("US and China officials meet in Geneva", body)


def test_a_topic_in_an_in_addition_to_opener_is_not_what_the_clause_reports():
    """'In addition to the tariff talks, US officials criticised China over fentanyl': the criticism is
    on fentanyl, not a dispute on tariffs."""
    body = "In addition to the tariff talks, US officials criticized China over fentanyl flows on Monday."
    found = _events("US officials meet China's", body)
    assert ("fentanyl", "dispute") in found
    assert ("tariffs_trade", "dispute") not in found


def test_protesting_the_charges_is_a_dispute_on_the_sentence_before():
    """'The embassy condemned the charges' protests what the sentence before reported: a dispute on
    its topic, though the protest names none."""
    body = (
        "US prosecutors charged two Chinese chemical firms on Tuesday with shipping fentanyl ingredients. "
        "China's embassy in Washington condemned the charges, calling the US move a smear."
    )
    assert ("fentanyl", "dispute") in _events("US charges Chinese firms", body)


# Round seven: English families from the sixth fresh batch (dev only)


@pytest.mark.parametrize(
    "ties", ["military ties with Taiwan", "military contact with the island", "defense contacts with Taipei"]
)
def test_military_ties_with_taiwan_are_no_us_china_channel(ties):
    """Beijing demanding Washington cut its military ties with Taiwan protests an arms sale: the ties
    are the US-Taiwan relationship, not a US-China military channel."""
    title = "Beijing protests US jet sale to Taiwan"
    body = (f"China demanded on Tuesday that the United States halt the jet sale and end its {ties}. "
            f"Beijing said Washington must stop the sale and its {ties}.")
    found = detect(_article(title, body))
    assert "military_channels" not in found.topics
    assert "taiwan" in found.topics


def test_military_ties_between_the_two_sides_stay_a_channel():
    """Without a Taiwan partner the ties are the two militaries' own: the channel topic stays."""
    body = "The United States and China agreed on Monday to restore military ties. Both sides restored military ties."
    assert ("military_channels", "agreement") in _events("US and China restore military ties", body)


@pytest.mark.parametrize("verb", ["will hold off on", "held off on", "is holding off on"])
def test_holding_off_on_tariffs_is_a_pause(verb):
    """Holding off on a measure is a pause of it (guideline: a tariff pause is an agreement)."""
    body = f"The United States {verb} new tariffs on Chinese goods while talks with China go on."
    found = _events(f"US {verb} new China tariffs", body)
    assert ("tariffs_trade", "agreement") in found
    assert ("tariffs_trade", "dispute") not in found


def test_a_meeting_held_agrees_nothing_on_taiwan():
    """A defence chiefs' meeting held is a channel agreement; the warnings it traded over Taiwan are no
    Taiwan agreement (talking about Taiwan agrees nothing on it)."""
    title = "US and Chinese defence chiefs meet in Jakarta"
    body = ("The US defense secretary and the Chinese defense minister held their first meeting in Jakarta "
            "on Sunday and traded barbs over Taiwan.")
    found = _events(title, body)
    assert ("military_channels", "agreement") in found
    assert ("taiwan", "agreement") not in found


@pytest.mark.parametrize("words", ["an unsafe maneuver", "an unsafe and unprofessional approach"])
def test_an_unsafe_encounter_is_a_dispute(words):
    """The US military calling a Chinese ship's approach unsafe reports a confrontation: a dispute."""
    body = (f"A US destroyer was approached in the South China Sea by a Chinese warship in {words}, "
            "US officials said.")
    assert ("south_china_sea", "dispute") in _events("Chinese warship shadows US destroyer", body)


def test_a_first_meeting_between_named_sides_since_a_date_is_news():
    """'The first meeting between A and B since ...' dates a first, however long the names: no
    background, so the sentence's predicate is news."""
    body = ("The talks were part of the first in-person meeting between Dong Jun and U.S. Defense Secretary "
            "Pete Hegseth since January, a sign the two militaries are restoring communication.")
    assert ("military_channels", "agreement") in _events("US, China defence chiefs talk", body)


def test_a_first_since_in_a_long_clause_without_between_is_still_past_context():
    """Without a 'between' naming the sides, a 'since' far after 'first' keeps opening past context."""
    from newsmon.predicate import since_dates_a_first

    assert since_dates_a_first("their first meeting between Dong Jun and U.S. Defense Secretary Pete Hegseth ")
    assert not since_dates_a_first("the first of many visits the two navies paid to each other's ports ")


@pytest.mark.parametrize("name", ["APEC summit", "Apec summit", "APEC Summit"])
def test_the_summit_s_own_name_places_no_meeting(name):
    """'APEC summit: leaders offer rival visions' names the venue: no US-China meeting is placed at
    APEC, so neither the apec topic nor an apec agreement (guideline: APEC as a mere backdrop)."""
    title = f"{name}: Biden and Xi offer rival visions for trade"
    body = "US President Joe Biden and Chinese President Xi Jinping gave rival speeches on trade in Lima."
    found = detect(_article(title, body))
    assert "apec" not in found.topics
    assert not found.events


def test_frictions_listed_at_a_time_of_are_backdrop():
    """'..., which comes at a time of tensions during trade talks, a threatened ban and protests': the
    frictions listed as the backdrop (past the list's commas) are context, no tariffs_trade event."""
    title = "China protests US drone sale to Taiwan"
    body = ("China condemned the drone sale to Taiwan, which comes at a time of rising tensions between Beijing "
            "and Washington over stalled trade talks, a planned US ban on a Chinese app and protests in Hong Kong.")
    found = detect(_article(title, body))
    assert "tariffs_trade" not in found.topics
    assert ("taiwan", "dispute") in {(e.topic, e.kind) for e in found.events}


@pytest.mark.parametrize(
    "body",
    [
        "At a time of rising tensions, the United States and China agreed on Monday to resume military talks.",
        "The United States and China, at a time of rising tensions, agreed on Monday to resume military talks.",
    ],
)
def test_an_opening_at_a_time_of_keeps_the_main_clause(body):
    """Only what 'comes at a time of' lists a backdrop to the end: an opener ends at its comma."""
    assert ("military_channels", "agreement") in _events("", body + "\n" + body)


# Round eight: precision, backdrops and lists (dev only)


@pytest.mark.parametrize(
    "backdrop",
    [
        "comes at a delicate time for U.S.-China relations, as trade negotiators appeared close to a trade deal",
        "comes as trade negotiators from the United States and China are edging closer to a trade deal",
        "came amid hopes that Washington and Beijing would soon sign a trade deal",
    ],
)
def test_what_the_news_comes_as_is_its_backdrop(backdrop):
    """'The announcement comes as / amid / at a delicate time ..., as ...': what follows is the backdrop
    to the end of the sentence, no event and no topic of its own."""
    title = "Trump signs Hong Kong human rights bill"
    body = (f"China protested the Hong Kong law on Thursday. The announcement {backdrop} between the US and "
            "China.")
    found = detect(_article(title, body))
    assert "tariffs_trade" not in found.topics
    assert not {e for e in found.events if e.topic == "tariffs_trade"}


def test_the_subject_of_comes_does_not_govern_the_backdrop():
    """'The meeting comes as both countries have faced tariffs from the US': the meeting (the subject)
    does not take the tariffs named in the backdrop after it."""
    body = ("China and the United States have long disputed trade. "
            "The meeting comes as both countries have faced heightened tariffs on their exports to the US.")
    assert ("tariffs_trade", "agreement") not in _events("EU and China hold summit", body)


def test_a_headline_coming_as_may_report_the_act():
    """Without an anaphor for the news ('The meeting comes as'), "comes as" opens no backdrop: a
    headline "Rally comes as US raises tariffs on China" may report the raise itself."""
    assert ("tariffs_trade", "dispute") in _events("Senate rally comes as US raises tariffs on China", "")


def test_coming_as_a_surprise_is_no_backdrop():
    """'comes as a surprise' is a complement: the clause before it still reports the act."""
    body = "The United States and China agreed on Monday to cut tariffs, which comes as a surprise to markets."
    assert ("tariffs_trade", "agreement") in _events("", body)


def test_a_noun_cue_inside_a_list_of_frictions_is_no_act():
    """'a rise in export-controls, sanctions, tariffs and diplomatic incidents': a list of past
    frictions names no act (guideline: a list of past disputes is context)."""
    body = ("Tension between the U.S. and China has seen a rise in export-controls, sanctions, tariffs and "
            "repeated diplomatic incidents.")
    found = detect(_article("Confucius Institutes close across the US", body))
    assert not found.events
    assert "tariffs_trade" not in found.topics


def test_sanctions_reported_as_the_act_stay_a_dispute():
    """Outside a list, the noun still governs: 'new sanctions on ... over Taiwan'."""
    body = "China announced new sanctions on U.S. defense firms over Washington's arms sales to Taiwan."
    assert ("taiwan", "dispute") in _events("", body)


@pytest.mark.parametrize("arms", ["arms deal", "weapons deal"])
def test_an_arms_deal_is_no_agreement_between_the_two(arms):
    """An 'arms deal' (a sale of weapons to Taiwan) is no US-China agreement, whatever is said of it."""
    body = (f"China said the American {arms} had seriously damaged U.S.-China ties and the stability of the "
            "Taiwan Strait.")
    assert ("taiwan", "agreement") not in _events("", body)


def test_a_gloss_on_the_move_names_no_topic():
    """'..., a move that will strain relations with China and complicate his effort to wind down his
    trade war with Beijing': the writer's gloss on the news, neither the act nor the article's topic."""
    title = ("Trump signed a bill backing Hong Kong protesters, a move that will strain relations with China "
             "and complicate his effort to wind down his trade war with Beijing.")
    body = "China protested the Hong Kong law on Thursday."
    found = detect(_article(title, body))
    assert "tariffs_trade" not in found.topics
    assert not {e for e in found.events if e.topic == "tariffs_trade"}


def test_a_gloss_does_not_unmake_the_act_before_it():
    """The act before the gloss still governs what it names: 'adding 33 Chinese companies to its
    Entity List, a move that may prompt Beijing to strike back'."""
    body = ("China criticized the United States on Monday for adding 33 Chinese companies to the Entity List, a "
            "move that may prompt Beijing to strike back.")
    assert ("export_controls", "dispute") in _events("", body)


def test_the_act_before_a_gloss_does_not_govern_its_terms():
    """'Washington imposed sanctions on Hong Kong officials, a move that will complicate the trade talks
    with China': the sanctions do not reach the trade talks named in the gloss."""
    body = ("The United States imposed sanctions on Hong Kong officials on Monday, a move that will complicate "
            "the trade talks with China.")
    assert not {e for e in detect(_article("", body)).events if e.topic == "tariffs_trade"}


@pytest.mark.parametrize("partner", ["regional countries", "its allies", "other countries", "neighbouring nations"])
def test_cooperation_with_a_third_party_is_no_us_china_agreement(partner):
    """'China's commitment to collaborating with regional countries to uphold peace in the South China
    Sea' is cooperation with a third party, no US-China agreement (guideline)."""
    body = ("Chinese Defence Minister Dong Jun and U.S. Defense Secretary Pete Hegseth spoke on Tuesday. "
            f"Dong underscored China's commitment to collaborating with {partner} to uphold peace and stability "
            "in the South China Sea.")
    assert ("south_china_sea", "agreement") not in _events("", body)


def test_cooperation_with_the_other_side_stays_an_agreement():
    """With the other side as the partner, the commitment is the agreement it was."""
    body = ("Chinese Defence Minister Dong Jun and U.S. Defense Secretary Pete Hegseth spoke on Tuesday. "
            "Dong underscored China's commitment to collaborating with the United States to uphold peace and "
            "stability in the South China Sea.")
    assert ("south_china_sea", "agreement") in _events("", body)


@pytest.mark.parametrize("call", ["video call", "video conference", "videoconference"])
def test_a_video_call_between_defence_chiefs_is_a_call_held(call):
    """'Dong Jun and U.S. Defense Secretary Pete Hegseth convened via video call on Tuesday': a call held
    (guideline: defence-chief calls are military_channels), not the appeal 'call on'."""
    body = (f"Chinese Defence Minister Dong Jun and U.S. Defense Secretary Pete Hegseth convened via {call} on "
            "Tuesday, Xinhua reported.")
    assert ("military_channels", "agreement") in _events("", body)


def test_removing_from_a_list_takes_the_list_however_long_the_object():
    """'removed the Chinese Ministry of Public Security's Institute of Forensic Science from the Entity
    List': the list is what is lifted (guideline: a ban lifted is an agreement)."""
    body = ("The United States on Thursday removed the Chinese Ministry of Public Security's Institute of "
            "Forensic Science from the Entity List.")
    assert ("export_controls", "agreement") in _events("", body)


def test_removing_from_a_sanctions_list_is_no_sanction():
    """'... from a trade sanctions list, in a bid to move forward with counternarcotics cooperation with
    China': the removal governs, not the sanctions naming the list (one modifier word before it)."""
    body = ("The United States on Thursday removed the Chinese Ministry of Public Security's Institute of "
            "Forensic Science from a trade sanctions list, in a bid to move forward with counternarcotics "
            "cooperation with China.")
    events = _events("", body)
    assert ("fentanyl", "dispute") not in events
    assert ("fentanyl", "agreement") in events


@pytest.mark.parametrize("inference", ["appeared to be edging closer to", "seemed to reach", "appear to have reached"])
def test_what_appears_to_be_done_is_the_writer_s_inference(inference):
    """'Trade negotiators appeared to be edging closer to a trade deal between the US and China': the
    writer's inference, no deal reported (guideline: opinions and forecasts are no events)."""
    body = f"Trade negotiators from the United States and China {inference} a trade deal on Friday."
    assert ("tariffs_trade", "agreement") not in _events("", body)
