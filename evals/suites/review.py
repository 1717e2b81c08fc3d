"""Review suite: the act tagger against labelled utterances, coaching quality against expert ranks, and call review
behaviours (credit only what the rep did, a booked next step found, the interaction named or asked)."""

from __future__ import annotations

from copilot.review.acts import tag_utterance
from copilot.review.evaluate import evaluate_conversations, load_labelled, read_question_type
from evals.framework import CaseResult, MetricSpec, SuiteResult

SPECS = [
    MetricSpec("act_correct", "Share of labelled utterances whose tagged act equals the label (accuracy).", 0.85),
    MetricSpec(
        "question_type_right",
        "Share of labelled questions whose type (open or closed, the turn's last question) the review reads right.",
    ),
    MetricSpec("macro_f1", "Per-class F1 averaged over the seven acts (one case per split).", 0.8),
    MetricSpec(
        "coaching_order",
        "1 when coaching quality strictly decreases with the expert rank of the labelled 1-on-1s, else 0.",
        1.0,
    ),
    MetricSpec(
        "call_credit",
        "Share of call behaviour cases whose criterion level lies in the labelled range (an unexplored pain, an "
        "unaccepted or vague next step must not earn the credit; an explored pain, a booked step must).",
        0.9,
    ),
    MetricSpec(
        "call_interaction_not_wrong",
        "Share of calls (behaviour cases and labelled calls) where the review either picks the right interaction "
        "and is sure, or says it is unsure with the right one among its options; a sure wrong pick scores 0.",
        0.95,
    ),
    MetricSpec(
        "call_interaction_sure_right",
        "Share of the same calls where the review is sure and right (always answering 'unsure' fails this).",
        0.55,
    ),
    MetricSpec("call_rep_evidence", "Share of scored calls whose every quoted evidence is a line the rep said.", 1.0),
    MetricSpec(
        "action_items_right",
        "Share of labelled 1-on-1s (evals/review/action_items.yaml) whose action items are each found once, with "
        "owner and due date, and nothing else is listed.",
        0.8,
    ),
    MetricSpec("action_item_recall", "Expected action items found once with owner and due date, per conversation."),
    MetricSpec("action_item_precision", "Listed action items that match an expected one, per conversation."),
]


def run() -> SuiteResult:
    """One case per utterance, plus per-split macro F1 and the conversation ordering."""
    from copilot.review.evaluate import evaluate_tagger

    cases = []
    for u in load_labelled():
        tag = tag_utterance(u.text, context=u.context, speaker_role=u.speaker_role)
        asked = read_question_type(u) if u.asked else None
        cases.append(
            CaseResult(
                u.id,
                u.split,
                {
                    "act_correct": float(tag.act == u.label),
                    "question_type_right": float(asked == u.asked) if u.asked else None,
                },
                {"text": u.text, "label": u.label, "predicted": tag.act, "question_type": u.asked, "read_type": asked},
            )
        )
    for split in ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"):
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
    cases += _call_cases()
    cases += _action_item_cases()
    return SuiteResult("review", SPECS, cases)


def _action_item_cases() -> list[CaseResult]:
    """One case per labelled 1-on-1: were its action items written down as the manager would?"""
    from evals.review.action_items import run_cases

    return [
        CaseResult(
            f"items:{c.id}",
            c.split,
            {
                "action_items_right": float(c.right),
                "action_item_recall": c.found / c.expected if c.expected else None,
                "action_item_precision": (c.listed - c.extra) / c.listed if c.listed else None,
            },
            {"seen": c.seen},
        )
        for c in run_cases()
    ]


def _call_cases() -> list[CaseResult]:
    """One case per call behaviour and per labelled call's interaction choice, per split."""
    from copilot.knowledge import load_knowledge_base
    from copilot.review.call_checks import SPLITS, run_checks
    from copilot.settings import load_settings

    kb = load_knowledge_base(load_settings().resolved_knowledge_dir).kb
    out = []
    for split in SPLITS:
        for r in run_checks(kb, split):
            values: dict[str, float | None] = {"call_rep_evidence": float(r.rep_evidence)}
            if r.check == "credit":
                values["call_credit"] = float(r.passed)
            else:
                values["call_interaction_not_wrong"] = float(r.passed)
                values["call_interaction_sure_right"] = float(bool(r.sure) and r.passed)
            out.append(CaseResult(f"call:{r.id}", split, values, {"seen": r.seen}))
    return out
