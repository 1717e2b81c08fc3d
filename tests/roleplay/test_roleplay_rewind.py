"""Rewind (issue 18): go back to one of the rep's turns, try a different line, and see both branches side by side;
each branch is an attempt of its own, linked to the session it came from."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copilot.cli.main import main
from copilot.knowledge.schema import KnowledgeBase
from copilot.records import Actor, Store, open_store
from copilot.roleplay.rewind import RewindError, branch, branch_snapshot
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.session import RoleplaySession
from copilot.settings import load_settings

REPO = Path(__file__).resolve().parents[2]
TEAM = REPO / "knowledge" / "demo_team" / "team.yaml"
ADMIN = Actor.local_admin()
WEAK = [
    "Our platform is the best on the market, with AI scoring, dashboards and alerts.",
    "I can do 30% if you sign before year end.",
    "With respect, the price is fair, you just need to trust me.",
]
BETTER = [
    "That's a fair thing to push on, price deserves scrutiny. What are you comparing the price with?",
    "Customers reach forecast accuracy within 5 percent of actuals by their second quarter, and finance gets "
    "back about a day a week on reconciliation. Against a second analyst, does that change how it looks?",
]


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(load_settings())
    s.load_team_file(ADMIN, TEAM, shift=False)
    yield s
    s.close()


def _played(kb: KnowledgeBase, lines: list[str]) -> RoleplaySession:
    session = RoleplaySession(kb, scenario_from_kb(kb, "sc-cfo-price-pushback"), None)
    session.open()
    for line in lines:
        session.rep_says(line)
    return session


def test_a_branch_keeps_the_words_and_the_buyer_state_before_the_turn(kb: KnowledgeBase) -> None:
    full = _played(kb, WEAK)
    upto = _played(kb, WEAK[:1])
    snap = branch_snapshot(kb, full.snapshot(), 2, parent_id="rps-parent")
    assert [t.text for t in snap.turns] == [t.text for t in upto.turns]
    assert snap.state == upto.state and snap.state.concessions == []
    assert (snap.parent_session_id, snap.root_session_id, snap.branch_turn) == ("rps-parent", "rps-parent", 2)
    again = branch_snapshot(kb, snap, 1, parent_id="rps-child")
    assert again.root_session_id == "rps-parent" and again.parent_session_id == "rps-child"


def test_a_branch_plays_on_and_records_where_it_came_from(kb: KnowledgeBase) -> None:
    session = branch(kb, _played(kb, WEAK).snapshot(), 1, None, parent_id="rps-parent")
    for line in BETTER:
        session.rep_says(line)
    result = session.finish()
    assert result.score.overall > _played(kb, WEAK).finish().score.overall
    payload = result.payload()
    assert payload["parent_session_id"] == "rps-parent" and payload["branch_turn"] == 1


@pytest.mark.parametrize("turn", [0, 4])
def test_a_turn_the_session_does_not_have_is_a_clear_error(kb: KnowledgeBase, turn: int) -> None:
    with pytest.raises(RewindError) as info:
        branch_snapshot(kb, _played(kb, WEAK).snapshot(), turn)
    assert "--from-turn between 1 and 3" in (info.value.fix or "")


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_cli_rewinds_a_finished_session_and_shows_both_branches(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weak, better = tmp_path / "weak.txt", tmp_path / "better.txt"
    weak.write_text("\n".join(WEAK), encoding="utf-8")
    better.write_text("\n".join(BETTER), encoding="utf-8")
    base = ["roleplay", "--no-model", "--json"]
    assert (
        main([*base, "--scenario", "sc-cfo-price-pushback", "--rep", "rep-dana-okafor", "--rep-lines", str(weak)]) == 0
    )
    first = _json(capsys)
    assert main([*base, "--resume", first["session_id"], "--from-turn", "2", "--rep-lines", str(better)]) == 0
    second = _json(capsys)
    assert second["parent_session_id"] == first["session_id"] and second["branch_turn"] == 2
    assert [t["text"] for t in second["turns"] if t["speaker"] == "rep"] == [WEAK[0], *BETTER]
    comparison = second["comparison"]
    assert comparison["before"]["overall"] == first["overall"] and comparison["after"]["overall"] == second["overall"]
    assert {r["criterion_id"] for r in comparison["rows"]} == {s["criterion_id"] for s in first["scores"]}
    attempts = {a.id: a for a in store.roleplay_attempts(ADMIN, "rep-dana-okafor")}
    assert attempts[second["attempt_id"]].scores["parent_session_id"] == first["session_id"]
    assert first["attempt_id"] in attempts  # the first attempt is kept as it was
    assert main([*base, "--resume", first["session_id"], "--from-turn", "9", "--rep-lines", str(better)]) == 2
    assert "--from-turn between 1 and 3" in capsys.readouterr().err
    assert main([*base, "--scenario", "sc-cfo-price-pushback", "--from-turn", "2", "--rep-lines", str(better)]) == 2


def test_cli_continues_an_unfinished_session_by_its_id(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = RoleplaySession(store.kb, scenario_from_kb(store.kb, "sc-cfo-price-pushback"), None)
    state.open()
    state.rep_says(BETTER[0])
    view = store.start_roleplay_session(
        ADMIN, "rep-dana-okafor", "sc-cfo-price-pushback", state.snapshot().model_dump(mode="json")
    )
    rest = tmp_path / "rest.txt"
    rest.write_text(BETTER[1], encoding="utf-8")
    assert main(["roleplay", "--no-model", "--json", "--resume", view.id, "--rep-lines", str(rest)]) == 0
    out = _json(capsys)
    assert out["session_id"] == view.id and [t["text"] for t in out["turns"] if t["speaker"] == "rep"] == BETTER
    assert main(["roleplay", "--no-model", "--json", "--resume", view.id, "--rep-lines", str(rest)]) == 2
    assert "--from-turn" in capsys.readouterr().err  # finished: it can only be rewound
