"""The command line: JSON for scripts, one-line errors with the fix, exit codes that mean something."""

from __future__ import annotations

import json

import pytest

from copilot.cli.main import main


def test_version_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"]


def test_bad_setting_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "gpt5")
    assert main(["doctor"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: COPILOT_LLM_BACKEND") and "fix:" in err[0]
    assert "Traceback" not in err[0]


def test_bad_setting_with_json_prints_the_error_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPILOT_PORT", "-1")
    assert main(["doctor", "--json"]) == 2
    payload = json.loads(capsys.readouterr().out)
    assert payload["error"] == "ConfigError" and "COPILOT_PORT" in payload["message"] and payload["fix"]


def test_chat_with_fake_model(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    assert main(["chat", "--json", "hello"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "This is the fake model's answer."


def test_empty_chat_message_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    assert main(["chat", "  "]) == 2


@pytest.mark.enable_socket
def test_unreachable_endpoint_exit_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "openai")
    monkeypatch.setenv("COPILOT_LLM_MODEL", "m")
    monkeypatch.setenv("COPILOT_LLM_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens on port 9: refused at once
    monkeypatch.setenv("COPILOT_LLM_RETRIES", "0")
    assert main(["chat", "hello"]) == 3
    assert "COPILOT_LLM_BASE_URL" in capsys.readouterr().err


@pytest.mark.integration
def test_doctor_checks_every_real_part(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    names = {c["name"] for c in report["checks"]}
    assert names == {"data folder", "tokeniser", "embedder", "vector store", "database", "language model", "model use"}
    assert report["ok"] and all(c["ok"] for c in report["checks"])


@pytest.mark.integration
def test_doctor_names_a_broken_part_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    monkeypatch.setenv("COPILOT_LLM_MODEL", "/nowhere/model.gguf")
    monkeypatch.setenv("COPILOT_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert main(["doctor", "--json"]) == 1
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert not checks["language model"]["ok"] and "COPILOT_LLM_MODEL" in checks["language model"]["detail"]
    assert not checks["database"]["ok"] and "COPILOT_DATABASE_URL" in checks["database"]["detail"]
    assert checks["embedder"]["ok"] and checks["tokeniser"]["ok"]
