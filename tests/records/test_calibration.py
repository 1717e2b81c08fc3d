"""Calibration: blind scoring, spread and consensus per criterion, each manager against consensus and AI, agreed
levels as labels, and Krippendorff's alpha checked against hand-computed and published values."""

from __future__ import annotations

import datetime as dt

import pytest
from support.records import ADMIN, MANAGER, add_other_team

from copilot.errors import AccessDenied, RecordsError
from copilot.records.access import Actor
from copilot.records.agreement import coincidences, ordinal_alpha
from copilot.records.store import Store

ENABLEMENT = Actor("enable", "enablement")
OLGA = Actor("mgr-other", "manager")
ACK, CHECKS, PROOF = (
    "objection-handling.acknowledges",
    "objection-handling.checks",
    "objection-handling.answers-with-proof",
)


def test_alpha_matches_a_hand_computed_example() -> None:
    # Two raters, three criteria: (1,1), (2,3), (3,3). Coincidences: o11=2, o23=o32=1, o33=2; n1=2, n2=1, n3=3, n=6.
    # Ordinal deltas: d(1,2)=(2+1)/2=1.5, d(2,3)=(1+3)/2=2, d(1,3)=6-(2+3)/2=3.5.
    # D_o = (1*4 + 1*4)/6 = 4/3; D_e = 2*(2*1*2.25 + 2*3*12.25 + 1*3*4)/(6*5) = 6; alpha = 1 - (4/3)/6 = 7/9.
    units = [[1, 1], [2, 3], [3, 3]]
    o = coincidences(units)
    assert (o[(1, 1)], o[(2, 3)], o[(3, 2)], o[(3, 3)]) == (2, 1, 1, 2)
    assert ordinal_alpha(units) == pytest.approx(7 / 9, abs=1e-4)


def test_alpha_matches_krippendorffs_published_ordinal_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units, missing values;
    # the paper gives alpha = 0.815 for ordinal data.
    units = [[1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4],
             [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3]]  # fmt: skip
    assert ordinal_alpha(units) == pytest.approx(0.815, abs=1e-3)
    assert ordinal_alpha([[2, 2], [2, 2]]) is None, "no variation: alpha is undefined"
    assert ordinal_alpha([[3]]) is None


def attempt(store: Store) -> str:
    items = [
        {"criterion_id": c, "title": c, "level": lv, "label": "", "evidence": f'"{c}"', "why": ""}
        for c, lv in ((ACK, 2), (CHECKS, 3), (PROOF, 2))
    ]
    transcript = [{"speaker": "buyer", "text": "Why you?"}, {"speaker": "rep", "text": "Because of proof."}]
    return store.add_roleplay_attempt(
        ADMIN, "rep-dana-okafor", "sc-security-review-gate", transcript=transcript,
        scores={"scores": items, "overall": 2.33}, date=dt.date(2026, 11, 20),
    ).id  # fmt: skip


def test_managers_score_blind_and_see_where_they_differ(demo: Store) -> None:
    add_other_team(demo)
    session = demo.start_calibration(ENABLEMENT, "roleplay", attempt(demo), title="Security gate")
    assert session.participants == ["mgr-jordan-reyes", "mgr-other"] and session.criteria == [ACK, CHECKS, PROOF]
    blind = demo.calibration(OLGA, session.id)
    assert blind.results is None and blind.transcript[1]["text"] == "Because of proof." and not blind.evidence
    first = demo.submit_calibration(MANAGER, session.id, {ACK: 3, CHECKS: 3, PROOF: 2})
    assert first.results is not None and first.results.raters == 1
    still_blind = demo.calibration(OLGA, session.id)
    assert still_blind.results is None and still_blind.submitted == ["mgr-jordan-reyes"], "others' levels stay hidden"
    with pytest.raises(RecordsError, match="missing"):
        demo.submit_calibration(OLGA, session.id, {ACK: 1})
    done = demo.submit_calibration(OLGA, session.id, {ACK: 1, CHECKS: "good", PROOF: 2})
    assert done.results is not None
    by = {c.criterion: c for c in done.results.criteria}
    assert (by[ACK].levels, by[ACK].spread, by[ACK].consensus, by[ACK].ai_level) == (
        {"mgr-jordan-reyes": 3, "mgr-other": 1},
        2,
        1,
        2,
    )
    assert by[CHECKS].spread == 0 and by[CHECKS].at_consensus == 1.0
    jordan = next(c for c in done.results.comparisons if c.user_id == MANAGER.user_id)
    assert (jordan.exact_with_consensus, jordan.vs_consensus, jordan.vs_ai) == (
        round(2 / 3, 3),
        round(2 / 3, 3),
        round(1 / 3, 3),
    )
    assert done.results.alpha == ordinal_alpha([[3, 1], [3, 3], [2, 2]])
    with pytest.raises(RecordsError, match="already submitted"):
        demo.submit_calibration(OLGA, session.id, {ACK: 2, CHECKS: 3, PROOF: 2})

    closed = demo.close_calibration(ENABLEMENT, session.id, {ACK: 2})
    assert (
        closed.status == "closed"
        and closed.results
        and {c.criterion: c.agreed for c in closed.results.criteria} == {ACK: 2, CHECKS: 3, PROOF: 2}
    )
    labels = demo.calibration_labels(ENABLEMENT)
    assert {(x.criterion, x.ai_level, x.human_level, x.source) for x in labels} == {
        (ACK, 2, 2, "calibration"),
        (CHECKS, 3, 3, "calibration"),
        (PROOF, 2, 2, "calibration"),
    }
    [point] = demo.agreement_over_time(MANAGER)
    assert point.raters == 2 and point.alpha == done.results.alpha


def test_who_may_start_rate_and_read(demo: Store) -> None:
    add_other_team(demo)
    one = attempt(demo)
    with pytest.raises(AccessDenied):
        demo.start_calibration(MANAGER, "roleplay", one, title="x")
    session = demo.start_calibration(
        ENABLEMENT, "roleplay", one, title="x", participants=["mgr-jordan-reyes", "mgr-other"]
    )
    with pytest.raises(AccessDenied, match="not a rater"):
        demo.calibration(Actor("rep-dana-okafor", "rep"), session.id)
    with pytest.raises(AccessDenied, match="organises"):
        demo.submit_calibration(ENABLEMENT, session.id, {ACK: 1, CHECKS: 1, PROOF: 1})
    with pytest.raises(RecordsError, match="outside the scale"):
        demo.submit_calibration(MANAGER, session.id, {ACK: 0, CHECKS: 1, PROOF: 1})
    with pytest.raises(RecordsError, match="at least two"):
        demo.close_calibration(ENABLEMENT, session.id)
    with pytest.raises(RecordsError, match="not managers"):
        demo.start_calibration(ENABLEMENT, "roleplay", one, title="x", participants=["rep-dana-okafor", "mgr-other"])
    with pytest.raises(AccessDenied):
        demo.agreement_over_time(Actor("rep-dana-okafor", "rep"))
