"""Diagnostic questions read as a manager would ask them: about this rep's own moments, each frame once per brief,
the record told to the rep as "you", and what is at stake asked first."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.prep_cases import STAKES_DAY, case_store, obs

from copilot.prep import prepare_brief
from copilot.prep.brief import render_markdown
from copilot.prep.models import Evidence
from copilot.prep.questions import problem_with
from copilot.prep.rep_questions import read_moment, second_person
from copilot.records import Actor, Store, open_store
from copilot.settings import load_settings
from evals.suites.prep import _grams

TEAM = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"
TODAY = dt.date(2026, 11, 20)
ADMIN = Actor.local_admin()
KEY = "discovery-call.key-issue"
REPS = (
    "rep-tom-fischer",
    "rep-marcus-bell",
    "rep-sam-whitaker",
    "rep-dana-okafor",
    "rep-elena-vasquez",
    "rep-priya-nair",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    # a module fixture is built before the autouse isolated_env: its data folder is named here, or it would load the
    # demo team into the developer's own COPILOT_DATA_DIR
    s = open_store(load_settings(data_dir=tmp_path_factory.mktemp("questions-data")))
    s.load_team_file(ADMIN, TEAM, shift=False)
    yield s
    s.close()


def _diagnostic(store: Store, rep: str, today: dt.date = TODAY) -> list[str]:
    brief = prepare_brief(store, ADMIN, rep, store.kb, None, today=today)
    return [q.text for q in brief.questions if q.kind == "diagnostic"]


def _ask(question: str) -> str:
    """The question asked, without the moment stated before it."""
    return re.split(r"(?<=[.”:])\s+(?=[A-Za-z])", question.rstrip())[-1].lower()


def _records(store: Store, rep: str) -> set[tuple[str, ...]]:
    texts = [t for o in store.observations(ADMIN, rep) for t in o.evidence.values()]
    texts += [" ".join([s.notes, *s.agreements]) for s in store.sessions(ADMIN, rep)]
    texts += [a.text for a in store.action_items(ADMIN, rep)]
    return set().union(*map(_grams, texts), set())


def test_no_question_frame_is_asked_twice_in_one_brief(store: Store) -> None:
    for rep in REPS:
        questions = _diagnostic(store, rep)
        asks = [_ask(q) for q in questions]
        assert len(asks) == len(set(asks)), (rep, asks)
        for q in questions:  # built without the act reader, the frames still pass it
            assert problem_with(q, "", "") in (None, "generic: does not refer to the rep's evidence"), q


def test_every_diagnostic_question_names_something_only_this_reps_records_hold(store: Store) -> None:
    spans = {rep: _records(store, rep) for rep in REPS}
    for rep in REPS:
        others = set().union(*(g for r, g in spans.items() if r != rep))
        for q in _diagnostic(store, rep):
            assert _grams(q) & (spans[rep] - others), (rep, q)


def test_the_record_is_told_to_the_rep_as_you(store: Store) -> None:
    dana = _diagnostic(store, "rep-dana-okafor")
    assert any("you said “we have lots of happy customers”" in q for q in dana)
    assert not any("Dana said" in q for q in dana)
    marcus = _diagnostic(store, "rep-marcus-bell")  # the buyer's words get a question about hearing them
    assert any("“I only have twenty minutes”" in q and "when you heard that" in q for q in marcus)


def test_second_person_and_ambiguous_pronouns() -> None:
    assert second_person("Tom stayed silent; Elena answered. Tom's notes were empty.", "Tom") == (
        "You stayed silent; Elena answered. Your notes were empty."
    )
    ev = Evidence(id="o", date=TODAY, level=2, observer="manager", text="Nadia said she would check with her manager.")
    moment = read_moment(ev, "Nadia")
    assert moment.said == "" and "Nadia said she would" in moment.words  # quoted as written, not half converted


def test_an_improving_advanced_skill_starts_from_the_success(store: Store) -> None:
    elena = _diagnostic(store, "rep-elena-vasquez", dt.date(2026, 12, 5))
    skill = [q for q in elena if "close plan" in q]
    assert "What did you do differently that time?" in skill[0]


def test_what_is_at_stake_is_asked_first_from_its_records(stakes_store: Store) -> None:
    omar = _diagnostic(stakes_store, "rep-claims", STAKES_DAY)
    assert "guarantee 99 percent" in omar[0] and "which other buyers" in omar[0]
    ravi = _diagnostic(stakes_store, "rep-promise", STAKES_DAY)
    assert "“Hold list price on the renewal”" in ravi[0] and "18 percent" in ravi[0]


def test_a_good_moment_scored_below_good_is_not_asked_what_got_in_the_way(store: Store) -> None:
    # Tom's 6 November evidence praises two follow-up questions (scored Needs Work: they came late, once his mentor
    # paused); the question asks what worked and what was missing, not what went wrong
    tom = _diagnostic(store, "rep-tom-fischer", dt.date(2026, 12, 6))
    about = [q for q in tom if "two good follow-up questions" in q]
    assert about, tom
    assert not any(re.search(r"got in the way|went wrong|stopped you", _ask(q)) for q in about), about
    assert any("what went well" in _ask(q) or "what made that part work" in _ask(q) for q in about), about
    quoted_praise = Evidence(
        id="o", date=TODAY, level=2, observer="automatic", text="Said 'great, moving on' before the buyer replied."
    )
    assert read_moment(quoted_praise, "Tom").kind != "partial"  # praise in someone's quoted words is not an appraisal
    denied = Evidence(id="o", date=TODAY, level=2, observer="manager", text="Did not ask a good follow-up question.")
    assert read_moment(denied, "Tom").kind == "missed"


def test_quoted_records_do_not_carry_the_semicolon_they_were_cut_at(tmp_path: Path) -> None:
    case = {
        "id": "semi",
        "rep": {"name": "Lena Test"},
        "today": STAKES_DAY.isoformat(),
        "observations": [
            obs(
                30,
                KEY,
                2,
                "Heard the Orwell buyer buyer name a cost and moved to the demo without asking what it meant;",
            ),
            obs(12, KEY, 2, "Took 'fairly big' from the Kestle CFO as the answer;"),
        ],
        "sessions": [
            {"days_ago": 8, "notes": "Lena walked me through her key issue questions;  she knows the ladder by heart."}
        ],
    }
    s = case_store(tmp_path, [case])
    try:
        brief = prepare_brief(s, ADMIN, "rep-semi", s.kb, None, today=STAKES_DAY)
        text = render_markdown(brief)
    finally:
        s.close()
    assert "Orwell" in text and "Kestle" in text
    assert not re.search(r";\s*(?:[”\"’.?]|$)", text, re.M), text


def test_buyer_words_after_opened_or_closed_with_are_the_buyers_and_quotes_keep_their_apostrophes() -> None:
    buyer = Evidence(
        id="o",
        date=TODAY,
        level=2,
        observer="manager",
        text="The procurement director opened with 'let's get to the number'; Tom went along.",
    )
    m = read_moment(buyer, "Tom")
    assert (m.kind, m.quote) == ("buyer", "let's get to the number")
    own = Evidence(
        id="o", date=TODAY, level=2, observer="automatic", text="Ran out of time and closed with 'let's find a time'."
    )
    assert read_moment(own, "Tom").quote == "let's find a time"


def test_a_skill_nobody_has_observed_is_not_coached_beside_one_with_evidence(tmp_path: Path) -> None:
    case = {
        "id": "unseen",
        "rep": {"name": "Ida Test"},
        "today": STAKES_DAY.isoformat(),
        "observations": [
            obs(40, "discovery-call.agenda", 3, "Stated purpose, time and agenda for the Brill call."),
            obs(30, "demo.tailored", 1, "Ran the whole standard tour for the Brill team."),
            obs(16, "demo.tailored", 2, "Showed six modules the Fenn buyer never asked about."),
        ],
    }
    s = case_store(tmp_path, [case])
    try:
        brief = prepare_brief(s, ADMIN, "rep-unseen", s.kb, None, today=STAKES_DAY)
    finally:
        s.close()
    assert [f.criterion_id for f in brief.focus] == ["demo.tailored"]  # not also the never-observed insight story


def test_a_basic_back_at_good_after_two_misses_is_asked_first_what_changed(tmp_path: Path) -> None:
    case = {
        "id": "back",
        "rep": {"name": "Omid Test"},
        "today": STAKES_DAY.isoformat(),
        "observations": [
            obs(40, KEY, 2, "Heard the Tarrant buyer's churn problem and never asked what it cost them."),
            obs(25, KEY, 2, "Moved to the demo before the Osney buyer named who feels the delay."),
            obs(5, KEY, 3, "Got the Pelham CFO to put a number on late invoices: 40k a quarter."),
        ],
    }
    s = case_store(tmp_path, [case])
    try:
        brief = prepare_brief(s, ADMIN, "rep-back", s.kb, None, today=STAKES_DAY)
    finally:
        s.close()
    assert brief.focus[0].criterion_id == KEY and brief.focus[0].improving  # the policy still steps in: 2 of 3
    diagnostic = [q.text for q in brief.questions if q.kind == "diagnostic"]
    assert "Pelham" in diagnostic[0] and "differently that time" in diagnostic[0], diagnostic
    assert brief.priorities[0].title.startswith("Back at the threshold")


def test_the_reps_pronoun_is_read_from_notes_that_name_no_buyer() -> None:
    from copilot.prep.rep_questions import rep_pronoun

    notes = ["Felix told the ops lead it is free. Separately, I asked why he skips the recap; he did not know."]
    assert rep_pronoun(notes, "Felix") == "he"
    # a buyer's pronoun does not count: the sentence names the buyer
    assert rep_pronoun(["The buyer said she would sign."], "Ann") == ""


def test_a_recovered_skill_gets_two_questions_when_retention_needs_the_rest(store: Store) -> None:
    # Elena's close plan is back at Good on her latest call while her enterprise question is overdue: two questions on
    # the skill, and a second one on what she raised, not four on a skill she has just shown she can do
    elena = _diagnostic(store, "rep-elena-vasquez", dt.date(2026, 12, 7))
    assert len([q for q in elena if "close plan" in q or "close date" in q]) <= 2
    assert sum("settled" in q or "settle" in q for q in elena) >= 2 and 4 <= len(elena) <= 8


def test_a_brief_whose_only_skill_has_recovered_asks_about_the_misses_the_rep_is_fixing(store: Store) -> None:
    # Dana's proof is back at Good on her latest call; her clarifying miss, left with her, gets a question too
    dana = _diagnostic(store, "rep-dana-okafor", dt.date(2026, 11, 20))
    assert 4 <= len(dana) <= 8 and any("the timing is bad" in q for q in dana)
