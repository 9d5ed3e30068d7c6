"""Furniture by structure in any language (newsmon.structure), phrases second (newsmon.phrases)."""

from __future__ import annotations

import pytest
from lxml import etree

from newsmon.generic import extract_generic
from newsmon.phrases import is_furniture_phrase
from newsmon.structure import drop_structural

BODY = [
    "Die Stadtverwaltung hat am Montag einen neuen Plan für den Hafen vorgestellt, der bis zum Jahr 2030 "
    "umgesetzt werden soll und mehrere hundert Arbeitsplätze schaffen könnte.",
    "Nach Angaben der Bürgermeisterin sollen zunächst die alten Kaianlagen saniert werden, bevor im "
    "zweiten Schritt ein neues Terminal für Fähren und Frachtschiffe entsteht.",
    "Kritiker bemängeln, dass die Finanzierung noch nicht gesichert sei und der Bund bislang keine "
    "Zusagen gemacht habe, obwohl die Kosten auf über 400 Millionen Euro geschätzt werden.",
    "Die Opposition im Stadtrat kündigte an, den Plan in der nächsten Sitzung ausführlich zu prüfen und "
    "eigene Vorschläge für eine Bürgerbeteiligung einzubringen, bevor abgestimmt wird.",
]


def _xml(*blocks: str) -> etree._Element:
    return etree.fromstring("<body>" + "".join(blocks) + "</body>")


def _texts(body: etree._Element) -> list[str]:
    return [" ".join(" ".join(el.itertext()).split()) for el in body]


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def test_teasers_link_lists_and_boxes_go_body_stays():
    body = _xml(
        _p(BODY[0]),
        "<p>Auch interessant: <ref>Neue Fähre nach Helgoland startet im Mai</ref></p>",
        _p(BODY[1]),
        "<list><item><ref>Streik am Hafen beendet</ref></item><item><ref>Zoll findet Kokain</ref></item>"
        "<item><ref>Neue Brücke eröffnet</ref></item></list>",
        _p(BODY[2]),
        _p(BODY[3]),
        "<list><item>E-Paper und News in einer App</item><item>Push-Nachrichten über den Tag</item></list>",
    )
    drop_structural(body, "Neuer Hafenplan", "")
    assert _texts(body) == BODY


def test_a_list_of_linked_headlines_with_their_teasers_goes():
    cards = (
        "<list><item><ref>Streik am Hafen beendet</ref> Die Gewerkschaft einigt sich mit den Betreibern</item>"
        "<item><ref>Zoll findet Kokain</ref> In einem Container aus Südamerika lagen 300 Kilogramm</item></list>"
    )
    body = _xml(_p(BODY[0]), _p(BODY[1]), "<head>Mehr aus der Region</head>", cards, _p(BODY[2]))
    drop_structural(body, "Neuer Hafenplan", "")
    assert _texts(body) == [*BODY[:2], "Mehr aus der Region", BODY[2]]


def test_a_list_of_sentences_that_open_with_a_linked_name_stays():
    items = [
        "<ref>Die Hafenbehörde</ref> rechnet damit, dass die Sanierung der Kaianlagen zwei Jahre dauern wird.",
        "<ref>Der Bund</ref> hat bislang keine Zusage gemacht, will den Plan aber im Herbst erneut prüfen.",
    ]
    listing = "<list>" + "".join(f"<item>{i}</item>" for i in items) + "</list>"
    body = _xml(_p(BODY[0]), _p("Die Beteiligten äußerten sich so:"), listing, _p(BODY[1]))
    drop_structural(body, "", "")
    assert len(_texts(body)) == 4


def test_a_list_the_text_introduces_stays():
    body = _xml(
        _p(BODY[0]),
        _p("Der Plan sieht drei Schritte vor:"),
        "<list><item>Sanierung der Kaianlagen</item><item>Neues Terminal</item><item>Ein Radweg</item></list>",
        _p(BODY[1]),
    )
    drop_structural(body, "Neuer Hafenplan", "")
    assert "Sanierung der Kaianlagen Neues Terminal Ein Radweg" in _texts(body)


