"""What a manager would not trust in the brief (brief12): new work piled on a running sprint, a second promise beside
an open one, a priority whose reason is its own title."""

from __future__ import annotations

import datetime as dt

from copilot.prep import prepare_brief, render_markdown
from copilot.records import Actor, Store

TODAY = dt.date(2026, 11, 20)  # Sam's five-day messaging sprint is due tomorrow, not late
ADMIN = Actor.local_admin()


def test_work_in_flight_that_suits_the_cause_is_the_assignment(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-sam-whitaker", store.kb, None, today=TODAY)
    assert brief.root_cause[0].category == "messaging"
    assert not brief.assignments  # no storyboard or answer cards on top of the sprint
    assert len(brief.not_assigned) == 1 and "[act-messaging-fluency-sprint] is under way" in brief.not_assigned[0]
    closes = [q for q in brief.questions if q.kind == "commitment"]
    assert sum("act-messaging-fluency-sprint" in q.citations for q in closes) == 1


def test_a_pipeline_review_checks_the_reps_open_promise_on_stale_deals(store: Store) -> None:
    day = dt.date(2026, 12, 7)
    brief = prepare_brief(store, ADMIN, "rep-sam-whitaker", store.kb, None, meeting="pipeline-review", today=day)
    closes = [q for q in brief.questions if q.kind == "commitment"]
    assert closes[0].text.startswith("You agreed to “Update or close three stale deals”")
    assert "ai-sam-04-1" in closes[0].citations
    page = render_markdown(brief)
    for line in page.splitlines():
        if line[:2].rstrip(".").isdigit() and "**" in line:  # a priority: its reason is not its title again
            title, _, reason = line.partition("**")[2].partition("**")
            assert title not in reason, line
