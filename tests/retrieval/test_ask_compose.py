"""Without the model, `copilot ask` composes its answer from the knowledge base's structure and cites what it uses."""

from __future__ import annotations

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.compose import compose
from copilot.retrieval.search import Result
from copilot.settings import load_settings


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(load_settings())


def _hit(item_id: str, score: float, text: str = "") -> Result:
    return Result(item_id, f"{item_id}#0", item_id, "x", score, text, "src", {"_cosine": score})


def test_an_objection_comes_whole_with_its_path_and_proof(kb: KnowledgeBase) -> None:
    text, cited = compose(
        "How should a rep answer a buyer who wants a pilot first?", [_hit("obj-pilot-first", 0.7)], kb
    )
    pilot = kb.objections["obj-pilot-first"]
    assert cited[0] == "obj-pilot-first" and set(pilot.proof_points) <= set(cited)
    assert all(step in text for step in pilot.handling_path) and pilot.answer in text


def test_a_criterion_names_its_activities_and_questions(kb: KnowledgeBase) -> None:
    text, cited = compose(
        "My rep keeps discounting in the first call, what should I assign?",
        [_hit("negotiation.trades", 0.6), _hit("discovery-call.listening", 0.4)],
        kb,
    )
    assert "act-drill-if-then-trades" in cited and "If-then trade drill" in text
    assert "discovery-call.listening" not in cited  # ranks well below the first: left out


def test_it_says_plainly_what_the_knowledge_base_does_not_hold(kb: KnowledgeBase) -> None:
    text, _ = compose("What is our list price for 40 reps?", [_hit("negotiation.value-anchor", 0.5, "anchor")], kb)
    assert text.startswith("The knowledge base has no price list")
    priced, _ = compose("What is our list price?", [_hit("negotiation.value-anchor", 0.5, "$120 per seat")], kb)
    assert "no price list" not in priced
