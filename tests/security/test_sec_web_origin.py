"""Other websites cannot act as a signed-in user, and rebinding Host names get nothing (issue 16, items 1-2)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from support.ui import Launched
from support.web import EVIL, cookies_of, launch_with, port_of, sign_in

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]
MARCUS = "marcus.bell@lanternline.example"


def _call(
    app: Launched, api: str, data: list[object], headers: dict[str, str], cookies: dict[str, str]
) -> httpx.Response:
    return httpx.post(
        f"{app.url.rstrip('/')}/gradio_api/call/{api}",
        json={"data": data},
        headers=headers,
        cookies=cookies,
        timeout=30,
    )


def test_a_foreign_origin_preflight_is_refused_without_cors_headers(team_app: Launched) -> None:
    host = f"127.0.0.1:{port_of(team_app)}"
    for extra in ({"Host": host}, {"Host": "coach.example.com"}):
        r = httpx.options(
            f"{team_app.url.rstrip('/')}/gradio_api/call/rep_page",
            headers={"Origin": EVIL, "Access-Control-Request-Method": "POST", **extra},
            timeout=30,
        )
        assert r.status_code == 403, (extra, r.status_code, r.headers)
        assert "access-control-allow-origin" not in r.headers
        assert "access-control-allow-credentials" not in r.headers


def test_a_foreign_origin_post_with_a_signed_in_cookie_reads_and_writes_nothing(team_app: Launched) -> None:
    cookies = cookies_of(sign_in(team_app, MARCUS))
    assert cookies
    before = len(
        team_app.ctx.store.action_items(team_app.ctx.store.actor("rep-marcus-bell"), "rep-marcus-bell", status="open")
    )
    own = {"Host": f"127.0.0.1:{port_of(team_app)}"}
    for headers in ({**own, "Origin": EVIL}, {"Host": "coach.example.com", "Origin": EVIL}, {**own, "Origin": "null"}):
        read = _call(team_app, "rep_page", ["rep-marcus-bell"], headers, cookies)
        assert read.status_code == 403 and "event_id" not in read.text
        assert "access-control-allow-origin" not in read.headers
        write = _call(team_app, "rep_action_done", ["ai-marcus-02-1"], headers, cookies)
        assert write.status_code == 403
    after = team_app.ctx.store.action_items(
        team_app.ctx.store.actor("rep-marcus-bell"), "rep-marcus-bell", status="open"
    )
    assert len(after) == before
    # the app's own page still works with the same cookie
    ok = _call(team_app, "rep_page", ["rep-marcus-bell"], {**own, "Origin": team_app.url.rstrip("/")}, cookies)
    assert ok.status_code == 200 and "event_id" in ok.json()


def test_a_cross_site_fetch_without_origin_is_refused(team_app: Launched) -> None:
    cookies = cookies_of(sign_in(team_app, MARCUS))
    headers = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}
    assert _call(team_app, "rep_page", ["rep-marcus-bell"], headers, cookies).status_code == 403


def test_the_session_cookies_are_same_site_lax(team_app: Launched) -> None:
    r = sign_in(team_app, MARCUS)
    assert r.status_code == 200
    set_cookies = r.headers.get_list("set-cookie")
    assert len(set_cookies) == 2
    for line in set_cookies:
        attrs = line.lower().replace(" ", "").split(";")
        assert "samesite=lax" in attrs or "samesite=strict" in attrs, line
        assert "httponly" in attrs


@pytest.fixture(scope="module")
def single_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    yield from launch_with(tmp_path_factory.mktemp("sec-single"), auth="none")


def test_single_user_mode_refuses_a_rebinding_host(single_app: Launched) -> None:
    port = port_of(single_app)
    for host in (f"rebind.attacker.example:{port}", "rebind.attacker.example", f"192.168.1.5:{port}"):
        page = httpx.get(single_app.url, headers={"Host": host}, timeout=30)
        assert page.status_code == 403, host
        call = _call(single_app, "rep_page", ["rep-marcus-bell"], {"Host": host}, {})
        assert call.status_code == 403 and "event_id" not in call.text
        assert "rebind" not in call.text  # the refusal does not echo the attacker's name into a page
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert httpx.get(single_app.url, headers={"Host": host}, timeout=30).status_code == 200, host


def test_team_mode_refuses_a_host_outside_the_allow_list(team_app: Launched) -> None:
    r = httpx.get(team_app.url, headers={"Host": f"rebind.attacker.example:{port_of(team_app)}"}, timeout=30)
    assert r.status_code == 403
    r = sign_in(team_app, MARCUS, headers={"Host": "rebind.attacker.example"})
    assert r.status_code == 403 and not cookies_of(r)


# ---- least privilege through the API -------------------------------------------------------------


def test_a_rep_calling_the_managers_handlers_changes_nothing(team_app: Launched) -> None:
    from gradio_client.exceptions import AppError

    store, marcus = team_app.ctx.store, team_app.ctx.store.actor("rep-marcus-bell")
    client = team_app.client(MARCUS)
    for api, item in (("/action_dropped", "ai-marcus-02-1"), ("/action_done", "ai-marcus-03-2"),
                      ("/rep_action_done", "ai-marcus-03-2"), ("/action_dropped", "ai-dana-03-2")):  # fmt: skip
        with pytest.raises(AppError) as err:
            client.predict(item, api_name=api)
        text = str(err.value)
        assert "not found, or not yours" in text
        assert "mgr-jordan-reyes" not in text and "team-mid-market-east" not in text and "owner" not in text
    status = {i.id: i.status for i in store.action_items(marcus, "rep-marcus-bell")}
    assert status["ai-marcus-02-1"] == "open" and status["ai-marcus-03-2"] == "open"


def test_the_enablement_web_scorecard_has_no_rep_rows(team_app: Launched) -> None:
    from support.ui import table

    client = team_app.client("ana.lopez@lanternline.example")
    heading, frame, *_ = client.predict("all", "", "", api_name="/scorecard")
    rows = table(frame)
    assert rows and "team" in heading
    labels = " ".join(str(next(iter(r.values()))) for r in rows)
    assert "team " in labels
    for name in ("Marcus", "Dana", "Priya", "Elena", "Sam", "rep-"):
        assert name not in labels, labels
