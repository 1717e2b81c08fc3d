"""Settings: typed, overridable by environment, every one documented, bad values named with the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from copilot.errors import ConfigError
from copilot.settings import Settings, load_settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "openai")
    monkeypatch.setenv("COPILOT_MAX_TOKENS", "300")
    monkeypatch.setenv("COPILOT_LLM_BASE_URL", "http://127.0.0.1:8000/v1/")
    s = load_settings()
    assert s.llm_backend == "openai"
    assert s.max_tokens == 300
    assert s.llm_base_url == "http://127.0.0.1:8000/v1"
    assert s.data_dir == tmp_path / "data"
    assert s.resolved_database_url == f"sqlite:///{tmp_path / 'data' / 'copilot.db'}"


def test_default_data_dir_is_per_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPILOT_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", "/home/someone/.data")
    assert load_settings().data_dir == Path("/home/someone/.data/sales-coaching-copilot")


@pytest.mark.parametrize(
    ("env", "value", "setting"),
    [
        ("COPILOT_LLM_BACKEND", "gpt", "COPILOT_LLM_BACKEND"),
        ("COPILOT_LLM_BASE_URL", "localhost:8000", "COPILOT_LLM_BASE_URL"),
        ("COPILOT_TEMPERATURE", "hot", "COPILOT_TEMPERATURE"),
        ("COPILOT_PORT", "99999", "COPILOT_PORT"),
        ("COPILOT_EMBEDDING_BACKEND", "bert", "COPILOT_EMBEDDING_BACKEND"),
    ],
)
def test_bad_setting_names_itself_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, setting: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert info.value.setting == setting
    assert value in str(info.value)
    assert "fix:" in str(info.value)


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text()
    documented = set(re.findall(r"`(COPILOT_[A-Z_]+)`", text))
    declared = {f"COPILOT_{name.upper()}" for name in Settings.model_fields}
    assert declared - documented == set(), "settings missing from docs/settings.md"
    assert documented - declared == set(), "docs/settings.md lists settings that do not exist"
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"
