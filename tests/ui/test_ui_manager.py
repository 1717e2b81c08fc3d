"""The manager's pages, driven through gradio_client against a launched app on the demo team."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.samples import QUESTIONS, drafted_questions
from support.ui import ADMIN, REPO, Launched, table

from copilot.errors import ModelUnavailableError
from copilot.llm.fake import Chunks
from copilot.prep.brief import DRAFT_MARK
from copilot.records.store import open_store

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


TEAM = "team-mid-market-east"
JORDAN = "jordan.reyes@lanternline.example"


def test_team_overview_says_who_needs_the_manager_now_and_why(single_user: Launched) -> None:
    markdown, glance, criteria, trends = single_user.client().predict(TEAM, api_name="/team_overview")
    now, _, rest = markdown.partition("### Self-correcting")
    assert "Marcus Bell" in now and "discovery-call.agenda" in now and "obs-marcus-07" in now
    assert "Sam Whitaker" in now and "demo.value-message" in now
    assert "Dana Okafor" not in now and "Dana Okafor" in rest and "objection-handling.clarifies" in rest
    overdue = markdown.split("### Overdue action items")[1]
    assert "Run the opening and closing drill once" in overdue
    rows = {r["rep"]: r for r in table(glance)}
    assert rows["Marcus Bell"]["step in"] == 1 and rows["Dana Okafor"]["self-correcting"] == 1
    assert "discovery-call.agenda" in criteria["value"]
    points = table(trends)
    assert points and all(1 <= p["average level"] <= 4 for p in points)
    assert any("discovery-call.agenda" in p["criterion"] for p in points)


def test_prep_brief_streams_then_exports_the_markdown_and_saves(single_user: Launched) -> None:
    client = single_user.client()
    job = client.submit("rep-marcus-bell", "one-on-one", api_name="/prep_brief")
    job.result()
    steps = [out[0] for out in job.outputs()]
    assert len(steps) >= 3, "the brief should appear in stages, not all at once"
    assert "Reading the records" in steps[0]
    assert "## 1. Reconcile first" in steps[1] and "The model is writing diagnostic questions" in steps[1]
    final, download = job.outputs()[-1]
    assert "# 1-on-1 prep: Marcus Bell" in final and "discovery-call.agenda" in final
    assert Path(download).read_text(encoding="utf-8").strip() in final.strip()
    saved = client.predict("rep-marcus-bell", api_name="/save_brief")  # the brief itself is in the session's state
    assert "Saved as" in saved
    store = open_store(single_user.settings)
    try:
        briefs = store.briefs(ADMIN, "rep-marcus-bell")
    finally:
        store.close()
    assert len(briefs) == 1 and briefs[0].payload["rep"]["id"] == "rep-marcus-bell"


def test_prep_brief_shows_each_drafted_question_as_the_model_writes_it(single_user: Launched) -> None:
    single_user.model.enqueue(drafted_questions(*QUESTIONS))
    single_user.model.delay = 0.01  # about 2 s of writing, as a slow model would
    try:
        job = single_user.client().submit("rep-marcus-bell", "one-on-one", api_name="/prep_brief")
        job.result()
    finally:
        single_user.model.delay = 0.0
    steps = [out[0] for out in job.outputs()]
    drafting = [s for s in steps if "The model is writing diagnostic questions" in s]
    counts = [s.count(DRAFT_MARK) for s in drafting]
    assert counts == [0, 1, 2], "one update when the records-decided brief is ready, then one per passing question"
    assert all("## 5. Assign" in s and "## 3. Root-cause hypotheses" in s for s in drafting)
    assert not any("_Notes:" in s for s in drafting)  # notes speak of the checked questions, not the drafts
    assert not any(QUESTIONS[1] in step for step in steps)  # rejected output is never shown, not even as a draft
    final = steps[-1]
    assert DRAFT_MARK not in final and "writing diagnostic questions" not in final
    assert f"{QUESTIONS[0]} _(generated;" in final and f"{QUESTIONS[2]} _(generated;" in final
    assert "dropped 1 generated question(s): a closed (yes/no) question" in final
    assert "_(records;" in final  # the rest built from the rep's own records (the bank only tops up to four)


def test_a_model_fault_mid_stream_leaves_the_curated_brief_and_says_why(single_user: Launched) -> None:
    answer = drafted_questions(*QUESTIONS)
    cut = answer.index(QUESTIONS[1])
    drop = ModelUnavailableError(
        "the model endpoint http://127.0.0.1:8000/v1 dropped the connection mid-answer", fix="check the server"
    )
    single_user.model.enqueue(Chunks([answer[:cut], drop]))
    job = single_user.client().submit("rep-marcus-bell", "one-on-one", api_name="/prep_brief")
    final, download = job.result()
    steps = [out[0] for out in job.outputs()]
    assert any(QUESTIONS[0] in s and DRAFT_MARK in s for s in steps[:-1])
    assert DRAFT_MARK not in final and "_(generated;" not in final and "_(records;" in final
    assert "dropped the connection mid-answer" in final and "Fix: check the server" in final
    assert "Traceback" not in final
    exported = Path(download).read_text(encoding="utf-8")
    assert DRAFT_MARK not in exported and "_(records;" in exported and exported.strip() in final


def test_prep_brief_keeps_the_curated_brief_when_the_model_fails(single_user: Launched) -> None:
    single_user.model.enqueue(ModelUnavailableError("cannot reach the model endpoint", fix="start the server"))
    final, download = single_user.client().predict("rep-sam-whitaker", "one-on-one", api_name="/prep_brief")
    assert "## 4. Ask (open questions)" in final and "curated" in final
    assert "cannot reach the model endpoint" in final
    assert "Traceback" not in final
    assert Path(download).is_file()


def test_notes_agreements_and_action_items_are_saved(single_user: Launched) -> None:
    status = single_user.client().predict(
        "rep-priya-nair",
        "2026-11-20",
        "one-on-one",
        25,
        "Priya walked through her last two discovery calls.",
        "Practise the insight story 3 times before Friday\nShare one recording with me",
        "Record the insight story twice; due=2026-11-27; owner=rep\nFind a model call for Priya; owner=manager",
        api_name="/save_notes",
    )
    assert "2 agreement(s), 2 action item(s)" in status
    store = open_store(single_user.settings)
    try:
        saved = [s for s in store.sessions(ADMIN, "rep-priya-nair") if s.notes.startswith("Priya walked through")]
        session = saved[-1]  # found by its notes: the demo team's own sessions move with today's date
    finally:
        store.close()
    assert session.duration_minutes == 25 and len(session.agreements) == 2
    items = {i.text: i for i in session.action_items}
    assert items["Record the insight story twice"].due.isoformat() == "2026-11-27"
    assert items["Find a model call for Priya"].owner == "manager"
    assert items["Find a model call for Priya"].due.isoformat() == "2026-11-27"  # a week after the meeting


def test_a_bad_action_item_is_a_readable_error_and_nothing_is_saved(single_user: Launched) -> None:
    from gradio_client.exceptions import AppError

    store = open_store(single_user.settings)
    try:
        before = len(store.sessions(ADMIN, "rep-tom-fischer"))
        with pytest.raises(AppError) as info:
            single_user.client().predict(
                "rep-tom-fischer", "", "one-on-one", 30, "Notes", "", "Call the CFO; due=whenever",
                api_name="/save_notes",
            )  # fmt: skip
        assert "'whenever' is not a date" in str(info.value) and "Fix:" in str(info.value)
        assert "next Monday" in str(info.value)  # the forms that work ('due=next friday' is one of them)
        assert "Traceback" not in str(info.value)
        assert len(store.sessions(ADMIN, "rep-tom-fischer")) == before
    finally:
        store.close()


def test_assign_an_activity_and_reconcile_an_action_item(single_user: Launched) -> None:
    client = single_user.client()
    due = dt.date.today() + dt.timedelta(days=14)  # a due date in the past is refused, so never a fixed day
    message = client.predict("rep-marcus-bell", "act-roleplay-discovery", due.isoformat(), api_name="/assign")
    assert "Discovery-call roleplay" in message and due.strftime("%d %b %Y") in message
    done = client.predict("ai-marcus-02-1", api_name="/action_done")
    assert "Marked done" in done
    store = open_store(single_user.settings)
    try:
        assigned = [a for a in store.assignments(ADMIN, "rep-marcus-bell") if a.activity == "act-roleplay-discovery"]
        item = next(i for i in store.action_items(ADMIN, "rep-marcus-bell") if i.id == "ai-marcus-02-1")
    finally:
        store.close()
    assert assigned and assigned[-1].due == due
    assert item.status == "done"


def test_rep_records_show_notes_items_and_assessments(single_user: Launched) -> None:
    notes, items, _, _, history, observations = single_user.client().predict("rep-marcus-bell", api_name="/rep_records")
    assert notes.strip() and "_No coaching notes yet._" not in notes
    assert any("discovery-call.agenda" in r["criterion"] for r in table(observations))
    assert {r["criterion"] for r in table(history)} and all(1 <= r["level"] <= 4 for r in table(history))
    assert all(r["status"] == "open" for r in table(items))


def test_transcript_review_measures_an_uploaded_file(single_user: Launched) -> None:
    from gradio_client import handle_file

    path = REPO / "evals" / "review" / "conversations" / "coaching_good.txt"
    markdown, talk, turns = single_user.client().predict(
        handle_file(str(path)), "", "coaching", "", "", api_name="/review_transcript"
    )
    assert "Coaching quality" in markdown and "Maya" in markdown and "Luis" in markdown
    assert sum(r["talk share"] for r in table(talk)) == pytest.approx(100, abs=1)
    assert len(table(turns)) > 5


def test_transcript_review_scores_a_call_as_the_command_does(
    single_user: Launched, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from gradio_client import handle_file

    from copilot.app.review import due_words, shown_evidence
    from copilot.cli.main import main

    path = REPO / "evals" / "review" / "calls" / "demo_strong.txt"
    markdown, _, _ = single_user.client().predict(
        handle_file(str(path)), "", "call:demo", "", "2026-12-02", api_name="/review_transcript"
    )
    assert main(["review", str(path), "--interaction", "demo", "--date", "2026-12-02", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert "Scored as demo" in markdown
    for score in printed["scores"]:
        quote = shown_evidence(score).replace("|", "\\|")
        assert f"| {score['level']} {score['label']} | {score['criterion_id']} | {quote} |" in markdown
    assert "deadlines counted from Wed 02 Dec 2026" in markdown
    for item in printed["action_items"]:  # each deadline as the command resolves it for the same date
        assert f"{item['text']} — owner {item['owner']}{due_words(item)}" in markdown


def test_a_review_date_that_is_not_a_date_is_refused_with_the_format(single_user: Launched) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="YYYY-MM-DD"):
        single_user.client().predict(
            None, "Rosa: Next?\nEli: I'll send it Friday.", "coaching", "", "02/12/2026", api_name="/review_transcript"
        )


def test_scorecard_for_a_date_range(single_user: Launched) -> None:
    heading, rows, activity, criteria, trends = single_user.client().predict(
        "all", "2026-09-01", "2026-11-30", api_name="/scorecard"
    )
    assert "01 Sep 2026" in heading and "30 Nov 2026" in heading
    names = [r["who"] for r in table(rows)]
    assert "team Mid-Market East" in names and any("Marcus Bell" in n for n in names)
    assert any(r["count"] > 0 for r in table(activity))
    plotted = {r["criterion"] for r in table(trends)}
    assert plotted == set(criteria["value"]) and 0 < len(plotted) <= 6


def test_scorecard_refuses_a_backwards_range_with_the_fix(single_user: Launched) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        single_user.client().predict("all", "2026-11-30", "2026-09-01", api_name="/scorecard")
    assert "swap the dates" in str(info.value)


def test_manager_signs_in_and_sees_their_team(team: Launched) -> None:
    client = team.client(JORDAN)
    who, teams, reps, *_ = client.predict(api_name="/session")
    assert "jordan.reyes@lanternline.example" in who and "(manager)" in who
    assert teams["value"] == TEAM
    assert {value for _, value in reps["choices"]} >= {"rep-marcus-bell", "rep-dana-okafor"}
    markdown, *_ = client.predict(TEAM, api_name="/team_overview")
    assert "Needs you now" in markdown
