"""Schema rules enablement relies on: the fixed scale, policies, id conventions and the team file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from copilot.errors import KnowledgeBaseError
from copilot.knowledge import SCALE, load_file, load_knowledge_base, load_team_file, validate_team_file
from copilot.knowledge.schema import (
    Criterion,
    Interaction,
    KnowledgeItem,
    Levels,
    Policy,
    criterion_text,
    parse_level,
)
from copilot.knowledge.team_file import TeamFile

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
TEAM = KNOWLEDGE / "demo_team" / "team.yaml"
LEVELS = {"not_present": "a", "needs_work": "b", "good": "c", "excellent": "d"}


def _criterion(**overrides: object) -> dict[str, object]:
    return {
        "id": "demo.agenda",
        "title": "t",
        "description": "d",
        "tier": "basic",
        "levels": LEVELS,
        **overrides,
    }


def test_scale_is_fixed_four_levels_from_red_to_green() -> None:
    assert [(lvl.score, lvl.key, lvl.label) for lvl in SCALE] == [
        (1, "not_present", "Not Present"),
        (2, "needs_work", "Needs Work"),
        (3, "good", "Good"),
        (4, "excellent", "Excellent"),
    ]
    assert SCALE[0].colour == "red" and SCALE[-1].colour == "green"


@pytest.mark.parametrize(("value", "score"), [("good", 3), ("Needs Work", 2), ("excellent", 4), (1, 1), ("4", 4)])
def test_levels_can_be_written_as_names_or_scores(value: object, score: int) -> None:
    assert Policy(threshold=value).threshold == score  # type: ignore[arg-type]
    assert parse_level(value) == score


@pytest.mark.parametrize("bad", ["great", 0, 5])
def test_unknown_levels_are_rejected(bad: object) -> None:
    with pytest.raises(ValidationError):
        Policy(threshold=bad)  # type: ignore[arg-type]


def test_default_policy_is_trust_but_verify() -> None:
    policy = Policy()
    assert (policy.threshold, policy.breaches, policy.of_last, policy.window_days) == (3, 2, 3, 14)


def test_policy_refuses_more_breaches_than_observations() -> None:
    with pytest.raises(ValidationError, match="cannot exceed"):
        Policy(breaches=4, of_last=3)


def test_criterion_overrides_apply_on_top_of_the_file_policy() -> None:
    crit = Criterion.model_validate(_criterion(threshold="excellent", window_days=7))
    policy = crit.resolved_policy(Policy(breaches=1, of_last=2))
    assert (policy.threshold, policy.breaches, policy.of_last, policy.window_days) == (4, 1, 2, 7)


def test_criterion_id_must_belong_to_its_interaction() -> None:
    with pytest.raises(ValidationError, match=r"must start with 'discovery-call\.'"):
        Interaction.model_validate(
            {
                "id": "discovery-call",
                "title": "t",
                "category": "rep-customer",
                "description": "d",
                "criteria": [_criterion(id="demo.agenda")],
            }
        )


def test_unknown_fields_are_errors_not_silently_dropped() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Criterion.model_validate(_criterion(colour="red"))
    with pytest.raises(ValidationError):
        KnowledgeItem.model_validate({"id": "x", "type": "guide", "title": "t", "text": "t", "source": "s", "x": 1})


def test_criterion_text_is_self_contained() -> None:
    crit = Criterion.model_validate(
        _criterion(levels={"not_present": "silent", "needs_work": "vague", "good": "clear", "excellent": "tailored"})
    )
    text = criterion_text("Product demo", crit, Policy())
    for fragment in (
        "Product demo",
        "silent",
        "vague",
        "clear",
        "tailored",
        "Not Present",
        "Excellent",
        "2 of the last 3",
    ):
        assert fragment in text
    assert Levels.model_validate(LEVELS).by_score() == {1: "a", 2: "b", 3: "c", 4: "d"}


# ---- team file ---------------------------------------------------------------------------------------


def test_demo_team_file_loads_and_validates_against_the_default_kb() -> None:
    team = load_team_file(TEAM)
    kb = load_knowledge_base(KNOWLEDGE).kb
    assert validate_team_file(team, kb) == []
    assert team.anchor_date == dt.date(2026, 11, 20)


def test_team_file_reports_unknown_criterion_with_line_and_fix(tmp_path: Path) -> None:
    text = TEAM.read_text(encoding="utf-8").replace("discovery-call.agenda: 3,", "discovery-call.agendaa: 3,", 1)
    bad = tmp_path / "team.yaml"
    bad.write_text(text, encoding="utf-8")
    kb = load_knowledge_base(KNOWLEDGE).kb
    loaded = load_file(bad, tmp_path)
    assert isinstance(loaded.document, TeamFile)
    problems = validate_team_file(loaded.document, kb, path=loaded.info.path, lines=loaded.lines)
    unknown = [p for p in problems if "unknown criterion" in p.message]
    assert len(unknown) == 1
    assert any("evidence for 'discovery-call.agenda', which has no score" in p.message for p in problems)
    problem = unknown[0]
    assert "unknown criterion 'discovery-call.agendaa'" in problem.message
    assert problem.key == "observations[0].scores.discovery-call.agendaa"
    expected_line = next(n for n, line in enumerate(text.splitlines(), 1) if "discovery-call.agendaa" in line)
    assert problem.line == expected_line
    assert "discovery-call.agenda" in problem.fix


def test_team_file_reports_unknown_activity_rep_and_wrong_interaction() -> None:
    team = load_team_file(TEAM)
    data = team.model_dump(mode="json")
    data["assignments"][0]["activity"] = "act-does-not-exist"
    data["observations"][0]["interaction"] = "demo"
    data["sessions"][0]["rep"] = "rep-nobody"
    broken = TeamFile.model_validate(data)
    messages = [p.message for p in validate_team_file(broken, load_knowledge_base(KNOWLEDGE).kb)]
    assert any("unknown activity 'act-does-not-exist'" in m for m in messages)
    assert any("unknown rep 'rep-nobody'" in m for m in messages)
    assert any("belongs to discovery-call, not demo" in m for m in messages)


def test_team_file_internal_consistency() -> None:
    data = load_team_file(TEAM).model_dump(mode="json")
    data["sessions"][1]["id"] = data["sessions"][0]["id"]
    data["assignments"][0]["completed_on"] = None
    problems = validate_team_file(TeamFile.model_validate(data), None)
    assert any("duplicate id" in p.message for p in problems)
    assert any("is done but has no completed_on" in p.message for p in problems)


def test_team_scores_must_be_on_the_scale(tmp_path: Path) -> None:
    text = TEAM.read_text(encoding="utf-8").replace("discovery-call.agenda: 3,", "discovery-call.agenda: 7,", 1)
    bad = tmp_path / "team.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_team_file(bad)
    assert info.value.line is not None and info.value.fix


def test_shifted_moves_every_date_so_anchor_is_today() -> None:
    team = load_team_file(TEAM)
    today = dt.date(2027, 3, 1)
    moved = team.shifted(today)
    delta = today - team.anchor_date
    assert moved.anchor_date == today
    assert moved.observations[0].date == team.observations[0].date + delta
    assert moved.team.reps[0].start_date == team.team.reps[0].start_date + delta
    assert moved.sessions[0].action_items[0].due == team.sessions[0].action_items[0].due + delta
    assert moved.assignments[0].assigned_on == team.assignments[0].assigned_on + delta
    assert json.loads(moved.model_dump_json())["anchor_date"] == "2027-03-01"
