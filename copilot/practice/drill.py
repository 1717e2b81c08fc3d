"""The drill of the day: one objection or one message from the messaging guide, said back (typed), scored for the
required points and for fluency (length, filler words, the key claim and its proof).

Decided by code: the item comes from the rep's weakest criterion and what the manager assigned, least-practised
first; the required points are read by the same reader as roleplay turns (copilot.roleplay.signals.read_turn).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from copilot.errors import RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.proof import ProofIndex, numbers
from copilot.roleplay.signals import read_turn

DrillKind = Literal["objection", "message"]
FILLERS = (
    "um", "uh", "erm", "like", "basically", "actually", "you know", "kind of", "sort of", "literally",
    "honestly", "i mean", "just",
)  # fmt: skip
FILLERS_PER_100 = 3.0
"""More filler words than this per hundred words reads as unsure."""
WORDS = {"objection": (30, 130), "message": (20, 90)}
"""Word range of a fluent answer: two to five minutes of practice means a short, complete answer."""
MESSAGE_CRITERIA = ("value", "message", "insight", "story")


class DrillItem(BaseModel):
    """What to say back today, and why this one."""

    kind: DrillKind
    item_id: str = Field(description="Objection (`obj-…`) or value proposition (`vp-…`) id.")
    title: str
    prompt: str = Field(description="What the rep answers: a buyer's words, or the message to say.")
    model_answer: str = Field(description="The messaging guide's words, shown after the attempt.")
    why: str = Field(description="Why this drill today: the weak criterion or the manager's assignment.")
    criterion: str | None = None


class DrillCheck(BaseModel):
    """One thing a good answer does."""

    name: str
    passed: bool
    detail: str


class DrillScore(BaseModel):
    """The checks, and the share passed."""

    words: int
    fillers: int
    checks: list[DrillCheck]
    score: float = Field(description="Share of checks passed, 0-1.")


def filler_count(text: str) -> int:
    """Filler words and phrases in the answer."""
    lowered = f" {re.sub(r'[^a-z ]+', ' ', text.lower())} "
    return sum(len(re.findall(rf"(?<= ){re.escape(f)}(?= )", lowered)) for f in FILLERS)


def score_drill(kb: KnowledgeBase, item: DrillItem, text: str, proof: ProofIndex | None = None) -> DrillScore:
    """Required points and fluency of a typed answer; the same text always gives the same score."""
    if not text.strip():
        raise RecordsError("the answer is empty", fix="type what you would say, as you would say it")
    index = proof or ProofIndex.build(kb)
    objection = kb.objections.get(item.item_id) if item.kind == "objection" else None
    signals = read_turn(text, objection, index, context=item.prompt if item.kind == "objection" else None)
    words = len(text.split())
    fillers = filler_count(text)
    low, high = WORDS[item.kind]
    checks: list[DrillCheck] = []
    if item.kind == "objection":
        checks += [
            DrillCheck(name="acknowledges", passed=signals.acknowledgement != "none",
                       detail=signals.acknowledgement_line or "no acknowledgement of the concern"),
            DrillCheck(name="asks before answering", passed=signals.open_questions > 0,
                       detail=signals.question_line or "no open question"),
            DrillCheck(name="key claim", passed=bool(signals.relevant_proof_ids),
                       detail=f"names {', '.join(signals.relevant_proof_ids)}" if signals.relevant_proof_ids
                       else "none of this objection's proof points"),
            DrillCheck(name="proof", passed=bool(signals.proof_line) or signals.verification,
                       detail=signals.proof_line or "no fact, number or way to verify"),
            DrillCheck(name="checks it landed", passed=signals.check != "none",
                       detail=signals.check_line or "no check question"),
            DrillCheck(name="next step", passed=signals.next_step != "none",
                       detail=signals.next_step_line or "no next step"),
        ]  # fmt: skip
    else:
        vp = kb.value_propositions[item.item_id]
        said = set(numbers(text))
        backed = {n for p in vp.proof_points for n in numbers(p)}
        checks += [
            DrillCheck(name="key claim", passed=item.item_id in signals.proof_ids,
                       detail="the headline's point is there" if item.item_id in signals.proof_ids
                       else f"missing: {vp.headline}"),
            DrillCheck(name="proof", passed=bool(said & backed) or bool(signals.proof_line),
                       detail=f"uses {', '.join(sorted(said & backed))}" if said & backed
                       else signals.proof_line or "no proof point (a number or a customer result)"),
        ]  # fmt: skip
    checks += [
        DrillCheck(
            name="length",
            passed=low <= words <= high,
            detail=f"{words} words (fluent: {low}-{high})",
        ),
        DrillCheck(
            name="filler words",
            passed=fillers * 100 <= FILLERS_PER_100 * max(words, 1),
            detail=f"{fillers} filler word(s)",
        ),
    ]
    passed = sum(c.passed for c in checks)
    return DrillScore(words=words, fillers=fillers, checks=checks, score=round(passed / len(checks), 3))


def _objection_item(kb: KnowledgeBase, objection_id: str, why: str, criterion: str | None) -> DrillItem:
    o = kb.objections[objection_id]
    said = next((p for phrases in o.phrasings.values() for p in phrases), o.title)
    return DrillItem(
        kind="objection", item_id=o.id, title=o.title, prompt=said, model_answer=o.answer, why=why, criterion=criterion
    )


def _message_item(kb: KnowledgeBase, vp_id: str, why: str, criterion: str | None) -> DrillItem:
    vp = kb.value_propositions[vp_id]
    persona = kb.personas[vp.persona].title if vp.persona in kb.personas else vp.persona
    return DrillItem(
        kind="message",
        item_id=vp.id,
        title=vp.headline,
        prompt=f"Say our value for a {persona} in two to four sentences, with one proof point.",
        model_answer=f"{vp.headline} {vp.body} Proof: {'; '.join(vp.proof_points)}",
        why=why,
        criterion=criterion,
    )


def kind_for(kb: KnowledgeBase, criterion: str) -> DrillKind:
    """Objection handling criteria drill objections; messaging criteria (value, insight story) drill messages."""
    found = kb.criteria.get(criterion)
    title = (found.title if found else criterion).lower()
    if criterion.startswith("objection-handling") or "objection" in title:
        return "objection"
    return "message" if any(w in title or w in criterion for w in MESSAGE_CRITERIA) else "objection"


def choose(
    kb: KnowledgeBase,
    today: dt.date,
    *,
    weakest: Sequence[tuple[str, int]],
    assigned_scenarios: Sequence[str],
    assigned_activities: Sequence[str],
    repetitions: Mapping[str, int],
) -> DrillItem:
    """Today's drill: the manager's assignment first, else the weakest criterion; the least repeated item of that kind.

    `weakest` is (criterion, level) lowest first; `repetitions` counts earlier drills per item id.
    """
    why, criterion, kind, pool = "", None, "objection", sorted(kb.objections)
    if assigned_scenarios:
        scenario = kb.scenarios[assigned_scenarios[0]]
        why, pool = (
            f"your manager assigned the roleplay {scenario.title}: practise its objections",
            list(scenario.objections),
        )
    elif assigned_activities:
        activity = kb.activities[assigned_activities[0]]
        criterion = activity.criteria[0]
        kind = kind_for(kb, criterion)
        why = f"your manager assigned {activity.title}"
    elif weakest:
        criterion, level = weakest[0]
        kind = kind_for(kb, criterion)
        title = kb.criteria[criterion].title if criterion in kb.criteria else criterion
        why = f"your weakest step lately: {title} (level {level})"
    else:
        why = "nothing is weak or assigned: keep the habit with the objection you practised least"
    if kind == "message" and not assigned_scenarios:
        pool = sorted(kb.value_propositions)
    pool = [p for p in pool if p in kb.objections or p in kb.value_propositions]
    if not pool:
        raise RecordsError(
            "the knowledge base has no objections or value propositions to drill", fix="ingest knowledge/messaging"
        )
    fewest = min(repetitions.get(p, 0) for p in pool)
    candidates = [p for p in pool if repetitions.get(p, 0) == fewest]
    pick = candidates[today.toordinal() % len(candidates)]
    if pick in kb.objections:
        return _objection_item(kb, pick, why, criterion)
    return _message_item(kb, pick, why, criterion)


def item_by_id(kb: KnowledgeBase, item_id: str, why: str = "chosen by you") -> DrillItem:
    """A drill on a named objection or value proposition."""
    if item_id in kb.objections:
        return _objection_item(kb, item_id, why, None)
    if item_id in kb.value_propositions:
        return _message_item(kb, item_id, why, None)
    raise RecordsError(
        f"unknown drill item {item_id!r}", fix="use an objection id (obj-…) or a value proposition id (vp-…)"
    )


def streak(days: Sequence[dt.date], today: dt.date) -> int:
    """Consecutive days with a drill, ending today (or yesterday, so the streak survives until tonight)."""
    done = set(days)
    day = today if today in done else today - dt.timedelta(days=1)
    count = 0
    while day in done:
        count += 1
        day -= dt.timedelta(days=1)
    return count
