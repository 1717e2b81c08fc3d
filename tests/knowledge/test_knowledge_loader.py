"""Loader behaviour users rely on: every bad input is a clear problem with file, line or key and a fix,
and valid files keep loading next to invalid ones."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from copilot.errors import KnowledgeBaseError
from copilot.knowledge import LoadResult, Problem, coverage, load_file, load_knowledge_base

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def baseline() -> LoadResult:
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    return root


def _write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _problems_for(result: LoadResult, rel: str) -> list[Problem]:
    return [p for p in result.problems if p.path == rel]


def _assert_actionable(problem: Problem) -> None:
    """Every problem names a file, a place (line or key) or is about the whole file, and says what to do."""
    assert problem.path
    assert problem.fix and len(problem.fix) > 10
    assert problem.message


def _still_loads_everything(result: LoadResult, baseline: LoadResult) -> None:
    ids = {i.id for i in result.items}
    assert {i.id for i in baseline.items} <= ids


ACTIVITY = """\
kind: learning_catalog
version: 1
activities:
  - id: act-extra
    title: Extra drill
    kind: drill
    criteria: [demo.recap]
    root_causes: [skill]
    duration_minutes: 10
    description: An extra drill.
    instructions: Do it.
"""

MINI_MODEL = """\
kind: competency_model
version: 1
interactions:
  - id: demo
    title: Product demo
    category: rep-customer
    description: A demo.
    criteria:
      - id: demo.recap
        title: Recaps discovery
        description: Recaps what was heard.
        tier: basic
        levels: {not_present: a, needs_work: b, good: c, excellent: d}
