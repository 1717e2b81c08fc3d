"""The practice programme's use cases both front ends call: human review of AI scores, certifications, calibration
and the daily drill.

`copilot reviews|certify|calibrate|drill` and the web app's practice pages parse their input into these calls and
render what they return, so a level typed as `crit=level`, a certification's rules or a drill's score read the
same in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.errors import RecordsError

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.practice.daily import DrillProgress
    from copilot.practice.drill import DrillItem, DrillScore
    from copilot.records.access import Actor
    from copilot.records.calibration import AgreementPoint, CalibrationView
    from copilot.records.certification import CertRules, CertStatus, CertSummary, CertView
    from copilot.records.drills import DrillAttemptView, DrillFrequency
    from copilot.records.score_review import OverrideReport, QueueItem, ReviewSubject

EXAMPLE = "objection-handling.checks=3"


# ---- criterion=level, as typed -------------------------------------------------------------------------------


def criterion_level(part: str, option: str = "") -> tuple[str, str]:
    """One `criterion=level` as (criterion, level text); the store checks the level. `option` names the flag."""
    crit, sep, level = part.partition("=")
    if not sep or not crit.strip() or not level.strip():
        named = f"{option} " if option else ""
        raise RecordsError(f"{named}{part!r} is not criterion=level", fix=f"write e.g. {named}{EXAMPLE}")
    return crit.strip(), level.strip()


def criterion_levels(text: str, option: str = "") -> dict[str, str]:
    """`crit=4,crit2=good` (commas or new lines between them) as criterion -> level text."""
    parts = (p.strip() for p in (text or "").replace("\n", ",").split(","))
    return dict(criterion_level(p, option) for p in parts if p)


def review_changes(sets: Sequence[str], reasons: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Levels to change (`crit=level` each) with their reasons: one reason for all, or one per change in order."""
    if reasons and len(reasons) not in (1, len(sets)):
        raise RecordsError(
            f"{len(sets)} --set but {len(reasons)} --reason", fix="give one --reason for all, or one per --set"
        )
    out = {}
    for i, item in enumerate(sets):
        crit, level = criterion_level(item, "--set")
        out[crit] = (level, reasons[i] if len(reasons) == len(sets) else (reasons[0] if reasons else ""))
    return out


# ---- human review of AI scores -------------------------------------------------------------------------------


def review_queue(app: App, actor: Actor, rep: str | None = None) -> list[QueueItem]:
    """Scored roleplays and reviewed calls the actor may review, those awaiting approval first."""
    return app.store.review_queue(actor, rep_id=rep)


def score_for_review(app: App, actor: Actor, kind: str, subject_id: str) -> ReviewSubject:
    """One scored attempt with the quoted evidence per criterion and its audit trail."""
    return app.store.score_for_review(actor, kind, subject_id)


def approve(
    app: App,
    actor: Actor,
    kind: str,
    subject_id: str,
    *,
    seen_version: int,
    changes: Mapping[str, tuple[str, str]] | None = None,
    note: str = "",
) -> ReviewSubject:
    """Approve the levels as reviewed, some changed with a reason; refused if someone approved since."""
    return app.store.approve_score(actor, kind, subject_id, seen_version=seen_version, changes=changes, note=note)


def name_reviewer(app: App, actor: Actor, user: str, team: str) -> None:
    """Name a reviewer for a team besides its manager (enablement or an admin)."""
    app.store.name_reviewer(actor, user, team)


def override_report(app: App, actor: Actor, team: str | None = None) -> OverrideReport:
    """Share of AI scores changed by humans, per criterion."""
    return app.store.override_report(actor, team_id=team)


@dataclass(frozen=True)
class Exported:
    """Labels written for the eval suite: how many, and how many a human changed."""

    path: Path
    labels: int
    changed: int = 0


def export_review_labels(app: App, actor: Actor, output: Path, team: str | None = None) -> Exported:
    """Write approved levels next to the AI's (no rep ids) as labelled cases for the eval suite."""
    from copilot.records.labels import write_labels

    labels = app.store.review_cases(actor, team_id=team)
    write_labels(output, labels)
    return Exported(output, len(labels), sum(1 for x in labels if x.ai_level != x.human_level))


# ---- certifications ------------------------------------------------------------------------------------------


def define_certification(
    app: App,
    actor: Actor,
    cert_id: str,
    *,
    title: str,
    scenarios: Sequence[str],
    level: str,
    levels: Mapping[str, str] | None = None,
    attempts: int,
    due: dt.date | None = None,
    team: str | None = None,
) -> CertView:
    """Define a certification or a new version of its rules (reps who started keep the rules they started under)."""
    return app.store.define_certification(
        actor,
        cert_id.strip(),
        title=title,
        scenarios=list(scenarios),
        min_level=level or "good",
        levels=levels,
        attempts=attempts,
        due=due,
        team_id=team or None,
    )


def certifications(app: App, actor: Actor) -> list[CertView]:
    """Certifications the actor may see, with what they require."""
    return app.store.certifications(actor)


