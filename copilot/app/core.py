"""The application: what the CLI and the web app share, built once per process from the settings."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from copilot.errors import ConfigError, ModelError
from copilot.records.access import Actor
from copilot.runtime import Runtime
from copilot.settings import Settings, load_settings

if TYPE_CHECKING:
    from copilot.knowledge.schema import KnowledgeBase
    from copilot.llm.base import ChatModel
    from copilot.records.store import Store


@dataclass(frozen=True)
class ModelChoice:
    """The model a feature uses, or why it uses curated content instead (switched off, or failed to load)."""

    model: ChatModel | None
    off_reason: str = ""
    """Set when the model use plan switches the feature off (COPILOT_MODEL_FEATURES or measured acceptance)."""
    failure: ModelError | ConfigError | None = None
    """Set when the feature should use the model but it could not be loaded or configured."""


class InFlight:
    """Stored sessions with a turn under way, so a second window or a quick reload cannot interleave two turns."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids: set[str] = set()

    @contextmanager
    def hold(self, session_id: str) -> Iterator[bool]:
        """Claim the session for one turn; yields False when another request holds it."""
        with self._lock:
            free = session_id not in self._ids
            self._ids.add(session_id)
        try:
            yield free
        finally:
            if free:
                with self._lock:
                    self._ids.discard(session_id)


class App:
    """One per process: the settings, the runtime (models, index) and the records store, each opened on first use.

    Both front ends hold one App and call the use cases in copilot.app with it, so a command and a page given the
    same inputs reach the same result and the same errors.
    """

    def __init__(self, settings: Settings | None = None, *, runtime: Runtime | None = None, store: Store | None = None):
        self._settings = settings or (runtime.settings if runtime is not None else None)
        self._runtime = runtime
        self._store = store
        self._kb: KnowledgeBase | None = None
        self._lock = threading.RLock()
        self.in_flight = InFlight()

    @property
    def settings(self) -> Settings:
        """The settings, read from the environment on first use (so `copilot version` works with a broken one)."""
        with self._lock:
            if self._settings is None:
                self._settings = load_settings()
            return self._settings

    @property
    def runtime(self) -> Runtime:
        """The chat model, embedder, index and retriever, each built on first use."""
        with self._lock:
            if self._runtime is None:
                self._runtime = Runtime(self.settings)
            return self._runtime

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
        """The knowledge base: the store's when it is open (records are checked against it), else read on first use."""
        with self._lock:
            if self._store is not None:
                return self._store.kb
            if self._kb is None:
                from copilot.records.reference import load_knowledge

                self._kb = load_knowledge(self.settings)
            return self._kb

    def actor(self, as_user: str | None = None) -> Actor:
        """Who acts: a stored user (by id) or the local admin when none is named."""
        return self.store.actor(as_user) if as_user else Actor.local_admin()

    def model_for(self, feature: str, *, no_model: bool = False) -> ModelChoice:
        """The model for a writing feature, by the model use plan; a model that cannot load is a choice, not a crash."""
        if no_model:
            return ModelChoice(None, off_reason="--no-model")
        from copilot.model_use import plan

        use = plan(self.settings)[feature]
        if not use.on:
            return ModelChoice(None, off_reason=use.reason)
        try:
            return ModelChoice(self.runtime.chat_model)
        except (ModelError, ConfigError) as err:
            return ModelChoice(None, failure=err)

    def today(self) -> dt.date:
        """The day statuses and due dates are judged against."""
        return dt.date.today()

    def reload_knowledge(self) -> None:
        """Forget the loaded knowledge base and reopen the store, so both read the knowledge folder again."""
        with self._lock:
            old, self._store, self._kb = self._store, None, None
        if old is not None:
            old.close()

    def close(self) -> None:
        """Release the database connections."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
