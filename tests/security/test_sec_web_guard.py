"""The guard's rules on their own: Host names, origins and cookie attributes (no server needed)."""

from __future__ import annotations

import pytest

from copilot.errors import ConfigError
from copilot.settings import load_settings
from ui.web_guard import WebPolicy, harden_cookie, host_name, normalise_origin


@pytest.mark.parametrize(
    ("value", "expected"),
    [("127.0.0.1:7860", "127.0.0.1"), ("[::1]:7860", "::1"), ("Coach.Example.com", "coach.example.com"),
     ("coach.example.com:443", "coach.example.com"), ("::1", "::1"), ("", "")],
)  # fmt: skip
def test_host_name(value: str, expected: str) -> None:
    assert host_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("https://Coach.Example.com:443", "https://coach.example.com"), ("http://127.0.0.1:7860/", "http://127.0.0.1:7860"),
     ("https://coach.example.com/coach", "https://coach.example.com"), ("null", None), ("file://", None),
     ("javascript:alert(1)", None), ("https://x:99999", None)],
)  # fmt: skip
def test_normalise_origin(value: str, expected: str | None) -> None:
    assert normalise_origin(value) == expected


def test_single_user_on_loopback_allows_loopback_hosts_only() -> None:
    policy = WebPolicy.from_settings(load_settings(), "127.0.0.1")
    assert all(policy.host_allowed(h) for h in ("127.0.0.1:7860", "localhost", "[::1]:7860", "127.0.1.1"))
    for host in ("rebind.attacker.example:7860", "192.168.1.5", "", "localhost.attacker.example", "127.0.0.1.nip.io"):
        assert not policy.host_allowed(host), host


def test_bound_to_every_address_allows_ip_literals_but_no_other_name() -> None:
    policy = WebPolicy.from_settings(load_settings(auth="team"), "0.0.0.0")
    assert policy.host_allowed("192.168.1.5:7860") and policy.host_allowed("[fe80::1]:7860")
    assert not policy.host_allowed("coach.internal:7860")


def test_the_public_url_and_allowed_origins_are_allowed_and_nothing_else() -> None:
    settings = load_settings(
        auth="team",
        public_url="https://coach.example.com",
        allowed_origins="https://intranet.example.com, http://a.b:8080",
    )
    policy = WebPolicy.from_settings(settings, "127.0.0.1")
    assert policy.https and policy.host_allowed("coach.example.com") and policy.host_allowed("intranet.example.com")
    assert policy.origin_allowed("https://intranet.example.com", "https", "coach.example.com")
    assert policy.origin_allowed("https://coach.example.com", "https", "coach.example.com")
    assert policy.origin_allowed("http://127.0.0.1:7860", "http", "127.0.0.1:7860")  # the page's own origin
    for origin in (
        "https://evil.example",
        "http://coach.example.com",
        "https://coach.example.com.evil.example",
        "null",
    ):
        assert not policy.origin_allowed(origin, "https", "coach.example.com"), origin


def test_a_malformed_allowed_origin_is_refused_with_the_fix() -> None:
    with pytest.raises(ConfigError, match="COPILOT_ALLOWED_ORIGINS") as err:
        WebPolicy.from_settings(load_settings(allowed_origins="coach.example.com"), "127.0.0.1")
    assert "scheme://host" in str(err.value)


@pytest.mark.parametrize("secure", [False, True])
def test_cookies_become_same_site_lax_and_secure_over_https(secure: bool) -> None:
    gradio = "access-token-x=abc; HttpOnly; Path=/; SameSite=none; Secure"
    plain = "access-token-unsecure-x=abc; HttpOnly; Path=/; SameSite=lax"
    assert harden_cookie(gradio, secure=secure) == "access-token-x=abc; HttpOnly; Path=/; SameSite=Lax; Secure"
    assert harden_cookie(plain, secure=secure) == "access-token-unsecure-x=abc; HttpOnly; Path=/; SameSite=Lax" + (
        "; Secure" if secure else ""
    )
