"""Readers for the transcript formats (plain text, WebVTT, SRT, JSON), each returning raw speaker turns."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import re
from itertools import pairwise
from typing import Any, TypedDict

from copilot.errors import CopilotError
from copilot.reader.lexicon import phrases

LABEL_FIX = (
    "prefix each line with `Name:` (for example `Dana: How did the call go?`), "
    'or give a WebVTT/SRT file with <v Name> voice tags, or JSON [{"speaker", "text"}]'
)


class TranscriptError(CopilotError):
    """A transcript could not be read; the message says why and the fix says what to change."""


class Turn(TypedDict, total=False):
    """One raw turn before it becomes an Utterance."""

    speaker: str
    text: str
    start: float | None
    end: float | None
    line: int | None


_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
TIMING_RE = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})")
_NAME = r"[A-Za-z][\w'.\-]*(?: [A-Za-z0-9][\w'.\-]*){0,3}"
_ROLE_PAREN = r"(?: ?\((?P<paren>[^)]{1,30})\))?"
LABEL_RE = re.compile(
    rf"^\s*(?:\[?(?P<ts>{_TIME})\]?\s+)?(?:[-*>]\s*)?\**(?P<name>{_NAME}){_ROLE_PAREN}"
    rf"\s*(?:\[(?P<ts2>{_TIME})\])?\s*\**\s*:\**(?:\s+(?P<text>.*)|\s*$)"
)
HEADER_RE = re.compile(rf"^\s*(?P<name>{_NAME}){_ROLE_PAREN}\s{{2,}}(?P<ts>{_TIME})\s*$")
ROLE_WORDS = phrases(
    "rep|buyer|manager|customer|prospect|seller|coach|speaker|client|interviewer|host|guest|agent|caller|sdr|ae|bdr|q|a"
)
NOT_SPEAKERS = phrases(
    "note|notes|agenda|summary|subject|date|time|re|ps|http|https|tip|example|title|attendees|"
    "participants|duration|location|meeting|recording|transcript|webvtt|action items|next steps|kind|"
    "language"
)
VOICE_RE = re.compile(r"<v(?:\.[\w.\-]+)*\s+([^>]+)>")
TAG_RE = re.compile(r"</?[^>]+>")


def parse_time(value: Any) -> float | None:
    """Seconds from a number or an `hh:mm:ss.mmm` / `mm:ss,mmm` string; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", ".")
    try:
        parts = [float(p) for p in text.split(":")]
    except ValueError:
        return None
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def clean(text: str) -> str:
    """Collapse whitespace so word counts and matching are stable."""
    return " ".join(text.split())


def _speaker_label(match: re.Match[str]) -> str | None:
    """The speaker name of a `Name:` match, or None when the 'label' is really ordinary text."""
    name = clean(match.group("name")).strip("*")
    tokens = name.split()
    if name.lower() in NOT_SPEAKERS or tokens[0].lower() in {"http", "https"}:
        return None
    if not all(t[0].isupper() or t[0].isdigit() for t in tokens) and name.lower().split()[0] not in ROLE_WORDS:
        return None
    paren = match.group("paren")
    if paren and not re.fullmatch(_TIME, paren.strip()):
        name = f"{name} ({paren.strip()})"
    return name


