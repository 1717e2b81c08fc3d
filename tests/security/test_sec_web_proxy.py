"""The app behind the reverse proxy of docs/deployment.md: its headers, Secure cookies and the Origin check."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from support.ui import Launched
from support.web import EVIL, cookies_of, documented_proxy, launch_with, sign_in

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]
MARCUS = "marcus.bell@lanternline.example"
PUBLIC, PROXY, PROXY_ORIGINS = documented_proxy()  # what the nginx block of docs/deployment.md sends a worker


def test_the_documented_proxy_sends_the_headers_the_guard_needs() -> None:
    assert set(PROXY) >= {"Host", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-For"}
    assert {PUBLIC} == PROXY_ORIGINS  # the proxy lets through the public origin only, as COPILOT_PUBLIC_URL does


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
    other_scheme = PUBLIC.replace("https://", "http://")
    http_origin = httpx.post(url, json=body, headers={**PROXY, "Origin": other_scheme}, cookies=cookies, timeout=30)
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
