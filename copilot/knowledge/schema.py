"""Pydantic schemas for every knowledge-base format, so enablement's files are checked before the copilot cites them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

SUPPORTED_VERSION = 1
LineMap = dict[tuple[str | int, ...], int]
"""Key path inside a YAML file (e.g. `("interactions", 0, "criteria", 2)`) -> 1-based line."""

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
INTERACTION_ID = rf"^{SLUG}$"
CRITERION_ID = rf"^{SLUG}\.{SLUG}$"


def prefixed_id(prefix: str) -> str:
    """The id pattern for one item type, so ids stay unique across types and say what they point at."""
    return rf"^{prefix}-{SLUG}$"


class ScaleLevel(BaseModel):
    """One step of the fixed four-level assessment scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    score: int = Field(description="Numeric score, 1 (lowest) to 4 (highest).")
    key: str = Field(description="Key used in YAML files, e.g. `needs_work`.")
    label: str = Field(description="Name shown to people, e.g. `Needs Work`.")
    colour: str = Field(description="Colour used in heat maps and badges.")


SCALE: tuple[ScaleLevel, ...] = (
    ScaleLevel(score=1, key="not_present", label="Not Present", colour="red"),
    ScaleLevel(score=2, key="needs_work", label="Needs Work", colour="orange"),
    ScaleLevel(score=3, key="good", label="Good", colour="yellowgreen"),
    ScaleLevel(score=4, key="excellent", label="Excellent", colour="green"),
)
LEVEL_BY_KEY = {level.key: level for level in SCALE}
LEVEL_BY_SCORE = {level.score: level for level in SCALE}


def parse_level(value: Any) -> Any:
    """Accept a level as its name (`good`, `Needs Work`) or its score, so files read naturally."""
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "_")
        if key in LEVEL_BY_KEY:
            return LEVEL_BY_KEY[key].score
        if key.isdigit():
            return int(key)
        raise ValueError(f"unknown level {value!r}; use one of {', '.join(LEVEL_BY_KEY)} or 1-4")
    return value


LevelScore = Annotated[int, BeforeValidator(parse_level), Field(ge=1, le=4)]

InteractionCategory = Literal["rep-customer", "manager-rep"]
Tier = Literal["basic", "advanced"]
RootCause = Literal["knowledge", "skill", "confidence", "messaging"]
ROOT_CAUSES: tuple[RootCause, ...] = ("knowledge", "skill", "confidence", "messaging")
ObjectionCategory = Literal[
    "price",
    "timing",
    "competitor",
    "status_quo",
    "authority",
    "risk",
    "need",
    "trust",
    "implementation",
    "contract",
]
ActivityKind = Literal["lesson", "model_example", "drill", "roleplay", "shadowing", "job_aid"]
QuestionKind = Literal["diagnostic", "commitment"]
Difficulty = Literal["easy", "realistic", "tough"]
ItemType = Literal[
    "interaction",
    "criterion",
    "persona",
    "value_proposition",
    "differentiator",
    "insight",
    "objection",
    "activity",
    "question",
    "scenario",
    "guide",
    "coaching_note",
    "company",
]
Text = Annotated[str, Field(min_length=1)]


class StrictModel(BaseModel):
    """Base for file content: unknown keys are errors, so typos never silently drop content."""

    model_config = ConfigDict(extra="forbid")


# ---- competency model -------------------------------------------------------------------------


class Policy(StrictModel):
    """Trust but verify: when a rep stays below threshold long enough, the manager steps in."""

    threshold: LevelScore = Field(default=3, description="Lowest acceptable level (name or 1-4); 3 = Good.")
    breaches: int = Field(default=2, ge=1, description="Observations below threshold that trigger the manager.")
    of_last: int = Field(default=3, ge=1, description="How many of the most recent observations are counted.")
    window_days: int = Field(
        default=14,
        ge=0,
        description="Days the rep has to self-correct after the first miss before breaches count.",
    )

    @model_validator(mode="after")
    def _breaches_fit(self) -> Policy:
        if self.breaches > self.of_last:
            raise ValueError(f"breaches ({self.breaches}) cannot exceed of_last ({self.of_last})")
        return self


