"""Badges earned elsewhere: Badgr-style baked PNG and SVG, OB 2.0 JSON, OB 3.0 credentials."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from plfolio.badges.baked import BakedBadgeError, bake_png, bake_svg, png_assertion, svg_assertion
from plfolio.badges.credential import timestamp
from plfolio.badges.didkey import did_key, verification_method
from plfolio.badges.imported import BadgeImportError, import_badge
from plfolio.badges.proof import sign
from plfolio.cli import main

OB2 = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://badgr.example/a/1",
       "recipient": {"type": "email", "hashed": False, "identity": "maya@example.org"},
       "badge": {"type": "BadgeClass", "name": "Google Certified Educator",
                 "issuer": {"type": "Profile", "name": "Example Issuer"}},
       "verification": {"type": "HostedBadge"}, "issuedOn": "2025-06-01T00:00:00Z"}


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buf, "PNG")
    return buf.getvalue()


def ob3_credential() -> dict:
    key = Ed25519PrivateKey.generate()
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2",
                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
           "id": "urn:uuid:7", "type": ["VerifiableCredential", "OpenBadgeCredential"], "name": "Data Coach",
           "issuer": {"id": did_key(key.public_key()), "type": ["Profile"], "name": "Other District"},
           "validFrom": "2025-01-01T00:00:00Z",
           "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
               "id": "urn:uuid:8", "type": ["Achievement"], "name": "Data Coach", "description": "d",
               "criteria": {"narrative": "n"}}}}
    return sign(doc, key, verification_method(key.public_key()), timestamp())


def test_png_bake_round_trip_keeps_the_image_valid():
    baked = bake_png(png_bytes(), json.dumps(OB2))
    assert json.loads(png_assertion(baked))["badge"]["name"] == "Google Certified Educator"
    Image.open(io.BytesIO(baked)).verify()


def test_svg_bake_round_trip():
    svg = bake_svg('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>',
                   json.dumps(OB2), "https://badgr.example/a/1")
    assert json.loads(svg_assertion(svg.encode()))["id"] == "https://badgr.example/a/1"


@pytest.mark.parametrize("data,words", [
    (png_bytes(), "no baked openbadges"),
    (png_bytes()[:-5] + b"XXXXX", "bad CRC"),
    (b"<!DOCTYPE svg [<!ENTITY x 'y'>]><svg/>", "DOCTYPE"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "no openbadges:assertion"),
])
def test_damaged_or_plain_images_are_refused(data, words):
    with pytest.raises(BakedBadgeError, match=words):
        (png_assertion if data.startswith(b"\x89PNG") else svg_assertion)(data)


def test_import_keeps_each_kind_byte_for_byte(example_copy, tmp_path):
    files = {
        "badge.png": bake_png(png_bytes(), json.dumps(OB2)),
        "badge.svg": bake_svg('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', json.dumps(OB2),
                              "https://badgr.example/a/1").encode(),
        "assertion.json": json.dumps(OB2).encode(),
        "credential.json": json.dumps(ob3_credential()).encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        badge = import_badge(example_copy, tmp_path / name)
        assert (example_copy / badge.path).read_bytes() == data
        assert badge.name in ("Google Certified Educator", "Data Coach")
    assert import_badge(example_copy, tmp_path / "credential.json").verified is True
    assert import_badge(example_copy, tmp_path / "badge.png").verified is None


def test_a_tampered_ob3_credential_is_refused(example_copy, tmp_path):
    credential = ob3_credential()
    credential["name"] = "Superintendent"
    (tmp_path / "c.json").write_text(json.dumps(credential))
    with pytest.raises(BadgeImportError, match="does not verify"):
        import_badge(example_copy, tmp_path / "c.json")
    assert not (example_copy / "badges/c.json").exists()


def test_cli_badge_import(example_copy, tmp_path):
    (tmp_path / "badge.png").write_bytes(bake_png(png_bytes(), json.dumps(OB2)))
    result = CliRunner().invoke(main, ["badge", "import", str(tmp_path / "badge.png"), "--portfolio",
                                       str(example_copy)])
    assert result.exit_code == 0 and "Open Badges 2.0 badge 'Google Certified Educator'" in result.output
    (tmp_path / "x.json").write_text('{"hello": 1}')
    bad = CliRunner().invoke(main, ["badge", "import", str(tmp_path / "x.json"), "--portfolio", str(example_copy)])
    assert bad.exit_code == 1 and "not an Open Badges" in bad.output


def test_badges_appear_in_the_static_site_for_the_right_audience(example_copy, tmp_path):
    from plfolio.badges.issue import issue_badge
    from plfolio.export.site import export_site
    from plfolio.store import PortfolioStore, load_portfolio

    issue_badge(PortfolioStore(example_copy), "goals/self-assessed-labs")  # a public goal
    issue_badge(PortfolioStore(example_copy), "goals/flexible-stations")  # a private goal
    (tmp_path / "badge.png").write_bytes(bake_png(png_bytes(), json.dumps(OB2)))
    import_badge(example_copy, tmp_path / "badge.png")
    portfolio = load_portfolio(example_copy)
    public = export_site(portfolio, example_copy, tmp_path / "public", "public")
    assert sorted(p.name for p in (public / "files/badges").iterdir()) == ["goals-self-assessed-labs.json"]
    assert "Run flexible learning stations" not in (public / "pathways.html").read_text("utf-8")
    mentor = export_site(portfolio, example_copy, tmp_path / "mentor", "mentor")
    assert sorted(p.name for p in (mentor / "files/badges").iterdir()) == ["badge.png", "goals-self-assessed-labs.json"]