"""


def _mini_kb(root: Path) -> Path:
    """A folder with a one-criterion competency model and one activity that references it."""
    _write(root, "methodology/model.yaml", MINI_MODEL)
    _write(root, "a.yaml", ACTIVITY)
    return root


# ---- bad input: each gives a problem with file, line/key and fix; the rest still loads ----------------


def test_malformed_yaml_reports_line_and_others_still_load(kb_copy: Path, baseline: LoadResult) -> None:
    _write(
        kb_copy,
        "extra/broken.yaml",
        "kind: learning_catalog\nversion: 1\nactivities:\n  - id: act-x\n   title: [oops\n",
    )
    result = load_knowledge_base(kb_copy)
    [problem] = _problems_for(result, "extra/broken.yaml")
    assert problem.severity == "error" and "malformed YAML" in problem.message
    assert problem.line in (4, 5)
    assert "indentation" in problem.fix
    _assert_actionable(problem)
    _still_loads_everything(result, baseline)
    info = next(f for f in result.files if f.path == "extra/broken.yaml")
    assert not info.ok and info.item_ids == []


def test_unknown_field_names_line_key_item_and_allowed_keys(kb_copy: Path, baseline: LoadResult) -> None:
    _write(
        kb_copy,
        "extra/typo.yaml",
        ACTIVITY.replace("    instructions: Do it.\n", "    instructions: Do it.\n    minutes: 5\n"),
    )
    result = load_knowledge_base(kb_copy)
    [problem] = _problems_for(result, "extra/typo.yaml")
    assert problem.line == 12
    assert problem.key == "activities[0].minutes"
    assert "unknown field 'minutes'" in problem.message and "act-extra" in problem.message
    assert "duration_minutes" in problem.fix
    assert "act-extra" not in {i.id for i in result.items}, "an invalid file contributes no items"
    _still_loads_everything(result, baseline)


def test_missing_field_and_bad_enum_are_reported_with_fix(tmp_path: Path) -> None:
    text = ACTIVITY.replace("    kind: drill\n", "    kind: podcast\n").replace(
        "    description: An extra drill.\n", ""
    )
    _write(tmp_path, "a.yaml", text)
    result = load_knowledge_base(tmp_path)
    by_key = {p.key: p for p in result.problems}
    assert "use one of" in by_key["activities[0].kind"].fix and by_key["activities[0].kind"].line == 6
    assert "missing required field 'description'" in by_key["activities[0].description"].message
    assert by_key["activities[0].description"].line == 4


def test_duplicate_ids_report_both_locations(kb_copy: Path, baseline: LoadResult) -> None:
    text = ACTIVITY.replace("act-extra", "act-roleplay-demo")
    _write(kb_copy, "other/dup.yaml", text)
    result = load_knowledge_base(kb_copy)
    dups = [p for p in result.problems if "duplicate id 'act-roleplay-demo'" in p.message]
    assert {p.path for p in dups} == {"learning/catalog.yaml", "other/dup.yaml"}
    original = next(p for p in dups if p.path == "learning/catalog.yaml")
    copy = next(p for p in dups if p.path == "other/dup.yaml")
    assert "other/dup.yaml:4" in original.message
    assert copy.line == 4 and f"learning/catalog.yaml:{original.line}" in copy.message
    assert "rename" in copy.fix
    # the first definition (in path order) wins and is loaded once
    assert [i.id for i in result.items].count("act-roleplay-demo") == 1
    assert result.kb.activities["act-roleplay-demo"].title == "Demo roleplay"
    _still_loads_everything(result, baseline)


def test_duplicate_yaml_keys_are_errors(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.yaml",
        ACTIVITY.replace("    title: Extra drill\n", "    title: Extra drill\n    title: Again\n"),
    )
    [problem] = load_knowledge_base(tmp_path).problems
    assert "appears twice" in problem.message and problem.line == 6 and problem.key == "activities[0].title"


def test_binary_file_named_md_is_refused(kb_copy: Path, baseline: LoadResult) -> None:
    _write(kb_copy, "guides/picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    result = load_knowledge_base(kb_copy)
    [problem] = _problems_for(result, "guides/picture.md")
    assert problem.severity == "error" and "binary" in problem.message
    _assert_actionable(problem)
    _still_loads_everything(result, baseline)


@pytest.mark.parametrize(("name", "content"), [("empty.md", ""), ("blank.yaml", "  \n\n"), ("empty.txt", "")])
def test_empty_files_are_reported_and_skipped(kb_copy: Path, baseline: LoadResult, name: str, content: str) -> None:
    _write(kb_copy, f"extra/{name}", content)
    result = load_knowledge_base(kb_copy)
    [problem] = _problems_for(result, f"extra/{name}")
    assert "empty" in problem.message and problem.severity == "warning"
    _assert_actionable(problem)
    assert len(result.items) == len(baseline.items)


def test_huge_file_is_refused_without_reading_it(kb_copy: Path, baseline: LoadResult) -> None:
    path = kb_copy / "guides" / "huge.md"
    with path.open("wb") as handle:  # sparse 50 MB file: cheap to create, must not be read
        handle.truncate(50 * 1024 * 1024)
    result = load_knowledge_base(kb_copy)
    [problem] = _problems_for(result, "guides/huge.md")
    assert problem.severity == "error" and "50 MB" in problem.message and "10 MB limit" in problem.message
    assert "split" in problem.fix
    info = next(f for f in result.files if f.path == "guides/huge.md")
    assert info.sha256 is None and info.size == 50 * 1024 * 1024
    _still_loads_everything(result, baseline)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    _mini_kb(tmp_path)
    limited = load_knowledge_base(tmp_path, max_bytes=300)
    [too_big] = [p for p in limited.problems if "over the" in p.message]
    assert too_big.path == "methodology/model.yaml" and "act-extra" in limited.kb.activities
    assert load_knowledge_base(tmp_path, max_bytes=10_000).ok


def test_symlink_escaping_the_root_is_refused(tmp_path: Path) -> None:
    outside = _write(tmp_path, "outside/secret.md", "# Secret\n\nnot part of the knowledge base\n")
    root = _mini_kb(tmp_path / "kb")
    os.symlink(outside, root / "linked.md")
    os.symlink(outside.parent, root / "linked_dir")
    result = load_knowledge_base(root)
    file_problem = next(p for p in result.problems if p.path == "linked.md")
    dir_problem = next(p for p in result.problems if p.path == "linked_dir")
    for problem in (file_problem, dir_problem):
        assert problem.severity == "error" and "outside the knowledge folder" in problem.message
        assert "copy" in problem.fix
    assert "guide-secret" not in {i.id for i in result.items}
    assert "act-extra" in {i.id for i in result.items}
    assert load_file(outside, root).problems[0].message.startswith("file is outside")


def test_unsupported_extension_is_skipped_with_info(tmp_path: Path) -> None:
    _write(_mini_kb(tmp_path), "deck.pptx", b"PK\x03\x04")
    result = load_knowledge_base(tmp_path)
    [problem] = result.problems
    assert problem.severity == "info" and ".pptx" in problem.message and "Markdown" in problem.fix
    assert result.ok


def test_unknown_kind_and_missing_kind(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", ACTIVITY.replace("learning_catalog", "learning_catalogue"))
    _write(tmp_path, "b.yaml", "version: 1\nactivities: []\n")
    _write(tmp_path, "c.yaml", "- just\n- a list\n")
    result = load_knowledge_base(tmp_path)
    a, b, c = (_problems_for(result, name)[0] for name in ("a.yaml", "b.yaml", "c.yaml"))
    assert "unknown kind 'learning_catalogue'" in a.message and "learning_catalog" in a.fix and a.line == 1
    assert "missing `kind:`" in b.message and b.key == "kind"
    assert "mapping" in c.message


def test_unsupported_version(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", ACTIVITY.replace("version: 1", "version: 2"))
    [problem] = load_knowledge_base(tmp_path).problems
    assert "version 2 is not supported" in problem.message and problem.line == 2


def test_non_utf8_text_is_read_with_a_warning(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "guides/cafe.md",
        "# Caf\xe9 guide\n\n## Pricing\n\nPrices in \u20ac and \xa3.\n".encode("cp1252"),
    )
    result = load_knowledge_base(tmp_path)
    [problem] = result.problems
    assert problem.severity == "warning" and "Windows-1252" in problem.message and "UTF-8" in problem.fix
    item = next(i for i in result.items if i.id == "guide-cafe#pricing")
    assert "\u20ac" in item.text and "\xa3" in item.text


def test_utf8_bom_is_accepted_silently(tmp_path: Path) -> None:
    _write(_mini_kb(tmp_path), "a.yaml", b"\xef\xbb\xbf" + ACTIVITY.encode())
    result = load_knowledge_base(tmp_path)
    assert result.problems == [] and "act-extra" in result.kb.activities


def test_unknown_references_are_errors_with_suggestions(tmp_path: Path, kb_copy: Path) -> None:
    _write(kb_copy, "extra/refs.yaml", ACTIVITY.replace("[demo.recap]", "[demo.recapp]"))
    result = load_knowledge_base(kb_copy)
    [problem] = _problems_for(result, "extra/refs.yaml")
    assert "unknown criterion 'demo.recapp'" in problem.message
    assert problem.key == "activities[0].criteria[0]" and problem.line == 7
    assert "demo.recap" in problem.fix


def test_objection_with_unknown_persona_and_proof_point(kb_copy: Path) -> None:
    path = kb_copy / "messaging" / "objections.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '      persona-revops:\n        - "For that money', '      persona-coo:\n        - "For that money', 1
    )
    text = text.replace(
        "proof_points: [vp-cfo-trusted-number, vp-cro-call",
        "proof_points: [vp-cfo-trusted-numbr, vp-cro-call",
        1,
    )
    path.write_text(text, encoding="utf-8")
    result = load_knowledge_base(kb_copy)
    messages = {p.message for p in result.problems}
    assert "in obj-too-expensive: unknown persona 'persona-coo'" in messages
    assert "in obj-too-expensive: unknown proof point 'vp-cfo-trusted-numbr'" in messages
    assert all(p.line for p in result.problems)


def test_a_scenario_condition_for_an_objection_it_does_not_raise_suggests_the_one_meant(kb_copy: Path) -> None:
    path = kb_copy / "roleplay" / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - objection: obj-committee\n", "      - objection: obj-comittee\n", 1), "utf-8")
    result = load_knowledge_base(kb_copy)
    (problem,) = [p for p in result.problems if "conditions name objections" in p.message]
    assert "obj-comittee" in problem.message and "did you mean obj-committee?" in problem.message
    assert "obj-need-boss" in problem.message  # the objections a condition may name
    _assert_actionable(problem)


def test_broken_competency_model_does_not_flood_other_files_with_errors(kb_copy: Path) -> None:
    cm = kb_copy / "methodology" / "competency_model.yaml"
    cm.write_text(cm.read_text(encoding="utf-8").replace("tier: advanced", "tier: expert", 1), encoding="utf-8")
    result = load_knowledge_base(kb_copy)
    [error] = result.errors
    assert error.path == "methodology/competency_model.yaml" and "'expert'" in error.message and error.line
    catalog = _problems_for(result, "learning/catalog.yaml")
    assert len(catalog) == 1 and catalog[0].severity == "warning"
    assert "not checked because methodology/competency_model.yaml did not load" in catalog[0].message
    team = _problems_for(result, "demo_team/team.yaml")
    assert [p.severity for p in team] == ["warning"]
    assert "act-roleplay-demo" in result.kb.activities, "files that reference the broken one still load"


def test_criterion_id_must_match_interaction_in_file(tmp_path: Path) -> None:
    cm = (KNOWLEDGE / "methodology" / "competency_model.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "cm.yaml", cm.replace("- id: demo.recap", "- id: discovery-call.recap", 1))
    [problem] = load_knowledge_base(tmp_path).problems
    assert "must start with 'demo.'" in problem.message and problem.key and problem.key.endswith("criteria")


def test_missing_root_raises_with_fix(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(tmp_path / "nope")
    assert info.value.fix and "knowledge" in info.value.fix


# ---- free text --------------------------------------------------------------------------------------------


GUIDE = """\
---
title: Pricing conversations
criteria: [negotiation.value-anchor]
---
# Ignored title heading

