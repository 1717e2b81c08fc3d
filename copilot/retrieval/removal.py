"""Taking knowledge out of the index, and deleting an uploaded file with it so the next ingest does not bring it back.

It lives in retrieval, not knowledge, because it works on the index: knowledge sits below retrieval and never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from copilot.errors import KnowledgeBaseError
from copilot.index.base import VectorIndex
from copilot.knowledge.loader import UPLOADS_PREFIX
from copilot.retrieval.ingest import remove
from copilot.settings import Settings

_LISTED = "`copilot kb list`, or the web app's Knowledge base > Browse and remove table"


@dataclass
class Removal:
    """What `remove_knowledge` took out: chunk ids, and the uploaded file it deleted, if any."""

    target: str
    chunks: list[str]
    deleted_upload: bool

    def message(self, ingest_hint: str) -> str:
        """One line for people; `ingest_hint` names how this interface re-ingests."""
        done = f"Removed {len(self.chunks)} chunk(s) of `{self.target}`."
        if self.deleted_upload:
            return f"{done} Deleted the uploaded file {self.target}."
        return f"{done} The file still holds it: {ingest_hint} brings it back unless you edit or delete the file."


def remove_knowledge(settings: Settings, index: VectorIndex, target: str) -> Removal:
    """Take an item (by id) or a whole file (by source path) out of the index; an uploaded file is deleted too.

    Files in the knowledge folder are the team's source (often a git checkout) and are never touched; an upload
    lives only in the data folder, so leaving it would bring it back at the next ingest or start.
    """
    target = target.strip()
    if not target:
        raise KnowledgeBaseError("nothing to remove", fix=f"give an item id or a source path ({_LISTED})")
    removed = remove(index, target)
    if not removed:
        raise KnowledgeBaseError(
            f"nothing indexed as {target!r}", key=target, fix=f"use an id or source as listed: {_LISTED}"
        )
    name = target.removeprefix(UPLOADS_PREFIX)
    uploaded = settings.uploads_dir / name
    is_upload = target.startswith(UPLOADS_PREFIX) and "/" not in name and uploaded.is_file()
    if is_upload:
        uploaded.unlink()
    return Removal(target, removed, is_upload)
