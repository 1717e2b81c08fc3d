"""The practice programme's use cases (copilot.app.practice) through both front ends: the same records, the same
errors for the same input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from copilot.errors import AccessDenied, CopilotError, RecordsError
from copilot.records.access import Actor
from ui import practice_ops as ops
from ui.context import UIContext

Cli = Callable[..., tuple[int, Any, str]]
ADMIN = Actor.local_admin()
MANAGER = Actor("mgr-jordan-reyes", "manager")
REP = "rep-dana-okafor"
SCENARIO = "sc-security-review-gate"
LINES = [
    "That's a standard requirement for us. Which data and which regulations are in scope for you?",
    "We host in the EU or the US, and your data stays in the region you choose. Is anything else in the data flow "
    "you need confirmed?",
    "Could we book a review of the DPA and the SSO setup with you on Wednesday at 10?",
]
ANSWER = (
    "That's a fair question, budgets are finite. What are you comparing it with? Most of our customers see "
    "forecast accuracy within five percent by their second quarter. Does that change the picture? Could we "
    "review the business case with finance on Thursday?"
)


@pytest.fixture
def web(team_web: UIContext) -> UIContext:
    """This file's web context: the demo team as written (tests/app/conftest.py)."""
    return team_web


@pytest.fixture
def cli(cli_json: Callable[..., tuple[int, Any, str]]) -> Callable[..., tuple[int, Any, str]]:
    """This file's CLI: exit code, parsed JSON (or text), stderr."""
    return cli_json


@pytest.fixture
def attempt(web: UIContext, cli: Cli, tmp_path: Path) -> str:
    """One of Dana's roleplays, scored by the AI."""
    lines = tmp_path / "lines.txt"
    lines.write_text("\n".join(LINES), encoding="utf-8")
    code, result, err = cli("roleplay", "--scenario", SCENARIO, "--rep", REP, "--rep-lines", lines, "--no-model",
                            "--json")  # fmt: skip
    assert code == 0, err
    return str(result["attempt_id"])


def add_user(cli: Cli, uid: str, role: str) -> None:
    code, _, err = cli("user", "add", uid, "--name", uid, "--email", f"{uid}@example.com", "--role", role,
                       "--no-password")  # fmt: skip
    assert code == 0, err


def test_a_level_that_is_not_criterion_level_is_the_same_error_in_both(web: UIContext, cli: Cli) -> None:
    with pytest.raises(RecordsError) as page:
        ops.submit_calibration(web, MANAGER, "cal-any", "objection-handling.checks=3\nchecks 3")
    assert page.value.message == "'checks 3' is not criterion=level"
    code, _, err = cli("calibrate", "score", "cal-any", "--levels", "objection-handling.checks=3,checks 3")
    assert code == 2 and "error: --levels 'checks 3' is not criterion=level" in err
    code, _, err = cli("certify", "define", "gate", "--title", "Gate", "--scenario", SCENARIO, "--require", "checks 3")
    assert code == 2 and "error: --require 'checks 3' is not criterion=level" in err
    code, _, err = cli("reviews", "approve", "rp-any", "--version", "0", "--set", "checks 3")
    assert code == 2 and "error: --set 'checks 3' is not criterion=level" in err
    with pytest.raises(RecordsError) as closing:
        ops.close_calibration(web, ADMIN, "cal-any", "checks 3")
    assert closing.value.message == page.value.message


def test_a_score_approved_on_the_page_is_the_version_the_cli_sees(web: UIContext, cli: Cli, attempt: str) -> None:
    code, queue, _ = cli("reviews", "queue", "--as", MANAGER.user_id, "--json")
    _, choices = ops.review_queue(web, MANAGER)
    assert code == 0 and [f"{i['kind']}:{i['id']}" for i in queue] == [key for _, key in choices]
    key = f"roleplay:{attempt}"
    heading, criteria, version, ids = ops.open_score(web, MANAGER, key)
    code, shown, _ = cli("reviews", "show", attempt, "--as", MANAGER.user_id, "--json")
    assert "awaiting review (version 0)" in heading
    assert version == shown["version"] == 0 and ids == [c["criterion"] for c in shown["criteria"]]
    assert criteria["AI level"].tolist() == [c["ai_level"] for c in shown["criteria"]]
    ai = shown["criteria"][0]["ai_level"]
    new = 4 if ai < 4 else 3

    said = ops.approve(web, MANAGER, key, 0, ids[0], str(new), "heard it")
    assert said.startswith("Approved version 1")
    code, shown, _ = cli("reviews", "show", attempt, "--as", MANAGER.user_id, "--json")
    assert shown["version"] == 1 and shown["criteria"][0]["level"] == new

    code, _, err = cli("reviews", "approve", attempt, "--version", "0", "--as", MANAGER.user_id)
    with pytest.raises(RecordsError) as page:
        ops.approve(web, MANAGER, key, 0, None, None, "")
    assert code == 2 and "changed since you opened it" in page.value.message and f"error: {page.value}" in err


