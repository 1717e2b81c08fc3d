"""The small chat-model interface every backend implements, so the core never knows which one it talks to.

`ChatModel` is the Protocol callers type against; `ChatBackend` is the base class backends extend, so each one
writes a single streaming method and gets `complete`, `stream` and `stream_json` built on it the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


@dataclass(frozen=True)
class ChatRequest:
    """One call's arguments, as a backend receives them: `json_schema` is set when the answer must follow it."""

    messages: tuple[Message, ...]
    max_tokens: int | None = None
    temperature: float | None = None
    json_schema: dict[str, Any] | None = None


class ChatBackend(ABC):
    """The base of every chat backend: one abstract streaming method, and the three calls built on it once.

    A backend sets `name` and `context_window` and writes `_stream_chunks`, which sends the request and yields
    `Delta`s as they arrive (any of them may carry the finish reason; the base keeps the last one given).
    Backends whose non-streaming endpoint also reports token counts override `_complete_once` to use it;
    otherwise `complete` joins the stream. Endpoint faults raise ModelError subclasses from `_stream_chunks`,
    before or during the stream, and reach the caller unchanged. A fourth backend is about 60 lines: see
    `OllamaChatModel` in tests/contracts/test_chat_contract.py, which passes the same contract suite as these.
    """

    name: str
    context_window: int

    @abstractmethod
    def _stream_chunks(self, request: ChatRequest) -> Iterator[Delta]:
        """Send the request and yield its pieces as they come; closing the iterator must free the backend."""

    @contextmanager
    def _open(self, request: ChatRequest) -> Iterator[Iterator[Delta]]:
        """The backend's stream, closed when the caller is done, also when it stops reading early (frees the model)."""
        chunks = self._stream_chunks(request)
        try:
            yield chunks
        finally:
            close = getattr(chunks, "close", None)
            if callable(close):
                close()

    def _complete_once(self, request: ChatRequest) -> Completion:
        """The whole answer: the stream joined, with the last finish reason it gave ("stop" if none)."""
        pieces: list[str] = []
        finish: str | None = None
        with self._open(request) as chunks:
            for delta in chunks:
                finish = delta.finish_reason or finish
                pieces.append(delta.text)
        return Completion(text="".join(pieces), finish_reason=finish or "stop", model=self.name)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """Answer the conversation; with `json_schema`, constrain the answer to it where the backend can."""
        return self._complete_once(ChatRequest(tuple(messages), max_tokens, temperature, json_schema))

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[str]:
        """Yield the answer as text pieces as they are generated; closing this closes the backend's stream."""
        with self._open(ChatRequest(tuple(messages), max_tokens, temperature)) as chunks:
            for delta in chunks:
                if delta.text:
                    yield delta.text

    def stream_json(
        self,
        messages: Sequence[Message],
        *,
        json_schema: dict[str, Any],
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[Delta]:
        """Yield the schema-constrained answer as it is generated; only the last piece carries the finish reason."""
        finish: str | None = None
        request = ChatRequest(tuple(messages), max_tokens, temperature, json_schema)
        with self._open(request) as chunks:
            for delta in chunks:
                finish = delta.finish_reason or finish
                if delta.text:
                    yield Delta(delta.text)
        yield Delta("", finish_reason=finish or "stop")


def system(text: str) -> Message:
    """Shorthand for a system message."""
    return Message("system", text)


def user(text: str) -> Message:
    """Shorthand for a user message."""
    return Message("user", text)


def assistant(text: str) -> Message:
    """Shorthand for an assistant message."""
    return Message("assistant", text)
