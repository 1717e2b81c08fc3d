"""Score a sales call against its interaction's assessment map, deterministically, with a quoted line per criterion.

Each criterion climbs the four-level scale (copilot.knowledge.schema.SCALE) through a ladder in
copilot.review.ladders: features observed in the transcript (copilot.review.call_features: who said what,
where in the call, which act, and overlap with the knowledge base's own insights, value propositions,
differentiators, proof points and objection answers) unlock levels 2, 3 and 4. A criterion without a
ladder (a custom interaction) is scored by word overlap with its own level descriptors and says so. No
model and no randomness: the same transcript and knowledge base always give the same scores.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from copilot.errors import CopilotError
from copilot.knowledge.schema import LEVEL_BY_SCORE, KnowledgeBase, ResolvedCriterion
from copilot.review import ladders
from copilot.review.acts import normalize, split_sentences
from copilot.review.call_features import COMPUTED, Hit, stems
from copilot.review.measures import ReviewMeasures, TaggedUtterance

T = TypeVar("T")


class Messaging:
    """The knowledge base's messaging as word sets, built once per knowledge base and shared by every call."""

    insights: list[frozenset[str]]
    values: list[frozenset[str]]
    proofs: list[frozenset[str]]
    answers: list[frozenset[str]]
    everything: list[frozenset[str]]
    names: re.Pattern[str] | None

    def __init__(self, kb: KnowledgeBase) -> None:
        self.insights = [stems(f"{i.title} {i.body}") for i in kb.insights.values()]
        self.values = [stems(f"{v.headline} {v.body}") for v in kb.value_propositions.values()]
        self.values += [stems(f"{d.title} {d.body}") for d in kb.differentiators.values()]
        self.proofs = [stems(p) for v in kb.value_propositions.values() for p in v.proof_points]
        self.proofs += [stems(d.proof) for d in kb.differentiators.values()]
        self.answers = [stems(o.answer) for o in kb.objections.values() if o.answer]
        self.everything = [*self.values, *self.answers, *self.insights, *self.proofs]
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

    def __init__(self, measures: ReviewMeasures, messaging: Messaging) -> None:
        self.m = measures
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
            self._memo[name] = self._cue(cue) if cue else COMPUTED[name][1](self)
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


class ScoringError(CopilotError):
    """The call cannot be scored as asked (unknown interaction, not a call)."""


class CriterionScore(BaseModel):
    """One criterion's level, the line that shows it, and why."""

    criterion_id: str
    title: str
    level: int = Field(ge=1, le=4)
    label: str = Field(description="the scale label: Not Present, Needs Work, Good or Excellent")
    evidence: str | None = Field(description='the quoted line, as `Speaker: "words"`')
    utterance_index: int | None = None
    reason: str = Field(description="what was found, and what the next level would need")


class CallScores(BaseModel):
    """Every criterion of one interaction's assessment map, scored from one transcript."""

    interaction: str
    scores: list[CriterionScore]
    assumptions: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------- scoring


def describe(name: str) -> str:
    """Words for a feature, for reasons."""
    return ladders.CUES[name].text if name in ladders.CUES else COMPUTED[name][0]


def _met(v: CallView, requirement: str) -> bool:
    """Whether one ladder requirement holds."""
    if requirement.startswith("!"):
        return v.has(requirement[1:]) is None
    if requirement.startswith("2of:"):
        return sum(v.has(n) is not None for n in requirement[4:].split(",")) >= 2
    return any(v.has(n) is not None for n in requirement.split("|"))


def _describe(v: CallView, requirement: str, met: bool) -> str:
    """A requirement in words: the parts that were found when met, every option when missing."""
    if requirement.startswith("!"):
        return f"avoid: {describe(requirement[1:])}"
    pair = requirement.startswith("2of:")
    names = requirement.removeprefix("2of:").split("," if pair else "|")
    if met:
        return "; ".join(describe(n) for n in names if v.has(n) is not None)
    return ("two of: " if pair else "") + (", " if pair else " or ").join(describe(n) for n in names)


def _evidence(v: CallView, names: Iterable[str]) -> Hit | None:
    """The first feature in `names` that has a line to quote."""
    for name in names:
        hit = v.has(name)
        if hit is not None and hit.index >= 0:
            return hit
    return None


def _ladder_score(v: CallView, criterion: ResolvedCriterion, ladder: ladders.Ladder) -> CriterionScore:
    """Climb the ladder; quote the best evidence; say what was found and what the next level needs."""
    level, found = 1, []
    for step in ladder.steps:
        if not all(_met(v, r) for r in step):
            break
        level += 1
        found += [_describe(v, r, True) for r in step if not r.startswith("!")]
    label = LEVEL_BY_SCORE[level].label
    found = list(dict.fromkeys("; ".join(found).split("; "))) if found else []
    reason = f"{label}: " + ("found: " + "; ".join(found) if found else "none of the cues for this criterion found")
    if level < 4:
        missing = [_describe(v, r, False) for r in ladder.steps[level - 1] if not _met(v, r)]
        reason += f". {LEVEL_BY_SCORE[level + 1].label} needs: " + "; ".join(missing)
    if "listen" in v.notes and criterion.id.endswith("listening"):
        reason += f" ({v.notes['listen']})"
    hit = _evidence(v, (*ladder.evidence, ladder.fallback) if level > 1 else (ladder.fallback, *ladder.evidence))
    return _score(v, criterion, level, hit, reason)


