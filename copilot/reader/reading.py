"""What the reader says about a turn: per sentence, each label with its probability; per turn, the union."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SentenceReading(BaseModel):
    """One sentence (as cleaned) with every label's probability and the labels that passed their threshold."""

    text: str
    probs: dict[str, float] = Field(description="label -> probability, rounded to 4 places")
    labels: list[str] = Field(description="labels at or above their threshold, most probable first")
    margin: float = Field(description="how sure: distance of the closest call to its threshold, in [0, 1]")

    @property
    def top(self) -> str:
        """The most probable label."""
        return max(self.probs, key=lambda k: (self.probs[k], k))


class Reading(BaseModel):
    """A whole turn read by one head."""

    head: str
    text: str = Field(description="the turn as given")
    sentences: list[SentenceReading]
    labels: list[str] = Field(description="union of the sentences' labels, in order of first appearance")
    sure: float = Field(description="how sure the turn's reading is: the smallest sentence margin")

    def prob(self, label: str) -> float:
        """The label's highest probability over the sentences (0 for an empty turn)."""
        return max((s.probs.get(label, 0.0) for s in self.sentences), default=0.0)

    def has(self, label: str) -> bool:
        """True when any sentence carries the label."""
        return label in self.labels

    def count(self, label: str) -> int:
        """Sentences carrying the label."""
        return sum(label in s.labels for s in self.sentences)

    def first(self, label: str) -> SentenceReading | None:
        """The first sentence carrying the label (the evidence to quote)."""
        return next((s for s in self.sentences if label in s.labels), None)
