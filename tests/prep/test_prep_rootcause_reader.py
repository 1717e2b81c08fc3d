"""The root cause read from the manager's notes by the learned rootcause head as well as the cue word lists: a note
sentence no cue speaks to is read by the head ("he could run one tomorrow if he cared to" is will), a cue stands where
it speaks (it knows the buyer's worry from the rep's), a call's evidence is read by the cues alone, a cue inside a
denied cause ("it's not that she doesn't know") does not count, and a tie goes to the cause the head reads more
strongly. Without the embedder the cues alone decide, as before."""

from __future__ import annotations

import datetime as dt

from copilot.prep.models import Evidence
from copilot.prep.rootcause import CUES, History, _cue_hits, diagnose, read_cause

D = dt.date(2026, 11, 1)


def _ev(i: str, days: int, level: int | None, text: str) -> Evidence:
    return Evidence(id=i, date=D + dt.timedelta(days=days), level=level, observer="manager", text=text)


# Excellent once, below since: the scores alone say "reached it, then slipped" (skill)
SLIPPED = [
    _ev("o1", 0, 4, "Opened the call with a purpose and three topics; the buyer added one."),
    _ev("o2", 20, 2, "Straight into small talk, no purpose stated."),
    _ev("o3", 40, 2, "No agenda; the buyer left before pricing."),
]


SHORTHAND = "He just doesn't want to do them for renewals."


def test_the_head_reads_a_choice_no_cue_lists_as_will() -> None:
    found = read_cause(SHORTHAND)
    assert found is not None and found[0] == "will"
    note = _ev("s1", 45, None, SHORTHAND)
    assert diagnose(History("discovery-call.agenda", 3, SLIPPED, [], [note])).category == "will"


def test_without_the_reader_the_same_shorthand_is_read_by_the_score_pattern(no_reader: None) -> None:
    note = _ev(
        "s1", 45, None, "Says agendas are for first meetings only, so he has simply dropped them with his old accounts."
    )
    assert read_cause(note.text) is None
    assert diagnose(History("discovery-call.agenda", 3, SLIPPED, [], [note])).category == "skill"


def test_a_cue_stands_where_it_speaks_the_buyers_worry_is_not_the_reps_fear() -> None:
    never = [
        _ev("o1", 0, 2, "Answered before asking what the worry was."),
        _ev("o2", 14, 2, "Pitched the plan at once."),
    ]
    note = _ev(
        "s1",
        20,
        None,
        "She explained the objection path perfectly. She knows she should ask first but jumps to solutions on impulse "
        "the moment a buyer sounds worried.",
    )
    assert diagnose(History("objection-handling.clarifies", 3, never, [], [note])).category == "skill"


def test_a_calls_evidence_is_read_by_the_cues_alone() -> None:
    evidence = [_ev("o1", 0, 2, "Could have booked the date; he said he could not be asked to chase them.")]
    assert _cue_hits(evidence, CUES, frozenset())["will"] == []
    plain = [_ev("o2", 0, 2, "With accounts he has known for years he has decided to leave it out.")]
    assert all(not ids for ids in _cue_hits(plain, CUES, frozenset()).values())
    assert _cue_hits(plain, CUES, frozenset({"o2"}))["will"] == ["o2"]


def test_a_cue_inside_a_denied_cause_does_not_count() -> None:
    note = [_ev("s1", 0, None, "It's not that she doesn't know the ladder; on calls she stops after one rung.")]
    assert _cue_hits(note, CUES, frozenset())["knowledge"] == []
    plain = [_ev("s2", 0, None, "She doesn't know the ladder yet.")]
    assert _cue_hits(plain, CUES, frozenset())["knowledge"] == ["s2"]


def test_a_tie_goes_to_the_cause_the_head_reads_more_strongly() -> None:
    misses = [
        _ev("o1", 10, 2, "Thanked the CEO and hung up."),
        _ev("o2", 30, 2, "Left the MD call with nothing in the diary."),
    ]
    note = _ev(
        "s1",
        35,
        None,
        "She books the next meeting with team leads without a second thought. With a chief executive she feels it is "
        "presumptuous to ask for their diary and she clams up.",
    )
    assert diagnose(History("demo.next-steps", 3, misses, [], [note])).category == "confidence"
