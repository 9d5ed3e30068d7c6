"""Decoding page bytes: valid multi-byte UTF-8 beats a single-byte declaration, a declared charset
that yields mojibake loses to the detector, and real single-byte and CP949 pages keep theirs."""

from __future__ import annotations

from pathlib import Path

from newsmon.fetch import decode_html

FIXTURES = Path(__file__).parent / "fixtures"
LATIN1_PAGE = FIXTURES / "encoding" / "de-iso-8859-1.html"
GERMAN = "Außenminister der Vereinigten Arabischen Emirate"
KOREAN_TITLE = '대만해협 긴장 고조…美 구축함 통과에 中 "강력 대응"'


def test_real_iso_8859_1_page_stays_iso_8859_1():
    raw = LATIN1_PAGE.read_bytes()
    text, encoding = decode_html(raw, "iso-8859-1")
    assert encoding in ("latin_1", "iso8859-1", "iso8859_1"), encoding
    assert GERMAN in text
    assert "Ã" not in text


def test_utf8_bytes_beat_a_single_byte_declaration():
    text = LATIN1_PAGE.read_bytes().decode("iso-8859-1")
    raw = text.replace("iso-8859-1", "ISO-8859-15").encode("utf-8")  # what Fundus saved: UTF-8, old meta
    decoded, encoding = decode_html(raw, None)
    assert encoding == "utf-8"
    assert GERMAN in decoded and "Günstige" in decode_html("<meta charset=iso-8859-1><p>Günstige</p>".encode(), None)[0]


def test_declared_charset_with_mojibake_loses_to_the_detector():
    text = LATIN1_PAGE.read_bytes().decode("iso-8859-1")
    # UTF-8 with one stray Latin-1 byte: not valid UTF-8, so only the mojibake rule can save it
    raw = text.encode("utf-8").replace(b"</article>", b"\xa0</article>")
    assert "Ã" in raw.decode("iso-8859-1")  # the declaration alone would give mojibake
    decoded, encoding = decode_html(raw, "iso-8859-1")
    assert GERMAN in decoded, encoding
    assert "Ã" not in decoded


def test_cp949_page_declared_cp949_stays_hangul():
    html = (FIXTURES / "eras" / "ko-2022-txt_area.html").read_text(encoding="utf-8")
    raw = html.encode("cp949")
    decoded, encoding = decode_html(raw, "euc-kr")
    assert encoding == "cp949"
    assert KOREAN_TITLE in decoded


def test_cp949_fixture_of_the_site_stays_hangul():
    legacy = next((FIXTURES / "site").rglob("*.cp949.html"))
    decoded, encoding = decode_html(legacy.read_bytes(), None)
    assert "\ufffd" not in decoded
    assert sum("\uac00" <= c <= "\ud7a3" for c in decoded) > 100, encoding


def test_mojibake_count_is_the_regex_count_with_or_without_a_marker_lead():
    from newsmon.fetch import _MOJIBAKE, _mojibake

    samples = [
        "",
        "plain ASCII text, no marker",
        "대만해협 긴장 고조",
        "GrÃ¼ÃŸe aus KÃ¶ln â€“ SÃO",  # Ã¼, Ã¶, â€: three (ÃŸ and an upper-case SÃO are none)
        "Ã alone, Â alone, â alone, € alone",
        "â€â€â€",
        "Â\u00a0Â\u00bfÃ\u0080",
    ]
    for text in samples:
        assert _mojibake(text) == len(_MOJIBAKE.findall(text)), text
    assert _mojibake("GrÃ¼ÃŸe aus KÃ¶ln â€“") == 3
