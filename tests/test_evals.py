"""The eval framework: intervals, gates that can fail, baselines, reports; and the suites as CI runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.framework import CaseResult, MetricSpec, SuiteResult, aggregate, baseline_of, mean_ci
from evals.report import write_reports


def _suite(values: list[float], split: str = "dev", threshold: float | None = 0.8) -> SuiteResult:
    cases = [CaseResult(f"c{i}", split, {"m": v}) for i, v in enumerate(values)]
    return SuiteResult("s", [MetricSpec("m", "a metric", threshold)], cases)


def test_wilson_interval_for_proportions() -> None:
    mean, lo, hi = mean_ci([1.0] * 8 + [0.0] * 2)
    assert mean == 0.8 and lo is not None and hi is not None
    assert 0.44 < lo < 0.5 and 0.94 < hi < 0.97
    assert mean_ci([]) == (None, None, None)


def test_gate_fails_below_threshold_and_passes_above() -> None:
    assert not aggregate(_suite([1.0, 0.0, 0.0])).passed
    assert aggregate(_suite([1.0, 1.0, 1.0, 0.9])).passed


def test_heldout_is_reported_but_never_gated() -> None:
    suite = _suite([1.0, 1.0])
    suite.cases += [CaseResult("h", "heldout", {"m": 0.0})]
    result = aggregate(suite)
    assert result.passed
    assert any(m.split == "heldout" and m.mean == 0.0 for m in result.metrics)


def test_regression_against_baseline_fails_even_above_threshold() -> None:
    base = {"s": {"m@dev": 1.0}}
    assert not aggregate(_suite([0.9, 0.9, 0.9]), base).passed
    assert aggregate(_suite([0.98, 0.98]), base).passed
    assert baseline_of([aggregate(_suite([1.0]))]) == {"s": {"m@dev": 1.0, "m@all": 1.0}}


def test_reports_are_written(tmp_path: Path) -> None:
    suite = aggregate(_suite([1.0, 0.0, 1.0]))
    paths = write_reports(tmp_path, [suite], {"backend": "test", "date": "2026-11-23"})
    data = json.loads(paths[0].read_text())
    assert data["passed"] is False and data["suites"][0]["definitions"]["m"] == "a metric"
    assert "| m | dev | 3 |" in paths[1].read_text()
    page = paths[2].read_text()
    assert page.startswith("<!doctype html>") and "<details>" in page and "FAIL" in page


def test_eval_cli_review_suite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from copilot.cli.main import main

    code = main(["eval", "--suite", "review", "--report", str(tmp_path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["passed"] is True
    assert (tmp_path / "report.html").is_file()
