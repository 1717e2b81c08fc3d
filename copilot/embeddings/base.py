"""The embedder interface: texts in, unit-length vectors out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors; documents and queries may be embedded differently by some backends."""

    name: str
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed many texts (batched by the implementation)."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """Embed one search query."""
        ...
