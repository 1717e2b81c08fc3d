"""Read a rep's turn into signals with no model involved, so the buyer's reaction and the score are reproducible."""

from __future__ import annotations

import re

from copilot.knowledge.schema import Objection
from copilot.retrieval.keyword import terms
from copilot.review.acts import ActTag, tag_utterance
from copilot.roleplay import cues
from copilot.roleplay.models import NextStep, RepSignals
from copilot.roleplay.offers import read_offer
from copilot.roleplay.proof import GENERIC, ProofIndex

MAX_REP_CHARS = 4000
"""A rep turn is cut here before it is read, stored or shown to the model; longer turns are monologues anyway."""
MONOLOGUE_WORDS = 90
FEATURE_DUMP_TERMS = 4
TAILORED_REFLECTIONS = frozenset({"reflection cue", "names the other's feeling", "restates the other's position"})
"""Reflection rules that name the buyer's concern; a bare echo of their words is not an acknowledgement."""
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[a-z']+")


def clean(text: str) -> tuple[str, bool]:
    """One line of text: whitespace collapsed, control characters dropped, cut at MAX_REP_CHARS."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    if len(text) <= MAX_REP_CHARS:
        return text, False
    cut = text.rfind(" ", 0, MAX_REP_CHARS)
    return text[: cut if cut > 0 else MAX_REP_CHARS] + " […]", True


def is_non_english(text: str) -> bool:
    """True when the turn is written in another script or has almost no English function words."""
    letters = _LETTER.findall(text)
    if not letters:
        return False
    if sum(ch.isascii() for ch in letters) / len(letters) < 0.6:
        return True
    words = _WORD.findall(text.lower())
    english = sum(w in cues.ENGLISH for w in words)
    foreign = sum(w in cues.FOREIGN and w not in cues.ENGLISH for w in words)
    return len(words) >= 4 and foreign >= 2 and foreign > english


def objection_words(objection: Objection | None) -> set[str]:
    """Content words of an objection (title, every phrasing, the first handling step), for tailored acknowledgement."""
    if objection is None:
        return set()
    phrasings = [p for ps in objection.phrasings.values() for p in ps]
    first = objection.handling_path[:1]
    return set(terms(" ".join([objection.title, *phrasings, *first]))) - GENERIC


def objection_words_no_path(objection: Objection | None) -> set[str]:
    """The objection's topic words (title and phrasings), without its handling path."""
    if objection is None:
        return set()
    phrasings = [p for ps in objection.phrasings.values() for p in ps]
    return set(terms(" ".join([objection.title, *phrasings]))) - GENERIC


def path_words(objection: Objection | None) -> set[str]:
    """Content words of the library's own acknowledgement step ('Acknowledge how stretched they are.')."""
    if objection is None or not objection.handling_path:
        return set()
    first = objection.handling_path[0]
    if not first.lower().startswith("acknowledge"):
        return set()
    return set(terms(first)) - GENERIC - {"acknowledg", "acknowledge"}


def _acknowledgement(tag: ActTag, objection: Objection | None) -> tuple[str, str | None]:
    """none / stock / tailored, from the first two sentences, and the sentence that showed it."""
    opening = tag.sentences[:2]
    wanted = objection_words(objection)
    step = path_words(objection)
    validating = step - objection_words_no_path(objection)  # 'sensitive', 'stretched': the step's empathy
    for s in opening:
        if s.text.rstrip().endswith("?") or cues.ARGUE.search(s.text):
            continue
        said = set(terms(s.text))
        if len(said & step) >= 2 and said & validating:
            return "tailored", s.text
    for s in opening:
        if s.act == "reflection" and s.rule in TAILORED_REFLECTIONS and not cues.ARGUE.search(s.text):
            return "tailored", s.text
    for s in opening:
        if cues.ACKNOWLEDGE.search(s.text) and not cues.ARGUE.search(s.text):
            return ("tailored" if set(terms(s.text)) & wanted else "stock"), s.text
    return "none", None


def _is_open(act: str, sentence: str) -> bool:
    """Open per the tagger, or a what/how/why question behind a leading clause the tagger reads as closed."""
    if act == "open_question":
        return True
    return act == "closed_question" and bool(cues.OPEN_AFTER_CLAUSE.search(sentence.strip()))


def _offers_discount(sentence: str) -> bool:
    return bool(cues.DISCOUNT.search(sentence)) and not cues.NO_DISCOUNT.search(sentence)


def _discount(text: str) -> tuple[bool, bool]:
    """(offers a concession, makes it conditional) sentence by sentence."""
    offered = traded = False
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _offers_discount(sentence):
            offered = True
            traded = traded or bool(cues.TRADE.search(sentence))
    return offered, traded


def _check(questions: list[str]) -> tuple[str, str | None]:
    """Whether a question checks that the answer landed: specific, generic ('make sense?') or none."""
    generic = None
    for q in questions:
        proposes_step = cues.STEP.search(q) and cues.DATE.search(q)
        if proposes_step or (not cues.CHECK_SUBJECT.search(q) and not cues.CHECK_GENERIC.search(q)):
            continue
        if cues.CHECK_GENERIC.search(q) or len(q.split()) <= 4:
            generic = generic or q
            continue
        return "specific", q
    return ("generic", generic) if generic else ("none", None)


def _next_step(sentences: list[str]) -> tuple[NextStep, str | None]:
    """The most concrete next step the turn proposes: dated, concrete, vague or none."""
    best: tuple[NextStep, str | None] = ("none", None)
    rank = {"none": 0, "vague": 1, "concrete": 2, "dated": 3}
    for s in sentences:
        found: NextStep = "none"
        if cues.PROPOSE.search(s) and (cues.STEP.search(s) or (cues.MEETING.search(s) and cues.DATE.search(s))):
            found = "dated" if cues.DATE.search(s) else "concrete"
        elif cues.VAGUE_STEP.search(s):
            found = "vague"
        if rank[found] > rank[best[0]]:
            best = (found, s)
    return best


def read_turn(text: str, objection: Objection | None, proof: ProofIndex, context: str | None = None) -> RepSignals:
    """Everything the buyer and the scorer need to know about one rep turn."""
    cleaned, truncated = clean(text)
    if not any(ch.isalnum() for ch in cleaned):
        return RepSignals(empty=True, truncated=truncated)
    words = len(cleaned.split())
    if is_non_english(cleaned):
        return RepSignals(words=words, non_english=True, truncated=truncated)
    tag = tag_utterance(cleaned, context)
    sentences = [s.text for s in tag.sentences]
    questions = [s.text for s in tag.sentences if s.act in ("open_question", "closed_question") or "?" in s.text]
    opens = [s.text for s in tag.sentences if _is_open(s.act, s.text)]
    open_q = opens[0] if opens else None
    ack, ack_line = _acknowledgement(tag, objection)
    discount, trade = _discount(cleaned)
    check, check_line = _check(questions)
    step, step_line = _next_step(sentences)
    # a plain discount is not proof ('5 percent off' is not 'within 5 percent'); a conditional trade may be
    statements = [s for s in sentences if not s.rstrip().endswith("?") and s != ack_line]
    matched = proof.match(" ".join(s for s in statements if not _offers_discount(s) or cues.TRADE.search(s)))
    feature_terms = {m.group(0).lower().rstrip("s") for m in cues.FEATURES.finditer(cleaned)}
    no_question = not questions
    return RepSignals(
        words=words,
        open_questions=len(opens),
        closed_questions=max(0, tag.open_questions + tag.closed_questions - len(opens)),
        acts=list(tag.acts),
        acknowledgement=ack,  # type: ignore[arg-type]
        acknowledgement_line=ack_line,
        argues=any(cues.ARGUE.search(x) for x in sentences if not x.rstrip().endswith("?")),
        discount=discount,
        trade=trade,
        offer=read_offer(cleaned, discount),
        proof_ids=matched.ids,
        relevant_proof_ids=proof.relevant(objection.id if objection else None, matched.ids),
        proof_line=matched.sentence,
        verification=bool(cues.VERIFY.search(cleaned)),
        check=check,  # type: ignore[arg-type]
        check_line=check_line,
        next_step=step,
        next_step_line=step_line,
        question_line=open_q or (questions[0] if questions else None),
        feature_dump=no_question and (words >= MONOLOGUE_WORDS or len(feature_terms) >= FEATURE_DUMP_TERMS),
        injection=bool(cues.INJECTION.search(cleaned)),
        truncated=truncated,
    )
