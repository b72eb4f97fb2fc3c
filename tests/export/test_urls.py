"""Nothing in an export loads from outside it, and a body's own files still show up where they went.

A teacher's Markdown may hold a remote image, a picture beside the entry, a link to a file the
export leaves out, or a `url` that is not a web address; each must end up safe and working.
"""

from __future__ import annotations

import base64
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from plfolio.export.pdf import export_pdf
from plfolio.export.site import export_site
from plfolio.export.urls import external_link, localize
from plfolio.render import markdown_html
from plfolio.store import load_portfolio

REAL_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
BODY = ("A remote ![tracker pixel](https://tracker.example/pixel.png) and my ![bench photo](./bench.png), "
        "[the notes](notes.md), [a page](https://example.org/page) and [a secret](../secret/scan.txt).\n")
FILES = {
    "evidence/bench/index.md": '+++\ntitle = "Lab bench"\ndate = 2026-10-02\nattachments = ["bench.png"]\n'
                               f'visibility = "public"\n+++\n{BODY}',
    "evidence/bench/bench.png": REAL_PNG,
    "evidence/bench/notes.md": "not an attachment",
    "evidence/bad-link.md": '+++\ntitle = "Odd link"\ndate = 2026-10-03\nkind = "link"\n'
                            'url = "javascript:alert(document.cookie)"\nvisibility = "public"\n+++\nHm.\n',
}


def test_external_link_allows_only_web_and_mail_addresses():
    assert external_link("https://example.org/a") == "https://example.org/a"
    assert external_link(" mailto:maya@example.org ") == "mailto:maya@example.org"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                "example.org/no-scheme", "https:", ""):
        assert external_link(bad) == "", bad


def test_localize_turns_remote_images_into_links_and_maps_own_files():
    html = localize(markdown_html(BODY), lambda ref: "../files/evidence/bench/bench.png" if ref == "./bench.png"
                    else None)
    assert '<img src="../files/evidence/bench/bench.png" alt="bench photo">' in html
    assert '<a href="https://tracker.example/pixel.png" rel="noopener noreferrer">tracker pixel</a>' in html
    assert '<a href="https://example.org/page" rel="noopener noreferrer">a page</a>' in html
    assert "notes.md" not in html and "scan.txt" not in html
    assert "the notes" in html and "a secret" in html, "the words stay; only the dead link goes"


@given(st.text(alphabet=st.sampled_from(list("![]()<>\"'& :/.#abxhtps")), max_size=80))
def test_localized_markdown_never_loads_anything_remote(text):
    html = str(localize(markdown_html(text)))
    assert 'src="' not in html, "with no files to map, no image survives as an image"
    assert 'href="javascript' not in html.lower()


def test_the_site_loads_nothing_remote_and_shows_the_entry_s_own_picture(make_portfolio, tmp_path):
    root = make_portfolio(FILES)
    site = export_site(load_portfolio(root), root, tmp_path / "site", "public")
    page = (site / "evidence/bench.html").read_text("utf-8")
    assert 'src="https://' not in page and "tracker.example/pixel.png\" alt" not in page
    assert '<img src="../files/evidence/bench/bench.png" alt="bench photo">' in page
    assert (site / "files/evidence/bench/bench.png").read_bytes() == REAL_PNG
    assert 'href="notes.md"' not in page and "scan.txt" not in page
    odd = (site / "evidence/bad-link.html").read_text("utf-8")
    assert 'href="javascript:' not in odd and "javascript:alert(document.cookie)" in odd, "shown, not linked"


def test_the_pdf_is_made_without_the_network_and_embeds_the_entry_s_picture(make_portfolio, tmp_path,
                                                                             monkeypatch):
    lookups: list[str] = []

    def no_network(host, *args, **kwargs):
        lookups.append(host)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    root = make_portfolio(FILES)
    pdf = export_pdf(load_portfolio(root), root, tmp_path / "p.pdf", "public")
    assert lookups == []
    reader = PdfReader(pdf)
    assert sum(len(page.images) for page in reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Lab bench" in text and "tracker pixel" in text


def test_the_pdf_never_embeds_a_file_outside_the_export(make_portfolio, tmp_path):
    secret = {"evidence/hidden/index.md": '+++\ntitle = "Hidden"\ndate = 2026-10-01\nattachments = ["h.png"]\n'
                                          'visibility = "private"\n+++\n', "evidence/hidden/h.png": REAL_PNG,
              "evidence/peek/index.md": '+++\ntitle = "Peek"\ndate = 2026-10-02\nvisibility = "public"\n+++\n'
                                        "![x](evidence/hidden/h.png) ![y](../hidden/h.png)\n"}
    root = make_portfolio(secret)
    pdf = export_pdf(load_portfolio(root), root, tmp_path / "p.pdf", "public")
    assert sum(len(page.images) for page in PdfReader(pdf).pages) == 0


@pytest.mark.parametrize("theme", ["default", "journal"])
def test_a_theme_s_remote_background_is_not_fetched_for_the_pdf(make_portfolio, tmp_path, monkeypatch, theme):
    lookups: list[str] = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: lookups.append(host) or [])
    root = make_portfolio({})
    own = root / "themes" / theme
    own.mkdir(parents=True)
    (own / "pdf.css").write_text('body { background: url("https://fonts.example/bg.png"); }', "utf-8")
    export_pdf(load_portfolio(root), root, tmp_path / "p.pdf", "public", theme)
    assert lookups == []
