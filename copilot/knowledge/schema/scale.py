"""The fixed four-level assessment scale, and how a file may write a level (its name or its score)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class ScaleLevel(BaseModel):
    """One step of the fixed four-level assessment scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    score: int = Field(description="Numeric score, 1 (lowest) to 4 (highest).")
    key: str = Field(description="Key used in YAML files, e.g. `needs_work`.")
    label: str = Field(description="Name shown to people, e.g. `Needs Work`.")
    colour: str = Field(description="Colour used in heat maps and badges.")


SCALE: tuple[ScaleLevel, ...] = (
    ScaleLevel(score=1, key="not_present", label="Not Present", colour="red"),
    ScaleLevel(score=2, key="needs_work", label="Needs Work", colour="orange"),
    ScaleLevel(score=3, key="good", label="Good", colour="yellowgreen"),
    ScaleLevel(score=4, key="excellent", label="Excellent", colour="green"),
)
LEVEL_BY_KEY = {level.key: level for level in SCALE}
LEVEL_BY_SCORE = {level.score: level for level in SCALE}


def parse_level(value: Any) -> Any:
    """Accept a level as its name (`good`, `Needs Work`) or its score, so files read naturally."""
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "_")
        if key in LEVEL_BY_KEY:
            return LEVEL_BY_KEY[key].score
        if key.isdigit():
            return int(key)
        raise ValueError(f"unknown level {value!r}; use one of {', '.join(LEVEL_BY_KEY)} or 1-4")
    return value


LevelScore = Annotated[int, BeforeValidator(parse_level), Field(ge=1, le=4)]
