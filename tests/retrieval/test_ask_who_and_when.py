"""Who the question's behaviour belongs to and when in a meeting it happens (issue 19, session ask24): a rep's stance
against the coaching is a will question, a seller who cannot reach whoever decides is the decision-process skill, a
behaviour placed after a meeting is its close, and a rep bringing something to their own 1:1 is the reps' guide."""

from __future__ import annotations

from typing import Any

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.assign import reading
from copilot.retrieval.route import REACHES_DECIDER, decider_out_of_reach, placed_in_meeting, reps_side
from copilot.retrieval.search import Result
from copilot.settings import load_settings


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(load_settings())


def _hit(item_id: str, score: float = 0.6) -> Result:
    return Result(item_id, f"{item_id}#0", item_id, "x", score, "", "src", {"_cosine": score})


class _Finds:
    """A retriever stub that finds every item the filter names, in the order named."""

    def search(self, question: str, k: int = 6, where: dict[str, Any] | None = None) -> list[Result]:
        ids = where["$and"][1]["item_id"]["$in"] if where else []
        return [_hit(i) for i in ids][:k]


@pytest.mark.parametrize(
    "question",
    [
        "how do i coach a rep who argues with every bit of feedback",
        "my team hates doing call reviews",
        "my rep gets defensive when i give feedback on his calls",
        "she ignores my coaching and does the same thing every call",
        "he rolls his eyes whenever i suggest we roleplay",
    ],
)
def test_a_rep_s_stance_against_the_coaching_itself_reads_as_will(question: str) -> None:
    assert reading(question).cause == "will"


@pytest.mark.parametrize("question", ["the buyer argues with every point i make", "my rep hates cold calling"])
def test_a_stance_against_a_buyer_or_the_work_is_not_read_as_will(question: str) -> None:
    assert reading(question).cause != "will"


def test_a_behaviour_placed_after_a_meeting_is_its_close_not_its_opening(kb: KnowledgeBase) -> None:
    ranked = [_hit("demo.recap", 0.7), _hit("demo.engagement", 0.5)]
    after = placed_in_meeting("my rep always forgets to send a recap after the demo", ranked, _Finds(), kb)  # type: ignore[arg-type]
    assert after[0].item_id == "demo.next-steps"
    start = placed_in_meeting("she never recaps discovery at the start of the demo", ranked, _Finds(), kb)  # type: ignore[arg-type]
    assert start[0].item_id == "demo.recap"
    closing = [_hit("demo.next-steps", 0.7)]
    opened = placed_in_meeting("at the start of the demo he skips the recap", closing, _Finds(), kb)  # type: ignore[arg-type]
    assert opened[0].item_id == "demo.recap"
    # after the meeting is over, whatever ranked first inside it gives way to the step that closes it
    listening = [_hit("discovery-call.listening", 0.7)]
    follow = placed_in_meeting("my rep never follows up after the discovery call", listening, _Finds(), kb)  # type: ignore[arg-type]
    assert follow[0].item_id == "discovery-call.next-steps"
    talks = [_hit("demo.engagement", 0.7)]
    during = placed_in_meeting("she talks too much after the demo starts", talks, _Finds(), kb)  # type: ignore[arg-type]
    assert during[0].item_id == "demo.engagement"


@pytest.mark.parametrize(
    "question",
    [
        "my champion cant get the cfo to take a meeting with us",
        "rep says buyer loves us but cant get the cfo on a call",
        "my rep cant get a meeting with the economic buyer",
        "the vp never returns our emails",
    ],
)
def test_a_seller_who_cannot_reach_whoever_decides_gets_the_decision_process_skill(
    kb: KnowledgeBase, question: str
) -> None:
    assert REACHES_DECIDER.search(question)
    found = decider_out_of_reach(question, _Finds(), kb)  # type: ignore[arg-type]
    assert found is not None and found.item_id == "negotiation.decision-process"


@pytest.mark.parametrize(
    "question",
    ["the cfo says there is no budget", "what should i ask the cfo in the negotiation", "how do i get better at demos"],
)
def test_reaching_a_buyer_is_not_read_into_other_questions(kb: KnowledgeBase, question: str) -> None:
    assert decider_out_of_reach(question, _Finds(), kb) is None  # type: ignore[arg-type]


def test_bringing_something_to_one_s_own_one_on_one_is_the_rep_s_side(kb: KnowledgeBase) -> None:
    rep = reps_side("what should i bring to my weekly one on one", _Finds(), kb)  # type: ignore[arg-type]
    assert rep is not None and rep.item_id.startswith("guide-self-coaching-for-reps#")
    assert reps_side("what should my reps bring to our one on ones", _Finds(), kb) is None  # type: ignore[arg-type]
    assert reps_side("how do i prepare for a one on one with my rep", _Finds(), kb) is None  # type: ignore[arg-type]
