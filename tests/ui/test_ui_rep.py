"""The rep's page in team mode: their own records only, whatever the page or the API is asked for."""

from __future__ import annotations

import pytest
from support.ui import ADMIN, Launched, table

from copilot.records.store import open_store

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


MARCUS = "marcus.bell@lanternline.example"
DANA_NOTE = "Dana"  # every one of Dana's notes names her


def test_a_rep_signs_in_to_their_own_page(team: Launched) -> None:
    client = team.client(MARCUS)
    who, *updates = client.predict(api_name="/session")
    assert "marcus.bell@lanternline.example" in who and "(rep)" in who
    picker = next(u for u in updates if isinstance(u, dict) and u.get("value") == "rep-marcus-bell")
    assert picker["visible"] is False and [c[1] for c in picker["choices"]] == ["rep-marcus-bell"]
    status, history, observations, assignments, *_ = client.predict("rep-marcus-bell", api_name="/rep_page")
    assert "Marcus Bell" in status and "Your manager will coach this with you now" in status
    assert "Opens with introductions and an agreed agenda" in status
    assert table(observations) and all(1 <= r["level"] <= 4 for r in table(history))
    assert any("drill" in r["activity"] for r in table(assignments))


@pytest.mark.parametrize(
    ("api", "args"),
    [
        ("/rep_page", ("rep-dana-okafor",)),
        ("/rep_records", ("rep-dana-okafor",)),
        ("/prep_brief", ("rep-dana-okafor", "one-on-one")),
        ("/save_notes", ("rep-dana-okafor", "", "one-on-one", 30, "a note", "", "")),
        ("/team_overview", ("team-mid-market-east",)),
        ("/kb_items", ("",)),
    ],
)
def test_a_rep_cannot_read_another_reps_records_through_the_api(team: Launched, api: str, args: tuple) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        team.client(MARCUS).predict(*args, api_name=api)
    message = str(info.value)
    assert "may not" in message and "Fix:" in message
    assert "Traceback" not in message


def test_a_rep_sees_no_other_reps_notes_even_on_their_own_page(team: Launched) -> None:
    *_, notes = team.client(MARCUS).predict("rep-marcus-bell", api_name="/rep_page")
    store = open_store(team.settings)
    try:
        theirs = [s.notes for s in store.sessions(ADMIN, "rep-dana-okafor") if s.notes]
    finally:
        store.close()
    assert theirs and not any(text in notes for text in theirs)


def test_a_rep_marks_an_assignment_done_with_evidence(team: Launched) -> None:
    client = team.client(MARCUS)
    *_, pick, _, _, _ = client.predict("rep-marcus-bell", api_name="/rep_page")
    assignment_id = pick["choices"][0][1]
    message = client.predict(assignment_id, "Recorded three openers", api_name="/complete_assignment")
    assert message.startswith("Done:")
    store = open_store(team.settings)
    try:
        done = next(a for a in store.assignments(ADMIN, "rep-marcus-bell") if a.id == assignment_id)
    finally:
        store.close()
    assert done.status == "done" and done.evidence == "Recorded three openers"


def test_a_rep_cannot_complete_someone_elses_assignment(team: Launched) -> None:
    from gradio_client.exceptions import AppError

    store = open_store(team.settings)
    try:
        theirs = next(a for a in store.assignments(ADMIN, "rep-dana-okafor") if a.status != "done")
    finally:
        store.close()
    with pytest.raises(AppError, match="may not"):
        team.client(MARCUS).predict(theirs.id, "", api_name="/complete_assignment")


HALF_AND_HALF = (
    "Marcus: Thanks for joining. How does your team track deals today?\n"
    "Buyer: In spreadsheets, mostly.\n"
    "Marcus: What goes wrong with that?\n"
    "Buyer: The numbers are stale by Monday.\n"
    "Marcus: Let me share my screen. This is the pipeline view, updated from email automatically.\n"
    "Buyer: Okay.\n"
    "Marcus: And this tab shows the deals nobody touched this week.\n"
    "Buyer: Good to know.\n"
)


def test_a_rep_reviews_their_own_call_from_pasted_text(team: Launched) -> None:
    call = (
        "Marcus: Thanks for the time today. Shall we start with an agenda?\n"
        "Buyer: Sure, go ahead.\n"
        "Marcus: What made you take this meeting now?\n"
        "Buyer: Our forecast slipped twice this quarter and the board noticed.\n"
        "Marcus: I'll send you a summary by Friday and book a demo for next week.\n"
    )
    client = team.client(MARCUS)
    markdown, talk, _ = client.predict(None, call, "call", "Marcus=rep", "", api_name="/self_review")
    assert "Sales call" in markdown and "Marcus" in markdown
    # each criterion scored as the command prints it; a call of situation questions is plainly discovery
    assert "discovery-call.key-issue" in markdown and "discovery-call.next-steps" in markdown
    assert "Not sure which kind of call this is" not in markdown
    assert "--interaction" not in markdown and "What is it?" in markdown  # the page names its own control, not a flag
    assert {r["speaker"] for r in table(talk)} == {"Marcus (rep)", "Buyer (buyer)"}
    # half questions, half screens: the page says it is unsure and how to choose
    markdown, _, _ = client.predict(None, HALF_AND_HALF, "call", "Marcus=rep", "", api_name="/self_review")
    assert "Not sure which kind of call this is" in markdown and "What is it?" in markdown
    assert "--interaction" not in markdown


def test_team_mode_refuses_anyone_not_signed_in(team: Launched) -> None:
    from gradio_client import Client

    with pytest.raises(Exception, match=r"(?i)credentials|login"):
        Client(team.url, verbose=False)
    with pytest.raises(ValueError, match=r"(?i)could not login"):
        Client(team.url, auth=(MARCUS, "wrong-password"), verbose=False)
