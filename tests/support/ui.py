"""Fixtures for the web-app tests: a copy of the knowledge base, the demo team, and the app launched on loopback.

Not a test module in itself; the UI and browser test modules load it with `pytest_plugins`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from copilot.llm.fake import FakeChatModel
from copilot.records.access import Actor
from copilot.runtime import Runtime
from copilot.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
ADMIN = Actor.local_admin()
PASSWORDS = {
    "jordan.reyes@lanternline.example": "coach-jordan-1",
    "marcus.bell@lanternline.example": "marcus-rep-pass",
    "dana.okafor@lanternline.example": "dana-rep-pass1",
    "ana.lopez@lanternline.example": "enable-ana-pass",
}
ENABLEMENT = ("enb-ana-lopez", "Ana Lopez", "ana.lopez@lanternline.example")


@dataclass
class Launched:
    """A running app and what a test needs to drive and inspect it."""

    url: str
    settings: Settings
    model: FakeChatModel
    runtime: Runtime
    app: Any
    ctx: Any
    clients: list[Any] = field(default_factory=list)

    def client(self, email: str | None = None) -> Any:
        """A gradio_client signed in as `email` (team mode) or anonymous (single-user mode); closed with the app."""
        from gradio_client import Client

        auth = (email, PASSWORDS[email]) if email else None
        client = Client(self.url, auth=auth, verbose=False)
        self.clients.append(client)
        return client


def make_settings(root: Path, *, auth: str = "none") -> Settings:
    """Fake model and embedder, a private data folder and a writable copy of the knowledge base."""
    knowledge = root / "knowledge"
    if not knowledge.exists():
        shutil.copytree(REPO / "knowledge", knowledge)
    return load_settings(
        llm_backend="fake", embedding_backend="fake", data_dir=root / "data", knowledge_dir=knowledge, auth=auth
    )


def prepare(settings: Settings, model: FakeChatModel) -> Runtime:
    """First run as `copilot serve` does it: ingest the knowledge base, load the demo team, set team passwords."""
    from copilot.bootstrap import ensure_demo_team_loaded, ensure_knowledge_loaded
    from copilot.records.store import open_store

    runtime = Runtime(settings, chat_model=model)
    ensure_knowledge_loaded(runtime)
    ensure_demo_team_loaded(runtime)
    store = open_store(settings)
    try:
        store.create_user(ADMIN, *ENABLEMENT, role="enablement")
        for user in store.users(ADMIN):
            if user.email in PASSWORDS:
                store.set_password(ADMIN, user.id, PASSWORDS[user.email])
    finally:
        store.close()
    return runtime


def launch_app(root: Path, *, auth: str) -> Iterator[Launched]:
    """Launch the app as `copilot serve` would, on a free loopback port, and close it afterwards."""
    import pytest_socket

    from ui.serve import launch

    model = FakeChatModel(default="Start by reconciling last week's action items.")
    settings = make_settings(root, auth=auth)
    runtime = prepare(settings, model)
    app, ctx, url = launch(runtime, host="127.0.0.1", port=None)
    launched = Launched(url=url, settings=settings, model=model, runtime=runtime, app=app, ctx=ctx)
    try:
        yield launched
    finally:
        pytest_socket.enable_socket()  # module teardown may run inside a later test's socket-less context
        for client in launched.clients:  # stops their heartbeat threads, which would outlive the app
            client.close()
        close_app(app)
        ctx.close()


def close_app(app: Any) -> None:
    """Close a launched Gradio app and free its port.

    Gradio sets an asyncio event from this (non-loop) thread while the server's loop may be adding a waiter to it,
    which now and then raises "deque mutated during iteration" after the event is set but before the server is
    closed; then the server is closed here, so the port is still freed and the teardown does not error.
    """
    try:
        app.close()
    except RuntimeError:
        if app.server:
            app.server.close()
        app.app.startup_events_triggered = False


@pytest.fixture(scope="module")
def single_user(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    """The app in single-user mode (no login; the local admin)."""
    yield from launch_app(tmp_path_factory.mktemp("single"), auth="none")


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    """The app in team mode: the demo manager and reps and an enablement user can sign in."""
    yield from launch_app(tmp_path_factory.mktemp("team"), auth="team")


def table(value: Any) -> list[dict[str, Any]]:
    """A Dataframe or plot value (or an update carrying one) from gradio_client as a list of row dicts."""
    if value.get("__type__") == "update":
        value = value.get("value") or {}
    headers = value.get("headers") or value.get("columns") or []
    return [dict(zip(headers, row, strict=False)) for row in value.get("data", [])]
