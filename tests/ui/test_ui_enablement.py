"""Enablement's pages in team mode: upload with validation per file and line, ingest, browse, remove, preview, gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.samples import BROKEN_CATALOG, GOOD_GUIDE
from support.ui import Launched, table

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


ANA = "ana.lopez@lanternline.example"


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_broken_file_is_refused_with_its_line_and_fix(team: Launched, tmp_path: Path) -> None:
    from gradio_client import handle_file

    bad = _write(tmp_path, "agenda_catalog.yaml", BROKEN_CATALOG)
    summary, problems = team.client(ANA).predict([handle_file(bad)], api_name="/kb_upload")
    rows = [r for r in table(problems) if r["severity"] == "error"]
    assert rows and rows[0]["file"] == "uploads/agenda_catalog.yaml"
    assert rows[0]["line"] == 7 and "discovery-call.agendaa" in rows[0]["message"]
    assert "discovery-call.agenda" in rows[0]["fix"]
    assert "Not added" in summary and "uploads/agenda_catalog.yaml" in summary
    assert not (team.settings.uploads_dir / "agenda_catalog.yaml").exists()
    assert not (team.settings.resolved_knowledge_dir / "uploads").exists()


def test_a_good_file_is_ingested_found_by_the_preview_and_removable(team: Launched, tmp_path: Path) -> None:
    from gradio_client import handle_file

    client = team.client(ANA)
    good = _write(tmp_path, "pilot-first.txt", GOOD_GUIDE)
    summary, problems = client.predict([handle_file(good)], api_name="/kb_upload")
    assert "Added:** uploads/pilot-first.txt" in summary and "added 1" in summary
    assert not [r for r in table(problems) if r["severity"] == "error"]
    assert f"Saved to** `{team.settings.uploads_dir}`" in summary
    assert (team.settings.uploads_dir / "pilot-first.txt").is_file()  # in the data folder, not the knowledge folder
    assert not (team.settings.resolved_knowledge_dir / "uploads").exists()
    items = table(client.predict("guide", api_name="/kb_items"))
    assert any(r["source"] == "uploads/pilot-first.txt" for r in items)
    found = table(client.predict("quillfeather pilot decision date", 3, "keyword", "", api_name="/kb_preview"))
    assert found[0]["source"] == "uploads/pilot-first.txt" and "Quillfeather" in found[0]["passage"]

    message = client.predict("uploads/pilot-first.txt", api_name="/kb_remove")
    assert "Deleted the uploaded file" in message
    items = table(client.predict("guide", api_name="/kb_items"))
    assert not any(r["source"] == "uploads/pilot-first.txt" for r in items)
    assert not (team.settings.uploads_dir / "pilot-first.txt").exists()


def test_an_unsupported_file_type_is_refused_with_the_formats_that_work(team: Launched, tmp_path: Path) -> None:
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    odd = _write(tmp_path, "notes.docx", "not really a docx")
    with pytest.raises(AppError) as info:
        team.client(ANA).predict([handle_file(odd)], api_name="/kb_upload")
    assert ".yaml" in str(info.value) and ".md" in str(info.value)
    assert not (team.settings.uploads_dir / "notes.docx").exists()


def test_reingesting_the_folder_changes_nothing_when_nothing_changed(team: Launched) -> None:
    summary, _ = team.client(ANA).predict(api_name="/kb_ingest")
    assert "0 chunks written, 0 deleted" in summary


def test_removing_an_unknown_item_says_how_to_find_ids(team: Launched) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        team.client(ANA).predict("obj-does-not-exist", api_name="/kb_remove")
    assert "nothing indexed as" in str(info.value) and "Fix:" in str(info.value)


def test_coverage_gaps_are_listed(team: Launched) -> None:
    markdown = team.client(ANA).predict(api_name="/kb_coverage")
    assert "**Knowledge base:**" in markdown and "criteria" in markdown
    assert "gap(s)" in markdown or "No gaps" in markdown


def test_enablement_sees_scorecards_but_not_a_reps_records(team: Launched) -> None:
    from gradio_client.exceptions import AppError

    client = team.client(ANA)
    _, rows, *_ = client.predict("all", "", "", api_name="/scorecard")
    assert "team Mid-Market East" in [r["who"] for r in table(rows)]
    with pytest.raises(AppError, match="may not"):
        client.predict("rep-marcus-bell", api_name="/rep_page")
    with pytest.raises(AppError, match="may not"):
        client.predict("rep-marcus-bell", api_name="/rep_records")


def test_a_manager_cannot_change_the_knowledge_base(team: Launched) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="enablement and admins"):
        team.client("jordan.reyes@lanternline.example").predict("guide-anything", api_name="/kb_remove")
