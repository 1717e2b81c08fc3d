"""What every knowledge format shares: id patterns, the small vocabularies, the strict base model, the
versioned file header and the flattened KnowledgeItem each file becomes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SUPPORTED_VERSION = 1
LineMap = dict[tuple[str | int, ...], int]
"""Key path inside a YAML file (e.g. `("interactions", 0, "criteria", 2)`) -> 1-based line."""

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
INTERACTION_ID = rf"^{SLUG}$"
CRITERION_ID = rf"^{SLUG}\.{SLUG}$"


def prefixed_id(prefix: str) -> str:
    """The id pattern for one item type, so ids stay unique across types and say what they point at."""
    return rf"^{prefix}-{SLUG}$"


InteractionCategory = Literal["rep-customer", "manager-rep"]
Tier = Literal["basic", "advanced"]
RootCause = Literal["knowledge", "skill", "confidence", "messaging", "will"]
ROOT_CAUSES: tuple[RootCause, ...] = ("knowledge", "skill", "confidence", "messaging", "will")
ObjectionCategory = Literal[
    "price",
    "timing",
    "competitor",
    "status_quo",
    "authority",
    "risk",
    "need",
    "trust",
    "implementation",
    "contract",
]
ActivityKind = Literal["lesson", "model_example", "drill", "roleplay", "shadowing", "job_aid", "conversation"]
QuestionKind = Literal["diagnostic", "commitment"]
Difficulty = Literal["easy", "realistic", "tough"]
ItemType = Literal[
    "interaction",
    "criterion",
    "persona",
    "value_proposition",
    "differentiator",
    "insight",
    "objection",
    "activity",
    "question",
    "scenario",
    "guide",
    "coaching_note",
    "company",
]
Text = Annotated[str, Field(min_length=1)]


class StrictModel(BaseModel):
    """Base for file content: unknown keys are errors, so typos never silently drop content."""

    model_config = ConfigDict(extra="forbid")


def listing(title: str, values: list[str], numbered: bool = False) -> str:
    """A titled bullet or numbered list, or nothing when empty."""
    if not values:
        return ""
    rows = [f"{n}. {v}" if numbered else f"- {v}" for n, v in enumerate(values, 1)]
    return f"\n{title}:\n" + "\n".join(rows)


def interactions_of(criteria: list[str]) -> list[str]:
    """Interaction ids named by criterion ids, in first-seen order."""
    return list(dict.fromkeys(c.split(".", 1)[0] for c in criteria if "." in c))


class VersionedDocument(StrictModel):
    """Common header of every structured file."""

    version: int = Field(description=f"Format version; this copilot reads version {SUPPORTED_VERSION}.")

    @field_validator("version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value != SUPPORTED_VERSION:
            raise ValueError(f"version {value} is not supported; this copilot reads version {SUPPORTED_VERSION}")
        return value

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """The file's content as citable items; each kind overrides this."""
        raise NotImplementedError


MetadataValue = str | int | float | bool | list[str]


class KnowledgeItem(StrictModel):
    """One citable unit, flattened from any format, as ingestion embeds it and advice cites it."""

    id: str = Field(description="Stable id, unique across the knowledge base.")
    type: ItemType = Field(description="What kind of item it is.")
    title: str = Field(description="Short title.")
    text: str = Field(description="Self-contained text to embed and show.")
    source: str = Field(description="Path of the file, relative to the knowledge root.")
    line: int | None = Field(default=None, description="Line in the source file where the item starts.")
    metadata: dict[str, MetadataValue] = Field(
        default_factory=dict, description="Filterable facts: interaction, criteria, root_causes, kind, ..."
    )
