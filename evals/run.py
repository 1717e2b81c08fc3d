"""Runs the suites, compares with the committed baseline, and writes the reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.llm.base import ChatModel
from copilot.runtime import Runtime
from evals import baseline as baselines
from evals.framework import SuiteResult, aggregate
from evals.report import write_reports

SUITES = ("prep", "retrieval", "ask", "review", "roleplay", "moves")
JUDGE_HOW = (
    "set COPILOT_JUDGE_MODEL (with COPILOT_JUDGE_BASE_URL and COPILOT_JUDGE_API_KEY as the endpoint needs) to a "
    "model an OpenAI-compatible endpoint serves; see docs/evals.md#judge"
)


@dataclass
class Run:
    """What one `copilot eval` measured, what it compared against, and what it left out."""

    backend: str
    results: list[SuiteResult]
    baselines: baselines.Baselines
    skipped: list[str] = field(default_factory=list)
    revision: str | None = None  # read before the suites run: what an updated baseline was measured at


def _fresh_model(runtime: Runtime, backend: str) -> ChatModel | None:
    """A newly loaded chat model per suite, or None for backend none.

    The embedded model's sampler seed advances with every call, so a shared model would make one suite's generated
    words depend on which suites ran before it in the same process (`--suite all` versus `--suite prep`).
    """
    if backend == "none":
        return None
    from copilot.runtime import build_chat_model

    return build_chat_model(runtime.settings)


def run_suites(runtime: Runtime, suites: list[str], *, backend: str, baseline_path: Path | None = None) -> Run:
    """Run the chosen suites; `backend` none means no model (curated prep briefs, curated buyer lines).

    When a judge endpoint is configured (COPILOT_JUDGE_MODEL) it grades the prep questions and the roleplay
    feedback; when not, the run says which judge metrics it skipped and how to turn them on.
    """
    from copilot.bootstrap import ensure_knowledge_loaded
    from evals.judge import build_judge

    committed = baselines.load(backend, baseline_path)
    revision = baselines.git_revision()
    judge = build_judge(runtime.settings)  # before any suite runs, so a misconfigured judge fails fast
    results = []
    kb = None
    for name in suites:
        if name == "prep":
            from evals.suites import prep

            results.append(prep.run(runtime.settings, _fresh_model(runtime, backend)))
        elif name == "retrieval":
            from evals.suites import retrieval

            ensure_knowledge_loaded(runtime)
            results.append(retrieval.run(runtime.retriever))
        elif name == "ask":
            from evals.suites import ask

            ensure_knowledge_loaded(runtime)
            results.append(ask.run(runtime, model=backend != "none"))
        elif name == "review":
            from evals.suites import review

            results.append(review.run())
        elif name == "roleplay":
            from copilot.records.reference import load_knowledge
            from evals.suites import roleplay

            kb = load_knowledge(runtime.settings)
            results.append(roleplay.run(kb, _fresh_model(runtime, backend)))
        elif name == "moves":
            from evals.suites import moves

            results.append(moves.run())
    skipped = []
    graded = [r for r in results if r.name in ("prep", "roleplay")]
    if judge is not None:
        from evals.judge_suite import judge_suite

        results += [judge_suite(r, judge, kb) for r in graded]
    else:
        skipped = [f"judge of {r.name} ({'questions' if r.name == 'prep' else 'feedback'})" for r in graded]
    return Run(backend, [aggregate(r, committed.numbers()) for r in results], committed, skipped, revision)


@dataclass
class Written:
    """The files a run wrote, and why the baseline was or was not updated."""

    paths: list[Path]
    baseline_message: str | None = None
    baseline_updated: bool = False


def write(
    folder: Path,
    run: Run,
    *,
    update_reason: str | None = None,
    baseline_path: Path | None = None,
    now: dt.datetime | None = None,
) -> Written:
    """Write the reports; with `update_reason`, also rewrite this backend's baseline for the suites that ran.

    The update is refused when a gated metric is below its threshold: a floor is fixed, not baselined. A drop
    against the old baseline is accepted (the reason is the acceptance), and the reports say so row by row.
    """
    now = now or dt.datetime.now(dt.UTC)
    meta: dict[str, Any] = {
        "backend": run.backend,
        "date": now.isoformat(timespec="seconds"),
        "baselines": {s.name: (e.as_meta() if (e := run.baselines.suites.get(s.name)) else None) for s in run.results},
        "skipped": [{"what": s, "how": JUDGE_HOW} for s in run.skipped],
    }
    message, updated, revision = None, False, None
    if update_reason is not None:
        below = baselines.threshold_failures(run.results)
        if below:
            message = "baseline not updated: below threshold, fix these first: " + "; ".join(below)
        else:
            revision = run.revision
            accepted = baselines.accept_regressions(run.results, update_reason)
            meta["baseline_update"] = {
                "reason": update_reason,
                "date": meta["date"],
                "revision": revision,
                "accepted_regressions": accepted,
            }
            updated = True
            message = f"baseline updated for {run.backend}: {update_reason}"
    paths = write_reports(folder, run.results, meta)
    if updated:
        target = baseline_path or baselines.BASELINE
        baselines.update(run.results, run.backend, str(update_reason), path=target, revision=revision, now=now)
        paths.append(target)
    return Written(paths, message, updated)