def parse_text(text: str, source: str | None, assumptions: list[str]) -> list[Turn]:
    """`Name: words` per line; unlabelled lines continue the previous turn."""
    turns: list[Turn] = []
    preamble: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = LABEL_RE.match(line)
        speaker = _speaker_label(match) if match else None
        if match and speaker:
            stamp = parse_time(match.group("ts") or match.group("ts2"))
            turns.append({"speaker": speaker, "text": match.group("text") or "", "start": stamp, "line": number})
            continue
        header = HEADER_RE.match(line)
        if header:
            turns.append(
                {
                    "speaker": clean(header.group("name")),
                    "text": "",
                    "start": parse_time(header.group("ts")),
                    "line": number,
                }
            )
        elif turns:
            turns[-1]["text"] += " " + line.strip()
        elif not _dates_the_conversation(line):  # a date header is read (stated_date), not skipped
            preamble.append(number)
    if not turns:
        raise TranscriptError(f"no speaker labels found in {source or 'the transcript'}", fix=LABEL_FIX)
    if preamble:
        assumptions.append(
            f"{len(preamble)} line(s) before the first speaker label were skipped (lines {preamble[0]}–{preamble[-1]})"
        )
    starts = [t.get("start") for t in turns]
    if any(s is not None for s in starts) and all(s is not None for s in starts):
        for turn, nxt in pairwise(turns):
            turn["end"] = nxt["start"]
        assumptions.append(
            "each turn ends when the next one starts (the text format has start times only); "
            "the last turn has no end time"
        )
    return turns


def parse_cues(text: str, source: str | None, assumptions: list[str]) -> list[Turn]:
    """WebVTT and SRT cues: speaker from <v Name> voice tags or a `Name:` prefix."""
    turns: list[Turn] = []
    carried = joined = 0
    lines = text.split("\n")
    block: list[tuple[int, str]] = []
    blocks: list[list[tuple[int, str]]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    for cue in blocks:
        at = next((i for i, (_, ln) in enumerate(cue) if TIMING_RE.match(ln)), None)
        if at is None:
            continue
        timing = TIMING_RE.match(cue[at][1])
        assert timing is not None
        start, end = parse_time(timing.group(1)), parse_time(timing.group(2))
        body = "\n".join(ln for _, ln in cue[at + 1 :])
        for speaker, words in _cue_segments(body):
            words = clean(html.unescape(TAG_RE.sub("", words)))
            if not words:
                continue
            if speaker is None:
                if not turns:
                    continue
                speaker = turns[-1]["speaker"]
                carried += 1
            prev = turns[-1] if turns else None
            if (
                prev
                and prev["speaker"] == speaker
                and not re.search(r"[.?!…]['\"]?$", prev["text"])
                and prev["end"] is not None
                and start is not None
                and start - prev["end"] <= 1.5
            ):
                prev["text"] += " " + words
                prev["end"] = end
                joined += 1
                continue
            turns.append({"speaker": speaker, "text": words, "start": start, "end": end, "line": cue[at][0]})
    if not turns:
        if any(TIMING_RE.match(ln) for ln in lines):
            raise TranscriptError(
                f"the cues in {source or 'the subtitle file'} name no speaker",
                fix="add <v Name> voice tags or start each cue with `Name:`",
            )
        raise TranscriptError(
            f"no cues with timings found in {source or 'the subtitle file'}",
            fix="give cues as `00:00:01.000 --> 00:00:04.000` followed by the text",
        )
    if carried:
        assumptions.append(f"{carried} cue(s) had no speaker; each was given to the previous cue's speaker")
    if joined:
        assumptions.append(f"{joined} cue(s) continuing an unfinished sentence of the same speaker were joined")
    return turns


def _cue_segments(body: str) -> list[tuple[str | None, str]]:
    """Split one cue's text into (speaker, words) runs."""
    voices = list(VOICE_RE.finditer(body))
    if voices:
        segments: list[tuple[str | None, str]] = []
        if body[: voices[0].start()].strip():
            segments.append((None, body[: voices[0].start()]))
        for i, voice in enumerate(voices):
            stop = voices[i + 1].start() if i + 1 < len(voices) else len(body)
            segments.append((clean(voice.group(1)), body[voice.end() : stop]))
        return segments
    segments = []
    for line in body.split("\n"):
        plain = TAG_RE.sub("", line)
        match = LABEL_RE.match(plain)
        speaker = _speaker_label(match) if match else None
        if match and speaker:
            segments.append((speaker, match.group("text") or ""))
        else:
            segments.append((None, plain))
    merged: list[tuple[str | None, str]] = []
    for speaker, words in segments:
        if speaker is None and merged:
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + words)
        else:
            merged.append((speaker, words))
    return merged


