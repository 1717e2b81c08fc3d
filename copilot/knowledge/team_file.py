"""Schema of a team file (the demo team or a team export), so records can load it and trust its references."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field

from copilot.knowledge.schema import SUPPORTED_VERSION, KnowledgeBase, LevelScore, LineMap, Problem, StrictModel, Text
from copilot.knowledge.yaml_text import Loc, key_path, located

Profile = Literal["new_hire", "struggling", "mid_performer", "star_at_risk", "steady"]
Observer = Literal["manager", "self", "peer", "automatic"]
SessionKind = Literal["one-on-one", "deal-review", "pipeline-review", "forecast-review", "joint-call"]
RecordId = Annotated[str, Field(pattern=r"^\S+$", description="Stable id, unique within the file.")]


class Person(StrictModel):
    """A manager on the team."""

    id: RecordId
    name: Text = Field(description="Full name.")
    email: Text = Field(description="Work email.")


class Rep(Person):
    """A seller on the team."""

    profile: Profile = Field(description="Coaching profile, for demos and filters.")
    start_date: dt.date = Field(description="Date the rep joined.")
    notes: str = Field(default="", description="Manager's background notes.")


class Team(StrictModel):
    """The team: one manager and their reps."""

    id: RecordId
    name: Text = Field(description="Team name.")
    manager: Person = Field(description="The frontline manager.")
    reps: list[Rep] = Field(min_length=1, description="The reps.")


class Observation(StrictModel):
    """One interaction of one rep, scored against its assessment map."""

    id: RecordId
    rep: str = Field(description="Rep id.")
    date: dt.date = Field(description="Date of the interaction.")
    interaction: str = Field(description="Interaction id from the competency model.")
    observer: Observer = Field(description="manager, self, peer or automatic (from a transcript).")
    scores: dict[str, LevelScore] = Field(min_length=1, description="Criterion id -> level (1-4 or its name).")
    evidence: dict[str, str] = Field(default_factory=dict, description="Criterion id -> quote or description.")


class ActionItem(StrictModel):
    """Something someone agreed to do before the next meeting."""

    id: RecordId
    text: Text = Field(description="What will be done, with a count where it applies.")
    owner: Literal["rep", "manager"] = Field(description="Who owns it.")
    due: dt.date = Field(description="Due date.")
    status: Literal["open", "done", "dropped"] = Field(description="open, done or dropped.")
    closed_on: dt.date | None = Field(default=None, description="When it was done or dropped.")


class Session(StrictModel):
    """A coaching conversation and what came out of it."""

    id: RecordId
    rep: str = Field(description="Rep id.")
    date: dt.date = Field(description="Date held.")
    kind: SessionKind = Field(description="Type of meeting.")
    duration_minutes: int = Field(ge=1, le=600, description="Length of the meeting.")
    notes: str = Field(default="", description="The manager's notes.")
    agreements: list[str] = Field(default_factory=list, description="Agreements made, with counts and dates.")
    action_items: list[ActionItem] = Field(default_factory=list, description="Action items.")


class Assignment(StrictModel):
    """A learning activity assigned to a rep."""

    id: RecordId
    rep: str = Field(description="Rep id.")
    activity: str = Field(description="Activity id from the learning catalogue.")
    assigned_on: dt.date = Field(description="Date assigned.")
    due: dt.date = Field(description="Due date.")
    status: Literal["assigned", "in_progress", "done"] = Field(description="assigned, in_progress or done.")
    completed_on: dt.date | None = Field(default=None, description="Date completed.")
    evidence: str | None = Field(default=None, description="What shows it was done (recording, score, note).")


class TeamFile(StrictModel):
    """A team with its observations, coaching sessions and assignments, dated relative to anchor_date."""

    kind: Literal["team"] = Field(description="Always `team`.")
    version: int = Field(ge=SUPPORTED_VERSION, le=SUPPORTED_VERSION, description="Format version (1).")
    anchor_date: dt.date = Field(description="The 'today' the dates were written against.")
    team: Team = Field(description="Manager and reps.")
    observations: list[Observation] = Field(default_factory=list, description="Scored interactions.")
    sessions: list[Session] = Field(default_factory=list, description="Coaching sessions.")
    assignments: list[Assignment] = Field(default_factory=list, description="Learning assignments.")

    def shifted(self, today: dt.date) -> TeamFile:
        """The same file with every date moved so anchor_date becomes `today`, keeping the demo's stories current."""
        delta = today - self.anchor_date
        return TeamFile.model_validate(_shift_dates(self.model_dump(), delta))


def _shift_dates(value: Any, delta: dt.timedelta) -> Any:
    """Move every date in a dumped structure by delta."""
    if isinstance(value, dt.date):
        return value + delta
    if isinstance(value, dict):
        return {k: _shift_dates(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift_dates(v, delta) for v in value]
    return value


class _Reporter:
    """Collects problems for one team file, resolving lines from its line map."""

    def __init__(self, path: str, lines: LineMap | None) -> None:
        self.path = path
        self.lines = lines or {}
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str, fix: str) -> None:
        self.problems.append(located(self.path, self.lines, loc, message, fix))


