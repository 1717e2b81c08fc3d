"""Plain handler functions the Blocks call; no gradio imports, so they are testable without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from copilot.app import App
from copilot.errors import CopilotError
from copilot.runtime import Runtime


def chat_reply(app: App, message: str, history: list[dict[str, Any]]) -> Iterator[tuple[str, bool]]:
    """Yield (text so far, failed): an answer from the knowledge base with the ids it cites, like `copilot ask`.

    Each question is answered on its own from what retrieval finds (the history is not sent: an answer must
    rest on cited passages, not on an earlier answer). `failed` is true when the model could not answer, so
    the page keeps the question typed for a retry; the curated passages are still shown.
    """
    from copilot.app.ask import ask

    if not message.strip():
        yield "Type a question first.", True
        return
    yield "Searching the knowledge base…", False
    try:
        result = ask(app, message)
    except CopilotError as err:
        yield f"⚠ {err.message}" + (f" (fix: {err.fix})" if err.fix else ""), True
        return
    titles = {r.item_id: r.title for r in result.retrieved}
    lines = [result.answer]
    if result.citations:
        lines += ["", "**Sources:** " + "; ".join(f"{titles.get(c, c)} `[{c}]`" for c in result.citations)]
    failure = next((n for n in result.notes if n.startswith("model failed")), None)
    if failure:
        lines += [
            "",
            f"⚠ {failure[len('model failed: ') :]} — the passages above are shown instead; send again to retry.",
        ]
    yield "\n".join(lines), failure is not None


def status_markdown(runtime: Runtime) -> str:
    """A short status block for the header."""
    s = runtime.settings
    if s.llm_model:
        model = s.llm_model
    else:
        model = "bundled SmolLM2-135M-Instruct" if s.llm_backend == "llamacpp" else "(no model name set)"
    from copilot.model_use import summary

    return f"**Model:** {s.llm_backend} · {model} ({summary(s)}) &nbsp;|&nbsp; **Data:** `{s.data_dir}`"
