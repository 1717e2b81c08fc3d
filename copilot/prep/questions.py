"""Model-written diagnostic questions, kept only when they are open, specific, cited and not advice in disguise."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from copilot import prompts
from copilot.errors import ModelError
from copilot.llm.base import ChatModel, Message
from copilot.llm.partial_json import PartialJsonScanner
from copilot.llm.structured import generate_structured, stream_structured
from copilot.prep.models import BriefQuestion, Focus, RootCauseHypothesis
from copilot.retrieval.keyword import terms

MAX_TOKENS = 360
ATTEMPTS = 2
TEMPERATURE = 0.3
CLOSED_OPENERS = (
    "do ",
    "did ",
    "does ",
    "is ",
    "are ",
    "was ",
    "were ",
    "can ",
    "could ",
    "would ",
    "will ",
    "should ",
    "have ",
    "has ",
    "had ",
    "don't ",
    "didn't ",
    "isn't ",
    "aren't ",
    "wouldn't ",
    "won't ",
    "shouldn't ",
)
ADVICE_OPENERS = ("why don't you", "why not ", "have you tried", "have you thought", "shouldn't you", "wouldn't it be")


class _Question(BaseModel):
    text: str = Field(min_length=12, max_length=220)
    criterion_id: str
    cites: str


class GeneratedQuestions(BaseModel):
    """What the model returns."""

    questions: list[_Question] = Field(min_length=1, max_length=8)


def _schema(criteria: list[str], cite_ids: list[str]) -> type[GeneratedQuestions]:
    """Constrain criterion ids and citations to what the brief holds, so the model cannot invent either."""
    crit: Any = Literal[tuple(criteria)]
    cite: Any = Literal[tuple(cite_ids)]
    item = create_model("Question", __base__=_Question, criterion_id=(crit, ...), cites=(cite, ...))
    model: type[GeneratedQuestions] = create_model(
        "GeneratedQuestions",
        __base__=GeneratedQuestions,
        questions=(list[item], Field(min_length=1, max_length=8)),  # type: ignore[valid-type]
    )
    return model


def problem_with(text: str, evidence_text: str, criterion_title: str, *, read: bool = True) -> str | None:
    """Why a question is unusable, or None: not a question, closed or leading, advice, or generic.

    `read=False` skips the learned act reader: for questions code builds from fixed open frames, which the eval
    suite still reads (open_share), so a brief need not load the reader's embedder to check its own templates.
    """
    cleaned = " ".join(text.split())
    lowered = cleaned.lower()
    if not cleaned.endswith("?") or cleaned.count("?") > 2:
        return "not a single question"
    if lowered.startswith(ADVICE_OPENERS):
        return "advice disguised as a question"
    if lowered.startswith(CLOSED_OPENERS):
        return "a closed (yes/no) question"
    if read:
        from copilot.review import tag_utterance

        if tag_utterance(cleaned, speaker_role="manager").act == "advice":
            return "tagged advice"
    anchor = set(terms(evidence_text)) | set(terms(criterion_title))
    if len(set(terms(cleaned)) & anchor) < 2:
        return "generic: does not refer to the rep's evidence"
    return None


@dataclass(frozen=True)
class QuestionDraft:
    """A question the model has finished writing, shown before the checks decide whether it is kept."""

    attempt: int
    index: int
    text: str


@dataclass(frozen=True)
class AttemptRejected:
    """The model's answer failed validation; the next attempt starts over, so its drafts are void."""

    attempt: int
    problem: str


@dataclass(frozen=True)
class QuestionsDone:
    """The checked questions, notes on what was dropped, and the model error when there were no questions."""

    questions: list[BriefQuestion]
    notes: list[str]
    error: ModelError | None = None


QuestionEvent = QuestionDraft | AttemptRejected | QuestionsDone


@dataclass
class _Request:
    messages: list[Message]
    schema: type[GeneratedQuestions]
    texts: dict[str, str]
    titles: dict[str, str]


