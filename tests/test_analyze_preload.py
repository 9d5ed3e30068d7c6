"""`analyze` loads detection's tables once, before its workers fork, and only Kiwi for pages that look Korean."""

from __future__ import annotations

import json
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
    """'kiwi lemmas analysed' printed by a fresh process after ``cli._preload`` over one page: whether
    Kiwi and the lemmatiser are loaded, and the indexes of the pages analysed before the fork."""
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><article><p>{body}</p></article></body></html>", encoding="utf-8")
    jobs = [(str(page), None, "local", "generic"), (str(tmp_path / "missing.html"), None, "local", "generic")]
    code = textwrap.dedent(f"""
        from newsmon import cli, english, korean
        done = cli._preload({jobs!r})
        print(korean.loaded(), english._lemmas.cache_info().currsize > 0, sorted(done))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return proc.stdout.strip()


def test_preload_loads_kiwi_only_for_a_korean_page_that_needs_it(tmp_path):
    about = "미국과 중국이 관세 인하에 합의했다. 양국 대표단은 워싱턴에서 만나 무역 협상을 마무리했다고 밝혔다."
    assert _loaded_after_preload(tmp_path, about) == "True True [0]"
    # a Korean page not about the two sides never reaches Kiwi: analysed before the fork, no Kiwi
    other = "서울시는 오늘 시청 앞 광장에서 새 도서관 개관식을 열었다. 시민 수백 명이 행사에 참석해 축하했다."
    assert _loaded_after_preload(tmp_path, other) == "False True [0]"
    assert _loaded_after_preload(tmp_path, "The United States and China agreed.") == "False True []"


def test_parallel_analyze_keeps_the_order_with_pages_analysed_before_the_fork(tmp_path):
    """Korean pages analysed in the parent and the rest in workers: one line per path, in order."""
    from newsmon.cli import ANALYZE_PARALLEL_MIN_PATHS

    paths = []
    for i in range(ANALYZE_PARALLEL_MIN_PATHS + 4):
        page = tmp_path / f"p{i:02d}.html"
        text = f"서울시는 {i}번째 도서관을 열었다. 시민 수백 명이 행사에 참석해 축하했다." if i % 3 == 0 else (
            f"The city opened library number {i} today. Hundreds of residents came to the opening."
        )
        page.write_text(f"<html><head><title>t{i}</title></head><body><article><p>{text}</p></article></body></html>")
        paths.append(str(page))
    proc = subprocess.run(
        [sys.executable, "-m", "newsmon", "analyze", *paths], capture_output=True, text=True, timeout=300, check=True
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [rec["path"] for rec in lines] == paths
    assert [rec["title"] for rec in lines] == [f"t{i}" for i in range(len(paths))]


def _stop_lists_after_preload(tmp_path, profile: str) -> str:
    """'before after' printed by a fresh process: whether trafilatura's jusText stop lists were
    unset before ``cli._preload`` over one page of ``profile`` and set after it."""
    page = tmp_path / "p.html"
    page.write_text("<html><body><article><p>The city opened a library.</p></article></body></html>")
    code = textwrap.dedent(f"""
        import trafilatura.external as external
        from newsmon import cli
        before = external.JT_STOPLIST is None
        cli._preload([({str(page)!r}, None, "local", {profile!r})])
        print(before, external.JT_STOPLIST is not None)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return proc.stdout.strip()


def test_preload_sets_up_extraction_before_the_fork(tmp_path):
    """For generic pages the parent extracts a warm-up page, so trafilatura's lazily built jusText
    stop lists exist before the workers fork (shared, not built once per worker); a profile's
    pages reach trafilatura only on fallback, so they are not made to pay for it."""
    assert _stop_lists_after_preload(tmp_path, "generic") == "True True"
    assert _stop_lists_after_preload(tmp_path, "asiae") == "True False"
