"""Errors a user can cause; each names the file it is about and says what to do."""

from __future__ import annotations

from pathlib import Path


class PortfolioError(Exception):
    """Base for errors about a portfolio folder or file."""

    def __init__(self, path: Path | str, message: str, hint: str = "") -> None:
        self.path = Path(path)
        self.message = message
        self.hint = hint
        super().__init__(f"{path}: {self.sentence}")

    @property
    def sentence(self) -> str:
        """What went wrong and what to do, without the path: "already exists. Choose another title." """
        text = self.message if self.message.endswith((".", "?", "!")) else f"{self.message}."
        return f"{text} {self.hint}".strip()


class NotAPortfolioError(PortfolioError):
    """The folder is missing or has no plfolio.toml."""


class StoreError(PortfolioError):
    """A file could not be written, read or moved."""


class ConflictError(PortfolioError):
    """The file changed on disk since the edit began; carries both versions so nothing is lost."""

    def __init__(self, path: Path | str, disk_text: str, attempted_text: str) -> None:
        super().__init__(path, "changed on disk since you opened it",
                         "Compare both versions, then save again.")
        self.disk_text = disk_text
        self.attempted_text = attempted_text
