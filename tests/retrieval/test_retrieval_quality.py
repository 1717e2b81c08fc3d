"""What the retrieval-quality work adds: line views, item-level scoring, stemming, synonyms, question intent,
re-embedding after a chunker change, and the labelled query sets the recall report runs on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from copilot.embeddings.fake import FakeEmbedder
from copilot.index.base import Hit
from copilot.index.memory import MemoryIndex
from copilot.knowledge import load_knowledge_base
from copilot.retrieval.chunking import CHUNKER_VERSION, chunk_item, link_targets, spell_out
from copilot.retrieval.evaluate import default_query_files, evaluate_retrieval, load_queries
from copilot.retrieval.ingest import ingest
from copilot.retrieval.keyword import query_terms, stem, terms
from copilot.retrieval.search import Retriever, asks_for_questions, build_where, fuse
from copilot.retrieval.views import views

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def items() -> dict[str, object]:
    return {i.id: i for i in load_knowledge_base(KNOWLEDGE).items}


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, MemoryIndex, FakeEmbedder]:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    index, embedder = MemoryIndex(), FakeEmbedder(dimension=1024)
    ingest(root, embedder, index)
    return root, index, embedder


def test_an_objection_gets_a_view_per_buyer_phrasing_and_none_for_id_lines(items: dict[str, object]) -> None:
    objection = items["obj-need-boss"]
    seen = views(objection)  # type: ignore[arg-type]
    assert seen[0] == "I need to run it by my boss"
    assert "Let me take this to my VP and get back to you." in seen
    assert not any(v.startswith(("persona-", "How buyers say it", "Proof points")) for v in seen)


def test_a_criterion_gets_its_level_descriptors_without_the_shared_policy_line(items: dict[str, object]) -> None:
    seen = views(items["discovery-call.agenda"])  # type: ignore[arg-type]
    assert any(v.startswith("Jumps straight into questions") for v in seen)
    assert not any("threshold Good (3)" in v or v.startswith(("1 Not Present", "Basic skill")) for v in seen)


def test_views_point_at_the_passage_they_came_from(items: dict[str, object]) -> None:
    chunks = chunk_item(items["obj-need-boss"], source_sha="x", root="r")  # type: ignore[arg-type]
    passages = {c.id: c.text for c in chunks if c.metadata["part"] >= 0}
    extra = [c for c in chunks if c.metadata["part"] < 0]
    assert extra and all(c.metadata["parent"] in passages for c in extra)
    for view in (c for c in extra if c.metadata.get("view")):
        assert " ".join(view.text.split())[:40] in " ".join(passages[view.metadata["parent"]].split())
    assert all(c.metadata["chunker"] == CHUNKER_VERSION for c in chunks)


def test_question_bank_items_get_no_extra_vectors(items: dict[str, object]) -> None:
    question = next(i for i in items.values() if getattr(i, "type", "") == "question")
    assert [c.metadata["part"] for c in chunk_item(question, source_sha="x", root="r")] == [0]  # type: ignore[arg-type]


def test_an_activity_spells_out_the_skills_it_builds(items: dict[str, object]) -> None:
    targets = link_targets(items.values())  # type: ignore[arg-type]
    chunks = chunk_item(items["act-drill-value-restatement"], source_sha="x", root="r", targets=targets)  # type: ignore[arg-type]
    assert "Builds: negotiation.value-anchor (Negotiation call: Anchors on value before price)" in chunks[0].text
    plain = chunk_item(items["act-drill-value-restatement"], source_sha="x", root="r")  # type: ignore[arg-type]
    assert "(Negotiation call" not in plain[0].text  # without targets, the text is the file's


def test_only_ids_that_say_what_an_item_is_for_are_spelled_out(items: dict[str, object]) -> None:
    targets = link_targets(items.values())  # type: ignore[arg-type]
    pitch = chunk_item(items["vp-manager-prep-in-minutes"], source_sha="x", root="r", targets=targets)  # type: ignore[arg-type]
    assert "persona-sales-manager (Frontline Sales Manager)" in pitch[0].text
    objection = chunk_item(items["obj-manager-time"], source_sha="x", root="r", targets=targets)  # type: ignore[arg-type]
    assert "persona-cro:" in objection[0].text and "(Chief Revenue Officer" not in objection[0].text
    assert spell_out("see demo.proof, demo.proofs and xdemo.proof", {"demo.proof": "Backs claims"}) == (
        "see demo.proof (Backs claims), demo.proofs and xdemo.proof"
    )


def test_renaming_a_criterion_re_embeds_the_items_that_point_at_it(
    indexed: tuple[Path, MemoryIndex, FakeEmbedder],
) -> None:
    root, index, embedder = indexed
    model = root / "methodology" / "competency_model.yaml"
    text = model.read_text()
    assert text.count("Anchors on value before price") == 1
    model.write_text(text.replace("Anchors on value before price", "Restates the agreed value before price"))
    report = ingest(root, embedder, index)
    assert set(report.updated) == {
        "methodology/competency_model.yaml",
        "learning/catalog.yaml",  # activities build it
        "learning/question_bank.yaml",  # questions probe it
    }
    drill = " ".join(h.text for h in index.get(where={"item_id": "act-drill-value-restatement"}))
    assert "Restates the agreed value before price" in drill
    assert not ingest(root, embedder, index).changed


def test_a_hit_on_one_line_returns_the_whole_passage(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    results = Retriever(embedder, index).search("Let me take this to my VP and get back to you.", k=3, mode="dense")
    top = results[0]
    assert top.item_id == "obj-need-boss"
    assert "Handling path" in top.text and not top.chunk_id.startswith("obj-need-boss~v")


def test_each_item_comes_back_once_in_every_mode(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    retriever = Retriever(embedder, index)
    for mode in ("dense", "keyword", "hybrid"):
        ids = [r.item_id for r in retriever.search("price is too high for the budget", k=10, mode=mode)]  # type: ignore[arg-type]
        assert len(ids) == len(set(ids)) == 10


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("objections", "objection"),
        ("pricing", "price"),
        ("scores", "score"),
        ("closing", "closes"),
        ("planned", "plan"),
    ],
)
def test_stemming_joins_word_forms(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize("word", ["boss", "focus", "process", "analysis"])
def test_stemming_leaves_words_that_only_look_plural(word: str) -> None:
    assert stem(word) == word


def test_phrases_become_one_term_in_files_and_queries() -> None:
    assert terms("my 1:1 with Sam") == terms("my one-on-one with Sam")
    assert "shadow" in terms("let her sit in on a call")
    assert terms("the buyer pushes back on price") == terms("the buyer pushback on price")


def test_reminding_a_buyer_is_a_recap() -> None:
    weights = query_terms("rep starts without reminding the buyer")
    assert weights[stem("recap")] == weights[stem("restate")] == 0.5
    assert query_terms("rep fumbles it on live calls")[stem("clumsy")] == 0.5


def test_synonyms_expand_the_query_at_a_lower_weight() -> None:
    weights = query_terms("my boss wants a cheaper price")
    assert weights[stem("boss")] == 1.0 and weights[stem("manager")] == 0.5
    assert weights[stem("cost")] == 0.5 and weights[stem("price")] == 1.0


def test_a_synonym_finds_an_item_that_never_uses_the_word(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    results = Retriever(embedder, index).search("what worries an infosec buyer", k=5, mode="keyword")
    assert "persona-it-security" in [r.item_id for r in results]


def test_asking_for_a_question_searches_the_question_bank(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    _, index, embedder = indexed
    retriever = Retriever(embedder, index)
    query = "what can I ask a rep who never books a next step at the end of a discovery call"
    assert asks_for_questions(query)
    assert any(r.type == "question" for r in retriever.search(query, k=10))
    plain = "rep never books a next step at the end of a discovery call"
    assert not asks_for_questions(plain)
    assert all(r.type != "question" for r in retriever.search(plain, k=10))
    typed = retriever.search(query, k=10, where=build_where(type="activity"))
    assert typed and all(r.type == "activity" for r in typed)


def _hit(item: str, score: float) -> Hit:
    return Hit(f"{item}~v0", "", score, {"item_id": item})


def test_fusion_rewards_agreement_and_keeps_a_cosine_for_every_item() -> None:
    dense = [_hit("a", 0.8), _hit("b", 0.7), _hit("c", 0.3)]
    keyword = [_hit("b", 9.0), _hit("d", 8.5), _hit("a", 1.0)]
    fused = fuse(dense, keyword)
    assert [h.metadata["item_id"] for h in fused][:2] == ["b", "a"]
    cosine = {h.metadata["item_id"]: h.metadata["_cosine"] for h in fused}
    assert cosine["b"] == 0.7 and cosine["d"] == 0.0  # found by words alone: no claim that it is on topic


def test_ingest_re_embeds_what_an_older_chunker_indexed(indexed: tuple[Path, MemoryIndex, FakeEmbedder]) -> None:
    root, index, embedder = indexed
    for cid, (text, vec, meta) in list(index.rows.items()):
        if meta["source"] == "messaging/objections.yaml":
            index.rows[cid] = (text, vec, {**meta, "chunker": CHUNKER_VERSION - 1})
    report = ingest(root, embedder, index)
    assert report.updated == ["messaging/objections.yaml"] and report.chunks_written > 0
    assert not ingest(root, embedder, index).changed


def test_every_query_set_loads_and_names_only_items_that_exist() -> None:
    ids = {i.id for i in load_knowledge_base(KNOWLEDGE).items}
    files = default_query_files()
    assert {f.name for f in files} >= {"queries.yaml", "queries_heldout2.yaml"}
    seen: set[str] = set()
    for path in files:
        for q in load_queries(path):
            assert q["id"] not in seen, f"duplicate query id {q['id']}"
            seen.add(q["id"])
            assert set(q["expected"]) <= ids, (path.name, q["id"])
    heldout2 = load_queries(files[[f.name for f in files].index("queries_heldout2.yaml")])
    assert len(heldout2) >= 25 and {q["split"] for q in heldout2} == {"heldout2"}


def test_the_report_covers_every_file_and_split(
    indexed: tuple[Path, MemoryIndex, FakeEmbedder], tmp_path: Path
) -> None:
    _, index, embedder = indexed
    one = tmp_path / "a.yaml"
    one.write_text("queries:\n  - {id: a1, split: dev, query: no budget this year, expected: [obj-no-budget]}\n")
    two = tmp_path / "b.yaml"
    two.write_text("queries:\n  - {id: b1, split: heldout2, query: zzzz qqqq, expected: [obj-no-budget]}\n")
    report = evaluate_retrieval(Retriever(embedder, index), [one, two], k=5)
    assert report["queries"] == [str(one), str(two)]
    hybrid = report["modes"]["hybrid"]
    assert hybrid["n"] == 2 and set(hybrid["by_split"]) == {"dev", "heldout2"}
    assert hybrid["by_split"]["dev"]["recall"] == 1.0 and hybrid["by_split"]["heldout2"]["recall"] == 0.0
    assert [m["id"] for m in hybrid["misses"]] == ["b1"] and hybrid["misses"][0]["file"] == str(two)


@pytest.mark.parametrize(
    ("query", "bank"),
    [
        ("Questions to test the economic buyer in a deal review", False),
        ("what questions should I ask my rep about a deal that's been stuck in stage 2?", False),
        ("what should I ask in my forecast review to see if a commit deal is real?", False),
        ("questions to find out why my rep keeps skipping the deal review template", True),
        ("what can I ask a rep who never books a next step", True),
    ],
)
def test_questions_about_a_deal_are_the_meetings_criteria_not_the_bank(query: str, bank: bool) -> None:
    """The bank's questions diagnose a rep's gap; the questions a review asks about the deal are its criteria."""
    assert asks_for_questions(query) is bank
