"""Transcript review latency, deterministic part only: parse + roles + acts + measures, then call scoring, per file.

Run: python bench/review_bench.py [FOLDER ...] [--runs 3] [--long 10000]. Prints numbers; no pass/fail
(target: well under a second per transcript). The knowledge base is loaded once, as `copilot review DIR` does,
and its load time is printed on its own. `--long N` adds a synthetic N-line call to show how time grows.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from copilot.knowledge import load_knowledge_base
from copilot.review import review_transcript
from copilot.review.scoring import CallScorer
from copilot.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "evals" / "review" / "calls", ROOT / "evals" / "review" / "conversations"]
SUFFIXES = {".txt", ".vtt", ".srt", ".json"}
LINES = [
    "Ana: What does the forecast process look like for your team today, and where does it hurt most?",
    "Bo: Every region sends a spreadsheet on Monday and we reconcile it by hand, which takes two days.",
    "Ana: So the roll-up costs two analysts most of Monday. What happens when a big deal slips late?",
    "Bo: We miss the number and I have to explain it to the board, which happened last quarter.",
]


def _time(source: bytes, name: str, kind: str, scorer: CallScorer, runs: int) -> tuple[float, float, int]:
    """Median seconds to measure and to score one transcript, and its number of turns."""
    measure_s, score_s, turns = [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        review = review_transcript(source, kind, None, name)  # type: ignore[arg-type]
        measured = time.perf_counter()
        if kind == "call":
            scorer.score(review, "discovery-call")
        measure_s.append(measured - started)
        score_s.append(time.perf_counter() - measured)
        turns = len(review.utterances)
    return statistics.median(measure_s), statistics.median(score_s), turns


def main() -> None:
    """Time every transcript in the folders and print per-file, median and worst numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path, default=FOLDERS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--long", type=int, default=10000, help="lines in the synthetic long call (0: skip)")
    args = parser.parse_args()
    started = time.perf_counter()
    scorer = CallScorer(load_knowledge_base(load_settings().resolved_knowledge_dir).kb)
    print(f"knowledge base load (once per run): {time.perf_counter() - started:.3f} s")
    cases = [
        (f.read_bytes(), f.name, "coaching" if f.name.startswith("coaching") else "call")
        for folder in args.folders
        for f in sorted(folder.iterdir())
        if f.suffix.lower() in SUFFIXES
    ]
    if args.long:
        cases.append(
            (("\n".join(LINES * (args.long // len(LINES))) + "\n").encode(), f"synthetic_{args.long}.txt", "call")
        )
    print(f"{'file':<36} {'kind':<9} {'turns':>6} {'measure_s':>10} {'score_s':>9} {'total_s':>8}")
    totals = []
    for source, name, kind in cases:
        measure_s, score_s, turns = _time(source, name, kind, scorer, args.runs)
        totals.append((measure_s + score_s, name))
        print(f"{name:<36} {kind:<9} {turns:>6} {measure_s:10.4f} {score_s:9.4f} {measure_s + score_s:8.4f}")
    normal = [t for t, name in totals if not name.startswith("synthetic")]
    print(
        f"{len(normal)} transcripts: median {statistics.median(normal):.4f} s, worst {max(normal):.4f} s, "
        f"total {sum(normal):.3f} s (target: well under 1 s each)"
    )


if __name__ == "__main__":
    main()
