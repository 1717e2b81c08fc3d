"""The objection library format: how each persona voices an objection and the recommended way through it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from copilot.knowledge.schema.common import (
    KnowledgeItem,
    LineMap,
    MetadataValue,
    ObjectionCategory,
    StrictModel,
    Text,
    VersionedDocument,
    interactions_of,
    listing,
    prefixed_id,
)


class Objection(StrictModel):
    """A buyer objection, how each persona voices it, and the recommended way through it."""

    id: str = Field(pattern=prefixed_id("obj"), description="`obj-<slug>`.")
    category: ObjectionCategory = Field(description="Kind of objection.")
    title: Text = Field(description="The objection in a few words.")
    phrasings: dict[str, list[str]] = Field(
        default_factory=dict, description="Persona id -> how that buyer says it, in their words."
    )
    handling_path: list[str] = Field(default_factory=list, description="Ordered steps to handle it.")
    answer: str = Field(default="", description="Recommended talk track.")
    proof_points: list[str] = Field(
        default_factory=list,
        description="Ids of differentiators, value propositions or insights that back the answer.",
    )
    criteria: list[str] = Field(default_factory=list, description="Criterion ids this objection exercises.")


class ObjectionsFile(VersionedDocument):
    """The objection library."""

    kind: Literal["objections"] = Field(description="Always `objections`.")
    objections: list[Objection] = Field(min_length=1, description="Objections.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Objections with phrasings, handling path and answer as citable items."""
        out: list[KnowledgeItem] = []
        for i, o in enumerate(self.objections):
            said = [f'{persona}: "{p}"' for persona, phrases in o.phrasings.items() for p in phrases]
            text = f"Objection ({o.category}): {o.title}" + listing("How buyers say it", said)
            text += listing("Handling path", o.handling_path, numbered=True)
            if o.answer:
                text += f"\nRecommended answer: {o.answer}"
            if o.proof_points:
                text += f"\nProof points: {', '.join(o.proof_points)}"
            meta: dict[str, MetadataValue] = {"category": o.category, "version": self.version}
            if o.criteria:
                meta |= {"criteria": o.criteria, "interactions": interactions_of(o.criteria)}
            if o.phrasings:
                meta["personas"] = list(o.phrasings)
            out.append(
                KnowledgeItem(
                    id=o.id,
                    type="objection",
                    title=o.title,
                    text=text,
                    source=source,
                    line=lines.get(("objections", i)),
                    metadata=meta,
                )
            )
        return out
