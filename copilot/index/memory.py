"""An in-memory vector index with Chroma's `where` semantics, for unit tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from copilot.index.base import Hit, Metadata


def _apply(op: str, value: Any, arg: Any) -> bool:
    if op == "$eq":
        return bool(value == arg)
    if op == "$ne":
        return bool(value != arg)
    if op == "$in":
        return value in arg
    if op == "$nin":
        return value not in arg
    if op == "$contains":
        return isinstance(value, list) and arg in value
    raise ValueError(f"unsupported filter operator {op}")


def matches(metadata: dict[str, Any], where: dict[str, Any] | None) -> bool:
    """The subset of Chroma's filter language the copilot uses: equality, $eq/$ne/$in/$nin/$contains, $and/$or."""
    if not where:
        return True
    for key, cond in where.items():
        if key == "$and":
            if not all(matches(metadata, c) for c in cond):
                return False
        elif key == "$or":
            if not any(matches(metadata, c) for c in cond):
                return False
        else:
            ops = cond if isinstance(cond, dict) else {"$eq": cond}
            if not all(_apply(op, metadata.get(key), arg) for op, arg in ops.items()):
                return False
    return True


@dataclass
class MemoryIndex:
    """Brute-force cosine search over a dict; same behaviour as ChromaIndex for the tests that matter."""

    rows: dict[str, tuple[str, np.ndarray, dict[str, Any]]] = field(default_factory=dict)
    writes: int = 0

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Insert or replace."""
        for cid, text, emb, meta in zip(ids, texts, embeddings, metadatas, strict=True):
            vec = np.asarray(emb, dtype=np.float32)
            self.rows[cid] = (text, vec / (np.linalg.norm(vec) or 1.0), dict(meta))
        self.writes += 1

    def delete(self, ids: Sequence[str]) -> None:
        """Remove by id."""
        for cid in ids:
            self.rows.pop(cid, None)
        self.writes += 1

    def version(self) -> str:
        """A fingerprint of the content, so a change made by any writer of `rows` (a test's "other process") shows."""
        return str(hash(tuple((cid, text, repr(sorted(meta.items()))) for cid, (text, _, meta) in self.rows.items())))

    def query(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None) -> list[Hit]:
        """Exact nearest neighbours."""
        q = np.asarray(embedding, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        scored = [
            Hit(cid, text, float(vec @ q), dict(meta))
            for cid, (text, vec, meta) in self.rows.items()
            if matches(meta, where)
        ]
        return sorted(scored, key=lambda h: -h.score)[:k]

    def nearest(
        self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids and similarities of the exact nearest neighbours."""
        return [(hit.id, hit.score) for hit in self.query(embedding, k, where)]

    def get(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> list[Hit]:
        """By id or filter."""
        chosen = ids if ids is not None else list(self.rows)
        return [
            Hit(cid, self.rows[cid][0], 1.0, dict(self.rows[cid][2]))
            for cid in chosen
            if cid in self.rows and matches(self.rows[cid][2], where)
        ]

    def count(self) -> int:
        """Number of rows."""
        return len(self.rows)
