"""The year-end growth report: goals and outcomes, evidence per standard, hours, self-assessment
change, and highlights from reflections the teacher marked shareable. HTML, PDF or CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plfolio.export.audience import for_audience
from plfolio.export.themes import Theme
from plfolio.insights import charts
from plfolio.insights.assessments import LevelHistory, level_history
from plfolio.insights.hours import HoursBreakdown, breakdown, transcript, transcript_csv
from plfolio.model import Goal, Portfolio, Reflection, entry_school_year, school_year_of

FORMATS = ("html", "pdf", "csv")


@dataclass
class StandardCount:
    framework: str
    code: str
    title: str
    evidence: int


@dataclass
class GrowthReport:
    year: str
    owner: str
    goals: list[Goal] = field(default_factory=list)
    evidence_count: int = 0
    per_standard: list[StandardCount] = field(default_factory=list)
    hours: HoursBreakdown = field(default_factory=HoursBreakdown)
    assessment_changes: list[tuple[str, LevelHistory]] = field(default_factory=list)  # (framework, history)
    highlights: list[Reflection] = field(default_factory=list)


def growth_report(portfolio: Portfolio, year: str) -> GrowthReport:
    start = portfolio.config.settings.school_year_start

    def in_year(entry: object) -> bool:
        return entry_school_year(entry, start) == year  # type: ignore[arg-type]

    evidence = [e for e in portfolio.evidence.values() if in_year(e)]
    report = GrowthReport(year=year, owner=portfolio.config.owner.name)
    report.goals = sorted((g for g in portfolio.goals.values() if in_year(g)), key=lambda g: g.title)
    report.evidence_count = len(evidence)
    for fw in portfolio.frameworks_in_use():
        for std in fw.standards:
            ref = f"{fw.id}:{std.code}"
            report.per_standard.append(StandardCount(fw.label, std.code, std.title,
                                                     sum(ref in e.standards for e in evidence)))
    report.hours = breakdown([a for a in portfolio.activities.values() if in_year(a)])
    for fw_id in sorted({a.framework for a in portfolio.assessments.values()}):
        fw = portfolio.frameworks.get(fw_id)
        for history in level_history(portfolio, fw) if fw else []:
            points = [(d, level) for d, level in history.points if school_year_of(d, start) <= year]
            if len(points) >= 2:
                history.points = points
                report.assessment_changes.append((fw.label, history))
    report.highlights = sorted((r for r in portfolio.reflections.values() if in_year(r) and r.shareable),
                               key=lambda r: r.date)  # type: ignore[arg-type, return-value]
    return report


def report_csv(report: GrowthReport) -> str:
    """The report's figures, one per row: section, item, value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "item", "value"])
    for goal in report.goals:
        done = sum(s.done for s in goal.action_steps)
        writer.writerow(["goal", goal.title, f"{goal.status}; {done}/{len(goal.action_steps)} steps"])
    writer.writerow(["evidence", "total", report.evidence_count])
    for row in report.per_standard:
        writer.writerow(["evidence per standard", f"{row.framework} {row.code} {row.title}", row.evidence])
    writer.writerow(["hours", "total", f"{report.hours.total:g}"])
    writer.writerow(["hours", "required", f"{report.hours.required:g}"])
    writer.writerow(["hours", "optional", f"{report.hours.optional:g}"])
    for fw, history in report.assessment_changes:
        writer.writerow(["self-assessment change", f"{fw} {history.standard.code} {history.standard.title}",
                         f"{history.change:+d}"])
    for r in report.highlights:
        writer.writerow(["highlight", r.title, r.date.isoformat() if r.date else ""])
    return out.getvalue()


def write_transcript(portfolio: Portfolio, root: Path, year: str | None, fmt: str, out: Path,
                     theme: str = "default") -> Path:
    """The PD transcript a district office asks for: each activity with its hours and certificate."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        out.write_text(transcript_csv(portfolio, year), "utf-8", newline="")
        return out
    rows = transcript(portfolio, year)
    return render_document(Theme(theme, root), "transcript.html", {
        "portfolio": portfolio, "rows": rows, "year": year, "total": sum(a.hours for a in rows)}, fmt, out, root)


def render_document(theme: Theme, template: str, context: dict[str, Any], fmt: str, out: Path,
                    root: Path) -> Path:
    """A theme template written as HTML, or laid out as a PDF by weasyprint, with the PDF styles."""
    html = theme.render(template, {**context, "css": theme.cascaded_css("pdf.css")})
    if fmt == "pdf":
        from weasyprint import HTML

        HTML(string=html, base_url=str(root)).write_pdf(str(out))
    else:
        out.write_text(html, "utf-8")
    return out


def write_report(portfolio: Portfolio, root: Path, year: str, fmt: str, out: Path,
                 audience: str = "owner", theme: str = "default") -> Path:
    filtered = for_audience(portfolio, audience)
    report = growth_report(filtered, year)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        out.write_text(report_csv(report), "utf-8", newline="")
        return out
    hours_chart = charts.bar_chart(f"PD hours {year} by modality",
                                   sorted(report.hours.by_modality.items(), key=lambda kv: -kv[1]), " h")
    return render_document(Theme(theme, root), "report.html",
                           {"report": report, "portfolio": filtered, "hours_chart": hours_chart}, fmt, out, root)
