"""Certification: scenarios a rep must pass at set levels within a number of attempts by a due date.

Rules are versioned. A rep is held to the version in force when they started their first counted attempt, so a
change made while reps are mid-attempt applies only to reps who start after it. Attempts are judged on their
approved levels (a human's change after review counts), so a review can turn a pass into a fail and back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.errors import AccessDenied, RecordsError
from copilot.knowledge.schema import LEVEL_BY_SCORE
from copilot.records import models as m
from copilot.records import practice_models as pm
from copilot.records.access import Actor
from copilot.records.base import StoreBase
from copilot.records.inputs import parse_level
from copilot.records.practice_access import check_programme

CertState = Literal["not_started", "in_progress", "passed", "failed", "overdue"]
STATES: tuple[CertState, ...] = ("not_started", "in_progress", "passed", "failed", "overdue")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,98}$")


class CertRules(BaseModel):
    """One version of what it takes to pass."""

    scenarios: list[str] = Field(min_length=1, description="Roleplay scenarios to pass, each in its own attempt.")
    min_level: int = Field(ge=1, le=4, description="Level every scored criterion must reach.")
    levels: dict[str, int] = Field(default_factory=dict, description="Per-criterion levels that differ from min_level.")
    attempts: int = Field(ge=1, description="Attempts allowed per scenario.")
    due: dt.date | None = None

    def required(self, criterion: str) -> int:
        """The level this criterion must reach."""
        return self.levels.get(criterion, self.min_level)


class CertView(BaseModel):
    """A certification with its current rules."""

    id: str
    title: str
    team_id: str | None = Field(description="None: every team (an enablement programme).")
    version: int
    rules: CertRules
    created_by: str
    changed_at: dt.datetime


class Gap(BaseModel):
    """One criterion of an attempt measured against the bar."""

    criterion: str
    level: int | None = Field(description="None: the attempt did not score it.")
    required: int


class ScenarioProgress(BaseModel):
    """Where a rep stands on one scenario of a certification."""

    scenario: str
    attempts_used: int
    attempts_allowed: int
    passed_by: str | None = Field(default=None, description="Id of the attempt that met every bar.")
    passed_on: dt.date | None = None
    last_attempt: str | None = None
    gaps: list[Gap] = Field(default_factory=list, description="Criteria of the latest counted attempt below the bar.")


class CertStatus(BaseModel):
    """One rep's status on one certification, under the rules version they started with."""

    certification_id: str
    title: str
    rep_id: str
    rep_name: str
    team_id: str
    version: int
    status: CertState
    due: dt.date | None
    started_on: dt.date | None = None
    passed_on: dt.date | None = None
    scenarios: list[ScenarioProgress]
    reason: str


class CertSummary(BaseModel):
    """How many reps of a team are in each state (what enablement sees)."""

    certification_id: str
    team_id: str
    counts: dict[str, int]


class AttemptFacts(BaseModel):
    """What certification reads of an attempt: when it started, its scenario and its approved levels."""

    id: str
    scenario: str
    date: dt.date
    started_at: dt.datetime
    levels: dict[str, int]


def meets(rules: CertRules, levels: Mapping[str, int]) -> list[Gap]:
    """The criteria below the bar (empty: the attempt passes)."""
    wanted = {*levels, *rules.levels}
    return [
        Gap(criterion=c, level=levels.get(c), required=rules.required(c))
        for c in sorted(wanted)
        if levels.get(c, 0) < rules.required(c)
    ]


def in_force(versions: Sequence[tuple[int, dt.datetime, CertRules]], when: dt.datetime) -> tuple[int, CertRules] | None:
    """The version whose rules applied at `when` (None: before the first)."""
    found = None
    for number, created, rules in sorted(versions, key=lambda v: v[0]):
        if created <= when:
            found = (number, rules)
    return found