def _request(rep_name: str, focus: Sequence[Focus], causes: Sequence[RootCauseHypothesis], count: int) -> _Request:
    """The prompt and the schema constrained to this brief's criteria and evidence ids."""
    evidence_ids = [e.id for f in focus for e in f.evidence] or [f.criterion_id for f in focus]
    view = [
        {
            "criterion_id": f.criterion_id,
            "title": f.title,
            "cause": c.category,
            "rationale": c.rationale,
            "evidence": [{"id": e.id, "text": e.text or f"level {e.level}"} for e in f.evidence[:4]],
        }
        for f, c in zip(focus, causes, strict=True)
    ]
    prompt = prompts.render("prep_questions.md", rep_name=rep_name, count=count, focus=view)
    return _Request(
        messages=[Message("user", prompt)],
        schema=_schema([f.criterion_id for f in focus], list(dict.fromkeys(evidence_ids))),
        texts={e.id: e.text for f in focus for e in f.evidence},
        titles={f.criterion_id: f.title for f in focus},
    )


def _unavailable(err: ModelError) -> str:
    return f"model questions unavailable ({err.message}); curated questions used"


def generate_questions(
    model: ChatModel, rep_name: str, focus: Sequence[Focus], causes: Sequence[RootCauseHypothesis], count: int = 5
) -> tuple[list[BriefQuestion], list[str]]:
    """Ask the model, then keep only the questions that pass every check; notes say what was dropped and why."""
    if not focus:
        return [], []
    request = _request(rep_name, focus, causes, count)
    try:
        out = generate_structured(
            model, request.messages, request.schema, attempts=ATTEMPTS, max_tokens=MAX_TOKENS, temperature=TEMPERATURE
        )
    except ModelError as err:
        return [], [_unavailable(err)]
    return _check(out, request)


def stream_questions(
    model: ChatModel, rep_name: str, focus: Sequence[Focus], causes: Sequence[RootCauseHypothesis], count: int = 5
) -> Iterator[QuestionEvent]:
    """`generate_questions`, streamed: each question's text as soon as the model closes it, then the checked result.

    Same prompt, schema, attempts and checks, so the last event holds what `generate_questions` returns.
    """
    if not focus:
        yield QuestionsDone([], [])
        return
    request = _request(rep_name, focus, causes, count)
    scanner, attempt = PartialJsonScanner(), 1
    out: GeneratedQuestions | None = None
    try:
        for event in stream_structured(
            model, request.messages, request.schema, attempts=ATTEMPTS, max_tokens=MAX_TOKENS, temperature=TEMPERATURE
        ):
            if event.attempt != attempt:
                scanner, attempt = PartialJsonScanner(), event.attempt
            if event.delta:
                for path, value in scanner.feed(event.delta):
                    if len(path) == 3 and path[0] == "questions" and path[2] == "text" and isinstance(path[1], int):
                        text = " ".join(value.split())
                        if _shows_as_draft(text):
                            yield QuestionDraft(attempt, path[1], text)
            elif event.rejected:
                yield AttemptRejected(event.attempt, event.rejected)
            elif event.result is not None:
                out = event.result
    except ModelError as err:
        yield QuestionsDone([], [_unavailable(err)], error=err)
        return
    assert out is not None  # stream_structured ends with a result or raises
    kept, notes = _check(out, request)
    yield QuestionsDone(kept, notes)


def _shows_as_draft(text: str) -> bool:
    """Only a draft that passes the checks a lone sentence can be put to is shown: rejected output never is."""
    problem = problem_with(text, "", "")
    return problem is None or problem.startswith("generic")


def _check(out: GeneratedQuestions, request: _Request) -> tuple[list[BriefQuestion], list[str]]:
    """Keep the open, specific, cited questions that are not advice; say once why each other one was dropped."""
    dropped: dict[str, int] = {}
    kept: list[BriefQuestion] = []
    for q in out.questions:
        problem = problem_with(q.text, request.texts.get(q.cites, ""), request.titles.get(q.criterion_id, ""))
        if problem:  # rejected output is never shown: a count and the reason suffice
            reason = problem.split(":")[0]
            dropped[reason] = dropped.get(reason, 0) + 1
            continue
        if any(k.text.lower() == q.text.lower() for k in kept):
            continue
        kept.append(
            BriefQuestion(
                text=" ".join(q.text.split()),
                kind="diagnostic",
                criterion_id=q.criterion_id,
                source="generated",
                citations=[q.cites, q.criterion_id],
            )
        )
    notes = [f"dropped {n} generated question(s): {reason}" for reason, n in dropped.items()]
    return kept, notes
