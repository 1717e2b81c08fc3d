"""Starts the web app: loads nothing at import, binds to 127.0.0.1 by default, asks for sign-in in team mode."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from copilot.errors import ConfigError
from copilot.runtime import Runtime
from copilot.settings import Settings
from ui.web_guard import is_loopback

if TYPE_CHECKING:
    import gradio as gr

    from ui.context import UIContext


def launch(
    runtime: Runtime, *, host: str = "127.0.0.1", port: int | None = None, block: bool = False, quiet: bool = True
) -> tuple[gr.Blocks, UIContext, str]:
    """Build and launch the app (with the store's sign-in when COPILOT_AUTH=team); returns the app, context and URL.

    The Gradio app is mounted inside a FastAPI app whose outermost layer is ui.web_guard.RequestGuard: Host and
    Origin allow-lists, SameSite/Secure cookies and session revocation apply before Gradio sees a request.
    """
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI
    from gradio import http_server
    from starlette.middleware.cors import CORSMiddleware
    from starlette.routing import Mount

    from ui.app import CSS, build
    from ui.auth import AUTH_MESSAGE, auth_callback
    from ui.tempfiles import use_private_gradio_cache
    from ui.web_guard import RequestGuard, SessionCheck, WebPolicy

    use_private_gradio_cache(runtime.settings)  # before the app is built: its components read the folder then
    policy = WebPolicy.from_settings(runtime.settings, host)
    app, ctx = build(runtime)
    app.queue(default_concurrency_limit=4)
    auth = auth_callback(ctx)
    outer = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    # A CORSMiddleware on the parent turns Gradio's own CORS layer off (it echoes any Origin when the Host is
    # not localhost); this one only ever names configured origins, and the guard has refused the rest already.
    outer.add_middleware(
        CORSMiddleware,
        allow_origins=sorted(policy.origins),
        allow_credentials=True,
        allow_methods=["GET", "POST"],
        allow_headers=["*"],
    )
    gr.mount_gradio_app(
        outer, app, path="/", server_name=host, server_port=port or 7860, footer_links=[], css=CSS, show_error=True,
        max_file_size=max(runtime.settings.max_upload_bytes, runtime.settings.max_transcript_bytes),
        **({"auth": auth, "auth_message": AUTH_MESSAGE} if auth else {}),
    )  # fmt: skip
    inner: Any = next(r.app for r in outer.routes if isinstance(r, Mount))  # the Gradio App just mounted
    sessions = None
    if auth is not None:
        sessions = SessionCheck(
            tokens=lambda: inner.tokens,
            cookie_names=lambda: (f"access-token-{inner.cookie_id}", f"access-token-unsecure-{inner.cookie_id}"),
            still_valid=ctx.session_valid,
        )
        ctx.revoke = sessions.revoke
    guarded = RequestGuard(outer, policy, sessions)
    _, bound, url, server = http_server.start_server(guarded, server_name=host, server_port=port)  # type: ignore[arg-type]
    app.server, app.server_port, app.is_running = server, bound, True
    app.local_url = url  # type: ignore[assignment]
    app.app = inner
    if not quiet:
        print(f"* Running on {url}", flush=True)
    if block:
        app.block_thread()
    return app, ctx, url


OPEN_FLAG = "--allow-single-user-on-network"


def check_exposure(settings: Settings, host: str, *, allow_open: bool = False) -> None:
    """Refuse single-user mode (no login, everyone acts as admin) on an address other machines can reach."""
    if settings.auth == "team" or allow_open or is_loopback(host):
        return
    raise ConfigError(
        "COPILOT_AUTH",
        f"single-user mode (no login) on {host or 'every address'} would let anyone who can reach it act as the "
        "local admin and read every rep's coaching notes and assessments",
        fix=f"set COPILOT_AUTH=team so each person signs in (see docs/ui.md), or bind to 127.0.0.1; "
        f"if this network is yours alone, pass {OPEN_FLAG}",
    )


def serve(settings: Settings, *, host: str, port: int, block: bool = True, allow_open: bool = False) -> object:
    """`copilot serve`: first run loads the demo knowledge base and team, then the app opens."""
    from copilot.bootstrap import ensure_demo_team_loaded, ensure_knowledge_loaded
    from ui.web_guard import WebPolicy

    check_exposure(settings, host, allow_open=allow_open)  # before anything is loaded or bound
    WebPolicy.from_settings(settings, host)  # a malformed COPILOT_PUBLIC_URL / ALLOWED_ORIGINS stops here too
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    runtime = Runtime(settings)
    print(ensure_knowledge_loaded(runtime), flush=True)
    print(ensure_demo_team_loaded(runtime), flush=True)
    if settings.auth == "team":
        print(team_mode_notice(runtime), flush=True)
    elif not is_loopback(host):
        print(f"warning: single-user mode on {host} ({OPEN_FLAG}): anyone who can reach it acts as admin", flush=True)
    if host.strip("[]") in ("0.0.0.0", "::", "") and not settings.public_url:
        print(
            f"note: on {host} the app answers loopback and IP addresses only; set COPILOT_PUBLIC_URL to the address "
            "people open (e.g. https://coach.example.com) so requests for that name are not refused",
            flush=True,
        )
    print(f"Sales Coaching Copilot on http://{host}:{port} (Ctrl+C to stop)", flush=True)
    app, _, _ = launch(runtime, host=host, port=port, block=block)
    return app


def team_mode_notice(runtime: Runtime) -> str:
    """One line on who can sign in, so team mode with no passwords is not a silent dead end."""
    from ui.auth import users_with_password
    from ui.context import UIContext

    ctx = UIContext(runtime)
    try:
        count = users_with_password(ctx)
    finally:
        ctx.close()
    if count:
        return f"team mode: {count} user(s) can sign in with their email and password"
    return "team mode: no user has a password yet; set one with `copilot user password EMAIL`"
