"""The review on conversations nobody here wrote: AnnoMI-format files, scored against the experts' majority labels.

Per counsellor (manager) utterance with a majority label: question type (the type of the turn's last question,
open or closed, as the review reads it), reflection (any sentence reflects) and advice (any sentence advises);
per conversation: the review's coaching-quality score against the high/low quality label (AUROC). Every number
comes with a 95% interval from a bootstrap over conversations (fixed seed, so a rerun prints the same).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from copilot.reader import Reader, default_reader
from copilot.reader.segment import clean, sentences
from copilot.review.acts import previous_turns
from copilot.review.measures import last_question_type, measure
from copilot.review.roles import assign_roles
from copilot.review.transcript import Transcript, Utterance
from evals.external import annomi

GATES = {"question_type_accuracy": 0.82, "quality_auroc": 0.85}
BOOTSTRAP = 1000
SEED = 20261204


@dataclass
class ConversationResult:
    """What the review read in one conversation, next to the experts' labels."""

    transcript_id: str
    high: bool
    quality: float
    questions: list[tuple[str, str]] = field(default_factory=list)  # (expert, review) per labelled question
    consensus: list[tuple[str, str]] = field(default_factory=list)  # the same, for questions several experts labelled
    by_annotator: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # questions one expert labelled alone
    reflection: list[tuple[bool, bool]] = field(default_factory=list)  # (expert, review) per counsellor turn
    advice: list[tuple[bool, bool]] = field(default_factory=list)


@dataclass
class Metric:
    """A number with its 95% bootstrap interval."""

    name: str
    value: float | None
    low: float | None
    high: float | None
    n: int
    gate: float | None = None

    @property
    def passed(self) -> bool:
        """True when ungated or at/above the gate."""
        return self.gate is None or (self.value is not None and self.value >= self.gate)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        r = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        r["passed"] = self.passed
        return r


@dataclass
class Annotator:
    """How the review's question types agree with one expert, on the questions that expert labelled alone.

    An expert whose labels are nearly all one type shows up here: agreement with them caps the accuracy any
    reading can reach on their share of the file.
    """

    annotator_id: str
    questions: int
    agreement: float
    labelled_open: float


@dataclass
class ExternalReport:
    """All metrics of one run, with what was read and how long it took."""

    data: str
    conversations: int
    metrics: list[Metric]
    seconds: float
    annotators: list[Annotator] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every gated metric reaches its gate."""
        return all(m.passed for m in self.metrics)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "data": self.data,
            "conversations": self.conversations,
            "seconds": round(self.seconds, 1),
            "passed": self.passed,
            "metrics": [m.as_dict() for m in self.metrics],
            "annotators": [
                {k: (round(v, 4) if isinstance(v, float) else v) for k, v in a.__dict__.items()}
                for a in self.annotators
            ],
        }


def review_conversation(conversation: annomi.Conversation, reader: Reader) -> ConversationResult:
    """Run the coaching review on one conversation (therapist = manager, client = rep)."""
    utterances = [Utterance(index=i, speaker=t.speaker, text=t.text) for i, t in enumerate(conversation.turns)]
    speakers = list(dict.fromkeys(u.speaker for u in utterances))
    transcript = Transcript(format="text", utterances=utterances, speakers=speakers, source=conversation.transcript_id)
    roles = assign_roles(transcript, "coaching", {"therapist": "manager", "client": "rep"})
    measures = measure(transcript, roles, reader)
    quality = measures.coaching_quality.score if measures.coaching_quality else 0.0
    result = ConversationResult(conversation.transcript_id, conversation.quality == "high", quality)
    tags = measures.tags
    for turn, tag in zip(conversation.turns, tags, strict=True):
        if turn.speaker != "therapist":
            continue
        if turn.question:
            pair = (turn.question, forced_type(tag))
            result.questions.append(pair)
            if turn.annotators >= 2:
                result.consensus.append(pair)
            elif turn.annotator_ids:
                result.by_annotator.setdefault(turn.annotator_ids[0], []).append(pair)
        result.reflection.append((bool(turn.reflection), "reflection" in tag.acts))
        result.advice.append((bool(turn.advice), "advice" in tag.acts))
    return result


def forced_type(tag: Any) -> str:
    """The review's question type; a turn the review reads as no question gets the likelier of the two."""
    kind = last_question_type(tag)
    if kind:
        return kind
    best = max(
        tag.sentences,
        key=lambda s: max(s.probs.get("open_question", 0), s.probs.get("closed_question", 0)),
        default=None,
    )
    if best is None:
        return "open"
    return "open" if best.probs.get("open_question", 0) >= best.probs.get("closed_question", 0) else "closed"


def _f1(pairs: list[tuple[Any, Any]], positive: Any) -> float:
    tp = sum(1 for g, p in pairs if g == positive and p == positive)
    fp = sum(1 for g, p in pairs if g != positive and p == positive)
    fn = sum(1 for g, p in pairs if g == positive and p != positive)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _precision(pairs: list[tuple[bool, bool]]) -> float | None:
    predicted = [g for g, p in pairs if p]
    return sum(predicted) / len(predicted) if predicted else None


def _recall(pairs: list[tuple[bool, bool]]) -> float | None:
    found = [p for g, p in pairs if g]
    return sum(found) / len(found) if found else None


