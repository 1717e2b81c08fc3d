"""The roleplay's data: a scenario, the buyer's moves and state, turns and the score, as plain Pydantic values.

Everything a session holds is one of these, so a session can be saved after every turn and resumed from JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from copilot.knowledge.schema import OfferKind, ScenarioCondition, ScenarioFact, ScenarioReaction

Difficulty = Literal["easy", "realistic", "tough"]
Outcome = Literal["next_step_agreed", "stalled", "lost"]
ScenarioSource = Literal["knowledge", "weakest", "assigned"]
MoveKind = Literal[
    "open",
    "raise_objection",
    "share_information",
    "push_back",
    "press_harder",
    "ask_for_proof",
    "hesitate",
    "short_answer",
    "restate",
    "ask_next_step",
    "agree_next_step",
    "stall",
    "end_lost",
    "clarify_request",
    "stay_in_role",
    "take_offer",
    "counter_offer",
    "distrust_offer",
    "amend_next_step",
    "refuse_next_step",
]
LineSource = Literal["model", "model+curated", "curated"]
Acknowledgement = Literal["none", "stock", "tailored"]
Check = Literal["none", "generic", "specific"]
NextStep = Literal["none", "vague", "concrete", "dated"]
Offer = Literal["none", "discount", "term", "pilot", "deferred", "services"]


class Scenario(BaseModel):
    """What the buyer is and wants, and what the rep reads on the card before starting."""

    id: str = Field(description="Scenario id from the knowledge base (`sc-…`).")
    title: str
    persona: str = Field(description="Persona id of the buyer.")
    persona_title: str = Field(description="The buyer's role, e.g. Chief Financial Officer.")
    industry: str
    company_size: str
    disposition: str
    deal_context: str
    difficulty: Difficulty
    objections: list[str] = Field(description="Objection ids in the order the buyer raises them.")
    opening_line: str
    brief: str = Field(description="The rep's goal, as written in the knowledge base.")
    source: ScenarioSource = Field(default="knowledge", description="knowledge, weakest (built for a rep), assigned.")
    focus_criteria: list[str] = Field(default_factory=list, description="Weak criteria it was built to exercise.")
    target_level: int | None = Field(default=None, ge=1, le=4, description="Level a manager asked for, if assigned.")
    assignment_id: str | None = Field(default=None, description="The manager's assignment this run answers.")
    facts: list[ScenarioFact] = Field(default_factory=list, description="What the buyer says when asked well.")
    reactions: list[ScenarioReaction] = Field(default_factory=list, description="Concessions the buyer asked for.")
    conditions: list[ScenarioCondition] = Field(default_factory=list, description="What would settle a concern.")


class BuyerMove(BaseModel):
    """What the buyer does next, decided by code from the rep's turn; the model only phrases it."""

    kind: MoveKind
    objection_id: str | None = Field(default=None, description="The objection live after this move.")
    fact: str | None = Field(default=None, description="Deal-context information the buyer reveals.")
    reason: str = Field(description="Why the code chose this move (shown in the transcript data).")
    outcome: Outcome | None = Field(default=None, description="Set when the move ends the conversation.")
    topic: str | None = Field(default=None, description="The fact's topic, when the move answers a question.")
    specifics: dict[str, str] = Field(
        default_factory=dict, description="The rep's own specifics the words repeat (day, who, what, amount, offer)."
    )


