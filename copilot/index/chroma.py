"""The Chroma adapter: embedded PersistentClient by default, HttpClient for a Chroma server."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from copilot.errors import ConfigError
from copilot.index.base import Hit, Metadata

_BATCH = 1000
_STAMP = "copilot_written"  # collection metadata: a new value after every write, see ChromaIndex.version()


def chroma_client(*, path: Path | None = None, url: str = "") -> Any:
    """Build the Chroma client for a folder or a server URL, with telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        if not parsed.hostname:
            raise ConfigError("COPILOT_CHROMA_URL", f"not a URL: {url!r}", fix="use e.g. http://127.0.0.1:8001")
        try:
            return chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 80),
                ssl=parsed.scheme == "https",
                settings=settings,
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants on connect
            raise ConfigError(
                "COPILOT_CHROMA_URL",
                f"cannot reach the Chroma server at {url} ({exc})",
                fix="start it (`chroma run --host 127.0.0.1 --port 8001 --path DIR`) or unset COPILOT_CHROMA_URL",
            ) from exc
    if path is None:
        raise ConfigError("COPILOT_DATA_DIR", "no folder for the embedded vector index", fix="set COPILOT_DATA_DIR")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def _server_of(client: Any) -> str:
    """host:port of an HttpClient's server, for messages; empty for an embedded client."""
    try:
        settings = client.get_settings()
    except AttributeError:
        return ""
    host = getattr(settings, "chroma_server_host", None)
    return f"{host}:{settings.chroma_server_http_port}" if host else ""


@contextmanager
def _server_errors(server: str) -> Iterator[None]:
    """Turn a Chroma server that stopped answering into one error naming the setting, not an httpx traceback."""
    try:
        yield
    except Exception as exc:
        import httpx

        if server and isinstance(exc, httpx.TransportError):
            raise ConfigError(
                "COPILOT_CHROMA_URL",
                f"the Chroma server at {server} stopped answering ({type(exc).__name__}: {exc})",
                fix="check that `chroma run` is up and reachable, then retry",
            ) from exc
        raise


class ChromaIndex:
    """A Chroma collection that stores our own embeddings (no Chroma embedding function, so nothing downloads)."""

    def __init__(self, client: Any, name: str = "knowledge") -> None:
        self._client = client
        self.name = name
        self._server = _server_of(client)
        self.writes = 0
        with _server_errors(self._server):
            self._collection = client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Insert or replace whole rows, in batches Chroma accepts.

        Chroma's upsert merges metadata into a stored row, so a key the new row lacks (a list that became
        empty) would survive and keep matching filters; such keys are sent as None, which Chroma removes.
        """
        try:
            for start in range(0, len(ids), _BATCH):
                end = start + _BATCH
                batch = list(ids[start:end])
                with _server_errors(self._server):
                    stored = self._collection.get(ids=batch, include=["metadatas"])
                    old_keys = {
                        row_id: set(meta or {})
                        for row_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=False)
                    }
                    rows: list[dict[str, Any]] = []
                    for row_id, meta in zip(batch, metadatas[start:end], strict=True):
                        row: dict[str, Any] = dict(meta)
                        row.update({key: None for key in old_keys.get(row_id, set()) - set(row)})
                        rows.append(row)
                    self._collection.upsert(
                        ids=batch,
                        documents=list(texts[start:end]),
                        embeddings=[list(e) for e in embeddings[start:end]],
                        metadatas=rows,
                    )
        finally:  # a write that failed half way changed the collection too
            self._stamp()

    def delete(self, ids: Sequence[str]) -> None:
        """Remove by id."""
        try:
            for start in range(0, len(ids), _BATCH):
                with _server_errors(self._server):
                    self._collection.delete(ids=list(ids[start : start + _BATCH]))
        finally:
            self._stamp()

    def _stamp(self) -> None:
        """Count the write here, and leave a new stamp on the collection for readers in other processes."""
        self.writes += 1
        with _server_errors(self._server):
            self._collection.modify(metadata={_STAMP: f"{time.time_ns()}-{os.getpid()}-{self.writes}"})

    def version(self) -> str:
        """The chunk count and the last writer's stamp: two cheap calls, asked by the retriever once a second.

        The count alone misses a change that keeps the size (a passage edited, a note's metadata changed); the
        stamp alone misses writes made without this class (an index from before stamps, another tool).
        """
        with _server_errors(self._server):
            metadata = self._client.get_collection(self.name, embedding_function=None).metadata or {}
            return f"{self._collection.count()}:{metadata.get(_STAMP, '')}"

    def query(self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None) -> list[Hit]:
        """Nearest neighbours; Chroma's cosine distance is turned into similarity.

        No count() first: Chroma answers an empty collection or k > count itself, and on a server each call is a
        round trip.
        """
        if k <= 0:
            return []
        with _server_errors(self._server):
            result = self._collection.query(
                query_embeddings=[list(embedding)],
                n_results=k,
                where=where or None,
                include=["documents", "metadatas", "distances"],
            )
        hits = []
        for i, chunk_id in enumerate(result["ids"][0]):
            hits.append(
                Hit(
                    id=chunk_id,
                    text=(result["documents"] or [[]])[0][i] or "",
                    score=1.0 - float((result["distances"] or [[]])[0][i]),
                    metadata=dict((result["metadatas"] or [[]])[0][i] or {}),
                )
            )
        return hits

    def nearest(
        self, embedding: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids and similarities only: Chroma's cost grows with what it returns per vector (text and metadata).

        Measured on a ~1.7k-vector index, 400 neighbours: 32 ms with documents and metadata, about 8 ms without.
        """
        if k <= 0:
            return []
        with _server_errors(self._server):
            result = self._collection.query(
                query_embeddings=[list(embedding)], n_results=k, where=where or None, include=["distances"]
            )
        distances = (result["distances"] or [[]])[0]
        return [(chunk_id, 1.0 - float(distances[i])) for i, chunk_id in enumerate(result["ids"][0])]

    def get(self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None) -> list[Hit]:
        """Chunks by id or filter."""
        with _server_errors(self._server):
            result = self._collection.get(
                ids=list(ids) if ids is not None else None, where=where or None, include=["documents", "metadatas"]
            )
        docs = result["documents"] or []
        metas = result["metadatas"] or []
        return [
            Hit(id=cid, text=docs[i] or "", score=1.0, metadata=dict(metas[i] or {}))
            for i, cid in enumerate(result["ids"])
        ]

    def count(self) -> int:
        """Number of chunks."""
        with _server_errors(self._server):
            return int(self._collection.count())
