"""Retrieval: dense (embeddings), keyword (BM25) or hybrid (score fusion), item by item, with metadata filters."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from copilot.embeddings.base import Embedder
from copilot.index.base import Hit, VectorIndex
from copilot.index.memory import matches
from copilot.retrieval.chunking import item_of_chunk
from copilot.retrieval.keyword import BM25, terms

Mode = Literal["dense", "keyword", "hybrid"]
POOL = 100  # items each ranker hands to fusion; an item past it gets nothing from that ranker
# Vectors fetched per query: an item has several (chunks, head, views), and its next-best ones feed its support.
# Only ids and distances come back for them (VectorIndex.nearest); the text of the k winners is read afterwards.
# Dev queries, dense / hybrid recall@5 and MRR: 1000 → 0.708/0.548, 0.888/0.805; 400 → 0.708/0.542, 0.888/0.803;
# 300 → 0.697/0.541, 0.888/0.797; 200 → 0.685/0.538, 0.888/0.804.
DENSE_POOL = 400
# Vectors asked for (x DENSE_POOL) when the default filter runs here; it leaves out ~14% of the default KB, more
# for a query near the question bank. At 20,000 chunks an unfiltered query for 600 vectors takes ~5 ms, 1,600 ~8 ms.
LOCAL_POOL_FACTORS = (1.5, 4.0)
# How stale the retriever's snapshot may be when another process writes to the index (a `copilot kb ingest` beside
# the server, another worker's upload): the index's version is asked at most this often. Writes through the same
# index object, and ids the snapshot does not know, are seen at once. Asking on every search cost ~2 ms embedded and
# a round trip on a Chroma server.
VERSION_CHECK_SECONDS = 1.0
_LETTERS = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")  # the words of a passage as spelt (copilot.retrieval.spelling)
SUPPORT_N = 2  # next-best vectors of an item that add to its dense score...
SUPPORT_WEIGHT = 0.5  # ...with this weight (plateau 0.3-0.5 on the dev queries)
W_DENSE = 1.0
W_KEYWORD = 1.0  # plateau 0.8-1.5 on the dev queries


@dataclass
class Result:
    """One retrieved knowledge item (its best chunk), as the CLI, the UI and citations show it."""

    item_id: str
    chunk_id: str
    title: str
    type: str
    score: float
    text: str
    source: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "id": self.item_id,
            "chunk": self.chunk_id,
            "type": self.type,
            "title": self.title,
            "score": round(self.score, 4),
            "source": self.source,
            "text": self.text,
        }


def build_where(
    *,
    type: str | None = None,
    criterion: str | None = None,
    interaction: str | None = None,
    private: bool = False,
    questions: bool = False,
) -> dict[str, Any]:
    """A Chroma filter from the options users pass.

    Private items (coaching notes) come back only when asked for. Question-bank entries are prompts for the
    prep brief, found by criterion, not passages that answer anything: they come back only with type=question
    (measured: left in, they pushed the answering item out of the top 5 in a third of the labelled queries).
    """
    clauses: list[dict[str, Any]] = []
    if not private:
        clauses.append({"private": False})
    if type:
        clauses.append({"type": type})
    elif not questions:
        clauses.append({"type": {"$ne": "question"}})
    if criterion:
        clauses.append({"$or": [{"criteria": {"$contains": criterion}}, {"item_id": criterion}]})
    if interaction:
        clauses.append({"interaction": interaction})
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


_LOCAL_FILTERS = (build_where(), build_where(questions=True))  # the filters a plain search uses


_QUESTION_INTENT = re.compile(
    r"\bquestions? (?:to|for|that|i|we|could|can|should)\b|\bwhat (?:can|could|should|do) (?:i|we) ask\b|\bwhat to ask\b",
    re.IGNORECASE,
)


# Questions to ask in a deal, pipeline or forecast review about the deal itself ("questions to test the economic buyer
# in a deal review") are what the meeting's criteria describe; the bank's questions diagnose why a rep has a gap, so
# they answer only when the question is about the rep (their gap, why they do it, their root cause).
_IN_A_REVIEW = re.compile(
    r"\b(?:deal|pipeline|forecast|commit)(?:[- ]review| call| meeting)s?\b|"
    r"\babout (?:a|the|this|that|my|his|her|their|our) (?:\w+ )?(?:deal|opportunity|opp)s?\b",
    re.I,
)
_ABOUT_THE_REP = re.compile(
    r"\b(?:why (?:my |the |a )?rep|root cause|diagnos\w*|(?:my|the|a) rep(?:'s)? (?:keeps|never|always|struggles|"
    r"can't|cannot|doesn't|does not|won't)|(?:his|her|their) (?:gap|habit|skill))\b",
    re.I,
)


def asks_for_questions(query: str) -> bool:
    """True when the user wants a question to ask ("what can I ask…"), the one time the question bank answers; not for
    the questions a review meeting asks about the deal, which the meeting's criteria hold."""
    if not _QUESTION_INTENT.search(query):
        return False
    return not (_IN_A_REVIEW.search(query) and not _ABOUT_THE_REP.search(query))


