"""Multilingual furniture phrases: the second line of defence behind :mod:`newsmon.structure`.

Three lists, by how much of a block they must cover:

- ``WHOLE``: the block is just this label ("Advertisement", "Anzeige", "Article content");
- ``LEAD``: the block starts with a cross-link cue ("Read also:", "Auch interessant",
  "À lire aussi", "Czytaj więcej", "Les også") — any length, the rest is a teaser headline;
- ``SHORT``: a short block holding a call to action, a banner, a byline or a credit
  ("Reporting by", "Mit Agenturmaterial", "Foto:", cookie/app/newsletter notes, Japanese follow
  buttons, "기사 URL이 복사되었습니다").

Each list names the languages it covers in a comment; add to them by rule (a label a template
prints), never a sentence of one article.
"""

from __future__ import annotations

import re

# A block this long is prose even when it holds a SHORT cue ("subscribe", "newsletter").
SHORT_MAX_CHARS = 100
# ... counting a Hangul, kana or Han character as two: one carries about what two Latin letters do
# (a Korean news sentence is about half the characters of its English), so a 70-character Korean
# sentence naming subscribers ("구독자 10만 명") is prose, and "기사 URL이 복사되었습니다" is still short.
CJK_WEIGHT = 2
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# labels that are a whole block (en, de, fr, es, it, pt, nl, pl, ru, ja, ko, sv/no/da, cs, tr)
WHOLE = re.compile(
    r"^\W*(advertisement|sponsored|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|"
    r"reklama|реклама|広告|광고|annons|annonse|reklame|article content|inhalt|hauptinhalt|content|"
    r"comments?|kommentare|commentaires|comentarios|share|teilen|partager|compartir|condividi|"
    r"udostępnij|поделиться|シェア|공유|dela|del|sdílet|paylaş|"
    # a related-links box's title left alone when its links went ("More:", "Noticia relacionada")
    r"more|related|noticias? relacionadas?|notícias? relacionadas?|articles? liés|verwandte artikel)\W*$",
    re.I,
)
# cross-link cues opening a teaser (en, de, fr, es, it, pt, nl, pl, ru, ja, ko, sv, no, da, cs, tr, vi)
LEAD = re.compile(
    r"^\W*(read (more|also|next)|see also|related( (posts?|articles?|stories|coverage))?\s*:|more on this|"
    r"auch interessant|lesen sie (auch|mehr)|mehr zum thema|weiterlesen|das könnte sie auch interessieren|"
    r"(à )?lire aussi|à voir aussi|sur le même sujet|lee (también|más)|lea también|te puede interesar|"
    r"leggi anche|ler também|leia também|lees ook|czytaj (więcej|też|także)|zobacz też|"
    r"читайте (также|еще|ещё)|см\. также|関連記事|あわせて読みたい|관련\s*기사|추천\s*기사|많이\s*본\s*뉴스|"
    r"läs (också|mer)|les også|les mer|læs også|læs mere|čtěte (také|též)|přečtěte si|ayrıca( bakınız| okuyun)?\s*:|"
    # not when a lowercase word follows the cue: that is a sentence ("Read more carefully, the report ..."),
    # a teaser's headline after the cue is capitalised or set off by a colon
    r"xem thêm|đọc thêm)\b(?!\s+(?-i:[a-zß-öø-ÿ]))",
    re.I,
)
# calls to action, banners, bylines and credits inside a short block (languages as above)
SHORT = re.compile(
    r"newsletter|subscribe|sign up|signing up|your subscription|your inbox|"
    r"abonnieren|abonnez|suscr[ií]b|abbonati|assine|abonneer|subskrybuj|"
    r"подпишитесь|購読|구독|prenumerera|abonner|odebírat|abone ol|đăng ký|"
    r"cookie|privacy settings|privatsphäre|datenschutz|consentement|"
    r"download (the|our) app|in der app|get the app|e-paper|push-nachrichten|"
    r"follow us|folgen sie uns|suivez-nous|síguenos|seguici|siga-nos|volg ons|obserwuj|フォロー|팔로우|"
    r"bookmark|lesezeichen|url이 복사|링크가 복사|기사 url|copied to clipboard|"
    r"^\W*\(?(reporting|editing|writing|additional reporting) by\b|^\W*mit (agentur)?material\b|"
    r"^\W*(redaktion|faktencheck|text|fotos?|bilder?|photos?|фото|ảnh|사진|写真|kuva|foto)\s*[:=]|"
    r"getty images|/ ?afp\b|via reuters|\bdpa\b|기자\s*외\s*\d+\s*명|all rights reserved|alle rechte vorbehalten|"
    r"무단\s*전재|재배포\s*금지|저작권자|ⓒ|©|copyright|"
    # paywall, newsletter and app banners, comment counts, bylines and photo credits the checklist
    # (tests/test_extract_checklist.py) found left when no container tells them apart
    r"\b(für|for|aux|para|per|voor|dla) (abonnenten|subscribers|abonnés|suscriptores|abbonati|assinantes|abonnees|"
    r"prenumeratorów)\b|\b(bereits|already an?|déjà|ya eres|già|já é|al) (abonnent|subscriber|abonné|suscriptor|"
    r"abbonato|assinante|abonnee)|\bjetzt\b.{0,30}\btesten\b|probeabo|free trial|essai gratuit|prueba gratis|"
    r"prova gratuita|teste grátis|proefabonnement|postfach|boîte (mail|de réception)|tu correo|nieuwsbrief|boletín|"
    r"app store|google play|\b(unsere[rn]?|notre|nuestra|nossa|onze|nostra|naszą|our) (app|application|aplikację)\b|"
    r"^\W*\d+\s*(comments?|kommentare?|commentaires?|comentarios?|commenti|comentários|reacties|komentarz[ey]?|"
    r"댓글|コメント)|^\W*(photo|foto|bild|image) (by|di|von|de|par)\b|"
    r"^\W*(by|por|par|von|di|door|przez) (?-i:[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+)+)(,|$)",
    re.I,
)
# A consent banner's opening, at any length under BANNER_MAX_CHARS: en, de, fr, es, it, pt, nl, pl
BANNER_LEAD = re.compile(
    r"^\W*(we use cookies|this (web)?site uses cookies|wir (verwenden|nutzen) cookies|diese website (verwendet|nutzt) "
    r"cookies|nous utilisons des cookies|utilizamos cookies|utilizziamo (i )?cookie|usamos cookies|"
    r"wij gebruiken cookies|używamy (plików )?cookie)",
    re.I,
)
BANNER_MAX_CHARS = 300


