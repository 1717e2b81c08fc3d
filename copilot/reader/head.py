"""A multi-label logistic-regression head in numpy: one sigmoid per label over scaled features.

Fitted by Newton's method (full batch, float64, no random start), so the same data gives the same
weights (to float rounding, which another CPU's BLAS may do one unit apart); saved as a small .npz that
records its labels, feature names and the embedder it was trained on, so a head is never applied to
vectors of another embedder.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from copilot.errors import ConfigError

FORMAT = 1


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function without overflow warnings."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))


@dataclass
class LinearHead:
    """Weights W (features x labels), bias b, and the feature scaler (mean, scale) fitted with them."""

    labels: tuple[str, ...]
    W: np.ndarray
    b: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    feature_names: tuple[str, ...] = ()
    embedder: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def n_features(self) -> int:
        """How many columns predict_proba expects."""
        return int(self.W.shape[0])

    @classmethod
    def fit(
        cls,
        X: np.ndarray,
        Y: np.ndarray,
        labels: Sequence[str],
        *,
        l2: float = 1.0,
        iterations: int = 25,
        positive_weight: Sequence[float] | None = None,
        feature_l2: np.ndarray | None = None,
        feature_names: Sequence[str] = (),
        embedder: str = "",
        meta: dict[str, str] | None = None,
    ) -> LinearHead:
        """Fit one L2-regularised logistic regression per label (Newton steps, full batch, deterministic).

        X: (n, d) features (NaN = unknown, filled with the column mean); Y: (n, k) 0/1 targets; l2: penalty on the scaled weights (not the bias);
        positive_weight: per-label weight of positive examples (rare labels can be up-weighted);
        feature_l2: per-feature multiplier of l2 (e.g. embeddings penalised more than the few pattern features).
        """
        X = np.asarray(X, dtype=np.float64)
        Y = np.asarray(Y, dtype=np.float64)
        if X.ndim != 2 or Y.ndim != 2 or X.shape[0] != Y.shape[0] or Y.shape[1] != len(labels):
            raise ValueError(f"shapes do not fit: X {X.shape}, Y {Y.shape}, {len(labels)} labels")
        mean = np.nan_to_num(np.nanmean(X, axis=0)) if np.isnan(X).any() else X.mean(axis=0)
        X = np.where(np.isnan(X), mean, X)
        scale = X.std(axis=0)
        scale[scale < 1e-6] = 1.0
        Z = np.hstack([(X - mean) / scale, np.ones((X.shape[0], 1))])
        d1 = Z.shape[1]
        penalty = np.full(d1, l2)
        if feature_l2 is not None:
            penalty[:-1] *= np.asarray(feature_l2, dtype=np.float64)
        penalty[-1] = 1e-6
        W = np.zeros((d1, len(labels)))
        for j in range(len(labels)):
            y = Y[:, j]
            pw = 1.0 if positive_weight is None else float(positive_weight[j])
            sample_w = np.where(y > 0.5, pw, 1.0)
            w = np.zeros(d1)
            for _ in range(iterations):
                p = _sigmoid(Z @ w)
                grad = Z.T @ (sample_w * (p - y)) + penalty * w
                hess = (Z * (sample_w * p * (1 - p))[:, None]).T @ Z + np.diag(penalty)
                step = np.linalg.solve(hess, grad)
                w -= step
                if float(np.max(np.abs(step))) < 1e-8:
                    break
            W[:, j] = w
        return cls(
            labels=tuple(labels),
            W=W[:-1].astype(np.float32),
            b=W[-1].astype(np.float32),
            mean=mean.astype(np.float32),
            scale=scale.astype(np.float32),
            feature_names=tuple(feature_names),
            embedder=embedder,
            meta=dict(meta or {}),
        )

    def logits(self, X: np.ndarray) -> np.ndarray:
        """Raw scores (n, labels)."""
        X = np.asarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"expected (n, {self.n_features}) features, got {X.shape}")
        X = np.where(np.isnan(X), self.mean, X)  # an unknown feature (no context) counts as the training mean
        return np.asarray(((X - self.mean) / self.scale) @ self.W + self.b, dtype=np.float64)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probabilities (n, labels), each label independent (multi-label)."""
        return _sigmoid(self.logits(X))

    def to_bytes(self) -> bytes:
        """The .npz content (no pickles; labels and names as unicode arrays)."""
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            format=np.array(FORMAT),
            labels=np.array(self.labels, dtype=np.str_),
            W=self.W,
            b=self.b,
            mean=self.mean,
            scale=self.scale,
            feature_names=np.array(self.feature_names, dtype=np.str_),
            embedder=np.array(self.embedder),
            meta_keys=np.array(list(self.meta), dtype=np.str_),
            meta_values=np.array(list(self.meta.values()), dtype=np.str_),
        )
        return buffer.getvalue()

    def save(self, path: Path) -> None:
        """Write the head as one small .npz file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> LinearHead:
        """Read a head written by save(); a missing or foreign file names the command that rebuilds it."""
        fix = f"rebuild it with `python -m copilot.reader.train --head {path.stem}`"
        if not path.is_file():
            raise ConfigError("reader weights", f"{path} is missing", fix=fix)
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format"]) != FORMAT:
                    raise ConfigError("reader weights", f"{path} has format {int(data['format'])}", fix=fix)
                return cls(
                    labels=tuple(str(x) for x in data["labels"]),
                    W=data["W"].astype(np.float32),
                    b=data["b"].astype(np.float32),
                    mean=data["mean"].astype(np.float32),
                    scale=data["scale"].astype(np.float32),
                    feature_names=tuple(str(x) for x in data["feature_names"]),
                    embedder=str(data["embedder"]),
                    meta=dict(
                        zip((str(k) for k in data["meta_keys"]), (str(v) for v in data["meta_values"]), strict=True)
                    ),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError("reader weights", f"{path} is not a reader head ({exc})", fix=fix) from exc
