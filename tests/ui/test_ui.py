"""The web app, launched for real on loopback and driven through gradio_client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.ui import close_app

from copilot.embeddings.fake import FakeEmbedder
from copilot.index.memory import MemoryIndex
from copilot.llm.fake import FakeChatModel
from copilot.retrieval.ingest import ingest
from copilot.runtime import Runtime
from copilot.settings import load_settings

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def knowledge_index() -> tuple[MemoryIndex, FakeEmbedder]:
    index, embedder = MemoryIndex(), FakeEmbedder(dimension=1024)  # wide enough that unrelated words stay apart
    ingest(KNOWLEDGE, embedder, index)
    return index, embedder


@pytest.fixture
def launched(knowledge_index: tuple[MemoryIndex, FakeEmbedder]) -> Iterator[tuple[str, FakeChatModel]]:
    from ui.app import build_app

    index, embedder = knowledge_index
    model = FakeChatModel(default="not JSON, so the answer falls back to the passages")
    settings = load_settings(llm_backend="fake", embedding_backend="fake")
    app = build_app(Runtime(settings, chat_model=model, index=index, embedder=embedder))
    app.queue()
    _, url, _ = app.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True)
    try:
        yield url, model
    finally:
        close_app(app)


def test_ask_answers_from_the_knowledge_base_with_its_sources(
    launched: tuple[str, FakeChatModel], knowledge_index: tuple[MemoryIndex, FakeEmbedder]
) -> None:
    from gradio_client import Client

    from copilot.retrieval.search import Retriever

    url, model = launched
    question = "the buyer has no budget this year"
    top = Retriever(knowledge_index[1], knowledge_index[0]).search(question, k=1)[0]
    model.enqueue(json.dumps({"answer": " ".join(top.text.split()[:25]), "citations": [top.item_id]}))
    history, box = Client(url, verbose=False).predict(question, [], api_name="/chat")
    answer = str(history[-1]["content"])
    assert box == "" and history[-1]["role"] == "assistant"
    assert " ".join(top.text.split()[:10]) in answer
    assert f"[{top.item_id}]" in answer and "Sources" in answer
    assert model.calls[0]["messages"][-1].content == question


def test_ask_says_so_when_the_knowledge_base_has_nothing(launched: tuple[str, FakeChatModel]) -> None:
    from gradio_client import Client

    url, model = launched
    history, box = Client(url, verbose=False).predict("zebra quantum volcano", [], api_name="/chat")
    assert "does not hold anything on zebra quantum volcano" in str(history[-1]["content"])
    assert model.calls == [] and box == ""


def test_model_failure_shows_a_message_and_keeps_the_question(launched: tuple[str, FakeChatModel]) -> None:
    from gradio_client import Client

    from copilot.errors import ModelUnavailableError

    url, model = launched
    model.enqueue(ModelUnavailableError("cannot reach the model endpoint", fix="start the server"))
    history, box = Client(url, verbose=False).predict("the buyer has no budget this year", [], api_name="/chat")
    assert "cannot reach the model endpoint" in str(history[-1]["content"])
    assert "[obj-" in str(history[-1]["content"]), "the retrieved passages are still shown"
    assert "start the server" in str(history[-1]["content"])
    assert "Traceback" not in str(history[-1]["content"])
    assert box == "the buyer has no budget this year", "the question stays in the box so Send retries it"


def test_single_user_mode_needs_no_login_and_says_who_acts(launched: tuple[str, FakeChatModel]) -> None:
    from gradio_client import Client

    url, _ = launched
    who, *_ = Client(url, verbose=False).predict(api_name="/session")
    assert "Single-user mode" in who and "local admin" in who and "COPILOT_AUTH=team" in who
