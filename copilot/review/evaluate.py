"""Tagger evaluation on labelled utterances, so 'the tagger must be good' is a number, not a claim.

Run `python -m copilot.review.evaluate [utterances.yaml] [--split dev|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|all|both] [--errors]`; it also
reports the labelled conversations (in-context acts and whether coaching quality ranks them as experts did)
and the call scorer against expert levels per criterion (evals/review/calls/labels.yaml).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, Field, ValidationError

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.schema import KnowledgeBase
from copilot.review.acts import ACTS, Act, tag_utterance
from copilot.review.measures import last_question_type, review_transcript

Split = Literal["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "all"]
QuestionType = Literal["open", "closed"]
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "evals" / "review" / "utterances.yaml"
CONVERSATIONS_PATH = DEFAULT_PATH.with_name("conversations.yaml")
CALLS_PATH = DEFAULT_PATH.with_name("calls") / "labels.yaml"
QUALITY_RANK = {"weak": 0, "medium": 1, "strong": 2}


class LabelledUtterance(BaseModel):
    """One expert-labelled utterance."""

    id: str
    text: str
    context: str | None = Field(default=None, description="the other speaker's previous turn")
    speaker_role: str | None = None
    label: Act
    split: Literal["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"]
    question_type: QuestionType | None = Field(
        default=None, description="type of the turn's last (main) question, when the turn asks one"
    )

    @property
    def asked(self) -> QuestionType | None:
        """The question type the turn is labelled with: given, or implied by an open/closed question label."""
        if self.question_type:
            return self.question_type
        if self.label == "open_question":
            return "open"
        return "closed" if self.label == "closed_question" else None


class ClassScore(BaseModel):
    """Precision, recall and F1 of one act."""

    precision: float
    recall: float
    f1: float
    support: int


class Mismatch(BaseModel):
    """An utterance the tagger got wrong, for error analysis."""

    id: str
    text: str
    expected: Act
    predicted: Act


class TaggerReport(BaseModel):
    """How well the tagger agrees with the labels on one split."""

    split: Split
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScore]
    confusion: dict[str, dict[str, int]] = Field(description="confusion[expected][predicted] = count")
    errors: list[Mismatch] = Field(default_factory=list)


def load_labelled(path: str | Path = DEFAULT_PATH) -> list[LabelledUtterance]:
    """Read the labelled set; a malformed item raises KnowledgeBaseError naming the item."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("utterances", []) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise KnowledgeBaseError(
            "expected a list of utterances",
            path=str(path),
            fix="put the items under a top-level `utterances:` list",
        )
    result = []
    for i, item in enumerate(items):
        try:
            result.append(LabelledUtterance.model_validate(item))
        except ValidationError as err:
            raise KnowledgeBaseError(
                f"item {i} is invalid: {err.errors()[0]['msg']}",
                path=str(path),
                key=str(item.get("id", i)) if isinstance(item, dict) else str(i),
                fix=f"give id, text, label (one of {', '.join(ACTS)}) and split",
            ) from err
    return result


def score(
    expected: Sequence[Act],
    predicted: Sequence[Act],
    split: Split = "all",
    ids: Sequence[str] | None = None,
    texts: Sequence[str] | None = None,
) -> TaggerReport:
    """Accuracy, per-class precision/recall/F1 and the confusion matrix of two label lists."""
    confusion: dict[str, dict[str, int]] = {a: {b: 0 for b in ACTS} for a in ACTS}
    for exp, pred in zip(expected, predicted, strict=True):
        confusion[exp][pred] += 1
    per_class: dict[str, ClassScore] = {}
    for act in ACTS:
        tp = confusion[act][act]
        predicted_n = sum(confusion[e][act] for e in ACTS)
        support = sum(confusion[act].values())
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[act] = ClassScore(
            precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3), support=support
        )
    n = len(expected)
    correct = sum(e == p for e, p in zip(expected, predicted, strict=True))
    present = [c for c in per_class.values() if c.support]
    errors = [
        Mismatch(id=ids[i] if ids else str(i), text=texts[i] if texts else "", expected=e, predicted=p)
        for i, (e, p) in enumerate(zip(expected, predicted, strict=True))
        if e != p
    ]
    return TaggerReport(
        split=split,
        n=n,
        accuracy=round(correct / n, 3) if n else 0.0,
        macro_f1=round(sum(c.f1 for c in present) / len(present), 3) if present else 0.0,
        per_class=per_class,
        confusion=confusion,
        errors=errors,
    )


