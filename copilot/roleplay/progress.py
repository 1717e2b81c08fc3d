"""Repetition: roleplays saved with the rep's records as they happen, attempts per scenario, trends, assignments."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from copilot.errors import RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel
from copilot.roleplay.models import Scenario
from copilot.roleplay.session import RoleplayResult, RoleplaySession, Snapshot

if TYPE_CHECKING:
    import datetime as dt

    from copilot.records.access import Actor
    from copilot.records.practice import RoleplayAssignmentView
    from copilot.records.store import Store
    from copilot.records.views import RoleplayAttemptView


class AttemptPoint(BaseModel):
    """One stored attempt, as a point on the trend."""

    attempt_id: str
    date: str
    overall: float
    outcome: str
    levels: dict[str, int] = Field(default_factory=dict)


class ScenarioTrend(BaseModel):
    """How a rep's attempts at one scenario went over time."""

    scenario: str
    attempts: list[AttemptPoint]
    best: float
    change: float = Field(description="Last overall minus first overall.")
    direction: Literal["first attempt", "improving", "flat", "declining"]
    latest_levels: dict[str, int] = Field(default_factory=dict)


class StoredSession:
    """A roleplay whose every turn is saved with the rep's records, so it survives an interruption."""

    def __init__(self, store: Store, actor: Actor, session_id: str, session: RoleplaySession) -> None:
        self.store = store
        self.actor = actor
        self.id = session_id
        self.session = session

    @classmethod
    def start(
        cls, store: Store, actor: Actor, rep_id: str, kb: KnowledgeBase, scenario: Scenario, model: ChatModel | None
    ) -> StoredSession:
        """A new session for the rep; older unfinished sessions of the scenario are closed as abandoned."""
        for old in store.open_roleplay_sessions(actor, rep_id, scenario=scenario.id):
            store.abandon_roleplay_session(actor, old.id)
        session = RoleplaySession(kb, scenario, model)
        view = store.start_roleplay_session(actor, rep_id, scenario.id, session.snapshot().model_dump(mode="json"))
        session.on_change = _saver(store, actor, view.id)
        return cls(store, actor, view.id, session)

    @classmethod
    def resume(
        cls, store: Store, actor: Actor, rep_id: str, kb: KnowledgeBase, scenario_id: str, model: ChatModel | None
    ) -> StoredSession:
        """The rep's most recent unfinished session of the scenario, exactly where it stopped."""
        found = store.open_roleplay_sessions(actor, rep_id, scenario=scenario_id)
        if not found:
            raise RecordsError(f"{rep_id} has no unfinished session of {scenario_id}", fix="start one without --resume")
        view = found[0]
        session = RoleplaySession.restore(kb, view.state, model, on_change=_saver(store, actor, view.id))
        return cls(store, actor, view.id, session)

    @classmethod
    def by_id(
        cls, store: Store, actor: Actor, session_id: str, kb: KnowledgeBase, model: ChatModel | None
    ) -> StoredSession:
        """An unfinished session by its id, exactly where it stopped (a finished one can only be rewound)."""
        view = store.roleplay_session(actor, session_id)
        if view.status != "active":
            raise RecordsError(
                f"roleplay session {session_id} is {view.status}",
                fix=f"rewind it instead: --resume {session_id} --from-turn N",
            )
        session = RoleplaySession.restore(kb, view.state, model, on_change=_saver(store, actor, view.id))
        return cls(store, actor, view.id, session)

    def finish(self, date: dt.date | None = None) -> tuple[RoleplayResult, RoleplayAttemptView]:
        """Score the session, store the attempt and close the session; complete an assignment it satisfies."""
        self.session.on_change = None  # the finished snapshot is written with the attempt, in one transaction
        result = self.session.finish()
        payload = result.payload()
        transcript = payload.pop("turns")
        attempt = self.store.finish_roleplay_session(
            self.actor,
            self.id,
            transcript=transcript,
            scores={
                **payload,
                "objections": result.scenario.objections,
                "assignment_id": result.scenario.assignment_id,
            },
            state=self.session.snapshot().model_dump(mode="json"),
            date=date,
        )
        scenario = result.scenario
        if scenario.assignment_id and scenario.target_level and reached(result, scenario.target_level):
            self.store.complete_scenario_assignment(self.actor, scenario.assignment_id, attempt.id, date=date)
        return result, attempt


