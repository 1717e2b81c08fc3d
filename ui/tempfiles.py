"""Files the web app writes for a moment (brief downloads, Gradio's copies of uploads) stay private and go away.

They live in `<COPILOT_DATA_DIR>/tmp` (mode 0700, files 0600), which is also Gradio's cache (GRADIO_TEMP_DIR), never
in the shared /tmp where every local user could read a rep's brief or transcript.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from copilot.settings import Settings

MAX_AGE_SECONDS = 3600  # a download link older than this is stale; its file is removed at the next export or start


def private_dir(folder: Path) -> Path:
    """The folder, created if needed, readable by this user only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


def temp_root(settings: Settings) -> Path:
    """The web app's private temporary folder."""
    private_dir(settings.data_dir)
    return private_dir(settings.data_dir / "tmp")


def use_private_gradio_cache(settings: Settings) -> Path:
    """Point Gradio's uploads and download copies at the private folder (before the app is built) and sweep it
    (files older than an hour: another worker on the same data folder may still be serving younger ones)."""
    root = temp_root(settings)
    os.environ["GRADIO_TEMP_DIR"] = str(root)
    sweep(root)
    return root


def write_private(folder: Path, name: str, text: str) -> Path:
    """Write `text` to folder/name with mode 0600, removing the folder's stale files first."""
    private_dir(folder)
    sweep(folder)
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)
    return path


def sweep(folder: Path, max_age: float = MAX_AGE_SECONDS) -> int:
    """Remove files older than max_age seconds under folder (and the folders they leave empty); returns how many."""
    if not folder.is_dir():
        return 0
    cutoff, removed = time.time() - max_age, 0
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        try:
            if path.is_file() and path.stat().st_mtime <= cutoff:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        except OSError:
            continue  # another worker took it first
    return removed


def discard_upload(path: Path) -> None:
    """Delete Gradio's copy of an uploaded file once it has been read (never a file outside Gradio's cache)."""
    cache = os.environ.get("GRADIO_TEMP_DIR")
    if not cache:
        return
    try:
        resolved = path.resolve()
        if resolved.is_relative_to(Path(cache).resolve()) and resolved.is_file():
            resolved.unlink()
            if not any(resolved.parent.iterdir()):
                resolved.parent.rmdir()
    except OSError:
        return
