"""First run: load the default knowledge base so a new user sees a working product at once."""

from __future__ import annotations

from copilot.runtime import Runtime


def ensure_knowledge_loaded(runtime: Runtime) -> str:
    """Ingest the knowledge folder when the index is empty; a no-op afterwards (ingest is idempotent anyway)."""
    if runtime.index.count() > 0:
        return f"knowledge index ready ({runtime.index.count()} chunks)"
    from copilot.retrieval.ingest import ingest

    root = runtime.settings.resolved_knowledge_dir
    if not root.is_dir():
        return f"no knowledge folder at {root}; set COPILOT_KNOWLEDGE_DIR and run `copilot kb ingest`"
    report = ingest(root, runtime.embedder, runtime.index)
    return f"loaded the knowledge base from {root}: {report.chunks_written} chunks"
