"""Review suite: the act tagger against labelled utterances, and coaching quality against expert ranks."""

from __future__ import annotations

from copilot.review.acts import tag_utterance
from copilot.review.evaluate import evaluate_conversations, load_labelled
from evals.framework import CaseResult, MetricSpec, SuiteResult

SPECS = [
    MetricSpec("act_correct", "Share of labelled utterances whose tagged act equals the label (accuracy).", 0.85),
    MetricSpec("macro_f1", "Per-class F1 averaged over the seven acts (one case per split).", 0.8),
    MetricSpec(
        "coaching_order",
        "1 when coaching quality strictly decreases with the expert rank of the labelled 1-on-1s, else 0.",
        1.0,
    ),
]


def run() -> SuiteResult:
    """One case per utterance, plus per-split macro F1 and the conversation ordering."""
    from copilot.review.evaluate import evaluate_tagger

    cases = []
    for u in load_labelled():
        predicted = tag_utterance(u.text, context=u.context, speaker_role=u.speaker_role).act
        cases.append(
            CaseResult(
                u.id,
                u.split,
                {"act_correct": float(predicted == u.label)},
                {"text": u.text, "label": u.label, "predicted": predicted},
            )
        )
    for split in ("dev", "heldout"):
        report = evaluate_tagger(split=split)
        cases.append(
            CaseResult(
                f"macro-f1-{split}",
                split,
                {"macro_f1": report.macro_f1},
                {"per_class_f1": {k: round(v.f1, 3) for k, v in report.per_class.items()}},
            )
        )
    conversations = evaluate_conversations()
    cases.append(
        CaseResult(
            "coaching-order",
            "dev",
            {"coaching_order": float(conversations.ordering_matches)},
            {"quality": {c.file: c.coaching_quality for c in conversations.conversations}},
        )
    )
    return SuiteResult("review", SPECS, cases)
