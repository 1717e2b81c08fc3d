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
        finally:
            store.close()
    return {
        "reps": len(reps),
        "rounds": rounds,
        "model_load_s": round(load_s, 3),
        **breakdown.result(),
        "diagnostic_question_sources": sources,
    }


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    label = f"prep brief (embedded SmolLM2, {result['reps']} demo reps x {result['rounds']})"
    sources = ", ".join(f"{k} {v}" for k, v in sorted(result["diagnostic_question_sources"].items()))
    return [*stage_line(label, result), f"  diagnostic questions: {sources or 'none'}"]
