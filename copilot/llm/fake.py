"""A chat model that replays queued replies, for unit tests that must not load a real model."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from copilot.errors import ModelError
from copilot.llm.base import ChatBackend, ChatRequest, Completion, Delta, Message

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
class FakeChatModel(ChatBackend):
    """Replays `replies` in order (strings, Completions, Chunks, exceptions to raise, or callables of the messages).

    Streams give prose word by word and JSON (a request with a schema) in JSON_PIECE-character pieces; Chunks
    exactly as given, faults included. With `cut_at_max_tokens`, a reply longer than `max_tokens` words is cut
    there and reports "length", as a real backend does (off by default: most tests queue exactly what they need).
    """

    replies: list[Reply] = field(default_factory=list)
    default: str | None = None
    name: str = "fake"
    context_window: int = 4096
    calls: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0  # seconds before each streamed JSON piece, for tests that watch a stream arrive
    cut_at_max_tokens: bool = False

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

    def _record(self, request: ChatRequest, **extra: Any) -> Reply:
        """Note the call, then take the next reply for it."""
        call = {
            "messages": list(request.messages),
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "json_schema": request.json_schema,
        }
        self.calls.append(call | extra)
        return self._pop()

    def _completion(self, reply: Reply, request: ChatRequest) -> Completion:
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, Chunks):
            fault = next((p for p in reply.pieces if isinstance(p, Exception)), None)
            if fault is not None:
                raise fault
            return Completion(text=reply.text(), finish_reason=reply.finish_reason, model=self.name)
        if isinstance(reply, Completion):
            return reply
        text = reply(request.messages) if callable(reply) else reply
        words = text.split(" ")
        if self.cut_at_max_tokens and request.max_tokens is not None and len(words) > request.max_tokens:
            text = " ".join(words[: request.max_tokens])
            return Completion(text=text, finish_reason="length", model=self.name, completion_tokens=request.max_tokens)
        return Completion(text=text, finish_reason="stop", model=self.name, completion_tokens=len(text.split()))

    def _complete_once(self, request: ChatRequest) -> Completion:
        """Record the call and return the next queued reply whole (a Completion exactly as queued)."""
        return self._completion(self._record(request), request)

    def _stream_chunks(self, request: ChatRequest) -> Iterator[Delta]:
        """Record the call and stream the next reply in pieces; the last one says why it stopped."""
        reply = self._record(request, stream=True)
        if isinstance(reply, Chunks):
            pieces, finish = reply.pieces, reply.finish_reason
        else:
            completion = self._completion(reply, request)
            text, finish = completion.text, completion.finish_reason
            pieces = list(_pieces(text, json=request.json_schema is not None))
        for piece in pieces:
            if isinstance(piece, Exception):
                raise piece
            if self.delay and request.json_schema is not None:
                time.sleep(self.delay)
            yield Delta(piece)
        yield Delta("", finish_reason=finish)


def _pieces(text: str, *, json: bool) -> Iterator[str]:
    """Prose word by word (each but the last with its space), JSON in small odd pieces that split its strings."""
    if json:
        yield from (text[i : i + JSON_PIECE] for i in range(0, len(text), JSON_PIECE))
        return
    words = text.split(" ")
    for i, word in enumerate(words):
        yield word if i == len(words) - 1 else word + " "
