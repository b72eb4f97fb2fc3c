"""Uploads: stored beside the entry under safe names, size-limited, never executed when served."""

from __future__ import annotations

from plfolio.store import load_portfolio

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EVIDENCE = {"title": "Lab photos", "date": "2026-10-02", "kind": "student-work", "visibility": "mentor"}


def upload(client, files, **extra):
    return client.post("/evidence/new", data={**EVIDENCE, **extra}, files=files)


def test_new_evidence_with_several_files(client, make_portfolio):
    response = upload(client, [("files", ("photo 1.png", PNG, "image/png")),
                               ("files", ("../../escape.png", PNG, "image/png")),
                               ("files", ("photo 1.png", b"second", "image/png"))])
    assert response.status_code == 200
    entry = response.context["entry"]
    assert entry.path == "evidence/lab-photos/index.md"
    assert entry.attachments == ["photo-1.png", "escape.png", "photo-1-2.png"]
    root = client.app.state.store.root
    assert (root / "evidence/lab-photos/photo-1.png").read_bytes() == PNG
    assert (root / "evidence/lab-photos/photo-1-2.png").read_bytes() == b"second"
    assert not (root.parent / "escape.png").exists()
    assert load_portfolio(root).problems == []


def test_images_are_inline_other_files_are_downloads(client):
    upload(client, [("files", ("p.png", PNG, "image/png")), ("files", ("x.svg", SVG, "image/svg+xml")),
                    ("files", ("page.html", b"<script>alert(1)</script>", "text/html"))])
    png = client.get("/files/evidence/lab-photos/p.png")
    assert png.headers["content-type"] == "image/png"
    assert png.headers["content-disposition"].startswith("inline")
    for name in ("x.svg", "page.html"):
        served = client.get(f"/files/evidence/lab-photos/{name}")
        assert served.status_code == 200
        assert served.headers["content-disposition"].startswith("attachment")
        assert served.headers["content-type"] == "application/octet-stream"
        assert "sandbox" in served.headers["content-security-policy"]
        assert served.headers["x-content-type-options"] == "nosniff"


def test_files_outside_the_entry_cannot_be_reached(client):
    upload(client, [("files", ("p.png", PNG, "image/png"))])
    for path in ("/files/evidence/lab-photos/index.md", "/files/evidence/lab-photos/..%2F..%2Fplfolio.toml",
                 "/files/evidence/lab-photos/missing.png", "/files/goals/nothing/p.png",
                 "/files/secrets/lab-photos/p.png", "/files/evidence/lab-photos/.hidden"):
        assert client.get(path).status_code == 404, path


def test_adding_files_to_a_one_file_entry_moves_it_into_a_folder(make_client, make_portfolio):
    root = make_portfolio({"evidence/notes.md": '+++\ntitle = "Notes"\ndate = 2026-09-01\n+++\nMine.\n'})
    client = make_client(root)
    response = client.post("/evidence/notes/files", files=[("files", ("scan.png", PNG, "image/png"))])
    assert response.status_code == 200
    assert response.context["entry"].attachments == ["scan.png"]
    text = (root / "evidence/notes/index.md").read_text("utf-8")
    assert text.endswith("+++\nMine.\n") and 'attachments = ["scan.png"]' in text
    assert not (root / "evidence/notes.md").exists()


def test_a_certificate_upload_sets_the_activity_certificate(make_client, make_portfolio):
    root = make_portfolio({"activities/ws.md": '+++\ntitle = "Workshop"\ndate = 2026-09-01\nhours = 3.0\n+++\n'})
    client = make_client(root)
    response = client.post("/activities/ws/files", files=[("files", ("cert.pdf", b"%PDF-1.4", "application/pdf"))])
    assert response.context["entry"].certificate == "cert.pdf"


def test_uploads_over_the_limit_are_refused(make_client, make_portfolio):
    client = make_client(make_portfolio(), max_upload_mb=1)
    big = b"x" * (1024 * 1024 + 10)
    response = upload(client, [("files", ("big.bin", big, "application/octet-stream"))])
    assert response.status_code == 413
    assert not (client.app.state.store.root / "evidence").exists()
