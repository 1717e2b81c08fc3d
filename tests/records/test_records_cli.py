"""The records commands end to end: JSON for scripts, one-line errors with the fix, exit codes that mean something."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from support.records import reset_postgres

from copilot.cli.main import main

TODAY = "2026-11-20"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    """Exit code, parsed JSON (or text) on stdout, and stderr."""
    code = main(list(args))
    out = capsys.readouterr()
    try:
        return code, json.loads(out.out), out.err
    except json.JSONDecodeError:
        return code, out.out, out.err


@pytest.fixture
def loaded(capsys: pytest.CaptureFixture[str]) -> None:
    code, summary, _ = run(capsys, "team", "load", "--today", TODAY, "--json")
    assert code == 0 and summary["team_id"] == "team-mid-market-east" and summary["reps"] >= 6


def _rep(show: dict[str, Any], rep_id: str) -> dict[str, Any]:
    return next(r for t in show["teams"] for r in t["reps"] if r["id"] == rep_id)


def test_team_show_flags_who_needs_the_manager(loaded: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, show, _ = run(capsys, "team", "show", "--today", TODAY, "--json")
    assert code == 0
    marcus = _rep(show, "rep-marcus-bell")
    assert marcus["summary"]["intervene"] >= 1
    agenda = next(s for s in marcus["status"]["intervene"] if s["criterion"] == "discovery-call.agenda")
    assert [p["observation_id"] for p in agenda["misses"]] == ["obs-marcus-05", "obs-marcus-07"]
    assert _rep(show, "rep-dana-okafor")["summary"]["intervene"] == 0
    code, text, _ = run(capsys, "team", "show", "--today", TODAY)
    assert "STEP IN  discovery-call.agenda" in text and "Mid-Market East" in text


def test_an_observation_crossing_the_threshold_shows_the_flag_with_evidence(
    loaded: None, capsys: pytest.CaptureFixture[str]
) -> None:
    later = "2026-11-27"
    code, text, _ = run(
        capsys,
        "observe",
        "--rep", "rep-dana-okafor",
        "--interaction", "objection-handling",
        "--scores", "objection-handling.clarifies=needs_work,objection-handling.acknowledges=3",
        "--evidence", 'objection-handling.clarifies="Went straight to a discount, no question asked"',
        "--date", later,
    )  # fmt: skip
    assert code == 0 and "STEP IN  objection-handling.clarifies" in text
    code, show, _ = run(capsys, "team", "show", "--rep", "rep-dana-okafor", "--today", later, "--json")
    [flag] = show["status"]["intervene"]
    assert flag["criterion"] == "objection-handling.clarifies"
    assert flag["misses"][-1]["evidence"] == "Went straight to a discount, no question asked"
    assert flag["misses"][-1]["date"] == later


def test_notes_actions_assignments_promotion_policy(loaded: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, ses, _ = run(
        capsys,
        "note", "add", "--rep", "rep-marcus-bell", "--text", "Opening review", "--date", TODAY,
        "--agreement", "Run the opener drill 3 times by 27 November",
        "--action", "Run the opener drill 3 times;due=2026-11-27",
        "--action", "Send an opener recording;owner=manager",
        "--json",
    )  # fmt: skip
    assert code == 0 and [a["owner"] for a in ses["action_items"]] == ["rep", "manager"]
    assert ses["action_items"][1]["due"] == "2026-11-27"
    item = ses["action_items"][0]["id"]
    code, closed, _ = run(capsys, "actions", "--rep", "rep-marcus-bell", "--close", item, "--today", TODAY, "--json")
    assert code == 0 and closed["status"] == "done" and closed["closed_on"] == TODAY
    code, items, _ = run(capsys, "actions", "--rep", "rep-marcus-bell", "--status", "open", "--today", TODAY, "--json")
    assert any(i["overdue"] for i in items) and item not in [i["id"] for i in items]
    code, asg, _ = run(capsys, "assign", "--rep", "rep-marcus-bell", "--activity", "act-drill-agenda-opener", "--json")
    assert code == 0 and asg["status"] == "assigned"
    code, done, _ = run(
        capsys, "assign", "--rep", "rep-marcus-bell", "--done", asg["id"], "--evidence", "3 takes", "--json"
    )
    assert done["status"] == "done"
    code, promo, _ = run(
        capsys,
        "promote",
        "--rep",
        "rep-elena-vasquez",
        "--criterion",
        "negotiation.trades",
        "--threshold",
        "good",
        "--json",
    )
    assert code == 0 and promo["threshold"] == 3
    code, show, _ = run(capsys, "team", "show", "--rep", "rep-elena-vasquez", "--today", TODAY, "--json")
    assert "negotiation.trades" in [s["criterion"] for s in show["status"]["on_track"]]
    code, pol, _ = run(
        capsys,
        "policy",
        "--team",
        "team-mid-market-east",
        "--criterion",
        "objection-handling.clarifies",
        "--breaches",
        "1",
        "--window-days",
        "7",
        "--json",
    )
    assert code == 0 and (pol["breaches"], pol["window_days"], pol["source"]) == (1, 7, "team")
    code, show, _ = run(capsys, "team", "show", "--rep", "rep-dana-okafor", "--today", TODAY, "--json")
    assert [s["criterion"] for s in show["status"]["intervene"]] == ["objection-handling.clarifies"]


def test_scorecard_json(loaded: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, card, _ = run(capsys, "scorecard", "--since", "2026-10-01", "--until", TODAY, "--json")
    assert code == 0 and card["months"] == ["2026-10", "2026-11"]
    team = card["teams"][0]["metrics"]
    assert (
        team["sessions"] > 0 and team["action_items"]["due"] > 0 and team["threshold_driven"]["of"] == team["sessions"]
    )
    code, text, _ = run(
        capsys, "scorecard", "--team", "team-mid-market-east", "--since", "2026-10-01", "--until", TODAY
    )
    assert "Mid-Market East" in text and "Marcus Bell" in text


def test_export_wipe_import_round_trip(loaded: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = tmp_path / "one.yaml", tmp_path / "two.yaml"
    assert main(["export", "--team", "team-mid-market-east", "--today", TODAY, "-o", str(first)]) == 0
    assert run(capsys, "team", "delete", "team-mid-market-east")[0] == 2  # needs --yes
    assert (
        run(capsys, "team", "delete", "team-mid-market-east", "--yes", "--json")[1]["deleted"] == "team-mid-market-east"
    )
    code, _, err = run(capsys, "team", "show", "--team", "team-mid-market-east")
    assert code == 2 and "unknown team" in err
    code, summary, _ = run(capsys, "import", str(first), "--json")
    assert code == 0 and summary["replaced"] is False
    assert main(["export", "--team", "team-mid-market-east", "--today", TODAY, "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    code, receipt, _ = run(
        capsys, "export", "--team", "team-mid-market-east", "--today", TODAY, "-o", str(second), "--json"
    )
    assert code == 0 and receipt["format"] == "yaml" and receipt["bytes"] == len(first.read_bytes())
    code, as_json, _ = run(capsys, "export", "--team", "team-mid-market-east", "--json")
    assert as_json["kind"] == "team" and as_json["team"]["id"] == "team-mid-market-east"
    code, _, err = run(capsys, "import", str(first))
    assert code == 2 and "already exists" in err and "--replace" in err
    assert run(capsys, "import", str(first), "--replace")[0] == 0


def test_team_load_shifts_dates_to_today_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, summary, _ = run(capsys, "team", "load", "--json")
    assert code == 0 and summary["shifted_to"] == dt.date.today().isoformat()
    code, obs_default, _ = run(capsys, "team", "show", "--rep", "rep-marcus-bell", "--json")
    assert obs_default["status"]["intervene"], "the demo stories hold on any day after shifting"
    code, summary, _ = run(capsys, "team", "load", "--no-shift", "--json")
    assert summary["shifted_to"] is None


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["observe", "--rep", "rep-nobody", "--interaction", "demo", "--scores", "demo.recap=3"],
            "unknown rep 'rep-nobody'",
        ),
        (
            ["observe", "--rep", "rep-sam-whitaker", "--interaction", "demo", "--scores", "demo.recp=3"],
            "did you mean demo.recap",
        ),
        (
            ["observe", "--rep", "rep-sam-whitaker", "--interaction", "demo", "--scores", "demo.recap=0"],
            "outside the scale 1-4",
        ),
        (
            ["observe", "--rep", "rep-sam-whitaker", "--interaction", "demo", "--scores", "demo.recap"],
            "criterion=level",
        ),
        (
            [
                "observe",
                "--rep",
                "rep-sam-whitaker",
                "--interaction",
                "demo",
                "--scores",
                "demo.recap=3",
                "--date",
                "2026/11/20",
            ],
            "YYYY-MM-DD",
        ),
        (["note", "add", "--rep", "rep-sam-whitaker", "--text", "x", "--action", "Do it;due=someday"], "is not a date"),
        (["assign", "--rep", "rep-sam-whitaker", "--activity", "act-nope"], "unknown activity"),
        (["note", "list", "--rep", "rep-sam-whitaker", "--as", "rep-dana-okafor"], "AccessDenied"),
        (["team", "show", "--as", "nobody"], "unknown user 'nobody'"),
    ],
)
def test_bad_input_is_one_line_with_the_fix_and_exit_2(
    loaded: None, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    code = main([*args, "--json"])
    out = capsys.readouterr()
    assert code == 2
    payload = json.loads(out.out)
    assert needle in f"{payload['error']}: {payload['message']} (fix: {payload['fix']})"
    assert len(out.err.strip().splitlines()) == 1 and "Traceback" not in out.err and "fix:" in out.err


def test_a_broken_import_file_lists_every_row_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: team\nversion: 1\nanchor_date: 2026-11-20\nteam:\n  id: t\n  name: T\n"
        "  manager: {id: m, name: Mia, email: mia@example.com}\n"
        "  reps:\n    - {id: r, name: Rob, email: rob@example.com, profile: steady, start_date: 2025-01-06}\n"
        "observations:\n"
        "  - {id: o1, rep: r, date: 2026-11-31, interaction: demo, observer: manager, scores: {demo.recap: 3}}\n"
        "  - {id: o2, rep: r, date: 2026-11-02, interaction: demo, observer: boss, scores: {demo.recap: 3}}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", str(bad))
    assert code == 2
    assert f"{bad}:11 [observations[0].date]" in err and f"{bad}:12 [observations[1].observer]" in err
    code, show, _ = run(capsys, "team", "show", "--json")
    assert show["teams"] == []


@pytest.mark.postgres
@pytest.mark.enable_socket
def test_the_cli_on_postgresql(
    pg_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reset_postgres(pg_database)
    monkeypatch.setenv("COPILOT_DATABASE_URL", pg_database)
    assert run(capsys, "team", "load", "--today", TODAY, "--json")[0] == 0
    code, show, _ = run(capsys, "team", "show", "--today", TODAY, "--json")
    assert code == 0 and _rep(show, "rep-marcus-bell")["summary"]["intervene"] >= 1
