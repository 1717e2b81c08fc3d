"""Idempotent ingestion: only files whose content hash changed are re-embedded; deleted files leave the index.

A file also counts as changed when a title it spells out changed (see `content_version`).

A file that has become invalid keeps whatever it had indexed before, so a typo never wipes knowledge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from copilot.embeddings.base import Embedder
from copilot.index.base import VectorIndex
from copilot.knowledge.loader import load_knowledge_base
from copilot.knowledge.results import LoadResult
from copilot.knowledge.schema import KnowledgeItem, Problem
from copilot.retrieval.chunking import CHUNKER_VERSION, Chunk, chunk_item, link_targets, linked

Progress = Callable[[int, int, str], None]
EMBED_BATCH = 64


@dataclass
class IngestReport:
    """What one ingest run changed, and every problem it met."""

    root: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_invalid: list[str] = field(default_factory=list)
    chunks_written: int = 0
    chunks_deleted: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the index changed."""
        return bool(self.chunks_written or self.chunks_deleted)

    def as_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "root": self.root,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": len(self.unchanged),
            "kept_invalid": self.kept_invalid,
            "chunks_written": self.chunks_written,
            "chunks_deleted": self.chunks_deleted,
            "changed": self.changed,
            "problems": [p.model_dump() for p in self.problems],
        }


def indexed_sources(index: VectorIndex, root: str) -> dict[str, tuple[str, list[str]]]:
    """source path → (content hash, chunk ids) for everything indexed from this root.

    A source chunked by an older chunker reports an empty hash, so the next ingest re-embeds it.
    """
    out: dict[str, tuple[str, list[str]]] = {}
    for hit in index.get(where={"root": root}):
        source = str(hit.metadata.get("source", ""))
        current = hit.metadata.get("chunker") == CHUNKER_VERSION
        sha = str(hit.metadata.get("source_sha", "")) if current else ""
        entry = out.setdefault(source, (sha, []))
        if not current and entry[0]:
            entry = out[source] = ("", entry[1])
        entry[1].append(hit.id)
    return out


def content_version(sha256: str, items: list[KnowledgeItem], targets: Mapping[str, KnowledgeItem]) -> str:
    """The file's hash, plus the titles its items spell out: renaming a criterion re-embeds the activities citing it."""
    used = sorted({pair for item in items for pair in linked(item, targets).items()})
    if not used:
        return sha256
    return hashlib.sha256("\n".join([sha256, *(f"{ref}={title}" for ref, title in used)]).encode()).hexdigest()


def ingest(
    root: Path,
    embedder: Embedder,
    index: VectorIndex,
    *,
    progress: Progress | None = None,
    loaded: LoadResult | None = None,
) -> IngestReport:
    """Bring the index in line with the folder: add new files, re-embed changed ones, drop deleted ones."""
    root = root.resolve()
    result = loaded or load_knowledge_base(root)
    key = str(root)
    report = IngestReport(root=key, problems=list(result.problems))
    before = indexed_sources(index, key)
    items_by_id = {item.id: item for item in result.items}
    targets = link_targets(result.items)
    to_write: list[Chunk] = []
    seen: set[str] = set()
    for info in result.files:
        seen.add(info.path)
        old = before.get(info.path)
        if not info.ok:
            if old:
                report.kept_invalid.append(info.path)
            continue
        items = [
            items_by_id[item_id]
            for item_id in info.item_ids
            if item_id in items_by_id and items_by_id[item_id].source == info.path
        ]
        version = content_version(info.sha256 or "", items, targets)
        if old and old[0] == version:
            report.unchanged.append(info.path)
            continue
        chunks = [chunk for item in items for chunk in chunk_item(item, source_sha=version, root=key, targets=targets)]
        if not chunks and not old:  # e.g. a team file: records, not knowledge to retrieve
            report.unchanged.append(info.path)
            continue
        (report.updated if old else report.added).append(info.path)
        if old:
            stale = sorted(set(old[1]) - {c.id for c in chunks})
            index.delete(stale)
            report.chunks_deleted += len(stale)
        to_write.extend(chunks)
    for source, (_, ids) in before.items():
        if source not in seen:
            index.delete(ids)
            report.removed.append(source)
            report.chunks_deleted += len(ids)
    _write(to_write, embedder, index, progress)
    report.chunks_written = len(to_write)
    return report


def _write(chunks: list[Chunk], embedder: Embedder, index: VectorIndex, progress: Progress | None) -> None:
    total = len(chunks)
    for start in range(0, total, EMBED_BATCH):
        batch = chunks[start : start + EMBED_BATCH]
        vectors = embedder.embed_documents([c.text for c in batch])
        index.upsert([c.id for c in batch], [c.text for c in batch], vectors, [c.metadata for c in batch])
        if progress:
            progress(min(start + EMBED_BATCH, total), total, batch[-1].metadata.get("source", ""))


def remove(index: VectorIndex, target: str) -> list[str]:
    """Remove an item (all its chunks) by id, or every chunk of a source path; returns the chunk ids removed."""
    hits = index.get(where={"item_id": target}) or index.get(where={"source": target})
    ids = [h.id for h in hits]
    index.delete(ids)
    return ids
