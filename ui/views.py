"""Records shown as Markdown and pandas frames for the pages; presentation only, every decision comes from the core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from copilot.knowledge.schema import LEVEL_BY_SCORE, KnowledgeBase
from copilot.knowledge.team_file import Assignment, Observation, Session
from copilot.records.policy import RepStatus, SkillStatus
from copilot.records.scorecard import Metrics, Scorecard
from copilot.records.views import ActionItemView, RepView

TREND_COLUMNS = ["month", "average level", "criterion"]
HISTORY_COLUMNS = ["date", "level", "criterion", "observer"]
OBSERVATION_WIDTHS: list[str | int] = ["11%", "13%", "10%", "28%", "11%", "27%"]


def level(score: int | None) -> str:
    """`3 Good` for 3."""
    return f"{score} {LEVEL_BY_SCORE[score].label}" if score in LEVEL_BY_SCORE else "—"


def criterion_label(kb: KnowledgeBase, criterion_id: str) -> str:
    """The criterion's title with its id, as managers read it."""
    found = kb.criteria.get(criterion_id)
    return f"{found.title} ({criterion_id})" if found else criterion_id


def _evidence(skill: SkillStatus) -> str:
    """The observations behind a flag, unless the reason already names them."""
    cited = [
        f"{p.observation_id} {p.date:%d %b} {LEVEL_BY_SCORE[p.score].label}"
        for p in skill.misses
        if p.observation_id not in skill.reason
    ]
    return f" _Evidence: {'; '.join(cited)}._" if cited else ""


def _skill_line(rep: RepView, skill: SkillStatus) -> str:
    return f"- **{rep.name}** — {skill.title} (`{skill.criterion}`): {skill.reason}.{_evidence(skill)}"


def _latest_level(skill: SkillStatus) -> str:
    """', Needs Work': the level of the skill's latest miss, for a line that names several skills."""
    return f", {LEVEL_BY_SCORE[skill.misses[-1].score].label}" if skill.misses else ""


def _skill_lines(rep: RepView, skills: Sequence[SkillStatus]) -> list[str]:
    """One line per reason: skills flagged for the same reason on the same observations (four demo skills from one
    demo on 14 Nov) share a line, so a manager reads one call once, not four times."""
    groups: dict[tuple[str, tuple[str, ...]], list[SkillStatus]] = {}
    for skill in skills:
        groups.setdefault((skill.reason, tuple(p.observation_id for p in skill.misses)), []).append(skill)
    lines = []
    for (reason, _), same in groups.items():
        if len(same) == 1:
            lines.append(_skill_line(rep, same[0]))
            continue
        names = "; ".join(f"{s.title} (`{s.criterion}`{_latest_level(s)})" for s in same)
        seen = [f"{p.observation_id} {p.date:%d %b}" for p in same[0].misses if p.observation_id not in reason]
        evidence = f" _Evidence: {'; '.join(seen)}._" if seen else ""
        lines.append(f"- **{rep.name}** — {len(same)} skills, {names}: {reason}.{evidence}")
    return lines


