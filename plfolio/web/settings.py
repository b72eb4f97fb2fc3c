"""The server's settings: one table feeding defaults, validation, ``plfolio serve --help`` and docs."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any


def _opt(default: Any, help: str, **extra: Any) -> Any:
    return field(default=default, metadata={"help": help, **extra})


@dataclass(frozen=True)
class ServerSettings:
    host: str = _opt("127.0.0.1", "Address to listen on. Anything but loopback exposes your portfolio "
                     "to your network: you will be warned.")
    port: int = _opt(8765, "Port to listen on; if taken, the next free one is used.")
    token: str = _opt("", "Secret for the browser URL (default: a new random one each start).",
                      envvar="PLFOLIO_TOKEN")
    open_browser: bool = _opt(True, "Open the browser at start.", flag="--browser/--no-browser")
    max_upload_mb: int = _opt(25, "Largest upload accepted, in megabytes.")
    today: date | None = field(default=None, metadata={})  # pinned by tests; not a user setting

    def with_token(self) -> "ServerSettings":
        """These settings with a token, generating a random one if none was given."""
        from dataclasses import replace

        return self if self.token else replace(self, token=secrets.token_urlsafe(24))

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


def user_settings() -> list[Any]:
    """The settings a user can set (those with help text), in table order."""
    return [f for f in fields(ServerSettings) if "help" in f.metadata]
