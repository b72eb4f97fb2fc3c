"""The format documentation and the JSON schema cover every key the model stores."""

from __future__ import annotations

import dataclasses
import tomllib
import typing

import jsonschema
import pytest

from support import EXAMPLE, REPO
from plfolio.model import MARKDOWN_KINDS, stored_fields
from plfolio.schema import FILE_KINDS, file_schema, markdown_table
from plfolio.store.text import split_front_matter


def all_keys(cls: type, seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    hints = typing.get_type_hints(cls)
    for f in stored_fields(cls):
        seen.add(f.name)
        tp = hints[f.name]
        inner = typing.get_args(tp)[0] if typing.get_origin(tp) is list else tp
        if dataclasses.is_dataclass(inner):
            all_keys(inner, seen)
    return seen


def all_classes(cls: type, seen: list[type] | None = None) -> list[type]:
    seen = [] if seen is None else seen
    seen.append(cls)
    hints = typing.get_type_hints(cls)
    for f in stored_fields(cls):
        tp = hints[f.name]
        inner = typing.get_args(tp)[0] if typing.get_origin(tp) is list else tp
        if dataclasses.is_dataclass(inner) and inner not in seen:
            all_classes(inner, seen)
    return seen


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_every_key_is_documented(kind):
    doc = (REPO / "docs/format.md").read_text("utf-8")
    missing = [k for k in sorted(all_keys(FILE_KINDS[kind])) if f"`{k}`" not in doc]
    assert not missing, f"docs/format.md does not document {missing} ({kind})"
    stale = [c.__name__ for c in all_classes(FILE_KINDS[kind]) if markdown_table(c) not in doc]
    assert not stale, f"docs/format.md has out-of-date key tables for {stale}"


def _toml_data(path):
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text).toml
    return tomllib.loads(text)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def example_files():
    yield "plfolio.toml", EXAMPLE / "plfolio.toml"
    yield "profile.toml", EXAMPLE / "profile.toml"
    for kind in FILE_KINDS:
        if kind.endswith(".toml"):
            continue
        folder = EXAMPLE / kind if kind != "frameworks" else REPO / "data/frameworks"
        pattern = "**/*.md" if kind in MARKDOWN_KINDS else "*.toml"
        for path in sorted(folder.glob(pattern)):
            if kind in MARKDOWN_KINDS and path.parent != folder and path.name != "index.md":
                continue  # an attachment that happens to be Markdown
            yield kind, path


def test_example_and_builtin_files_match_the_schema():
    checked = 0
    for kind, path in example_files():
        validator = jsonschema.Draft202012Validator(file_schema(kind),
                                                    format_checker=jsonschema.FormatChecker())
        errors = [e.message for e in validator.iter_errors(_jsonable(_toml_data(path)))]
        assert not errors, f"{path}: {errors}"
        checked += 1
    assert checked > 60
