"""HTML forms for every file kind, derived from the model's field metadata.

One description serves rendering (labels, widgets, vocabularies), parsing (types, required keys) and
re-rendering after an error with exactly what the teacher typed.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from plfolio.model import STANDARD_REF_RE, Portfolio, stored_fields

LONG_TEXT = {"barriers", "readiness", "description", "criteria", "note", "vision", "text", "prompt"}
ROW_BLANKS = 2  # empty rows offered for adding steps, items, ratings without JavaScript
LABELS = {"url": "Link (URL)", "cycle_stage": "Stage of the learning cycle", "in_reply_to": "In reply to",
          "kind": "Kind", "id": "Identifier", "choose": "Optional elements needed",
          "learning_preferences": "Preferred ways of learning"}


def label_for(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


@dataclass
class FormField:
    """What a template needs to draw one input."""

    name: str  # the HTML name
    key: str  # the model key
    label: str
    widget: str  # text, textarea, select, date, checkbox, number, lines, refs, standards, rows, table
    value: Any = ""
    help: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    rows: list[list["FormField"]] = field(default_factory=list)  # for widget "rows"
    children: list["FormField"] = field(default_factory=list)  # for widget "table"


def _unwrap(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(tp) if a is not type(None))
    return tp


def _widget(key: str, tp: Any, meta: dict[str, Any], nested: bool) -> str:
    tp = _unwrap(tp)
    if typing.get_origin(tp) is list:
        (inner,) = typing.get_args(tp)
        if dataclasses.is_dataclass(inner):
            return "rows"
        if meta["refs"] in ("goals", "evidence") and not nested:
            return "refs"
        if meta["refs"] == "standards" and not nested:
            return "standards"
        return "lines" if not nested else "csv"
    if dataclasses.is_dataclass(tp):
        return "table"
    if meta["choices"]:
        return "select"
    if meta["refs"] in ("pathways", "frameworks"):
        return "select"
    return {bool: "checkbox", int: "number", float: "number", date: "date"}.get(
        tp, "textarea" if key in LONG_TEXT else "text")


def _display(value: Any, widget: str) -> Any:
    """A model value as a form shows it."""
    if widget == "date":
        return value.isoformat() if value else ""
    if widget == "lines":
        return "\n".join(value)
    if widget == "csv":
        return ", ".join(value)
    if widget == "number":
        return f"{value:g}" if isinstance(value, float) else str(value)
    return value


def _choices(key: str, meta: dict[str, Any], portfolio: Portfolio) -> list[tuple[str, str]]:
    if meta["choices"]:
        from plfolio.render import humanize, stage_label

        label = stage_label if key == "cycle_stage" else humanize
        return [(c, label(c)) for c in meta["choices"]]
    if meta["refs"] in ("goals", "evidence"):
        entries = portfolio.entries[meta["refs"]]
        return sorted(((slug, getattr(e, "title", slug)) for slug, e in entries.items()),
                      key=lambda c: c[1].lower())
    if meta["refs"] == "pathways":
        return [("", "(none)")] + [(slug, p.title) for slug, p in sorted(portfolio.pathways.items())]
    if meta["refs"] == "frameworks":
        return [(fw.id, fw.title) for fw in sorted(portfolio.frameworks.values(), key=lambda f: f.title)]
    return []


def build_fields(cls: type, values: dict[str, Any], portfolio: Portfolio,
                 errors: dict[str, str] | None = None, prefix: str = "",
                 nested: bool = False) -> list[FormField]:
    """Fields for ``cls``; ``values`` are form-shaped (see ``form_values`` / ``model_values``)."""
    errors = errors or {}
    hints = typing.get_type_hints(cls)
    out = []
    for f in stored_fields(cls):
        meta = f.metadata
        widget = _widget(f.name, hints[f.name], meta, nested)
        name = f"{prefix}{f.name}"
        ff = FormField(name=name, key=f.name, label=label_for(f.name), widget=widget,
                       value=values.get(f.name, ""), help=meta["help"], required=meta["required"],
                       choices=_choices(f.name, meta, portfolio), error=errors.get(name, ""))
        if widget == "rows":
            (inner,) = typing.get_args(_unwrap(hints[f.name]))
            rows = list(values.get(f.name) or []) + [{}] * ROW_BLANKS
            ff.rows = [build_fields(inner, row, portfolio, errors, f"{name}-{i}-", nested=True)
                       for i, row in enumerate(rows)]
        elif widget == "table":
            ff.children = build_fields(_unwrap(hints[f.name]), values.get(f.name) or {}, portfolio,
                                       errors, f"{name}-", nested=True)
        out.append(ff)
    return out


def model_values(obj: Any) -> dict[str, Any]:
    """Form-shaped values of an existing model object."""
    hints = typing.get_type_hints(type(obj))
    out: dict[str, Any] = {}
    for f in stored_fields(type(obj)):
        value = getattr(obj, f.name)
        widget = _widget(f.name, hints[f.name], f.metadata, nested=False)
        if widget == "rows":
            out[f.name] = [model_values(v) | _nested_display(v) for v in value]
        elif widget == "table":
            out[f.name] = model_values(value) | _nested_display(value)
        else:
            out[f.name] = _display(value, widget)
    return out


def _nested_display(obj: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(type(obj))
    return {f.name: _display(getattr(obj, f.name), _widget(f.name, hints[f.name], f.metadata, True))
            for f in stored_fields(type(obj))}


def clean_text(value: str) -> str:
    """Browsers send textarea lines with CRLF; the store decides the file's own line endings."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def form_values(cls: type, form: FormData, prefix: str = "", nested: bool = False) -> dict[str, Any]:
    """Form-shaped values from a submitted form, exactly as typed (for re-rendering)."""
    hints = typing.get_type_hints(cls)
    out: dict[str, Any] = {}
    for f in stored_fields(cls):
        name = f"{prefix}{f.name}"
        widget = _widget(f.name, hints[f.name], f.metadata, nested)
        if widget == "rows":
            (inner,) = typing.get_args(_unwrap(hints[f.name]))
            indexes = sorted({int(m.group(1)) for k in form.keys()
                              if (m := re.match(rf"^{re.escape(name)}-(\d+)-", k))})
            rows = [form_values(inner, form, f"{name}-{i}-", nested=True) for i in indexes]
            out[f.name] = rows
        elif widget == "table":
            out[f.name] = form_values(_unwrap(hints[f.name]), form, f"{name}-", nested=True)
        elif widget in ("refs", "standards"):
            out[f.name] = [str(v) for v in form.getlist(name)]
        elif widget == "checkbox":
            out[f.name] = name in form
        else:
            out[f.name] = clean_text(str(form.get(name, "")))
    return out


