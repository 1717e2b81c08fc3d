"""Model-written diagnostic questions, kept only when they are open, specific, cited and not advice in disguise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from copilot import prompts
from copilot.errors import ModelError
from copilot.llm.base import ChatModel, Message
from copilot.llm.structured import generate_structured
from copilot.prep.models import BriefQuestion, Focus, RootCauseHypothesis
from copilot.retrieval.keyword import terms

MAX_TOKENS = 360
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


def problem_with(text: str, evidence_text: str, criterion_title: str) -> str | None:
    """Why a question is unusable, or None: not a question, closed or leading, advice, or generic."""
    from copilot.review import tag_utterance

    cleaned = " ".join(text.split())
    lowered = cleaned.lower()
    if not cleaned.endswith("?") or cleaned.count("?") > 2:
        return "not a single question"
    if lowered.startswith(ADVICE_OPENERS):
        return "advice disguised as a question"
    if lowered.startswith(CLOSED_OPENERS):
        return "a closed (yes/no) question"
    if tag_utterance(cleaned, speaker_role="manager").act == "advice":
        return "tagged advice"
    anchor = set(terms(evidence_text)) | set(terms(criterion_title))
    if len(set(terms(cleaned)) & anchor) < 2:
        return "generic: does not refer to the rep's evidence"
    return None


def generate_questions(
    model: ChatModel, rep_name: str, focus: Sequence[Focus], causes: Sequence[RootCauseHypothesis], count: int = 5
) -> tuple[list[BriefQuestion], list[str]]:
    """Ask the model, then keep only the questions that pass every check; notes say what was dropped and why."""
    if not focus:
        return [], []
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
    schema = _schema([f.criterion_id for f in focus], list(dict.fromkeys(evidence_ids)))
    notes: list[str] = []
    try:
        out = generate_structured(
            model, [Message("user", prompt)], schema, attempts=2, max_tokens=MAX_TOKENS, temperature=0.3
        )
    except ModelError as err:
        return [], [f"model questions unavailable ({err.message}); curated questions used"]
    texts = {e.id: e.text for f in focus for e in f.evidence}
    titles = {f.criterion_id: f.title for f in focus}
    kept: list[BriefQuestion] = []
    for q in out.questions:
        problem = problem_with(q.text, texts.get(q.cites, ""), titles.get(q.criterion_id, ""))
        if problem:
            note = f"dropped a generated question ({problem}): {q.text!r}"
            if note not in notes:  # a small model repeats itself; say it once
                notes.append(note)
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
    return kept, notes
