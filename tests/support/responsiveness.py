"""A (buyer state, rep turn) pair from unscripted play, judged as the roleplay suite's responsiveness cases are."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from evals.roleplay.responsiveness import Case, judge


def unscripted(scenario: str, state: dict, rep: str, buyer: str | None, accept: list[str]) -> Case:
    """The pair as a suite case: a restated concern must not call the rep's words a claim."""
    return Case(
        id="t",
        split="dev",
        scenario=scenario,
        state=state,
        rep=rep,
        buyer=buyer,
        source="unscripted",
        round=None,
        accept=accept,
        not_said=["claim"] if "restate" in accept else [],
    )


def judged(kb: KnowledgeBase, scenario: str, state: dict, rep: str, buyer: str | None, accept: list[str]) -> None:
    """Assert the buyer's move on the pair is one a sales coach accepts."""
    ok, move, problem = judge(kb, unscripted(scenario, state, rep, buyer, accept))
    assert ok, (rep, move.kind, move.reason, problem)
