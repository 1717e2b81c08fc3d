"""Read team files and exports (YAML, JSON, CSV) with the line of every record, so a broken row is named exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from copilot.errors import RecordsError
from copilot.knowledge.schema import LineMap, Problem
from copilot.knowledge.yaml_text import SAFE_LOADER, located, parse_yaml
from copilot.limits import from_spreadsheet
from copilot.records.teamfile.export import CSV_COLUMNS, TeamExport

FORMAT_FIX = "see the team file format in docs/records.md"


class ImportRejected(RecordsError):
    """A team file has problems; every one is listed and nothing was imported."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.problems = problems
        self.listing = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"{path}: {len(problems)} located(s); nothing was imported:\n{self.listing}",
            fix="correct every row listed and run the command again",
        )

    def __str__(self) -> str:
        head = self.message.split("\n", 1)[0].rstrip(":")
        return f"{head} (fix: {self.fix})\n{self.listing}"


class _Loader(SAFE_LOADER):
    """Safe YAML that leaves dates as text, so a bad date is a validation problem with a line, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_yaml(path: str, text: str) -> tuple[Any, LineMap]:
    """Data and line map of a YAML (or JSON) text, through the knowledge loader's parser: deep nesting and alias
    bombs are refused before anything is built, duplicate keys are errors."""
    data, lines, problems = parse_yaml(path, text, loader=_Loader)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportRejected(path, errors)
    return data, lines


def _parse_csv(path: str, text: str) -> tuple[dict[str, Any], LineMap]:
    """A roster-and-observations CSV as team-file data: one row per rep, and one per scored criterion."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("rep_id", "observation_id", "criterion", "score") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected(
            path,
            [
                Problem(
                    path=path,
                    line=1,
                    message=f"missing columns: {', '.join(missing)}",
                    fix=f"use the header {','.join(CSV_COLUMNS)}",
                )
            ],
        )
    lines: LineMap = {}
    team: dict[str, Any] = {"reps": []}
    reps: dict[str, dict[str, Any]] = {}
    observations: dict[str, dict[str, Any]] = {}
    for row in reader:
        line = reader.line_num
        cell = {k: from_spreadsheet((v or "").strip()) for k, v in row.items() if k}
        if cell.get("team_id") and "id" not in team:
            team |= {"id": cell["team_id"], "name": cell.get("team_name", "")}
            team["manager"] = {k: cell.get(f"manager_{k}", "") for k in ("id", "name", "email")}
            lines |= {("team",): line, ("team", "manager"): line}
        rep_id = cell.get("rep_id", "")
        if rep_id and rep_id not in reps and cell.get("rep_name"):
            reps[rep_id] = {
                "id": rep_id,
                "name": cell["rep_name"],
                "email": cell.get("rep_email", ""),
                "profile": cell.get("profile", ""),
                "start_date": cell.get("start_date", ""),
            }
            lines[("team", "reps", len(team["reps"]))] = line
            team["reps"].append(reps[rep_id])
        obs_id = cell.get("observation_id", "")
        if not obs_id:
            continue
        if obs_id not in observations:
            index = len(observations)
            observations[obs_id] = {
                "id": obs_id,
                "rep": rep_id,
                "date": cell.get("date", ""),
                "interaction": cell.get("interaction", ""),
                "observer": cell.get("observer") or "manager",
                "scores": {},
                "evidence": {},
            }
            lines[("observations", index)] = line
        obs, index = observations[obs_id], list(observations).index(obs_id)
        crit = cell.get("criterion", "")
        obs["scores"][crit] = cell.get("score", "")
        lines[("observations", index, "scores", crit)] = line
        if cell.get("evidence"):
            obs["evidence"][crit] = cell["evidence"]
    data = {
        "kind": "team",
        "version": 1,
        "anchor_date": max((o["date"] for o in observations.values()), default="2000-01-01") or "2000-01-01",
        "team": team,
        "observations": list(observations.values()),
    }
    return data, lines


def read_team_file(path: Path) -> tuple[TeamExport, LineMap]:
    """A team file or export as a validated document, or ImportRejected listing every problem with its line."""
    shown = str(path)
    if not path.is_file():
        raise RecordsError(f"{shown}: file not found", fix="check the path")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordsError(f"{shown}: not UTF-8 text ({exc.reason})", fix="save the file as UTF-8") from None
    if path.suffix.lower() == ".csv":
        data, lines = _parse_csv(shown, text)
    else:
        data, lines = _parse_yaml(shown, text)
    if not isinstance(data, dict) or data.get("kind") != "team":
        raise ImportRejected(
            shown,
            [
                Problem(
                    path=shown,
                    line=1,
                    message="not a team file",
                    fix="start the file with `kind: team` and `version: 1`",
                )
            ],
        )
    try:
        return TeamExport.model_validate(data), lines
    except ValidationError as exc:
        problems = [
            located(shown, lines, tuple(err["loc"]), err["msg"].removeprefix("Value error, ") + _got(err), FORMAT_FIX)
            for err in exc.errors()
        ]
        raise ImportRejected(shown, problems) from None


def _got(err: Any) -> str:
    """`; got 'x'` for scalar inputs, so the message shows the bad value."""
    value = err.get("input")
    return f"; got {value!r}" if isinstance(value, str | int | float) and not isinstance(value, bool) else ""
