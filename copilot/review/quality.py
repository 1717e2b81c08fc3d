"""Coaching quality of a manager–rep conversation, as a weighted sum of measured parts shown one by one.

    coaching_quality = sum(weight_i * score_i), each score_i in [0, 1], weights summing to 1:

    part                 weight  value                                           score
    rep_talk_share        0.30   rep words / all words                           min(1, value / 0.60)
    ask_vs_tell           0.25   (open + 0.5*closed) / (open + 0.5*closed + advice)
                                 from the manager's question sentences and       min(1, value / 0.75)
                                 advice turns (0 when the manager does neither)
    reflections           0.15   manager reflections per manager question        min(1, R / max(1, 0.5*Q))
    agreements_captured   0.15   action items with a date or count (undated      min(1, value / 2)
                                 ones count half)
    items_reconciled      0.15   references to earlier commitments               1 if the first is in the
                                                                                 first third, 0.5 if later,
                                                                                 0 if none

Targets follow the coaching model in DESIGN.md: the seller does most of the talking, the manager asks
why/what/how rather than tells, reflects back, reconciles last week's items first and closes with
agreements that have a count and a date.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.review.actions import ActionItem, Reconciliation

WEIGHTS = {
    "rep_talk_share": 0.30,
    "ask_vs_tell": 0.25,
    "reflections": 0.15,
    "agreements_captured": 0.15,
    "items_reconciled": 0.15,
}


class QualityPart(BaseModel):
    """One ingredient of the score, with everything needed to check it by hand."""

    name: str
    value: float | None = Field(description="the measured quantity (None when it cannot be measured)")
    score: float = Field(description="value mapped to [0, 1] against the target")
    weight: float
    target: str
    detail: str


class CoachingQuality(BaseModel):
    """The score and the parts it is built from."""

    score: float = Field(ge=0.0, le=1.0)
    parts: list[QualityPart]


def _clip(x: float) -> float:
    """Keep part scores in [0, 1]."""
    return max(0.0, min(1.0, x))


def coaching_quality(
    *,
    rep_share: float,
    open_q: int,
    closed_q: int,
    advice: int,
    reflections: int,
    action_items: Sequence[ActionItem],
    reconciliations: Sequence[Reconciliation],
) -> CoachingQuality:
    """Combine the manager's and rep's measures into the documented score."""
    parts: list[QualityPart] = []

    def add(name: str, value: float | None, score: float, target: str, detail: str) -> None:
        parts.append(
            QualityPart(
                name=name,
                value=None if value is None else round(value, 3),
                score=round(_clip(score), 3),
                weight=WEIGHTS[name],
                target=target,
                detail=detail,
            )
        )

    add(
        "rep_talk_share",
        rep_share,
        rep_share / 0.60,
        ">= 0.60 of the words",
        f"the rep spoke {rep_share:.0%} of the words",
    )
    asks = open_q + 0.5 * closed_q
    ask_share = asks / (asks + advice) if asks + advice else None
    add(
        "ask_vs_tell",
        ask_share,
        (ask_share or 0.0) / 0.75,
        ">= 0.75 (open counts 1, closed 0.5)",
        f"manager asked {open_q} open and {closed_q} closed question(s) and gave advice in {advice} turn(s)",
    )
    questions = open_q + closed_q
    ratio = reflections / questions if questions else None
    add(
        "reflections",
        ratio,
        reflections / max(1.0, 0.5 * questions),
        ">= 0.5 reflections per question",
        f"{reflections} reflection(s) for {questions} question(s)",
    )
    dated = sum(1 for item in action_items if item.due or item.count)
    captured = dated + 0.5 * (len(action_items) - dated)
    add(
        "agreements_captured",
        captured,
        captured / 2,
        ">= 2 with an owner and a date or count",
        f"{len(action_items)} action item(s), {dated} with a date or count",
    )
    if reconciliations:
        first = reconciliations[0].position
        score = 1.0 if first <= 1 / 3 else 0.5
        detail = f"{len(reconciliations)} reference(s) to earlier items, first at {first:.0%} of the conversation"
    else:
        score, detail = 0.0, "no reference to last meeting's action items"
    add("items_reconciled", float(len(reconciliations)), score, ">= 1 in the first third", detail)
    total = sum(p.weight * p.score for p in parts)
    return CoachingQuality(score=round(_clip(total), 3), parts=parts)
