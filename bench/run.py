"""Runs the selected benchmarks in a sensible order and gathers every figure into one JSON-ready document."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from bench import stats
from copilot.settings import Settings

SUITES = ("ingest", "embedder", "retrieval", "ask", "prep", "roleplay", "concurrency", "memory", "reader")
Say = Callable[[str], None]


def _default_chunk_texts(settings: Settings) -> list[str]:
    from copilot.knowledge import load_knowledge_base
    from copilot.retrieval.chunking import chunk_item

    loaded = load_knowledge_base(settings.resolved_knowledge_dir)
    return [c.text for item in loaded.items for c in chunk_item(item, source_sha="", root="")]


def run(
    settings: Settings,
    suites: tuple[str, ...] = SUITES,
    *,
    chunks: int = 20_000,
    small: int = 1_000,
    levels: tuple[int, ...] = (1, 4, 16),
    rounds: int = 2,
    queries: int = 200,
    say: Say = print,
) -> dict[str, Any]:
    """Every selected suite; each suite's figures under its name, the machine and the time taken alongside."""
    threads = settings.resolved_threads
    started = time.perf_counter()
    doc: dict[str, Any] = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": stats.machine(),
        "threads": threads,
        "suites": list(suites),
    }
    embedder: Any = None
    rows = None
    if {"ingest", "retrieval", "embedder"} & set(suites):
        from copilot.embeddings.minilm import MiniLMEmbedder

        embedder = MiniLMEmbedder.load(threads=threads)
    if "ingest" in suites or "retrieval" in suites:
        from bench import ingestion

        say(f"ingest: default knowledge base, then a generated one of {chunks} chunks")
        doc["ingest"], rows = ingestion.run(
            embedder, settings.resolved_knowledge_dir, generated_chunks=chunks, runs=3 if "ingest" in suites else 1
        )
        if "ingest" not in suites:
            del doc["ingest"]
        else:
            _say_all(say, ingestion.summary(doc["ingest"]))
    if "embedder" in suites:
        from bench import embedder as embedder_bench

        say("embedder: copilot against raw onnxruntime + tokenizers on the default knowledge base's chunks")
        doc["embedder"] = embedder_bench.run(_default_chunk_texts(settings), threads=threads)
        _say_all(say, embedder_bench.summary(doc["embedder"]))
    if "retrieval" in suites and rows is not None:
        from bench import retrieval

        say(f"retrieval: k=8 over {small} and {len(rows.ids)} chunks, embedded and server Chroma")
        doc["retrieval"] = retrieval.run(embedder, rows, sizes=(small, len(rows.ids)), runs=queries)
        _say_all(say, retrieval.summary(doc["retrieval"]))
    if "ask" in suites:
        from bench import ask

        say("ask: stages of `copilot ask` with the embedded model, and the same llama.cpp calls made bare")
        doc["ask"] = ask.run(rounds=rounds, threads=threads)
        _say_all(say, ask.summary(doc["ask"]))
    if "prep" in suites:
        from bench import prep

        say("prep: stages of a prep brief for each demo rep with the embedded model, and the same calls made bare")
        doc["prep"] = prep.run(rounds=rounds, threads=threads)
        _say_all(say, prep.summary(doc["prep"]))
    if "roleplay" in suites:
        from bench import roleplay

        say("roleplay: stages of each roleplay turn with the embedded model, and the same calls made bare")
        doc["roleplay"] = roleplay.run(rounds=rounds, threads=threads)
        _say_all(say, roleplay.summary(doc["roleplay"]))
    if "concurrency" in suites:
        from bench import concurrency

        say(f"concurrency: {', '.join(map(str, levels))} simultaneous roleplay sessions on llama.cpp's server")
        doc["concurrency"] = concurrency.run(levels=levels, threads=threads)
        _say_all(say, concurrency.summary(doc["concurrency"]))
    if "reader" in suites:
        from bench import reader

        say(
            "reader: one turn read cold, a one-hour call reviewed, the review-external suite; each against the bare embedder"
        )
        doc["reader"] = reader.run(threads=threads)
        _say_all(say, reader.summary(doc["reader"]))
    if "memory" in suites:
        from bench import memory

        say("memory: peak RSS of `copilot serve` after one chat turn")
        doc["memory"] = memory.run()
        _say_all(say, memory.summary(doc["memory"]))
    doc["machine"]["load_average_at_end"] = stats.load_average()
    doc["seconds"] = round(time.perf_counter() - started, 1)
    return doc


def _say_all(say: Say, lines: list[str]) -> None:
    for line in lines:
        say("  " + line)
