"""The rep-moves head: issue 17's lines are read as the moves they are, the held-out split stays unseen, and a
scripted roleplay scores what the rep did (an acknowledgement counts, a discount or a dismissal costs)."""

from __future__ import annotations

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.reader.dataset import load_examples
from copilot.reader.moves import load_paraphrases, read_moves
from copilot.reader.spec import load_spec
from copilot.roleplay.evaluate import play
from evals.suites.moves import QUOTED

pytestmark = pytest.mark.integration  # the bundled MiniLM reads every line here


def test_the_paraphrase_set_has_forty_lines_per_move_and_no_held_out_line_is_trained_on() -> None:
    dev, held, held2 = load_paraphrases("dev"), load_paraphrases("heldout"), load_paraphrases("heldout2")
    held3, held4, held5 = load_paraphrases("heldout3"), load_paraphrases("heldout4"), load_paraphrases("heldout5")
    held6, held7 = load_paraphrases("heldout6"), load_paraphrases("heldout7")
    spec = load_spec("moves")
    for move in spec.labels:
        assert sum(p.move == move for p in dev + held) >= 40
        assert sum(p.move == move for p in held2) >= 15
        assert sum(p.move == move for p in held3) >= 12
        assert sum(p.move == move for p in held4) >= 10
        assert sum(p.move == move for p in held5) >= (
            12 if move in ("dismiss", "acknowledge", "value", "clarify") else 6
        )
        assert sum(p.move == move for p in held6) >= (
            12 if move in ("dismiss", "acknowledge", "value", "clarify", "proof") else 5
        )
        assert sum(p.move == move for p in held7) >= (20 if move in ("dismiss", "clarify") else 5)
    trained = {e.text.lower() for e in load_examples(spec.data_dir, spec.labels)}
    for split in (held, held2, held3, held4, held5, held6, held7):
        assert not {p.text.lower() for p in split} & trained
        assert not {p.text.lower() for p in dev} & {p.text.lower() for p in split}
    assert not {p.text.lower() for p in held} & {p.text.lower() for p in held2}
    assert not {p.text.lower() for p in held + held2} & {p.text.lower() for p in held3}
    assert not {p.text.lower() for p in held + held2 + held3} & {p.text.lower() for p in held4}
    assert not {p.text.lower() for p in held + held2 + held3 + held4} & {p.text.lower() for p in held5}
    assert not {p.text.lower() for p in held + held2 + held3 + held4 + held5} & {p.text.lower() for p in held6}
    dev7 = {p.text.lower() for p in load_paraphrases("dev7")}
    assert not dev7 & {p.text.lower() for p in held5} and not dev7 & trained
    dev8 = {p.text.lower() for p in load_paraphrases("dev8")}
    assert not dev8 & {p.text.lower() for p in held + held2 + held3 + held4 + held5 + held6} and not dev8 & trained
    earlier = {p.text.lower() for p in dev + held + held2 + held3 + held4 + held5 + held6}
    assert not {p.text.lower() for p in held7} & earlier
    dev9 = {p.text.lower() for p in load_paraphrases("dev9")}
    assert not dev9 & (earlier | {p.text.lower() for p in held7}) and not dev9 & trained
    dev10 = {p.text.lower() for p in load_paraphrases("dev10")}
    assert not dev10 & (earlier | dev9 | {p.text.lower() for p in held7}) and not dev10 & trained
    held8 = load_paraphrases("heldout8")
    for move in spec.labels:
        assert sum(p.move == move for p in held8) >= (
            25 if move == "dismiss" else 15 if move in ("acknowledge", "clarify") else 4
        )
    before8 = (
        earlier | dev9 | dev10 | {p.text.lower() for p in held7 + load_paraphrases("dev4") + load_paraphrases("dev5")}
    )
    before8 |= {p.text.lower() for p in load_paraphrases("dev6") + load_paraphrases("dev7")} | dev8
    assert not {p.text.lower() for p in held8} & before8 and not {p.text.lower() for p in held8} & trained
    held9 = load_paraphrases("heldout9")
    for move in spec.labels:
        assert sum(p.move == move for p in held9) >= (
            25 if move == "dismiss" else 12 if move in ("acknowledge", "clarify") else 4
        )
    before9 = before8 | {p.text.lower() for p in held8}
    assert not {p.text.lower() for p in held9} & before9 and not {p.text.lower() for p in held9} & trained
    held10 = load_paraphrases("heldout10")
    for move in spec.labels:
        assert sum(p.move == move for p in held10) >= (
            20 if move == "dismiss" else 12 if move in ("acknowledge", "next_step") else 4
        )
    before10 = before9 | {p.text.lower() for p in held9}
    assert not {p.text.lower() for p in held10} & before10 and not {p.text.lower() for p in held10} & trained
    held11 = load_paraphrases("heldout11")
    for move in spec.labels:
        assert sum(p.move == move for p in held11) >= (
            20 if move == "dismiss" else 12 if move in ("acknowledge", "value") else 5
        )
    before11 = before10 | {p.text.lower() for p in held10}
    assert not {p.text.lower() for p in held11} & before11 and not {p.text.lower() for p in held11} & trained
    held12 = load_paraphrases("heldout12")
    for move in spec.labels:
        assert sum(p.move == move for p in held12) >= (12 if move in ("acknowledge", "dismiss") else 4)
    before12 = before11 | {p.text.lower() for p in held11}
    assert not {p.text.lower() for p in held12} & before12 and not {p.text.lower() for p in held12} & trained


