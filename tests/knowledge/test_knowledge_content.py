"""The default knowledge base is complete enough to adopt on day one, and the demo team tells its stories."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from copilot.knowledge import ROOT_CAUSES, LoadResult, coverage, load_knowledge_base
from copilot.knowledge.team_file import TeamFile

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="module")
def team(loaded: LoadResult) -> TeamFile:
    return loaded.teams["demo_team/team.yaml"]


def test_default_kb_loads_with_zero_problems(loaded: LoadResult) -> None:
    assert loaded.problems == []
    assert all(f.ok for f in loaded.files)


def test_default_kb_has_full_coverage(loaded: LoadResult) -> None:
    report = coverage(loaded.kb)
    assert report.ok, report.model_dump_json(indent=2)
    assert report.gaps() == 0


REQUIRED_CRITERIA = {
    "discovery-call": {"agenda", "insight-story", "key-issue", "solution-fit", "next-steps"},
    "objection-handling": {"acknowledges", "clarifies", "answers-with-proof", "checks", "advances"},
    "one-on-one": {"reconciles", "rep-talks", "asks", "focus", "agreements"},
}


def test_assessment_maps_cover_every_interaction(loaded: LoadResult) -> None:
    kb = loaded.kb
    expected = {
        "discovery-call",
        "demo",
        "negotiation",
        "objection-handling",
        "one-on-one",
        "deal-review",
        "pipeline-review",
        "forecast-review",
    }
    assert expected <= set(kb.interactions)
    for interaction in expected:
        criteria = kb.criteria_of(interaction)
        assert len(criteria) >= 5, interaction
        assert {c.tier for c in criteria} == {"basic", "advanced"}, interaction
        for crit in criteria:
            assert all(len(d) > 15 for d in crit.levels.by_score().values()), crit.id
    for interaction, slugs in REQUIRED_CRITERIA.items():
        assert {f"{interaction}.{slug}" for slug in slugs} <= set(kb.criteria)
    assert {i.category for i in kb.interactions.values()} == {"rep-customer", "manager-rep"}


def test_policy_defaults_and_overrides(loaded: LoadResult) -> None:
    kb = loaded.kb
    assert (kb.policy.threshold, kb.policy.breaches, kb.policy.of_last, kb.policy.window_days) == (
        3,
        2,
        3,
        14,
    )
    assert kb.criteria["one-on-one.reconciles"].policy.window_days == 7
    assert (
        kb.criteria["forecast-review.evidence"].policy.breaches,
        kb.criteria["forecast-review.evidence"].policy.of_last,
    ) == (1, 2)


def test_messaging_has_personas_value_props_and_insights(loaded: LoadResult) -> None:
    kb = loaded.kb
    assert kb.company is not None and kb.company.name == "Lanternline"
    assert len(kb.personas) >= 4
    assert {vp.persona for vp in kb.value_propositions.values()} == set(kb.personas)
    assert len(kb.differentiators) >= 3
    assert len(kb.insights) >= 6 and all(len(i.questions) >= 2 for i in kb.insights.values())


def test_objection_library(loaded: LoadResult) -> None:
    objections = loaded.kb.objections.values()
    assert len(objections) >= 20
    categories = {o.category for o in objections}
    assert {"price", "timing", "competitor", "status_quo", "authority", "risk"} <= categories
    for obj in objections:
        assert len(obj.phrasings) >= 3, obj.id
        assert len(obj.handling_path) >= 4 and obj.answer and obj.proof_points and obj.criteria, obj.id


def test_learning_catalog_covers_every_criterion_and_root_cause(loaded: LoadResult) -> None:
    kb = loaded.kb
    assert 40 <= len(kb.activities) <= 80
    assert {a.kind for a in kb.activities.values()} == {
        "lesson",
        "model_example",
        "drill",
        "roleplay",
        "shadowing",
        "job_aid",
        "conversation",
    }
    for cid in kb.criteria:
        for cause in ROOT_CAUSES:
            assert kb.activities_for(cid, cause), (cid, cause)


def test_question_bank_is_open_and_complete(loaded: LoadResult) -> None:
    kb = loaded.kb
    for cid in kb.criteria:
        assert {q.root_cause for q in kb.questions_for(cid, kind="diagnostic")} == set(ROOT_CAUSES), cid
        assert kb.questions_for(cid, kind="commitment"), cid
    openers = (
        "what",
        "how",
        "why",
        "which",
        "when",
        "where",
        "walk",
        "who",
        "in ",
        "on ",
        "for ",
        "by ",
        "at ",
        "before",
        "looking",
        "after",
        "once",
    )
    for q in kb.questions.values():
        assert q.text.endswith("?") or q.text.startswith("Walk"), q.id
        assert q.text.lower().startswith(openers), q.id
        assert not q.text.lower().startswith(("don't you", "do you", "did you", "isn't", "shouldn't", "wouldn't")), q.id


def test_scenarios_span_personas_and_difficulties(loaded: LoadResult) -> None:
    scenarios = loaded.kb.scenarios.values()
    assert len(scenarios) >= 10
    assert {s.difficulty for s in scenarios} == {"easy", "realistic", "tough"}
    assert {s.persona for s in scenarios} == set(loaded.kb.personas)
    assert all(s.objections for s in scenarios)


def test_guides_have_front_matter_and_sections(loaded: LoadResult) -> None:
    guides = [g for g in loaded.kb.guides.values() if g.type == "guide" and g.format == "markdown"]
    assert 3 <= len(guides) <= 5
    for guide in guides:
        assert guide.id.startswith("guide-") and len(guide.sections) >= 3, guide.id
    assert any(g.type == "coaching_note" and g.rep for g in loaded.kb.guides.values())


def test_items_are_self_contained_and_citable(loaded: LoadResult) -> None:
    item = loaded.item("discovery-call.agenda")
    assert item.text.startswith("Discovery call - ")
    for level in ("Not Present", "Needs Work", "Good", "Excellent"):
        assert level in item.text
    assert item.metadata["interaction"] == "discovery-call" and item.metadata["tier"] == "basic"
    activity = loaded.item("act-rehearse-and-lead")
    assert (
        activity.metadata["root_causes"] == ["confidence"] and "discovery-call.agenda" in activity.metadata["criteria"]
    )
    types = Counter(i.type for i in loaded.items)
    assert set(types) == {
        "interaction",
        "criterion",
        "persona",
        "value_proposition",
        "differentiator",
        "insight",
        "objection",
        "activity",
        "question",
        "scenario",
        "guide",
        "coaching_note",
        "company",
    }
    for i in loaded.items:
        assert i.source and (KNOWLEDGE / i.source).is_file() and i.line, i.id


# ---- the demo team ----------------------------------------------------------------------------------------


def test_demo_team_shape(team: TeamFile) -> None:
    reps = team.team.reps
    assert len(reps) >= 6
    assert {"new_hire", "struggling", "mid_performer", "star_at_risk", "steady"} <= {r.profile for r in reps}
    for rep in reps:
        observations = [o for o in team.observations if o.rep == rep.id]
        assert len(observations) >= 4, rep.id
        span = max(o.date for o in observations) - min(o.date for o in observations)
        assert timedelta(weeks=4) <= span <= timedelta(weeks=8), rep.id
        assert all(o.evidence for o in observations), rep.id
        assert any(s.rep == rep.id and s.notes for s in team.sessions), rep.id
        assert any(a.rep == rep.id for a in team.assignments), rep.id
    assert all(o.date <= team.anchor_date for o in team.observations)


def test_demo_team_has_overdue_open_action_items(team: TeamFile) -> None:
    overdue = [
        (s.rep, a.owner)
        for s in team.sessions
        for a in s.action_items
        if a.status == "open" and a.due < team.anchor_date
    ]
    assert ("rep-marcus-bell", "rep") in overdue
    assert ("rep-elena-vasquez", "manager") in overdue


def _history(team: TeamFile, rep: str, criterion: str) -> list[tuple[object, int]]:
    return sorted((o.date, o.scores[criterion]) for o in team.observations if o.rep == rep and criterion in o.scores)


def _breached(team: TeamFile, loaded: LoadResult, rep: str, criterion: str) -> tuple[bool, bool]:
    """(manager should step in, still inside the self-correction window) under the criterion's policy."""
    policy = loaded.kb.criteria[criterion].policy
    history = _history(team, rep, criterion)
    below = [d for d, s in history if s < policy.threshold]
    if not below:
        return False, False
    window_end = below[0] + timedelta(days=policy.window_days)  # type: ignore[operator]
    after = [s for d, s in history if d > window_end][-policy.of_last :]  # type: ignore[operator]
    return sum(s < policy.threshold for s in after) >= policy.breaches, team.anchor_date <= window_end


