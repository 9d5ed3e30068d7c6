"""Write the JSON Schema of config/newsmon.yaml, generated from the models in newsmon.config.

    .venv/bin/python scripts/config_schema.py           # (re)write docs/config.schema.json
    .venv/bin/python scripts/config_schema.py --check   # exit 1 when the committed file is stale

Editors validate the YAML with it (see docs/config.md); tests/test_config_docs.py fails when the
committed file differs from the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsmon.config import json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "config.schema.json"


def render() -> str:
    """The schema as committed: sorted keys, two-space indent, a final newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema, or with ``--check`` compare it with the committed file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file differs from the models")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != text:
            print(f"{SCHEMA_FILE} is stale: run scripts/config_schema.py", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
