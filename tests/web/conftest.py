"""A TestClient factory: an app over a given portfolio, already holding the session cookie."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from starlette.testclient import TestClient

from plfolio.web.app import create_app
from plfolio.web.settings import ServerSettings

from support import BASE, TODAY, TOKEN


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


from browser import browser_page  # noqa: E402,F401  (a fixture for the browser tests)
