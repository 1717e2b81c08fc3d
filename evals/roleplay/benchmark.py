"""Benchmark the roleplay with the configured model: buyer first-token and whole-turn times, and scoring time.

Run `python -m evals.roleplay.benchmark [--scenario ID] [--script FILE] [--no-model]`. It prints numbers; it
asserts nothing (the issue's targets are first token < 0.5 s, a whole turn < 3 s and scoring < 5 s on 2 cores).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SCRIPT = HERE / "scripts" / "d_cfo-price_strong.txt"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    """Play one script against the buyer and print the timings."""
    parser = argparse.ArgumentParser(description="Roleplay latency benchmark.")
    parser.add_argument("--scenario", default="sc-cfo-price-pushback")
    parser.add_argument("--script", type=Path, default=DEFAULT_SCRIPT)
    parser.add_argument("--no-model", action="store_true", help="Curated buyer only (measures the code path).")
    args = parser.parse_args(argv)

    from copilot.records.reference import load_knowledge
    from copilot.roleplay.scenarios import scenario_from_kb
    from copilot.roleplay.scoring import score_transcript
    from copilot.roleplay.session import RoleplaySession
    from copilot.runtime import Runtime
    from copilot.settings import load_settings

    settings = load_settings()
    kb = load_knowledge(settings)
    started = time.perf_counter()
    model = None if args.no_model else Runtime(settings).chat_model
    load_s = time.perf_counter() - started
    session = RoleplaySession(kb, scenario_from_kb(kb, args.scenario), model)
    session.open()
    lines = [x for x in args.script.read_text(encoding="utf-8").splitlines() if x.strip()]
    first_token: list[float] = []
    first_shown: list[float] = []
    whole: list[float] = []
    sources: list[str] = []
    for line in lines:
        if session.ended:
            break
        shown: list[float] = []
        turn_start = time.perf_counter()

        def clock(_piece: str, shown: list[float] = shown, start: float = turn_start) -> None:
            shown.append(time.perf_counter() - start)

        turn = session.rep_says(line, sink=clock)
        whole.append(time.perf_counter() - turn_start)
        first_shown.append(shown[0] if shown else whole[-1])
        if session.last_line is not None and session.last_line.first_piece_s is not None:
            first_token.append(session.last_line.first_piece_s)
        sources.append(turn.source or "")
    started = time.perf_counter()
    result = session.finish()
    score_transcript(kb, result.scenario, result.turns, result.score.outcome)
    scoring_s = time.perf_counter() - started

    name = "none (curated)" if model is None else model.name
    print(f"model {name}: loaded in {load_s:.2f} s; {len(whole)} buyer turns")
    if first_token:
        print(f"first model token   median {statistics.median(first_token):.2f} s  p90 {_pct(first_token, 0.9):.2f} s")
    print(f"first shown text    median {statistics.median(first_shown):.2f} s  p90 {_pct(first_shown, 0.9):.2f} s")
    print(f"whole buyer turn    median {statistics.median(whole):.2f} s  p90 {_pct(whole, 0.9):.2f} s")
    print(f"scoring (finish + rescore) {scoring_s:.2f} s")
    print("sources: " + ", ".join(f"{s} {sources.count(s)}" for s in sorted(set(sources))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
