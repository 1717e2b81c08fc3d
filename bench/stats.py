"""Timing and machine facts: medians and 95th percentiles over repeated runs, and what they were measured on."""

from __future__ import annotations

import contextlib
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any


def percentile(values: list[float], pct: float) -> float:
    """Linear-interpolated percentile (numpy's default), so p95 of few samples is not just the maximum."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * pct / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Samples:
    """Seconds per run; summarised in milliseconds because that is how latency is read."""

    seconds: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        """Record one run."""
        self.seconds.append(value)

    @property
    def median(self) -> float:
        """Median seconds."""
        return statistics.median(self.seconds) if self.seconds else 0.0

    @property
    def p95(self) -> float:
        """95th percentile seconds."""
        return percentile(self.seconds, 95)

    def summary_ms(self) -> dict[str, float | int]:
        """runs, p50, p95, min and max in milliseconds."""
        if not self.seconds:
            return {"runs": 0}
        return {
            "runs": len(self.seconds),
            "p50_ms": round(self.median * 1000, 2),
            "p95_ms": round(self.p95 * 1000, 2),
            "min_ms": round(min(self.seconds) * 1000, 2),
            "max_ms": round(max(self.seconds) * 1000, 2),
        }


def repeat(fn: Callable[[], object], *, runs: int, warmup: int = 1) -> Samples:
    """Call `fn` `warmup` times uncounted, then `runs` times timed with perf_counter."""
    for _ in range(warmup):
        fn()
    samples = Samples()
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.add(time.perf_counter() - started)
    return samples


def cpu_model() -> str:
    """The CPU's name from /proc/cpuinfo (Linux), else what platform knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages: a load above the core count means the figures were shared."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, Any]:
    """What the figures were measured on: cores, CPU, memory, Python and the versions that matter."""
    versions: dict[str, str | None] = {}
    for dist in ("sales-coaching-copilot", "llama-cpp-python", "chromadb", "onnxruntime", "tokenizers", "openai"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    memory_gb = None
    with contextlib.suppress(ValueError, OSError, AttributeError):
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_at_start": load_average(),
        "versions": versions,
    }
