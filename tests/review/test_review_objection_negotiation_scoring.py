"""Objection-handling and negotiation calls scored as a manager reads them: an objection said in the library's own
words is an objection, a step the reader hears as a next step advances the deal, an open question behind a lead-in
clause is still open, a question is not an answer, and a giveaway with a polite "if you want" is not a trade."""

from __future__ import annotations

from copilot.review import review_transcript
from copilot.review.call_features import is_open
from copilot.review.scoring import CallScorer

OBJECTION = """\
Ola (rep): So that's the forecasting piece. How does that compare to what you do today?
Fern (buyer): It looks good, but honestly this isn't a priority for us right now. We have a reorg going on.
Ola (rep): That makes sense, a reorg eats everyone's time. Can I ask what the reorg changes for your managers?
Fern (buyer): They're getting bigger teams, about twelve reps each instead of eight.
Ola (rep): A retailer about your size went through the same thing last year, and their managers cut their weekly pipeline review from three hours to one.
Ola (rep): Would it help if I put you in touch with their sales director before the reorg lands?
Fern (buyer): Yes, let's do that. Next Tuesday afternoon works for me.
"""
OBJ_ROLES = {"Ola (rep)": "rep", "Fern (buyer)": "buyer"}

GIVEAWAY = """\
Rita (buyer): We like it, but the price is more than we budgeted.
Sven (rep): Totally get it. I can take twenty percent off if you want.
Rita (buyer): Could you also do free onboarding?
Sven (rep): Sure, we can include onboarding for free if that helps you get it approved.
Rita (buyer): Great, thanks.
"""
NEG_ROLES = {"Sven (rep)": "rep", "Rita (buyer)": "buyer"}


def _levels(scorer: CallScorer, text: str, roles: dict[str, str], interaction: str) -> dict[str, int]:
    scored = scorer.score(review_transcript(text, "call", roles, "call.txt"), interaction)
    return {s.criterion_id: s.level for s in scored.scores}


def test_an_objection_said_in_the_librarys_words_is_recognised(scorer: CallScorer) -> None:
    levels = _levels(scorer, OBJECTION, OBJ_ROLES, "objection-handling")
    assert levels["objection-handling.acknowledges"] >= 2  # "isn't a priority right now" is obj-not-priority
    upbeat = OBJECTION.replace("this isn't a priority for us right now", "this is a priority for us right now")
    assert _levels(scorer, upbeat, OBJ_ROLES, "objection-handling")["objection-handling.acknowledges"] == 1


def test_a_step_the_reader_hears_as_a_next_step_advances_the_deal(scorer: CallScorer) -> None:
    # "put you in touch with their sales director" names no meeting word; the buyer agrees a day
    plain = OBJECTION.replace("this isn't a priority for us right now", "this is not a priority right now")
    assert _levels(scorer, plain, OBJ_ROLES, "objection-handling")["objection-handling.advances"] >= 3
    stalls = plain.replace(
        "Would it help if I put you in touch with their sales director before the reorg lands?", "Okay, sure."
    ).replace("Yes, let's do that. Next Tuesday afternoon works for me.", "Thanks.")
    assert _levels(scorer, stalls, OBJ_ROLES, "objection-handling")["objection-handling.advances"] == 1


def test_an_open_question_behind_a_lead_in_clause_is_open() -> None:
    assert is_open("Just so I get it right, what are you comparing us with?")
    assert is_open("Out of curiosity, how do your managers use the reports today?")
    assert not is_open("Just so I get it right, is it the price?")
    assert not is_open("Is that fair, or what?")


def test_a_question_is_not_an_answer_with_the_messaging(scorer: CallScorer) -> None:
    asks_only = """\
Kai (buyer): Honestly I can't justify the price next to our current tool.
Lena (rep): That's fair to raise. Just so I get it right, what are you comparing us with?
Kai (buyer): Our dialler, it costs about half.
Lena (rep): Out of curiosity, how do your managers use the dialler's reports today?
Kai (buyer): Mostly for call counts.
"""
    roles = {"Kai (buyer)": "buyer", "Lena (rep)": "rep"}
    levels = _levels(scorer, asks_only, roles, "objection-handling")
    assert levels["objection-handling.answers-with-proof"] == 1  # nothing answered yet: only questions
    assert levels["objection-handling.clarifies"] >= 3  # open questions behind a lead-in


def test_a_giveaway_with_a_polite_if_is_not_a_trade(scorer: CallScorer) -> None:
    levels = _levels(scorer, GIVEAWAY, NEG_ROLES, "negotiation")
    assert levels["negotiation.trades"] == 1
    traded = GIVEAWAY.replace("twenty percent off if you want", "twenty percent off if you sign for two years")
    traded = traded.replace("if that helps you get it approved", "if you sign by Friday")
    assert _levels(scorer, traded, NEG_ROLES, "negotiation")["negotiation.trades"] >= 3
