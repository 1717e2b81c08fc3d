"""Feedback after every attempt: the turn where the conversation turned, the line the rubric wanted there, what
was given away, and drills chosen from what happened rather than from the levels alone.

The turning point is the first rep turn the buyer cooled at (pressed harder, pushed back, distrusted an offer,
walked away), else the first weak turn that stalled the buyer (refused a step, restated the concern, held back,
stalled; or asked for evidence or hesitated after a turn that did no step of the handling path). A turn that did a
step (acknowledged, clarified, gave proof, checked) is never named for the buyer's "not yet": being heard is not
a reason to be blamed. In a run with no weak turn, the turn that won the buyer over, said so. The better line comes from the
live objection: the talk-track sentence that does the handling-path step that was missing, and the proof points
behind it. Everything is computed from the transcript, so the same attempt always gets the same feedback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.knowledge.schema import KnowledgeBase, Objection, RootCause
from copilot.roleplay.models import Concession, NextStepItem, Outcome, RoleplayScore, Turn

COOLED = ("press_harder", "push_back", "distrust_offer", "end_lost")
STALLED = ("refuse_next_step", "restate", "ask_for_proof", "hesitate", "stall", "short_answer", "counter_offer")
WON = ("raise_objection", "agree_next_step", "amend_next_step", "take_offer")
STEP_FOR = {
    "press_harder": "acknowledge",
    "push_back": "clarify",
    "distrust_offer": "trade",
    "counter_offer": "trade",
    "end_lost": "acknowledge",
    "refuse_next_step": "proof",
    "restate": "clarify",
    "short_answer": "acknowledge",
    "ask_for_proof": "proof",
    "hesitate": "check",
    "stall": "advance",
}
CRITERION_FOR = {
    "acknowledge": "objection-handling.acknowledges",
    "clarify": "objection-handling.clarifies",
    "proof": "objection-handling.answers-with-proof",
    "check": "objection-handling.checks",
    "advance": "objection-handling.advances",
    "trade": "negotiation.trades",
}
ROOT_CAUSE_FOR: dict[str, RootCause] = {"proof": "messaging"}
"""Missing proof is usually messaging fluency (cannot say the value crisply); the rest is skill."""
WHAT_HAPPENED = {
    "press_harder": "the buyer pressed harder: the concern was argued with or dismissed",
    "push_back": "the buyer pushed back: features or a speech, no question about their situation",
    "distrust_offer": "the buyer trusted the price less: a concession before understanding the problem",
    "counter_offer": "the buyer bargained for more: the concession opened the door",
    "end_lost": "the buyer walked away",
    "refuse_next_step": "the buyer refused the step: the concern was still unanswered",
    "restate": "the buyer repeated the concern: it was not addressed",
    "short_answer": "the buyer held back: the question came before the concern was acknowledged",
    "ask_for_proof": "the buyer asked for evidence: nothing yet proved it for them",
    "hesitate": "the buyer hesitated: the answer was not checked",
    "stall": "the buyer stalled: no concrete next step",
}
IN_KIND_HAPPENED = {
    "distrust_offer": "the buyer trusted the offer less: free work given before understanding the problem",
    "counter_offer": "the buyer bargained for more: the free work opened the door",
}
"""What happened when the concession was work given free (onboarding, training, set-up): said so, not as a price."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
TRADE_STEP = "Trade rather than give: put any concession on a condition ('if you…, then we…')."


class TurningPoint(BaseModel):
    """The rep turn where the conversation turned, and what would have worked there."""

    turn: int = Field(description="The rep's turn number, 1-based (what --from-turn takes).")
    index: int = Field(description="Index of the turn in the transcript.")
    rep_said: str
    buyer_move: str
    what_happened: str
    went_well: bool = Field(description="True when this is where the buyer was won over.")
    step: str | None = Field(default=None, description="The handling-path step that was missing.")
    better_line: str | None = Field(default=None, description="The talk-track line the rubric wanted here.")
    proof_ids: list[str] = Field(default_factory=list, description="Proof points behind the better line.")
    objection_id: str | None = None


