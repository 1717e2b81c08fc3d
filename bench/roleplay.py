"""Roleplay turn latency with the embedded model, split into its stages, against the bare llama.cpp calls it makes.

A turn is `RoleplaySession.rep_says`: read the rep's words and decide the buyer's move (the "retrieval" stage:
objection, proof and state lookups in the knowledge base), build the prompt, stream the model, and check each
sentence before it is shown (post-processing). The rep's words come from the roleplay eval's scripts.

First buyer words is what the rep waits for: from sending a turn to the first piece of the buyer's reply on screen
(model or prepared). It is set against bare llama.cpp's time to its first streamed piece for the turn's first model
call, measured on the bare model in the same run from the same cache state (issue 18 target: p50 <= 0.6 s).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.recording import Breakdown, Call, recorded_models, replay, stage_line
from copilot.settings import load_settings

SCRIPTS = Path(__file__).resolve().parent.parent / "evals" / "roleplay"


@dataclass
class Script:
    """One scenario and the rep's turns, one per line."""

    scenario: str
    name: str
    lines: list[str]


def scripts(count: int, *, split: str = "dev") -> list[Script]:
    """The first script of each scenario in the eval's index (one split), up to `count` scenarios."""
    index = yaml.safe_load((SCRIPTS / "index.yaml").read_text(encoding="utf-8"))
    chosen: dict[str, Script] = {}
    for entry in index["scripts"]:
        if entry.get("split") != split or entry["scenario"] in chosen:
            continue
        path = SCRIPTS / entry["file"]
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        chosen[entry["scenario"]] = Script(entry["scenario"], path.stem, lines)
        if len(chosen) >= count:
            break
    return list(chosen.values())


class Clock:
    """Seconds spent in the wrapped functions during one turn, and when the last of them returned."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.ended = 0.0

    def reset(self) -> None:
        """Start a new turn."""
        self.seconds = self.ended = 0.0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """`fn`, timed into this clock."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.ended = time.perf_counter()
                self.seconds += self.ended - started

        return timed


@contextmanager
def timed_understanding(clock: Clock) -> Iterator[None]:
    """Time the session's reading of the rep's turn and its choice of the buyer's move (restored afterwards)."""
    import copilot.roleplay.session as session_module

    original = session_module.read_turn, session_module.decide
    session_module.read_turn = clock.wrap(original[0])
    session_module.decide = clock.wrap(original[1])
    try:
        yield
    finally:
        session_module.read_turn, session_module.decide = original


def p50(values: list[float]) -> float | None:
    """The median, in milliseconds."""
    ordered = sorted(values)
    return round(ordered[len(ordered) // 2] * 1000, 1) if ordered else None


def bare_first_piece(bare: Any, calls: list[Call]) -> float | None:
    """Seconds bare llama.cpp takes to its first streamed piece for the first streamed call, or None."""
    call = next((c for c in calls if c.stream), None)
    if call is None:
        return None
    started = time.perf_counter()
    stream = bare.create_chat_completion(**call.kwargs)
    try:
        next(iter(stream), None)
        return time.perf_counter() - started
    finally:
        close = getattr(stream, "close", None)
        if callable(close):
            close()


def run(*, scenarios: int = 4, rounds: int = 1, threads: int = 0) -> dict[str, Any]:
    """Each script played `rounds` times; each rep turn timed, then its model calls replayed bare."""
    from copilot.records.reference import load_knowledge
    from copilot.roleplay.scenarios import scenario_from_kb
    from copilot.roleplay.session import RoleplaySession

    settings = load_settings(llm_backend="llamacpp", threads=threads)
    kb = load_knowledge(settings)
    models = recorded_models(settings)
    model, recording, bare, load_s = models.model, models.recording, models.bare, models.load_s
    played = scripts(scenarios)
    breakdown, clock = Breakdown(), Clock()
    sources: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    first_piece = []
    first_words: list[float] = []
    bare_first: list[float] = []
    with timed_understanding(clock):
        for _ in range(rounds):
            for script in played:
                session = RoleplaySession(kb, scenario_from_kb(kb, script.scenario), model)
                before = len(recording.calls)
                session.open()
                session.buyer.warm_up()  # the app does this while the rep reads the scenario card
                replay(bare, recording.calls[before:])  # the bare model gets the same warm cache
                for line in script.lines:
                    if session.ended:
                        break
                    before = len(recording.calls)
                    clock.reset()
                    started = time.perf_counter()
                    shown: list[float] = []

                    def sink(_piece: str, shown: list[float] = shown, started: float = started) -> None:
                        if not shown:
                            shown.append(time.perf_counter() - started)

                    turn = session.rep_says(line, sink)
                    total = time.perf_counter() - started
                    first_words += shown[:1]
                    bare_s = bare_first_piece(bare, recording.calls[before:])
                    if bare_s is not None:
                        bare_first.append(bare_s)
                    breakdown.add(
                        total=total,
                        retrieval=clock.seconds,
                        retrieval_ended=clock.ended,
                        made=recording.calls[before:],
                        bare=bare,
                    )
                    sources[turn.source or "?"] = sources.get(turn.source or "?", 0) + 1
                    if session.last_line is not None and session.last_line.first_piece_s is not None:
                        first_piece.append(session.last_line.first_piece_s)
                outcome = session.finish().score.outcome
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
    words_p50, bare_p50 = p50(first_words), p50(bare_first)
    return {
        "scripts": [s.name for s in played],
        "rounds": rounds,
        "turns": len(breakdown.stages["total"].seconds),
        "model_load_s": round(load_s, 3),
        **breakdown.result(),
        "first_model_piece_p50_ms": p50(first_piece),
        "first_buyer_words_p50_ms": words_p50,
        "bare_first_piece_p50_ms": bare_p50,
        "first_words_vs_bare": round(words_p50 / bare_p50, 2) if words_p50 and bare_p50 else None,
        "buyer_line_sources": sources,
        "outcomes": outcomes,
    }


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    label = f"roleplay turn (embedded SmolLM2, {result['turns']} rep turns over {len(result['scripts'])} scripts)"
    sources = ", ".join(f"{k} {v}" for k, v in sorted(result["buyer_line_sources"].items()))
    return [
        *stage_line(label, result),
        f"  buyer lines: {sources}; first model piece p50 {result['first_model_piece_p50_ms']} ms",
        f"  first buyer words p50 {result['first_buyer_words_p50_ms']} ms (target <= 600 ms); bare llama.cpp first "
        f"piece p50 {result['bare_first_piece_p50_ms']} ms; ratio {result['first_words_vs_bare']}",
    ]