def is_furniture_phrase(text: str) -> bool:
    """True when a block of text is a furniture label, a cross-link teaser, or a short block
    with a call to action, banner, byline or credit."""
    if WHOLE.search(text) or LEAD.search(text) or (len(text) < BANNER_MAX_CHARS and BANNER_LEAD.search(text)):
        return True
    return _weighted_len(text) < SHORT_MAX_CHARS and bool(SHORT.search(text))


def _weighted_len(text: str) -> int:
    """Length with a Hangul, kana or Han character counted as CJK_WEIGHT Latin letters."""
    return len(text) + (CJK_WEIGHT - 1) * len(_CJK.findall(text))

# An e-mail address: a contact line ("Reach the author at x@example.com", "Hinweise an …@…").
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# A note that the article is a translation, as the first or last block (the caller checks the
# position): phrasings that say the text itself was translated, not the word alone, so a closing
# news sentence about a translation stays. en, de, fr, es, it, pt, nl, sv, no/da, pl, ru, ja, ko
TRANSLATION_NOTE = re.compile(
    r"(article|story|text|piece|version) (is|was|has been) (a |an )?(machine[- ]|automatic(ally)? |ai[- ])?translat|"
    r"(artikel|text|beitrag|article|artículo|articolo|artigo|artikeln|texten) (ist|est|es|è|é|is|är) "
    r"(eine|une|una|uma|een|en) (übersetzung|traduction|traducción|traduzione|tradução|vertaling|översättning)\b|"
    r"translated (from|by|with)\b|(machine|automatic|ai)[- ]translat|"
    r"übersetzung (aus|von|eines|des)\b|(aus dem \w+|maschinell|automatisch) übersetzt|"
    r"traduit (de|du|par)\b|traduction (de l|automatique|par)|traducido (del?|por)\b|traducción (automática|del)|"
    r"tradott[oa] (da|dal|dall)|traduzione (automatica|di)|traduzido (do|da|por)\b|tradução (automática|do)|"
    r"vertaald (uit|door)\b|översatt (från|av)\b|oversatt? (fra|av|af)\b|przetłumacz|"
    r"перевод с|переведен[аоы]? с|翻訳し|翻訳記事|機械翻訳|번역\s*:|기계\s*번역|번역\s*기사|번역한 기사",
    re.I,
)
# A desk note at the end of the story: an affiliate disclosure or the comment rules (the caller
# keeps it to the last blocks): en, de, fr, es, it, pt, nl, sv, pl
DESK_NOTE = re.compile(
    r"affiliat|afiliad|partnerlink|provisionslink|share of the sale|(earn|receive|get) (a )?commission|"
    r"erhalten wir (eine )?provision|une commission|una comisión|una commissione|uma comissão|"
    r"(comments?|kommentare|commentaires|comentarios|commenti|comentários|reacties|kommentarer|komentarze)"
    r"\b.{0,80}\b(moderat|approv|freigeschaltet|publi|aprova|goedgekeurd|granska)",
    re.I,
)

