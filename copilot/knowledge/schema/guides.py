"""Free text: Markdown, text and PDF guides and coaching notes, cut into citable sections."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from copilot.knowledge.schema.common import SLUG, KnowledgeItem, MetadataValue, StrictModel, interactions_of


class FrontMatter(StrictModel):
    """Optional YAML header of a Markdown file."""

    id: str | None = Field(default=None, pattern=rf"^{SLUG}$", description="Overrides the default id.")
    title: str | None = Field(default=None, description="Overrides the first heading as title.")
    type: Literal["guide", "coaching_note"] = Field(default="guide", description="`guide` or `coaching_note`.")
    criteria: list[str] = Field(default_factory=list, description="Criterion ids the text is about.")
    interaction: str | None = Field(default=None, description="Interaction id the text is about.")
    rep: str | None = Field(default=None, description="Rep id, for coaching notes.")
    date: dt.date | None = Field(default=None, description="Date, for coaching notes (YYYY-MM-DD).")


class GuideSection(StrictModel):
    """One heading section of a guide, the unit the copilot cites."""

    id: str = Field(description="`<guide id>#<heading-slug>` or `<guide id>#page-<n>`.")
    title: str = Field(description="Heading text.")
    text: str = Field(description="Body under the heading.")
    line: int | None = Field(default=None, description="Line of the heading.")


class Guide(StrictModel):
    """A free-text guide or coaching note (Markdown, text or PDF)."""

    id: str = Field(description="`guide-<stem>`, `note-<stem>`, or the front-matter id.")
    title: str = Field(description="Title.")
    type: Literal["guide", "coaching_note"] = Field(description="`guide` or `coaching_note`.")
    source: str = Field(description="Path relative to the knowledge root.")
    format: Literal["markdown", "text", "pdf"] = Field(description="File format.")
    criteria: list[str] = Field(default_factory=list, description="Criterion ids it is about.")
    interaction: str | None = Field(default=None, description="Interaction id it is about.")
    rep: str | None = Field(default=None, description="Rep id, for coaching notes.")
    date: dt.date | None = Field(default=None, description="Date, for coaching notes.")
    summary: str = Field(default="", description="Text before the first section.")
    sections: list[GuideSection] = Field(default_factory=list, description="Heading sections or PDF pages.")

    def items(self) -> list[KnowledgeItem]:
        """One overview item for the whole text (if it has one) plus one item per section."""
        meta: dict[str, MetadataValue] = {"format": self.format, "guide": self.id}
        if self.criteria:
            meta |= {"criteria": self.criteria, "interactions": interactions_of(self.criteria)}
        if self.interaction:
            meta["interaction"] = self.interaction
        if self.rep:
            meta["rep"] = self.rep
        if self.date:
            meta["date"] = self.date.isoformat()
        out: list[KnowledgeItem] = []
        if self.summary or self.format != "pdf":
            summary = self.summary
            text = summary if summary.startswith(self.title) else "\n\n".join(x for x in (self.title, summary) if x)
            if self.sections and self.format != "pdf":
                text += "\n\nSections: " + "; ".join(s.title for s in self.sections)
            out.append(
                KnowledgeItem(
                    id=self.id,
                    type=self.type,
                    title=self.title,
                    text=text,
                    source=self.source,
                    line=1,
                    metadata=meta,
                )
            )
        for section in self.sections:
            out.append(
                KnowledgeItem(
                    id=section.id,
                    type=self.type,
                    title=f"{self.title}: {section.title}",
                    source=self.source,
                    line=section.line,
                    text=f"{self.title} - {section.title}\n\n{section.text}",
                    metadata={**meta, "section": section.title},
                )
            )
        return out
