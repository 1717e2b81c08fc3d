"""Score a roleplay transcript against the objection-handling rubric, by rules over the rep's words.

Each objection the buyer raised is an episode: the rep turns between raising it and moving on. A criterion's
level counts the episodes where the behaviour showed (half or more: Good; every one, with the extra the
Excellent descriptor asks for: Excellent), quoting the rep line that showed it. Nothing here calls a model or
reads the clock, so the same transcript always gets the same score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from copilot.knowledge.schema import LEVEL_BY_SCORE, KnowledgeBase
from copilot.reader.reader import Reader
from copilot.reader.specs.moves import BARE_CLOSE, NAMED_STEP
from copilot.roleplay import cues
from copilot.roleplay.models import (
    CriterionScore,
    NextStepItem,
    Outcome,
    QuestionCount,
    RepSignals,
    RoleplayScore,
    Scenario,
    Turn,
)
from copilot.roleplay.moves import unasked_discount
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scenarios import INTERACTION
from copilot.roleplay.signals import read_turn

NO_LINE = "no line showed this"
CONCISE_WORDS = 80
STEP_RANK = {"none": 0, "vague": 1, "concrete": 2, "dated": 3}


@dataclass
class RepTurn:
    """A rep turn with its signals, as the scorer reads it."""

    index: int
    text: str
    signals: RepSignals
    unasked_discount: bool = False


@dataclass
class Episode:
    """The rep turns spent on one objection."""

    objection_id: str | None
    turns: list[RepTurn] = field(default_factory=list)
    buyer_moves: list[str] = field(default_factory=list)

    @property
    def valid(self) -> list[RepTurn]:
        """Turns that said something the rubric can read (not empty, foreign or role-breaking)."""
        return [t for t in self.turns if not (t.signals.empty or t.signals.non_english or t.signals.injection)]


def read_transcript(
    kb: KnowledgeBase, turns: Sequence[Turn], proof: ProofIndex | None = None, *, reader: Reader | None = None
) -> list[Episode]:
    """Re-read every rep turn from its words (through the utterance reader) and group them by objection."""
    proof = proof or ProofIndex.build(kb)
    episodes: list[Episode] = []
    context: str | None = None
    for turn in turns:
        if turn.speaker == "buyer":
            context = turn.text
            if episodes and turn.move is not None:
                episodes[-1].buyer_moves.append(turn.move.kind)
            continue
        objection = kb.objections.get(turn.objection_id or "")
        signals = read_turn(turn.text, objection, proof, context, reader=reader)
        if not episodes or episodes[-1].objection_id != turn.objection_id:
            episodes.append(Episode(turn.objection_id))
        episodes[-1].turns.append(RepTurn(turn.index, turn.text, signals, unasked_discount(signals, objection)))
    return episodes


def _score(
    criterion_id: str, kb: KnowledgeBase, level: int, hit: RepTurn | None, line: str | None, why: str
) -> CriterionScore:
    criterion = kb.criteria[criterion_id]
    quoted = line or (hit.text if hit else None)
    return CriterionScore(
        criterion_id=criterion_id,
        title=criterion.title,
        level=level,
        label=LEVEL_BY_SCORE[level].label,
        evidence=f'"{quoted}"' if quoted and level > 1 else NO_LINE,
        turn=hit.index if hit and level > 1 else None,
        why=why,
    )


def _ratio_level(good: int, n: int, excellent: bool) -> int:
    """Good in at least half the episodes is Good; every episode plus the extra is Excellent."""
    if n == 0 or good == 0:
        return 1
    if good == n and excellent:
        return 4
    return 3 if good >= math.ceil(n / 2) else 2


def _rep_turn(episodes: list[Episode], turn: RepTurn) -> int:
    """The rep's own count of a turn ("your turn 2"), as the feedback numbers them."""
    return 1 + sum(1 for e in episodes for t in e.turns if t.index < turn.index)


