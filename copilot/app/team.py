"""A manager's records: load a team, see who needs the manager now, capture a conversation, assign and reconcile.

The use cases behind `copilot team|note|observe|actions|assign|scorecard` and the manager's, rep's and scorecard
pages. Each takes the App and who acts; the records store enforces who may see and change what.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.records.access import Actor

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.prep.models import Priority
    from copilot.records.policy import RepStatus, SkillStatus
    from copilot.records.practice_card import PracticeCard
    from copilot.records.scorecard import Scorecard
    from copilot.records.transfer import ImportSummary
    from copilot.records.views import ActionItemView, Assignment, Observation, RepView, Session, TeamView

DEFAULT_DUE_DAYS = 7
"""An action item or assignment without a date is due a week after the meeting."""


def load_team(
    app: App, actor: Actor, file: Path | None = None, *, shift: bool = True, today: dt.date | None = None
) -> ImportSummary:
    """Load a team file (the demo team by default), upserting every record by id; dates move so anchor_date is today."""
    from copilot.records.reference import demo_team_file

    path = file or demo_team_file(app.settings)
    return app.store.load_team_file(actor, path, shift=shift, today=today)


TeamReport = list[tuple["TeamView", dict[str, "RepStatus"]]]


def teams_status(app: App, actor: Actor, team_id: str | None, day: dt.date) -> TeamReport:
    """Every team the actor may see (or one), each rep with their trust-but-verify status on `day`."""
    store = app.store
    teams = [store.team(actor, team_id)] if team_id else store.teams(actor)
    return [(t, {r.id: store.rep_status(actor, r.id, day) for r in t.reps}) for t in teams]


STAKE_KINDS = ("retention", "compliance", "commitment")
"""What can outrank a skill gap on the team view: the order the brief raises them in (docs/records.md)."""


def rep_stakes(app: App, actor: Actor, rep_id: str, day: dt.date) -> list[Priority]:
    """What is at stake with one rep beyond skills (retention risk, false claims to buyers, broken commitments with
    evidence), most urgent first, each with its reason and citations: read by the same rules as the prep brief."""
    from copilot.prep.stakes import Records, priorities

    records = Records.read(app.store, actor, rep_id, day)
    return [p for p in priorities(records, app.store.kb, []) if p.kind in STAKE_KINDS]


def team_stakes(app: App, actor: Actor, report: TeamReport, day: dt.date) -> dict[str, list[Priority]]:
    """Per rep of every team in the report, what is at stake (see `rep_stakes`)."""
    return {r.id: rep_stakes(app, actor, r.id, day) for t, _ in report for r in t.reps}


@dataclass
class TeamRows:
    """One team's reps with their status and open action items, and the criterion trends of its scorecard."""

    team: TeamView
    rows: list[tuple[RepView, RepStatus, list[ActionItemView]]]
    trends: dict[str, dict[str, float]]
    stakes: dict[str, list[Priority]] = field(default_factory=dict)


def team_rows(app: App, actor: Actor, team_id: str, day: dt.date) -> TeamRows:
    """Who needs intervention now and why, who is self-correcting, what is overdue, and the criterion trends."""
    store = app.store
    team = store.team(actor, team_id)
    rows = [(r, store.rep_status(actor, r.id, day), store.action_items(actor, r.id, status="open")) for r in team.reps]
    card = store.scorecard(actor, team_id=team_id, today=day)
    stakes = {r.id: rep_stakes(app, actor, r.id, day) for r in team.reps}
    return TeamRows(team, rows, card.teams[0].metrics.criterion_trends if card.teams else {}, stakes)


@dataclass
class RepRecords:
    """Everything kept about one rep, as the rep's page, the manager's 1-on-1 tab and `team show --rep` read it."""

    profile: RepView
    status: RepStatus
    observations: list[Observation]
    sessions: list[Session]
    assignments: list[Assignment]
    action_items: list[ActionItemView]

    @property
    def open_items(self) -> list[ActionItemView]:
        """The action items still to reconcile, by due date."""
        return [i for i in self.action_items if i.status == "open"]


def rep_records(app: App, actor: Actor, rep_id: str, day: dt.date) -> RepRecords:
    """A rep's status, assessments, notes, assignments and action items (the store refuses other teams' reps)."""
    store = app.store
    profile = store.rep(actor, rep_id)
    return RepRecords(
        profile=profile,
        status=store.rep_status(actor, rep_id, day),
        observations=store.observations(actor, rep_id),
        sessions=store.sessions(actor, rep_id),
        assignments=store.assignments(actor, rep_id),
        action_items=store.action_items(actor, rep_id),
    )


