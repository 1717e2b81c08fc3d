"""Starts the web app: loads nothing at import, binds to 127.0.0.1 by default."""

from __future__ import annotations

import os

from copilot.runtime import Runtime
from copilot.settings import Settings


def serve(settings: Settings, *, host: str, port: int, block: bool = True) -> object:
    """Launch Gradio on host:port with analytics off."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from copilot.bootstrap import ensure_demo_team_loaded, ensure_knowledge_loaded
    from ui.app import build_app

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    runtime = Runtime(settings)
    print(ensure_knowledge_loaded(runtime), flush=True)
    print(ensure_demo_team_loaded(runtime), flush=True)
    app = build_app(runtime)
    app.queue(default_concurrency_limit=4)
    print(f"Sales Coaching Copilot on http://{host}:{port} (Ctrl+C to stop)", flush=True)
    return app.launch(server_name=host, server_port=port, prevent_thread_lock=not block, show_error=True, quiet=True)
