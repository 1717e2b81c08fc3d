"""Action items as a manager saves them: one item however often it is said, and a real date for every deadline said
relative to the conversation ("by Tuesday", "end of next week"), or plainly 'no date said' (issue 17)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from copilot.app.review import parse_due
from copilot.cli.main import main
from copilot.review import review_transcript
from copilot.review.actions import is_vague

ONE_ON_ONE = """\
Rosa: Morning Eli. Let's pick up the Northwind renewal first. What's blocking it?
Eli: Their finance director hasn't seen any adoption figures.
Rosa: What would move it?
Eli: I'll build a one-page adoption summary for their finance director by Tuesday.
Rosa: Good. What about prospecting?
Eli: I'm going to send ten tailored emails to the healthcare list by end of next week.
Rosa: And from me?
Eli: An intro to their COO would help a lot.
Rosa: I'll write to their COO tomorrow.
Eli: Thanks. I'll also shadow Ama's discovery call in two weeks.
Rosa: Great. So to close: the Northwind adoption one-pager for the finance director, that's yours for Tuesday?
Eli: Yes, the Northwind one-pager, I'll have it done Tuesday.
Eli: I'll also clean up the close dates in the CRM.
Rosa: Good.
"""


def _items(text: str) -> list[str]:
    m = review_transcript(text, "coaching", {"Rosa": "manager", "Eli": "rep"}, "1on1.txt")
    return [a.text for a in m.action_items]


def test_an_item_agreed_then_restated_in_the_recap_and_confirmed_is_one_item() -> None:
    items = _items(ONE_ON_ONE)
    assert sum("one-pag" in t.lower() or "adoption summary" in t.lower() for t in items) == 1, items
    assert any("ten tailored emails" in t for t in items) and any("COO" in t for t in items), items


def test_different_commitments_about_the_same_account_stay_apart() -> None:
    text = (
        "Rosa: What's next on Northwind?\n"
        "Eli: I'll send the Northwind contract to legal by Friday.\n"
        "Rosa: And the deck?\n"
        "Eli: I'll send the Northwind renewal deck to their buyer by Friday too.\n"
    )
    assert len(_items(text)) == 2


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("by end of next week", dt.date(2026, 12, 11)),
        ("by the end of this week", dt.date(2026, 12, 4)),
        ("by Tuesday", dt.date(2026, 12, 8)),
        ("tomorrow", dt.date(2026, 12, 3)),
        ("in two weeks", dt.date(2026, 12, 16)),
        ("at some point", None),
        ("by Friday, the 18th", dt.date(2026, 12, 18)),  # the date said wins over the nearest Friday
        ("the 18th of December", dt.date(2026, 12, 18)),
        ("by the 1st", dt.date(2027, 1, 1)),  # already past this month: next month, not next year
        ("the twelfth", dt.date(2026, 12, 12)),
        ("first thing", None),
        ("by Friday, the 12th", None),  # 12 December 2026 is a Saturday: which day was meant is not clear
        ("by end of day, Friday", dt.date(2026, 12, 4)),
        ("on the 3rd, January", dt.date(2027, 1, 3)),
        ("the week after next", dt.date(2026, 12, 18)),
    ],
)
def test_relative_deadlines_resolve_against_the_conversation_date(said: str, due: dt.date | None) -> None:
    assert parse_due(said, dt.date(2026, 12, 2)) == due  # a Wednesday


def test_the_command_prints_each_deadline_as_a_date_of_that_conversation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "1on1.txt"
    path.write_text(ONE_ON_ONE, encoding="utf-8")
    args = ["review", str(path), "--kind", "coaching", "--role", "Rosa=manager", "--role", "Eli=rep"]
    assert main([*args, "--date", "2026-12-02", "--json"]) == 0
    dates = {a["text"]: a["due_date"] for a in json.loads(capsys.readouterr().out)["action_items"]}
    assert dates[next(t for t in dates if "healthcare" in t)] == "2026-12-11"
    assert dates[next(t for t in dates if "COO" in t)] == "2026-12-03"
    assert dates[next(t for t in dates if "shadow" in t)] == "2026-12-16"
    assert dates[next(t for t in dates if "one-pag" in t)] == "2026-12-08"
    assert main([*args, "--date", "2026-12-02"]) == 0
    actions = [line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("action:")]
    assert any("Fri 11 Dec 2026" in line for line in actions), actions
    assert any("close dates" in line and ("no date said" in line or "no clear date" in line) for line in actions)


def _found(text: str, day: dt.date = dt.date(2026, 12, 2)) -> list[tuple[str, str, dt.date | None]]:
    m = review_transcript(text, "coaching", {"Rosa": "manager", "Eli": "rep"}, "1on1.txt")
    return [(a.text, a.owner, parse_due(a.due, day)) for a in m.action_items]


def test_a_request_the_rep_takes_on_is_the_reps_item_due_when_the_rep_said() -> None:
    found = _found(
        "Rosa: Send the Pinecrest summary to their CFO by Friday, and set up the security review for next week.\n"
        "Eli: Sure. I'll send it Thursday and set the review up for Monday.\n"
    )
    assert len(found) == 2, found
    summary = next(f for f in found if "summary" in f[0])
    review = next(f for f in found if "security review" in f[0])
    assert summary[1:] == ("Eli", dt.date(2026, 12, 3))
    assert review[1:] == ("Eli", dt.date(2026, 12, 7))


def test_a_request_turned_down_practice_in_the_meeting_and_advice_are_not_items() -> None:
    assert _found("Rosa: Can you join the Pinecrest call on Monday?\nEli: I can't, I'm off Monday.\n") == []
    assert _found("Rosa: Try it on me now, I'm the CFO.\nEli: Okay. So what made you look at this now?\n") == []
    assert _found("Rosa: If I were you I'd bring the case study.\nEli: Good idea.\n") == []
    # a one-word question is not a request, even when the answer commits to something
    assert [t for t, _, _ in _found("Rosa: Plan?\nEli: I'll update the forecast today.\n")] == [
        "I'll update the forecast today"
    ]


def test_two_things_with_a_date_each_are_two_items_and_let_us_have_you_is_the_reps() -> None:
    found = _found(
        "Rosa: What's the plan?\nEli: I'll map the buying group on Monday and brief Ana on Wednesday.\n"
        "Rosa: Let's have you shadow Ana's renewal call first.\nEli: I can do that.\n"
    )
    assert [(o, d) for _, o, d in found if "map" in _ or "brief" in _] == [
        ("Eli", dt.date(2026, 12, 7)),
        ("Eli", dt.date(2026, 12, 9)),
    ], found
    assert any("shadow" in t and o == "Eli" for t, o, _ in found), found


@pytest.mark.parametrize(
    ("said", "vague"),
    [
        ("I'll do it by Monday", True),
        ("I'll chase that with their lawyer on Monday", True),
        ("I'll take a look at that this afternoon", True),
        ("I'll look into it tomorrow", True),
        ("Can you handle that before Friday?", True),
        ("I'll call them on Friday", True),
        ("I'll send them the pricing deck on Friday", False),  # 'them' is who gets it; the deck is what
        ("I'll send that deck on Friday", False),  # 'that' picks out the deck
        ("Email them today with two times for a deep dive", False),
        ("I'll tell them that the price holds", False),
        ("I'll send the deck once it's approved", False),
        ("Just put it in the calendar and don't move it", True),  # an adverb before the verb (found in a review)
        ("Then chase it on Friday", True),
        ("Also send the reference request through customer success", False),
        ("Just send them the deck", False),
    ],
)
def test_an_item_whose_object_is_only_a_pronoun_is_flagged(said: str, vague: bool) -> None:
    assert is_vague(said) is vague


def test_a_pronoun_item_is_flagged_in_the_review_unless_it_takes_on_a_named_request() -> None:
    m = review_transcript(
        "Rosa: The Wexford discount request came in.\nEli: I saw. I'll look into it tomorrow.\n"
        "Rosa: Can you update the Pelton forecast with the new close date?\nEli: Sure, I'll sort it out today.\n",
        "coaching",
        {"Rosa": "manager", "Eli": "rep"},
        "1on1.txt",
    )
    assert [(a.vague, "Pelton" in a.text) for a in m.action_items] == [(True, False), (False, True)]


def test_the_labelled_dev_conversations_are_written_down_as_labelled() -> None:
    from evals.review.action_items import run_cases

    wrong = [(c.id, c.seen) for c in run_cases("dev") if not c.right]
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("Date: 2026-12-02\n", "2026-12-02"),
        ("Meeting date: Wednesday, December 2, 2026\n", "2026-12-02"),
        ("Recorded on: 2 Dec 2026, 10:00\n", "2026-12-02"),
    ],
)
def test_deadlines_resolve_against_the_date_the_transcript_states(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, day: str
) -> None:
    path = tmp_path / "1on1.txt"
    path.write_text(header + "Rosa: What's next?\nEli: I'll send the Tarro deck by Tuesday.\n", encoding="utf-8")
    args = ["review", str(path), "--kind", "coaching", "--role", "Rosa=manager", "--role", "Eli=rep", "--json"]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["date"], result["action_items"][0]["due_date"]) == (day, "2026-12-08")
    assert main([*args, "--date", "2026-12-09"]) == 0  # the date given wins, and the review says the two differ
    result = json.loads(capsys.readouterr().out)
    assert result["action_items"][0]["due_date"] == "2026-12-15"
    assert any(day in note and "2026-12-09" in note for note in result["assumptions"])


def test_a_json_transcript_dates_its_conversation_and_without_a_date_the_review_says_it_used_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    turns = [{"speaker": "Rosa", "text": "What's next?"}, {"speaker": "Eli", "text": "I'll send the deck tomorrow."}]
    dated = tmp_path / "dated.json"
    dated.write_text(json.dumps({"date": "2026-12-31T09:30:00Z", "utterances": turns}), encoding="utf-8")
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(turns), encoding="utf-8")
    args = ["--kind", "coaching", "--role", "Rosa=manager", "--role", "Eli=rep", "--json"]
    assert main(["review", str(dated), *args]) == 0
    assert json.loads(capsys.readouterr().out)["action_items"][0]["due_date"] == "2027-01-01"
    assert main(["review", str(plain), *args]) == 0
    result = json.loads(capsys.readouterr().out)
    assert any("states no date" in note and "--date" in note for note in result["assumptions"]), result["assumptions"]


CALL = """\
Nina: Hi Raj, thanks for making the time. I was thinking we'd spend ten minutes on how your team forecasts today, \
then I'll share what we've seen at similar companies, and we'll decide together if a next step makes sense. Does \
that work?
Raj: Sure, go ahead.
Nina: So how does the forecast come together today?
Raj: Every Monday the managers send me their numbers in a spreadsheet. Our CRM is heavily customised, though.
Nina: Would it make sense to get your RevOps lead on a call Thursday the 10th at 2pm to look at the mapping together?
Raj: Yes, let's do that. I'll invite Priya.
Nina: Great, I'll send the invite and a short agenda today.
"""


def test_a_calls_agenda_is_not_an_action_item_but_the_dated_step_the_buyer_accepts_is() -> None:
    m = review_transcript(CALL, "call", {"Nina": "rep", "Raj": "buyer"}, "call.txt")
    items = {a.text: a for a in m.action_items}
    # what the rep plans to do within this call is the call's structure, not something to follow up
    assert not any("ten minutes" in t or "share what we've seen" in t for t in items), list(items)
    step = next((a for t, a in items.items() if "Thursday the 10th at 2pm" in t), None)
    assert step is not None, list(items)
    assert step.owner == "Nina and Raj" and step.due and "10th" in step.due
    assert any("invite Priya" in t for t in items) and any("short agenda" in t for t in items), list(items)


def test_a_dated_step_the_other_person_turns_down_is_not_an_item() -> None:
    declined = CALL.replace("Raj: Yes, let's do that. I'll invite Priya.", "Raj: I can't do Thursday, to be honest.")
    m = review_transcript(declined, "call", {"Nina": "rep", "Raj": "buyer"}, "call.txt")
    assert not any("Thursday the 10th" in a.text for a in m.action_items), [a.text for a in m.action_items]


def _owned(text: str) -> list[tuple[str, str, str | None]]:
    m = review_transcript(text, "coaching", {"Rosa": "manager", "Eli": "rep"}, "1on1.txt")
    return [(a.text, a.owner_role or "", a.due) for a in m.action_items]


def test_an_instruction_with_a_fronted_deadline_is_the_rep_s_and_their_confirmation_joins_it() -> None:
    items = _owned(
        "Rosa: And by Thursday, please update the forecast notes for Kestrel.\n"
        "Eli: Will do, I'll update them by Thursday.\n"
    )
    assert len(items) == 1, items
    assert items[0][1] == "rep" and "forecast notes" in items[0][0] and items[0][2]


def test_a_request_accepted_with_sort_it_out_takes_the_reply_s_date() -> None:
    items = _owned("Rosa: Can you fix the contact roles on the Orbis deal?\nEli: Sure, I'll sort it out tomorrow.\n")
    assert len(items) == 1, items
    assert items[0][1] == "rep" and "contact roles" in items[0][0] and items[0][2] == "tomorrow"


def test_a_request_the_owner_does_as_they_answer_is_due_today() -> None:
    items = _owned("Rosa: Could you book a call with the Orbis IT team?\nEli: Booking it right now.\n")
    assert len(items) == 1, items
    assert items[0][1] == "rep" and items[0][2] == "today"


def _dated(text: str, day: dt.date) -> list[tuple[str, str, str | None]]:
    roles = {"Gwen": "manager", "Ari": "rep"}
    m = review_transcript(text, "coaching", roles, "1on1.txt")
    return [(a.text, a.owner, (lambda d: d.isoformat() if d else None)(parse_due(a.due, day))) for a in m.action_items]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the rep counters a request; the manager accepts the counter
        (
            "Gwen: Write up the Pallas loss review by Thursday.\nAri: Thursday's full. Could I do Friday?\n"
            "Gwen: Friday works.\n",
            "2026-12-11",
        ),
        # the manager counters the rep's own commitment, which the rep accepts
        (
            "Ari: I'll write up the Pallas loss review on Friday.\nGwen: Can we make it Wednesday?\n"
            "Ari: Sure, Wednesday then.\n",
            "2026-12-09",
        ),
        # a counter turned down leaves the first day
        (
            "Gwen: Let's review the Pallas loss together on Thursday.\nAri: Could we push it to Friday?\n"
            "Gwen: I'd rather keep Thursday, I'm out Friday.\nAri: Okay, Thursday it is.\n",
            "2026-12-10",
        ),
    ],
)
def test_a_day_moved_by_a_counter_proposal_is_the_day_agreed(text: str, due: str) -> None:
    items = _dated(text, dt.date(2026, 12, 8))
    assert len(items) == 1 and "pallas loss" in items[0][0].lower() and items[0][2] == due, items


def test_booking_the_moved_slot_is_not_an_item_of_its_own() -> None:
    text = (
        "Gwen: Let's rehearse the Pallas pitch on Friday.\nAri: Could we do Thursday morning?\n"
        "Gwen: Thursday morning, I'll put it in the calendar.\n"
    )
    items = _dated(text, dt.date(2026, 12, 8))
    assert [(owner, due) for _, owner, due in items] == [("Gwen and Ari", "2026-12-10")], items


def test_a_request_answered_with_another_task_is_not_moved_and_a_past_question_is_no_item() -> None:
    text = (
        "Gwen: Have you sent Pallas the order form?\nAri: Yes, it went out Monday.\n"
        "Gwen: Then chase their signatory on Thursday.\nAri: Will do, Thursday.\n"
    )
    items = _dated(text, dt.date(2026, 12, 8))
    assert [(owner, due) for _, owner, due in items] == [("Ari", "2026-12-10")], items


@pytest.mark.parametrize(
    "plan", ["I was going to rewrite the Pallas mutual plan.", "I'll rewrite the Pallas mutual plan."]
)
def test_the_day_given_in_answer_to_by_when_dates_the_plan_before_it(plan: str) -> None:
    text = f"Ari: {plan}\nGwen: Good. By when?\nAri: Thursday, I'd guess.\n"
    items = _dated(text, dt.date(2026, 12, 8))
    assert len(items) == 1 and "mutual plan" in items[0][0] and items[0][1:] == ("Ari", "2026-12-10"), items


def _seen(text: str, day: dt.date = dt.date(2026, 12, 8)) -> list[tuple[str, str, str | None, bool]]:
    """Each item as (text, owner, due date, vague), with the due date resolved against `day` (a Tuesday)."""
    m = review_transcript(text, "coaching", {"Gwen": "manager", "Ari": "rep"}, "moves.txt")
    return [
        (a.text, a.owner, (lambda d: d.isoformat() if d else None)(parse_due(a.due, day)), a.vague)
        for a in m.action_items
    ]


def test_news_that_the_meeting_moved_moves_the_item_to_the_new_day() -> None:
    seen = _seen(
        "Gwen: I'll join your Brisk discovery call on Wednesday.\n"
        "Ari: Their side pushed it to Friday.\n"
        "Gwen: Okay, Friday then, I'll join.\n"
    )
    assert seen == [("I'll join your Brisk discovery call on Wednesday", "Gwen", "2026-12-11", False)]


def test_a_counter_proposal_said_as_make_it_day_is_no_item_of_its_own() -> None:
    seen = _seen("Ari: I'll send you the Brisk forecast on Monday.\nGwen: Make it Thursday?\nAri: Yep, Thursday.\n")
    assert seen == [("I'll send you the Brisk forecast on Monday", "Ari", "2026-12-10", False)]


def test_a_count_negotiated_across_turns_is_one_item_with_the_settled_number() -> None:
    seen = _seen(
        "Gwen: How many demos can you book before the holidays?\n"
        "Ari: Three?\n"
        "Gwen: Let's say five, by Friday.\n"
        "Ari: Okay, five.\n"
    )
    assert [(t, o, d) for t, o, d, _ in seen] == [("Five demos by Friday", "Ari", "2026-12-11")]
    assert not _seen("Gwen: How many demos did you book last week?\nAri: Three.\n")  # about the past: no item


def test_a_when_question_naming_the_thing_becomes_the_item_dated_by_the_answer() -> None:
    seen = _seen(
        "Gwen: When will the Brisk renewal quote be ready?\n"
        "Ari: Thursday?\n"
        "Gwen: Could we do Wednesday? Legal meets Thursday.\n"
        "Ari: Wednesday works.\n"
    )
    assert seen == [("Have the Brisk renewal quote ready", "Ari", "2026-12-09", False)]
    assert not _seen("Gwen: When will the Brisk renewal quote be ready?\nAri: No idea, finance owns it.\n")


def test_it_in_the_answer_to_a_when_question_names_what_the_question_named() -> None:
    seen = _seen("Gwen: When can you send Brisk the signed NDA?\nAri: I'll send it Thursday.\n")
    assert seen == [("Send Brisk the signed NDA", "Ari", "2026-12-10", False)]


def test_a_when_question_about_something_else_does_not_date_the_plan_before_it() -> None:
    assert not _seen("Ari: I'd like to rework the Brisk proposal.\nGwen: When's their offsite?\nAri: Next Friday.\n")
    planned = _seen("Ari: I'd like to rework the Brisk proposal.\nGwen: When for?\nAri: Friday.\n")
    assert [(o, d) for _, o, d, _ in planned] == [("Ari", "2026-12-11")]


def test_a_count_talked_down_changes_the_items_count_and_text() -> None:
    m = review_transcript(
        "Gwen: Let's do five objection drills before Thursday.\nAri: Five's heavy. Four?\nGwen: Okay, four.\n",
        "coaching",
        {"Gwen": "manager", "Ari": "rep"},
        "drills.txt",
    )
    assert [(a.text, a.count, a.due) for a in m.action_items] == [
        ("Let's do four objection drills before Thursday", "four objection drills", "before Thursday")
    ]


@pytest.mark.parametrize("wish", ["I'd really like to hear four.", "I'd want to see four.", "We need four."])
def test_a_number_put_as_a_wish_settles_a_count_and_the_owner_s_day_dates_it(wish: str) -> None:
    seen = _seen(
        "Gwen: How many of your cold calls do you want to record?\n"
        "Ari: Maybe two?\n"
        f"Gwen: {wish}\n"
        "Ari: Okay, four. I'll record them by Friday.\n"
    )
    assert [(t.lower(), o, d, v) for t, o, d, v in seen] == [("four cold calls", "Ari", "2026-12-11", False)]


@pytest.mark.parametrize(
    "question",
    [
        "Where are you with the Brisk security questionnaire?",
        "How's the Brisk security questionnaire coming along?",
        "What's the status of the Brisk security questionnaire?",
    ],
)
def test_it_in_the_answer_to_a_status_question_names_what_the_question_asked_about(question: str) -> None:
    seen = _seen(f"Gwen: {question}\nAri: About half done. I'll finish it on Wednesday.\nGwen: Good.\n")
    assert seen == [("I'll finish the Brisk security questionnaire on Wednesday", "Ari", "2026-12-09", False)]


def test_it_after_a_question_that_asks_no_status_stays_flagged() -> None:
    seen = _seen("Gwen: Did Brisk reply to the security questionnaire?\nAri: Not yet. I'll chase it on Wednesday.\n")
    assert seen == [("I'll chase it on Wednesday", "Ari", "2026-12-09", True)]


CALL_ITEMS = """\
Ava (rep): Thanks both. Last time you said the Friday pipeline review eats your leads' afternoon. Still the main thing?
Noor (buyer): Yes, that's still it.
Ava (rep): Then I'll start with the Friday review, then show Leo where the numbers come from.
Leo (buyer): Sounds good.
Ava (rep): Here's the review board your leads would open on Friday.
Noor (buyer): Nice.
Ava (rep): Can we agree the trial goals by Tuesday and begin the trial on the 21st?
Noor (buyer): Tuesday works.
"""


def _call_items(text: str) -> list[tuple[str, str | None]]:
    roles = {"Ava (rep)": "rep", "Noor (buyer)": "buyer", "Leo (buyer)": "buyer"}
    m = review_transcript(text, "call", roles, "call.txt")
    return [(a.text, a.due) for a in m.action_items]


def test_the_calls_own_agenda_and_a_day_that_names_a_meeting_are_no_items() -> None:
    items = _call_items(CALL_ITEMS)
    assert not any("start with" in text.lower() for text, _ in items), items  # the agenda of this call
    dated = _call_items(
        CALL_ITEMS.replace("Then I'll start with", "I'll send the notes from").replace(", then show", " and show")
    )
    assert ("I'll send the notes from the Friday review and show Leo where the numbers come from", None) in dated


def test_a_proposed_step_accepted_by_naming_its_day_is_both_peoples_items_one_per_date() -> None:
    assert _call_items(CALL_ITEMS)[-2:] == [
        ("Agree the trial goals by Tuesday", "by Tuesday"),
        ("Begin the trial on the 21st", "on the 21st"),
    ]


# coach24: the speaker's own dated future with any verb, a number said with words after it, a commitment that closes a
# count talk, and a day put forward as better.
@pytest.mark.parametrize(
    ("reply", "item"),
    [
        ("Almost. I'll tidy it up on Wednesday.", "I'll tidy the Brisk onboarding plan up on Wednesday"),
        ("Getting there. I'll knock it out on Wednesday.", "I'll knock the Brisk onboarding plan out on Wednesday"),
    ],
)
def test_an_own_future_with_any_verb_and_a_day_is_an_item(reply: str, item: str) -> None:
    seen = _seen(f"Gwen: How far along is the Brisk onboarding plan?\nAri: {reply}\nGwen: Nice.\n")
    assert seen == [(item, "Ari", "2026-12-09", False)]


def test_a_dated_commitment_after_thanks_is_an_item_and_an_undated_future_state_is_not() -> None:
    seen = _seen(
        "Gwen: I'll get Priya from finance to check the Brisk margin tomorrow.\n"
        "Ari: Thank you. Meanwhile I'll let their buyer know today that pricing is coming.\n"
    )
    assert [(o, d) for _, o, d, _ in seen] == [("Gwen", "2026-12-09"), ("Ari", "2026-12-08")]
    assert not _seen("Gwen: Anything else?\nAri: I'll be at the Brisk offsite on Thursday.\n")


@pytest.mark.parametrize(
    "ask",
    [
        "I'd want at least four on the shortlist.",
        "I'd need four at the very least for the board pack.",
        "I'd be happier with four in the pipeline.",
    ],
)
def test_a_number_with_words_after_it_still_settles_the_count(ask: str) -> None:
    seen = _seen(
        "Gwen: How many partner intros can you set up this month?\n"
        "Ari: Two, honestly.\n"
        f"Gwen: {ask}\n"
        "Ari: Alright, four.\n"
    )
    assert [(t.lower(), o) for t, o, _, _ in seen] == [("four partner intros this month", "Ari")]


def test_a_dated_commitment_in_the_turn_that_agrees_the_count_dates_the_counted_item() -> None:
    seen = _seen(
        "Gwen: How many customer quotes can you collect for the Brisk deck?\n"
        "Ari: Maybe two.\n"
        "Gwen: Let's say three.\n"
        "Ari: Okay, three. I'll drop the quotes into the deck on Friday.\n"
    )
    assert [(t.lower(), o, d) for t, o, d, _ in seen] == [("three customer quotes", "Ari", "2026-12-11")]


@pytest.mark.parametrize(
    "counter",
    ["Thursday would be better, I'm out Wednesday.", "Thursday would suit me better.", "I'd rather Thursday."],
)
def test_a_day_put_forward_as_better_moves_the_item(counter: str) -> None:
    seen = _seen(f"Ari: I can have the Brisk ROI model to you Wednesday.\nGwen: {counter}\nAri: Sure, Thursday then.\n")
    assert seen == [("I can have the Brisk ROI model to you Wednesday", "Ari", "2026-12-10", False)]
    kept = _seen("Ari: I can have the Brisk ROI model to you Wednesday.\nGwen: Thursday is the board.\nAri: Okay.\n")
    assert [d for _, _, d, _ in kept] == ["2026-12-09"]
