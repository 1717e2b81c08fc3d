"""A rep's turn read as moves (acknowledge, clarify, value, proof, check, next step, discount, dismiss, monologue,
off-topic) through the one reader: the roleplay buyer, the roleplay scorer and the call review all ask here.

The moves head reads each sentence (copilot/reader/specs/moves.py); this module turns those sentence readings
into the turn's moves. Monologue is a turn-level move: pitch of PITCH_WORDS or more with no question in the turn,
or a long turn that asks nothing. Evidence for a move is always a sentence of the turn itself, so a quote is the rep's own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from copilot.errors import ConfigError
from copilot.reader.reader import Reader, default_reader
from copilot.reader.reading import Reading, SentenceReading
from copilot.reader.specs.moves import LABELS, NO_DISCOUNT
from copilot.reader.stance import stance

HEAD = "moves"
MONOLOGUE_WORDS = 90
"""A turn this long that asks nothing is a monologue, whatever its sentences say."""
PITCH_WORDS = 20
"""A pitch shorter than this is a claim, not a monologue ('We've been around since 2011.'): the buyer hears it as
not answering, not as being talked at."""
LIST_COMMAS = 3
"""A pitch sentence with this many commas lists features ('We have scoring, dashboards, alerts, apps and...')."""
ASKING = ("clarify", "check", "next_step")
QUESTION_MOVES = ("clarify", "check", "next_step", "off_topic", "proof")
"""What a question the head labelled nothing is taken for. Never a discount: a concession the head was not sure
of is not read into a question ('Can I ask what you're comparing the price with?' offers nothing). A trial offered as
a question ('What if we ran it on one team for a month and measured it?') is evidence to come when the head leans so."""
PARAPHRASES = Path(__file__).resolve().parents[2] / "evals" / "roleplay" / "moves"


@dataclass(frozen=True)
class RepMoves:
    """The moves one rep turn makes, each with the sentence that shows it and how sure the reader is."""

    reading: Reading
    moves: tuple[str, ...]
    words: int
    per_sentence: tuple[tuple[str, ...], ...] = ()

    def has(self, move: str) -> bool:
        """Whether the turn makes the move."""
        return move in self.moves

    def prob(self, move: str) -> float:
        """The move's highest sentence probability."""
        return self.reading.prob(move)

    def sentence(self, move: str) -> SentenceReading | None:
        """The sentence that shows the move best (the most probable one that carries it)."""
        carrying = [s for s, labels in zip(self.reading.sentences, self.per_sentence, strict=True) if move in labels]
        return max(carrying, key=lambda s: s.probs.get(move, 0.0)) if carrying else None

    def line(self, move: str) -> str | None:
        """The rep's own words that show the move, or None (a monologue quotes the turn's first sentence)."""
        found = self.sentence(move)
        if found is not None:
            return found.text
        if move == "monologue" and self.has("monologue") and self.reading.sentences:
            return self.reading.sentences[0].text
        return None

    def sentences_with(self, move: str) -> list[str]:
        """Every sentence carrying the move, in order."""
        return [s.text for s, labels in zip(self.reading.sentences, self.per_sentence, strict=True) if move in labels]

    @property
    def sure(self) -> float:
        """How sure the reading is (0 = a coin toss somewhere in the turn, 1 = every call clear)."""
        return self.reading.sure


def sentence_moves(sentence: SentenceReading) -> tuple[str, ...]:
    """One sentence's moves, with the calls a single sentence cannot make both ways settled.

    A question the head gives no move gets its likeliest question move; a statement's stance is settled where the
    head is unsure (copilot/reader/stance.py: quiet dismissals, empathy and stakes, a statement leaning to a move);
    a question either checks an answer or
    asks to understand (the likelier wins); a dismissal is not an
    acknowledgement ("I understand, but that's not a real issue"); a refused discount is none; small talk is off-topic only when nothing else
    in the sentence is likelier.
    """
    labels = [x for x in sentence.labels if x in LABELS]
    p = sentence.probs
    if not labels and sentence.text.rstrip().endswith("?"):
        labels = [max(QUESTION_MOVES, key=lambda x: (p.get(x, 0.0), x))]  # a rep's question is always some move
    labels = list(stance(sentence.text, tuple(labels), p))  # a statement's stance where the head is unsure
    if "clarify" in labels and "check" in labels:
        labels.remove("check" if p["clarify"] >= p["check"] else "clarify")
    if "discount" in labels and NO_DISCOUNT.search(sentence.text):
        labels.remove("discount")  # "no discount", "a free pilot is off the table": a refusal, not a concession
    if "dismiss" in labels and "acknowledge" in labels:
        labels.remove("acknowledge")
    if "off_topic" in labels and len(labels) > 1:
        top = max(labels, key=lambda x: p[x])
        labels = ["off_topic"] if top == "off_topic" else [x for x in labels if x != "off_topic"]
    return tuple(labels)


def moves_of(reading: Reading, text: str) -> RepMoves:
    """The turn's moves from its sentence readings."""
    words = len(text.split())
    per = tuple(sentence_moves(s) for s in reading.sentences)
    asks = any(
        s.text.rstrip().endswith("?") or set(m) & set(ASKING) for s, m in zip(reading.sentences, per, strict=True)
    )
    found = list(dict.fromkeys(m for labels in per for m in labels if m != "monologue"))
    pitch = [s.text for s, labels in zip(reading.sentences, per, strict=True) if "monologue" in labels]
    listed = any(x.count(",") >= LIST_COMMAS for x in pitch)  # a feature list is talk at the buyer, however short
    if not asks and ((pitch and (words >= PITCH_WORDS or listed)) or words >= MONOLOGUE_WORDS):
        found.append("monologue")
    return RepMoves(reading=reading, moves=tuple(found), words=words, per_sentence=per)


def rep_reader() -> Reader:
    """The process's reader (the bundled MiniLM, loaded once on first use) with the moves head."""
    reader = default_reader()
    if HEAD not in reader.heads:
        raise ConfigError(
            "reader weights",
            "the moves head is missing (copilot/reader/weights/moves.npz)",
            fix="rebuild it with `python -m copilot.reader.train --head moves`",
        )
    return reader


def read_moves(text: str, *, reader: Reader | None = None, context: str | None = None) -> RepMoves:
    """Read one rep turn."""
    return read_many_moves([text], reader=reader, contexts=[context])[0]


def read_many_moves(
    texts: Sequence[str], *, reader: Reader | None = None, contexts: Sequence[str | None] | None = None
) -> list[RepMoves]:
    """Read many rep turns in one embedding pass."""
    reader = reader or rep_reader()
    readings = reader.read_many(list(texts), head=HEAD, contexts=contexts)
    return [moves_of(r, t) for r, t in zip(readings, texts, strict=True)]


# ---- the paraphrase set (evals/roleplay/moves/) ----


@dataclass(frozen=True)
class Phrase:
    """One line of the paraphrase set: the move it was written for and every move it makes."""

    text: str
    move: str
    labels: frozenset[str]
    split: str


def load_paraphrases(split: str, folder: Path = PARAPHRASES) -> list[Phrase]:
    """dev or heldout lines; a label outside the ten moves is an error naming the file and line."""
    path = folder / f"{split}.yaml"
    if not path.is_file():
        fix = "use split dev, dev4 to dev10, or heldout to heldout12"
        raise ConfigError("paraphrase set", f"{path} does not exist", fix=fix)
    raw: dict[str, list[Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[Phrase] = []
    for move, entries in raw.items():
        for i, entry in enumerate(entries or []):
            text = entry if isinstance(entry, str) else str(entry.get("text", ""))
            also = [] if isinstance(entry, str) else list(entry.get("also") or [])
            labels = frozenset([move, *also])
            if not text or not labels <= set(LABELS):
                raise ConfigError("paraphrase set", f"{path.name} {move}[{i}]: {entry!r}", fix=f"use moves {LABELS}")
            out.append(Phrase(text, move, labels, split))
    return out


@dataclass(frozen=True)
class MoveScore:
    """How one move was read over a split: recall on the lines that make it, precision over every line."""

    move: str
    lines: int
    recall: float
    precision: float
    read_right: float


def score_moves(phrases: Sequence[Phrase], readings: Sequence[RepMoves]) -> dict[str, MoveScore]:
    """Per move: recall, precision and 'read right' (the share of the move's own lines whose reading has it)."""
    out: dict[str, MoveScore] = {}
    for move in LABELS:
        tp = sum(move in p.labels and r.has(move) for p, r in zip(phrases, readings, strict=True))
        fp = sum(move not in p.labels and r.has(move) for p, r in zip(phrases, readings, strict=True))
        pos = sum(move in p.labels for p in phrases)
        own = [(p, r) for p, r in zip(phrases, readings, strict=True) if p.move == move]
        right = sum(r.has(move) for _, r in own)
        out[move] = MoveScore(
            move=move,
            lines=len(own),
            recall=round(tp / pos, 3) if pos else 1.0,
            precision=round(tp / (tp + fp), 3) if tp + fp else 1.0,
            read_right=round(right / len(own), 3) if own else 1.0,
        )
    return out
