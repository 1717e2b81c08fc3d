"""Conversations in AnnoMI-full.csv's format: one row per utterance and annotator, majority label per utterance.

AnnoMI (Wu et al., ICASSP 2022; github.com/uccollab/AnnoMI) holds professionally transcribed motivational-
interviewing conversations, each rated high or low quality, with each counsellor utterance labelled by experts.
Read here as coaching conversations: therapist = manager, client = rep. The file is never copied into this
repository; users point at their own copy (see docs/evals.md#review-external).
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from copilot.errors import ConfigError

REQUIRED = (
    "mi_quality",
    "transcript_id",
    "utterance_id",
    "interlocutor",
    "utterance_text",
    "annotator_id",
    "therapist_input_subtype",
    "reflection_exists",
    "question_subtype",
)
ENV = "COPILOT_ANNOMI_PATH"
HOW = (
    f"pass --data PATH to a file in AnnoMI-full.csv's format, or set {ENV}; in this project's workspace the "
    "development part sits at ../shared/data/annomi-dev/annomi_dev.csv beside the repository"
)


@dataclass
class Turn:
    """One utterance with its majority labels (None where the experts gave none for this speaker)."""

    utterance_id: int
    speaker: str  # "therapist" or "client"
    text: str
    question: str | None = None  # "open" / "closed" / None (majority over annotators)
    reflection: bool | None = None
    advice: bool | None = None
    annotators: int = 1
    annotator_ids: tuple[str, ...] = ()


@dataclass
class Conversation:
    """One transcript and its quality label."""

    transcript_id: str
    quality: str  # "high" / "low"
    turns: list[Turn] = field(default_factory=list)


def _majority(values: list[str]) -> str:
    """Most common value; ties go to the value seen first (stable, no randomness)."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def find_data(explicit: Path | None = None, repo_root: Path | None = None) -> Path | None:
    """--data, else $COPILOT_ANNOMI_PATH, else the shared development file beside the repository."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    root = repo_root or Path(__file__).resolve().parents[2]
    for candidate in (
        root.parent / "shared" / "data" / "annomi-dev" / "annomi_dev.csv",
        root.parent.parent / "shared" / "data" / "annomi-dev" / "annomi_dev.csv",
        Path("/work/shared/data/annomi-dev/annomi_dev.csv"),
    ):
        if candidate.is_file():
            return candidate
    return None


def load(path: Path) -> list[Conversation]:
    """Read the CSV; a missing file or column is an error that says how to point at a good one."""
    if not path.is_file():
        raise ConfigError("--data", f"{path} does not exist", fix=HOW)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ConfigError(
                "--data", f"{path} lacks column(s) {', '.join(missing)}", fix="use a file in AnnoMI-full.csv's format"
            )
        rows = list(reader)
    grouped: dict[tuple[str, int], list[dict[str, str]]] = {}
    quality: dict[str, str] = {}
    for row in rows:
        key = (row["transcript_id"], int(row["utterance_id"]))
        grouped.setdefault(key, []).append(row)
        quality[row["transcript_id"]] = row["mi_quality"].strip().lower()
    conversations: dict[str, Conversation] = {}
    for (tid, uid), group in sorted(grouped.items(), key=lambda kv: (_tid_key(kv[0][0]), kv[0][1])):
        first = group[0]
        speaker = first["interlocutor"].strip().lower()
        ids = tuple(dict.fromkeys(r["annotator_id"].strip() for r in group))
        turn = Turn(uid, speaker, first["utterance_text"], annotators=len(group), annotator_ids=ids)
        if speaker == "therapist":
            q = _majority([r["question_subtype"].strip().lower() for r in group])
            turn.question = q if q in ("open", "closed") else None
            turn.reflection = _majority([r["reflection_exists"].strip() for r in group]) == "True"
            turn.advice = _majority([r["therapist_input_subtype"].strip().lower() for r in group]) == "advice"
        conversations.setdefault(tid, Conversation(tid, quality[tid])).turns.append(turn)
    return list(conversations.values())


def _tid_key(tid: str) -> tuple[int, str]:
    """Numeric transcript ids in numeric order."""
    return (int(tid), tid) if tid.isdigit() else (10**9, tid)


def contexts(conversation: Conversation) -> list[str | None]:
    """For each turn, the other speaker's most recent turn (their consecutive utterances joined)."""
    out: list[str | None] = []
    block_speaker: str | None = None
    block: list[str] = []
    previous: tuple[str | None, str | None] = (None, None)
    for turn in conversation.turns:
        if turn.speaker != block_speaker:
            if block_speaker is not None:
                previous = (block_speaker, " ".join(block))
            block_speaker, block = turn.speaker, []
        out.append(previous[1] if previous[0] != turn.speaker else None)
        block.append(turn.text)
    return out
