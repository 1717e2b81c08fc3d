"""Rewind: go back to one of the rep's turns and try a different line from there, then compare both branches.

The branch keeps the conversation before that turn word for word (the buyer's state is rebuilt from the saved
rep turns, which the code's moves make reproducible) and is saved as an attempt of its own that names the
session it branched from and the turn.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from copilot.errors import RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel
from copilot.roleplay.feedback import CONCEDED
from copilot.roleplay.moves import decide, initial_state
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.session import RoleplayResult, RoleplaySession, Snapshot
from copilot.roleplay.signals import read_turn


class RewindError(RecordsError):
    """A turn to rewind to that the session does not have."""


class BranchRow(BaseModel):
    """One criterion, scored in the first attempt and in the branch."""

    criterion_id: str
    title: str
    before: int | None
    after: int | None


class BranchComparison(BaseModel):
    """Both branches side by side: outcome, overall, every criterion and what was given away."""

    branch_turn: int = Field(description="The rep turn (1-based) the branch starts from.")
    before: dict[str, Any]
    after: dict[str, Any]
    rows: list[BranchRow]


def rep_turn_indexes(snapshot: Snapshot) -> list[int]:
    """Turn indexes of the rep's turns, in order (rep turn N is at position N-1)."""
    return [t.index for t in snapshot.turns if t.speaker == "rep"]


def branch_snapshot(kb: KnowledgeBase, snapshot: Snapshot, from_turn: int, *, parent_id: str | None = None) -> Snapshot:
    """The conversation up to, not including, the rep's `from_turn`-th turn, with the buyer's state at that point."""
    reps = rep_turn_indexes(snapshot)
    if not 1 <= from_turn <= len(reps):
        raise RewindError(
            f"this session has {len(reps)} rep turn(s); there is no turn {from_turn}",
            fix=f"pass --from-turn between 1 and {max(len(reps), 1)}",
        )
    cut = reps[from_turn - 1]
    turns = [t.model_copy(deep=True) for t in snapshot.turns[:cut]]
    scenario = snapshot.scenario
    state = initial_state(scenario)
    proof = ProofIndex.build(kb)
    context: str | None = None
    for t in turns:
        if t.speaker == "buyer":
            context = t.text
            continue
        signals = t.signals or read_turn(t.text, kb.objections.get(t.objection_id or ""), proof, context)
        _, state = decide(scenario, state, signals, kb, turn=t.index, text=t.text)
    root = snapshot.root_session_id or parent_id
    return Snapshot(
        scenario=scenario,
        state=state,
        turns=turns,
        parent_session_id=parent_id,
        root_session_id=root,
        branch_turn=from_turn,
    )


def branch(
    kb: KnowledgeBase, snapshot: Snapshot, from_turn: int, model: ChatModel | None, *, parent_id: str | None = None
) -> RoleplaySession:
    """A live session that continues from just before the rep's `from_turn`-th turn."""
    data = branch_snapshot(kb, snapshot, from_turn, parent_id=parent_id).model_dump(mode="json")
    return RoleplaySession.restore(kb, data, model)


def _side(result: RoleplayResult) -> dict[str, Any]:
    return {
        "outcome": result.score.outcome,
        "overall": result.score.overall,
        "concessions": [
            f"{CONCEDED[c.kind]} ({'asked' if c.asked else 'unasked'}): {c.text}" for c in result.concessions
        ],
    }


def compare(before: RoleplayResult, after: RoleplayResult, from_turn: int) -> BranchComparison:
    """The first attempt and the branch, criterion by criterion."""
    old = {c.criterion_id: c for c in before.score.scores}
    new = {c.criterion_id: c for c in after.score.scores}
    ids = list(dict.fromkeys([*old, *new]))
    rows = [
        BranchRow(
            criterion_id=i,
            title=(new.get(i) or old[i]).title,
            before=old[i].level if i in old else None,
            after=new[i].level if i in new else None,
        )
        for i in ids
    ]
    return BranchComparison(branch_turn=from_turn, before=_side(before), after=_side(after), rows=rows)


def render_comparison(c: BranchComparison) -> str:
    """Both branches' scores side by side, for the terminal."""
    lines = [
        f"\nBoth branches (rewound to your turn {c.branch_turn}):",
        f"  {'':<46} {'first':>17} {'branch':>17}",
        f"  {'Outcome':<46} {c.before['outcome'].replace('_', ' '):>17} {c.after['outcome'].replace('_', ' '):>17}",
        f"  {'Overall':<46} {c.before['overall']:>17} {c.after['overall']:>17}",
    ]
    for r in c.rows:
        lines.append(f"  {r.title:<46} {r.before or '-':>17} {r.after or '-':>17}")
    for side, label in ((c.before, "first"), (c.after, "branch")):
        for given in side["concessions"]:
            lines.append(f"  gave away ({label}): {given}")
    return "\n".join(lines)