class RepSignals(BaseModel):
    """What a rep's turn did, read from its words; both the buyer's next move and the score rest on it."""

    words: int = 0
    open_questions: int = 0
    closed_questions: int = 0
    clarify_open: int = Field(default=0, description="Open questions the reader reads as clarifying the concern.")
    clarify_closed: int = Field(default=0, description="Closed questions the reader reads as clarifying.")
    acts: list[str] = Field(default_factory=list)
    moves: list[str] = Field(default_factory=list, description="The rep's moves as the utterance reader read them.")
    sure: float = Field(default=1.0, description="How sure the reader was (0 = a coin toss, 1 = clear).")
    acknowledgement: Acknowledgement = "none"
    acknowledgement_line: str | None = None
    argues: bool = False
    argue_line: str | None = None
    discount: bool = False
    discount_line: str | None = None
    trade: bool = Field(default=False, description="A concession made conditional (if you…, we…).")
    offer: Offer = Field(
        default="none",
        description="The concession offered: discount, term, pilot, deferred (paying later) or services (free work).",
    )
    proof_ids: list[str] = Field(default_factory=list, description="Messaging items the turn's words match.")
    relevant_proof_ids: list[str] = Field(default_factory=list, description="Of those, the live objection's proof.")
    evidence: bool = Field(default=False, description="The reader read evidence (a result, a reference, a test).")
    proof_line: str | None = None
    verification: bool = Field(default=False, description="Offers a way to verify (back-test, reference, pack).")
    check: Check = "none"
    check_line: str | None = None
    answer_words: int = Field(
        default=0,
        description="Words of the rep's own answer said before the check (not questions, not only an "
        "acknowledgement): a check after them asks whether that answer landed, not for the buyer's facts.",
    )
    next_step: NextStep = "none"
    next_step_line: str | None = None
    question_line: str | None = None
    feature_dump: bool = False
    off_topic: bool = Field(default=False, description="Small talk or anything unrelated, and nothing else.")
    injection: bool = False
    checked_back: bool = Field(
        default=False, description="The buyer's concern said back and checked, and nothing else asked in the turn."
    )
    empty: bool = False
    non_english: bool = False
    truncated: bool = False


class ObjectionProgress(BaseModel):
    """How far the rep has got with one objection, across the turns spent on it."""

    objection_id: str
    turns: int = 0
    acknowledged: bool = False
    clarified: bool = False
    proof: bool = False
    relevant_proof: bool = False
    checked: bool = False
    next_step: bool = False
    instant_discount: bool = False
    handled: bool = False
    conceded: bool = Field(default=False, description="Settled by a concession rather than by handling it.")
    answered_early: bool = Field(default=False, description="The rep answered it with evidence before it was raised.")


class Concession(BaseModel):
    """Something the rep gave away, and whether the buyer had asked for it."""

    kind: OfferKind
    turn: int = Field(description="Index of the rep turn that offered it.")
    text: str = Field(description="The rep's sentence that offered it.")
    asked: bool = Field(description="The buyer had asked for this concession (a reaction listed in the scenario).")
    reaction: Literal["take", "counter", "distrust"]


class BuyerState(BaseModel):
    """The buyer's memory between turns: which objection is live, how much pressure, what was revealed."""

    current: int = Field(default=0, description="Index of the live objection; == len(objections) once all handled.")
    progress: list[ObjectionProgress] = Field(default_factory=list)
    pressure: int = 0
    rep_turns: int = 0
    closing_asks: int = 0
    facts_used: list[str] = Field(default_factory=list)
    concessions: list[Concession] = Field(default_factory=list)
    countered: list[str] = Field(default_factory=list, description="Objections on which the buyer bargained once.")
    ended: bool = False
    outcome: Outcome | None = None


class Turn(BaseModel):
    """One line of the conversation, with the data that explains it."""

    index: int
    speaker: Literal["buyer", "rep"]
    text: str
    objection_id: str | None = Field(default=None, description="Buyer: live after the turn; rep: answered by it.")
    move: BuyerMove | None = None
    source: LineSource | None = Field(default=None, description="Buyer turns: who wrote the words.")
    curated: bool = Field(default=False, description="Buyer turns: words drawn from curated content.")
    problems: list[str] = Field(default_factory=list, description="Why generated lines were rejected.")
    signals: RepSignals | None = None


class CriterionScore(BaseModel):
    """One rubric criterion on the 1-4 scale, with the rep line that shows it."""

    criterion_id: str
    title: str
    level: int = Field(ge=1, le=4)
    label: str
    evidence: str = Field(description="A quoted rep line, or 'no line showed this'.")
    turn: int | None = Field(default=None, description="Index of the quoted turn.")
    why: str = Field(description="The rule that gave the level.")


class QuestionCount(BaseModel):
    """The rep's questions, open versus closed."""

    open: int = 0
    closed: int = 0


class NextStepItem(BaseModel):
    """What to repeat next, linked to a catalogue activity."""

    criterion_id: str | None = None
    activity_id: str | None = None
    title: str
    why: str


class RoleplayScore(BaseModel):
    """The score of one transcript: the same transcript always gives the same score."""

    scenario_id: str
    difficulty: Difficulty
    outcome: Outcome
    scores: list[CriterionScore]
    talk_ratio: float = Field(description="The rep's share of all words, 0-1.")
    questions: QuestionCount
    next_steps: list[NextStepItem]
    overall: float = Field(description="Mean level across the criteria.")
