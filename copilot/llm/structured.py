"""Structured output: a Pydantic model in, a validated object out, with bounded retries that keep every attempt."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TypeVar

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
        if completion.finish_reason == "length":
            problem = "the answer was cut off at the token limit"
        else:
            try:
                return schema.model_validate(json.loads(_extract_json(raw), strict=False))
            except json.JSONDecodeError as exc:
                problem = f"not valid JSON ({exc.msg} at char {exc.pos})"
            except ValidationError as exc:
                problem = f"does not match the schema: {_problem(exc)}"
        tried.append(Attempt(raw=raw, problem=problem))
        conversation = [
            *messages,
            Message("assistant", raw[:2000]),
            Message(
                "user",
                f"That answer was rejected: {problem}. Reply again with only a JSON object that fits the schema.",
            ),
        ]
    raise StructuredOutputError(schema.__name__, tried)
