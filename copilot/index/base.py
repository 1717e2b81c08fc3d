"""The vector index interface: store embedded chunks with metadata, find the nearest ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

Metadata = Mapping[str, str | int | float | bool | list[str]]


@dataclass
class Hit:
    """One retrieved chunk; `score` is cosine similarity (1 = identical)."""

    id: str
    text: str
    score: float
    metadata: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class VectorIndex(Protocol):
    """Chroma in production; an in-memory twin for unit tests."""

    @property
    def writes(self) -> int:
        """Upserts and deletes made through this object, so a reader in the same process sees them at once."""
        ...

    def version(self) -> str:
        """Changes whenever the stored chunks change, whoever wrote them (another process, another machine)."""
        ...

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Insert or replace chunks by id."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunks by id; unknown ids are ignored."""
        ...

    def query(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None) -> list[Hit]:
        """The `k` nearest chunks matching the Chroma-style `where` filter, best first."""
        ...

    def nearest(
        self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids and cosine similarities of the `k` nearest chunks, best first: no text or metadata, so it stays fast."""
        ...

    def get(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> list[Hit]:
        """Chunks by id or filter (score 1.0)."""
        ...

    def count(self) -> int:
        """How many chunks are stored."""
        ...
