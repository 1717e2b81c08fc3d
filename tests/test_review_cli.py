"""`copilot review` as a user runs it: JSON fields for scripts, a folder in one run, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copilot.cli.main import main

CONVERSATIONS = Path(__file__).resolve().parent.parent / "evals" / "review" / "conversations"


def test_review_coaching_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(CONVERSATIONS / "coaching_good.txt"), "--kind", "coaching", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "coaching"
    assert {"speakers", "utterances", "metrics", "coaching_quality", "action_items"} <= set(out)
    assert out["utterances"][0]["act"] and 0.0 <= out["coaching_quality"]["score"] <= 1.0
    assert out["action_items"]


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
