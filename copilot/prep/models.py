"""The brief as data: what the CLI prints as JSON, the UI shows, the evals score and the records store keeps."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

RootCause = Literal["knowledge", "skill", "confidence", "messaging", "will"]
Meeting = Literal["one-on-one", "deal-review", "pipeline-review", "forecast-review"]
MEETINGS: tuple[str, ...] = ("one-on-one", "deal-review", "pipeline-review", "forecast-review")
Source = Literal["generated", "curated", "records"]


class ReconcileItem(BaseModel):
    """An open action item or assignment to settle first."""

    id: str
    kind: Literal["action_item", "assignment"]
    text: str
    owner: str
    due: dt.date | None = None
    overdue: bool = False


class Evidence(BaseModel):
    """One observation or note that justifies a choice, quoted."""

    id: str
    date: dt.date | None = None
    level: int | None = None
    observer: str | None = None
    text: str = ""


class Focus(BaseModel):
    """A criterion worth coaching now and why."""

    criterion_id: str
    title: str
    state: str = Field(description="intervene (threshold crossed) or ready_to_coach (advanced skill).")
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)
    improving: bool = Field(
        default=False,
        description="The latest counted observation is at the threshold or better after misses: coached by building "
        "on what changed and confirming it holds, not as a gap.",
    )


class LeaveWithRep(BaseModel):
    """A basic the rep is fixing alone; the manager only watches it."""

    criterion_id: str
    title: str
    reason: str


class RootCauseHypothesis(BaseModel):
    """The likely cause of a gap, to confirm with the rep rather than assume."""

    criterion_id: str
    category: RootCause
    rationale: str
    disproof: str = Field(description="What the manager would hear if the hypothesis is wrong.")
    scores: dict[str, float] = Field(default_factory=dict, description="Evidence weight per category.")
    citations: list[str] = Field(default_factory=list)


class BriefQuestion(BaseModel):
    """A question for the meeting, with what it rests on and where it came from."""

    text: str
    kind: Literal["diagnostic", "commitment"]
    criterion_id: str
    source: Source
    citations: list[str] = Field(default_factory=list)

    @classmethod
    def from_records(
        cls,
        text: str,
        criterion_id: str,
        citations: list[str],
        kind: Literal["diagnostic", "commitment"] = "diagnostic",
    ) -> BriefQuestion:
        """A question built from this rep's records, citing the records it rests on."""
        return cls(text=text, kind=kind, criterion_id=criterion_id, source="records", citations=citations)


class BriefAssignment(BaseModel):
    """A catalogue activity that fits the focus and its root cause."""

    activity_id: str
    title: str
    kind: str
    due: dt.date
    rationale: str
    criterion_id: str


class ReviewItem(BaseModel):
    """A finding of a deal, pipeline or forecast review, the skill it points to and the question that coaches it."""

    kind: Literal["coverage", "stuck", "stale", "focus", "deal", "forecast", "forecast_gap", "no_data", "no_next_step"]
    text: str
    question: str = ""
    criterion_id: str = ""
    citations: list[str] = Field(default_factory=list)
    skills: str = Field(default="", description="What the finding says about the rep's standing on that skill.")


class Priority(BaseModel):
    """Something at stake with this rep, in the order a manager should raise it, with its reason."""

    kind: Literal["retention", "compliance", "commitment", "meeting", "skill"]
    title: str
    reason: str
    citations: list[str] = Field(default_factory=list)
    criterion_id: str = ""
    question: str = Field(default="", description="The open question that raises it with the rep, from its records.")
    follow_up: str = Field(
        default="",
        description="A second open question on the same finding, on a record the first one does not quote (a 1-on-1 "
        "spends its questions where the gap is).",
    )
    follow_up_citations: list[str] = Field(default_factory=list, description="The records the follow-up quotes.")


class Brief(BaseModel):
    """Everything a manager needs five minutes before the meeting."""

    rep: dict[str, str]
    meeting: Meeting
    today: dt.date
    priorities: list[Priority] = Field(
        default_factory=list,
        description="What is at stake, most urgent first: retention, compliance, commitment, skill.",
    )
    review: list[ReviewItem] = Field(
        default_factory=list, description="The meeting's own findings (deals, pipeline, forecast); empty for a 1-on-1."
    )
    reconcile: list[ReconcileItem] = Field(default_factory=list)
    focus: list[Focus] = Field(default_factory=list)
    leave_with_rep: list[LeaveWithRep] = Field(default_factory=list)
    root_cause: list[RootCauseHypothesis] = Field(default_factory=list)
    questions: list[BriefQuestion] = Field(default_factory=list)
    assignments: list[BriefAssignment] = Field(default_factory=list)
    not_assigned: list[str] = Field(
        default_factory=list,
        description="Why a focus skill gets no new activity (each reason names what was left out).",
    )
    shape: list[str] = Field(default_factory=list, description="The meeting's shape, from the methodology.")
    citations: list[str] = Field(default_factory=list)
    model: str = ""
    notes: list[str] = Field(default_factory=list, description="What was dropped or replaced, and why.")
    timings: dict[str, float] = Field(default_factory=dict)
