"""Transcript parsing: plain text, WebVTT, SRT and JSON become one list of speaker-labelled utterances.

Every measure in the review rests on this shape, so parsing is strict about what it cannot read
(empty input, no speaker labels: an error that names the fix) and lenient about what it can
(odd encodings, one speaker, continuation lines): those give a result plus `assumptions`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import PurePath
from typing import Literal

from pydantic import BaseModel, Field

from copilot.review.formats import (
    TIMING_RE,
    TranscriptError,
    Turn,
    clean,
    parse_cues,
    parse_json,
    parse_text,
    stated_date,
)

TranscriptFormat = Literal["text", "vtt", "srt", "json"]


class Utterance(BaseModel):
    """One speaker turn as written in the source."""

    index: int = Field(description="0-based position in the transcript")
    speaker: str
    text: str
    start: float | None = Field(default=None, description="start time in seconds, when the source has one")
    end: float | None = Field(default=None, description="end time in seconds, when the source has one")
    line: int | None = Field(default=None, description="1-based source line where the turn starts")

    @property
    def words(self) -> int:
        """Word count used for talk share."""
        return len(self.text.split())

    @property
    def seconds(self) -> float | None:
        """Duration when both ends are known; never negative."""
        return max(0.0, self.end - self.start) if self.start is not None and self.end is not None else None


class Transcript(BaseModel):
    """A parsed transcript plus whatever the parser had to assume to read it."""

    format: TranscriptFormat
    utterances: list[Utterance]
    speakers: list[str] = Field(description="speakers in order of first appearance")
    assumptions: list[str] = Field(default_factory=list)
    source: str | None = None
    date: dt.date | None = Field(default=None, description="the conversation's date, when the transcript states it")

    @property
    def has_timestamps(self) -> bool:
        """True when every turn has a start and all but the last an end, so time shares mean something."""
        return (
            bool(self.utterances)
            and all(u.start is not None for u in self.utterances)
            and all(u.end is not None for u in self.utterances[:-1])
        )


# ---------------------------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM or not), falling back to Windows-1252 line by line for mixed files."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec), [f"read as {codec.upper()} (byte-order mark found)"]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines, fallback = [], []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            fallback.append(number)
    shown = ", ".join(str(n) for n in fallback[:5]) + (" …" if len(fallback) > 5 else "")
    note = (
        f"{len(fallback)} line(s) were not valid UTF-8 (line {shown}); read them as Windows-1252 "
        "— save the file as UTF-8 if any character looks wrong"
    )
    return "\n".join(lines), [note]


def _finish(fmt: TranscriptFormat, turns: list[Turn], assumptions: list[str], source: str | None) -> Transcript:
    """Build the Transcript, dropping empty turns and noting one-speaker input."""
    utterances: list[Utterance] = []
    for turn in turns:
        text = clean(turn["text"])
        if text:
            utterances.append(
                Utterance(
                    index=len(utterances),
                    speaker=turn["speaker"],
                    text=text,
                    start=turn.get("start"),
                    end=turn.get("end"),
                    line=turn.get("line"),
                )
            )
    if not utterances:
        raise TranscriptError(
            f"{source or 'the transcript'} has speaker labels but no spoken text",
            fix="put each turn's words after the `Name:` label",
        )
    speakers = list(dict.fromkeys(u.speaker for u in utterances))
    if len(speakers) == 1:
        assumptions.append(
            f"only one speaker ({speakers[0]}) was found; talk share is 100% and measures "
            "that compare speakers are empty — check the speaker labels if this is a conversation"
        )
    return Transcript(format=fmt, utterances=utterances, speakers=speakers, assumptions=assumptions, source=source)


def detect_format(text: str, filename: str | None = None) -> TranscriptFormat:
    """Pick the format from the file extension, else from the content."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in {".vtt", ".srt", ".json"}:
        return suffix[1:]  # type: ignore[return-value]
    head = text.lstrip()
    if head.upper().startswith("WEBVTT"):
        return "vtt"
    if head[:1] in "[{":
        try:
            json.loads(text)
            return "json"
        except ValueError:
            pass
    for line in head.splitlines()[:40]:
        timing = TIMING_RE.match(line)
        if timing:
            return "srt" if "," in timing.group(1) else "vtt"
    return "text"


def parse_transcript(text: str | bytes, filename: str | None = None) -> Transcript:
    """Read a transcript in any supported format; raise TranscriptError naming the fix when it can't."""
    assumptions: list[str] = []
    if isinstance(text, bytes):
        text, notes = decode_bytes(text)
        assumptions.extend(notes)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    source = PurePath(filename).name if filename else None
    if not text.strip():
        raise TranscriptError(
            f"{source or 'the transcript'} is empty",
            fix="give a transcript with one `Name: words` line per turn",
        )
    fmt = detect_format(text, filename)
    if fmt == "json":
        transcript = _finish("json", parse_json(text, source), assumptions, source)
    elif fmt in ("vtt", "srt"):
        transcript = _finish(fmt, parse_cues(text, source, assumptions), assumptions, source)
    else:
        transcript = _finish("text", parse_text(text, source, assumptions), assumptions, source)
    transcript.date = stated_date(text, fmt)
    return transcript


__all__ = [
    "Transcript",
    "TranscriptError",
    "TranscriptFormat",
    "Utterance",
    "decode_bytes",
    "detect_format",
    "parse_transcript",
]
