"""Will as a root cause: a rep who has shown they can do it and whose records say they choose not to gets a goals and
commitment conversation, not more practice; the same words without the ability on record, or beside a note that the
rep wants to and tried, do not make it will."""

from __future__ import annotations

import datetime as dt

import pytest

from copilot.knowledge import load_knowledge_base
from copilot.prep.models import Evidence, Focus, RootCauseHypothesis
from copilot.prep.plan import assignments_for, curated_questions
from copilot.prep.rootcause import History, diagnose

D = dt.date(2026, 10, 1)
SLIPPED = [
    Evidence(id="o1", date=D, level=4, observer="manager", text="Booked the follow-up with the CFO before hanging up."),
    Evidence(id="o2", date=D + dt.timedelta(days=20), level=2, observer="peer", text="Ended with nothing booked."),
    Evidence(id="o3", date=D + dt.timedelta(days=40), level=2, observer="manager", text="No date agreed again."),
]
NEVER = [e.model_copy(update={"level": 2}) for e in SLIPPED]


def _diagnose(note: str, counted: list[Evidence] = SLIPPED) -> str:
    notes = [Evidence(id="s1", date=D + dt.timedelta(days=42), text=note)]
    return diagnose(History("discovery-call.next-steps", 3, counted, [], notes)).category


@pytest.mark.parametrize(
    "note",
    [
        "Says booking a next meeting is pointless when buyers go quiet anyway.",
        "Honestly can't be bothered chasing dates at the moment; skipped both coaching sessions this month.",
        "Running on empty after covering two patches since the summer, and it shows on the close.",
        "She could have booked it in one line but chose not to.",
    ],
)
def test_able_and_not_doing_it_is_will(note: str) -> None:
    assert _diagnose(note) == "will"


def test_the_same_words_without_the_ability_on_record_are_not_will() -> None:
    # never at the threshold, nothing finished, nothing saying the rep knows how: what good looks like may be unclear
    assert _diagnose("Says booking a next meeting is pointless.", NEVER) == "knowledge"


def test_a_note_that_the_rep_wants_to_and_tried_rules_will_out() -> None:
    note = "Says chasing dates felt pointless last month, but he wants to get better at it and tried twice, but froze."
    hypothesis = diagnose(History("discovery-call.next-steps", 3, SLIPPED, [], [Evidence(id="s1", date=D, text=note)]))
    assert hypothesis.category != "will" and "not will" in hypothesis.rationale


def test_a_buyer_seeing_no_point_is_not_the_reps_will() -> None:
    assert _diagnose("The buyer said there is no point in a pilot before budget season.") != "will"


def test_will_gets_a_conversation_and_no_practice_commitment_from_the_bank() -> None:
    kb = load_knowledge_base("knowledge").kb
    focus = [
        Focus(criterion_id="discovery-call.next-steps", title="Qualifies and closes", state="intervene", reason="")
    ]
    cause = [RootCauseHypothesis(criterion_id="discovery-call.next-steps", category="will", rationale="", disproof="")]
    assigned = assignments_for(focus, cause, kb, set(), D)
    assert [a.kind for a in assigned][:1] == ["conversation"]
    assert all("will" in kb.activities[a.activity_id].root_causes for a in assigned)
    questions = curated_questions(focus, cause, kb)
    assert not [q for q in questions if q.kind == "commitment"]  # the commitment is the one the rep chooses
    assert any(q.citations[0].endswith("-will") for q in questions if q.kind == "diagnostic")


@pytest.mark.parametrize(
    "note", ["Says she can't see the point while the quota question hangs.", "He doesn't see the point any more."]
)
def test_a_glued_negation_before_see_the_point_is_will(note: str) -> None:
    assert _diagnose(note) == "will"


def test_a_note_on_the_same_kind_of_call_that_sees_no_point_is_will() -> None:
    # the note does not name the skill (it is context, about the demos), yet says why the rep does not do it
    context = [
        Evidence(id="s1", date=D, text="On the demos she knows how and can't see the point of the extra effort.")
    ]
    history = History("discovery-call.next-steps", 3, SLIPPED, [], [], context=context)
    assert diagnose(history).category == "will"
