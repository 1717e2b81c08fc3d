"""Sign-in against the launched team-mode app: throttled guessing, emails in any case, password change ends sessions."""

from __future__ import annotations

import io
from collections.abc import Iterator

import httpx
import pytest
from support.ui import PASSWORDS, Launched
from support.web import cookies_of, launch_with, sign_in

from copilot.cli.main import main
from copilot.records import passwords

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]
MARCUS = "marcus.bell@lanternline.example"
DANA = "dana.okafor@lanternline.example"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    yield from launch_with(tmp_path_factory.mktemp("sec-signin"), auth="team")


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every password hash computed (the work a sign-in costs)."""
    calls: list[int] = []
    real = passwords._derive

    def counted(*args: object) -> bytes:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(passwords, "_derive", counted)
    return calls


def _call(app: Launched, cookies: dict[str, str]) -> httpx.Response:
    return httpx.post(
        f"{app.url.rstrip('/')}/gradio_api/call/rep_page",
        json={"data": ["rep-marcus-bell"]},
        cookies=cookies,
        timeout=30,
    )


def test_two_hundred_wrong_passwords_are_throttled(app: Launched, hashes: list[int]) -> None:
    attacker = {"X-Forwarded-For": "198.51.100.7"}
    real = app.ctx.throttle.clock
    now = real()
    app.ctx.throttle.clock = lambda: now  # the whole attack inside one lock, however slow the machine answers
    try:
        codes = [sign_in(app, MARCUS, password=f"guess-{i:03d}", headers=attacker).status_code for i in range(200)]
        assert codes[:5] == [400] * 5
        assert codes.count(429) >= 180, codes
        assert len(hashes) <= 10  # the locked tries cost no hashing at all
        locked = sign_in(app, MARCUS, headers={"X-Forwarded-For": "192.0.2.50"})  # the right password, another address
        assert locked.status_code == 429 and "try again in" in locked.text and not cookies_of(locked)
        assert int(locked.headers["retry-after"]) >= 1
        app.ctx.throttle.clock = lambda: now + 3600  # the lock has run out
        assert sign_in(app, MARCUS, headers={"X-Forwarded-For": "192.0.2.50"}).status_code == 200
    finally:
        app.ctx.throttle.clock = real


def test_one_client_trying_many_emails_is_throttled(app: Launched) -> None:
    spray = {"X-Forwarded-For": "198.51.100.99"}
    codes = [
        sign_in(app, f"user{i}@lanternline.example", password="Winter2026!", headers=spray).status_code
        for i in range(40)
    ]
    assert codes[:20] == [400] * 20 and 429 in codes[20:]
    assert sign_in(app, DANA, headers={"X-Forwarded-For": "192.0.2.51"}).status_code == 200  # others are not locked out


def test_an_email_in_another_case_signs_in_as_the_same_user(app: Launched) -> None:
    r = sign_in(app, DANA.upper(), password=PASSWORDS[DANA], headers={"X-Forwarded-For": "192.0.2.52"})
    assert r.status_code == 200
    assert app.ctx.actor(type("R", (), {"username": DANA.upper()})()).user_id == "rep-dana-okafor"


def test_setting_a_password_ends_the_users_sessions(app: Launched, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    cookies = cookies_of(sign_in(app, DANA, headers={"X-Forwarded-For": "192.0.2.53"}))
    assert _call(app, cookies).status_code == 200
    monkeypatch.setenv("COPILOT_DATA_DIR", str(app.settings.data_dir))
    monkeypatch.setenv("COPILOT_KNOWLEDGE_DIR", str(app.settings.knowledge_dir))
    monkeypatch.setattr("sys.stdin", io.StringIO("a-brand-new-pass\n"))
    assert main(["user", "password", "Dana.Okafor@LanternLine.example", "--password-stdin"]) == 0
    time.sleep(1.2)  # sessions are re-checked against the database at most once a second
    assert _call(app, cookies).status_code == 401
    old = sign_in(app, DANA, headers={"X-Forwarded-For": "192.0.2.53"})
    assert old.status_code == 400
    fresh = cookies_of(sign_in(app, DANA, password="a-brand-new-pass", headers={"X-Forwarded-For": "192.0.2.53"}))
    assert _call(app, fresh).status_code == 200
    assert _call(app, cookies).status_code == 401  # signing in again does not bring the old session back
