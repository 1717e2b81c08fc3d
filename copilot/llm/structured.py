"""Structured output: a Pydantic model in, a validated object out, with bounded retries that keep every attempt.

`stream_structured` is the same contract streamed, for pages that show the answer while the model writes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from copilot.errors import Attempt, ModelError, StructuredOutputError
from copilot.llm.base import ChatModel, Message

T = TypeVar("T", bound=BaseModel)
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)


def _extract_json(text: str) -> str:
    """Strip code fences and prose around the outermost JSON object, which weaker models add."""
    cleaned = _FENCE.sub("", text.strip())
    start, end = cleaned.find("{"), cleaned.rfind("}")
    return cleaned[start : end + 1] if start != -1 and end > start else cleaned


def _problem(error: ValidationError) -> str:
    parts = []
    for err in error.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"]) or "(root)"
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def _judge(schema: type[T], raw: str, finish_reason: str | None) -> tuple[T | None, str]:
    """The validated object, or why the answer was rejected."""
    if finish_reason == "length":
        return None, "the answer was cut off at the token limit"
    try:
        return schema.model_validate(json.loads(_extract_json(raw), strict=False)), ""
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at char {exc.pos})"
    except ValidationError as exc:
        return None, f"does not match the schema: {_problem(exc)}"


def _retry(messages: Sequence[Message], raw: str, problem: str) -> list[Message]:
    """The conversation for the next attempt: the rejected answer and the reason, so the model can correct it."""
    return [
        *messages,
        Message("assistant", raw[:2000]),
        Message(
            "user",
            f"That answer was rejected: {problem}. Reply again with only a JSON object that fits the schema.",
        ),
    ]


def generate_structured(
    model: ChatModel,
    messages: Sequence[Message],
    schema: type[T],
    *,
    attempts: int = 3,
    max_tokens: int | None = None,
    temperature: float | None = None,
) -> T:
    """Ask for JSON matching `schema`; reject cut-off or invalid answers, tell the model why, and retry."""
    json_schema = schema.model_json_schema()
    conversation = list(messages)
    tried: list[Attempt] = []
    for _ in range(max(1, attempts)):
        try:
            completion = model.complete(
                conversation, max_tokens=max_tokens, temperature=temperature, json_schema=json_schema
            )
        except ModelError as exc:
            if not tried:
                raise  # the endpoint failed before any answer: its own error names the fix best
            tried.append(Attempt(raw="", problem=str(exc)))
            break  # the endpoint itself failed; retrying here would only double its own retries
        raw = completion.text
        value, problem = _judge(schema, raw, completion.finish_reason)
        if value is not None:
            return value
        tried.append(Attempt(raw=raw, problem=problem))
        conversation = _retry(messages, raw, problem)
    raise StructuredOutputError(schema.__name__, tried)


@dataclass(frozen=True)
class StreamEvent(Generic[T]):
    """One step of a streamed structured answer: a text piece of an attempt, a rejected attempt, or the result."""

    attempt: int
    delta: str = ""
    rejected: str = ""  # why this attempt was rejected (the next one starts over)
    result: T | None = None


def stream_structured(
    model: ChatModel,
    messages: Sequence[Message],
    schema: type[T],
    *,
    attempts: int = 3,
    max_tokens: int | None = None,
    temperature: float | None = None,
) -> Iterator[StreamEvent[T]]:
    """`generate_structured`, streamed: the same requests, checks, retries and errors, with each piece as it arrives.

    The last event carries the validated result; a fault mid-stream counts like a failed call (raised as it is
    when it hits the first attempt, else recorded in the StructuredOutputError with the rejected attempts).
    """
    json_schema = schema.model_json_schema()
    conversation = list(messages)
    tried: list[Attempt] = []
    for number in range(1, max(1, attempts) + 1):
        pieces: list[str] = []
        finish: str | None = None
        try:
            for delta in model.stream_json(
                conversation, json_schema=json_schema, max_tokens=max_tokens, temperature=temperature
            ):
                finish = delta.finish_reason or finish
                if delta.text:
                    pieces.append(delta.text)
                    yield StreamEvent(number, delta=delta.text)
        except ModelError as exc:
            if not tried:
                raise
            tried.append(Attempt(raw="".join(pieces), problem=str(exc)))
            break
        raw = "".join(pieces)
        value, problem = _judge(schema, raw, finish)
        if value is not None:
            yield StreamEvent(number, result=value)
            return
        tried.append(Attempt(raw=raw, problem=problem))
        yield StreamEvent(number, rejected=problem)
        conversation = _retry(messages, raw, problem)
    raise StructuredOutputError(schema.__name__, tried)
