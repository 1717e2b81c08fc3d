"""Grounded answers: retrieve, pack to fit, let the model phrase with citations, check them, else fall back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from copilot import prompts
from copilot.errors import ModelError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel, Message
from copilot.llm.structured import generate_structured
from copilot.retrieval.assign import compose_will, gap_criterion, gap_text, named_activity, reading
from copilot.retrieval.compose import compose, linked_results
from copilot.retrieval.coverage_answer import asks_about_coverage, coverage_answer
from copilot.retrieval.gaps import (
    COMMON_SHARE,
    figure_not_held,
    missing,
    near_named,
    no_activity,
    not_held,
    not_named,
    nothing_on,
    number_not_held,
    pointer,
    unknown_names,
    unknown_topic,
)
from copilot.retrieval.keyword import terms
from copilot.retrieval.kind_list import kind_asked, kind_list
from copilot.retrieval.loose import loose, loose_assignment, loose_objection, unheld_substance
from copilot.retrieval.persona_objections import persona_asked, persona_objections
from copilot.retrieval.route import (
    DESCRIBES_PRACTICE,
    compared_with,
    guide_named,
    intents,
    names_a_buyer,
    placed_in_meeting,
    route,
    self_coaching,
)
from copilot.retrieval.search import Result, Retriever
from copilot.retrieval.spelling import correct
from copilot.tokens import ContextPiece, TokenBudget

MIN_RELEVANCE = 0.40  # best cosine below which nothing retrieved is about the question (see docs/ask.md)
MIN_SUPPORT = 0.4  # share of the answer's content words that must appear in the passages it cites
ANSWER_TOKENS = 320


class GroundedAnswer(BaseModel):
    """What the model must return for `copilot ask`."""

    answer: str = Field(min_length=1, max_length=1200, description="The answer, using only the passages.")
    citations: list[str] = Field(max_length=8, description="Ids of the passages the answer uses.")


def answer_schema(ids: list[str]) -> type[GroundedAnswer]:
    """The schema with citations limited to the passages in the prompt, so constrained decoding cannot invent one."""
    cited: Any = Literal[tuple(ids)]
    model: type[GroundedAnswer] = create_model(
        "GroundedAnswer",
        __base__=GroundedAnswer,
        citations=(list[cited], Field(min_length=1, max_length=8, description="Ids of the passages used.")),
    )
    return model


@dataclass
class AskResult:
    """An answer, where it came from, and what it rests on."""

    question: str
    answer: str
    source: Literal["generated", "curated", "none"]
    citations: list[str] = field(default_factory=list)
    retrieved: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "question": self.question,
            "answer": self.answer,
            "source": self.source,
            "citations": self.citations,
            "retrieved": [{"id": r.item_id, "title": r.title, "score": round(r.score, 4)} for r in self.retrieved],
            "notes": self.notes,
        }


def relevance(result: Result) -> float:
    """The cosine similarity of a result, whichever mode ranked it."""
    return float(result.metadata.get("_cosine", result.score if result.score <= 1.0 else 0.0))


def support(answer: str, cited_texts: list[str]) -> float:
    """Share of the answer's content words found in the cited passages: a cheap check against invention."""
    words = set(terms(answer))
    if not words:
        return 0.0
    context = set(terms(" ".join(cited_texts)))
    return len(words & context) / len(words)


def curated_answer(
    results: list[Result], limit: int = 3, *, why: str = "the model's answer did not pass the checks"
) -> str:
    """An answer built from the passages themselves, used when the model's answer cannot be trusted."""
    lines = [f"From the knowledge base (curated: {why}):"]
    for r in results[:limit]:
        first = " ".join(r.text.split())[:280]
        lines.append(f"- {r.title} [{r.item_id}]: {first}")
    return "\n".join(lines)


def _structural(
    question: str, text: str, cited: list[str], results: list[Result], kb: KnowledgeBase, note: str
) -> AskResult:
    """An answer read off the knowledge base's structure: the items it names were read, so they count as retrieved."""
    read = [*results, *linked_results(kb, cited, results)]
    known = {r.item_id for r in read}
    return AskResult(question, text, "curated", [c for c in cited if c in known], read, [note])


def assigns(question: str, kb: KnowledgeBase) -> bool:
    """A question asking what to assign for a gap it describes (not about a named activity, not a roleplay)."""
    return intents(question)[:1] == ["activity"] and named_activity(question, kb) is None


