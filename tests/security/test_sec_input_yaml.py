"""Hostile YAML: alias bombs and deep nesting are refused with a clear error, in team imports and the knowledge loader,
and nothing already saved changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from copilot.cli.main import main

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "knowledge" / "demo_team" / "team.yaml"
HEAD = """kind: team
version: 1
anchor_date: 2026-11-20
team:
  id: team-mid-market-east
  name: Mid-Market East
  manager: {id: mgr-jordan-reyes, name: Jordan Reyes, email: jordan.reyes@lanternline.example}
  reps:
    - {id: rep-x, name: Rex, email: rex@lanternline.example, profile: steady, start_date: 2025-01-06}
"""


def alias_bomb() -> str:
    """Nine levels of nine aliases each: under 1 KB of text, 387 million observations once expanded."""
    lines = ["  a0: &a0 [{id: o, rep: rep-x, date: 2026-11-01, interaction: demo, scores: {demo.recap: 3}}]"]
    lines += [f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return HEAD + "x-bomb:\n" + "\n".join(lines) + "\nobservations: *a9\n"


def deep(levels: int) -> str:
    return HEAD + "observations: " + "[" * levels + "]" * levels + "\n"


def _export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    out = tmp_path / "export.yaml"
    assert main(["export", "--team", "team-mid-market-east", "--today", "2026-11-20", "-o", str(out)]) == 0
    capsys.readouterr()
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (alias_bomb, "aliases (*name) are expanded"),
        (lambda: deep(5_000), "nested more than 64 deep"),
        (lambda: deep(200_000), "nested more than 64 deep"),
    ],
    ids=["alias-bomb", "deep-5k", "deep-200k"],
)
@pytest.mark.parametrize("command", ["team load", "import --replace"])
def test_a_hostile_team_file_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: object, needle: str, command: str
) -> None:
    assert main(["team", "load", str(DEMO), "--no-shift"]) == 0
    before = _export(capsys, tmp_path)
    path = tmp_path / "hostile.yaml"
    path.write_text(text(), encoding="utf-8")  # type: ignore[operator]
    code = main([*command.split(), str(path)])
    out = capsys.readouterr()
    assert code == 2, out
    assert "Traceback" not in out.err and "Error" not in out.err.split(":")[0]
    assert needle in out.err and "nothing was imported" in out.err and "fix:" in out.err
    assert _export(capsys, tmp_path) == before


PROBE = """
import json, sys
from pathlib import Path
from copilot.knowledge.loader import load_file
root = Path(sys.argv[1])
r = load_file(root / "deep.yaml", root)
print(json.dumps([[p.message, p.fix] for p in r.problems if p.severity == "error"]))
"""


def test_deep_nesting_in_a_knowledge_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """100,000 nested lists (200 KB) overflowed libyaml's C stack: the process died with a segmentation fault,
    taking the web app with it. Run in a subprocess so the old behaviour fails this test instead of pytest."""
    (tmp_path / "deep.yaml").write_text(
        "kind: objections\nversion: 1\nobjections: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, (run.returncode, run.stderr[-500:])
    [[message, fix]] = json.loads(run.stdout)
    assert "nested more than 64 deep" in message and "flatten" in fix
