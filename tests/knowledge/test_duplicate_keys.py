"""A key written twice in one mapping is an error with file and line in every kind of file, since YAML would keep
only the last and silently drop the first."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from copilot.errors import KnowledgeBaseError
from copilot.knowledge import load_file, load_knowledge_base, load_team_file
from copilot.knowledge.schema import Problem
from copilot.records.teamfile.read import ImportRejected, read_team_file

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
KINDS = {
    "competency_model": "methodology/competency_model.yaml",
    "messaging": "messaging/messaging.yaml",
    "objections": "messaging/objections.yaml",
    "learning_catalog": "learning/catalog.yaml",
    "question_bank": "learning/question_bank.yaml",
    "scenarios": "roleplay/scenarios.yaml",
    "team": "demo_team/team.yaml",
}
_ENTRY = re.compile(r"^(\s*)- id: (\S+)$")


def _with_duplicate_id(text: str) -> tuple[str, int]:
    """The file with its first list entry's `id:` written again on the next line, and that line's number."""
    lines = text.splitlines()
    index, found = next((i, m) for i, line in enumerate(lines) if (m := _ENTRY.match(line)))
    lines.insert(index + 1, f"{found.group(1)}  id: {found.group(2)}-again")
    return "\n".join(lines) + "\n", index + 2


def _duplicates(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if "appears twice in the same mapping" in p.message]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_duplicate_key_in_each_knowledge_kind_is_an_error_with_its_line(kind: str, tmp_path: Path) -> None:
    text, line = _with_duplicate_id((KNOWLEDGE / KINDS[kind]).read_text(encoding="utf-8"))
    path = tmp_path / Path(KINDS[kind]).name
    path.write_text(text, encoding="utf-8")
    result = load_file(path, tmp_path)
    [problem] = _duplicates(result.problems)
    assert (problem.path, problem.line, problem.severity) == (path.name, line, "error")
    assert problem.key is not None and problem.key.endswith("[0].id")
    assert result.document is None and not result.info.ok


def test_a_duplicate_key_in_markdown_front_matter_names_the_file_line(tmp_path: Path) -> None:
    note = tmp_path / "notes" / "note.md"
    note.parent.mkdir()
    note.write_text("---\ntype: coaching_note\nrep: rep-a\nrep: rep-b\n---\n# Note\n\nText.\n", encoding="utf-8")
    [problem] = _duplicates(load_knowledge_base(tmp_path).problems)
    assert (problem.path, problem.line, problem.key) == ("notes/note.md", 4, "rep")


def test_load_team_file_raises_with_the_duplicate_line(tmp_path: Path) -> None:
    text, line = _with_duplicate_id((KNOWLEDGE / KINDS["team"]).read_text(encoding="utf-8"))
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load_team_file(path)
    assert err.value.line == line and "appears twice" in str(err.value)


def test_team_imports_report_a_duplicate_key_in_yaml_and_json(tmp_path: Path) -> None:
    text, line = _with_duplicate_id((KNOWLEDGE / KINDS["team"]).read_text(encoding="utf-8"))
    yaml_path = tmp_path / "team.yaml"
    yaml_path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        read_team_file(yaml_path)
    [problem] = _duplicates(err.value.problems)
    assert (problem.path, problem.line) == (str(yaml_path), line)

    json_path = tmp_path / "team.json"
    json_path.write_text('{"kind": "team",\n "version": 1,\n "kind": "team"}\n', encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        read_team_file(json_path)
    [problem] = _duplicates(err.value.problems)
    assert (problem.path, problem.line, problem.key) == (str(json_path), 3, "kind")
    assert json.loads(json_path.read_text(encoding="utf-8"))["kind"] == "team"  # valid JSON: only YAML's check sees it
