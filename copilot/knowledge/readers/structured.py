"""YAML files: parse with lines, pick the schema by `kind`, validate."""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ValidationError

from copilot.knowledge.diagnostics import validation_problems
from copilot.knowledge.results import FileResult
from copilot.knowledge.schema import DOCUMENT_KINDS, CompetencyModelFile, LineMap, Problem
from copilot.knowledge.team_file import TeamFile
from copilot.knowledge.yaml_text import Loc, located, parse_yaml

ALL_KINDS = [*DOCUMENT_KINDS, "team"]


def load_yaml(result: FileResult, text: str) -> None:
    """A structured file: parse, pick the schema by `kind`, validate."""
    rel = result.info.path
    data, lines, problems = parse_yaml(rel, text)
    result.lines = lines
    result.problems += problems
    if data is None and problems:
        return
    kinds = ", ".join(ALL_KINDS)
    if not isinstance(data, dict):
        result.add(
            "the file must be a mapping that starts with `kind:` and `version:`",
            f"start the file with `kind: <one of {kinds}>` and `version: 1`",
            line=1,
        )
        return
    kind = data.get("kind")
    result.info.kind = kind if isinstance(kind, str) else None
    if kind is None:
        result.add("missing `kind:`", f"add `kind: <one of {kinds}>` at the top", line=1, key="kind")
        return
    model: type[BaseModel] | None = TeamFile if kind == "team" else DOCUMENT_KINDS.get(str(kind))
    if model is None:
        close = difflib.get_close_matches(str(kind), ALL_KINDS, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        result.add(
            f"unknown kind {kind!r}",
            f"{hint}use one of: {kinds}",
            line=lines.get(("kind",)),
            key="kind",
        )
        return
    try:
        document = model.model_validate(data)
    except ValidationError as exc:
        result.problems += validation_problems(rel, exc, model, data, lines)
        return
    if isinstance(document, CompetencyModelFile):
        result.problems += _policy_problems(rel, document, lines)
    result.document = document  # type: ignore[assignment]


def _policy_problems(rel: str, doc: CompetencyModelFile, lines: LineMap) -> list[Problem]:
    """A criterion's policy overrides must still make sense combined with the file policy."""
    out = []
    for i, inter in enumerate(doc.interactions):
        for j, crit in enumerate(inter.criteria):
            try:
                crit.resolved_policy(doc.policy)
            except ValidationError as exc:
                loc: Loc = ("interactions", i, "criteria", j)
                out.append(
                    located(
                        rel,
                        lines,
                        loc,
                        f"in {crit.id}: {exc.errors()[0]['msg'].removeprefix('Value error, ')}",
                        "set breaches no higher than of_last",
                    )
                )
    return out
