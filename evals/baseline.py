"""The committed baseline: per backend and suite, every metric's mean per split, with when, why and at which
revision it was last set. It changes only on purpose (`copilot eval --update-baseline --reason "..."`), and the
reports show the date and reason of the entry they compare against, so a reviewer sees why the numbers moved.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.framework import SuiteResult

BASELINE = Path(__file__).resolve().parent / "baseline.json"
JUDGE_PREFIX = "judge"  # judge metrics depend on the judge model, not on the backend under test, and never gate


@dataclass
class SuiteBaseline:
    """One suite's committed numbers for one backend, and why they are what they are."""

    suite: str
    backend: str
    metrics: dict[str, float]
    date: str | None = None
    reason: str | None = None
    revision: str | None = None

    def describe(self) -> str:
        """One line for the reports: when, at which revision, and why."""
        when = self.date or "undated"
        rev = f", revision {self.revision}" if self.revision else ""
        why = f": {self.reason}" if self.reason else " (no reason recorded)"
        return f"baseline for {self.backend}, set {when}{rev}{why}"

    def as_meta(self) -> dict[str, Any]:
        """JSON form for report.json's meta (no metric values: those are in the rows)."""
        return {"backend": self.backend, "date": self.date, "reason": self.reason, "revision": self.revision}


@dataclass
class Baselines:
    """Every suite's entry for the backend a run uses."""

    backend: str
    suites: dict[str, SuiteBaseline] = field(default_factory=dict)

    def numbers(self) -> dict[str, dict[str, float]]:
        """What `aggregate` compares against: suite -> {metric@split: mean}."""
        return {name: entry.metrics for name, entry in self.suites.items()}


def _entry(suite: str, backend: str, raw: dict[str, Any]) -> SuiteBaseline:
    if "metrics" not in raw:  # the first format held the numbers only
        return SuiteBaseline(suite, backend, {k: float(v) for k, v in raw.items()})
    return SuiteBaseline(
        suite,
        backend,
        {k: float(v) for k, v in raw["metrics"].items()},
        date=raw.get("date"),
        reason=raw.get("reason"),
        revision=raw.get("revision"),
    )


def load(backend: str, path: Path | None = None) -> Baselines:
    """The committed entries for this backend (none when the file or the backend is missing)."""
    path = path or BASELINE
    if not path.is_file():
        return Baselines(backend)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    mine = data.get(backend, {})
    return Baselines(backend, {suite: _entry(suite, backend, raw) for suite, raw in mine.items()})


def git_revision(repo: Path = BASELINE.parent.parent) -> str | None:
    """The commit the numbers were measured at, marked when tracked files had uncommitted changes; None without git."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not head:
        return None
    return f"{head} (with uncommitted changes)" if dirty else head


def threshold_failures(results: Sequence[SuiteResult]) -> list[str]:
    """Gated metrics below their threshold: such numbers are never committed as a baseline."""
    return [
        f"{s.name}.{m.name}@{m.split} {m.mean:.3f} < {m.threshold}"
        for s in results
        for m in s.metrics
        if not m.passed and m.mean is not None and m.threshold is not None and m.mean < m.threshold
    ]


def accept_regressions(results: Sequence[SuiteResult], reason: str) -> list[str]:
    """On an update on purpose, a drop against the old baseline is accepted (and said so in the report)."""
    accepted = []
    for s in results:
        for m in s.metrics:
            if not m.passed and m.reason.startswith("regressed"):
                m.passed = True
                m.reason = f"{m.reason}; accepted by --update-baseline: {reason}"
                accepted.append(f"{s.name}.{m.name}@{m.split}")
    return accepted


def update(
    results: Sequence[SuiteResult],
    backend: str,
    reason: str,
    *,
    path: Path | None = None,
    revision: str | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Replace the entries of the suites that ran (judge suites excepted) for this backend; return the new file."""
    path = path or BASELINE
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    mine = data.setdefault(backend, {})
    for s in results:
        if s.name.startswith(JUDGE_PREFIX):
            continue
        mine[s.name] = {
            "backend": backend,
            "date": stamp,
            "reason": reason,
            "revision": revision,
            "metrics": {f"{m.name}@{m.split}": round(m.mean, 4) for m in s.metrics if m.mean is not None},
        }
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return data
