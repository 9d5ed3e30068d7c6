"""`analyze` loads detection's tables once, before its workers fork, and only Kiwi for pages that look Korean."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from newsmon.korean import likely_korean


def test_likely_korean_from_bytes():
    assert likely_korean("<html><title>미국과 중국</title></html>".encode())
    assert likely_korean(b'<meta charset="EUC-KR"><title>\xb9\xcc\xb1\xb9</title>')
    assert not likely_korean(b"<html lang=en><title>US and China agree</title></html>")
    assert not likely_korean("<title>日本と中国</title><p>Günstige</p>".encode())  # CJK and Latin-1 letters


def _loaded_after_preload(tmp_path, body: str) -> str:
    """'kiwi lemmas' flags printed by a fresh process after ``cli._preload`` over one page."""
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><p>{body}</p></body></html>", encoding="utf-8")
    code = textwrap.dedent(f"""
        from newsmon import cli, english, korean
        cli._preload([{str(page)!r}, {str(tmp_path / "missing.html")!r}])
        print(korean.loaded(), english._lemmas.cache_info().currsize > 0)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return proc.stdout.strip()


def test_preload_loads_kiwi_for_korean_pages_only(tmp_path):
    assert _loaded_after_preload(tmp_path, "미국과 중국이 관세 인하에 합의했다.") == "True True"
    assert _loaded_after_preload(tmp_path, "The United States and China agreed.") == "False True"
