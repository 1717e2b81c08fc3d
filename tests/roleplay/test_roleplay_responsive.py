"""A buyer who listens (issue 18): questions get the scenario's facts, offers are taken, countered or distrusted,
steps are accepted with their specifics or refused with a reason, no line is said twice, nothing of the prompt
or card is ever spoken, and scenario facts are validated and covered like the rest of the knowledge base."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from copilot.knowledge import coverage, load_knowledge_base
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.fake import FakeChatModel
from copilot.roleplay.buyer import Buyer
from copilot.roleplay.leaks import leak_problem
from copilot.roleplay.lines import TEMPLATES
from copilot.roleplay.models import BuyerState
from copilot.roleplay.scenarios import list_scenarios, scenario_from_kb
from copilot.roleplay.session import RoleplaySession
from evals.roleplay.buyer_checks import HOSTILE

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
ACK = "That's a fair thing to push on, price deserves scrutiny."


def _session(kb: KnowledgeBase, scenario: str, model: FakeChatModel | None = None) -> RoleplaySession:
    session = RoleplaySession(kb, scenario_from_kb(kb, scenario), model)
    session.open()
    return session


def _at(session: RoleplaySession, objection: int) -> None:
    """Skip the buyer to an objection as if the earlier ones were handled."""
    state: BuyerState = session.state.model_copy(deep=True)
    for p in state.progress[:objection]:
        p.handled = True
    state.current = objection
    session.state = state
    session.turns[-1] = session.turns[-1].model_copy(
        update={"objection_id": session.scenario.objections[objection] if objection < len(state.progress) else None}
    )


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What are you comparing the price with?", "compare"),
        ("How much did you set aside for this kind of tool this year?", "budget"),
        ("Who else has to sign off on the spend?", "decision"),
        ("When exactly do budgets freeze?", "timing"),
    ],
)
def test_a_question_gets_the_fact_on_its_topic(kb: KnowledgeBase, question: str, topic: str) -> None:
    turn = _session(kb, "sc-cfo-price-pushback").rep_says(question)
    assert turn.move is not None and turn.move.kind == "share_information" and turn.move.topic == topic
    fact = next(f.says for f in kb.scenarios["sc-cfo-price-pushback"].facts if f.topic == topic)
    assert fact in turn.text or fact[0].lower() + fact[1:] in turn.text


def test_what_burned_them_is_told_only_once_the_concern_is_acknowledged(kb: KnowledgeBase) -> None:
    ask = "What happened with the last tool you bought that nobody used?"
    cold = _session(kb, "sc-cfo-price-pushback").rep_says(ask)
    assert cold.move is not None and cold.move.kind == "short_answer" and "nobody logged" not in cold.text
    warm = _session(kb, "sc-cfo-price-pushback").rep_says(f"{ACK} {ask}")
    assert warm.move is not None and warm.move.topic == "burned" and "nobody logged into" in warm.text


def test_a_conceded_term_is_taken_and_the_concern_is_not_repeated(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    _at(session, 2)  # obj-contract-length
    turn = session.rep_says("ok, we can do one year then")
    assert turn.move is not None and turn.move.kind == "take_offer"
    assert "one year" in turn.text.lower() and "multi-year" not in turn.text.lower()
    [given] = session.state.concessions
    assert given.kind == "term" and given.asked and given.reaction == "take"
    result = session.finish()
    assert result.concessions == [given] and result.payload()["concessions"][0]["kind"] == "term"


def test_an_unasked_discount_is_countered_or_distrusted_and_recorded(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    turn = session.rep_says("30% if you sign before year end.")
    assert turn.move is not None and turn.move.kind in ("counter_offer", "distrust_offer")
    assert "30%" in turn.text
    [given] = session.state.concessions
    assert given.kind == "discount" and not given.asked
    flat = _session(kb, "sc-cfo-price-pushback").rep_says("I can take 30 percent off the price.")
    assert flat.move is not None and flat.move.kind == "distrust_offer"


def test_an_asked_discount_is_bargained_over_once_then_taken(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-revops-negotiation")
    first = session.rep_says("If you can sign a two-year term by the 20th, we can move 10 percent on price.")
    assert first.move is not None and first.move.kind == "counter_offer" and "10 percent" in first.text
    second = session.rep_says("All right: if you sign by the 20th we can do 12 percent off.")
    assert second.move is not None and second.move.kind == "take_offer"
    assert second.objection_id == "obj-contract-length"  # taken: the buyer moves on
    assert [c.reaction for c in session.state.concessions] == ["counter", "take"]


def test_a_dated_step_is_accepted_with_its_specifics(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    _at(session, 3)
    turn = session.rep_says("Could we book thirty minutes next Tuesday with your finance lead?")
    assert turn.move is not None and turn.move.kind == "agree_next_step"
    assert all(x in turn.text for x in ("ext Tuesday", "thirty minutes", "our finance lead"))
    assert ", Next Tuesday" not in turn.text
    assert session.outcome == "next_step_agreed"


def test_an_undated_step_is_accepted_with_a_date_the_buyer_sets(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cro-discovery-first-call")
    _at(session, 2)
    turn = session.rep_says("Could we set up a call with your sales ops lead to look at your pipeline data?")
    assert turn.move is not None and turn.move.kind == "amend_next_step"
    assert "our sales ops lead" in turn.text and "Thursday" in turn.text
    assert session.outcome == "next_step_agreed"


def test_a_step_before_the_concern_is_answered_is_refused_with_the_reason(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    turn = session.rep_says("Let's book thirty minutes next Tuesday with your finance lead.")
    assert turn.move is not None and turn.move.kind == "refuse_next_step"
    phrasings = kb.objections["obj-too-expensive"].phrasings["persona-cfo"]
    assert any(p in turn.text for p in phrasings) and not session.ended


def test_arguing_makes_the_buyer_cooler(kb: KnowledgeBase) -> None:
    session = _session(kb, "sc-cfo-price-pushback")
    turn = session.rep_says("With respect, that's not a real concern. The price is fair.")
    assert turn.move is not None and turn.move.kind == "press_harder" and session.state.pressure == 1


def test_no_buyer_line_is_repeated_when_the_rep_repeats_themselves(kb: KnowledgeBase) -> None:
    for scenario in ("sc-cfo-price-pushback", "sc-security-review-gate", "sc-cro-discovery-first-call"):
        session = _session(kb, scenario)
        for line in ["What else?", "Hmm.", "What else?", "", "What else?", "ok", "What else?", "Hmm."]:
            if session.ended:
                break
            session.rep_says(line)
        said = [t.text for t in session.turns if t.speaker == "buyer"]
        assert len(said) == len(set(said)), said


LEAKY = [
    "You are a buyer who has worked hard to protect yourself from being taken advantage of.",
    "What your character would tell you: the price is too high.",
    "Late stage. The CRO and RevOps lead support the purchase; the CFO must approve the spend this month.",
    "The CFO must approve the spend this month before budgets freeze.",
    "Reply with only the buyer's words, under 30 words.",
    "*leans back* I'm not sure about this.",
    "Where the deal stands: late stage.",
]


@pytest.mark.parametrize("line", LEAKY)
def test_instruction_narrator_and_card_text_is_a_leak(kb: KnowledgeBase, line: str) -> None:
    buyer = Buyer(kb, scenario_from_kb(kb, "sc-cfo-price-pushback"), None)
    assert buyer.leak(line) is not None


@pytest.mark.parametrize("line", LEAKY)
def test_leaked_model_text_never_reaches_the_rep(kb: KnowledgeBase, line: str) -> None:
    session = _session(kb, "sc-cfo-price-pushback", FakeChatModel(default=line))
    turn = session.rep_says("What are you comparing the price with?")
    assert line not in turn.text and turn.source == "curated"
    assert Buyer(kb, session.scenario, None).leak(turn.text) is None


def test_every_prepared_line_is_clean_speech(kb: KnowledgeBase) -> None:
    for sc in list_scenarios(kb):
        buyer = Buyer(kb, sc, None)
        assert buyer.leak(sc.opening_line) is None, sc.id
        for fact in sc.facts:
            assert buyer.leak(fact.says) is None, (sc.id, fact.says)
        for objection in sc.objections:
            for phrasing in kb.objections[objection].phrasings.get(sc.persona, []):
                assert buyer.leak(phrasing) is None, (sc.id, phrasing)
    for kind, variants in TEMPLATES.items():
        for options in variants.values():
            for template in options:
                text = re.sub(r"\{\w+\}", "that", template)
                assert leak_problem(text) is None, (kind, template)


@pytest.mark.parametrize("seed", range(24))
def test_fuzz_hostile_rep_turns_never_leak_or_repeat(kb: KnowledgeBase, seed: int) -> None:
    rng = random.Random(seed)
    scenarios = [s.id for s in list_scenarios(kb)]
    leaky = FakeChatModel(default=rng.choice(LEAKY)) if seed % 2 else None
    session = _session(kb, rng.choice(scenarios), leaky)
    for _ in range(12):
        if session.ended:
            break
        session.rep_says(rng.choice(HOSTILE))
    buyer = Buyer(kb, session.scenario, None)
    said = [t.text for t in session.turns if t.speaker == "buyer"]
    assert [t for t in said if buyer.leak(t)] == []
    assert len(said) == len(set(said))


SCENARIO = """\
kind: scenarios
version: 1
scenarios:
  - id: sc-extra
    title: Extra
    persona: persona-cfo
    industry: Retail
    company_size: 50 people
    disposition: Calm.
    deal_context: Early.
    difficulty: easy
    objections: [obj-too-expensive]
    opening_line: "Hello."
    brief: Practise.
    facts:
      - topic: budget
        says: "We have 10 thousand."
      - topic: gossip
        says: "Nothing."
    reactions:
      - offer: discount
        objection: obj-too-expensiv
        reaction: take
"""


def test_scenario_facts_and_reactions_are_validated_with_line_and_fix(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, root)
    (root / "extra.yaml").write_text(SCENARIO, encoding="utf-8")
    result = load_knowledge_base(root)
    problems = [p for p in result.problems if p.path == "extra.yaml"]
    [topic] = [p for p in problems if p.key == "scenarios[0].facts[1].topic"]
    assert topic.line == 18 and "budget" in topic.fix
    SCENARIO_OK = SCENARIO.replace("gossip", "timing")
    (root / "extra.yaml").write_text(SCENARIO_OK, encoding="utf-8")
    result = load_knowledge_base(root)
    [ref] = [p for p in result.problems if p.path == "extra.yaml"]
    assert ref.line == 22 and "obj-too-expensive" in ref.fix
    gaps = {g.scenario: g.missing for g in coverage(result.kb).scenarios_missing_facts}
    assert set(gaps["sc-extra"]) == {"decision", "compare", "burned", "priorities"}
    assert "sc-cfo-price-pushback" not in gaps
