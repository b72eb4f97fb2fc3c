"""The portfolio folder: parse and write the teacher's plain files without ever losing a byte of theirs."""

from plfolio.store.errors import (
    ConflictError,
    NotAPortfolioError,
    PortfolioError,
    StoreError,
)
from plfolio.store.loader import load_portfolio
from plfolio.store.portfolio_store import PortfolioStore

__all__ = [
    "ConflictError",
    "NotAPortfolioError",
    "PortfolioError",
    "PortfolioStore",
    "StoreError",
    "load_portfolio",
]
