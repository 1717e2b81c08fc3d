"""Reviewing a transcript: the use case behind `copilot review` and the review widget on the manager's and rep's pages.

Both front ends refuse an oversized transcript the same way before reading it, measure it with the same reviewer,
and, for the command, score a call against an assessment map and save the result with the rep's records.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from copilot.errors import CopilotError
from copilot.records.access import Actor

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.records.inputs import ActionSpec
    from copilot.records.store import Store
    from copilot.review.measures import ReviewMeasures
    from copilot.review.scoring import CallScorer

Kind = Literal["call", "coaching"]
KINDS: tuple[Kind, ...] = ("call", "coaching")
SUFFIXES = {".txt", ".vtt", ".srt", ".json"}
SESSION_KINDS = ("one-on-one", "deal-review", "pipeline-review", "forecast-review", "joint-call")
LIMIT = {"setting": "COPILOT_MAX_TRANSCRIPT_BYTES", "fix": "review the conversation in parts"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [m.lower() for m in calendar.month_name]
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
]
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}


def transcript_files(path: Path) -> list[Path]:
    """A transcript file, or the transcripts in a folder (by suffix), in name order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    if not path.is_file():
        raise CopilotError(f"no transcript at {path}", fix="pass a .txt, .vtt, .srt or .json file, or a folder of them")
    return [path]


def check_file(app: App, path: Path) -> None:
    """Refuse a transcript file over COPILOT_MAX_TRANSCRIPT_BYTES before a byte is read (10 MB once took 60 s)."""
    from copilot.limits import check_file_size

    check_file_size(path, app.settings.max_transcript_bytes, what="transcript", **LIMIT)


def check_text(app: App, text: str) -> None:
    """The same limit on pasted text, and a clear error when there is none."""
    from copilot.limits import check_size

    check_size(len(text.encode("utf-8")), app.settings.max_transcript_bytes, what="the pasted transcript", **LIMIT)
    if not text.strip():
        raise CopilotError("no transcript given", fix="upload a .txt, .vtt, .srt or .json file, or paste the text")


def measure(
    app: App, source: str | bytes, kind: str, roles: dict[str, str] | None = None, *, filename: str | None = None
) -> ReviewMeasures:
    """Talk ratio, acts, coaching quality and action items of one conversation (no model involved)."""
    from copilot.review import review_transcript

    if kind not in KINDS:
        raise CopilotError(f"{kind!r} is not a kind of conversation", fix="use call or coaching")
    return review_transcript(source, kind, roles, filename=filename)


def measure_file(app: App, path: Path, kind: str, roles: dict[str, str] | None = None) -> ReviewMeasures:
    """Check the size, then measure a transcript file."""
    check_file(app, path)
    return measure(app, path.read_bytes(), kind, roles, filename=path.name)


@dataclass
class ReviewRun:
    """What `review_files` does besides measuring: score calls against a map, save the results for a rep."""

    kind: str = "call"
    interaction: str | None = None
    roles: dict[str, str] | None = None
    rep: str | None = None
    save: bool = False
    day: dt.date | None = None
    actor: Actor = field(default_factory=Actor.local_admin)


def check_files(app: App, files: list[Path]) -> None:
    """Every file's size, before any is read: a 10 MB transcript took 60 s."""
    for file in files:
        check_file(app, file)


def call_scorer(app: App, kind: str, interaction: str | None) -> CallScorer | None:
    """The scorer for a call (None for coaching); raises ScoringError for an assessment map the knowledge lacks."""
    if kind != "call":
        return None
    from copilot.review.scoring import CallScorer

    scorer = CallScorer(app.kb)
    if interaction:
        scorer.check(interaction)
    return scorer


def review_source(
    app: App, source: str | bytes, run: ReviewRun, *, filename: str | None = None, scorer: CallScorer | None = None
) -> tuple[dict[str, Any], ReviewMeasures]:
    """One conversation reviewed as both front ends show it: the measures, action items with their due dates
    resolved against the conversation's day, and for a call every criterion scored with a quote.

    When nobody named the interaction and the call does not clearly show one, `interaction_sure` is False and
    `interaction_options` lists what it could be; the assumptions say how to choose.
    """
    kind = run.kind
    interaction = run.interaction or ("one-on-one" if kind == "coaching" else None)
    measures = measure(app, source, kind, run.roles, filename=filename)
    result: dict[str, Any] = {"file": filename, "interaction": interaction, **measures.model_dump(mode="json")}
    day, note = conversation_day(app, run.day, measures)
    result["date"] = day.isoformat()
    if note and (run.day or measures.conversation_date or any(item.due for item in measures.action_items)):
        result["assumptions"].append(note)
    for item in result["action_items"]:
        due = parse_due(item.get("due"), day)
        item["due_date"] = due.isoformat() if due else None
    if kind == "call":
        scorer = scorer or call_scorer(app, kind, interaction)
        assert scorer is not None
        scored = scorer.score(measures, interaction) if interaction else scorer.best_fit(measures)
        result["interaction"] = scored.interaction
        result["interaction_sure"] = scored.interaction_sure
        result["interaction_options"] = scored.interaction_options
        result["scores"] = [sc.model_dump(mode="json") for sc in scored.scores]
        result["assumptions"] += scored.assumptions
    return result, measures


