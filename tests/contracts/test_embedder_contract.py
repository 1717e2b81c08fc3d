"""What every Embedder promises, as one suite run against each: the fake and the OpenAI adapter always, MiniLM as
integration.

A subclass supplies the `embedder` fixture. The suite holds what ingest and search rely on: vectors of the stated
dimension and unit length, the same vector for the same text whatever the batch, a text nearest to itself, and
empty input that neither fails nor calls the model.
"""

from __future__ import annotations

import base64
import json

import httpx2
import numpy as np
import openai
import pytest

from copilot.embeddings.base import Embedder
from copilot.embeddings.fake import FakeEmbedder
from copilot.embeddings.openai_embed import OpenAIEmbedder

TEXTS = [
    "The buyer says our price is too high.",
    "Book the conference room for Tuesday.",
    "a much longer note about qualifying budget, authority, need and timing before the demo " * 5,
    "short",
]


class EmbedderContract:
    """The tests every embedder must pass; subclasses override the `embedder` fixture."""

    @pytest.fixture
    def embedder(self) -> Embedder:
        raise NotImplementedError

    def test_is_an_embedder_with_a_name(self, embedder: Embedder) -> None:
        assert isinstance(embedder, Embedder) and embedder.name

    def test_vectors_have_the_dimension_and_unit_length(self, embedder: Embedder) -> None:
        vectors = np.array(embedder.embed_documents(TEXTS))
        assert vectors.shape == (len(TEXTS), embedder.dimension) and embedder.dimension > 0
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)

    def test_the_same_text_gives_the_same_vector_in_any_batch(self, embedder: Embedder) -> None:
        together = np.array(embedder.embed_documents(TEXTS))
        alone = np.array([embedder.embed_documents([t])[0] for t in reversed(TEXTS)][::-1])
        assert np.allclose(together, alone, atol=1e-4)
        assert np.allclose(embedder.embed_query(TEXTS[0]), embedder.embed_query(TEXTS[0]), atol=1e-6)

    def test_a_query_is_nearest_to_the_document_with_its_text(self, embedder: Embedder) -> None:
        documents = np.array(embedder.embed_documents(TEXTS))
        for i, text in enumerate(TEXTS):
            assert int(np.argmax(documents @ np.array(embedder.embed_query(text)))) == i

    def test_empty_input_gives_no_vectors_and_an_empty_text_a_vector(self, embedder: Embedder) -> None:
        assert embedder.embed_documents([]) == []
        empty = embedder.embed_query("")
        assert len(empty) == embedder.dimension and all(np.isfinite(empty))


class TestFakeEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self) -> Embedder:
        return FakeEmbedder()

    def test_two_fakes_agree(self) -> None:
        assert FakeEmbedder().embed_query("price objection") == FakeEmbedder().embed_query("price objection")
        assert FakeEmbedder().embed_query("price objection") != FakeEmbedder().embed_query("timing objection")


def embeddings_server(request: httpx2.Request) -> httpx2.Response:
    """An OpenAI-compatible /embeddings in a function, answering with the fake's vectors in reversed order."""
    body = json.loads(request.content)
    vectors = FakeEmbedder(dimension=32).embed_documents(body["input"])
    as_base64 = body.get("encoding_format") == "base64"
    data = [
        {
            "object": "embedding",
            "index": i,
            "embedding": base64.b64encode(np.array(v, dtype="<f4").tobytes()).decode() if as_base64 else v,
        }
        for i, v in enumerate(vectors)
    ]
    usage = {"prompt_tokens": 1, "total_tokens": 1}
    return httpx2.Response(200, json={"object": "list", "data": data[::-1], "model": body["model"], "usage": usage})


class TestOpenAIEmbedder(EmbedderContract):
    """The adapter over a scripted endpoint, which also checks it puts answers back in input order."""

    @pytest.fixture
    def embedder(self) -> Embedder:
        transport = httpx2.MockTransport(embeddings_server)
        client = openai.OpenAI(
            base_url="http://embed.test/v1", api_key="k", max_retries=0, http_client=httpx2.Client(transport=transport)
        )
        return OpenAIEmbedder(client, model="e")  # learns its dimension from the first answer


@pytest.mark.integration
class TestMiniLMEmbedder(EmbedderContract):
    @pytest.fixture(scope="class")
    def embedder(self) -> Embedder:
        from copilot.embeddings.minilm import MiniLMEmbedder

        return MiniLMEmbedder.load(threads=2)
