"""A local server is still a server: each rule of the security list, tested."""

from __future__ import annotations

import pytest

from support import BASE, TOKEN

PAGES = ["/", "/goals", "/profile", "/trash", "/search?q=a", "/events"]


@pytest.mark.parametrize("path", PAGES)
def test_without_the_token_every_page_is_refused(make_client, make_portfolio, path):
    client = make_client(make_portfolio(), login=False)
    response = client.get(path)
    assert response.status_code == 401
    assert "token" in response.text.lower()
    assert "Test Teacher" not in response.text


def test_files_are_refused_without_the_token(make_client, make_portfolio):
    root = make_portfolio({"evidence/e/index.md": '+++\ntitle = "E"\ndate = 2026-09-01\n'
                                                  'attachments = ["a.png"]\n+++\n',
                           "evidence/e/a.png": b"\x89PNG\r\n\x1a\nsecret"})
    client = make_client(root, login=False)
    assert client.get("/files/evidence/e/a.png").status_code == 401


def test_the_token_is_swapped_for_a_strict_cookie_and_dropped_from_the_url(make_client, make_portfolio):
    client = make_client(make_portfolio(), login=False)
    response = client.get(f"/goals?token={TOKEN}&status=active", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/goals?status=active"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("plfolio_token_8765=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/goals").status_code == 200


def test_a_wrong_token_is_refused(make_client, make_portfolio):
    client = make_client(make_portfolio(), login=False)
    response = client.get("/?token=guess", follow_redirects=False)
    assert response.status_code == 401 and "not right" in response.text
    client.cookies.set("plfolio_token_8765", "guess")
    assert client.get("/").status_code == 401


def test_the_cookie_is_per_port(make_client, make_portfolio):
    client = make_client(make_portfolio())
    other_port = client.get("/", headers={"host": "127.0.0.1:9999"})
    assert other_port.status_code == 200, "the Host header port does not matter; the server's does"
    client.cookies.clear()
    client.cookies.set("plfolio_token_9999", TOKEN)
    assert client.get("/").status_code == 401


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "192.168.1.5:8765"])
def test_foreign_host_headers_are_refused(client, host):
    response = client.get("/", headers={"host": host})
    assert response.status_code == 400


@pytest.mark.parametrize("host", ["localhost:8765", "127.0.0.1:8765", "[::1]:8765"])
def test_loopback_host_headers_are_allowed(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
                                     {"origin": "http://evil.example"},
                                     {"origin": "http://127.0.0.1:9999"}])
def test_cross_site_writes_are_refused(client, headers):
    response = client.post("/goals/new", data={"title": "Injected"}, headers=headers)
    assert response.status_code == 403
    assert client.get("/goals").context["total"] == 0


def test_same_origin_writes_are_allowed(client):
    response = client.post("/goals/new", data={"title": "Mine", "status": "draft",
                                               "cycle_stage": "vision", "visibility": "private"},
                           headers={"sec-fetch-site": "same-origin", "origin": BASE})
    assert response.status_code == 200
    assert response.context["entry"].title == "Mine"


@pytest.mark.parametrize("path", ["/", "/nope", "/static/app.css", "/goals/missing"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "object-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_security_headers_on_refusals_too(make_client, make_portfolio):
    client = make_client(make_portfolio(), login=False)
    assert client.get("/").headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors" in client.get("/", headers={"host": "evil.example"}).headers[
        "content-security-policy"]


def test_no_cors_headers(client):
    response = client.get("/", headers={"origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers


def test_an_opaque_origin_is_refused(client):
    """Sandboxed frames and privacy modes send Origin: null; a write from them is not ours."""
    assert client.post("/goals/new", data={"title": "x"}, headers={"origin": "null"}).status_code == 403


def test_referrer_policy_keeps_the_origin_header_on_our_own_forms(client):
    """With no-referrer, browsers send Origin: null on form posts and our own forms would be refused."""
    assert client.get("/").headers["referrer-policy"] == "same-origin"
