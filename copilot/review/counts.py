"""A number settled across turns: "How many cold calls can you fit in?" / "Twenty by Wednesday?" / "Let's make it
thirty." / "Okay, thirty by Wednesday." is one item, thirty cold calls by Wednesday, owned by the one asked. The
number the talk settles on is the last one put forward that is not itself asked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copilot.review import commitments as cm
from copilot.review import reschedule
from copilot.review.acts import normalize
from copilot.review.transcript import Utterance

# "How many cold calls can you fit in before the holidays?", "How many of your calls do you want to record?": a
# question about a number of things the other (or both) will do.
_HOW_MANY = re.compile(
    r"\bhow many (?:(?:of )?(?:your|the|our|my|those|these) )?(?P<what>[a-z][a-z' -]{0,40}?) "
    r"(?:can|could|will|would|should|shall|do|are) (?P<who>you|we)\b(?P<rest>[^?]*)\?",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-five|thirty|"
    r"forty|fifty|a hundred)\b",
    re.IGNORECASE,
)
_WINDOW = 4  # turns after the question that the talk about the number may take


@dataclass
class Settled:
    """The number a question's talk settled on, the day said with it, what it counts, and the talk's last turn."""

    count: str
    day: str | None
    what: str
    both: bool
    end: int


# A speaker saying what they want before the number ("I'd really like to hear four", "I'd want to see five", "we
# need three", "I'd prefer two"): a wish and at most one verb of its own, so the number is still the whole point.
_WISH = re.compile(
    r"^(?:(?:well|so|okay|ok|hmm|honestly|ideally|really)[,.]?\s+)*(?:i|we)(?:'d| would)?\s+"
    r"(?:(?:really|much|rather|still|actually|ideally|honestly|at least)\s+)*(?:like|love|prefer|want|need|hope|rather)"
    r"(?:\s+to\s+[a-z]+)?(?:\s+(?:at least|more like|something like|about|around|maybe))?\s+(?=\S)"
    # "I'd be happier with five", "we'd be more comfortable with three": a conditional judgement of the number
    r"|^(?:(?:well|so|okay|ok|hmm|honestly|ideally|really)[,.]?\s+)*(?:i|we)(?:'d| would) be (?:[a-z]+ ){1,2}with\s+",
    re.IGNORECASE,
)
# What may follow the number without saying anything else: how firm it is ("at the very least") and where the things
# go or what they are for ("on the list", "for the deck", "in the calendar") - a preposition and a short noun phrase.
_TAIL = re.compile(
    r"\b(?:at (?:the )?(?:very )?(?:least|most|minimum|maximum|max)"
    r"|(?:on|for|in|into|onto|to|across|over|from) (?:the|a|an|my|your|our|their|this|that|his|her)(?: [a-z'-]+){1,2})"
    r"(?=$|[ ,.;])",
    re.IGNORECASE,
)


def count_talk(piece: str, what: str = "") -> tuple[str, str | None] | None:
    """The number (and day) a piece of speech names when it says nothing else: "twenty by next Wednesday?", "Let's
    make it thirty", "three calls?", "I'd really like to hear four"."""
    low = normalize(piece).strip(" ?.!")
    if len(low) != len(piece.strip(" ?.!")):
        return None
    wish = _WISH.match(low)
    if wish:
        low, piece = low[wish.end() :], piece.strip(" ?.!")[wish.end() :]
    numbers = list(_NUMBER.finditer(low))
    if len(numbers) != 1 or re.search(r"\b(no|not|never)\b|n't\b", low):
        return None
    days = list(cm.DUE_RE.finditer(low))
    after = numbers[0].end()
    rest = cm.DUE_RE.sub(" ", _NUMBER.sub(" ", low[:after] + _TAIL.sub(" ", cm.DUE_RE.sub(" ", low[after:]))))
    allowed = set(reschedule.TALK) | set(what.lower().split()) | {w.rstrip("s") for w in what.lower().split()}
    if any(word not in allowed for word in re.findall(r"[a-z']+", rest)):
        return None
    day = piece.strip(" ?.!")[days[-1].start() : days[-1].end()].strip() if days else None  # as said
    return numbers[0].group(0).lower(), day


@dataclass
class _Turn:
    count: str | None
    day: str | None
    asks: bool
    accepts: bool


def _read(text: str, what: str) -> _Turn:
    pieces = [p.strip() for p in re.split(r"(?<=[.!?])\s+|,\s+", text.strip()) if p.strip(" ,.")]
    count, day, asks = None, None, False
    for piece in pieces:
        said = count_talk(piece, what)
        if said:
            count, asks = said[0], piece.endswith("?")
            day = said[1] or day
        elif count and reschedule.day_talk(piece.rstrip("?.!")):  # "Let's say five, by Friday."
            day = reschedule.day_talk(piece.rstrip("?.!"))
    accepts = any(reschedule.accepts(p) for p in pieces)
    return _Turn(count, day, asks, accepts)


def settled_count(turns: Sequence[Utterance], index: int) -> Settled | None:
    """The number the turns after a "how many" question at `index` settle on, when the other person answers with a
    number and the talk ends on one that is not asked."""
    m = _HOW_MANY.search(turns[index].text)
    if m is None:
        return None
    what = m.group("what").strip()
    asked_day = cm.DUE_RE.search(m.group("rest"))
    talk = _settle(turns, index, what, asked_day.group(0).strip() if asked_day else None, answered=True)
    return Settled(talk[0], talk[1], what, m.group("who").lower() == "we", talk[2]) if talk else None


def moved_count(turns: Sequence[Utterance], index: int, what: str) -> tuple[str, int] | None:
    """The number an item said with a count at `index` is talked to ("Let's do four practice runs." / "Three?" /
    "Fine, three."), when the other person's reply puts another number forward, and the talk's last turn."""
    talk = _settle(turns, index, what, None, answered=False)
    return (talk[0], talk[2]) if talk else None


def _settle(
    turns: Sequence[Utterance], index: int, what: str, day: str | None, answered: bool
) -> tuple[str, str | None, int] | None:
    """The number (and day) the turns after `index` settle on: the reply puts a number forward (as a question, or,
    answering a question, as a statement) and the talk ends on one that is not asked."""
    first = index + 1
    if first >= len(turns) or turns[first].speaker == turns[index].speaker:
        return None
    reply = _read(turns[first].text, what)
    if reply.count is None or not (answered or reply.asks):
        return None
    on_table, day, end = reply.count, reply.day or day, first
    agreed = None if reply.asks else on_table
    j = first + 1
    while j < len(turns) and j - index <= _WINDOW and turns[j].speaker != turns[j - 1].speaker:
        turn = _read(turns[j].text, what)
        if turn.count is None and not turn.accepts:
            break
        on_table, day = turn.count or on_table, turn.day or day
        agreed, end = (None if turn.asks else on_table), j
        j += 1
    return (agreed, day, end) if agreed else None
