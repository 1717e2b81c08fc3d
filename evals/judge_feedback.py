"""Judge metrics for the roleplay feedback: the rubric levels with their quoted evidence, and the drills the rep is
told to practise next. One judge call per played script grades every item of its feedback with fixed steps
(evals/prompts/judge_feedback.md); each item is voted on separately over the samples.

The deterministic labels beside the judge's: a quote is a line the rep actually said (or "no line showed this" at
Not Present); a level is Good or better; a drill names a step scored below Good and an activity built for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from copilot.knowledge.schema import KnowledgeBase
from evals.framework import CaseResult, MetricSpec, SuiteResult
from evals.judge import Judge, majority, render

NO_LINE = "no line showed this"  # what copilot.roleplay.scoring writes when nothing is quoted
GOOD = 3
MAX_TOKENS = 1500  # a script's feedback is about eight items of four booleans

SPECS = [
    MetricSpec(
        "judge_evidence_accurate",
        "Per rubric level shown to the rep (one per criterion and script): 1 when the judge's majority says the item "
        "is accurate (the quote is the rep's, it shows the step's behaviour, and the level agrees with whether the "
        "rep reached Good), 0 when not; no case without a majority.",
    ),
    MetricSpec(
        "deterministic_evidence_ok",
        "Per rubric level: 1 when the quoted evidence is, word for word, part of a line the rep said and the level "
        "is above Not Present, or nothing is quoted and the level is Not Present. Shown beside "
        "judge_evidence_accurate.",
    ),
    MetricSpec(
        "judge_evidence_agreement",
        "Per rubric level: 1 when the judge's majority on 'accurate' equals deterministic_evidence_ok; 0 when it "
        "differs or the samples reached no majority.",
    ),
    MetricSpec(
        "judge_reached_good",
        "Per rubric level: 1 when the judge's majority says the rep's lines reach the criterion's Good description; "
        "no case without a majority.",
    ),
    MetricSpec(
        "deterministic_good",
        "Per rubric level: 1 when the scoring rules gave Good or Excellent (level 3 or 4). Shown beside "
        "judge_reached_good.",
    ),
    MetricSpec(
        "judge_level_agreement",
        "Per rubric level: 1 when the judge's majority on 'reached Good' equals deterministic_good; 0 when it "
        "differs or the samples reached no majority. How far the judge and the scoring rules agree on the score "
        "itself.",
    ),
    MetricSpec(
        "judge_drill_usable",
        "Per next drill that names a criterion: 1 when the judge's majority says it is usable (targets a step "
        "scored below Good, would build that step, says what to do and how much); no case without a majority.",
    ),
    MetricSpec(
        "deterministic_drill_fit",
        "Per next drill that names a criterion: 1 when that criterion scored below Good and the activity exists in "
        "the catalogue and lists that criterion. Shown beside judge_drill_usable.",
    ),
    MetricSpec(
        "judge_drill_agreement",
        "Per next drill: 1 when the judge's majority on 'usable' equals deterministic_drill_fit; 0 when it differs "
        "or the samples reached no majority.",
    ),
    MetricSpec(
        "judge_decided",
        "Per graded item (rubric level or drill): 1 when more than half of the samples gave the same verdict "
        "('accurate' for a level, 'usable' for a drill).",
    ),
]


class EvidenceGrade(BaseModel):
    """Part A of the rubric for one criterion's level and quote."""

    id: str = Field(description="The item's id, E1, E2 ...")
    quote_from_rep: bool = Field(description="Step 1: the evidence is the rep's own words, or no line is quoted.")
    quote_shows: bool = Field(description="Step 2: the quote is an example of the step's behaviour.")
    reached_good: bool = Field(description="Step 3: the rep's lines reach the Good description.")
    accurate: bool = Field(description="Step 4: steps 1 and 2 hold and step 3 agrees with the level given.")


class DrillGrade(BaseModel):
    """Part B of the rubric for one next drill."""

    id: str = Field(description="The item's id, D1, D2 ...")
    targets_gap: bool = Field(description="Step 1: the step it names scored below Good.")
    builds_skill: bool = Field(description="Step 2: doing it would practise that step's behaviour.")
    concrete: bool = Field(description="Step 3: says what to do and how much or how often.")
    usable: bool = Field(description="Step 4: steps 1 to 3 all hold.")


class FeedbackGrade(BaseModel):
    """The judge's answer for one script's feedback."""

    evidence: list[EvidenceGrade]
    drills: list[DrillGrade]


