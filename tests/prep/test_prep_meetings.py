"""Deal, pipeline and forecast reviews are their own briefs, from deals imported from a CRM export (CSV)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.deals import deal

from copilot.errors import RecordsError
from copilot.prep import prepare_brief, render_markdown
from copilot.prep.meetings import forecast_review, missing_exit_criteria
from copilot.records import Actor, Store, open_store
from copilot.settings import load_settings

TEAM = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"
TODAY = dt.date(2026, 11, 20)
ADMIN = Actor.local_admin()


def _section(page: str) -> list[str]:
    return [line for line in page.splitlines() if not line.startswith("## 7.") and "[one-on-one." not in line]


def test_each_meeting_type_is_its_own_brief(store: Store) -> None:
    pages = {
        m: render_markdown(prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, meeting=m, today=TODAY))
        for m in ("one-on-one", "pipeline-review", "deal-review", "forecast-review")
    }
    assert "Coverage for 2027-Q1 is 1.6x against a 3x target" in pages["pipeline-review"]
    assert "stuck in stage 1" in pages["pipeline-review"] and "no buyer activity in 30 days" in pages["pipeline-review"]
    assert "Harbour Freight (90k, stage 2" in pages["deal-review"]
    assert "Brakewell Transport (30k) is in commit with no signer" in pages["forecast-review"]
    for meeting in ("pipeline-review", "deal-review", "forecast-review"):
        assert len(set(_section(pages[meeting])) - set(_section(pages["one-on-one"]))) >= 4, meeting


def test_the_review_comes_before_the_skill_gap_in_priorities(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-dana-okafor", store.kb, None, meeting="deal-review", today=TODAY)
    assert brief.priorities[0].kind == "meeting" and "economic buyer is engaged" in brief.priorities[0].reason
    assert brief.review[0].question.startswith("What have you heard from Northwind Health")
    assert "deal-dana-northwind" in brief.citations


def test_a_rep_without_deals_gets_the_last_review_notes_or_the_import_hint(tmp_path: Path) -> None:
    s = open_store(load_settings(data_dir=tmp_path / "bare"))
    try:
        team = tmp_path / "team.yaml"
        team.write_text(TEAM.read_text(encoding="utf-8"), encoding="utf-8")  # no deals.csv beside it
        s.load_team_file(ADMIN, team, shift=False)
        brief = prepare_brief(s, ADMIN, "rep-marcus-bell", s.kb, None, meeting="pipeline-review", today=TODAY)
        assert brief.review[0].kind == "no_data" and "1.6x against a 3x target" in brief.review[0].text
        other = prepare_brief(s, ADMIN, "rep-tom-fischer", s.kb, None, meeting="forecast-review", today=TODAY)
        assert "copilot deals import" in other.review[0].text
        asked = [q.text for q in other.questions if q.kind == "diagnostic"]
        assert "What do you expect to close this quarter, and what has each buyer done that says so?" in asked
    finally:
        s.close()


def test_a_bad_export_names_every_bad_row_and_saves_nothing(store: Store, tmp_path: Path) -> None:
    before = len(store.deals(ADMIN, "rep-marcus-bell"))
    bad = tmp_path / "deals.csv"
    bad.write_text(
        "id,rep,name,stage,amount,close_date,category,stage_since\n"
        "d-ok,rep-marcus-bell,Fine Co,1,1000,2026-12-01,pipeline,2026-11-01\n"
        "d-1,rep-marcus-bell,Bad Co,two,1000,2026-12-01,pipeline,2026-11-01\n"
        "d-2,rep-marcus-bell,Worse Co,1,1000,2026-13-01,perhaps,2026-11-01\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordsError) as err:
        store.import_deals_csv(ADMIN, bad)
    message = str(err.value)
    assert "line 3: stage 'two'" in message and "line 4: close_date" in message and "line 4: category" in message
    assert len(store.deals(ADMIN, "rep-marcus-bell")) == before
    missing = tmp_path / "short.csv"
    missing.write_text("id,rep,name\nx,rep-marcus-bell,X\n", encoding="utf-8")
    with pytest.raises(RecordsError, match="lacks stage, amount"):
        store.import_deals_csv(ADMIN, missing)


def test_cli_imports_deals_and_targets(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from copilot.cli.main import main

    deals = tmp_path / "deals.csv"
    deals.write_text(
        "id,rep,name,stage,amount,close_date,category,stage_since,last_activity,next_step,evidence\n"
        'd-new,rep-tom-fischer,New Co,2,"12,000",2027-01-15,best case,2026-11-01,2026-11-19,Demo 2026-11-30,CFO identified\n',
        encoding="utf-8",
    )
    targets = tmp_path / "targets.csv"
    targets.write_text("rep,period,target\nrep-tom-fischer,2027-Q2,80000\n", encoding="utf-8")
    assert main(["deals", "import", str(deals)]) == 0
    assert main(["deals", "import", str(targets)]) == 0
    assert "imported 0 deal(s) and 1 target(s)" in capsys.readouterr().out
    tom = {d.id: d for d in store.deals(ADMIN, "rep-tom-fischer")}
    assert tom["d-new"].amount == 12000 and tom["d-new"].category == "best_case"
    assert {t.period for t in store.targets(ADMIN, "rep-tom-fischer")} == {"2027-Q1", "2027-Q2"}


def test_a_rep_cannot_import_deals(store: Store, tmp_path: Path) -> None:
    deals = tmp_path / "deals.csv"
    deals.write_text(
        "id,rep,name,stage,amount,close_date,category,stage_since\nd,rep-dana-okafor,X,1,1,2027-01-01,pipeline,2026-11-01\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordsError):
        store.import_deals_csv(store.actor("rep-dana-okafor"), deals)


def test_evidence_that_denies_an_exit_criterion_does_not_meet_it(store: Store) -> None:
    page = render_markdown(
        prepare_brief(store, ADMIN, "rep-tom-fischer", store.kb, None, meeting="deal-review", today=TODAY)
    )
    fernhill = next(line for line in page.splitlines() if line.startswith("- Fernhill Analytics"))
    assert "not shown: the buyer has put a cost on the issue" in fernhill  # "no personal cost yet" is no cost
    assert (
        missing_exit_criteria(deal(stage=2, evidence="Pain is costly: 12 hours lost a week; CFO identified"))[:1] == []
    )


def test_a_forecast_review_with_nothing_this_quarter_reviews_the_next_against_its_target(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-tom-fischer", store.kb, None, meeting="forecast-review", today=TODAY)
    assert brief.review[0].text.startswith("Nothing in commit or best case closes in 2026-Q4")
    assert "2027-Q1" in brief.review[1].text and "against a 90k target" in brief.review[1].text


def test_a_commit_whose_agreed_step_has_passed_is_a_gap_with_its_own_question() -> None:
    items = forecast_review([deal()], TODAY)
    gap = next(i for i in items if i.kind == "forecast_gap")
    assert "overdue since 15 November" in gap.text and "still open" in gap.question
    assert gap.criterion_id == "negotiation.mutual-plan"


def test_pipeline_findings_say_what_they_mean_for_the_reps_skills(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, meeting="pipeline-review", today=TODAY)
    stale = next(r for r in brief.review if r.kind == "stale")
    assert stale.skills.startswith("points to the skill “Qualifies and closes for next steps”: the rep is fixing it")
    page = render_markdown(brief)
    assert "  - Skills: points to" in page and "Tidewater Haulage has been in stage 2 since 10 September" in page
    meeting = [p for p in brief.priorities if p.kind == "meeting"]
    assert not any("pipeline-review." in p.reason or "discovery-call." in p.reason for p in meeting)  # no raw ids


def test_a_forecast_review_looks_ahead_to_the_next_quarters_target(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-elena-vasquez", store.kb, None, meeting="forecast-review", today=TODAY)
    ahead = [r for r in brief.review if r.text.startswith("Looking ahead, 2027-Q1")]
    assert ahead and "against a 250k target" in ahead[0].text and not ahead[0].question


def test_coverage_says_which_open_deals_it_leaves_out_and_why(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, meeting="pipeline-review", today=TODAY)
    coverage = next(r for r in brief.review if r.kind == "coverage")
    stuck = next(r for r in brief.review if r.kind == "stuck")
    assert "of 7 open deals" in stuck.text  # the stage lines count every open deal...
    assert "6 of the 7 open deals (those closing in 2027-Q1)" in coverage.text  # ...coverage says why it counts 6
    assert "not counted: Brakewell Transport, closing 10 December (2026-Q4)" in coverage.text
    assert "deal-marcus-brakewell" not in coverage.citations


def test_the_forecast_names_the_deals_it_counts_and_tests_every_commit() -> None:
    held = deal(next_step="Signature due 2026-12-10")
    gap = deal(id="d2", name="Brisk Ltd", amount=30000, evidence="Champion likes it", next_step="")
    items = forecast_review([held, gap], TODAY)
    assert items[0].text.startswith("2026-Q4: 80k (Acme 50k, Brisk Ltd 30k) in commit")
    by_deal = {i.citations[0]: i for i in items[1:]}
    assert by_deal["d2"].kind == "forecast_gap" and "Who at Brisk Ltd signs" in by_deal["d2"].question
    assert by_deal["d1"].kind == "deal" and "Acme" in by_deal["d1"].question  # a clean commit is still asked about


def test_a_quarter_with_nothing_called_asks_about_the_deal_furthest_along() -> None:
    early = deal(category="pipeline", stage=2, amount=90000)
    later = deal(id="d2", name="Brisk Ltd", category="pipeline", stage=3, amount=30000)
    items = forecast_review([early, later], TODAY)
    furthest = next(i for i in items if i.kind == "deal")
    assert furthest.citations == ["d2"] and "call it best case" in furthest.question


def test_a_review_meeting_asks_about_the_skill_briefly(store: Store) -> None:
    one = prepare_brief(store, ADMIN, "rep-tom-fischer", store.kb, None, today=TODAY)
    forecast = prepare_brief(store, ADMIN, "rep-tom-fischer", store.kb, None, meeting="forecast-review", today=TODAY)
    skill = [q for q in forecast.questions if q.kind == "diagnostic" and q.criterion_id == one.focus[0].criterion_id]
    assert 1 <= len(skill) <= 2 < len([q for q in one.questions if q.criterion_id == one.focus[0].criterion_id])
    moments = [q.citations[0] for q in skill]
    assert len(moments) == len(set(moments))  # one question per moment, not two on each


def test_a_deal_whose_buyer_heard_a_false_claim_is_flagged_in_the_review() -> None:
    from copilot.prep.models import Priority
    from copilot.prep.stakes import claims_in_deals

    claim = Priority(
        kind="compliance", title="False claims", reason="3 December: Told the Acme CFO we are SOC 2 Type II"
    )
    clean = forecast_review([deal(next_step="Signature due 2026-12-10")], TODAY)
    flagged = claims_in_deals(clean, [claim])
    acme = next(i for i in flagged if i.citations == ["d1"] and i.kind == "deal")
    assert "not so" in acme.text and "correction" in acme.question
    assert claims_in_deals(clean, []) == clean


def test_a_pipeline_review_ties_its_stuck_and_quiet_deals_to_the_skill_being_coached(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, meeting="pipeline-review", today=TODAY)
    focus = brief.focus[0]
    assert focus.criterion_id.startswith("discovery-call.")
    tie = next(r for r in brief.review if r.kind == "focus")
    assert focus.title in tie.text and "Ostrava Parcel" in render_markdown(brief)
    deals = {d.id: d for d in store.deals(ADMIN, "rep-marcus-bell")}
    assert tie.citations and all(deals[c].stage <= 2 for c in tie.citations)  # the stages a discovery call decides
    asked = [q.text for q in brief.questions if q.kind == "diagnostic"]
    assert any(deals[tie.citations[0]].name in q and focus.title in q for q in asked), asked
    skill = next(p for p in brief.priorities if p.kind == "skill")
    assert "in the pipeline" in skill.reason
    coverage = next(r for r in brief.review if r.kind == "coverage")
    assert "stuck or without buyer activity" in coverage.text  # coverage counted again without the stalled deals
    one_on_one = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, today=TODAY)
    assert not any(r.kind == "focus" for r in one_on_one.review)


def test_a_skill_back_at_the_threshold_is_confirmed_not_called_a_gap(store: Store) -> None:
    # Dana's proof: Needs Work, then Good on the latest demo; nothing else to coach, so it is coached as a skill to
    # confirm, and the brief says so instead of "Skill gap"
    brief = prepare_brief(store, ADMIN, "rep-dana-okafor", store.kb, None, today=dt.date(2026, 12, 6))
    proof = next(f for f in brief.focus if f.criterion_id == "demo.proof")
    assert proof.improving
    first = next(p for p in brief.priorities if p.kind == "skill")
    assert "confirm it holds" in first.title and not first.title.startswith("Skill gap")
    marcus = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, today=TODAY)
    assert not marcus.focus[0].improving  # the latest agenda observation is below Good


def test_each_review_closes_on_its_own_findings_before_the_skill(store: Store) -> None:
    closes = {
        m: [
            q
            for q in prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, meeting=m, today=TODAY).questions
            if q.kind == "commitment"
        ]
        for m in ("pipeline-review", "forecast-review", "deal-review")
    }
    pipeline = closes["pipeline-review"]
    assert "close out" in pipeline[0].text and "Ostrava Parcel" in pipeline[0].text
    # Marcus already promised "Book 6 new discovery meetings": the review checks that promise, not a second one
    assert (
        pipeline[1].text.startswith("You agreed to “Book 6 new discovery meetings”") and "2027-Q1" in pipeline[1].text
    )
    assert "ai-marcus-03-1" in pipeline[1].citations
    assert (
        "stand behind" in closes["forecast-review"][0].text
        and "Brakewell Transport" in closes["forecast-review"][0].text
    )
    assert "Harbour Freight" in closes["deal-review"][0].text and closes["deal-review"][0].citations
    assert all(q.citations for qs in closes.values() for q in qs)


def test_a_deal_that_several_findings_name_alone_is_asked_about_once(store: Store) -> None:
    # Tom's one stuck deal is also his one quiet deal and the one where his focus skill decides: one question on it
    day = dt.date(2026, 12, 7)  # Grayson Supply past the 45-day mark in stage 1 and 30 days without buyer activity
    brief = prepare_brief(store, ADMIN, "rep-tom-fischer", store.kb, None, meeting="pipeline-review", today=day)
    alone = [r for r in brief.review if r.question and len(r.citations) == 1 and r.kind != "deal"]
    assert alone and len({r.citations[0] for r in alone}) == len(alone)


def test_a_review_closes_on_the_deal_at_risk_and_the_quarter_it_reviews(store: Store) -> None:
    day = dt.date(2026, 12, 7)
    priya = prepare_brief(store, ADMIN, "rep-priya-nair", store.kb, None, meeting="deal-review", today=day)
    closing = [q.text for q in priya.questions if q.kind == "commitment"]
    assert "Quarry Staffing" in closing[0]  # stage 1, no pain shown, quiet: not the healthy Lumen Payroll
    sam = prepare_brief(store, ADMIN, "rep-sam-whitaker", store.kb, None, meeting="forecast-review", today=day)
    call = next(q.text for q in sam.questions if q.kind == "commitment")
    assert "2027-Q1" in call  # nothing is called in 2026-Q4: the review is of the next quarter
