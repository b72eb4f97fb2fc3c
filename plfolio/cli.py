"""The ``plfolio`` command. Thin: parse arguments, call one function, print; no tracebacks for users."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import tempfile
import zipfile
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import click
import platformdirs

from plfolio.badges.bundle import BundleError, export_bundle, import_bundle, verify_files
from plfolio.badges.imported import BadgeImportError, import_badge
from plfolio.badges.issue import issue_badge
from plfolio.badges.proof import verify as verify_proofs
from plfolio.badges.safezip import UnsafeZipError, read_zip
from plfolio.export.audience import AUDIENCES
from plfolio.export.pdf import export_pdf
from plfolio.export.report import FORMATS as REPORT_FORMATS
from plfolio.export.report import write_report, write_transcript
from plfolio.export.site import export_site
from plfolio.export.themes import ExportError
from plfolio.model import VISIBILITIES, Activity, Evidence, Goal, Reflection, school_year_of
from plfolio.schema import FILE_KINDS, file_schema
from plfolio.store import PortfolioError, PortfolioStore
from plfolio.review.feedback_file import FeedbackFileError
from plfolio.search import SearchIndex
from plfolio.review.feedback_file import read as read_feedback_file
from plfolio.review.app import create_review_app
from plfolio.review.feedback_import import import_feedback
from plfolio.review.session import ReviewSession
from plfolio.store.scaffold import create_portfolio
from plfolio.web.server import free_port, is_loopback, serve, serve_app
from plfolio.web.settings import ServerSettings, user_settings

NEW_KINDS = {"goal": Goal, "evidence": Evidence, "reflection": Reflection, "activity": Activity}


def default_portfolio() -> Path:
    return Path(os.environ.get("PLFOLIO_HOME") or platformdirs.user_data_dir("plfolio", appauthor=False))


def portfolio_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--portfolio", "portfolio_dir", type=click.Path(file_okay=False, path_type=Path),
        default=default_portfolio, show_default="$PLFOLIO_HOME, else your user data folder",
        help="The portfolio folder.")(f)


class UserError(click.ClickException):
    """A mistake the user can fix: one clear line, exit status 1."""


def open_store(portfolio_dir: Path) -> PortfolioStore:
    if not portfolio_dir.exists():
        raise UserError(f"No portfolio at {portfolio_dir}. Create one with "
                        f"`plfolio init --portfolio {portfolio_dir}`.")
    store = PortfolioStore(portfolio_dir)
    try:
        store.portfolio
    except PortfolioError as err:
        raise UserError(str(err)) from None
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plfolio")
def main() -> None:
    """PLfolio: your professional-growth portfolio, kept as plain files you own."""


@main.command()
@portfolio_option
@click.option("--example", is_flag=True, help="Start from a copy of the example portfolio.")
@click.option("--name", default="", help="Your name, for plfolio.toml.")
def init(portfolio_dir: Path, example: bool, name: str) -> None:
    """Create a new portfolio folder."""
    try:
        create_portfolio(portfolio_dir, example=example, owner_name=name, year=date.today().year)
    except PortfolioError as err:
        raise UserError(str(err)) from None
    except OSError as err:
        raise UserError(f"Cannot create a portfolio in {portfolio_dir}: {err.strerror}.") from None
    click.echo(f"Created a portfolio in {portfolio_dir}")


@main.command()
@portfolio_option
@click.option("--json", "as_json", is_flag=True, help="Print the problems as a JSON list.")
def check(portfolio_dir: Path, as_json: bool) -> None:
    """Check every file; exit 1 when any has a problem."""
    portfolio = open_store(portfolio_dir).portfolio
    problems = portfolio.problems
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in problems], indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
        count = sum(len(e) for e in portfolio.entries.values())
        summary = (f"{len(problems)} problem(s) in {len({p.path for p in problems})} file(s)"
                   if problems else f"No problems: {count} entries checked.")
        click.echo(summary, err=True)
    raise SystemExit(1 if problems else 0)


@main.command()
@click.argument("kind", type=click.Choice(sorted(NEW_KINDS)))
@portfolio_option
@click.option("--title", required=True, help="Title of the new entry.")
@click.option("--hours", type=float, default=1.0, show_default=True, help="Hours, for an activity.")
def new(kind: str, portfolio_dir: Path, title: str, hours: float) -> None:
    """Create a well-formed new entry file and print its path."""
    store = open_store(portfolio_dir)
    today = date.today()
    cls = NEW_KINDS[kind]
    fields: dict = {"title": title}
    if cls is Goal:
        start = store.portfolio.config.settings.school_year_start
        fields["school_year"] = school_year_of(today, start)
    else:
        fields["date"] = today
    if cls is Activity:
        fields["hours"] = hours
    try:
        rel = store.create(cls(**fields))
    except (PortfolioError, OSError) as err:
        raise UserError(f"Cannot write in {portfolio_dir}: {err}") from None
    click.echo(portfolio_dir / rel)


@main.command()
@click.argument("kind", type=click.Choice(sorted(FILE_KINDS)), required=False)
def schema(kind: str | None) -> None:
    """Print the JSON Schema of one file kind (or of all of them)."""
    kinds = [kind] if kind else list(FILE_KINDS)
    out = {k: file_schema(k) for k in kinds}
    click.echo(json.dumps(out[kind] if kind else out, indent=2))


@main.command()
@portfolio_option
def frameworks(portfolio_dir: Path) -> None:
    """List the standards frameworks available to the portfolio."""
    portfolio = open_store(portfolio_dir).portfolio
    in_use = set(portfolio.config.settings.frameworks)
    for fw in sorted(portfolio.frameworks.values(), key=lambda f: f.id):
        mark = "*" if fw.id in in_use else " "
        origin = "built in" if fw.builtin else fw.path
        click.echo(f"{mark} {fw.id:<12} {fw.title} ({len(fw.standards)} standards, {origin})")


@main.group("feedback")
def feedback_group() -> None:
    """Feedback from mentors and coaches."""


@feedback_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@portfolio_option
def feedback_import(file: Path, portfolio_dir: Path) -> None:
    """Add a mentor's feedback file (.toml or .zip) to your feedback/ folder."""
    store = open_store(portfolio_dir)
    try:
        report = import_feedback(store, read_feedback_file(file))
    except FeedbackFileError as err:
        raise UserError(str(err)) from None
    for rel in report.added:
        click.echo(f"added {rel}" + ("  (its entry is no longer in the portfolio)"
                                     if rel in report.about_missing else ""))
    click.echo(report.summary())


