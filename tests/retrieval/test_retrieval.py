"""Ingestion and retrieval over the real default knowledge base, with the fake embedder and in-memory index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from copilot.embeddings.fake import FakeEmbedder
from copilot.index.memory import MemoryIndex
from copilot.llm.fake import FakeChatModel
from copilot.retrieval.ask import answer_schema, ask
from copilot.retrieval.ingest import ingest, remove
from copilot.retrieval.search import Retriever, build_where

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
# The fake embedder hashes words into buckets; with one vector per line (views) 256 buckets collide often enough
# that a nonsense question shares a bucket with some short line. 1024 keeps "no shared words" near cosine 0.
FAKE_DIM = 1024


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.fixture
def indexed(kb_copy: Path) -> tuple[Path, MemoryIndex, FakeEmbedder]:
    index, embedder = MemoryIndex(), FakeEmbedder(dimension=FAKE_DIM)
    ingest(kb_copy, embedder, index)
    return kb_copy, index, embedder


def test_second_ingest_changes_nothing(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    root, index, embedder = indexed
    before = dict(index.rows)
    again = ingest(root, embedder, index)
    assert not again.changed and again.added == [] and again.updated == []
    assert len(again.unchanged) >= 6
    assert index.rows.keys() == before.keys()


def test_changed_file_is_updated_and_deleted_file_removed(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    root, index, embedder = indexed
    catalog = root / "learning" / "catalog.yaml"
    catalog.write_text(catalog.read_text().replace("Discovery call planner", "Discovery call planning sheet"))
    report = ingest(root, embedder, index)
    assert report.updated == ["learning/catalog.yaml"] and report.unchanged
    assert "planning sheet" in " ".join(h.text for h in index.get(where={"item_id": "act-discovery-call-planner"}))
    scenarios = root / "roleplay" / "scenarios.yaml"
    ids = [cid for cid, row in index.rows.items() if row[2]["source"] == "roleplay/scenarios.yaml"]
    scenarios.unlink()
    report = ingest(root, embedder, index)
    assert report.removed == ["roleplay/scenarios.yaml"]
    assert report.chunks_deleted == len(ids) and not index.get(ids)


def test_a_file_broken_later_keeps_what_it_had(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    root, index, embedder = indexed
    count = index.count()
    objections = root / "messaging" / "objections.yaml"
    objections.write_text(objections.read_text() + "\n  - id: [unclosed\n")
    report = ingest(root, embedder, index)
    assert report.kept_invalid == ["messaging/objections.yaml"]
    assert any(p.path == "messaging/objections.yaml" and p.severity == "error" for p in report.problems)
    assert index.count() == count
    assert index.get(where={"item_id": "obj-too-expensive"})


def test_filters_restrict_results(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    retriever = Retriever(embedder, index)
    only = retriever.search("price is too high", k=5, where=build_where(type="activity"))
    assert only and all(r.type == "activity" for r in only)
    linked = retriever.search("practice", k=10, where=build_where(criterion="discovery-call.agenda"))
    assert linked
    for r in linked:
        assert "discovery-call.agenda" in r.metadata.get("criteria", []) or r.item_id == "discovery-call.agenda"


@pytest.mark.parametrize("mode", ["dense", "keyword", "hybrid"])
def test_each_mode_finds_an_objection_by_its_words(indexed: tuple[Path, MemoryIndex, FakeEmbedder], mode: str) -> None:
    _, index, embedder = indexed
    results = Retriever(embedder, index).search("no budget this year", k=5, mode=mode)  # type: ignore[arg-type]
    assert "obj-no-budget" in [r.item_id for r in results]


def test_coaching_notes_are_private(kb_copy: Path) -> None:
    note = kb_copy / "guides" / "zz-note.md"
    note.write_text(
        "---\nid: note-lena-1\ntitle: Note on Lena\ntype: coaching_note\nrep: rep-lena\ndate: 2026-11-01\n---\n"
        "Lena struggled to ask budget questions on the Hartwell call.\n"
    )
    index, embedder = MemoryIndex(), FakeEmbedder(dimension=FAKE_DIM)
    ingest(kb_copy, embedder, index)
    retriever = Retriever(embedder, index)
    assert "note-lena-1" not in [r.item_id for r in retriever.search("Lena budget questions Hartwell", k=10)]
    private = retriever.search("Lena budget questions Hartwell", k=10, where=build_where(private=True))
    assert "note-lena-1" in [r.item_id for r in private]


def test_remove_by_id_and_by_source(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, _ = indexed
    assert remove(index, "obj-too-expensive") and not index.get(where={"item_id": "obj-too-expensive"})
    removed = remove(index, "roleplay/scenarios.yaml")
    assert removed and not index.get(where={"source": "roleplay/scenarios.yaml"})


def test_answer_schema_only_allows_retrieved_ids() -> None:
    schema = answer_schema(["a", "b"]).model_json_schema()
    assert json.dumps(schema).count('"enum"') >= 1 and '"a"' in json.dumps(schema)
    with pytest.raises(ValueError):
        answer_schema(["a"]).model_validate({"answer": "x", "citations": ["zzz"]})


def test_ask_uses_a_supported_model_answer(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    retriever = Retriever(embedder, index)
    top = retriever.search("the buyer has no budget this year", k=1)[0]
    words = " ".join(top.text.split()[:25])
    model = FakeChatModel().enqueue(json.dumps({"answer": words, "citations": [top.item_id]}))
    result = ask("the buyer has no budget this year", retriever, model)
    assert result.source == "generated" and result.citations == [top.item_id]


def test_ask_falls_back_to_curated_content_when_the_model_invents(
    indexed: tuple[Path, MemoryIndex, FakeEmbedder],
) -> None:
    _, index, embedder = indexed
    retriever = Retriever(embedder, index)
    model = FakeChatModel().enqueue(
        json.dumps({"answer": "Offer pizza and golf tickets to everyone.", "citations": ["obj-no-budget"]})
    )
    result = ask("the buyer has no budget this year", retriever, model)
    assert result.source == "curated" and "curated" in result.answer
    assert result.citations and all(c in [r.item_id for r in result.retrieved] for c in result.citations)


def test_ask_says_so_when_nothing_is_relevant(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    model = FakeChatModel()
    result = ask("zebra quantum volcano", Retriever(embedder, index), model)
    assert result.source == "none" and result.citations == [] and model.calls == []