@pytest.mark.parametrize("text", list(QUOTED))
def test_the_lines_issue_17_quoted_are_read_as_what_they_are(text: str) -> None:
    want, never = QUOTED[text]
    reading = read_moves(text)
    assert reading.has(want), reading.moves
    assert not any(reading.has(m) for m in never), reading.moves
    assert reading.line(want) in text  # the evidence is the rep's own words


def test_reading_is_deterministic() -> None:
    text = "I hear you. What are you comparing it with? We could book Tuesday at 10 with your CFO."
    first, second = read_moves(text), read_moves(text)
    assert first.moves == second.moves and first.reading == second.reading


SCENARIO = "sc-cfo-no-budget"


def _levels(kb: KnowledgeBase, lines: list[str]) -> dict[str, int]:
    return {c.criterion_id.split(".", 1)[1]: c.level for c in play(kb, SCENARIO, lines).score.scores}


def test_an_acknowledging_line_is_credited_and_quoted_from_the_rep(kb: KnowledgeBase) -> None:
    result = play(kb, SCENARIO, ["I hear you, budget is tight, and you've been burned before."])
    ack = next(c for c in result.score.scores if c.criterion_id.endswith("acknowledges"))
    assert ack.label != "Not Present" and "budget is tight" in ack.evidence


def test_an_unasked_discount_and_a_dismissal_cost_points(kb: KnowledgeBase) -> None:
    base = [
        "I hear you, budget is tight this year. What would have to be true to find the money before next year?",
        "Customers reach forecast accuracy within 5 percent of actuals by their second full quarter. "
        "Does that change how the timing looks?",
    ]
    clean = play(kb, SCENARIO, base).score
    discounted = play(kb, SCENARIO, [*base[:1], "We can give you 30% if you sign before year end.", *base[1:]]).score
    dismissed = play(kb, SCENARIO, ["Honestly, budget freezes always lift, it's not a real blocker.", *base]).score
    assert discounted.overall < clean.overall and dismissed.overall < clean.overall
    proof = next(c for c in discounted.scores if c.criterion_id.endswith("answers-with-proof"))
    assert "discount nobody asked for" in proof.why
    ack = next(c for c in dismissed.scores if c.criterion_id.endswith("acknowledges"))
    assert ack.level <= 2