def certification_versions(app: App, actor: Actor, cert_id: str) -> list[tuple[int, dt.datetime, CertRules]]:
    """Every version of a certification's rules, oldest first."""
    return app.store.certification_versions(actor, cert_id)


def certification_status(
    app: App, actor: Actor, today: dt.date, *, cert_id: str | None = None, rep: str | None = None
) -> list[CertStatus]:
    """Per rep and certification: not started, in progress, passed, failed or overdue, and what is below the bar."""
    return app.store.certification_status(actor, today=today, cert_id=cert_id, rep_id=rep)


def team_certification_status(app: App, actor: Actor, team: str, today: dt.date) -> list[CertStatus]:
    """The standing of one team's reps on every certification the actor may see."""
    reps = {r.id for r in app.store.team(actor, team).reps}
    return [st for st in certification_status(app, actor, today) if st.rep_id in reps]


def certification_summary(app: App, actor: Actor, today: dt.date, team: str | None = None) -> list[CertSummary]:
    """How many reps per team are in each state (what enablement sees)."""
    return app.store.certification_summary(actor, today=today, team_id=team)


def scenario_titles(app: App) -> dict[str, str]:
    """Scenario id -> title, to name the scenarios a certification requires."""
    return {s.id: s.title for s in app.kb.scenarios.values()}


# ---- calibration ---------------------------------------------------------------------------------------------


def start_calibration(
    app: App, actor: Actor, kind: str, subject: str, *, title: str = "", raters: Sequence[str] = ()
) -> CalibrationView:
    """Start a session on a recorded roleplay or reviewed call (enablement or an admin); raters default to managers."""
    return app.store.start_calibration(
        actor, kind or "roleplay", subject.strip(), title=title, participants=list(raters) or None
    )


def calibrations(app: App, actor: Actor) -> list[CalibrationView]:
    """Sessions the actor runs or rates, newest first."""
    return app.store.calibrations(actor)


def calibration(app: App, actor: Actor, session_id: str) -> CalibrationView:
    """The interaction while blind; where raters agree and differ once the actor has submitted."""
    return app.store.calibration(actor, session_id)


def submit_calibration(app: App, actor: Actor, session_id: str, levels: Mapping[str, str]) -> CalibrationView:
    """Submit the rater's levels (once); the others' show after."""
    return app.store.submit_calibration(actor, session_id, levels)


def close_calibration(app: App, actor: Actor, session_id: str, agreed: Mapping[str, str]) -> CalibrationView:
    """Settle the agreed levels (the consensus unless given) and close the session (enablement or an admin)."""
    return app.store.close_calibration(actor, session_id, agreed)


def agreement_over_time(app: App, actor: Actor) -> list[AgreementPoint]:
    """The agreement figure per session, oldest first."""
    return app.store.agreement_over_time(actor)


def export_calibration_labels(app: App, actor: Actor, output: Path) -> Exported:
    """Write the agreed levels of closed sessions as labelled cases for the eval suite."""
    from copilot.records.labels import write_labels

    labels = app.store.calibration_labels(actor)
    write_labels(output, labels)
    return Exported(output, len(labels))


# ---- the daily drill -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrillToday:
    """Today's drill for a rep and their habit so far."""

    item: DrillItem
    progress: DrillProgress


@dataclass(frozen=True)
class DrillDone:
    """A drill answered: the item, its score, the stored attempt and the rep's habit after it."""

    item: DrillItem
    score: DrillScore
    attempt: DrillAttemptView
    progress: DrillProgress


def todays_drill(app: App, actor: Actor, rep: str, today: dt.date) -> DrillToday:
    """From the manager's assignment or the weakest step, least repeated first."""
    from copilot.practice.daily import progress, todays_drill

    return DrillToday(todays_drill(app.store, actor, rep, today), progress(app.store, actor, rep, today))


def drill_item(app: App, item_id: str) -> DrillItem:
    """A named objection or value proposition as a drill."""
    from copilot.practice.daily import drill_item

    return drill_item(app.store, item_id)


def say_drill(app: App, actor: Actor, rep: str, item: DrillItem | None, answer: str, today: dt.date) -> DrillDone:
    """Score the typed answer to `item` (today's drill when None) and keep it for the streak."""
    from copilot.practice.daily import progress, submit_drill, todays_drill

    item = item or todays_drill(app.store, actor, rep, today)
    score, saved = submit_drill(app.store, actor, rep, item, answer, today)
    return DrillDone(item, score, saved, progress(app.store, actor, rep, today))


def drill_progress(app: App, actor: Actor, rep: str, today: dt.date) -> DrillProgress:
    """Streak, drills done and repetitions per item."""
    from copilot.practice.daily import progress

    return progress(app.store, actor, rep, today)


def drill_frequency(
    app: App, actor: Actor, today: dt.date, *, days: int = 28, team: str | None = None
) -> list[DrillFrequency]:
    """Practice frequency per rep (managers), per team (enablement)."""
    return app.store.drill_frequency(actor, today=today, days=days, team_id=team)