def team_overview_md(
    rows: Sequence[tuple[RepView, RepStatus, list[ActionItemView]]],
    today: dt.date,
    team_name: str = "",
    stakes: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """What is at stake beyond skills (retention, false claims, broken commitments), then who needs the manager now and
    why, who is fixing it alone, what to observe again, what is overdue."""
    at_stake = [
        f"- **{rep.name}** — {p.kind}: {p.title}: {p.reason}"
        for rep, _, _ in rows
        for p in (stakes or {}).get(rep.id, [])
    ]
    sections = [
        ("intervene", "Needs you now", "Nobody has crossed a threshold: no one needs you to step in."),
        ("self_correcting", "Self-correcting (leave it with the rep, watch)", "Nobody is in a self-correction window."),
        ("verify", "Observe again before acting (verify)", ""),
        ("ready_to_coach", "Ready to coach (advanced skills)", ""),
        ("adopted", "Adopted (promote to basic)", ""),
    ]
    out = [f"## {team_name or 'Team'} as of {today:%A %d %B %Y}"]
    if at_stake:
        out += ["", "### At stake (raise before any skill)", *at_stake]
    for state, title, empty in sections:
        lines = [line for rep, status, _ in rows for line in _skill_lines(rep, getattr(status, state))]
        if lines or empty:
            out += ["", f"### {title}", *(lines or [f"_{empty}_"])]
    overdue = [
        f"- **{rep.name}** — {i.text} (owner {i.owner}, due {i.due:%d %b}, agreed {i.session_date:%d %b}) `{i.id}`"
        for rep, _, items in rows
        for i in items
        if i.overdue(today)
    ]
    out += ["", "### Overdue action items", *(overdue or ["_Nothing overdue._"])]
    return "\n".join(out)


def team_table(rows: Sequence[tuple[RepView, RepStatus, list[ActionItemView]]], today: dt.date) -> pd.DataFrame:
    """One row per rep: how many skills are in each state and how many action items are overdue."""
    return pd.DataFrame(
        [
            {
                "rep": rep.name,
                "profile": rep.profile.replace("_", " "),
                "step in": len(status.intervene),
                "self-correcting": len(status.self_correcting),
                "verify": len(status.verify),
                "ready to coach": len(status.ready_to_coach),
                "overdue items": sum(i.overdue(today) for i in items),
            }
            for rep, status, items in rows
        ],
        columns=["rep", "profile", "step in", "self-correcting", "verify", "ready to coach", "overdue items"],
    )


def flagged_criteria(statuses: Iterable[RepStatus]) -> list[str]:
    """Criteria someone must step in on or is self-correcting, most urgent first: the default plot lines."""
    seen: dict[str, None] = {}
    for status in statuses:
        for skill in [*status.intervene, *status.self_correcting]:
            seen.setdefault(skill.criterion, None)
    return list(seen)


def trends_frame(trends: dict[str, dict[str, float]], only: Sequence[str] = ()) -> pd.DataFrame:
    """Average level per criterion per month (from the scorecard), long format for a LinePlot (ids keep legends short)."""
    rows = [
        {"month": month, "average level": value, "criterion": crit}
        for crit, by_month in trends.items()
        if not only or crit in only
        for month, value in sorted(by_month.items())
    ]
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


def history_frame(observations: Sequence[Observation], only: Sequence[str] = ()) -> pd.DataFrame:
    """Every scored criterion of every observation, for a rep's progress plot."""
    rows = [
        {"date": pd.Timestamp(o.date), "level": score, "criterion": crit, "observer": o.observer}
        for o in observations
        for crit, score in o.scores.items()
        if not only or crit in only
    ]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def observations_frame(observations: Sequence[Observation], kb: KnowledgeBase) -> pd.DataFrame:
    """Assessments newest first, one row per scored criterion, with the evidence quoted."""
    rows = [
        {
            "date": o.date.isoformat(),
            "interaction": o.interaction,
            "observer": o.observer,
            "criterion": criterion_label(kb, crit),
            "level": level(score),
            "evidence": o.evidence.get(crit, ""),
        }
        for o in sorted(observations, key=lambda x: (x.date, x.id), reverse=True)
        for crit, score in o.scores.items()
    ]
    return pd.DataFrame(rows, columns=["date", "interaction", "observer", "criterion", "level", "evidence"])


def assignments_frame(assignments: Sequence[Assignment], kb: KnowledgeBase, today: dt.date) -> pd.DataFrame:
    """Assignments by due date, with the activity's title and whether they are late."""
    rows = []
    for a in assignments:
        activity = kb.activities.get(a.activity)
        late = a.status != "done" and a.due < today
        rows.append(
            {
                "id": a.id,
                "activity": f"{activity.title} ({activity.kind.replace('_', ' ')})" if activity else a.activity,
                "assigned": a.assigned_on.isoformat(),
                "due": a.due.isoformat() + (" (late)" if late else ""),
                "status": a.status.replace("_", " "),
                "done on": a.completed_on.isoformat() if a.completed_on else "",
            }
        )
    return pd.DataFrame(rows, columns=["id", "activity", "assigned", "due", "status", "done on"])


def action_items_frame(items: Sequence[ActionItemView], today: dt.date) -> pd.DataFrame:
    """Action items by due date, overdue ones marked."""
    rows = [
        {
            "id": i.id,
            "action": i.text,
            "owner": i.owner,
            "due": i.due.isoformat() + (" (OVERDUE)" if i.overdue(today) else ""),
            "status": i.status,
            "agreed": i.session_date.isoformat(),
        }
        for i in items
    ]
    return pd.DataFrame(rows, columns=["id", "action", "owner", "due", "status", "agreed"])


def sessions_md(sessions: Sequence[Session], limit: int = 3) -> str:
    """The latest coaching notes with agreements and action items."""
    if not sessions:
        return "_No coaching notes yet._"
    out = []
    for s in list(reversed(sessions))[:limit]:
        out.append(f"**{s.date:%d %b %Y}** · {s.kind} · {s.duration_minutes} min  \n{s.notes or '_(no notes)_'}")
        out += [f"- agreed: {a}" for a in s.agreements]
        out += [f"- action ({i.owner}, due {i.due:%d %b}, {i.status}): {i.text}" for i in s.action_items]
    return "\n\n".join(out)


def rep_status_md(rep: RepView, status: RepStatus) -> str:
    """The rep's own view: what to fix alone and by when, and where the manager steps in."""
    out = [f"## {rep.name} · {rep.team_name} · as of {status.today:%d %B %Y}"]
    if status.intervene:
        out += ["", "### Your manager will coach this with you now"]
        out += [f"- **{s.title}**: {s.reason}." for s in status.intervene]
    if status.self_correcting:
        out += ["", "### Fix these on your own (your manager steps in only if they stay below the threshold)"]
        for s in status.self_correcting:
            rule = f"threshold {LEVEL_BY_SCORE[s.policy.threshold].label}, {s.policy.breaches} of the last {s.policy.of_last}"
            out.append(f"- **{s.title}** ({rule}): {s.reason}.")
    if status.verify:
        out += ["", "### Below threshold once — the next observation decides"]
        out += [f"- **{s.title}**: {s.reason}." for s in status.verify]
    if status.ready_to_coach:
        out += ["", "### Next skills to grow"]
        out += [f"- **{s.title}**: {s.reason}." for s in status.ready_to_coach]
    out += ["", f"_{len(status.on_track)} basic skill(s) on track._"]
    return "\n".join(out)


def metrics_row(name: str, m: Metrics) -> dict[str, object]:
    """One scorecard row."""
    return {
        "who": name,
        "sessions": m.sessions,
        "hours": m.hours,
        "sessions/rep/month": m.sessions_per_rep_month,
        "action items on time": f"{m.action_items.on_time.count}/{m.action_items.on_time.of}",
        "assignments done": f"{m.assignments_completed.count}/{m.assignments_completed.of}",
        "practice": m.roleplays + m.drills_done,
        "median days to threshold": "no data yet" if m.median_days_to_threshold is None else m.median_days_to_threshold,
        "threshold-driven sessions": f"{m.threshold_driven.count}/{m.threshold_driven.of}",
    }


def scorecard_frame(card: Scorecard) -> pd.DataFrame:
    """Managers, then each team and its reps."""
    rows = [metrics_row(f"manager {m.name}", m.metrics) for m in card.managers]
    for t in card.teams:
        rows.append(metrics_row(f"team {t.name}", t.metrics))
        rows += [metrics_row(f"  {r.name}", r.metrics) for r in t.reps]
    return pd.DataFrame(rows, columns=list(metrics_row("", Metrics()).keys()))


def by_month_frame(card: Scorecard) -> pd.DataFrame:
    """Coaching sessions, hours and practice per month per team, long format for a LinePlot."""
    rows = [
        {"month": row.month, "count": value, "measure": f"{label} · {t.name}"}
        for t in card.teams
        for row in t.metrics.by_month
        for label, value in (("sessions", row.sessions), ("hours", row.hours), ("practice", row.practice))
    ]
    return pd.DataFrame(rows, columns=["month", "count", "measure"])