def test_every_quote_is_a_rep_line(kb: KnowledgeBase) -> None:
    lines = [
        "I understand you need to get the best terms you can. Before we talk numbers, what matters most to you?",
        "Would it be worth thirty minutes next Tuesday to walk through a business case with your finance lead?",
    ]
    result = play(kb, SCENARIO, lines)
    rep = " ".join(t.text for t in result.turns if t.speaker == "rep")
    for c in result.score.scores:
        if c.turn is not None:
            assert c.evidence.strip('"') in rep


@pytest.mark.parametrize(
    ("text", "want", "never"),
    [
        ("Your last vendor just didn't know what they were doing, we're nothing like them.", "dismiss", "acknowledge"),
        ("Honestly, all of our clients sign it as is, nobody has ever pushed back.", "dismiss", "acknowledge"),
        ("I'd not lose sleep over the notice period, it's a minor detail next to the savings.", "dismiss", "value"),
        ("Okay, so your CFO left in March and the budget is frozen until she's replaced.", "acknowledge", "dismiss"),
        ("You've been let down by two integrators already.", "acknowledge", "proof"),
        ("I can do the training days on the house.", "discount", "dismiss"),
        ("We include onboarding at no extra cost with every plan.", "value", "discount"),
        ("Everyone on your team uses one login, so there's nothing extra to manage.", "value", "dismiss"),
        ("Honestly, I wouldn't fret about the cutover, we've got it covered.", "dismiss", "acknowledge"),
        ("Let's not get stuck on the indemnity clause today, the pilot is what matters.", "dismiss", "acknowledge"),
        ("The onboarding worry is a bit of a red herring, honestly.", "dismiss", "acknowledge"),
        ("That's really more about how your warehouse labels stock than about our scanner.", "dismiss", "acknowledge"),
        ("I get it, but the mobile app more than makes up for that.", "dismiss", "acknowledge"),
        ("Honestly, I'd be uneasy too after a launch like that.", "acknowledge", "dismiss"),
        ("Two audits in one quarter is brutal.", "acknowledge", "dismiss"),
        ("Talk me through how a new hire gets set up on day one.", "clarify", "acknowledge"),
        ("Are your technicians on one shared calendar, or does each depot keep its own?", "clarify", "check"),
        ("Does that cover what your auditors would ask?", "check", "clarify"),
        ("So your buyers would see stock levels before they commit to an order.", "value", "proof"),
        ("One of our hotel groups cut no-shows by a third after switching.", "proof", "value"),
        ("Totally get it.", "acknowledge", "dismiss"),
        ("Yeah, I hear you, the timing is awful.", "acknowledge", "dismiss"),
        ("Okay, fair enough, but everyone says that.", "dismiss", "acknowledge"),
        ("That isn't a daft thing to ask before a rollout this size.", "acknowledge", "dismiss"),
        ("You're not being paranoid, the contract really is long.", "acknowledge", "dismiss"),
        ("No, you're not wrong, the last upgrade did take the tills down for a day.", "acknowledge", "dismiss"),
        ("A six-month break clause, okay, we can live with that.", "acknowledge", "dismiss"),
        ("Sure, invoicing per site rather than centrally is no problem for us.", "acknowledge", "dismiss"),
        ("I wouldn't want my nurses retraining in the middle of winter either.", "acknowledge", "value"),
        ("Every procurement team asks for a break clause, but nobody ever uses one.", "dismiss", "value"),
        ("All the hospitals want an on-site visit first, but it doesn't tell them anything.", "dismiss", "value"),
        ("Everyone asks about uptime, but we've had no outage in 3 years.", "proof", "dismiss"),
    ],
)
def test_quiet_dismissals_reflections_and_giveaways_are_read_as_what_they_do(text: str, want: str, never: str) -> None:
    reading = read_moves(text)
    assert reading.has(want) and not reading.has(never), reading.moves
    assert reading.line(want) in text