Intro text before any section.

## Why value first

Restate the business case.

```
## not a heading inside code
```

### A detail

Still part of the section above.

## Why value first

Second section with the same heading.
"""


def test_markdown_splits_by_heading_with_stable_ids_and_lines(kb_copy: Path) -> None:
    _write(kb_copy, "guides/pricing.md", GUIDE)
    result = load_knowledge_base(kb_copy)
    assert result.ok
    items = {i.id: i for i in result.items if i.source == "guides/pricing.md"}
    assert list(items) == [
        "guide-pricing",
        "guide-pricing#why-value-first",
        "guide-pricing#why-value-first-2",
    ]
    overview = items["guide-pricing"]
    assert overview.title == "Pricing conversations" and "Intro text" in overview.text
    first = items["guide-pricing#why-value-first"]
    assert first.line == 9 and "not a heading inside code" in first.text and "A detail" in first.text
    assert first.metadata["criteria"] == ["negotiation.value-anchor"] and first.metadata["interactions"] == [
        "negotiation"
    ]
    assert items["guide-pricing#why-value-first-2"].line == 21


def test_front_matter_errors_have_lines(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "---\ntitle: x\nauthor: me\n---\n# A\n\ntext\n")
    _write(tmp_path, "b.md", "---\ntitle: [x\n---\n# B\n\ntext\n")
    _write(tmp_path, "c.md", "---\ntitle: x\n# C\n")
    result = load_knowledge_base(tmp_path)
    a, b, c = (_problems_for(result, name)[0] for name in ("a.md", "b.md", "c.md"))
    assert "unknown field 'author'" in a.message and a.line == 3 and "criteria" in a.fix
    assert "malformed YAML" in b.message and b.line in (2, 3)
    assert "never closed" in c.message
    assert result.items == []


def test_coaching_note_and_text_guide(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "notes/n1.md",
        "---\ntype: coaching_note\nrep: rep-a\ndate: 2026-11-01\n---\n# Note\n\n## Plan\n\nDo it.\n",
    )
    _write(tmp_path, "card.txt", "Objection card\n\nAcknowledge, clarify, answer, check, advance.\n")
    result = load_knowledge_base(tmp_path)
    assert result.ok
    note = next(i for i in result.items if i.id == "note-n1#plan")
    assert note.type == "coaching_note" and note.metadata["rep"] == "rep-a" and note.metadata["date"] == "2026-11-01"
    card = next(i for i in result.items if i.id == "guide-card")
    assert card.title == "Objection card" and "advance" in card.text and card.metadata["format"] == "text"


def _pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF with one line of text per page."""
    n = len(pages)
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>",
    ]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {3 + 2 * n} 0 R >> >> >>"
        )
        objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    return out + f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def test_pdf_guide_becomes_one_item_per_page(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    _write(tmp_path, "Pricing Guide.pdf", _pdf(["Pricing guide for reps", "Trade, never give"]))
    result = load_knowledge_base(tmp_path)
    assert result.ok, result.problems
    assert [i.id for i in result.items] == ["guide-pricing-guide#page-1", "guide-pricing-guide#page-2"]
    assert "Trade, never give" in result.items[1].text and result.items[1].metadata["format"] == "pdf"


def test_broken_pdf_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    _write(tmp_path, "bad.pdf", b"%PDF-1.4\n garbage without objects")
    _write(_mini_kb(tmp_path), "fake.pdf", b"this is text, not a pdf")
    result = load_knowledge_base(tmp_path)
    assert {p.path for p in result.errors} >= {"fake.pdf"}
    assert all(p.fix for p in result.problems)
    assert "act-extra" in result.kb.activities


# ---- ids, hashes, determinism -----------------------------------------------------------------------------


def test_ids_are_unique_and_stable_across_loads(baseline: LoadResult) -> None:
    again = load_knowledge_base(KNOWLEDGE)
    ids = [i.id for i in baseline.items]
    assert len(ids) == len(set(ids))
    assert [i.model_dump() for i in again.items] == [i.model_dump() for i in baseline.items]
    assert [f.sha256 for f in again.files] == [f.sha256 for f in baseline.files]


def test_same_content_in_another_folder_gives_same_ids(kb_copy: Path, baseline: LoadResult) -> None:
    assert [i.id for i in load_knowledge_base(kb_copy).items] == [i.id for i in baseline.items]


def test_file_hash_changes_only_for_the_edited_file(kb_copy: Path, baseline: LoadResult) -> None:
    guide = kb_copy / "guides" / "trust-but-verify.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = {
        f.path for f, b in zip(load_knowledge_base(kb_copy).files, baseline.files, strict=True) if f.sha256 != b.sha256
    }
    assert changed == {"guides/trust-but-verify.md"}


