"""Browser fixture for the web tests (client fixtures live in tests/conftest.py)."""

from browser import browser_page  # noqa: F401  (a fixture for the browser tests)