def test_deck_kicker_dateline_and_trailing_credits_go():
    deck = "Die Stadt will den Hafen bis 2030 umbauen. Kritiker zweifeln an der Finanzierung des Vorhabens."
    body = _xml(
        _p("Hafenplan"),  # kicker
        _p(deck),  # the deck repeats the page's description
        _p("Aktualisiert 15.59 | Veröffentlicht 14.14 | Lesezeit 3 Minuten"),
        *(_p(t) for t in BODY),
        _p("MDR (Engin Haupt, Alisa Sonntag)"),
    )
    drop_structural(body, "Neuer Hafenplan", deck)
    assert _texts(body) == BODY


def test_headings_before_the_first_body_paragraph_go_a_question_and_later_headings_stay():
    body = _xml(
        "<head>Finanzmärkte</head>",  # kicker
        "<head>Hafen wird umgebaut : Stadt legt Plan bis 2030 vor</head>",  # the headline, kicker fused
        "<head>Neues Terminal – Kaianlagen saniert – Kosten offen</head>",  # subtitle
        _p(BODY[0]),
        "<head>Was der Plan kostet</head>",
        _p(BODY[1]),
    )
    drop_structural(body, "Neuer Hafenplan", "")
    assert _texts(body) == [BODY[0], "Was der Plan kostet", BODY[1]]
    interview = _xml("<head>Frage: Was hat Sie an dem Plan überzeugt?</head>", _p(BODY[0]))
    drop_structural(interview, "Interview", "")
    assert _texts(interview) == ["Frage: Was hat Sie an dem Plan überzeugt?", BODY[0]]


def test_repeated_embed_placeholders_go_all_of_them():
    note = "Externer Inhalt nicht verfügbar, bitte die Privatsphäre-Einstellungen prüfen"
    body = _xml(_p(BODY[0]), _p(note), _p(BODY[1]), _p(note), _p(BODY[2]))
    drop_structural(body, "", "")
    assert _texts(body) == BODY[:3]


def test_a_repeated_question_stays_interview_template():
    question = "Was hat Sie an dem Plan für den Hafen überzeugt?"
    body = _xml(_p(question), _p(BODY[0]), _p(question), _p(BODY[1]))
    drop_structural(body, "", "")
    assert _texts(body) == [question, BODY[0], question, BODY[1]]


def test_a_pull_quote_goes_a_quote_of_its_own_stays():
    pulled = "der Bund bislang keine Zusagen gemacht habe"
    own = "Wir bauen den Hafen für die nächsten hundert Jahre, nicht für die nächste Wahl."
    body = _xml(_p(BODY[0]), f"<quote>{pulled}</quote>", _p(BODY[2]), f"<quote>{own}</quote>", _p(BODY[3]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], BODY[2], own, BODY[3]]


def test_linked_long_paragraph_and_linked_heading_stay():
    linked = f"<p><ref>{BODY[1]}</ref></p>"  # a deal card or a quoted post: linked whole, still body
    body = _xml(_p(BODY[0]), "<head><ref>Was der Plan kostet</ref></head>", linked, _p(BODY[2]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], "Was der Plan kostet", BODY[1], BODY[2]]


def test_phrases_in_many_languages_any_length_for_cross_links():
    furniture = [
        "À lire aussi : la réforme des retraites devant le Conseil constitutionnel, qui doit rendre sa décision",
        "Czytaj więcej: Rząd przyjął projekt ustawy o obronie ojczyzny",
        "Les også: Tone Damli ofret musikkarrieren for barna",
        "Article content",
        "Advertisement",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.",
        "Laden Sie jetzt die App herunter: in der App lesen",
        "フォローする",
        "기사 URL이 복사되었습니다.",
        "홍길동 기자 외 1명",
        "Foto: Dmitrij Azarov, Kommersant",
        "More:",
        "Noticia relacionada",
    ]
    assert [t for t in furniture if not is_furniture_phrase(t)] == []
    prose = [
        "Read the statement in full, the minister said, before deciding whether the agreement holds.",
        "Die Bürger können sich ab Montag an der Umfrage der Stadt beteiligen, teilte das Rathaus mit.",
        "More than 400 people came.",
        BODY[0],
    ]
    assert [t for t in prose if is_furniture_phrase(t)] == []


