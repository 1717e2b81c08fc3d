"""Plain handler functions the Blocks call; no gradio imports, so they are testable without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from copilot import prompts
from copilot.errors import CopilotError
from copilot.llm.base import Message
from copilot.runtime import Runtime


def chat_reply(runtime: Runtime, message: str, history: list[dict[str, Any]]) -> Iterator[tuple[str, bool]]:
    """Stream (answer so far, failed) for `message`; errors become readable text and `failed` keeps the input typed."""
    if not message.strip():
        yield "Type a question first.", True
        return
    messages = [Message("system", prompts.render("chat.system.md", company=""))]
    for turn in history[-6:]:
        role = turn.get("role")
        content = turn.get("content")
        if role in ("user", "assistant") and isinstance(content, str):
            messages.append(Message(role, content))
    messages.append(Message("user", message))
    text = ""
    try:
        for piece in runtime.chat_model.stream(messages):
            text += piece
            yield text, False
    except CopilotError as err:
        yield (text + "\n\n" if text else "") + f"⚠ {err.message}" + (f" (fix: {err.fix})" if err.fix else ""), True


def status_markdown(runtime: Runtime) -> str:
    """A short status block for the header."""
    s = runtime.settings
    model = s.llm_model or "bundled SmolLM2-135M-Instruct" if s.llm_backend == "llamacpp" else s.llm_model
    return f"**Model:** {s.llm_backend} · {model} &nbsp;|&nbsp; **Data:** `{s.data_dir}`"
