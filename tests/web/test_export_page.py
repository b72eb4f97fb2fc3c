"""One-click exports from the web app, with a preview of what each audience gets."""

from __future__ import annotations

import io
import zipfile

from pypdf import PdfReader

from export_data import FILES, MARKER


def test_preview_counts_per_audience(make_client, make_portfolio):
    client = make_client(make_portfolio(FILES))
    response = client.get("/export")
    assert response.template.name == "export.html"
    previews = response.context["previews"]
    assert previews["mentor"]["goals"] == (2, 1)
    assert previews["public"]["reflections"] == (0, 2)
    assert previews["owner"]["goals"] == (3, 0)
    assert "journal" in response.context["themes"]


def test_site_download_is_a_zip_without_private_content(make_client, make_portfolio):
    client = make_client(make_portfolio(FILES))
    response = client.post("/export/download", data={"audience": "mentor", "format": "site", "theme": "default"})
    assert response.status_code == 200, response.context.get("error")
    assert response.headers["content-disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "index.html" in archive.namelist()
        assert all(MARKER.encode() not in archive.read(n) for n in archive.namelist())


def test_pdf_download(make_client, make_portfolio):
    client = make_client(make_portfolio(FILES))
    response = client.post("/export/download", data={"audience": "owner", "format": "pdf", "theme": "journal"})
    assert response.content.startswith(b"%PDF")
    assert "Public goal on rubrics" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_bad_choices_are_refused_with_the_form(make_client, make_portfolio):
    client = make_client(make_portfolio(FILES))
    response = client.post("/export/download", data={"audience": "everyone", "format": "site"})
    assert response.status_code == 400 and response.template.name == "export.html"
    response = client.post("/export/download", data={"audience": "mentor", "format": "site", "theme": "nope"})
    assert response.status_code == 400 and "no theme named" in response.context["error"]
