"""Asking: a knowledge-grounded answer (`copilot ask`, the chat on every page) and a direct chat with the model.

The answer uses the model when the model use plan says so; a model that is switched off, cannot be loaded or
fails mid-answer leaves an answer composed from the knowledge base, and the notes say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from copilot.errors import CopilotError

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.llm.base import Completion, Message
    from copilot.retrieval.ask import AskResult

FEATURE = "ask"


def ask(app: App, question: str) -> AskResult:
    """Answer from the knowledge base only, citing the ids it rests on; says so when it holds nothing relevant."""
    from copilot.app.knowledge import require_index
    from copilot.retrieval.ask import ask as answer

    if not question.strip():
        raise CopilotError("the question is empty", fix="type what you want to know")
    require_index(app)
    choice = app.model_for(FEATURE)
    result = answer(question, app.runtime.retriever, choice.model, kb=None if choice.model else app.kb)
    if choice.failure is not None and result.source != "none":
        result.notes.insert(0, f"model failed: {choice.failure}")
    return result


def _messages(message: str) -> list[Message]:
    from copilot import prompts
    from copilot.llm.base import Message

    if not message.strip():
        raise CopilotError("the message is empty", fix="pass some text")
    return [Message("system", prompts.render("chat.system.md", company="")), Message("user", message)]


def chat(app: App, message: str) -> Completion:
    """One message to the configured model, no knowledge base: proves the model works end to end (no fallback)."""
    return app.runtime.chat_model.complete(_messages(message))


def chat_stream(app: App, message: str) -> Iterator[str]:
    """The same, as the model writes it."""
    messages = _messages(message)
    yield from app.runtime.chat_model.stream(messages)
