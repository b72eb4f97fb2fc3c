"""The plfolio command as a user runs it (click's CliRunner)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from plfolio.cli import main
from plfolio.store import load_portfolio


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_init_creates_a_clean_portfolio(tmp_path):
    root = tmp_path / "mine"
    result = run("init", "--portfolio", str(root), "--name", 'Dana "DJ" Reyes')
    assert result.exit_code == 0, result.output
    assert (root / "plfolio.toml").is_file() and (root / "goals").is_dir()
    portfolio = load_portfolio(root)
    assert portfolio.config.owner.name == 'Dana "DJ" Reyes'
    assert portfolio.problems == []
    assert run("check", "--portfolio", str(root)).exit_code == 0


def test_init_refuses_an_existing_portfolio(tmp_path):
    root = tmp_path / "mine"
    run("init", "--portfolio", str(root))
    (root / "plfolio.toml").write_text("# mine, keep\nformat = 1\n", "utf-8")
    result = run("init", "--portfolio", str(root))
    assert result.exit_code == 1
    assert "already a portfolio" in result.output
    assert (root / "plfolio.toml").read_text("utf-8") == "# mine, keep\nformat = 1\n"


def test_init_example_copies_the_example(tmp_path):
    root = tmp_path / "ex"
    assert run("init", "--example", "--portfolio", str(root)).exit_code == 0
    assert len(load_portfolio(root).goals) >= 5


def test_portfolio_defaults_to_plfolio_home(tmp_path):
    root = tmp_path / "home"
    run("init", "--portfolio", str(root))
    result = run("new", "goal", "--title", "From env", env={"PLFOLIO_HOME": str(root)})
    assert result.exit_code == 0
    assert (root / "goals/from-env.md").is_file()


def test_new_creates_each_kind_and_prints_the_path(tmp_path):
    root = tmp_path / "p"
    run("init", "--portfolio", str(root))
    for kind, folder in [("goal", "goals"), ("evidence", "evidence"), ("reflection", "reflections"),
                         ("activity", "activities")]:
        result = run("new", kind, "--title", f"My first {kind}", "--portfolio", str(root))
        assert result.exit_code == 0, result.output
        path = result.output.strip()
        assert path == str(root / folder / f"my-first-{kind}.md")
    portfolio = load_portfolio(root)
    assert portfolio.problems == []
    assert portfolio.reflections["my-first-reflection"].visibility == "private"
    assert portfolio.activities["my-first-activity"].hours == 1.0


def test_check_lists_problems_as_path_line_message(make_portfolio):
    root = make_portfolio({"goals/g.md": '+++\ntitle = "x"\nstatus = "finished"\n+++\n'})
    result = run("check", "--portfolio", str(root))
    assert result.exit_code == 1
    assert "goals/g.md:3: unknown status 'finished'" in result.output

    result = run("check", "--json", "--portfolio", str(root))
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert problems == [{"path": "goals/g.md", "line": 3, "message": "unknown status 'finished'",
                         "hint": "use one of: draft, active, achieved, archived"}]


def test_user_errors_are_one_line_without_traceback(tmp_path):
    missing = tmp_path / "nowhere"
    result = run("check", "--portfolio", str(missing))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: No portfolio at {missing}. Create one with `plfolio init --portfolio {missing}`."]

    (tmp_path / "plain").mkdir()
    result = run("check", "--portfolio", str(tmp_path / "plain"))
    assert result.exit_code == 1 and "is not a PLfolio portfolio (no plfolio.toml). Run `plfolio init`" in result.output
    assert "Traceback" not in result.output

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("init", "--portfolio", str(blocker / "sub"))
    assert result.exit_code == 1 and "Cannot create a portfolio" in result.output


def test_schema_describes_every_kind():
    result = run("schema", "goals")
    schema = json.loads(result.output)
    assert schema["properties"]["status"]["enum"] == ["draft", "active", "achieved", "archived"]
    assert "action_steps" in schema["properties"]