def test_generic_path_keeps_the_whole_article_and_drops_furniture_on_a_page():
    paras = "".join(_p(t) for t in BODY)
    html = (
        "<html lang='de'><head><title>Neuer Hafenplan</title>"
        "<meta name='description' content='Der Hafen wird umgebaut.'></head><body>"
        "<nav><a href='/'>Start</a><a href='/politik'>Politik</a></nav><article><h1>Neuer Hafenplan</h1>"
        f"{paras}<p>Auch interessant: <a href='/x'>Neue Fähre nach Helgoland startet im Mai</a></p>"
        "<ul><li><a href='/a'>Streik am Hafen beendet</a></li><li><a href='/b'>Zoll findet Kokain</a></li>"
        "<li><a href='/c'>Neue Brücke eröffnet</a></li></ul></article></body></html>"
    )
    found = extract_generic(html)
    assert found.body.split("\n") == BODY


def test_generic_path_drops_a_container_named_as_a_box_and_a_caption_and_keeps_the_wrapper():
    box = (
        "<div class='infobox copytext__clearBox'><h3 class='infobox__headline'>Der Hafen in Zahlen</h3>"
        "<p class='infobox__text'>Im vergangenen Jahr wurden im Hafen mehr als zwölf Millionen Tonnen Fracht "
        "umgeschlagen, die meisten davon Container aus Asien und Südamerika.</p></div>"
    )
    first, second = "".join(_p(t) for t in BODY[:2]), "".join(_p(t) for t in BODY[2:])
    video = "<div class='video-player'><figcaption><p>Die alten Kaianlagen am Morgen.</p></figcaption></div>"
    html = (
        "<html lang='de'><head><title>Neuer Hafenplan</title></head><body>"
        f"<article class='article-body'>{first}{box}{video}{second}"
        "<div class='fact-box'><ul><li>Baubeginn: 2026</li><li>Kosten: 400 Millionen Euro</li></ul></div>"
        "</article></body></html>"
    )
    found = extract_generic(html)
    assert found.body.split("\n") == BODY


def test_a_description_that_is_a_plain_paragraph_of_the_body_stays_a_styled_deck_goes():
    description = BODY[0]
    paras = "".join(_p(t) for t in BODY)
    head = f"<html lang='de'><head><title>Neuer Hafenplan</title><meta name='description' content='{description}'>"
    plain = f"{head}</head><body><article><h1>Neuer Hafenplan</h1>{paras}</article></body></html>"
    assert extract_generic(plain).body.split("\n") == BODY
    styled = (
        f"{head}</head><body><article><h1>Neuer Hafenplan</h1><p class='article-lead'>{description}</p>"
        f"{''.join(_p(t) for t in BODY[1:])}</article></body></html>"
    )
    assert extract_generic(styled).body.split("\n") == BODY[1:]

def test_a_deck_marked_up_apart_goes_when_the_description_shares_a_sentence_or_is_cut():
    """A classed standfirst holding a sentence of the description goes, split into lines or longer
    than the description; a classed first paragraph whose class the body shares stays."""
    head = "<html lang='de'><head><title>Neuer Hafenplan</title><meta name='description' content='{}'></head>"
    paras = "".join(_p(t) for t in BODY)
    # the description sums up in other words and shares one sentence with a longer deck
    deck = "Die Stadt baut den Hafen um. Der Plan soll mehrere hundert Arbeitsplätze schaffen."
    page = head.format("Hamburg legt einen Plan vor. Der Plan soll mehrere hundert Arbeitsplätze schaffen.")
    longer = f"{page}<body><article><h1>Neuer Hafenplan</h1><p class='intro'>{deck}</p>{paras}</article></body></html>"
    assert extract_generic(longer).body.split("\n") == BODY
    # a deck set as two lines, the description cut short mid-word
    lines = (
        "<p class='lead-line'>Die Stadt baut den Hafen für 400 Millionen um.</p>"
        "<p class='lead-line'>Die Opposition will prüfen.</p>"
    )
    page = head.format("Die Stadt baut den Hafen für 400 Millionen um. Die Opposition will pr")
    split = f"{page}<body><article><h1>Neuer Hafenplan</h1>{lines}{paras}</article></body></html>"
    assert extract_generic(split).body.split("\n") == BODY
    # every paragraph has the same class and the description is the first one and a cut second: they stay
    classed = "<div class='img'></div>".join(f"<p class='text'>{t}</p>" for t in BODY)
    page = head.format(BODY[0] + " " + BODY[1][:50] + "...")
    body = f"{page}<body><article><h1>Neuer Hafenplan</h1>{classed}</article></body></html>"
    assert extract_generic(body).body.split("\n") == BODY
    # a brief: its short classed lines are the whole article, with no story beside them
    brief = ["Die Stadt baut den Hafen für 400 Millionen um.", "Die Opposition will den Plan noch prüfen."]
    page = head.format(" ".join(brief))
    lines = "".join(f"<p class='brief'>{t}</p>" for t in brief)
    assert extract_generic(f"{page}<body><article>{lines}</article></body></html>").body.split("\n") == brief


