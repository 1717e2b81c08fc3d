"""Bounds on what people send in (sizes, dates, spreadsheet cells), checked before any work is done on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from copilot.errors import CopilotError

EARLIEST = dt.date(1970, 1, 1)  # dates outside this range are typos (9999-12-31 overflowed date arithmetic)
LATEST = dt.date(2199, 12, 31)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula


class TooLargeError(CopilotError):
    """An upload or transcript is over its size limit; refused before it is read."""


def size_text(n: int) -> str:
    """Bytes in the unit people think in."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def check_size(size: int, limit: int, *, what: str, setting: str, fix: str) -> None:
    """Refuse `size` bytes over `limit`, naming the limit, the setting that raises it and what to do instead."""
    if size > limit:
        raise TooLargeError(
            f"{what} is {size_text(size)}, over the {size_text(limit)} limit; nothing was read",
            fix=f"{fix}, or raise {setting} (see docs/settings.md)",
        )


def check_file_size(path: Path, limit: int, *, what: str, setting: str, fix: str) -> None:
    """The same check on a file, from its size on disk, before a byte of it is read."""
    check_size(path.stat().st_size, limit, what=f"{what} {path.name}", setting=setting, fix=fix)


def check_date_range(day: dt.date, what: str) -> dt.date:
    """A date the copilot can compute with, or CopilotError naming the range."""
    if not EARLIEST <= day <= LATEST:
        raise CopilotError(
            f"{what}: {day.isoformat()} is outside the dates the copilot works with "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})",
            fix="write a date in that range, like 2026-11-20",
        )
    return day


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ' before anything it would run as a formula (=HYPERLINK...)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def from_spreadsheet(cell: str) -> str:
    """Undo spreadsheet_safe on import, so an exported file loads back unchanged."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell
