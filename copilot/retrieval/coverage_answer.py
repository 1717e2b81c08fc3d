"""Questions about the knowledge base itself ("which objections have no proof points?"), answered from its coverage
report rather than from passages: search would return passages about proof points, which do not answer it."""

from __future__ import annotations

import re

from copilot.knowledge.coverage import CoverageReport, coverage
from copilot.knowledge.schema import KnowledgeBase

_SUBJECT = r"(?:objections?|skills?|criteria|criterion|personas?|scenarios?|interactions?)"
_LACKS = r"(?:no|without|missing|lacks?|lacking|have ?n[o']t (?:got )?(?:an?|any)?)"
ASKS_COVERAGE = re.compile(
    rf"\bcoverage gaps?\b|\bgaps in (?:the|our) (?:knowledge base|kb|catalog\w*)\b|"
    rf"\b(?:which|what|any|are there)\b[^?.]*\b{_SUBJECT}\b[^?.]*\b{_LACKS}\b",
    re.IGNORECASE,
)


def asks_about_coverage(question: str) -> bool:
    """Whether the question asks which items the knowledge base leaves uncovered."""
    return bool(ASKS_COVERAGE.search(question))


def _listed(ids: list[str]) -> str:
    return ", ".join(f"[{i}]" for i in ids)


def coverage_answer(kb: KnowledgeBase) -> tuple[str, list[str]]:
    """The coverage report in words, citing every item it names; says so plainly when nothing is missing."""
    report: CoverageReport = coverage(kb)
    lines: list[str] = []
    if report.criteria_without_activity:
        lines.append(f"- Skills no learning activity builds: {_listed(report.criteria_without_activity)}")
    for gap in report.root_cause_gaps:
        lines.append(f"- [{gap.criterion}] has no activity for a {' or '.join(gap.missing)} gap")
    if report.criteria_without_diagnostic_question:
        lines.append(f"- Skills with no diagnostic question: {_listed(report.criteria_without_diagnostic_question)}")
    if report.criteria_without_commitment_question:
        lines.append(f"- Skills with no commitment question: {_listed(report.criteria_without_commitment_question)}")
    for obj in report.objections_incomplete:
        lines.append(f"- Objection [{obj.objection}] has no {' or '.join(m.replace('_', ' ') for m in obj.missing)}")
    if report.personas_without_phrasings:
        lines.append(f"- Personas no objection is phrased for: {_listed(report.personas_without_phrasings)}")
    for sc in report.scenarios_missing_facts:
        lines.append(f"- Roleplay [{sc.scenario}]: its buyer has no answer about {', '.join(sc.missing)}")
    for ref in report.unknown_criteria:
        lines.append(f"- {ref.type.capitalize()} [{ref.item}] names an unknown skill {ref.criterion}")
    counts = report.counts
    held = (
        f"{counts.get('criteria', 0)} skills, {counts.get('activities', 0)} activities, "
        f"{counts.get('questions', 0)} questions, {counts.get('objections', 0)} objections"
    )
    if not lines:
        text = (
            f"The knowledge base has no coverage gaps ({held}): every skill has activities for every root cause "
            "and its questions, and every objection has a handling path, proof points and a talk track."
        )
        return text, []
    text = "\n".join(
        [f"Coverage gaps in the knowledge base ({held}):", *lines, "The full report: `copilot kb coverage`."]
    )
    return text, list(dict.fromkeys(re.findall(r"\[([\w.#-]+)\]", text)))