def conversation_day(app: App, given: dt.date | None, measures: ReviewMeasures) -> tuple[dt.date, str | None]:
    """The date deadlines are resolved against: the one given, else the one the transcript states, else today, with
    a note saying which when it is not the one given (and when the two disagree)."""
    stated = measures.conversation_date
    if given is not None:
        if stated is not None and stated != given:
            return given, f"the transcript is dated {stated.isoformat()}; deadlines use {given.isoformat()} as given"
        return given, None
    if stated is not None:
        return stated, f"the conversation's date, {stated.isoformat()}, is the one the transcript states"
    today = app.today()
    return today, (
        f"the transcript states no date: deadlines said relative to the conversation ('by Tuesday') are resolved "
        f"against today, {today.isoformat()}; give the date of the conversation (--date, the page's date field, or a "
        "'Date: YYYY-MM-DD' line at the top of the transcript)"
    )


def review_files(app: App, files: list[Path], run: ReviewRun) -> list[dict[str, Any]]:
    """Every transcript measured, a call scored with a quote per criterion, and saved when asked; all sizes first.

    Raises TooLargeError for an oversized file, then ScoringError for an unknown assessment map, before any
    transcript is read.
    """
    check_files(app, files)
    store = app.store if run.save else None
    scorer = call_scorer(app, run.kind, run.interaction)
    results = []
    for file in files:
        result, measures = review_source(app, file.read_bytes(), run, filename=file.name, scorer=scorer)
        result["file"] = str(file)
        if store is not None:
            assert run.rep is not None, "saving a review needs the rep it is about"
            result["saved"] = _save(store, run.actor, run.rep, result, measures, dt.date.fromisoformat(result["date"]))
        results.append(result)
    return results


def parse_due(said: str | None, day: dt.date) -> dt.date | None:
    """A deadline as said ('by Friday', 'next week', 'Friday the 18th', 'March 3') as a date on or after `day`, the
    conversation's date, when it is clear. A calendar date said with a weekday wins: it names the day, the weekday
    only repeats it."""
    text = (said or "").lower()
    if re.search(r"\bend of next week\b", text):
        return day + dt.timedelta(days=(4 - day.weekday()) % 7 + 7)
    if re.search(r"\bweek after next\b", text):
        return day + dt.timedelta(days=(4 - day.weekday()) % 7 + 14)
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return day
    if "tomorrow" in text:
        return day + dt.timedelta(days=1)
    named = _calendar_date(text, day)
    if named is not None:
        said_weekday = [n for n in WEEKDAYS if re.search(rf"\b{n}\b", text)]
        # "Friday the 12th" when the 12th is no Friday: which one was meant is not clear
        return named if not said_weekday or WEEKDAYS[named.weekday()] in said_weekday else None
    days = [
        (m.start(), i, bool(m.group(1))) for i, n in enumerate(WEEKDAYS) for m in re.finditer(rf"\b(next )?{n}\b", text)
    ]
    if days:  # the last day said is the deadline ("on Tuesday and Thursday" -> Thursday)
        _, weekday, following = max(days)
        ahead = (weekday - day.weekday()) % 7 or 7
        return day + dt.timedelta(days=ahead + (7 if following and day.weekday() < weekday else 0))
    if re.search(r"\b(end of (the )?day|eod)\b", text):  # after the weekdays: "end of day Friday" is Friday
        return day
    if re.search(r"\b(end of (the |this )?week|eow|this week)\b", text):
        return day + dt.timedelta(days=(4 - day.weekday()) % 7)
    if re.search(r"\bnext week\b", text):
        return day + dt.timedelta(days=7)
    if re.search(r"\b(end of (the )?month)\b", text):
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    span = re.search(r"\b(?:in|within) (\d+|a|an|one|two|three|four|five|six|ten) (day|week)s?\b", text)
    if span:
        count = int(span.group(1)) if span.group(1).isdigit() else NUMBER_WORDS[span.group(1)]
        return day + dt.timedelta(days=count * (7 if span.group(2) == "week" else 1))
    return None


