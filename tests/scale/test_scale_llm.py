"""The copilot on an OpenAI-compatible server: llama.cpp's own server on loopback stands in for vLLM or OpenAI.

Configured only through COPILOT_* settings, as a team would configure it; complete, stream, structured output
and the timeout all go through copilot's OpenAIChatModel.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from bench.servers import LoopbackServer, llama_server
from copilot.errors import ModelTimeoutError
from copilot.llm.base import ChatModel, Message
from copilot.llm.llamacpp import bundled_model_path
from copilot.llm.openai_compat import OpenAIChatModel
from copilot.llm.structured import generate_structured
from copilot.runtime import Runtime
from copilot.settings import load_settings

pytestmark = [pytest.mark.server, pytest.mark.enable_socket, pytest.mark.integration]

QUESTION = [
    Message("system", "You are a sales coach. Answer briefly."),
    Message("user", "How should a rep open a discovery call?"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    """llama.cpp's server with the bundled SmolLM2, stopped when the module is done."""
    with llama_server(bundled_model_path(), n_ctx=2048) as running:
        yield running


def _team_settings(monkeypatch: pytest.MonkeyPatch, server: LoopbackServer, timeout: str = "120") -> Runtime:
    """A runtime built from the environment exactly as docs/deployment.md sets it."""
    for key, value in {
        "COPILOT_LLM_BACKEND": "openai",
        "COPILOT_LLM_BASE_URL": f"{server.url}/v1",
        "COPILOT_LLM_MODEL": "smollm2",
        "COPILOT_LLM_API_KEY": "local",
        "COPILOT_LLM_JSON_MODE": "json_object",
        "COPILOT_LLM_TIMEOUT": timeout,
        "COPILOT_LLM_RETRIES": "0",
    }.items():
        monkeypatch.setenv(key, value)
    return Runtime(load_settings())


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch, server: LoopbackServer) -> ChatModel:
    chat_model = _team_settings(monkeypatch, server).chat_model
    assert isinstance(chat_model, OpenAIChatModel)
    return chat_model


def test_complete_answers_and_respects_max_tokens(model: ChatModel) -> None:
    capped = model.complete(QUESTION, max_tokens=12)
    assert capped.text.strip()
    assert capped.completion_tokens <= 12 and capped.finish_reason == "length"
    assert capped.prompt_tokens > 10


def test_streaming_yields_the_answer_in_pieces(model: ChatModel) -> None:
    pieces = list(model.stream(QUESTION, max_tokens=24))
    assert len(pieces) > 3 and "".join(pieces).strip()


class Focus(BaseModel):
    """Which skill to coach; the enum is what the server's grammar must enforce."""

    skill: Literal["agenda", "next-steps", "objection-handling"]
    reason: str = Field(max_length=120)


def test_structured_output_is_valid_through_the_server(model: ChatModel) -> None:
    messages = [
        Message("system", "Reply with a JSON object with the keys skill and reason."),
        Message("user", "The rep started the call without saying what it was for. Which skill needs coaching?"),
    ]
    focus = generate_structured(model, messages, Focus, attempts=2, max_tokens=120)
    assert focus.skill in {"agenda", "next-steps", "objection-handling"} and len(focus.reason) <= 120


def test_a_slow_answer_times_out_with_a_named_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Its own server: the abandoned long generation must not hold up the other tests' server.
    with llama_server(bundled_model_path(), n_ctx=2048) as slow:
        model = _team_settings(monkeypatch, slow, timeout="0.5").chat_model
        long_task = [Message("user", "Write a very long story about a sales team, at least two thousand words.")]
        started = time.monotonic()
        with pytest.raises(ModelTimeoutError) as info:
            model.complete(long_task, max_tokens=1800, temperature=0.8)
        waited = time.monotonic() - started
    assert "COPILOT_LLM_TIMEOUT" in str(info.value)
    assert waited < 15  # bounded by the setting, not by the 1,800-token generation
