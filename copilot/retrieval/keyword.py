"""BM25 over the indexed chunks, so exact words (an objection's phrasing, a criterion's name) are not lost."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

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
    """Okapi BM25 (k1=1.2, b=0.75) over a fixed list of chunks; the title is counted once more than the text has it."""

    docs: Sequence[Hit]
    k1: float = 1.2
    b: float = 0.75
    _tf: list[Counter[str]] = field(default_factory=list, init=False)
    _idf: dict[str, float] = field(default_factory=dict, init=False)
    _avg: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self._tf = [Counter(terms(f"{d.metadata.get('title', '')} {d.text}")) for d in self.docs]
        df: Counter[str] = Counter()
        for tf in self._tf:
            df.update(tf.keys())
        n = len(self.docs)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._avg = sum(sum(tf.values()) for tf in self._tf) / n if n else 0.0

    def scores(self, query: str) -> list[float]:
        """A score per document, in document order; synonyms count at their lower weight."""
        q = query_terms(query)
        out = []
        for tf in self._tf:
            length = sum(tf.values())
            score = 0.0
            for t, weight in q.items():
                f = tf.get(t, 0)
                if f:
                    norm = f + self.k1 * (1 - self.b + self.b * length / self._avg)
                    score += weight * self._idf[t] * f * (self.k1 + 1) / norm
            out.append(score)
        return out
