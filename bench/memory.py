"""Peak memory of `copilot serve` once it has answered a chat turn (so the model is loaded), read from /proc.

Measured twice on one data folder: the first start (which ingests the knowledge base) and a restart (which
does not), because a team server restarts far more often than it starts for the first time.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.servers import LoopbackServer, free_port, venv_tool

QUESTION = "How do I open a 1-on-1 with a rep who missed last week's action items?"


def status_mb(pid: int, field: str) -> float | None:
    """A `VmHWM:`-style field of /proc/PID/status, in MB (Linux only)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _chat(url: str, message: str) -> str:
    """One turn through the web app's public API, as a browser would trigger it."""
    from gradio_client import Client

    client = Client(url, verbose=False, analytics_enabled=False)
    return str(client.predict(message, [], api_name="/chat"))


def _one_start(data: Path, startup_timeout: float) -> dict[str, Any]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
    env.update(
        {
            "COPILOT_DATA_DIR": str(data),
            "COPILOT_MAX_TOKENS": "64",  # a short answer: weights and the KV cache are allocated at load time
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
            "HF_HUB_DISABLE_TELEMETRY": "1",
        }
    )
    argv = [venv_tool("copilot"), "serve", "--port", str(port)]
    server = LoopbackServer(argv, port=port, health="/", timeout=startup_timeout, env=env)
    started = time.perf_counter()
    with server:
        ready_s = time.perf_counter() - started
        before = status_mb(server.pid, "VmHWM")
        chat_error = None
        chat_started = time.perf_counter()
        try:
            _chat(server.url, QUESTION)
        except Exception as exc:  # gradio_client raises many kinds; the memory figure is still worth reporting
            chat_error = f"{type(exc).__name__}: {str(exc)[:300]}"
        chat_s = time.perf_counter() - chat_started
        return {
            "ready_s": round(ready_s, 2),
            "peak_rss_before_chat_mb": before,
            "chat_s": round(chat_s, 2),
            "chat_error": chat_error,
            "peak_rss_mb": status_mb(server.pid, "VmHWM"),
            "rss_after_chat_mb": status_mb(server.pid, "VmRSS"),
        }


def run(*, startup_timeout: float = 900.0) -> dict[str, Any]:
    """First start on a fresh data folder, then a restart on the same folder; each chats once, then stops."""
    with tempfile.TemporaryDirectory(prefix="copilot-bench-") as tmp:
        data = Path(tmp) / "data"
        return {"first_start": _one_start(data, startup_timeout), "restart": _one_start(data, startup_timeout)}


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    out = []
    for key, label in (("first_start", "first start (ingests the knowledge base)"), ("restart", "restart")):
        r = result[key]
        note = f" (chat failed: {r['chat_error']})" if r.get("chat_error") else ""
        out.append(
            f"copilot serve, {label}: ready in {r['ready_s']} s, peak RSS {r['peak_rss_before_chat_mb']} MB before "
            f"the first chat, {r['peak_rss_mb']} MB after it, model loaded (target <= 1536 MB){note}"
        )
    return out