def test_a_description_that_is_the_first_paragraph_styled_as_intro_stays():
    """The description's text in a paragraph whose class is the body's plus a modifier is the
    article's first paragraph, not a deck."""
    head = f"<html lang='de'><head><title>Neuer Hafenplan</title><meta name='description' content='{BODY[0]}'></head>"
    rest = "".join(f"<p class='doc-text'>{t}</p>" for t in BODY[1:])
    page = f"{head}<body><article><p class='doc-text doc-intro'>{BODY[0]}</p>{rest}</article></body></html>"
    assert extract_generic(page).body.split("\n") == BODY


def test_a_description_cut_short_is_read_whole_from_a_longer_meta():
    """name=description cut with "..." and og:description whole: the deck repeating the whole goes."""
    deck = (
        "Die Stadt baut den Hafen für 400 Millionen Euro um. Die Opposition im Stadtrat will den Plan "
        "prüfen, bevor sie zustimmt, und fordert eine Beteiligung der Bürger."
    )
    metas = f"<meta name='description' content='{deck[:70]}...'><meta property='og:description' content='{deck}'>"
    page = (
        f"<html lang='de'><head><title>Neuer Hafenplan</title>{metas}</head><body><article>"
        f"<h1>Neuer Hafenplan</h1><div class='standfirst'>{deck}</div>{''.join(_p(t) for t in BODY)}"
        "</article></body></html>"
    )
    assert extract_generic(page).body.split("\n") == BODY


def test_blocks_inside_a_kept_page_wrapper_are_filtered_links_and_bare_text_between_them_stay():
    """trafilatura sometimes keeps the page's one wrapper <div>: its children are the blocks; an
    inline link beside them is not a block, and bare text after a removed block stays."""
    body = _xml(
        "<div>", _p("Hafen aktuell"), _p(BODY[0]), "<ref>Hamburg</ref>", _p(BODY[1]),
        _p("Anzeige"), "Neue Pläne", _p(BODY[2]), _p("Schlagwort: Hafen"), "</div>",
    )
    drop_structural(body, "", "")
    wrapper = body[0]
    assert _texts(wrapper) == [BODY[0], "Hamburg", BODY[1], BODY[2]]
    assert "Neue Pläne" in (wrapper[2].tail or "")


def test_an_offer_with_a_price_among_the_last_blocks_goes_a_priced_sentence_and_a_free_offer_stay():
    plug = "„Häfen der Welt“ von Anna Beispiel ist im Buchhandel erhältlich (Beispiel Verlag, 24 Euro)."
    magazine = "Get Harbour Weekly delivered to your door: 12 issues for £9.99. Click here to order."
    priced = "Die neue Fähre kostet 40 Millionen Euro und soll im Mai zum ersten Mal fahren."
    free = "Hier klicken und unser kostenloses E-Book über den Hafen bestellen, für alle Leser."
    body = _xml(*(_p(t) for t in BODY), _p(priced), _p(free), _p(plug))
    drop_structural(body, "", "")
    assert _texts(body) == [*BODY, priced, free]
    body = _xml(*(_p(t) for t in BODY), _p(magazine))
    drop_structural(body, "", "")
    assert _texts(body) == BODY


def test_a_call_for_tips_through_a_confidential_channel_goes_anywhere_a_quoted_appeal_stays():
    tip_de = "Sie arbeiten im Hafen und wissen mehr? Melden Sie sich vertraulich per Signal bei unserer Redaktion."
    tip_en = "Know more about the harbour deal? Contact our reporter confidentially on Signal or WhatsApp."
    story = "Warum nutzte der Senator Signal? Die Chats seien vertraulich gewesen, sagte er am Abend."
    appeal = "Wer hat etwas beobachtet? Hinweise nimmt die Polizei unter der Nummer 0511 109 entgegen."
    body = _xml(_p(BODY[0]), _p(tip_de), _p(BODY[1]), _p(story), _p(tip_en), _p(appeal), _p(BODY[2]), _p(BODY[3]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], BODY[1], story, appeal, BODY[2], BODY[3]]


