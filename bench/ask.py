"""`copilot ask` latency with the embedded model, split into its stages, against the bare llama.cpp calls it makes."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.recording import Breakdown, recorded_models, replay, stage_line
from copilot.bootstrap import ensure_knowledge_loaded
from copilot.retrieval.ask import ask
from copilot.retrieval.search import Result, Retriever
from copilot.runtime import Runtime
from copilot.settings import load_settings

QUESTIONS = [
    "How should a rep answer a buyer who wants a pilot first?",
    "How do I open a 1-on-1 with a rep who missed last week's action items?",
    "What should a rep do when the CFO says there is no budget left?",
    "When should a manager step in on a basic skill?",
    "Which activity helps a rep who cannot say the value proposition crisply?",
    "How do I close a coaching conversation with a real commitment?",
]


class TimedRetriever(Retriever):
    """The real retriever, remembering when its last search started and ended."""

    started = 0.0
    ended = 0.0

    def search(self, query: str, **kwargs: Any) -> list[Result]:
        """Search, timed."""
        self.started = time.perf_counter()
        try:
            return super().search(query, **kwargs)
        finally:
            self.ended = time.perf_counter()


def run(*, rounds: int = 2, threads: int = 0) -> dict[str, Any]:
    """Each question `rounds` times, copilot then bare replay in turn, after one uncounted warm-up of each."""
    with tempfile.TemporaryDirectory(prefix="copilot-bench-") as tmp:
        settings = load_settings(
            data_dir=Path(tmp), llm_backend="llamacpp", embedding_backend="minilm", threads=threads
        )
        models = recorded_models(settings)
        model, recording, bare, load_s = models.model, models.recording, models.bare, models.load_s
        runtime = Runtime(settings, chat_model=model)
        ensure_knowledge_loaded(runtime)
        retriever = TimedRetriever(runtime.embedder, runtime.index)
        breakdown = Breakdown()
        sources: dict[str, int] = {}
        for n, question in enumerate([QUESTIONS[0]] + QUESTIONS * rounds):
            before = len(recording.calls)
            started = time.perf_counter()
            answer = ask(question, retriever, model)
            total = time.perf_counter() - started
            made = recording.calls[before:]
            if n == 0:
                replay(bare, made)  # warm-up of the bare model too
                continue
            breakdown.add(
                total=total,
                retrieval=retriever.ended - retriever.started,
                retrieval_ended=retriever.ended,
                made=made,
                bare=bare,
            )
            sources[answer.source] = sources.get(answer.source, 0) + 1
    return {
        "questions": len(QUESTIONS),
        "rounds": rounds,
        "model_load_s": round(load_s, 3),
        **breakdown.result(),
        "answer_sources": sources,
    }


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    return stage_line(f"copilot ask (embedded SmolLM2, {result['questions']} questions x {result['rounds']})", result)
