"""Running the app with uvicorn: a free port, a printed tokened URL, the browser, a clean stop."""

from __future__ import annotations

import ipaddress
import socket
import webbrowser
from pathlib import Path
from typing import Any, Callable

import uvicorn

from plfolio.web.app import create_app
from plfolio.web.settings import ServerSettings

PORT_ATTEMPTS = 50


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str, first: int) -> int:
    """``first`` if nothing listens there, else the next free port."""
    for port in range(first, first + PORT_ATTEMPTS):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host.strip("[]"), port))
            except OSError:
                continue
            return port
    raise OSError(f"no free port between {first} and {first + PORT_ATTEMPTS - 1}")


def url_for(settings: ServerSettings) -> str:
    host = f"[{settings.host}]" if ":" in settings.host and not settings.host.startswith("[") else settings.host
    return f"http://{host}:{settings.port}/?token={settings.token}"


def serve(portfolio_dir: Path, settings: ServerSettings, say: Callable[[str], None]) -> None:
    say(f"PLfolio is serving {portfolio_dir}")
    serve_app(create_app(portfolio_dir, settings), settings, say)


def serve_app(app: Any, settings: ServerSettings, say: Callable[[str], None]) -> None:
    """Print the tokened URL, open the browser, run until Ctrl+C."""
    url = url_for(settings)
    say(f"Open {url}")
    say("Press Ctrl+C to stop.")
    if settings.open_browser:
        webbrowser.open(url)
    uvicorn.run(app, host=settings.host.strip("[]"), port=settings.port, log_level="warning",
                proxy_headers=False, server_header=False)
