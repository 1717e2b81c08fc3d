"""The roleplay use cases both front ends call: choose a scenario, start, resume, rewind, finish, assign, list.

`copilot roleplay` and the Roleplay tab differ only in how they take input and show the conversation; which
scenario is played, which model the buyer uses, which stored session a turn goes to and how the attempt is scored
and compared is decided here, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from copilot.errors import ConfigError, RecordsError
from copilot.roleplay.progress import StoredSession, branch_stored, open_assignment, parent_result, trends
from copilot.roleplay.rewind import compare
from copilot.roleplay.scenarios import assigned, list_scenarios, scenario_from_kb, weakest

if TYPE_CHECKING:
    from copilot.app.core import App, ModelChoice
    from copilot.llm.base import ChatModel
    from copilot.records.access import Actor
    from copilot.records.practice import RoleplayAssignmentView, RoleplaySessionView
    from copilot.records.views import RoleplayAttemptView
    from copilot.roleplay.models import Scenario
    from copilot.roleplay.progress import ScenarioTrend
    from copilot.roleplay.rewind import BranchComparison
    from copilot.roleplay.session import RoleplayResult

WEAKEST = "weakest"
"""The choice of a scenario built from the rep's weakest objection-handling steps (`--weakest`, the picker's first)."""


def scenarios(app: App) -> list[Scenario]:
    """Every scenario in the knowledge base."""
    return list_scenarios(app.kb)


def scenario(app: App, scenario_id: str) -> Scenario:
    """One scenario as written; an unknown id fails with the closest ones."""
    return scenario_from_kb(app.kb, scenario_id)


def choose_scenario(app: App, actor: Actor, choice: str | None, *, rep: str | None, today: dt.date) -> Scenario:
    """The scenario to play: built from the rep's weakest steps, as their manager assigned it, or as written.

    `choice` is a scenario id or WEAKEST; without a rep there is no assignment to look up and no weakest step.
    """
    if choice == WEAKEST:
        if not rep:
            raise ConfigError("--weakest", "needs --rep", fix="add --rep ID")
        return weakest(app.kb, app.store.rep_status(actor, rep, today))
    if not choice:
        raise ConfigError("--scenario", "no scenario given", fix="pass --scenario ID (see `copilot scenarios`)")
    chosen = scenario_from_kb(app.kb, choice)
    if rep:
        found = open_assignment(app.store.scenario_assignments(actor, rep), chosen.id)
        if found:
            return assigned(app.kb, chosen.id, target_level=found.target_level, assignment_id=found.id)
    return chosen


def buyer_model(app: App, *, no_model: bool = False) -> ModelChoice:
    """The model the buyer speaks with, or why it speaks prepared lines (switched off, or failed to load)."""
    return app.model_for("roleplay_buyer", no_model=no_model)


def unfinished(app: App, actor: Actor, rep: str, scenario_id: str | None = None) -> list[RoleplaySessionView]:
    """The rep's unfinished sessions (of one scenario), most recently used first."""
    return app.store.open_roleplay_sessions(actor, rep, scenario=scenario_id)


def start(app: App, actor: Actor, rep: str, chosen: Scenario, model: ChatModel | None) -> StoredSession:
    """A new stored session of the scenario; an unfinished one of it is closed as abandoned."""
    return StoredSession.start(app.store, actor, rep, app.kb, chosen, model)


def resume(app: App, actor: Actor, rep: str, scenario_id: str, model: ChatModel | None) -> StoredSession:
    """The rep's latest unfinished session of the scenario, exactly where it stopped."""
    return StoredSession.resume(app.store, actor, rep, app.kb, scenario_id, model)


def by_id(app: App, actor: Actor, session_id: str, model: ChatModel | None) -> StoredSession:
    """An unfinished session by its id, exactly where it stopped (a finished one can only be rewound)."""
    return StoredSession.by_id(app.store, actor, session_id, app.kb, model)


