"""BM25 over the indexed chunks, so exact words (an objection's phrasing, a criterion's name) are not lost."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from copilot.index.base import Hit
from copilot.retrieval.synonyms import EXPANSION_WEIGHT, normalise_phrases, synonym_table

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
_STOPWORDS = (
    "a an and are as at be but by do does did for from has have how i if in into is it its me my of on or "
    "our so than that the their them then there these they this to was we what when where which who why "
    "will with you your can should would could about just not no yes"
)
STOPWORDS = frozenset(_STOPWORDS.split())


def stem(word: str) -> str:
    """A light English stemmer: 'objections'/'objection', 'pricing'/'price', 'scores'/'score'; 'boss' stays."""
    w = word.replace("\u2019", "'").removesuffix("'s").removesuffix("'")
    if len(w) <= 3:
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("eed") and len(w) > 4:
        w = w[:-1]
    else:
        for suffix in ("ing", "ed"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                if w[-1] == w[-2] and w[-1] not in "lsz":  # planned -> plan, but selling -> sell
                    w = w[:-1]
                break
    if w.endswith("ly") and len(w) >= 6:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:  # price/pricing and close/closes meet at one stem
        w = w[:-1]
    return w


def terms(text: str) -> list[str]:
    """Lower-cased, phrase-normalised, stop-worded, stemmed words."""
    return [stem(w) for w in _WORD.findall(normalise_phrases(text)) if w not in STOPWORDS]


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    return synonym_table(stem)


def query_terms(query: str) -> dict[str, float]:
    """The query's own terms (weight 1) plus their domain synonyms (weight EXPANSION_WEIGHT)."""
    own = set(terms(query))
    weights = dict.fromkeys(own, 1.0)
    for term in own:
        for synonym in _synonyms().get(term, ()):
            weights.setdefault(synonym, EXPANSION_WEIGHT)
    return weights


@dataclass
class BM25:
    """Okapi BM25 (k1=1.2, b=0.75) over a fixed list of chunks; the title is counted once more than the text has it.

    An inverted index (term -> documents holding it, with counts): a query touches only the documents that share
    a term with it, so scoring stays fast at tens of thousands of chunks.
    """

    docs: Sequence[Hit]
    k1: float = 1.2
    b: float = 0.75
    _postings: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, init=False)
    _idf: dict[str, float] = field(default_factory=dict, init=False)
    _norm: np.ndarray = field(default_factory=lambda: np.zeros(0), init=False)

    def __post_init__(self) -> None:
        lists: dict[str, tuple[list[int], list[int]]] = {}
        lengths = []
        for n, doc in enumerate(self.docs):
            tf = Counter(terms(f"{doc.metadata.get('title', '')} {doc.text}"))
            lengths.append(sum(tf.values()))
            for term, count in tf.items():
                ids, counts = lists.setdefault(term, ([], []))
                ids.append(n)
                counts.append(count)
        total = len(self.docs)
        self._postings = {
            t: (np.asarray(ids, dtype=np.int64), np.asarray(counts, dtype=np.float64))
            for t, (ids, counts) in lists.items()
        }
        self._idf = {t: math.log(1 + (total - len(ids) + 0.5) / (len(ids) + 0.5)) for t, (ids, _) in lists.items()}
        length = np.asarray(lengths, dtype=np.float64)
        avg = sum(lengths) / total if total and any(lengths) else 1.0
        self._norm = self.k1 * (1 - self.b + self.b * length / avg)

    def scores(self, query: str) -> np.ndarray:
        """A score per document, in document order; synonyms count at their lower weight."""
        out = np.zeros(len(self.docs), dtype=np.float64)
        for term, weight in query_terms(query).items():
            posting = self._postings.get(term)
            if posting is not None:
                ids, f = posting
                out[ids] += weight * self._idf[term] * f * (self.k1 + 1) / (f + self._norm[ids])
        return out
