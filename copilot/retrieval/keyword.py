"""BM25 over the indexed chunks, so exact words (an objection's phrasing, a criterion's name) are not lost."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from copilot.index.base import Hit

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "did", "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your", "can", "should", "would", "could", "about", "just", "not", "no", "yes"]
)


def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'objections' with 'objection' and 'pricing' with 'price'."""
    for suffix in ("ings", "ing", "ies", "ied", "es", "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def terms(text: str) -> list[str]:
    """Lower-cased, stop-worded, stemmed words."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


@dataclass
class BM25:
    """Okapi BM25 (k1=1.2, b=0.75) over a fixed list of chunks."""

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
        """A score per document, in document order."""
        q = set(terms(query))
        out = []
        for tf in self._tf:
            length = sum(tf.values())
            score = 0.0
            for t in q:
                f = tf.get(t, 0)
                if f:
                    score += (
                        self._idf[t] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self._avg))
                    )
            out.append(score)
        return out
