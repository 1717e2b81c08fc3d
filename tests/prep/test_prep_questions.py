"""Diagnostic questions read as a manager would ask them: about this rep's own moments, each frame once per brief,
the record told to the rep as "you", and what is at stake asked first."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.prep_cases import STAKES_DAY

from copilot.prep import prepare_brief
from copilot.prep.models import Evidence
from copilot.prep.questions import problem_with
from copilot.prep.rep_questions import read_moment, second_person
from copilot.records import Actor, Store, open_store
from copilot.settings import load_settings
from evals.suites.prep import _grams

TEAM = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"
TODAY = dt.date(2026, 11, 20)
ADMIN = Actor.local_admin()
REPS = (
    "rep-tom-fischer",
    "rep-marcus-bell",
    "rep-sam-whitaker",
    "rep-dana-okafor",
    "rep-elena-vasquez",
    "rep-priya-nair",
)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = open_store(load_settings())
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