def acknowledges(episodes: list[Episode]) -> tuple[int, RepTurn | None, str | None, str]:
    """First valid turn of each episode acknowledges the concern in the buyer's terms, without arguing."""
    objections = [e for e in episodes if e.objection_id and e.valid]
    firsts = [e.valid[0] for e in objections]
    tailored = [t for t in firsts if t.signals.acknowledgement == "tailored"]
    stock = [t for t in firsts if t.signals.acknowledgement == "stock"]
    argued = any(t.signals.argues for e in episodes for t in e.valid)
    drew_out = any("share_information" in e.buyer_moves[:1] for e in objections)
    level = _ratio_level(len(tailored), len(firsts), excellent=len(firsts) >= 2 and drew_out and not argued)
    # Heard, but only after asking or answering first: not ignored, so Needs Work, not Not Present.
    late = [t for e in objections for t in e.valid[1:] if t.signals.acknowledgement in ("tailored", "stock")]
    if level == 1 and (stock or late):
        level = 2
    if argued:
        level = min(level, 2)
    hit = next(iter(tailored or stock or late), None)
    why = f"acknowledged {len(tailored)} of {len(firsts)} objections in their terms, {len(stock)} with a stock phrase"
    if late and not (tailored or stock):
        why += (
            f"; acknowledged only later, in your turn {_rep_turn(episodes, late[0])}, not when the concern was raised"
        )
    return level, hit, hit.signals.acknowledgement_line if hit else None, why + ("; argued" if argued else "")


def _asked_first(e: Episode) -> tuple[int, int, RepTurn | None]:
    """(open questions, closed questions) before the first answer with proof, and the turn of the first open one."""
    opens = closed = 0
    first: RepTurn | None = None
    for t in e.valid:
        s = t.signals
        before_proof = not s.proof_ids or (
            s.question_line is not None
            and s.proof_line is not None
            and t.text.find(s.question_line) < t.text.find(s.proof_line)
        )
        if before_proof:
            asked_first = int(s.check != "none" and not s.proof_ids)  # nothing answered yet: it asks to understand
            opens += s.clarify_open + asked_first
            closed += s.clarify_closed
            if (s.clarify_open or asked_first) and first is None:
                first = t
        if s.proof_ids:
            break
    return opens, closed, first


def clarifies(episodes: list[Episode]) -> tuple[int, RepTurn | None, str | None, str]:
    """An open question before answering, in each objection; two or more to find the root: Excellent."""
    objections = [e for e in episodes if e.objection_id and e.valid]
    asked = [_asked_first(e) for e in objections]
    with_open = [a for a in asked if a[0] > 0]
    closed_only = [a for a in asked if a[0] == 0 and a[1] > 0]
    deep = any(a[0] >= 2 for a in asked)
    level = _ratio_level(len(with_open), len(asked), excellent=len(asked) >= 2 and deep)
    if level == 1 and closed_only:
        level = 2
    hit = with_open[0][2] if with_open else None
    why = f"asked an open question before answering in {len(with_open)} of {len(asked)} objections"
    line = (hit.signals.question_line or hit.signals.check_line) if hit else None
    return level, hit, line, why


