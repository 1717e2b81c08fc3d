"""Problems with a fix: the shorthand every check uses, and pydantic validation errors turned into problems that name
the line, the key, the item they belong to and what to do."""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from copilot.knowledge.schema import CRITERION_ID, INTERACTION_ID, LineMap, Problem, Severity
from copilot.knowledge.yaml_text import Loc, key_path, line_for

_MAX_ERRORS_PER_FILE = 50


def problem(
    path: str,
    message: str,
    fix: str,
    *,
    line: int | None = None,
    key: str | None = None,
    severity: Severity = "error",
) -> Problem:
    """Shorthand used by every check, so each one states message and fix side by side."""
    return Problem(path=path, line=line, key=key, message=message, fix=fix, severity=severity)


def _strip_annotation(ann: Any) -> Any:
    """The type inside Annotated[...] and Optional[...], to find which model a key path lands in."""
    while True:
        origin = get_origin(ann)
        if origin is Annotated:
            ann = get_args(ann)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(ann) if a is not type(None)]
            if len(args) != 1:
                return ann
            ann = args[0]
        else:
            return ann


def _model_at(model: type[BaseModel], loc: Loc) -> Any:
    """The annotation found by following a key path through nested models, lists and dicts."""
    ann: Any = model
    for part in loc:
        ann = _strip_annotation(ann)
        origin = get_origin(ann)
        if origin is list and isinstance(part, int):
            ann = get_args(ann)[0]
        elif origin is dict:
            ann = get_args(ann)[1]
        elif isinstance(ann, type) and issubclass(ann, BaseModel) and part in ann.model_fields:
            ann = ann.model_fields[str(part)].annotation
        else:
            return None
    return _strip_annotation(ann)


def _owner(data: Any, loc: Loc) -> str | None:
    """Id of the innermost entry on the path, so a message can say which item is wrong."""
    owner = None
    for part in loc:
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            owner = data["id"]
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            break
    return owner


def _fix_for(err: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    """A concrete fix for one pydantic error."""
    kind = err["type"]
    name = str(loc[-1]) if loc else ""
    ctx: dict[str, Any] = err.get("ctx") or {}
    if kind == "missing":
        return f"add `{name}:` here (see docs/knowledge-formats.md)"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else ""
        return f"remove `{name}` or correct its spelling" + (f"; allowed keys here: {allowed}" if allowed else "")
    if kind == "literal_error":
        return f"use one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        prefix = re.match(r"\^([a-z]+)-", pattern)
        if prefix:
            return f"use `{prefix.group(1)}-` followed by lowercase words joined by hyphens, e.g. {prefix.group(1)}-cfo"
        if pattern == CRITERION_ID:
            return "use `<interaction-id>.<slug>` in lowercase with hyphens, e.g. discovery-call.agenda"
        if pattern == INTERACTION_ID:
            return "use lowercase words joined by hyphens, e.g. discovery-call"
        return "use a value without spaces"
    if kind in ("too_short", "list_type") and "list" in str(err.get("msg", "")).lower():
        return "give a YAML list with at least one entry (lines starting with `- `)"
    if kind in ("string_too_short",):
        return "write some text here"
    if kind.startswith("int_") or kind in (
        "greater_than_equal",
        "less_than_equal",
        "greater_than",
        "less_than",
    ):
        return "use a whole number in the allowed range"
    if kind.startswith("date"):
        return "use a date written as YYYY-MM-DD"
    if kind == "string_type":
        return "write plain text here (quote it if YAML reads it as a number, date or yes/no)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "write a mapping of `key: value` lines here"
    if kind == "value_error":
        return "correct the value as the message says"
    return "correct the value to match the format in docs/knowledge-formats.md"


def validation_problems(
    rel: str, exc: ValidationError, model: type[BaseModel], data: Any, lines: LineMap
) -> list[Problem]:
    """One problem per validation error, each with line, key, the item it belongs to and a fix."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False)[:_MAX_ERRORS_PER_FILE]:
        loc = tuple(err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown field {loc[-1]!r}"
        elif err["type"] == "missing":
            msg = f"missing required field {loc[-1]!r}"
        elif err["type"] == "string_pattern_mismatch":
            msg = f"{loc[-1]} {err['input']!r} does not follow the id convention"
        elif "input" in err and not isinstance(err["input"], (dict, list)):
            msg += f" (got {err['input']!r})"
        owner = _owner(data, loc)
        if owner:
            msg = f"in {owner}: {msg}"
        out.append(
            problem(
                rel,
                msg,
                _fix_for(err, model, loc),
                line=line_for(lines, loc),
                key=key_path(loc),
            )
        )
    return out
