"""Ingestion throughput (chunks/s) through the real `ingest()`: load, chunk, embed, write to embedded Chroma."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus import write_corpus
from bench.stats import Samples
from copilot.embeddings.base import Embedder
from copilot.index.base import Metadata, VectorIndex
from copilot.index.chroma import ChromaIndex, chroma_client
from copilot.retrieval.ingest import ingest


@dataclass
class Rows:
    """What ingestion wrote, kept so the retrieval benchmark can load other indexes without embedding again."""

    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    metadatas: list[dict[str, Any]] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)

    def matrix(self) -> np.ndarray:
        """All vectors as one (n, d) array."""
        return np.vstack(self.vectors) if self.vectors else np.zeros((0, 0), dtype=np.float32)


class TimedEmbedder:
    """Counts the seconds spent embedding documents, to split ingestion time into its parts."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.seconds = 0.0

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed, timed."""
        started = time.perf_counter()
        try:
            return self.inner.embed_documents(texts)
        finally:
            self.seconds += time.perf_counter() - started

    def embed_query(self, text: str) -> list[float]:
        """Embed a query (not timed: ingestion never calls it)."""
        return self.inner.embed_query(text)


class TimedIndex:
    """Counts the seconds spent writing to the index, and optionally keeps the rows written."""

    def __init__(self, inner: VectorIndex, rows: Rows | None = None) -> None:
        self.inner = inner
        self.rows = rows
        self.seconds = 0.0

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Write, timed."""
        started = time.perf_counter()
        self.inner.upsert(ids, texts, embeddings, metadatas)
        self.seconds += time.perf_counter() - started
        if self.rows is not None:
            self.rows.ids.extend(ids)
            self.rows.texts.extend(texts)
            self.rows.metadatas.extend(dict(m) for m in metadatas)
            self.rows.vectors.append(np.asarray(embeddings, dtype=np.float32))

    def delete(self, ids: Sequence[str]) -> None:
        """Pass through."""
        self.inner.delete(ids)

    @property
    def writes(self) -> int:
        """Pass through."""
        return self.inner.writes

    def version(self) -> str:
        """Pass through."""
        return self.inner.version()

    def query(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None) -> list[Any]:
        """Pass through."""
        return self.inner.query(embedding, k, where)

    def nearest(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None) -> list[Any]:
        """Pass through."""
        return self.inner.nearest(embedding, k, where)

    def get(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> list[Any]:
        """Pass through."""
        return self.inner.get(ids, where)

    def count(self) -> int:
        """Pass through."""
        return self.inner.count()


def ingest_once(root: Path, embedder: Embedder, folder: Path, *, rows: Rows | None = None) -> dict[str, Any]:
    """One full ingest of `root` into a new embedded Chroma in `folder`, with its time split into parts."""
    timed_embedder = TimedEmbedder(embedder)
    index = TimedIndex(ChromaIndex(chroma_client(path=folder), "bench"), rows)
    started = time.perf_counter()
    report = ingest(root, timed_embedder, index)
    total = time.perf_counter() - started
    again = time.perf_counter()
    rerun = ingest(root, timed_embedder, index)
    return {
        "chunks": report.chunks_written,
        "seconds": round(total, 3),
        "chunks_per_s": round(report.chunks_written / total, 1) if total else 0.0,
        "embedding_s": round(timed_embedder.seconds, 3),
        "index_write_s": round(index.seconds, 3),
        "load_and_chunk_s": round(total - timed_embedder.seconds - index.seconds, 3),
        "reingest_unchanged_s": round(time.perf_counter() - again, 3),
        "reingest_changed": rerun.changed,
    }


def run(embedder: Embedder, knowledge: Path, *, generated_chunks: int, runs: int = 3) -> tuple[dict[str, Any], Rows]:
    """Default knowledge base (median of `runs`) and one generated knowledge base; returns the generated rows too."""
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="copilot-bench-") as tmp:
        base = Path(tmp)
        default_runs = [ingest_once(knowledge, embedder, base / f"default-{n}") for n in range(runs)]
        rates = Samples([r["seconds"] for r in default_runs])
        middle = min(default_runs, key=lambda r: abs(r["seconds"] - rates.median))
        result["default_kb"] = {**middle, "runs": runs, "seconds_per_run": [r["seconds"] for r in default_runs]}
        corpus_started = time.perf_counter()
        corpus = write_corpus(base / "generated", generated_chunks)
        generate_s = time.perf_counter() - corpus_started
        rows = Rows()
        generated = ingest_once(corpus.root, embedder, base / "generated-index", rows=rows)
        result["generated_kb"] = {
            **generated,
            "files": corpus.files,
            "items": corpus.items,
            "generate_s": round(generate_s, 3),
        }
    return result, rows


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    out = []
    for key, label in (("default_kb", "default knowledge base"), ("generated_kb", "generated knowledge base")):
        r = result.get(key)
        if r:
            out.append(
                f"ingest {label}: {r['chunks']} chunks in {r['seconds']} s = {r['chunks_per_s']} chunks/s "
                f"(embedding {r['embedding_s']} s, index writes {r['index_write_s']} s, "
                f"load+chunk {r['load_and_chunk_s']} s; unchanged re-ingest {r['reingest_unchanged_s']} s)"
            )
    return out
