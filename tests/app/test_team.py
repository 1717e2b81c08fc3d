"""A manager's records through both front ends: the team at a glance, a rep's records, notes, assignments, items."""

from __future__ import annotations

import datetime as dt

import pytest
from support.frontends import ADMIN, Cli

from copilot.errors import CopilotError
from ui import manager_ops, rep_ops, scorecard
from ui.context import UIContext

TEAM = "team-mid-market-east"
MARCUS = "rep-marcus-bell"


def test_who_needs_the_manager_is_the_same_in_the_command_and_the_overview(demo: UIContext, cli: Cli) -> None:
    shown = cli("team", "show", "--team", TEAM, "--json").json
    overview = manager_ops.team_overview(demo, ADMIN, TEAM)
    [team] = shown["teams"]
    said = {r["name"]: len(r["status"]["intervene"]) for r in team["reps"]}
    table = {row["rep"]: row["step in"] for row in overview.table.to_dict("records")}
    assert said == table and said["Marcus Bell"] >= 1
    for rep in team["reps"]:
        for skill in rep["status"]["intervene"]:
            assert skill["criterion"] in overview.markdown
    # what is at stake beyond skills leads both: the command's first rep and the overview's first section
    first = team["reps"][0]
    assert first["name"] == "Elena Vasquez" and first["at_stake"][0]["kind"] == "retention"
    at_stake = overview.markdown.split("### At stake", 1)[1].split("###", 1)[0]
    assert "Elena Vasquez" in at_stake and "retention" in at_stake


def test_skills_flagged_from_one_call_for_one_reason_are_one_line_of_the_overview(demo: UIContext, cli: Cli) -> None:
    """Tom's one demo on 14 Nov flagged four demo skills 'observe again': the overview once read that call four times."""
    shown = cli("team", "show", "--team", TEAM, "--json").json
    [team] = shown["teams"]
    tom = next(r for r in team["reps"] if r["name"] == "Tom Fischer")
    verify = [s for s in tom["status"]["verify"] if s["criterion"].startswith("demo.")]
    assert len(verify) >= 2 and len({s["reason"] for s in verify}) == 1  # the demo holds this case
    overview = manager_ops.team_overview(demo, ADMIN, TEAM).markdown
    section = overview.split("### Observe again before acting", 1)[1].split("###", 1)[0]
    [line] = [x for x in section.splitlines() if "Tom Fischer" in x and "demo." in x]
    assert f"{len(verify)} skills" in line and all(f"`{s['criterion']}" in line for s in verify)


def test_a_reps_open_items_and_assignments_are_the_same_in_both(demo: UIContext, cli: Cli) -> None:
    shown = cli("team", "show", "--rep", MARCUS, "--json").json
    records = manager_ops.rep_records(demo, ADMIN, MARCUS)
    page = rep_ops.rep_page(demo, ADMIN, MARCUS)
    open_items = [i["id"] for i in shown["open_action_items"]]
    assert open_items and open_items == [item_id for _, item_id in records.item_choices]
    assert open_items == [item_id for _, item_id in page.open_items]  # an admin may close the manager's too
    assignments = {a["id"] for a in shown["assignments"] if a["status"] != "done"}
    assert assignments == {assignment_id for _, assignment_id in page.open_assignments}


def test_an_unknown_rep_is_the_same_error_in_both(demo: UIContext, cli: Cli) -> None:
    printed = cli("team", "show", "--rep", "rep-nobody")
    with pytest.raises(CopilotError) as raised:
        manager_ops.rep_records(demo, ADMIN, "rep-nobody")
    assert printed.code == 2 and printed.error == str(raised.value)


def test_notes_with_actions_are_saved_the_same_way_from_both(demo: UIContext, cli: Cli) -> None:
    day = demo.today()
    due = (day + dt.timedelta(days=3)).isoformat()
    action, undated = f"Send the agenda template;due={due};owner=manager", "Run the opener drill twice"
    printed = cli(
        "note", "add", "--rep", MARCUS, "--text", "talked openers", "--date", day.isoformat(),
        "--agreement", "two drills by Friday", "--action", action, "--action", undated, "--minutes", "25", "--json",
    )  # fmt: skip
    message = manager_ops.save_session(
        demo, ADMIN, MARCUS, "", "one-on-one", 25, "talked openers", "two drills by Friday", f"{action}\n{undated}"
    )
    sessions = [s for s in demo.store.sessions(ADMIN, MARCUS) if s.notes == "talked openers"]
    assert printed.code == 0 and len(sessions) == 2 and printed.json["id"] in {s.id for s in sessions}
    assert any(f"`{s.id}`" in message for s in sessions)
    cli_items, web_items = ([(a.text, a.due, a.owner) for a in s.action_items] for s in sessions)
    assert cli_items == web_items
    undated_due = next(due for text, due, _ in cli_items if text == "Run the opener drill twice")
    assert undated_due == day + dt.timedelta(days=7)
    assert sessions[0].agreements == sessions[1].agreements == ["two drills by Friday"]


