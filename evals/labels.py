"""Human labels against the AI scorer: how often people kept the AI's level, per criterion, from an exported file.

Files come from `copilot reviews export` (approved levels) and `copilot calibrate export` (agreed levels).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from copilot.records.labels import HumanLabel, read_labels


class LabelAgreement(BaseModel):
    """AI versus people on one criterion (or all): exact agreement and mean absolute difference in levels."""

    criterion: str
    n: int
    exact: float
    mean_abs_diff: float


def agreement(labels: list[HumanLabel]) -> list[LabelAgreement]:
    """Per criterion, then `all`: how close the AI's level was to the one people settled on."""
    by: dict[str, list[int]] = defaultdict(list)
    for x in labels:
        if x.ai_level is not None:
            by[x.criterion].append(x.human_level - x.ai_level)
            by["all"].append(x.human_level - x.ai_level)
    return [
        LabelAgreement(
            criterion=c,
            n=len(d),
            exact=round(sum(1 for v in d if v == 0) / len(d), 3),
            mean_abs_diff=round(sum(abs(v) for v in d) / len(d), 3),
        )
        for c, d in sorted(by.items(), key=lambda kv: (kv[0] == "all", kv[0]))
    ]


def load(path: Path) -> list[HumanLabel]:
    """The labels of one exported file."""
    return read_labels(path).labels
