"""`copilot review` as a user runs it: JSON fields for scripts, a folder in one run, clear errors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from copilot.app.review import parse_due
from copilot.cli.main import main
from copilot.records import Actor, Store, open_store
from copilot.settings import load_settings

CONVERSATIONS = Path(__file__).resolve().parents[2] / "evals" / "review" / "conversations"


def test_review_coaching_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CONVERSATIONS / "coaching_good.txt"), "--kind", "coaching", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "coaching"
    assert {"speakers", "utterances", "metrics", "coaching_quality", "action_items"} <= set(out)
    assert out["utterances"][0]["act"] and 0.0 <= out["coaching_quality"]["score"] <= 1.0
    assert out["action_items"]


def test_action_items_say_when_no_date_was_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CONVERSATIONS / "coaching_good.txt"), "--kind", "coaching"]) == 0
    actions = [line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("action:")]
    assert any(
        "due Mon " in line and "('by Monday')" in line for line in actions
    )  # the date it resolves to, and the words
    assert any("no date said" in line for line in actions)
    assert not any("None" in line for line in actions)


def test_review_a_folder_ranks_good_coaching_above_poor(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CONVERSATIONS), "--kind", "coaching", "--json"]) == 0
    results = {Path(r["file"]).stem: r for r in json.loads(capsys.readouterr().out)}
    assert results["coaching_good"]["coaching_quality"]["score"] > results["coaching_poor"]["coaching_quality"]["score"]


def test_role_override_is_used(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "review",
                str(CONVERSATIONS / "coaching_good.txt"),
                "--kind",
                "coaching",
                "--role",
                "Maya=rep",
                "--role",
                "Luis=manager",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["roles"]["Maya"] == "rep"


def test_unlabelled_transcript_names_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "call.txt"
    bad.write_text("hello there\nhow are you\n")
    assert main(["review", str(bad)]) != 0
    assert "fix:" in capsys.readouterr().err


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "nope.txt")]) == 1
    assert "no transcript" in capsys.readouterr().err


CALLS = Path(__file__).resolve().parents[2] / "evals" / "review" / "calls"
TEAM = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"


@pytest.fixture
def team() -> Iterator[Store]:
    """The demo team in the test's own data folder, which the CLI opens too."""
    store = open_store(load_settings())
    store.load_team_file(Actor.local_admin(), TEAM, shift=False)
    yield store
    store.close()


def test_call_json_scores_every_criterion_of_the_map_it_fits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CALLS / "discovery_strong.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["interaction"] == "discovery-call"
    assert any("scored as discovery-call, the interaction it fits best" in a for a in out["assumptions"])
    assert [s["criterion_id"].split(".")[0] for s in out["scores"]] == ["discovery-call"] * 6
    for score in out["scores"]:
        assert {"criterion_id", "level", "label", "evidence", "reason"} <= set(score)
        assert 1 <= score["level"] <= 4 and score["evidence"].startswith(("Alicia: ", "Marcus: "))


def test_interaction_option_picks_the_map_and_a_folder_scores_each_call(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CALLS), "--interaction", "demo", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert len(results) >= 12 and all(r["scores"][0]["criterion_id"] == "demo.recap" for r in results)
    by_file = {Path(r["file"]).name: sum(s["level"] for s in r["scores"]) for r in results}
    assert by_file["demo_strong.txt"] > by_file["demo_medium.txt"] > by_file["demo_weak.txt"]


def test_unknown_interaction_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CALLS / "demo_weak.txt"), "--interaction", "renewal"]) == 2
    err = capsys.readouterr().err
    assert "renewal" in err and "discovery-call" in err and "negotiation" in err
    assert main(["review", str(CALLS / "demo_weak.txt"), "--interaction", "one-on-one"]) == 2
    assert "--kind coaching" in capsys.readouterr().err