def auroc(scores: list[float], positive: list[bool]) -> float | None:
    """Probability that a random high conversation scores above a random low one (ties count half)."""
    pos = np.array([s for s, y in zip(scores, positive, strict=True) if y])
    neg = np.array([s for s, y in zip(scores, positive, strict=True) if not y])
    if not len(pos) or not len(neg):
        return None
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def _metrics(results: list[ConversationResult]) -> dict[str, float | None]:
    questions = [q for r in results for q in r.questions]
    consensus = [q for r in results for q in r.consensus]
    reflection = [x for r in results for x in r.reflection]
    advice = [x for r in results for x in r.advice]
    return {
        "question_type_accuracy": sum(g == p for g, p in questions) / len(questions) if questions else None,
        "question_type_macro_f1": (_f1(questions, "open") + _f1(questions, "closed")) / 2 if questions else None,
        "question_type_consensus": sum(g == p for g, p in consensus) / len(consensus) if consensus else None,
        "reflection_precision": _precision(reflection),
        "reflection_recall": _recall(reflection),
        "advice_precision": _precision(advice),
        "advice_recall": _recall(advice),
        "quality_auroc": auroc([r.quality for r in results], [r.high for r in results]),
    }


def _counts(results: list[ConversationResult]) -> dict[str, int]:
    return {
        "question_type_accuracy": sum(len(r.questions) for r in results),
        "question_type_macro_f1": sum(len(r.questions) for r in results),
        "question_type_consensus": sum(len(r.consensus) for r in results),
        "reflection_precision": sum(p for r in results for _, p in r.reflection),
        "reflection_recall": sum(g for r in results for g, _ in r.reflection),
        "advice_precision": sum(p for r in results for _, p in r.advice),
        "advice_recall": sum(g for r in results for g, _ in r.advice),
        "quality_auroc": len(results),
    }


def score(results: list[ConversationResult], *, resamples: int = BOOTSTRAP, seed: int = SEED) -> list[Metric]:
    """Point estimates and 95% percentile intervals from resampling whole conversations."""
    point = _metrics(results)
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {k: [] for k in point}
    for _ in range(resamples):
        sample = [results[i] for i in rng.integers(0, len(results), len(results))]
        for k, v in _metrics(sample).items():
            if v is not None:
                draws[k].append(v)
    counts = _counts(results)
    out = []
    for name, value in point.items():
        values = draws[name]
        low, high = (float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))) if values else (None, None)
        out.append(Metric(name, value, low, high, counts[name], GATES.get(name)))
    return out


def run(path: Path, reader: Reader | None = None) -> ExternalReport:
    """Read the file, review every conversation, score against the experts."""
    started = time.perf_counter()
    conversations = annomi.load(path)
    reader = reader or default_reader()
    warm(conversations, reader)
    results = [review_conversation(c, reader) for c in conversations]
    metrics = score(results)
    return ExternalReport(str(path), len(results), metrics, time.perf_counter() - started, annotators(results))


def warm(conversations: list[annomi.Conversation], reader: Reader) -> int:
    """Embed every sentence and every context the reviews will read, in one pass over the whole file.

    The reviews then find each vector in the reader's cache. One pass sorts the file's texts by length across
    conversations, so batches are full and little padded, instead of two small passes per conversation; a text's
    vector does not depend on its batch, so every number is the same. Returns how many distinct texts it embedded.
    """
    texts: list[str] = []
    for conversation in conversations:
        said = [t.text for t in conversation.turns]
        texts += [piece for text in said for piece in sentences(text)]
        texts += [clean(c) for c in previous_turns([t.speaker for t in conversation.turns], said) if c]
    distinct = list(dict.fromkeys(texts))
    if len(distinct) <= reader.cache.limit:  # a file too big for the cache is read conversation by conversation
        reader.cache.vectors(distinct)
    return len(distinct)


def annotators(results: list[ConversationResult]) -> list[Annotator]:
    """Agreement per expert over the questions each labelled alone, most questions first."""
    pooled: dict[str, list[tuple[str, str]]] = {}
    for r in results:
        for who, pairs in r.by_annotator.items():
            pooled.setdefault(who, []).extend(pairs)
    out = [
        Annotator(
            who, len(pairs), sum(g == p for g, p in pairs) / len(pairs), sum(g == "open" for g, _ in pairs) / len(pairs)
        )
        for who, pairs in pooled.items()
    ]
    return sorted(out, key=lambda a: (-a.questions, a.annotator_id))


def render(report: ExternalReport) -> list[str]:
    """Lines for the terminal and the markdown report."""
    lines = [f"review-external on {report.data}: {report.conversations} conversations in {report.seconds:.1f} s"]
    for m in report.metrics:
        if m.value is None:
            lines.append(f"  {m.name:<24} n/a (nothing to measure)")
            continue
        gate = "" if m.gate is None else (f"  gate >= {m.gate}: " + ("pass" if m.passed else "FAIL"))
        lines.append(f"  {m.name:<24} {m.value:.3f}  95% CI [{m.low:.3f}, {m.high:.3f}]  n={m.n}{gate}")
    if report.annotators:
        lines.append("  question type per expert (questions one expert labelled alone):")
        for a in report.annotators:
            lines.append(
                f"    annotator {a.annotator_id:<4} n={a.questions:<4} agreement {a.agreement:.3f}  "
                f"labelled open {a.labelled_open:.2f}"
            )
    return lines
