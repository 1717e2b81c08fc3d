"""One roleplay conversation: the opening, each rep turn and the buyer's answer, the end, and the score.

After every turn the session calls `on_change`, so a caller can persist it; a saved snapshot restores the
conversation exactly, including a rep turn saved before the buyer could answer it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from copilot.errors import CopilotError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel
from copilot.reader.reader import Reader
from copilot.roleplay.buyer import Buyer, BuyerLine, Sink
from copilot.roleplay.feedback import Feedback, feedback
from copilot.roleplay.models import BuyerMove, BuyerState, Concession, Outcome, RoleplayScore, Scenario, Turn
from copilot.roleplay.moves import decide, final_outcome, initial_state, opening_move
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scoring import score_transcript
from copilot.roleplay.signals import clean, read_turn


class SessionEnded(CopilotError):
    """The buyer has already ended this conversation."""


class Snapshot(BaseModel):
    """Everything needed to resume a session: the scenario as played, the buyer's state and the turns."""

    scenario: Scenario
    state: BuyerState
    turns: list[Turn] = Field(default_factory=list)
    parent_session_id: str | None = Field(default=None, description="The session this one was rewound from.")
    root_session_id: str | None = Field(default=None, description="The first attempt of a chain of rewinds.")
    branch_turn: int | None = Field(default=None, description="The rep turn (1-based) the rewind started from.")


class RoleplayResult(BaseModel):
    """A finished roleplay: the transcript and its score."""

    scenario: Scenario
    turns: list[Turn]
    score: RoleplayScore
    concessions: list[Concession] = Field(default_factory=list, description="What the rep gave away, turn by turn.")
    parent_session_id: str | None = Field(default=None, description="Set on a rewound branch: its parent session.")
    root_session_id: str | None = Field(default=None, description="Set on a rewound branch: the first attempt.")
    branch_turn: int | None = Field(default=None, description="Set on a rewound branch: the rep turn it starts at.")
    feedback: Feedback | None = Field(default=None, description="Where it turned, what was given away, drills.")

    def payload(self) -> dict[str, Any]:
        """The JSON document `copilot roleplay --json` prints."""
        s = self.score
        return {
            "scenario": self.scenario.id,
            "difficulty": self.scenario.difficulty,
            "source": self.scenario.source,
            "outcome": s.outcome,
            "turns": [t.model_dump(mode="json", exclude_none=True) for t in self.turns],
            "scores": [c.model_dump(mode="json") for c in s.scores],
            "talk_ratio": s.talk_ratio,
            "questions": s.questions.model_dump(),
            "next_steps": [n.model_dump(mode="json", exclude_none=True) for n in s.next_steps],
            "overall": s.overall,
            "target_level": self.scenario.target_level,
            "concessions": [c.model_dump(mode="json") for c in self.concessions],
            "feedback": self.feedback.model_dump(mode="json") if self.feedback else None,
            **(
                {"parent_session_id": self.parent_session_id, "root_session_id": self.root_session_id}
                | {"branch_turn": self.branch_turn}
                if self.parent_session_id
                else {}
            ),
        }


