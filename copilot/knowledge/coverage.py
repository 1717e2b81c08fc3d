"""Coverage gaps, so enablement sees what the copilot could not answer from the knowledge base before a manager does."""

from __future__ import annotations

from pydantic import Field

from copilot.knowledge.schema import FACT_TOPICS, ROOT_CAUSES, FactTopic, KnowledgeBase, RootCause, StrictModel


class RootCauseGap(StrictModel):
    """A criterion and the root causes no activity addresses for it."""

    criterion: str = Field(description="Criterion id.")
    missing: list[RootCause] = Field(description="Root causes with no activity for this criterion.")


class ObjectionGap(StrictModel):
    """An objection a rep could not be coached through."""

    objection: str = Field(description="Objection id.")
    missing: list[str] = Field(description="What is missing: handling_path, proof_points and/or answer.")


class ScenarioGap(StrictModel):
    """A roleplay scenario whose buyer has nothing to say when the rep asks about some topics."""

    scenario: str = Field(description="Scenario id.")
    missing: list[FactTopic] = Field(description="Fact topics with no `facts` entry: the buyer cannot answer them.")


class DanglingReference(StrictModel):
    """An activity or question that points at a criterion the competency model does not define."""

    item: str = Field(description="Id of the activity or question.")
    type: str = Field(description="`activity` or `question`.")
    criterion: str = Field(description="The unknown criterion id.")


class CoverageReport(StrictModel):
    """Every gap in one JSON-able report; `ok` is true only when there are none."""

    ok: bool = Field(description="True when no gap of any kind was found.")
    criteria_without_activity: list[str] = Field(description="Criteria no learning activity builds.")
    criteria_without_diagnostic_question: list[str] = Field(description="Criteria with no diagnostic question.")
    criteria_without_commitment_question: list[str] = Field(description="Criteria with no commitment question.")
    root_cause_gaps: list[RootCauseGap] = Field(description="Per criterion, root causes with no activity.")
    objections_incomplete: list[ObjectionGap] = Field(description="Objections missing a path, proof or answer.")
    objections_without_handling_path: list[str] = Field(description="Objections with no handling path.")
    objections_without_proof_points: list[str] = Field(description="Objections with no proof points.")
    unknown_criteria: list[DanglingReference] = Field(description="Activities/questions naming unknown criteria.")
    personas_without_phrasings: list[str] = Field(description="Personas no objection gives phrasings for.")
    scenarios_missing_facts: list[ScenarioGap] = Field(
        default_factory=list, description="Scenarios whose buyer has no fact for some question topics."
    )
    counts: dict[str, int] = Field(description="How many of each kind of item the knowledge base holds.")

    def gaps(self) -> int:
        """Total number of gaps, for a one-line summary."""
        return (
            len(self.criteria_without_activity)
            + len(self.criteria_without_diagnostic_question)
            + len(self.criteria_without_commitment_question)
            + len(self.root_cause_gaps)
            + len(self.objections_incomplete)
            + len(self.unknown_criteria)
            + len(self.personas_without_phrasings)
            + len(self.scenarios_missing_facts)
        )


def coverage(kb: KnowledgeBase) -> CoverageReport:
    """Find every criterion, root cause, objection and persona the knowledge base leaves uncovered."""
    no_activity, no_diagnostic, no_commitment, root_gaps = [], [], [], []
    for cid in kb.criteria:
        activities = kb.activities_for(cid)
        if not activities:
            no_activity.append(cid)
        covered = {cause for a in activities for cause in a.root_causes}
        missing = [cause for cause in ROOT_CAUSES if cause not in covered]
        if missing:
            root_gaps.append(RootCauseGap(criterion=cid, missing=missing))
        if not kb.questions_for(cid, kind="diagnostic"):
            no_diagnostic.append(cid)
        if not kb.questions_for(cid, kind="commitment"):
            no_commitment.append(cid)
    incomplete = []
    for oid, obj in kb.objections.items():
        lacking = [
            name
            for name, value in (
                ("handling_path", obj.handling_path),
                ("proof_points", obj.proof_points),
                ("answer", obj.answer.strip()),
            )
            if not value
        ]
        if lacking:
            incomplete.append(ObjectionGap(objection=oid, missing=lacking))
    dangling = [
        DanglingReference(item=a.id, type="activity", criterion=c)
        for a in kb.activities.values()
        for c in a.criteria
        if c not in kb.criteria
    ] + [
        DanglingReference(item=q.id, type="question", criterion=q.criterion)
        for q in kb.questions.values()
        if q.criterion not in kb.criteria
    ]
    phrased = {persona for obj in kb.objections.values() for persona, said in obj.phrasings.items() if said}
    counts = {
        "interactions": len(kb.interactions),
        "criteria": len(kb.criteria),
        "personas": len(kb.personas),
        "value_propositions": len(kb.value_propositions),
        "differentiators": len(kb.differentiators),
        "insights": len(kb.insights),
        "objections": len(kb.objections),
        "activities": len(kb.activities),
        "questions": len(kb.questions),
        "scenarios": len(kb.scenarios),
        "guides": len(kb.guides),
    }
    report = CoverageReport(
        ok=False,
        criteria_without_activity=no_activity,
        criteria_without_diagnostic_question=no_diagnostic,
        criteria_without_commitment_question=no_commitment,
        root_cause_gaps=root_gaps,
        objections_incomplete=incomplete,
        objections_without_handling_path=[g.objection for g in incomplete if "handling_path" in g.missing],
        objections_without_proof_points=[g.objection for g in incomplete if "proof_points" in g.missing],
        unknown_criteria=dangling,
        personas_without_phrasings=[p for p in kb.personas if p not in phrased],
        scenarios_missing_facts=[
            ScenarioGap(scenario=sc.id, missing=absent)
            for sc in kb.scenarios.values()
            if (absent := [t for t in FACT_TOPICS if t not in {f.topic for f in sc.facts}])
        ],
        counts=counts,
    )
    report.ok = report.gaps() == 0
    return report
