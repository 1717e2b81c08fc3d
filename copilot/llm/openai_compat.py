"""Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp server) through the `openai` client."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, Literal

import openai

from copilot.errors import ConfigError, ModelError, ModelTimeoutError, ModelUnavailableError
from copilot.llm.base import ChatBackend, ChatRequest, Completion, Delta

JsonMode = Literal["json_schema", "json_object", "none"]


def _translate(exc: Exception, base_url: str, model: str) -> Exception:
    """Map client errors to copilot errors that say which setting to fix."""
    where = base_url or "api.openai.com"
    if isinstance(exc, openai.APITimeoutError):
        return ModelTimeoutError(
            f"the model endpoint {where} did not answer in time", fix="raise COPILOT_LLM_TIMEOUT or check the server"
        )
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailableError(
            f"cannot reach the model endpoint {where}", fix="start the server or correct COPILOT_LLM_BASE_URL"
        )
    if isinstance(exc, openai.AuthenticationError):
        return ConfigError("COPILOT_LLM_API_KEY", f"rejected by {where}", fix="set a valid API key")
    if isinstance(exc, openai.NotFoundError):
        return ConfigError(
            "COPILOT_LLM_MODEL", f"model {model!r} not found at {where}", fix="set a model the endpoint serves"
        )
    if isinstance(exc, openai.APIStatusError):
        return ModelUnavailableError(
            f"the model endpoint {where} answered HTTP {exc.status_code}", fix="check the server's logs, then retry"
        )
    if isinstance(exc, openai.APIResponseValidationError | ValueError | KeyError | TypeError | IndexError):
        return ModelError(f"the model endpoint {where} sent a malformed response", fix="check it is OpenAI-compatible")
    return ModelError(f"the model call failed: {exc}", fix="check the model endpoint")


class OpenAIChatModel(ChatBackend):
    """Adapter over an injected `openai.OpenAI` client; timeouts and retries with backoff are the client's."""

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        model: str,
        context_window: int = 8192,
        max_tokens: int = 512,
        temperature: float = 0.2,
        json_mode: JsonMode = "json_schema",
        deadline: float | None = None,
    ) -> None:
        self._client = client
        self.name = model
        self.context_window = context_window
        self.default_max_tokens = max_tokens
        self.default_temperature = temperature
        self.json_mode = json_mode
        if deadline is None:
            timeout = client.timeout
            deadline = float(timeout) * 3 if isinstance(timeout, int | float) else 180.0
        self.deadline = deadline

    @property
    def base_url(self) -> str:
        """The endpoint, for messages."""
        return str(self._client.base_url)

    def _request(self, request: ChatRequest) -> dict[str, Any]:
        """The body both calls send, with the schema (if any) in the shape this endpoint takes."""
        body: dict[str, Any] = {
            "model": self.name,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            # llama.cpp's server ignores max_completion_tokens, so send the classic field.
            "max_tokens": request.max_tokens or self.default_max_tokens,
            "temperature": self.default_temperature if request.temperature is None else request.temperature,
        }
        if request.json_schema is not None and (fmt := self._response_format(request.json_schema)) is not None:
            body["response_format"] = fmt
        return body

    def _response_format(self, json_schema: dict[str, Any]) -> dict[str, Any] | None:
        if self.json_mode == "json_schema":
            name = str(json_schema.get("title", "answer"))[:64] or "answer"
            return {"type": "json_schema", "json_schema": {"name": name, "schema": json_schema, "strict": False}}
        if self.json_mode == "json_object":
            # llama.cpp server and some others take the schema inside json_object.
            return {"type": "json_object", "schema": json_schema}
        return None

    def _complete_once(self, request: ChatRequest) -> Completion:
        """One blocking chat completion, which also reports the token counts; errors come back as copilot errors."""
        try:
            response = self._client.chat.completions.create(**self._request(request))
            choice = response.choices[0]
            usage = response.usage
            return Completion(
                text=choice.message.content or "",
                finish_reason=choice.finish_reason or "stop",
                model=response.model or self.name,
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
            )
        except (openai.OpenAIError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            raise _translate(exc, self.base_url, self.name) from exc

    def _stream_chunks(self, request: ChatRequest) -> Iterator[Delta]:
        """The endpoint's chunks as deltas; faults mid-stream (timeout, dropped connection, garbage) are translated.

        A stream that trickles past the deadline is cut with a timeout error.
        """
        started = time.monotonic()
        chunks = None
        answered = False
        try:
            chunks = self._client.chat.completions.create(stream=True, **self._request(request))
            for chunk in chunks:
                if time.monotonic() - started > self.deadline:
                    raise ModelTimeoutError(
                        f"the model endpoint {self.base_url} streamed for over {self.deadline:.0f} s",
                        fix="raise COPILOT_LLM_TIMEOUT or lower COPILOT_MAX_TOKENS",
                    )
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                piece = choice.delta.content if choice.delta is not None else None
                if piece or choice.finish_reason:
                    answered = True
                    yield Delta(piece or "", finish_reason=choice.finish_reason)
        except (openai.OpenAIError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            if answered and type(exc) is openai.APIConnectionError:
                raise ModelUnavailableError(
                    f"the model endpoint {self.base_url} dropped the connection mid-answer",
                    fix="check the server is still running and its logs, then retry",
                ) from exc
            raise _translate(exc, self.base_url, self.name) from exc
        finally:
            if chunks is not None:
                chunks.close()  # also when the caller stops reading: frees the connection at once
