"""Curating the knowledge base: the use cases behind `copilot kb` and enablement's Knowledge base tab.

Validate, ingest, list, show, remove, search and find gaps, the same way from both front ends: one listing of what
the index holds, one search (refusing an empty question or an empty index with the fix), and the App reads the
knowledge again whenever an ingest or a removal changed it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copilot.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.knowledge import CoverageReport, LoadResult
    from copilot.retrieval.ingest import IngestReport
    from copilot.retrieval.removal import Removal
    from copilot.retrieval.search import Result

Progress = Callable[[int, int, str], None]
"""Called per embedded batch with (chunks done, chunks in all, source file)."""

MODES = ("dense", "keyword", "hybrid")


def root(app: App, path: Path | None = None) -> Path:
    """The folder to read: the one given, else the knowledge folder (uploads always come from the data folder)."""
    return path if path is not None else app.settings.resolved_knowledge_dir


def validate(app: App, path: Path | None = None) -> LoadResult:
    """Every file of the folder and the uploads, checked together; each problem with its file, line or key and fix."""
    from copilot.knowledge.installed import load_installed

    return load_installed(app.settings, root(app, path))


def ingest(
    app: App, path: Path | None = None, *, progress: Progress | None = None, loaded: LoadResult | None = None
) -> IngestReport:
    """Index the folder with the uploads (idempotent by content hash); the App rereads the knowledge if it changed."""
    from copilot.retrieval.ingest import ingest as run_ingest

    folder = root(app, path)
    loaded = loaded if loaded is not None else validate(app, path)  # with the uploads, or they would leave the index
    report = run_ingest(folder, app.runtime.embedder, app.runtime.index, progress=progress, loaded=loaded)
    if report.changed:
        app.reload_knowledge()
    return report


def indexed_chunks(app: App) -> int:
    """How many chunks the index holds."""
    return app.runtime.index.count()


@dataclass(frozen=True)
class Item:
    """One indexed item: where it comes from and how many chunks it was cut into (views of a parent not counted)."""

    id: str
    type: str | None
    title: str | None
    source: str | None
    line: int | None
    private: bool
    chunks: int

    def as_dict(self) -> dict[str, Any]:
        """The item as `copilot kb list --json` prints it."""
        return {
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "source": self.source,
            "line": self.line,
            "chunks": self.chunks,
        }


def items(app: App, item_type: str | None = None) -> list[Item]:
    """What the index holds, one entry per item, ordered by type then id."""
    found: dict[str, dict[str, Any]] = {}
    for hit in app.runtime.index.get(where={"type": item_type} if item_type else None):
        meta = hit.metadata
        key = str(meta.get("item_id", hit.id))
        entry = found.setdefault(
            key,
            {
                "id": key,
                "type": meta.get("type"),
                "title": meta.get("title"),
                "source": meta.get("source"),
                "line": meta.get("line"),
                "private": bool(meta.get("private")),
                "chunks": 0,
            },
        )
        entry["chunks"] += 0 if meta.get("view") else 1
    return sorted((Item(**e) for e in found.values()), key=lambda i: (str(i.type), i.id))


def item_types(app: App) -> list[str]:
    """Item types present in the index."""
    return sorted({str(h.metadata.get("type")) for h in app.runtime.index.get() if h.metadata.get("type")})


@dataclass(frozen=True)
class Shown:
    """One item as indexed: its metadata, how many chunks, and its text."""

    id: str
    metadata: dict[str, Any]
    chunks: int
    text: str


def show(app: App, item_id: str) -> Shown:
    """One indexed item with its text in order; an unknown id says where to find ids."""
    chunks = app.runtime.index.get(where={"item_id": item_id})
    hits = sorted(
        (h for h in chunks if int(h.metadata.get("part", 0)) >= 0), key=lambda h: int(h.metadata.get("part", 0))
    )
    if not hits:
        raise KnowledgeBaseError(f"no indexed item {item_id!r}", key=item_id, fix="see `copilot kb list` for ids")
    meta = {k: v for k, v in hits[0].metadata.items() if k not in ("part",)}
    return Shown(item_id, meta, len(hits), "\n".join(h.text for h in hits))


def remove(app: App, target: str) -> Removal:
    """Take an item (by id) or a file (by source path) out of the index; an uploaded file is deleted too."""
    from copilot.retrieval.removal import remove_knowledge

    removal = remove_knowledge(app.settings, app.runtime.index, target)
    if removal.deleted_upload:
        app.reload_knowledge()
    return removal


def require_index(app: App) -> None:
    """Refuse to retrieve from an empty index, which would answer every question with nothing."""
    if app.runtime.index.count() == 0:
        raise KnowledgeBaseError(
            "the knowledge index is empty, so there is nothing to retrieve",
            fix="run `copilot kb ingest knowledge` (or `copilot serve`, which loads it on first run)",
        )


def search(
    app: App,
    query: str,
    *,
    k: int = 5,
    mode: str = "hybrid",
    item_type: str | None = None,
    criterion: str | None = None,
    interaction: str | None = None,
) -> list[Result]:
    """What the copilot would retrieve for a question: the same search its answers and briefs use."""
    from copilot.retrieval.search import build_where

    if not query.strip():
        raise KnowledgeBaseError("the question is empty", fix="type what a manager or rep would ask")
    if mode not in MODES:
        raise KnowledgeBaseError(f"unknown search mode {mode!r}", fix=f"use {', '.join(MODES)}")
    require_index(app)
    where = build_where(type=item_type or None, criterion=criterion, interaction=interaction)
    return app.runtime.retriever.search(query, k=int(k), mode=mode, where=where)  # type: ignore[arg-type]


def gaps(app: App, path: Path | None = None) -> CoverageReport:
    """Criteria without activities or questions, objections without answers, dangling references."""
    from copilot.knowledge import coverage

    return coverage(validate(app, path).kb)


def recall(app: App, queries: list[Path] | None = None, *, k: int = 5) -> dict[str, Any]:
    """Retrieval quality on the labelled queries: recall@k and MRR for each mode, per split."""
    from copilot.retrieval.evaluate import default_query_files, evaluate_retrieval

    require_index(app)
    return evaluate_retrieval(app.runtime.retriever, queries or default_query_files(), k=k)