def quote_ok(item: dict[str, Any], rep_lines: Sequence[str]) -> bool:
    """Deterministic: the quote is part of a rep line and the level is above 1, or nothing is quoted at level 1."""
    evidence = str(item["evidence"]).strip()
    if evidence == NO_LINE:
        return int(item["level"]) == 1
    quoted = evidence.strip('"').strip()
    return bool(quoted) and int(item["level"]) > 1 and any(quoted in line for line in rep_lines)


def _votes(answers: Sequence[FeedbackGrade | None], part: str, item_id: str, field: str) -> list[bool | None]:
    """One vote per sample for one item's field; a sample that left the item out is an invalid vote."""
    votes: list[bool | None] = []
    for a in answers:
        found = None if a is None else next((g for g in getattr(a, part) if g.id == item_id), None)
        votes.append(None if found is None else bool(getattr(found, field)))
    return votes


def _agrees(verdict: bool | None, label: bool) -> float:
    return float(verdict is label)


def judge_roleplay(roleplay: SuiteResult, judge: Judge, kb: KnowledgeBase) -> SuiteResult:
    """Grade every played script's feedback; one case per rubric level and per criterion drill, in its split."""
    cases: list[CaseResult] = []
    calls = 0
    for case in roleplay.cases:
        feedback = case.details.get("feedback")
        if not feedback:
            continue  # a pair case (ordering, margin), not a played script
        conversation = case.details["conversation"]
        rep_lines = [t["text"] for t in conversation if t["speaker"] == "rep"]
        evidence = []
        for i, item in enumerate(feedback):
            criterion = kb.criteria[item["criterion_id"]]
            evidence.append(
                {
                    **item,
                    "id": f"E{i + 1}",
                    "description": criterion.description,
                    "levels": criterion.levels.model_dump(),
                }
            )
        levels = {item["criterion_id"]: int(item["level"]) for item in feedback}
        drills = [
            {**d, "id": f"D{i + 1}", "text": d["why"]}
            for i, d in enumerate(x for x in case.details.get("next_steps", []) if x.get("criterion_id"))
        ]
        prompt = render(
            "judge_feedback.md",
            scenario=case.details.get("scenario", ""),
            conversation=conversation,
            evidence=evidence,
            drills=drills,
        )
        answers = judge.ask(prompt, FeedbackGrade, max_tokens=MAX_TOKENS)
        calls += len(answers)
        for e in evidence:
            accurate = _votes(answers, "evidence", e["id"], "accurate")
            good = _votes(answers, "evidence", e["id"], "reached_good")
            verdict, good_verdict = majority(accurate), majority(good)
            label, good_label = quote_ok(e, rep_lines), int(e["level"]) >= GOOD
            values: dict[str, float | None] = {
                "judge_evidence_accurate": None if verdict is None else float(verdict),
                "deterministic_evidence_ok": float(label),
                "judge_evidence_agreement": _agrees(verdict, label),
                "judge_reached_good": None if good_verdict is None else float(good_verdict),
                "deterministic_good": float(good_label),
                "judge_level_agreement": _agrees(good_verdict, good_label),
                "judge_decided": float(verdict is not None),
            }
            details = {
                "criterion": e["criterion_id"],
                "level": f"{e['level']} {e['label']}",
                "evidence": e["evidence"],
                "deterministic_evidence_ok": label,
                "accurate_votes": accurate,
                "reached_good_votes": good,
            }
            slug = str(e["criterion_id"]).split(".")[-1]
            cases.append(CaseResult(f"{case.id}#{slug}", case.split, values, details))
        for d in drills:
            usable = _votes(answers, "drills", d["id"], "usable")
            verdict = majority(usable)
            criterion_id = str(d["criterion_id"])
            activity = kb.activities.get(d.get("activity_id") or "")
            label = levels.get(criterion_id, GOOD) < GOOD and activity is not None and criterion_id in activity.criteria
            values = {
                "judge_drill_usable": None if verdict is None else float(verdict),
                "deterministic_drill_fit": float(label),
                "judge_drill_agreement": _agrees(verdict, label),
                "judge_decided": float(verdict is not None),
            }
            details = {
                "criterion": criterion_id,
                "drill": f"{d['title']}: {d['text']}",
                "deterministic_drill_fit": label,
                "usable_votes": usable,
            }
            cases.append(CaseResult(f"{case.id}#{d['id'].lower()}", case.split, values, details))
    notes = [
        f"judge: {judge.model.name}, {judge.samples} sample(s) per script's feedback at temperature "
        f"{judge.temperature}; {calls} calls",
        "the closing retry / move-up line names no criterion and is not graded",
    ]
    return SuiteResult("judge-roleplay", SPECS, cases, notes=notes)
