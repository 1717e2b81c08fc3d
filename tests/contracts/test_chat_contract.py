"""What every ChatModel promises, as one suite run against each backend: the fake always, llama.cpp as integration.

A backend's subclass supplies two fixtures: `model`, answering every request deterministically at temperature 0
and honouring max_tokens, and `failing`, a model and messages whose every call fails at the endpoint. The suite
asks only what callers rely on (copilot.llm.structured, prep's streamed brief, the roleplay buyer), so it stays
cheap enough to run on the real embedded model.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Literal

import httpx2
import openai
import pytest
from pydantic import BaseModel

from copilot.errors import ModelError, ModelUnavailableError
from copilot.llm.base import ChatModel, Completion, Message, system, user
from copilot.llm.fake import FakeChatModel
from copilot.llm.openai_compat import OpenAIChatModel
from copilot.llm.partial_json import PartialJsonScanner, Path

ASK = [system("You are a sales coach. Answer briefly."), user("How should a rep open a discovery call?")]
ASK_JSON = [
    system("Reply with a JSON object with the keys skill and reason."),
    user("The rep started the call without saying what it was for. Which skill needs coaching?"),
]
TEXT_TOKENS = 12  # enough for a few pieces, few enough for the embedded model to stay quick
JSON_TOKENS = 40
ANSWER = '{"skill": "agenda", "reason": "The rep opened the call without saying what it was for."}'


class Advice(BaseModel):
    """The schema the JSON calls ask for; its enum is what a grammar-constrained backend must keep to."""

    skill: Literal["agenda", "next-steps", "objection-handling"]
    reason: str


def _strings(value: Any, path: Path = ()) -> list[tuple[Path, str]]:
    """Every string value of a parsed document with its path, in order: what the partial scanner must report."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, (*path, k))]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _strings(v, (*path, i))]
    return []


class ChatContract:
    """The tests every chat backend must pass; subclasses override the fixtures below."""

    counts_tokens = False  # whether `complete` reports prompt and completion token counts

    @pytest.fixture
    def model(self) -> ChatModel:
        """A backend that answers every request, the same way each time at temperature 0."""
        raise NotImplementedError

    @pytest.fixture
    def failing(self) -> tuple[ChatModel, list[Message]]:
        """A backend and messages for which every call fails at the endpoint (down, refused, too long)."""
        raise NotImplementedError

    def test_is_a_chat_model_with_a_name_and_a_window(self, model: ChatModel) -> None:
        assert isinstance(model, ChatModel)
        assert model.name and model.context_window > 0

    def test_complete_returns_text_and_why_it_stopped(self, model: ChatModel) -> None:
        answer = model.complete(ASK, max_tokens=TEXT_TOKENS, temperature=0.0)
        assert isinstance(answer, Completion) and answer.text.strip() and answer.model
        assert answer.finish_reason in {"stop", "length"}
        if self.counts_tokens:
            assert answer.prompt_tokens > 5 and 0 < answer.completion_tokens <= TEXT_TOKENS

    def test_the_stream_joined_is_the_complete_answer(self, model: ChatModel) -> None:
        pieces = list(model.stream(ASK, max_tokens=TEXT_TOKENS, temperature=0.0))
        assert len(pieces) >= 2 and all(isinstance(p, str) and p for p in pieces)
        assert "".join(pieces) == model.complete(ASK, max_tokens=TEXT_TOKENS, temperature=0.0).text

    def test_stream_json_comes_in_pieces_that_parse_as_they_arrive(self, model: ChatModel) -> None:
        schema = Advice.model_json_schema()
        deltas = list(model.stream_json(ASK_JSON, json_schema=schema, max_tokens=JSON_TOKENS, temperature=0.0))
        assert len(deltas) >= 3 and all(d.text for d in deltas[:-1]) and deltas[-1].text == ""
        assert deltas[-1].finish_reason in {"stop", "length"}
        assert all(d.finish_reason is None for d in deltas[:-1])
        scanner = PartialJsonScanner()
        found = [s for d in deltas for s in scanner.feed(d.text)]
        if deltas[-1].finish_reason == "stop":
            text = "".join(d.text for d in deltas)
            assert found == _strings(json.loads(text))  # each string was reported as it closed, none missed
            assert Advice.model_validate_json(text).skill in {"agenda", "next-steps", "objection-handling"}

    def test_an_answer_cut_at_max_tokens_says_length(self, model: ChatModel) -> None:
        assert model.complete(ASK, max_tokens=3, temperature=0.0).finish_reason == "length"
        deltas = list(model.stream_json(ASK_JSON, json_schema=Advice.model_json_schema(), max_tokens=3))
        assert deltas[-1].finish_reason == "length"

    def test_a_stream_closed_early_leaves_the_backend_free_for_the_next_call(self, model: ChatModel) -> None:
        stream = model.stream(ASK, max_tokens=TEXT_TOKENS, temperature=0.0)
        assert next(stream)
        stream.close()  # type: ignore[attr-defined]  # as the roleplay buyer does when a sentence fails its checks
        answers: list[Completion] = []
        after = threading.Thread(target=lambda: answers.append(model.complete(ASK, max_tokens=3)), daemon=True)
        after.start()
        after.join(timeout=60)
        assert answers and answers[0].text, "the next call waited on the stream that was closed"

    @pytest.mark.parametrize("call", ["complete", "stream", "stream_json"])
    def test_endpoint_faults_are_model_errors_that_name_the_fix(
        self, failing: tuple[ChatModel, list[Message]], call: str
    ) -> None:
        model, messages = failing
        calls: dict[str, Callable[[], object]] = {
            "complete": lambda: model.complete(messages, max_tokens=8),
            "stream": lambda: list(model.stream(messages, max_tokens=8)),
            "stream_json": lambda: list(model.stream_json(messages, json_schema={"type": "object"}, max_tokens=8)),
        }
        with pytest.raises(ModelError) as info:
            calls[call]()
        assert info.value.fix


