"""The knowledge base as installed: the knowledge folder plus the files enablement uploaded into the data folder."""

from __future__ import annotations

from pathlib import Path

from copilot.knowledge.loader import load_knowledge_base
from copilot.knowledge.results import LoadResult
from copilot.settings import Settings


def uploads_for(settings: Settings, root: Path) -> Path | None:
    """The uploads folder that belongs with `root`: only the configured knowledge folder has one."""
    return settings.uploads_dir if _same(root, settings.resolved_knowledge_dir) else None


def load_installed(settings: Settings, root: Path | None = None) -> LoadResult:
    """Load the knowledge folder (or `root`) with the uploads, so validation, ingestion and records see one base."""
    folder = root if root is not None else settings.resolved_knowledge_dir
    return load_knowledge_base(folder, uploads=uploads_for(settings, folder))


def _same(a: Path, b: Path) -> bool:
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()
