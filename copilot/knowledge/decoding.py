"""From bytes to text: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 with a warning; binaries refused."""

from __future__ import annotations

from pathlib import Path

from copilot.knowledge.diagnostics import problem
from copilot.knowledge.schema import Problem


def decode(rel: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 with a warning."""
    binary = problem(
        rel,
        "this looks like a binary file, not text",
        "save it as UTF-8 text, or give it the extension of its real format",
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), [
                problem(rel, "file is UTF-16 encoded; read it anyway", "save it as UTF-8", severity="warning")
            ]
        except UnicodeDecodeError:
            return None, [binary]
    if b"\x00" in raw[:65536]:
        return None, [binary]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None, [binary]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(3, len(text) // 50):
        return None, [binary]
    return text, [
        problem(
            rel,
            "file is not valid UTF-8; read it as Windows-1252",
            "save it as UTF-8",
            line=bad_line,
            severity="warning",
        )
    ]


def relative(path: Path, root: Path) -> str:
    """Path as shown in problems: relative to the root when it is inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)


def readable_size(n: int) -> str:
    """Bytes in the unit people think in."""
    for unit, scale in (("MB", 1_048_576), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"
