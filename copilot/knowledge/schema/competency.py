"""The competency model format: interactions, their criteria on the four-level scale, and the trust-but-verify policy."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from copilot.knowledge.schema.common import (
    CRITERION_ID,
    INTERACTION_ID,
    InteractionCategory,
    KnowledgeItem,
    LineMap,
    StrictModel,
    Text,
    Tier,
    VersionedDocument,
)
from copilot.knowledge.schema.scale import LEVEL_BY_SCORE, SCALE, LevelScore


class Policy(StrictModel):
    """Trust but verify: when a rep stays below threshold long enough, the manager steps in."""

    threshold: LevelScore = Field(default=3, description="Lowest acceptable level (name or 1-4); 3 = Good.")
    breaches: int = Field(default=2, ge=1, description="Observations below threshold that trigger the manager.")
    of_last: int = Field(default=3, ge=1, description="How many of the most recent observations are counted.")
    window_days: int = Field(
        default=14,
        ge=0,
        description="Days the rep has to self-correct after the first miss before breaches count.",
    )

    @model_validator(mode="after")
    def _breaches_fit(self) -> Policy:
        if self.breaches > self.of_last:
            raise ValueError(f"breaches ({self.breaches}) cannot exceed of_last ({self.of_last})")
        return self


class Levels(StrictModel):
    """The behavioural descriptor for each of the four levels of one criterion."""

    not_present: Text = Field(description="What a 1 (Not Present, red) looks like.")
    needs_work: Text = Field(description="What a 2 (Needs Work) looks like.")
    good: Text = Field(description="What a 3 (Good) looks like.")
    excellent: Text = Field(description="What a 4 (Excellent, green) looks like.")

    def by_score(self) -> dict[int, str]:
        """Descriptors keyed by score, for rendering next to a rating."""
        return {level.score: getattr(self, level.key) for level in SCALE}


class Criterion(StrictModel):
    """One critical element of an interaction, scored on the four-level scale."""

    id: str = Field(pattern=CRITERION_ID, description="`<interaction-id>.<slug>`, e.g. `discovery-call.agenda`.")
    title: Text = Field(description="Short name of the behaviour.")
    description: Text = Field(description="What the behaviour is and why it matters.")
    tier: Tier = Field(description="`basic` (rep self-corrects, threshold applies) or `advanced` (manager coaches).")
    threshold: LevelScore | None = Field(default=None, description="Overrides the policy threshold.")
    breaches: int | None = Field(default=None, ge=1, description="Overrides the policy breaches.")
    of_last: int | None = Field(default=None, ge=1, description="Overrides the policy of_last.")
    window_days: int | None = Field(default=None, ge=0, description="Overrides the policy window_days.")
    levels: Levels = Field(description="Behavioural descriptor per level.")

    def resolved_policy(self, default: Policy) -> Policy:
        """The file policy with this criterion's overrides applied."""
        overrides = {
            name: getattr(self, name)
            for name in ("threshold", "breaches", "of_last", "window_days")
            if getattr(self, name) is not None
        }
        return Policy.model_validate({**default.model_dump(), **overrides})


class Interaction(StrictModel):
    """An interaction type (discovery call, 1-on-1, ...) with its assessment map."""

    id: str = Field(pattern=INTERACTION_ID, description="Slug such as `discovery-call`.")
    title: Text = Field(description="Name shown to people.")
    category: InteractionCategory = Field(description="`rep-customer` or `manager-rep`.")
    description: Text = Field(description="What the interaction is for.")
    criteria: list[Criterion] = Field(min_length=1, description="The critical elements assessed.")

    @field_validator("criteria")
    @classmethod
    def _criteria_belong(cls, criteria: list[Criterion], info: ValidationInfo) -> list[Criterion]:
        interaction_id = info.data.get("id")
        if interaction_id:
            for criterion in criteria:
                if not criterion.id.startswith(f"{interaction_id}."):
                    raise ValueError(
                        f"criterion id {criterion.id!r} must start with {interaction_id + '.'!r} "
                        f"(e.g. {interaction_id}.{criterion.id.split('.')[-1]})"
                    )
        return criteria


def criterion_text(interaction_title: str, criterion: Criterion, policy: Policy) -> str:
    """Self-contained text of a criterion: what it is, every level, and when the manager steps in."""
    levels = "\n".join(f"{lvl.score} {lvl.label}: {getattr(criterion.levels, lvl.key)}" for lvl in SCALE)
    threshold = LEVEL_BY_SCORE[policy.threshold]
    if criterion.tier == "basic":
        rule = (
            f"Basic skill, threshold {threshold.label} ({threshold.score}): the rep self-corrects first; the manager "
            f"steps in when {policy.breaches} of the last {policy.of_last} observations are below it after a "
            f"{policy.window_days}-day window."
        )
    else:
        rule = (
            f"Advanced skill: the manager coaches it directly; once adopted it becomes basic with threshold "
            f"{threshold.label} ({threshold.score})."
        )
    return (
        f"{interaction_title} - {criterion.title} ({criterion.tier} skill)\n{criterion.description}\n{levels}\n{rule}"
    )


class CompetencyModelFile(VersionedDocument):
    """The assessment maps of every interaction, plus the default trust-but-verify policy."""

    kind: Literal["competency_model"] = Field(description="Always `competency_model`.")
    policy: Policy = Field(default_factory=Policy, description="Default policy for every criterion in this file.")
    interactions: list[Interaction] = Field(min_length=1, description="Interaction types and their criteria.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Interactions and criteria as citable items."""
        out: list[KnowledgeItem] = []
        for i, inter in enumerate(self.interactions):
            elements = "; ".join(f"{c.title} ({c.tier})" for c in inter.criteria)
            out.append(
                KnowledgeItem(
                    id=inter.id,
                    type="interaction",
                    title=inter.title,
                    source=source,
                    line=lines.get(("interactions", i)),
                    text=f"{inter.title} ({inter.category} interaction)\n{inter.description}\nCritical elements: {elements}",
                    metadata={
                        "interaction": inter.id,
                        "category": inter.category,
                        "criteria": [c.id for c in inter.criteria],
                        "version": self.version,
                    },
                )
            )
            for j, crit in enumerate(inter.criteria):
                policy = crit.resolved_policy(self.policy)
                out.append(
                    KnowledgeItem(
                        id=crit.id,
                        type="criterion",
                        title=f"{inter.title}: {crit.title}",
                        source=source,
                        line=lines.get(("interactions", i, "criteria", j)),
                        text=criterion_text(inter.title, crit, policy),
                        metadata={
                            "interaction": inter.id,
                            "category": inter.category,
                            "tier": crit.tier,
                            "threshold": policy.threshold,
                            "criteria": [crit.id],
                            "version": self.version,
                        },
                    )
                )
        return out
