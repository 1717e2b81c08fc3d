"""The classes the heldout2 prep cases showed the brief missing, in words of their own: a claim set against our own
terms or denied in the next sentence, retention signals in the notes, knowledge cues said outright, and a finished
activity the notes say worked."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from copilot.prep.models import Evidence
from copilot.prep.rootcause import History, diagnose
from copilot.prep.stakes import Records, _claim, _retention, activities_that_worked, activity_outcomes, worked_questions

TODAY = dt.date(2026, 12, 4)


def _session(sid: str, days_ago: int, notes: str, kind: str = "one-on-one") -> SimpleNamespace:
    return SimpleNamespace(id=sid, date=TODAY - dt.timedelta(days=days_ago), kind=kind, notes=notes, agreements=[])


def _records(sessions: list[SimpleNamespace], action_items: list[object] = (), **kw: object) -> Records:  # type: ignore[assignment]
    base: dict[str, object] = {
        "rep": SimpleNamespace(name="Jonah Pike", profile="steady", notes=""),
        "observations": [],
        "sessions": sessions,
        "action_items": list(action_items),
        "assignments": [],
        "today": TODAY,
        "pronoun": "he",
        "notes_by_session": {s.id: s.notes for s in sessions},
    }
    return Records(**{**base, **kw})  # type: ignore[arg-type]


def test_a_claim_set_against_our_own_terms_is_a_false_claim() -> None:
    assert _claim(
        "Asked about support hours, Jonah said they get a named engineer around the clock; the SLA covers "
        "business hours only."
    )
    assert _claim(
        "He promised the Tarrow buyer free seats for their contractors, but our price book charges every seat."
    )
    # terms named without anything said to a buyer, and a promise of the rep's own follow-up, are not claims
    assert not _claim("Walked the buyer through our order form line by line and booked the signing call.")
    assert not _claim("Told the CFO he would send the revised quote on Monday.")


def test_a_claim_denied_in_the_next_sentence_is_a_false_claim() -> None:
    assert _claim(
        "Jonah told the Pellam team that the API handles ten thousand calls a minute. That is not true; the "
        "limit is two thousand."
    )
    assert _claim(
        "He assured their IT lead that offline mode is coming in spring. Product has not committed to any date for it."
    )
    assert not _claim("He told the buyer that the pilot could start in January. It did, on the 8th.")


def test_notes_that_the_rep_may_leave_are_retention_risk() -> None:
    for said in (
        "Jonah said a rival firm has offered him a regional role and asked whether we would counter.",
        "He was passed over for the mentor programme again and went quiet for the rest of the meeting.",
        "Jonah asked who handles internal transfers to the customer success team.",
        "He mentioned he had two interviews with another vendor last week.",
    ):
        found = _retention(_records([_session("s1", 10, said)]))
        assert found is not None and found.kind == "retention" and "s1" in found.citations, said


def test_the_buyers_news_and_plain_notes_are_not_retention_risk() -> None:
    for said in (
        "The buyer's CFO was passed over for the group role, so the deal lost its sponsor.",
        "Went through the pipeline; Jonah agreed to tidy close dates by Friday.",
    ):
        assert _retention(_records([_session("s1", 10, said)])) is None, said


def test_an_answer_owed_about_quota_counts_only_when_the_rep_is_unsettled() -> None:
    owed = SimpleNamespace(
        id="a1",
        text="Confirm Jonah's quota for next year",
        owner="manager",
        status="open",
        due=TODAY - dt.timedelta(days=20),
        session_id="s1",
    )
    calm = _records([_session("s1", 30, "Jonah asked how next year's quota will be set.")], [owed])
    assert _retention(calm) is None
    upset = _records(
        [_session("s1", 30, "Jonah is frustrated about the quota and says nobody tells him anything.")], [owed]
    )
    found = _retention(upset)
    assert found is not None and "a1" in found.citations


def _ev(i: int, level: int, text: str = "") -> Evidence:
    return Evidence(id=f"o{i}", date=TODAY - dt.timedelta(days=40 - i * 10), level=level, observer="manager", text=text)


def test_the_rep_saying_they_did_not_know_outweighs_one_earlier_good_score() -> None:
    counted = [
        _ev(0, 3),
        _ev(1, 2, "Sent the plan as a PDF; later he said he was not aware buyers edit a shared plan."),
    ]
    assert diagnose(History("negotiation.mutual-plan", 3, counted, [], [])).category == "knowledge"


def test_knowing_the_material_cold_rules_knowledge_out_and_on_a_message_skill_points_to_messaging() -> None:
    counted = [
        _ev(
            0,
            2,
            "Could walk me through the whole value case afterwards; on the call he struggled to say it "
            "in under five minutes.",
        ),
        _ev(1, 2),
    ]
    cause = diagnose(History("demo.value-message", 3, counted, [], []))
    assert cause.category == "messaging" and cause.scores["knowledge"] < 0


def _worked_records(note: str) -> Records:
    return _records(
        [_session("s1", 6, note)],
        assignments=[SimpleNamespace(id="asg1", activity="act-drill-if-then-trades", status="done")],
    )


def test_a_finished_activity_the_notes_say_worked_is_named_with_a_question(kb: Any) -> None:
    records = _worked_records("The trade drill paid off: on Thursday he got a longer term for the discount.")
    assert [a for a, _, _ in activities_that_worked(records, kb)] == ["act-drill-if-then-trades"]
    assert activity_outcomes(records, kb)[1] == {}
    (question,) = worked_questions(records, kb)
    assert question.text.startswith("Our ") and "paid off" in question.text and question.text.endswith("?")
    assert question.citations == ["s1", "asg1"]
    flop = _worked_records("The trade drill did not work: he still gave the discount away.")
    assert activities_that_worked(flop, kb) == [] and set(activity_outcomes(flop, kb)[1]) == {
        "act-drill-if-then-trades"
    }


def test_a_claim_followed_by_the_actual_facts_or_a_withdrawn_price_book_is_a_false_claim() -> None:
    assert _claim("Told the hospital's CIO that we are ISO 27001 certified; our current audit ends in June.")
    assert _claim("Emailed the buyer that onboarding takes a week, whereas the actual average is five weeks.")
    assert _claim("Sent Harlow the spring price book, which lists the partner discount withdrawn in May.")
    # the facts said without a claim before them, and a claim the record does not contradict, are not false claims
    assert not _claim("Told the CFO about the case study; the buyer asked for a copy.")
    assert not _claim("Walked through our current price book with procurement.")
