"""plfolio serve / demo: port choice, printed URL, loopback warning (uvicorn itself replaced)."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from plfolio.cli import main
from plfolio.web import server


@pytest.fixture
def ran(monkeypatch):
    calls = {}

    def fake_run(app, **kwargs):
        calls.update(kwargs, app=app)

    monkeypatch.setattr(server.uvicorn, "run", fake_run)
    monkeypatch.setattr(server.webbrowser, "open", lambda url: calls.setdefault("opened", url))
    return calls


def test_serve_prints_a_tokened_url_and_opens_the_browser(make_portfolio, ran):
    root = make_portfolio()
    result = CliRunner().invoke(main, ["serve", "--portfolio", str(root), "--token", "tok", "--port", "18765"])
    assert result.exit_code == 0, result.output
    assert "Open http://127.0.0.1:18765/?token=tok" in result.output
    assert ran["host"] == "127.0.0.1" and ran["port"] == 18765
    assert ran["opened"] == "http://127.0.0.1:18765/?token=tok"
    assert ran["app"].state.settings.token == "tok"


def test_token_from_environment_and_no_browser(make_portfolio, ran):
    root = make_portfolio()
    result = CliRunner().invoke(main, ["serve", "--portfolio", str(root), "--no-browser", "--port", "18770"],
                                env={"PLFOLIO_TOKEN": "from-env"})
    assert "token=from-env" in result.output and "opened" not in ran


def test_a_random_token_by_default(make_portfolio, ran):
    result = CliRunner().invoke(main, ["serve", "--portfolio", str(make_portfolio()), "--no-browser"])
    token = ran["app"].state.settings.token
    assert len(token) >= 24 and f"token={token}" in result.output


def test_a_taken_port_moves_to_the_next(make_portfolio, ran):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        CliRunner().invoke(main, ["serve", "--portfolio", str(make_portfolio()), "--no-browser",
                                  "--port", str(port)])
    assert ran["port"] > port


def test_a_non_loopback_host_warns(make_portfolio, ran):
    result = CliRunner().invoke(main, ["serve", "--portfolio", str(make_portfolio()), "--no-browser",
                                       "--host", "0.0.0.0"])
    assert "Warning: listening on 0.0.0.0" in result.stderr
    assert ran["host"] == "0.0.0.0"


def test_serve_without_a_portfolio_is_one_clear_line(tmp_path, ran):
    result = CliRunner().invoke(main, ["serve", "--portfolio", str(tmp_path / "none"), "--no-browser"])
    assert result.exit_code == 1 and "No portfolio at" in result.output and "app" not in ran


def test_demo_serves_a_copy_of_the_example(ran):
    result = CliRunner().invoke(main, ["demo", "--no-browser", "--port", "18790"])
    assert result.exit_code == 0, result.output
    assert len(ran["app"].state.store.portfolio.goals) >= 5


@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                           ("0.0.0.0", False), ("192.168.1.4", False)])
def test_is_loopback(host, loopback):
    assert server.is_loopback(host) is loopback