def test_certifications_defined_in_either_are_the_same_rules(web: UIContext, cli: Cli) -> None:
    code, by_cli, err = cli("certify", "define", "gate", "--title", "Security gate", "--scenario", SCENARIO,
                            "--level", "2", "--attempts", "2", "--due", "2030-12-31", "--json")  # fmt: skip
    assert code == 0, err
    said = ops.define_certification(web, ADMIN, " gate-two ", "Security gate", [SCENARIO], "2", 2, "2030-12-31", None)
    assert said.startswith("Saved.") and "(`gate-two`, rules v1)" in said
    code, listed, _ = cli("certify", "list", "--json")
    rules = {c["id"]: c["rules"] for c in listed}
    assert rules["gate"] == rules["gate-two"] == by_cli["rules"]
    shown = ops.certification_list(web, ADMIN)
    assert "(`gate`, rules v1)" in shown and "(`gate-two`, rules v1)" in shown

    code, _, err = cli("certify", "define", "Bad Id", "--title", "x", "--scenario", SCENARIO)
    with pytest.raises(CopilotError) as page:
        ops.define_certification(web, ADMIN, "Bad Id", "x", [SCENARIO], "good", 2, "", None)
    assert code == 2 and f"error: {page.value}" in err
    code, _, err = cli("certify", "define", "gate", "--title", "x", "--scenario", "sc-nope")
    with pytest.raises(CopilotError) as unknown:
        ops.define_certification(web, ADMIN, "gate", "x", ["sc-nope"], "good", 2, "", None)
    assert code == 2 and "unknown scenario" in str(unknown.value) and f"error: {unknown.value}" in err


def test_a_reps_certification_standing_is_the_same_in_both(web: UIContext, cli: Cli, attempt: str) -> None:
    cli("certify", "define", "gate", "--title", "Security gate", "--scenario", SCENARIO, "--level", "1", "--json")
    code, mine, _ = cli("certify", "status", "gate", "--rep", REP, "--json")
    (standing,) = mine
    page = ops.rep_certifications(web, ADMIN, REP)
    assert f"**Security gate: {standing['status'].replace('_', ' ').upper()}**" in page
    team = ops.team_certifications(web, MANAGER, "team-mid-market-east")
    by_rep = dict(zip(team["rep"], team["status"], strict=True))
    code, everyone, _ = cli("certify", "status", "gate", "--as", MANAGER.user_id, "--json")
    assert {s["rep_name"]: s["status"].replace("_", " ") for s in everyone} == by_rep

    add_user(cli, "enb-ana", "enablement")
    enablement = web.store.actor("enb-ana")
    code, _, err = cli("certify", "status", "--as", "enb-ana")
    with pytest.raises(AccessDenied) as refused:
        ops.team_certifications(web, enablement, "team-mid-market-east")
    assert code == 2 and f"error: {refused.value}" in err


def test_a_calibration_started_in_one_is_scored_in_the_other(web: UIContext, cli: Cli, attempt: str) -> None:
    add_user(cli, "enb-ana", "enablement")
    add_user(cli, "mgr-mia", "manager")
    enablement, mia = web.store.actor("enb-ana"), web.store.actor("mgr-mia")
    said = ops.start_calibration(web, enablement, "roleplay", f" {attempt} ", "Gate call")
    code, listed, _ = cli("calibrate", "list", "--as", MANAGER.user_id, "--json")
    (session,) = listed
    assert f"`{session['id']}`" in said and session["participants"] == ["mgr-jordan-reyes", "mgr-mia"]
    assert [sid for _, sid in ops.calibration_choices(web, MANAGER)] == [session["id"]]

    crits = session["criteria"]
    blind = ops.calibration_md(web, mia, session["id"])
    assert "score it before you see anyone else's levels" in blind
    code, _, err = cli("calibrate", "score", session["id"], "--levels", ",".join(f"{c}=3" for c in crits),
                       "--as", MANAGER.user_id)  # fmt: skip
    assert code == 0, err
    levels = "\n".join(f"{c}={2 if i == 0 else 3}" for i, c in enumerate(crits))
    shown = ops.submit_calibration(web, mia, session["id"], levels)
    code, done, _ = cli("calibrate", "show", session["id"], "--as", MANAGER.user_id, "--json")
    first = done["results"]["criteria"][0]
    assert first["levels"] == {MANAGER.user_id: 3, "mgr-mia": 2} and first["spread"] == 1
    assert f"| {first['title']} | 3 | 2 | {first['consensus']} | 1 |" in shown

    code, _, err = cli("calibrate", "score", session["id"], "--levels", levels.replace("\n", ","), "--as", "mgr-mia")
    with pytest.raises(RecordsError) as twice:
        ops.submit_calibration(web, mia, session["id"], levels)
    assert code == 2 and "already submitted" in twice.value.message and f"error: {twice.value}" in err

    closed = ops.close_calibration(web, enablement, session["id"], f"{crits[0]}=3")
    code, after, _ = cli("calibrate", "show", session["id"], "--as", "enb-ana", "--json")
    assert "(closed)" in closed and after["status"] == "closed" and after["results"]["criteria"][0]["agreed"] == 3


def test_the_daily_drill_is_the_same_item_and_score_in_both(web: UIContext, cli: Cli) -> None:
    code, item, _ = cli("drill", "today", "--rep", REP, "--json")
    text, on_page = ops.drill_today(web, ADMIN, REP)
    assert code == 0 and on_page == item and f"### Today's drill: {item['title']}" in text

    code, said, err = cli("drill", "say", "--rep", REP, "--item", "obj-too-expensive", "--text", ANSWER, "--json")
    assert code == 0, err
    page = ops.drill_answer(web, ADMIN, REP, said["item"], ANSWER)
    score = said["score"]
    assert f"### {score['score']:.0%} of the checks · {score['words']} words · {score['fillers']} filler" in page
    for check in score["checks"]:
        assert f"**{check['name']}**: {check['detail']}" in page
    code, habit, _ = cli("drill", "progress", "--rep", REP, "--json")
    assert habit["repetitions"]["obj-too-expensive"] == 2 and "2 repetition(s) of this one" in page

    someone_else = web.store.actor("rep-priya-nair")
    code, _, err = cli("drill", "today", "--rep", REP, "--as", "rep-priya-nair")
    with pytest.raises(AccessDenied) as refused:
        ops.drill_today(web, someone_else, REP)
    assert code == 2 and f"error: {refused.value}" in err
