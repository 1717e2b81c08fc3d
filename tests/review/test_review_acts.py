"""The act tagger on clear examples of each class, the traps it must not fall into, and the dev gate."""

from __future__ import annotations

from collections import Counter

import pytest

from copilot.review.acts import ACTS, previous_turns, tag_transcript, tag_utterance
from copilot.review.evaluate import DEFAULT_PATH, evaluate_tagger, load_labelled
from copilot.review.transcript import parse_transcript


@pytest.mark.parametrize(
    "text",
    [
        "What got in the way of booking the meeting?",
        "How did the pricing conversation land with their CFO?",
        "Tell me about the moment you felt the call turn.",
        "Could you walk me through your renewal process?",
        "so how are you planning to get the champion back",
    ],
)
def test_open_questions(text: str) -> None:
    assert tag_utterance(text).act == "open_question"


@pytest.mark.parametrize(
    "text",
    [
        "Did the CFO join the demo?",
        "How many seats are you looking at?",
        "When does the contract renew?",
        "You'd agree the current process is slow, wouldn't you?",  # leading
        "Isn't the VP the one who really decides?",  # leading
        "That's the Harbor deal, right?",
        "are you the one signing off on this",
    ],
)
def test_closed_and_leading_questions(text: str) -> None:
    assert tag_utterance(text).act == "closed_question"


@pytest.mark.parametrize(
    ("context", "text"),
    [
        (
            "Our reps spend hours every week updating the CRM by hand.",
            "So CRM updates are eating into selling time.",
        ),
        ("I froze when their CFO started pushing on price.", "It sounds like the CFO's pressure threw you."),
        ("I'm not sure I can run the negotiation without you.", "You're nervous about leading it alone."),
        (
            "We lost three deals to the cheaper vendor this quarter.",
            "Three deals lost to the cheaper vendor.",
        ),
        (None, "What I'm hearing is that timing matters more than price for them."),
    ],
)
def test_reflections_restate_the_other_speaker(context: str | None, text: str) -> None:
    assert tag_utterance(text, context).act == "reflection"


def test_an_answer_that_repeats_the_question_is_not_a_reflection() -> None:
    tag = tag_utterance("We use Salesforce for everything.", "Which CRM do you use today?")
    assert tag.act == "information"


@pytest.mark.parametrize(
    "text",
    [
        "So what do you think you need to do before the Ardent call?",
        "What do you have to change in your opener?",
        "Have you thought about what you'd ask their CFO?",
        "Okay, and how do you need to prepare for procurement?",
    ],
)
def test_a_question_that_asks_the_rep_for_their_own_plan_is_not_advice(text: str) -> None:
    tag = tag_utterance(text)
    assert tag.act in ("open_question", "closed_question"), tag  # "Have you thought about what…" has a yes/no form
    assert "advice" not in tag.acts


@pytest.mark.parametrize(
    "text",
    [
        "Why don't you just send the proposal?",
        "Have you thought about calling the CFO?",
        "How about you send the case study before the call?",
        "You need to call their CFO, what do you think?",
        "What if you opened with the customer story?",
        "Wouldn't it be better to confirm budget first?",
        "Shouldn't you be talking to procurement by now?",
        "You should ask about their decision process earlier.",
        "Next time, pause after you ask the question.",
        "Try leading with the outcome instead of the feature list.",
        "Don't offer a discount before they ask for one.",
        "I'd recommend looping in their security team now.",
    ],
)
def test_advice_including_directives_disguised_as_questions(text: str) -> None:
    tag = tag_utterance(text)
    assert tag.act == "advice"
    assert tag.open_questions == tag.closed_questions == 0


@pytest.mark.parametrize(
    "text",
    [
        "I'll send it by Friday.",
        "Let's do three roleplays before Thursday.",
        "So you'll book the CFO meeting by next Wednesday.",
        "We'll have the revised quote in your inbox tomorrow.",
        "I can get you the security questionnaire by end of week.",
        "I'm going to practise the opener five times before our next one-on-one.",
    ],
)
def test_agreements_are_commitments_with_an_owner_or_date(text: str) -> None:
    assert tag_utterance(text).act == "agreement"


