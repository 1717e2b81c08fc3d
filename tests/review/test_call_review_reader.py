"""Call review reads the rep through the one utterance reader: credit only what the rep did, quote only the rep,
find a booked next step however it is phrased, and say so when the kind of call is unclear (issue 17)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from copilot.reader.moves import read_moves
from copilot.review import review_transcript
from copilot.review.measures import ReviewMeasures
from copilot.review.scoring import CallScorer


def _call(lines: str, rep: str, buyer: str) -> ReviewMeasures:
    return review_transcript(lines, "call", {rep: "rep", buyer: "buyer"}, "call.txt")


def _level(scorer: CallScorer, m: ReviewMeasures, criterion: str, interaction: str = "discovery-call") -> int:
    return next(s.level for s in scorer.score(m, interaction).scores if s.criterion_id == criterion)


SYMPATHY_ONLY = """\
Omar: Hey Greta, good to meet you. How's the quarter treating you?
Greta: Badly, to be honest. We booked about three hundred thousand less than we committed, and my CEO heard it from finance before me.
Omar: Oof. Yeah, we see that all the time.
Omar: So we're an AI forecasting platform, we plug into your CRM and give every manager a live dashboard.
Greta: Okay.
Omar: Happy to send a deck over.
"""

EXPLORED = """\
Omar: Hey Greta, good to meet you. How's the quarter treating you?
Greta: Badly, to be honest. We booked about three hundred thousand less than we committed, and my CEO heard it from finance before me.
Omar: Hearing it from finance first must sting. What made the gap invisible to you until then?
Greta: The reps kept deals in commit until the last week, then pushed them all at once.
Omar: When they pushed them all at once, which deals surprised you most?
Greta: Two renewals we thought were safe.
"""


@pytest.mark.parametrize(
    ("transcript", "low", "high"),
    [(SYMPATHY_ONLY, 1, 1), (EXPLORED, 2, 4)],
    ids=["buyer volunteers, rep sympathises and pitches", "rep follows up on the pain"],
)
def test_a_volunteered_pain_is_the_reps_discovery_only_when_the_rep_explores_it(
    scorer: CallScorer, transcript: str, low: int, high: int
) -> None:
    assert low <= _level(scorer, _call(transcript, "Omar", "Greta"), "discovery-call.key-issue") <= high


def test_evidence_quoted_for_the_rep_is_always_a_line_the_rep_said(scorer: CallScorer) -> None:
    m = _call(
        EXPLORED + "Omar: Our platform flags a slipping renewal weeks ahead.\nGreta: Even ours?\n", "Omar", "Greta"
    )
    for interaction in scorer.interactions():
        for s in scorer.score(m, interaction).scores:
            if s.utterance_index is not None:
                assert m.utterances[s.utterance_index].role == "rep", (interaction, s.criterion_id, s.evidence)
                assert s.evidence is not None and s.evidence.startswith("Omar:")


BOOKED = [
    # the rep offers a dated meeting; the buyer says yes in their own words
    (
        "Ivy: Could we pencil in an hour with you and your controller on Monday the 3rd at 2pm?",
        "Raj: Yes, let's do that.",
    ),
    (
        "Ivy: I'll line up our solutions engineer with your ops team next Thursday at 10 to test it on your data.",
        "Raj: Perfect, put it in.",
    ),
    # the rep proposes, the buyer names the day and time
    (
        "Ivy: Shall we get your finance lead on a call to go through the business case?",
        "Raj: Sure, Wednesday at 4 works.",
    ),
]


@pytest.mark.parametrize(("offer", "reply"), BOOKED)
def test_a_dated_accepted_next_step_is_found_however_it_is_phrased(scorer: CallScorer, offer: str, reply: str) -> None:
    text = (
        f"Ivy: Who else weighs in on a decision like this?\nRaj: Our controller and the ops team.\n{offer}\n{reply}\n"
    )
    assert _level(scorer, _call(text, "Ivy", "Raj"), "discovery-call.next-steps") >= 3


@pytest.mark.parametrize(
    ("offer", "reply"),
    [
        ("Ivy: Could we pencil in an hour with you on Monday the 3rd at 2pm?", "Raj: Let me check my diary and get back to you."),
        ("Ivy: Let's catch up again sometime soon.", "Raj: Sure, at some point."),
        ("Ivy: How about a session with your controller on Friday at 9?", "Raj: Not sure, maybe."),
    ],
)  # fmt: skip
def test_an_unaccepted_or_vague_next_step_is_not_credited_as_agreed(scorer: CallScorer, offer: str, reply: str) -> None:
    text = f"Ivy: Who else weighs in on a decision like this?\nRaj: Our controller.\n{offer}\n{reply}\n"
    assert _level(scorer, _call(text, "Ivy", "Raj"), "discovery-call.next-steps") <= 2


WEAK_DISCOVERY = """\
Zack: Hi Lena, Zack here from Lanternline, thanks for picking up.
Lena: Hi. I've got fifteen minutes.
Zack: Great. We're the leading revenue platform, with forecasting, scoring, dashboards and a coaching module.
Lena: We track the forecast in a shared sheet today.
Zack: Sure. Is that working for you?
Lena: Mostly.
Zack: Cool. Our clients love how easy it is. Can I email you a brochure?
Lena: Fine.
"""


def test_a_weak_discovery_call_is_not_scored_as_another_interaction_and_unsure_says_how_to_choose(
    scorer: CallScorer,
) -> None:
    scored = scorer.best_fit(_call(WEAK_DISCOVERY, "Zack", "Lena"))
    assert scored.interaction == "discovery-call"
    if not scored.interaction_sure:
        assert scored.interaction_options[0] == "discovery-call"
        assert "not sure" in scored.assumptions[0] and "--interaction" in scored.assumptions[0]


def test_a_clear_call_is_named_with_confidence(scorer: CallScorer) -> None:
    negotiation = """\
