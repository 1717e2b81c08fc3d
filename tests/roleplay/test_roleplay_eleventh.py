"""Issue 18, eleventh session: a fact that holds the question's cue word and another of its words answers it (not the
topic that word would name), 'what's driving X' asks about X, a scene-setting clause is not the question, and a
concern the rep answered before the buyer raised it is credited when it comes up."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.facts import asked_words, cue_counts, pick_fact
from copilot.roleplay.moves import answers_in_own_words
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.session import RoleplaySession


def _topic(kb: KnowledgeBase, scenario: str, question: str) -> str | None:
    fact, _ = pick_fact(scenario_from_kb(kb, scenario), kb, question, None, [], earned=True)
    return fact.topic if fact else None


def test_a_cue_word_another_fact_holds_points_at_that_fact(kb: KnowledgeBase) -> None:
    assert _topic(kb, "sc-cro-discovery-first-call", "What's the first thing the board will ask you about?") == (
        "priorities"
    )
    assert _topic(kb, "sc-security-review-gate", "Which regulations are you audited against?") == "priorities"
    assert _topic(kb, "sc-cfo-price-pushback", "Who signs off on the spend?") == "decision"


def test_what_is_driving_something_asks_about_that_thing(kb: KnowledgeBase) -> None:
    counts = cue_counts("What's driving the urgency on your side this month?")
    assert counts["timing"] > counts["decision"]
    assert cue_counts("Who's driving this on your side?")["decision"] >= 1
    assert _topic(kb, "sc-cfo-price-pushback", "What's driving the urgency on your side this month?") == "timing"


def test_a_scene_setting_clause_is_not_the_question(kb: KnowledgeBase) -> None:
    assert asked_words("Once it works, how would you pay for it?") == {"pay"}
    assert _topic(kb, "sc-cfo-pilot-demand", "Once it works, how would you pay for it?") == "budget"


def test_an_answer_to_the_next_concern_in_its_own_clause_is_heard(kb: KnowledgeBase) -> None:
    later, live = kb.objections["obj-adoption-risk"], kb.objections["obj-too-expensive"]
    text = "A second analyst costs about the same; and your reps enter no data, managers use it in the meeting they already hold."
    assert answers_in_own_words(text, later, live)
    assert not answers_in_own_words("A second analyst costs about the same as this.", later, live)


def test_a_concern_answered_early_is_not_met_with_you_said_nothing(kb: KnowledgeBase) -> None:
    session = RoleplaySession(kb, scenario_from_kb(kb, "sc-cfo-price-pushback"), None)
    session.open()
    session.rep_says("I hear you, the number is above what you planned. What are you comparing it with?")
    session.rep_says(
        "A second analyst costs about the same; and your reps enter no data, managers use it in the forecast "
        "meeting they already hold."
    )
    raised = session.rep_says("Does that answer the price question?")
    assert raised.move is not None and raised.move.kind == "raise_objection"
    assert "touched on" in raised.text or "started on" in raised.text, raised.text
    step = session.rep_says(
        "Could we book 30 minutes with your controller on Thursday to go through the payback model?"
    )
    assert step.move is not None and step.move.kind != "refuse_next_step"
    assert "haven't said a word" not in step.text, step.text


def test_a_question_about_what_went_wrong_is_no_evidence(kb: KnowledgeBase) -> None:
    session = RoleplaySession(kb, scenario_from_kb(kb, "sc-security-residency"), None)
    session.open()
    session.rep_says("Understood, residency is a hard requirement for you. Where do your other SaaS tools host today?")
    turn = session.rep_says("What went wrong with the vendor that said EU hosting?")
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.topic == "burned", turn.text