@main.command("search")
@click.argument("query")
@portfolio_option
@click.option("--kind", help="Only this kind, e.g. goals or evidence.")
@click.option("--year", help="Only this school year, e.g. 2026-2027.")
@click.option("--standard", "standards", help="Only entries aligned to this standard, e.g. ga-pl:5.")
@click.option("--goal", "goals", help="Only entries linked to this goal (its slug).")
@click.option("--tag", "tags", help="Only entries with this tag.")
@click.option("--visibility", type=click.Choice(VISIBILITIES), help="Only entries with this visibility.")
@click.option("--limit", default=20, show_default=True, help="How many results.")
@click.option("--json", "as_json", is_flag=True, help="Print results, facets and suggestion as JSON.")
def search_command(query: str, portfolio_dir: Path, limit: int, as_json: bool, **filters: str) -> None:
    """Search everything in the portfolio."""
    index = synced_index(open_store(portfolio_dir))
    results = index.search(query, {k: v for k, v in filters.items() if v}, limit=limit)
    index.close()
    if as_json:
        click.echo(json.dumps(asdict(results), indent=2))
        return
    if results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}")
    for hit in results.hits:
        click.echo(f"{hit.ref}  {strip_marks(hit.title_html)}")
        click.echo(f"    {strip_marks(hit.snippet_html).replace(chr(10), ' ')}")
    click.echo(f"{results.total} result(s)", err=True)


@main.command()
@portfolio_option
def reindex(portfolio_dir: Path) -> None:
    """Rebuild the search index from scratch."""
    store = open_store(portfolio_dir)
    index = synced_index(store, rebuild=True)
    index.close()
    click.echo(f"Indexed {index.documents_written} entries.")


def synced_index(store: PortfolioStore, rebuild: bool = False) -> SearchIndex:
    """The portfolio's search index, up to date, with a progress bar when there is much to do."""
    index = SearchIndex(store.root)
    with progress_bar("Indexing") as progress:
        index.sync(store.portfolio, progress, rebuild=rebuild)
    return index


def strip_marks(fragment: str) -> str:
    """Terminal text from a highlighted HTML fragment: matches in **bold**, entities decoded."""
    return html.unescape(re.sub(r"<mark[^>]*>(.*?)</mark>", r"**\1**", fragment))


@main.group("export")
def export_group() -> None:
    """Exports you own: a static site, a PDF."""


def export_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--theme", default="default", show_default=True,
                     help="A theme from themes/ (built in, or your portfolio's own).")(f)
    f = click.option("--audience", type=click.Choice(AUDIENCES), default="mentor", show_default=True,
                     help="public: public entries; mentor: mentor and public; owner: everything.")(f)
    f = click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
                     help="Where to write the export.")(f)
    return portfolio_option(f)