def _saver(store: Store, actor: Actor, session_id: str) -> Callable[[Snapshot], None]:
    def save(snapshot: Snapshot) -> None:
        store.save_roleplay_session(actor, session_id, snapshot.model_dump(mode="json"))

    return save


def reached(result: RoleplayResult, target_level: int) -> bool:
    """Every scored step at or above the target."""
    return bool(result.score.scores) and all(c.level >= target_level for c in result.score.scores)


def _point(a: RoleplayAttemptView) -> AttemptPoint:
    scores: dict[str, Any] = a.scores
    levels = {s["criterion_id"]: int(s["level"]) for s in scores.get("scores", []) if "criterion_id" in s}
    overall = float(scores.get("overall") or (sum(levels.values()) / len(levels) if levels else 0.0))
    return AttemptPoint(
        attempt_id=a.id, date=a.date.isoformat(), overall=overall, outcome=str(scores.get("outcome", "")), levels=levels
    )


def trends(attempts: list[RoleplayAttemptView]) -> list[ScenarioTrend]:
    """One trend per scenario the rep has practised, in the order first practised."""
    by_scenario: dict[str, list[AttemptPoint]] = {}
    for a in attempts:
        by_scenario.setdefault(a.scenario, []).append(_point(a))
    out = []
    for scenario, points in by_scenario.items():
        last = points[-1]
        if len(points) == 1:
            direction: Literal["first attempt", "improving", "flat", "declining"] = "first attempt"
        else:
            step = last.overall - points[-2].overall
            direction = "improving" if step > 0 else "declining" if step < 0 else "flat"
        out.append(
            ScenarioTrend(
                scenario=scenario,
                attempts=points,
                best=max(p.overall for p in points),
                change=round(last.overall - points[0].overall, 2),
                direction=direction,
                latest_levels=last.levels,
            )
        )
    return out


def open_assignment(assignments: list[RoleplayAssignmentView], scenario_id: str) -> RoleplayAssignmentView | None:
    """The oldest open assignment of this scenario, which a run of it answers."""
    return next((a for a in assignments if a.scenario == scenario_id and a.status == "assigned"), None)


def branch_stored(
    store: Store, actor: Actor, session_id: str, kb: KnowledgeBase, from_turn: int, model: ChatModel | None
) -> tuple[StoredSession, RoleplayResult]:
    """A new stored session rewound from another to just before the rep's `from_turn`-th turn, and the parent's
    result (its stored score when it was finished, else scored where it stands) to compare the branch with."""
    from copilot.roleplay.rewind import branch_snapshot

    view = store.roleplay_session(actor, session_id)
    parent = Snapshot.model_validate(view.state)
    snapshot = branch_snapshot(kb, parent, from_turn, parent_id=view.id)
    started = store.start_roleplay_session(actor, view.rep_id, view.scenario, snapshot.model_dump(mode="json"))
    session = RoleplaySession(
        kb, snapshot.scenario, model, snapshot=snapshot, on_change=_saver(store, actor, started.id)
    )
    return StoredSession(store, actor, started.id, session), parent_result(store, actor, view.id, kb)


def parent_result(store: Store, actor: Actor, session_id: str, kb: KnowledgeBase) -> RoleplayResult:
    """A session's result to compare a branch with: scored as it was saved (the same words give the same score)."""
    view = store.roleplay_session(actor, session_id)
    snapshot = Snapshot.model_validate(view.state)
    return RoleplaySession(kb, snapshot.scenario, None, snapshot=snapshot).finish()
