"""The roleplay use cases (copilot.app.roleplay) through both front ends: same input, same records, same errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from copilot.errors import CopilotError, RecordsError
from copilot.records.access import Actor
from copilot.roleplay.scenarios import UnknownScenario
from ui import roleplay_ops as ops
from ui.context import UIContext

Cli = Callable[..., tuple[int, Any, str]]
ADMIN = Actor.local_admin()
MANAGER = Actor("mgr-jordan-reyes", "manager")
SCENARIO = "sc-cro-discovery-first-call"
TYPO = "sc-cro-discovery-frist-call"
LINES = [
    "Happy to send something short. What would you want it to answer for you?",
    "Deals tend to sit in a stage for weeks before anyone flags them, so I can send a one-page example of how we "
    "spot late slips from stage lag on your team. Which part of that would matter most to your board?",
    "Shall we take fifteen minutes on Tuesday the 14th at 10am to go through it?",
]


@pytest.fixture
def web(team_web: UIContext) -> UIContext:
    """This file's web context: the demo team as written (tests/app/conftest.py)."""
    return team_web


@pytest.fixture
def cli(cli_json: Callable[..., tuple[int, Any, str]]) -> Callable[..., tuple[int, Any, str]]:
    """This file's CLI: exit code, parsed JSON (or text), stderr."""
    return cli_json


