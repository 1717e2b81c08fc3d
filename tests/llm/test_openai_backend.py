"""The OpenAI-compatible adapter against a scripted HTTP transport: success, streaming, and every fault mapped."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx2
import openai
import pytest

from copilot.errors import ConfigError, ModelError, ModelTimeoutError, ModelUnavailableError
from copilot.llm.base import Message
from copilot.llm.openai_compat import OpenAIChatModel

Handler = Callable[[httpx2.Request], httpx2.Response]
HELLO = [Message("user", "hello")]


def _completion(text: str, finish: str = "stop") -> dict[str, object]:
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }


def _model(handler: Handler, *, retries: int = 0, json_mode: str = "json_schema") -> OpenAIChatModel:
    client = openai.OpenAI(
        base_url="http://llm.test/v1",
        api_key="k",
        max_retries=retries,
        timeout=2.0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
    )
    return OpenAIChatModel(client, model="m", json_mode=json_mode)  # type: ignore[arg-type]


def test_complete_sends_max_tokens_and_returns_text() -> None:
    seen: list[dict[str, object]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(json.loads(request.content))
        return httpx2.Response(200, json=_completion("hi there"))

    result = _model(handler).complete(HELLO, max_tokens=17)
    assert result.text == "hi there" and result.finish_reason == "stop" and result.prompt_tokens == 3
    assert seen[0]["max_tokens"] == 17


@pytest.mark.parametrize(("mode", "expected_type"), [("json_schema", "json_schema"), ("json_object", "json_object")])
def test_schema_is_sent_in_the_configured_shape(mode: str, expected_type: str) -> None:
    seen: list[dict[str, object]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(json.loads(request.content))
        return httpx2.Response(200, json=_completion("{}"))

    _model(handler, json_mode=mode).complete(HELLO, json_schema={"type": "object", "title": "Q"})
    fmt = seen[0]["response_format"]
    assert isinstance(fmt, dict) and fmt["type"] == expected_type


def test_server_error_is_unavailable_after_retries() -> None:
    calls = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        calls.append(1)
        return httpx2.Response(500, json={"error": {"message": "boom"}})

    with pytest.raises(ModelUnavailableError) as info:
        _model(handler, retries=1).complete(HELLO)
    assert "HTTP 500" in str(info.value)
    assert len(calls) == 2  # one retry, bounded


def test_garbage_body_is_a_model_error() -> None:
    with pytest.raises(ModelError):
        _model(lambda r: httpx2.Response(200, content=b"<html>proxy error</html>")).complete(HELLO)


def test_timeout_is_named() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("slow", request=request)

    with pytest.raises(ModelTimeoutError):
        _model(handler).complete(HELLO)


def test_connection_refused_says_to_start_the_server() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused", request=request)

    with pytest.raises(ModelUnavailableError) as info:
        _model(handler).complete(HELLO)
    assert "COPILOT_LLM_BASE_URL" in str(info.value)


@pytest.mark.parametrize(("status", "setting"), [(401, "COPILOT_LLM_API_KEY"), (404, "COPILOT_LLM_MODEL")])
def test_auth_and_unknown_model_name_the_setting(status: int, setting: str) -> None:
    with pytest.raises(ConfigError) as info:
        _model(lambda r: httpx2.Response(status, json={"error": {"message": "no"}})).complete(HELLO)
    assert info.value.setting == setting


def _sse(pieces: list[str], finish: str = "stop") -> list[bytes]:
    """An OpenAI-style event stream: one chunk per piece, then the finish reason, then [DONE]."""
    events = []
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        chunk = {
            "id": "s",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "m",
            "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": finish if last else None}],
        }
        events.append(f"data: {json.dumps(chunk)}\n\n".encode())
    return [*events, b"data: [DONE]\n\n"]


def _streaming(body: Callable[[httpx2.Request], object], seen: list[dict[str, object]] | None = None) -> Handler:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if seen is not None:
            seen.append(json.loads(request.content))
        return httpx2.Response(200, content=body(request), headers={"content-type": "text/event-stream"})  # type: ignore[arg-type]

    return handler


def test_stream_json_sends_the_schema_and_ends_with_the_finish_reason() -> None:
    seen: list[dict[str, object]] = []
    model = _model(_streaming(lambda r: b"".join(_sse(['{"text": ', '"Why?"}'], finish="length")), seen))
    deltas = list(model.stream_json(HELLO, json_schema={"type": "object", "title": "Q"}, max_tokens=9))
    assert "".join(d.text for d in deltas) == '{"text": "Why?"}'
    assert deltas[-1].finish_reason == "length" and all(d.finish_reason is None for d in deltas[:-1])
    fmt = seen[0]["response_format"]
    assert isinstance(fmt, dict) and fmt["type"] == "json_schema" and seen[0]["stream"] is True
    assert seen[0]["max_tokens"] == 9


def _then(first: list[bytes], fault: Callable[[httpx2.Request], Exception]) -> Callable[[httpx2.Request], object]:
    """A body that sends `first`, then fails the way a real connection does."""

    def body(request: httpx2.Request) -> object:
        def stream() -> Iterator[bytes]:
            yield from first
            raise fault(request)

        return stream()

    return body


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        (lambda r: httpx2.ReadTimeout("slow", request=r), ModelTimeoutError, "did not answer in time"),
        (
            lambda r: httpx2.RemoteProtocolError("peer closed connection", request=r),
            ModelUnavailableError,
            "dropped the connection mid-answer",
        ),
        (lambda r: httpx2.ReadError("reset by peer", request=r), ModelUnavailableError, "dropped the connection"),
    ],
)
def test_a_fault_mid_stream_is_a_copilot_error_after_the_pieces_already_sent(
    fault: Callable[[httpx2.Request], Exception], error: type[Exception], words: str
) -> None:
    model = _model(_streaming(_then(_sse(['{"questions": [{"text": "What', ' next?"'])[:2], fault)))
    got: list[str] = []
    with pytest.raises(error) as info:
        for delta in model.stream_json(HELLO, json_schema={"type": "object"}):
            got.append(delta.text)
    assert "".join(got) == '{"questions": [{"text": "What next?"'
    assert words in str(info.value) and info.value.fix  # type: ignore[attr-defined]


def test_garbage_mid_stream_is_a_model_error() -> None:
    body = [*_sse(['{"questions": '])[:1], b"data: <html>502 Bad Gateway</html>\n\n"]
    model = _model(_streaming(lambda r: b"".join(body)))
    got: list[str] = []
    with pytest.raises(ModelError) as info:
        for delta in model.stream_json(HELLO, json_schema={"type": "object"}):
            got.append(delta.text)
    assert got == ['{"questions": '] and "malformed response" in str(info.value)
