"""A manager describing what a rep does gets the skill that conduct shows, and a fact the knowledge base does not
hold is named as the question named it; a rep's conduct around such a fact is still coached."""

from __future__ import annotations

import shutil

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.ask import ask
from copilot.retrieval.gaps import missing, not_held, unknown_topic
from copilot.retrieval.keyword import stem, terms
from copilot.retrieval.search import Retriever
from copilot.settings import load_settings


def test_what_a_concession_gets_back_is_a_trade_not_a_return_on_investment() -> None:
    words = set(terms("my rep drops the price without asking for anything in return"))
    assert {stem("trade"), stem("concession")} <= words and stem("return") not in words
    assert stem("concession") in terms("she gave away 15% and threw in two free months")


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("does the non-compete in our rep contracts stop them from joining a competitor?", "non-compete"),
        ("is there a referral bonus if I bring a friend in as an SDR?", "referral bonus"),
        ("what's the process for putting someone on a performance improvement plan?", "performance improvement plan"),
    ],
)
def test_a_fact_not_held_is_named_as_the_question_named_it(question: str, named: str) -> None:
    gap = missing(question, [])
    assert gap is not None
    first = not_held(gap, question=question).split("\n")[0]
    assert first.startswith("The knowledge base does not hold") and f'"{named}"' in first


def test_a_rep_who_missed_quota_is_a_coaching_question_not_the_pay_plan() -> None:
    assert missing("what do i say to a rep who missed quota 3 qtrs in a row", []) is None
    assert missing("what will my quota be next year", []) is not None


def test_contractions_typed_without_the_apostrophe_are_not_what_a_question_is_about() -> None:
    vocabulary = frozenset(terms("buyer says all booked know"))
    assert unknown_topic("the buyer says theyre all booked, dont know", vocabulary) is None


def test_the_roadmap_is_not_held() -> None:
    gap = missing("is SSO on the roadmap", [])
    assert gap is not None and "roadmap" in gap.name


# ------------------------------------------------------------------ with the bundled embedder (integration)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Retriever, KnowledgeBase]:
    """Methodology, learning, messaging and guides, with the bundled embedder."""
    from copilot.index.memory import MemoryIndex
    from copilot.retrieval.ingest import ingest
    from copilot.runtime import build_embedder

    root = tmp_path_factory.mktemp("knowledge")
    for part in ("methodology", "learning", "messaging", "guides"):
        shutil.copytree(load_settings().resolved_knowledge_dir / part, root / part)
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"), embedding_backend="minilm", knowledge_dir=root)
    embedder, index = build_embedder(settings), MemoryIndex()
    ingest(root, embedder, index)
    return Retriever(embedder, index), load_knowledge(settings)


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    [
        "my rep drops the price without asking for anything in return",
        "one of my AEs drops the price the minute a buyer pushes back, without asking for anything in exchange",
        "my rep gave away 15% the second procurement asked and got nothing back for it. how do I coach that?",
    ],
)
def test_a_concession_given_for_nothing_is_the_trading_skill(
    embedded: tuple[Retriever, KnowledgeBase], question: str
) -> None:
    retriever, kb = embedded
    result = ask(question, retriever, None, kb=kb)
    assert result.citations[0] == "negotiation.trades"
    assert "act-drill-if-then-trades" in result.citations


@pytest.mark.integration
def test_a_rep_promising_features_hears_the_roadmap_is_not_held_then_how_to_coach_it(
    embedded: tuple[Retriever, KnowledgeBase],
) -> None:
    retriever, kb = embedded
    result = ask("a rep keeps promising features we don't have", retriever, None, kb=kb)
    assert result.answer.startswith("The knowledge base does not hold a product roadmap")
    assert result.citations and all(c not in kb.objections for c in result.citations)


@pytest.mark.integration
def test_a_rep_who_stopped_caring_gets_the_will_conversation_not_more_roleplays(
    embedded: tuple[Retriever, KnowledgeBase],
) -> None:
    retriever, kb = embedded
    question = "one of my best reps has just stopped bothering and says it's pointless. do I give her more roleplays?"
    result = ask(question, retriever, None, kb=kb)
    assert result.citations[0] == "guide-diagnosing-root-cause#will-they-can-but-don-t-see-why-they-should"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "objection"),
    [
        # typed as a manager (session 21): a buyer's fear reported, and a buyer named as 'the <role> guy'
        ("the cro is scared the reps won't use another tool", "obj-adoption-risk"),
        ("the revops guy says their spreadsheet works fine, what do I tell him", "obj-spreadsheet-works"),
        ("the controller is nervous about signing for more than a year", "obj-contract-length"),
    ],
)
def test_a_buyers_fear_or_a_buyer_named_casually_is_still_the_buyers_objection(
    embedded: tuple[Retriever, KnowledgeBase], question: str, objection: str
) -> None:
    retriever, kb = embedded
    result = ask(question, retriever, None, kb=kb)
    assert result.citations[0] == objection, result.citations[:3]


def test_a_reps_own_nerves_are_not_a_buyers_objection() -> None:
    from copilot.retrieval.route import wanted_kinds

    assert "objection" in wanted_kinds("the cro is scared the reps won't use another tool")
    assert "objection" not in wanted_kinds("my rep is scared of the cfo")
    assert "objection" not in wanted_kinds("rep gets nervous before big calls")


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        ("she never asks who else is involved in the decision", "discovery-call.next-steps"),
        ("he never books a next meeting before hanging up", "discovery-call.next-steps"),
    ],
)
def test_a_rep_named_he_or_she_described_tersely_is_the_skill_the_conduct_shows(
    embedded: tuple[Retriever, KnowledgeBase], question: str, criterion: str
) -> None:
    retriever, kb = embedded
    result = ask(question, retriever, None, kb=kb)
    assert result.citations and result.citations[0] == criterion
