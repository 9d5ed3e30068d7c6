"""The lemmatiser's lazy lemma table (english.LemmaTable) holds exactly lemminflect's entries, and
the lemminflect path reads it instead of lemminflect's own (slow) full load."""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap

from lemminflect import config
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

from newsmon.english import LemmaTable


def test_lemma_table_has_exactly_lemminflects_entries():
    table = LemmaTable.read(config.lemma_lu_fn)
    assert table is not None
    want = LemmaLUCodec.load(config.lemma_lu_fn)
    got = {word: table[word] for word in table}
    assert got == want
    assert list(got) == list(want)  # words, and each word's categories, in lemminflect's order
    assert all(list(got[w].items()) == list(want[w].items()) for w in want)
    assert len(table) == len(want)


def test_lemma_table_misses_like_a_dict():
    table = LemmaTable.read(config.lemma_lu_fn)
    assert table is not None
    assert table.get("talks") == {"NOUN": ("talk",), "VERB": ("talk",)}
    assert table.get("qqzzx", {}) == {}
    assert table.get("", {}) == {}
    assert "Beijing" in table and "beijingx" not in table


def test_unsorted_table_is_refused(tmp_path):
    path = tmp_path / "lemma_lu.csv.gz"
    path.write_bytes(gzip.compress(b"talks,noun,talk\nagreed,verb,agree\n"))
    assert LemmaTable.read(str(path)) is None  # bisection would miss "agreed": lemminflect's reader instead
    path.write_bytes(gzip.compress(b"agreed,verb,agree\ntalks,noun,talk\ntalks,verb,talk\n"))
    table = LemmaTable.read(str(path))
    assert table is not None
    assert dict(table) == {"agreed": {"VERB": ("agree",)}, "talks": {"NOUN": ("talk",), "VERB": ("talk",)}}


def test_lemminflect_path_reads_the_lazy_table():
    code = textwrap.dedent("""
        from lemminflect.core.Lemmatizer import Lemmatizer
        from newsmon import english
        lemmas, verb = english._lemmas("talks")
        print(type(Lemmatizer().lemma_dict).__name__, sorted(lemmas), verb)
    """)
    env_code = "import os; os.environ.pop('NEWSMON_EN_LEMMATIZER', None)\n" + code
    proc = subprocess.run([sys.executable, "-c", env_code], capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.strip() == "LemmaTable ['talk', 'talks'] True"
