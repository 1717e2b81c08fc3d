"""The roleplay in the web app, driven through gradio_client: play, score, retry, resume, fail safely, assign."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pytest
from support.samples import STRONG
from support.ui import ADMIN, Launched, table

from copilot.errors import ModelUnavailableError
from copilot.records.store import open_store
from copilot.roleplay.session import Snapshot

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


SCENARIO = "sc-cro-discovery-first-call"  # easy: two objections, the buyer agrees a dated next step
JORDAN = "jordan.reyes@lanternline.example"
MARCUS = "marcus.bell@lanternline.example"


def text(message: dict[str, Any]) -> str:
    """A chat message's text as gradio_client returns it (a list of text parts)."""
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def roles(chat: Sequence[dict[str, Any]]) -> list[str]:
    return [m["role"] for m in chat]


def stored(launched: Launched, rep_id: str) -> tuple[list[Any], list[Any], list[Any]]:
    """The rep's open sessions, attempts and scenario assignments, read straight from the records."""
    store = open_store(launched.settings)
    try:
        return (
            store.open_roleplay_sessions(ADMIN, rep_id),
            store.roleplay_attempts(ADMIN, rep_id),
            store.scenario_assignments(ADMIN, rep_id),
        )
    finally:
        store.close()


def test_a_rep_plays_a_roleplay_and_the_scored_attempt_is_stored(single_user: Launched) -> None:
    rep = "rep-priya-nair"
    client = single_user.client()
    scenario, notice, *_ = client.predict(rep, api_name="/roleplay_page")
    values = [value for _, value in scenario["choices"]]
    assert values[0] == "weakest" and SCENARIO in values and scenario["value"] == "weakest"
    assert "Nothing assigned" in notice
    card = client.predict(rep, SCENARIO, api_name="/roleplay_card")
    assert "**Your goal:**" in card and "**Scored on:**" in card and "easy" in card

    chat, box, status, card, score = client.predict(rep, SCENARIO, api_name="/roleplay_start")
    assert roles(chat) == ["assistant"] and "deck" in text(chat[0])
    assert SCENARIO in card and score == "" and box == "" and status == ""

    job = client.submit(STRONG[0], api_name="/roleplay_send")
    job.result()
    steps = job.outputs()
    assert len(steps) >= 3, "the buyer's turn streams: a placeholder, then the words"
    first_chat, first_box, _ = steps[0]
    assert text(first_chat[-1]) == "…" and text(first_chat[-2]) == STRONG[0] and first_box == ""
    chat, box, _ = steps[-1]
    assert roles(chat) == ["assistant", "user", "assistant"] and box == ""
    chat, _, _ = client.predict(STRONG[1], api_name="/roleplay_send")
    assert len(chat) == 5

    score, trend, points, chat, _ = client.predict(rep, api_name="/roleplay_finish")
    assert "## Your score" in score and "| Acknowledges the concern | 3 Good |" in score
    assert '"Happy to send something short."' in score, "evidence quotes the rep's own words"
    assert "**Talk ratio:**" in score and re.search(r"\*\*Questions:\*\* [1-9] open, \d+ closed", score)
    assert "### Next drill" in score and "(`act-" in score
    opened, attempts, _ = stored(single_user, rep)
    assert not opened and len(attempts) == 1
    saved = attempts[0]
    assert saved.scenario == SCENARIO and len(saved.transcript) == 5
    assert {s["criterion_id"] for s in saved.scores["scores"]} >= {"objection-handling.acknowledges"}
    rows = table(trend)
    assert [r["attempts"] for r in rows] == [1] and rows[0]["latest vs previous"] == "first attempt"
    assert points["value"]["mark"] == "point" and len(table(points)) == 1, (
        "one attempt is drawn as a dot, not an empty grid"
    )

    chat, _, _, _, score = client.predict(rep, "weakest", api_name="/roleplay_retry")
    assert roles(chat) == ["assistant"] and score == ""
    client.predict(STRONG[0], api_name="/roleplay_send")
    score, trend, points, *_ = client.predict(rep, api_name="/roleplay_finish")
    assert "## Your score" in score
    rows = table(trend)
    assert rows[0]["attempts"] == 2 and "→" in rows[0]["overall per attempt"], "retry replays the same scenario"
    # attempts are labels on the axis ("1", "2"), never a number line with ticks between them
    assert [p["attempt"] for p in table(points)] == ["1", "2"] and points["value"]["mark"] == "line"
    assert len(stored(single_user, rep)[1]) == 2