def _assignment(question: str, results: list[Result], retriever: Retriever, kb: KnowledgeBase) -> AskResult:
    """What to assign, composed from the catalog for the skill the gap is about; or, when no skill is, a plain
    answer that the catalog holds nothing for it. The question as a whole may match nothing well ("my 1:1s end with
    'sounds good'") while its gap matches a skill's profile, so the relevance floor does not apply here."""
    cause = reading(question)
    if cause.cause == "will":
        return _will(question, results, kb, cause)
    found = gap_criterion(question, retriever, kb)
    if found is None:
        return AskResult(
            question,
            no_activity(gap_text(question)),
            "none",
            retrieved=results,
            notes=["no skill in the competency model matches the gap described"],
        )
    if loose(question, found, retriever, kb):
        text, cited = loose_assignment(question, retriever, kb)
        if not cited:
            return AskResult(question, text, "none", retrieved=results, notes=["the gap matches no skill closely"])
        return _structural(
            question, text, cited, results, kb, "the gap matches no skill closely: the nearest items are cited"
        )
    routed = route(question, results, retriever, kb, gap=found)
    text, cited = compose(question, routed, kb)
    seen = [*results, *[r for r in routed if r.item_id not in {x.item_id for x in results}]]
    read = [*seen, *linked_results(kb, cited, seen)]
    cited = [c for c in cited if c in {r.item_id for r in read}]
    return AskResult(question, text, "curated", cited, read, ["composed from the catalog for the gap described"])


# a rep of the asker's (not a buyer): a will gap is about someone the manager coaches
ABOUT_A_REP = re.compile(
    r"\b(?:my|our|one of my|a|the|this) (?:\w+ ){0,2}?(?:reps?|aes?|sellers?|sdrs?|bdrs?)\b|"
    r"\b(?:guy|gal|girl|person|one|someone|somebody) (?:on|in) my team\b|\bmy (?:whole )?team\b",
    re.I,
)


# A rep who can and does not in front of a buyer: the rep's own nerves, not anything the buyer says. Told against
# what the rep can do ("knows the steps cold but freezes up", "great when we rehearse but...") or placed in front of
# a buyer ("clams up in front of customers"), said of a rep of the asker's or of "he"/"she" opening the question.
CAN_BUT = re.compile(
    r"\b(?:knows?|can|could|gets? it|(?:is|'s) (?:fine|great|good|solid|sharp)|does (?:it|fine|well)|nails?)\b"
    r"[^.?!;]{0,50}\bbut\b",
    re.I,
)
IN_FRONT_OF_BUYER = re.compile(
    r"\bin front of (?:(?:a|an|the|actual|real|live|his|her|their|our|senior|big)\s+){0,2}"
    r"(?:buyers?|customers?|clients?|prospects?|execs?|executives?|vps?|cfos?|cros?|ceos?)\b",
    re.I,
)
REP_PRONOUN = re.compile(r"^\s*(?:he|she)\b", re.I)


def confidence_gap(question: str) -> bool:
    """Whether the question describes a rep's confidence gap in front of buyers (answered by the root-cause guide's
    confidence section and the rehearsal), asking for no kind of item: a buyer's objection needs the buyer's words, a
    buyer named as the audience ("in front of actual customers") reports none."""
    if intents(question) or reading(question).cause != "confidence":
        return False
    if not (ABOUT_A_REP.search(question) or REP_PRONOUN.match(question)):
        return False
    return bool(DESCRIBES_PRACTICE.search(question) or CAN_BUT.search(question) or IN_FRONT_OF_BUYER.search(question))


# a question opening on how ("How do I run a deal review so the rep builds the plan?") asks how the asker does
# something, which the route answers; one describing the rep first ("my rep drops the price...") describes a gap
OPENS_HOW = re.compile(r"\s*(?:so |and |ok,? )?how\b", re.I)


def _rep_gap_first(question: str, routed: list[Result], retriever: Retriever, kb: KnowledgeBase) -> list[Result]:
    """A question describing what a rep of the asker's does ("one of my AEs drops the price the minute a buyer pushes
    back, without asking for anything in exchange"), asking for no kind of item, is about the skill that behaviour
    shows: the criterion the gap matches by its whole profile (as for "what should I assign") answers first, when the
    match is not loose. Search over the whole question ranks whatever shares the context's words (a buyer pushing
    back is objection handling); a guide section or a rule ranked first still answers (it says how), and so does
    whatever the route put first for a question opening on how."""
    if intents(question) or not ABOUT_A_REP.search(question) or OPENS_HOW.match(question) or not routed:
        return routed
    if routed[0].metadata.get("routed") or not (routed[0].item_id in kb.criteria or routed[0].item_id in kb.objections):
        return routed
    found = gap_criterion(question, retriever, kb)
    if found is None or found.item_id == routed[0].item_id or loose(question, found, retriever, kb):
        return routed
    return [found, *[r for r in routed if r.item_id != found.item_id]]


