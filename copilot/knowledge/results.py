"""What loading gives back: per file (document, items, problems, line map) and for the whole knowledge base."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.diagnostics import problem
from copilot.knowledge.schema import (
    FileInfo,
    Guide,
    KnowledgeBase,
    KnowledgeItem,
    LineMap,
    Problem,
    Severity,
    StructuredDocument,
)
from copilot.knowledge.team_file import TeamFile

Document = StructuredDocument | TeamFile | Guide


@dataclass
class FileResult:
    """What one file contributed: its parsed document (None if invalid), items and problems."""

    info: FileInfo
    document: Document | None = None
    items: list[KnowledgeItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: LineMap = field(default_factory=dict)

    def add(
        self,
        message: str,
        fix: str,
        *,
        line: int | None = None,
        key: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """Record a problem in this file."""
        self.problems.append(problem(self.info.path, message, fix, line=line, key=key, severity=severity))


@dataclass
class LoadResult:
    """A whole knowledge base: typed content, flattened items, every problem and per-file facts."""

    root: Path
    kb: KnowledgeBase
    items: list[KnowledgeItem]
    problems: list[Problem]
    files: list[FileInfo]
    teams: dict[str, TeamFile] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when nothing is an error."""
        return not self.errors

    def item(self, item_id: str) -> KnowledgeItem:
        """The item with this id, or KnowledgeBaseError naming close matches."""
        for item in self.items:
            if item.id == item_id:
                return item
        close = difflib.get_close_matches(item_id, [i.id for i in self.items], n=3)
        raise KnowledgeBaseError(
            f"no item with id {item_id!r}",
            key=item_id,
            fix=f"did you mean {', '.join(close)}?" if close else "list ids with `copilot kb list`",
        )
