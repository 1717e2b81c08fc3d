"""What every VectorIndex promises, as one suite run against each: the in-memory twin always, embedded Chroma as
integration, and a Chroma server in tests/test_scale_chroma.py.

A subclass supplies the `empty` fixture, a fresh index with nothing in it; the suite fills it with ROWS. The tests
hold what ingest and retrieval rely on: nearest first with cosine scores, Chroma's `where` filters, upsert that
replaces, delete that ignores unknown ids, and a version that changes with every write and only then.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.index.base import Hit, VectorIndex
from copilot.index.chroma import ChromaIndex, chroma_client
from copilot.index.memory import MemoryIndex

ROWS = {
    "price": ([1.0, 0.0, 0.0], {"type": "objection", "criteria": ["oh.clarify", "oh.answer"], "weight": 3}),
    "timing": ([0.8, 0.6, 0.0], {"type": "objection", "criteria": ["oh.advance"], "weight": 2}),
    "agenda": ([0.0, 0.0, 1.0], {"type": "criterion", "criteria": ["dc.agenda"], "weight": 1}),
}


def _ids(hits: list[Hit]) -> list[str]:
    return [h.id for h in hits]


class IndexContract:
    """The tests every vector index must pass; subclasses override the `empty` fixture."""

    @pytest.fixture
    def empty(self, tmp_path: Path) -> VectorIndex:
        """A fresh index with nothing in it."""
        raise NotImplementedError

    @pytest.fixture
    def index(self, empty: VectorIndex) -> VectorIndex:
        """The index holding ROWS, with "text of <id>" as each text."""
        empty.upsert(
            list(ROWS), [f"text of {k}" for k in ROWS], [v[0] for v in ROWS.values()], [v[1] for v in ROWS.values()]
        )
        return empty

    def test_is_a_vector_index(self, empty: VectorIndex) -> None:
        assert isinstance(empty, VectorIndex)
        assert empty.count() == 0 and empty.query([1.0, 0.0, 0.0], 3) == [] and empty.get() == []

    def test_nearest_first_with_cosine_scores(self, index: VectorIndex) -> None:
        hits = index.query([1.0, 0.1, 0.0], 3)
        assert _ids(hits) == ["price", "timing", "agenda"]
        assert hits[0].score > 0.99 and hits[0].text == "text of price" and abs(hits[2].score) < 0.01
        assert hits[0].metadata["type"] == "objection" and hits[0].metadata["criteria"] == ["oh.clarify", "oh.answer"]

    def test_k_bounds_the_hits(self, index: VectorIndex) -> None:
        assert _ids(index.query([1.0, 0.1, 0.0], 1)) == ["price"]
        assert len(index.query([1.0, 0.1, 0.0], 10)) == 3
        assert index.query([1.0, 0.1, 0.0], 0) == []

    def test_nearest_gives_ids_and_the_same_scores_as_query(self, index: VectorIndex) -> None:
        full = index.query([1.0, 0.1, 0.0], 3)
        bare = index.nearest([1.0, 0.1, 0.0], 3)
        assert [cid for cid, _ in bare] == ["price", "timing", "agenda"]
        assert [round(s, 5) for _, s in bare] == [round(h.score, 5) for h in full]
        assert [cid for cid, _ in index.nearest([1.0, 0.0, 0.0], 3, where={"type": "criterion"})] == ["agenda"]
        assert index.nearest([1.0, 0.0, 0.0], 0) == []

    def test_filters(self, index: VectorIndex) -> None:
        near = [1.0, 0.0, 0.0]
        assert _ids(index.query(near, 3, where={"type": "criterion"})) == ["agenda"]
        assert _ids(index.query([0.0, 0.0, 1.0], 3, where={"criteria": {"$contains": "oh.advance"}})) == ["timing"]
        assert _ids(index.query(near, 3, where={"type": {"$ne": "objection"}})) == ["agenda"]
        assert _ids(index.query(near, 3, where={"weight": {"$in": [1, 3]}})) == ["price", "agenda"]
        both = {"$and": [{"type": "objection"}, {"weight": {"$nin": [3]}}]}
        assert _ids(index.query(near, 3, where=both)) == ["timing"]
        either = {"$or": [{"type": "criterion"}, {"weight": 3}]}
        assert _ids(index.query(near, 3, where=either)) == ["price", "agenda"]

    def test_get_by_id_or_filter(self, index: VectorIndex) -> None:
        assert [(h.text, h.score) for h in index.get(["agenda"])] == [("text of agenda", 1.0)]
        assert sorted(_ids(index.get(where={"type": "objection"}))) == ["price", "timing"]
        assert sorted(_ids(index.get())) == sorted(ROWS) and index.get(["never-existed"]) == []

    def test_upsert_replaces_and_delete_removes(self, index: VectorIndex) -> None:
        index.upsert(["price"], ["new text"], [[0.0, 0.0, 1.0]], [{"type": "criterion", "weight": 3}])
        assert index.count() == 3
        replaced = index.get(["price"])[0]
        assert replaced.text == "new text" and replaced.metadata["type"] == "criterion"
        assert sorted(_ids(index.query([0.0, 0.0, 1.0], 2))) == ["agenda", "price"]  # its vector was replaced too
        index.delete(["price", "never-existed"])
        assert index.count() == 2
        assert index.get(["price"]) == [] and "price" not in _ids(index.query([0.0, 0.0, 1.0], 3))

    def test_upsert_replaces_the_whole_metadata(self, index: VectorIndex) -> None:
        """A key the new row lacks is gone (ingest drops a list that became empty, so a stale one must not stay)."""
        index.upsert(["price"], ["text of price"], [[1.0, 0.0, 0.0]], [{"type": "objection"}])
        assert index.get(["price"])[0].metadata == {"type": "objection"}
        assert index.query([1.0, 0.0, 0.0], 3, where={"criteria": {"$contains": "oh.clarify"}}) == []

    def test_version_changes_with_every_write_and_only_then(self, index: VectorIndex) -> None:
        before, writes = index.version(), index.writes
        index.query([1.0, 0.0, 0.0], 2)
        index.nearest([1.0, 0.0, 0.0], 2)
        index.get(["price"])
        index.count()
        assert index.version() == before and index.writes == writes
        # Same size, same text: only the metadata changes (a note made private), and readers must still notice.
        index.upsert(["price"], ["text of price"], [[1.0, 0.0, 0.0]], [{"type": "objection", "private": True}])
        assert index.count() == 3 and index.version() != before and index.writes > writes
        after_upsert = index.version()
        index.delete(["timing"])
        assert index.version() != after_upsert


class TestMemoryIndex(IndexContract):
    @pytest.fixture
    def empty(self, tmp_path: Path) -> VectorIndex:
        return MemoryIndex()


def embedded_chroma(tmp_path: Path) -> ChromaIndex:
    return ChromaIndex(chroma_client(path=tmp_path / "chroma"), "test-index")


@pytest.mark.integration
class TestEmbeddedChromaIndex(IndexContract):
    @pytest.fixture
    def empty(self, tmp_path: Path) -> VectorIndex:
        return embedded_chroma(tmp_path)

    def test_persists_across_clients(self, tmp_path: Path) -> None:
        embedded_chroma(tmp_path).upsert(["a"], ["kept"], [[0.1, 0.2, 0.3]], [{"type": "guide"}])
        again = embedded_chroma(tmp_path)
        assert again.count() == 1 and again.get(["a"])[0].text == "kept"