class Retriever:
    """Finds knowledge items for a question; keeps a BM25 model of the index, rebuilt when the index changes."""

    def __init__(self, embedder: Embedder, index: VectorIndex, *, default_mode: Mode = "hybrid") -> None:
        self.embedder = embedder
        self.index = index
        self.default_mode = default_mode
        self._docs: list[Hit] = []
        self._by_id: dict[str, Hit] = {}
        self._visible: list[frozenset[str]] = [frozenset() for _ in _LOCAL_FILTERS]
        self._parents: dict[str, str] = {}  # view or head chunk -> the passage it was cut from
        self._version: str | None = None
        self._writes = -1  # the index's own write counter at the last version check
        self._checked = 0.0  # time.monotonic() of the last version check
        self._bm25: BM25 | None = None
        self._vocabulary: tuple[Any, tuple[frozenset[str], dict[str, int], int]] | None = None
        self._spellings: tuple[Any, frozenset[str]] | None = None
        self._lock = threading.Lock()

    def _refresh(self, *, reread: bool = False) -> None:
        """Reread every chunk (text and metadata) when the index's version changed, or on request.

        The snapshot lets the default filters run here instead of in Chroma (which ids each lets through is
        worked out once per snapshot), feeds the keyword model, and gives the winners' text and metadata without
        another call. The version is asked at most once every VERSION_CHECK_SECONDS, unless this process wrote
        to the index since.
        """
        with self._lock:
            now, writes = time.monotonic(), self.index.writes
            if not reread and writes == self._writes and now - self._checked < VERSION_CHECK_SECONDS:
                return
            version = self.index.version()  # before reading: a write landing in between is seen next time
            self._checked, self._writes = now, writes
            if reread or version != self._version:
                docs = self.index.get()
                self._visible = [frozenset(d.id for d in docs if matches(d.metadata, w)) for w in _LOCAL_FILTERS]
                self._by_id = {d.id: d for d in docs}
                self._parents = {d.id: str(d.metadata["parent"]) for d in docs if d.metadata.get("parent")}
                self._docs, self._version, self._bm25 = docs, version, None

    def _keyword_model(self) -> BM25:
        with self._lock:
            if self._bm25 is None:
                # Views repeat their passage's words: counting them again would only skew term frequencies.
                self._bm25 = BM25([d for d in self._docs if not d.metadata.get("view")])
            return self._bm25

    def vocabulary(self) -> frozenset[str]:
        """Every term the public passages use (titles included), as copilot.retrieval.keyword.terms writes them:
        what the knowledge base can be said to mention. Private notes do not count."""
        return self._term_counts()[0]

    def spellings(self) -> frozenset[str]:
        """Every word the public passages use (titles included), lower-cased as written, not stemmed: the spellings
        a misspelt word of a question can be read as (copilot.retrieval.spelling)."""
        self._refresh()
        with self._lock:
            if self._spellings is None or self._spellings[0] != self._version:
                words: set[str] = set()
                for d in self._docs:
                    if not d.metadata.get("private") and not d.metadata.get("view"):
                        words.update(_LETTERS.findall(f"{d.metadata.get('title', '')} {d.text}".lower()))
                self._spellings = (self._version, frozenset(words))
            return self._spellings[1]

    def term_items(self) -> dict[str, int]:
        """How many public items use each term of the vocabulary."""
        return self._term_counts()[1]

    def common_terms(self, share: float) -> frozenset[str]:
        """The terms more than `share` of the public items use ("need", "year", "call" in a coaching base): words
        that say a question is in the base's language, not what it is about."""
        _, counts, items = self._term_counts()
        return frozenset(t for t, n in counts.items() if n > share * items)

    def _term_counts(self) -> tuple[frozenset[str], dict[str, int], int]:
        """The public vocabulary, how many public items use each term, and how many public items there are."""
        self._refresh()
        with self._lock:
            if self._vocabulary is None or self._vocabulary[0] != self._version:
                per_item: dict[str, set[str]] = {}
                for d in self._docs:
                    if not d.metadata.get("private") and not d.metadata.get("view"):
                        item = str(d.metadata.get("item_id", d.id))
                        per_item.setdefault(item, set()).update(terms(f"{d.metadata.get('title', '')} {d.text}"))
                counts: dict[str, int] = {}
                for words in per_item.values():
                    for w in words:
                        counts[w] = counts.get(w, 0) + 1
                self._vocabulary = (self._version, (frozenset(counts), counts, len(per_item)))
            return self._vocabulary[1]

    def _nearest(self, query: str, where: dict[str, Any]) -> list[tuple[str, float]]:
        """The DENSE_POOL nearest vectors that pass `where`.

        Chroma applies any filter to the whole collection before the search: at 20,000 chunks the default filter
        turned a 5 ms query into 90 ms. The default filters only leave out private notes and the question bank,
        a small share of the index, so those are asked without a filter for a larger pool and filtered here
        from the snapshot; any other filter (a type, a criterion) narrows the search and stays with Chroma.
        """
        embedding = self.embedder.embed_query(query)
        if where not in _LOCAL_FILTERS:
            return self.index.nearest(embedding, DENSE_POOL, where=where or None)
        which = _LOCAL_FILTERS.index(where)
        for factor in LOCAL_POOL_FACTORS:
            asked = int(DENSE_POOL * factor)
            pairs = self.index.nearest(embedding, asked)
            if not all(cid in self._by_id for cid, _ in pairs):  # written since, and the version not asked yet
                self._refresh(reread=True)
            visible = self._visible[which]
            kept = [(cid, score) for cid, score in pairs if cid in visible]
            if len(kept) >= DENSE_POOL or len(pairs) < asked:  # a full pool, or every vector the index holds
                return kept[:DENSE_POOL]
        return self.index.nearest(embedding, DENSE_POOL, where=where or None)  # the filter leaves out too much

    def _dense(self, query: str, n: int, where: dict[str, Any]) -> list[Hit]:
        """Items ranked from ids and similarities alone; their text and metadata are read for the winners only."""
        pairs = self._nearest(query, where)
        return _item_scores(pairs, n)

    def _keyword(self, query: str, n: int, where: dict[str, Any]) -> list[Hit]:
        model = self._keyword_model()
        scores = model.scores(query)
        found = np.flatnonzero(scores > 0)
        best_first = found[np.argsort(-scores[found], kind="stable")]  # ties keep index order
        seen: set[str] = set()
        out: list[Hit] = []
        for i in best_first:  # the filter runs only until n items are found, not over every matching chunk
            doc = model.docs[i]
            item = _item_of(doc)
            if item not in seen and matches(doc.metadata, where):
                seen.add(item)
                out.append(Hit(doc.id, doc.text, float(scores[i]), doc.metadata))
                if len(out) == n:
                    break
        return out

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        mode: Mode | None = None,
        where: dict[str, Any] | None = None,
    ) -> list[Result]:
        """The top `k` items for `query`; scores are cosine-based (dense), BM25 (keyword) or fused (hybrid)."""
        mode = mode or self.default_mode
        if (where is None or where == build_where()) and asks_for_questions(query):
            where = build_where(questions=True)
        where = build_where() if where is None else where
        if not query.strip() or k <= 0:
            return []
        self._refresh()
        if mode == "dense":
            ranked = self._dense(query, POOL, where)
        elif mode == "keyword":
            ranked = self._keyword(query, POOL, where)
        else:
            ranked = fuse(self._dense(query, POOL, where), self._keyword(query, POOL, where))
        return self._read(ranked[:k], where)

    def _read(self, hits: list[Hit], where: dict[str, Any]) -> list[Result]:
        """The winners' text and metadata, from the snapshot (an id it does not know yet makes it reread).

        Ranking needs only ids and similarities (VectorIndex.nearest); the k winners and the passages their
        view and head vectors were cut from are then looked up here, which saves a call to the index (a round
        trip on a Chroma server). The filter is checked again on the snapshot's metadata, the latest one seen:
        a keyword hit or a Chroma-filtered id must still pass it.
        """
        if not hits:
            return []
        if not all(h.id in self._by_id for h in hits):  # written after the snapshot, through another client
            self._refresh(reread=True)
        by_id = self._by_id
        read = []
        for hit in hits:
            found = by_id.get(hit.id)
            if found is not None and matches(found.metadata, where):
                scoring = {key: value for key, value in hit.metadata.items() if key.startswith("_")}
                read.append(Hit(hit.id, found.text, hit.score, {**found.metadata, **scoring}))
        return self._passages(_results(read), by_id)

    def _passages(self, results: list[Result], known: dict[str, Hit]) -> list[Result]:
        """Show the passage a view or head vector was cut from, not the one line that matched."""
        parents = {r.chunk_id: str(r.metadata["parent"]) for r in results if r.metadata.get("parent")}
        missing = sorted({parent for parent in parents.values() if parent not in known})
        found = {h.id: h for h in self.index.get(ids=missing)} if missing else {}
        for r in results:
            parent = parents.get(r.chunk_id, "")
            hit = known.get(parent) or found.get(parent)
            if hit is not None:
                r.chunk_id, r.text = hit.id, hit.text
        return results


