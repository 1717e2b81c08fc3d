"""The committed baseline: updated only on purpose (with a reason, date and revision the reports show), and a real
regression against it fails `copilot eval` with the regressed metric named."""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from evals import baseline as baselines
from evals.framework import CaseResult, SuiteResult, aggregate

# The backends CI gates each suite on (tests/test_evals.py::test_ci_gate_on_the_embedded_model).
CI = {"prep": "llamacpp:bundled", "retrieval": "llamacpp:bundled", "review": "llamacpp:bundled", "roleplay": "none"}


def _eval(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    """Run `copilot eval ... --json`; the JSON document, or for a usage error {"error": what it printed}."""
    from copilot.cli.main import main

    code = main(["eval", *argv, "--json"])
    captured = capsys.readouterr()
    out = captured.out.strip()
    return code, (json.loads(out) if out.startswith("{") else {"error": captured.out + captured.err})


def _degrade_tagger(monkeypatch: pytest.MonkeyPatch, drop: float) -> float:
    """Make the act tagger wrong on enough dev utterances it gets right to lower dev accuracy by `drop`."""
    from copilot.review.acts import tag_utterance
    from copilot.review.evaluate import load_labelled

    dev = [u for u in load_labelled() if u.split == "dev"]
    right = [u for u in dev if tag_utterance(u.text, context=u.context, speaker_role=u.speaker_role).act == u.label]
    flip = {u.text for u in right[: math.ceil(drop * len(dev))]}

    def worse(text: str, **kwargs: Any) -> Any:
        tagged = tag_utterance(text, **kwargs)
        return SimpleNamespace(act="not-an-act") if text in flip else tagged

    monkeypatch.setattr("evals.suites.review.tag_utterance", worse)
    return len(flip) / len(dev)


def _review_rows(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in out["metrics"]["review"] if m["split"] == "dev"}


def test_update_baseline_needs_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "baseline.json"
    monkeypatch.setattr(baselines, "BASELINE", target)
    for extra in ([], ["--reason", "   "]):
        code, out = _eval(["--suite", "review", "--report", str(tmp_path / "r"), "--update-baseline", *extra], capsys)
        assert code == 2 and "--reason" in out["error"] and "say why" in out["error"]
    assert not target.exists() and not (tmp_path / "r").exists()  # refused before running anything
    code, _ = _eval(["--suite", "review", "--report", str(tmp_path / "r"), "--reason", "why"], capsys)
    assert code == 2  # a reason without an update is a mistake too


def test_update_stores_reason_date_backend_revision_and_reports_show_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "baseline.json"
    monkeypatch.setattr(baselines, "BASELINE", target)
    reason = "first baseline of the review suite: tagger v2 with the question cues"
    code, out = _eval(
        ["--suite", "review", "--report", str(tmp_path / "a"), "--update-baseline", "--reason", reason], capsys
    )
    assert code == 0 and out["baseline_update"].endswith(reason)
    entry = json.loads(target.read_text())["llamacpp:bundled"]["review"]
    assert entry["reason"] == reason and entry["backend"] == "llamacpp:bundled"
    assert entry["date"].startswith("20") and entry["revision"]  # this checkout is a git repository
    assert entry["metrics"]["act_correct@dev"] == _review_rows(out)["act_correct"]["mean"]
    first_md = (tmp_path / "a" / "report.md").read_text()
    assert "Baseline: none committed" in first_md and f"This run replaces it, because: “{reason}”" in first_md

    code, out = _eval(["--suite", "review", "--report", str(tmp_path / "b")], capsys)
    assert code == 0 and out["baseline"]["review"]["reason"] == reason
    rows = _review_rows(out)
    assert rows["act_correct"]["baseline"] == rows["act_correct"]["mean"]
    md = (tmp_path / "b" / "report.md").read_text()
    page = (tmp_path / "b" / "report.html").read_text()
    for text in (md, page):
        assert entry["date"] in text and reason in text and entry["revision"].split()[0] in text
    row = next(line for line in md.splitlines() if line.startswith("| act_correct | dev |"))
    assert row.split(" | ")[6] == "+0.000"  # the change column is filled


def test_a_regression_within_the_threshold_fails_and_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The committed baseline catches what the threshold lets through."""
    committed = baselines.load(CI["review"]).suites.get("review")
    assert committed is not None, "evals/baseline.json has no review entry for the CI backend"
    _degrade_tagger(monkeypatch, drop=0.07)
    code, out = _eval(["--suite", "review", "--report", str(tmp_path)], capsys)
    row = _review_rows(out)["act_correct"]
    assert row["mean"] >= row["threshold"]  # above the floor: only the baseline can catch this
    assert code == 1 and not row["passed"] and row["reason"].startswith("regressed from baseline")
    assert row["baseline"] == committed.metrics["act_correct@dev"]
    assert "FAIL (regressed from baseline" in (tmp_path / "report.md").read_text()


def test_an_update_accepts_a_drop_on_purpose_but_never_a_floor_breach(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "baseline.json"
    monkeypatch.setattr(baselines, "BASELINE", target)
    assert (
        _eval(["--suite", "review", "--report", str(tmp_path / "a"), "--update-baseline", "--reason", "start"], capsys)[
            0
        ]
        == 0
    )
    _degrade_tagger(monkeypatch, drop=0.07)
    why = "harder labels: question tags now need the question mark"
    code, out = _eval(
        ["--suite", "review", "--report", str(tmp_path / "b"), "--update-baseline", "--reason", why], capsys
    )
    row = _review_rows(out)["act_correct"]
    assert code == 0 and row["passed"] and f"accepted by --update-baseline: {why}" in row["reason"]
    assert json.loads(target.read_text())["llamacpp:bundled"]["review"]["metrics"]["act_correct@dev"] == row["mean"]
    assert why in (tmp_path / "b" / "report.html").read_text()

    before = target.read_text()
    _degrade_tagger(monkeypatch, drop=0.3)
    code, out = _eval(
        ["--suite", "review", "--report", str(tmp_path / "c"), "--update-baseline", "--reason", "worse"], capsys
    )
    assert code == 1 and out["baseline_update"].startswith("baseline not updated: below threshold")
    assert "review.act_correct@dev" in out["baseline_update"] and target.read_text() == before


def _suite_specs(name: str) -> list[Any]:
    specs: list[Any] = importlib.import_module(f"evals.suites.{name}").SPECS
    return specs


@pytest.mark.parametrize("suite", sorted(CI))
def test_the_committed_baseline_gates_every_ci_suite(suite: str) -> None:
    """Every gated metric of every CI suite has a committed dev number, and a drop past tolerance fails by name."""
    entry = baselines.load(CI[suite]).suites.get(suite)
    assert entry is not None, f"no committed baseline for {suite} on {CI[suite]}"
    assert entry.reason and entry.date, "a baseline entry must say when and why it was set"
    gated = [s for s in _suite_specs(suite) if s.threshold is not None]
    for spec in gated:
        base = entry.metrics.get(f"{spec.name}@dev")
        assert base is not None, f"{suite}.{spec.name} has no committed dev baseline"
        assert base >= spec.threshold, f"{suite}.{spec.name}: the committed baseline is below its own threshold"
        worse = base - spec.tolerance - 0.01
        cases = [CaseResult(f"c{i}", "dev", {spec.name: worse}) for i in range(3)]
        result = aggregate(SuiteResult(suite, [spec], cases), {suite: entry.metrics})
        row = next(m for m in result.metrics if m.split == "dev")
        assert not row.passed and not result.passed
        expected: Callable[[str], bool] = (
            (lambda r: r.startswith("regressed from baseline")) if worse >= spec.threshold else (lambda r: bool(r))
        )
        assert expected(row.reason), (spec.name, row.reason)