def current(
    app: App, actor: Actor, rep: str, scenario_id: str, session_id: str, model: ChatModel | None
) -> StoredSession:
    """The session a page or window is playing, only while it is still the rep's latest unfinished one.

    A session finished or started again elsewhere (another window) is refused, so two windows never write
    turns into two different sessions thinking they are one.
    """
    if not is_current(app, actor, rep, scenario_id, session_id):
        raise RecordsError(
            "this roleplay is no longer open (it was finished or started again, perhaps in another window)",
            fix="press Resume to continue the latest unfinished session, or Start a new one",
        )
    return resume(app, actor, rep, scenario_id, model)


def is_current(app: App, actor: Actor, rep: str, scenario_id: str, session_id: str) -> bool:
    """Whether the session is still the rep's latest unfinished one of the scenario."""
    found = unfinished(app, actor, rep, scenario_id)
    return bool(found) and found[0].id == session_id


def rep_turn_positions(app: App, actor: Actor, session_id: str) -> list[int]:
    """Where the rep's turns are in a stored session's conversation (rep turn N is the N-th; one can rewind to it)."""
    turns = app.store.roleplay_session(actor, session_id).state.get("turns", [])
    return [i for i, t in enumerate(turns) if t.get("speaker") == "rep"]


def rewind(
    app: App, actor: Actor, session_id: str, from_turn: int, model: ChatModel | None, today: dt.date | None = None
) -> StoredSession:
    """A new session branched from another just before the rep's `from_turn`-th turn, linked to it.

    An unfinished session rewound from is scored as it stands and saved as an attempt of its own (dated `today`):
    the rep has left that line for a new one, so it no longer waits as "unfinished", and both branches count.
    """
    source = app.store.roleplay_session(actor, session_id)
    stored, _ = branch_stored(app.store, actor, session_id, app.kb, from_turn, model)
    if source.status == "active":
        StoredSession.by_id(app.store, actor, session_id, app.kb, None).finish(today)
    return stored


@dataclass(frozen=True)
class Finished:
    """A scored roleplay: the result, the stored attempt, and for a rewound branch the comparison with its parent."""

    result: RoleplayResult
    attempt: RoleplayAttemptView
    comparison: BranchComparison | None = None


def finish(app: App, actor: Actor, stored: StoredSession, today: dt.date) -> Finished:
    """Score the session, store the attempt (completing an assignment it satisfies) and compare a branch."""
    result, attempt = stored.finish(today)
    comparison = None
    if result.parent_session_id and result.branch_turn:
        before = parent_result(app.store, actor, result.parent_session_id, app.kb)
        comparison = compare(before, result, result.branch_turn)
    return Finished(result, attempt, comparison)


def assign(
    app: App, actor: Actor, rep: str, scenario_id: str, target: str, *, due: dt.date | None, today: dt.date
) -> RoleplayAssignmentView:
    """Assign a scenario with the level every step should reach (the rep's manager or an admin)."""
    chosen = scenario_from_kb(app.kb, scenario_id)  # an unknown id fails with the closest ones
    return app.store.assign_scenario(actor, rep, chosen.id, target or "good", due=due, date=today)


@dataclass(frozen=True)
class RepPractice:
    """A rep's roleplay practice: attempts, trend per scenario, assigned scenarios and unfinished sessions."""

    attempts: list[RoleplayAttemptView]
    trends: list[ScenarioTrend]
    assignments: list[RoleplayAssignmentView]
    unfinished: list[RoleplaySessionView]

    @property
    def open_assignments(self) -> list[RoleplayAssignmentView]:
        """The assignments not yet completed."""
        return [a for a in self.assignments if a.status == "assigned"]


def practice(app: App, actor: Actor, rep: str) -> RepPractice:
    """A rep's roleplay practice (the rep, their manager or an admin)."""
    attempts = app.store.roleplay_attempts(actor, rep)
    return RepPractice(
        attempts, trends(attempts), app.store.scenario_assignments(actor, rep), unfinished(app, actor, rep)
    )


def suggested(app: App, actor: Actor, rep: str, today: dt.date) -> Scenario:
    """The scenario built from the rep's weakest steps as of `today`."""
    return choose_scenario(app, actor, WEAKEST, rep=rep, today=today)