class Feedback(BaseModel):
    """What the rep reads after every attempt."""

    turning_point: TurningPoint | None
    given_away: list[str] = Field(default_factory=list, description="Every concession, unasked ones named so.")
    drills: list[NextStepItem] = Field(default_factory=list, description="What to practise, from what happened.")


def _step_text(objection: Objection, step: str) -> str | None:
    """The handling-path step for a kind of move ('acknowledge', 'clarify', ...)."""
    words = {
        "acknowledge": ("acknowledge",),
        "clarify": ("ask", "clarify", "find out", "explore"),
        "proof": ("re-anchor", "restate", "show", "answer", "share", "explain", "offer", "point", "use"),
        "check": ("check", "confirm"),
        "advance": ("next step", "agree", "propose", "book", "offer"),
        "trade": ("trade", "in return", "exchange"),
    }[step]
    for path in objection.handling_path:
        if any(w in path.lower() for w in words):
            return path
    if step == "trade":
        return TRADE_STEP
    at = {"acknowledge": 0, "clarify": 1, "trade": 1, "proof": 2, "check": 3, "advance": 4}[step]
    steps = objection.handling_path
    return steps[min(at, len(steps) - 1)] if steps else None


RECALLS_MEETING = re.compile(
    r"^(last time we (spoke|met|talked)|when we (last )?(spoke|met|talked)|as you (mentioned|said|told me) last time|"
    r"in our last (call|meeting|conversation))\b",
    re.IGNORECASE,
)
"""A talk-track sentence that opens on an earlier meeting: the roleplay may be the first conversation with the buyer."""


def _first_meeting(sentence: str) -> str | None:
    """The sentence as it can be said at a first meeting: the clause recalling an earlier one is left out (up to its
    semicolon); None when the whole sentence rests on it."""
    if not RECALLS_MEETING.search(sentence):
        return sentence
    _, sep, rest = sentence.partition(";")
    rest = rest.strip()
    return rest[:1].upper() + rest[1:] if sep and rest else None


TRADE_SENTENCE = re.compile(
    r"\bif (you|they|there'?s|your)\b.*\b(we|room|can)\b|\bin (return|exchange)\b|\btrade\b", re.IGNORECASE
)
"""A talk-track sentence that puts a concession on a condition the buyer meets ('If there's flexibility on a two-year
term or signing by the 28th, there may be room on price.'); 'If we put those numbers side by side…' is no trade."""


def _trade_line(kb: KnowledgeBase, objection: Objection) -> tuple[str | None, list[str]]:
    """The objection's own trade sentence, else the library's trade talk track (an objection coached on trading),
    with the proof behind it."""
    own = _better_line(objection, "trade")
    if own:
        return own, list(objection.proof_points)
    for other in sorted(kb.objections.values(), key=lambda o: o.id):
        if "negotiation.trades" in other.criteria and (line := _better_line(other, "trade")):
            return line, list(other.proof_points)
    return None, []


def _better_line(objection: Objection, step: str) -> str | None:
    """The talk-track sentence that does the missing step: acknowledgement first, questions, proof, the check."""
    split = [s.strip() for s in _SENTENCE.split(" ".join(objection.answer.split())) if s.strip()]
    sentences = [x for x in (_first_meeting(s) for s in split) if x]
    if not sentences:
        return None
    questions = [s for s in sentences if s.endswith("?")]
    statements = [s for s in sentences if not s.endswith("?")]
    if step == "acknowledge":
        return " ".join(sentences[:2]) if len(sentences) > 1 else sentences[0]
    if step == "clarify":
        if not questions:
            return sentences[0]
        return questions[0] if sentences[0] == questions[0] else f"{sentences[0]} {questions[0]}"
    if step == "check":
        return questions[-1] if questions else sentences[-1]
    if step == "trade":
        return next((s for s in sentences if TRADE_SENTENCE.search(s)), None)
    with_numbers = [s for s in statements if re.search(r"\d|percent|day|week|month", s)]
    return (with_numbers or statements[1:] or statements or sentences)[0]


