"""JSON Schema (draft 2020-12) for every file kind, generated from the model so it cannot drift."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from typing import Any

from plfolio.model import ENTRY_CLASSES, Config, Framework, Profile, field_default, stored_fields

FILE_KINDS: dict[str, type] = {"plfolio.toml": Config, "profile.toml": Profile,
                               **ENTRY_CLASSES, "frameworks": Framework}


def _type_schema(tp: Any) -> dict[str, Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    if typing.get_origin(tp) is list:
        (inner,) = typing.get_args(tp)
        return {"type": "array", "items": _type_schema(inner)}
    if dataclasses.is_dataclass(tp):
        return class_schema(tp)
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
            bool: {"type": "boolean"}, date: {"type": "string", "format": "date"}}[tp]


def class_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required = []
    for f in stored_fields(cls):
        prop = {"description": f.metadata["help"], **_type_schema(hints[f.name])}
        if f.metadata["choices"]:
            prop["enum"] = list(f.metadata["choices"])
        default = field_default(f)
        if default is not None and not dataclasses.is_dataclass(default):
            prop["default"] = default.isoformat() if isinstance(default, date) else default
        props[f.name] = prop
        if f.metadata["required"]:
            required.append(f.name)
    schema: dict[str, Any] = {"type": "object", "title": cls.__name__, "properties": props}
    if required:
        schema["required"] = required
    return schema


def file_schema(kind: str) -> dict[str, Any]:
    """The schema for one file kind (a key of FILE_KINDS); unknown keys are allowed and kept."""
    schema = class_schema(FILE_KINDS[kind])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:plfolio:format:1:{kind}", **schema}


def _type_name(tp: Any) -> str:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    if typing.get_origin(tp) is list:
        (inner,) = typing.get_args(tp)
        return f"list of {inner.__name__} tables" if dataclasses.is_dataclass(inner) else "list of text"
    if dataclasses.is_dataclass(tp):
        return f"{tp.__name__} table"
    return {str: "text", int: "integer", float: "number", bool: "true/false", date: "date"}[tp]


def _default_text(f: Any) -> str:
    if f.metadata["required"]:
        return "required"
    default = field_default(f)
    if dataclasses.is_dataclass(default) or default in (None, "", []):
        return ""
    return repr(default).replace("'", '"') if not isinstance(default, bool) else str(default).lower()


def markdown_table(cls: type) -> str:
    """The key table for one file kind or sub-table, as docs/format.md shows it."""
    hints = typing.get_type_hints(cls)
    lines = ["| key | type | default | values | meaning |", "| --- | --- | --- | --- | --- |"]
    for f in stored_fields(cls):
        choices = ", ".join(f.metadata["choices"] or ())
        lines.append(f"| `{f.name}` | {_type_name(hints[f.name])} | {_default_text(f)} | {choices} "
                     f"| {f.metadata['help']} |")
    return "\n".join(lines)
