"""Which skill a gap described in a manager's own words is about, read against everything the knowledge base says
about each skill.

A criterion's own text is short and written as the map writes it ("Trades concessions instead of giving them");
managers describe the symptom ("keeps discounting in the first call"). So each criterion is matched through its
profile: its title, description and level descriptors (the not-present and needs-work levels are the symptoms),
the question bank's questions about it, and the activities that build it (an activity built for one or two skills
says more about them than a lesson that covers a whole interaction). Two readers score the profile: the bundled
embedder, on the vectors already in the index for those items, and BM25 over the profile's words; their scores are
fused as search fuses them. Nothing here is fitted to questions: the evidence is the knowledge base itself.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from copilot.index.base import Hit
from copilot.knowledge.schema import KnowledgeBase
from copilot.retrieval.chunking import item_of_chunk
from copilot.retrieval.keyword import BM25, terms
from copilot.retrieval.search import Retriever
from copilot.retrieval.synonyms import normalise_phrases

SOURCES = ("criterion", "question", "activity", "interaction")
POOL = 400  # vectors of those kinds read per gap (the default KB holds ~1,500 of them)
QUESTION_WEIGHT = 0.9  # a question about a skill is nearly as much about it as its own text...
ACTIVITY_WEIGHT = 0.9  # ...and so is an activity that builds it alone; one that builds n skills counts 1/sqrt(n)
INTERACTION_WEIGHT = 0.9  # an interaction's overview counts for each of its n criteria 1/sqrt(n), like an activity
SUPPORT = 0.5  # each further source (beyond the best) that matches adds this share of its score
W_KEYWORD = 0.6  # the keyword reader's weight against the embedder's in the fused score
# Cosine between two criteria's own text (title and description) from which they are one behaviour in two meetings:
# the discovery call's "lets the buyer do most of the talking" and the demo's "checks in and lets the buyer drive"
# (0.67), its agenda and the demo's check-ins (0.61); a negotiation's trades is under 0.45 to every criterion of
# another meeting.
COUNTERPART = 0.6


GENERIC_TITLE_WORDS = re.compile(r"\b(call|product|coaching)\b")


def named_interactions(question: str, kb: KnowledgeBase) -> list[str]:
    """The interactions the question names by their title ("on discovery calls", "in my 1-on-1s", "pipeline
    meeting"), spelt as the synonym map spells them."""
    text = normalise_phrases(question)
    out = []
    for iid, inter in kb.interactions.items():
        key = " ".join(normalise_phrases(GENERIC_TITLE_WORDS.sub(" ", inter.title.lower())).split())
        if not key:
            continue
        pattern = re.escape(key)
        if key.endswith(" review"):
            pattern = re.escape(key.removesuffix(" review")) + r" (review|meeting|call)"
        if re.search(rf"\b{pattern}s?\b", text):
            out.append(iid)
    return out


@dataclass(frozen=True)
class Match:
    """A criterion and how strongly the gap matches its profile."""

    criterion: str
    score: float  # fused, 0..(1 + W_KEYWORD)
    cosine: float  # the best single cosine among the profile's vectors (how close the closest line is)
    keyword: float  # the raw BM25 score of the profile
    own: float = 0.0  # the best cosine among the lines about this skill alone (see _dense), not shared overviews


def _credits(kb: KnowledgeBase, item_id: str) -> list[tuple[str, str, float]]:
    """(criterion, source, weight) for each criterion an indexed item speaks for."""
    if item_id in kb.criteria:
        return [(item_id, "criterion", 1.0)]
    question = kb.questions.get(item_id)
    if question is not None and question.criterion in kb.criteria:
        return [(question.criterion, "question", QUESTION_WEIGHT)]
    if item_id in kb.interactions:  # what the interaction is for speaks a little for each of its criteria
        own = [c.id for c in kb.criteria_of(item_id)]
        return [(c, "interaction", INTERACTION_WEIGHT / math.sqrt(len(own))) for c in own]
    activity = kb.activities.get(item_id)
    if activity is not None and activity.criteria:
        weight = ACTIVITY_WEIGHT / math.sqrt(len(activity.criteria))
        return [(c, "activity", weight) for c in activity.criteria if c in kb.criteria]
    return []


def profile_text(kb: KnowledgeBase, criterion_id: str) -> str:
    """Every line the knowledge base holds about one criterion, for the keyword reader."""
    c = kb.criteria[criterion_id]
    lines = [f"{c.interaction_title}: {c.title}", c.description, *c.levels.by_score().values()]
    lines += [q.text for q in kb.questions_for(criterion_id)]
    for a in kb.activities_for(criterion_id):
        if len(a.criteria) <= 2:  # a broad lesson's words are about every skill it covers, so none in particular
            lines += [a.title, a.description]
    return "\n".join(lines)


@lru_cache(maxsize=4)
def _vocabulary(kb_id: int, texts: tuple[str, ...]) -> frozenset[str]:
    del kb_id
    return frozenset(t for text in texts for t in terms(text))


def profile_vocabulary(kb: KnowledgeBase) -> frozenset[str]:
    """Every word (as the keyword reader spells it) any criterion's profile uses, with every activity's."""
    texts = [profile_text(kb, c) for c in kb.criteria]
    texts += [f"{a.title} {a.description} {a.instructions}" for a in kb.activities.values()]
    return _vocabulary(id(kb), tuple(texts))


class _KeywordProfiles:
    """BM25 over one document per criterion, built once per knowledge base object."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kb: KnowledgeBase | None = None
        self._model: BM25 | None = None
        self._ids: list[str] = []

    def scores(self, kb: KnowledgeBase, gap: str) -> dict[str, float]:
        with self._lock:
            if self._kb is not kb or self._model is None:
                self._ids = list(kb.criteria)
                docs = [Hit(cid, profile_text(kb, cid), 1.0, {"title": ""}) for cid in self._ids]
                self._model, self._kb = BM25(docs), kb
            model, ids = self._model, self._ids
        return {cid: float(s) for cid, s in zip(ids, model.scores(gap), strict=True) if s > 0}


_KEYWORD = _KeywordProfiles()


OWN_WEIGHT = ACTIVITY_WEIGHT / math.sqrt(2)  # an activity built for at most two skills speaks for each of them


def _dense(
    gap: str, retriever: Retriever, kb: KnowledgeBase
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Per criterion: its evidence score (best source plus a share of the others), its best single cosine, and its
    best cosine among the lines about it alone (its own text and levels, its questions, an activity built for at
    most two skills): an interaction's overview or a broad lesson is close to every gap about that interaction, so
    only these say whether the skill itself is what the gap describes."""
    where: dict[str, Any] = {"$and": [{"private": False}, {"type": {"$in": list(SOURCES)}}]}
    pairs = retriever.index.nearest(retriever.embedder.embed_query(gap), POOL, where=where)
    best: dict[tuple[str, str], float] = {}
    top: dict[str, float] = {}
    own: dict[str, float] = {}
    for chunk_id, cosine in pairs:
        for criterion, source, weight in _credits(kb, item_of_chunk(chunk_id)):
            key = (criterion, source)
            best[key] = max(best.get(key, 0.0), weight * cosine)
            top[criterion] = max(top.get(criterion, 0.0), cosine)
            if source != "interaction" and weight >= OWN_WEIGHT - 1e-9:
                own[criterion] = max(own.get(criterion, 0.0), cosine)
    evidence: dict[str, float] = {}
    for criterion in top:
        found = sorted((best.get((criterion, s), 0.0) for s in SOURCES), reverse=True)
        evidence[criterion] = found[0] + SUPPORT * sum(found[1:]) / (len(SOURCES) - 1)
    return evidence, top, own


def vector_cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """The cosine between two vectors."""
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


_VECTORS: dict[tuple[int, int], dict[str, list[float]]] = {}  # criterion vectors per (embedder, knowledge base)


def _criterion_vectors(retriever: Retriever, kb: KnowledgeBase) -> dict[str, list[float]]:
    """Each criterion's own text (title and description) embedded, once per embedder and knowledge base."""
    key = (id(retriever.embedder), id(kb))
    if key not in _VECTORS:
        ids = list(kb.criteria)
        texts = [f"{kb.criteria[c].title}. {kb.criteria[c].description}" for c in ids]
        vectors = retriever.embedder.embed_documents(texts)
        _VECTORS.clear()  # one knowledge base at a time is in use
        _VECTORS[key] = {cid: list(v) for cid, v in zip(ids, vectors, strict=True)}
    return _VECTORS[key]


def counterpart(matches: list[Match], named: Sequence[str], retriever: Retriever, kb: KnowledgeBase) -> list[Match]:
    """The matches with the named interaction's own version of the skill first, when the gap landed on a skill of
    another interaction that describes the same behaviour ("talks over the buyer in demos" lands on the discovery
    call's listening; the demo's "lets the buyer drive" is that behaviour in a demo). A skill with no counterpart in
    the named interaction stays first ("discounting in the first call" is a negotiation habit shown on a discovery
    call)."""
    if len(named) != 1 or not matches or kb.criteria[matches[0].criterion].interaction == named[0]:
        return matches
    own = next((m for m in matches if kb.criteria[m.criterion].interaction == named[0]), None)
    if own is None:
        return matches
    vectors = _criterion_vectors(retriever, kb)
    if vector_cosine(vectors[matches[0].criterion], vectors[own.criterion]) < COUNTERPART:
        return matches
    return [own, *[m for m in matches if m is not own]]


def match_criteria(gap: str, retriever: Retriever, kb: KnowledgeBase, named: Sequence[str] = ()) -> list[Match]:
    """Every criterion the gap touches, best first; in an interaction the question names (`named`: "in demos", "my
    1:1s"), its own version of the skill found, if it has one (counterpart); a skill it has none of stays first."""
    dense, top, own = _dense(gap, retriever, kb)
    keyword = _KEYWORD.scores(kb, gap)
    d_max = max(dense.values(), default=0.0) or 1.0
    k_max = max(keyword.values(), default=0.0) or 1.0
    out = [
        Match(
            c,
            dense.get(c, 0.0) / d_max + W_KEYWORD * keyword.get(c, 0.0) / k_max,
            top.get(c, 0.0),
            keyword.get(c, 0.0),
            own.get(c, 0.0),
        )
        for c in set(dense) | set(keyword)
        if c in kb.criteria
    ]
    return counterpart(sorted(out, key=lambda m: (-m.score, m.criterion)), named, retriever, kb)