def test_an_interrupted_roleplay_resumes_after_a_reload(single_user: Launched) -> None:
    rep = "rep-sam-whitaker"
    first = single_user.client()
    first.predict(rep, SCENARIO, api_name="/roleplay_start")
    first.predict(STRONG[0], api_name="/roleplay_send")

    reloaded = single_user.client()  # a new page: nothing in memory but the records
    scenario, notice, *_ = reloaded.predict(rep, api_name="/roleplay_page")
    assert scenario["value"] == SCENARIO and "Unfinished" in notice and "Resume" in notice
    chat, box, status, card, _ = reloaded.predict(rep, SCENARIO, api_name="/roleplay_resume")
    assert roles(chat) == ["assistant", "user", "assistant"] and text(chat[1]) == STRONG[0]
    assert "Resumed" in status and SCENARIO in card
    chat, _, _ = reloaded.predict(STRONG[1], api_name="/roleplay_send")
    assert len(chat) == 5
    opened, _, _ = stored(single_user, rep)
    assert len(opened) == 1 and len(opened[0].state["turns"]) == 5

    fresh = single_user.client()
    fresh.predict(rep, SCENARIO, api_name="/roleplay_start")  # starting afresh closes the unfinished one
    chat, box, status = reloaded.predict("What would make this worth a follow-up?", api_name="/roleplay_send")
    assert "no longer open" in status and "Fix:" in status
    assert box == "What would make this worth a follow-up?", "the words stay in the box"
    opened, _, _ = stored(single_user, rep)
    assert len(opened) == 1 and len(opened[0].state["turns"]) == 1


def test_a_model_that_is_down_leaves_a_readable_note_and_the_roleplay_goes_on(single_user: Launched) -> None:
    rep = "rep-tom-fischer"
    client = single_user.client()
    client.predict(rep, SCENARIO, api_name="/roleplay_start")
    down = ModelUnavailableError("cannot reach the model endpoint", fix="start the server")
    single_user.model.enqueue(down, down)
    chat, box, status = client.predict(STRONG[0], api_name="/roleplay_send")
    assert "The language model failed" in status and "cannot reach the model endpoint" in status
    assert "Traceback" not in status
    assert roles(chat) == ["assistant", "user", "assistant"] and text(chat[-1]).strip() and box == ""
    opened, _, _ = stored(single_user, rep)
    turns = Snapshot.model_validate(opened[0].state).turns
    assert turns[-1].source == "curated" and any("cannot reach" in p for p in turns[-1].problems)


def test_a_turn_that_crashes_keeps_the_words_and_is_never_stored_twice(single_user: Launched) -> None:
    from gradio_client.exceptions import AppError

    rep = "rep-elena-vasquez"
    client = single_user.client()
    client.predict(rep, SCENARIO, api_name="/roleplay_start")

    def crash(_: Any) -> str:
        raise RuntimeError("the connection dropped mid-answer")

    single_user.model.enqueue(crash)
    job = client.submit(STRONG[0], api_name="/roleplay_send")
    with pytest.raises(AppError, match="RuntimeError"):
        job.result()
    chat, box, status = job.outputs()[-1]
    assert box == STRONG[0] and "Your words were saved" in status
    opened, _, _ = stored(single_user, rep)
    saved = Snapshot.model_validate(opened[0].state)
    assert [t.speaker for t in saved.turns] == ["buyer", "rep"], "the rep's turn is saved, waiting for an answer"

    chat, box, status = client.predict(STRONG[0], api_name="/roleplay_send")  # Send again with the kept words
    assert roles(chat) == ["assistant", "user", "assistant"] and box == ""
    opened, _, _ = stored(single_user, rep)
    assert [t.speaker for t in Snapshot.model_validate(opened[0].state).turns] == ["buyer", "rep", "buyer"]


def test_send_and_finish_without_a_roleplay_say_what_to_do(single_user: Launched) -> None:
    client = single_user.client()
    _, box, status = client.predict("Hello?", api_name="/roleplay_send")
    assert "Start (or resume)" in status and box == "Hello?"
    score, *_ = client.predict("rep-priya-nair", api_name="/roleplay_finish")
    assert "Start (or resume)" in score
    client.predict("rep-priya-nair", SCENARIO, api_name="/roleplay_start")
    score, *_ = client.predict("rep-priya-nair", api_name="/roleplay_finish")
    assert "nothing to score" in score


def test_a_scenario_built_from_the_weakest_skills_says_so_on_the_card(single_user: Launched) -> None:
    card = single_user.client().predict("rep-dana-okafor", "weakest", api_name="/roleplay_card")
    assert "built for your weakest steps" in card and "Built to practise your weakest steps" in card


