"""The daily drill as a use case the CLI and the web app share: pick today's item, score an answer, keep it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from copilot.practice.drill import DrillItem, DrillScore, choose, item_by_id, score_drill, streak
from copilot.records.drills import DrillAttemptView

if TYPE_CHECKING:
    from copilot.records.access import Actor
    from copilot.records.store import Store


class DrillProgress(BaseModel):
    """Streak and repetitions: the habit, per rep."""

    rep_id: str
    streak: int = Field(description="Consecutive days with a drill up to today (or yesterday).")
    total: int
    today: int = Field(description="Drills done today.")
    repetitions: dict[str, int] = Field(default_factory=dict, description="Drills per item id.")
    average: float | None = Field(default=None, description="Mean share of checks passed, last 10 drills.")


def weakest_criteria(store: Store, actor: Actor, rep_id: str, today: dt.date) -> list[tuple[str, int]]:
    """(criterion, level) lowest first: thresholds the rep misses, then the latest roleplay levels."""
    from copilot.roleplay.progress import trends

    status = store.rep_status(actor, rep_id, today)
    found: dict[str, int] = {}
    for skill in [*status.intervene, *status.self_correcting, *status.verify]:
        if skill.latest is not None:
            found.setdefault(skill.criterion, skill.latest.score)
    for trend in trends(store.roleplay_attempts(actor, rep_id)):
        for crit, level in trend.latest_levels.items():
            if level < 3:
                found[crit] = min(level, found.get(crit, level))
    return sorted(found.items(), key=lambda kv: (kv[1], kv[0]))


def todays_drill(store: Store, actor: Actor, rep_id: str, today: dt.date) -> DrillItem:
    """The manager's assignment first, else the weakest criterion; the least repeated item of that kind."""
    kb = store.kb
    scenarios = [a.scenario for a in store.scenario_assignments(actor, rep_id, status="assigned")]
    activities = [
        a.activity
        for a in store.assignments(actor, rep_id)
        if a.status != "done" and a.activity in kb.activities and kb.activities[a.activity].kind == "drill"
    ]
    reps: dict[str, int] = {}
    for d in store.drill_attempts(actor, rep_id):
        reps[d.item_id] = reps.get(d.item_id, 0) + 1
    return choose(
        kb,
        today,
        weakest=weakest_criteria(store, actor, rep_id, today),
        assigned_scenarios=scenarios,
        assigned_activities=activities,
        repetitions=reps,
    )


def submit_drill(
    store: Store, actor: Actor, rep_id: str, item: DrillItem, text: str, today: dt.date
) -> tuple[DrillScore, DrillAttemptView]:
    """Score the typed answer and keep it with the rep's records."""
    score = score_drill(store.kb, item, text)
    saved = store.add_drill_attempt(
        actor, rep_id, kind=item.kind, item_id=item.item_id, prompt=item.prompt, response=text.strip(),
        score=score.score, checks=[c.model_dump() for c in score.checks], why=item.why, date=today,
    )  # fmt: skip
    return score, saved


def drill_item(store: Store, item_id: str) -> DrillItem:
    """A named objection or value proposition as a drill."""
    return item_by_id(store.kb, item_id)


def progress(store: Store, actor: Actor, rep_id: str, today: dt.date) -> DrillProgress:
    """Streak, totals and repetitions per item."""
    done = store.drill_attempts(actor, rep_id)
    reps: dict[str, int] = {}
    for d in done:
        reps[d.item_id] = reps.get(d.item_id, 0) + 1
    last = done[-10:]
    return DrillProgress(
        rep_id=rep_id,
        streak=streak([d.date for d in done], today),
        total=len(done),
        today=sum(1 for d in done if d.date == today),
        repetitions=dict(sorted(reps.items(), key=lambda kv: -kv[1])),
        average=round(sum(d.score for d in last) / len(last), 3) if last else None,
    )
