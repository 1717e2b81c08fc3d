"""Coaching quality of a manager–rep conversation, as a weighted sum of measured parts shown one by one.

    coaching_quality = sum(weight_i * score_i), each score_i in [0, 1], weights summing to 1:

    part                 weight  value                                           score
    rep_talk_share        0.25   rep words / all words                           min(1, value / 0.60)
    open_questions        0.20   the manager's open questions / their questions  min(1, value / 0.70)
                                 (question type of each turn's last question)    (0 when none asked)
    unasked_advice        0.20   manager turns giving advice the rep did not     1 - min(1, value / 0.20)
                                 ask for / manager turns with content
    telling               0.15   manager turns that only tell (advice or         1 - min(1, value / 0.50)
                                 information, no question, reflection or
                                 practice) / manager turns with content
    agreements_captured   0.10   action items with a date or count (undated      min(1, value / 2)
                                 ones count half)
    items_reconciled      0.10   references to earlier commitments               1 if the first is in the
                                                                                 first third, 0.5 if later,
                                                                                 0 if none
    reflections           0.00   manager reflections per manager question        shown, not weighted

Why these: on the AnnoMI development conversations (expert-rated high vs low quality; see
docs/evals.md#review-external) the reader's unasked-advice share, open-question share and telling share
each rank conversations well on their own, and with the rep's talk share they rank them best; reflections
per question, as read today, do not separate them, so they are shown but not weighted. Agreements and
reconciliation follow the coaching model in DESIGN.md (close with a count and a date; reconcile last week's
items first). In-meeting rehearsal ("Try it on me now") is practice, never advice.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.review.actions import ActionItem, Reconciliation

WEIGHTS = {
    "rep_talk_share": 0.25,
    "open_questions": 0.20,
    "unasked_advice": 0.20,
    "telling": 0.15,
    "agreements_captured": 0.10,
    "items_reconciled": 0.10,
    "reflections": 0.0,
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
    turns: int = 0,
    unasked_advice: int | None = None,
    telling: int = 0,
) -> CoachingQuality:
    """Combine the manager's and rep's measures into the documented score.

    open_q/closed_q: the manager's turns whose (last) question is open/closed; advice: manager turns with advice;
    unasked_advice: those the rep had not asked for (defaults to advice); telling: manager turns that only tell;
    turns: manager turns with content (not only greetings or backchannels).
    """
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
    questions = open_q + closed_q
    open_share = open_q / questions if questions else None
    add(
        "open_questions",
        open_share,
        (open_share or 0.0) / 0.70,
        ">= 0.70 of the manager's questions open",
        f"manager asked {open_q} open and {closed_q} closed question(s)",
    )
    unasked = advice if unasked_advice is None else unasked_advice
    content_turns = max(turns, advice, telling, 1)
    advice_share = unasked / content_turns
    add(
        "unasked_advice",
        advice_share,
        1 - advice_share / 0.20,
        "<= 0.05 of the manager's turns (0 scores 1, 0.20 or more scores 0)",
        f"unasked advice in {unasked} of {content_turns} manager turn(s)"
        + (f" ({advice - unasked} more were asked for)" if advice > unasked else ""),
    )
    tell_share = telling / content_turns
    add(
        "telling",
        tell_share,
        1 - tell_share / 0.50,
        "< 0.25 of the manager's turns only tell",
        f"{telling} of {content_turns} manager turn(s) only told (no question, reflection or practice)",
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
    ratio = reflections / questions if questions else None
    add(
        "reflections",
        ratio,
        reflections / max(1.0, 0.5 * questions),
        ">= 0.5 reflections per question (shown, not weighted)",
        f"{reflections} reflection(s) for {questions} question(s)",
    )
    total = sum(p.weight * p.score for p in parts)
    return CoachingQuality(score=round(_clip(total), 3), parts=parts)
