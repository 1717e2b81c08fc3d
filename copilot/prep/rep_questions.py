"""Diagnostic questions about this rep: each one names a moment only this rep's records hold (the date, the
buyer's words, the deal), built by code from the evidence and the question bank's angles per root cause.

A bank question is kept only when it does not contradict the evidence: a rep whose evidence says he never
stated an agenda is not asked what happened after he stated it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from copilot.prep.models import BriefAssignment, BriefQuestion, Evidence, Focus, RootCause, RootCauseHypothesis
from copilot.prep.questions import problem_with

ANGLES: dict[RootCause, tuple[str, ...]] = {
    "knowledge": (
        "What would an excellent version of that moment have sounded like to you?",
        "What would you want the buyer to hear from you at that point next time?",
    ),
    "skill": (
        "What was going on for you at that point, and what did you do next?",
        "What would you do differently at that moment on your next call?",
    ),
    "confidence": (
        "What made you hold back at that point?",
        "What would have made it easier to take the lead right then?",
    ),
    "messaging": (
        "How would you put the value for that buyer into two sentences at that point?",
        "What did you want the buyer to take away at that moment?",
    ),
}
PREFIX = re.compile(r"^(self-assessment|self-review|note)\s*[-:–]\s*", re.I)
NEGATED = re.compile(r"\b(?:no|without|never|didn'?t|did not|not|nor)\b((?:\W+\w+){1,5})", re.I)
PRESUPPOSES = re.compile(
    r"\b(?:after|when|once|as|before) you (?:stated|gave|set|asked|used|shared|named|told|offered|showed|proposed|"
    r"agreed|booked|made)\b((?:\s+\w+){1,3})",
    re.I,
)
MAX_WORDS = 32
STOP = {"the", "a", "an", "and", "or", "of", "to", "with", "for", "on", "in", "it", "is", "its", "this", "that"}


def _day(date: dt.date | None) -> str:
    return f"{date.day} {date.strftime('%B')}" if date else "last"


def _trimmed(text: str) -> str:
    """The record's own words, without a self-assessment prefix, cut at a clause when long."""
    words = PREFIX.sub("", text.strip()).split()
    if len(words) <= MAX_WORDS:
        return " ".join(words).rstrip(" .")
    cut = " ".join(words[:MAX_WORDS])
    for mark in ("; ", " - ", ", "):
        if mark in cut:
            return cut[: cut.rfind(mark)].rstrip(" ,;-") + " …"
    return cut + " …"


def _short(text: str) -> str:
    """The moment in a few words: its first quoted words, else its opening words."""
    quoted = re.search(r'"([^"]{6,80})"', text) or re.search(r"(?:^|\s)'([^']{6,80})'(?=[\s,.;:!?)]|$)", text)
    if quoted:
        return f"“{quoted.group(1).rstrip(' ?.!,')}”"
    words = PREFIX.sub("", text.strip()).split()
    return "“" + " ".join(words[:8]).rstrip(" ,;-.") + " …”"


def _from_notes(item: Focus, notes: Sequence[Evidence]) -> BriefQuestion | None:
    """A question on the latest coaching note about this skill: what has happened since."""
    for note in sorted(notes, key=lambda e: e.date or dt.date.min, reverse=True):
        words = set(re.findall(r"[a-z]+", (item.criterion_id.split(".", 1)[-1] + " " + item.title).lower()))
        for sentence in re.split(r"(?<=[.;!?])\s+", note.text):
            if len(words & set(re.findall(r"[a-z]+", sentence.lower())) - STOP) >= 1 and len(sentence.split()) >= 6:
                text = f"Our {_day(note.date)} notes say “{_trimmed(sentence)}” - what has happened since then?"
                if problem_with(text, note.text, item.title) is None:
                    return BriefQuestion(
                        text=text,
                        kind="diagnostic",
                        criterion_id=item.criterion_id,
                        source="records",
                        citations=[note.id, item.criterion_id],
                    )
    return None


def built_questions(
    first_name: str,
    focus: Sequence[Focus],
    causes: Sequence[RootCauseHypothesis],
    per_focus: int,
    notes: Sequence[Sequence[Evidence]] = (),
) -> list[BriefQuestion]:
    """Up to `per_focus` questions per focus, each on a dated moment of this rep's own evidence or notes."""
    rows: list[list[BriefQuestion]] = []
    for n, (item, cause) in enumerate(zip(focus, causes, strict=True)):
        moments: list[Evidence] = []
        newest = sorted(item.evidence, key=lambda e: e.date or dt.date.min, reverse=True)
        misses = [e for e in newest if e.level is not None and e.level < 3]
        for ev in misses or newest:
            if ev.text and all(ev.text != m.text for m in moments):
                moments.append(ev)
        angles = ANGLES[cause.category]
        order = [(0, 0), (1, 0), (0, 1), (2, 0), (1, 1), (2, 1)]
        row: list[BriefQuestion] = []
        for ev_i, angle_i in order:
            if len(row) >= per_focus or ev_i >= len(moments):
                continue
            ev = moments[ev_i]
            angle = angles[angle_i][0].lower() + angles[angle_i][1:]
            if angle_i == 0:
                text = f"On your {_day(ev.date)} call the notes say “{_trimmed(ev.text)}” - {angle}"
            else:
                text = f"Back to {_day(ev.date)} and {_short(ev.text)}: {angle}"
            problem = problem_with(text, ev.text, item.title)
            if problem is not None:
                continue
            row.append(
                BriefQuestion(
                    text=text,
                    kind="diagnostic",
                    criterion_id=item.criterion_id,
                    source="records",
                    citations=[ev.id, item.criterion_id],
                )
            )
        noted = _from_notes(item, notes[n]) if n < len(notes) else None
        if noted is not None:
            row.insert(min(2, len(row)), noted)
            row = row[:per_focus]
        rows.append(row)
    out: list[BriefQuestion] = []
    for i in range(max((len(r) for r in rows), default=0)):
        out += [r[i] for r in rows if i < len(r)]
    return out


def commitment_for(assignment: BriefAssignment) -> BriefQuestion:
    """A commitment with a count and a date on the activity the brief assigns, for when the bank's asks for
    something the rep has already done."""
    return BriefQuestion(
        text=f"How many times will you run the {assignment.title.lower()} before {_day(assignment.due)}, and what "
        "do you need from me?",
        kind="commitment",
        criterion_id=assignment.criterion_id,
        source="records",
        citations=[assignment.activity_id],
    )


def contradicts(question: str, evidence: Sequence[Evidence]) -> bool:
    """True when the question presupposes something the rep's evidence says did not happen."""
    said_not: set[str] = set()
    for ev in evidence:
        for match in NEGATED.finditer(ev.text.lower()):
            said_not |= set(re.findall(r"[a-z]+", match.group(1)))
    for match in PRESUPPOSES.finditer(question.lower()):
        if set(re.findall(r"[a-z]+", match.group(1))) - {"the", "a", "an", "your", "their"} & said_not:
            return True
    return False
