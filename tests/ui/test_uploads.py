"""Uploads from the web app live in the data folder, not the knowledge folder (which may be a read-only install),
and every path that reads the knowledge base (validation, ingestion, the CLI, the records) sees them."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from copilot.knowledge import load_knowledge_base
from copilot.knowledge.installed import load_installed
from copilot.records.access import Actor
from copilot.runtime import Runtime
from copilot.settings import Settings, load_settings

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
ADMIN = Actor.local_admin()
CATALOG = """\
kind: learning_catalog
version: 1
activities:
  - id: act-agenda-warmup
    title: Agenda warm-up
    kind: drill
    criteria: [{criterion}]
    root_causes: [skill]
    duration_minutes: 15
    description: Say the agenda aloud three times before the call.
    instructions: Record it, listen back, repeat.
"""
GUIDE = "Answering the pilot-first request\nAgree the success criteria, owner and decision date first. Quillfeather.\n"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    knowledge = tmp_path / "install" / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    for key, value in {
        "COPILOT_KNOWLEDGE_DIR": str(knowledge),
        "COPILOT_LLM_BACKEND": "fake",
        "COPILOT_EMBEDDING_BACKEND": "fake",
    }.items():
        monkeypatch.setenv(key, value)
    return load_settings()


def _file(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


def test_the_loader_takes_the_uploads_folder_as_uploads(settings: Settings, tmp_path: Path) -> None:
    uploads = settings.uploads_dir
    _file(uploads, "warmup.yaml", CATALOG.format(criterion="discovery-call.agenda"))
    _file(uploads, "broken.yaml", CATALOG.format(criterion="discovery-call.agendaa").replace("warmup", "other"))
    result = load_installed(settings)
    assert result.item("act-agenda-warmup").source == "uploads/warmup.yaml"
    errors = [p for p in result.errors if p.path == "uploads/broken.yaml"]
    assert errors and "discovery-call.agendaa" in errors[0].message  # checked against the whole knowledge base
    assert {"uploads/warmup.yaml", "uploads/broken.yaml"} <= {f.path for f in result.files}
    assert uploads == settings.data_dir / "uploads"
    elsewhere = load_installed(settings, tmp_path / "install" / "knowledge" / "learning")
    assert not any(f.path.startswith("uploads/") for f in elsewhere.files)  # another folder has no uploads


def test_an_old_upload_in_the_knowledge_folder_is_shadowed_with_a_warning(settings: Settings) -> None:
    knowledge = settings.resolved_knowledge_dir
    _file(knowledge / "uploads", "guide.txt", GUIDE)
    _file(settings.uploads_dir, "guide.txt", GUIDE.replace("Quillfeather", "Larkspur"))
    result = load_knowledge_base(knowledge, uploads=settings.uploads_dir)
    assert [f.path for f in result.files].count("uploads/guide.txt") == 1
    assert any(p.path == "uploads/guide.txt" and "same name" in p.message for p in result.problems)
    assert "Larkspur" in next(i.text for i in result.items if i.source == "uploads/guide.txt")


def test_web_app_uploads_go_to_the_data_folder_and_survive_the_cli_ingest(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from copilot.bootstrap import ensure_knowledge_loaded
    from copilot.cli.main import main
    from copilot.records.reference import load_knowledge
    from ui import kb_ops
    from ui.context import UIContext

    knowledge = settings.resolved_knowledge_dir
    before = snapshot(knowledge)
    runtime = Runtime(settings)
    ensure_knowledge_loaded(runtime)
    ctx = UIContext(runtime)
    try:
        files = [
            _file(tmp_path / "mine", "pilot-first.txt", GUIDE),
            _file(tmp_path / "mine", "warmup.yaml", CATALOG.format(criterion="discovery-call.agenda")),
        ]
        outcome = kb_ops.upload(ctx, ADMIN, files, lambda fraction, text: None)
        assert outcome.kept == ["uploads/pilot-first.txt", "uploads/warmup.yaml"] and not outcome.rejected
        assert str(settings.uploads_dir) in outcome.summary
        assert (settings.uploads_dir / "pilot-first.txt").read_text(encoding="utf-8") == GUIDE
        assert snapshot(knowledge) == before, "the knowledge folder must not change"
        sources = {h.metadata.get("source") for h in runtime.index.get(where={"type": "guide"})}
        assert "uploads/pilot-first.txt" in sources
        assert "act-agenda-warmup" in load_knowledge(settings).activities  # the records can assign it
        assert "act-agenda-warmup" in ctx.kb.activities

        assert main(["kb", "ingest", "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["removed"] == [] and report["chunks_written"] == 0 and report["changed"] is False
        assert main(["kb", "validate", "--json"]) == 0
        validated = json.loads(capsys.readouterr().out)
        assert "uploads/warmup.yaml" in [f["path"] for f in validated["files"]]

        message = kb_ops.remove_item(ctx, ADMIN, "uploads/pilot-first.txt")
        assert "Deleted the uploaded file" in message
        assert not (settings.uploads_dir / "pilot-first.txt").exists()
        assert snapshot(knowledge) == before

        # The CLI removes an upload the same way, so the next ingest does not bring it back.
        assert main(["kb", "remove", "uploads/warmup.yaml", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["deleted_upload"] is True
        assert not (settings.uploads_dir / "warmup.yaml").exists()
        assert main(["kb", "ingest", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["chunks_written"] == 0
        assert not runtime.index.get(where={"source": "uploads/warmup.yaml"})
        # A file of the knowledge folder is never deleted; the message says the next ingest brings it back.
        guide = next(h for h in runtime.index.get(where={"type": "guide"}) if not h.metadata["source"].startswith("u"))
        assert main(["kb", "remove", str(guide.metadata["source"])]) == 0
        assert "the next `copilot kb ingest` brings it back" in capsys.readouterr().out
        assert snapshot(knowledge) == before
    finally:
        ctx.close()


def test_a_broken_upload_is_not_kept_in_the_data_folder(settings: Settings, tmp_path: Path) -> None:
    from ui import kb_ops
    from ui.context import UIContext

    ctx = UIContext(Runtime(settings))
    try:
        bad = _file(tmp_path / "mine", "warmup.yaml", CATALOG.format(criterion="discovery-call.agendaa"))
        outcome = kb_ops.upload(ctx, ADMIN, [bad], lambda fraction, text: None)
    finally:
        ctx.close()
    assert outcome.rejected == ["uploads/warmup.yaml"]
    assert not (settings.uploads_dir / "warmup.yaml").exists()
    assert not (settings.resolved_knowledge_dir / "uploads").exists()


def test_an_unwritable_data_folder_names_the_setting(settings: Settings, tmp_path: Path) -> None:
    from copilot.errors import KnowledgeBaseError
    from ui import kb_ops
    from ui.context import UIContext

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    ctx = UIContext(Runtime(settings.model_copy(update={"data_dir": blocker})))
    with pytest.raises(KnowledgeBaseError) as info:
        kb_ops.upload(ctx, ADMIN, [_file(tmp_path / "mine", "g.txt", GUIDE)], lambda fraction, text: None)
    assert "COPILOT_DATA_DIR" in str(info.value.fix)