def _item_of(hit: Hit) -> str:
    return str(hit.metadata.get("item_id", hit.id))


def _item_scores(pairs: list[tuple[str, float]], n: int) -> list[Hit]:
    """The `n` best items, ranked by their best vector plus a share of the next best ones.

    An item that matches the question on several lines beats one whose single line matches by chance
    (measured: dense MRR 0.50 → 0.56 on the dev queries). The best cosine alone is kept as `_cosine`,
    the relevance signal `copilot ask` thresholds. Works on bare (id, similarity) pairs: at DENSE_POOL
    vectors a Hit per vector cost more than the grouping.
    """
    best: dict[str, tuple[str, float]] = {}
    support: dict[str, list[float]] = {}
    for cid, score in sorted(pairs, key=lambda pair: -pair[1]):  # stable: equal scores keep the index's order
        item = item_of_chunk(cid)
        if item not in best:
            best[item], support[item] = (cid, score), []
        elif len(support[item]) < SUPPORT_N:
            support[item].append(score)
    totals = []
    for item, (_, score) in best.items():
        rest = support[item]
        totals.append((score + SUPPORT_WEIGHT * (sum(rest) / len(rest) if rest else score), item))
    totals.sort(key=lambda total: -total[0])  # stable, like the ranking before it
    return [Hit(best[item][0], "", total, {"item_id": item, "_cosine": best[item][1]}) for total, item in totals[:n]]


