"""Builds the clients named by the settings, lazily, so commands only load what they use."""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING, Any

from copilot.embeddings.base import Embedder
from copilot.errors import ConfigError
from copilot.index.base import VectorIndex
from copilot.llm.base import ChatModel
from copilot.settings import Settings

if TYPE_CHECKING:
    from copilot.retrieval.search import Retriever


def build_chat_model(settings: Settings) -> ChatModel:
    """The chat model the settings name."""
    if settings.llm_backend == "llamacpp":
        from copilot.llm.llamacpp import LlamaCppChatModel

        return LlamaCppChatModel.load(
            settings.llm_model or None,
            context_window=settings.context_window,
            threads=settings.resolved_threads,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
        )
    if settings.llm_backend == "openai":
        import openai

        from copilot.llm.openai_compat import OpenAIChatModel

        if not settings.llm_model:
            raise ConfigError(
                "COPILOT_LLM_MODEL",
                "no model name set for the openai backend",
                fix="set COPILOT_LLM_MODEL to a model the endpoint serves",
            )
        client = openai.OpenAI(
            base_url=settings.llm_base_url or None,
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
        )
        return OpenAIChatModel(
            client,
            model=settings.llm_model,
            context_window=settings.context_window,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            json_mode=settings.llm_json_mode,
        )
    from copilot.llm.fake import FakeChatModel

    return FakeChatModel(default="This is the fake model's answer.")


def build_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name."""
    if settings.embedding_backend == "minilm":
        from copilot.embeddings.minilm import MiniLMEmbedder

        return MiniLMEmbedder.load(threads=settings.resolved_threads)
    if settings.embedding_backend == "openai":
        import openai

        from copilot.embeddings.openai_embed import OpenAIEmbedder

        client = openai.OpenAI(
            base_url=(settings.embedding_base_url or settings.llm_base_url) or None,
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
        )
        return OpenAIEmbedder(client, model=settings.embedding_model)
    from copilot.embeddings.fake import FakeEmbedder

    return FakeEmbedder()


def build_index(settings: Settings, embedder_name: str) -> VectorIndex:
    """The Chroma collection for this embedder (vectors of different embedders never mix)."""
    from copilot.index.chroma import ChromaIndex, chroma_client

    client = chroma_client(path=settings.chroma_path, url=settings.chroma_url)
    safe = "".join(ch if ch.isalnum() else "-" for ch in embedder_name).strip("-")
    return ChromaIndex(client, f"{settings.chroma_collection}-{safe}"[:120])


class Runtime:
    """One per process: the settings plus the clients built from them on first use (thread-safe)."""

    def __init__(self, settings: Settings, **injected: Any) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        for name, value in injected.items():  # tests inject fakes: Runtime(s, chat_model=FakeChatModel())
            self.__dict__[name] = value

    @cached_property
    def chat_model(self) -> ChatModel:
        """The chat model, loaded once."""
        with self._lock:
            return build_chat_model(self.settings)

    @cached_property
    def embedder(self) -> Embedder:
        """The embedder, loaded once."""
        with self._lock:
            return build_embedder(self.settings)

    @cached_property
    def index(self) -> VectorIndex:
        """The vector index, opened once."""
        with self._lock:
            return build_index(self.settings, self.embedder.name)

    @cached_property
    def retriever(self) -> Retriever:
        """Search over the knowledge index."""
        from copilot.retrieval.search import Retriever

        with self._lock:
            return Retriever(self.embedder, self.index)
