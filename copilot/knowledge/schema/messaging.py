"""The messaging format: company, buyer personas, value propositions, differentiators and insights."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from copilot.knowledge.schema.common import (
    KnowledgeItem,
    LineMap,
    MetadataValue,
    StrictModel,
    Text,
    VersionedDocument,
    listing,
    prefixed_id,
)


class Company(StrictModel):
    """Who is selling what, in one breath."""

    name: Text = Field(description="Company name.")
    product: Text = Field(description="Product name.")
    one_liner: Text = Field(description="The one-sentence description every rep should be able to say.")


class Persona(StrictModel):
    """A buyer role the messaging and roleplays are written for."""

    id: str = Field(pattern=prefixed_id("persona"), description="`persona-<slug>`.")
    title: Text = Field(description="Role title, e.g. Chief Financial Officer.")
    cares_about: list[str] = Field(default_factory=list, description="What this buyer is measured on or wants.")
    typical_concerns: list[str] = Field(default_factory=list, description="Worries this buyer tends to raise.")


class ValueProposition(StrictModel):
    """The value statement for one persona."""

    id: str = Field(pattern=prefixed_id("vp"), description="`vp-<slug>`.")
    persona: str = Field(description="Persona id it is written for.")
    headline: Text = Field(description="One crisp sentence.")
    body: Text = Field(description="Two to four sentences a rep can say aloud.")
    proof_points: list[str] = Field(default_factory=list, description="Facts, metrics or stories that back it.")


class Differentiator(StrictModel):
    """Why us rather than the alternative, with evidence."""

    id: str = Field(pattern=prefixed_id("diff"), description="`diff-<slug>`.")
    title: Text = Field(description="Short name.")
    body: Text = Field(description="What is different and why it matters to the buyer.")
    proof: Text = Field(description="Evidence a buyer can check.")


class Insight(StrictModel):
    """A point of view that reframes the buyer's problem and tees up open questions."""

    id: str = Field(pattern=prefixed_id("ins"), description="`ins-<slug>`.")
    title: Text = Field(description="Short name.")
    body: Text = Field(description="The insight, in the rep's words.")
    questions: list[str] = Field(default_factory=list, description="Open questions the insight sets up.")


class MessagingFile(VersionedDocument):
    """Company story, personas, value propositions, differentiators and insights."""

    kind: Literal["messaging"] = Field(description="Always `messaging`.")
    company: Company | None = Field(default=None, description="The company and product.")
    personas: list[Persona] = Field(default_factory=list, description="Buyer personas.")
    value_propositions: list[ValueProposition] = Field(default_factory=list, description="Per-persona value.")
    differentiators: list[Differentiator] = Field(default_factory=list, description="Why us.")
    insights: list[Insight] = Field(default_factory=list, description="Insights that tee up questions.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Company, personas, value propositions, differentiators and insights as citable items."""
        meta: dict[str, MetadataValue] = {"version": self.version}
        out: list[KnowledgeItem] = []
        if self.company:
            c = self.company
            out.append(
                KnowledgeItem(
                    id="company",
                    type="company",
                    title=c.name,
                    source=source,
                    line=lines.get(("company",)),
                    text=f"{c.name} sells {c.product}. {c.one_liner}",
                    metadata=meta,
                )
            )
        for i, p in enumerate(self.personas):
            text = f"Buyer persona: {p.title}" + listing("Cares about", p.cares_about)
            text += listing("Typical concerns", p.typical_concerns)
            out.append(
                KnowledgeItem(
                    id=p.id,
                    type="persona",
                    title=p.title,
                    text=text,
                    source=source,
                    line=lines.get(("personas", i)),
                    metadata={**meta, "persona": p.id},
                )
            )
        for i, v in enumerate(self.value_propositions):
            text = f"Value proposition for {v.persona}: {v.headline}\n{v.body}" + listing(
                "Proof points", v.proof_points
            )
            out.append(
                KnowledgeItem(
                    id=v.id,
                    type="value_proposition",
                    title=v.headline,
                    text=text,
                    source=source,
                    line=lines.get(("value_propositions", i)),
                    metadata={**meta, "persona": v.persona},
                )
            )
        for i, d in enumerate(self.differentiators):
            out.append(
                KnowledgeItem(
                    id=d.id,
                    type="differentiator",
                    title=d.title,
                    source=source,
                    text=f"Differentiator: {d.title}\n{d.body}\nProof: {d.proof}",
                    line=lines.get(("differentiators", i)),
                    metadata=meta,
                )
            )
        for i, n in enumerate(self.insights):
            text = f"Insight: {n.title}\n{n.body}" + listing("Questions it tees up", n.questions)
            out.append(
                KnowledgeItem(
                    id=n.id,
                    type="insight",
                    title=n.title,
                    text=text,
                    source=source,
                    line=lines.get(("insights", i)),
                    metadata=meta,
                )
            )
        return out
