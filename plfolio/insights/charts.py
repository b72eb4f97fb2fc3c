"""Small SVG charts rendered on the server: readable in the app, the static export and the PDF.

No JavaScript and no fonts from anywhere; every label is escaped; the same data gives the same bytes.
Each chart has a <title> and a <desc> that states its figures in words, for screen readers.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from html import escape

from markupsafe import Markup

FONT = 'font-family="system-ui, sans-serif"'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(text: str) -> str:
    """Escaped for XML, without the control characters XML forbids (a title pasted from a PDF may
    carry one, and one is enough to make the whole SVG unreadable)."""
    return escape(_NOT_XML.sub("", text))


COLORS = ("#1f6f8b", "#f0b429", "#226b39", "#7b2cbf", "#a61b1b", "#52606d")


def _num(value: float) -> str:
    """Fixed formatting, so output is byte-identical for the same data."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> Markup:
    cid = "c" + hashlib.sha1(f"{title}|{desc}".encode()).hexdigest()[:10]  # unique per page, stable
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{cid}t {cid}d" class="chart">'
        f'<title id="{cid}t">{_esc(title)}</title><desc id="{cid}d">{_esc(desc)}</desc>'
        f"{''.join(body)}</svg>")


def bar_chart(title: str, items: list[tuple[str, float]], unit: str = "", width: int = 480) -> Markup:
    """Horizontal bars, one per (label, value), in the given order."""
    row, left = 24, 170
    height = max(1, len(items)) * row + 16
    top = max((v for _, v in items), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        length = (width - left - 60) * value / top
        body.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12" {FONT} '
                    f'fill="#1f2933">{_esc(label[:28])}</text>')
        body.append(f'<rect x="{left}" y="{y + 3}" width="{_num(length)}" height="16" rx="3" '
                    f'fill="{COLORS[0]}"/>')
        body.append(f'<text x="{_num(left + length + 6)}" y="{y + 15}" font-size="12" {FONT} '
                    f'fill="#1f2933">{_num(value)}{_esc(unit)}</text>')
    desc = "; ".join(f"{label}: {_num(v)}{unit}" for label, v in items) or "No data."
    return _svg(width, height, title, desc, body)


def stacked_bars(title: str, columns: list[tuple[str, list[float]]], series: list[str],
                 width: int = 480, height: int = 220) -> Markup:
    """Vertical stacked bars: one column per label, one colored part per series, with a legend."""
    top = max((sum(parts) for _, parts in columns), default=0) or 1
    plot_h, base = height - 70, height - 40
    slot = (width - 40) / max(1, len(columns))
    body = [f'<line x1="30" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#9aa5b1"/>']
    for i, (label, parts) in enumerate(columns):
        x, y = 30 + i * slot + slot * 0.2, float(base)
        for j, value in enumerate(parts):
            h = plot_h * value / top
            y -= h
            body.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(slot * 0.6)}" height="{_num(h)}" '
                        f'fill="{COLORS[j % len(COLORS)]}"/>')
        body.append(f'<text x="{_num(x + slot * 0.3)}" y="{_num(y - 4)}" text-anchor="middle" font-size="11" '
                    f'{FONT}>{_num(sum(parts))}</text>')
        body.append(f'<text x="{_num(x + slot * 0.3)}" y="{base + 16}" text-anchor="middle" font-size="11" '
                    f'{FONT}>{_esc(label)}</text>')
    for j, name in enumerate(series):
        body.append(f'<rect x="{30 + j * 120}" y="{height - 16}" width="10" height="10" '
                    f'fill="{COLORS[j % len(COLORS)]}"/><text x="{44 + j * 120}" y="{height - 7}" '
                    f'font-size="11" {FONT}>{_esc(name)}</text>')
    desc = "; ".join(f"{label}: " + ", ".join(f"{s} {_num(v)}" for s, v in zip(series, parts))
                     for label, parts in columns) or "No data."
    return _svg(width, height, title, desc, body)


def line_chart(title: str, points: list[tuple[date, float]], low: float | None = None,
               high: float | None = None, labels: dict[int, str] | None = None,
               width: int = 320, height: int = 140) -> Markup:
    """Values over time (a self-assessment level on its scale, or a measure of progress)."""
    values = [v for _, v in points]
    low = min(values + ([low] if low is not None else [])) if values else 0
    high = max(values + ([high] if high is not None else [])) if values else 1
    span = (high - low) or 1
    left, right, top, bottom = 34, width - 12, 12, height - 26
    days = [d.toordinal() for d, _ in points]
    first, last = (min(days), max(days)) if days else (0, 1)
    width_days = (last - first) or 1

    def xy(d: date, v: float) -> tuple[float, float]:
        x = left + (right - left) * ((d.toordinal() - first) / width_days if len(points) > 1 else 0.5)
        return x, bottom - (bottom - top) * (v - low) / span

    body = [f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#9aa5b1"/>']
    for level, name in sorted((labels or {}).items()):
        y = bottom - (bottom - top) * (level - low) / span
        body.append(f'<text x="{left - 4}" y="{_num(y + 4)}" text-anchor="end" font-size="10" {FONT} '
                    f'fill="#52606d">{_esc(str(level))}</text>'
                    f'<line x1="{left}" y1="{_num(y)}" x2="{right}" y2="{_num(y)}" stroke="#e4ecf2"/>')
    coords = [xy(d, v) for d, v in points]
    if len(coords) > 1:
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{COLORS[0]}" stroke-width="2"/>')
    for (x, y), (d, v) in zip(coords, points):
        body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="{COLORS[0]}"/>'
                    f'<text x="{_num(x)}" y="{height - 8}" text-anchor="middle" font-size="10" {FONT} '
                    f'fill="#52606d">{d.strftime("%b %Y")}</text>')
    desc = "; ".join(f"{d.isoformat()}: {_num(v)}" for d, v in points) or "No data yet."
    return _svg(width, height, title, desc, body)


def progress_bar(title: str, done: float, total: float, width: int = 320) -> Markup:
    share = min(1.0, done / total) if total else 0.0
    body = [f'<rect x="0" y="6" width="{width}" height="14" rx="7" fill="#e4ecf2"/>',
            f'<rect x="0" y="6" width="{_num(width * share)}" height="14" rx="7" fill="{COLORS[2]}"/>',
            f'<text x="0" y="38" font-size="12" {FONT}>{_num(done)} of {_num(total)} '
            f'({round(share * 100)}%)</text>']
    return _svg(width, 44, title, f"{_num(done)} of {_num(total)}", body)
