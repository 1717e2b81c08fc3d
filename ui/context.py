"""What every page's handlers share: the runtime, the records store, and who is signed in."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from copilot.app import App
from copilot.errors import AccessDenied
from copilot.records.access import Actor
from copilot.runtime import Runtime
from copilot.throttle import SignInThrottle

if TYPE_CHECKING:
    from copilot.knowledge.schema import KnowledgeBase
    from copilot.records.store import Store

RECHECK_SECONDS = 1.0
"""How stale a session's password check may be: `copilot user password` ends sessions within this time."""


class SignInLocked(Exception):
    """Too many failed sign-ins for this account or client: try again after `seconds`."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"too many failed sign-ins; try again in {max(1, round(seconds))} s")
        self.seconds = seconds


SIGN_IN = "sign in again (reload the page); in team mode every page acts as the signed-in user"


class UIContext:
    """One per app: opens the store once, remembers which email signed in as which user, and says who acts."""

    def __init__(self, runtime: Runtime, *, store: Store | None = None) -> None:
        self.app = App(runtime.settings, runtime=runtime, store=store)
        """The application the pages' handlers call; the same use cases the CLI calls."""
        self.runtime = runtime
        self.settings = runtime.settings
        self.team_mode = runtime.settings.auth == "team"
        self._signed_in: dict[str, Actor] = {}
        self._stamps: dict[str, str | None] = {}
        self._checked: dict[str, float] = {}
        self._lock = threading.RLock()
        self.throttle = SignInThrottle()
        self.revoke: Callable[[str], object] | None = None
        """Set by ui.serve: forgets every sign-in token of a user (by email)."""

    @property
    def store(self) -> Store:
        """The records store, opened (and migrated) on first use."""
        return self.app.store

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base the records are checked against (ids of criteria, activities, scenarios)."""
        return self.app.kb

    def reload_knowledge(self) -> None:
        """Reopen the store so it reads the knowledge folder again after enablement changed it."""
        self.app.reload_knowledge()

    def close(self) -> None:
        """Release the database connections."""
        self.app.close()

    def login(self, email: str, password: str, client: str = "unknown") -> bool:
        """Team-mode sign-in: throttled per account and client, then the store checks the hashed password.

        Raises SignInLocked while the account or client is locked (no password is checked then).
        """
        key = email.strip().lower()
        wait = self.throttle.wait(key, client)
        if wait > 0:
            raise SignInLocked(wait)
        actor = self.store.authenticate(key, password)
        if actor is None:
            self.throttle.failed(key, client)
            return False
        self.throttle.succeeded(key)
        stamp = self.store.sign_in_stamp(key)
        with self._lock:
            before = self._stamps.get(key)
            self._signed_in[key] = actor
            self._stamps[key] = stamp
            self._checked[key] = time.monotonic()
        if before is not None and before != stamp and self.revoke is not None:
            self.revoke(key)  # the password changed since their last sign-in: earlier sessions end
        return True

    def session_valid(self, username: str) -> bool:
        """Whether a signed-in user's password is still the one they signed in with (read at most once a second)."""
        key = username.strip().lower()
        now = time.monotonic()
        with self._lock:
            if key not in self._signed_in:
                return False
            if now - self._checked.get(key, 0.0) < RECHECK_SECONDS:
                return True
            self._checked[key] = now
            known = self._stamps.get(key)
        current = self.store.sign_in_stamp(key)
        if current is not None and current == known:
            return True
        with self._lock:
            self._signed_in.pop(key, None)
            self._stamps.pop(key, None)
        return False

    def actor(self, request: Any = None) -> Actor:
        """Who acts for this request: the local admin in single-user mode, else the signed-in user."""
        if not self.team_mode:
            return Actor.local_admin()
        username = getattr(request, "username", None) if request is not None else None
        with self._lock:
            actor = self._signed_in.get(str(username).strip().lower()) if username else None
        if actor is None:
            raise AccessDenied("you are not signed in", fix=SIGN_IN)
        return actor

    def today(self) -> dt.date:
        """The day statuses and due dates are judged against."""
        return self.app.today()
