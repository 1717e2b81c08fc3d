"""Turn what people type (dates, levels, `crit=3` lists, action specs) into values, or say exactly what to type."""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from copilot.errors import CopilotError, RecordsError
from copilot.knowledge.schema import LEVEL_BY_KEY, LEVEL_BY_SCORE
from copilot.limits import check_date_range

LEVELS_HELP = "1-4 or " + ", ".join(f"{lvl.key} ({lvl.score})" for lvl in LEVEL_BY_SCORE.values())


def new_id(prefix: str) -> str:
    """A unique id that sorts by creation time, so same-day records keep their order."""
    return f"{prefix}-{time.time_ns() // 1_000_000:x}{secrets.token_hex(3)}"


def parse_date(value: str | dt.date, what: str = "date") -> dt.date:
    """A YYYY-MM-DD date, or RecordsError naming the expected format."""
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise RecordsError(
                f"{what}: {value!r} is not a date in the format YYYY-MM-DD", fix="write it like 2026-11-20"
            ) from None
    try:
        return check_date_range(day, what)
    except CopilotError as err:
        raise RecordsError(err.message, fix=err.fix) from None


def parse_minutes(value: float | str | None, what: str = "minutes") -> int:
    """A meeting length in whole minutes, 1-600; a fraction is refused rather than rounded (0.4 once became 30)."""
    text = "" if value is None else str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise RecordsError(f"{what}: {text or 'nothing'!r} is not a number of minutes", fix="write e.g. 30") from None
    if not math.isfinite(number) or number != int(number) or not 1 <= number <= 600:
        raise RecordsError(
            f"{what}: {text} is not a whole number of minutes from 1 to 600",
            fix="write the meeting's length in whole minutes, e.g. 30 (round it yourself if it was shorter)",
        )
    return int(number)


def parse_level(value: str | int, what: str = "score") -> int:
    """A level 1-4 or its name (not_present, needs_work, good, excellent)."""
    if isinstance(value, int) and not isinstance(value, bool):
        score = value
    else:
        text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
        if text in LEVEL_BY_KEY:
            return LEVEL_BY_KEY[text].score
        try:
            score = int(text)
        except ValueError:
            raise RecordsError(f"{what}: {value!r} is not a level", fix=f"use {LEVELS_HELP}") from None
    if score not in LEVEL_BY_SCORE:
        raise RecordsError(f"{what}: {score} is outside the scale 1-4", fix=f"use {LEVELS_HELP}")
    return score


def _pairs(text: str, what: str, example: str) -> list[tuple[str, str]]:
    """`a=1,b=2` as pairs, refusing parts without `=`."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, val = part.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise RecordsError(f"{what}: {part!r} is not of the form criterion=level", fix=f"write e.g. {example}")
        out.append((key.strip(), val.strip()))
    return out


def parse_scores(text: str) -> dict[str, int]:
    """`discovery-call.agenda=3,discovery-call.listening=needs_work` as criterion -> level."""
    example = "--scores discovery-call.agenda=3,discovery-call.listening=needs_work"
    pairs = _pairs(text, "--scores", example)
    if not pairs:
        raise RecordsError("--scores: no scores given", fix=f"write e.g. {example}")
    scores: dict[str, int] = {}
    for crit, level in pairs:
        if crit in scores:
            raise RecordsError(f"--scores: {crit} is scored twice", fix="give each criterion one level")
        scores[crit] = parse_level(level, f"--scores {crit}")
    return scores


def parse_evidence(items: list[str]) -> dict[str, str]:
    """Repeated `criterion=quote` options as criterion -> evidence (quotes may contain commas)."""
    out: dict[str, str] = {}
    for item in items:
        crit, sep, text = item.partition("=")
        if not sep or not crit.strip() or not text.strip():
            raise RecordsError(
                f"--evidence: {item!r} is not of the form criterion=text",
                fix='write e.g. --evidence discovery-call.agenda="no agenda; started with a demo"',
            )
        out[crit.strip()] = text.strip().strip('"')
    return out


@dataclass(frozen=True)
class ActionSpec:
    """An action item as typed on the command line."""

    text: str
    due: dt.date
    owner: Literal["rep", "manager"]


def parse_action_spec(
    spec: str,
    default_due: dt.date,
    *,
    read_due: Callable[[str], dt.date | None] | None = None,
    deadline_in: Callable[[str], dt.date | None] | None = None,
    rep_names: Sequence[str] = (),
    what: str = "--action",
) -> ActionSpec:
    """`Practise the opener 5 times;due=2026-11-27;owner=rep` as an action item (owner defaults to rep).

    With `read_due`, `due=` also takes a day as people write it ('Friday', 'next Monday', 'end of month');
    with `deadline_in`, an item with no `due=` takes the deadline its own words give ('… by Friday'). The owner
    is `rep` or `manager`; `me`/`I` and an item written as 'I'll…' are the manager's (who writes them), and
    the rep's own name is the rep.
    """
    parts = [p.strip() for p in spec.split(";")]
    text = parts[0]
    example = '"Practise the agenda opener 5 times by Friday; owner=rep" or "…; due=2026-11-27"'
    if not text:
        raise RecordsError(f"{what}: the text is empty", fix=f"write e.g. {example}")
    due: dt.date | None = None
    owner: str | None = None
    for part in parts[1:]:
        key, _, val = part.partition("=")
        key = key.strip().lower()
        if key == "due":
            due = _due(val, what, text, read_due)
        elif key == "owner":
            owner = _owner(val, what, rep_names)
        elif part:
            raise RecordsError(f"{what}: unknown part {part!r}", fix=f"use only due= and owner=, e.g. {example}")
    if due is None and deadline_in is not None:
        due = deadline_in(text)
    if owner is None:
        owner = "manager" if _FIRST_PERSON.match(text) else "rep"
    return ActionSpec(text=text, due=due or default_due, owner=owner)  # type: ignore[arg-type]


# An item the manager writes about themself: "I'll send…", "I will…", "Me: book the room".
_FIRST_PERSON = re.compile(r"^(i|i'll|i’ll|i will|i'm|i’m|i am|me|myself)\b", re.IGNORECASE)


def _due(value: str, what: str, text: str, read_due: Callable[[str], dt.date | None] | None) -> dt.date:
    words = value.strip()
    try:
        dt.date.fromisoformat(words)
    except ValueError:
        day = read_due(words) if read_due is not None and words else None
        if day is None:
            raise RecordsError(
                f"{what} ({text!r}): due {words!r} is not a date",
                fix="write a date like 2026-12-11"
                + (", or a day like Friday, next Monday, end of month or in two weeks" if read_due else ""),
            ) from None
        return parse_date(day, f"{what} due")
    return parse_date(words, f"{what} due")  # a date as written: a date outside the range says so


def _owner(value: str, what: str, rep_names: Sequence[str]) -> str:
    said = value.strip().lower()
    if said in ("rep", "manager"):
        return said
    if said in ("me", "i", "myself"):
        return "manager"
    if said and any(said in (name.lower(), name.lower().split()[0]) for name in rep_names if name.strip()):
        return "rep"
    names = "".join(f", {name.split()[0]}" for name in rep_names if name.strip())
    raise RecordsError(
        f"{what} owner: {value!r} is not rep or manager", fix=f"use owner=rep{names} or owner=manager (or me)"
    )