def test_block_texts_are_remembered_only_while_one_call_runs():
    """drop_structural remembers block texts for its own run; afterwards a block reads afresh."""
    from newsmon import structure

    body = _xml(*(_p(t) for t in BODY))
    drop_structural(body, "", "")
    assert getattr(structure._MEMO, "texts", None) is None
    body[0].text = "Ein ganz anderer Anfang ohne Punkt"
    assert structure.block_text(body[0]) == "Ein ganz anderer Anfang ohne Punkt"
    # the same body filtered again reads the changed paragraph, now a short lead line, and drops it
    drop_structural(body, "", "")
    assert _texts(body) == BODY[1:]


def test_a_credit_row_of_label_name_fields_goes_a_sentence_with_a_colon_stays():
    credits = "Übersetzung: Anna Beispiel, Redaktion: Ben Muster, Audioversion: Cem Probe"
    colon = "Die Bürgermeisterin sagte dazu: Der Hafen bleibt offen, auch während der Bauarbeiten."
    body = _xml(_p(BODY[0]), _p(colon), _p(BODY[1]), _p(credits), _p(BODY[2]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], colon, BODY[1], BODY[2]]


def test_a_printed_shortcode_goes():
    shortcode = '[button link="https://example.org/leserbrief/" type="big"] Schreiben Sie uns[/button]'
    body = _xml(_p(BODY[0]), _p(shortcode), _p(BODY[1]), _p("Der Plan [PDF] liegt im Rathaus aus."))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], BODY[1], "Der Plan [PDF] liegt im Rathaus aus."]


def test_a_bracketed_note_after_the_last_body_paragraph_goes_any_length():
    note = "(Mitarbeit: Anna Beispiel und Ben Muster in Hamburg; redigiert von Cem Probe und Dana Test am Abend.)"
    aside = "(Der Plan liegt seit Montag im Rathaus aus und kann dort eingesehen werden.)"
    body = _xml(_p(BODY[0]), _p(aside), _p(BODY[1]), _p(note))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], aside, BODY[1]]


def test_an_email_contact_line_among_the_last_blocks_goes():
    contact = "Hinweise und Leserbriefe an die Redaktion: redaktion@example.org."
    body = _xml(_p(BODY[0]), _p(BODY[1]), _p(BODY[2]), _p(contact))
    drop_structural(body, "", "")
    assert _texts(body) == BODY[:3]


def test_a_caption_ending_in_a_credit_goes_a_sentence_with_a_colon_stays():
    caption = "Los geht es am Montag: der neue Fahrplan am Hauptbahnhof. Bild: Anna von Beispiel"
    colon = "Der Bürgermeister hatte eine Antwort. Seine Antwort: ein klares nein zu den Plänen"
    body = _xml(_p(BODY[0]), _p(caption), _p(colon), _p(BODY[1]), _p(BODY[2]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], colon, BODY[1], BODY[2]]


def test_a_translation_note_as_first_or_near_last_block_goes_inside_the_story_it_stays():
    first = "Dies ist eine maschinelle Übersetzung eines Artikels unserer Kollegen."
    last = "This article is a translation; it first appeared in another newspaper."
    inside = "Die Übersetzung des Vertrags in zwölf Sprachen hat das Ministerium selbst bezahlt, sagte sie."
    body = _xml(_p(first), _p(BODY[0]), _p(inside), _p(BODY[1]), _p(BODY[2]), _p(last), _p(BODY[3]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], inside, BODY[1], BODY[2], BODY[3]]


def test_an_affiliate_disclosure_or_the_comment_rules_among_the_last_blocks_go():
    affiliate = "Wenn Sie über einen Partnerlink kaufen, erhalten wir eine Provision vom Händler."
    rules = "Kommentare mit beleidigendem Inhalt werden von der Moderation nicht freigeschaltet."
    body = _xml(_p(BODY[0]), _p(BODY[1]), _p(BODY[2]), _p(affiliate), _p(rules))
    drop_structural(body, "", "")
    assert _texts(body) == BODY[:3]


def test_a_separator_line_goes():
    body = _xml(_p(BODY[0]), _p("______________________________"), _p("* * *"), _p(BODY[1]))
    drop_structural(body, "", "")
    assert _texts(body) == BODY[:2]