def evaluate_tagger(path: str | Path = DEFAULT_PATH, split: Split = "dev") -> TaggerReport:
    """Tag every labelled utterance of a split (with its context) and score against the labels."""
    items = [u for u in load_labelled(path) if split == "all" or u.split == split]
    predicted = [tag_utterance(u.text, u.context, u.speaker_role).act for u in items]
    return score([u.label for u in items], predicted, split, [u.id for u in items], [u.text for u in items])


class QuestionTypeReport(BaseModel):
    """How often the review reads a labelled turn's question type (open or closed) right, on one split."""

    split: Split
    n: int
    accuracy: float
    errors: list[tuple[str, str, str | None]] = Field(
        default_factory=list, description="(id, expected, read) for each miss; read is None when no question was read"
    )


def read_question_type(item: LabelledUtterance) -> str | None:
    """The question type the review reads in a labelled turn (None when it reads no question)."""
    return last_question_type(tag_utterance(item.text, item.context, item.speaker_role))


def evaluate_question_types(path: str | Path = DEFAULT_PATH, split: Split = "dev") -> QuestionTypeReport:
    """The review's question type (the turn's last question) against every labelled question of a split."""
    items = [u for u in load_labelled(path) if (split == "all" or u.split == split) and u.asked]
    read = [read_question_type(u) for u in items]
    errors = [(u.id, str(u.asked), r) for u, r in zip(items, read, strict=True) if r != u.asked]
    n = len(items)
    return QuestionTypeReport(split=split, n=n, accuracy=round((n - len(errors)) / n, 3) if n else 0.0, errors=errors)


def format_report(report: TaggerReport, show_errors: bool = False) -> str:
    """A plain-text table for the terminal and for commit messages."""
    lines = [
        f"split={report.split} n={report.n} accuracy={report.accuracy:.3f} macro_f1={report.macro_f1:.3f}",
        f"{'act':<16}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>5}",
    ]
    for act, cs in report.per_class.items():
        lines.append(f"{act:<16}{cs.precision:>7.2f}{cs.recall:>7.2f}{cs.f1:>7.2f}{cs.support:>5}")
    short = {a: a.replace("_question", "_q")[:8] for a in ACTS}
    lines.append("confusion (rows expected, columns predicted):")
    lines.append(" " * 16 + "".join(f"{short[a]:>9}" for a in ACTS))
    for act in ACTS:
        lines.append(f"{act:<16}" + "".join(f"{report.confusion[act][b]:>9}" for b in ACTS))
    if show_errors:
        lines += [f"  {e.id}: expected {e.expected}, got {e.predicted}: {e.text}" for e in report.errors]
    return "\n".join(lines)


class ConversationResult(BaseModel):
    """One labelled conversation: the tagger's in-context accuracy and the coaching quality it got."""

    file: str
    kind: str
    rank: int
    acts_correct: int
    acts_total: int
    coaching_quality: float | None = None


class ConversationReport(BaseModel):
    """All labelled conversations, plus whether quality orders the coaching ones as the labels do."""

    conversations: list[ConversationResult]
    act_accuracy: float
    ordering_matches: bool = Field(description="coaching_quality strictly decreases with the expert rank")


