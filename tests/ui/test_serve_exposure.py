"""`copilot serve` will not put single-user mode (no login, everyone is admin) on an address others can reach."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from copilot.cli.main import main
from ui.serve import OPEN_FLAG, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "localhost", "LOCALHOST", "::1", "[::1]"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "copilot.internal", ""])
def test_addresses_others_can_reach(host: str) -> None:
    assert not is_loopback(host)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what `copilot serve` would launch instead of binding a port or loading anything."""
    import copilot.bootstrap
    import ui.serve

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(copilot.bootstrap, "ensure_knowledge_loaded", lambda runtime: "knowledge index ready")
    monkeypatch.setattr(copilot.bootstrap, "ensure_demo_team_loaded", lambda runtime: "records ready")
    monkeypatch.setattr(ui.serve, "team_mode_notice", lambda runtime: "team mode: 3 user(s) can sign in")

    def launch(runtime: Any, **kwargs: Any) -> tuple[None, None, str]:
        calls.append(kwargs)
        return None, None, "http://example"

    monkeypatch.setattr(ui.serve, "launch", launch)
    return calls


@pytest.mark.parametrize("how", ["flag", "env"])
def test_single_user_on_a_network_address_is_refused_with_the_fix(
    how: str,
    started: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_env: Path,
) -> None:
    if how == "env":
        monkeypatch.setenv("COPILOT_HOST", "0.0.0.0")
    code = main(["serve"] if how == "env" else ["serve", "--host", "0.0.0.0"])
    err = capsys.readouterr().err
    assert code == 2
    assert "single-user mode (no login) on 0.0.0.0" in err and "every rep's coaching notes" in err
    assert "COPILOT_AUTH=team" in err and OPEN_FLAG in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert started == [] and not isolated_env.exists()  # refused before anything was loaded or bound


def test_team_mode_on_a_network_address_starts(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPILOT_AUTH", "team")
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    assert main(["serve", "--host", "0.0.0.0", "--port", "8099"]) == 0
    assert started and started[0]["host"] == "0.0.0.0" and started[0]["port"] == 8099
    assert "team mode" in capsys.readouterr().out


def test_the_explicit_flag_starts_single_user_on_a_network_address_with_a_warning(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    assert main(["serve", "--host", "0.0.0.0", OPEN_FLAG]) == 0
    assert started and started[0]["host"] == "0.0.0.0"
    assert "warning: single-user mode on 0.0.0.0" in capsys.readouterr().out


def test_single_user_on_loopback_starts_without_a_warning(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    assert main(["serve"]) == 0
    assert started and started[0]["host"] == "127.0.0.1"
    assert "warning" not in capsys.readouterr().out
