"""The 1-on-1 prep brief over the demo team: focus and root cause follow the records, every item is checked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from copilot.errors import AccessDenied, RecordsError
from copilot.llm.base import Completion
from copilot.llm.fake import FakeChatModel
from copilot.prep import prepare_brief, render_markdown
from copilot.prep.questions import problem_with
from copilot.records import Actor, Store
from copilot.settings import load_settings

TODAY = dt.date(2026, 11, 20)  # the demo team's anchor date
ADMIN = Actor.local_admin()


def _all_record_ids(store: Store, rep: str) -> set[str]:
    ids = {o.id for o in store.observations(ADMIN, rep)} | {s.id for s in store.sessions(ADMIN, rep)}
    ids |= {a.id for a in store.action_items(ADMIN, rep)} | {a.id for a in store.assignments(ADMIN, rep)}
    return ids


@pytest.mark.parametrize(
    ("rep", "criterion", "cause"),
    [
        ("rep-marcus-bell", "discovery-call.agenda", "skill"),
        ("rep-tom-fischer", "discovery-call.key-issue", "confidence"),
        ("rep-sam-whitaker", "demo.value-message", "messaging"),
        # the 13 November notes say the gap is "now skill and fluency rather than knowledge"
        ("rep-priya-nair", "discovery-call.insight-story", "skill"),
    ],
)
def test_focus_and_root_cause_follow_the_records(store: Store, rep: str, criterion: str, cause: str) -> None:
    brief = prepare_brief(store, ADMIN, rep, store.kb, None, today=TODAY)
    assert brief.focus[0].criterion_id == criterion
    assert brief.root_cause[0].category == cause and brief.root_cause[0].disproof
    if brief.focus[0].state == "intervene":
        assert brief.focus[0].evidence and all(e.level is not None and e.level < 3 for e in brief.focus[0].evidence)


def test_every_part_is_checked_and_cited(store: Store) -> None:
    rep = "rep-sam-whitaker"
    brief = prepare_brief(store, ADMIN, rep, store.kb, None, today=TODAY)
    known = _all_record_ids(store, rep) | set(store.kb.criteria) | set(store.kb.activities) | set(store.kb.questions)
    assert set(brief.citations) <= known
    diagnostic = [q for q in brief.questions if q.kind == "diagnostic"]
    assert 4 <= len(diagnostic) <= 8 and all(q.text.endswith("?") for q in brief.questions)
    assert {q.criterion_id for q in diagnostic} == {f.criterion_id for f in brief.focus}
    assert any(q.kind == "commitment" for q in brief.questions)
    causes = {c.criterion_id: c.category for c in brief.root_cause}
    for a in brief.assignments:
        activity = store.kb.activities[a.activity_id]
        assert a.criterion_id in activity.criteria and causes[a.criterion_id] in activity.root_causes
        assert a.due > TODAY
    assert brief.reconcile and all(r.due is not None for r in brief.reconcile)
    assert [r.overdue for r in brief.reconcile] == sorted((r.overdue for r in brief.reconcile), reverse=True)


def test_self_correcting_basics_are_left_with_the_rep(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-dana-okafor", store.kb, None, today=TODAY)
    assert "objection-handling.clarifies" in [x.criterion_id for x in brief.leave_with_rep]
    assert "objection-handling.clarifies" not in [f.criterion_id for f in brief.focus]


def test_a_new_threshold_crossing_becomes_the_focus(store: Store) -> None:
    store.add_observation(
        ADMIN,
        "rep-dana-okafor",
        "objection-handling",
        {"objection-handling.clarifies": 2},
        evidence={"objection-handling.clarifies": "Answered the budget objection before asking what prompted it."},
        date=dt.date(2026, 11, 27),
        observer="manager",
    )
    brief = prepare_brief(store, ADMIN, "rep-dana-okafor", store.kb, None, today=dt.date(2026, 11, 27))
    assert brief.focus[0].criterion_id == "objection-handling.clarifies"
    assert brief.focus[0].state == "intervene"
    assert any("before asking what prompted it" in e.text for e in brief.focus[0].evidence)


def test_good_generated_questions_are_kept_and_bad_ones_replaced(store: Store) -> None:
    good = "What was going through your mind when the buyer said 'I only have twenty minutes' on that call?"
    reply = {
        "questions": [
            {"text": good, "criterion_id": "discovery-call.agenda", "cites": "obs-marcus-05"},
            {"text": "Did you state an agenda?", "criterion_id": "discovery-call.agenda", "cites": "obs-marcus-05"},
            {
                "text": "Why don't you just open with an agenda next time?",
                "criterion_id": "discovery-call.agenda",
                "cites": "obs-marcus-07",
            },
            {
                "text": "What motivates you in your career overall?",
                "criterion_id": "discovery-call.agenda",
                "cites": "obs-marcus-07",
            },
        ]
    }
    model = FakeChatModel().enqueue(json.dumps(reply))
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, model, today=TODAY)
    generated = [q for q in brief.questions if q.source == "generated"]
    assert [q.text for q in generated] == [good]
    assert generated[0].citations == ["obs-marcus-05", "discovery-call.agenda"]
    assert len([q for q in brief.questions if q.kind == "diagnostic"]) >= 4
    dropped = " ".join(brief.notes)
    assert "closed" in dropped and "advice" in dropped and "generic" in dropped
    schema = model.calls[0]["json_schema"]
    assert "obs-marcus-05" in json.dumps(schema)  # citations are constrained to the evidence ids


def test_model_failure_still_gives_a_usable_brief(store: Store) -> None:
    model = FakeChatModel().enqueue(Completion(text="{", finish_reason="length", model="fake"), "not json")
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, model, today=TODAY)
    assert all(q.source != "generated" for q in brief.questions)
    assert len([q for q in brief.questions if q.kind == "diagnostic"]) >= 4
    assert "curated" in " ".join(brief.notes)
    page = render_markdown(brief)
    assert "## 1. Reconcile first" in page and "OVERDUE" in page and "[discovery-call.agenda]" in page


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Tell me about the call.", "not a single question"),
        ("Have you tried sending an agenda in advance?", "advice disguised as a question"),
        ("Is the agenda something you prepare?", "a closed (yes/no) question"),
        ("What do you enjoy about selling?", "generic: does not refer to the rep's evidence"),
    ],
)
def test_question_checks(text: str, problem: str) -> None:
    assert problem_with(text, "buyer said I only have twenty minutes; no agenda", "agreed agenda") == problem


def test_open_specific_question_passes() -> None:
    assert (
        problem_with(
            "How did you decide what to say when the buyer mentioned twenty minutes?",
            "buyer said I only have twenty minutes; no agenda",
            "agreed agenda",
        )
        is None
    )


def test_a_rep_cannot_prepare_a_brief_on_someone_else(store: Store) -> None:
    with pytest.raises(AccessDenied):
        prepare_brief(store, store.actor("rep-dana-okafor"), "rep-marcus-bell", store.kb, None, today=TODAY)


def test_unknown_meeting_type_names_the_choices(store: Store) -> None:
    with pytest.raises(RecordsError) as info:
        prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, meeting="lunch", today=TODAY)
    assert "one-on-one" in str(info.value)


def test_cli_prep_json_and_save(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    from copilot.cli.main import main

    code = main(["prep", "--rep", "rep-tom-fischer", "--today", "2026-11-20", "--no-model", "--save", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert {"rep", "meeting", "reconcile", "focus", "root_cause", "questions", "assignments", "citations"} <= set(out)
    assert out["saved_as"] and store.briefs(ADMIN, "rep-tom-fischer")[0].payload["rep"]["id"] == "rep-tom-fischer"
    assert main(["prep", "--rep", "rep-nobody", "--no-model"]) == 2


@pytest.mark.integration
def test_brief_with_the_embedded_model(store: Store) -> None:
    from copilot.llm.llamacpp import LlamaCppChatModel
    from copilot.prep.questions import problem_with as check

    model = LlamaCppChatModel.load(threads=2)
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, model, today=TODAY)
    diagnostic = [q for q in brief.questions if q.kind == "diagnostic"]
    assert 4 <= len(diagnostic) <= 8
    evidence = " ".join(e.text for f in brief.focus for e in f.evidence)
    for q in diagnostic:
        if q.source == "generated":
            assert check(q.text, evidence, brief.focus[0].title) is None
    assert "model_s" in brief.timings


def test_first_run_loads_the_demo_team_once() -> None:
    from copilot.bootstrap import ensure_demo_team_loaded
    from copilot.runtime import Runtime

    runtime = Runtime(load_settings())
    assert "loaded the demo team team-mid-market-east" in ensure_demo_team_loaded(runtime)
    assert ensure_demo_team_loaded(runtime) == "records ready"


def test_rejected_questions_are_counted_never_shown(store: Store) -> None:
    bad = {"text": "Did you state an agenda?", "criterion_id": "discovery-call.agenda", "cites": "obs-marcus-05"}
    model = FakeChatModel().enqueue(json.dumps({"questions": [bad, bad, bad]}))
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, model, today=TODAY)
    assert not any("Did you state an agenda?" in n for n in brief.notes)
    assert "Did you state an agenda?" not in render_markdown(brief)
    assert "dropped 3 generated question(s): a closed (yes/no) question" in brief.notes
