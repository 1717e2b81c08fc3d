"""Every test gets its own data folder and a clean COPILOT_* environment; sockets are off unless a test opts in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data folder at tmp_path and drop any COPILOT_* setting of the developer's shell."""
    for key in list(os.environ):
        if key.startswith("COPILOT_"):
            monkeypatch.delenv(key)
    data = tmp_path / "data"
    monkeypatch.setenv("COPILOT_DATA_DIR", str(data))
    yield data


@pytest.fixture
def fake_settings(isolated_env: Path):  # type: ignore[no-untyped-def]
    """Settings that use the fake model and fake embedder."""
    from copilot.settings import load_settings

    return load_settings(llm_backend="fake", embedding_backend="fake")