def test_story_struggling_rep_needs_the_manager(team: TeamFile, loaded: LoadResult) -> None:
    assert _breached(team, loaded, "rep-marcus-bell", "discovery-call.agenda") == (True, False)


def test_story_mid_performer_self_corrects_inside_window(team: TeamFile, loaded: LoadResult) -> None:
    step_in, in_window = _breached(team, loaded, "rep-dana-okafor", "objection-handling.clarifies")
    assert not step_in and in_window
    assert _history(team, "rep-dana-okafor", "objection-handling.clarifies")[-1][1] >= 3


def test_story_star_ready_for_next_advanced_skill(team: TeamFile, loaded: LoadResult) -> None:
    elena = [o for o in team.observations if o.rep == "rep-elena-vasquez"]
    basics = [s for o in elena for c, s in o.scores.items() if loaded.kb.criteria[c].tier == "basic"]
    assert min(basics) >= 3
    assert [s for _, s in _history(team, "rep-elena-vasquez", "negotiation.trades")][-3:] == [3, 4, 4]
    last_one_on_one = max(s.date for s in team.sessions if s.rep == "rep-elena-vasquez" and s.kind == "one-on-one")
    assert (team.anchor_date - last_one_on_one).days > 30


def test_story_knowledge_confidence_and_messaging_gaps(team: TeamFile, loaded: LoadResult) -> None:
    priya = _history(team, "rep-priya-nair", "discovery-call.insight-story")
    assert [s for _, s in priya][:4] == [1, 1, 1, 1] and priya[-1][1] == 2
    tom_live = [o for o in team.observations if o.rep == "rep-tom-fischer" and o.observer != "automatic"]
    tom_roleplay = [o for o in team.observations if o.rep == "rep-tom-fischer" and o.observer == "automatic"]
    assert any("Elena" in text for o in tom_live for text in o.evidence.values())
    assert all(min(o.scores.values()) >= 2 for o in tom_roleplay)
    assert _breached(team, loaded, "rep-sam-whitaker", "demo.value-message")[0]
    sam_tailored = [s for _, s in _history(team, "rep-sam-whitaker", "demo.tailored")]
    assert min(sam_tailored) == 4