class RoleplaySession:
    """A conversation between the rep and the simulated buyer of one scenario."""

    def __init__(
        self,
        kb: KnowledgeBase,
        scenario: Scenario,
        model: ChatModel | None,
        *,
        snapshot: Snapshot | None = None,
        on_change: Callable[[Snapshot], None] | None = None,
        reader: Reader | None = None,
    ) -> None:
        self.kb = kb
        self.reader = reader  # None: the process's utterance reader, loaded on the first rep turn
        self.scenario = scenario
        self.buyer = Buyer(kb, scenario, model)
        self.proof = ProofIndex.build(kb)
        self.state = snapshot.state if snapshot else initial_state(scenario)
        self.turns: list[Turn] = list(snapshot.turns) if snapshot else []
        self.on_change = on_change
        self.last_line: BuyerLine | None = None
        self.lineage = (
            {k: getattr(snapshot, k) for k in ("parent_session_id", "root_session_id", "branch_turn")}
            if snapshot
            else {}
        )

    @classmethod
    def restore(
        cls,
        kb: KnowledgeBase,
        data: dict[str, Any],
        model: ChatModel | None,
        *,
        on_change: Callable[[Snapshot], None] | None = None,
    ) -> RoleplaySession:
        """A session from a saved snapshot."""
        snapshot = Snapshot.model_validate(data)
        return cls(kb, snapshot.scenario, model, snapshot=snapshot, on_change=on_change)

    def snapshot(self) -> Snapshot:
        """The session as data, safe to store and restore."""
        return Snapshot(scenario=self.scenario, state=self.state, turns=self.turns, **self.lineage)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.snapshot())

    @property
    def ended(self) -> bool:
        """Whether the buyer has ended the conversation."""
        return self.state.ended

    @property
    def outcome(self) -> Outcome | None:
        """How it ended, once it has."""
        return self.state.outcome

    @property
    def pending(self) -> bool:
        """A rep turn is waiting for the buyer's answer (the session was interrupted mid-turn)."""
        return bool(self.turns) and self.turns[-1].speaker == "rep" and not self.state.ended

    def _buyer_says(self, move: BuyerMove, sink: Sink | None) -> Turn:
        line = self.buyer.speak(move, self.turns, sink=sink)
        self.last_line = line
        turn = Turn(
            index=len(self.turns),
            speaker="buyer",
            text=line.text,
            objection_id=move.objection_id,
            move=move,
            source=line.source,
            curated=line.source != "model",
            problems=line.problems,
        )
        self.turns.append(turn)
        return turn

    def open(self, sink: Sink | None = None) -> Turn:
        """The buyer's first words (once; a resumed session returns its opening)."""
        if self.turns:
            return self.turns[0]
        turn = self._buyer_says(opening_move(self.scenario), sink)
        self._changed()
        return turn

    def _answer(self, sink: Sink | None) -> Turn:
        """Decide and speak the buyer's reply to the last rep turn, then save."""
        rep = self.turns[-1]
        assert rep.signals is not None
        move, state = decide(self.scenario, self.state, rep.signals, self.kb, turn=rep.index, text=rep.text)
        turn = self._buyer_says(move, sink)
        self.state = state
        self._changed()
        return turn

    def resume(self, sink: Sink | None = None) -> Turn | None:
        """Answer a rep turn that was saved before the buyer replied; None when nothing was pending."""
        return self._answer(sink) if self.pending else None

    def rep_says(self, text: str, sink: Sink | None = None) -> Turn:
        """Record the rep's turn (saved at once), then the buyer's reply, streamed to `sink`."""
        if self.state.ended:
            raise SessionEnded("the buyer has ended this conversation", fix="finish it to see the score")
        if not self.turns:
            self.open()
        if self.pending:
            self.resume()
            if self.state.ended:
                raise SessionEnded("the buyer has ended this conversation", fix="finish it to see the score")
        live = self.turns[-1].objection_id
        cleaned, _ = clean(text)
        objection = self.kb.objections.get(live or "")
        signals = read_turn(cleaned, objection, self.proof, self.turns[-1].text, reader=self.reader)
        self.turns.append(Turn(index=len(self.turns), speaker="rep", text=cleaned, objection_id=live, signals=signals))
        self._changed()
        return self._answer(sink)

    def finish(self) -> RoleplayResult:
        """End the conversation where it stands (if the buyer has not) and score it."""
        if self.pending:
            self.resume()
        self.state = final_outcome(self.state)
        self._changed()
        assert self.state.outcome is not None
        score = score_transcript(self.kb, self.scenario, self.turns, self.state.outcome, reader=self.reader)
        return RoleplayResult(
            scenario=self.scenario,
            turns=self.turns,
            score=score,
            concessions=list(self.state.concessions),
            feedback=feedback(self.kb, self.turns, score, self.state.concessions),
            **self.lineage,
        )