def test_a_manager_assigns_a_scenario_and_the_rep_reaches_the_target(team: Launched) -> None:
    rep = "rep-marcus-bell"
    jordan = team.client(JORDAN)
    due = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    message = jordan.predict(rep, SCENARIO, "good", due, api_name="/assign_scenario")
    assert message.startswith("Assigned") and "**Good**" in message
    _, _, assignments = stored(team, rep)
    assert [(a.scenario, a.target_level, a.status) for a in assignments] == [(SCENARIO, 3, "assigned")]

    marcus = team.client(MARCUS)
    scenario, notice, *_ = marcus.predict(rep, api_name="/roleplay_page")
    assert scenario["value"] == SCENARIO and "Your manager assigned" in notice
    label = next(label for label, value in scenario["choices"] if value == SCENARIO)
    assert label.startswith("Assigned:") and "target Good" in label
    assert "Target set by your manager:** Good" in marcus.predict(rep, SCENARIO, api_name="/roleplay_card")

    marcus.predict(rep, SCENARIO, api_name="/roleplay_start")
    for line in STRONG:
        _, _, status = marcus.predict(line, api_name="/roleplay_send")
        if "ended" in status:
            break
    assert "The buyer ended the conversation (next step agreed)" in status
    score, *_ = marcus.predict(rep, api_name="/roleplay_finish")
    assert "Target Good on every step: reached" in score
    _, attempts, assignments = stored(team, rep)
    assert assignments[0].status == "done" and assignments[0].attempt_id == attempts[-1].id

    given, trend, _, latest = jordan.predict(rep, api_name="/rep_roleplay")
    assert [r["status"] for r in table(given)] == ["done"]
    assert table(trend)[0]["attempts"] == 1 and table(latest)[0]["attempt"] == attempts[-1].id


@pytest.mark.parametrize(
    ("email", "api", "args"),
    [
        (MARCUS, "/assign_scenario", ("rep-marcus-bell", SCENARIO, "good", "")),
        (MARCUS, "/rep_roleplay", ("rep-marcus-bell",)),
        (MARCUS, "/roleplay_start", ("rep-dana-okafor", SCENARIO)),
        (MARCUS, "/roleplay_page", ("rep-dana-okafor",)),
        (JORDAN, "/roleplay_start", ("rep-marcus-bell", SCENARIO)),
    ],
)
def test_roleplay_actions_are_checked_by_role(team: Launched, email: str, api: str, args: tuple) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        team.client(email).predict(*args, api_name=api)
    assert "may not" in str(info.value) and "Traceback" not in str(info.value)


def test_a_second_window_cannot_interleave_a_turn(single_user: Launched) -> None:
    rep = "rep-dana-okafor"
    client = single_user.client()
    client.predict(rep, SCENARIO, api_name="/roleplay_start")
    opened, _, _ = stored(single_user, rep)
    with single_user.ctx.app.in_flight.hold(opened[0].id) as free:  # the buyer is answering in another window
        assert free
        chat, box, status = client.predict(STRONG[0], api_name="/roleplay_send")
        assert "still answering" in status and box == STRONG[0]
        score, *_ = client.predict(rep, api_name="/roleplay_finish")
        assert "still answering" in score
    chat, box, _ = client.predict(STRONG[0], api_name="/roleplay_send")
    assert roles(chat) == ["assistant", "user", "assistant"] and box == ""


def test_a_model_that_cannot_load_leaves_prepared_lines_and_says_how_to_fix_it(tmp_path: Any) -> None:
    from support.ui import make_settings, prepare

    from copilot.llm.fake import FakeChatModel
    from copilot.records.access import Actor
    from copilot.runtime import Runtime
    from ui import roleplay_ops as ops
    from ui.context import UIContext

    settings = make_settings(tmp_path)
    prepare(settings, FakeChatModel())
    broken = settings.model_copy(update={"llm_backend": "openai", "llm_model": ""})  # no model name: cannot load
    ctx = UIContext(Runtime(broken))
    try:
        steps = list(ops.start(ctx, Actor.local_admin(), "rep-priya-nair", SCENARIO))
        last = steps[-1]
        assert "language model is unavailable" in last.status and "COPILOT_LLM_MODEL" in last.status
        assert roles(last.chat) == ["assistant"] and "deck" in text(last.chat[0])
        turn = list(ops.send(ctx, Actor.local_admin(), last.key, STRONG[0]))[-1]
        assert roles(turn.chat) == ["assistant", "user", "assistant"] and turn.box == ""
    finally:
        ctx.close()


def test_a_rep_rewinds_to_one_of_their_turns_and_sees_both_branches(single_user: Launched) -> None:
    rep = "rep-dana-okafor"
    client = single_user.client()
    client.predict(rep, api_name="/roleplay_page")
    client.predict(rep, SCENARIO, api_name="/roleplay_start")
    weak = "We have dashboards, AI scoring, alerts, a mobile app and integrations for everything."
    client.predict(weak, api_name="/roleplay_send")
    client.predict(STRONG[1], api_name="/roleplay_send")
    first, *_ = client.predict(rep, api_name="/roleplay_finish")
    assert "### Where it turned" in first and "Your turn 1" in first

    chat, box, status = client.predict(1, STRONG[0], api_name="/roleplay_rewind")
    assert "Rewound to your turn 1" in status and box == ""
    assert roles(chat) == ["assistant", "user", "assistant"] and text(chat[1]) == STRONG[0]
    client.predict(STRONG[1], api_name="/roleplay_send")
    score, *_ = client.predict(rep, api_name="/roleplay_finish")
    assert "### Both branches (rewound to your turn 1)" in score and "| Overall |" in score
    _, attempts, _ = stored(single_user, rep)
    assert len(attempts) == 2 and attempts[-1].scores.get("branch_turn") == 1
