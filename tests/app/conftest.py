"""Fixtures for the use-case tests: the CLI as a function, the web app's context, the demo team loaded."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.frontends import ADMIN, REPO, Cli, Ran

from copilot.cli.main import main
from copilot.records.store import open_store
from copilot.runtime import Runtime
from copilot.settings import load_settings
from ui.context import UIContext


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `copilot ARGS…` in this process, as a user would, and capture what it printed."""
    from copilot.cli.main import main

    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture
def knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the knowledge folder both front ends read, with the fake model and embedder."""
    folder = tmp_path / "install" / "knowledge"
    shutil.copytree(REPO / "knowledge", folder)
    monkeypatch.setenv("COPILOT_KNOWLEDGE_DIR", str(folder))
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_MODEL_FEATURES", "none")
    return folder


@pytest.fixture
def web(knowledge: Path) -> Iterator[UIContext]:
    """The web app's context over the same settings the CLI reads (single-user mode: the local admin acts)."""
    ctx = UIContext(Runtime(load_settings()))
    yield ctx
    ctx.close()


@pytest.fixture
def demo(cli: Cli, web: UIContext) -> UIContext:
    """The demo team loaded (dates moved so its anchor date is today), through the CLI."""
    assert cli("team", "load", "--json").code == 0
    return web


@pytest.fixture
def team_web(monkeypatch: pytest.MonkeyPatch) -> Iterator[UIContext]:
    """The web app's context over the demo team as written (dates not moved); the CLI in the same test reads the same environment."""
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_MODEL_FEATURES", "none")  # the buyer speaks prepared lines in both, deterministically
    settings = load_settings()
    store = open_store(settings)
    try:
        store.load_team_file(ADMIN, REPO / "knowledge" / "demo_team" / "team.yaml", shift=False)
    finally:
        store.close()
    ctx = UIContext(Runtime(settings))
    yield ctx
    ctx.close()


@pytest.fixture
def cli_json(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, Any, str]]:
    """Run `copilot ARGS...`: the exit code, stdout parsed as JSON (or the text), and stderr."""

    def run(*args: str) -> tuple[int, Any, str]:
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        try:
            return code, json.loads(out.out), out.err
        except json.JSONDecodeError:
            return code, out.out, out.err

    return run