def _will(question: str, results: list[Result], kb: KnowledgeBase, read: Any) -> AskResult:
    """A rep who can and does not: the will material, whichever skill it shows in."""
    lines, cited = compose_will(kb, read)
    return _structural(question, "\n".join(lines), cited, results, kb, "a will gap: the root-cause guide's remedy")


def ask(
    question: str, retriever: Retriever, model: ChatModel | None, *, k: int = 6, kb: KnowledgeBase | None = None
) -> AskResult:
    """Answer from the knowledge base only; say so when it holds nothing relevant.

    A misspelt word is read as the one word of the base it is nearest (copilot.retrieval.spelling) and the notes
    say so. Without a model (the configured one is not trusted to write answers, see copilot.model_use) the answer
    is composed from the retrieved passages at once.
    """
    question = question.strip()
    read, said = correct(question, retriever.spellings(), retriever.term_items())
    result = _ask(read, retriever, model, k=k, kb=kb)
    if said:
        result.question = question
        result.notes.insert(0, f"read {', '.join(said)}")
    return result


def _ask(
    question: str, retriever: Retriever, model: ChatModel | None, *, k: int, kb: KnowledgeBase | None
) -> AskResult:
    results = retriever.search(question, k=k)
    if kb is not None and asks_about_coverage(question):
        return _structural(question, *coverage_answer(kb), results, kb, "from the knowledge base's coverage report")
    listed = kind_asked(question) if kb is not None and model is None else None
    if kb is not None and listed is not None:
        return _structural(question, *kind_list(kb, listed), results, kb, f"every item of the kind asked: {listed}")
    # a kind of buyer's objections in general; reported words ("when the CFO raises concerns about price, what do I
    # say?") are one objection's question
    reported = "objection" in intents(question)
    persona = persona_asked(question, kb) if kb is not None and model is None and not reported else None
    if kb is not None and persona is not None:
        text, cited = persona_objections(kb, persona)
        return _structural(question, text, cited, results, kb, "composed from the objections' phrasings")
    if model is None and kb is not None and assigns(question, kb) and not self_coaching(question):
        return _assignment(question, results, retriever, kb)
    if (
        model is None
        and kb is not None
        and (
            # a rep who stopped caring, whatever practice the manager thinks of giving ("do I give her more
            # roleplays?"): more practice does not fix motivation (the root-cause guide's will section)
            (
                (ABOUT_A_REP.search(question) or REP_PRONOUN.match(question))
                and reading(question).cause == "will"
                and set(intents(question)) <= {"scenario"}
            )
            or confidence_gap(question)
        )
    ):
        return _will(question, results, kb, reading(question))
    relevant = [r for r in results if relevance(r) >= MIN_RELEVANCE]
    # a buyer may name anything; the path holds. "How do I handle that?" about a rep or a colleague, with no buyer in
    # the question, is not a buyer's objection
    buyer = bool({"objection", "scenario"} & set(intents(question))) and names_a_buyer(question)
    gap = missing(question, results, own_side=buyer)
    buyer = buyer and gap is None
    # a rep's conduct around a fact not held ("a rep keeps promising features we don't have"): say the fact is not
    # held, then coach the conduct from what is
    unheld = None
    if gap is not None and gap.coached and model is None and kb is not None and ABOUT_A_REP.search(question):
        unheld, gap = gap, None
    names = [] if buyer or gap is not None else unknown_names(question, retriever.vocabulary())
    # in a comparison, what we are compared with is the only topic ("stack up" and "ok but" are not one)
    asked = compared_with(question) or question
    topic = (
        None
        if buyer or gap is not None or names
        else unknown_topic(asked, retriever.vocabulary(), retriever.common_terms(COMMON_SHARE))
    )
    names = [topic] if topic else names
    if names:
        near = near_named(question, names, relevant)
        return AskResult(
            question,
            not_named(names, near),
            "curated" if near else "none",
            [near.item_id] if near else [],
            results,
            [f"the knowledge base never mentions {', '.join(names)}"],
        )
    if not relevant and gap is None and kb is not None:
        # a question naming a guide's subject in its own words ("how should I wrap up my 1:1s") reaches the guide's
        # closest section, though no passage passes the similarity floor
        named = guide_named(question, retriever, kb)
        relevant = [named] if named is not None else []
        if not relevant and not intents(question) and (ABOUT_A_REP.search(question) or REP_PRONOUN.match(question)):
            # a rep's conduct typed tersely or misspelt ("guy on my team talks over custmers constantly") is close to
            # no passage as a whole, while the gap it describes matches a skill's profile
            found = gap_criterion(question, retriever, kb)
            relevant = [found] if found is not None and not loose(question, found, retriever, kb) else []
    if not relevant and gap is None:
        return AskResult(question, nothing_on(question), "none", retrieved=results)
    figure = None if buyer or gap is not None else number_not_held(question, relevant)
    if figure is not None:
        return AskResult(
            question, figure_not_held(figure), "none", retrieved=results, notes=["no item found states a figure for it"]
        )
    if gap is not None:
        near = pointer(gap, question, relevant)
        return AskResult(
            question,
            not_held(gap, near, question),
            "curated" if near else "none",
            [near.item_id] if near else [],
            results,
            [f"the knowledge base does not hold {gap.name}"],
        )
    if model is None:
        if kb is not None:
            routed = route(question, relevant, retriever, kb)
            first = routed[0] if routed else None
            if (
                first is not None
                and first.metadata.get("routed") == "objection"
                # the buyer's words measured against the objection's; a question comparing us with a rival tool
                # ("how do we stack up against a spreadsheet?") reports none
                and "objection" in intents(question)
                and unheld_substance(question, first.item_id, retriever, kb)
            ):
                text, cited = loose_objection(question, retriever, kb, first.item_id)
                note = "no objection in the library matches what the buyer said: the general path and nearest items are cited"
                return _structural(question, text, cited, results, kb, note)
            routed = _rep_gap_first(question, routed, retriever, kb)
            if not routed or not routed[0].metadata.get("routed"):
                routed = placed_in_meeting(question, routed, retriever, kb)
            text, cited = compose(question, routed, kb)
            if unheld is not None:
                text = f"{not_held(unheld, question=question)} What the knowledge base does hold is how to coach it:\n\n{text}"
            seen = [*results, *[r for r in routed if r.item_id not in {x.item_id for x in results}]]
            read = [*seen, *linked_results(kb, cited, seen)]
            cited = [c for c in cited if c in {r.item_id for r in read}]
            return AskResult(question, text, "curated", cited, read, ["composed from the knowledge base"])
        return AskResult(
            question,
            curated_answer(relevant, why="the model is not asked on this backend"),
            "curated",
            [r.item_id for r in relevant[:3]],
            results,
            [],
        )
    budget = TokenBudget(context_window=model.context_window, answer_tokens=ANSWER_TOKENS)
    pieces = [ContextPiece(r.item_id, r.text) for r in relevant]
    frame = prompts.render("ask.md", pieces=[], example_id=relevant[0].item_id)
    packed = budget.pack(pieces, [frame, question])
    system = prompts.render("ask.md", pieces=packed.pieces, example_id=relevant[0].item_id)
    notes = [f"left out for space: {', '.join(packed.dropped)}"] if packed.dropped else []
    try:
        out = generate_structured(
            model,
            [Message("system", system), Message("user", question)],
            answer_schema(packed.ids),
            attempts=2,
            max_tokens=ANSWER_TOKENS,
            temperature=0.1,
        )
    except ModelError as err:
        notes.append(f"model failed: {err}")
        return AskResult(
            question,
            curated_answer(relevant, why="the model could not answer"),
            "curated",
            [r.item_id for r in relevant[:3]],
            results,
            notes,
        )
    allowed = set(packed.ids)
    cited = [c for c in dict.fromkeys(out.citations) if c in allowed]
    invented = [c for c in out.citations if c not in allowed]
    if invented:
        notes.append(f"dropped citations to passages that were not retrieved: {', '.join(invented)}")
    texts = [p.text for p in packed.pieces if p.id in cited]
    score = support(out.answer, texts)
    if not cited or score < MIN_SUPPORT:
        notes.append(f"model answer rejected (citations {len(cited)}, support {score:.2f} < {MIN_SUPPORT})")
        return AskResult(
            question, curated_answer(relevant), "curated", [r.item_id for r in relevant[:3]], results, notes
        )
    return AskResult(question, out.answer.strip(), "generated", cited, results, notes)
