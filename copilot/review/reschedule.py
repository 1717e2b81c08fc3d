"""A day moved across turns: "Send it by Friday." / "Can we do Monday instead?" / "Monday works." is one item due
Monday. The reply must put another day on the table; the day the talk settles on is the one the last turn names
when it accepts (or insists on) it, so a counter-proposal turned down ("I'd rather keep Friday." / "Okay, Friday it
is.") leaves the first day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copilot.review import commitments as cm
from copilot.review.acts import normalize
from copilot.review.transcript import Utterance

# Words that can stand around a day without saying anything else: "could we do Thursday instead?", "would Friday
# do?", "any chance of Wednesday?", "Friday it is", "Tuesday's fine", "I'd rather keep Friday".
_TALK_WORDS = (
    "do say make it move push instead works work fine better doable chance any of rather keep ok okay sure then "
    "is could can we i you would will maybe perhaps how what about suit suits good great yeah yes yep please "
    "alright that be go with for me us let's lets shall should or does actually probably um uh hmm hm mm well so "
    "and also the a to by on at in until till back slot same i'd i'll we'd we'll it's that's 's s prefer perfect "
    "ideal earlier later one either still first thing guess think reckon hopefully latest"
)
TALK = frozenset(_TALK_WORDS.split())
_NEGATED = re.compile(r"\b(no|not|never|nope)\b|n't\b", re.IGNORECASE)
_PIECES = re.compile(r"(?<=[.!?])\s+|,\s+|\s+[-\u2013\u2014]\s+")
_ACCEPT = re.compile(
    r"^(?:sure|okay|ok|yes|yeah|yep|yup|fine|great|perfect|alright|all right|deal|agreed|good|done|works|that works|"
    r"works for me|sounds good|makes sense|no problem|of course|will do|cool)\b",
    re.IGNORECASE,
)
# Scheduling the item just agreed ("I'll put it in the calendar", "I'll send an invite"): not an item of its own.
_SCHEDULES = re.compile(
    r"\b(calendar|diary|invite|invitation|book (it|that|the time|a slot|time)|lock it in|pencil (it|that) in|"
    r"put (it|that) in)\b",
    re.IGNORECASE,
)
_WINDOW = 4  # turns after the item that the talk about its day may take
# News that the day itself moved ("They moved it, it's Wednesday now", "their CFO pushed it to Friday"): a statement
# that puts another day on the table as firmly as a question does.
_NEWS = re.compile(
    r"\b(?:(?:moved|pushed|bumped|shifted|changed|rescheduled|slipped|slid)\b[^.?!]{0,25}?\b(?:to|till|until|back to)\b"
    r"|(?:it's|it is|that's|that is|is)\s+(?=\S+(?:\s+\S+)?\s+now\b)|(?:it's|it is|that's|that is) now\b|now it's\b)",
    re.IGNORECASE,
)


def day_talk(piece: str) -> str | None:
    """The day a piece of speech names when it says nothing else ("Monday works", "could we do Thursday instead?")."""
    low = normalize(piece)
    if _NEGATED.search(low):
        return None
    days = list(cm.DUE_RE.finditer(low))
    if not days:
        return None
    rest = cm.DUE_RE.sub(" ", low)
    if any(word not in TALK for word in re.findall(r"[a-z']+", rest)):
        return None
    source = piece if len(piece) == len(low) else low  # the day as said, when normalising kept the offsets
    return source[days[0].start() : days[-1].end()].strip()


def accepts(piece: str) -> bool:
    """A piece of speech that accepts what is on the table ("Okay", "Sounds good")."""
    return bool(_ACCEPT.match(piece.strip())) and not _NEGATED.search(piece)


@dataclass
class _Turn:
    day: str | None  # the last day the turn puts forward on its own
    asks: bool  # that day is asked ("Friday?"), not accepted or insisted on
    accepts: bool  # the turn opens by accepting ("Sure, …", "Makes sense, …")
    news: bool = False  # that day is news of a move ("it's Wednesday now")
    prefers: bool = False  # that day is put forward as better than the one on the table ("Wednesday would be better")


# A day put forward as a statement that compares it with the one on the table ("Wednesday would be better", "Tuesday
# would suit us better", "I'd rather do Monday"): a counter-proposal as firm as a question.
_COMPARES = re.compile(r"\b(better|rather|prefer|preferably|instead|earlier|later)\b", re.IGNORECASE)


def _news_day(piece: str) -> str | None:
    """The day a piece says the thing has moved to ("they pushed it to Friday", "it's Wednesday now")."""
    low = normalize(piece)
    found = _NEWS.search(low)
    if not found or _NEGATED.search(low):
        return None
    days = [d for d in cm.DUE_RE.finditer(low) if d.start() >= found.start()]
    return low[days[-1].start() : days[-1].end()].strip() if days else None


def _read(text: str) -> _Turn:
    pieces = [p.strip() for p in _PIECES.split(text.strip()) if p.strip(" ,.")]
    day, asks, news, prefers = None, False, False, False
    for piece in pieces:
        said = day_talk(piece.rstrip("?.!"))
        if said:
            day, asks, news = said, piece.endswith("?"), False
            prefers = bool(_COMPARES.search(cm.DUE_RE.sub(" ", normalize(piece))))
        elif _news_day(piece.rstrip("?.!")):
            day, asks, news, prefers = _news_day(piece.rstrip("?.!")), False, True, False
    opens = bool(pieces) and bool(_ACCEPT.match(pieces[0])) and not _NEGATED.search(pieces[0])
    return _Turn(day, asks, opens, news, prefers)


@dataclass
class Moved:
    """The day an item's talk settled on, and the last turn of that talk."""

    day: str
    end: int


