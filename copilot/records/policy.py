"""Trust but verify: pure rules that say which skills a rep fixes alone and when the manager must step in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from copilot.knowledge.schema import LEVEL_BY_SCORE

Tier = Literal["basic", "advanced"]
State = Literal[
    "on_track",
    "self_correcting",
    "verify",
    "intervene",
    "not_observed",
    "ready_to_coach",
    "adopted",
    "waiting_on_basics",
]
COUNTED_OBSERVERS = frozenset({"manager", "peer", "automatic"})
"""Self-assessments are shown but never decide a threshold: verification needs someone other than the rep."""
EXCELLENT = 4
ADOPTION_MIN = 2
"""An advanced skill counts as adopted once held at threshold in at least this many recent observations."""


class CriterionPolicy(BaseModel):
    """The effective rule for one criterion: methodology defaults, criterion, team and promotion overrides applied."""

    model_config = ConfigDict(frozen=True)

    criterion: str = Field(description="Criterion id.")
    title: str = Field(description="Criterion title.")
    interaction: str = Field(description="Interaction id.")
    category: str = Field(default="rep-customer", description="rep-customer or manager-rep.")
    tier: Tier = Field(description="basic (threshold applies) or advanced (manager coaches).")
    threshold: int = Field(ge=1, le=4, description="Lowest acceptable level, 1-4.")
    breaches: int = Field(ge=1, description="Misses among the last `of_last` observations that call the manager.")
    of_last: int = Field(ge=1, description="How many recent observations count.")
    window_days: int = Field(ge=0, description="Days the rep has to self-correct after the first miss.")
    source: str = Field(default="methodology", description="Where the numbers come from: methodology, team, promotion.")


class Override(BaseModel):
    """A team's override of some policy numbers for one criterion (None keeps the methodology's value)."""

    model_config = ConfigDict(frozen=True)

    threshold: int | None = Field(default=None, ge=1, le=4)
    breaches: int | None = Field(default=None, ge=1)
    of_last: int | None = Field(default=None, ge=1)
    window_days: int | None = Field(default=None, ge=0)


class ScorePoint(BaseModel):
    """One observed level of one criterion, with where it came from so a flag can cite it."""

    model_config = ConfigDict(frozen=True)

    observation_id: str
    date: dt.date
    score: int = Field(ge=1, le=4)
    observer: str = "manager"
    evidence: str | None = None


class SkillStatus(BaseModel):
    """Where a rep stands on one criterion today, and why."""

    criterion: str
    title: str
    interaction: str
    tier: Tier
    state: State
    policy: CriterionPolicy
    latest: ScorePoint | None = Field(default=None, description="Most recent counted observation.")
    recent: list[ScorePoint] = Field(default_factory=list, description="The last `of_last` counted observations.")
    misses: list[ScorePoint] = Field(
        default_factory=list, description="Recent observations below threshold: the proof."
    )
    window_started: dt.date | None = Field(default=None, description="Date of the first miss of the current slip.")
    window_ends: dt.date | None = Field(default=None, description="When breaches start to call the manager.")
    reason: str = Field(description="One sentence a manager or rep can read.")


class RepStatus(BaseModel):
    """A rep's skills sorted into what the rep fixes alone and what the manager does now."""

    rep_id: str
    today: dt.date
    intervene: list[SkillStatus] = Field(default_factory=list, description="Manager steps in now.")
    self_correcting: list[SkillStatus] = Field(default_factory=list, description="Below threshold, window still open.")
    verify: list[SkillStatus] = Field(
        default_factory=list,
        description="Window over, last observation below threshold, too few misses yet: observe again.",
    )
    on_track: list[SkillStatus] = Field(default_factory=list, description="Basics at or above threshold.")
    ready_to_coach: list[SkillStatus] = Field(default_factory=list, description="Advanced skills worth coaching next.")
    adopted: list[SkillStatus] = Field(default_factory=list, description="Advanced skills ready to promote to basic.")
    waiting_on_basics: list[SkillStatus] = Field(default_factory=list, description="Advanced skills after the basics.")
    not_observed: list[SkillStatus] = Field(
        default_factory=list, description="Basics of observed interactions never scored."
    )
    unobserved_interactions: list[str] = Field(default_factory=list, description="Interactions never observed.")

    def skills(self) -> list[SkillStatus]:
        """Every skill status in one list, most urgent first."""
        return [
            *self.intervene,
            *self.self_correcting,
            *self.verify,
            *self.ready_to_coach,
            *self.adopted,
            *self.waiting_on_basics,
            *self.on_track,
            *self.not_observed,
        ]