def _calendar_date(text: str, day: dt.date) -> dt.date | None:
    """'March 3', 'the 18th of December', 'the 14th', 'the twelfth': the first such date on or after `day`."""
    text = text.replace(",", "")  # the parts of a deadline as said are joined with commas ('on the 3rd, January')
    months = "|".join(MONTHS[1:])
    nth = rf"(\d{{1,2}})(?:st|nd|rd|th)?|({'|'.join(ORDINALS)})"
    for pattern in (rf"\b({months}) (?:the )?(?:{nth})\b", rf"\b(?:the )?(?:{nth})(?: of)? ({months})\b"):
        found = re.search(pattern, text)
        if found:
            month_name = next(g for g in found.groups() if g in MONTHS[1:])
            return _next_date(day, _day_number(found), MONTHS.index(month_name))
    ordinal = re.search(rf"\b(?:the )?(\d{{1,2}})(?:st|nd|rd|th)\b|\bthe ({'|'.join(ORDINALS)})\b", text)
    return _next_date(day, _day_number(ordinal), None) if ordinal else None


def _day_number(found: re.Match[str]) -> int:
    digits = next((g for g in found.groups() if g and g.isdigit()), None)
    return int(digits) if digits else ORDINALS.index(next(g for g in found.groups() if g in ORDINALS)) + 1


def _next_date(day: dt.date, number: int, month: int | None) -> dt.date | None:
    """Day `number` of `month` (or of this month, else the next that has it) on or after `day`; None if none has."""
    if not 1 <= number <= 31:
        return None
    if month is not None:
        months = [(day.year, month), (day.year + 1, month)]
    else:
        months = [(day.year + (day.month + k - 1) // 12, (day.month + k - 1) % 12 + 1) for k in range(3)]
    for year, m in months:
        if number <= calendar.monthrange(year, m)[1] and dt.date(year, m, number) >= day:
            return dt.date(year, m, number)
    return None


def due_words(item: dict[str, Any]) -> str:
    """An action item's deadline for people: the date it resolves to and the words said, or that none was said."""
    said, due = item.get("due"), item.get("due_date")
    if due:
        return f", due {dt.date.fromisoformat(due):%a %d %b %Y} ({said!r})"
    return f", no clear date ({said!r})" if said else ", no date said"


def shown_evidence(score: dict[str, Any]) -> str:
    """A call score's evidence for people. At Not Present the quoted line is the moment to look at (where the
    behaviour was due: the opening, the longest turn, the close), not proof the rep did it, and it says so."""
    evidence = score.get("evidence")
    if not evidence:
        return "(nothing to quote)"
    return f"none shown; the moment to look at: {evidence}" if score.get("level") == 1 else evidence


def _actions(measures: ReviewMeasures, day: dt.date) -> tuple[list[ActionSpec], list[str]]:
    """The action items found, as records action items (due parsed when clear, else a week out, and said so)."""
    from copilot.records.inputs import ActionSpec

    specs, notes = [], []
    for item in measures.action_items:
        due = parse_due(item.due, day)
        if due is None:
            due = day + dt.timedelta(days=7)
            notes.append(f"'{item.text}': no clear date{f' ({item.due!r})' if item.due else ''}, due set to {due}")
        owner = "manager" if item.owner_role == "manager" else "rep"
        specs.append(ActionSpec(text=item.text, due=due, owner=owner))  # type: ignore[arg-type]
    return specs, notes


def _minutes(measures: ReviewMeasures) -> int:
    """Meeting length from timestamps, else from words at 150 per minute."""
    timed = [u for u in measures.utterances if u.start is not None]
    if timed and timed[-1].end is not None and timed[0].start is not None:
        seconds = timed[-1].end - timed[0].start
    else:
        seconds = sum(len(u.text.split()) for u in measures.utterances) / 150 * 60
    return max(1, min(600, math.ceil(seconds / 60)))


def _save(
    store: Store, actor: Actor, rep: str, result: dict[str, Any], measures: ReviewMeasures, day: dt.date
) -> dict[str, Any]:
    """Store a call's scores as an automatic observation, or a coaching conversation as a session."""
    if measures.kind == "call":
        scores = {s["criterion_id"]: s["level"] for s in result["scores"]}
        evidence = {s["criterion_id"]: s["evidence"] or s["reason"] for s in result["scores"]}
        obs = store.add_observation(
            actor, rep, result["interaction"], scores, evidence=evidence, date=day, observer="automatic"
        )
        return {"observation": obs.id}
    specs, notes = _actions(measures, day)
    quality = measures.coaching_quality
    summary = f"coaching quality {quality.score:.2f}; " if quality else ""
    ses = store.add_session(
        actor,
        rep,
        notes=f"Reviewed from transcript {Path(result['file']).name}: {summary}{len(specs)} action item(s) found.",
        date=day,
        kind=result["interaction"],
        duration_minutes=_minutes(measures),
        agreements=[item.text for item in measures.action_items],
        actions=specs,
    )
    result["assumptions"] += notes
    return {"session": ses.id, "action_items": [a.id for a in ses.action_items]}
