"""Human labels the eval suite reads: AI levels next to the levels people approved (review) or agreed (calibration).

One YAML format for both, so `evals/labels.py` scores the AI scorer against people without the records database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from copilot.errors import RecordsError

LabelSource = Literal["review", "calibration"]
FORMAT = "copilot-human-labels"


class HumanLabel(BaseModel):
    """One criterion of one scored interaction: what the AI said and what people settled on."""

    source: LabelSource
    kind: str = Field(description="roleplay (an attempt) or observation (a reviewed call).")
    subject: str = Field(description="Attempt or observation id.")
    what: str = Field(description="Scenario or interaction id.")
    criterion: str
    ai_level: int | None = Field(default=None, ge=1, le=4)
    human_level: int = Field(ge=1, le=4)
    evidence: str = ""
    reason: str = ""


class LabelFile(BaseModel):
    """The exported file."""

    format: str = FORMAT
    version: int = 1
    exported_at: str
    labels: list[HumanLabel]


def write_labels(path: Path, labels: list[HumanLabel], *, now: dt.datetime | None = None) -> LabelFile:
    """Write labels as YAML (the parent folder is created)."""
    doc = LabelFile(exported_at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"), labels=labels)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc.model_dump(mode="json"), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return doc


def read_labels(path: Path) -> LabelFile:
    """Read an exported label file, or say what is wrong with it."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RecordsError(
            f"cannot read labels from {path} ({exc})", fix="export them with `copilot reviews export`"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordsError(
            f"{path} is not a human-label export", fix="export one with `copilot reviews export -o FILE`"
        )
    return LabelFile.model_validate(data)
