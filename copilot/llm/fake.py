"""A chat model that replays queued replies, for unit tests that must not load a real model."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from copilot.errors import ModelError
from copilot.llm.base import Completion, Message

Reply = str | Completion | Exception | Callable[[Sequence[Message]], str]


@dataclass
class FakeChatModel:
    """Replays `replies` in order (strings, Completions, exceptions to raise, or callables of the messages)."""

    replies: list[Reply] = field(default_factory=list)
    default: str | None = None
    name: str = "fake"
    context_window: int = 4096
    calls: list[dict[str, Any]] = field(default_factory=list)

    def enqueue(self, *replies: Reply) -> FakeChatModel:
        """Add replies to the end of the queue."""
        self.replies.extend(replies)
        return self

    def _next(self, messages: Sequence[Message]) -> Completion:
        if self.replies:
            reply = self.replies.pop(0)
        elif self.default is not None:
            reply = self.default
        else:
            raise ModelError("the fake chat model has no reply queued", fix="enqueue() a reply in the test")
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, Completion):
            return reply
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
