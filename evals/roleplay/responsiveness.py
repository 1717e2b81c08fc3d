"""The responsiveness set: does the buyer's next move answer the rep's last turn, as a sales coach would accept?

Each case builds a buyer state, reads one rep turn, lets the code choose the buyer's move and checks its class
(and, for a question, the topic of the fact told) against the classes the case accepts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.models import BuyerMove, BuyerState
from copilot.roleplay.moves import decide, initial_state
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.signals import clean, read_turn

DEFAULT_SET = Path(__file__).resolve().parent / "responsiveness.yaml"
MOVE_CLASS = {
    "share_information": "answer_question",
    "take_offer": "take_offer",
    "counter_offer": "counter_offer",
    "distrust_offer": "distrust_offer",
    "agree_next_step": "accept_step",
    "amend_next_step": "amend_step",
    "refuse_next_step": "refuse_step",
    "press_harder": "cooler",
    "push_back": "cooler",
    "ask_for_proof": "ask_for_proof",
    "hesitate": "hesitate",
    "raise_objection": "move_on",
    "ask_next_step": "ask_next_step",
    "restate": "restate",
    "short_answer": "restate",
    "stay_in_role": "stay_in_role",
    "clarify_request": "clarify_request",
    "stall": "end",
    "end_lost": "end",
}


class Case(BaseModel):
    """One labelled (buyer state, rep turn) pair."""

    id: str
    split: Literal["dev", "heldout"]
    scenario: str
    state: dict[str, Any] = Field(default_factory=dict)
    rep: str
    accept: list[str]
    topic: str | None = None


def load_cases(path: Path = DEFAULT_SET) -> list[Case]:
    """The labelled cases."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Case.model_validate(c) for c in raw.get("cases", [])]


def build_state(kb: KnowledgeBase, case: Case) -> BuyerState:
    """The buyer state a case describes: the live objection, what the rep has earned on it, the pressure."""
    scenario = scenario_from_kb(kb, case.scenario)
    state = initial_state(scenario)
    spec = dict(case.state)
    at = spec.pop("objection", 0)
    state.pressure = int(spec.pop("pressure", 0))
    current = len(scenario.objections) if at == "closing" else int(at)
    for p in state.progress[:current]:
        p.handled = p.acknowledged = p.relevant_proof = p.proof = p.checked = True
        p.turns = 2
    state.current = current
    if current < len(state.progress):
        p = state.progress[current]
        for key, value in spec.items():
            setattr(p, key, value)
        if p.relevant_proof:
            p.proof = True
    state.rep_turns = 2 * current + int(spec.get("turns", 0))
    return state


def judge(kb: KnowledgeBase, case: Case, proof: ProofIndex | None = None) -> tuple[bool, BuyerMove]:
    """The move the buyer makes, and whether a coach would accept it."""
    scenario = scenario_from_kb(kb, case.scenario)
    state = build_state(kb, case)
    live = scenario.objections[state.current] if state.current < len(scenario.objections) else None
    text, _ = clean(case.rep)
    signals = read_turn(text, kb.objections.get(live or ""), proof or ProofIndex.build(kb), None)
    move, _ = decide(scenario, state, signals, kb, turn=1, text=text)
    kind = MOVE_CLASS.get(move.kind, move.kind)
    ok = kind in case.accept and (case.topic is None or kind != "answer_question" or move.topic == case.topic)
    return ok, move
