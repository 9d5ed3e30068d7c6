"""Furniture templates for the extraction CheckList (tests/test_extract_checklist.py).

Written for the suite (no page's text): the markup and wording modern news templates use for the
blocks around an article, in eleven languages. Each entry is (family, language, inner HTML); the
suite wraps the inner HTML in ``<aside>``, in a ``<div>`` with generic class names, or inserts its
elements bare, before the first, between two, or after the last body paragraph of a host page.
"""

from __future__ import annotations

# (family, language, inner HTML)
TEMPLATES: list[tuple[str, str, str]] = [
    # related / teaser link lists: a list of linked headlines
    ("related-list", "en", '<h2>Related stories</h2><ul><li><a href="/a/1">Council delays vote on new bus lanes after '
     'protest</a></li><li><a href="/a/2">Why the city\'s water bills are going up again this year</a></li>'
     '<li><a href="/a/3">Storm damage closes coastal path for the summer</a></li></ul>'),
    ("related-list", "de", '<h2>Mehr zum Thema</h2><ul><li><a href="/a/1">Bahn kündigt neue Verbindungen nach Prag '
     'an</a></li><li><a href="/a/2">Warum die Mieten in Leipzig stärker steigen als anderswo</a></li>'
     '<li><a href="/a/3">Streik an Flughäfen: Was Reisende jetzt wissen müssen</a></li></ul>'),
    ("related-list", "zh", '<h2>相关新闻</h2><ul><li><a href="/a/1">上海地铁新线路本周末开通试运营</a></li>'
     '<li><a href="/a/2">多地发布高温预警 提醒市民注意防暑</a></li>'
     '<li><a href="/a/3">新能源汽车出口量连续三个月增长</a></li></ul>'),
    # teaser cards: linked headline, then its date
    ("teaser-cards", "es", '<div class="c-1"><a href="/n/1"><h3>El Gobierno aprueba el nuevo plan de vivienda para '
     'jóvenes</h3></a><span>12/05/2025</span></div><div class="c-1"><a href="/n/2"><h3>La sequía obliga a '
     'restringir el riego en tres comarcas</h3></a><span>11/05/2025</span></div><div class="c-1"><a href="/n/3">'
     '<h3>Los hospitales refuerzan las urgencias ante la ola de calor</h3></a><span>10/05/2025</span></div>'),
    ("teaser-cards", "it", '<div class="c-1"><a href="/n/1"><h3>Treni, da lunedì nuovi orari sulla linea Milano-'
     'Venezia</h3></a><span>3 giugno 2025</span></div><div class="c-1"><a href="/n/2"><h3>Scuola, il ministero '
     'annuncia le date degli esami di maturità</h3></a><span>2 giugno 2025</span></div><div class="c-1">'
     '<a href="/n/3"><h3>Caldo record in Sicilia, chiusi i parchi nel pomeriggio</h3></a><span>1 giugno 2025'
     '</span></div>'),
    ("teaser-cards", "ja", '<div class="c-1"><a href="/n/1"><h3>東京都、来年度から保育料を一部無償化へ</h3></a>'
     '<span>2025年6月3日</span></div><div class="c-1"><a href="/n/2"><h3>新幹線、大雨の影響で一時運転見合わせ</h3>'
     '</a><span>2025年6月2日</span></div><div class="c-1"><a href="/n/3"><h3>円相場、一時1ドル=150円台に下落'
     '</h3></a><span>2025年6月1日</span></div>'),
    # "read also" / next story blocks
    ("read-also", "fr", '<p><strong>À lire aussi</strong> <a href="/r/1">Grève à la SNCF : le trafic toujours '
     'perturbé mercredi</a></p>'),
    ("read-also", "pt", '<p><strong>Leia também:</strong> <a href="/r/1">Governo anuncia novo pacote para '
     'reduzir o preço dos combustíveis</a></p>'),
    ("read-also", "nl", '<p><strong>Lees ook:</strong> <a href="/r/1">Kabinet trekt extra geld uit voor '
     'dijkversterking langs de rivieren</a></p>'),
    ("next-story", "en", '<div><span>Next story</span><a href="/n/9"><h3>Ferry operator cuts winter timetable '
     'to the islands</h3></a></div>'),
    ("next-story", "de", '<div><span>Nächster Artikel</span><a href="/n/9"><h3>Stadtwerke erhöhen die Preise für '
     'Fernwärme</h3></a></div>'),
    # inline "Related:" link paragraphs
    ("inline-related", "en", '<p>Related: <a href="/r/2">Fishermen say new quotas will force them out of the '
     'bay</a></p>'),
    ("inline-related", "es", '<p>Noticia relacionada: <a href="/r/2">El puerto de Algeciras bate su récord de '
     'contenedores</a></p>'),
    ("inline-related", "it", '<p>Leggi anche: <a href="/r/2">Autostrade, i cantieri estivi sulla A1 tra Firenze e '
     'Bologna</a></p>'),
    # share / follow rows
    ("share-row", "en", '<div><span>Share this article</span><a href="#">Facebook</a><a href="#">X</a>'
     '<a href="#">WhatsApp</a><a href="#">Copy link</a></div>'),
    ("share-row", "pl", '<div><span>Udostępnij artykuł</span><a href="#">Facebook</a><a href="#">X</a>'
     '<a href="#">Skopiuj link</a></div>'),
    ("share-row", "ko", '<div><span>기사 공유하기</span><a href="#">카카오톡</a><a href="#">페이스북</a>'
     '<a href="#">링크 복사</a></div>'),
    ("follow-row", "fr", '<p>Suivez-nous sur <a href="#">Facebook</a>, <a href="#">Instagram</a> et '
     '<a href="#">WhatsApp</a></p>'),
    ("follow-row", "ja", '<p><a href="#">公式Xをフォローする</a></p>'),
    # newsletter / app / cookie / paywall banners
    ("newsletter", "en", '<h3>The Morning Briefing</h3><p>Get the day\'s top stories delivered to your inbox every '
     'morning.</p><form><input type="email" placeholder="Your email"><button>Sign up</button></form>'),
    ("newsletter", "de", '<h3>Der Morgen-Newsletter</h3><p>Jeden Morgen die wichtigsten Nachrichten aus der Region '
     'in Ihrem Postfach.</p><form><input type="email"><button>Jetzt anmelden</button></form>'),
    ("newsletter", "es", '<h3>Boletín diario</h3><p>Recibe cada mañana en tu correo las noticias más importantes '
     'del día.</p><form><input type="email"><button>Suscríbete</button></form>'),
    ("app-banner", "nl", '<p>Download onze app en mis geen nieuws meer.</p><a href="#">App Store</a> '
     '<a href="#">Google Play</a>'),
    ("app-banner", "it", '<p>Scarica la nostra app per ricevere le notizie in tempo reale.</p><a href="#">App '
     'Store</a> <a href="#">Google Play</a>'),
    ("cookie", "en", '<p>We use cookies to improve your experience and to show personalised ads. You can change '
     'your choice at any time.</p><button>Accept all</button><button>Manage preferences</button>'),
    ("cookie", "pt", '<p>Utilizamos cookies para melhorar a sua experiência de navegação.</p><button>Aceitar'
     '</button><button>Definições</button>'),
    ("paywall", "de", '<p>Dieser Artikel ist exklusiv für Abonnenten.</p><p>Jetzt 4 Wochen für 1 € testen und '
     'alle Artikel lesen.</p><a href="#">Bereits Abonnent? Hier anmelden</a>'),
    ("paywall", "fr", '<p>Cet article est réservé aux abonnés.</p><p>Abonnez-vous dès 1 € le premier mois.</p>'
     '<a href="#">Déjà abonné ? Se connecter</a>'),
    # author bio boxes
    ("author-bio", "en", '<p><strong>Jane Whitfield</strong> is our transport correspondent. She joined the paper '
     'in 2019 after six years at a regional news agency.</p><a href="#">More from this author</a>'),
    ("author-bio", "nl", '<p><strong>Pieter de Vries</strong> is verslaggever binnenland en schrijft over '
     'wonen en verkeer.</p><a href="#">Meer van deze auteur</a>'),
    # bylines and photo credits
    ("byline", "en", '<p>By Jane Whitfield, Transport Correspondent</p>'),
    ("byline", "es", '<p>Por María López Ortega</p><p>Madrid</p>'),
    ("photo-credit", "de", '<p>Foto: Stefan Brandt / dpa</p>'),
    ("photo-credit", "it", '<p>Foto di Marco Rossi / Ansa</p>'),
    # "most read" lists
    ("most-read", "en", '<h2>Most read</h2><ol><li><a href="/m/1">1 Police name man found dead in river</a></li>'
     '<li><a href="/m/2">2 House prices fall for third month in a row</a></li><li><a href="/m/3">3 New '
     'restaurant opens in former bank building</a></li></ol>'),
    ("most-read", "ko", '<h2>많이 본 뉴스</h2><ol><li><a href="/m/1">서울 아파트값 3주 연속 상승</a></li>'
     '<li><a href="/m/2">장마 시작…남부 지방 최대 150㎜ 비</a></li><li><a href="/m/3">프로야구 올스타전 '
     '팬 투표 시작</a></li></ol>'),
    ("most-read", "pt", '<h2>Mais lidas</h2><ol><li><a href="/m/1">Incêndio atinge armazém no porto de Leixões'
     '</a></li><li><a href="/m/2">Preço das casas volta a subir em Lisboa</a></li><li><a href="/m/3">Metro do '
     'Porto prolonga horário no verão</a></li></ol>'),
    # comment-count rows
    ("comments", "en", '<div><a href="#comments">24 comments</a> <span>Join the conversation</span></div>'),
    ("comments", "de", '<div><a href="#comments">17 Kommentare</a> <span>Jetzt mitdiskutieren</span></div>'),
    # podcast / audio player labels
    ("audio", "en", '<div><button>Listen to this article</button><span>4 min</span></div>'),
    ("audio", "fr", '<div><button>Écouter cet article</button><span>3 min</span></div>'),
    ("audio", "zh", '<div><button>收听本文</button><span>5分钟</span></div>'),
    # table-of-contents boxes
    ("toc", "en", '<p>Contents</p><ol><li><a href="#s1">What the plan changes</a></li><li><a href="#s2">Who '
     'pays for it</a></li><li><a href="#s3">What happens next</a></li></ol>'),
    ("toc", "de", '<p>Inhaltsverzeichnis</p><ol><li><a href="#s1">Was sich ändert</a></li><li><a href="#s2">Wer '
     'bezahlt</a></li><li><a href="#s3">Wie es weitergeht</a></li></ol>'),
]

# Body paragraphs that merely mention a furniture word: (language, paragraph). They must stay.
MENTIONS: list[tuple[str, str]] = [
    ("en", "The council's own newsletter, sent to every household in March, had promised residents that the "
           "work would not start before the end of the tourist season."),
    ("en", "Read more carefully, the report shows that the authority had been warned about the cost overruns "
           "two years before the contract was signed."),
    ("de", "Im Newsletter der Stadtwerke, den rund 40.000 Kunden erhalten, war von einer Preiserhöhung noch "
           "keine Rede gewesen, kritisierte die Verbraucherzentrale."),
    ("fr", "Les abonnés du réseau de transport recevront une compensation, a précisé la métropole, qui veut "
           "éviter une nouvelle vague de plaintes des usagers."),
    ("es", "Los vecinos pueden seguir las obras en directo a través de una cámara instalada por el "
           "ayuntamiento, que también publicará un boletín semanal con los avances."),
    ("ko", "시는 구독자 10만 명을 보유한 공식 유튜브 채널을 통해 공청회를 생중계하고, "
           "시민 의견을 실시간으로 받을 계획이라고 설명했다."),
]
