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
SUITES = ("prep", "retrieval", "review")


def load_baseline(backend: str) -> dict[str, Any]:
    """The committed baseline for this backend, or empty."""
    if not BASELINE.is_file():
        return {}
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return dict(data.get(backend, {}))


def run_suites(runtime: Runtime, suites: list[str], *, backend: str) -> list[SuiteResult]:
    """Run the chosen suites; `backend` none means curated-only prep briefs (no model)."""
    from copilot.bootstrap import ensure_knowledge_loaded

    baseline = load_baseline(backend)
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
