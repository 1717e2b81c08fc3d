"""The vector index on a real Chroma server (`chroma run` on loopback) behaves like the embedded one.

The vector index contract (tests/contracts/test_index_contract.py) runs here against the HttpClient path, plus
what a team server adds: data survives a server restart, a server that goes away is named in one error, and the whole
ingest-then-search flow works through COPILOT_CHROMA_URL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from contracts.test_index_contract import IndexContract

from bench.servers import LoopbackServer, chroma_server
from copilot.errors import ConfigError
from copilot.index.base import VectorIndex
from copilot.index.chroma import ChromaIndex, chroma_client
from copilot.settings import load_settings

pytestmark = [pytest.mark.server, pytest.mark.enable_socket]


@pytest.fixture(scope="module")
def chroma(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackServer]:
    """One Chroma server for the module, stopped at the end."""
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as server:
        yield server


def _server_index(url: str, name: str | None = None) -> ChromaIndex:
    return ChromaIndex(chroma_client(url=url), name or f"test-{uuid.uuid4().hex[:12]}")


class TestServerChromaIndex(IndexContract):
    """The vector index contract through the HttpClient, each test in a fresh collection on the server."""

    @pytest.fixture
    def empty(self, chroma: LoopbackServer) -> VectorIndex:
        return _server_index(chroma.url)


def test_data_survives_a_server_restart(tmp_path: Path) -> None:
    folder = tmp_path / "chroma"
    with chroma_server(folder) as first:
        _server_index(first.url, "kept").upsert(["a"], ["kept text"], [[0.1, 0.2, 0.3]], [{"type": "guide"}])
    with chroma_server(folder) as again:
        restored = _server_index(again.url, "kept")
        assert restored.count() == 1 and restored.get(["a"])[0].text == "kept text"


def test_a_server_that_went_away_is_named_in_one_error(tmp_path: Path) -> None:
    with chroma_server(tmp_path / "chroma") as server:
        idx = _server_index(server.url)
    with pytest.raises(ConfigError) as info:
        idx.query([1.0, 0.0, 0.0], 3)
    assert info.value.setting == "COPILOT_CHROMA_URL" and "stopped answering" in str(info.value)


def test_no_server_at_the_url_is_a_config_error() -> None:
    from bench.servers import free_port

    with pytest.raises(ConfigError) as info:
        chroma_client(url=f"http://127.0.0.1:{free_port()}")
    assert info.value.setting == "COPILOT_CHROMA_URL"


GUIDES = {
    "budget.md": "# When the buyer says there is no budget\n\nAsk what the budget was set for and who can move it; "
    "tie the cost of the problem to this year's targets before talking price.\n",
    "agenda.md": "# Opening a discovery call\n\nState the purpose, the time and a short agenda, then ask what the "
    "buyer wants to add.\n",
    "pipeline.md": "# Running a pipeline review\n\nGo deal by deal: the next step, its date, and what would make "
    "the buyer say yes.\n",
}


@pytest.mark.integration
def test_ingest_and_search_through_the_server(chroma: LoopbackServer, tmp_path: Path) -> None:
    from copilot.retrieval.ingest import ingest
    from copilot.runtime import Runtime

    root = tmp_path / "knowledge"
    root.mkdir()
    for name, text in GUIDES.items():
        (root / name).write_text(text)
    settings = load_settings(chroma_url=chroma.url, chroma_collection=f"kb-{uuid.uuid4().hex[:8]}")
    runtime = Runtime(settings)
    report = ingest(root, runtime.embedder, runtime.index)
    assert report.chunks_written >= 3 and not settings.chroma_path.exists()  # nothing written locally
    assert not ingest(root, runtime.embedder, runtime.index).changed  # idempotent through the server too
    (root / "pipeline.md").unlink()
    assert ingest(root, runtime.embedder, runtime.index).removed == ["pipeline.md"]
    results = runtime.retriever.search("the CFO says there is no budget left this year", k=2, mode="dense")
    assert results[0].item_id == "guide-budget"
    left = {r.source for r in runtime.retriever.search("pipeline review deal by deal", k=5)}
    assert left <= {"budget.md", "agenda.md"}


@pytest.mark.integration
def test_a_worker_sees_another_workers_ingest_within_a_second(
    chroma: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two web workers share one Chroma server: what one ingests, the other's searches find after its next check."""
    from copilot.retrieval import search
    from copilot.retrieval.ingest import ingest
    from copilot.runtime import Runtime

    clock = [1000.0]
    monkeypatch.setattr(search.time, "monotonic", lambda: clock[0])
    root = tmp_path / "knowledge"
    root.mkdir()
    (root / "agenda.md").write_text(GUIDES["agenda.md"])
    settings = load_settings(chroma_url=chroma.url, chroma_collection=f"kb-{uuid.uuid4().hex[:8]}")
    reader, writer = Runtime(settings), Runtime(settings)  # two processes' worth of clients and snapshots
    ingest(root, writer.embedder, writer.index)
    question = "the CFO says there is no budget left this year"
    assert [r.item_id for r in reader.retriever.search(question, k=1, mode="keyword")] == []
    (root / "budget.md").write_text(GUIDES["budget.md"])
    ingest(root, writer.embedder, writer.index)
    clock[0] += search.VERSION_CHECK_SECONDS + 0.1
    assert [r.item_id for r in reader.retriever.search(question, k=1, mode="keyword")] == ["guide-budget"]
    (root / "budget.md").unlink()
    ingest(root, writer.embedder, writer.index)
    clock[0] += search.VERSION_CHECK_SECONDS + 0.1
    assert "guide-budget" not in [r.item_id for r in reader.retriever.search(question, k=3)]