@export_group.command("site")
@export_options
@click.option("--zip", "as_zip", is_flag=True, help="Write one .zip file instead of a folder.")
def export_site_command(portfolio_dir: Path, output: Path, audience: str, theme: str, as_zip: bool) -> None:
    """A self-contained static website that works offline, even from file://."""
    store = open_store(portfolio_dir)
    with progress_bar("Exporting") as progress:
        try:
            out = export_site(store.portfolio, store.root, output, audience, theme, as_zip, progress)
        except ExportError as err:
            raise UserError(str(err)) from None
    click.echo(f"Wrote {out} ({audience} audience)")


@export_group.command("pdf")
@export_options
def export_pdf_command(portfolio_dir: Path, output: Path, audience: str, theme: str) -> None:
    """A print-ready PDF with a table of contents."""
    store = open_store(portfolio_dir)
    try:
        out = export_pdf(store.portfolio, store.root, output, audience, theme)
    except ExportError as err:
        raise UserError(str(err)) from None
    click.echo(f"Wrote {out} ({audience} audience)")


@main.command()
@portfolio_option
@click.option("--year", help="School year, e.g. 2026-2027 (default: the current one).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="html", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Default: growth-report-YEAR.FORMAT")
@click.option("--audience", type=click.Choice(AUDIENCES), default="owner", show_default=True,
              help="Whose eyes the report is for; private entries only in an owner report.")
def report(portfolio_dir: Path, year: str | None, fmt: str, output: Path | None, audience: str) -> None:
    """A year-end growth summary: goals, evidence per standard, hours, self-assessment change."""
    store = open_store(portfolio_dir)
    year = year or school_year_of(date.today(), store.portfolio.config.settings.school_year_start)
    if not re.fullmatch(r"\d{4}-\d{4}", year):
        raise UserError(f"{year!r} is not a school year; write it like 2026-2027.")
    out = output or Path(f"growth-report-{year}.{fmt}")
    try:
        write_report(store.portfolio, store.root, year, fmt, out, audience)
    except ExportError as err:
        raise UserError(str(err)) from None
    click.echo(f"Wrote {out}")


@main.group("badge")
def badge_group() -> None:
    """Open Badges 3.0 credentials for what you achieved."""


@badge_group.command("issue")
@click.argument("ref")
@portfolio_option
def badge_issue(ref: str, portfolio_dir: Path) -> None:
    """Sign a credential for goals/<slug> or pathways/<slug> and store it in badges/."""
    store = open_store(portfolio_dir)
    try:
        rel, credential = issue_badge(store, ref)
    except PortfolioError as err:
        raise UserError(str(err)) from None
    click.echo(f"Issued {credential['name']!r} by {credential['issuer']['id']}")
    click.echo(str(store.root / rel))


@badge_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@portfolio_option
def badge_import(file: Path, portfolio_dir: Path) -> None:
    """Keep a badge earned elsewhere (OB 2.0 baked PNG/SVG or JSON, OB 3.0 JSON) in badges/."""
    store = open_store(portfolio_dir)
    try:
        badge = import_badge(store.root, file)
    except BadgeImportError as err:
        raise UserError(str(err)) from None
    status = {True: "proof verified", None: "not checkable offline"}
    click.echo(f"Imported Open Badges {badge.version} badge {badge.name!r}"
               f"{' from ' + badge.issuer if badge.issuer else ''}: {status[badge.verified]}")
    for note in badge.notes:
        click.echo(f"  {note}")
    click.echo(str(store.root / badge.path))


@export_group.command("bundle")
@portfolio_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The .zip to write.")
@click.option("--audience", type=click.Choice(AUDIENCES), default="owner", show_default=True,
              help="owner: everything, to restore elsewhere; mentor or public: what they may see.")
def export_bundle_command(portfolio_dir: Path, output: Path, audience: str) -> None:
    """A signed evidence bundle: your files, credentials and site, verifiable offline."""
    store = open_store(portfolio_dir)
    try:
        out = export_bundle(store, output, audience)
    except (ExportError, BundleError) as err:
        raise UserError(str(err)) from None
    click.echo(f"Wrote {out} ({audience} audience)")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="A new (or empty) folder, or an existing portfolio to merge into.")
