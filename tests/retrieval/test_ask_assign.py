"""A manager asking what to assign for a gap gets the activities the catalog lists for that skill, the kind that fits
the gap first, each with why and how long, not the one activity that ranked first."""

from __future__ import annotations

import re

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.assign import Reading, compose_assignment, gap_text, named_activity, ranked, reading
from copilot.retrieval.route import intents
from copilot.settings import load_settings

DISCOUNTING = "My rep keeps discounting in the first call, what should I assign?"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(load_settings())


@pytest.mark.parametrize(
    "question",
    [
        DISCOUNTING,
        "What can I give her to practise?",
        "I end my 1-on-1s without commitments. What could I practise?",
        "What should I have him work on?",
        "The buyer keeps saying it's too expensive and my rep caves; what drill should I assign?",  # not the objection
        "Our messaging falls flat in his demos. What exercise would help?",  # not the value propositions
    ],
)
def test_asking_what_to_assign_is_routed_to_activities_before_anything_the_gap_mentions(question: str) -> None:
    assert intents(question)[0] == "activity"


def test_the_gap_is_searched_without_the_asking_clause() -> None:
    assert gap_text(DISCOUNTING) == "My rep keeps discounting in the first call,"
    assert gap_text("What should I assign?") == "What should I assign?"  # nothing else to search with


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        (DISCOUNTING, "skill"),
        ("A new rep has no idea what a good demo looks like. What should I give him?", "knowledge"),
        ("She gets nervous and goes quiet when the CFO joins. What should I assign?", "confidence"),
        ("He rambles whenever he explains our value. Which drill?", "messaging"),
    ],
)
def test_the_question_s_own_words_say_which_root_cause_it_reads_as(question: str, cause: str) -> None:
    assert reading(question).cause == cause


def test_the_kind_that_fits_the_gap_comes_first(kb: KnowledgeBase) -> None:
    assert ranked(kb, "negotiation.trades", "skill")[0].id == "act-drill-if-then-trades"
    assert ranked(kb, "negotiation.trades", "knowledge")[0].kind == "lesson"
    assert ranked(kb, "objection-handling.checks", "confidence")[0].kind == "roleplay"
    skill = ranked(kb, "demo.tailored", "skill")  # no drill for it: the roleplay, not a lesson
    assert skill[0].kind == "roleplay" and "skill" in skill[0].root_causes


def test_an_assignment_names_the_first_activity_with_why_and_how_long_then_the_others(kb: KnowledgeBase) -> None:
    text, cited = compose_assignment(kb, "negotiation.trades", reading(DISCOUNTING))
    joined = "\n".join(text)
    first = re.search(r"Assign first: \*\*(.+?)\*\* \[(act-[\w-]+)\] \((\w[\w ]*), (\d+) min\)", joined)
    assert first is not None and first.group(2) == "act-drill-if-then-trades" and first.group(4) == "15"
    assert "Why: it fits skill gaps" in joined and "How: " in joined
    listed = set(re.findall(r"\[(act-[\w-]+)\]", joined))
    assert cited[0] == "negotiation.trades" and listed == {c for c in cited if c.startswith("act-")}
    assert {a.id for a in kb.activities_for("negotiation.trades")} <= listed  # every one the catalog has for it
    assert "start elsewhere" in joined  # the cause was assumed: it says where to start instead


def test_an_answer_for_a_gap_the_question_names_does_not_hedge(kb: KnowledgeBase) -> None:
    text, _ = compose_assignment(kb, "negotiation.trades", Reading("confidence", "nervous"))
    joined = "\n".join(text)
    assert 'the question says "nervous"' in joined and "start elsewhere" not in joined
    assert "act-drill-if-then-trades" not in joined.split("Also in the catalog")[0]  # a rehearsal leads instead


def test_an_activity_written_for_the_situation_goes_first_when_it_fits_the_cause(kb: KnowledgeBase) -> None:
    read = Reading("confidence", "nervous", written_for="act-rehearse-and-lead")
    text, cited = compose_assignment(kb, "discovery-call.next-steps", read)
    assert cited[1] == "act-rehearse-and-lead" and "its own description is the situation" in "\n".join(text)
    assert ranked(kb, "discovery-call.next-steps", "confidence")[0].id != "act-rehearse-and-lead"  # else not first


def test_a_question_naming_an_activity_is_about_that_activity(kb: KnowledgeBase) -> None:
    assert named_activity("How long does the if-then trade drill take?", kb) == "act-drill-if-then-trades"
    assert named_activity(DISCOUNTING, kb) is None
