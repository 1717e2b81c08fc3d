"""The default filter (no private notes, no question bank) runs in the retriever, not in the vector store:
private notes never come back, new items are seen at once, and an index full of private notes still answers."""

from __future__ import annotations

from copilot.embeddings.fake import FakeEmbedder
from copilot.index.memory import MemoryIndex
from copilot.retrieval.search import DENSE_POOL, VERSION_CHECK_SECONDS, Retriever, build_where

QUERY = "the buyer says the price is too high for this quarter"


def _chunk(index: MemoryIndex, embedder: FakeEmbedder, cid: str, text: str, *, type: str, private: bool) -> None:
    item = cid.split("~", 1)[0]
    meta = {"item_id": item, "type": type, "private": private, "title": item, "source": "test"}
    index.upsert([cid], [text], [embedder.embed_query(text)], [meta])


def _index() -> tuple[MemoryIndex, FakeEmbedder]:
    index, embedder = MemoryIndex(), FakeEmbedder(dimension=256)
    _chunk(index, embedder, "obj-price", "the buyer says the price is too high", type="objection", private=False)
    _chunk(index, embedder, "guide-agenda", "open the call with an agenda", type="guide", private=False)
    _chunk(
        index, embedder, "q-price", "what made the price feel too high this quarter?", type="question", private=False
    )
    return index, embedder


def test_private_notes_and_questions_never_come_back_by_default() -> None:
    index, embedder = _index()
    _chunk(index, embedder, "note-lena-1", QUERY, type="coaching_note", private=True)
    found = [r.item_id for r in Retriever(embedder, index).search(QUERY, k=5, mode="dense")]
    assert found[0] == "obj-price" and "note-lena-1" not in found and "q-price" not in found
    allowed = Retriever(embedder, index).search(QUERY, k=5, mode="dense", where=build_where(private=True))
    assert "note-lena-1" in [r.item_id for r in allowed]


def test_an_item_written_after_the_first_search_is_found_even_when_the_count_did_not_change() -> None:
    index, embedder = _index()
    retriever = Retriever(embedder, index)
    assert [r.item_id for r in retriever.search(QUERY, k=1, mode="dense")] == ["obj-price"]
    index.delete(["guide-agenda"])  # one out, one in: the index's size is what it was
    _chunk(index, embedder, "obj-quarter~0", QUERY, type="objection", private=False)
    assert [r.item_id for r in retriever.search(QUERY, k=1, mode="dense")] == ["obj-quarter"]


def test_an_index_crowded_with_private_notes_still_answers_from_the_rest() -> None:
    index, embedder = _index()
    for n in range(2 * DENSE_POOL):  # every nearest vector is a private note about the same words
        _chunk(index, embedder, f"note-{n}", f"{QUERY} note {n}", type="coaching_note", private=True)
    found = [r.item_id for r in Retriever(embedder, index).search(QUERY, k=2, mode="dense")]
    assert found == ["obj-price", "guide-agenda"]


def test_a_write_through_the_same_index_is_seen_by_the_next_search() -> None:
    index, embedder = _index()
    retriever = Retriever(embedder, index)
    assert retriever.search("zanzibar", k=1, mode="keyword") == []
    _chunk(index, embedder, "guide-zanzibar", "the zanzibar opening for a renewal call", type="guide", private=False)
    assert [r.item_id for r in retriever.search("zanzibar", k=1, mode="keyword")] == ["guide-zanzibar"]


class _CountingIndex(MemoryIndex):
    versions_asked = 0

    def version(self) -> str:
        self.versions_asked += 1
        return super().version()


def test_the_index_version_is_asked_once_a_second_not_on_every_search(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = [1000.0]
    monkeypatch.setattr("copilot.retrieval.search.time.monotonic", lambda: clock[0])
    index, embedder = _CountingIndex(), FakeEmbedder(dimension=256)
    _chunk(index, embedder, "obj-price", "the buyer says the price is too high", type="objection", private=False)
    retriever = Retriever(embedder, index)
    for _ in range(20):
        retriever.search(QUERY, k=1)
    assert index.versions_asked == 1
    # Another process adds an item: the rows change, but not through this object's write counter.
    other = MemoryIndex(rows=index.rows)
    _chunk(other, embedder, "guide-zanzibar", "the zanzibar opening", type="guide", private=False)
    assert retriever.search("zanzibar", k=1, mode="keyword") == []  # not yet: the last check is under a second old
    clock[0] += VERSION_CHECK_SECONDS + 0.1
    assert [r.item_id for r in retriever.search("zanzibar", k=1, mode="keyword")] == ["guide-zanzibar"]
    assert index.versions_asked == 2


def test_a_note_made_private_elsewhere_stops_coming_back_within_a_second(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = [1000.0]
    monkeypatch.setattr("copilot.retrieval.search.time.monotonic", lambda: clock[0])
    index, embedder = _index()
    retriever = Retriever(embedder, index)
    assert [r.item_id for r in retriever.search(QUERY, k=1, mode="hybrid")] == ["obj-price"]
    text, vector, meta = index.rows["obj-price"]
    index.rows["obj-price"] = (text, vector, {**meta, "private": True})  # another process: same size
    clock[0] += VERSION_CHECK_SECONDS + 0.1
    assert "obj-price" not in [r.item_id for r in retriever.search(QUERY, k=3, mode="hybrid")]
