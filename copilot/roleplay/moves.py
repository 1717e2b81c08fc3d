"""The buyer's next move, decided by code from what the rep's turn did; the model only phrases the move.

Rules, in order: an empty, non-English or role-breaking turn gets a request to get back on track; once every
objection is handled the buyer waits for a concrete next step; arguing, a discount before understanding the
concern and a feature dump earn pressure and pushback; a handled objection moves the buyer to the next one;
an open question earns information from the deal context. Too much pressure loses the deal; running out of
turns stalls it. How much it takes to handle an objection depends on the difficulty.
"""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeBase, Objection
from copilot.retrieval.keyword import terms
from copilot.roleplay.models import BuyerMove, BuyerState, Difficulty, MoveKind, ObjectionProgress, RepSignals, Scenario

PRESSURE_LIMIT: dict[Difficulty, int] = {"easy": 5, "realistic": 4, "tough": 3}
TURNS_PER_OBJECTION = 3
EXTRA_TURNS = 3


def max_rep_turns(scenario: Scenario) -> int:
    """After this many rep turns the buyer ends the conversation."""
    return TURNS_PER_OBJECTION * len(scenario.objections) + EXTRA_TURNS


def initial_state(scenario: Scenario) -> BuyerState:
    """A buyer who has not heard anything yet."""
    return BuyerState(progress=[ObjectionProgress(objection_id=o) for o in scenario.objections])


def opening_move(scenario: Scenario) -> BuyerMove:
    """The buyer opens with the scenario's first words and the first objection."""
    return BuyerMove(kind="open", objection_id=scenario.objections[0], reason="the scenario's opening line")


def handled(p: ObjectionProgress, difficulty: Difficulty) -> bool:
    """Whether the rep has done enough on this objection for the buyer to move on."""
    if difficulty == "easy":
        return p.proof and (p.acknowledged or p.clarified or p.checked)
    if difficulty == "realistic":
        return p.acknowledged and p.relevant_proof and (p.checked or p.next_step)
    return p.acknowledged and p.clarified and p.relevant_proof and p.checked and p.turns >= 2


def facts(scenario: Scenario, kb: KnowledgeBase, objection_id: str | None) -> list[str]:
    """What the buyer can reveal when asked well, most relevant to the live objection first."""
    persona = kb.personas.get(scenario.persona)
    sentences = (s.rstrip(";.").strip() + "." for s in re.split(r"(?<=[.;])\s+", scenario.deal_context))
    pool = [s[0].upper() + s[1:] for s in sentences if len(s.split()) >= 4]
    if persona:
        pool += [f"What matters most to me is {c}." for c in persona.cares_about]
        pool += [f"What worries me is {c}." for c in persona.typical_concerns]
    objection = kb.objections.get(objection_id or "")
    wanted = set(terms(" ".join([objection.title, *objection.handling_path]))) if objection else set()
    return sorted(pool, key=lambda f: (-len(set(terms(f)) & wanted), pool.index(f)))


def asks_for_discount(objection: Objection | None) -> bool:
    """The buyer's objection is itself a demand for a price concession ('We need a bigger discount to sign')."""
    return objection is not None and "discount" in objection.title.lower()


def unasked_discount(s: RepSignals, objection: Objection | None) -> bool:
    """A price concession the buyer did not ask for and the rep got nothing for (a deadline to sign is nothing)."""
    return s.discount and not s.trade and not asks_for_discount(objection)


def _update(p: ObjectionProgress, s: RepSignals, difficulty: Difficulty, objection: Objection | None = None) -> bool:
    """Fold one rep turn into the objection's progress; True when the turn gives a discount unasked."""
    answered_before = p.proof
    p.turns += 1
    p.acknowledged |= s.acknowledgement != "none" and not s.argues
    answers_now = bool(s.proof_ids) or s.evidence
    asks_first = s.check != "none" and not answered_before and not answers_now  # nothing answered yet: it clarifies
    p.clarified |= s.clarify_open > 0 or asks_first or (difficulty == "easy" and s.clarify_closed > 0)
    p.proof |= answers_now
    p.relevant_proof |= bool(s.relevant_proof_ids) or ((bool(s.proof_ids) or s.evidence) and s.verification)
    answered = answered_before or bool(s.proof_ids) or s.evidence
    good_check = s.check == "specific" or (s.check == "generic" and difficulty != "tough")
    p.checked |= answered and good_check
    p.next_step |= s.next_step in ("concrete", "dated")
    instant = unasked_discount(s, objection)
    p.instant_discount |= instant
    return instant


def _move(kind: MoveKind, state: BuyerState, scenario: Scenario, reason: str, **extra: str | None) -> BuyerMove:
    live = scenario.objections[state.current] if state.current < len(scenario.objections) else None
    return BuyerMove(kind=kind, objection_id=live, reason=reason, **extra)  # type: ignore[arg-type]


def _end(state: BuyerState, kind: MoveKind, scenario: Scenario, reason: str) -> BuyerMove:
    state.ended = True
    state.outcome = {"agree_next_step": "next_step_agreed", "stall": "stalled"}.get(kind, "lost")  # type: ignore[assignment]
    move = _move(kind, state, scenario, reason)
    move.outcome = state.outcome
    return move


