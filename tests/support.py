"""Constants shared by the tests (conftest modules cannot be imported by name)."""

from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "data" / "example"
CONFORMANCE = REPO / "tests" / "data"  # OB 3.0 schemas, copied with their checksums
TOKEN = "test-token-123"
BASE = "http://127.0.0.1:8765"
TODAY = date(2026, 11, 24)
