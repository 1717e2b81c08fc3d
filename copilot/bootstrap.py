"""First run: load the default knowledge base so a new user sees a working product at once."""

from __future__ import annotations

from copilot.runtime import Runtime


def ensure_knowledge_loaded(runtime: Runtime) -> str:
    """Ingest the knowledge folder when the index is empty; a no-op afterwards (ingest is idempotent anyway)."""
    if runtime.index.count() > 0:
        return f"knowledge index ready ({runtime.index.count()} chunks)"
    from copilot.knowledge.installed import load_installed
    from copilot.retrieval.ingest import ingest

    root = runtime.settings.resolved_knowledge_dir
    if not root.is_dir():
        return f"no knowledge folder at {root}; set COPILOT_KNOWLEDGE_DIR and run `copilot kb ingest`"
    report = ingest(root, runtime.embedder, runtime.index, loaded=load_installed(runtime.settings))
    return f"loaded the knowledge base from {root}: {report.chunks_written} chunks"


def ensure_demo_team_loaded(runtime: Runtime) -> str:
    """Load the demo team into an empty records database, so the manager pages have someone to show."""
    from copilot.records import Actor, demo_team_file, open_store

    store = open_store(runtime.settings)
    try:
        admin = Actor.local_admin()
        if store.teams(admin):
            return "records ready"
        path = demo_team_file(runtime.settings)
        if not path.is_file():
            return f"no demo team at {path}; load your own with `copilot team load FILE`"
        summary = store.load_team_file(admin, path)
        return f"loaded the demo team {summary.team_id} from {path}"
    finally:
        store.close()
