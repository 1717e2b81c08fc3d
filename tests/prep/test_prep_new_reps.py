"""Reps unlike the demo team: a false claim written in the third person, a drill the notes say changed nothing,
a commit whose close date has passed, a new hire with nothing to coach yet, notes that call the rep he or she."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from copilot.prep.brief import review_questions
from copilot.prep.meetings import deal_review, forecast_review, missing_exit_criteria, pipeline_review
from copilot.prep.models import Evidence, ReconcileItem, ReviewItem
from copilot.prep.rep_questions import owed_to_you, rep_pronoun, second_person, without_focus
from copilot.prep.stakes import DID_NOT_WORK, Records, _claim, activity_outcomes, priorities
from copilot.records.deals import DealView, TargetView

TODAY = dt.date(2026, 12, 4)


def _deal(**kw: object) -> DealView:
    base: dict[str, object] = {
        "id": "d1",
        "rep_id": "r",
        "name": "Corran Systems",
        "stage": 4,
        "amount": 70000,
        "close_date": TODAY - dt.timedelta(days=12),
        "category": "commit",
        "stage_since": TODAY - dt.timedelta(days=40),
        "last_activity": TODAY - dt.timedelta(days=9),
        "next_step": "Waiting for the revised quote to be signed",
        "evidence": "Pricing sent; mutual close plan agreed; signer is the CFO",
        "as_of": TODAY,
    }
    return DealView(**{**base, **kw})


def test_a_claim_the_same_record_says_is_not_so_is_a_false_claim() -> None:
    assert _claim("Hollis Group: she told the CIO that we integrate natively with SAP, which we do not.")
    assert _claim(
        "Told the Brightline security lead the platform is SOC 2 Type II certified; our report is Type I only."
    )
    assert not _claim("Told the VP she would send the pilot plan by Friday.")
    assert not _claim("He said he would check with product whether we could import them.")


def test_notes_saying_the_drill_changed_nothing_count_as_did_not_work() -> None:
    said = "He did the rapid-fire objection drill twice and says the drill has not changed what he does on live calls"
    assert DID_NOT_WORK.search(said.lower())
    assert DID_NOT_WORK.search("the cards did not carry over to live calls")
    assert not DID_NOT_WORK.search("the objection cards he finds useful")


def test_the_reps_he_or_she_becomes_you_but_the_buyers_does_not() -> None:
    notes = ["Derek agreed that he answers objections too fast.", "He did the drill twice."]
    assert rep_pronoun(notes, "Derek") == "he"
    assert rep_pronoun(["Went through the pipeline."], "Derek") == ""
    text = "The Pellworth VP said they were happy with spreadsheets; he said he would check with product and moved on"
    assert second_person(text, "Derek", "he") == (
        "The Pellworth VP said they were happy with spreadsheets; you said you would check with product and moved on"
    )
    mixed = (
        "When the Corran buyer said the price was high, he went straight to the discount without asking what she meant"
    )
    assert "you went straight" in second_person(mixed, "Derek", "he") and "what she meant" in second_person(
        mixed, "Derek", "he"
    )
    assert second_person("She says she has not had time", "Anika", "she") == "You say you have not had time"
    assert second_person("The CFO asked him to put it in one sentence", "Sam", "he") == (
        "The CFO asked you to put it in one sentence"
    )


def test_a_buyer_named_in_a_phrase_before_the_reps_he_or_she_does_not_make_it_the_buyers() -> None:
    # where the rep acted ("in front of the CFO", "with the buyer") is not who acted: the he or she is still the rep
    said = second_person(
        "Knew the pitch cold, but in front of the Dunmore CFO she read out a feature list", "Ada", "she"
    )
    assert said == "Knew the pitch cold, but in front of the Dunmore CFO you read out a feature list"
    assert second_person("With the Tarrow buyer he talked for twenty minutes", "Ben", "he") == (
        "With the Tarrow buyer you talked for twenty minutes"
    )
    # a buyer who is the subject keeps their he or she
    assert second_person("The CFO said she would sign", "Ada", "she") == "The CFO said she would sign"


def test_the_managers_own_item_is_said_as_what_the_manager_owes_not_as_an_order() -> None:
    # "I still owe you 'Share ... with you'" reads as an instruction to the rep: say what is owed
    said = owed_to_you(second_person("Share the new territory map and its start date with Rosa", "Rosa"))
    assert said == "I still owe you the new territory map and its start date"
    assert owed_to_you(second_person("Send Ivo a copy of the revised comp plan", "Ivo")) == (
        "I still owe you a copy of the revised comp plan"
    )
    # an item that is not something handed over is quoted as the manager's item, not owed as an order
    other = owed_to_you(second_person("Book an hour with Ivo to go through his ramp plan", "Ivo"))
    assert other.startswith("my item “Book an hour with you")


def test_a_commit_past_its_close_date_is_called_slipped_in_every_review() -> None:
    deals = [_deal()]
    reviewed = deal_review(deals, TODAY)[0]
    assert "close date 22 November passed 12 days ago" in reviewed.text
    assert "could still stop" not in reviewed.question and "was to close on 22 November" in reviewed.question
    gaps = [i for i in forecast_review(deals, TODAY) if i.kind == "forecast_gap"]
    assert gaps and "close date 22 November passed 12 days ago" in gaps[0].text
    # a commit left open from an earlier quarter is still this quarter's business
    old = _deal(close_date=dt.date(2026, 9, 25))
    assert any(i.kind == "forecast_gap" for i in forecast_review([old], TODAY))


def test_an_economic_buyer_named_in_either_order_is_shown() -> None:
    assert not missing_exit_criteria(
        _deal(stage=2, evidence="Cost: two lost renewals a quarter; COO identified as economic buyer")
    )
    assert missing_exit_criteria(_deal(stage=2, evidence="Cost: two lost renewals a quarter"))


def test_late_in_the_quarter_coverage_is_not_a_pipeline_generation_ask() -> None:
    deals = [_deal(close_date=TODAY + dt.timedelta(days=20)), _deal(id="d2", close_date=dt.date(2027, 2, 1))]
    targets = [
        TargetView(rep_id="r", period="2026-Q4", amount=90000),
        TargetView(rep_id="r", period="2027-Q1", amount=100000),
    ]
    items = pipeline_review(deals, targets, TODAY)
    q4 = next(i for i in items if "2026-Q4" in i.text)
    assert q4.kind == "forecast" and "ends in 27 days" in q4.text and not q4.question
    assert next(i for i in items if i.text.startswith("Coverage for 2027-Q1")).kind == "coverage"


def _records(**kw: object) -> Records:
    rep = SimpleNamespace(name="Anika Rao", profile="steady", notes="")
    base: dict[str, object] = {
        "rep": rep,
        "observations": [],
        "sessions": [
            SimpleNamespace(
                id="s1", date=TODAY - dt.timedelta(days=21), kind="pipeline-review", notes="", agreements=[]
            )
        ],
        "action_items": [
            SimpleNamespace(
                id="a1",
                text="Qualify or close out every stage-1 deal older than 45 days",
                owner="rep",
                status="open",
                due=TODAY - dt.timedelta(days=14),
                session_id="s1",
            )
        ],
        "assignments": [],
        "today": TODAY,
        "pronoun": "she",
        "notes_by_session": {"s1": ""},
    }
    return Records(**{**base, **kw})  # type: ignore[arg-type]


def test_an_overdue_promise_the_pipeline_shows_unkept_is_a_broken_commitment(kb: object) -> None:
    stuck = ReviewItem(
        kind="stuck",
        text="4 of 7 open deals are stuck in stage 1 for over 45 days (every deal in that "
        "stage); the oldest, Ironbridge Media, since 3 October",
        criterion_id="discovery-call.key-issue",
        citations=["d3"],
    )
    ranked = priorities(_records(), kb, [], [stuck])  # type: ignore[arg-type]
    assert ranked[0].kind == "commitment" and "a1" in ranked[0].citations and "d3" in ranked[0].citations
    assert "stuck in stage 1" in ranked[0].question


def test_with_nothing_to_coach_the_brief_still_asks_about_this_rep() -> None:
    owed = ReconcileItem(
        id="a1",
        kind="action_item",
        text="Book five discovery calls of her own",
        owner="rep",
        due=TODAY - dt.timedelta(days=2),
        overdue=True,
    )
    miss = Evidence(
        id="o1",
        date=TODAY - dt.timedelta(days=6),
        level=2,
        observer="manager",
        text="Closed with 'I'll send some info over' - no date, no second meeting.",
    )
    questions = without_focus("Leah", [owed], [("discovery-call.next-steps", miss)], TODAY, "she")
    diagnostic = [q.text for q in questions if q.kind == "diagnostic"]
    assert len(diagnostic) >= 3 and all(q.endswith("?") for q in diagnostic)
    assert any("Book five discovery calls of your own" in q for q in diagnostic)
    assert any("I'll send some info over" in q for q in diagnostic)
    assert any(q.kind == "commitment" and "a1" in q.citations for q in questions)


def test_only_the_activity_a_note_is_about_counts_as_not_working(kb: object) -> None:
    records = _records(
        assignments=[
            SimpleNamespace(activity="act-drill-objection-rapid-fire", status="done"),
            SimpleNamespace(activity="act-objection-cards", status="done"),
        ],
        notes_by_session={
            "s1": "He did the rapid-fire objection drill twice and says the drill has not changed what he does on live "
            "calls: yesterday he still answered the price objection before asking anything. The objection cards he "
            "finds useful."
        },
    )
    done, failed = activity_outcomes(records, kb)  # type: ignore[arg-type]
    assert set(failed) == {"act-drill-objection-rapid-fire"} and "act-objection-cards" in done


def test_a_review_asks_its_own_questions_before_the_skills() -> None:
    stuck = ReviewItem(
        kind="stuck",
        text="Pellworth has been in stage 3 since 5 October",
        question="What would Pellworth need to have confirmed to move past stage 3?",
        criterion_id="x",
        citations=["d1"],
    )
    summary = ReviewItem(kind="forecast", text="2026-Q4: 70k in commit", question="What is your call?")
    asked = review_questions([summary, stuck])
    assert asked[0].text.startswith("What would Pellworth") and all(q.kind == "diagnostic" for q in asked)
