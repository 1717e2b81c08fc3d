"""Runs the suites, compares with the committed baseline, and writes the reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from copilot.runtime import Runtime
from evals.framework import SuiteResult, aggregate, baseline_of
from evals.report import write_reports

BASELINE = Path(__file__).resolve().parent / "baseline.json"
SUITES = ("prep", "retrieval", "review", "roleplay")


def load_baseline(backend: str) -> dict[str, Any]:
    """The committed baseline for this backend, or empty."""
    if not BASELINE.is_file():
        return {}
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return dict(data.get(backend, {}))


def run_suites(runtime: Runtime, suites: list[str], *, backend: str) -> list[SuiteResult]:
    """Run the chosen suites; `backend` none means no model (curated prep briefs, curated buyer lines).

    When a judge endpoint is configured (COPILOT_JUDGE_MODEL) and prep ran, the judge grades its questions too.
    """
    from copilot.bootstrap import ensure_knowledge_loaded
    from evals.judge import build_judge

    baseline = load_baseline(backend)
    judge = build_judge(runtime.settings)  # before any suite runs, so a misconfigured judge fails fast
    results = []
    for name in suites:
        if name == "prep":
            from evals.suites import prep

            model = None if backend == "none" else runtime.chat_model
            results.append(prep.run(runtime.settings, model))
        elif name == "retrieval":
            from evals.suites import retrieval

            ensure_knowledge_loaded(runtime)
            results.append(retrieval.run(runtime.retriever))
        elif name == "review":
            from evals.suites import review

            results.append(review.run())
        elif name == "roleplay":
            from copilot.records.reference import load_knowledge
            from evals.suites import roleplay

            model = None if backend == "none" else runtime.chat_model
            results.append(roleplay.run(load_knowledge(runtime.settings), model))
    prep_result = next((r for r in results if r.name == "prep"), None)
    if judge is not None and prep_result is not None:
        from evals.judge import judge_prep

        results.append(judge_prep(prep_result, judge))
    return [aggregate(r, baseline) for r in results]


def write(folder: Path, results: list[SuiteResult], *, backend: str, update_baseline: bool) -> list[Path]:
    """Write the reports; rewrite the baseline only when asked."""
    meta = {"backend": backend, "date": dt.datetime.now().isoformat(timespec="seconds")}
    paths = write_reports(folder, results, meta)
    if update_baseline:
        data = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
        data.setdefault(backend, {}).update(baseline_of(results))
        BASELINE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        paths.append(BASELINE)
    return paths
