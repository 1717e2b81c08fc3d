"""Both front ends over one data folder: the CLI (`copilot.cli.main.main`) and the web app's handlers (a UIContext).

A use case given the same input through either must reach the same records, the same result and the same error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from copilot.cli.main import main
from copilot.records.access import Actor
from copilot.records.store import open_store
from copilot.runtime import Runtime
from copilot.settings import load_settings
from ui.context import UIContext

REPO = Path(__file__).resolve().parents[2]
TEAM = REPO / "knowledge" / "demo_team" / "team.yaml"
ADMIN = Actor.local_admin()


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[UIContext]:
    """The web app's context over the demo team; the CLI in the same test reads the same environment."""
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_MODEL_FEATURES", "none")  # the buyer speaks prepared lines in both, deterministically
    settings = load_settings()
    store = open_store(settings)
    try:
        store.load_team_file(ADMIN, TEAM, shift=False)
    finally:
        store.close()
    ctx = UIContext(Runtime(settings))
    yield ctx
    ctx.close()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, Any, str]]:
    """Run `copilot ARGS...`: the exit code, stdout parsed as JSON (or the text), and stderr."""

    def run(*args: str) -> tuple[int, Any, str]:
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        try:
            return code, json.loads(out.out), out.err
        except json.JSONDecodeError:
            return code, out.out, out.err

    return run
