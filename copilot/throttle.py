"""Sign-in throttling: after a few failures per account or per client, each further try waits longer.

Pure and in memory: it holds per process. `copilot serve` runs one process; with several workers behind the
proxy (docs/deployment.md) each keeps its own counts, so an account gets at most workers x the tries below,
and one client address (pinned to one worker by `ip_hash`) gets the limits as written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

FREE_TRIES = {"account": 5, "client": 20}
"""Failures allowed before a lock starts: per account (email), and per client address (an office NAT is many people)."""
FIRST_LOCK_SECONDS = 2.0
MAX_LOCK_SECONDS = 15 * 60.0
FORGET_AFTER_SECONDS = 60 * 60.0
"""A key with no failure for this long starts over."""
MAX_KEYS = 50_000


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0
    last: float = 0.0


@dataclass
class SignInThrottle:
    """Counts failed sign-ins per account and per client; locks for 2 s, 4 s, 8 s ... (at most 15 min) past the limit."""

    clock: Callable[[], float] = time.monotonic
    _records: dict[tuple[str, str], _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _keys(email: str, client: str) -> list[tuple[str, str]]:
        return [("account", email.strip().lower()), ("client", client)]

    def wait(self, email: str, client: str) -> float:
        """Seconds until this account may be tried again from this client (0: go ahead)."""
        now = self.clock()
        with self._lock:
            found = [r for k in self._keys(email, client) if (r := self._records.get(k)) is not None]
            return max([0.0, *(r.locked_until - now for r in found)])

    def failed(self, email: str, client: str) -> None:
        """Count a failure for the account and the client; lock each key that is past its free tries."""
        now = self.clock()
        with self._lock:
            if len(self._records) > MAX_KEYS:
                self._forget(now)
            for key in self._keys(email, client):
                record = self._records.get(key)
                if record is None or now - record.last > FORGET_AFTER_SECONDS:
                    record = self._records[key] = _Record()
                record.failures += 1
                record.last = now
                over = record.failures - FREE_TRIES[key[0]]
                if over > 0:
                    lock = min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** min(over - 1, 20))
                    record.locked_until = now + lock

    def succeeded(self, email: str) -> None:
        """A right password clears the account's count (the client's stays: one good account is no pass)."""
        with self._lock:
            self._records.pop(("account", email.strip().lower()), None)

    def _forget(self, now: float) -> None:
        stale = [k for k, r in self._records.items() if now - r.last > FORGET_AFTER_SECONDS and r.locked_until < now]
        for key in stale:
            del self._records[key]
