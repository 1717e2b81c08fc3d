"""The practice programme in the web app, team mode: enablement defines a certification, a rep sees where they
stand, the manager overrides an AI level with a reason and the certification follows, the scorecard reports it."""

from __future__ import annotations

import datetime as dt

import pytest
from support.ui import Launched, table

from copilot.records.access import Actor
from copilot.records.store import open_store

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


JORDAN = "jordan.reyes@lanternline.example"
DANA = "dana.okafor@lanternline.example"
MARCUS = "marcus.bell@lanternline.example"
ANA = "ana.lopez@lanternline.example"
GATE = "sc-security-review-gate"
ACK, CHECKS = "objection-handling.acknowledges", "objection-handling.checks"


def test_certify_review_and_see_the_certification_follow(team: Launched) -> None:
    from gradio_client.exceptions import AppError

    saved, listed = team.client(ANA).predict(
        "gate-ui", "Security gate", [GATE], "2", 2, "", "", api_name="/define_certification"
    )
    assert "Saved." in saved and "Security gate" in listed and "2 attempt(s) per scenario" in listed
    store = open_store(team.settings)
    try:
        scores = {
            "scores": [
                {"criterion_id": c, "title": c, "level": 3, "label": "Good", "evidence": f'"{c} line"', "why": ""}
                for c in (ACK, CHECKS)
            ],
            "overall": 3.0,
        }
        attempt = store.add_roleplay_attempt(
            Actor("rep-dana-okafor", "rep"), "rep-dana-okafor", GATE, transcript=[], scores=scores, date=dt.date.today()
        ).id
    finally:
        store.close()
    dana = team.client(DANA)
    mine = dana.predict("rep-dana-okafor", api_name="/rep_certification")
    assert "Security gate: PASSED" in mine and "Every scored step at **2 Needs Work**" in mine

    jordan = team.client(JORDAN)
    queue, pick = jordan.predict(api_name="/review_queue")
    key = f"roleplay:{attempt}"
    assert key in [value for _, value in pick["choices"]] and table(queue)[0]["id"] == attempt
    heading, criteria, *_ = jordan.predict(key, api_name="/review_open")
    assert "awaiting review" in heading and {r["evidence"] for r in table(criteria)} >= {f'"{ACK} line"'}
    other_tab = team.client(JORDAN)  # the same score open in a second session, at version 0
    other_tab.predict(key, api_name="/review_open")
    done = jordan.predict(key, ACK, "1", "talked over the concern", api_name="/review_approve")
    assert "Approved version 1" in done and f"{ACK} 3→1" in done
    with pytest.raises(AppError, match="changed since you opened it"):
        other_tab.predict(key, None, None, "", api_name="/review_approve")
    assert "version 1" in other_tab.predict(key, api_name="/review_open")[0], "reloading shows the approval"
    dana.predict(key, api_name="/review_open")  # a rep may read their own score and its audit trail
    with pytest.raises(AppError, match="own score"):
        dana.predict(key, None, None, "", api_name="/review_approve")
    with pytest.raises(AppError):
        team.client(MARCUS).predict(key, api_name="/review_open")

    assert "Security gate: IN PROGRESS" in dana.predict("rep-dana-okafor", api_name="/rep_certification")
    rows = table(jordan.predict("team-mid-market-east", api_name="/team_certification"))
    dana_row = next(r for r in rows if r["rep"] == "Dana Okafor")
    assert dana_row["status"] == "in progress" and dana_row["rules"] == "v1"
    section = team.client(ANA).predict("all", api_name="/scorecard_practice")
    assert (
        "AI scores changed by a human:** 1 of 2 levels" in section and "| gate-ui | team-mid-market-east |" in section
    )


def test_two_managers_calibrate_blind_and_enablement_closes(team: Launched) -> None:
    from support.ui import PASSWORDS

    store = open_store(team.settings)
    admin = Actor.local_admin()
    try:
        store.create_user(admin, "mgr-mia", "Mia Manager", "mia@example.com", "manager")
        store.set_password(admin, "mgr-mia", "mia-manager-1")
        items = [
            {"criterion_id": c, "title": c, "level": 2, "label": "", "evidence": "", "why": ""} for c in (ACK, CHECKS)
        ]
        transcript = [{"speaker": "buyer", "text": "Is my data safe?"}, {"speaker": "rep", "text": "Yes, EU hosting."}]
        attempt = store.add_roleplay_attempt(
            admin, "rep-dana-okafor", GATE, transcript=transcript, scores={"scores": items}, date=dt.date.today()
        ).id
    finally:
        store.close()
    PASSWORDS["mia@example.com"] = "mia-manager-1"
    ana = team.client(ANA)
    started = ana.predict("roleplay", attempt, "Data residency call", api_name="/calibration_start")
    assert "2 managers score it blind" in started
    [(_, session_id), *_] = ana.predict(api_name="/calibration_sessions_organiser")["choices"]
    jordan, mia = team.client(JORDAN), team.client("mia@example.com")
    jordan.predict(api_name="/calibration_sessions_rater")
    blind = jordan.predict(session_id, api_name="/calibration_show_rater")
    assert "Yes, EU hosting." in blind and "consensus" not in blind
    after = jordan.predict(session_id, f"{ACK}=3\n{CHECKS}=2", api_name="/calibration_submit")
    assert "Krippendorff" in after and "| jordan" not in after
    still_blind = mia.predict(session_id, api_name="/calibration_show_rater")
    assert "consensus" not in still_blind and "mgr-jordan-reyes" in still_blind  # who submitted, not what
    both = mia.predict(session_id, f"{ACK}=1\n{CHECKS}=2", api_name="/calibration_submit")
    assert "| mgr-jordan-reyes | mgr-mia | consensus | spread | AI | agreed |" in both
    assert "| Acknowledges the concern | 3 | 1 | 1 | 2 | 2 |" in both
    ana.predict(api_name="/calibration_sessions_organiser")
    closed = ana.predict(session_id, f"{ACK}=2", api_name="/calibration_close")
    assert "(closed)" in closed and "| Acknowledges the concern | 3 | 1 | 1 | 2 | 2 | 2 |" in closed
    section = ana.predict("all", api_name="/scorecard_practice")
    assert "Calibration agreement" in section and "| Data residency call | 2 |" in section


def test_a_rep_does_the_drill_of_the_day_and_the_manager_sees_it(team: Launched) -> None:
    dana = team.client(DANA)
    prompt, *_ = dana.predict("rep-dana-okafor", api_name="/drill_today")
    assert "### Today's drill:" in prompt and "Streak: **0 day(s)**" in prompt
    scored = dana.predict("rep-dana-okafor", "Um, like, basically it is worth it.", api_name="/drill_answer")
    assert "✗ **length**" in scored and "✗ **filler words**" in scored and "The messaging guide says:" in scored
    assert "Streak: **1 day(s)**" in scored
    section = team.client(JORDAN).predict("all", api_name="/scorecard_practice")
    assert "| Dana Okafor | 1 | 1 |" in section