Hugo: You've seen the order form. Where did it land with your team?
Tara: The annual fee is too high for us, we budgeted far less.
Hugo: I hear you. What figure did finance give you?
Tara: Eighty thousand.
Hugo: I can come down to ninety-two thousand if we agree a three-year term and you act as a reference.
Tara: Three years is long. Could you do eighty-five on two years?
Hugo: At eighty-eight on two years I'd need the case study as well.
Tara: That could work. Who signs on your side, and how long does legal take?
Hugo: Our VP signs, legal needs about a week. Shall we aim to sign by the 20th?
Tara: Yes, the 20th is fine.
"""
    scored = scorer.best_fit(_call(negotiation, "Hugo", "Tara"))
    assert (scored.interaction, scored.interaction_sure) == ("negotiation", True)


def test_the_review_and_the_roleplay_read_a_rep_line_the_same_way(scorer: CallScorer) -> None:
    """The call review's acknowledgement is the reader's: a dismissal is never credited as acknowledging."""
    objection = "Nora: I'm worried your tool needs access to all our email."
    for reply, credited in [
        ("Sid: That's a fair thing to worry about. Which part worries you most?", True),
        ("Sid: Honestly everybody gives us that access, it's completely standard.", False),
    ]:
        m = _call(f"{objection}\n{reply}\nNora: Hm.\n", "Sid", "Nora")
        level = _level(scorer, m, "objection-handling.acknowledges", "objection-handling")
        assert (level >= 2) is credited == read_moves(reply.split(": ", 1)[1]).has("acknowledge"), reply


STAKES_CALL = """\
Ines: Honestly my worry is the reps. They have ignored every tool we bought them.
Tomas: That's a fair worry. Without sign-off from your team leads this goes nowhere, so that has to come first.
Ines: Right, and my CISO will want to see the data flows too.
Tomas: Would it help to get your CISO and our security lead together next Tuesday at ten?
Ines: Yes, Tuesday at ten works.
"""


def test_a_call_review_embeds_only_the_reps_sentences_and_the_turns_before_them(scorer: CallScorer) -> None:
    """The speed of a one-hour review rests on this: buyer sentences are never embedded, rep turns never twice."""
    from copilot.reader import Reader, clean, sentences
    from copilot.reader.reader import default_reader
    from copilot.review.acts import tag_transcript
    from copilot.review.transcript import parse_transcript

    base = default_reader()
    embedded: list[str] = []

    class Counting:
        name, dimension = base.embedder.name, base.embedder.dimension

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            embedded.extend(texts)
            return base.embedder.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return self.embed_documents([text])[0]

    reader = Reader(Counting(), {name: base._pair(name) for name in ("coaching", "moves")})  # type: ignore[arg-type]
    m = review_transcript(STAKES_CALL, "call", {"Tomas": "rep", "Ines": "buyer"}, "call.txt", reader=reader)
    CallScorer(scorer.kb, reader).best_fit(m)
    u = m.utterances
    buyer = [x.text for x in u if x.role == "buyer"]
    before_rep = {clean(x.text) for x, nxt in pairwise(u) if x.role == "buyer" and nxt.role == "rep"}
    rep_sentences = {s for x in u if x.role == "rep" for s in sentences(x.text)}
    assert len(embedded) == len(set(embedded))  # each distinct text once, shared by both heads
    assert set(embedded) == rep_sentences | before_rep  # a buyer turn only whole, as the context of the rep's reply
    assert not {s for t in buyer for s in sentences(t)} - set(buyer) & set(embedded)
    full = tag_transcript(parse_transcript(STAKES_CALL, "call.txt"))  # every turn read, as before
    assert [x.acts for x in u if x.role == "rep"] == [t.acts for x, t in zip(u, full, strict=True) if x.role == "rep"]


WEAK_DEMO = """\
Ines: Okay, let me share my screen. This is the home dashboard.
Paul: Okay.
Ines: Here's the pipeline view, and this tab is the reports page.
Paul: Right.
Ines: And over here you can see the settings panel.
Paul: Sure.
"""

HALF_AND_HALF = """\
Tess: Thanks for joining, Ivan. How does your team track deals today?
Ivan: In spreadsheets, mostly.
Tess: Who updates them?
Ivan: Each rep, on Friday.
Tess: What goes wrong with that?
Ivan: They forget, and the numbers are stale by Monday.
Tess: Let me share my screen. This is the pipeline view, updated from email automatically.
Ivan: Okay.
Tess: Here on the dashboard you can see every deal's last activity.
Ivan: Nice.
Tess: And this tab shows the deals nobody touched this week.
Ivan: Good to know.
"""


def test_a_weak_call_that_is_plainly_one_kind_is_named_by_what_the_rep_does(scorer: CallScorer) -> None:
    scored = scorer.best_fit(_call(WEAK_DEMO, "Ines", "Paul"))
    assert (scored.interaction, scored.interaction_sure) == ("demo", True)
    assert "shows the product" in scored.assumptions[0]


def test_a_call_that_is_half_questions_half_screens_still_asks(scorer: CallScorer) -> None:
    scored = scorer.best_fit(_call(HALF_AND_HALF, "Tess", "Ivan"))
    assert not scored.interaction_sure
    assert set(scored.interaction_options) >= {"discovery-call", "demo"}


def test_questions_after_an_objection_count_as_handling_it_not_as_discovery(scorer: CallScorer) -> None:
    from copilot.review.call_kind import activity

    objection = """\