class Levels(StrictModel):
    """The behavioural descriptor for each of the four levels of one criterion."""

    not_present: Text = Field(description="What a 1 (Not Present, red) looks like.")
    needs_work: Text = Field(description="What a 2 (Needs Work) looks like.")
    good: Text = Field(description="What a 3 (Good) looks like.")
    excellent: Text = Field(description="What a 4 (Excellent, green) looks like.")

    def by_score(self) -> dict[int, str]:
        """Descriptors keyed by score, for rendering next to a rating."""
        return {level.score: getattr(self, level.key) for level in SCALE}


class Criterion(StrictModel):
    """One critical element of an interaction, scored on the four-level scale."""

    id: str = Field(pattern=CRITERION_ID, description="`<interaction-id>.<slug>`, e.g. `discovery-call.agenda`.")
    title: Text = Field(description="Short name of the behaviour.")
    description: Text = Field(description="What the behaviour is and why it matters.")
    tier: Tier = Field(description="`basic` (rep self-corrects, threshold applies) or `advanced` (manager coaches).")
    threshold: LevelScore | None = Field(default=None, description="Overrides the policy threshold.")
    breaches: int | None = Field(default=None, ge=1, description="Overrides the policy breaches.")
    of_last: int | None = Field(default=None, ge=1, description="Overrides the policy of_last.")
    window_days: int | None = Field(default=None, ge=0, description="Overrides the policy window_days.")
    levels: Levels = Field(description="Behavioural descriptor per level.")

    def resolved_policy(self, default: Policy) -> Policy:
        """The file policy with this criterion's overrides applied."""
        overrides = {
            name: getattr(self, name)
            for name in ("threshold", "breaches", "of_last", "window_days")
            if getattr(self, name) is not None
        }
        return Policy.model_validate({**default.model_dump(), **overrides})


class Interaction(StrictModel):
    """An interaction type (discovery call, 1-on-1, ...) with its assessment map."""

    id: str = Field(pattern=INTERACTION_ID, description="Slug such as `discovery-call`.")
    title: Text = Field(description="Name shown to people.")
    category: InteractionCategory = Field(description="`rep-customer` or `manager-rep`.")
    description: Text = Field(description="What the interaction is for.")
    criteria: list[Criterion] = Field(min_length=1, description="The critical elements assessed.")

    @field_validator("criteria")
    @classmethod
    def _criteria_belong(cls, criteria: list[Criterion], info: ValidationInfo) -> list[Criterion]:
        interaction_id = info.data.get("id")
        if interaction_id:
            for criterion in criteria:
                if not criterion.id.startswith(f"{interaction_id}."):
                    raise ValueError(
                        f"criterion id {criterion.id!r} must start with {interaction_id + '.'!r} "
                        f"(e.g. {interaction_id}.{criterion.id.split('.')[-1]})"
                    )
        return criteria


def criterion_text(interaction_title: str, criterion: Criterion, policy: Policy) -> str:
    """Self-contained text of a criterion: what it is, every level, and when the manager steps in."""
    levels = "\n".join(f"{lvl.score} {lvl.label}: {getattr(criterion.levels, lvl.key)}" for lvl in SCALE)
    threshold = LEVEL_BY_SCORE[policy.threshold]
    if criterion.tier == "basic":
        rule = (
            f"Basic skill, threshold {threshold.label} ({threshold.score}): the rep self-corrects first; the manager "
            f"steps in when {policy.breaches} of the last {policy.of_last} observations are below it after a "
            f"{policy.window_days}-day window."
        )
    else:
        rule = (
            f"Advanced skill: the manager coaches it directly; once adopted it becomes basic with threshold "
            f"{threshold.label} ({threshold.score})."
        )
    return (
        f"{interaction_title} - {criterion.title} ({criterion.tier} skill)\n{criterion.description}\n{levels}\n{rule}"
    )