def evaluate(
    cert_id: str,
    title: str,
    rep: tuple[str, str, str],
    versions: Sequence[tuple[int, dt.datetime, CertRules]],
    attempts: Sequence[AttemptFacts],
    today: dt.date,
) -> CertStatus:
    """A rep's status: pinned to the rules of their first counted attempt, each scenario passed or not."""
    rep_id, rep_name, team_id = rep
    counted = sorted(
        (a for a in attempts if in_force(versions, a.started_at) is not None), key=lambda a: (a.started_at, a.id)
    )
    latest = max(versions, key=lambda v: v[0])
    pinned = in_force(versions, counted[0].started_at) if counted else None
    number, rules = pinned if pinned else (latest[0], latest[2])
    progress = []
    for scenario in rules.scenarios:
        tries = [a for a in counted if a.scenario == scenario][: rules.attempts]
        passed = next((a for a in tries if not meets(rules, a.levels)), None)
        progress.append(
            ScenarioProgress(
                scenario=scenario,
                attempts_used=len(tries),
                attempts_allowed=rules.attempts,
                passed_by=passed.id if passed else None,
                passed_on=passed.date if passed else None,
                last_attempt=tries[-1].id if tries else None,
                gaps=[] if passed or not tries else meets(rules, tries[-1].levels),
            )
        )
    started = counted[0].date if counted else None
    done = [p for p in progress if p.passed_by]
    spent = [p for p in progress if not p.passed_by and p.attempts_used >= p.attempts_allowed]
    status: CertState
    passed_on = None
    if len(done) == len(progress):
        status, passed_on = "passed", max(p.passed_on for p in done if p.passed_on)
        reason = f"every scenario passed (rules v{number})"
    elif spent:
        status = "failed"
        reason = f"no attempts left for {', '.join(p.scenario for p in spent)} (rules v{number})"
    elif rules.due is not None and today > rules.due:
        status = "overdue"
        reason = f"due {rules.due}; {len(done)} of {len(progress)} scenarios passed"
    elif counted:
        status = "in_progress"
        reason = f"{len(done)} of {len(progress)} scenarios passed (rules v{number})"
    else:
        status = "not_started"
        reason = "no attempt yet" + (f"; due {rules.due}" if rules.due else "")
    return CertStatus(
        certification_id=cert_id, title=title, rep_id=rep_id, rep_name=rep_name, team_id=team_id, version=number,
        status=status, due=rules.due, started_on=started, passed_on=passed_on, scenarios=progress, reason=reason,
    )  # fmt: skip


def _rules(row: pm.CertificationVersion) -> CertRules:
    return CertRules.model_validate(row.rules)


