"""Browser fixture for the review tests."""

from browser import browser_page  # noqa: F401  (a fixture for the browser tests)
