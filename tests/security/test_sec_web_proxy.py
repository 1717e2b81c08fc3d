"""The app behind the reverse proxy of docs/deployment.md: its headers, Secure cookies and the Origin check."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sec_web_support import EVIL, cookies_of, launch_with, sign_in
from test_ui_support import Launched

pytest_plugins = ["test_ui_support", "sec_web_support"]
pytestmark = [pytest.mark.server, pytest.mark.enable_socket]
PUBLIC = "https://coach.example.com"
MARCUS = "marcus.bell@lanternline.example"
PROXY = {  # what the documented nginx `location /` block sends to a worker
    "Host": "coach.example.com",
    "X-Forwarded-Host": "coach.example.com",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "203.0.113.7",
}


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    yield from launch_with(tmp_path_factory.mktemp("sec-proxy"), auth="team", public_url=PUBLIC)


def test_the_documented_proxy_headers_sign_in_with_secure_same_site_cookies(proxied: Launched) -> None:
    r = sign_in(proxied, MARCUS, headers={**PROXY, "Origin": PUBLIC})
    assert r.status_code == 200
    lines = r.headers.get_list("set-cookie")
    assert len(lines) == 2
    for line in lines:
        attrs = line.lower().replace(" ", "").split(";")
        assert "secure" in attrs and "httponly" in attrs, line
        assert "samesite=lax" in attrs or "samesite=strict" in attrs, line


def test_behind_the_proxy_a_foreign_origin_is_refused_and_the_public_one_works(proxied: Launched) -> None:
    cookies = cookies_of(sign_in(proxied, MARCUS, headers={**PROXY, "Origin": PUBLIC}))
    url = f"{proxied.url.rstrip('/')}/gradio_api/call/rep_page"
    body = {"data": ["rep-marcus-bell"]}
    pre = httpx.options(url, headers={**PROXY, "Origin": EVIL, "Access-Control-Request-Method": "POST"}, timeout=30)
    assert pre.status_code == 403 and "access-control-allow-origin" not in pre.headers
    bad = httpx.post(url, json=body, headers={**PROXY, "Origin": EVIL}, cookies=cookies, timeout=30)
    assert bad.status_code == 403 and "access-control-allow-origin" not in bad.headers
    http_origin = httpx.post(url, json=body, headers={**PROXY, "Origin": "http://coach.example.com"}, cookies=cookies)
    assert http_origin.status_code == 403  # same host, other scheme: another origin
    good = httpx.post(url, json=body, headers={**PROXY, "Origin": PUBLIC}, cookies=cookies, timeout=30)
    assert good.status_code == 200 and "event_id" in good.json()


def test_behind_the_proxy_a_foreign_host_is_refused(proxied: Launched) -> None:
    r = httpx.get(
        proxied.url, headers={**PROXY, "Host": "evil.example", "X-Forwarded-Host": "evil.example"}, timeout=30
    )
    assert r.status_code == 403
    r = httpx.get(proxied.url, headers={**PROXY, "X-Forwarded-Host": "evil.example"}, timeout=30)
    assert r.status_code == 403
    assert httpx.get(proxied.url, headers=PROXY, timeout=30).status_code == 200
