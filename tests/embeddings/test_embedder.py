"""The offline MiniLM embedder: meaningful vectors, batches under the token budget, checksums that catch corruption.

Dimension, unit length, batching that changes nothing and empty input are the embedder contract's tests, run on
MiniLM in tests/contracts/test_embedder_contract.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from copilot.embeddings.minilm import MiniLMEmbedder, bundled_model_path, bundled_tokenizer_path
from copilot.errors import ModelUnavailableError

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder.load(threads=2)


def test_vectors_are_unit_length_and_meaningful(embedder: MiniLMEmbedder) -> None:
    vecs = np.array(
        embedder.embed_documents(
            [
                "The buyer says our price is too high.",
                "The customer thinks the product costs too much.",
                "Book the conference room for Tuesday.",
            ]
        )
    )
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


def test_long_texts_are_batched_under_the_token_budget_with_the_same_vectors(embedder: MiniLMEmbedder) -> None:
    texts = [f"note {n}: " + "the champion went quiet after the pricing call " * (1 + n * 4) for n in range(12)]
    seen: list[int] = []
    run = embedder._run

    def counting(encodings: list) -> np.ndarray:  # type: ignore[type-arg]
        seen.append(len(encodings) * max(len(e.ids) for e in encodings))
        return run(encodings)

    embedder._run = counting  # type: ignore[method-assign]
    try:
        budgeted = np.array(embedder.embed_documents(texts))
    finally:
        del embedder._run
    assert len(seen) > 1 and max(seen) <= 2048  # long chunks went a few at a time
    alone = np.array([embedder.embed_query(t) for t in texts])
    assert np.allclose(budgeted, alone, atol=1e-4)


def test_corrupt_model_file_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "model.onnx"
    shutil.copy(bundled_model_path(), broken)
    with broken.open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00" * 16)
    with pytest.raises(ModelUnavailableError) as info:
        MiniLMEmbedder.load(model_path=broken, tokenizer_path=bundled_tokenizer_path())
    assert "corrupt" in str(info.value) and "fix:" in str(info.value)


def test_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError) as info:
        MiniLMEmbedder.load(model_path=tmp_path / "gone.onnx")
    assert "missing" in str(info.value)
