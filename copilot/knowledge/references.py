"""Cross-file checks: every id a file mentions must exist somewhere in the knowledge base, with close ids as the fix."""

from __future__ import annotations

import difflib
from typing import Any

from copilot.knowledge.diagnostics import problem
from copilot.knowledge.results import FileResult
from copilot.knowledge.schema import (
    Guide,
    KnowledgeBase,
    LearningCatalogFile,
    MessagingFile,
    ObjectionsFile,
    Problem,
    QuestionBankFile,
    ScenariosFile,
    Severity,
)
from copilot.knowledge.team_file import TeamFile, validate_team_file
from copilot.knowledge.yaml_text import Loc, located

_DEFINES = {
    "competency_model": ("criterion", "interaction"),
    "messaging": ("persona", "proof point"),
    "objections": ("objection",),
    "learning_catalog": ("activity",),
}


def blocked_targets(results: list[FileResult]) -> dict[str, list[str]]:
    """Kinds of id whose defining file failed to load, so references to them are not reported one by one."""
    blocked: dict[str, list[str]] = {}
    for result in results:
        if not result.info.ok and result.info.kind in _DEFINES:
            for what in _DEFINES[result.info.kind]:
                blocked.setdefault(what, []).append(result.info.path)
    return blocked


class _RefCheck:
    """Reports references to ids that do not exist, with the closest real ids as the fix."""

    def __init__(self, result: FileResult, blocked: dict[str, list[str]]) -> None:
        self.result = result
        self.blocked = blocked
        self.unchecked: dict[str, int] = {}
        self.problems: list[Problem] = []

    def summary(self) -> list[Problem]:
        """The problems, plus one warning per kind of id that could not be checked because its file is broken."""
        for what, count in self.unchecked.items():
            broken = ", ".join(self.blocked[what])
            self.problems.append(
                problem(
                    self.result.info.path,
                    f"{count} {what} reference(s) not checked because {broken} did not load",
                    f"fix the errors in {broken} first, then validate again",
                    severity="warning",
                )
            )
        return self.problems

    def check(
        self,
        loc: Loc,
        ref: str,
        known: set[str] | dict[str, Any],
        what: str,
        owner: str,
        severity: Severity = "error",
    ) -> None:
        if ref in known:
            return
        if what in self.blocked:
            self.unchecked[what] = self.unchecked.get(what, 0) + 1
            return
        close = difflib.get_close_matches(ref, list(known), n=3, cutoff=0.5)
        fix = f"did you mean {', '.join(close)}?" if close else f"use the id of an existing {what}"
        self.problems.append(
            located(
                self.result.info.path,
                self.result.lines,
                loc,
                f"in {owner}: unknown {what} {ref!r}",
                fix + f" (or add the {what})",
                severity=severity,
            )
        )


def reference_problems(
    result: FileResult, kb: KnowledgeBase, teams: dict[str, TeamFile], blocked: dict[str, list[str]]
) -> list[Problem]:
    """Cross-file checks: every id a file mentions must exist somewhere in the knowledge base."""
    doc = result.document
    refs = _RefCheck(result, blocked)
    crit, persona = kb.criteria, kb.personas
    if isinstance(doc, MessagingFile):
        for i, vp in enumerate(doc.value_propositions):
            refs.check(("value_propositions", i, "persona"), vp.persona, persona, "persona", vp.id)
    elif isinstance(doc, ObjectionsFile):
        proof = kb.proof_point_ids()
        for i, o in enumerate(doc.objections):
            for p in o.phrasings:
                refs.check(("objections", i, "phrasings", p), p, persona, "persona", o.id)
            for j, p in enumerate(o.proof_points):
                refs.check(("objections", i, "proof_points", j), p, proof, "proof point", o.id)
            for j, c in enumerate(o.criteria):
                refs.check(("objections", i, "criteria", j), c, crit, "criterion", o.id)
    elif isinstance(doc, LearningCatalogFile):
        for i, a in enumerate(doc.activities):
            for j, c in enumerate(a.criteria):
                refs.check(("activities", i, "criteria", j), c, crit, "criterion", a.id)
    elif isinstance(doc, QuestionBankFile):
        for i, q in enumerate(doc.questions):
            refs.check(("questions", i, "criterion"), q.criterion, crit, "criterion", q.id)
    elif isinstance(doc, ScenariosFile):
        for i, sc in enumerate(doc.scenarios):
            refs.check(("scenarios", i, "persona"), sc.persona, persona, "persona", sc.id)
            for j, objection_id in enumerate(sc.objections):
                refs.check(("scenarios", i, "objections", j), objection_id, kb.objections, "objection", sc.id)
            for j, reaction in enumerate(sc.reactions):
                if reaction.objection:
                    where = ("scenarios", i, "reactions", j, "objection")
                    refs.check(where, reaction.objection, kb.objections, "objection", sc.id)
    elif isinstance(doc, Guide):
        for j, c in enumerate(doc.criteria):
            refs.check(("criteria", j), c, crit, "criterion", doc.id)
        if doc.interaction:
            refs.check(("interaction",), doc.interaction, kb.interactions, "interaction", doc.id)
        if doc.rep and teams:
            reps = {r.id for t in teams.values() for r in t.team.reps}
            refs.check(("rep",), doc.rep, reps, "rep", doc.id, severity="warning")
    elif isinstance(doc, TeamFile):
        broken = sorted({path for what in ("criterion", "activity") for path in blocked.get(what, [])})
        if not broken:
            return validate_team_file(doc, kb, path=result.info.path, lines=result.lines)
        return [
            *validate_team_file(doc, None, path=result.info.path, lines=result.lines),
            problem(
                result.info.path,
                f"criteria, interactions and activities not checked because {', '.join(broken)} did not load",
                f"fix the errors in {', '.join(broken)} first, then validate again",
                severity="warning",
            ),
        ]
    return refs.summary()
