"""Standards frameworks: the built-in ones in ``data/frameworks`` and the teacher's own in ``frameworks/``."""

from __future__ import annotations

from pathlib import Path

from plfolio.model import SLUG_RE, Framework, Problem
from plfolio.store.parse import decode_model, issue_problem, parse_bytes
from plfolio.store.convert import Issue

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data" / "frameworks"


def load_framework(path: Path, rel: str, builtin: bool) -> tuple[Framework | None, list[Problem]]:
    parsed = parse_bytes(path.read_bytes(), rel, markdown=False)
    if parsed.data is None:
        return None, parsed.problems
    fw, problems = decode_model(Framework, parsed, rel)
    fw.path, fw.builtin = rel, builtin
    if fw.id != path.stem:
        problems.append(issue_problem(rel, Issue("id", f"id '{fw.id}' differs from the file name",
                                                 f"set id = \"{path.stem}\" or rename the file"),
                                      parsed.locator))
        fw.id = path.stem
    seen: set[str] = set()
    for i, std in enumerate(fw.standards, 1):
        if std.code in seen:
            problems.append(issue_problem(rel, Issue(f"standards[{i}].code",
                                                     f"duplicate standard code '{std.code}'",
                                                     "give each standard its own code"), parsed.locator))
        seen.add(std.code)
    return fw, problems


def load_frameworks(portfolio_root: Path | None,
                    builtin_dir: Path = BUILTIN_DIR) -> tuple[dict[str, Framework], list[Problem]]:
    """Built-ins first, then the portfolio's own (which replace a built-in with the same id)."""
    found: dict[str, Framework] = {}
    problems: list[Problem] = []
    sources = [(builtin_dir, True)]
    if portfolio_root is not None:
        sources.append((portfolio_root / "frameworks", False))
    for folder, builtin in sources:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            rel = f"data/frameworks/{path.name}" if builtin else f"frameworks/{path.name}"
            if not SLUG_RE.match(path.stem):
                problems.append(Problem(rel, "framework file name must be lowercase letters, digits "
                                        "and hyphens", "Rename the file, e.g. my-framework.toml."))
                continue
            fw, file_problems = load_framework(path, rel, builtin)
            problems.extend(file_problems)
            if fw is not None:
                found[fw.id] = fw
    return found, problems