Beth: I'll be honest, I'm not convinced we need this. We already have dashboards in our CRM.
Kai: That's fair. What do the CRM dashboards give you today?
Beth: Pipeline by stage and win rate.
Kai: When a deal slips, how do you find out why?
Beth: I ask the rep.
"""
    counts = activity(scorer._view(_call(objection, "Kai", "Beth")))
    assert counts["discovery-call"] == 0 and counts["objection-handling"] == 3


RENEWAL_GIVEAWAY = """\
Jess: Hi Omar, thanks for making time. The plan for today: fifteen minutes on how the first quarter went, then what's on your mind for renewal. Does that still work?
Omar: Sure, though I have to say the finance team is pushing back on the renewal price.
Jess: That's fair, and I'd rather hear it now. When you say pushing back, what number are they comparing it with?
Omar: They budgeted flat, and you're asking for eight percent more.
Jess: Got it, so the gap is the eight percent uplift, not the product itself?
Omar: Right, the team likes it. Forecast calls are half as long now.
Jess: That's good to hear. Honestly, I can just drop the uplift if that gets it done this week.
Omar: Well, that would certainly help.
Jess: Great. I'll send the updated order form tomorrow and we can sign Friday.
Omar: Okay, send it over.
"""


def test_a_renewal_call_spent_on_price_is_a_negotiation_and_the_giveaway_is_the_moment_to_look_at(
    scorer: CallScorer,
) -> None:
    """Written by a manager trying the review: the discovery map's partial fit (an agenda, a said-back gap) once
    outvoted a call whose turns all trade price, and trades scored Not Present quoting the greeting."""
    scored = scorer.best_fit(_call(RENEWAL_GIVEAWAY, "Jess", "Omar"))
    assert scored.interaction == "negotiation"
    trades = next(s for s in scored.scores if s.criterion_id == "negotiation.trades")
    assert trades.level == 1 and "drop the uplift" in (trades.evidence or "")


def test_the_key_issue_is_quoted_from_the_question_that_explores_the_pain_not_the_nod_before_it(
    scorer: CallScorer,
) -> None:
    call = """\
Rosa: What made you take this call?
Ken: We've doubled the team this year and the forecast process hasn't kept up at all.
Rosa: That's fair. A lot of growing teams tell us their stages lag behind the buyer. Does that sound familiar?
Ken: Very. Last quarter a big deal sat in commit for a month after the buyer had frozen the budget.
Rosa: A month in commit with a frozen budget. What did that cost you, and what did it mean for you personally?
Ken: We missed the number by three hundred thousand, and I had to explain it to the board.
"""
    scored = scorer.score(_call(call, "Rosa", "Ken"), "discovery-call")
    key = next(s for s in scored.scores if s.criterion_id == "discovery-call.key-issue")
    assert key.level >= 2
    assert key.evidence is not None and "personally?" in key.evidence and "That's fair" not in key.evidence