def _listing(title: str, values: list[str], numbered: bool = False) -> str:
    """A titled bullet or numbered list, or nothing when empty."""
    if not values:
        return ""
    rows = [f"{n}. {v}" if numbered else f"- {v}" for n, v in enumerate(values, 1)]
    return f"\n{title}:\n" + "\n".join(rows)


def _interactions_of(criteria: list[str]) -> list[str]:
    """Interaction ids named by criterion ids, in first-seen order."""
    return list(dict.fromkeys(c.split(".", 1)[0] for c in criteria if "." in c))


class _Document(StrictModel):
    """Common header of every structured file."""

    version: int = Field(description=f"Format version; this copilot reads version {SUPPORTED_VERSION}.")

    @field_validator("version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value != SUPPORTED_VERSION:
            raise ValueError(f"version {value} is not supported; this copilot reads version {SUPPORTED_VERSION}")
        return value

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """The file's content as citable items; each kind overrides this."""
        raise NotImplementedError


class CompetencyModelFile(_Document):
    """The assessment maps of every interaction, plus the default trust-but-verify policy."""

    kind: Literal["competency_model"] = Field(description="Always `competency_model`.")
    policy: Policy = Field(default_factory=Policy, description="Default policy for every criterion in this file.")
    interactions: list[Interaction] = Field(min_length=1, description="Interaction types and their criteria.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Interactions and criteria as citable items."""
        out: list[KnowledgeItem] = []
        for i, inter in enumerate(self.interactions):
            elements = "; ".join(f"{c.title} ({c.tier})" for c in inter.criteria)
            out.append(
                KnowledgeItem(
                    id=inter.id,
                    type="interaction",
                    title=inter.title,
                    source=source,
                    line=lines.get(("interactions", i)),
                    text=f"{inter.title} ({inter.category} interaction)\n{inter.description}\nCritical elements: {elements}",
                    metadata={
                        "interaction": inter.id,
                        "category": inter.category,
                        "criteria": [c.id for c in inter.criteria],
                        "version": self.version,
                    },
                )
            )
            for j, crit in enumerate(inter.criteria):
                policy = crit.resolved_policy(self.policy)
                out.append(
                    KnowledgeItem(
                        id=crit.id,
                        type="criterion",
                        title=f"{inter.title}: {crit.title}",
                        source=source,
                        line=lines.get(("interactions", i, "criteria", j)),
                        text=criterion_text(inter.title, crit, policy),
                        metadata={
                            "interaction": inter.id,
                            "category": inter.category,
                            "tier": crit.tier,
                            "threshold": policy.threshold,
                            "criteria": [crit.id],
                            "version": self.version,
                        },
                    )
                )
        return out


# ---- messaging ----------------------------------------------------------------------------------


class Company(StrictModel):
    """Who is selling what, in one breath."""

    name: Text = Field(description="Company name.")
    product: Text = Field(description="Product name.")
    one_liner: Text = Field(description="The one-sentence description every rep should be able to say.")


class Persona(StrictModel):
    """A buyer role the messaging and roleplays are written for."""

    id: str = Field(pattern=prefixed_id("persona"), description="`persona-<slug>`.")
    title: Text = Field(description="Role title, e.g. Chief Financial Officer.")
    cares_about: list[str] = Field(default_factory=list, description="What this buyer is measured on or wants.")
    typical_concerns: list[str] = Field(default_factory=list, description="Worries this buyer tends to raise.")


class ValueProposition(StrictModel):
    """The value statement for one persona."""

    id: str = Field(pattern=prefixed_id("vp"), description="`vp-<slug>`.")
    persona: str = Field(description="Persona id it is written for.")
    headline: Text = Field(description="One crisp sentence.")
    body: Text = Field(description="Two to four sentences a rep can say aloud.")
    proof_points: list[str] = Field(default_factory=list, description="Facts, metrics or stories that back it.")


class Differentiator(StrictModel):
    """Why us rather than the alternative, with evidence."""

    id: str = Field(pattern=prefixed_id("diff"), description="`diff-<slug>`.")
    title: Text = Field(description="Short name.")
    body: Text = Field(description="What is different and why it matters to the buyer.")
    proof: Text = Field(description="Evidence a buyer can check.")


class Insight(StrictModel):
    """A point of view that reframes the buyer's problem and tees up open questions."""

    id: str = Field(pattern=prefixed_id("ins"), description="`ins-<slug>`.")
    title: Text = Field(description="Short name.")
    body: Text = Field(description="The insight, in the rep's words.")
    questions: list[str] = Field(default_factory=list, description="Open questions the insight sets up.")


class MessagingFile(_Document):
    """Company story, personas, value propositions, differentiators and insights."""

    kind: Literal["messaging"] = Field(description="Always `messaging`.")
    company: Company | None = Field(default=None, description="The company and product.")
    personas: list[Persona] = Field(default_factory=list, description="Buyer personas.")
    value_propositions: list[ValueProposition] = Field(default_factory=list, description="Per-persona value.")
    differentiators: list[Differentiator] = Field(default_factory=list, description="Why us.")
    insights: list[Insight] = Field(default_factory=list, description="Insights that tee up questions.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Company, personas, value propositions, differentiators and insights as citable items."""
        meta: dict[str, MetadataValue] = {"version": self.version}
        out: list[KnowledgeItem] = []
        if self.company:
            c = self.company
            out.append(
                KnowledgeItem(
                    id="company",
                    type="company",
                    title=c.name,
                    source=source,
                    line=lines.get(("company",)),
                    text=f"{c.name} sells {c.product}. {c.one_liner}",
                    metadata=meta,
                )
            )
        for i, p in enumerate(self.personas):
            text = f"Buyer persona: {p.title}" + _listing("Cares about", p.cares_about)
            text += _listing("Typical concerns", p.typical_concerns)
            out.append(
                KnowledgeItem(
                    id=p.id,
                    type="persona",
                    title=p.title,
                    text=text,
                    source=source,
                    line=lines.get(("personas", i)),
                    metadata={**meta, "persona": p.id},
                )
            )
        for i, v in enumerate(self.value_propositions):
            text = f"Value proposition for {v.persona}: {v.headline}\n{v.body}" + _listing(
                "Proof points", v.proof_points
            )
            out.append(
                KnowledgeItem(
                    id=v.id,
                    type="value_proposition",
                    title=v.headline,
                    text=text,
                    source=source,
                    line=lines.get(("value_propositions", i)),
                    metadata={**meta, "persona": v.persona},
                )
            )
        for i, d in enumerate(self.differentiators):
            out.append(
                KnowledgeItem(
                    id=d.id,
                    type="differentiator",
                    title=d.title,
                    source=source,
                    text=f"Differentiator: {d.title}\n{d.body}\nProof: {d.proof}",
                    line=lines.get(("differentiators", i)),
                    metadata=meta,
                )
            )
        for i, n in enumerate(self.insights):
            text = f"Insight: {n.title}\n{n.body}" + _listing("Questions it tees up", n.questions)
            out.append(
                KnowledgeItem(
                    id=n.id,
                    type="insight",
                    title=n.title,
                    text=text,
                    source=source,
                    line=lines.get(("insights", i)),
                    metadata=meta,
                )
            )
        return out


# ---- objections ---------------------------------------------------------------------------------


class Objection(StrictModel):
    """A buyer objection, how each persona voices it, and the recommended way through it."""

    id: str = Field(pattern=prefixed_id("obj"), description="`obj-<slug>`.")
    category: ObjectionCategory = Field(description="Kind of objection.")
    title: Text = Field(description="The objection in a few words.")
    phrasings: dict[str, list[str]] = Field(
        default_factory=dict, description="Persona id -> how that buyer says it, in their words."
    )
    handling_path: list[str] = Field(default_factory=list, description="Ordered steps to handle it.")
    answer: str = Field(default="", description="Recommended talk track.")
    proof_points: list[str] = Field(
        default_factory=list,
        description="Ids of differentiators, value propositions or insights that back the answer.",
    )
    criteria: list[str] = Field(default_factory=list, description="Criterion ids this objection exercises.")


class ObjectionsFile(_Document):
    """The objection library."""

    kind: Literal["objections"] = Field(description="Always `objections`.")
    objections: list[Objection] = Field(min_length=1, description="Objections.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Objections with phrasings, handling path and answer as citable items."""
        out: list[KnowledgeItem] = []
        for i, o in enumerate(self.objections):
            said = [f'{persona}: "{p}"' for persona, phrases in o.phrasings.items() for p in phrases]
            text = f"Objection ({o.category}): {o.title}" + _listing("How buyers say it", said)
            text += _listing("Handling path", o.handling_path, numbered=True)
            if o.answer:
                text += f"\nRecommended answer: {o.answer}"
            if o.proof_points:
                text += f"\nProof points: {', '.join(o.proof_points)}"
            meta: dict[str, MetadataValue] = {"category": o.category, "version": self.version}
            if o.criteria:
                meta |= {"criteria": o.criteria, "interactions": _interactions_of(o.criteria)}
            if o.phrasings:
                meta["personas"] = list(o.phrasings)
            out.append(
                KnowledgeItem(
                    id=o.id,
                    type="objection",
                    title=o.title,
                    text=text,
                    source=source,
                    line=lines.get(("objections", i)),
                    metadata=meta,
                )
            )
        return out


# ---- learning -----------------------------------------------------------------------------------


class Activity(StrictModel):
    """A short learning activity a manager can assign to close a specific gap."""

    id: str = Field(pattern=prefixed_id("act"), description="`act-<slug>`.")
    title: Text = Field(description="Name shown in assignments.")
    kind: ActivityKind = Field(description="lesson, model_example, drill, roleplay, shadowing or job_aid.")
    criteria: list[str] = Field(min_length=1, description="Criterion ids it builds.")
    root_causes: list[RootCause] = Field(min_length=1, description="Root causes it fits.")
    duration_minutes: int = Field(ge=1, le=600, description="Time it takes.")
    description: Text = Field(description="What it is and why it helps.")
    instructions: Text = Field(description="What the rep does, step by step.")


class LearningCatalogFile(_Document):
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
                "interactions": _interactions_of(a.criteria),
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


class QuestionBankFile(_Document):
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


FactTopic = Literal["budget", "timing", "decision", "compare", "burned", "priorities"]
FACT_TOPICS: tuple[FactTopic, ...] = ("budget", "timing", "decision", "compare", "burned", "priorities")
OfferKind = Literal["discount", "term", "pilot"]
OfferReaction = Literal["take", "counter", "distrust"]


class ScenarioFact(StrictModel):
    """Something the roleplay buyer knows and says, in their own words, when the rep asks about its topic."""

    topic: FactTopic = Field(description="budget, timing, decision, compare, burned or priorities.")
    says: Text = Field(description="The buyer's words, first person, as spoken.")
    guarded: bool = Field(default=False, description="Said only after the concern was acknowledged, unpressed.")


class ScenarioReaction(StrictModel):
    """How the buyer meets a concession the rep offers (a concession listed here is one the buyer asked for)."""

    offer: OfferKind = Field(description="discount, term (a shorter or simpler contract) or pilot.")
    objection: str | None = Field(default=None, description="Only while this objection is live; default any.")
    reaction: OfferReaction = Field(description="take, counter (wants more once) or distrust.")


class Scenario(StrictModel):
    """A roleplay buyer: who they are, what they want and which objections they will raise."""

    id: str = Field(pattern=prefixed_id("sc"), description="`sc-<slug>`.")
    title: Text = Field(description="Name of the scenario.")
    persona: str = Field(description="Persona id of the buyer.")
    industry: Text = Field(description="Buyer's industry.")
    company_size: Text = Field(description="Headcount or revenue band.")
    disposition: Text = Field(description="The buyer's mood and stance.")
    deal_context: Text = Field(description="Where the deal stands.")
    difficulty: Difficulty = Field(description="easy, realistic or tough.")
    objections: list[str] = Field(default_factory=list, description="Objection ids the buyer will raise.")
    opening_line: Text = Field(description="The buyer's first words.")
    brief: Text = Field(description="The card the rep reads before starting.")
    facts: list[ScenarioFact] = Field(default_factory=list, description="What the buyer reveals when asked well.")
    reactions: list[ScenarioReaction] = Field(default_factory=list, description="Concessions the buyer asked for.")


class ScenariosFile(_Document):
    """Roleplay scenarios."""

    kind: Literal["scenarios"] = Field(description="Always `scenarios`.")
    scenarios: list[Scenario] = Field(min_length=1, description="Scenarios.")

    def items(self, source: str, lines: LineMap) -> list[KnowledgeItem]:
        """Roleplay scenarios as citable items."""
        out: list[KnowledgeItem] = []
        for i, sc in enumerate(self.scenarios):
            text = (
                f"Roleplay scenario: {sc.title} ({sc.difficulty})\nBuyer: {sc.persona}, {sc.industry}, "
                f"{sc.company_size}\nDisposition: {sc.disposition}\nDeal context: {sc.deal_context}\n"
                f'Objections: {", ".join(sc.objections) or "none"}\nOpening line: "{sc.opening_line}"\n'
                f"Brief: {sc.brief}"
            )
            meta: dict[str, MetadataValue] = {
                "persona": sc.persona,
                "difficulty": sc.difficulty,
                "industry": sc.industry,
                "version": self.version,
            }
            if sc.objections:
                meta["objections"] = sc.objections
            out.append(
                KnowledgeItem(
                    id=sc.id,
                    type="scenario",
                    title=sc.title,
                    text=text,
                    source=source,
                    line=lines.get(("scenarios", i)),
                    metadata=meta,
                )
            )
        return out


StructuredDocument = (
    CompetencyModelFile | MessagingFile | ObjectionsFile | LearningCatalogFile | QuestionBankFile | ScenariosFile
)
DOCUMENT_KINDS: dict[str, type[_Document]] = {
    "competency_model": CompetencyModelFile,
    "messaging": MessagingFile,
    "objections": ObjectionsFile,
    "learning_catalog": LearningCatalogFile,
    "question_bank": QuestionBankFile,
    "scenarios": ScenariosFile,
}


# ---- free text ----------------------------------------------------------------------------------


class FrontMatter(StrictModel):
    """Optional YAML header of a Markdown file."""

    id: str | None = Field(default=None, pattern=rf"^{SLUG}$", description="Overrides the default id.")
    title: str | None = Field(default=None, description="Overrides the first heading as title.")
    type: Literal["guide", "coaching_note"] = Field(default="guide", description="`guide` or `coaching_note`.")
    criteria: list[str] = Field(default_factory=list, description="Criterion ids the text is about.")
    interaction: str | None = Field(default=None, description="Interaction id the text is about.")
    rep: str | None = Field(default=None, description="Rep id, for coaching notes.")
    date: dt.date | None = Field(default=None, description="Date, for coaching notes (YYYY-MM-DD).")


class GuideSection(StrictModel):
    """One heading section of a guide, the unit the copilot cites."""

    id: str = Field(description="`<guide id>#<heading-slug>` or `<guide id>#page-<n>`.")
    title: str = Field(description="Heading text.")
    text: str = Field(description="Body under the heading.")
    line: int | None = Field(default=None, description="Line of the heading.")


class Guide(StrictModel):
    """A free-text guide or coaching note (Markdown, text or PDF)."""

    id: str = Field(description="`guide-<stem>`, `note-<stem>`, or the front-matter id.")
    title: str = Field(description="Title.")
    type: Literal["guide", "coaching_note"] = Field(description="`guide` or `coaching_note`.")
    source: str = Field(description="Path relative to the knowledge root.")
    format: Literal["markdown", "text", "pdf"] = Field(description="File format.")
    criteria: list[str] = Field(default_factory=list, description="Criterion ids it is about.")
    interaction: str | None = Field(default=None, description="Interaction id it is about.")
    rep: str | None = Field(default=None, description="Rep id, for coaching notes.")
    date: dt.date | None = Field(default=None, description="Date, for coaching notes.")
    summary: str = Field(default="", description="Text before the first section.")
    sections: list[GuideSection] = Field(default_factory=list, description="Heading sections or PDF pages.")

    def items(self) -> list[KnowledgeItem]:
        """One overview item for the whole text (if it has one) plus one item per section."""
        meta: dict[str, MetadataValue] = {"format": self.format, "guide": self.id}
        if self.criteria:
            meta |= {"criteria": self.criteria, "interactions": _interactions_of(self.criteria)}
        if self.interaction:
            meta["interaction"] = self.interaction
        if self.rep:
            meta["rep"] = self.rep
        if self.date:
            meta["date"] = self.date.isoformat()
        out: list[KnowledgeItem] = []
        if self.summary or self.format != "pdf":
            summary = self.summary
            text = summary if summary.startswith(self.title) else "\n\n".join(x for x in (self.title, summary) if x)
            if self.sections and self.format != "pdf":
                text += "\n\nSections: " + "; ".join(s.title for s in self.sections)
            out.append(
                KnowledgeItem(
                    id=self.id,
                    type=self.type,
                    title=self.title,
                    text=text,
                    source=self.source,
                    line=1,
                    metadata=meta,
                )
            )
        for section in self.sections:
            out.append(
                KnowledgeItem(
                    id=section.id,
                    type=self.type,
                    title=f"{self.title}: {section.title}",
                    source=self.source,
                    line=section.line,
                    text=f"{self.title} - {section.title}\n\n{section.text}",
                    metadata={**meta, "section": section.title},
                )
            )
        return out


# ---- flattened items, problems, the loaded knowledge base ---------------------------------------

MetadataValue = str | int | float | bool | list[str]


class KnowledgeItem(StrictModel):
    """One citable unit, flattened from any format, as ingestion embeds it and advice cites it."""

    id: str = Field(description="Stable id, unique across the knowledge base.")
    type: ItemType = Field(description="What kind of item it is.")
    title: str = Field(description="Short title.")
    text: str = Field(description="Self-contained text to embed and show.")
    source: str = Field(description="Path of the file, relative to the knowledge root.")
    line: int | None = Field(default=None, description="Line in the source file where the item starts.")
    metadata: dict[str, MetadataValue] = Field(
        default_factory=dict, description="Filterable facts: interaction, criteria, root_causes, kind, ..."
    )


Severity = Literal["error", "warning", "info"]


class Problem(StrictModel):
    """Something wrong (or worth knowing) about a file, with where it is and how to fix it."""

    path: str = Field(description="File path relative to the knowledge root (or as given).")
    line: int | None = Field(default=None, description="1-based line, when known.")
    key: str | None = Field(default=None, description="Dotted key path inside the file, when known.")
    message: str = Field(description="What is wrong.")
    fix: str = Field(description="What to do about it.")
    severity: Severity = Field(default="error", description="error: content not loaded or wrong; warning; info.")

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line is not None else "")
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.severity}: {self.message} (fix: {self.fix})"


class FileInfo(StrictModel):
    """What the loader made of one file; ingestion compares hashes to stay idempotent."""

    path: str = Field(description="Path relative to the knowledge root.")
    sha256: str | None = Field(default=None, description="Hash of the raw bytes; None when the file was not read.")
    size: int = Field(default=0, description="Size in bytes.")
    kind: str | None = Field(default=None, description="Document kind, `markdown`, `text`, `pdf`, `team` or None.")
    item_ids: list[str] = Field(default_factory=list, description="Ids of the items it contributed.")
    ok: bool = Field(description="True when the file parsed and validated and so contributes its items.")


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