NOT_YET = ("ask_for_proof", "hesitate", "restate")
"""Stalls that only say 'not yet' (or say the concern again in answer to a question about it): the rep's fault only
when the turn did no step of the handling path."""


def did_a_step(rep: Turn) -> bool:
    """The turn did a step of the handling path, as the utterance reader read it (acknowledge, clarify, proof, check)."""
    s = rep.signals
    if s is None or s.argues or s.feature_dump:
        return False
    heard = s.acknowledgement != "none"
    asked = s.clarify_open > 0 or s.clarify_closed > 0
    proved = bool(s.relevant_proof_ids)
    return heard or asked or proved or s.check != "none"


def _weak_stall(rep: Turn, reply: Turn) -> bool:
    """The buyer stalled, and the rep's turn is why."""
    kind = reply.move.kind if reply.move else None
    if kind not in STALLED:
        return False
    return kind not in NOT_YET or not did_a_step(rep)


def _came_round(kb: KnowledgeBase, turns: Sequence[Turn], outcome: Outcome | None) -> str:
    """What to say of the turn where the buyer came round: honest when the conversation still ended without a yes."""
    if outcome in (None, "next_step_agreed"):
        return "no turn was weak; this is where the buyer came round"
    last = next((t for t in reversed(turns) if t.speaker == "buyer"), None)
    objection = kb.objections.get(last.objection_id or "") if last and last.move else None
    if last and last.move and last.move.kind == "raise_objection" and objection is not None:
        return (
            f"no turn was weak and the buyer moved on here, but the conversation ended with “{objection.title}” "
            "still unanswered"
        )
    return "no turn was weak and the buyer moved on here, but the conversation ended without a step agreed"


def _turning_point(
    kb: KnowledgeBase, turns: Sequence[Turn], concessions: Sequence[Concession] = (), outcome: Outcome | None = None
) -> TurningPoint | None:
    asked = {c.turn: c.kind for c in concessions if c.asked}
    pairs: list[tuple[int, Turn, Turn]] = []
    number = 0
    for i, t in enumerate(turns):
        if t.speaker != "rep":
            continue
        number += 1
        reply = turns[i + 1] if i + 1 < len(turns) else None
        if reply is not None and reply.move is not None:
            given = asked.get(t.index)
            traded = t.signals is not None and t.signals.trade
            if reply.move.kind == "counter_offer" and given is not None and (given != "discount" or traded):
                continue  # bargaining over an offer the buyer asked for is their part of the deal, not a slip; a
                # discount handed over with nothing asked in return is one (the path: trade rather than give)
            pairs.append((number, t, reply))
    chosen = next((p for p in pairs if p[2].move and p[2].move.kind in COOLED), None)
    chosen = chosen or next((p for p in pairs if _weak_stall(p[1], p[2])), None)
    if chosen is None:
        won = next((p for p in pairs if p[2].move and p[2].move.kind in WON), None)
        if won is None:
            return None
        number, rep, reply = won
        assert reply.move is not None
        return TurningPoint(
            turn=number,
            index=rep.index,
            rep_said=rep.text,
            buyer_move=reply.move.kind,
            what_happened=_came_round(kb, turns, outcome),
            went_well=True,
            objection_id=rep.objection_id,
        )
    number, rep, reply = chosen
    assert reply.move is not None
    kind = reply.move.kind
    step = STEP_FOR.get(kind, "acknowledge")
    if step == "trade" and rep.index not in asked:
        step = "proof"  # nobody asked for a concession: the talk track re-anchors on value instead of trading
    objection = kb.objections.get(rep.objection_id or "")
    better: str | None = None
    proof_ids: list[str] = []
    if objection and step == "trade":
        better, proof_ids = _trade_line(kb, objection)
    elif objection:
        better, proof_ids = _better_line(objection, step), list(objection.proof_points) if step == "proof" else []
    return TurningPoint(
        turn=number,
        index=rep.index,
        rep_said=rep.text,
        buyer_move=kind,
        what_happened=_what_happened(kind, rep),
        went_well=False,
        step=_step_text(objection, step) if objection else None,
        better_line=better,
        proof_ids=proof_ids,
        objection_id=rep.objection_id,
    )