def test_load_file_loads_a_single_file(baseline: LoadResult) -> None:
    result = load_file(KNOWLEDGE / "learning" / "catalog.yaml", KNOWLEDGE)
    assert result.info.ok and result.info.kind == "learning_catalog" and result.problems == []
    assert result.info.item_ids == [i.id for i in baseline.items if i.source == "learning/catalog.yaml"]


def test_item_item_lookup_suggests_close_ids(baseline: LoadResult) -> None:
    assert baseline.item("demo.recap").type == "criterion"
    with pytest.raises(KnowledgeBaseError) as info:
        baseline.item("demo.recapp")
    assert info.value.fix and "demo.recap" in info.value.fix


# ---- coverage gaps ----------------------------------------------------------------------------------------


def test_coverage_detects_gaps_introduced_in_a_copy(kb_copy: Path) -> None:
    cm = kb_copy / "methodology" / "competency_model.yaml"
    text = cm.read_text(encoding="utf-8")
    new_criterion = """\
      - id: demo.security-answers
        title: Answers security questions
        description: Handles security questions in the demo.
        tier: basic
        levels: {not_present: a, needs_work: b, good: c, excellent: d}

      - id: demo.next-steps
"""
    cm.write_text(text.replace("      - id: demo.next-steps\n", new_criterion, 1), encoding="utf-8")
    obj = kb_copy / "messaging" / "objections.yaml"
    obj.write_text(
        obj.read_text(encoding="utf-8").replace(
            "    proof_points: [diff-privacy-first]\n", "    proof_points: []\n", 1
        ),
        encoding="utf-8",
    )
    cat = kb_copy / "learning" / "catalog.yaml"
    cat.write_text(
        cat.read_text(encoding="utf-8").replace(
            "    criteria: [demo.value-message, discovery-call.solution-fit, objection-handling.answers-with-proof]\n",
            "    criteria: [demo.value-message, discovery-call.solution-fit, objection-handling.answers-with-prooof]\n",
        ),
        encoding="utf-8",
    )
    result = load_knowledge_base(kb_copy)
    report = coverage(result.kb)
    assert not report.ok
    assert report.criteria_without_activity == ["demo.security-answers"]
    assert report.criteria_without_diagnostic_question == ["demo.security-answers"]
    gap = next(g for g in report.root_cause_gaps if g.criterion == "demo.security-answers")
    assert gap.missing == ["knowledge", "skill", "confidence", "messaging", "will"]
    assert report.objections_without_proof_points == ["obj-legal-terms"]
    assert [(d.item, d.criterion) for d in report.unknown_criteria] == [
        ("act-value-prop-card", "objection-handling.answers-with-prooof")
    ]
    assert report.gaps() >= 5
    assert report.model_dump(mode="json")["ok"] is False


