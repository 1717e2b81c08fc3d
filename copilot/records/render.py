"""Plain-text and JSON shapes of records for the command line (and logs), kept out of the CLI wiring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from copilot.knowledge.team_file import Assignment
from copilot.records.policy import RepStatus
from copilot.records.scorecard import MIN_GROUP_SIZE, Metrics, Scorecard
from copilot.records.views import ActionItemView, RepView, TeamView

LABELS = {
    "intervene": "STEP IN",
    "self_correcting": "window",
    "verify": "verify",
    "ready_to_coach": "coach",
    "adopted": "adopted",
    "waiting_on_basics": "later",
}


def status_lines(status: RepStatus) -> list[str]:
    """A rep's status, most urgent first, one line per skill that needs attention."""
    lines = []
    for state, label in LABELS.items():
        for skill in getattr(status, state):
            lines.append(f"    {label:<8} {skill.criterion}: {skill.reason}")
            shown = skill.misses if state in ("intervene", "verify", "self_correcting") else []
            lines += [f"             {p.date} [{p.observation_id}]: {p.evidence}" for p in shown if p.evidence]
    lines.append(f"    on track: {len(status.on_track)} basic(s); not yet observed: {len(status.not_observed)}")
    return lines


def summary(status: RepStatus) -> dict[str, int]:
    """How many skills are in each state."""
    return {state: len(getattr(status, state)) for state in (*LABELS, "on_track", "not_observed")}


def action_line(item: ActionItemView, today: dt.date) -> str:
    """One action item as a line to reconcile."""
    late = " OVERDUE" if item.overdue(today) else ""
    closed = f" on {item.closed_on}" if item.closed_on else ""
    return (
        f"{item.id}  {item.status}{closed}{late}  {item.owner}, due {item.due} (from {item.session_date}): {item.text}"
    )


def action_json(item: ActionItemView, today: dt.date) -> dict[str, Any]:
    """One action item as JSON, with whether it is overdue."""
    return item.model_dump(mode="json") | {"overdue": item.overdue(today)}


def assignment_line(a: Assignment) -> str:
    """One assignment as a line."""
    done = f", done {a.completed_on}" if a.completed_on else ""
    return f"{a.id}  {a.status}  {a.activity}  due {a.due}{done}"


STAKES = ("retention", "compliance", "commitment")
"""What outranks a skill gap, most urgent first (each item has kind, title, reason and citations)."""


def stake_lines(stakes: Sequence[Any]) -> list[str]:
    """What is at stake with a rep beyond skills, one line each with its reason and the records it rests on."""
    return [
        f"    {'AT STAKE':<8} {_stake_title(p.kind, p.title)}: {p.reason} [{', '.join(p.citations)}]"
        for p in sorted(stakes, key=lambda p: STAKES.index(p.kind) if p.kind in STAKES else len(STAKES))
    ]


def _stake_title(kind: str, title: str) -> str:
    """'retention risk', not 'retention: Retention risk'."""
    return title[0].lower() + title[1:] if title.lower().startswith(kind) else f"{kind}: {title}"


def teams_json(
    teams: list[tuple[TeamView, dict[str, RepStatus]]],
    today: dt.date,
    stakes: Mapping[str, Sequence[Any]] | None = None,
) -> dict[str, Any]:
    """Teams with each rep's status summary, full status and what is at stake beyond skills, most urgent rep first."""
    stakes = stakes or {}

    def rep(r: RepView, st: RepStatus) -> dict[str, Any]:
        return r.model_dump(mode="json") | {
            "summary": summary(st),
            "status": st.model_dump(mode="json"),
            "at_stake": [p.model_dump(mode="json") for p in stakes.get(r.id, [])],
        }

    return {
        "today": today.isoformat(),
        "teams": [
            t.model_dump(mode="json", exclude={"reps"})
            | {
                "reps": [
                    rep(r, statuses[r.id])
                    for r in sorted(t.reps, key=lambda r: urgency(statuses[r.id], stakes.get(r.id, ())))
                ]
            }
            for t, statuses in teams
        ],
    }


def teams_lines(
    teams: list[tuple[TeamView, dict[str, RepStatus]]],
    today: dt.date,
    stakes: Mapping[str, Sequence[Any]] | None = None,
) -> list[str]:
    """Teams, reps and what needs attention: what is at stake first, then the skills."""
    if not teams:
        return ["no teams yet: load one with `copilot team load` (the demo team) or `copilot import FILE`"]
    stakes = stakes or {}
    out = []
    for t, statuses in teams:
        out.append(f"{t.name} ({t.id}), manager {t.manager.name} ({t.manager.id}), as of {today}; most urgent first")
        for r in sorted(t.reps, key=lambda r: urgency(statuses[r.id], stakes.get(r.id, ()))):
            out.append(f"  {r.id}  {r.name}  {r.profile}")
            out += stake_lines(stakes.get(r.id, ()))
            out += status_lines(statuses[r.id])
    return out


def urgency(status: RepStatus, stakes: Sequence[Any] = ()) -> tuple[int, int, int, int, int, str]:
    """Sort key: what is at stake beyond skills first (retention risk, false claims to buyers, broken commitments),
    then who needs the manager now (step in), then who needs a look (verify, window), then the rest."""
    ranks = [STAKES.index(p.kind) for p in stakes if p.kind in STAKES]
    return (
        min(ranks, default=len(STAKES)),
        -len(status.intervene),
        -len(status.verify),
        -len(status.self_correcting),
        -len(status.ready_to_coach),
        status.rep_id,
    )


def _metrics_line(name: str, mx: Metrics) -> str:
    return (
        f"{name:<24} sessions/rep/month {mx.sessions_per_rep_month}  hours {mx.hours}  "
        f"actions on time {mx.action_items.on_time.count}/{mx.action_items.on_time.of}  "
        f"assignments done {mx.assignments_completed.count}/{mx.assignments_completed.of}  "
        f"practice {mx.roleplays + mx.drills_done}  median days to threshold "
        f"{'no data yet' if mx.median_days_to_threshold is None else mx.median_days_to_threshold}  "
        f"threshold-driven {mx.threshold_driven.count}/{mx.threshold_driven.of}"
    )


def scorecard_lines(card: Scorecard) -> list[str]:
    """Team rows, then a row per rep."""
    out = [f"scorecard {card.since} .. {card.until}"]
    for t in card.teams:
        out.append(_metrics_line(t.name, t.metrics))
        out += [_metrics_line(f"  {r.name}", r.metrics) for r in t.reps]
    if card.withheld:
        out.append(f"withheld (fewer than {MIN_GROUP_SIZE} reps, aggregates only): {', '.join(card.withheld)}")
    return out
