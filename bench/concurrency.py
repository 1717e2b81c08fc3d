"""N simultaneous roleplay sessions against llama.cpp's OpenAI-compatible server on loopback, through the copilot.

Each session is a `RoleplaySession` with the `openai` backend, configured only through settings as a team server
would be, playing one of the roleplay eval's scripts. Bounded: every session plays a fixed script and stops.
A model error the buyer covered with a curated line still counts as an error here.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.roleplay import Script, scripts
from bench.servers import LoopbackServer, free_port, llama_server, venv_tool
from bench.stats import Samples
from copilot.llm.base import ChatModel, Message
from copilot.llm.llamacpp import bundled_model_path
from copilot.runtime import build_chat_model
from copilot.settings import load_settings

TURNS_PER_SESSION = 4


class Tally:
    """Turn latencies and errors from many threads."""

    def __init__(self) -> None:
        self.latencies = Samples()
        self.errors: list[str] = []
        self.model_pieces = 0
        self._lock = threading.Lock()

    def turn(self, seconds: float, problems: list[str], model_words: bool) -> None:
        """One finished turn; a `model failed` problem is an error even though the buyer still answered."""
        with self._lock:
            self.latencies.add(seconds)
            self.errors += [p for p in problems if p.startswith("model failed")]
            self.model_pieces += int(model_words)

    def error(self, message: str) -> None:
        """A turn that raised."""
        with self._lock:
            self.errors.append(message)


def _session(kb: Any, model: ChatModel, script: Script, tally: Tally) -> None:
    """One rep: open the scenario, then up to TURNS_PER_SESSION turns of the script, then score it."""
    from copilot.errors import CopilotError
    from copilot.roleplay.scenarios import scenario_from_kb
    from copilot.roleplay.session import RoleplaySession

    session = RoleplaySession(kb, scenario_from_kb(kb, script.scenario), model)
    session.open()
    for line in script.lines[:TURNS_PER_SESSION]:
        if session.ended:
            break
        started = time.perf_counter()
        try:
            turn = session.rep_says(line)
        except CopilotError as err:
            tally.error(str(err))
            return
        problems = session.last_line.problems if session.last_line is not None else []
        tally.turn(time.perf_counter() - started, problems, (turn.source or "").startswith("model"))
    session.finish()


def _level(kb: Any, model: ChatModel, played: list[Script], sessions: int) -> dict[str, Any]:
    tally = Tally()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(lambda n: _session(kb, model, played[n % len(played)], tally), range(sessions)))
    wall = time.perf_counter() - started
    turns = len(tally.latencies.seconds)
    return {
        "sessions": sessions,
        "turns": turns,
        "errors": len(tally.errors),
        "first_error": tally.errors[0] if tally.errors else None,
        "wall_s": round(wall, 2),
        "turns_per_s": round(turns / wall, 2) if wall else 0.0,
        "turns_with_model_words": tally.model_pieces,
        "turn_latency": tally.latencies.summary_ms(),
    }


WEB_QUESTION = "How do I open a 1-on-1 with a rep who missed last week's action items?"
WEB_MAX_TOKENS = 64


def _web_level(url: str, sessions: int) -> dict[str, Any]:
    """`sessions` browsers each send one question to the app's /chat at once, through Gradio's queue."""
    from gradio_client import Client

    clients = [Client(url, verbose=False, analytics_enabled=False) for _ in range(sessions)]
    tally = Tally()

    def one(client: Client) -> None:
        started = time.perf_counter()
        try:
            _history, kept = client.predict(WEB_QUESTION, [], api_name="/chat")
        except Exception as exc:  # gradio_client raises many kinds; each is one failed request here
            tally.error(f"{type(exc).__name__}: {str(exc)[:200]}")
            return
        if kept:  # the app keeps the question typed when the answer failed
            tally.error("the app reported a failed answer")
            return
        tally.turn(time.perf_counter() - started, [], True)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(one, clients))
    wall = time.perf_counter() - started
    for client in clients:
        client.close()
    return {
        "sessions": sessions,
        "requests": len(tally.latencies.seconds),
        "errors": len(tally.errors),
        "first_error": tally.errors[0] if tally.errors else None,
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(tally.latencies.seconds) / wall, 2) if wall else 0.0,
        "latency": tally.latencies.summary_ms(),
    }


def _web(llm_url: str, levels: tuple[int, ...], timeout: float) -> dict[str, Any]:
    """`copilot serve` on loopback, configured for the server through COPILOT_* only, driven by gradio_client."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="copilot-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
        env.update(
            {
                "COPILOT_DATA_DIR": str(Path(tmp) / "data"),
                "COPILOT_LLM_BACKEND": "openai",
                "COPILOT_LLM_BASE_URL": llm_url,
                "COPILOT_LLM_MODEL": "smollm2",
                "COPILOT_LLM_API_KEY": "local",
                "COPILOT_LLM_JSON_MODE": "json_object",
                "COPILOT_LLM_TIMEOUT": str(timeout),
                "COPILOT_MAX_TOKENS": str(WEB_MAX_TOKENS),
                "GRADIO_ANALYTICS_ENABLED": "False",
                "HF_HUB_OFFLINE": "1",
                "HF_HUB_DISABLE_TELEMETRY": "1",
            }
        )
        argv = [venv_tool("copilot"), "serve", "--port", str(port)]
        with LoopbackServer(argv, port=port, health="/", timeout=900, env=env) as app:
            _web_level(app.url, 1)  # warm-up, not counted: the app's first answer builds its model client
            results = [_web_level(app.url, n) for n in levels]
    return {"endpoint": "/chat (streamed answer)", "max_tokens": WEB_MAX_TOKENS, "levels": results}


