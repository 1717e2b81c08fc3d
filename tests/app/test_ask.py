"""Asking: `copilot ask` and the chat on every page give the same grounded answer and the same errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.frontends import ADMIN, Cli

from copilot.runtime import Runtime
from copilot.settings import load_settings
from ui import handlers, kb_ops
from ui.context import UIContext

QUESTION = "How should a rep handle a buyer who wants a pilot first?"


def _reply(ctx: UIContext, message: str) -> tuple[str, bool]:
    """The chat's last message and whether it failed (the page then keeps the question for a retry)."""
    *_, last = handlers.chat_reply(ctx.app, message, [])
    return last


@pytest.fixture
def indexed(web: UIContext) -> Iterator[UIContext]:
    kb_ops.ingest_all(web, ADMIN, lambda fraction, text: None)
    yield web


def test_an_empty_index_is_the_same_error_in_both(web: UIContext, cli: Cli) -> None:
    printed = cli("ask", QUESTION)
    text, failed = _reply(web, QUESTION)
    assert printed.code == 2 and failed
    message, _, fix = printed.error.partition(" (fix: ")
    assert text == f"⚠ {message} (fix: {fix}"


def test_the_answer_and_its_sources_are_the_same_in_both(indexed: UIContext, cli: Cli) -> None:
    answer = cli("ask", QUESTION, "--json").json
    text, failed = _reply(indexed, QUESTION)
    assert answer["source"] == "curated" and answer["citations"] and not failed
    assert text.startswith(answer["answer"])
    assert all(f"`[{c}]`" in text for c in answer["citations"])


def test_a_model_that_cannot_load_leaves_the_composed_answer_in_both(
    indexed: UIContext, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cli("ask", QUESTION, "--json").json
    monkeypatch.setenv("COPILOT_MODEL_FEATURES", "ask")
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "llamacpp")
    monkeypatch.setenv("COPILOT_LLM_MODEL", "/nowhere/model.gguf")
    printed = cli("ask", QUESTION, "--json")
    broken = UIContext(Runtime(load_settings()))
    try:
        text, failed = _reply(broken, QUESTION)
    finally:
        broken.close()
    assert printed.code == 0 and printed.json["answer"] == expected["answer"]
    assert printed.json["notes"][0].startswith("model failed: COPILOT_LLM_MODEL")
    assert failed and text.startswith(expected["answer"]) and "/nowhere/model.gguf" in text


def test_an_empty_question_is_refused_by_both(web: UIContext, cli: Cli) -> None:
    assert cli("ask", "  ").code == 2
    assert _reply(web, "  ") == ("Type a question first.", True)