def validate_team_file(
    team: TeamFile, kb: KnowledgeBase | None, *, path: str = "team.yaml", lines: LineMap | None = None
) -> list[Problem]:
    """Check a team file's internal references and, given a knowledge base, its criteria, interactions and activities."""
    report = _Reporter(path, lines)
    _check_ids(team, report)
    _check_internal(team, report)
    if kb is not None:
        _check_against_kb(team, kb, report)
    return report.problems


def _check_ids(team: TeamFile, report: _Reporter) -> None:
    """Every record id is unique in the file, so records can upsert by id."""
    seen: dict[str, tuple[str | int, ...]] = {}
    locs: list[tuple[tuple[str | int, ...], str]] = [(("team", "manager", "id"), team.team.manager.id)]
    locs += [(("team", "reps", i, "id"), rep.id) for i, rep in enumerate(team.team.reps)]
    locs += [(("observations", i, "id"), o.id) for i, o in enumerate(team.observations)]
    for i, session in enumerate(team.sessions):
        locs.append((("sessions", i, "id"), session.id))
        locs += [(("sessions", i, "action_items", j, "id"), a.id) for j, a in enumerate(session.action_items)]
    locs += [(("assignments", i, "id"), a.id) for i, a in enumerate(team.assignments)]
    for loc, record_id in locs:
        if record_id in seen:
            first = report.lines.get(seen[record_id])
            report.add(
                loc,
                f"duplicate id {record_id!r} (first used at {key_path(seen[record_id])}, line {first})",
                "give each record its own id",
            )
        else:
            seen[record_id] = loc


def _check_internal(team: TeamFile, report: _Reporter) -> None:
    """Rep references resolve, evidence matches scores, and closed things say when they closed."""
    reps = {r.id for r in team.team.reps}
    fix_rep = f"use one of the rep ids in team.reps: {', '.join(sorted(reps))}"
    for i, obs in enumerate(team.observations):
        if obs.rep not in reps:
            report.add(("observations", i, "rep"), f"unknown rep {obs.rep!r}", fix_rep)
        for crit in obs.evidence:
            if crit not in obs.scores:
                report.add(
                    ("observations", i, "evidence", crit),
                    f"evidence for {crit!r}, which has no score",
                    f"add a score for {crit} or remove its evidence",
                )
    for i, session in enumerate(team.sessions):
        if session.rep not in reps:
            report.add(("sessions", i, "rep"), f"unknown rep {session.rep!r}", fix_rep)
        for j, item in enumerate(session.action_items):
            if item.status != "open" and item.closed_on is None:
                report.add(
                    ("sessions", i, "action_items", j, "closed_on"),
                    f"action item {item.id!r} is {item.status} but has no closed_on date",
                    "add closed_on: YYYY-MM-DD",
                )
    for i, asg in enumerate(team.assignments):
        if asg.rep not in reps:
            report.add(("assignments", i, "rep"), f"unknown rep {asg.rep!r}", fix_rep)
        if asg.status == "done" and asg.completed_on is None:
            report.add(
                ("assignments", i, "completed_on"),
                f"assignment {asg.id!r} is done but has no completed_on",
                "add completed_on: YYYY-MM-DD",
            )
        if asg.due < asg.assigned_on:
            report.add(
                ("assignments", i, "due"),
                f"assignment {asg.id!r} is due before it was assigned",
                "set due on or after assigned_on",
            )


def _check_against_kb(team: TeamFile, kb: KnowledgeBase, report: _Reporter) -> None:
    """Interactions, criteria and activities named in the file exist in the knowledge base."""
    for i, obs in enumerate(team.observations):
        if obs.interaction not in kb.interactions:
            report.add(
                ("observations", i, "interaction"),
                f"unknown interaction {obs.interaction!r}",
                f"use an interaction id from the competency model: {', '.join(sorted(kb.interactions))}",
            )
            continue
        for crit in obs.scores:
            criterion = kb.criteria.get(crit)
            if criterion is None:
                report.add(
                    ("observations", i, "scores", crit),
                    f"unknown criterion {crit!r}",
                    f"use a criterion id of {obs.interaction}: "
                    f"{', '.join(c.id for c in kb.criteria_of(obs.interaction))}",
                )
            elif criterion.interaction != obs.interaction:
                report.add(
                    ("observations", i, "scores", crit),
                    f"criterion {crit!r} belongs to {criterion.interaction}, not {obs.interaction}",
                    "score only the criteria of the observed interaction, or fix the interaction",
                )
    for i, asg in enumerate(team.assignments):
        if asg.activity not in kb.activities:
            report.add(
                ("assignments", i, "activity"),
                f"unknown activity {asg.activity!r}",
                "use an activity id from the learning catalogue (act-...)",
            )
