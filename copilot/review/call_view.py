"""One tagged call as the scoring ladders see it: its turns, regions and memoised features, plus the messaging word sets.

Kept apart from copilot.review.call_features (the computed features, which read a CallView) and
copilot.review.scoring (which builds one per call), so both import it and neither imports the other.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from copilot.knowledge.schema import KnowledgeBase
from copilot.reader.moves import RepMoves, read_many_moves
from copilot.reader.reader import Reader
from copilot.review import ladders
from copilot.review.acts import content_words, normalize, split_sentences
from copilot.review.measures import ReviewMeasures, TaggedUtterance

T = TypeVar("T")
DOMAIN = {"forecast", "deal", "pipeline", "rep", "reps", "sale", "sales", "team", "buyer", "quarter"}


@dataclass(frozen=True)
class Hit:
    """Where a feature was seen: the utterance and the words to quote (index -1: holds with nothing to quote)."""

    index: int
    quote: str


NEGATION = re.compile(r"\b(not|no|never|nothing|won't|can't|cannot|don't|doesn't|isn't|aren't|haven't)\b|n't\b", re.I)


def negated(text: str) -> bool:
    """Whether the text says something is not so: stems drop the negation, so a match on stems checks it apart."""
    return bool(NEGATION.search(text.replace("\u2019", "'")))


@lru_cache(maxsize=1 << 16)
def stems(text: str) -> frozenset[str]:
    """Content stems without the words every call in this domain shares."""
    return frozenset(content_words(text) - DOMAIN)


Feature = Callable[["CallView"], Hit | None]
Computed = tuple[str, Feature]
"""A computed feature: the words a reason shows for it, and how to find it."""


class Messaging:
    """The knowledge base's messaging as word sets, built once per knowledge base and shared by every call."""

    insights: list[frozenset[str]]
    values: list[frozenset[str]]
    proofs: list[frozenset[str]]
    answers: list[frozenset[str]]
    everything: list[frozenset[str]]
    objections: list[tuple[frozenset[str], bool]]
    names: re.Pattern[str] | None

    def __init__(self, kb: KnowledgeBase) -> None:
        self.insights = [stems(f"{i.title} {i.body}") for i in kb.insights.values()]
        self.values = [stems(f"{v.headline} {v.body}") for v in kb.value_propositions.values()]
        self.values += [stems(f"{d.title} {d.body}") for d in kb.differentiators.values()]
        self.proofs = [stems(p) for v in kb.value_propositions.values() for p in v.proof_points]
        self.proofs += [stems(d.proof) for d in kb.differentiators.values()]
        self.answers = [stems(o.answer) for o in kb.objections.values() if o.answer]
        self.everything = [*self.values, *self.answers, *self.insights, *self.proofs]
        said = [o.title for o in kb.objections.values()]
        said += [p for o in kb.objections.values() for lines in o.phrasings.values() for p in lines]
        self.objections = [(stems(t), negated(t)) for t in said]
        own = [n.lower() for n in ([kb.company.name, kb.company.product] if kb.company else [])]
        self.names = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in own)) if own else None


