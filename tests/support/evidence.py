"""A manager's observation as the root-cause tests build it: an id, a day after D, a level and what was seen."""

from __future__ import annotations

import datetime as dt

from copilot.prep.models import Evidence

D = dt.date(2026, 10, 1)


def ev(i: str, days: int, level: int | None, text: str) -> Evidence:
    """An observation by the manager `days` after D."""
    return Evidence(id=i, date=D + dt.timedelta(days=days), level=level, observer="manager", text=text)