def level_name(score: int) -> str:
    """`Good` for 3, so reasons read like the methodology."""
    return LEVEL_BY_SCORE[score].label


def resolve_policy(
    base: CriterionPolicy, override: Override | None = None, promoted_threshold: int | None = None
) -> CriterionPolicy:
    """Apply a team override, then a promotion (which makes the skill basic with its own threshold)."""
    values = base.model_dump()
    if override is not None:
        changed = {k: v for k, v in override.model_dump().items() if v is not None}
        if changed:
            values |= changed | {"source": "team"}
    if promoted_threshold is not None:
        values |= {"tier": "basic", "threshold": promoted_threshold, "source": "promotion"}
    values["breaches"] = min(values["breaches"], values["of_last"])
    return CriterionPolicy.model_validate(values)


def counted(points: Iterable[ScorePoint], today: dt.date) -> list[ScorePoint]:
    """Observations that decide thresholds: not self-assessed, not after today, oldest first."""
    return sorted(
        (p for p in points if p.observer in COUNTED_OBSERVERS and p.date <= today),
        key=lambda p: (p.date, p.observation_id),
    )


def slip_start(points: Sequence[ScorePoint], policy: CriterionPolicy) -> dt.date | None:
    """First miss of the current slip: it starts with a miss and ends once `of_last` observations in a row are clean."""
    start: dt.date | None = None
    for k in range(len(points)):
        window = points[max(0, k - policy.of_last + 1) : k + 1]
        misses = [p for p in window if p.score < policy.threshold]
        if not misses:
            start = None
        elif start is None:
            start = misses[0].date
    return start


def _status(
    policy: CriterionPolicy,
    state: State,
    reason: str,
    history: Sequence[ScorePoint] = (),
    misses: Sequence[ScorePoint] = (),
    window: tuple[dt.date, dt.date] | None = None,
) -> SkillStatus:
    """A SkillStatus for a policy, its counted history and the misses that prove the state."""
    return SkillStatus(
        criterion=policy.criterion,
        title=policy.title,
        interaction=policy.interaction,
        tier=policy.tier,
        state=state,
        policy=policy,
        latest=history[-1] if history else None,
        recent=list(history[-policy.of_last :]),
        misses=list(misses),
        window_started=window[0] if window else None,
        window_ends=window[1] if window else None,
        reason=reason,
    )


def evaluate_basic(policy: CriterionPolicy, points: Sequence[ScorePoint], today: dt.date) -> SkillStatus:
    """A basic skill: on track, in its self-correction window, or past it with enough misses to call the manager."""
    history = counted(points, today)
    if not history:
        return _status(policy, "not_observed", "not observed yet by a manager, peer or transcript")
    recent = history[-policy.of_last :]
    misses = [p for p in recent if p.score < policy.threshold]
    level = level_name(policy.threshold)
    if not misses:
        return _status(policy, "on_track", f"the last {len(recent)} observation(s) at {level} or better", history)
    start = slip_start(history, policy) or misses[0].date
    window = (start, start + dt.timedelta(days=policy.window_days))
    count = (
        f"{len(misses)} of the last {len(recent)} observations below {level}"
        if len(recent) > 1
        else f"the only observation so far is below {level}"
    )
    if today < window[1]:
        reason = (
            f"{count}; the rep has until {window[1].isoformat()} to self-correct "
            f"(the manager steps in at {policy.breaches} of {policy.of_last} after that)"
        )
        return _status(policy, "self_correcting", reason, history, misses, window)
    if len(misses) >= policy.breaches:
        proof = ", ".join(f"{p.observation_id} ({p.date.isoformat()}: {level_name(p.score)})" for p in misses)
        reason = (
            f"{count} after the rep's {policy.window_days} days to self-correct "
            f"({start.isoformat()} to {window[1].isoformat()}) ran out: {proof}"
        )
        return _status(policy, "intervene", reason, history, misses, window)
    reason = f"{count}; the manager steps in at {policy.breaches} of {policy.of_last}"
    if history[-1].score < policy.threshold:
        reason += (
            f"; the window closed {window[1].isoformat()} and the last observation is below {level}: observe again"
        )
        return _status(policy, "verify", reason, history, misses, window)
    return _status(policy, "on_track", reason, history, misses, window)