def import_command(file: Path, into: Path) -> None:
    """Verify an evidence bundle, then restore or merge it; conflicts are reported, never overwritten."""
    try:
        report = import_bundle(file, into)
    except (BundleError, UnsafeZipError) as err:
        raise UserError(str(err)) from None
    for rel in report.conflicts:
        click.echo(f"conflict  {rel}: differs from your copy, which was kept")
    click.echo(f"{len(report.added)} added, {len(report.identical)} already there, "
               f"{len(report.conflicts)} conflict(s)")
    if report.conflicts:
        raise SystemExit(1)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify(file: Path) -> None:
    """Check a bundle (every hash, the manifest signature, every credential) or one credential."""
    if zipfile.is_zipfile(file):
        try:
            result = verify_files(read_zip(file))
        except UnsafeZipError as err:
            raise UserError(str(err)) from None
        for line in result.checked:
            click.echo(f"ok    {line}")
        for line in result.errors:
            click.echo(f"FAIL  {line}")
        if not result.ok:
            raise SystemExit(1)
        click.echo("verified")
        return
    try:
        document = json.loads(file.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UserError(f"{file}: not a JSON credential ({err})") from None
    result = verify_proofs(document)
    for line in result.checked:
        click.echo(f"ok    {file.name}: {line}")
    for line in result.errors:
        click.echo(f"FAIL  {file.name}: {line}")
    if not result.ok:
        raise SystemExit(1)
    click.echo("verified")


@main.command("transcript")
@portfolio_option
@click.option("--year", help="Only this school year, e.g. 2026-2027 (default: every year).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Default: pd-transcript[-YEAR].FORMAT")
def transcript_command(portfolio_dir: Path, year: str | None, fmt: str, output: Path | None) -> None:
    """Your PD transcript: every activity with its hours, credit and certificate."""
    store = open_store(portfolio_dir)
    out = output or Path(f"pd-transcript{'-' + year if year else ''}.{fmt}")
    try:
        write_transcript(store.portfolio, store.root, year, fmt, out)
    except ExportError as err:
        raise UserError(str(err)) from None
    click.echo(f"Wrote {out}")


@contextlib.contextmanager
def progress_bar(label: str, threshold: int = 200):  # type: ignore[no-untyped-def]
    """A progress callback that shows a terminal bar once there is enough work to wait for."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= threshold:
            bar = click.progressbar(length=total, label=label, file=click.get_text_stream("stderr"))
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def server_options(f):  # type: ignore[no-untyped-def]
    """``plfolio serve`` options, one per user setting in the settings table."""
    for setting in reversed(user_settings()):
        meta = setting.metadata
        names = [meta["flag"]] if "flag" in meta else [f"--{setting.name.replace('_', '-')}"]
        f = click.option(*names, setting.name, default=setting.default, show_default=bool(setting.default),
                         envvar=meta.get("envvar"), type=type(setting.default), help=meta["help"])(f)
    return f


def run_server(portfolio_dir: Path, **options) -> None:  # type: ignore[no-untyped-def]
    settings = ServerSettings(**options).with_token()
    if not is_loopback(settings.host):
        click.secho(f"Warning: listening on {settings.host} lets other machines on your network reach "
                    "your portfolio (they still need the token).", fg="yellow", err=True)
    try:
        settings = replace(settings, port=free_port(settings.host, settings.port))
    except OSError as err:
        raise UserError(str(err)) from None
    open_store(portfolio_dir)
    serve(portfolio_dir, settings, click.echo)


@main.command("serve")
@portfolio_option
@server_options
def serve_command(portfolio_dir: Path, **options) -> None:  # type: ignore[no-untyped-def]
    """Start the local web app on your portfolio."""
    run_server(portfolio_dir, **options)


@main.command()
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as", "mentor", required=True, help="Your name, as the teacher will see it.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where your feedback file is saved.")
@server_options
def review(bundle: Path, mentor: str, out_dir: Path, **options) -> None:  # type: ignore[no-untyped-def]
    """Review a teacher's bundle (as a mentor or coach): verify it, read it, write feedback, endorse."""
    try:
        session = ReviewSession.open(bundle, mentor, out_dir)
    except (BundleError, UnsafeZipError) as err:
        raise UserError(str(err)) from None
    settings = ServerSettings(**options).with_token()
    settings = replace(settings, port=free_port(settings.host, settings.port))
    click.echo(f"The bundle verified ({len(session.checked)} checks). Feedback will be saved in {out_dir}.")
    serve_app(create_review_app(session, settings), settings, click.echo)


@main.command()
@server_options
def demo(**options) -> None:  # type: ignore[no-untyped-def]
    """Serve a throwaway copy of the example portfolio."""
    with tempfile.TemporaryDirectory(prefix="plfolio-demo-") as tmp:
        root = Path(tmp) / "example"
        create_portfolio(root, example=True)
        run_server(root, **options)


if __name__ == "__main__":
    main()
