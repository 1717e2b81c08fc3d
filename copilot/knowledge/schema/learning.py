"""The learning catalogue and question bank formats: activities a manager assigns and coaching questions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from copilot.knowledge.schema.common import (
    ActivityKind,
    KnowledgeItem,
    LineMap,
    MetadataValue,
    QuestionKind,
    RootCause,
    StrictModel,
    Text,
    VersionedDocument,
    interactions_of,
    prefixed_id,
)


class Activity(StrictModel):
    """A short learning activity a manager can assign to close a specific gap."""

    id: str = Field(pattern=prefixed_id("act"), description="`act-<slug>`.")
    title: Text = Field(description="Name shown in assignments.")
    kind: ActivityKind = Field(
        description="lesson, model_example, drill, roleplay, shadowing, job_aid or conversation."
    )
    criteria: list[str] = Field(min_length=1, description="Criterion ids it builds.")
    root_causes: list[RootCause] = Field(min_length=1, description="Root causes it fits.")
    duration_minutes: int = Field(ge=1, le=600, description="Time it takes.")
    description: Text = Field(description="What it is and why it helps.")
    instructions: Text = Field(description="What the rep does, step by step.")


class LearningCatalogFile(VersionedDocument):
    """The learning catalogue."""

    kind: Literal["learning_catalog"] = Field(description="Always `learning_catalog`.")
    activities: list[Activity] = Field(min_length=1, description="Activities.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Learning activities as citable items, filterable by criterion, root cause and kind."""
        out: list[KnowledgeItem] = []
        for i, a in enumerate(self.activities):
            kind = a.kind.replace("_", " ").capitalize()
            text = (
                f"{kind}: {a.title} ({a.duration_minutes} min)\nBuilds: {', '.join(a.criteria)}\n"
                f"Fits root causes: {', '.join(a.root_causes)}\n{a.description}\nHow: {a.instructions}"
            )
            meta: dict[str, MetadataValue] = {
                "kind": a.kind,
                "criteria": a.criteria,
                "root_causes": list(a.root_causes),
                "interactions": interactions_of(a.criteria),
                "duration_minutes": a.duration_minutes,
                "version": self.version,
            }
            out.append(
                KnowledgeItem(
                    id=a.id,
                    type="activity",
                    title=a.title,
                    text=text,
                    source=source,
                    line=lines.get(("activities", i)),
                    metadata=meta,
                )
            )
        return out


class Question(StrictModel):
    """A coaching question: diagnostic (find the root cause) or commitment (close with a count and a date)."""

    id: str = Field(pattern=prefixed_id("q"), description="`q-<slug>`.")
    criterion: str = Field(description="Criterion id it is about.")
    root_cause: RootCause | None = Field(default=None, description="Root cause it probes, if specific.")
    kind: QuestionKind = Field(description="`diagnostic` or `commitment`.")
    text: Text = Field(description="The question, open and not leading.")


class QuestionBankFile(VersionedDocument):
    """The question bank."""

    kind: Literal["question_bank"] = Field(description="Always `question_bank`.")
    questions: list[Question] = Field(min_length=1, description="Questions.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Questions as citable items, filterable by criterion, kind and root cause."""
        out: list[KnowledgeItem] = []
        for i, q in enumerate(self.questions):
            cause = f", root cause {q.root_cause}" if q.root_cause else ""
            meta: dict[str, MetadataValue] = {
                "kind": q.kind,
                "criteria": [q.criterion],
                "interaction": q.criterion.split(".", 1)[0],
                "version": self.version,
            }
            if q.root_cause:
                meta["root_cause"] = q.root_cause
            out.append(
                KnowledgeItem(
                    id=q.id,
                    type="question",
                    title=q.text,
                    source=source,
                    line=lines.get(("questions", i)),
                    text=f"{q.kind.capitalize()} question on {q.criterion}{cause}: {q.text}",
                    metadata=meta,
                )
            )
        return out
