"""What the loader reports: a problem with file, line, key and fix, and what it made of each file."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from copilot.knowledge.schema.common import StrictModel

Severity = Literal["error", "warning", "info"]


class Problem(StrictModel):
    """Something wrong (or worth knowing) about a file, with where it is and how to fix it."""

    path: str = Field(description="File path relative to the knowledge root (or as given).")
    line: int | None = Field(default=None, description="1-based line, when known.")
    key: str | None = Field(default=None, description="Dotted key path inside the file, when known.")
    message: str = Field(description="What is wrong.")
    fix: str = Field(description="What to do about it.")
    severity: Severity = Field(default="error", description="error: content not loaded or wrong; warning; info.")

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line is not None else "")
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.severity}: {self.message} (fix: {self.fix})"


class FileInfo(StrictModel):
    """What the loader made of one file; ingestion compares hashes to stay idempotent."""

    path: str = Field(description="Path relative to the knowledge root.")
    sha256: str | None = Field(default=None, description="Hash of the raw bytes; None when the file was not read.")
    size: int = Field(default=0, description="Size in bytes.")
    kind: str | None = Field(default=None, description="Document kind, `markdown`, `text`, `pdf`, `team` or None.")
    item_ids: list[str] = Field(default_factory=list, description="Ids of the items it contributed.")
    ok: bool = Field(description="True when the file parsed and validated and so contributes its items.")