def answers_with_proof(episodes: list[Episode]) -> tuple[int, RepTurn | None, str | None, str]:
    """The live objection's proof from the messaging; every objection, concise, with a way to verify: Excellent."""
    objections = [e for e in episodes if e.objection_id and e.valid]
    relevant = [next((t for t in e.valid if t.signals.relevant_proof_ids), None) for e in objections]
    anywhere = [t for e in episodes for t in e.valid if t.signals.proof_ids]
    # evidence the reader heard that the messaging does not hold ("teams like yours cut errors by a third"): an
    # answer, not nothing, but one nobody can check, so Needs Work at most
    unbacked = [t for e in episodes for t in e.valid if t.signals.evidence and not t.signals.proof_ids]
    dumped = any(t.signals.feature_dump for e in episodes for t in e.valid)
    gave_away = any(t.unasked_discount for e in episodes for t in e.valid)
    hits = [t for t in relevant if t is not None]
    excellent = (
        len(objections) >= 2
        and any(t.signals.verification for t in hits)
        and all(t.signals.words <= CONCISE_WORDS for t in hits)
        and not dumped
        and not gave_away
    )
    level = _ratio_level(len(hits), len(objections), excellent)
    if level == 1 and (anywhere or unbacked):
        level = 2
    if dumped or gave_away:
        level = min(level, 2)
    hit = hits[0] if hits else (anywhere[0] if anywhere else (unbacked[0] if unbacked else None))
    why = f"answered {len(hits)} of {len(objections)} objections with their proof from the messaging"
    if not hits and not anywhere and unbacked:
        why += (
            f"; your turn {_rep_turn(episodes, unbacked[0])} gave evidence the messaging does not hold "
            "(make sure it is true)"
        )
    why += "; listed features" if dumped else ""
    given = [t for e in episodes for t in e.valid if t.unasked_discount]
    what = "free work" if given and all(t.signals.offer == "services" for t in given) else "a discount"
    why += f"; gave {what} nobody asked for" if gave_away else ""
    return level, hit, hit.signals.proof_line if hit else None, why


def _answers(turn: RepTurn) -> bool:
    """The turn gives an answer to check on: proof from the library, evidence of the rep's own, or value or proof as the
    reader hears it. How good the answer was is the answer step's score, not this one's."""
    s = turn.signals
    return bool(s.proof_ids) or s.evidence or any(m in ("value", "proof") for m in s.moves)


def checks(episodes: list[Episode]) -> tuple[int, RepTurn | None, str | None, str]:
    """A specific question, after answering, on whether the answer landed; an open one in every objection: Excellent."""
    objections = [e for e in episodes if e.objection_id and e.valid]
    specific: list[RepTurn] = []
    generic: list[RepTurn] = []
    for e in objections:
        answered = False
        found = None
        for t in e.valid:
            answered = answered or _answers(t)
            if answered and t.signals.check == "specific":
                found = t
                break
            if answered and t.signals.check == "generic" and not generic:
                generic.append(t)
        if found:
            specific.append(found)
    open_check = any(cues.OPEN_AFTER_CLAUSE.search(t.signals.check_line or "") for t in specific)
    level = _ratio_level(len(specific), len(objections), excellent=len(objections) >= 2 and open_check)
    if level == 1 and generic:
        level = 2
    hit = next(iter(specific or generic), None)
    why = f"checked the answer landed in {len(specific)} of {len(objections)} objections"
    return level, hit, hit.signals.check_line if hit else None, why


def _step_rank(turn: RepTurn) -> int:
    """How concrete the turn's step is. A push to close that names nothing resolving the concern ('shall we get the
    paperwork going?', 'sign by Friday'), dated or not, is no more than a vague step: the rubric's step is linked to
    the concern. So is a step bought with a discount nobody asked for ('25% off if you sign by Friday')."""
    s = turn.signals
    line = s.next_step_line or ""
    bare_close = BARE_CLOSE.search(line) and not NAMED_STEP.search(line)
    bought = turn.unasked_discount and line and line == s.discount_line
    if s.next_step in ("concrete", "dated") and (bare_close or bought):
        return STEP_RANK["vague"]
    return STEP_RANK[s.next_step]


def advances(episodes: list[Episode], outcome: Outcome) -> tuple[int, RepTurn | None, str | None, str]:
    """A concrete next step; dated and agreed by the buyer: Excellent; only 'I'll send info': Needs Work."""
    turns = [t for e in episodes for t in e.valid]
    best = max(turns, key=lambda t: (_step_rank(t), -t.index), default=None)
    rank = _step_rank(best) if best else 0
    level = {0: 1, 1: 2, 2: 3, 3: 4 if outcome == "next_step_agreed" else 3}[rank]
    kind = next(k for k, v in STEP_RANK.items() if v == rank)
    why = f"best next step proposed: {kind}; outcome {outcome.replace('_', ' ')}"
    return level, best if rank else None, best.signals.next_step_line if best and rank else None, why


