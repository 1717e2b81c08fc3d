"""Rebuild a head's committed weights from its labelled data, the same on every machine to float rounding.

    python -m copilot.reader.train --head coaching            # writes copilot/reader/weights/coaching.npz
    python -m copilot.reader.train --head coaching --check    # rebuilds in memory, fails if the file differs

The fit is deterministic, but two CPUs' BLAS can round a float32 weight one unit apart, so --check compares
labels, feature names and embedder exactly and the numbers to within TOLERANCE (a real change in the data or
the features moves weights by far more; tests/test_reader.py shows one that does).

Only split: train examples are fitted; split: heldout ones are scored and reported. Examples without a
context get (by a hash of their text, so the same every run) either none or another example's context, so
the head learns that an unrelated previous turn says nothing, and a related one is what a reflection has.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from copilot.embeddings.base import Embedder
from copilot.reader.dataset import Example, load_examples
from copilot.reader.features import EmbeddingCache, feature_names, featurize
from copilot.reader.head import LinearHead
from copilot.reader.segment import clean
from copilot.reader.spec import HeadSpec, load_spec


def _pick(text: str, n: int) -> int:
    """A stable pseudo-random index from the text (no RNG state, same on every machine)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") % n


def contexts_for(examples: Sequence[Example]) -> list[str | None]:
    """The written context, else none for half the examples and a borrowed one for the other half."""
    pool = sorted({e.context for e in examples if e.context})
    out: list[str | None] = []
    for e in examples:
        if e.context or not pool:
            out.append(e.context)
        elif _pick("ctx?" + e.text, 2):
            out.append(pool[_pick(e.text, len(pool))])
        else:
            out.append(None)
    return out


def matrices(spec: HeadSpec, examples: Sequence[Example], cache: EmbeddingCache) -> tuple[np.ndarray, np.ndarray]:
    """Features X and 0/1 targets Y for examples (texts cleaned as the reader cleans them)."""
    texts = [clean(e.text) for e in examples]
    ctx = [clean(c) if c else None for c in contexts_for(examples)]
    X = featurize(cache, texts, spec.patterns, ctx, use_context=spec.use_context)
    Y = np.array([[float(label in e.labels) for label in spec.labels] for e in examples]).reshape(
        len(examples), len(spec.labels)
    )
    return X, Y


@dataclass
class Trained:
    """A fitted head with what it was fitted on and how it did on the held-out split."""

    head: LinearHead
    train: int
    heldout: int
    heldout_accuracy: dict[str, float]


def train_head(spec: HeadSpec, embedder: Embedder, examples: Sequence[Example] | None = None) -> Trained:
    """Fit the head on the train split of its data (or the given examples)."""
    examples = list(examples) if examples is not None else load_examples(spec.data_dir, spec.labels)
    train = [e for e in examples if e.split == "train"]
    held = [e for e in examples if e.split == "heldout"]
    if not train:
        raise ValueError(f"head {spec.name!r} has no training examples in {spec.data_dir}")
    cache = EmbeddingCache(embedder)
    X, Y = matrices(spec, train, cache)
    head = LinearHead.fit(
        X,
        Y,
        spec.labels,
        l2=spec.l2,
        positive_weight=[spec.positive_weight.get(label, 1.0) for label in spec.labels],
        feature_names=feature_names(spec.patterns, embedder.dimension, use_context=spec.use_context),
        embedder=embedder.name,
        meta={"head": spec.name, "train_examples": str(len(train))},
    )
    accuracy: dict[str, float] = {}
    if held:
        Xh, Yh = matrices(spec, held, cache)
        P = head.predict_proba(Xh)
        for j, label in enumerate(spec.labels):
            accuracy[label] = float(np.mean((P[:, j] >= spec.threshold(label)) == (Yh[:, j] > 0.5)))
        top = np.argmax(P, axis=1)
        exact = [bool(Yh[i, top[i]] > 0.5) for i in range(len(held))]
        accuracy["top_label_correct"] = float(np.mean(exact))
    return Trained(head, len(train), len(held), accuracy)


TOLERANCE = 1e-5
"""Largest difference between a committed and a rebuilt number that still counts as the same head."""


def differences(committed: LinearHead, rebuilt: LinearHead, tolerance: float = TOLERANCE) -> list[str]:
    """What differs between two heads beyond float rounding (empty when they are the same head)."""
    found = [
        name
        for name in ("labels", "feature_names", "embedder", "meta")
        if getattr(committed, name) != getattr(rebuilt, name)
    ]
    for name in ("W", "b", "mean", "scale"):
        a, b = getattr(committed, name), getattr(rebuilt, name)
        if a.shape != b.shape:
            found.append(f"{name} shape {a.shape} != {b.shape}")
        elif a.size and float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64)))) > tolerance:
            found.append(f"{name} by up to {float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64)))):.2e}")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry: train (or --check) one head on the bundled MiniLM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--head", required=True, help="head name (a module in copilot/reader/specs/)")
    parser.add_argument("--check", action="store_true", help="rebuild in memory and compare with the committed file")
    parser.add_argument("--out", type=Path, default=None, help="write here instead of the committed weights path")
    args = parser.parse_args(argv)
    from copilot.embeddings.minilm import MiniLMEmbedder

    spec = load_spec(args.head)
    trained = train_head(spec, MiniLMEmbedder.load())
    data = trained.head.to_bytes()
    target: Path = args.out or spec.weights_path
    print(f"{spec.name}: {trained.train} training and {trained.heldout} held-out sentences")
    for label, acc in trained.heldout_accuracy.items():
        print(f"  held-out {label}: {acc:.3f}")
    if args.check:
        if not target.is_file():
            print(f"{target}: MISSING; write it with `python -m copilot.reader.train --head {spec.name}`")
            return 1
        found = differences(LinearHead.load(target), trained.head)
        verdict = "DIFFERS in " + "; ".join(found) if found else f"the same head (to {TOLERANCE:g})"
        print(f"{target}: {verdict} (rebuilt sha256 {hashlib.sha256(data).hexdigest()[:16]})")
        return 1 if found else 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