class CertificationMixin(StoreBase):
    """Certifications: defined by enablement (every team) or a manager (their team), attempted by reps."""

    def define_certification(
        self,
        actor: Actor,
        cert_id: str,
        *,
        title: str,
        scenarios: Sequence[str],
        min_level: int | str,
        levels: Mapping[str, int | str] | None = None,
        attempts: int,
        due: dt.date | None = None,
        team_id: str | None = None,
    ) -> CertView:
        """Create a certification, or add a new version of its rules (reps who started keep theirs)."""
        if not ID_PATTERN.match(cert_id):
            raise RecordsError(f"certification id {cert_id!r} is not a slug", fix="use lowercase letters, digits and -")
        for sc in scenarios:
            self._known_scenario(sc)
        parsed = {}
        for crit, value in (levels or {}).items():
            self.reference.criterion(crit)
            parsed[crit] = parse_level(value, f"level of {crit}")
        if attempts < 1:
            raise RecordsError(f"{attempts} attempts allowed", fix="allow at least 1 attempt per scenario")
        if not title.strip():
            raise RecordsError("a certification needs a title", fix="pass --title")
        try:
            rules = CertRules(
                scenarios=list(dict.fromkeys(scenarios)),
                min_level=parse_level(min_level, "minimum level"),
                levels=parsed,
                attempts=attempts,
                due=due,
            )
        except ValidationError as exc:
            raise RecordsError(
                f"invalid certification rules: {exc.errors()[0]['msg']}", fix="name at least one --scenario"
            ) from None
        with self._write() as s:
            row = s.get(pm.Certification, cert_id)
            scope = team_id if row is None else row.team_id
            if row is not None and team_id is not None and team_id != row.team_id:
                raise RecordsError(
                    f"certification {cert_id} belongs to {row.team_id or 'every team'}",
                    fix="keep its --team, or pick a new id",
                )
            manager = (
                self._team(s, Actor.local_admin(), scope, action="define certifications").manager_id if scope else None
            )
            check_programme(actor, action=f"define certification {cert_id}", team_id=scope, manager_id=manager)
            if row is None:
                row = pm.Certification(id=cert_id, title=title.strip(), team_id=scope, created_by=actor.user_id)
                s.add(row)
                number = 1
            else:
                row.title = title.strip()
                number = self._latest(s, cert_id).version + 1
            s.add(
                pm.CertificationVersion(
                    certification_id=cert_id, version=number, rules=rules.model_dump(mode="json"),
                    created_by=actor.user_id, created_at=m.utcnow(),
                )
            )  # fmt: skip
            s.flush()
            return self._cert_view(s, row)

    def _known_scenario(self, scenario: str) -> None:
        if scenario not in self.kb.scenarios:
            from copilot.records.reference import suggest

            raise RecordsError(f"unknown scenario {scenario!r}", fix=suggest(scenario, self.kb.scenarios, "scenarios"))

    def _latest(self, s: Session, cert_id: str) -> pm.CertificationVersion:
        query = select(pm.CertificationVersion).where(pm.CertificationVersion.certification_id == cert_id)
        return s.scalars(query.order_by(pm.CertificationVersion.version.desc()).limit(1)).one()

    def _cert_view(self, s: Session, row: pm.Certification) -> CertView:
        latest = self._latest(s, row.id)
        return CertView(
            id=row.id, title=row.title, team_id=row.team_id, version=latest.version, rules=_rules(latest),
            created_by=row.created_by, changed_at=latest.created_at,
        )  # fmt: skip

    def _cert_row(self, s: Session, actor: Actor, cert_id: str) -> pm.Certification:
        row = s.get(pm.Certification, cert_id)
        visible = [c.id for c in self._visible_certs(s, actor)]
        if row is None or row.id not in visible:
            from copilot.records.reference import suggest

            raise RecordsError(f"unknown certification {cert_id!r}", fix=suggest(cert_id, visible, "certifications"))
        return row

    def _visible_certs(self, s: Session, actor: Actor) -> list[pm.Certification]:
        rows = list(s.scalars(select(pm.Certification).order_by(pm.Certification.id)))
        if actor.role in ("admin", "enablement"):
            return rows
        if actor.role == "manager":
            teams = set(s.scalars(select(m.Team.id).where(m.Team.manager_id == actor.user_id)))
        else:
            teams = set(s.scalars(select(m.Rep.team_id).where(m.Rep.user_id == actor.user_id)))
        return [r for r in rows if r.team_id is None or r.team_id in teams]

    def certifications(self, actor: Actor) -> list[CertView]:
        """Certifications the actor may see: every one for enablement, theirs and every-team ones for others."""
        with self._read() as s:
            return [self._cert_view(s, r) for r in self._visible_certs(s, actor)]

    def certification_versions(self, actor: Actor, cert_id: str) -> list[tuple[int, dt.datetime, CertRules]]:
        """Every version of a certification's rules, oldest first."""
        with self._read() as s:
            self._cert_row(s, actor, cert_id)
            return self._versions(s, cert_id)

    def _versions(self, s: Session, cert_id: str) -> list[tuple[int, dt.datetime, CertRules]]:
        query = select(pm.CertificationVersion).where(pm.CertificationVersion.certification_id == cert_id)
        return [
            (v.version, v.created_at, _rules(v)) for v in s.scalars(query.order_by(pm.CertificationVersion.version))
        ]

    def _attempt_facts(self, s: Session, rep_ids: list[str], scenarios: set[str]) -> dict[str, list[AttemptFacts]]:
        started = dict(
            s.execute(
                select(m.RoleplaySession.attempt_id, m.RoleplaySession.started_at).where(
                    m.RoleplaySession.rep_id.in_(rep_ids), m.RoleplaySession.attempt_id.is_not(None)
                )
            ).all()
        )
        rows = s.scalars(
            select(m.RoleplayAttempt).where(
                m.RoleplayAttempt.rep_id.in_(rep_ids), m.RoleplayAttempt.scenario.in_(sorted(scenarios))
            )
        )
        out: dict[str, list[AttemptFacts]] = {}
        for a in rows:
            scores: dict[str, Any] = a.scores or {}
            levels = {x["criterion_id"]: int(x["level"]) for x in scores.get("scores", []) if "criterion_id" in x}
            when = started.get(a.id) or dt.datetime.combine(a.date, dt.time.max)
            out.setdefault(a.rep_id, []).append(
                AttemptFacts(id=a.id, scenario=a.scenario, date=a.date, started_at=when, levels=levels)
            )
        return out

    def _statuses(self, s: Session, cert: pm.Certification, reps: list[m.Rep], today: dt.date) -> list[CertStatus]:
        versions = self._versions(s, cert.id)
        scenarios = {sc for _, _, r in versions for sc in r.scenarios}
        facts = self._attempt_facts(s, [r.id for r in reps], scenarios)
        return [
            evaluate(cert.id, cert.title, (r.id, r.user.name, r.team_id), versions, facts.get(r.id, []), today)
            for r in reps
        ]

    def _cert_reps(self, s: Session, cert: pm.Certification) -> list[m.Rep]:
        query = select(m.Rep).order_by(m.Rep.id)
        if cert.team_id is not None:
            query = query.where(m.Rep.team_id == cert.team_id)
        return list(s.scalars(query))

    def certification_status(
        self, actor: Actor, *, today: dt.date, cert_id: str | None = None, rep_id: str | None = None
    ) -> list[CertStatus]:
        """Per rep, per certification: a rep their own, a manager their teams', an admin everyone's."""
        if actor.role == "enablement":
            raise AccessDenied(
                f"{actor} may not read individual reps' certification status: enablement sees the summary",
                fix="use `copilot certify summary` (or the scorecard)",
            )
        with self._read() as s:
            certs = [self._cert_row(s, actor, cert_id)] if cert_id else self._visible_certs(s, actor)
            if rep_id is not None:
                self._rep(s, actor, rep_id, action="read certification status", rep_may=True)
            out = []
            for cert in certs:
                reps = [r for r in self._cert_reps(s, cert) if rep_id is None or r.id == rep_id]
                if actor.role == "rep":
                    reps = [r for r in reps if r.user_id == actor.user_id]
                elif actor.role == "manager":
                    reps = [r for r in reps if r.team.manager_id == actor.user_id]
                out += self._statuses(s, cert, reps, today)
            return out

    def certification_summary(self, actor: Actor, *, today: dt.date, team_id: str | None = None) -> list[CertSummary]:
        """How many reps of each team are in each state, per certification (managers, enablement, admins)."""
        with self._read() as s:
            teams = self._scoped_teams(s, actor, team_id, action="read the certification summary")
            if actor.role == "rep":
                raise AccessDenied(
                    f"{actor} may not read team summaries", fix="see your own with `copilot certify status`"
                )
            out = []
            for cert in self._visible_certs(s, actor):
                for team in teams:
                    if cert.team_id not in (None, team.id):
                        continue
                    counts: dict[str, int] = dict.fromkeys(STATES, 0)
                    for st in self._statuses(s, cert, list(team.reps), today):
                        counts[st.status] += 1
                    out.append(CertSummary(certification_id=cert.id, team_id=team.id, counts=counts))
            return out


def level_text(level: int | None) -> str:
    """`3 Good`, or `not scored`."""
    return f"{level} {LEVEL_BY_SCORE[level].label}" if level in LEVEL_BY_SCORE else "not scored"
