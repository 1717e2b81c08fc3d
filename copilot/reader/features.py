"""Sentences into a feature matrix: the embedder's vector, then a few word-pattern features, then context.

Word patterns are features only: the head learns how much each one counts, next to the embedding,
so a phrasing no pattern lists is still read from its meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from copilot.embeddings.base import Embedder


@dataclass(frozen=True)
class PatternFeature:
    """One named feature computed from a sentence's lower-cased text (0/1 or a small number)."""

    name: str
    compute: Callable[[str], float]


def matches(name: str, pattern: str | re.Pattern[str], *, at_start: bool = False) -> PatternFeature:
    """A 0/1 feature: the pattern is found in (or, with at_start, at the start of) the sentence."""
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.IGNORECASE)

    def compute(text: str) -> float:
        found = compiled.match(text) if at_start else compiled.search(text)
        return 1.0 if found else 0.0

    return PatternFeature(name, compute)


def normalize(text: str) -> str:
    """Straight quotes, single spaces, lower case: the form pattern features see."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
_STOP = frozenset(
    str.split(
        "a an the and or but so if then that this to of in on at by for with from about as it is are was were be "
        "been am do does did have has had i me my we us our you your he she they them their there what which who "
        "why how when where not no yes just really very also too still all any some more much can could will would "
        "should may might i'm you're it's that's don't didn't um uh okay ok yeah right well like know think get got "
        "go going mean kind sort thing things"
    )
)


def content_words(text: str) -> set[str]:
    """Content words cut to five letters, so 'worried'/'worry' and 'drinking'/'drink' overlap."""
    return {w[:5] for w in _WORD.findall(normalize(text)) if w not in _STOP and len(w) > 2}


def context_overlap(sentence: str, context: str | None) -> float:
    """Share of the sentence's content words that the other speaker's last turn also used."""
    if not context:
        return 0.0
    own = content_words(sentence)
    return len(own & content_words(context)) / len(own) if own else 0.0


class EmbeddingCache:
    """Embeds each distinct text once: a review reads many turns, and a turn's text is its own context later."""

    def __init__(self, embedder: Embedder, *, limit: int = 50_000) -> None:
        self.embedder = embedder
        self.limit = limit
        self._vectors: dict[str, np.ndarray] = {}

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dimension) float32 unit vectors, in the order of `texts`."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            if len(self._vectors) + len(missing) > self.limit:
                self._vectors.clear()
            embed_array = getattr(self.embedder, "embed_array", None)
            found = embed_array(missing) if embed_array else np.asarray(self.embedder.embed_documents(missing))
            for text, vec in zip(missing, np.asarray(found, dtype=np.float32), strict=True):
                self._vectors[text] = vec
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])


def feature_names(patterns: Sequence[PatternFeature], dimension: int, *, use_context: bool) -> tuple[str, ...]:
    """Column names of featurize()'s matrix."""
    names = [f"emb{i}" for i in range(dimension)] + [p.name for p in patterns]
    if use_context:
        names += ["ctx_cosine", "ctx_overlap"]
    return tuple(names)


def featurize(
    cache: EmbeddingCache,
    sentences: Sequence[str],
    patterns: Sequence[PatternFeature],
    contexts: Sequence[str | None] | None = None,
    *,
    use_context: bool = False,
) -> np.ndarray:
    """[embedding | pattern features | (context cosine, context word overlap)] per sentence, float32."""
    emb = cache.vectors(list(sentences))
    lowered = [normalize(s) for s in sentences]
    pat = np.array([[p.compute(s) for p in patterns] for s in lowered], dtype=np.float32).reshape(
        len(sentences), len(patterns)
    )
    parts = [emb, pat]
    if use_context:
        ctx = list(contexts) if contexts is not None else [None] * len(sentences)
        if len(ctx) != len(sentences):
            raise ValueError("one context (or None) per sentence")
        known = [c for c in ctx if c]
        ctx_vecs = cache.vectors(known) if known else np.zeros((0, emb.shape[1]), dtype=np.float32)
        lookup = dict(zip(known, ctx_vecs, strict=True))
        cos = np.array([float(emb[i] @ lookup[c]) if c else 0.0 for i, c in enumerate(ctx)], dtype=np.float32)
        overlap = np.array([context_overlap(s, c) for s, c in zip(sentences, ctx, strict=True)], dtype=np.float32)
        parts.append(np.stack([cos, overlap], axis=1))
    return np.hstack(parts).astype(np.float32)