def run(
    *, levels: tuple[int, ...] = (1, 4, 16), threads: int = 0, timeout: float = 300.0, web: bool = True
) -> dict[str, Any]:
    """Start the server, run each level of concurrency in turn (core, then through the web app), stop it."""
    from copilot.records.reference import load_knowledge

    played = scripts(4)
    with llama_server(bundled_model_path(), n_ctx=2048, threads=threads) as server:
        settings = load_settings(
            llm_backend="openai",
            llm_base_url=f"{server.url}/v1",
            llm_model="smollm2",
            llm_api_key="local",
            llm_json_mode="json_object",
            llm_timeout=timeout,
            llm_retries=0,
        )
        kb = load_knowledge(settings)
        model = build_chat_model(settings)
        model.complete([Message("user", "Say hello.")], max_tokens=8)  # warm-up
        results = [_level(kb, model, played, n) for n in levels]
        through_app = _web(f"{server.url}/v1", levels, timeout) if web else None
    return {
        "server": "llama_cpp.server",
        "client": "copilot RoleplaySession over the openai backend (one shared client, one thread per session)",
        "turns_per_session": TURNS_PER_SESSION,
        "scripts": [s.name for s in played],
        "levels": results,
        "web_app": through_app,
    }


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    out = []
    for r in result["levels"]:
        lat = r["turn_latency"]
        out.append(
            f"concurrency {r['sessions']:>2} roleplay sessions x {result['turns_per_session']} turns: "
            f"{r['turns_per_s']} turns/s, turn p50 {lat.get('p50_ms')} ms p95 {lat.get('p95_ms')} ms, "
            f"errors {r['errors']}" + (f" (first: {r['first_error']})" if r["first_error"] else "")
        )
    for r in (result.get("web_app") or {}).get("levels", []):
        lat = r["latency"]
        out.append(
            f"through the web app (Gradio queue) {r['sessions']:>2} simultaneous /chat requests: "
            f"{r['requests_per_s']} requests/s, p50 {lat.get('p50_ms')} ms p95 {lat.get('p95_ms')} ms, "
            f"errors {r['errors']}" + (f" (first: {r['first_error']})" if r["first_error"] else "")
        )
    return out
