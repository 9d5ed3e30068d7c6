"""docs/config.md and docs/config.schema.json say what the config models are, no more, no less."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic_core import PydanticUndefined

from newsmon.config import Config, _expand
from newsmon.config_errors import file_keys

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "config.md"
SCHEMA = ROOT / "docs" / "config.schema.json"
CONFIG = ROOT / "config" / "newsmon.yaml"
ROW = re.compile(r"^\|\s*`([^`\s]+)`\s*\|[^|]*\|\s*([^|]*?)\s*\|")


def documented_keys(text: str) -> dict[str, str]:
    """Key -> default cell of every row of the tables under "## Reference"."""
    section = text.split("\n## Reference", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            assert match.group(1) not in rows, f"{match.group(1)} is documented twice"
            rows[match.group(1)] = match.group(2)
    return rows


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _schema_script():
    spec = importlib.util.spec_from_file_location("config_schema", ROOT / "scripts" / "config_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_documented_key_exists_and_every_key_is_documented():
    documented = set(documented_keys(DOC.read_text(encoding="utf-8")))
    declared = set(file_keys(Config))
    assert documented - declared == set(), "docs/config.md documents keys the models do not have"
    assert declared - documented == set(), "config keys missing from docs/config.md"


def test_documented_defaults_are_the_models_defaults():
    keys = file_keys(Config)
    checked = 0
    for key, cell in documented_keys(DOC.read_text(encoding="utf-8")).items():
        default = keys[key].default
        if cell == "required":
            assert default is PydanticUndefined, f"{key}: documented as required, has default {default!r}"
            checked += 1
        elif re.fullmatch(r"`[^`]+`", cell):
            assert yaml.safe_load(cell.strip("`")) == _plain(default), f"{key}: doc says {cell}, model {default!r}"
            checked += 1
    assert checked >= 30, "most defaults must be given as one literal, so that they are checked"


def test_the_key_scan_can_fail():
    text = DOC.read_text(encoding="utf-8")
    bad = text.replace("| `crawl.retries` |", "| `crawl.retrys` |", 1)
    assert "crawl.retrys" in documented_keys(bad) and "crawl.retries" not in documented_keys(bad)


def test_committed_json_schema_is_generated_from_the_models():
    assert SCHEMA.read_text(encoding="utf-8") == _schema_script().render(), (
        "docs/config.schema.json is stale: run `make config-schema`"
    )


def test_the_shipped_config_names_the_schema_and_validates_against_it():
    first = CONFIG.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, "config/newsmon.yaml must start with the yaml-language-server $schema comment"
    assert (CONFIG.parent / match.group(1)).resolve() == SCHEMA.resolve()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    raw = _expand(yaml.safe_load(CONFIG.read_text(encoding="utf-8")), {}, "")
    jsonschema.validate(raw, schema)
    bad = copy.deepcopy(raw)
    bad["outlets"][0]["alowed_domains"] = bad["outlets"][0].pop("allowed_domains")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_schema_leaves_out_what_the_file_may_not_hold():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["properties"]) == {"storage", "outlets", "alerts", "crawl", "detect", "alerting", "health"}
    storage = schema["$defs"]["StorageConfig"]["properties"]
    assert "access_key" not in storage and "secret_key" not in storage