def agreed_day(turns: Sequence[Utterance], index: int) -> Moved | None:
    """The day the turns after `index` settle on, when the first reply puts another day on the table as a question
    ("Would Friday do?", "Could we move it to Thursday?"), as news ("They moved it, it's Wednesday now") or as a
    preference ("Wednesday would be better") and the talk ends accepting or insisting on a day."""
    first = index + 1
    if first >= len(turns) or turns[first].speaker == turns[index].speaker:
        return None
    reply = _read(turns[first].text)
    if not (reply.day and (reply.asks or reply.news or reply.prefers)):
        return None
    on_table, agreed, end = reply.day, None, first
    j = first + 1
    while j < len(turns) and j - index <= _WINDOW and turns[j].speaker != turns[j - 1].speaker:
        turn = _read(turns[j].text)
        if turn.day is None and not turn.accepts:
            break
        on_table = turn.day or on_table
        agreed, end = (None if turn.asks else on_table), j
        j += 1
    return Moved(agreed, end) if agreed else None


def settles(text: str) -> bool:
    """A clause said while a day is settled that is no item of its own: the day itself, or booking the slot."""
    return bool(day_talk(text.strip(" .!?")) or _SCHEDULES.search(text))


# "By when?", "When will that go out?", "When will the pilot summary be ready?", "When can you get the plan over to
# Corbin?": a short question asking for the day of something to be done.
_WHEN = re.compile(r"^((and|so|okay|ok|great|good|sure|right|then),?\s+)*(by )?when\b(?P<rest>[^?]{0,80})\?\s*$", re.I)
# What a "when" question asks the other to do: "when can you <do it>", "when will <the thing> be ready".
_WHEN_YOU = re.compile(
    r"^(?:do you think |would you say )?(?:can|could|will|would|are|do) you(?: be able to| going to| planning to| think"
    r" you(?:'ll| can| could| will))?\s+(?P<do>.+)$",
    re.IGNORECASE,
)
_STATE = r"(?P<state>ready|done|finished|sent|out|over|back|signed|complete|completed|live|sorted|written|updated)"
_WHEN_BE = re.compile(
    rf"^(?:(?:will|can|could|would|is|are|'s)\s+(?P<thing>.+?)\s+(?:be\s+)?|(?:do you think|would you say)\s+"
    rf"(?P<thing2>.+?)\s+(?:will|would|could|can|'ll)\s+be\s+){_STATE}\b",
    re.IGNORECASE,
)
# "I was going to rebuild the account map", "I'd like to redo the deck": a plan said without a date.
PLAN = re.compile(
    r"\b(?:i|we)(?:'d| would| was going to| were going to| was thinking i'd| was thinking of| want to| plan to|"
    r"'m planning to| am planning to| might| could|'d like to| would like to)\s+(?:(?:just|probably|maybe|like to)\s+)*"
    r"(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)


def when_asked(text: str) -> str | None:
    """The words of a turn's closing "when" question after "when" ("" for "By when?"), or None when it asks none."""
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    m = _WHEN.match(last)
    return m.group("rest").strip() if m else None


def asked_to_do(rest: str) -> str | None:
    """What a "when" question asks the other to have done, as an instruction: "get the plan over to Corbin" for
    "When can you get the plan over to Corbin?", "Have the pilot summary ready" for "When will the pilot summary be
    ready?"; None when it asks about anything else ("When's their board meeting?")."""
    you = _WHEN_YOU.match(rest)
    if you:
        return you.group("do").strip()
    be = _WHEN_BE.match(rest)
    if be:
        return f"have {(be.group('thing') or be.group('thing2')).strip()} {be.group('state')}"
    return None


def answered_day(turns: Sequence[Utterance], index: int) -> str | None:
    """The day turn `index` gives in answer to the other person's "when" question just before it."""
    if index < 1:
        return None
    asked, answer = turns[index - 1], turns[index]
    if asked.speaker == answer.speaker or when_asked(asked.text) is None:
        return None
    return _read(answer.text).day
