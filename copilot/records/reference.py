"""What records may point at (interactions, criteria, activities) and where the knowledge base lives."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from copilot.errors import KnowledgeBaseError, RecordsError
from copilot.knowledge.schema import Activity, KnowledgeBase, ResolvedCriterion
from copilot.records.policy import CriterionPolicy
from copilot.settings import Settings

DEMO_TEAM = Path("demo_team") / "team.yaml"


def default_knowledge_dir(settings: Settings | None = None) -> Path:
    """COPILOT_KNOWLEDGE_DIR, else the repo's knowledge/ folder, else the copy bundled into a wheel."""
    if settings is not None and settings.knowledge_dir is not None:
        return settings.knowledge_dir
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "knowledge", package / "_bundled_knowledge"):
        if candidate.is_dir():
            return candidate
    raise KnowledgeBaseError(
        "no knowledge folder found next to the copilot package",
        fix="set COPILOT_KNOWLEDGE_DIR to your knowledge folder",
    )


def demo_team_file(settings: Settings | None = None) -> Path:
    """The demo team that `copilot team load` uses when no file is given."""
    return default_knowledge_dir(settings) / DEMO_TEAM


def load_knowledge(settings: Settings | None = None) -> KnowledgeBase:
    """The knowledge base records are validated against; it must at least hold a competency model."""
    from copilot.knowledge.installed import uploads_for
    from copilot.knowledge.loader import load_knowledge_base

    root = default_knowledge_dir(settings)
    kb = load_knowledge_base(root, uploads=uploads_for(settings, root) if settings is not None else None).kb
    if not kb.criteria:
        raise KnowledgeBaseError(
            "the knowledge base has no valid competency model, so no criterion can be scored",
            path=str(root),
            fix="add or fix the competency model (kind: competency_model) in that folder",
        )
    return kb


def suggest(value: str, valid: Iterable[str], what: str, *, limit: int = 5) -> str:
    """`did you mean X? valid <what>: a, b, c, ...` so a typo is fixed in one go.

    The list is cut after `limit` only when that hides more than a few: a team of six is named whole.
    """
    valid = sorted(valid)
    close = difflib.get_close_matches(value, valid, n=3, cutoff=0.6)
    shown = valid if len(valid) <= limit + 3 else valid[:limit]
    listed = ", ".join(shown) + (f", ... ({len(valid)} in all)" if len(shown) < len(valid) else "")
    hint = f"did you mean {', '.join(close)}? " if close else ""
    return f"{hint}valid {what}: {listed or 'none'}"


class Reference:
    """Checks ids against one knowledge base and turns its criteria into policies."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def interaction(self, interaction_id: str) -> str:
        """The interaction id if it exists."""
        if interaction_id not in self.kb.interactions:
            raise RecordsError(
                f"unknown interaction {interaction_id!r}",
                fix=suggest(interaction_id, self.kb.interactions, "interactions"),
            )
        return interaction_id

    def criterion(self, criterion_id: str, interaction_id: str | None = None) -> ResolvedCriterion:
        """The criterion, which must belong to the interaction when one is given."""
        found = self.kb.criteria.get(criterion_id)
        scope = [c.id for c in self.kb.criteria_of(interaction_id)] if interaction_id else list(self.kb.criteria)
        where = f"criteria of {interaction_id}" if interaction_id else "criteria"
        if found is None:
            raise RecordsError(f"unknown criterion {criterion_id!r}", fix=suggest(criterion_id, scope, where, limit=8))
        if interaction_id and found.interaction != interaction_id:
            raise RecordsError(
                f"criterion {criterion_id!r} belongs to {found.interaction}, not {interaction_id}",
                fix=suggest(criterion_id, scope, where, limit=8),
            )
        return found

    def activity(self, activity_id: str) -> Activity:
        """The learning activity if the catalogue has it."""
        found = self.kb.activities.get(activity_id)
        if found is None:
            raise RecordsError(
                f"unknown activity {activity_id!r}", fix=suggest(activity_id, self.kb.activities, "activities")
            )
        return found

    def policies(self) -> dict[str, CriterionPolicy]:
        """Every criterion's methodology policy (file default plus the criterion's own overrides)."""
        return {c.id: policy_of(c) for c in self.kb.criteria.values()}

    def activity_kinds(self) -> dict[str, str]:
        """Activity id -> kind (drill, roleplay, lesson, ...), for practice metrics."""
        return {a.id: a.kind for a in self.kb.activities.values()}


def policy_of(criterion: ResolvedCriterion) -> CriterionPolicy:
    """A knowledge-base criterion as the policy the rules read."""
    p = criterion.policy
    return CriterionPolicy(
        criterion=criterion.id,
        title=criterion.title,
        interaction=criterion.interaction,
        category=criterion.category,
        tier=criterion.tier,
        threshold=p.threshold,
        breaches=p.breaches,
        of_last=p.of_last,
        window_days=p.window_days,
        source="methodology",
    )
