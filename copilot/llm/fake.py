"""A chat model that replays queued replies, for unit tests that must not load a real model."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from copilot.errors import ModelError
from copilot.llm.base import Completion, Delta, Message

JSON_PIECE = 7  # characters per streamed piece: small and odd, so strings and escapes split across pieces


@dataclass
class Chunks:
    """A reply streamed in exactly these pieces; an exception among them is raised there (a fault mid-stream)."""

    pieces: list[str | Exception]
    finish_reason: str = "stop"

    def text(self) -> str:
        """The pieces up to the first fault, joined."""
        out = []
        for piece in self.pieces:
            if isinstance(piece, Exception):
                break
            out.append(piece)
        return "".join(out)


Reply = str | Completion | Chunks | Exception | Callable[[Sequence[Message]], str]


@dataclass
class FakeChatModel:
    """Replays `replies` in order (strings, Completions, Chunks, exceptions to raise, or callables of the messages).

    `stream_json` streams a string in JSON_PIECE-character pieces and Chunks exactly as given, faults included.
    """

    replies: list[Reply] = field(default_factory=list)
    default: str | None = None
    name: str = "fake"
    context_window: int = 4096
    calls: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0  # seconds before each streamed JSON piece, for tests that watch a stream arrive

    def enqueue(self, *replies: Reply) -> FakeChatModel:
        """Add replies to the end of the queue."""
        self.replies.extend(replies)
        return self

    def _pop(self) -> Reply:
        if self.replies:
            return self.replies.pop(0)
        if self.default is not None:
            return self.default
        raise ModelError("the fake chat model has no reply queued", fix="enqueue() a reply in the test")

    def _next(self, messages: Sequence[Message]) -> Completion:
        reply = self._pop()
        if isinstance(reply, Chunks):
            fault = next((p for p in reply.pieces if isinstance(p, Exception)), None)
            if fault is not None:
                raise fault
            return Completion(text=reply.text(), finish_reason=reply.finish_reason, model=self.name)
        return self._completion(reply, messages)

    def _completion(self, reply: Reply, messages: Sequence[Message]) -> Completion:
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, Completion):
            return reply
        assert not isinstance(reply, Chunks)
        text = reply(messages) if callable(reply) else reply
        return Completion(text=text, finish_reason="stop", model=self.name, completion_tokens=len(text.split()))

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """Record the call and return the next queued reply."""
        self.calls.append(
            {
                "messages": list(messages),
                "max_tokens": max_tokens,
                "temperature": temperature,
                "json_schema": json_schema,
            }
        )
        return self._next(messages)

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[str]:
        """Yield the next queued reply word by word."""
        completion = self.complete(messages, max_tokens=max_tokens, temperature=temperature)
        words = completion.text.split(" ")
        for i, word in enumerate(words):
            yield word if i == len(words) - 1 else word + " "

    def stream_json(
        self,
        messages: Sequence[Message],
        *,
        json_schema: dict[str, Any],
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> Iterator[Delta]:
        """Record the call and stream the next reply in small pieces (Chunks: as given, faults included)."""
        self.calls.append(
            {
                "messages": list(messages),
                "max_tokens": max_tokens,
                "temperature": temperature,
                "json_schema": json_schema,
                "stream": True,
            }
        )
        reply = self._pop()
        if isinstance(reply, Chunks):
            pieces, finish = reply.pieces, reply.finish_reason
        else:
            completion = self._completion(reply, messages)
            text, finish = completion.text, completion.finish_reason
            pieces = [text[i : i + JSON_PIECE] for i in range(0, len(text), JSON_PIECE)]
        for piece in pieces:
            if isinstance(piece, Exception):
                raise piece
            if self.delay:
                time.sleep(self.delay)
            yield Delta(piece)
        yield Delta("", finish_reason=finish)
