"""Between TOML data and model dataclasses, driven by the dataclasses' own field metadata.

Decoding never raises: a field with a wrong type or an unknown value becomes an ``Issue`` and takes
its default, so the entry still loads and the teacher is told exactly which key to fix.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

import tomlkit

from plfolio.model import field_default, stored_fields


@dataclass
class Issue:
    """A problem with one key, before the loader knows the file and line."""

    key: str  # dotted path, e.g. "action_steps[2].due"
    message: str
    hint: str = ""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _describe(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return "a list of tables" if dataclasses.is_dataclass(inner) else "a list of text"
    if origin in (typing.Union, types.UnionType):
        return _describe(next(a for a in typing.get_args(tp) if a is not type(None)))
    return {str: "text in quotes", int: "a whole number", float: "a number", bool: "true or false",
            date: "a date like 2026-09-14"}.get(tp, "a table")


def _coerce(tp: Any, value: Any, key: str, issues: list[Issue]) -> tuple[bool, Any]:
    """(ok, python value) for ``value`` read from TOML, checked against type ``tp``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        origin = typing.get_origin(tp)
    if origin is list:
        (inner,) = typing.get_args(tp)
        if not isinstance(value, list):
            return False, None
        if dataclasses.is_dataclass(inner):
            if not all(isinstance(v, Mapping) for v in value):
                return False, None
            return True, [from_data(inner, v, issues, f"{key}[{i + 1}]") for i, v in enumerate(value)]
        if not all(isinstance(v, str) for v in value):
            return False, None
        return True, [str(v) for v in value]
    if dataclasses.is_dataclass(tp):
        return (True, from_data(tp, value, issues, key)) if isinstance(value, Mapping) else (False, None)
    if tp is bool:
        return isinstance(value, bool), bool(value)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok, float(value) if ok else None
    if tp is date:
        if isinstance(value, datetime):
            return True, value.date()
        if isinstance(value, date):
            return True, date(value.year, value.month, value.day)
        if isinstance(value, str):
            try:
                return True, date.fromisoformat(value)
            except ValueError:
                return False, None
        return False, None
    if tp is str:
        return isinstance(value, str), str(value) if isinstance(value, str) else None
    return False, None


def from_data(cls: type, data: Mapping[str, Any], issues: list[Issue], prefix: str = "") -> Any:
    """Build ``cls`` from parsed TOML, appending an Issue for every key that cannot be used."""
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in stored_fields(cls):
        key = f"{prefix}.{f.name}" if prefix else f.name
        required = f.metadata["required"]
        if f.name not in data:
            if required:
                issues.append(Issue(key, f"missing required key '{f.name}'",
                                    f"add {f.name} = ... ({_describe(hints[f.name])})"))
            continue
        ok, value = _coerce(hints[f.name], data[f.name], key, issues)
        if not ok:
            issues.append(Issue(key, f"'{f.name}' should be {_describe(hints[f.name])}",
                                f"e.g. {f.name} = {_example(hints[f.name])}"))
            continue
        choices = f.metadata["choices"]
        if choices and value not in choices:
            issues.append(Issue(key, f"unknown {f.name} '{value}'", "use one of: " + ", ".join(choices)))
            continue
        if required and value in ("", []):
            issues.append(Issue(key, f"'{f.name}' must not be empty", f"give {f.name} a value"))
        values[f.name] = value
    return cls(**values)


def _example(tp: Any) -> str:
    described = _describe(tp)
    return {"text in quotes": '"..."', "a list of text": '["...", "..."]', "a whole number": "3",
            "a number": "1.5", "true or false": "true", "a date like 2026-09-14": "2026-09-14"}.get(
        described, "...")


def to_data(obj: Any) -> dict[str, Any]:
    """Plain data for a new file: required and vocabulary keys always, others when not default."""
    out: dict[str, Any] = {}
    for f in stored_fields(type(obj)):
        value = getattr(obj, f.name)
        keep = f.metadata["required"] or f.metadata["choices"] or value != field_default(f)
        if value is None or not keep:
            continue
        if isinstance(value, list):
            value = [to_data(v) if dataclasses.is_dataclass(v) else v for v in value]
        elif dataclasses.is_dataclass(value):
            value = to_data(value)
        out[f.name] = value
    return out


def to_toml(data: Mapping[str, Any]) -> str:
    """TOML text for new data: scalars first, then tables, then arrays of tables."""
    doc = tomlkit.document()
    _fill(doc, data)
    return tomlkit.dumps(doc)


def _fill(container: Any, data: Mapping[str, Any]) -> None:
    def rank(item: tuple[str, Any]) -> int:
        value = item[1]
        if isinstance(value, Mapping):
            return 1
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            return 2
        return 0

    for key, value in sorted(data.items(), key=rank):
        if isinstance(value, Mapping):
            table = tomlkit.table()
            _fill(table, value)
            container.add(key, table)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            aot = tomlkit.aot()
            for item in value:
                table = tomlkit.table()
                _fill(table, item)
                aot.append(table)
            container.add(key, aot)
        else:
            container.add(key, value)
