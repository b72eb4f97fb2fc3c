"""Shared fixtures: portfolios made from a dict of files, so each test shows exactly what is on disk."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from starlette.testclient import TestClient

from plfolio.web.app import create_app
from plfolio.web.settings import ServerSettings
from support import BASE, EXAMPLE, TODAY, TOKEN

MINIMAL_CONFIG = """\
format = 1
[owner]
name = "Test Teacher"
[settings]
frameworks = ["ga-pl"]
pd_hours_required = 50.0
renewal_period_start = 2025
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


@pytest.fixture
def make_portfolio(tmp_path: Path) -> Callable[..., Path]:
    """``make_portfolio(files={...})``: a portfolio folder with a minimal plfolio.toml plus ``files``."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes] | None = None, *, config: str = MINIMAL_CONFIG) -> Path:
        root = tmp_path / f"portfolio{next(counter)}"
        root.mkdir()
        write_files(root, {"plfolio.toml": config, **(files or {})})
        return root

    return make


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example portfolio, safe to change."""
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.fixture
def make_client() -> Callable[..., TestClient]:
    """``make_client(root, login=True, **settings)``."""

    def make(root: Path, login: bool = True, **settings) -> TestClient:
        options = {"token": TOKEN, "today": TODAY, **settings}
        app = create_app(root, ServerSettings(**options), watch=False)
        client = TestClient(app, base_url=BASE)
        if login:
            assert client.get(f"/?token={TOKEN}").status_code == 200
        return client

    return make


@pytest.fixture
def client(make_client, make_portfolio) -> TestClient:
    return make_client(make_portfolio())
