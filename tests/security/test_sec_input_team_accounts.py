"""A team file cannot take over or rewrite an account outside its team: admins, enablement, other teams' managers.

Each attack loads a crafted file with `copilot team load`; it must be refused naming the clash and the fix, with
every account and team exactly as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copilot.cli.main import main

DEMO = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"
REP = "{{id: {id}, name: {name}, email: {email}, profile: steady, start_date: 2025-01-06}}"


def team_file(folder: Path, *, manager: tuple[str, str], reps: list[tuple[str, str]], team: str = "team-x") -> Path:
    """A minimal team file with this manager (id, email) and these reps (id, email)."""
    lines = [
        "kind: team",
        "version: 1",
        "anchor_date: 2026-11-20",
        "team:",
        f"  id: {team}",
        "  name: Team X",
        f"  manager: {{id: {manager[0]}, name: Mallory Manager, email: {manager[1]}}}",
        "  reps:",
        *(f"    - {REP.format(id=i, name='Eve ' + i, email=e)}" for i, e in reps),
    ]
    path = folder / f"{team}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], args: list[str]) -> object:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def state(capsys: pytest.CaptureFixture[str]) -> tuple[object, object]:
    """Every account and team, as the CLI lists them."""
    return _json(capsys, ["user", "list"]), _json(capsys, ["team", "show", "--today", "2026-11-20"])


@pytest.fixture
def accounts(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo team, an admin and an enablement user."""
    assert main(["team", "load", str(DEMO), "--no-shift"]) == 0
    for uid, email, role in (("adm-root", "root@corp.example", "admin"), ("enb-ana", "ana@corp.example", "enablement")):
        assert main(["user", "add", uid, "--name", uid, "--email", email, "--role", role, "--no-password"]) == 0
    capsys.readouterr()


def refused(capsys: pytest.CaptureFixture[str], path: Path, *needles: str) -> str:
    """Load the file; it must fail with one line that names the clash and a fix, and change nothing."""
    before = state(capsys)
    code = main(["team", "load", str(path), "--no-shift"])
    out = capsys.readouterr()
    assert code != 0, out.out
    assert "Traceback" not in out.err and "fix" in out.err and "nothing was imported" in out.err
    for needle in needles:
        assert needle in out.err, out.err
    assert state(capsys) == before
    return out.err


@pytest.mark.parametrize(
    ("who", "role"), [("adm-root", "admin"), ("enb-ana", "enablement"), ("mgr-jordan-reyes", "manager")]
)
def test_a_rep_id_cannot_be_an_account_outside_the_team(
    accounts: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, who: str, role: str
) -> None:
    path = team_file(tmp_path, manager=("mgr-x", "mgr.x@corp.example"), reps=[(who, "eve@attacker.example")])
    err = refused(capsys, path, who, role)
    assert "another id" in err


@pytest.mark.parametrize("email", ["ROOT@corp.example", "Root@Corp.Example", " root@corp.example"])
def test_a_case_variant_email_is_the_same_person(
    accounts: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, email: str
) -> None:
    path = team_file(tmp_path, manager=("mgr-x", "mgr.x@corp.example"), reps=[("rep-eve", f"'{email}'")])
    refused(capsys, path, "belongs to user adm-root")


@pytest.mark.parametrize("who", ["adm-root", "enb-ana", "mgr-jordan-reyes"])
def test_a_manager_entry_cannot_change_an_outside_account_s_email(
    accounts: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, who: str
) -> None:
    path = team_file(tmp_path, manager=(who, "eve@attacker.example"), reps=[("rep-eve", "rep.eve@corp.example")])
    refused(capsys, path, who, "sign-in email")


def test_an_admin_may_still_lead_a_team_under_their_own_email(
    accounts: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = team_file(tmp_path, manager=("adm-root", "Root@Corp.example"), reps=[("rep-eve", "rep.eve@corp.example")])
    assert main(["team", "load", str(path), "--no-shift"]) == 0
    capsys.readouterr()
    users = {u["id"]: u for u in _json(capsys, ["user", "list"])}  # type: ignore[union-attr]
    assert users["adm-root"]["email"] == "root@corp.example" and users["adm-root"]["role"] == "admin"
    assert users["adm-root"]["name"] == "adm-root"
