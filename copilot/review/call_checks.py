"""Call-review behaviours measured case by case: credit only what the rep did, find a booked next step, name the
interaction the call is (or say it is unsure), and quote only the rep as the rep's evidence.

Cases live in evals/review/calls/behaviours_{dev,heldout,heldout2,heldout3,heldout4}.yaml (format at the top of the dev file); the labelled
calls of labels.yaml add interaction cases. `python -m copilot.review.call_checks` prints every split.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.schema import KnowledgeBase
from copilot.review.measures import ReviewMeasures, review_transcript
from copilot.review.scoring import CallScorer, CallScores

CALLS = Path(__file__).resolve().parents[2] / "evals" / "review" / "calls"
Split = Literal["dev", "heldout", "heldout2", "heldout3", "heldout4"]
SPLITS: tuple[Split, ...] = ("dev", "heldout", "heldout2", "heldout3", "heldout4")


class BehaviourCase(BaseModel):
    """One short call and the one thing the review must get right about it."""

    id: str
    check: Literal["credit", "interaction"]
    transcript: str
    roles: dict[str, str]
    interaction: str | None = Field(default=None, description="credit: the map to score against")
    criterion: str | None = None
    at_least: int = 1
    at_most: int = 4
    expect: str | None = Field(default=None, description="interaction: the interaction the call is")


class CheckResult(BaseModel):
    """How one case came out: passed or not, what was seen, and whether the rep's evidence was the rep's."""

    id: str
    split: Split
    check: str
    passed: bool
    sure: bool | None = Field(default=None, description="interaction: the review was sure of its choice")
    seen: str
    rep_evidence: bool = Field(description="every quoted piece of evidence is a line the rep said")


def load_cases(split: Split, folder: Path = CALLS) -> list[BehaviourCase]:
    """The split's cases; a malformed one raises KnowledgeBaseError naming the file."""
    path = folder / f"behaviours_{split}.yaml"
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases", [])
    try:
        return [BehaviourCase.model_validate(c) for c in raw]
    except ValidationError as err:
        raise KnowledgeBaseError(
            f"a behaviour case is invalid: {err.errors()[0]['msg']}", path=str(path), fix="see the format above"
        ) from err


def rep_evidence(measures: ReviewMeasures, scored: CallScores) -> bool:
    """Whether every criterion's quote comes from a rep turn."""
    return all(s.utterance_index is None or measures.utterances[s.utterance_index].role == "rep" for s in scored.scores)


def _interaction(case_id: str, split: Split, expect: str, measures: ReviewMeasures, scorer: CallScorer) -> CheckResult:
    """Right when sure and right, or unsure with the right interaction among its options; wrong when sure and wrong."""
    scored = scorer.best_fit(measures)
    sure = scored.interaction_sure
    passed = scored.interaction == expect if sure else expect in scored.interaction_options
    seen = scored.interaction if sure else "unsure: " + ", ".join(scored.interaction_options)
    return CheckResult(
        id=case_id,
        split=split,
        check="interaction",
        passed=passed,
        sure=sure,
        seen=seen,
        rep_evidence=rep_evidence(measures, scored),
    )


def run_case(case: BehaviourCase, split: Split, scorer: CallScorer) -> CheckResult:
    """Review the case's call and check it."""
    measures = review_transcript(case.transcript, "call", case.roles, f"{case.id}.txt")
    if case.check == "interaction":
        return _interaction(case.id, split, case.expect or "", measures, scorer)
    scored = scorer.score(measures, case.interaction or "discovery-call")
    level = next((s.level for s in scored.scores if s.criterion_id == case.criterion), None)
    if level is None:
        raise KnowledgeBaseError(f"{case.id}: no criterion {case.criterion!r}", fix="name a criterion of the map")
    return CheckResult(
        id=case.id,
        split=split,
        check="credit",
        passed=case.at_least <= level <= case.at_most,
        seen=f"{case.criterion} level {level} (wanted {case.at_least}-{case.at_most})",
        rep_evidence=rep_evidence(measures, scored),
    )


def run_checks(kb: KnowledgeBase, split: Split, *, labelled: bool = True) -> list[CheckResult]:
    """Every behaviour case of the split, plus (when `labelled`) the interaction choice on each labelled call."""
    from copilot.review.evaluate import CALLS_PATH, load_calls

    scorer = CallScorer(kb)
    results = [run_case(c, split, scorer) for c in load_cases(split)]
    for call in load_calls() if labelled else []:
        if call.split == split:
            source = CALLS_PATH.parent / call.file
            measures = review_transcript(source.read_bytes(), "call", call.roles, source.name)
            results.append(_interaction(f"labelled:{call.file}", split, call.interaction, measures, scorer))
    return results


def summary(results: list[CheckResult]) -> str:
    """Per check kind: passed of total; the interaction's sure-and-right share; failures listed."""
    lines = []
    for kind in ("credit", "interaction"):
        mine = [r for r in results if r.check == kind]
        if mine:
            extra = ""
            if kind == "interaction":
                sure_right = sum(bool(r.sure) and r.passed for r in mine)
                extra = f", sure and right {sure_right}/{len(mine)}"
            lines.append(f"  {kind}: {sum(r.passed for r in mine)}/{len(mine)} right{extra}")
    lines.append(f"  rep's evidence is the rep's: {sum(r.rep_evidence for r in results)}/{len(results)}")
    lines += [f"  MISS {r.id}: {r.seen}" for r in results if not r.passed]
    return "\n".join(lines)


def main() -> None:
    """Print every split."""
    from copilot.knowledge import load_knowledge_base
    from copilot.settings import load_settings

    kb = load_knowledge_base(load_settings().resolved_knowledge_dir).kb
    for split in SPLITS:
        sys.stdout.write(f"call behaviours split={split}\n{summary(run_checks(kb, split))}\n")


if __name__ == "__main__":
    main()
