"""The layer in front of the Gradio app: which Host and Origin may reach it, and what its cookies say.

Gradio answers any Origin when the Host is not localhost (behind a proxy it echoed `Origin: https://evil.example`
with credentials) and sets its sign-in cookie `SameSite=None`. This ASGI middleware sits outside it:

- a request whose Host (or X-Forwarded-Host) is not one the copilot serves gets 403 (DNS rebinding);
- a request whose Origin is not the page's own origin or an allowed one gets 403, CORS preflights included,
  and so does a cross-site fetch that carries no Origin (Sec-Fetch-Site);
- every cookie it sets is `SameSite=Lax`, and `Secure` when the public URL or the request is https;
- in team mode, a session whose password changed since sign-in is dropped (see `SessionCheck`).
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from copilot.settings import Settings

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[..., Any]

CLIENT: contextvars.ContextVar[str] = contextvars.ContextVar("copilot_client", default="unknown")
"""The address of the client being served (after the proxy's X-Forwarded-For), for sign-in throttling."""

DEFAULT_PORTS = {"http": 80, "https": 443}
HOST_FIX = "open the app at its own address; an operator sets COPILOT_PUBLIC_URL or COPILOT_ALLOWED_ORIGINS"
ORIGIN_FIX = "use the copilot from its own pages; an operator adds trusted sites to COPILOT_ALLOWED_ORIGINS"


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def host_name(value: str) -> str:
    """The host part of a Host header (`[::1]:7860` -> `::1`, `Coach.Example.com:443` -> `coach.example.com`)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value.strip("[")
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def normalise_origin(value: str) -> str | None:
    """`scheme://host[:port]` in lower case with the default port dropped, or None if it is not an origin."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, name = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not name:
        return None
    shown = f"[{name}]" if ":" in name else name
    return f"{scheme}://{shown}" + (f":{port}" if port and port != DEFAULT_PORTS[scheme] else "")


def is_loopback(host: str) -> bool:
    """True only for addresses nobody else can reach: 127.0.0.0/8, ::1 and `localhost` (no DNS lookup)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name or 0.0.0.0-style wildcard: assume others can reach it


@dataclass
class WebPolicy:
    """What the guard accepts: host names, extra origins, and whether cookies must be Secure."""

    team_mode: bool
    origins: frozenset[str] = frozenset()
    hosts: frozenset[str] = frozenset()
    any_ip_host: bool = False
    https: bool = False

    @classmethod
    def from_settings(cls, settings: Settings, bind_host: str) -> WebPolicy:
        """Allowed: loopback names, the bound address, COPILOT_PUBLIC_URL and COPILOT_ALLOWED_ORIGINS."""
        configured = [settings.public_url, *(o for o in settings.allowed_origins.split(",") if o.strip())]
        origins = set()
        for raw in configured:
            origin = normalise_origin(raw) if raw else None
            if raw and origin is None:
                from copilot.errors import ConfigError

                raise ConfigError(
                    "COPILOT_ALLOWED_ORIGINS" if raw != settings.public_url else "COPILOT_PUBLIC_URL",
                    f"{raw!r} is not an origin",
                    fix="write it as scheme://host[:port], e.g. https://coach.example.com",
                )
            if origin:
                origins.add(origin)
        hosts = {host_name(urlsplit(o).netloc) for o in origins}
        bind = bind_host.strip().strip("[]").lower()
        wildcard = bind in ("", "0.0.0.0", "::")
        if bind and not wildcard:
            hosts.add(bind)
        return cls(
            team_mode=settings.auth == "team",
            origins=frozenset(origins),
            hosts=frozenset(hosts),
            any_ip_host=wildcard,  # bound to every address: any IP literal names this machine (rebinding uses names)
            https=settings.public_url.startswith("https://"),
        )

    def host_allowed(self, value: str) -> bool:
        """A Host value the copilot serves: loopback, a configured host, or (bound to all) an IP literal."""
        name = host_name(value)
        return bool(name) and (is_loopback(name) or name in self.hosts or (self.any_ip_host and _is_ip(name)))

    def origin_allowed(self, origin: str, scheme: str, host: str) -> bool:
        """The page's own origin (scheme and an allowed Host) or a configured one."""
        normal = normalise_origin(origin)
        if normal is None:
            return False  # "null" (sandboxed frames, file://) and garbage
        return normal in self.origins or normal == normalise_origin(f"{scheme}://{host}")


@dataclass
class SessionCheck:
    """Team mode: drop sign-in tokens of users whose password changed since they signed in."""

    tokens: Callable[[], dict[str, str]]
    """Gradio's token -> username table (per process)."""
    cookie_names: Callable[[], Iterable[str]]
    still_valid: Callable[[str], bool]
    """Whether the user named in a token may keep their session."""

    def revoke(self, username: str) -> int:
        """Forget every token of this user (any letter case); returns how many went."""
        table = self.tokens()
        wanted = username.strip().lower()
        gone = [t for t, u in list(table.items()) if str(u).strip().lower() == wanted]
        for token in gone:
            table.pop(token, None)
        return len(gone)

    def check(self, cookies: dict[str, str]) -> None:
        """Revoke the user behind this request's token if their session is no longer valid."""
        table = self.tokens()
        for name in self.cookie_names():
            token = cookies.get(name)
            user = table.get(token) if token else None
            if user is not None and not self.still_valid(str(user)):
                self.revoke(str(user))
                return


@dataclass
class RequestGuard:
    """ASGI middleware applying a WebPolicy before anything else sees the request."""

    app: ASGIApp
    policy: WebPolicy
    sessions: SessionCheck | None = None

    async def __call__(self, scope: Scope, receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        problem = self._problem(scope, headers)
        if problem is not None:
            await _refuse(scope, send, problem)
            return
        client = scope.get("client")
        token = CLIENT.set(str(client[0]) if client else "unknown")
        try:
            if self.sessions is not None and "cookie" in headers:
                self.sessions.check(_cookies(headers["cookie"]))
            secure = self.policy.https or scope.get("scheme") in ("https", "wss")
            await self.app(scope, receive, _cookie_rewriter(send, secure=secure))
        finally:
            CLIENT.reset(token)

    def _problem(self, scope: Scope, headers: dict[str, str]) -> tuple[str, str] | None:
        """Why this request is refused (message, fix), or None."""
        host = headers.get("host", "")
        forwarded = headers.get("x-forwarded-host", "")
        if not self.policy.host_allowed(host) or (forwarded and not self.policy.host_allowed(forwarded)):
            return "this address (the Host header) is not one the copilot serves", HOST_FIX
        origin = headers.get("origin")
        scheme = "https" if scope.get("scheme") in ("https", "wss") else "http"
        public_host = forwarded.split(",")[0].strip() or host
        if origin is not None and not self.policy.origin_allowed(origin, scheme, public_host):
            return "requests from another site's pages are refused", ORIGIN_FIX
        site = headers.get("sec-fetch-site", "")
        navigating = headers.get("sec-fetch-mode") == "navigate" and scope.get("method") in ("GET", "HEAD")
        if origin is None and site in ("cross-site", "same-site") and not navigating:
            return "requests from another site's pages are refused", ORIGIN_FIX
        return None


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers, lower-cased names, the first value of each."""
    out: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        out.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return out


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is simply no session
        return {}
    return {k: v.value for k, v in jar.items()}


async def _refuse(scope: Scope, send: Callable[..., Any], problem: tuple[str, str]) -> None:
    """403 with the reason and the fix, no CORS headers, nothing echoed from the request."""
    body = f"403 Forbidden: {problem[0]}. Fix: {problem[1]}.\n".encode()
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def harden_cookie(line: str, *, secure: bool) -> str:
    """One Set-Cookie value with SameSite=Lax (never None) and, over https, Secure."""
    parts = [p.strip() for p in line.split(";")]
    kept = [parts[0]] + [p for p in parts[1:] if p and p.split("=")[0].strip().lower() not in ("samesite", "secure")]
    had_secure = any(p.lower() == "secure" for p in parts[1:])
    kept.append("SameSite=Lax")
    if secure or had_secure:
        kept.append("Secure")
    return "; ".join(kept)


def _cookie_rewriter(send: Callable[..., Any], *, secure: bool) -> Callable[..., Any]:
    async def rewrite(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [
                (name, harden_cookie(value.decode("latin-1"), secure=secure).encode("latin-1"))
                if name.lower() == b"set-cookie"
                else (name, value)
                for name, value in message.get("headers", [])
            ]
        await send(message)

    return rewrite
