"""README opens with the two set-up commands, and CI runs exactly its test command."""

from __future__ import annotations

import re

from support import REPO


def code_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_readme_opens_with_run_and_test_commands():
    readme = (REPO / "README.md").read_text("utf-8")
    run_cmd, test_cmd = code_blocks(readme)[:2]
    assert run_cmd.startswith("pip install -e . && plfolio ")
    assert "pytest" in test_cmd
    ci = (REPO / ".ci/run").read_text("utf-8")
    assert test_cmd in ci.splitlines(), ".ci/run must run the README's test command verbatim"
