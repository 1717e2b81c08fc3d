"""Issue 18, seventeenth session: the buyer's concern said back and checked ('So it's about scope: who can read what,
and where it's stored. Is that right?') is heard, not a claim: the buyer confirms and adds, and does not ask for proof.
Also the causes of round 16's misses: the buyer's way called limited ('only gets you so far') is a verdict, and their
requirement noted back as a bare phrase ('got it, EU only') is no verdict."""

from __future__ import annotations

from support.responsiveness import unscripted

from copilot.knowledge.schema import KnowledgeBase
from copilot.reader.moves import read_moves
from copilot.roleplay.moves import decide
from copilot.roleplay.proof import ProofIndex
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.signals import checked_back, contradicts_concern, echoes, passes_verdict, read_turn
from evals.roleplay.responsiveness import Case, build_state, judge

POLICY = "Our policy lets no third party read message bodies, and every integration needs a data-flow diagram."
SAID_BACK = "Got it. So it's about scope: who can read what, and where it's stored. Is that right?"


def _move(kb: KnowledgeBase, rep: str, buyer: str | None, scenario: str = "sc-security-review-gate") -> str:
    case = Case(
        id="t", split="dev", scenario=scenario, state={"objection": 0}, rep=rep, accept=["x"], buyer=buyer, round=None
    )
    state = build_state(kb, case)
    objection = kb.objections[state.progress[0].objection_id]
    signals = read_turn(rep, objection, ProofIndex.build(kb), buyer)
    move, _ = decide(scenario_from_kb(kb, scenario), state, signals, kb, turn=1, text=rep)
    return move.kind


def test_their_concern_said_back_and_checked_is_heard_not_told(kb: KnowledgeBase) -> None:
    signals = read_turn(SAID_BACK, kb.objections["obj-security-email-access"], ProofIndex.build(kb), POLICY)
    assert "value" not in signals.moves
    assert signals.check == "none" and signals.clarify_closed == 1  # 'Is that right?' asks if the rep understood
    assert signals.acknowledgement == "tailored"
    assert signals.answer_words == 0
    assert _move(kb, SAID_BACK, POLICY) in ("share_information", "restate")


def test_the_buyer_confirms_and_adds_rather_than_calling_it_a_claim(kb: KnowledgeBase) -> None:
    for rep, buyer in [
        (SAID_BACK, POLICY),
        ("Sounds like your team just can't carry another project right now. Did I get that right?", None),
    ]:
        scenario = "sc-security-review-gate" if buyer else "sc-revops-incumbent-tool"
        state = {"objection": 0} if buyer else {"objection": 2}
        case = unscripted(scenario, state, rep, buyer, ["answer_question", "restate"])
        ok, move, problem = judge(kb, case)
        assert ok, (rep, move.kind, move.reason, problem)


def test_without_the_buyer_line_the_live_concern_words_count(kb: KnowledgeBase) -> None:
    objection = kb.objections["obj-security-email-access"]
    moves = read_moves("So what worries you is mailbox access for a third party. Have I got that right?")
    assert checked_back(moves, None, objection)


def test_a_summary_with_our_side_in_it_or_no_check_stays_a_claim(kb: KnowledgeBase) -> None:
    objection = kb.objections["obj-security-email-access"]
    # a benefit claimed, or something of ours, is an answer even when it opens with 'So'
    assert not checked_back(read_moves("So we never read message bodies. Does that work for you?"), POLICY, objection)
    assert not checked_back(read_moves("So your team saves four hours on reviews. Fair?"), POLICY, objection)
    # no question after it: nothing checked
    assert not checked_back(read_moves("So it's about who can read message bodies."), POLICY, objection)
    # nothing of the buyer's words in it
    assert not checked_back(read_moves("So it's about the weather in Lisbon. Right?"), POLICY, objection)
    # a reason argued, or a step proposed after it: no check of understanding
    planning = "Next year's planning starts in eight weeks; requests need a business case by then."
    argued = "So your slips usually carry into next year's planning, because stages lag. Is that fair?"
    assert not checked_back(read_moves(argued), planning, None)
    stepped = "So your planning starts in eight weeks. Shall we book Thursday to draft the business case?"
    assert not checked_back(read_moves(stepped), planning, None)
    assert checked_back(read_moves("So your planning starts in eight weeks. Is that right?"), planning, None)
    # a check that an earlier answer of ours serves, after their words: not a check of understanding
    burned = "Two years ago we paid for a pipeline tool that nobody logged into after the first month."
    served = "Right, so your last pipeline tool went unused. Does what I said about reps doing nothing new cover that?"
    assert not checked_back(read_moves(served), burned, None)
    # said back, then a claim: the claim is still heard and checked
    turn = (
        "So it's about who reads the bodies. Our connector only ever touches the headers and the timestamps, never "
        "the message bodies themselves. Make sense?"
    )
    signals = read_turn(turn, objection, ProofIndex.build(kb), POLICY)
    assert signals.check != "none" and "value" in signals.moves
    assert _move(kb, turn, POLICY) in ("hesitate", "ask_for_proof")


def test_their_way_called_limited_is_a_verdict() -> None:
    assert passes_verdict("gut feel only gets you so far tbh")
    assert passes_verdict("Spreadsheets have their limits.")
    assert not passes_verdict("We only get you so far on day one; the rest is your team.")  # of ours: an answer


def test_their_requirement_noted_back_as_a_phrase_is_no_verdict() -> None:
    concern = {"eu", "data", "customer"}
    assert echoes("got it, EU only and no exceptions.")
    assert not contradicts_concern("got it, EU only and no exceptions.", concern)
    assert not echoes("Right, a spreadsheet isn't a forecast.")  # a verb passing judgement
    assert not echoes("Sure, nobody audits EU data anyway.")
    assert contradicts_concern("Sure, nobody audits EU data anyway.", concern)
