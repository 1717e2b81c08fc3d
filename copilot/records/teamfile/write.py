"""Write a team export as YAML, JSON or CSV; CSV cells a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from copilot.limits import spreadsheet_safe
from copilot.records.teamfile.export import CSV_COLUMNS, TeamExport


def dump_team(doc: TeamExport, fmt: str) -> str:
    """The export as YAML, JSON or CSV text (CSV holds the roster and observations only)."""
    if fmt == "json":
        return json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _dump_csv(doc)
    return yaml.safe_dump(doc.model_dump(mode="python"), sort_keys=False, allow_unicode=True, width=120)


class _SafeWriter(csv.DictWriter):
    """Every text cell a spreadsheet would run as a formula (`=HYPERLINK(...)` in a name) gets a leading '."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in rowdict.items()})


def _dump_csv(doc: TeamExport) -> str:
    """Roster rows then one row per scored criterion; the import drops the ' that neutralises formulas."""
    out = io.StringIO()
    writer = _SafeWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    team, mgr = doc.team, doc.team.manager
    head = {
        "team_id": team.id,
        "team_name": team.name,
        "manager_id": mgr.id,
        "manager_name": mgr.name,
        "manager_email": mgr.email,
    }
    for rep in team.reps:
        writer.writerow(
            head
            | {
                "rep_id": rep.id,
                "rep_name": rep.name,
                "rep_email": rep.email,
                "profile": rep.profile,
                "start_date": rep.start_date.isoformat(),
            }
        )
    for obs in doc.observations:
        for crit, score in obs.scores.items():
            writer.writerow(
                {
                    "rep_id": obs.rep,
                    "observation_id": obs.id,
                    "date": obs.date.isoformat(),
                    "interaction": obs.interaction,
                    "observer": obs.observer,
                    "criterion": crit,
                    "score": score,
                    "evidence": obs.evidence.get(crit, ""),
                }
            )
    return out.getvalue()


def format_for(path: Path) -> str:
    """yaml, json or csv from a file name."""
    suffix = path.suffix.lower()
    return {".json": "json", ".csv": "csv"}.get(suffix, "yaml")
