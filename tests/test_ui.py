"""The web app, launched for real on loopback and driven through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from copilot.llm.fake import FakeChatModel
from copilot.runtime import Runtime
from copilot.settings import load_settings

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


@pytest.fixture
def launched() -> Iterator[tuple[str, FakeChatModel]]:
    from ui.app import build_app

    model = FakeChatModel(default="Start by reconciling last week's action items.")
    app = build_app(Runtime(load_settings(llm_backend="fake", embedding_backend="fake"), chat_model=model))
    app.queue()
    _, url, _ = app.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    try:
        yield url, model
    finally:
        app.close()


def test_chat_answers_through_the_api(launched: tuple[str, FakeChatModel]) -> None:
    from gradio_client import Client

    url, model = launched
    client = Client(url, verbose=False)
    history, box = client.predict("How do I open a 1-on-1?", [], api_name="/chat")
    assert box == ""
    assert history[-1]["role"] == "assistant"
    assert "reconciling" in str(history[-1]["content"])
    assert model.calls[0]["messages"][-1].content == "How do I open a 1-on-1?"


def test_model_failure_shows_a_message_and_keeps_the_question(launched: tuple[str, FakeChatModel]) -> None:
    from gradio_client import Client

    from copilot.errors import ModelUnavailableError

    url, model = launched
    model.enqueue(ModelUnavailableError("cannot reach the model endpoint", fix="start the server"))
    history, box = Client(url, verbose=False).predict("hello there", [], api_name="/chat")
    assert "cannot reach the model endpoint" in str(history[-1]["content"])
    assert "start the server" in str(history[-1]["content"])
    assert "Traceback" not in str(history[-1]["content"])
    assert box == "hello there", "the question stays in the box so Send retries it"


def test_single_user_mode_needs_no_login_and_says_who_acts(launched: tuple[str, FakeChatModel]) -> None:
    from gradio_client import Client

    url, _ = launched
    who, *_ = Client(url, verbose=False).predict(api_name="/session")
    assert "Single-user mode" in who and "local admin" in who and "COPILOT_AUTH=team" in who
