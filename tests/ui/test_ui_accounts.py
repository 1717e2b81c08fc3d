"""`copilot user …`: setting a password is what lets a person sign in to the web app in team mode."""

from __future__ import annotations

import io
import json

import pytest

from copilot.cli.main import main
from copilot.records.access import Actor
from copilot.records.store import open_store
from copilot.settings import load_settings


@pytest.fixture
def demo_team() -> None:
    assert main(["team", "load"]) == 0


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_setting_a_password_lets_the_user_sign_in(
    demo_team: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "long-enough-pass\n")
    assert main(["user", "password", "Marcus.Bell@lanternline.example", "--password-stdin"]) == 0
    assert "password set for rep-marcus-bell" in capsys.readouterr().out
    store = open_store(load_settings())
    try:
        assert store.authenticate("marcus.bell@lanternline.example", "long-enough-pass") == Actor(
            "rep-marcus-bell", "rep"
        )
        assert store.authenticate("marcus.bell@lanternline.example", "wrong-password") is None
    finally:
        store.close()


def test_a_short_password_or_unknown_user_is_refused_with_the_fix(
    demo_team: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "short\n")
    assert main(["user", "password", "rep-marcus-bell", "--password-stdin"]) == 2
    assert "shorter than 8 characters" in capsys.readouterr().err
    _stdin(monkeypatch, "long-enough-pass\n")
    assert main(["user", "password", "nobody@example.com", "--password-stdin"]) == 2
    assert "jordan.reyes@lanternline.example" in capsys.readouterr().err


def test_adding_an_enablement_user_and_listing_who_can_sign_in(
    demo_team: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "enablement-pass\n")
    code = main(
        ["user", "add", "enb-ana-lopez", "--name", "Ana Lopez", "--email", "ana@example.com", "--role", "enablement",
         "--password-stdin"]
    )  # fmt: skip
    assert code == 0
    capsys.readouterr()
    assert main(["user", "list", "--json"]) == 0
    users = {u["id"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["enb-ana-lopez"]["role"] == "enablement" and users["enb-ana-lopez"]["has_password"]
    assert users["rep-marcus-bell"]["has_password"] is False
