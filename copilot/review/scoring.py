"""Score a sales call against its interaction's assessment map, deterministically, with a quoted line per criterion.

Each criterion climbs the four-level scale (copilot.knowledge.schema.SCALE) through a ladder in
copilot.review.ladders: features observed in the transcript (copilot.review.call_features: who said what,
where in the call, which act, and overlap with the knowledge base's own insights, value propositions,
differentiators, proof points and objection answers) unlock levels 2, 3 and 4. A criterion without a
ladder (a custom interaction) is scored by word overlap with its own level descriptors and says so. No
model and no randomness: the same transcript and knowledge base always give the same scores.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from copilot.errors import CopilotError
from copilot.knowledge.schema import LEVEL_BY_SCORE, KnowledgeBase, ResolvedCriterion
from copilot.reader.reader import Reader
from copilot.review import ladders
from copilot.review.call_features import COMPUTED
from copilot.review.call_kind import KIND_WORDS, clear_kind
from copilot.review.call_view import CallView, Hit, Messaging, stems
from copilot.review.measures import ReviewMeasures

DEFAULT_INTERACTION = "discovery-call"
SIGNATURES: dict[str, tuple[str, ...]] = {
    "demo": ("screen",),
    "negotiation": ("price.first", "concession"),
    "objection-handling": ("objection",),
}
"""What must happen for a call to be that interaction at all (features in copilot.review.call_features)."""
OVERRULED_BY = {"objection-handling": "concession"}
"""A call where the rep trades on price is a negotiation, even though the buyer objected to the price first."""
SURE_LEVEL = 1.5
SURE_MARGIN = 0.45


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
    interaction_sure: bool = Field(
        default=True, description="False when nobody named the interaction and the call does not clearly show one"
    )
    interaction_options: list[str] = Field(
        default_factory=list, description="when unsure: the interactions it could be, likeliest first"
    )


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
    """The first feature in `names` with a line to quote from the rep: evidence for the rep is the rep's own words.

    A buyer line ("Within five percent?") can unlock a level (the buyer confirms, reacts, accepts) but is never
    quoted as what the rep did.
    """
    for name in names:
        hit = v.has(name)
        if hit is not None and hit.index >= 0 and v.u[hit.index].role == "rep":
            return hit
    return None


def _observed(v: CallView, requirement: str) -> bool:
    """A requirement met by a line of this call (not by an absence, nor by a rule that holds with nothing said)."""
    if requirement.startswith("!"):
        return False
    return any(
        (h := v.has(n)) is not None and h.index >= 0
        for n in requirement.removeprefix("2of:").replace(",", "|").split("|")
    )


def observed_level(v: CallView, ladder: ladders.Ladder) -> int:
    """The ladder's level, counted only when something in the call earned it: how much of this map the call shows."""
    level, seen = 1, False
    for step in ladder.steps:
        if not all(_met(v, r) for r in step):
            break
        level += 1
        seen = seen or any(_observed(v, r) for r in step)
    return level if seen else 1


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
    # at Not Present a line that shows the behaviour's attempt (a concession given with nothing asked back) is the
    # moment to look at; the fallback (where it should have happened) only when the call holds none
    hit = _evidence(v, (*ladder.evidence, ladder.fallback))
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

    def __init__(self, kb: KnowledgeBase, reader: Reader | None = None) -> None:
        self.kb = kb
        self.messaging = Messaging(kb)
        self.reader = reader
        self._last: tuple[ReviewMeasures, CallView] | None = None

    def _view(self, measures: ReviewMeasures) -> CallView:
        """The call's view, reused while the same call is scored again (its fit, then its map): features and the
        rep's moves are read once per call, not once per interaction."""
        if self._last is None or self._last[0] is not measures:
            self._last = (measures, CallView(measures, self.messaging, COMPUTED, self.reader))
        return self._last[1]

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
        view = self._view(measures)
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

    def fit(self, measures: ReviewMeasures) -> dict[str, float]:
        """How much of each sales interaction's map the call shows: the mean level earned by something said.

        An interaction whose signature never happens is not a candidate: no screen shown is not a demo, no price
        talked about is not a negotiation, no objection raised is not objection handling. A discovery call needs
        none (it is what a first call is). Levels a rule grants with nothing said (no concession, so none was
        unconditional) do not count towards the fit.
        """
        view = self._view(measures)
        out: dict[str, float] = {}
        for interaction in self.interactions():
            signature = SIGNATURES.get(interaction, ())
            if signature and not any((h := view.has(n)) is not None and h.index >= 0 for n in signature):
                continue
            if interaction in OVERRULED_BY and view.has(OVERRULED_BY[interaction]) is not None:
                continue
            levels = [
                observed_level(view, ladders.LADDERS[c.id])
                for c in self.kb.criteria_of(interaction)
                if c.id in ladders.LADDERS
            ]
            if levels:
                out[interaction] = round(sum(levels) / len(levels), 2)
        return out

    def best_fit(self, measures: ReviewMeasures) -> CallScores:
        """Scores against the interaction the call shows, or, when it shows none clearly, says so and asks.

        Sure means: the best fit shows at least SURE_LEVEL on average and leads the runner-up by SURE_MARGIN; or
        the call's turns are clearly one kind (copilot.review.call_kind: asking about the situation, showing the
        product, trading terms, meeting objections), since a weak demo is still plainly a demo; or nothing but a
        discovery call is a candidate (no screen, no price, no objection).
        Unsure, the call is scored as a discovery call (the first conversation, when it is a candidate) and the
        review names the options and the setting that chooses one (--interaction; the web page's 'What is it?').
        """
        fits = self.fit(measures)
        if not fits:
            fits = {i: 1.0 for i in self.interactions()}
        if not fits:
            raise ScoringError("the knowledge base has no assessment map for a sales call", fix="add one to knowledge/")
        ranked = sorted(fits, key=lambda i: (-fits[i], i != DEFAULT_INTERACTION, i))
        best, runner = ranked[0], (ranked[1] if len(ranked) > 1 else None)
        lead = fits[best] - (fits[runner] if runner else 1.0)
        sure = fits[best] >= SURE_LEVEL and (runner is None or lead >= SURE_MARGIN)
        shown = ", ".join(f"{i} {fits[i]:.1f}" for i in ranked)
        kind = clear_kind(self._view(measures), set(fits))
        # every call fits the discovery map a little (an agenda, some questions), so a sure discovery fit does not
        # outvote turns that are clearly another kind (price traded all call): those turns decide
        if sure and (kind in (None, best, DEFAULT_INTERACTION) or best != DEFAULT_INTERACTION):
            chosen = self.score(measures, best)
            chosen.assumptions.insert(
                0, f"scored as {best}, the interaction it fits best (fit {shown}); pass --interaction to choose"
            )
            return chosen
        if kind is None and set(fits) == {DEFAULT_INTERACTION}:
            kind = DEFAULT_INTERACTION
        if kind is not None:
            chosen = self.score(measures, kind)
            chosen.assumptions.insert(
                0,
                f"scored as {kind}, what most of the call is ({KIND_WORDS[kind]}; fit {shown}); "
                "pass --interaction to choose",
            )
            return chosen
        guess = DEFAULT_INTERACTION if DEFAULT_INTERACTION in fits else best
        options = [guess, *[i for i in ranked if i != guess]]
        chosen = self.score(measures, guess)
        chosen.interaction_sure = False
        chosen.interaction_options = options
        chosen.assumptions.insert(
            0,
            f"not sure which interaction this call is (fit {shown}): scored as {guess} for now; "
            f"pass --interaction to choose ({', '.join(self.interactions())}; on the web page: 'What is it?')",
        )
        return chosen


def score_call(measures: ReviewMeasures, kb: KnowledgeBase, interaction: str = "discovery-call") -> CallScores:
    """Score one reviewed call (see CallScorer to score many against the same knowledge base)."""
    return CallScorer(kb).score(measures, interaction)
