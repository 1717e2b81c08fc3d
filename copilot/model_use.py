"""Which features let the model write: decided by how often the eval suite found its output replaced.

The eval suite records, per backend (`llamacpp:bundled`, `openai:MODEL` …), the share of each writing
feature's output that had to be replaced by curated content (`evals/baseline.json`). Where a backend's
output is replaced in most cases, asking it only costs the user time, so the feature does not call the
model unless COPILOT_MODEL_FEATURES says so. A backend nobody measured (a capable endpoint you configured)
is trusted until measured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.settings import Settings

# feature -> (eval suite, metric holding the share of the model's output that was replaced)
MEASURES: dict[str, tuple[str, str]] = {
    "prep_questions": ("prep", "curated_fallback_share"),
    "ask": ("ask", "model_replaced_share"),
    "roleplay_buyer": ("roleplay", "curated_buyer_share"),
}
LABELS: dict[str, str] = {
    "prep_questions": "prep questions",
    "ask": "ask answers",
    "roleplay_buyer": "roleplay buyer's words",
}
MOST = 0.5  # replaced in more than this share of cases -> the model is not asked
BASELINE = Path(__file__).resolve().parent.parent / "evals" / "baseline.json"


@dataclass(frozen=True)
class FeatureUse:
    """Whether one feature asks the model, and why."""

    feature: str
    on: bool
    reason: str
    replaced: float | None = None

    @property
    def label(self) -> str:
        """The feature as a person reads it."""
        return LABELS[self.feature]


def backend_name(settings: Settings) -> str:
    """The backend as the eval suite names it in its baseline."""
    return f"{settings.llm_backend}:{settings.llm_model or 'bundled'}"


def measured(backend: str, path: Path | None = None) -> dict[str, float]:
    """Per feature, the replaced share the committed baseline holds for this backend (`all` split)."""
    path = path or BASELINE
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entry = raw.get(backend) or {}
    out: dict[str, float] = {}
    for feature, (suite, metric) in MEASURES.items():
        value = ((entry.get(suite) or {}).get("metrics") or {}).get(f"{metric}@all")
        if isinstance(value, int | float):
            out[feature] = float(value)
    return out


def plan(settings: Settings, *, baseline: Path | None = None) -> dict[str, FeatureUse]:
    """Every writing feature: on or off for the configured backend, with the reason."""
    choice = settings.model_features.strip().lower()
    backend = backend_name(settings)
    if choice in ("all", "none"):
        on = choice == "all"
        return {f: FeatureUse(f, on, f"COPILOT_MODEL_FEATURES={choice}") for f in MEASURES}
    if choice != "auto":
        wanted = {part.strip() for part in choice.split(",") if part.strip()}
        return {f: FeatureUse(f, f in wanted, f"COPILOT_MODEL_FEATURES={settings.model_features}") for f in MEASURES}
    shares = measured(backend, baseline)
    out: dict[str, FeatureUse] = {}
    for feature in MEASURES:
        share = shares.get(feature)
        if share is not None:
            on = share <= MOST
            verdict = "kept" if on else "replaced in most cases"
            reason = (
                f"{backend}: {share:.0%} of its {LABELS[feature]} replaced by curated content in the evals ({verdict})"
            )
        elif shares and all(s > MOST for s in shares.values()):
            on, share = False, max(shares.values())
            reason = (
                f"{backend}: not measured for {LABELS[feature]}, and its measured writing is replaced in most cases "
                f"({share:.0%})"
            )
        else:
            on, reason = True, f"{backend}: not measured as replaced in most cases, so the model writes"
        out[feature] = FeatureUse(feature, on, reason, share)
    return out


def uses_model(settings: Settings, feature: str) -> bool:
    """True when this feature should call (and wait for) the configured model."""
    return plan(settings)[feature].on


def summary(settings: Settings) -> str:
    """One line: which features the model writes and which are curated."""
    uses = plan(settings).values()
    on = [u.label for u in uses if u.on]
    off = [u.label for u in uses if not u.on]
    parts = []
    if on:
        parts.append("model writes " + ", ".join(on))
    if off:
        parts.append("curated (model not asked): " + ", ".join(off))
    return "; ".join(parts)
