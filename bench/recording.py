"""Records every call the copilot makes into llama.cpp, so the same calls can be replayed bare and compared.

The copilot's overhead is (its whole latency) / (the same model calls made directly on `llama_cpp.Llama`).
Streams are timed inside each `next()`, so time the copilot spends checking sentences between pieces counts
as its own work, not as model time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bench.stats import Samples

SEED = 7  # the seed LlamaCppChatModel.load uses


@dataclass
class Call:
    """One call into llama.cpp: what was sent, when, how long llama.cpp itself worked, and what came back."""

    kwargs: dict[str, Any]
    started: float
    ended: float = 0.0
    model_s: float = 0.0
    text: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    stream: bool = False
    chunks: int = 0


class RecordingLlama:
    """Stands between LlamaCppChatModel and `llama_cpp.Llama`, recording each call (blocking or streamed)."""

    def __init__(self, llama: Any) -> None:
        self._llama = llama
        self.calls: list[Call] = []

    def n_ctx(self) -> int:
        """The context window."""
        return int(self._llama.n_ctx())

    def tokenize(self, *args: Any, **kwargs: Any) -> Any:
        """Pass through."""
        return self._llama.tokenize(*args, **kwargs)

    def create_chat_completion(self, **kwargs: Any) -> Any:
        """Time and record the call; a stream is recorded as it is consumed, even when the caller stops early."""
        call = Call(kwargs=kwargs, started=time.perf_counter(), stream=bool(kwargs.get("stream")))
        self.calls.append(call)
        result = self._llama.create_chat_completion(**kwargs)
        call.ended = time.perf_counter()
        call.model_s = call.ended - call.started
        if call.stream:
            return self._timed_stream(result, call)
        usage = result.get("usage") or {}
        call.text = result["choices"][0]["message"].get("content") or ""
        call.prompt_tokens = int(usage.get("prompt_tokens", 0))
        call.completion_tokens = int(usage.get("completion_tokens", 0))
        return result

    @staticmethod
    def _timed_stream(chunks: Iterator[Any], call: Call) -> Iterator[Any]:
        pieces: list[str] = []
        while True:
            started = time.perf_counter()
            try:
                chunk = next(chunks)
            except StopIteration:
                call.model_s += time.perf_counter() - started
                call.ended = time.perf_counter()
                return
            call.model_s += time.perf_counter() - started
            call.ended = time.perf_counter()
            call.chunks += 1
            pieces.append(chunk["choices"][0].get("delta", {}).get("content") or "")
            call.text = "".join(pieces)
            yield chunk


def load_llama(model_path: str, *, n_ctx: int, threads: int) -> Any:
    """A llama.cpp model loaded exactly as the copilot loads the bundled one (its C-level chatter silenced)."""
    from llama_cpp import Llama

    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        return Llama(model_path=model_path, n_ctx=n_ctx, n_threads=threads, seed=SEED, verbose=False)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


@dataclass
class Models:
    """The copilot's chat model over a recording llama.cpp, and a bare copy to replay its calls on."""

    model: Any  # LlamaCppChatModel
    recording: RecordingLlama
    bare: Any
    load_s: float  # loading the recorded copy


def recorded_models(settings: Any) -> Models:
    """Load the bundled model twice as the copilot loads it: once behind the copilot (recorded), once bare."""
    from copilot.llm.llamacpp import LlamaCppChatModel, bundled_model_path

    path, n_ctx, threads = str(bundled_model_path()), settings.context_window, settings.resolved_threads
    started = time.perf_counter()
    recording = RecordingLlama(load_llama(path, n_ctx=n_ctx, threads=threads))
    load_s = time.perf_counter() - started
    model = LlamaCppChatModel(
        recording, name="SmolLM2-135M-Instruct", max_tokens=settings.max_tokens, temperature=settings.temperature
    )
    return Models(model, recording, load_llama(path, n_ctx=n_ctx, threads=threads), load_s)


