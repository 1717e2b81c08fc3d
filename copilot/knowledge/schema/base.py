"""The loaded knowledge base: typed content keyed by id, and the structured file kinds it is assembled from."""

from __future__ import annotations

from pydantic import Field

from copilot.knowledge.schema.common import (
    InteractionCategory,
    QuestionKind,
    RootCause,
    StrictModel,
    Tier,
    VersionedDocument,
)
from copilot.knowledge.schema.competency import CompetencyModelFile, Interaction, Levels, Policy
from copilot.knowledge.schema.guides import Guide
from copilot.knowledge.schema.learning import Activity, LearningCatalogFile, Question, QuestionBankFile
from copilot.knowledge.schema.messaging import (
    Company,
    Differentiator,
    Insight,
    MessagingFile,
    Persona,
    ValueProposition,
)
from copilot.knowledge.schema.objections import Objection, ObjectionsFile
from copilot.knowledge.schema.scenarios import Scenario, ScenariosFile

StructuredDocument = (
    CompetencyModelFile | MessagingFile | ObjectionsFile | LearningCatalogFile | QuestionBankFile | ScenariosFile
)
DOCUMENT_KINDS: dict[str, type[VersionedDocument]] = {
    "competency_model": CompetencyModelFile,
    "messaging": MessagingFile,
    "objections": ObjectionsFile,
    "learning_catalog": LearningCatalogFile,
    "question_bank": QuestionBankFile,
    "scenarios": ScenariosFile,
}


class ResolvedCriterion(StrictModel):
    """A criterion with its interaction and its effective policy, ready for gap detection."""

    id: str = Field(description="Criterion id.")
    interaction: str = Field(description="Interaction id.")
    interaction_title: str = Field(description="Interaction title.")
    category: InteractionCategory = Field(description="rep-customer or manager-rep.")
    title: str = Field(description="Criterion title.")
    description: str = Field(description="Criterion description.")
    tier: Tier = Field(description="basic or advanced.")
    levels: Levels = Field(description="Behavioural descriptors.")
    policy: Policy = Field(description="Effective trust-but-verify policy.")
    source: str = Field(description="File it came from.")


class KnowledgeBase(StrictModel):
    """Typed access to everything that loaded, keyed by id (the first definition wins on duplicates)."""

    policy: Policy = Field(default_factory=Policy, description="Default policy of the first competency model.")
    company: Company | None = Field(default=None, description="The selling company.")
    interactions: dict[str, Interaction] = Field(default_factory=dict, description="Interactions by id.")
    criteria: dict[str, ResolvedCriterion] = Field(default_factory=dict, description="Criteria by id.")
    personas: dict[str, Persona] = Field(default_factory=dict, description="Personas by id.")
    value_propositions: dict[str, ValueProposition] = Field(default_factory=dict, description="By id.")
    differentiators: dict[str, Differentiator] = Field(default_factory=dict, description="By id.")
    insights: dict[str, Insight] = Field(default_factory=dict, description="By id.")
    objections: dict[str, Objection] = Field(default_factory=dict, description="By id.")
    activities: dict[str, Activity] = Field(default_factory=dict, description="By id.")
    questions: dict[str, Question] = Field(default_factory=dict, description="By id.")
    scenarios: dict[str, Scenario] = Field(default_factory=dict, description="By id.")
    guides: dict[str, Guide] = Field(default_factory=dict, description="Guides and coaching notes by id.")

    def criteria_of(self, interaction_id: str) -> list[ResolvedCriterion]:
        """An interaction's criteria in file order."""
        return [c for c in self.criteria.values() if c.interaction == interaction_id]

    def activities_for(self, criterion_id: str, root_cause: RootCause | None = None) -> list[Activity]:
        """Activities that build a criterion, optionally only those fitting a root cause."""
        return [
            a
            for a in self.activities.values()
            if criterion_id in a.criteria and (root_cause is None or root_cause in a.root_causes)
        ]

    def questions_for(
        self, criterion_id: str, kind: QuestionKind | None = None, root_cause: RootCause | None = None
    ) -> list[Question]:
        """Questions about a criterion, optionally filtered by kind and root cause."""
        return [
            q
            for q in self.questions.values()
            if q.criterion == criterion_id
            and (kind is None or q.kind == kind)
            and (root_cause is None or q.root_cause == root_cause)
        ]

    def proof_point_ids(self) -> set[str]:
        """Ids an objection may cite as proof."""
        return set(self.differentiators) | set(self.value_propositions) | set(self.insights)
