"""What every page's handlers share: the runtime, the records store, and who is signed in."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from copilot.errors import AccessDenied
from copilot.records.access import Actor
from copilot.runtime import Runtime

if TYPE_CHECKING:
    from copilot.knowledge.schema import KnowledgeBase
    from copilot.records.store import Store

SIGN_IN = "sign in again (reload the page); in team mode every page acts as the signed-in user"


class UIContext:
    """One per app: opens the store once, remembers which email signed in as which user, and says who acts."""

    def __init__(self, runtime: Runtime, *, store: Store | None = None) -> None:
        self.runtime = runtime
        self.settings = runtime.settings
        self.team_mode = runtime.settings.auth == "team"
        self._store = store
        self._signed_in: dict[str, Actor] = {}
        self._lock = threading.RLock()

    @property
    def store(self) -> Store:
        """The records store, opened (and migrated) on first use."""
        with self._lock:
            if self._store is None:
                from copilot.records.store import open_store

                self._store = open_store(self.settings)
            return self._store

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base the records are checked against (ids of criteria, activities, scenarios)."""
        return self.store.kb

    def reload_knowledge(self) -> None:
        """Reopen the store so it reads the knowledge folder again after enablement changed it."""
        with self._lock:
            old, self._store = self._store, None
        if old is not None:
            old.close()

    def close(self) -> None:
        """Release the database connections."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def login(self, email: str, password: str) -> bool:
        """Gradio's auth callback in team mode: the store checks the hashed password."""
        actor = self.store.authenticate(email, password)
        if actor is None:
            return False
        with self._lock:
            self._signed_in[email.strip().lower()] = actor
        return True

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
        return dt.date.today()
