"""Chroma and the in-memory index behave the same: upsert, nearest first, filters, delete, persistence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from copilot.index.base import VectorIndex
from copilot.index.chroma import ChromaIndex, chroma_client
from copilot.index.memory import MemoryIndex

ROWS = {
    "price": ([1.0, 0.0, 0.0], {"type": "objection", "criteria": ["oh.clarify", "oh.answer"]}),
    "timing": ([0.8, 0.6, 0.0], {"type": "objection", "criteria": ["oh.advance"]}),
    "agenda": ([0.0, 0.0, 1.0], {"type": "criterion", "criteria": ["dc.agenda"]}),
}


def _chroma(tmp_path: Path) -> VectorIndex:
    return ChromaIndex(chroma_client(path=tmp_path / "chroma"), "test-index")


FACTORIES: list[Callable[[Path], VectorIndex]] = [lambda _: MemoryIndex(), _chroma]


@pytest.fixture(params=FACTORIES, ids=["memory", "chroma"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> VectorIndex:
    idx: VectorIndex = request.param(tmp_path)
    idx.upsert(list(ROWS), [f"text of {k}" for k in ROWS], [v[0] for v in ROWS.values()], [v[1] for v in ROWS.values()])
    return idx


def test_nearest_first_with_cosine_scores(index: VectorIndex) -> None:
    hits = index.query([1.0, 0.1, 0.0], 3)
    assert [h.id for h in hits] == ["price", "timing", "agenda"]
    assert hits[0].score > 0.99 and hits[0].text == "text of price"
    assert hits[0].metadata["type"] == "objection"


def test_nearest_gives_ids_and_the_same_scores_as_query(index: VectorIndex) -> None:
    full = index.query([1.0, 0.1, 0.0], 3)
    bare = index.nearest([1.0, 0.1, 0.0], 3)
    assert [cid for cid, _ in bare] == ["price", "timing", "agenda"]
    assert [round(s, 5) for _, s in bare] == [round(h.score, 5) for h in full]
    assert [cid for cid, _ in index.nearest([1.0, 0.0, 0.0], 3, where={"type": "criterion"})] == ["agenda"]
    assert index.nearest([1.0, 0.0, 0.0], 0) == []


def test_filters(index: VectorIndex) -> None:
    assert [h.id for h in index.query([1.0, 0.0, 0.0], 3, where={"type": "criterion"})] == ["agenda"]
    contains = index.query([0.0, 0.0, 1.0], 3, where={"criteria": {"$contains": "oh.advance"}})
    assert [h.id for h in contains] == ["timing"]


def test_upsert_replaces_and_delete_removes(index: VectorIndex) -> None:
    index.upsert(["price"], ["new text"], [[0.0, 0.0, 1.0]], [{"type": "objection"}])
    assert index.count() == 3
    assert index.get(["price"])[0].text == "new text"
    index.delete(["price", "never-existed"])
    assert index.count() == 2
    assert index.get(["price"]) == []


def test_version_changes_with_every_write_and_only_then(index: VectorIndex) -> None:
    before = index.version()
    index.query([1.0, 0.0, 0.0], 2)
    index.nearest([1.0, 0.0, 0.0], 2)
    index.get(["price"])
    assert index.version() == before
    # Same size, same text: only the metadata changes (a note made private), and readers must still notice.
    index.upsert(["price"], ["text of price"], [[1.0, 0.0, 0.0]], [{"type": "objection", "private": True}])
    assert index.count() == 3 and index.version() != before


def test_chroma_persists_across_clients(tmp_path: Path) -> None:
    first = _chroma(tmp_path)
    first.upsert(["a"], ["kept"], [[0.1, 0.2, 0.3]], [{"type": "guide"}])
    again = _chroma(tmp_path)
    assert again.count() == 1 and again.get(["a"])[0].text == "kept"