# An offer at the end of the story: a book, magazine or product plug, with a price beside a call to
# buy or read it (the caller keeps it to the last blocks and short blocks, and wants a PRICE too, so
# a free offer the article makes stays). Calls a plug makes, not a story's "available from … for €…"
# (a product launch's last sentence): en, de, fr, es, it, pt, nl, sv, no, da
OFFER = re.compile(
    r"\b(out now|click here|buy (it )?now|order (it |yours )?(now|here|online)|on sale now|pre-?order|issues for|"
    r"subscribe (now|today|for|from|here)|"
    r"(jetzt|hier) (bestellen|abonnieren)|im buchhandel|(ab sofort|jetzt) im handel|"
    r"commandez|en librairie|en librerías|in libreria|nas livrarias|cómpralo|compre já|bestel nu|"
    r"beställ|bestill (nå|her)|køb (nu|her))",
    re.I,
)
# A price: a currency sign or code beside a figure ("£25", "12 issues for £11.99", "19,90 Euro").
PRICE = re.compile(r"[£$€¥₩]\s?\d|\d[\d.,]*\s?(€|£|\$|euro|eur|usd|chf|kr|kronor|kroner|zł)(?!\w)", re.I)
# A call for tips, anywhere in the story (a box set between paragraphs): after a question to the
# reader, a call to get in touch (TIP_CALL) through a confidential channel (TIP_CHANNEL), "… haben
# Hinweise? Melden Sie sich vertraulich via Signal …"; the caller wants both after a "?", so a police
# appeal the story quotes (a phone number, no such channel) stays. en, de, fr, es, it, pt, nl, sv, no
TIP_CALL = re.compile(
    r"\b((melden|schreiben|wenden|kontaktieren) sie|contact|reach|get in touch|send|message|write to|"
    r"tipsa|kontakta|hör av dig|écrivez|contactez|escrib|contact[ae]|scriv|contatt|neem contact|ta kontakt)",
    re.I,
)
TIP_CHANNEL = re.compile(
    r"\b(signal|threema|whatsapp|securedrop|telegram|proton ?mail)\b|vertraulich|anonym|"
    r"confiden|riservat|vertrouwelijk|konfidentiell|fortrolig",
    re.I,
)
# An author bio's role after the name ("<b>Jane Doe</b> is our transport correspondent"): a copula,
# then a newsroom role within a few words. The caller wants the name set in bold at the block's start
# and a short block, so a story's "X is a reporter who ..." stays. en, de, fr, es, it, pt, nl, pl
BIO_ROLE = re.compile(
    r"^\W*(is|ist|est|es|è|é|jest|war|was|was)\b.{0,40}\b(correspondent|reporter|editor|journalist|writer|"
    r"columnist|verslaggever|redacteur|redakteur(in)?|korrespondent(in)?|journaliste|rédact|periodista|"
    r"redactor|giornalista|redattore|jornalista|repórter|dziennikarz|reporter(ka)?)",
    re.I,
)