def evaluate_conversations(path: str | Path = CONVERSATIONS_PATH) -> ConversationReport:
    """Review each labelled conversation and compare acts and quality ordering with the labels."""
    path = Path(path)
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
    results = []
    for entry in entries:
        source = path.parent / "conversations" / entry["file"]
        review = review_transcript(source.read_bytes(), entry["kind"], entry.get("roles"), source.name)
        labels = entry.get("acts") or []
        if labels and len(labels) != len(review.utterances):
            raise KnowledgeBaseError(
                f"{len(labels)} act labels for {len(review.utterances)} utterances",
                path=str(path),
                key=entry["file"],
                fix="give one act label per parsed utterance",
            )
        quality = review.coaching_quality.score if review.coaching_quality else None
        correct = sum(u.act == label for u, label in zip(review.utterances, labels, strict=False))
        results.append(
            ConversationResult(
                file=entry["file"],
                kind=entry["kind"],
                rank=entry["rank"],
                acts_correct=correct,
                acts_total=len(labels),
                coaching_quality=quality,
            )
        )
    coaching = sorted((r for r in results if r.coaching_quality is not None), key=lambda r: r.rank)
    ordered = all(
        a.coaching_quality > b.coaching_quality  # type: ignore[operator]
        for a, b in pairwise(coaching)
    )
    total = sum(r.acts_total for r in results)
    return ConversationReport(
        conversations=results,
        ordering_matches=ordered,
        act_accuracy=round(sum(r.acts_correct for r in results) / total, 3) if total else 0.0,
    )


def format_conversations(report: ConversationReport) -> str:
    """A plain-text summary of the conversation evaluation."""
    lines = [
        f"conversations: act_accuracy={report.act_accuracy:.3f} quality_ordering_matches={report.ordering_matches}"
    ]
    for r in report.conversations:
        quality = f"{r.coaching_quality:.3f}" if r.coaching_quality is not None else "-"
        lines.append(f"  {r.file:<22} {r.kind:<9} rank={r.rank} acts={r.acts_correct}/{r.acts_total} quality={quality}")
    return "\n".join(lines)


class LabelledCall(BaseModel):
    """One sales call with an expert's level for every criterion of its interaction."""

    file: str
    interaction: str
    quality: Literal["strong", "medium", "weak"]
    split: Literal["dev", "heldout"]
    roles: dict[str, str] | None = None
    labels: dict[str, int] = Field(description="criterion id -> expert level 1-4")


class CallResult(BaseModel):
    """The scorer's levels next to the expert's for one call."""

    file: str
    interaction: str
    quality: str
    expected: dict[str, int]
    predicted: dict[str, int]
    mean_expected: float
    mean_predicted: float


class CallScoringReport(BaseModel):
    """Agreement between the call scorer and the expert labels on one split."""

    split: Split
    n_calls: int
    n_criteria: int
    exact: float = Field(description="share of criteria scored at exactly the expert's level")
    within_one: float = Field(description="share of criteria scored within one level of the expert's")
    ordering: float = Field(description="share of call pairs of different quality whose mean levels keep that order")
    strong_above_weak: bool = Field(description="every strong call's mean level is above every weak call's")
    calls: list[CallResult]


def load_calls(path: str | Path = CALLS_PATH) -> list[LabelledCall]:
    """Read the labelled calls; a malformed entry raises KnowledgeBaseError naming it."""
    path = Path(path)
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("calls", [])
    try:
        return [LabelledCall.model_validate(e) for e in entries]
    except ValidationError as err:
        raise KnowledgeBaseError(
            f"a labelled call is invalid: {err.errors()[0]['msg']}",
            path=str(path),
            fix="give file, interaction, quality (strong|medium|weak), split (dev|heldout) and labels",
        ) from err


