"""The knowledge-base commands end to end, with the real embedder and embedded Chroma, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from copilot.cli.main import main

pytestmark = pytest.mark.integration
KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main([*args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def test_ingest_twice_then_search_coverage_and_ask(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kb)
    code, first = _run(capsys, "kb", "ingest", str(kb))
    assert code == 0 and first["chunks_written"] > 100 and first["problems"] == []
    code, second = _run(capsys, "kb", "ingest", str(kb))
    assert code == 0 and second["changed"] is False and second["chunks_written"] == 0

    code, found = _run(capsys, "kb", "search", "the CFO says there is no money left this year", "-k", "5")
    assert code == 0 and "obj-no-budget" in [r["id"] for r in found["results"]]
    code, typed = _run(capsys, "kb", "search", "practise opening a call", "--type", "activity")
    assert typed["results"] and {r["type"] for r in typed["results"]} == {"activity"}

    code, cov = _run(capsys, "kb", "coverage", str(kb))
    assert code == 0 and cov["ok"] is True

    code, answer = _run(capsys, "ask", "How should a rep handle a buyer who wants a pilot first?")
    assert code == 0 and answer["source"] in {"generated", "curated"}
    retrieved = {r["id"] for r in answer["retrieved"]}
    assert answer["citations"] and set(answer["citations"]) <= retrieved

    code, none = _run(capsys, "ask", "What is the boiling point of tungsten?")
    assert none["source"] == "none" and none["citations"] == []


def test_validate_reports_file_and_line_and_keeps_good_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kb)
    (kb / "learning" / "broken.yaml").write_text(
        "kind: learning_catalog\nversion: 1\nactivities:\n  - id: act-x\n    title: [oops\n"
    )
    code, report = _run(capsys, "kb", "validate", str(kb))
    assert code == 1 and report["ok"] is False
    broken = [p for p in report["problems"] if p["path"] == "learning/broken.yaml"]
    assert broken and broken[0]["line"] and broken[0]["fix"]
    assert sum(1 for f in report["files"] if f["ok"]) >= 8


def test_show_list_and_remove(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kb)
    _run(capsys, "kb", "ingest", str(kb))
    code, shown = _run(capsys, "kb", "show", "discovery-call.agenda")
    assert code == 0 and shown["metadata"]["type"] == "criterion" and "agenda" in shown["text"].lower()
    code, listed = _run(capsys, "kb", "list", "--type", "objection")
    assert len(listed) >= 20
    code, removed = _run(capsys, "kb", "remove", "obj-no-budget")
    assert code == 0 and removed["removed"]
    assert main(["kb", "show", "obj-no-budget"]) == 2


def test_search_recall_and_ask_on_an_empty_index_say_how_to_fill_it(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["kb", "search", "pricing"], ["kb", "recall"], ["ask", "How do I handle a price objection?"]):
        code = main([*args, "--json"])
        captured = capsys.readouterr()
        assert code == 2, args
        assert "knowledge index is empty" in captured.err + captured.out
        assert "copilot kb ingest knowledge" in captured.err + captured.out
