"""Merging loaded files into one knowledge base: the first definition of an id wins and every duplicate is reported."""

from __future__ import annotations

from copilot.knowledge.diagnostics import problem
from copilot.knowledge.results import Document, FileResult
from copilot.knowledge.schema import (
    CompetencyModelFile,
    Guide,
    KnowledgeBase,
    KnowledgeItem,
    LearningCatalogFile,
    MessagingFile,
    ObjectionsFile,
    Problem,
    QuestionBankFile,
    ResolvedCriterion,
    ScenariosFile,
)


def assemble(results: list[FileResult], problems: list[Problem]) -> tuple[KnowledgeBase, list[KnowledgeItem]]:
    """Merge files into one knowledge base; on duplicate ids the first (in path order) wins and all places are told."""
    places: dict[str, list[KnowledgeItem]] = {}
    items: list[KnowledgeItem] = []
    for result in results:
        for item in result.items:
            places.setdefault(item.id, []).append(item)
            if len(places[item.id]) == 1:
                items.append(item)
        kept = {id(i) for i in items}
        result.info.item_ids = [i.id for i in result.items if id(i) in kept]
    for item_id, found in places.items():
        if len(found) < 2:
            continue
        where = [f"{i.source}:{i.line}" if i.line else i.source for i in found]
        for n, item in enumerate(found):
            others = ", ".join(w for m, w in enumerate(where) if m != n)
            problems.append(
                problem(
                    item.source,
                    f"duplicate id {item_id!r}, also defined at {others}",
                    f"rename one of them: ids must be unique across the knowledge base (the one in {where[0]} is used)",
                    line=item.line,
                    key=item_id,
                )
            )
    kb = KnowledgeBase()
    for result in results:
        _add_document(kb, result.document, result.info.path)
    return kb, items


def _add_document(kb: KnowledgeBase, doc: Document | None, source: str) -> None:
    """Add one file's typed content to the knowledge base; the first definition of an id wins."""
    if isinstance(doc, CompetencyModelFile):
        if not kb.interactions:
            kb.policy = doc.policy
        for inter in doc.interactions:
            kb.interactions.setdefault(inter.id, inter)
            for crit in inter.criteria:
                kb.criteria.setdefault(
                    crit.id,
                    ResolvedCriterion(
                        id=crit.id,
                        interaction=inter.id,
                        interaction_title=inter.title,
                        category=inter.category,
                        title=crit.title,
                        description=crit.description,
                        tier=crit.tier,
                        levels=crit.levels,
                        policy=crit.resolved_policy(doc.policy),
                        source=source,
                    ),
                )
    elif isinstance(doc, MessagingFile):
        kb.company = kb.company or doc.company
        for target, entries in (
            (kb.personas, doc.personas),
            (kb.value_propositions, doc.value_propositions),
            (kb.differentiators, doc.differentiators),
            (kb.insights, doc.insights),
        ):
            for entry in entries:
                target.setdefault(entry.id, entry)  # type: ignore[arg-type]
    elif isinstance(doc, ObjectionsFile):
        for o in doc.objections:
            kb.objections.setdefault(o.id, o)
    elif isinstance(doc, LearningCatalogFile):
        for a in doc.activities:
            kb.activities.setdefault(a.id, a)
    elif isinstance(doc, QuestionBankFile):
        for q in doc.questions:
            kb.questions.setdefault(q.id, q)
    elif isinstance(doc, ScenariosFile):
        for sc in doc.scenarios:
            kb.scenarios.setdefault(sc.id, sc)
    elif isinstance(doc, Guide):
        kb.guides.setdefault(doc.id, doc)
