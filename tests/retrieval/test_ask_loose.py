"""A question the knowledge base matches only loosely is answered as such: what it lacks first, then the nearest real
thing in a line, never the nearest item's whole answer as if it were what was asked."""

from __future__ import annotations

import shutil

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.ask import ask
from copilot.retrieval.keyword import terms
from copilot.retrieval.loose import (
    buyer_words,
    loose_assignment,
    loose_objection,
    objection_path,
    related_objection,
    unheld_term,
    unheld_words,
)
from copilot.retrieval.search import Result, Retriever
from copilot.settings import load_settings

COMPETITOR = "My new rep goes blank whenever a buyer mentions a competitor, what should I assign?"
STALL = "How should I handle a buyer who says they need to think about it?"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(load_settings())


class _Ranked:
    """Returns the given objections, in order, for any search (what search ranks first need not be the topic)."""

    def __init__(self, *ids: str) -> None:
        self.ids = ids

    def search(self, query: str, *, k: int = 5, **_: object) -> list[Result]:
        return [Result(i, i, i, "objection", 0.5, "", "s", {"_cosine": 0.5}) for i in self.ids[:k]]

    def spellings(self) -> frozenset[str]:
        return frozenset()

    def term_items(self) -> dict[str, int]:
        return {}


def test_an_objection_is_related_to_a_gap_only_when_the_gap_names_its_topic(kb: KnowledgeBase) -> None:
    ranked = _Ranked("obj-discount-demand", "obj-competitor-cheaper")
    assert related_objection(COMPETITOR, ranked, kb) == "obj-competitor-cheaper"  # type: ignore[arg-type]
    # words shared with a title but not its topic ("problem", "time", "much") relate nothing
    for gap, first in [
        ("My rep talks about features and never ties them to the problem the buyer told him about", "obj-no-problem"),
        ("My rep starts every demo without checking what we learned in discovery", "obj-manager-time"),
        ("My rep never asks the buyer how much time they have", "obj-too-expensive"),
    ]:
        assert related_objection(gap, _Ranked(first), kb) is None  # type: ignore[arg-type]


def test_a_loose_gap_names_what_is_missing_then_the_nearest_skill_through_its_objection(kb: KnowledgeBase) -> None:
    text, cited = loose_assignment(COMPETITOR, _Ranked("obj-competitor-cheaper"), kb)  # type: ignore[arg-type]
    assert text.startswith("The knowledge base holds no skill or learning activity for this gap (")
    assert "competitor" in text.split(". ")[0] and "a loose match" in text
    objection = kb.objections["obj-competitor-cheaper"]
    assert cited[:2] == ["obj-competitor-cheaper", objection.criteria[0]]
    first = kb.activities[cited[2]]  # goes blank: a confidence gap, so a rehearsal first
    assert "confidence" in first.root_causes and first.kind == "roleplay" and f"{first.duration_minutes} min" in text
    assert len(text) < 600 and "Talk track" not in text  # a pointer, not the objection's whole answer


def test_a_loose_gap_without_a_related_objection_points_nowhere(kb: KnowledgeBase) -> None:
    gap = "My rep can't get past receptionists and gatekeepers to reach anyone senior. Which drill should I give her?"
    text, cited = loose_assignment(gap, _Ranked("obj-security-email-access"), kb)  # type: ignore[arg-type]
    assert text.startswith("The knowledge base holds no learning activity for this gap") and cited == []


def test_the_objection_path_comes_from_the_competency_model_and_the_catalog(kb: KnowledgeBase) -> None:
    interaction, lesson = objection_path(kb)
    assert interaction == "objection-handling" and lesson == "act-lesson-objection-path"


def test_a_buyer_s_words_no_objection_holds_get_the_path_not_another_objection_s_talk_track(kb: KnowledgeBase) -> None:
    text, cited = loose_objection(STALL, _Ranked("obj-discount-demand"), kb)  # type: ignore[arg-type]
    assert text.startswith('The knowledge base has no objection for this ("buyer who says they need to think about')
    assert "obj-discount-demand" not in cited and "act-lesson-objection-path" in cited
    for c in kb.criteria_of("objection-handling"):
        assert c.title.lower() in text
    assert len(text) < 400


# ------------------------------------------------------------------ with the bundled embedder (integration)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Retriever, KnowledgeBase]:
    """Methodology, learning and messaging (skills, activities and objections), with the bundled embedder."""
    from copilot.index.memory import MemoryIndex
    from copilot.retrieval.ingest import ingest
    from copilot.runtime import build_embedder

    root = tmp_path_factory.mktemp("knowledge")
    for part in ("methodology", "learning", "messaging"):
        shutil.copytree(load_settings().resolved_knowledge_dir / part, root / part)
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"), embedding_backend="minilm", knowledge_dir=root)
    embedder, index = build_embedder(settings), MemoryIndex()
    ingest(root, embedder, index)
    return Retriever(embedder, index), load_knowledge(settings)


