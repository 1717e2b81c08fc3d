"""The roleplay scenarios format: the buyer, what they know, which objections they raise and how they meet offers."""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import Field, model_validator

from copilot.knowledge.schema.common import (
    Difficulty,
    KnowledgeItem,
    LineMap,
    MetadataValue,
    StrictModel,
    Text,
    VersionedDocument,
    prefixed_id,
)

FactTopic = Literal["budget", "timing", "decision", "compare", "burned", "priorities"]
FACT_TOPICS: tuple[FactTopic, ...] = ("budget", "timing", "decision", "compare", "burned", "priorities")
OfferKind = Literal["discount", "term", "pilot", "deferred", "services"]
OfferReaction = Literal["take", "counter", "distrust"]


class ScenarioFact(StrictModel):
    """Something the roleplay buyer knows and says, in their own words, when the rep asks about its topic."""

    topic: FactTopic = Field(description="budget, timing, decision, compare, burned or priorities.")
    says: Text = Field(description="The buyer's words, first person, as spoken.")
    guarded: bool = Field(default=False, description="Said only after the concern was acknowledged, unpressed.")


class ScenarioReaction(StrictModel):
    """How the buyer meets a concession the rep offers (a concession listed here is one the buyer asked for)."""

    offer: OfferKind = Field(
        description="discount, term (a shorter or simpler contract), pilot, deferred (paying later) or services "
        "(work given free: onboarding, training days, set-up)."
    )
    objection: str | None = Field(default=None, description="Only while this objection is live; default any.")
    reaction: OfferReaction = Field(description="take, counter (wants more once) or distrust.")


class ScenarioCondition(StrictModel):
    """What would settle one of the buyer's concerns, in their words: said when the rep asks what it would take
    ('What would you need to see to be comfortable with longer than a year?')."""

    objection: str = Field(description="The objection it settles; one the scenario raises.")
    says: Text = Field(description="The buyer's condition, first person, as spoken.")


class Scenario(StrictModel):
    """A roleplay buyer: who they are, what they want and which objections they will raise."""

    id: str = Field(pattern=prefixed_id("sc"), description="`sc-<slug>`.")
    title: Text = Field(description="Name of the scenario.")
    persona: str = Field(description="Persona id of the buyer.")
    industry: Text = Field(description="Buyer's industry.")
    company_size: Text = Field(description="Headcount or revenue band.")
    disposition: Text = Field(description="The buyer's mood and stance.")
    deal_context: Text = Field(description="Where the deal stands.")
    difficulty: Difficulty = Field(description="easy, realistic or tough.")
    objections: list[str] = Field(default_factory=list, description="Objection ids the buyer will raise.")
    opening_line: Text = Field(description="The buyer's first words.")
    brief: Text = Field(description="The card the rep reads before starting.")
    facts: list[ScenarioFact] = Field(default_factory=list, description="What the buyer reveals when asked well.")
    reactions: list[ScenarioReaction] = Field(default_factory=list, description="Concessions the buyer asked for.")
    conditions: list[ScenarioCondition] = Field(
        default_factory=list, description="What would settle a concern, said when the rep asks what it would take."
    )

    @model_validator(mode="after")
    def _conditions_on_own_objections(self) -> Scenario:
        stray = [c.objection for c in self.conditions if c.objection not in self.objections]
        if stray:
            close = [m for s in stray for m in difflib.get_close_matches(s, self.objections, n=1)]
            raise ValueError(
                f"conditions name objections the scenario does not raise: {', '.join(stray)}; each condition names "
                f"one of its objections ({', '.join(self.objections) or 'none listed'})"
                + (f"; did you mean {', '.join(close)}?" if close else "")
            )
        seen = [c.objection for c in self.conditions]
        if len(seen) != len(set(seen)):
            twice = sorted({o for o in seen if seen.count(o) > 1})
            raise ValueError(f"one condition per objection: {', '.join(twice)} has more than one; keep one")
        return self


class ScenariosFile(VersionedDocument):
    """Roleplay scenarios."""

    kind: Literal["scenarios"] = Field(description="Always `scenarios`.")
    scenarios: list[Scenario] = Field(min_length=1, description="Scenarios.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Roleplay scenarios as citable items."""
        out: list[KnowledgeItem] = []
        for i, sc in enumerate(self.scenarios):
            text = (
                f"Roleplay scenario: {sc.title} ({sc.difficulty})\nBuyer: {sc.persona}, {sc.industry}, "
                f"{sc.company_size}\nDisposition: {sc.disposition}\nDeal context: {sc.deal_context}\n"
                f'Objections: {", ".join(sc.objections) or "none"}\nOpening line: "{sc.opening_line}"\n'
                f"Brief: {sc.brief}"
            )
            meta: dict[str, MetadataValue] = {
                "persona": sc.persona,
                "difficulty": sc.difficulty,
                "industry": sc.industry,
                "version": self.version,
            }
            if sc.objections:
                meta["objections"] = sc.objections
            out.append(
                KnowledgeItem(
                    id=sc.id,
                    type="scenario",
                    title=sc.title,
                    text=text,
                    source=source,
                    line=lines.get(("scenarios", i)),
                    metadata=meta,
                )
            )
        return out
