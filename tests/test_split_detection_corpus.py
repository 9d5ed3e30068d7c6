"""The corpus split script assigns every stored story to the side it is stored on, in both languages.

``scripts/split_detection_corpus.py`` is how articles are added to the real-article corpus; each
language half keeps the split rule it was built with (English: ``sha256("<salt>:<story>") mod 1000``;
Korean: the ``newsmon-ko-corpus-v1`` prefix and the 0.70 fraction). These checks run the script's
rule over the stored files with each README's salt, so a rule that drifts from the stored split (and
would move a story across it on the next addition) fails here. The broken-salt case shows the check
can fail.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "detection"
SALTS = {"en": 818, "ko": 1197}  # the salts the two READMEs document


def _script():
    """The split script, loaded as a module (scripts/ is not a package)."""
    path = ROOT / "scripts" / "split_detection_corpus.py"
    spec = importlib.util.spec_from_file_location("split_detection_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _misplaced(lang: str, salt: int) -> list[str]:
    """Stories whose stored side differs from the script's rule under ``salt``."""
    split = _script()
    wrong = []
    for side in ("dev", "test"):
        with (CORPUS / lang / f"{side}.jsonl").open(encoding="utf-8") as fh:
            stories = {json.loads(line)["story"] for line in fh if line.strip()}
        wrong += [s for s in sorted(stories) if split.to_test(s, salt, lang) != (side == "test")]
    return wrong


@pytest.mark.parametrize("lang", sorted(SALTS))
def test_script_rule_matches_the_stored_split(lang):
    """Every stored story is on the side the script's rule gives it."""
    assert _misplaced(lang, SALTS[lang]) == []


@pytest.mark.parametrize("lang", sorted(SALTS))
def test_a_wrong_salt_is_reported(lang):
    """Under another salt some stories land elsewhere, so the check above can fail."""
    assert _misplaced(lang, SALTS[lang] + 1)