class TestFakeChatModel(ChatContract):
    @pytest.fixture
    def model(self) -> ChatModel:
        return FakeChatModel(default=ANSWER, cut_at_max_tokens=True)

    @pytest.fixture
    def failing(self) -> tuple[ChatModel, list[Message]]:
        return FakeChatModel(default=None), ASK  # nothing queued: the fake's own "no reply" error


def openai_server(request: httpx2.Request) -> httpx2.Response:
    """An OpenAI-compatible endpoint in a function: ANSWER cut at max_tokens words, blocking or streamed."""
    body = json.loads(request.content)
    words = ANSWER.split(" ")
    kept = words[: body["max_tokens"]]
    finish = "length" if len(kept) < len(words) else "stop"
    head = {"id": "c", "created": 0, "model": body["model"]}
    if not body.get("stream"):
        message = {"role": "assistant", "content": " ".join(kept)}
        usage = {"prompt_tokens": 9, "completion_tokens": len(kept), "total_tokens": 9 + len(kept)}
        choice = {"index": 0, "message": message, "finish_reason": finish}
        return httpx2.Response(200, json={**head, "object": "chat.completion", "choices": [choice], "usage": usage})
    events = []
    for i, word in enumerate(kept):
        last = i == len(kept) - 1
        delta = {"content": word if last else word + " "}
        choice = {"index": 0, "delta": delta, "finish_reason": finish if last else None}
        events.append(f"data: {json.dumps({**head, 'object': 'chat.completion.chunk', 'choices': [choice]})}\n\n")
    content = "".join([*events, "data: [DONE]\n\n"]).encode()
    return httpx2.Response(200, content=content, headers={"content-type": "text/event-stream"})


def _openai(handler: Callable[[httpx2.Request], httpx2.Response]) -> OpenAIChatModel:
    client = openai.OpenAI(
        base_url="http://llm.test/v1",
        api_key="k",
        max_retries=0,
        timeout=2.0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),  # type: ignore[arg-type]
    )
    return OpenAIChatModel(client, model="m")


class TestOpenAIChatModel(ChatContract):
    """The adapter over a scripted OpenAI-compatible endpoint; tests/test_scale_llm.py runs a real server."""

    counts_tokens = True

    @pytest.fixture
    def model(self) -> ChatModel:
        return _openai(openai_server)

    @pytest.fixture
    def failing(self) -> tuple[ChatModel, list[Message]]:
        def refused(request: httpx2.Request) -> httpx2.Response:
            raise httpx2.ConnectError("refused", request=request)

        return _openai(refused), ASK

    def test_a_refused_connection_is_unavailable(self, failing: tuple[ChatModel, list[Message]]) -> None:
        with pytest.raises(ModelUnavailableError):
            failing[0].complete(ASK)


@pytest.mark.integration
class TestLlamaCppChatModel(ChatContract):
    """The embedded model on the bundled SmolLM2, loaded once for the class."""

    counts_tokens = True

    @pytest.fixture(scope="class")
    def model(self) -> ChatModel:
        from copilot.llm.llamacpp import LlamaCppChatModel

        return LlamaCppChatModel.load(threads=2, context_window=1024)

    @pytest.fixture
    def failing(self, model: ChatModel) -> tuple[ChatModel, list[Message]]:
        return model, [user("coaching " * 3000)]  # far past the 1,024-token window
