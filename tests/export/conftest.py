"""The export tests' portfolio (data in tests/export_data.py)."""

from __future__ import annotations

import pytest

from export_data import FILES


@pytest.fixture
def export_portfolio(make_portfolio):
    return make_portfolio(FILES)


from browser import browser_page  # noqa: E402,F401  (a fixture for the browser tests)
