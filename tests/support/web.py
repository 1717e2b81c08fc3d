"""Helpers for tests/security/test_sec_web_*: the app launched for real on loopback, probed with raw HTTP.

Not a test module in itself; the security test modules load it with `pytest_plugins`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from support.ui import PASSWORDS, Launched, close_app, make_settings, prepare

EVIL = "https://evil.example"


def launch_with(root: Path, *, auth: str, **overrides: Any) -> Iterator[Launched]:
    """Like test_ui_support.launch_app, with extra settings (public URL, allowed origins)."""
    import pytest_socket

    from copilot.llm.fake import FakeChatModel
    from copilot.settings import load_settings
    from ui.serve import launch

    model = FakeChatModel(default="Start by reconciling last week's action items.")
    base = make_settings(root, auth=auth)
    settings = load_settings(
        llm_backend="fake", embedding_backend="fake", data_dir=base.data_dir, knowledge_dir=base.knowledge_dir,
        auth=auth, **overrides,
    )  # fmt: skip
    runtime = prepare(settings, model)
    app, ctx, url = launch(runtime, host="127.0.0.1", port=None)
    launched = Launched(url=url, settings=settings, model=model, runtime=runtime, app=app, ctx=ctx)
    try:
        yield launched
    finally:
        pytest_socket.enable_socket()
        for client in launched.clients:
            client.close()
        close_app(app)
        ctx.close()


def port_of(app: Launched) -> int:
    """The port the app listens on."""
    return int(httpx.URL(app.url).port or 80)


def sign_in(
    app: Launched, email: str, *, password: str | None = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    """POST /login as a browser's sign-in form does."""
    return httpx.post(
        app.url.rstrip("/") + "/login",
        data={"username": email, "password": PASSWORDS.get(email, "") if password is None else password},
        headers=headers or {},
        timeout=30,
    )


def cookies_of(response: httpx.Response) -> dict[str, str]:
    """The cookies a response sets, name -> value."""
    return {c.name: c.value for c in response.cookies.jar}


@pytest.fixture(scope="module")
def team_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    """Team mode on 127.0.0.1 with the default allow-list (the address it serves)."""
    yield from launch_with(tmp_path_factory.mktemp("sec-team"), auth="team")


DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
NGINX_VARIABLES = {"scheme": "https", "proxy_add_x_forwarded_for": "203.0.113.7"}


def documented_nginx() -> str:
    """The nginx configuration block of docs/deployment.md."""
    text = DEPLOYMENT.read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1, "docs/deployment.md should hold one nginx block"
    return blocks[0]


def documented_proxy() -> tuple[str, dict[str, str], set[str]]:
    """(public URL, headers the documented proxy sends a worker, origins its map lets through)."""
    conf = documented_nginx()
    host = re.search(r"server_name\s+(\S+);", conf)
    assert host, "no server_name in the nginx block"
    name = host.group(1)
    headers = {}
    for header, variable in re.findall(r"proxy_set_header\s+(Host|X-Forwarded-[\w-]+)\s+\$(\w+);", conf):
        headers[header] = name if variable == "host" else NGINX_VARIABLES[variable]
    mapped = re.search(r"map \$http_origin \$(\w+) \{(.*?)\}", conf, flags=re.S)
    assert mapped, "the nginx block does not check the Origin header"
    variable, body = mapped.groups()
    assert re.search(r"default\s+1;", body) and f"if (${variable}) {{ return 403; }}" in conf
    allowed = set(re.findall(r'"(https?://[^"]+)"\s+0;', body))
    return f"https://{name}", headers, allowed
