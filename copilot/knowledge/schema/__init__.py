"""Pydantic schemas for every knowledge-base format, so enablement's files are checked before the copilot cites them.

One module per content format (competency, messaging, objections, learning, scenarios, guides), the shared pieces
(common, scale), what the loader reports (problems) and the assembled knowledge base (base). Import from here; the
modules inside import each other directly.
"""

from copilot.knowledge.schema.base import DOCUMENT_KINDS, KnowledgeBase, ResolvedCriterion, StructuredDocument
from copilot.knowledge.schema.common import (
    CRITERION_ID,
    INTERACTION_ID,
    ROOT_CAUSES,
    SLUG,
    SUPPORTED_VERSION,
    ActivityKind,
    Difficulty,
    InteractionCategory,
    ItemType,
    KnowledgeItem,
    LineMap,
    MetadataValue,
    ObjectionCategory,
    QuestionKind,
    RootCause,
    StrictModel,
    Text,
    Tier,
    prefixed_id,
)
from copilot.knowledge.schema.competency import (
    CompetencyModelFile,
    Criterion,
    Interaction,
    Levels,
    Policy,
    criterion_text,
)
from copilot.knowledge.schema.guides import FrontMatter, Guide, GuideSection
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
from copilot.knowledge.schema.problems import FileInfo, Problem, Severity
from copilot.knowledge.schema.scale import LEVEL_BY_KEY, LEVEL_BY_SCORE, SCALE, LevelScore, ScaleLevel, parse_level
from copilot.knowledge.schema.scenarios import (
    FACT_TOPICS,
    FactTopic,
    OfferKind,
    OfferReaction,
    Scenario,
    ScenarioFact,
    ScenarioReaction,
    ScenariosFile,
)

__all__ = [
    "CRITERION_ID",
    "DOCUMENT_KINDS",
    "FACT_TOPICS",
    "INTERACTION_ID",
    "LEVEL_BY_KEY",
    "LEVEL_BY_SCORE",
    "ROOT_CAUSES",
    "SCALE",
    "SLUG",
    "SUPPORTED_VERSION",
    "Activity",
    "ActivityKind",
    "Company",
    "CompetencyModelFile",
    "Criterion",
    "Differentiator",
    "Difficulty",
    "FactTopic",
    "FileInfo",
    "FrontMatter",
    "Guide",
    "GuideSection",
    "Insight",
    "Interaction",
    "InteractionCategory",
    "ItemType",
    "KnowledgeBase",
    "KnowledgeItem",
    "LearningCatalogFile",
    "LevelScore",
    "Levels",
    "LineMap",
    "MessagingFile",
    "MetadataValue",
    "Objection",
    "ObjectionCategory",
    "ObjectionsFile",
    "OfferKind",
    "OfferReaction",
    "Persona",
    "Policy",
    "Problem",
    "Question",
    "QuestionBankFile",
    "QuestionKind",
    "ResolvedCriterion",
    "RootCause",
    "ScaleLevel",
    "Scenario",
    "ScenarioFact",
    "ScenarioReaction",
    "ScenariosFile",
    "Severity",
    "StrictModel",
    "StructuredDocument",
    "Text",
    "Tier",
    "ValueProposition",
    "criterion_text",
    "parse_level",
    "prefixed_id",
]
