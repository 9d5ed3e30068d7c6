"""The house rules a reader relies on: no function over 60 lines, no class over 150, in the library."""

from __future__ import annotations

import ast
from pathlib import Path

LIBRARY = Path(__file__).parents[1] / "include" / "newsmon"
# One person reads a function of this many lines in one look, and a class in one sitting.
MAX_FUNCTION_LINES = 60
MAX_CLASS_LINES = 150


def _spans(kind: tuple[type, ...]) -> dict[str, int]:
    out = {}
    for path in sorted(LIBRARY.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, kind):
                out[f"{path.relative_to(LIBRARY)}:{node.lineno} {node.name}"] = node.end_lineno - node.lineno + 1
    return out


def test_no_function_over_the_limit():
    long = {k: n for k, n in _spans((ast.FunctionDef, ast.AsyncFunctionDef)).items() if n > MAX_FUNCTION_LINES}
    assert long == {}


def test_no_class_over_the_limit():
    long = {k: n for k, n in _spans((ast.ClassDef,)).items() if n > MAX_CLASS_LINES}
    assert long == {}