def replay(bare: Any, calls: list[Call]) -> tuple[float, int]:
    """Seconds for the same calls made directly on llama.cpp, and how many gave the same text.

    A stream is read for as many pieces as the copilot read, then dropped, so both generate the same tokens.
    """
    seconds, same = 0.0, 0
    for call in calls:
        started = time.perf_counter()
        if call.stream:
            pieces = []
            stream = bare.create_chat_completion(**call.kwargs)
            for n, chunk in enumerate(stream if call.chunks else (), start=1):
                pieces.append(chunk["choices"][0].get("delta", {}).get("content") or "")
                if n >= call.chunks:
                    break
            close = getattr(stream, "close", None)
            if callable(close):
                close()
            seconds += time.perf_counter() - started
            same += int("".join(pieces) == call.text)
            continue
        result = bare.create_chat_completion(**call.kwargs)
        seconds += time.perf_counter() - started
        same += int((result["choices"][0]["message"].get("content") or "") == call.text)
    return seconds, same


def model_seconds(calls: list[Call]) -> float:
    """Time llama.cpp spent working on these calls."""
    return sum(c.model_s for c in calls)


class Breakdown:
    """Per-run stage times (retrieval, prompt building, model, post-processing) and the copilot/bare ratio."""

    STAGES = ("total", "retrieval", "prompt", "model", "post", "bare")

    def __init__(self) -> None:
        self.stages = {name: Samples() for name in self.STAGES}
        self.ratios = Samples()
        self.totals_with_model: list[float] = []
        self.calls = self.identical = self.prompt_tokens = self.completion_tokens = self.without_model = 0

    def add(self, *, total: float, retrieval: float, retrieval_ended: float, made: list[Call], bare: Any) -> None:
        """One timed run: `made` are its model calls, replayed on `bare`; prompt time runs up to the first call."""
        model_s = model_seconds(made)
        prompt_s = max(0.0, made[0].started - retrieval_ended) if made else 0.0
        for name, value in (
            ("total", total),
            ("retrieval", retrieval),
            ("prompt", prompt_s),
            ("model", model_s),
            ("post", max(0.0, total - retrieval - prompt_s - model_s)),
        ):
            self.stages[name].add(value)
        if not made:
            self.without_model += 1  # a curated answer: no model call to compare with
            return
        bare_s, same = replay(bare, made)
        self.stages["bare"].add(bare_s)
        self.ratios.add(total / bare_s)
        self.totals_with_model.append(total)
        self.calls += len(made)
        self.identical += same
        self.prompt_tokens += sum(c.prompt_tokens for c in made)
        self.completion_tokens += sum(c.chunks if c.stream else c.completion_tokens for c in made)

    def result(self) -> dict[str, Any]:
        """Stage p50/p95 in ms; the overhead ratio over all runs with a model call (sum) and per run (median, p95)."""
        bare_sum = sum(self.stages["bare"].seconds)
        measured = bool(self.ratios.seconds)
        return {
            "stages": {name: samples.summary_ms() for name, samples in self.stages.items()},
            "overhead_ratio_sum": round(sum(self.totals_with_model) / bare_sum, 3) if bare_sum else None,
            "overhead_ratio_median": round(self.ratios.median, 3) if measured else None,
            "overhead_ratio_p95": round(self.ratios.p95, 3) if measured else None,
            "runs_without_model_call": self.without_model,
            "model_calls": self.calls,
            "replayed_identical_text": self.identical,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }


def stage_line(label: str, result: dict[str, Any]) -> list[str]:
    """Two lines for people: the stages at p50, then the bare call and the overhead ratio."""
    s = result["stages"]
    return [
        f"{label}: total p50 {s['total'].get('p50_ms')} ms p95 {s['total'].get('p95_ms')} ms = retrieval "
        f"{s['retrieval'].get('p50_ms')} + prompt {s['prompt'].get('p50_ms')} + model {s['model'].get('p50_ms')} "
        f"+ post-processing {s['post'].get('p50_ms')} ms (p50 each)",
        f"  bare llama.cpp, same calls: p50 {s['bare'].get('p50_ms')} ms; overhead ratio copilot/bare "
        f"{result['overhead_ratio_sum']} overall, median {result['overhead_ratio_median']} (target <= 1.25); "
        f"{result['replayed_identical_text']}/{result['model_calls']} replays gave identical text"
        + (
            f"; {result['runs_without_model_call']} run(s) made no model call"
            if result["runs_without_model_call"]
            else ""
        ),
    ]
