"""The responsiveness set: does the buyer's next move answer the rep's last turn, as a sales coach would accept?

Each case builds a buyer state, reads one rep turn, lets the code choose the buyer's move and checks its class
(and, for a question, the topic of the fact told) against the classes the case accepts. Cases from unscripted play
also check the words: the prepared line for the move repeats no sentence the buyer already said and says nothing
the case rules out (a reply to a claim when the rep only acknowledged the concern).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.lines import concern_line, curated_line
from copilot.roleplay.models import BuyerMove, BuyerState, Scenario
from copilot.roleplay.moves import decide, initial_state, opening_move
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
    source: Literal["scripted", "unscripted"] = "scripted"
    not_said: list[str] = Field(default_factory=list, description="Words the buyer's line must not contain.")
    buyer: str | None = Field(
        None,
        description="The buyer's last line before the rep's turn, read as its context (as in play); none: no context.",
    )
    round: int | None = Field(
        None,
        description="The round of writing (1 scripted, 2 unscripted play, 3 third session, 4 fourth session, "
        "5 fifth session, 6 sixth session, 7 seventh session, 8 eighth session, 9 ninth session, 10 tenth session, 11 eleventh session, 12 twelfth session, 13 thirteenth session, 14-21 later sessions).",
    )

    @property
    def batch(self) -> int:
        """The round the case was written in: given, else 2 for unscripted play and 1 for the first scripted set."""
        return self.round or (2 if self.source == "unscripted" else 1)


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
    told = set(spec.pop("told", []))
    state.facts_used = [f.says for f in scenario.facts if f.topic in told]
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


MIN_REPEAT_WORDS = 4
"""Sentences shorter than this ('Not yet.', 'Fine.') may come back; longer ones may not."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a buyer line that would read as a repeat if said twice."""
    return [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= MIN_REPEAT_WORDS]


def said_so_far(kb: KnowledgeBase, scenario: Scenario, state: BuyerState) -> list[str]:
    """What the buyer has said by this state: the opening, then each later concern as it was raised."""
    said = [curated_line(kb, scenario, opening_move(scenario), 0)]
    for at in range(1, min(state.current + 1, len(scenario.objections))):
        said.append(concern_line(kb, scenario, scenario.objections[at], 2 * at))
    return [*said, *state.facts_used]


def words_problem(line: str, said: list[str], not_said: list[str]) -> str | None:
    """Why the buyer's line does not fit: a sentence said before, or words the case rules out."""
    before = {s for x in said for s in sentences(x)}
    again = next((s for s in sentences(line) if s in before), None)
    if again is not None:
        return f"says again: {again!r}"
    banned = next((w for w in not_said if w.lower() in line.lower()), None)
    return f"says {banned!r}" if banned else None


def judge(kb: KnowledgeBase, case: Case, proof: ProofIndex | None = None) -> tuple[bool, BuyerMove, str | None]:
    """The move the buyer makes, whether a coach would accept it, and (unscripted cases) what is wrong with its words."""
    scenario = scenario_from_kb(kb, case.scenario)
    state = build_state(kb, case)
    live = scenario.objections[state.current] if state.current < len(scenario.objections) else None
    text, _ = clean(case.rep)
    signals = read_turn(text, kb.objections.get(live or ""), proof or ProofIndex.build(kb), case.buyer)
    move, _ = decide(scenario, state, signals, kb, turn=2 * state.rep_turns + 1, text=text)
    kind = MOVE_CLASS.get(move.kind, move.kind)
    ok = kind in case.accept and (case.topic is None or kind != "answer_question" or move.topic == case.topic)
    problem = None
    if case.source == "unscripted":
        said = said_so_far(kb, scenario, state)
        line = curated_line(kb, scenario, move, 2 * state.rep_turns + 2, said)
        problem = words_problem(line, said, case.not_said)
    return ok and problem is None, move, problem