def _pick(item: dict[str, Any], *keys: str) -> Any:
    """The first present key among aliases."""
    for key in keys:
        if key in item and item[key] is not None:
            return item[key]
    return None


def parse_json(text: str, source: str | None) -> list[Turn]:
    """A list of {speaker, text, start?, end?}, or an object holding one under utterances/segments."""
    try:
        data = json.loads(text)
    except ValueError as err:
        raise TranscriptError(
            f"{source or 'the transcript'} is not valid JSON: {err}",
            fix='give a JSON list like [{"speaker": "Dana", "text": "Hi"}]',
        ) from err
    if isinstance(data, dict):
        data = _pick(data, "utterances", "segments", "turns", "transcript")
    if not isinstance(data, list):
        raise TranscriptError(
            "the JSON transcript is not a list of turns",
            fix='give a JSON list like [{"speaker": "Dana", "text": "Hi"}]',
        )
    turns: list[Turn] = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise TranscriptError(
                f"item {i} of the JSON transcript is not an object",
                fix='make each item {"speaker": ..., "text": ...}',
            )
        speaker = _pick(item, "speaker", "name", "speaker_name", "role")
        if speaker is None or not str(speaker).strip():
            raise TranscriptError(
                f"item {i} of the JSON transcript has no speaker", fix='give each item a "speaker" field'
            )
        words = _pick(item, "text", "content", "utterance", "transcript") or ""
        turns.append(
            {
                "speaker": clean(str(speaker)),
                "text": str(words),
                "start": parse_time(_pick(item, "start", "start_time", "startTime")),
                "end": parse_time(_pick(item, "end", "end_time", "endTime")),
                "line": None,
            }
        )
    return turns


# A header line that dates the conversation: "Date: 2026-12-02", "Meeting date: December 2, 2026", "NOTE Date: …".
_DATE_LINE = re.compile(
    r"^\s*(?:NOTE\s+)?(?:meeting |call |recording |conversation |session )?(?:date|recorded(?: on)?)\s*[:=]\s*(.+?)\s*$",
    re.IGNORECASE,
)
_MONTH_NAMES = [m.lower() for m in calendar.month_name]
_MONTH = "|".join(m[:3] + r"\w*" for m in _MONTH_NAMES[1:])
_DATE_KEYS = ("date", "meeting_date", "recorded_at", "recorded", "start_time", "started_at", "created_at")


def _dates_the_conversation(line: str) -> bool:
    """A `Date:` header line holding a date that read_date understands."""
    found = _DATE_LINE.match(line)
    return bool(found and read_date(found.group(1)))


def stated_date(text: str, fmt: str) -> dt.date | None:
    """The date a transcript says its conversation took place: a `Date:` header line in the first lines of a text,
    WebVTT or SRT file, or a top-level date field of a JSON object; None when it says none."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except ValueError:
            return None
        value = next((data[k] for k in _DATE_KEYS if isinstance(data, dict) and isinstance(data.get(k), str)), None)
        return read_date(value) if value else None
    for line in text.split("\n")[:40]:
        found = _DATE_LINE.match(line)
        if found:
            return read_date(found.group(1))
    return None


def read_date(value: str) -> dt.date | None:
    """'2026-12-02', '2026-12-02T15:00Z', 'December 2, 2026', 'Wed 2 Dec 2026' as a date; None otherwise."""
    low = value.lower()
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})", low)
    named = re.search(
        rf"\b(?:({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? |(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\.?,? )(\d{{4}})\b",
        low,
    )
    try:
        if iso:
            day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        elif named:
            month = named.group(1) or named.group(4)
            number = int(named.group(2) or named.group(3))
            day = dt.date(
                int(named.group(5)),
                next(i for i, m in enumerate(_MONTH_NAMES) if i and m.startswith(month[:3])),
                number,
            )
        else:
            return None
    except ValueError:
        return None
    return day if dt.date(1970, 1, 1) <= day <= dt.date(2199, 12, 31) else None
