"""The reader: turns in, Readings out, through one head per kind of reading (coaching, moves, ...)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np

from copilot.embeddings.base import Embedder
from copilot.errors import ConfigError
from copilot.reader.features import EmbeddingCache, featurize
from copilot.reader.head import LinearHead
from copilot.reader.reading import Reading, SentenceReading
from copilot.reader.segment import clean, sentences
from copilot.reader.spec import HeadSpec, known_heads, load_spec


class Reader:
    """Reads turns with trained heads over one embedder; embeddings are cached per text."""

    def __init__(self, embedder: Embedder, heads: Mapping[str, tuple[HeadSpec, LinearHead]]) -> None:
        self.embedder = embedder
        self.cache = EmbeddingCache(embedder)
        self._heads = dict(heads)
        for name, (spec, head) in self._heads.items():
            if head.embedder and head.embedder != embedder.name:
                raise ConfigError(
                    "reader weights",
                    f"head {name!r} was trained on {head.embedder} vectors, not {embedder.name}",
                    fix="read with the embedder the head was trained on (the bundled MiniLM), or retrain it",
                )
            if head.labels != spec.labels:
                raise ConfigError(
                    "reader weights",
                    f"head {name!r} has labels {head.labels}, its spec {spec.labels}",
                    fix=f"rebuild it with `python -m copilot.reader.train --head {name}`",
                )

    @classmethod
    def load(cls, embedder: Embedder, names: Sequence[str] | None = None) -> Reader:
        """The committed heads (all that have weights when `names` is None)."""
        heads: dict[str, tuple[HeadSpec, LinearHead]] = {}
        for name in names if names is not None else known_heads():
            spec = load_spec(name)
            if names is None and not spec.weights_path.is_file():
                continue
            heads[name] = (spec, LinearHead.load(spec.weights_path))
        return cls(embedder, heads)

    @property
    def heads(self) -> list[str]:
        """Names of the heads this reader can read with."""
        return list(self._heads)

    def spec(self, head: str) -> HeadSpec:
        """The spec of a loaded head."""
        return self._pair(head)[0]

    def _pair(self, head: str) -> tuple[HeadSpec, LinearHead]:
        try:
            return self._heads[head]
        except KeyError:
            raise ConfigError(
                "reader head", f"head {head!r} is not loaded", fix=f"use one of {', '.join(self._heads) or '(none)'}"
            ) from None

    def read(self, text: str, *, head: str, context: str | None = None) -> Reading:
        """Read one turn; `context` is the other speaker's previous turn (used by heads that read context)."""
        return self.read_many([text], head=head, contexts=[context])[0]

    def read_many(
        self, texts: Sequence[str], *, head: str, contexts: Sequence[str | None] | None = None
    ) -> list[Reading]:
        """Read many turns in one embedding pass (a transcript, an eval set)."""
        spec, model = self._pair(head)
        ctx = list(contexts) if contexts is not None else [None] * len(texts)
        if len(ctx) != len(texts):
            raise ValueError("one context (or None) per text")
        pieces = [sentences(t) for t in texts]
        flat = [s for p in pieces for s in p]
        cleaned = {c: clean(c) for c in dict.fromkeys(c for c in ctx if c)}  # a turn is cleaned once, not per sentence
        flat_ctx = [cleaned[c] if c else None for c, p in zip(ctx, pieces, strict=True) for _ in p]
        probs = self.probabilities(spec, model, flat, flat_ctx)
        out: list[Reading] = []
        row = 0
        for text, piece in zip(texts, pieces, strict=True):
            read = [self._sentence(spec, s, probs[row + i]) for i, s in enumerate(piece)]
            row += len(piece)
            labels = list(dict.fromkeys(label for s in read for label in s.labels))
            sure = min((s.margin for s in read), default=1.0)
            out.append(Reading(head=head, text=text, sentences=read, labels=labels, sure=sure))
        return out

    def probabilities(
        self, spec: HeadSpec, model: LinearHead, texts: Sequence[str], contexts: Sequence[str | None]
    ) -> np.ndarray:
        """(n, labels) probabilities for already-cleaned sentences, rounded so repeated reads agree exactly."""
        if not texts:
            return np.zeros((0, len(spec.labels)))
        X = featurize(self.cache, texts, spec.patterns, contexts, use_context=spec.use_context)
        return np.round(model.predict_proba(X), 4)

    @staticmethod
    def _sentence(spec: HeadSpec, text: str, row: np.ndarray) -> SentenceReading:
        probs = {label: float(p) for label, p in zip(spec.labels, row, strict=True)}
        passed = sorted((k for k, p in probs.items() if p >= spec.threshold(k)), key=lambda k: -probs[k])
        margin = min(
            (abs(p - spec.threshold(k)) / max(spec.threshold(k), 1 - spec.threshold(k)) for k, p in probs.items()),
            default=1.0,
        )
        return SentenceReading(text=text, probs=probs, labels=passed, margin=round(margin, 4))


@functools.cache
def default_reader() -> Reader:
    """The bundled MiniLM with every committed head, loaded once per process on first use (never at import)."""
    from copilot.embeddings.minilm import MiniLMEmbedder

    return Reader.load(MiniLMEmbedder.load())
