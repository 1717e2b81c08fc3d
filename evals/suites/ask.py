"""Ask suite: the labelled questions through `copilot ask`'s own use case, on the backend the model use plan picks.

An answer counts when it cites an item a right answer rests on and holds the facts such an answer needs; a
question the knowledge base cannot answer counts when the answer says so plainly, names what is missing and
does not pad itself with passages about something else.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from copilot.app.ask import FEATURE, ask
from copilot.app.core import App
from copilot.retrieval.ask import AskResult
from copilot.runtime import Runtime
from evals.framework import CaseResult, MetricSpec, SuiteResult

QUESTION_FILES = sorted((Path(__file__).resolve().parents[1] / "ask").glob("questions*.yaml"))
NOT_HELD = re.compile(
    r"\bknowledge base (does not|doesn't) hold\b|\bknowledge base (has|holds) (no|nothing)\b", re.IGNORECASE
)
PLAIN_CHARS = 400  # a plain "not held" answer is a sentence or two, with at most a pointer, not passages
# ...and one that points at the nearest items the knowledge base does hold (a case labelled `nearest`) may name them
# a line each, but not give the nearest item's whole answer as if it were the one asked for
POINTER_CHARS = 900
SPECS = [
    MetricSpec(
        "answered",
        "Answerable questions: 1 when the answer cites one of the expected ids and holds every expected fact (and, "
        "for a case that names a lead, its first cited activity is one of them).",
        0.85,
    ),
    MetricSpec(
        "plain_not_held",
        "Questions the knowledge base cannot answer: 1 when the answer opens by saying the knowledge base does not "
        f"hold it, names what is missing, and stays under {PLAIN_CHARS} characters (no padding with passages); a "
        f"case labelled with the nearest items the knowledge base holds also needs one of them cited, under "
        f"{POINTER_CHARS} characters.",
        0.8,
    ),
    MetricSpec(
        "model_replaced_share",
        "When the model use plan lets the model write answers: share replaced by composed content (lower is "
        "better; not measured when the model is not asked).",
    ),
    MetricSpec("seconds", "Seconds per answer, through the same use case the command calls (lower is better)."),
]


@dataclass(frozen=True)
class Case:
    """One labelled question."""

    id: str
    split: str
    question: str
    asker: str = ""
    expect: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    answerable: bool = True
    missing: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)


def load_cases(path: Path) -> list[Case]:
    """The questions of one file, each tagged with the file's split."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    split = str(raw.get("split", "dev"))
    return [
        Case(
            id=str(q["id"]),
            split=str(q.get("split", split)),
            question=str(q["question"]),
            asker=str(q.get("asker", "")),
            expect=[str(x) for x in q.get("expect", [])],
            facts=[str(x) for x in q.get("facts", [])],
            answerable=bool(q.get("answerable", True)),
            missing=[str(x) for x in q.get("missing", [])],
            lead=[str(x) for x in q.get("lead", [])],
            nearest=[str(x) for x in q.get("nearest", [])],
        )
        for q in raw["questions"]
    ]


def _holds(text: str, fact: str) -> bool:
    low = text.lower()
    return any(alt.strip().lower() in low for alt in fact.split("|"))


class CitesAndHolds:
    """An answerable question is answered when the answer cites an expected id and holds every expected fact; a case
    with `lead` also needs the first activity the answer cites to be one of those (a drill for a skill gap, not
    whichever activity happened to rank first)."""

    def __init__(self, activities: frozenset[str] = frozenset()) -> None:
        self.activities = activities

    def first_activity(self, result: AskResult) -> str | None:
        """The first activity the answer cites, if any."""
        return next((c for c in result.citations if c in self.activities), None)

    def missing_facts(self, case: Case, answer: str) -> list[str]:
        """The expected facts the answer does not hold."""
        return [f for f in case.facts if not _holds(answer, f)]

    def __call__(self, case: Case, result: AskResult) -> float:
        cites = any(c in result.citations for c in case.expect)
        leads = not case.lead or self.first_activity(result) in case.lead
        return float(cites and leads and not self.missing_facts(case, result.answer))


class SaysNotHeld:
    """An unanswerable question is answered plainly: opens with "the knowledge base does not hold ...", names what
    is missing, and is short (an answer padded with passages about something else fails). A case labelled with the
    `nearest` items the knowledge base does hold ("no competitor skill; nearest is objection handling") also needs
    one of them cited, and may name them in a few lines (POINTER_CHARS), not answer as if they were what was asked."""

    def __call__(self, case: Case, result: AskResult) -> float:
        text = result.answer.strip()
        first = re.split(r"(?<=[.!?])\s|\n", text, maxsplit=1)[0]
        opens = bool(NOT_HELD.search(first))
        names = any(_holds(first, m) for m in case.missing) if case.missing else True
        points = any(c in result.citations for c in case.nearest) if case.nearest else True
        limit = POINTER_CHARS if case.nearest else PLAIN_CHARS
        return float(opens and names and points and len(text) <= limit)


def run(runtime: Runtime, *, model: bool = True, cases: list[Case] | None = None) -> SuiteResult:
    """Ask every labelled question through the use case `copilot ask` calls; `model` False never asks a model."""
    settings = runtime.settings if model else runtime.settings.model_copy(update={"model_features": "none"})
    app = App(settings, runtime=runtime)
    asked_model = app.model_for(FEATURE).model is not None
    cases = cases if cases is not None else [c for path in QUESTION_FILES for c in load_cases(path)]
    answered, plain = CitesAndHolds(frozenset(app.kb.activities)), SaysNotHeld()
    out = []
    for case in cases:
        start = time.perf_counter()
        result = ask(app, case.question)
        seconds = time.perf_counter() - start
        replaced = None
        if asked_model and result.source != "none":
            replaced = 0.0 if result.source == "generated" else 1.0
        values: dict[str, float | None] = {
            "answered": answered(case, result) if case.answerable else None,
            "plain_not_held": None if case.answerable else plain(case, result),
            "model_replaced_share": replaced,
            "seconds": seconds,
        }
        details: dict[str, Any] = {
            "asker": case.asker,
            "question": case.question,
            "answer": result.answer,
            "source": result.source,
            "citations": result.citations,
        }
        if case.answerable:
            details["expected"] = case.expect
            details["facts_missing"] = answered.missing_facts(case, result.answer)
            if case.lead:
                details["lead"] = case.lead
                details["first_activity"] = answered.first_activity(result)
        else:
            details["missing"] = case.missing
            if case.nearest:
                details["nearest"] = case.nearest
        out.append(CaseResult(case.id, case.split, values, details))
    return SuiteResult("ask", SPECS, out)
