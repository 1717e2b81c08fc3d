"""Issue 18, twelfth session: a question about what happened before asks what burned them, a clause that only sets
the scene counts half, and a short verdict on the buyer's concern argues even when the reader hears a claim in it."""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.facts import cue_counts, question_topic
from copilot.roleplay.signals import contradicts_concern, objection_words_no_path


def test_a_question_about_past_experience_asks_what_burned_them() -> None:
    assert question_topic("Has a connector ever taken more than it promised from your mailboxes?") == "burned"
    assert question_topic("Have you been locked into a long contract before?") == "burned"
    assert question_topic("What's behind the ninety days, did a purchase go badly for you at some point?") == "burned"
    assert question_topic("When does the review board meet?") == "timing"


def test_a_scene_setting_clause_counts_half() -> None:
    counts = cue_counts("Out of curiosity, who else weighs in before you spend money on something like this?")
    assert counts["decision"] > counts["budget"] > 0
    assert question_topic("How would a purchase like this get decided on your side?") == "decision"


def test_a_short_verdict_on_the_concern_argues(kb: KnowledgeBase) -> None:
    sheet = objection_words_no_path(kb.objections["obj-spreadsheet-works"])
    assert contradicts_concern("A spreadsheet isn't a forecast.", sheet)
    assert not contradicts_concern("We don't replace the spreadsheet, we feed it.", sheet)  # ours: an answer
    assert not contradicts_concern("Nobody wants to throw away a model they built.", sheet | {"model"})  # a feeling
    assert not contradicts_concern("If the model breaks, it's your Monday that goes.", sheet)  # the stakes
    assert not contradicts_concern("Does the spreadsheet not cover the renewals?", sheet)  # a question
    assert not contradicts_concern("Fair enough, a spreadsheet you built doesn't need a vendor.", sheet)  # agreeing
    # found in play: the buyer's own cost said back, "every week" says how often, not that the concern is general
    budget = objection_words_no_path(kb.objections["obj-no-budget"]) | {"team", "week", "finance"}
    assert not contradicts_concern("So about a day a week of your team's time, every week until April.", budget)
    assert contradicts_concern("Every finance team says that about its budget.", budget)
