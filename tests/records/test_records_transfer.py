"""Whole-team export and import: nothing lost in a round trip, broken files rejected row by row, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.records import ADMIN, ANCHOR, MANAGER

from copilot.errors import AccessDenied, RecordsError
from copilot.records.store import Store
from copilot.records.teamfile.export import TeamExport
from copilot.records.teamfile.read import ImportRejected, read_team_file
from copilot.records.teamfile.write import dump_team

TEAM = "team-mid-market-east"


def _enrich(store: Store) -> None:
    """Records only the database holds, so the round trip covers every table."""
    store.set_team_policy(MANAGER, TEAM, "one-on-one.reconciles", window_days=5, threshold="excellent")
    store.promote(MANAGER, "negotiation.trades", "good", rep_id="rep-elena-vasquez", on=ANCHOR)
    store.promote(MANAGER, "demo.proof", 3, team_id=TEAM, on=ANCHOR)
    store.save_brief(MANAGER, "rep-marcus-bell", {"focus": "agenda", "questions": ["What happens first?"]}, date=ANCHOR)
    scenario = sorted(store.kb.scenarios)[0]
    store.add_roleplay_attempt(
        Store.actor(store, "rep-tom-fischer"),
        "rep-tom-fischer",
        scenario,
        transcript=[{"speaker": "buyer", "text": "We already have a tool."}],
        scores={"objection-handling.clarifies": 3},
        date=ANCHOR,
    )
    store.add_observation(
        MANAGER,
        "rep-sam-whitaker",
        "demo",
        {"demo.recap": "good"},
        evidence={"demo.recap": 'said "so, to recap"'},
        date=ANCHOR,
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_wipe_import_export_is_identical(demo: Store, tmp_path: Path, fmt: str) -> None:
    _enrich(demo)
    first = dump_team(demo.export_team(ADMIN, TEAM, today=ANCHOR), fmt)
    path = tmp_path / f"team.{fmt}"
    path.write_text(first, encoding="utf-8")
    demo.delete_team(ADMIN, TEAM)
    assert demo.teams(ADMIN) == []
    doc, lines = read_team_file(path)
    summary = demo.import_team(ADMIN, doc, path=str(path), lines=lines)
    assert summary.reps == len(doc.team.reps) and summary.other == 5
    second = dump_team(demo.export_team(ADMIN, TEAM, today=ANCHOR), fmt)
    assert second == first


def test_the_export_holds_everything_the_demo_file_holds(demo: Store, demo_doc: tuple[TeamExport, object]) -> None:
    exported = demo.export_team(ADMIN, TEAM, today=ANCHOR)
    original = demo_doc[0]
    assert exported.anchor_date == original.anchor_date
    assert (
        exported.team.model_dump()
        == original.team.model_copy(update={"reps": sorted(original.team.reps, key=lambda r: r.id)}).model_dump()
    )
    key = lambda x: (x.date, x.id)  # noqa: E731
    assert exported.observations == sorted(original.observations, key=key)
    assert exported.sessions == sorted(original.sessions, key=key)
    assert exported.assignments == sorted(original.assignments, key=lambda a: (a.assigned_on, a.id))


def test_import_refuses_an_existing_team_unless_replacing(demo: Store, demo_doc: tuple[TeamExport, object]) -> None:
    with pytest.raises(ImportRejected, match="already exists"):
        demo.import_team(ADMIN, demo_doc[0])
    demo.add_observation(MANAGER, "rep-marcus-bell", "demo", {"demo.recap": 3}, date=ANCHOR)
    before = len(demo.observations(ADMIN, "rep-marcus-bell"))
    demo.import_team(ADMIN, demo_doc[0], replace=True)
    assert len(demo.observations(ADMIN, "rep-marcus-bell")) == before - 1  # replaced: the extra observation is gone
    with pytest.raises(AccessDenied):
        demo.import_team(MANAGER, demo_doc[0], replace=True)


def test_loading_twice_merges_by_id(demo: Store, demo_doc: tuple[TeamExport, object]) -> None:
    before = len(demo.observations(ADMIN, "rep-marcus-bell"))
    extra = demo.add_observation(MANAGER, "rep-marcus-bell", "demo", {"demo.recap": 3}, date=ANCHOR)
    demo.import_team(ADMIN, demo_doc[0], merge=True)
    demo.import_team(ADMIN, demo_doc[0], merge=True)
    ids = [o.id for o in demo.observations(ADMIN, "rep-marcus-bell")]
    assert len(ids) == before + 1 and extra.id in ids


def test_shifting_moves_every_date_so_the_anchor_is_today(demo_doc: tuple[TeamExport, object]) -> None:
    doc = demo_doc[0]
    moved = doc.moved_to(dt.date(2027, 3, 1))
    delta = dt.date(2027, 3, 1) - doc.anchor_date
    assert moved.anchor_date == dt.date(2027, 3, 1)
    assert moved.observations[0].date == doc.observations[0].date + delta
    assert moved.sessions[0].action_items[0].due == doc.sessions[0].action_items[0].due + delta
    assert moved.team.reps[0].start_date == doc.team.reps[0].start_date + delta


BROKEN = """\
kind: team
version: 1
anchor_date: 2026-11-20
team:
  id: team-broken
  name: Broken
  manager: {id: mgr-b, name: Bea, email: bea@example.com}
  reps:
    - {id: rep-b, name: Ben, email: ben@example.com, profile: steady, start_date: 2025-01-06}
