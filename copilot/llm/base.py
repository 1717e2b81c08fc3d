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


@dataclass(frozen=True)
class Delta:
    """One piece of a streamed answer; the last piece of a stream carries why generation stopped."""

    text: str
    finish_reason: str | None = None


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: blocking and streaming calls, the blocking and the JSON one constrained to a schema on request."""

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

    def stream_json(
        self,
        messages: Sequence[Message],
        *,
        json_schema: dict[str, Any],
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[Delta]:
        """Yield the schema-constrained answer as it is generated, so callers can show parts before it parses.

        The last piece has `finish_reason` set ("stop", or "length" when cut at max_tokens). Endpoint faults,
        before or during the stream, raise ModelError subclasses, like `complete`.
        """
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