def _descriptor_score(v: CallView, criterion: ResolvedCriterion) -> CriterionScore:
    """Best effort for a criterion with no ladder: the rep sentence closest to each level's descriptor."""
    best: tuple[int, int, Hit | None] = (0, 1, None)
    for score, text in criterion.levels.by_score().items():
        words = stems(f"{text} {criterion.description}" if score > 2 else text)
        for i in v.rep:
            for s in v.sentences[i]:
                shared = len(stems(s) & words)
                if shared > best[0] or (shared == best[0] and shared and score > best[1]):
                    best = (shared, score, Hit(i, s))
    shared, level, hit = best
    level = level if shared >= 3 else 1
    reason = f"{LEVEL_BY_SCORE[level].label}: no cue table for this criterion; closest rep line shares {shared} word(s) with the descriptor"
    return _score(v, criterion, level, hit, reason)


def _score(v: CallView, criterion: ResolvedCriterion, level: int, hit: Hit | None, reason: str) -> CriterionScore:
    """The printed score: level, label, quote (cut at 240 characters) and reason."""
    quote = "" if hit is None else hit.quote if len(hit.quote) <= 240 else hit.quote[:239].rstrip() + "…"
    return CriterionScore(
        criterion_id=criterion.id,
        title=criterion.title,
        level=level,
        label=LEVEL_BY_SCORE[level].label,
        evidence=f'{v.u[hit.index].speaker}: "{quote}"' if hit else None,
        utterance_index=hit.index if hit else None,
        reason=reason,
    )


class CallScorer:
    """Scores calls against one knowledge base; build once, score many transcripts."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.messaging = Messaging(kb)

    def interactions(self) -> list[str]:
        """The rep–customer interactions a call can be scored against."""
        return [i.id for i in self.kb.interactions.values() if i.category == "rep-customer"]

    def check(self, interaction: str) -> None:
        """Raise ScoringError naming the valid interactions when this one cannot score a call."""
        valid = ", ".join(self.interactions()) or "none (the knowledge base has no rep-customer interaction)"
        found = self.kb.interactions.get(interaction)
        if found is None:
            raise ScoringError(f"unknown interaction {interaction!r}", fix=f"use one of: {valid}")
        if found.category != "rep-customer":
            raise ScoringError(
                f"{interaction} is a manager–rep interaction, not a sales call",
                fix=f"review it with --kind coaching, or score the call as one of: {valid}",
            )

    def score(self, measures: ReviewMeasures, interaction: str = "discovery-call") -> CallScores:
        """Every criterion of the interaction, each with a level, a quote and a reason."""
        self.check(interaction)
        if measures.kind != "call":
            raise ScoringError("only sales calls are scored against an assessment map", fix="use --kind call")
        view = CallView(measures, self.messaging)
        scores, assumptions = [], []
        for criterion in self.kb.criteria_of(interaction):
            ladder = ladders.LADDERS.get(criterion.id)
            scores.append(_ladder_score(view, criterion, ladder) if ladder else _descriptor_score(view, criterion))
            if not ladder:
                assumptions.append(f"{criterion.id} has no cue table; scored by word overlap with its descriptors")
        if not view.buyer:
            assumptions.append(
                "no buyer speaks: criteria that rest on the buyer's words can only reach what the rep shows"
            )
        if interaction == "objection-handling" and view.has("objection") is None:
            assumptions.append("no buyer objection was recognised, so objection handling could not be observed")
        return CallScores(interaction=interaction, scores=scores, assumptions=assumptions)

    def best_fit(self, measures: ReviewMeasures) -> CallScores:
        """Scores against the interaction the call fits best, for when nobody said which one it was.

        The fit is the mean level over each map's criteria; a tie goes to the discovery call. On the labelled
        calls this picks the labelled interaction for 23 of 29 (8 of 9 held out); the misses are weak calls,
        which show too little of any map to tell. The choice is stated as an assumption, never silent.
        """
        scored = {i: self.score(measures, i) for i in self.interactions()}
        means = {i: sum(s.level for s in c.scores) / len(c.scores) for i, c in scored.items() if c.scores}
        if not means:
            raise ScoringError("the knowledge base has no assessment map for a sales call", fix="add one to knowledge/")
        best = max(means, key=lambda i: (means[i], i == "discovery-call"))
        others = ", ".join(f"{i} {m:.1f}" for i, m in means.items() if i != best)
        chosen = scored[best]
        chosen.assumptions.insert(
            0,
            f"scored as {best}, the interaction it fits best (mean level {means[best]:.1f}; {others}); "
            "pass --interaction to choose",
        )
        return chosen


def score_call(measures: ReviewMeasures, kb: KnowledgeBase, interaction: str = "discovery-call") -> CallScores:
    """Score one reviewed call (see CallScorer to score many against the same knowledge base)."""
    return CallScorer(kb).score(measures, interaction)