class CallView:
    """One tagged call, with lazily computed, memoised features."""

    m: ReviewMeasures
    kb: Messaging
    u: list[TaggedUtterance]
    n: int
    norm: list[str]
    sentences: list[list[str]]
    sentence_norm: list[list[str]]
    rep: list[int]
    buyer: list[int]
    opening: range
    closing: range

    def __init__(
        self,
        measures: ReviewMeasures,
        messaging: Messaging,
        computed: Mapping[str, Computed],
        reader: Reader | None = None,
    ) -> None:
        self.m = measures
        self.reader = reader
        self.computed = computed
        self.kb = messaging
        self.u = measures.utterances
        self.n = len(self.u)
        self.norm = [normalize(u.text) for u in self.u]
        self.sentences = [split_sentences(u.text) for u in self.u]
        self.sentence_norm = [[normalize(s) for s in sentences] for sentences in self.sentences]
        self.rep = [i for i, u in enumerate(self.u) if u.role == "rep"]
        self.buyer = [i for i, u in enumerate(self.u) if u.role == "buyer"]
        self.opening = range(min(self.n, max(4, math.ceil(self.n * 0.25))))
        self.closing = range(max(0, self.n - max(5, math.ceil(self.n * 0.35))), self.n)
        self.notes: dict[str, str] = {}
        self._cache: dict[str, Any] = {}
        self._memo: dict[str, Hit | None] = {}

    def has(self, name: str) -> Hit | None:
        """The first hit of a feature (a table cue or a computed one), or None."""
        if name not in self._memo:
            cue = ladders.CUES.get(name)
            self._memo[name] = self._cue(cue) if cue else self.computed[name][1](self)
        return self._memo[name]

    def region(self, spec: str) -> list[int]:
        """Utterance indices a cue may match in (see copilot.review.cues for the names)."""
        if spec in ("all", "opening", "closing"):
            return list({"all": range(self.n), "opening": self.opening, "closing": self.closing}[spec])
        kind, _, name = spec.partition(":")
        hit = self.has(name)
        if kind == "before":
            return list(range(hit.index if hit else self.n))
        after = list(range(hit.index + (kind != "from"), self.n)) if hit else []
        return after if kind in ("after", "from") else [i for i in after if self.u[i].role == "rep"][:1]

    def quote(self, i: int, pattern: re.Pattern[str] | None = None, question: bool = False) -> Hit:
        """The sentence of utterance i that shows the feature (the first match), else the whole turn."""
        if pattern is None and not question:
            return Hit(i, self.u[i].text)
        for s in self.sentences[i]:
            if (pattern is None or pattern.search(normalize(s))) and (not question or s.endswith("?")):
                return Hit(i, s)
        return Hit(i, self.sentences[i][0])

    def _cue(self, cue: ladders.Cue) -> Hit | None:
        """The first utterance satisfying a table cue (and `count` of them must exist)."""
        found: list[int] = []
        for i in self.region(cue.region):
            text = self.norm[i]
            if (cue.role and self.u[i].role != cue.role) or (cue.unless and cue.unless.search(text)):
                continue
            if (cue.acts and not set(cue.acts) & set(self.u[i].acts)) or (cue.also and not cue.also.search(text)):
                continue
            if cue.pattern.search(text):
                found.append(i)
                if len(found) >= cue.count:
                    return self.quote(found[0], None if cue.pattern is ladders.ANY else cue.pattern, bool(cue.acts))
        return None

    def moves(self, i: int) -> RepMoves | None:
        """What the rep did in turn i, read by the one utterance reader (moves head); None for a buyer turn.

        Every rep turn is read in one embedding pass on first use, with the buyer's previous turn as context,
        so the call review reads a rep line exactly as the roleplay buyer and the roleplay scorer do.
        """
        read: dict[int, RepMoves] = self.once("moves", self._read_moves)
        return read.get(i)

    def _read_moves(self) -> dict[int, RepMoves]:
        contexts = [self.u[b].text if (b := self._buyer_before(i)) is not None else None for i in self.rep]
        found = read_many_moves([self.u[i].text for i in self.rep], reader=self.reader, contexts=contexts)
        return dict(zip(self.rep, found, strict=True))

    def _buyer_before(self, i: int) -> int | None:
        at = bisect_right(self.buyer, i) - 1
        return self.buyer[at] if at >= 0 else None

    def moved(self, indices: Iterable[int], move: str, test: Callable[[str], object] | None = None) -> Hit | None:
        """The first rep sentence in the given turns the reader reads as `move` (and passing `test`, if given)."""
        for i in indices:
            read = self.moves(i)
            for s in read.sentences_with(move) if read is not None else []:
                if test is None or test(normalize(s)):
                    return Hit(i, s)
        return None

    def first(self, indices: Iterable[int], test: Callable[[int, str], object]) -> Hit | None:
        """The first sentence in the given utterances that passes `test(index, normalised sentence)`."""
        for i in indices:
            for s, norm in zip(self.sentences[i], self.sentence_norm[i], strict=True):
                if test(i, norm):
                    return Hit(i, s)
        return None

    def once(self, key: str, make: Callable[[], T]) -> T:
        """Compute a per-call intermediate (follow-ups, concessions) once."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def next_of(self, indices: list[int], after: int | None) -> int | None:
        """The first of `indices` after `after`."""
        at = None if after is None else bisect_right(indices, after)
        return indices[at] if at is not None and at < len(indices) else None

    def acts(self, i: int | None) -> set[str]:
        """The acts of utterance i (empty for None)."""
        return set(self.u[i].acts) if i is not None else set()

    def words(self, i: int) -> int:
        return len(self.u[i].text.split())

    def rep_after(self, name: str) -> list[int]:
        """Rep turns after a feature's hit."""
        return [i for i in self.region(f"after:{name}") if self.u[i].role == "rep"]
