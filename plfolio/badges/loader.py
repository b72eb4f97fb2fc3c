"""A JSON-LD document loader that never touches the network: only the contexts vendored here.

Canonicalizing a credential needs its @context documents; fetching them would leak what is being
verified and fail offline, so every context PLfolio understands ships inside the package.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Callable

CONTEXTS = Path(__file__).parent / "contexts"


class ContextNotAvailable(Exception):
    """A credential names a JSON-LD context PLfolio does not carry."""


@functools.cache
def vendored() -> dict[str, dict[str, Any]]:
    index = json.loads((CONTEXTS / "index.json").read_text("utf-8"))
    return {url: json.loads((CONTEXTS / entry["file"]).read_text("utf-8")) for url, entry in index.items()}


def make_loader(extra: dict[str, dict[str, Any]] | None = None) -> Callable[..., dict[str, Any]]:
    """A pyld document loader over the vendored contexts (plus ``extra``, e.g. for tests)."""
    documents = {**vendored(), **(extra or {})}

    def load(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url not in documents:
            raise ContextNotAvailable(f"the JSON-LD context {url} is not available offline")
        return {"contextUrl": None, "documentUrl": url, "document": documents[url]}

    return load