def rep_lines(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def play_on_the_web(ctx: UIContext, rep: str, choice: str, lines: list[str]) -> ops.Finished:
    """Start, say every line (unless the buyer ends it first) and finish, as the Roleplay tab does."""
    step = list(ops.start(ctx, ADMIN, rep, choice))[-1]
    key = step.key
    for line in lines:
        if step.ended:
            break
        step = list(ops.send(ctx, ADMIN, key, line))[-1]
        assert step.box == "", step.status
    return ops.finish(ctx, ADMIN, key)


def scores(attempt: Any) -> dict[str, int]:
    return {s["criterion_id"]: s["level"] for s in attempt.scores["scores"]}


def test_an_unknown_scenario_is_the_same_error_in_both(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("roleplay", "--scenario", TYPO, "--rep", "rep-dana-okafor", "--rep-lines",
                       rep_lines(tmp_path, LINES), "--no-model")  # fmt: skip
    with pytest.raises(UnknownScenario) as page:
        list(ops.start(web, ADMIN, "rep-dana-okafor", TYPO))
    assert code == 2 and f"error: {page.value}" in err
    assert f"did you mean {SCENARIO}" in str(page.value)
    with pytest.raises(UnknownScenario) as card:
        ops.card(web, ADMIN, "rep-dana-okafor", TYPO)
    assert str(card.value) == str(page.value)

    code, _, err = cli("assign-scenario", "--rep", "rep-dana-okafor", "--scenario", TYPO)
    with pytest.raises(UnknownScenario) as assigned:
        ops.assign_scenario(web, MANAGER, "rep-dana-okafor", TYPO, "good", "")
    assert code == 2 and f"error: {assigned.value}" in err


def test_the_same_rep_lines_give_the_same_score_in_both(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    code, result, err = cli("roleplay", "--scenario", SCENARIO, "--rep", "rep-dana-okafor", "--rep-lines",
                            rep_lines(tmp_path, LINES), "--no-model", "--json")  # fmt: skip
    assert code == 0, err
    done = play_on_the_web(web, "rep-priya-nair", SCENARIO, LINES)
    assert "## Your score" in done.score
    by_cli = web.store.roleplay_attempts(ADMIN, "rep-dana-okafor")
    by_web = web.store.roleplay_attempts(ADMIN, "rep-priya-nair")
    assert len(by_cli) == len(by_web) == 1 and by_cli[0].id == result["attempt_id"]
    assert scores(by_cli[0]) == scores(by_web[0]) and by_cli[0].scores["overall"] == by_web[0].scores["overall"]
    assert [t["text"] for t in by_cli[0].transcript] == [t["text"] for t in by_web[0].transcript]


def test_an_assigned_scenario_carries_its_target_in_both(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("assign-scenario", "--rep", "rep-dana-okafor", "--scenario", SCENARIO, "--target", "4")
    assert code == 0, err
    said = ops.assign_scenario(web, MANAGER, "rep-priya-nair", SCENARIO, "4", "")
    assert "target **Excellent**" in said
    made = [web.store.scenario_assignments(ADMIN, r)[0] for r in ("rep-dana-okafor", "rep-priya-nair")]
    assert [(a.scenario, a.target_level, a.status) for a in made] == [(SCENARIO, 4, "assigned")] * 2

    code, result, err = cli("roleplay", "--scenario", SCENARIO, "--rep", "rep-dana-okafor", "--rep-lines",
                            rep_lines(tmp_path, LINES), "--no-model", "--json")  # fmt: skip
    assert code == 0, err
    list(ops.start(web, ADMIN, "rep-priya-nair", SCENARIO))
    (opened,) = web.store.open_roleplay_sessions(ADMIN, "rep-priya-nair")
    played = opened.state["scenario"]
    assert result["target_level"] == played["target_level"] == 4
    assert result["source"] == played["source"] == "assigned" and played["assignment_id"] == made[1].id


def test_the_weakest_steps_build_the_same_scenario_in_both(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    code, listed, _ = cli("scenarios", "--rep", "rep-dana-okafor", "--json")
    assert code == 0
    suggested = listed["rep"]["suggested"]
    code, result, err = cli("roleplay", "--weakest", "--rep", "rep-dana-okafor", "--rep-lines",
                            rep_lines(tmp_path, LINES), "--no-model", "--json")  # fmt: skip
    assert code == 0, err
    list(ops.start(web, ADMIN, "rep-dana-okafor", ops.WEAKEST))
    (opened,) = web.store.open_roleplay_sessions(ADMIN, "rep-dana-okafor")
    assert result["scenario"] == opened.state["scenario"]["id"] == suggested["id"]
    assert result["difficulty"] == opened.state["scenario"]["difficulty"] == suggested["difficulty"]
    assert suggested["title"] in ops.card(web, ADMIN, "rep-dana-okafor", ops.WEAKEST)


def test_weakest_without_a_rep_or_no_scenario_is_refused(cli: Cli) -> None:
    code, _, err = cli("roleplay", "--weakest", "--no-model")
    assert code == 2 and "--weakest: needs --rep" in err
    code, _, err = cli("roleplay", "--no-model")
    assert code == 2 and "--scenario: no scenario given" in err


def test_a_rewound_branch_is_compared_with_its_parent_in_both(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    weak = ["We have dashboards, AI scoring, alerts, a mobile app and integrations for everything.", LINES[1]]
    code, first, _ = cli("roleplay", "--scenario", SCENARIO, "--rep", "rep-dana-okafor", "--rep-lines",
                         rep_lines(tmp_path, weak), "--no-model", "--json")  # fmt: skip
    assert code == 0
    code, branch, err = cli("roleplay", "--resume", first["session_id"], "--from-turn", "1", "--rep-lines",
                            rep_lines(tmp_path, LINES[:2]), "--no-model", "--json")  # fmt: skip
    assert code == 0, err

    done = play_on_the_web(web, "rep-priya-nair", SCENARIO, weak)
    step = list(ops.rewind(web, ADMIN, done.key, LINES[0], number=1))[-1]
    assert "Rewound to your turn 1" in step.status
    step = list(ops.send(web, ADMIN, step.key, LINES[1]))[-1]
    rewound = ops.finish(web, ADMIN, step.key)
    assert "### Both branches (rewound to your turn 1)" in rewound.score

    comparison = branch["comparison"]
    assert comparison["before"]["overall"] == first["overall"] and comparison["after"]["overall"] == branch["overall"]
    by_cli = web.store.roleplay_attempts(ADMIN, "rep-dana-okafor")
    by_web = web.store.roleplay_attempts(ADMIN, "rep-priya-nair")
    assert [a.scores.get("branch_turn") for a in by_cli] == [a.scores.get("branch_turn") for a in by_web] == [None, 1]
    assert [scores(a) for a in by_cli] == [scores(a) for a in by_web]
    for row in comparison["rows"]:
        assert f"| {row['title']} |" in rewound.score


def test_rewinding_an_unfinished_session_saves_it_as_an_attempt_in_both(
    web: UIContext, cli: Cli, tmp_path: Path
) -> None:
    # the rep plays two turns, leaves without scoring, then rewinds turn 1 and finishes the new branch: the line
    # left behind is an attempt of its own (scored as it stood), and nothing is left waiting as "unfinished"
    weak = ["We have dashboards, AI scoring, alerts, a mobile app and integrations for everything.", LINES[1]]

    def left_unfinished(rep: str) -> ops.Key:
        step = list(ops.start(web, ADMIN, rep, SCENARIO))[-1]
        for line in weak:
            step = list(ops.send(web, ADMIN, step.key, line))[-1]
        assert step.key and [s.id for s in web.store.open_roleplay_sessions(ADMIN, rep)] == [step.key["session"]]
        return step.key

    played = left_unfinished("rep-priya-nair")
    left = played["session"]
    step = list(ops.rewind(web, ADMIN, played, LINES[0], number=1))[-1]
    assert "Rewound to your turn 1" in step.status
    assert [s.id for s in web.store.open_roleplay_sessions(ADMIN, "rep-priya-nair")] == [step.key["session"]]
    rewound = ops.finish(web, ADMIN, step.key)
    assert "### Both branches (rewound to your turn 1)" in rewound.score

    left_by_cli = left_unfinished("rep-dana-okafor")["session"]
    code, branch, err = cli("roleplay", "--resume", left_by_cli, "--from-turn", "1", "--rep-lines",
                            rep_lines(tmp_path, LINES[:2]), "--no-model", "--json")  # fmt: skip
    assert code == 0, err

    for rep, first in (("rep-priya-nair", left), ("rep-dana-okafor", left_by_cli)):
        assert web.store.roleplay_session(ADMIN, first).status == "finished"
        assert web.store.open_roleplay_sessions(ADMIN, rep) == []
        attempts = web.store.roleplay_attempts(ADMIN, rep)
        assert [a.scores.get("branch_turn") for a in attempts] == [None, 1]
        assert "Unfinished" not in ops.picker(web, ADMIN, rep).notice
    assert branch["comparison"]["before"]["overall"] == scores_overall(web, "rep-dana-okafor")[0]


def scores_overall(web: UIContext, rep: str) -> list[float]:
    return [a.scores["overall"] for a in web.store.roleplay_attempts(ADMIN, rep)]


def test_resuming_an_unfinished_session_continues_the_same_one_in_both(
    web: UIContext, cli: Cli, tmp_path: Path
) -> None:
    list(ops.start(web, ADMIN, "rep-dana-okafor", SCENARIO))
    (opened,) = web.store.open_roleplay_sessions(ADMIN, "rep-dana-okafor")
    code, result, err = cli("roleplay", "--resume", "--rep", "rep-dana-okafor", "--scenario", SCENARIO,
                            "--rep-lines", rep_lines(tmp_path, LINES), "--no-model", "--json")  # fmt: skip
    assert code == 0, err
    assert result["session_id"] == opened.id

    code, _, err = cli("roleplay", "--resume", "--rep", "rep-dana-okafor", "--scenario", SCENARIO,
                       "--rep-lines", rep_lines(tmp_path, LINES), "--no-model")  # fmt: skip
    steps = list(ops.resume(web, ADMIN, "rep-dana-okafor", SCENARIO))
    assert code == 2 and "rep-dana-okafor has no unfinished session" in err
    assert "No unfinished session of this scenario" in steps[-1].status


def test_a_page_playing_a_replaced_session_is_refused(web: UIContext) -> None:
    first = list(ops.start(web, ADMIN, "rep-dana-okafor", SCENARIO))[-1]
    list(ops.start(web, ADMIN, "rep-dana-okafor", SCENARIO))  # another window starts it again
    step = list(ops.send(web, ADMIN, first.key, LINES[0]))[-1]
    assert "no longer open" in step.status and step.box == LINES[0]
    with pytest.raises(RecordsError, match="no longer open"):
        ops.finish(web, ADMIN, first.key)


def test_a_turn_in_flight_holds_the_session_for_the_app(web: UIContext) -> None:
    started = list(ops.start(web, ADMIN, "rep-dana-okafor", SCENARIO))[-1]
    assert started.key is not None
    with web.app.in_flight.hold(started.key["session"]) as free:
        assert free
        busy = list(ops.send(web, ADMIN, started.key, LINES[0]))[-1]
        assert busy.status == ops.BUSY and busy.box == LINES[0]
        assert ops.finish(web, ADMIN, started.key).score == ops.BUSY
    step = list(ops.send(web, ADMIN, started.key, LINES[0]))[-1]
    assert step.box == "" and [m["role"] for m in step.chat or []] == ["assistant", "user", "assistant"]


def test_a_model_that_cannot_load_falls_back_to_prepared_lines_in_both(
    web: UIContext, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ConfigError (no model name) is a fallback in the CLI as it was on the page, not a crash."""
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "openai")
    monkeypatch.setenv("COPILOT_LLM_MODEL", "")
    monkeypatch.setenv("COPILOT_MODEL_FEATURES", "all")
    code, result, err = cli("roleplay", "--scenario", SCENARIO, "--rep-lines", rep_lines(tmp_path, LINES), "--json")
    assert code == 0 and "note: the model is unavailable" in err
    assert all(t["source"] != "model" for t in result["turns"] if t["speaker"] == "buyer")

    from copilot.runtime import Runtime
    from copilot.settings import load_settings

    broken = UIContext(Runtime(load_settings()))
    try:
        last = list(ops.start(broken, ADMIN, "rep-priya-nair", SCENARIO))[-1]
        assert "language model is unavailable" in last.status and "COPILOT_LLM_MODEL" in last.status
        assert "COPILOT_LLM_MODEL" in err
    finally:
        broken.close()


def test_a_due_date_before_the_assignment_is_the_same_error_in_both(web: UIContext, cli: Cli) -> None:
    code, _, err = cli("assign-scenario", "--rep", "rep-dana-okafor", "--scenario", SCENARIO, "--due", "2000-01-01")
    with pytest.raises(CopilotError) as page:
        ops.assign_scenario(web, MANAGER, "rep-dana-okafor", SCENARIO, "good", "2000-01-01")
    assert code == 2 and page.value.message.startswith("due date 2000-01-01 is before") and page.value.message in err


def test_a_reps_practice_lists_the_same_attempts_and_trends_in_both(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    for _ in range(2):
        code, _, err = cli("roleplay", "--scenario", SCENARIO, "--rep", "rep-dana-okafor", "--rep-lines",
                           rep_lines(tmp_path, LINES), "--no-model", "--json")  # fmt: skip
        assert code == 0, err
    code, listed, _ = cli("scenarios", "--rep", "rep-dana-okafor", "--json")
    shown = ops.manager_practice(web, MANAGER, "rep-dana-okafor")
    (trend,) = listed["rep"]["trends"]
    assert trend["scenario"] == SCENARIO and len(trend["attempts"]) == 2
    assert len(shown.attempts) == 2 and shown.trend["attempts"].tolist() == [2]
    assert [p["overall"] for p in trend["attempts"]] == shown.points["overall"].tolist()
