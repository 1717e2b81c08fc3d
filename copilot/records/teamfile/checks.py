"""The checks a team export needs beyond the team file's own (copilot.knowledge.team_file): dates in range, and the
database-only sections (policy overrides, promotions, briefs, roleplay attempts) pointing at real ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from copilot.knowledge.schema import KnowledgeBase, LineMap, Problem
from copilot.knowledge.team_file import validate_team_file
from copilot.knowledge.yaml_text import located
from copilot.limits import EARLIEST, LATEST
from copilot.records.teamfile.export import TeamExport


def _dates(value: Any, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], dt.date]]:
    """Every date in a dumped document with its key path (a date past 9999 overflowed the status arithmetic)."""
    if isinstance(value, dt.date):
        return [(loc, value)]
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _dates(v, (*loc, k))]
    if isinstance(value, list):
        return [found for i, v in enumerate(value) for found in _dates(v, (*loc, i))]
    return []


def check_export(doc: TeamExport, kb: KnowledgeBase, *, path: str, lines: LineMap) -> list[Problem]:
    """Every reference problem of a team export: the team-file checks plus the database-only sections."""
    out = [p for p in validate_team_file(doc, kb, path=path, lines=lines) if p.severity == "error"]
    out += [
        located(path, lines, loc, f"date {day.isoformat()} is outside {EARLIEST} to {LATEST}", "correct the date")
        for loc, day in _dates(doc.model_dump(), ())
        if not EARLIEST <= day <= LATEST
    ]
    reps = {r.id for r in doc.team.reps}
    rep_fix = f"use a rep id of this team: {', '.join(sorted(reps))}"
    crit_fix = "use a criterion id from the competency model"
    for i, o in enumerate(doc.policy_overrides):
        if o.criterion not in kb.criteria:
            out.append(
                located(
                    path, lines, ("policy_overrides", i, "criterion"), f"unknown criterion {o.criterion!r}", crit_fix
                )
            )
        else:
            base = kb.criteria[o.criterion].policy
            if (o.breaches or base.breaches) > (o.of_last or base.of_last):
                out.append(
                    located(
                        path,
                        lines,
                        ("policy_overrides", i),
                        "breaches exceed of_last",
                        "lower breaches or raise of_last",
                    )
                )
    for i, p in enumerate(doc.promotions):
        found = kb.criteria.get(p.criterion)
        if found is None or found.tier != "advanced":
            why = "unknown criterion" if found is None else "not an advanced skill"
            out.append(
                located(
                    path,
                    lines,
                    ("promotions", i, "criterion"),
                    f"{why}: {p.criterion!r}",
                    "promote advanced skills only",
                )
            )
        if p.rep is not None and p.rep not in reps:
            out.append(located(path, lines, ("promotions", i, "rep"), f"unknown rep {p.rep!r}", rep_fix))
    for section, owners in (
        ("briefs", [b.rep for b in doc.briefs]),
        ("roleplay_attempts", [r.rep for r in doc.roleplay_attempts]),
    ):
        for i, owner in enumerate(owners):
            if owner not in reps:
                out.append(located(path, lines, (section, i, "rep"), f"unknown rep {owner!r}", rep_fix))
    for i, r in enumerate(doc.roleplay_attempts):
        if r.scenario not in kb.scenarios:
            out.append(
                located(
                    path,
                    lines,
                    ("roleplay_attempts", i, "scenario"),
                    f"unknown scenario {r.scenario!r}",
                    "use a scenario id (sc-...)",
                )
            )
    seen: set[str] = set()
    for section, ids in (
        ("briefs", [b.id for b in doc.briefs]),
        ("roleplay_attempts", [r.id for r in doc.roleplay_attempts]),
    ):
        for i, record_id in enumerate(ids):
            if record_id in seen:
                out.append(
                    located(
                        path, lines, (section, i, "id"), f"duplicate id {record_id!r}", "give each record its own id"
                    )
                )
            seen.add(record_id)
    return out
