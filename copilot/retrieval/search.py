"""Retrieval: dense (embeddings), keyword (BM25) or hybrid (reciprocal-rank fusion), with metadata filters."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Literal

from copilot.embeddings.base import Embedder
from copilot.index.base import Hit, VectorIndex
from copilot.index.memory import matches
from copilot.retrieval.keyword import BM25

Mode = Literal["dense", "keyword", "hybrid"]
RRF_K = 60
POOL = 40


@dataclass
class Result:
    """One retrieved knowledge item (its best chunk), as the CLI, the UI and citations show it."""

    item_id: str
    chunk_id: str
    title: str
    type: str
    score: float
    text: str
    source: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "id": self.item_id,
            "chunk": self.chunk_id,
            "type": self.type,
            "title": self.title,
            "score": round(self.score, 4),
            "source": self.source,
            "text": self.text,
        }


def build_where(
    *, type: str | None = None, criterion: str | None = None, interaction: str | None = None, private: bool = False
) -> dict[str, Any]:
    """A Chroma filter from the options users pass.

    Private items (coaching notes) come back only when asked for. Question-bank entries are prompts for the
    prep brief, found by criterion, not passages that answer anything: they come back only with type=question
    (measured: left in, they pushed the answering item out of the top 5 in a third of the labelled queries).
    """
    clauses: list[dict[str, Any]] = []
    if not private:
        clauses.append({"private": False})
    clauses.append({"type": type} if type else {"type": {"$ne": "question"}})
    if criterion:
        clauses.append({"$or": [{"criteria": {"$contains": criterion}}, {"item_id": criterion}]})
    if interaction:
        clauses.append({"interaction": interaction})
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class Retriever:
    """Finds knowledge items for a question; keeps a BM25 model of the index, rebuilt when the index changes."""

    def __init__(self, embedder: Embedder, index: VectorIndex, *, default_mode: Mode = "hybrid") -> None:
        self.embedder = embedder
        self.index = index
        self.default_mode = default_mode
        self._bm25: BM25 | None = None
        self._bm25_count = -1
        self._lock = threading.Lock()

    def _keyword_model(self) -> BM25:
        with self._lock:
            count = self.index.count()
            if self._bm25 is None or count != self._bm25_count:
                self._bm25 = BM25(self.index.get())
                self._bm25_count = count
            return self._bm25

    def _dense(self, query: str, n: int, where: dict[str, Any]) -> list[Hit]:
        return self.index.query(self.embedder.embed_query(query), n, where=where or None)

    def _keyword(self, query: str, n: int, where: dict[str, Any]) -> list[Hit]:
        model = self._keyword_model()
        scored = [
            Hit(d.id, d.text, s, d.metadata)
            for d, s in zip(model.docs, model.scores(query), strict=True)
            if s > 0 and matches(d.metadata, where)
        ]
        return sorted(scored, key=lambda h: -h.score)[:n]

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        mode: Mode | None = None,
        where: dict[str, Any] | None = None,
    ) -> list[Result]:
        """The top `k` items for `query`; scores are cosine (dense), BM25 (keyword) or fused (hybrid)."""
        mode = mode or self.default_mode
        where = build_where() if where is None else where
        if not query.strip() or k <= 0:
            return []
        if mode == "dense":
            ranked = self._dense(query, POOL, where)
        elif mode == "keyword":
            ranked = self._keyword(query, POOL, where)
        else:
            ranked = _fuse(self._dense(query, POOL, where), self._keyword(query, POOL, where))
        return _best_chunk_per_item(ranked, k)


def _fuse(dense: list[Hit], keyword: list[Hit]) -> list[Hit]:
    """Reciprocal-rank fusion; the dense cosine is kept in metadata so callers can judge relevance."""
    fused: dict[str, Hit] = {}
    score: dict[str, float] = {}
    for ranked in (dense, keyword):
        for rank, hit in enumerate(ranked):
            score[hit.id] = score.get(hit.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            fused.setdefault(hit.id, hit)
    for hit in dense:
        fused[hit.id].metadata["_cosine"] = hit.score
    return [Hit(h.id, h.text, score[h.id], h.metadata) for h in sorted(fused.values(), key=lambda h: -score[h.id])]


def _best_chunk_per_item(hits: list[Hit], k: int) -> list[Result]:
    out: list[Result] = []
    seen: set[str] = set()
    for hit in hits:
        item_id = str(hit.metadata.get("item_id", hit.id))
        if item_id in seen:
            continue
        seen.add(item_id)
        out.append(
            Result(
                item_id=item_id,
                chunk_id=hit.id,
                title=str(hit.metadata.get("title", "")),
                type=str(hit.metadata.get("type", "")),
                score=hit.score,
                text=hit.text,
                source=str(hit.metadata.get("source", "")),
                metadata=hit.metadata,
            )
        )
        if len(out) == k:
            break
    return out
