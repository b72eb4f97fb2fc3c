"""The static site: self-contained, relative links that all resolve, deterministic, themable."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from plfolio.cli import main
from plfolio.export.site import export_site
from plfolio.export.themes import ExportError
from plfolio.store import load_portfolio


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.resources: list[str] = []  # things the browser would load
        self.links: list[tuple[str, bool]] = []  # (href, written by the teacher)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("img", "script") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href"):
            self.resources.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], a.get("rel") == "noopener noreferrer"))


def parsed(site: Path):
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        yield page, parser


def test_no_absolute_or_external_urls(export_portfolio, tmp_path):
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "s", "owner")
    for page, links in parsed(site):
        for url in links.resources:
            assert not urlsplit(url).scheme and not url.startswith("/"), f"{page}: loads {url}"
        for href, authored in links.links:
            if authored:  # a link-kind evidence entry's own URL, written by the teacher
                continue
            assert not urlsplit(href).scheme and not href.startswith("/"), f"{page}: links to {href}"
    css = "".join(p.read_text("utf-8") for p in site.rglob("*.css"))
    assert not re.search(r"url\(|@import|https?:", css)


def test_every_internal_link_resolves(export_portfolio, tmp_path):
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "s", "owner")
    checked = 0
    for page, links in parsed(site):
        for url in links.resources + [h for h, authored in links.links if not authored]:
            target = unquote(urlsplit(url).path)
            if target:
                assert (page.parent / target).resolve().is_file(), f"{page.relative_to(site)}: broken {url}"
                checked += 1
    assert checked > 50


def test_the_expected_pages_exist(export_portfolio, tmp_path):
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "s", "mentor")
    for rel in ("index.html", "plan.html", "evidence.html", "reflections.html", "pd-log.html",
                "standards.html", "pathways.html", "search.html", "goals/public-goal.html",
                "evidence/photo.html", "files/evidence/photo/lab.png", "assets/search-index.js"):
        assert (site / rel).is_file(), rel
    assert "Lovely rubric." in (site / "goals/public-goal.html").read_text("utf-8")
    assert "<em>matter</em>" in (site / "goals/public-goal.html").read_text("utf-8")
    assert "<svg" in (site / "pd-log.html").read_text("utf-8"), "charts are in the export too"


def test_exports_are_deterministic(export_portfolio, tmp_path):
    portfolio = load_portfolio(export_portfolio)
    a = export_site(portfolio, export_portfolio, tmp_path / "a", "mentor")
    b = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "b", "mentor")
    files_a = {p.relative_to(a): p.read_bytes() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b): p.read_bytes() for p in b.rglob("*") if p.is_file()}
    assert files_a == files_b
    za = export_site(portfolio, export_portfolio, tmp_path / "a.zip", "mentor", as_zip=True).read_bytes()
    zb = export_site(portfolio, export_portfolio, tmp_path / "b.zip", "mentor", as_zip=True).read_bytes()
    assert za == zb


def test_a_portfolio_theme_overrides_and_extends_the_builtin(export_portfolio, tmp_path):
    own = export_portfolio / "themes/default"
    own.mkdir(parents=True)
    (own / "index.html").write_text('{% extends "default:index.html" %}{% block content %}'
                                    '<p>MY OWN INTRO</p>{{ super() }}{% endblock %}', "utf-8")
    (own / "style.css").write_text("body { color: rebeccapurple; }", "utf-8")
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "s", "mentor")
    home = (site / "index.html").read_text("utf-8")
    assert "MY OWN INTRO" in home and "My learning profile" in home
    assert (site / "assets/style.css").read_text("utf-8") == "body { color: rebeccapurple; }"


def test_the_second_builtin_theme(export_portfolio, tmp_path):
    site = export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "s", "mentor", "journal")
    assert "Georgia" in (site / "assets/style.css").read_text("utf-8")
    assert "theme-color" in (site / "index.html").read_text("utf-8")


def test_a_broken_theme_names_the_template_and_line(export_portfolio, tmp_path):
    own = export_portfolio / "themes/default"
    own.mkdir(parents=True)
    (own / "plan.html").write_text('{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}', "utf-8")
    with pytest.raises(ExportError, match=r"plan.html:3"):
        export_site(load_portfolio(export_portfolio), export_portfolio, tmp_path / "s", "mentor")
    result = CliRunner().invoke(main, ["export", "site", "--portfolio", str(export_portfolio), "-o",
                                       str(tmp_path / "s2")])
    assert result.exit_code == 1 and "plan.html:3" in result.output and "Traceback" not in result.output


def test_export_never_deletes_a_folder_it_did_not_make(export_portfolio, tmp_path):
    target = tmp_path / "documents"
    target.mkdir()
    (target / "taxes.pdf").write_text("keep me")
    with pytest.raises(ExportError, match="not empty"):
        export_site(load_portfolio(export_portfolio), export_portfolio, target, "mentor")
    assert (target / "taxes.pdf").read_text() == "keep me"


def test_cli_export_site_and_pdf(export_portfolio, tmp_path):
    result = CliRunner().invoke(main, ["export", "site", "--portfolio", str(export_portfolio), "-o",
                                       str(tmp_path / "out"), "--audience", "public", "--zip"])
    assert result.exit_code == 0 and (tmp_path / "out.zip").is_file()
    result = CliRunner().invoke(main, ["export", "pdf", "--portfolio", str(export_portfolio), "-o",
                                       str(tmp_path / "p.pdf")])
    assert result.exit_code == 0 and (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