def test_action_items_written_as_a_manager_writes_them_are_read_the_same_in_both(demo: UIContext, cli: Cli) -> None:
    """Deadlines and owners in plain words: 'by Friday', 'due=next Monday', 'I'll…', owner=<the rep's name>."""
    day = dt.date(2026, 12, 7)  # a Monday
    lines = [
        "Book six discovery meetings by Friday",
        "I'll send him a top performer's opening; due=next Monday",
        "Share the 3rd-quarter plan with the team; owner=Marcus",
        "Practise the opener; due=the 18th; owner=me",
    ]
    printed = cli(
        "note", "add", "--rep", MARCUS, "--text", "natural items", "--date", day.isoformat(),
        *[part for line in lines for part in ("--action", line)], "--json",
    )  # fmt: skip
    message = manager_ops.save_session(
        demo, ADMIN, MARCUS, day.isoformat(), "one-on-one", 30, "natural items", "", "\n".join(lines)
    )
    sessions = [s for s in demo.store.sessions(ADMIN, MARCUS) if s.notes == "natural items"]
    assert printed.code == 0 and len(sessions) == 2
    cli_items, web_items = ([(a.text, a.due, a.owner) for a in s.action_items] for s in sessions)
    assert (
        cli_items
        == web_items
        == [
            ("Book six discovery meetings by Friday", dt.date(2026, 12, 11), "rep"),
            ("I'll send him a top performer's opening", dt.date(2026, 12, 14), "manager"),
            ("Share the 3rd-quarter plan with the team", day + dt.timedelta(days=7), "rep"),  # '3rd' is no deadline
            ("Practise the opener", dt.date(2026, 12, 18), "manager"),
        ]
    )
    assert "Book six discovery meetings by Friday: rep, due Fri 11 Dec" in message  # how it was read, on the page


def test_a_deadline_nobody_can_read_names_the_item_and_the_forms_that_work(demo: UIContext) -> None:
    before = len(demo.store.sessions(ADMIN, MARCUS))
    with pytest.raises(CopilotError) as raised:
        manager_ops.save_session(
            demo, ADMIN, MARCUS, "", "one-on-one", 30, "x", "", "Call the buyer by Friday\nSend the deck; due=soonish"
        )
    assert "action item 2 ('Send the deck')" in str(raised.value) and "'soonish'" in str(raised.value)
    assert "next Monday" in str(raised.value)  # the fix says what works
    with pytest.raises(CopilotError, match="owner=rep, Marcus or owner=manager"):
        manager_ops.save_session(demo, ADMIN, MARCUS, "", "one-on-one", 30, "x", "", "Call back; owner=Jordan")
    assert len(demo.store.sessions(ADMIN, MARCUS)) == before  # nothing half-saved


def test_a_bad_action_item_is_the_same_error_and_nothing_is_saved(demo: UIContext, cli: Cli) -> None:
    before = len(demo.store.sessions(ADMIN, MARCUS))
    bad = "Call the buyer;due=someday"
    printed = cli("note", "add", "--rep", MARCUS, "--text", "x", "--action", bad)
    with pytest.raises(CopilotError) as raised:
        manager_ops.save_session(demo, ADMIN, MARCUS, "", "one-on-one", 30, "x", "", bad)
    assert printed.code == 2 and printed.error == str(raised.value)
    assert len(demo.store.sessions(ADMIN, MARCUS)) == before


def test_assigning_is_due_in_a_week_from_both_and_an_unknown_activity_is_the_same_error(
    demo: UIContext, cli: Cli
) -> None:
    made = cli("assign", "--rep", MARCUS, "--activity", "act-drill-agenda-opener", "--json").json
    message = manager_ops.assign(demo, ADMIN, MARCUS, "act-drill-agenda-opener", "")
    week = demo.today() + dt.timedelta(days=7)
    assert made["due"] == week.isoformat() and f"due {week:%d %b %Y}" in message
    printed = cli("assign", "--rep", MARCUS, "--activity", "act-nothing")
    with pytest.raises(CopilotError) as raised:
        manager_ops.assign(demo, ADMIN, MARCUS, "act-nothing", "")
    assert printed.code == 2 and printed.error == str(raised.value)


def test_closing_and_completing_from_one_front_end_is_seen_by_the_other(demo: UIContext, cli: Cli) -> None:
    assert cli("actions", "--rep", MARCUS, "--close", "ai-marcus-02-1").code == 0
    with pytest.raises(CopilotError) as raised:
        manager_ops.close_item(demo, ADMIN, "ai-marcus-02-1", "done")
    printed = cli("actions", "--rep", MARCUS, "--close", "ai-marcus-02-1")
    assert "already done" in str(raised.value) and printed.code == 2 and printed.error == str(raised.value)

    [(_, assignment)] = rep_ops.rep_page(demo, ADMIN, MARCUS).open_assignments[:1]
    assert "Done:" in rep_ops.complete_assignment(demo, ADMIN, assignment, "  recorded it  ")
    listed = {a["id"]: a for a in cli("assign", "--rep", MARCUS, "--json").json}
    assert listed[assignment]["status"] == "done" and listed[assignment]["evidence"] == "recorded it"


def test_the_scorecard_covers_the_same_range_in_both(demo: UIContext, cli: Cli) -> None:
    card = cli("scorecard", "--team", TEAM, "--json").json
    title, *_ = scorecard.scorecard(demo, ADMIN, TEAM, "", "")
    since, until = dt.date.fromisoformat(card["since"]), dt.date.fromisoformat(card["until"])
    assert f"{since:%d %b %Y} – {until:%d %b %Y}: {len(card['teams'])} team(s)" in title
    printed = cli("scorecard", "--since", "2026-12-01", "--until", "2026-11-01")
    with pytest.raises(CopilotError) as raised:
        scorecard.scorecard(demo, ADMIN, TEAM, "2026-12-01", "2026-11-01")
    assert printed.code == 2 and printed.error == str(raised.value)