def fuse(dense: list[Hit], keyword: list[Hit]) -> list[Hit]:
    """Weighted sum of each ranker's scores divided by its top score; items one ranker missed get 0 from it.

    Measured against reciprocal-rank fusion on the dev queries: RRF (k=60) gave recall@5 0.83, this 0.88;
    RRF flattens a clear first place in one ranker into a middling fused rank.
    Every fused item carries `_cosine` (0 when only its words matched), so callers can judge relevance.
    """
    fused: dict[str, Hit] = {}
    score: dict[str, float] = {}
    for ranked, weight in ((dense, W_DENSE), (keyword, W_KEYWORD)):
        top = ranked[0].score if ranked and ranked[0].score > 0 else 1.0
        for hit in ranked:
            item_id = _item_of(hit)
            score[item_id] = score.get(item_id, 0.0) + weight * hit.score / top
            fused.setdefault(item_id, hit)
    cosine = {_item_of(h): float(h.metadata.get("_cosine", h.score)) for h in dense}
    for item_id, hit in fused.items():
        hit.metadata["_cosine"] = cosine.get(item_id, 0.0)
    order = sorted(fused, key=lambda i: -score[i])
    return [Hit(fused[i].id, fused[i].text, score[i], fused[i].metadata) for i in order]


def _results(hits: list[Hit]) -> list[Result]:
    return [
        Result(
            item_id=_item_of(hit),
            chunk_id=hit.id,
            title=str(hit.metadata.get("title", "")),
            type=str(hit.metadata.get("type", "")),
            score=hit.score,
            text=hit.text,
            source=str(hit.metadata.get("source", "")),
            metadata=hit.metadata,
        )
        for hit in hits
    ]