@pytest.mark.parametrize(
    "text",
    [
        "I'll walk you through the dashboard now.",  # narrating the meeting
        "I'll be honest, the price is high.",
        "Last week you said you'd send the proposal.",  # recalling, not committing
    ],
)
def test_things_that_look_like_commitments_but_are_not(text: str) -> None:
    assert tag_utterance(text).act != "agreement"


@pytest.mark.parametrize(
    "text",
    [
        "We have about sixty reps in three regions.",
        "Your opener was much tighter than last week.",
        "They told me the budget is frozen until July.",
    ],
)
def test_information(text: str) -> None:
    assert tag_utterance(text).act == "information"


@pytest.mark.parametrize(
    "text",
    ["Hi Jordan, thanks for jumping on.", "Mm-hmm.", "Okay, got it.", "Sorry, you cut out there.", "Yeah."],
)
def test_other(text: str) -> None:
    assert tag_utterance(text).act == "other"


def test_dominant_act_and_sentence_detail() -> None:
    tag = tag_utterance(
        "Great call overall. Next time, confirm the next step before you hang up. Does that make sense?"
    )
    assert tag.act == "advice"
    assert tag.acts == ["information", "advice", "other"]
    both = tag_utterance("So the champion went quiet. What do you think changed?", "Priya stopped replying to me.")
    assert both.act == "reflection" and "open_question" in both.acts and both.open_questions == 1


def test_context_is_the_other_speakers_previous_turn() -> None:
    assert previous_turns(["A", "B", "B", "A"], ["a1", "b1", "b2", "a2"]) == [None, "a1", "a1", "b1 b2"]
    t = parse_transcript("Rep: Our managers never listen to calls.\nMgr: So calls go unheard on your team.")
    assert [tag.act for tag in tag_transcript(t)] == ["information", "reflection"]


def test_labelled_set_is_big_balanced_and_split() -> None:
    items = load_labelled()
    assert len(items) >= 320
    assert len({i.id for i in items}) == len(items)
    counts = Counter(i.label for i in items)
    # practice (in-meeting rehearsal) is read by the reader and measured on its own held-out split
    # (copilot/reader/data/coaching/heldout.yaml); this set predates it, and only heldout4 holds a few lines of it
    practice = counts.pop("practice", 0)
    assert set(counts) == set(ACTS) - {"practice"} and min(counts.values()) >= 25
    assert practice == sum(i.label == "practice" and i.split != "heldout" for i in items)
    # the first set's held-out share (later splits heldout2..heldout4 are whole held-out sets of their own)
    heldout = sum(i.split == "heldout" for i in items) / sum(i.split in ("dev", "heldout") for i in items)
    assert 0.25 <= heldout <= 0.35


def test_tagger_accuracy_on_dev_split_gate() -> None:
    report = evaluate_tagger(DEFAULT_PATH, "dev")
    assert report.n >= 200
    assert report.accuracy >= 0.85, report.errors
    assert all(score.f1 >= 0.7 for score in report.per_class.values() if score.support)


def test_heldout_report_is_produced_but_not_gated() -> None:
    report = evaluate_tagger(DEFAULT_PATH, "heldout")
    assert report.n >= 90 and 0.0 <= report.accuracy <= 1.0


@pytest.mark.parametrize(
    "text", ["It", "It sounds", "That was the", "And then you told the buyer that", "Your deck and"]
)
def test_a_cut_off_fragment_gives_no_advice_even_when_the_reader_leans_advice(text: str) -> None:
    from copilot.reader.reading import SentenceReading
    from copilot.reader.specs import coaching
    from copilot.review.acts import combine, tag_sentence

    assert coaching.fragment(text)
    probs = dict.fromkeys(coaching.LABELS, 0.01) | {"advice": 0.7}
    act = combine(tag_sentence(text), SentenceReading(text=text, probs=probs, labels=["advice"], margin=0.2))
    assert "advice" not in act.labels


@pytest.mark.parametrize(
    "text", ["Try it.", "Call them", "Send the recap today.", "You should loop in their CFO before the demo."]
)
def test_short_or_whole_directives_are_not_fragments(text: str) -> None:
    from copilot.reader.specs import coaching

    assert not coaching.fragment(text)


