"""Tagger evaluation on labelled utterances, so 'the tagger must be good' is a number, not a claim.

Run `python -m copilot.review.evaluate [utterances.yaml] [--split dev|heldout|all|both] [--errors]`; it also
reports the labelled conversations (in-context acts and whether coaching quality ranks them as experts did).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from copilot.errors import KnowledgeBaseError
from copilot.review.acts import ACTS, Act, tag_utterance
from copilot.review.measures import review_transcript

Split = Literal["dev", "heldout", "all"]
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "evals" / "review" / "utterances.yaml"
CONVERSATIONS_PATH = DEFAULT_PATH.with_name("conversations.yaml")


class LabelledUtterance(BaseModel):
    """One expert-labelled utterance."""

    id: str
    text: str
    context: str | None = Field(default=None, description="the other speaker's previous turn")
    speaker_role: str | None = None
    label: Act
    split: Literal["dev", "heldout"]


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
        f"conversations: act_accuracy={report.act_accuracy:.3f} "
        f"quality_ordering_matches={report.ordering_matches}"
    ]
    for r in report.conversations:
        quality = f"{r.coaching_quality:.3f}" if r.coaching_quality is not None else "-"
        lines.append(
            f"  {r.file:<22} {r.kind:<9} rank={r.rank} acts={r.acts_correct}/{r.acts_total} quality={quality}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the report for one split (or both)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--split", choices=["dev", "heldout", "all", "both"], default="both")
    parser.add_argument("--errors", action="store_true", help="list the mistakes")
    args = parser.parse_args(argv)
    splits: list[Split] = ["dev", "heldout"] if args.split == "both" else [args.split]
    print("\n\n".join(format_report(evaluate_tagger(args.path, s), args.errors) for s in splits))
    if CONVERSATIONS_PATH.exists():
        print("\n" + format_conversations(evaluate_conversations(CONVERSATIONS_PATH)))


if __name__ == "__main__":
    main()
