"""The asiae profile on every markup era of the site (hand-written pages in fixtures/eras/), the
article identity across host variants, encodings, and the generic path's cleanup rules.

The 2026 era, the English edition and the 2016-17 CP949 era are also covered page by page in
test_extract.py (the crawled fixture site); the pages here are the eras between them.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from newsmon.extract import extract
from newsmon.fetch import decode_html
from newsmon.generic import drop_furniture_elements, extract_generic, is_furniture_line

ERAS = Path(__file__).parent / "fixtures" / "eras"
SITE = Path(__file__).parent / "fixtures" / "site"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# era -> (file, fetched URL, expectations). Times are the page's KST times converted by hand.
CASES = {
    "2019-20 itemprop=articleBody": (
        "ko-2019-itemprop.html",
        "https://view.asiae.co.kr/article/2019051610304461234",
        {
            "title": '美, 화웨이 거래제한 명단 올려…中 "단호히 반격"',
            "article_id": "asiae-ko-2019051610304461234",
            "published": utc(2019, 5, 16, 1, 30),
            "updated": utc(2019, 5, 16, 2, 2),
            "author": "박지훈",
            "summary": [],
            "first": "미국 상무부가 중국 통신장비업체 화웨이를 거래제한 기업 명단에 올렸다.",
            "last": "화웨이의 스마트폰 생산에 차질이 빚어질 수 있다는 관측이 나온다.",
            "must_contain": ['중국 상무부는 16일 "미국의 일방적 제재에 단호히 반격하겠다"고 밝혔다.'],
            "must_not_contain": ["[아시아경제", "jhpark@asiae.co.kr", "무단전재", "구독 이벤트", "사진=", "관련기사"],
        },
    ),
    "2022 #txt_area": (
        "ko-2022-txt_area.html",
        "https://www.asiae.co.kr/article/world/2022042009150038871",
        {
            "title": '대만해협 긴장 고조…美 구축함 통과에 中 "강력 대응"',
            "article_id": "asiae-ko-2022042009150038871",
            "published": utc(2022, 4, 20, 0, 15),
            "updated": utc(2022, 4, 20, 1, 40),
            "author": "이지은",  # from the dateline: this era has no byline box
            "summary": [],
            "first": "미국 해군 구축함이 대만해협을 통과하자",
            "last": "국제법에 따른 정상적인 항행이라고 설명했다.",
            "must_contain": ["중국 동부전구는 20일 성명을 내고"],
            "must_not_contain": ["[아시아경제", "jelee@asiae.co.kr", "무단전재", "사진=", "관련기사"],
        },
    ),
    "~2023 cont_article": (
        "ko-2023-cont_article.html",
        "https://cm.asiae.co.kr/ampview.htm?no=2023111608051234567",
        {
            "title": "미중, 펜타닐 단속 협력 합의…마약 원료 수출 차단",
            "article_id": "asiae-ko-2023111608051234567",
            "published": utc(2023, 11, 15, 23, 5),
            "updated": utc(2023, 11, 16, 0, 30),
            "author": "최유진",
            "summary": [],
            "first": "미국과 중국이 펜타닐 원료 물질의 불법 유통을 막기 위해 단속에 협력하기로 합의했다.",
            "last": '"중국이 실제로 약속을 이행하는지 면밀히 지켜보겠다"고 말했다.',
            "must_contain": ["관련 제품의 수출을 통제하기로 했다."],
            "must_not_contain": ["[아시아경제", "yjchoi@asiae.co.kr", "무단전재", "관련기사", "1년 만에 정상회담"],
        },
    ),
    "2023 .article": (
        "ko-2023-article.html",
        "https://view.asiae.co.kr/article/2023101808004412345",
        {
            "title": "美, 中 반도체 장비 수출통제 확대…엔비디아 저사양 칩도 막는다",
            "article_id": "asiae-ko-2023101808004412345",
            "published": utc(2023, 10, 17, 23, 0),
            "updated": utc(2023, 10, 17, 23, 45),
            "author": "한상욱",
            "summary": ["상무부, 수출통제 규정 개정안 발표", '중국 "무역 규칙 위반" 반발'],
            "first": "미국 정부가 중국에 대한 첨단 반도체와 장비 수출통제를 한층 강화했다.",
            "last": '"시장 경제 원칙과 국제 무역 규칙을 위반한 것"이라며 강하게 반발했다.',
            "must_contain": ["엔비디아의 중국용 저사양 칩도 수출을 막는 내용의 개정안을 발표했다."],
            "must_not_contain": [
                "광고",
                "추천 기사",
                "swhan@asiae.co.kr",
                "#수출통제",
                "많이 읽은 기사",
                "개정안 발표\n",
            ],
        },
    ),
}


@pytest.mark.parametrize("era", list(CASES))
def test_asiae_era(era):
    name, url, want = CASES[era]
    html, _ = decode_html((ERAS / name).read_bytes())
    art = extract(html, url, "asiae", "asiae")
    assert art.extraction_method == "profile"
    assert art.title == want["title"]
    assert art.article_id == want["article_id"]
    assert art.lang == "ko"
    assert art.published_at == want["published"]
    assert art.updated_at == want["updated"]
    assert art.author == want["author"]
    assert list(art.summary) == want["summary"]
    lines = art.body.split("\n")
    assert lines[0].startswith(want["first"]), lines[0]
    assert lines[-1].endswith(want["last"]), lines[-1]
    for text in want["must_contain"]:
        assert text in art.body
    for text in want["must_not_contain"]:
        assert text not in art.body, text
    for summary_line in art.summary:
        assert summary_line not in lines


@pytest.mark.parametrize(
    "url",
    [
        "https://www.asiae.co.kr/article/2022042009150038871",
        "https://view.asiae.co.kr/article/2022042009150038871",
        "https://www.asiae.co.kr/article/world/2022042009150038871?utm_source=x",
        "https://view.asiae.co.kr/news/view.htm?idxno=2022042009150038871",
        "https://cm.asiae.co.kr/ampview.htm?no=2022042009150038871",
    ],
)
def test_one_article_id_across_hosts_without_canonical(url):
    raw = (ERAS / "ko-2022-txt_area.html").read_bytes().replace(b'rel="canonical"', b'rel="x"')
    art = extract(decode_html(raw)[0], url, "asiae", "asiae")
    assert art.article_id == "asiae-ko-2022042009150038871"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.asiae.co.kr/en/article/2023111607172845478",
        "https://view.asiae.co.kr/en/article/2023111607172845478",
        "https://cm.asiae.co.kr/en/article/2023111607172845478",
        "https://www.asiae.co.kr/en/article/world/2023111607172845478",
        "https://www.asiae.co.kr/en/print.htm?idxno=2023111607172845478",
    ],
)
def test_one_english_article_id_across_hosts(url):
    raw = (SITE / "en" / "article" / "2023111607172845478.html").read_bytes()
    # no canonical address: the fetched URL alone decides
    raw = raw.replace(b'rel="canonical"', b'rel="x"').replace(b'property="og:url"', b'property="og:x"')
    raw = raw.replace(b"{{BASE}}", b"https://www.asiae.co.kr")
    art = extract(decode_html(raw)[0], url, "asiae", "asiae")
    assert art.article_id == "asiae-en-2023111607172845478"
    assert art.lang == "en"


def test_cp949_page_that_claims_utf8_comes_out_as_hangul():
    html = (ERAS / "ko-2022-txt_area.html").read_text(encoding="utf-8")
    raw = html.encode("cp949")  # the bytes are CP949, while header and <meta charset> say UTF-8
    text, encoding = decode_html(raw, "utf-8")
    assert encoding in ("cp949", "euc_kr", "johab") or encoding.startswith("cp949"), encoding
    art = extract(text, "https://www.asiae.co.kr/article/2022042009150038871", "asiae", "asiae")
    assert art.title == '대만해협 긴장 고조…美 구축함 통과에 中 "강력 대응"'
    assert "\ufffd" not in art.body


def test_decomposed_hangul_is_normalised_to_syllables():
    html = (ERAS / "ko-2022-txt_area.html").read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", html)
    assert nfd != html  # the page really is decomposed into jamo
    text, _ = decode_html(nfd.encode("utf-8"))
    art = extract(text, "https://www.asiae.co.kr/article/2022042009150038871", "asiae", "asiae")
    assert art.title == '대만해협 긴장 고조…美 구축함 통과에 中 "강력 대응"'
    assert unicodedata.is_normalized("NFC", art.body)


# --- the generic path -------------------------------------------------------------------------

PROSE = (
    "The committee met on Tuesday to weigh the proposal, and its members argued for several hours "
    "about the cost of the plan and the schedule for building it."
)


def _page(*blocks: str, title: str = "Harbour plan approved after long debate") -> str:
    return (
        f"<html lang='en'><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{''.join(blocks)}</article><footer>Site footer</footer></body></html>"
    )


def test_generic_drops_title_heading_link_rails_and_trailing_headings():
    html = _page(
        f"<h2>{'Harbour plan approved after long debate'}</h2>",
        *(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(5)),
        "<p>Read more: <a href='/x'>Council votes on the budget</a></p>",
        f"<p>{PROSE} Paragraph 5.</p>",
        "<p>Like this story? Share it with a friend!</p>",
        "<h3>More from the region</h3>",
    )
    found = extract_generic(html, "https://news.example/a")
    lines = found.body.split("\n")
    assert found.title == "Harbour plan approved after long debate"
    assert lines[0].endswith("Paragraph 0.") and lines[-1].endswith("Paragraph 5.")
    assert len(lines) == 6


def test_furniture_lines_are_short_and_prose_that_mentions_them_is_kept():
    assert is_furniture_line("Related: The 15 Weirdest Galaxies in Our Universe")
    assert is_furniture_line("<ⓒ투자가를 위한 경제콘텐츠 플랫폼, 아시아경제 무단전재 배포금지>")
    assert is_furniture_line("Copyright 2019 Example Media. All rights reserved.")
    assert is_furniture_line("정덕현 칼럼니스트 thekian1@entermedia.co.kr")
    assert not is_furniture_line("Related to the talks, officials said tariffs would stay.")
    long_prose = "The ministry said its newsletter to exporters " + "explained the new licence rules in detail " * 4
    assert not is_furniture_line(long_prose)


def test_generic_path_keeps_tables_and_gives_a_utc_time():
    html = _page(
        "<p>" + PROSE + "</p>",
        "<table><tr><td>Port of Busan</td><td>22.1 million containers</td></tr>"
        "<tr><td>Port of Incheon</td><td>3.4 million containers</td></tr></table>",
        "<p>" + PROSE + " The end.</p>",
    ).replace("<head>", "<head><meta property='article:published_time' content='2025-11-03T09:15:00+09:00'>")
    art = extract(html, "https://news.example/a", "example")
    assert art.extraction_method == "generic"
    assert "22.1 million containers" in art.body
    assert art.published_at == utc(2025, 11, 3, 0, 15)


def test_drop_furniture_elements_on_trafilaturas_body_tree():
    body = etree.fromstring(
        "<body><head rend='h1'>Harbour Plan Approved!</head><p>First paragraph.</p><head rend='h2'>Details</head>"
        "<p>Second paragraph.</p><head rend='h3'>Pick Six</head><head rend='h4'>Get the day's stories</head>"
        "<p class='checkbox'/></body>"
    )
    drop_furniture_elements(body, "Harbour plan approved")
    assert [(el.tag, "".join(el.itertext())) for el in body] == [
        ("p", "First paragraph."),
        ("head", "Details"),
        ("p", "Second paragraph."),
    ]


def test_profile_keeps_text_outside_paragraphs_and_does_not_split_on_source_newlines():
    html = (ERAS / "ko-2019-itemprop.html").read_text(encoding="utf-8")
    html = html.replace(
        "업계에서는 반도체와",
        "<p>화웨이는 자체 칩 개발을\n        서두르겠다고 밝혔다.</p>\n      업계에서는 반도체와",
    )
    art = extract(html, "https://view.asiae.co.kr/article/2019051610304461234", "asiae", "asiae")
    lines = art.body.split("\n")
    assert "화웨이는 자체 칩 개발을 서두르겠다고 밝혔다." in lines
    assert lines[0].startswith("미국 상무부가")  # the text outside any <p> is still there
    assert any(line.startswith("업계에서는 반도체와") for line in lines)


def test_fallback_still_applies_the_profiles_line_rules():
    paragraphs = [
        "[아시아경제 홍길동 기자] 새 디자인의 기사 페이지에서도 본문 첫 문단은 이렇게 시작한다. 충분히 긴 문장이다.",
        *(
            f"둘째 이후 문단 {i}: 사이트가 개편되어 프로필 선택자가 아무것도 찾지 못하는 경우를 보여준다."
            for i in range(4)
        ),
        "홍길동 기자 hong@asiae.co.kr",
    ]
    html = (
        "<html lang='ko'><head><title>개편된 페이지</title></head><body><main><h1>개편된 페이지</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</main></body></html>"
    )
    art = extract(html, "https://www.asiae.co.kr/article/2025010112000012345", "asiae", "asiae")
    assert art.extraction_method == "fallback"
    assert art.body.startswith("새 디자인의 기사 페이지에서도")
    assert "hong@asiae.co.kr" not in art.body and "[아시아경제" not in art.body
    assert art.author == "홍길동"