RULES: dict[str, Callable[[list[Episode]], tuple[int, RepTurn | None, str | None, str]]] = {
    "acknowledges": acknowledges,
    "clarifies": clarifies,
    "answers-with-proof": answers_with_proof,
    "checks": checks,
}


def _next_steps(kb: KnowledgeBase, scenario: Scenario, scores: list[CriterionScore]) -> list[NextStepItem]:
    """Skill drills for the weakest criteria (root cause 'skill': the rep knows, but cannot yet do it), then a retry."""
    weak = sorted((c for c in scores if c.level < 3), key=lambda c: (c.level, scores.index(c)))
    out: list[NextStepItem] = []
    chosen: set[str] = set()
    for c in weak[:3]:
        activities = kb.activities_for(c.criterion_id, root_cause="skill")
        activities.sort(key=lambda a: (a.kind not in ("drill", "roleplay"), len(a.criteria), a.id))
        pick = next((a for a in activities if a.id not in chosen), None)
        if pick is None:
            continue
        chosen.add(pick.id)
        out.append(
            NextStepItem(
                criterion_id=c.criterion_id,
                activity_id=pick.id,
                title=pick.title,
                why=f"{c.title} scored {c.label}. {pick.instructions}",
            )
        )
    target = scenario.target_level or 3
    if any(c.level < target for c in scores):
        label = LEVEL_BY_SCORE[target].label
        out.append(
            NextStepItem(title=f"Retry {scenario.id}", why=f"Repeat the same scenario until every step scores {label}.")
        )
    elif scenario.difficulty != "tough":
        harder = next(
            (
                s
                for s in kb.scenarios.values()
                if s.persona == scenario.persona
                and s.difficulty != scenario.difficulty
                and s.id != scenario.id
                and ["easy", "realistic", "tough"].index(s.difficulty)
                > ["easy", "realistic", "tough"].index(scenario.difficulty)
            ),
            None,
        )
        ladder = [a for c in scores for a in kb.activities_for(c.criterion_id, root_cause="confidence")][:1]
        out.append(
            NextStepItem(
                activity_id=ladder[0].id if ladder else None,
                title=f"Move up: {harder.id}" if harder else "Move up a difficulty",
                why="Every step scored Good or better; practise against a harder buyer next.",
            )
        )
    return out


def score_transcript(
    kb: KnowledgeBase,
    scenario: Scenario,
    turns: Sequence[Turn],
    outcome: Outcome,
    *,
    reader: Reader | None = None,
) -> RoleplayScore:
    """The rubric levels with quoted evidence, talk ratio, questions and what to practise next."""
    episodes = read_transcript(kb, turns, reader=reader)
    scores: list[CriterionScore] = []
    for criterion in kb.criteria_of(INTERACTION):
        slug = criterion.id.split(".", 1)[1]
        if slug == "advances":
            level, hit, line, why = advances(episodes, outcome)
        elif slug in RULES:
            level, hit, line, why = RULES[slug](episodes)
        else:
            continue  # a criterion this scorer has no rule for is left to a human observer
        scores.append(_score(criterion.id, kb, level, hit, line, why))
    rep_turns = [t for e in episodes for t in e.turns]
    rep_words = sum(len(t.text.split()) for t in rep_turns)
    all_words = sum(len(t.text.split()) for t in turns)
    return RoleplayScore(
        scenario_id=scenario.id,
        difficulty=scenario.difficulty,
        outcome=outcome,
        scores=scores,
        talk_ratio=round(rep_words / all_words, 3) if all_words else 0.0,
        questions=QuestionCount(
            open=sum(t.signals.open_questions for t in rep_turns),
            closed=sum(t.signals.closed_questions for t in rep_turns),
        ),
        next_steps=_next_steps(kb, scenario, scores),
        overall=round(sum(c.level for c in scores) / len(scores), 2) if scores else 0.0,
    )