def evaluate_call_scoring(
    path: str | Path = CALLS_PATH, split: Split = "dev", kb: KnowledgeBase | None = None
) -> CallScoringReport:
    """Score each labelled call and compare levels (exact, within one) and the strong > weak ordering."""
    from copilot.knowledge import load_knowledge_base
    from copilot.review.scoring import CallScorer
    from copilot.settings import load_settings

    path = Path(path)
    scorer = CallScorer(kb or load_knowledge_base(load_settings().resolved_knowledge_dir).kb)
    results = []
    for call in (c for c in load_calls(path) if split == "all" or c.split == split):
        source = path.parent / call.file
        review = review_transcript(source.read_bytes(), "call", call.roles, source.name)
        predicted = {s.criterion_id: s.level for s in scorer.score(review, call.interaction).scores}
        if set(call.labels) != set(predicted):
            raise KnowledgeBaseError(
                f"labels for {sorted(call.labels)} but the map has {sorted(predicted)}",
                path=str(path),
                key=call.file,
                fix="label every criterion of the interaction, and only those",
            )
        results.append(
            CallResult(
                file=call.file,
                interaction=call.interaction,
                quality=call.quality,
                expected=call.labels,
                predicted=predicted,
                mean_expected=round(sum(call.labels.values()) / len(call.labels), 3),
                mean_predicted=round(sum(predicted.values()) / len(predicted), 3),
            )
        )
    pairs = [(r.expected[k], r.predicted[k]) for r in results for k in r.expected]
    ranked = [(a, b) for a in results for b in results if QUALITY_RANK[a.quality] > QUALITY_RANK[b.quality]]
    return CallScoringReport(
        split=split,
        n_calls=len(results),
        n_criteria=len(pairs),
        exact=round(sum(e == p for e, p in pairs) / len(pairs), 3) if pairs else 0.0,
        within_one=round(sum(abs(e - p) <= 1 for e, p in pairs) / len(pairs), 3) if pairs else 0.0,
        ordering=round(sum(a.mean_predicted > b.mean_predicted for a, b in ranked) / len(ranked), 3) if ranked else 0.0,
        strong_above_weak=all(
            a.mean_predicted > b.mean_predicted for a, b in ranked if (a.quality, b.quality) == ("strong", "weak")
        ),
        calls=results,
    )


def format_call_report(report: CallScoringReport) -> str:
    """A plain-text summary of call-scoring agreement."""
    lines = [
        f"call scoring split={report.split} calls={report.n_calls} criteria={report.n_criteria} "
        f"exact={report.exact:.3f} within_one={report.within_one:.3f} ordering={report.ordering:.3f} "
        f"strong_above_weak={report.strong_above_weak}"
    ]
    for r in report.calls:
        misses = [f"{k.split('.', 1)[1]} {r.predicted[k]} vs {v}" for k, v in r.expected.items() if r.predicted[k] != v]
        lines.append(
            f"  {r.file:<32} {r.quality:<7} mean {r.mean_predicted:.2f} (expert {r.mean_expected:.2f})"
            + (f"  off: {', '.join(misses)}" if misses else "")
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the report for one split (or both)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument(
        "--split",
        choices=[*get_args(Split), "both"],
        default="both",
    )
    parser.add_argument("--errors", action="store_true", help="list the mistakes")
    args = parser.parse_args(argv)
    splits: list[Split] = ["dev", "heldout"] if args.split == "both" else [args.split]
    print("\n\n".join(format_report(evaluate_tagger(args.path, s), args.errors) for s in splits))
    for s in splits:
        q = evaluate_question_types(args.path, s)
        print(f"\nquestion type split={s} n={q.n} accuracy={q.accuracy:.3f}")
        if args.errors:
            print("\n".join(f"  {i}: expected {e}, read {r}" for i, e, r in q.errors))
    if CONVERSATIONS_PATH.exists():
        print("\n" + format_conversations(evaluate_conversations(CONVERSATIONS_PATH)))
    if CALLS_PATH.exists():
        print("\n" + "\n".join(format_call_report(evaluate_call_scoring(CALLS_PATH, s)) for s in splits))


if __name__ == "__main__":
    main()