def test_a_run_of_figure_labelled_short_blocks_goes_a_single_one_stays():
    box = ["1997: Der Hafen wird privatisiert", "43: Zahl der Schiffe pro Woche", "3.: Platz im Ranking der Häfen"]
    single = "2030: So lange soll der Umbau dauern, sagt die Stadt."
    body = _xml(_p(BODY[0]), *[_p(b) for b in box], _p(BODY[1]), _p(single), _p(BODY[2]))
    drop_structural(body, "", "")
    assert _texts(body) == [BODY[0], BODY[1], single, BODY[2]]


def test_a_closing_sentence_that_only_mentions_a_translation_stays():
    """The note says the text itself was translated; a news sentence about a translation is body."""
    closing = "The ministry said the translation of the treaty would be ready next week."
    korean = "정부는 조약 번역 작업을 다음 주에 마칠 예정이라고 밝혔다."
    body = _xml(_p(BODY[0]), _p(BODY[1]), _p(BODY[2]), _p(closing), _p(korean))
    drop_structural(body, "", "")
    assert _texts(body) == [*BODY[:3], closing, korean]


def test_a_note_that_the_article_is_a_translation_goes_in_any_of_its_languages():
    notes = [
        "Dieser Artikel ist eine Übersetzung, er erschien zuerst in einer Zeitung aus Haifa.",
        "Cet article est une traduction, paru d'abord dans un quotidien de Lyon.",
    ]
    for note in notes:
        body = _xml(*(_p(t) for t in BODY), _p(note))
        drop_structural(body, "", "")
        assert _texts(body) == BODY


def test_labelled_link_goes_a_handle_list_stays():
    """"Label: <link>" with a headline for link is a cross-link whatever the label's share; a
    "Label: @handle" line (one word linked) stays."""
    kept = _kept_between(
        "<p>Noticia relacionada: <ref>El puerto de Algeciras bate su récord</ref></p>",
        "<p>Account: <ref>@darkzip</ref></p>",
    )
    assert kept == [BODY[0], "Account: @darkzip", BODY[1]]


def _kept_between(*blocks: str) -> list[str]:
    """The texts drop_structural keeps of ``blocks`` set between two body paragraphs."""
    body = _xml(_p(BODY[0]), *blocks, _p(BODY[1]))
    drop_structural(body, "", "")
    return _texts(body)


@pytest.mark.parametrize(
    "text",
    [
        "Dieser Artikel ist exklusiv für Abonnenten.",
        "Jetzt 4 Wochen für 1 € testen und alle Artikel lesen.",
        "Déjà abonné ? Se connecter",
        "Jeden Morgen die wichtigsten Nachrichten aus der Region in Ihrem Postfach.",
        "Boletín diario",
        "Download onze app en mis geen nieuws meer.",
        "Scarica la nostra app per ricevere le notizie in tempo reale.",
        "24 comments Join the conversation",
        "17 Kommentare",
        "By Jane Whitfield, Transport Correspondent",
        "Por María López Ortega",
        "Foto di Marco Rossi / Ansa",
        "We use cookies to improve your experience and to show personalised ads. You can change your choice "
        "at any time.",
    ],
)
def test_banner_byline_and_count_phrases(text):
    assert is_furniture_phrase(text)


@pytest.mark.parametrize(
    "text",
    [
        "By Tuesday evening, the council had approved the plan.",
        "Von Angela Merkel hieß es, man werde prüfen.",
        "The firm said its app had been downloaded a million times.",
        "Das Gericht wies die Klage ab.",
        "Officials said 24 people were hurt.",
    ],
)
def test_sentences_are_not_banner_phrases(text):
    assert not is_furniture_phrase(text)


def test_card_run_goes_one_linked_paragraph_stays():
    """Two or more paragraphs in a row, each a linked headline then its date, are teaser cards."""
    kept = _kept_between(
        "<p><ref>東京都、来年度から保育料を一部無償化へ</ref>2025年6月3日</p>",
        "<p><ref>新幹線、大雨の影響で一時運転見合わせ</ref>2025年6月2日</p>",
    )
    assert kept == [BODY[0], BODY[1]]
    assert len(_kept_between("<p><ref>新幹線、大雨の影響で一時運転見合わせ</ref>2025年6月2日</p>")) == 3