def test_one_speaker_call_is_reviewed_with_the_assumption_stated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lonely = tmp_path / "voicemail.txt"
    lonely.write_text("Rep: Hi, it's Ana from Lanternline, calling about your forecast. Call me back on Friday.\n")
    assert main(["review", str(lonely), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scores"] and any("one speaker" in a for a in out["assumptions"])
    assert any("pass --interaction to choose" in a for a in out["assumptions"])


def test_without_interaction_an_objection_call_is_scored_on_the_objection_map(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["review", str(CALLS / "objection_strong.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["interaction"] == "objection-handling"
    assert {s["criterion_id"].split(".")[0] for s in out["scores"]} == {"objection-handling"}
    assert all(s["level"] == 4 for s in out["scores"])
    assert main(["review", str(CALLS / "objection_strong.txt"), "--interaction", "discovery-call", "--json"]) == 0
    forced = json.loads(capsys.readouterr().out)
    assert forced["interaction"] == "discovery-call" and not any("fits best" in a for a in forced["assumptions"])


def test_save_needs_a_rep(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CALLS / "demo_weak.txt"), "--save"]) == 2
    assert "--rep" in capsys.readouterr().err


def test_saved_call_becomes_an_automatic_observation(team: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["review", str(CALLS / "demo_medium.txt"), "--interaction", "demo", "--rep", "rep-dana-okafor"]
    assert main([*args, "--save", "--date", "2026-11-19", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    saved = [
        o for o in team.observations(Actor.local_admin(), "rep-dana-okafor") if o.id == out["saved"]["observation"]
    ]
    assert len(saved) == 1 and saved[0].observer == "automatic" and saved[0].date == dt.date(2026, 11, 19)
    assert saved[0].scores == {s["criterion_id"]: s["level"] for s in out["scores"]}
    assert saved[0].evidence["demo.recap"].startswith("Kevin: ")
    assert main([*args, "--save"]) == 0 and "saved observation: obs-" in capsys.readouterr().out


def test_saving_respects_who_is_acting(team: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["review", str(CALLS / "demo_medium.txt"), "--interaction", "demo", "--rep", "rep-dana-okafor", "--save"]
    assert main([*args, "--as", "rep-tom-fischer"]) != 0  # a rep cannot file observations on a colleague
    assert capsys.readouterr().err
    assert main([*args, "--as", "mgr-jordan-reyes", "--json"]) == 0  # her manager can
    assert json.loads(capsys.readouterr().out)["saved"]["observation"]


def test_saved_coaching_becomes_a_session_with_its_action_items(
    team: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["review", str(CONVERSATIONS / "coaching_good.txt"), "--kind", "coaching", "--rep", "rep-dana-okafor"]
    assert main([*args, "--save", "--date", "2026-11-18", "--json"]) == 0  # a Wednesday
    out = json.loads(capsys.readouterr().out)
    session = next(s for s in team.sessions(Actor.local_admin(), "rep-dana-okafor") if s.id == out["saved"]["session"])
    assert session.kind == "one-on-one" and session.date == dt.date(2026, 11, 18)
    assert [a.id for a in session.action_items] == out["saved"]["action_items"]
    assert len(session.action_items) == len(out["action_items"]) >= 2
    dues = {a.text: a.due for a in session.action_items}
    assert dues["You'll message Priya about the VP's priorities by Monday"] == dt.date(2026, 11, 23)
    assert {a.owner for a in session.action_items} == {"rep", "manager"}


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("by Friday", dt.date(2026, 11, 20)),
        ("on Tuesday, on Thursday morning", dt.date(2026, 11, 19)),
        ("next Friday", dt.date(2026, 11, 27)),
        ("tomorrow", dt.date(2026, 11, 19)),
        ("next week", dt.date(2026, 11, 25)),
        ("by the 3rd", dt.date(2026, 12, 3)),
        ("by March 2", dt.date(2027, 3, 2)),
        ("in two weeks", dt.date(2026, 12, 2)),
        ("soon", None),
        (None, None),
    ],
)
def test_deadlines_as_said_become_dates(said: str | None, due: dt.date | None) -> None:
    assert parse_due(said, dt.date(2026, 11, 18)) == due  # a Wednesday


def test_a_not_present_score_says_its_quote_is_the_moment_to_look_at_not_evidence() -> None:
    from copilot.app.review import shown_evidence

    quoted = 'Kim: "Hi Farah, thanks for the time."'
    assert shown_evidence({"level": 1, "evidence": quoted}) == f"none shown; the moment to look at: {quoted}"
    assert shown_evidence({"level": 3, "evidence": quoted}) == quoted
    assert shown_evidence({"level": 2, "evidence": None}) == "(nothing to quote)"