def evaluate_advanced(
    policy: CriterionPolicy, points: Sequence[ScorePoint], basics: Sequence[SkillStatus], today: dt.date
) -> SkillStatus:
    """An advanced skill: wait for the interaction's basics, coach it, or call it adopted once held at threshold."""
    history = counted(points, today)
    recent = history[-policy.of_last :]
    gaps = [p for p in recent if p.score < EXCELLENT]
    observed = [b for b in basics if b.state != "not_observed"]
    troubled = [b.criterion for b in observed if b.state in ("intervene", "self_correcting", "verify")]
    if troubled:
        reason = f"fix the basics of {policy.interaction} first: {', '.join(troubled)}"
        return _status(policy, "waiting_on_basics", reason, history, gaps)
    if not observed:
        return _status(policy, "waiting_on_basics", f"no basic of {policy.interaction} observed yet", history, gaps)
    if not history:
        return _status(policy, "ready_to_coach", "basics on track; this skill is not observed yet")
    latest = history[-1]
    level = level_name(policy.threshold)
    if len(recent) >= ADOPTION_MIN and all(p.score >= policy.threshold for p in recent):
        reason = (
            f"held at {level} or better in the last {len(recent)} observations: promote it to basic "
            f"with threshold {level} and coach the next skill"
        )
        return _status(policy, "adopted", reason, history, gaps)
    one_more = len(recent) == ADOPTION_MIN - 1 and latest.score >= policy.threshold
    reason = (
        f"basics on track; latest {level_name(latest.score)} ({latest.observation_id}, {latest.date.isoformat()})"
        + (f"; one more at {level} or better makes it adopted" if one_more else "")
    )
    return _status(policy, "ready_to_coach", reason, history, gaps)


def _urgency(status: SkillStatus) -> tuple[int, int, str]:
    """Lowest latest level first, then most misses, so the first item is the one to coach."""
    latest = status.latest.score if status.latest else EXCELLENT + 1
    return (latest, -len(status.misses), status.criterion)


def evaluate_rep(
    rep_id: str,
    policies: Mapping[str, CriterionPolicy],
    history: Mapping[str, Sequence[ScorePoint]],
    today: dt.date,
) -> RepStatus:
    """Sort every criterion of every interaction the rep was observed in (before `today`) into the policy's buckets."""
    observed_interactions = {
        policies[c].interaction for c, pts in history.items() if c in policies and counted(pts, today)
    }
    status = RepStatus(rep_id=rep_id, today=today)
    status.unobserved_interactions = sorted(
        {p.interaction for p in policies.values() if p.category == "rep-customer"} - observed_interactions
    )
    basics: dict[str, list[SkillStatus]] = {}
    for policy in policies.values():
        if policy.tier == "basic" and policy.interaction in observed_interactions:
            result = evaluate_basic(policy, history.get(policy.criterion, ()), today)
            basics.setdefault(policy.interaction, []).append(result)
            getattr(status, result.state).append(result)
    for policy in policies.values():
        if policy.tier == "advanced" and policy.interaction in observed_interactions:
            result = evaluate_advanced(
                policy, history.get(policy.criterion, ()), basics.get(policy.interaction, []), today
            )
            getattr(status, result.state).append(result)
    status.intervene.sort(key=_urgency)
    status.self_correcting.sort(key=lambda s: (s.window_ends or today, s.criterion))
    status.ready_to_coach.sort(key=_urgency)
    return status
