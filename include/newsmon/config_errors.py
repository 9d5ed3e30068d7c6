"""Config errors in one line that starts with the key that is wrong.

pydantic reports ``('outlets', 0, 'alowed_domains')`` and ``extra_forbidden``; people read
``outlets[0].alowed_domains: unknown key (did you mean 'allowed_domains'?)``. This module turns the
first pydantic error into that line (the CLI prints it and exits 2), and lets model validators
name a sub-key with ``KeyProblem``.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import is_dataclass
from typing import Any

from pydantic import ValidationError
from pydantic.json_schema import SkipJsonSchema

# Close-match cutoff of difflib: 0.6 (its default) turns "alowed_domains" and "quiet_run" into
# the right key while "delay" finds nothing among the outlet keys and lists them instead.
SUGGEST_CUTOFF = 0.6

_TYPE_WORDS = {
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be an integer",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be a string",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "iterable_type": "must be a list",
}
_BOUNDS = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}
_MAPPING_TYPES = {"dataclass_type", "dataclass_args_type", "dict_type", "model_type", "model_attributes_type"}
_UNKNOWN = {"extra_forbidden", "unexpected_keyword_argument"}
_MISSING = {"missing", "missing_keyword_argument", "missing_argument"}


class ConfigError(ValueError):
    """A configuration problem; the message starts with the key that is wrong."""


class KeyProblem(ValueError):
    """Raised by a model validator: ``key`` (below the model's own place) has ``message``."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def file_fields(cls: type) -> list[str]:
    """The keys a config file may give for model ``cls`` (fields hidden from the schema are not)."""
    return [
        name
        for name, info in cls.__pydantic_fields__.items()
        if not any(isinstance(m, SkipJsonSchema) for m in info.metadata)
    ]


def check_keys(mapping: dict[str, Any], allowed: set[str]) -> None:
    """KeyProblem on the first key of ``mapping`` not in ``allowed``, suggesting the close one."""
    for key in mapping:
        if key not in allowed:
            raise KeyProblem(str(key), "unknown key" + _hint(str(key), allowed))


def format_errors(exc: ValidationError, root: type, required: dict[str, str] | None = None) -> str:
    """The first error of ``exc`` (validating model ``root``) as ``key.path: message``.

    ``required`` gives the message for a missing or empty key by its name (default: ``required``).
    """
    errors = exc.errors(include_url=False)
    # an unknown key first: a misspelt key also reads as a missing one, and the typo is the cause
    err = next((e for e in errors if e["type"] in _UNKNOWN), errors[0])
    loc = [part for part in err["loc"] if isinstance(part, int) or not _is_schema_tag(part)]
    problem = (err.get("ctx") or {}).get("error")
    if isinstance(problem, KeyProblem):
        return f"{_path([*loc, *_split(problem.key)]) or 'config'}: {problem}"
    return f"{_path(loc) or 'config'}: {_message(err, root, loc, required or {})}"


def _message(err: dict[str, Any], root: type, loc: list[Any], required: dict[str, str]) -> str:
    """What is wrong with the key at ``loc``, in the words the CLI has always used."""
    kind, value = err["type"], err.get("input")
    ctx = err.get("ctx") or {}
    if kind in _UNKNOWN:
        return "unknown key" + _hint(str(loc[-1]), set(file_fields(_model_at(root, loc[:-1]))))
    if kind in _MISSING or kind == "too_short":
        name = str(loc[-1]) if loc else ""
        return required.get(name, "required" if kind in _MISSING else "required, a non-empty list")
    if kind in _MAPPING_TYPES:
        return f"must be a mapping, got {type(value).__name__}"
    if kind in _TYPE_WORDS:
        return f"{_TYPE_WORDS[kind]}, got {value!r}"
    if kind in _BOUNDS:
        bound = next(iter(ctx.values()))
        bound = int(bound) if isinstance(bound, float) and bound.is_integer() else bound
        return f"must be {_BOUNDS[kind]} {bound}, got {value!r}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '?')}, got {value!r}"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return err["msg"]


def _hint(key: str, allowed: set[str]) -> str:
    """`` (did you mean 'x'?)`` for a close key, else the list of allowed keys."""
    close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=SUGGEST_CUTOFF)
    return f" (did you mean {close[0]!r}?)" if close else f" (allowed: {', '.join(sorted(allowed))})"


def _path(parts: list[Any]) -> str:
    """``["outlets", 0, "feeds", 1]`` -> ``outlets[0].feeds[1]``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _split(key: str) -> list[Any]:
    """``"to[1]"`` -> ``["to", 1]``; ``""`` -> ``[]``."""
    parts: list[Any] = []
    for piece in key.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        parts += ([name] if name else []) + [int(i) for i in indexes]
    return parts


def _is_schema_tag(part: Any) -> bool:
    """pydantic puts validator names (``function-after[...]``) in some locations."""
    return isinstance(part, str) and ("[" in part or "(" in part)


def _model_at(root: type, loc: list[Any]) -> type:
    """The model class at ``loc`` below ``root`` (list positions skipped)."""
    cls = root
    for part in loc:
        if isinstance(part, str):
            cls = _dataclass_in(cls.__pydantic_fields__[part].annotation) or cls
    return cls


def _dataclass_in(annotation: Any) -> type | None:
    """The first dataclass inside ``annotation`` (through Annotated, tuple[...], X | None)."""
    if isinstance(annotation, type) and is_dataclass(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _dataclass_in(arg)
        if found is not None:
            return found
    return None


def file_keys(root: type, prefix: str = "") -> dict[str, Any]:
    """Every key a file may set below model ``root``, dotted (``outlets[].name``) -> its FieldInfo.

    A section (a nested model) is listed with its keys; a list of models is written ``key[]``.
    """
    keys: dict[str, Any] = {}
    for name in file_fields(root):
        info = root.__pydantic_fields__[name]
        path = f"{prefix}{name}"
        keys[path] = info
        inner = _dataclass_in(info.annotation)
        if inner is not None:
            many = _is_sequence(info.annotation)
            keys.update(file_keys(inner, f"{path}[]." if many else f"{path}."))
    return keys


def _is_sequence(annotation: Any) -> bool:
    """True for ``tuple[X, ...]`` (through Annotated and ``| None``)."""
    if typing.get_origin(annotation) in (tuple, list):
        return True
    return any(_is_sequence(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)