@pytest.mark.parametrize("text", ["Chris, come on.", "Right, that is us for today, Sarah."])
def test_an_unsure_lean_to_practice_is_not_read_as_advice(text: str) -> None:
    from copilot.reader.reading import SentenceReading
    from copilot.reader.specs import coaching
    from copilot.review.acts import combine, tag_sentence

    probs = dict.fromkeys(coaching.LABELS, 0.02) | {"practice": 0.18, "information": 0.1}
    act = combine(tag_sentence(text), SentenceReading(text=text, probs=probs, labels=[], margin=0.6))
    assert act.labels == ["information"]
    leaning_advice = probs | {"practice": 0.02, "advice": 0.3}  # an unsure lean to advice still counts, as before,
    # unless the sentence is a statement with a subject and no directive word ("that is us for today"): see directs()
    expected = ["advice"] if coaching.directs(text) else ["information"]
    assert (
        combine(tag_sentence(text), SentenceReading(text=text, probs=leaning_advice, labels=[], margin=0.4)).labels
        == expected
    )
    assert coaching.directs("Chris, come on.")


def _advice_when_the_reader_says_advice(text: str) -> bool:
    """Whether the review keeps 'advice' for a sentence the reader is fairly sure is advice."""
    from copilot.reader.reading import SentenceReading
    from copilot.reader.specs import coaching
    from copilot.review.acts import combine, tag_sentence

    probs = dict.fromkeys(coaching.LABELS, 0.01) | {"advice": 0.7}
    act = combine(tag_sentence(text), SentenceReading(text=text, probs=probs, labels=["advice"], margin=0.2))
    return "advice" in act.labels


@pytest.mark.parametrize(
    ("text", "invites"),
    [
        ("So why don't you start by telling me a little bit about yourself?", True),
        ("Why don't you walk me through the call?", True),
        ("How about you talk me through what happened?", True),
        ("Why don't you call her?", False),
        ("Why don't you talk to your manager about it?", False),
        ("Why don't you share the deck with the team?", False),
    ],
)
def test_a_suggestion_to_tell_me_is_an_invitation_not_advice(text: str, invites: bool) -> None:
    from copilot.reader.specs import coaching

    assert coaching.invites_talk(text) is invites
    assert _advice_when_the_reader_says_advice(text) is not invites


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        ("You said you'd run the new discovery opener on three calls.", True),
        ("So last week you told me you'd call Keller back.", True),
        ("You agreed to send the recap by Friday.", True),
        ("You said you'd try it, so you should do it today.", False),
        ("You should run it on three calls.", False),
        ("Run the opener on three calls.", False),
    ],
)
def test_the_rep_s_own_words_reported_back_are_not_advice(text: str, reports: bool) -> None:
    from copilot.reader.specs import coaching

    assert coaching.reports_their_words(text) is reports
    assert _advice_when_the_reader_says_advice(text) is not reports


def test_the_readme_s_review_example_gives_no_advice_feedback_for_a_reminder_of_the_rep_s_commitment(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json
    from pathlib import Path

    from copilot.cli.main import main

    path = "evals/review/conversations/coaching_good.txt"
    assert "You said you'd run the new discovery opener" in Path(path).read_text(encoding="utf-8")
    assert main(["review", path, "--kind", "coaching", "--json"]) == 0
    feedback = json.loads(capsys.readouterr().out)["feedback"]
    assert feedback and not any("advice nobody asked for" in f for f in feedback), feedback


@pytest.mark.parametrize(
    "turn",
    [
        "Before anything else, last week you were going to send the two proposals. Where did those land?",
        "Where are you at with the Harbour renewal?",
        "Where do you think the call turned?",
    ],
)
def test_a_where_question_asking_for_an_account_counts_as_open_in_the_turn_and_its_type(turn: str) -> None:
    from copilot.review import review_transcript
    from copilot.review.measures import last_question_type

    m = review_transcript(
        f"Jordan: {turn}\nPriya: One went out on Tuesday.\n", "coaching", {"Jordan": "manager", "Priya": "rep"}, "x.txt"
    )
    assert "open_question" in m.utterances[0].acts and "closed_question" not in m.utterances[0].acts
    assert last_question_type(m.tags[0]) == "open"  # the turn's counts and its question type agree


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("Or loop in their finance lead.", True),
        ("- like send them a short video.", True),
        ("For example, share the case study.", True),
        ("Or you could call her directly.", False),  # the speaker proposes it: advice stays
        ("Loop in their finance lead.", False),
    ],
)
def test_a_bare_option_continuing_a_list_is_not_advice(text: str, option: bool) -> None:
    from copilot.reader.specs import coaching

    assert coaching.names_an_option(text) is option
    if option:
        assert "advice" not in tag_utterance(text).acts


