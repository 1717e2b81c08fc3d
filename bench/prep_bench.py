"""Prep-brief latency with the embedded model, split into deciding (records + rules) and the model call.

Run: python bench/prep_bench.py [--runs 3]. Prints numbers; no pass/fail (target: a brief in under 10 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from copilot.llm.llamacpp import LlamaCppChatModel
from copilot.prep import prepare_brief
from copilot.records import Actor, open_store
from copilot.settings import load_settings

TEAM = Path(__file__).resolve().parent.parent / "knowledge" / "demo_team" / "team.yaml"
REPS = [
    "rep-marcus-bell",
    "rep-tom-fischer",
    "rep-sam-whitaker",
    "rep-priya-nair",
    "rep-elena-vasquez",
    "rep-dana-okafor",
]


def main() -> None:
    """Time a brief per demo rep and print median total, model share and decide time."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        store = open_store(load_settings(data_dir=Path(data)))
        admin = Actor.local_admin()
        store.load_team_file(admin, TEAM, shift=False)
        model = LlamaCppChatModel.load(threads=2)
        print(f"{'rep':<20} {'total_s':>8} {'model_s':>8} {'decide_s':>9} {'model share':>12}")
        totals = []
        for rep in REPS:
            runs = []
            for _ in range(args.runs):
                started = time.perf_counter()
                brief = prepare_brief(store, admin, rep, store.kb, model, today=dt.date(2026, 11, 20))
                runs.append(
                    (time.perf_counter() - started, brief.timings.get("model_s", 0.0), brief.timings["decide_s"])
                )
            total = statistics.median(r[0] for r in runs)
            model_s = statistics.median(r[1] for r in runs)
            decide = statistics.median(r[2] for r in runs)
            totals.append(total)
            print(f"{rep:<20} {total:8.2f} {model_s:8.2f} {decide:9.3f} {model_s / total:12.0%}")
        print(f"median brief {statistics.median(totals):.2f} s, worst {max(totals):.2f} s (target < 10 s)")


if __name__ == "__main__":
    main()
