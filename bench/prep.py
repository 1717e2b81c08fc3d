"""Prep-brief latency with the embedded model, split into its stages, against the bare llama.cpp calls it makes.

The "retrieval" stage of a brief is reading the rep's records and deciding with rules (focus, root cause,
assignments, curated questions); then the question prompt is built, the model answers in JSON, and the
questions are checked and merged (post-processing). Runs on the demo team in a throwaway data folder.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.recording import Breakdown, recorded_models, replay, stage_line
from bench.stats import Samples
from copilot.settings import load_settings


def run(*, rounds: int = 2, threads: int = 0) -> dict[str, Any]:
    """A brief for every demo rep, `rounds` times, after one uncounted warm-up; each replayed bare."""
    from copilot.prep import prepare_brief
    from copilot.records import Actor, demo_team_file, open_store

    with tempfile.TemporaryDirectory(prefix="copilot-bench-") as tmp:
        settings = load_settings(data_dir=Path(tmp), llm_backend="llamacpp", threads=threads)
        models = recorded_models(settings)
        model, recording, bare, load_s = models.model, models.recording, models.bare, models.load_s
        store = open_store(settings)
        try:
            admin = Actor.local_admin()
            store.load_team_file(admin, demo_team_file(settings))
            reps = [r.id for r in store.reps(admin)]
            today = dt.date.today()
            breakdown = Breakdown()
            sources: dict[str, int] = {}
            for n, rep in enumerate([reps[0], *(reps * rounds)]):
                before = len(recording.calls)
                started = time.perf_counter()
                brief = prepare_brief(store, admin, rep, store.kb, model, today=today)
                total = time.perf_counter() - started
                made = recording.calls[before:]
                if n == 0:
                    replay(bare, made)  # warm-up of both models
                    continue
                decide_s = brief.timings.get("decide_s", 0.0)
                breakdown.add(total=total, retrieval=decide_s, retrieval_ended=started + decide_s, made=made, bare=bare)
                for q in brief.questions:
                    if q.kind == "diagnostic":
                        sources[q.source] = sources.get(q.source, 0) + 1
            default = _default_path(store, admin, reps, settings, model, today, rounds)
        finally:
            store.close()
    return {
        "reps": len(reps),
        "rounds": rounds,
        "model_load_s": round(load_s, 3),
        **breakdown.result(),
        "diagnostic_question_sources": sources,
        "default": default,
    }


def _default_path(
    store: Any, admin: Any, reps: list[str], settings: Any, model: Any, today: dt.date, rounds: int
) -> dict[str, Any]:
    """What a manager waits for on this backend: the brief with the model only if COPILOT_MODEL_FEATURES lets it
    write prep questions (copilot.model_use), for every rep and meeting type."""
    from copilot.model_use import plan
    from copilot.prep import MEETINGS, prepare_brief

    use = plan(settings)["prep_questions"]
    chosen = model if use.on else None
    samples = Samples()
    for _ in range(rounds):
        for rep in reps:
            for meeting in MEETINGS:
                started = time.perf_counter()
                prepare_brief(store, admin, rep, store.kb, chosen, meeting=meeting, today=today)
                samples.add(time.perf_counter() - started)
    return {"model_used": use.on, "reason": use.reason, **samples.summary_ms()}


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    label = f"prep brief (embedded SmolLM2, {result['reps']} demo reps x {result['rounds']})"
    sources = ", ".join(f"{k} {v}" for k, v in sorted(result["diagnostic_question_sources"].items()))
    default = result.get("default") or {}
    lines = [*stage_line(label, result), f"  diagnostic questions: {sources or 'none'}"]
    if default.get("runs"):
        lines.append(
            f"  brief as served on this backend ({'with' if default['model_used'] else 'without'} the model, every "
            f"meeting type, {default['runs']} runs): p50 {default['p50_ms']:.0f} ms, p95 {default['p95_ms']:.0f} ms"
        )
    return lines
