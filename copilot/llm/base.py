"""The small chat-model interface every backend implements, so the core never knows which one it talks to."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One chat turn."""

    role: Role
    content: str


@dataclass
class Completion:
    """A finished answer, with why it stopped, so callers can reject output cut at max_tokens."""

    text: str
    finish_reason: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: one blocking call, one streaming call, optionally constrained to a JSON schema."""

    name: str
    context_window: int

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """Answer the conversation; with `json_schema`, constrain the answer to it where the backend can."""
        ...

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[str]:
        """Yield the answer as text pieces as they are generated."""
        ...


def system(text: str) -> Message:
    """Shorthand for a system message."""
    return Message("system", text)


def user(text: str) -> Message:
    """Shorthand for a user message."""
    return Message("user", text)


def assistant(text: str) -> Message:
    """Shorthand for an assistant message."""
    return Message("assistant", text)
