"""How commands print: one clear line for people, a JSON document for scripts, and meaningful exit codes."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from copilot.errors import ConfigError, CopilotError, KnowledgeBaseError, ModelError, RecordsError, error_payload
from copilot.limits import TooLargeError

EXIT_OK = 0
EXIT_FAILED = 1  # the command ran and found a problem (a failed check, a gated metric, a gap)
EXIT_BAD_INPUT = 2  # a setting, argument or file is wrong; the message names the fix
EXIT_MODEL = 3  # the language model or its endpoint failed


def exit_code_for(err: CopilotError) -> int:
    """The exit code for an error class."""
    if isinstance(err, ModelError):
        return EXIT_MODEL
    if isinstance(err, ConfigError | KnowledgeBaseError | RecordsError | TooLargeError):
        return EXIT_BAD_INPUT
    return EXIT_FAILED


def emit_json(payload: Any) -> None:
    """Print a JSON document on stdout."""
    typer.echo(json.dumps(payload, indent=2, default=str, ensure_ascii=False))


def report_error(err: CopilotError, *, as_json: bool) -> int:
    """One line on stderr (and the JSON form on stdout for scripts); returns the exit code."""
    typer.echo(f"error: {err}", err=True)
    if as_json:
        emit_json(error_payload(err))
    return exit_code_for(err)


def wants_json(argv: list[str] | None = None) -> bool:
    """Whether the command line asked for JSON output."""
    return "--json" in (argv if argv is not None else sys.argv[1:])