@pytest.mark.integration
def test_a_gap_the_map_lacks_says_so_and_points_at_objection_handling(
    embedded: tuple[Retriever, KnowledgeBase],
) -> None:
    retriever, kb = embedded
    result = ask(COMPETITOR, retriever, None, kb=kb)
    assert result.answer.startswith("The knowledge base holds no skill or learning activity for this gap")
    assert result.citations[0] in {"obj-competitor-cheaper", "obj-competitor-incumbent"}
    assert any(kb.criteria[c].interaction == "objection-handling" for c in result.citations if c in kb.criteria)
    assert set(result.citations) <= {r.item_id for r in result.retrieved}  # cites only what it read


@pytest.mark.integration
def test_a_stall_the_library_lacks_says_so_instead_of_answering_another_objection(
    embedded: tuple[Retriever, KnowledgeBase],
) -> None:
    retriever, kb = embedded
    result = ask(STALL, retriever, None, kb=kb)
    assert result.answer.startswith("The knowledge base has no objection for this")
    assert not any(c in kb.objections for c in result.citations) and "Talk track" not in result.answer


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Procurement wants another 15% off before they'll sign. What do I say?", "obj-discount-demand"),
        ("My rep offers a discount before the buyer even asks for one. What should I assign?", "negotiation.trades"),
    ],
)
def test_a_close_match_is_still_answered_whole(
    embedded: tuple[Retriever, KnowledgeBase], question: str, first: str
) -> None:
    retriever, kb = embedded
    result = ask(question, retriever, None, kb=kb)
    assert result.citations[0] == first and "knowledge base has no" not in result.answer.split("\n")[0]


def test_the_buyer_s_words_leave_out_the_asking_sentence() -> None:
    assert buyer_words("The buyer says they use a reseller. What do I say?") == "buyer says they use a reseller."
    assert buyer_words("The buyer says they use a reseller, what do I say?") == "buyer says they use a reseller"
    assert buyer_words("Buyer said it's not worth it, how should my rep answer?") == "Buyer said it's not worth it"
    said = "The buyer says, what happens to our data when we leave?"
    assert buyer_words(said) == "buyer says, what happens to our data when we leave?", "the buyer's own question stays"


def test_a_thing_the_buyer_names_that_no_passage_mentions_is_unheld_and_a_turn_of_phrase_is_not() -> None:
    from copilot.retrieval.keyword import terms

    vocabulary = frozenset(terms("buyer vendors approved list team think monitor budget free pilot"))
    supplier = "The buyer says they only work with vendors on their approved supplier list. What do I say?"
    assert unheld_words(supplier, vocabulary) == ["supplier"]
    # a verb or phrase the base does not use is how the buyer says it, not what about
    assert unheld_words("The VP says his team will revolt if they think we monitor them.", vocabulary) == []
    # a synonym the base uses is held: "trial" is the library's "pilot"
    assert unheld_words("The buyer wants a free trial.", vocabulary) == []


def test_a_loose_objection_points_at_the_routed_one_only_when_its_title_shares_what_the_buyer_names(
    kb: KnowledgeBase,
) -> None:
    ranked = _Ranked("obj-discount-demand")
    timing = "The prospect says the timing is bad because of a reorg. What do I say?"
    text, cited = loose_objection(timing, ranked, kb, "obj-bad-timing")  # type: ignore[arg-type]
    assert text.startswith("The knowledge base has no objection for this") and cited[0] == "obj-bad-timing"
    supplier = "The buyer says they only work with vendors on their approved supplier list. What do I say?"
    text, cited = loose_objection(supplier, ranked, kb, "obj-contract-length")  # type: ignore[arg-type]
    assert "obj-contract-length" not in cited and "What do I say" not in text  # a request verb shares nothing


def test_a_buyer_asking_for_a_commercial_term_no_objection_holds_is_unheld(kb: KnowledgeBase) -> None:
    # the talk track of the objection search ranks first answers something the buyer did not say
    for question, routed in [
        ("The customer insists on net-90 payment terms before they sign. How do I handle it?", "obj-discount-demand"),
        ("Procurement wants to be invoiced quarterly instead of annually. What do I say?", "obj-contract-length"),
    ]:
        assert unheld_term(question, routed, kb), question
    # a term the routed objection names in its title, or no commercial term at all, is the objection's own
    assert not unheld_term("Procurement is demanding 25 percent off. How do I respond?", "obj-discount-demand", kb)
    assert not unheld_term("They'll only sign a twelve-month contract. What now?", "obj-contract-length", kb)


def test_a_word_the_base_uses_is_held_whatever_its_stem() -> None:
    # "committee" stems to "committe"; stemming that again ("committ") found no passage and read it as unheld
    vocabulary = frozenset(terms("A buying committee has to decide"))
    assert unheld_words("The VP told me every purchase goes through a buying committee.", vocabulary) == []
