"""Errors that tell the user what went wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class CopilotError(Exception):
    """Base of every error the copilot raises on purpose; its message names the fix."""

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.message} (fix: {self.fix})" if self.fix else self.message


class ConfigError(CopilotError):
    """A setting is missing, malformed or points at something unusable."""

    def __init__(self, setting: str, problem: str, *, fix: str) -> None:
        self.setting = setting
        super().__init__(f"{setting}: {problem}", fix=fix)


class ModelError(CopilotError):
    """The language model or embedder could not produce a usable answer."""


class ModelUnavailableError(ModelError):
    """The model endpoint is down, unreachable, or the model file cannot be loaded."""


class ModelTimeoutError(ModelError):
    """The model did not answer within the configured time."""


@dataclass
class Attempt:
    """One try at structured output: the raw text and why it was rejected."""

    raw: str
    problem: str


class StructuredOutputError(ModelError):
    """The model's output failed validation on every allowed attempt."""

    def __init__(self, schema_name: str, attempts: list[Attempt]) -> None:
        self.schema_name = schema_name
        self.attempts = attempts
        last = attempts[-1].problem if attempts else "no attempt made"
        super().__init__(
            f"the model gave no valid {schema_name} in {len(attempts)} attempt(s); last problem: {last}",
            fix="use a stronger model (COPILOT_LLM_MODEL) or raise COPILOT_MAX_TOKENS",
        )


class KnowledgeBaseError(CopilotError):
    """A knowledge-base file is invalid; carries the file and the line or key."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.key = key
        where = path or ""
        if line is not None:
            where += f":{line}"
        if key:
            where += f" [{key}]"
        super().__init__(f"{where}: {message}" if where else message, fix=fix)


class RecordsError(CopilotError):
    """A records operation was refused: unknown id, bad value, or not allowed."""


class AccessDenied(RecordsError):
    """The acting user may not read or change these records."""


def error_payload(err: CopilotError) -> dict[str, Any]:
    """A JSON-friendly description of an error, for `--json` output."""
    return {"error": type(err).__name__, "message": err.message, "fix": err.fix}