def parse_values(cls: type, shaped: dict[str, Any], portfolio: Portfolio,
                 prefix: str = "", nested: bool = False) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed model values from form-shaped values, and an error message per bad field name."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in stored_fields(cls):
        name = f"{prefix}{f.name}"
        tp = _unwrap(hints[f.name])
        widget = _widget(f.name, hints[f.name], f.metadata, nested)
        raw = shaped.get(f.name)
        try:
            if widget == "rows":
                (inner,) = typing.get_args(tp)
                rows = []
                for i, row in enumerate(raw or []):
                    if not any(v not in ("", False, [], None) for v in row.values()):
                        continue  # an untouched blank row
                    row_values, row_errors = parse_values(inner, row, portfolio, f"{name}-{i}-", True)
                    errors.update(row_errors)
                    rows.append(row_values)
                value: Any = rows
            elif widget == "table":
                value, sub_errors = parse_values(tp, raw or {}, portfolio, f"{name}-", True)
                errors.update(sub_errors)
            else:
                value = _parse_scalar(widget, tp, raw, f.metadata, portfolio)
        except ValueError as err:
            errors[name] = str(err)
            continue
        if f.metadata["required"] and value in ("", None, []):
            errors[name] = "Required."
            continue
        values[f.name] = value
    return values, errors


def _parse_scalar(widget: str, tp: Any, raw: Any, meta: dict[str, Any], portfolio: Portfolio) -> Any:
    if widget == "checkbox":
        return bool(raw)
    if widget in ("refs", "standards"):
        values = list(raw or [])
        if widget == "standards":
            for ref in values:
                if portfolio.standard(ref) is None:
                    raise ValueError(f"Unknown standard {ref}.")
        return values
    text = (raw or "").strip() if isinstance(raw, str) else raw
    if widget == "lines":
        return [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if widget == "csv":
        refs = [part.strip() for part in (raw or "").split(",") if part.strip()]
        bad = [r for r in refs if not STANDARD_REF_RE.match(r) or portfolio.standard(r) is None]
        if meta["refs"] == "standards" and bad:
            raise ValueError(f"Unknown standard {bad[0]}: write framework:code, e.g. ga-pl:5.")
        return refs
    if widget == "date":
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError("Use a date like 2026-09-14.") from None
    if widget == "number":
        if text == "":
            return 0 if tp is int else 0.0
        try:
            return int(text) if tp is int else float(text)
        except ValueError:
            raise ValueError("Use a number, e.g. 3" + ("" if tp is int else " or 1.5") + ".") from None
    if widget == "select" and meta["choices"] and text not in meta["choices"]:
        raise ValueError("Choose one of the options.")
    return text