observations:
  - id: obs-1
    rep: rep-b
    date: 2026-11-02
    interaction: discovery-call
    observer: manager
    scores: {discovery-call.agenda: 3}
  - id: obs-2
    rep: rep-b
    date: 2026-13-02
    interaction: discovery-call
    observer: manager
    scores: {discovery-call.agenda: 7}
  - id: obs-3
    rep: rep-nobody
    date: 2026-11-04
    interaction: discovery-call
    observer: manager
    scores: {discovery-call.agnda: 3}
"""


def test_a_file_with_broken_rows_lists_every_row_and_imports_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        doc, lines = read_team_file(path)
    found = {(p.line, p.key) for p in err.value.problems}
    assert (19, "observations[1].date") in found
    assert (22, "observations[1].scores.discovery-call.agenda") in found
    assert "nothing was imported" in err.value.message
    path.write_text(BROKEN.replace("2026-13-02", "2026-11-03").replace("agenda: 7", "agenda: 2"), encoding="utf-8")
    doc, lines = read_team_file(path)
    with pytest.raises(ImportRejected) as err:
        store.import_team(ADMIN, doc, path=str(path), lines=lines)
    found = {(p.line, p.key) for p in err.value.problems}
    assert (24, "observations[2].rep") in found
    assert (28, "observations[2].scores.discovery-call.agnda") in found
    assert store.teams(ADMIN) == []  # nothing imported


def test_a_conflict_found_in_the_database_rolls_everything_back(demo: Store, tmp_path: Path) -> None:
    text = BROKEN.replace("2026-13-02", "2026-11-03").replace("agenda: 7", "agenda: 2")
    text = (
        text.replace("rep: rep-nobody", "rep: rep-b")
        .replace("agnda", "agenda")
        .replace("id: obs-1", "id: obs-marcus-01")
    )
    path = tmp_path / "clash.yaml"
    path.write_text(text, encoding="utf-8")
    doc, lines = read_team_file(path)
    with pytest.raises(ImportRejected, match="obs-marcus-01") as err:
        demo.import_team(ADMIN, doc, path=str(path), lines=lines)
    assert err.value.problems[0].line == 11
    assert [t.id for t in demo.teams(ADMIN)] == [TEAM]


def test_not_a_team_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("kind: messaging\nversion: 1\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="not a team file"):
        read_team_file(path)
    path.write_text("kind: team\n  bad: [indent\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="malformed"):
        read_team_file(path)
    with pytest.raises(RecordsError, match="not found"):
        read_team_file(tmp_path / "missing.yaml")


def test_csv_round_trip_of_roster_and_observations(demo: Store, tmp_path: Path) -> None:
    text = dump_team(demo.export_team(ADMIN, TEAM, today=ANCHOR), "csv")
    path = tmp_path / "team.csv"
    path.write_text(text, encoding="utf-8")
    demo.delete_team(ADMIN, TEAM)
    doc, lines = read_team_file(path)
    demo.import_team(ADMIN, doc, path=str(path), lines=lines)
    assert dump_team(demo.export_team(ADMIN, TEAM, today=ANCHOR), "csv") == text


def test_csv_errors_name_the_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    header = "team_id,team_name,manager_id,manager_name,manager_email,rep_id,rep_name,rep_email,profile,start_date,observation_id,date,interaction,observer,criterion,score,evidence\n"
    path.write_text(
        header
        + "t,T,m,Mia,mia@example.com,r,Rob,rob@example.com,steady,2025-01-06,,,,,,,\n"
        + ",,,,,r,,,,,o1,2026-11-02,discovery-call,manager,discovery-call.agenda,3,\n"
        + ",,,,,r,,,,,o1,2026-11-02,discovery-call,manager,discovery-call.listening,9,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as err:
        read_team_file(path)
    assert [(p.line, p.key) for p in err.value.problems] == [(4, "observations[0].scores.discovery-call.listening")]
