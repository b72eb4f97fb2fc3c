"""A local server is still a server: a secret token, same-origin writes, strict headers.

Any web page the teacher visits could send requests to 127.0.0.1, so every request must prove it
comes from someone who saw the URL printed at start-up (the token, then an HttpOnly SameSite=Strict
cookie), and state-changing requests must come from our own pages.
"""

from __future__ import annotations

import hmac
import html
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import URL, Headers
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PUBLIC_PREFIX = "/static/"  # the app's own CSS and JS: no portfolio data is ever under it
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # no-referrer would make browsers send Origin: null on our own form posts
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def cookie_name(port: int | None) -> str:
    """Per-port, so two PLfolio servers on one machine keep separate sessions."""
    return f"plfolio_token_{port or 0}"


class SecurityHeadersMiddleware:
    """CSP, nosniff and friends on every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.decode().lower() for k, _ in headers}
                # an endpoint may set a stricter policy (attachments are sandboxed): keep it
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                            if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SameOriginWritesMiddleware:
    """Refuses state-changing requests made by another site (CSRF), by Sec-Fetch-Site and Origin."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            headers = Headers(scope=scope)
            fetch_site = headers.get("sec-fetch-site")
            origin = headers.get("origin")
            expected = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}"
            if fetch_site not in (None, "same-origin", "none") or (
                    origin is not None and origin != expected):
                response = PlainTextResponse("Cross-site request refused.", status_code=403)
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


class TokenAuthMiddleware:
    """Only holders of the start-up token get in.

    ``?token=`` in a URL is checked, swapped for a cookie, and dropped from the address bar by a
    redirect (so it does not linger in history or Referer). Without a valid cookie, pages answer
    401 with a small form to paste the token.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    def _valid(self, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(PUBLIC_PREFIX):
            return await self.app(scope, receive, send)
        port = (scope.get("server") or (None, None))[1]
        name = cookie_name(port)
        query = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        if given is not None and scope["method"] in SAFE_METHODS:
            if not self._valid(given):
                return await login_page(invalid=True)(scope, receive, send)
            url = URL(scope=scope)
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            target = url.path + (f"?{rest}" if rest else "")
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(name, self.token, httponly=True, samesite="strict", path="/")
            return await response(scope, receive, send)
        cookies = Headers(scope=scope).get("cookie", "")
        cookie = next((v for k, _, v in (c.strip().partition("=") for c in cookies.split(";"))
                       if k == name), None)
        if self._valid(cookie):
            return await self.app(scope, receive, send)
        await login_page(invalid=False)(scope, receive, send)


def login_page(invalid: bool) -> HTMLResponse:
    message = ("That token is not right." if invalid else
               "This PLfolio is private. Open the link printed when the server started, "
               "or paste its token here.")
    body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>PLfolio: token needed</title>
<link rel="stylesheet" href="/static/app.css"></head><body class="login"><main>
<h1>PLfolio</h1><p>{html.escape(message)}</p>
<form method="get" action=""><label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="off" required autofocus>
<button type="submit">Open my portfolio</button></form></main></body></html>"""
    return HTMLResponse(body, status_code=401)