def _closing(state: BuyerState, s: RepSignals, scenario: Scenario) -> BuyerMove:
    """Every objection is handled: a concrete step closes it, otherwise the buyer asks once, then stalls."""
    if s.next_step in ("concrete", "dated"):
        return _end(state, "agree_next_step", scenario, "proposed a concrete next step")
    if s.argues or unasked_discount(s, None):
        state.pressure += 1
    state.closing_asks += 1
    if state.closing_asks >= 2:
        return _end(state, "stall", scenario, "no concrete next step after being asked")
    return _move("ask_next_step", state, scenario, "objections handled; waiting for a next step")


def _on_objection(state: BuyerState, s: RepSignals, scenario: Scenario, kb: KnowledgeBase) -> BuyerMove:
    """The rep answered the live objection: push back, press, move on, reveal or hold."""
    tough = scenario.difficulty == "tough"
    p = state.progress[state.current]
    instant_discount = _update(p, s, scenario.difficulty, kb.objections.get(p.objection_id))
    if s.argues:
        state.pressure += 2 if tough else 1
        return _move("press_harder", state, scenario, "argued with or dismissed the concern")
    if instant_discount:
        state.pressure += 2 if tough else 1
        kind: MoveKind = "press_harder" if tough else "push_back"
        return _move(kind, state, scenario, "offered a discount nobody asked for, and got nothing for it")
    if s.feature_dump:
        state.pressure += 1
        return _move("push_back", state, scenario, "a feature list or monologue without a question")
    if s.off_topic:
        return _move("restate", state, scenario, "small talk; the concern is still open")
    if handled(p, scenario.difficulty):
        p.handled = True
        state.current += 1
        if state.current < len(scenario.objections):
            return _move("raise_objection", state, scenario, "concern handled; the buyer raises the next one")
        if p.next_step:
            return _end(state, "agree_next_step", scenario, "last concern handled with a concrete next step")
        state.closing_asks = 1
        return _move("ask_next_step", state, scenario, "objections handled; waiting for a next step")
    asked_first = s.check != "none" and not p.proof  # a 'does that…' question before any answer asks to understand
    if (
        s.clarify_open > 0
        or asked_first
        or (scenario.difficulty == "easy" and s.clarify_closed > 0 and not s.proof_ids)
    ):
        left = [f for f in facts(scenario, kb, scenario.objections[state.current]) if f not in state.facts_used]
        if left:
            state.facts_used.append(left[0])
            return _move("share_information", state, scenario, "asked an open question", fact=left[0])
        return _move("restate", state, scenario, "asked again; nothing new to reveal")
    if p.proof and not p.relevant_proof:
        return _move("ask_for_proof", state, scenario, "an answer that does not speak to this concern")
    if p.proof:
        return _move("hesitate", state, scenario, "answered but has not checked it landed (or too soon)")
    if p.acknowledged or s.acknowledgement != "none":
        return _move("ask_for_proof", state, scenario, "acknowledged but gave no evidence")
    if s.closed_questions:
        return _move("short_answer", state, scenario, "a closed question gets a short answer")
    return _move("restate", state, scenario, "did not address the concern")


def decide(scenario: Scenario, state: BuyerState, s: RepSignals, kb: KnowledgeBase) -> tuple[BuyerMove, BuyerState]:
    """The buyer's next move and new state after one rep turn (the old state is left untouched)."""
    state = state.model_copy(deep=True)
    if state.ended:
        raise ValueError("the conversation has ended")
    state.rep_turns += 1
    if s.empty:
        move = _move("clarify_request", state, scenario, "an empty turn")
    elif s.non_english:
        move = _move("clarify_request", state, scenario, "a turn not in English")
    elif s.injection:
        state.pressure += 1 if scenario.difficulty == "tough" else 0
        move = _move("stay_in_role", state, scenario, "asked the buyer to leave their role")
    elif state.current >= len(scenario.objections):
        move = _closing(state, s, scenario)
    else:
        move = _on_objection(state, s, scenario, kb)
    if not state.ended and state.pressure >= PRESSURE_LIMIT[scenario.difficulty]:
        move = _end(state, "end_lost", scenario, f"pressure reached {state.pressure}: the buyer walks away")
    elif not state.ended and state.rep_turns >= max_rep_turns(scenario):
        progressed = any(p.handled for p in state.progress)
        kind: MoveKind = "stall" if progressed or state.pressure < 2 else "end_lost"
        move = _end(state, kind, scenario, f"no agreement after {state.rep_turns} turns")
    return move, state


def final_outcome(state: BuyerState) -> BuyerState:
    """The state when the rep stops before the buyer ended it (quit, end of the rep's lines)."""
    if state.ended:
        return state
    state = state.model_copy(deep=True)
    state.ended = True
    handled_all = state.current >= len(state.progress)
    state.outcome = "stalled" if handled_all or state.pressure < 2 or any(p.handled for p in state.progress) else "lost"
    return state
