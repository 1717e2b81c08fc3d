"""Retrieval latency at k=8, query embedding included, over 1,000 and 20,000 chunks, embedded and server Chroma."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.ingestion import Rows
from bench.servers import chroma_server
from bench.stats import Samples
from copilot.embeddings.base import Embedder
from copilot.index.base import VectorIndex
from copilot.index.chroma import ChromaIndex, chroma_client
from copilot.retrieval.search import DENSE_POOL, Mode, Retriever, build_where

K = 8
WRITE_BATCH = 1000
QUERIES = [
    "How do I open a one-on-one with a rep who missed last week's actions?",
    "The CFO says there is no budget left this year",
    "What should a rep do when the buyer goes quiet after the proposal?",
    "How can a new hire practise handling a discount request?",
    "Which drill helps a rep who talks for most of the call?",
    "How do I tell whether a rep is self-correcting or needs me to step in?",
    "What makes a good agenda at the start of a discovery call?",
    "Buyer wants a pilot before committing",
    "How should I review the forecast category of a slipping deal?",
    "A champion has changed roles; what now?",
    "What questions help find the root cause of a skill gap?",
    "How many times should a rep practise before the roleplay?",
    "How do I coach confidence rather than knowledge?",
    "The competitor is offering a free trial",
    "What does excellent look like for closing on next steps?",
    "How to run a pipeline review that is not an interrogation",
    "Procurement asks for a bigger discount at the last minute",
    "How do I get a rep to lead the call instead of the mentor?",
    "What should be in a recap email after discovery?",
    "How do I measure whether my coaching is working?",
]


def _load(index: VectorIndex, rows: Rows, size: int) -> float:
    """Write the first `size` rows; returns seconds."""
    vectors = rows.matrix()[:size]
    started = time.perf_counter()
    for start in range(0, size, WRITE_BATCH):
        end = min(start + WRITE_BATCH, size)
        index.upsert(rows.ids[start:end], rows.texts[start:end], vectors[start:end].tolist(), rows.metadatas[start:end])
    return time.perf_counter() - started


def _latency(retriever: Retriever, mode: Mode, runs: int) -> dict[str, Any]:
    """Warm up (the first hybrid call builds the keyword model), then time `runs` searches cycling the queries."""
    started = time.perf_counter()
    retriever.search(QUERIES[0], k=K, mode=mode)
    first = time.perf_counter() - started
    for query in QUERIES[1:4]:
        retriever.search(query, k=K, mode=mode)
    samples = Samples()
    for n in range(runs):
        query = QUERIES[n % len(QUERIES)]
        started = time.perf_counter()
        retriever.search(query, k=K, mode=mode)
        samples.add(time.perf_counter() - started)
    return {**samples.summary_ms(), "first_call_ms": round(first * 1000, 1)}


def _index_only(index: VectorIndex, embedder: Embedder, runs: int, *, filtered: bool = True) -> dict[str, Any]:
    """Query embedding + one Chroma query for exactly k=8: the floor under `dense`.

    Filtered uses the metadata filter every search applies by default (no private notes, no question bank);
    unfiltered shows what that filter costs Chroma.
    """
    where = build_where() if filtered else None
    for query in QUERIES[:3]:
        index.query(embedder.embed_query(query), K, where=where)
    samples = Samples()
    for n in range(runs):
        started = time.perf_counter()
        index.query(embedder.embed_query(QUERIES[n % len(QUERIES)]), K, where=where)
        samples.add(time.perf_counter() - started)
    return samples.summary_ms()


def _embed_only(embedder: Embedder, runs: int) -> dict[str, Any]:
    samples = Samples()
    for n in range(runs):
        started = time.perf_counter()
        embedder.embed_query(QUERIES[n % len(QUERIES)])
        samples.add(time.perf_counter() - started)
    return samples.summary_ms()


def _measure(index: VectorIndex, embedder: Embedder, rows: Rows, size: int, runs: int) -> dict[str, Any]:
    load_s = _load(index, rows, size)
    retriever = Retriever(embedder, index)
    return {
        "chunks": index.count(),
        "load_s": round(load_s, 2),
        "dense": _latency(retriever, "dense", runs),
        "index_k8": _index_only(index, embedder, runs),
        "index_k8_unfiltered": _index_only(index, embedder, runs, filtered=False),
        "hybrid": _latency(retriever, "hybrid", max(20, runs // 2)),
    }


def run(embedder: Embedder, rows: Rows, *, sizes: tuple[int, ...], runs: int = 200) -> dict[str, Any]:
    """Latency per backend and size.

    `dense` is the copilot's vector search the target is about (it asks Chroma for DENSE_POOL vectors, with their
    text, to rank whole items); `hybrid` is the default mode (dense + BM25); `index_k8` is the bare Chroma query
    at k=8 with the query embedding, the floor under both.
    """
    sizes = tuple(s for s in sizes if s <= len(rows.ids)) or (len(rows.ids),)
    result: dict[str, Any] = {"k": K, "dense_pool": DENSE_POOL, "query_embedding": _embed_only(embedder, runs)}
    with tempfile.TemporaryDirectory(prefix="copilot-bench-") as tmp:
        embedded: dict[str, Any] = {}
        for size in sizes:
            index = ChromaIndex(chroma_client(path=Path(tmp) / f"embedded-{size}"), f"bench-{size}")
            embedded[str(size)] = _measure(index, embedder, rows, size, runs)
        result["embedded"] = embedded
        server: dict[str, Any] = {}
        with chroma_server(Path(tmp) / "server") as chroma:
            client = chroma_client(url=chroma.url)
            for size in sizes:
                server[str(size)] = _measure(ChromaIndex(client, f"bench-{size}"), embedder, rows, size, runs)
        result["server"] = server
    return result


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    q = result["query_embedding"]
    out = [f"query embedding alone: p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms"]
    for backend in ("embedded", "server"):
        for size, r in result.get(backend, {}).items():
            d, h, i, u = r["dense"], r["hybrid"], r["index_k8"], r["index_k8_unfiltered"]
            out.append(
                f"retrieval k={result['k']} {backend} Chroma, {size} chunks: dense p50 {d['p50_ms']} ms "
                f"p95 {d['p95_ms']} ms (target p95 <= 30 ms at 20,000); hybrid p50 {h['p50_ms']} ms p95 {h['p95_ms']} ms; "
                f"bare index query k={result['k']} + embedding p50 {i['p50_ms']} ms p95 {i['p95_ms']} ms "
                f"(without the default filter p50 {u['p50_ms']} ms p95 {u['p95_ms']} ms)"
            )
    return out
