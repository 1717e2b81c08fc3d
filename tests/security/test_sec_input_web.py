"""Bounded input and private temporary files in the web app, attacked through gradio_client against a launched app
in team mode. After each refusal, what was saved before is still there."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
from pathlib import Path

import pytest
from support.ui import ADMIN, REPO, Launched

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


from copilot.records.store import open_store  # noqa: E402

JORDAN = "jordan.reyes@lanternline.example"
MARCUS = "marcus.bell@lanternline.example"
ANA = "ana.lopez@lanternline.example"
TRANSCRIPT = REPO / "evals" / "review" / "conversations" / "coaching_good.txt"


def _sessions(app: Launched, rep: str) -> list[object]:
    store = open_store(app.settings)
    try:
        return list(store.sessions(ADMIN, rep))
    finally:
        store.close()


def _leftovers(app: Launched, name: str) -> list[Path]:
    """Copies of an uploaded file still in Gradio's upload folder."""
    from gradio.utils import get_upload_folder

    return [p for p in Path(get_upload_folder()).rglob(name) if p.is_file()]


def _big_transcript(folder: Path) -> Path:
    turn = TRANSCRIPT.read_text(encoding="utf-8")
    path = folder / "long-call.txt"
    path.write_text(turn * (1_100_000 // len(turn) + 1), encoding="utf-8")
    return path


def test_an_oversized_self_review_upload_is_refused_and_its_copy_deleted(team: Launched, tmp_path: Path) -> None:
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    big = _big_transcript(tmp_path)
    with pytest.raises(AppError) as info:
        team.client(MARCUS).predict(handle_file(str(big)), "", "call", "", "", api_name="/self_review")
    message = str(info.value)
    assert "over the 1 MB limit" in message and "COPILOT_MAX_TRANSCRIPT_BYTES" in message and "Traceback" not in message
    assert _leftovers(team, "long-call.txt") == []  # Gradio's copy of the upload is gone


def test_an_oversized_pasted_transcript_is_refused(team: Launched, tmp_path: Path) -> None:
    from gradio_client.exceptions import AppError

    pasted = _big_transcript(tmp_path).read_text(encoding="utf-8")
    with pytest.raises(AppError) as info:
        team.client(JORDAN).predict(None, pasted, "coaching", "", "", api_name="/review_transcript")
    assert "pasted transcript" in str(info.value) and "over the 1 MB limit" in str(info.value)


def test_a_reviewed_upload_does_not_stay_in_the_temporary_folder(team: Launched) -> None:
    from gradio_client import handle_file

    markdown, _, _ = team.client(JORDAN).predict(
        handle_file(str(TRANSCRIPT)), "", "coaching", "", "", api_name="/review_transcript"
    )
    assert "Coaching quality" in markdown
    assert _leftovers(team, TRANSCRIPT.name) == []


def test_an_oversized_knowledge_upload_is_refused_and_the_index_keeps_its_chunks(
    team: Launched, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    count = team.runtime.index.count()
    uploads = sorted(p.name for p in team.settings.uploads_dir.glob("*")) if team.settings.uploads_dir.exists() else []
    big = tmp_path / "huge-guide.txt"
    big.write_text("Answering the pilot-first request. " * 320_000, encoding="utf-8")  # 11.2 MB
    with pytest.raises(Exception) as info:  # Gradio refuses it at upload, before the handler
        team.client(ANA).predict([handle_file(str(big))], api_name="/kb_upload")
    assert "10" in str(info.value) or "large" in str(info.value).lower()
    assert team.runtime.index.count() == count
    now = sorted(p.name for p in team.settings.uploads_dir.glob("*")) if team.settings.uploads_dir.exists() else []
    assert now == uploads and _leftovers(team, "huge-guide.txt") == []


@pytest.mark.parametrize("minutes", [0.4, 29.5, 0, -5, 100_000])
def test_minutes_are_never_silently_changed(team: Launched, minutes: float) -> None:
    from gradio_client.exceptions import AppError

    before = _sessions(team, "rep-marcus-bell")
    with pytest.raises(AppError) as info:
        team.client(JORDAN).predict(
            "rep-marcus-bell", "2026-11-20", "one-on-one", minutes, "A short check-in.", "", "", api_name="/save_notes"
        )
    assert "whole number of minutes" in str(info.value) and "Fix:" in str(info.value)
    assert _sessions(team, "rep-marcus-bell") == before


@pytest.mark.parametrize(
    ("api", "args"),
    [
        ("/save_notes", ("rep-marcus-bell", "9999-12-31", "one-on-one", 30, "A note.", "", "")),
        ("/save_notes", ("rep-marcus-bell", "", "one-on-one", 30, "A note.", "", "Call the CFO; due=9999-12-31")),
        ("/assign", ("rep-marcus-bell", "act-roleplay-discovery", "0001-01-01")),
    ],
)
def test_a_date_outside_the_sane_range_is_refused(team: Launched, api: str, args: tuple[object, ...]) -> None:
    from gradio_client.exceptions import AppError

    before = _sessions(team, "rep-marcus-bell")
    with pytest.raises(AppError) as info:
        team.client(JORDAN).predict(*args, api_name=api)
    assert "outside the dates the copilot works with" in str(info.value) and "Fix:" in str(info.value)
    assert _sessions(team, "rep-marcus-bell") == before


def test_a_prep_brief_download_is_private_and_not_in_shared_tmp(team: Launched) -> None:
    shared = set(glob.glob(os.path.join(tempfile.gettempdir(), "copilot-brief-*")))
    final, download = team.client(JORDAN).predict("rep-marcus-bell", "one-on-one", api_name="/prep_brief")
    assert "# 1-on-1 prep: Marcus Bell" in final and download
    assert set(glob.glob(os.path.join(tempfile.gettempdir(), "copilot-brief-*"))) == shared
    root = team.settings.data_dir / "tmp"
    assert os.environ["GRADIO_TEMP_DIR"] == str(root)  # Gradio's copies (the download it serves) live there too
    briefs = list((root / "briefs").rglob("prep-rep-marcus-bell-*.md"))
    assert briefs
    for path in briefs:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(root.stat().st_mode) == 0o700 and stat.S_IMODE((root / "briefs").stat().st_mode) == 0o700
    served = [p for p in root.rglob("prep-rep-marcus-bell-*.md") if "briefs" not in p.parts]
    assert all(p.resolve().is_relative_to(root.resolve()) for p in served)


def test_stale_briefs_are_removed(team: Launched) -> None:
    from ui.tempfiles import write_private

    folder = team.settings.data_dir / "tmp" / "briefs"
    old = write_private(folder, "prep-old.md", "an old brief")
    os.utime(old, (1_000_000_000, 1_000_000_000))  # 2001
    team.client(JORDAN).predict("rep-dana-okafor", "one-on-one", api_name="/prep_brief")
    assert not old.exists()
