"""Embeddings from any OpenAI-compatible endpoint, for teams that prefer a hosted or shared embedder."""

from __future__ import annotations

from collections.abc import Sequence

import openai

from copilot.errors import ModelError, ModelUnavailableError


class OpenAIEmbedder:
    """Adapter over an injected `openai.OpenAI` client; batches of 256 texts."""

    def __init__(self, client: openai.OpenAI, *, model: str, dimension: int = 0) -> None:
        self._client = client
        self.model = model
        self.name = f"openai-{model}"
        self.dimension = dimension

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed in batches, keeping input order."""
        out: list[list[float]] = []
        for start in range(0, len(texts), 256):
            batch = [t or " " for t in texts[start : start + 256]]
            try:
                response = self._client.embeddings.create(model=self.model, input=batch)
            except openai.APIConnectionError as exc:
                raise ModelUnavailableError(
                    f"cannot reach the embeddings endpoint {self._client.base_url}",
                    fix="start it, fix COPILOT_EMBEDDING_BASE_URL, or set COPILOT_EMBEDDING_BACKEND=minilm",
                ) from exc
            except openai.OpenAIError as exc:
                raise ModelError(f"the embeddings call failed: {exc}", fix="check COPILOT_EMBEDDING_MODEL") from exc
            out.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        if out:
            self.dimension = len(out[0])
        return out

    def embed_query(self, text: str) -> list[float]:
        """Embed one query."""
        return self.embed_documents([text])[0]
