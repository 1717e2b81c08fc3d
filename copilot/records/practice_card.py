"""The practice programme in the scorecard: how often humans change the AI's scores, where teams stand on their
certifications (and, as those features land, calibration agreement and practice frequency)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from copilot.records.access import Actor
from copilot.records.calibration import AgreementPoint
from copilot.records.certification import CertSummary
from copilot.records.drills import DrillFrequency
from copilot.records.score_review import OverrideReport

if TYPE_CHECKING:
    from copilot.records.store import Store


class PracticeCard(BaseModel):
    """The scorecard's practice section for the teams the actor sees (None where the role sees no aggregate)."""

    reviews: OverrideReport | None = Field(default=None, description="Share of AI scores changed by humans.")
    certifications: list[CertSummary] = Field(default_factory=list, description="Reps per state, per team.")
    agreement: list[AgreementPoint] = Field(default_factory=list, description="Calibration agreement over time.")
    drills: list[DrillFrequency] = Field(default_factory=list, description="Daily drills per rep, last 28 days.")


def practice_card(store: Store, actor: Actor, *, today: dt.date, team_id: str | None = None) -> PracticeCard:
    """Aggregates only: a rep's scorecard leaves them out (their own status is on their page)."""
    if actor.role == "rep":
        return PracticeCard()
    return PracticeCard(
        reviews=store.override_report(actor, team_id=team_id),
        certifications=store.certification_summary(actor, today=today, team_id=team_id),
        agreement=store.agreement_over_time(actor),
        drills=store.drill_frequency(actor, today=today, team_id=team_id),
    )


def practice_lines(card: PracticeCard) -> list[str]:
    """The section as text, under the scorecard."""
    lines: list[str] = []
    if card.reviews is not None:
        r = card.reviews
        share = f"{r.rate:.0%}" if r.rate is not None else "—"
        lines += [
            "",
            f"AI scores changed by a human: {r.changed} of {r.reviewed} levels ({share}) in {r.subjects} approved scores",
        ]
        lines += [
            f"  {c.criterion:<42} {c.changed}/{c.reviewed}" + (f" ({c.rate:.0%})" if c.rate is not None else "")
            for c in r.criteria
        ]
    if card.certifications:
        lines += ["", "Certifications (reps per state):"]
        for s in card.certifications:
            counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in s.counts.items())
            lines.append(f"  {s.certification_id:<24} {s.team_id}: {counts}")
    if card.agreement:
        lines += ["", "Calibration agreement (Krippendorff's alpha, ordinal; 1 = managers score alike):"]
        lines += [
            f"  {p.date}  {f'{p.alpha:.2f}' if p.alpha is not None else '—':>5}  {p.raters} raters  {p.title}"
            for p in card.agreement
        ]
    if card.drills:
        lines += ["", "Daily drills, last 28 days (practice frequency):"]
        lines += [
            f"  {d.name:<24} {d.drills} drill(s) on {d.days} day(s), {d.per_week}/week, last {d.last or '—'}"
            for d in card.drills
        ]
    return lines