CONCEDED = {
    "discount": "a discount",
    "term": "a shorter term",
    "pilot": "a pilot",
    "deferred": "paying later",
    "services": "free work",
}
"""Each kind of concession as the feedback names it: free onboarding or training is work given, not a discount."""


def _what_happened(kind: str, rep: Turn) -> str:
    """What the buyer's move meant, named for the concession the rep made (free work is not a price)."""
    if rep.signals is not None and rep.signals.offer == "services" and kind in IN_KIND_HAPPENED:
        return IN_KIND_HAPPENED[kind]
    return WHAT_HAPPENED.get(kind, kind.replace("_", " "))


REACTED = {"take": "the buyer took it", "counter": "the buyer wanted more", "distrust": "the buyer distrusted it"}
"""How the buyer met a concession, as the feedback says it."""


def _given_away(concessions: Sequence[Concession], turns: Sequence[Turn]) -> list[str]:
    numbers = {t.index: n for n, t in enumerate((t for t in turns if t.speaker == "rep"), 1)}
    traded = {t.index for t in turns if t.speaker == "rep" and t.signals is not None and t.signals.trade}
    out = []
    for c in concessions:
        what = CONCEDED[c.kind]
        asked = "it met the concern the buyer raised" if c.asked else "unasked: the buyer never asked for it"
        met = REACTED[c.reaction]
        gave = f"traded {what} for a condition" if c.turn in traded else f"gave {what}"
        out.append(f'Turn {numbers.get(c.turn, "?")}: you {gave} ({asked}; {met}): "{c.text}"')
    return out


def _drill(kb: KnowledgeBase, criterion: str, root_cause: RootCause, chosen: set[str], why: str) -> NextStepItem | None:
    activities = kb.activities_for(criterion, root_cause=root_cause) or kb.activities_for(criterion)
    activities.sort(key=lambda a: (a.kind not in ("drill", "roleplay"), len(a.criteria), a.id))
    pick = next((a for a in activities if a.id not in chosen), None)
    if pick is None:
        return None
    chosen.add(pick.id)
    return NextStepItem(criterion_id=criterion, activity_id=pick.id, title=pick.title, why=f"{why} {pick.instructions}")


def feedback(
    kb: KnowledgeBase, turns: Sequence[Turn], score: RoleplayScore, concessions: Sequence[Concession]
) -> Feedback:
    """The turning point, what was given away and the drills that follow from them."""
    point = _turning_point(kb, turns, concessions, score.outcome)
    chosen: set[str] = set()
    drills: list[NextStepItem] = []
    if point is not None and not point.went_well:
        step = STEP_FOR.get(point.buyer_move, "acknowledge")
        why = f"At your turn {point.turn} {point.what_happened}."
        item = _drill(kb, CRITERION_FOR[step], ROOT_CAUSE_FOR.get(step, "skill"), chosen, why)
        drills += [item] if item else []
    if any(not c.asked for c in concessions):
        item = _drill(kb, "negotiation.trades", "skill", chosen, "You gave a concession nobody asked for.")
        drills += [item] if item else []
    weak = sorted((c for c in score.scores if c.level < 3), key=lambda c: c.level)
    for c in weak:
        if len(drills) >= 3:
            break
        if any(d.criterion_id == c.criterion_id for d in drills):
            continue
        item = _drill(kb, c.criterion_id, "skill", chosen, f"{c.title} scored {c.label}.")
        drills += [item] if item else []
    if point is not None and not point.went_well:
        line = f' Try: "{point.better_line}"' if point.better_line else ""
        drills.append(
            NextStepItem(
                title=f"Rewind to your turn {point.turn} and try again",
                why=f"{point.step or 'Handle the concern first.'}{line}",
            )
        )
    return Feedback(turning_point=point, given_away=_given_away(concessions, turns), drills=drills)