def observe(
    app: App,
    actor: Actor,
    rep_id: str,
    interaction: str,
    levels: Mapping[str, int | str],
    *,
    evidence: Mapping[str, str] | None = None,
    day: dt.date | None = None,
    observer: str = "manager",
) -> tuple[Observation, list[SkillStatus]]:
    """Record one observed interaction, and the scored skills that now call for the manager to step in."""
    store = app.store
    obs = store.add_observation(actor, rep_id, interaction, levels, evidence=evidence, date=day, observer=observer)
    status = store.rep_status(actor, rep_id, max(obs.date, app.today()))
    return obs, [s for s in status.intervene if s.criterion in obs.scores]


def save_session(
    app: App,
    actor: Actor,
    rep_id: str,
    *,
    notes: str = "",
    day: dt.date | None = None,
    kind: str = "one-on-one",
    minutes: int = 30,
    agreements: Sequence[str] = (),
    actions: Sequence[str] = (),
) -> Session:
    """Save a coaching conversation with its agreements and action items (`text; due=…; owner=…`).

    An item's deadline is `due=` (a date or a day as people write it), else the one its words give ('… by
    Friday'), else a week after the meeting; its owner is `owner=`, else the manager for an item written as
    'I'll…', else the rep.
    """
    from copilot.app.review import parse_due
    from copilot.records.inputs import parse_action_spec

    day = day or app.today()
    default_due = day + dt.timedelta(days=DEFAULT_DUE_DAYS)
    rep_name = app.store.rep(actor, rep_id).name if actions else ""
    specs = [
        parse_action_spec(
            line,
            default_due,
            read_due=lambda words: parse_due(words, day),
            deadline_in=lambda text: deadline_in(text, day),
            rep_names=[rep_name],
            what=f"action item {number}" if len(actions) > 1 else "action item",
        )
        for number, line in enumerate(actions, 1)
    ]
    return app.store.add_session(
        actor,
        rep_id,
        notes=notes,
        date=day,
        kind=kind,
        duration_minutes=minutes,
        agreements=list(agreements),
        actions=specs,
    )


def deadline_in(text: str, day: dt.date) -> dt.date | None:
    """The deadline an action item's own words give, as a date on or after `day`: the last time phrase that ends
    the item or follows 'by', 'before', 'until' or 'due' ('Book six meetings by Friday', 'Send the deck Monday').
    A date-like word inside the item ('the 3rd-quarter plan') is not a deadline."""
    from copilot.app.review import parse_due
    from copilot.review.commitments import DUE_RE

    for found in reversed(list(DUE_RE.finditer(text))):
        ends = not text[found.end() :].strip(" .!;,")
        led = re.search(r"\b(by|before|until|till|due|no later than)\s*$", text[: found.start()], re.IGNORECASE)
        if ends or led or re.match(r"(by|before|until|till)\b", found.group(0), re.IGNORECASE):
            return parse_due(found.group(0), day)
    return None


def close_action_item(
    app: App, actor: Actor, item_id: str, status: str = "done", *, day: dt.date | None = None
) -> ActionItemView:
    """Reconcile an action item: done or dropped (the rep closes only their own)."""
    return app.store.close_action_item(actor, item_id, status=status, on=day or app.today())


def assign(
    app: App, actor: Actor, rep_id: str, activity: str, *, due: dt.date | None = None, day: dt.date | None = None
) -> Assignment:
    """Assign a catalogue activity (drills and roleplays included), due in a week unless a date is given."""
    return app.store.assign(actor, rep_id, activity, due=due, assigned_on=day or app.today())


def complete_assignment(
    app: App, actor: Actor, assignment_id: str, evidence: str | None = None, *, day: dt.date | None = None
) -> Assignment:
    """Mark an assignment done, with what shows it."""
    shown = (evidence or "").strip() or None
    return app.store.complete_assignment(actor, assignment_id, evidence=shown, on=day or app.today())


def activity_title(app: App, activity_id: str) -> str:
    """An activity's title from the catalogue, or its id when the catalogue no longer has it."""
    found = app.kb.activities.get(activity_id)
    return found.title if found is not None else activity_id


def scorecard(
    app: App,
    actor: Actor,
    *,
    team_id: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> Scorecard:
    """Coaching coverage and effectiveness per manager, team and rep over a date range (aggregates only)."""
    return app.store.scorecard(actor, team_id=team_id, since=since, until=until, today=today or app.today())


def practice(app: App, actor: Actor, *, team_id: str | None = None, today: dt.date | None = None) -> PracticeCard:
    """The practice programme under the scorecard: AI scores changed by humans, certification counts."""
    from copilot.records.practice_card import practice_card

    return practice_card(app.store, actor, today=today or app.today(), team_id=team_id)
