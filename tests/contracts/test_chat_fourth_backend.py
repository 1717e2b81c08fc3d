"""A fourth chat backend in about 60 lines, passing the same contract: ChatBackend leaves one method to write.

OllamaChatModel speaks Ollama's native /api/chat (one JSON object per streamed line) through an injected httpx
client; `complete`, `stream` and `stream_json` all come from copilot.llm.base.ChatBackend. The test serves it
from a function, so no socket opens.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from contracts.test_chat_contract import ANSWER, ASK, ChatContract

from copilot.errors import ModelError, ModelTimeoutError, ModelUnavailableError
from copilot.llm.base import ChatBackend, ChatModel, ChatRequest, Delta, Message


class OllamaChatModel(ChatBackend):
    """Ollama's native chat endpoint; the client's base_url and timeout are the caller's."""

    def __init__(self, client: httpx.Client, *, model: str, context_window: int = 8192, max_tokens: int = 512) -> None:
        self._client = client
        self.name = model
        self.context_window = context_window
        self.default_max_tokens = max_tokens

    def _stream_chunks(self, request: ChatRequest) -> Iterator[Delta]:
        """POST the chat and yield each line's piece; the last line (done) says why it stopped."""
        body: dict[str, Any] = {
            "model": self.name,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "options": {"num_predict": request.max_tokens or self.default_max_tokens},
        }
        if request.temperature is not None:
            body["options"]["temperature"] = request.temperature
        if request.json_schema is not None:
            body["format"] = request.json_schema  # Ollama constrains the output to a JSON schema given here
        where = str(self._client.base_url)
        try:
            with self._client.stream("POST", "/api/chat", json=body) as response:
                response.raise_for_status()
                for line in response.iter_lines():
                    if line.strip():
                        chunk = json.loads(line)
                        finish = (chunk.get("done_reason") or "stop") if chunk.get("done") else None
                        yield Delta(chunk.get("message", {}).get("content", ""), finish_reason=finish)
        except httpx.TimeoutException as exc:
            raise ModelTimeoutError(f"{where} did not answer in time", fix="raise the client's timeout") from exc
        except httpx.ConnectError as exc:
            raise ModelUnavailableError(f"cannot reach {where}", fix="start Ollama (`ollama serve`)") from exc
        except httpx.HTTPStatusError as exc:
            raise ModelUnavailableError(
                f"{where} answered HTTP {exc.response.status_code}", fix=f"check `ollama pull {self.name}` ran"
            ) from exc
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            raise ModelError(f"{where} sent a malformed response", fix="check it is an Ollama server") from exc


def ollama_server(request: httpx.Request) -> httpx.Response:
    """Ollama's /api/chat in a function: ANSWER cut at num_predict words, one line per word, then a done line."""
    body = json.loads(request.content)
    words = ANSWER.split(" ")
    kept = words[: body["options"]["num_predict"]]
    lines = [
        {"message": {"role": "assistant", "content": w if i == len(kept) - 1 else w + " "}, "done": False}
        for i, w in enumerate(kept)
    ]
    lines.append(
        {
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "length" if len(kept) < len(words) else "stop",
        }
    )
    return httpx.Response(200, content="".join(json.dumps(line) + "\n" for line in lines).encode())


def _ollama(handler: Any) -> OllamaChatModel:
    client = httpx.Client(base_url="http://ollama.test:11434", transport=httpx.MockTransport(handler))
    return OllamaChatModel(client, model="llama3.2")


class TestOllamaChatModel(ChatContract):
    @pytest.fixture
    def model(self) -> ChatModel:
        return _ollama(ollama_server)

    @pytest.fixture
    def failing(self) -> tuple[ChatModel, list[Message]]:
        def refused(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("refused", request=request)

        return _ollama(refused), ASK


def test_a_server_error_names_the_model_to_pull() -> None:
    model = _ollama(lambda r: httpx.Response(404, json={"error": "model not found"}))
    with pytest.raises(ModelUnavailableError) as info:
        model.complete(ASK)
    assert "ollama pull llama3.2" in str(info.value)


def test_garbage_is_a_model_error() -> None:
    with pytest.raises(ModelError) as info:
        list(_ollama(lambda r: httpx.Response(200, content=b"<html>proxy</html>\n")).stream(ASK))
    assert "malformed" in str(info.value)
