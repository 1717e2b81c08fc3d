"""A human has the last word on every AI score: evidence per criterion, changes with reasons, an audit trail,
no lost update between two reviewers, no rep approving their own score, and trends that follow the approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from support.records import ADMIN, MANAGER, add_other_team

from copilot.errors import AccessDenied, RecordsError
from copilot.records.access import Actor
from copilot.records.score_review import ReviewConflict, override_report
from copilot.records.store import Store
from copilot.roleplay.progress import trends

REP = "rep-dana-okafor"
REP_ACTOR = Actor(REP, "rep")
SCENARIO = "sc-security-review-gate"
CRITERIA = ["objection-handling.acknowledges", "objection-handling.clarifies", "objection-handling.answers-with-proof"]


def ai_scores(levels: list[int]) -> dict[str, Any]:
    """Scores shaped as the roleplay scorer stores them."""
    items = [
        {
            "criterion_id": c,
            "title": c.split(".")[1],
            "level": lv,
            "label": "x",
            "evidence": f'"line {i}"',
            "why": "rule",
        }
        for i, (c, lv) in enumerate(zip(CRITERIA, levels, strict=True))
    ]
    return {"scores": items, "overall": round(sum(levels) / len(levels), 2), "outcome": "stalled"}


def attempt(store: Store, levels: list[int], day: int = 21) -> str:
    return store.add_roleplay_attempt(
        REP_ACTOR, REP, SCENARIO, transcript=[], scores=ai_scores(levels), date=dt.date(2026, 11, day)
    ).id


def test_a_manager_sees_the_evidence_changes_a_level_with_a_reason_and_the_trend_follows(demo: Store) -> None:
    first = attempt(demo, [3, 2, 3])
    subject = demo.score_for_review(MANAGER, "roleplay", first)
    assert subject.version == 0 and not subject.approved
    assert [(c.criterion, c.ai_level, c.level, c.evidence) for c in subject.criteria][1] == (
        CRITERIA[1],
        2,
        2,
        '"line 1"',
    )
    approved = demo.approve_score(
        MANAGER, "roleplay", first, seen_version=0, changes={CRITERIA[1]: (4, "she asked two open questions")}
    )
    assert approved.version == 1 and approved.approved
    changed = next(c for c in approved.criteria if c.criterion == CRITERIA[1])
    assert (changed.ai_level, changed.level, changed.changed_by, changed.reason) == (
        2,
        4,
        MANAGER.user_id,
        "she asked two open questions",
    )
    assert changed.changed_at is not None
    [stored] = demo.roleplay_attempts(ADMIN, REP)
    assert stored.scores["overall"] == round(10 / 3, 2), "the overall follows the approved level"
    item = stored.scores["scores"][1]
    assert item["level"] == 4 and item["ai_level"] == 2
    [trend] = trends(demo.roleplay_attempts(ADMIN, REP))
    assert trend.latest_levels[CRITERIA[1]] == 4
    [entry] = approved.history
    assert [(c.criterion, c.before, c.level) for c in entry.changes] == [(CRITERIA[1], 2, 4)]
    assert {c.criterion for c in entry.levels} == set(CRITERIA), "every approved level is on record"


def test_the_second_reviewer_sees_the_first_and_must_retry(demo: Store) -> None:
    add_other_team(demo)
    demo.name_reviewer(Actor("enable", "enablement"), "mgr-other", "team-mid-market-east")
    reviewer = Actor("mgr-other", "manager")
    one = attempt(demo, [2, 2, 2])
    assert demo.score_for_review(reviewer, "roleplay", one).version == 0  # both opened version 0
    demo.approve_score(MANAGER, "roleplay", one, seen_version=0, changes={CRITERIA[0]: (3, "acknowledged well")})
    with pytest.raises(ReviewConflict) as info:
        demo.approve_score(reviewer, "roleplay", one, seen_version=0, changes={CRITERIA[0]: (1, "no acknowledgement")})
    message = str(info.value)
    assert "version 0" in message and MANAGER.user_id in message and f"{CRITERIA[0]} 2→3" in message
    assert "fix: reload" in message
    assert demo.roleplay_attempts(ADMIN, REP)[0].scores["scores"][0]["level"] == 3, "the first approval stands"
    again = demo.approve_score(
        reviewer, "roleplay", one, seen_version=1, changes={CRITERIA[0]: (1, "no acknowledgement")}
    )
    assert again.version == 2 and next(c.level for c in again.criteria) == 1
    assert [r.reviewer_id for r in again.history] == [MANAGER.user_id, "mgr-other"]
    assert again.criteria[0].ai_level == 2, "the AI's level is kept through every approval"


def test_a_rep_may_read_but_never_approve_their_own_score(demo: Store) -> None:
    one = attempt(demo, [2, 2, 2])
    assert demo.score_for_review(REP_ACTOR, "roleplay", one).criteria
    with pytest.raises(AccessDenied, match="may not approve their own score"):
        demo.approve_score(REP_ACTOR, "roleplay", one, seen_version=0)
    demo.name_reviewer(ADMIN, REP, "team-mid-market-east")  # even named reviewer of their own team
    with pytest.raises(AccessDenied, match="own score"):
        demo.approve_score(REP_ACTOR, "roleplay", one, seen_version=0)
    other = Actor("rep-marcus-bell", "rep")
    with pytest.raises(AccessDenied):
        demo.score_for_review(other, "roleplay", one)
    with pytest.raises(AccessDenied, match="name reviewers"):
        demo.name_reviewer(MANAGER, "rep-marcus-bell", "team-mid-market-east")


def test_another_teams_manager_and_enablement_cannot_review_until_named(demo: Store) -> None:
    add_other_team(demo)
    one = attempt(demo, [2, 2, 2])
    for actor in (Actor("mgr-other", "manager"), Actor("enable", "enablement")):
        with pytest.raises(AccessDenied, match="reviewer enablement named"):
            demo.approve_score(actor, "roleplay", one, seen_version=0)


def test_levels_outside_the_scale_unknown_criteria_and_missing_reasons_are_refused(demo: Store) -> None:
    one = attempt(demo, [2, 2, 2])
    with pytest.raises(RecordsError, match="outside the scale 1-4") as info:
        demo.approve_score(MANAGER, "roleplay", one, seen_version=0, changes={CRITERIA[0]: (5, "too good")})
    assert "fix: use 1-4" in str(info.value)
    with pytest.raises(RecordsError, match="no score for"):
        demo.approve_score(MANAGER, "roleplay", one, seen_version=0, changes={"demo.value-message": (3, "x")})
    with pytest.raises(RecordsError, match="needs a reason"):
        demo.approve_score(MANAGER, "roleplay", one, seen_version=0, changes={CRITERIA[0]: (3, " ")})
    assert demo.score_for_review(MANAGER, "roleplay", one).version == 0, "nothing was saved"


def test_a_reviewed_call_feeds_thresholds_with_the_approved_level(demo: Store) -> None:
    obs = demo.add_observation(
        MANAGER, REP, "objection-handling", {"objection-handling.clarifies": 1},
        evidence={"objection-handling.clarifies": "went straight to the answer"},
        date=dt.date(2026, 11, 19), observer="automatic",
    )  # fmt: skip
    subject = demo.score_for_review(MANAGER, "observation", obs.id)
    assert subject.criteria[0].evidence == "went straight to the answer"
    demo.approve_score(
        MANAGER, "observation", obs.id, seen_version=0, changes={"objection-handling.clarifies": (3, "she did ask")}
    )
    latest = next(o for o in demo.observations(ADMIN, REP) if o.id == obs.id)
    assert latest.scores["objection-handling.clarifies"] == 3
    manual = demo.add_observation(MANAGER, REP, "objection-handling", {"objection-handling.clarifies": 2})
    with pytest.raises(RecordsError, match="not by the AI"):
        demo.score_for_review(MANAGER, "observation", manual.id)


def test_the_share_of_ai_scores_changed_per_criterion(demo: Store) -> None:
    a, b = attempt(demo, [2, 2, 2]), attempt(demo, [3, 3, 3], day=22)
    demo.approve_score(MANAGER, "roleplay", a, seen_version=0, changes={CRITERIA[0]: (3, "r")})
    demo.approve_score(MANAGER, "roleplay", b, seen_version=0, changes={CRITERIA[0]: (2, "r"), CRITERIA[1]: (1, "r")})
    demo.approve_score(MANAGER, "roleplay", b, seen_version=1, changes={CRITERIA[1]: (3, "back to the AI's")})
    report = demo.override_report(Actor("enable", "enablement"))
    by = {c.criterion: c for c in report.criteria}
    assert (by[CRITERIA[0]].reviewed, by[CRITERIA[0]].changed, by[CRITERIA[0]].rate) == (2, 2, 1.0)
    assert (by[CRITERIA[1]].changed, by[CRITERIA[1]].rate) == (0, 0.0), "the latest approval decides"
    assert by[CRITERIA[0]].mean_shift == 0.0  # +1 and -1
    assert (report.subjects, report.reviewed, report.changed) == (2, 6, 2)
    cases = demo.review_cases(ADMIN)
    assert len(cases) == 6 and not any("rep" in k for k in cases[0].model_dump())
    assert {(c.criterion, c.ai_level, c.human_level, c.reason) for c in cases if c.subject == a} >= {
        (CRITERIA[0], 2, 3, "r")
    }
    assert next(c for c in cases if c.subject == b and c.criterion == CRITERIA[1]).reason == "", "back to the AI's"
    with pytest.raises(RecordsError):
        demo.override_report(REP_ACTOR)
    assert override_report([]).rate is None


def test_the_queue_lists_what_awaits_review_first(demo: Store) -> None:
    a, b = attempt(demo, [2, 2, 2]), attempt(demo, [3, 3, 3], day=22)
    demo.approve_score(MANAGER, "roleplay", b, seen_version=0)
    queue = demo.review_queue(MANAGER)
    ids = [q.id for q in queue]
    assert ids.index(a) < ids.index(b) and next(q for q in queue if q.id == b).approved
    assert demo.review_queue(Actor("enable", "enablement")) == []