def test_coverage_reports_a_single_missing_root_cause(kb_copy: Path) -> None:
    cat = kb_copy / "learning" / "catalog.yaml"
    text = cat.read_text(encoding="utf-8")
    # The forecast definitions card is the only messaging activity for forecast-review criteria.
    text = text.replace(
        "    root_causes: [messaging, knowledge]\n    duration_minutes: 5\n    description: >-\n"
        "      A card with the category",
        "    root_causes: [knowledge]\n    duration_minutes: 5\n    description: >-\n      A card with the category",
        1,
    )
    cat.write_text(text, encoding="utf-8")
    report = coverage(load_knowledge_base(kb_copy).kb)
    assert {g.criterion for g in report.root_cause_gaps} == {
        c for c in load_knowledge_base(kb_copy).kb.criteria if c.startswith("forecast-review.")
    }
    assert all(g.missing == ["messaging"] for g in report.root_cause_gaps)
    assert report.criteria_without_activity == []


# ---- documentation examples -------------------------------------------------------------------------------


def test_every_example_in_the_formats_doc_validates(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "knowledge-formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(yaml|markdown)\n(.*?)```", doc, flags=re.S)
    assert len(blocks) >= 8
    for n, (lang, body) in enumerate(blocks):
        if lang == "yaml" and not body.lstrip().startswith("kind:"):
            continue
        path = _write(tmp_path, f"example{n}.{'yaml' if lang == 'yaml' else 'md'}", body)
        result = load_file(path, tmp_path)
        assert result.info.ok, [str(p) for p in result.problems]
