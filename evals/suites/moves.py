"""Rep-moves suite: the paraphrase set (evals/roleplay/moves/) read by the utterance reader's moves head.

Only held-out lines are scored here, so they are what CI gates (over the held-out splits together): the dev split
is part of the head's training data (copilot/reader/data/moves/dev.yaml), and its numbers are shown in the notes,
apart. `heldout2` was written later (session 8) by someone who had not studied the head's mistakes on `heldout`,
which had been looked at while the head's frames were written; `heldout3` (session 9) was written before that
session's retrain, after both earlier splits had been looked at; `heldout4` (session 10) before that session's
change, without reading the head's mistakes on any split; `heldout5` (session 12) the same way, weighted to
dismissals and acknowledgements; `heldout6` (session 13) the same way, across five roleplay scenarios and
registers; `heldout7` (session 14) the same way, weighted to dismissals and clarifying questions; `heldout8` (session 15)
the same way, weighted to dismissals and arguments; `heldout9` (session 19) the same way, weighted to dismissals of
many kinds; `heldout10` (session 20) the same way, weighted to dismissals, plain acknowledgements and step proposals; `heldout11`
(session 21) the same way, weighted to negations that are not dismissals and to "everyone asks for it, but"
dismissals; `heldout12` (session 22) the same way, balanced across the moves with plain acknowledgements. Each split is also reported on its own. The lines
issue 17 quoted are their own cases, each read as the move the issue names.
"""

from __future__ import annotations

from copilot.reader.moves import MoveScore, load_paraphrases, read_many_moves, score_moves
from copilot.reader.specs.moves import LABELS
from evals.framework import CaseResult, MetricSpec, SuiteResult

QUOTED = {
    "I hear you, budget is tight, and you've been burned before.": ("acknowledge", ()),
    "That's a fair worry.": ("acknowledge", ()),
    "I understand, committing long-term is a real risk.": ("acknowledge", ()),
    "Would it be worth thirty minutes next Tuesday to walk through a business case with your finance lead?": (
        "next_step",
        (),
    ),
    "We can give you 30% if you sign before year end.": ("discount", ()),
    "Everyone gives us mailbox access, it's standard.": ("dismiss", ("acknowledge",)),
    "I understand you need to get the best terms you can. Before we talk numbers, what would a good outcome look "
    "like on your side?": ("acknowledge", ("dismiss",)),
    "Before I answer, can I ask what you're comparing it with?": ("clarify", ()),
    "I can take 20 percent off right now if you sign this week.": ("discount", ()),
}
"""Issue 17's lines: the move each must be read as, and moves it must not be read as."""

SPECS = [
    MetricSpec(
        "move_read_right",
        "Per held-out paraphrase line: 1 when the reader's moves for the turn include the move the line was written "
        "for, else 0. The mean over all ten moves' lines.",
        0.85,
    ),
    *(
        MetricSpec(
            f"read_right_{move}",
            f"Per held-out line written for `{move}`: 1 when the reading includes it. Reported per move (target "
            "0.9, issue 17), not gated one by one.",
            None,
        )
        for move in LABELS
    ),
    MetricSpec(
        "move_precision",
        "Per held-out line and move the reader read: 1 when the line makes that move (its labels), else 0: how "
        "often a move the reader reports is really there.",
        0.85,
    ),
    MetricSpec(
        "quoted_lines",
        "Per line quoted in issue 17: 1 when it is read as the move the issue names and not as the move it must "
        "not be (an acknowledgement is not an argument; a dismissal is not an acknowledgement).",
        1.0,
    ),
]


HELD_OUT = (
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
)
"""The paraphrase splits never trained on, in the order they were written."""


def _per_move(scores: dict[str, MoveScore]) -> str:
    return ", ".join(f"{m} {s.recall:.2f}/{s.precision:.2f}" for m, s in scores.items())


def run() -> SuiteResult:
    """Read the held-out paraphrase set and the quoted lines; report dev apart in the notes."""
    cases: list[CaseResult] = []
    notes: list[str] = []
    for split in HELD_OUT:
        held = load_paraphrases(split)
        readings = read_many_moves([p.text for p in held])
        for i, (phrase, reading) in enumerate(zip(held, readings, strict=True)):
            hit = float(reading.has(phrase.move))
            read = [m for m in reading.moves]
            values: dict[str, float | None] = {"move_read_right": hit, f"read_right_{phrase.move}": hit}
            values["move_precision"] = sum(m in phrase.labels for m in read) / len(read) if read else None
            details = {"text": phrase.text, "labels": sorted(phrase.labels), "read": read, "sure": reading.sure}
            cases.append(CaseResult(f"{phrase.move}[{i}]", split, values, details))
        notes.append(f"{split} per move (recall/precision): " + _per_move(score_moves(held, readings)))
    quoted = read_many_moves(list(QUOTED))
    for (text, (want, never)), reading in zip(QUOTED.items(), quoted, strict=True):
        ok = reading.has(want) and not any(reading.has(m) for m in never)
        details = {"text": text, "want": want, "never": list(never), "read": list(reading.moves)}
        cases.append(CaseResult(f"quoted:{want}", "heldout", {"quoted_lines": float(ok)}, details))
    dev = load_paraphrases("dev")
    dev_scores = score_moves(dev, read_many_moves([p.text for p in dev]))
    notes.append(
        "dev per move (recall/precision; dev is training data for the head, so this is not a test): "
        + _per_move(dev_scores)
    )
    return SuiteResult("moves", SPECS, cases, notes=notes)