@pytest.mark.parametrize(
    ("text", "directs"),
    [
        ("Let me ask you this, on a scale of one to ten, how sure are you that you can close it?", False),
        ("Let me just check the dates you can do.", False),
        ("Let me suggest you call the CFO first.", True),
        ("There's no reason why you shouldn't be able to close it this month.", False),
        ("You should be able to close it this month.", True),
    ],
)
def test_what_the_speaker_announces_or_a_modal_after_why_directs_no_one(text: str, directs: bool) -> None:
    from copilot.reader.specs import coaching

    assert coaching.directs(text) is directs


def test_a_did_you_know_question_offers_a_fact_and_is_not_advice() -> None:
    from copilot.reader.specs import coaching

    text = "Did you know deals with a mutual plan close about twice as often?"
    assert coaching.offers_fact(text) and not coaching.offers_fact("Did you know how they decide?")
    assert "advice" not in tag_utterance(text).acts


@pytest.mark.parametrize(
    ("text", "wish"),
    [
        ("I really hope you consider calling their CFO before Friday.", True),
        ("I wish you would stop discounting in the first meeting.", True),
        ("I hope you'll try the new opener with them.", True),
        ("I hope you had a good weekend.", False),
        ("I hope you consider it, do you?", False),
    ],
)
def test_the_speaker_s_wish_for_the_other_s_action_is_advice(text: str, wish: bool) -> None:
    from copilot.reader.specs import coaching

    assert coaching.wishes_they_would(text) is wish
    if wish:
        assert "advice" in tag_utterance(text).acts


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("You really want to win this one back.", True),
        ("You care about getting it right for them.", True),
        ("So, Dana, you're worried the champion won't last.", True),
        ("I get the sense that this deal matters a lot to you.", True),
        ("You know that the renewal is the bigger number.", True),
        ("You know, the renewal is the bigger number.", False),  # a filler names nothing
        ("You need to call them today.", False),  # an obligation directs
        ("You want to close it this quarter?", False),  # a question
    ],
)
def test_a_statement_naming_the_other_s_feeling_or_want_is_a_reflection(text: str, names: bool) -> None:
    from copilot.reader.specs import coaching

    assert coaching.names_their_state(text) is names
    if names:
        assert "reflection" in tag_utterance(text, context="Honestly I just want this one to go well.").acts


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        # a consideration raised as a question is not a step proposed; an action (an -ing verb) still is
        ("Have you thought about the churn risk and how it could hit the renewal?", False),
        ("Have you thought about calling their CFO directly?", True),
        # arranging the speakers' own next meeting is negotiation, a customer meeting is not
        ("Maybe we meet again in two weeks and see where the Ortega deal is.", False),
        ("Get their IT lead into the next meeting with Ortega.", True),
        # a piece continuing what could happen to the listener instructs no one
        ("and get you stuck with a discount you can't undo.", False),
        ("and get them to sign the order form.", True),
    ],
)
def test_what_is_advice_when_the_reader_leans_advice(text: str, advice: bool) -> None:
    from copilot.reader.reading import SentenceReading
    from copilot.reader.specs import coaching
    from copilot.review.acts import combine, tag_sentence

    probs = dict.fromkeys(coaching.LABELS, 0.01) | {"advice": 0.8}
    act = combine(tag_sentence(text), SentenceReading(text=text, probs=probs, labels=["advice"], margin=0.3))
    assert ("advice" in act.labels) is advice, act


@pytest.mark.parametrize(
    ("text", "advises"),
    [
        ("Is the champion the problem, like maybe you should just start going to their CFO directly?", True),
        ("What about, maybe once the pilot ends, you could offer them the annual plan?", True),
        ("If you would follow up with their ops lead, you might find the renewal gets easier.", True),
        ("What do you think you should do next?", False),
        ("If you lose this one, you might feel it in your number.", False),
    ],
)
def test_a_step_put_forward_inside_a_question_or_with_the_result_it_promises_is_advice(
    text: str, advises: bool
) -> None:
    from copilot.reader.specs import coaching

    assert (coaching.proposes_in_question(text) or coaching.promises_result(text)) is advises
    assert ("advice" in tag_utterance(text).acts) is advises
