"""Evals as data plus evaluators: per-case scores, aggregated metrics with confidence intervals, gates and baselines."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MetricSpec:
    """What a metric means, and whether CI fails when it drops."""

    name: str
    definition: str
    threshold: float | None = None  # gated when set: the mean must reach it
    tolerance: float = 0.05  # allowed drop against the committed baseline before it counts as a regression
    higher_is_better: bool = True


@dataclass
class CaseResult:
    """One case: its split, its per-metric values (None = not applicable) and what to show in the drill-down."""

    id: str
    split: str
    values: dict[str, float | None]
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class MetricResult:
    """A metric over the cases of one split, with a 95% interval and its verdict."""

    name: str
    split: str
    n: int
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    threshold: float | None
    baseline: float | None = None
    passed: bool = True
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def mean_ci(values: Sequence[float]) -> tuple[float | None, float | None, float | None]:
    """Mean with a 95% interval: Wilson for 0/1 outcomes, normal approximation otherwise."""
    n = len(values)
    if n == 0:
        return None, None, None
    mean = sum(values) / n
    z = 1.96
    if all(v in (0.0, 1.0) for v in values):
        denom = 1 + z * z / n
        centre = (mean + z * z / (2 * n)) / denom
        half = z * math.sqrt(mean * (1 - mean) / n + z * z / (4 * n * n)) / denom
        return mean, max(0.0, centre - half), min(1.0, centre + half)
    var = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    half = z * math.sqrt(var / n)
    return mean, mean - half, mean + half


@dataclass
class SuiteResult:
    """Everything one suite measured."""

    name: str
    specs: list[MetricSpec]
    cases: list[CaseResult]
    metrics: list[MetricResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when no gated metric failed."""
        return all(m.passed for m in self.metrics)


GATED_SPLIT = "dev"


def aggregate(suite: SuiteResult, baseline: dict[str, Any] | None = None) -> SuiteResult:
    """Compute each metric per split (and `all`); gate the dev split against thresholds and the baseline."""
    present = {c.split for c in suite.cases}
    splits = [*sorted(present), "all"]
    gate_on = GATED_SPLIT if GATED_SPLIT in present else "all"  # held-out splits are reported, never tuned or gated
    previous = (baseline or {}).get(suite.name, {})
    for spec in suite.specs:
        for split in splits:
            chosen = suite.cases if split == "all" else [c for c in suite.cases if c.split == split]
            values = [v for c in chosen if (v := c.values.get(spec.name)) is not None]
            mean, lo, hi = mean_ci(values)
            base = previous.get(f"{spec.name}@{split}")
            result = MetricResult(spec.name, split, len(values), mean, lo, hi, spec.threshold, base)
            if split != gate_on or mean is None or spec.threshold is None:
                suite.metrics.append(result)
                continue
            if mean < spec.threshold:
                result.passed, result.reason = False, f"below threshold {spec.threshold}"
            if base is not None and mean < base - spec.tolerance:
                result.passed, result.reason = (
                    False,
                    f"regressed from baseline {base:.3f} by more than {spec.tolerance}",
                )
            suite.metrics.append(result)
    return suite


def baseline_of(suites: Sequence[SuiteResult]) -> dict[str, Any]:
    """The numbers to commit as the new baseline (only on purpose: `copilot eval --update-baseline`)."""
    return {s.name: {f"{m.name}@{m.split}": round(m.mean, 4) for m in s.metrics if m.mean is not None} for s in suites}


Runner = Callable[..., SuiteResult]
