"""Demo calls scored as a manager reads them: a screen named by the buyer's own issue is tailored, the change for
the buyer's people is value, a trial with the buyer's managers is a step with the people who decide, and a demo
that opens with a recap is still a demo."""

from __future__ import annotations

from copilot.review import review_transcript
from copilot.review.scoring import CallScorer

DEMO = """\
Ana (rep): Good to see you again, Felix. Last call you said your team leads spend every Friday afternoon chasing reps for pipeline updates. Is that still the main thing to fix?
Felix (buyer): Yes, Fridays are a write-off for them.
Ana (rep): Then I'll start there. Here's the activity board a team lead opens on Friday: every update is already on the deal.
Ana (rep): Felix, your team leads would coach on Friday instead of chasing updates.
Felix (buyer): That would be a relief.
Ana (rep): What would you need to see in a trial to call it a success?
Felix (buyer): Two team leads getting their Friday back for a month.
Ana (rep): Then let's run a four-week trial with those two team leads. Could we review it together on the 20th?
Felix (buyer): The 20th works, I'll pick the two leads.
"""
ROLES = {"Ana (rep)": "rep", "Felix (buyer)": "buyer"}


def _levels(scorer: CallScorer, text: str, interaction: str = "demo") -> dict[str, int]:
    scored = scorer.score(review_transcript(text, "call", ROLES, "demo.txt"), interaction)
    return {s.criterion_id: s.level for s in scored.scores}


def test_a_demo_that_opens_with_a_recap_is_read_as_a_demo(scorer: CallScorer) -> None:
    scored = scorer.best_fit(review_transcript(DEMO, "call", ROLES, "demo.txt"))
    assert scored.interaction == "demo" and scored.interaction_sure


def test_a_screen_introduced_by_the_buyers_own_issue_is_tailored(scorer: CallScorer) -> None:
    assert _levels(scorer, DEMO)["demo.tailored"] >= 3
    tour = DEMO.replace(
        "Here's the activity board a team lead opens on Friday", "Here's the home page with the widgets"
    )
    assert _levels(scorer, tour)["demo.tailored"] == 1  # no issue named, none of the buyer's words: not tailored


def test_what_changes_for_the_buyers_people_is_value_in_their_terms(scorer: CallScorer) -> None:
    assert _levels(scorer, DEMO)["demo.value-message"] >= 2
    screens = DEMO.replace(
        "Felix, your team leads would coach on Friday instead of chasing updates.", "This is the filter."
    )
    assert _levels(scorer, screens)["demo.value-message"] == 1


def test_a_dated_trial_with_the_buyers_managers_is_a_step_with_the_people_who_decide(scorer: CallScorer) -> None:
    assert _levels(scorer, DEMO)["demo.next-steps"] >= 3
    alone = DEMO.replace("with those two team leads", "on it")  # 'it' is not the IT team
    assert _levels(scorer, alone)["demo.next-steps"] == 2
