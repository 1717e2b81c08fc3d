"""Root cause from what the notes say, not the score pattern alone: a rep who teaches the skill or does it flawlessly
off the call knows it; whether the rest is skill or confidence depends on what the notes say happens in the moment
(the clock and habit, or fear of the buyer); and a note about the skill counts though it never names the criterion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.prep_cases import case_store

from copilot.prep import prepare_brief
from copilot.prep.models import Evidence
from copilot.prep.plan import history_for
from copilot.prep.rootcause import History, diagnose
from copilot.records import Actor, open_store
from copilot.settings import load_settings
from evals.suites.prep import _deal_csvs

D = dt.date(2026, 11, 1)
NEVER_AT_GOOD = [
    Evidence(id="o1", date=D, level=2, observer="manager", text="Took 'a while' as the answer and moved on."),
    Evidence(id="o2", date=D + dt.timedelta(days=12), level=2, observer="manager", text="One question, then a pitch."),
]


def _cause(note: str) -> str:
    return diagnose(
        History("discovery-call.key-issue", 3, NEVER_AT_GOOD, [], [Evidence(id="s1", date=D, text=note)])
    ).category


def test_never_at_good_with_nothing_else_on_record_reads_as_knowledge() -> None:
    assert diagnose(History("discovery-call.key-issue", 3, NEVER_AT_GOOD, [], [])).category == "knowledge"


@pytest.mark.parametrize(
    ("note", "cause"),
    [
        (
            "She taught the question ladder to the new starters, but with ten minutes left she watches the clock and "
            "moves on.",
            "skill",
        ),
        (
            "He can run the whole ladder perfectly with me; on calls the old habit of pitching comes back before he "
            "notices.",
            "skill",
        ),
        (
            "She taught the ladder to the team last month but says pushing a buyer for a number feels rude and she is "
            "afraid they will hang up.",
            "confidence",
        ),
        (
            "He knows to ask what it costs, and asks every time when we practise; with a senior buyer he panics and "
            "lets it go.",
            "confidence",
        ),
    ],
)
def test_a_rep_who_teaches_or_does_it_flawlessly_is_not_a_knowledge_gap(note: str, cause: str) -> None:
    assert _cause(note) == cause


def test_a_rep_who_was_taught_it_is_not_said_to_know_it() -> None:
    assert _cause("She was taught the ladder in onboarding and never used it since.") == "knowledge"


def test_a_note_naming_the_activity_or_the_account_is_read_as_a_note_on_the_skill() -> None:
    store = open_store(load_settings())
    kb = store.kb
    cid = "negotiation.trades"
    obs = SimpleNamespace(
        id="o1",
        date=D,
        observer="manager",
        scores={cid: 2},
        evidence={cid: "The Tamsin Dairy CFO named a competitor and Noor dropped the price by 10 percent."},
    )

    def note(i: str, text: str) -> SimpleNamespace:
        return SimpleNamespace(id=i, date=D, notes=text, agreements=[])

    sessions = [
        note("s1", "The trade drill did not stick."),  # names the activity that builds the skill
        note("s2", "On the Tamsin call she froze."),  # names the account where the skill was observed
        note("s3", "Noor is on holiday next week."),  # the rep's own name is no account
    ]
    history = history_for(cid, kb, [obs], sessions, "steady", rep_name="Noor Haddad")
    store.close()
    assert [n.id for n in history.notes] == ["s1", "s2"]


def test_a_1_on_1_leads_with_an_overdue_pipeline_promise_the_deals_show_unkept(tmp_path: Path) -> None:
    case = {
        "id": "stuck",
        "rep": {"name": "Ada Test"},
        "today": "2026-12-04",
        "observations": [
            {
                "days_ago": d,
                "interaction": "discovery-call",
                "scores": {"discovery-call.key-issue": 2},
                "evidence": {"discovery-call.key-issue": text},
            }
            for d, text in ((30, "Took 'it is painful' as the answer."), (12, "Never asked what the delay costs."))
        ],
        "sessions": [
            {
                "days_ago": 20,
                "kind": "pipeline-review",
                "notes": "Most deals sit in stage 2.",
                "action_items": [
                    {"text": "Qualify out or advance every stage-2 deal older than 60 days", "due_in_days": -5}
                ],
            }
        ],
        "deals": [
            {"name": f"Acme {i}", "stage": 2, "amount": 20000, "close_in_days": 60, "stage_days_ago": 80}
            for i in range(4)
        ],
    }
    store = case_store(tmp_path, [case])
    for path in _deal_csvs([case], tmp_path):
        store.import_deals_csv(Actor.local_admin(), path)
    brief = prepare_brief(store, Actor.local_admin(), "rep-stuck", store.kb, None, today=dt.date(2026, 12, 4))
    store.close()
    assert brief.priorities[0].kind == "commitment" and "stage-2" in brief.priorities[0].title


def test_the_notes_account_of_the_moment_overrules_a_slip_in_the_scores() -> None:
    slipped = [
        Evidence(id="o1", date=D, level=3, observer="manager", text="Asked for a dated review and got it."),
        Evidence(id="o2", date=D + dt.timedelta(days=10), level=2, observer="manager", text="Ended on 'we'll see'."),
        Evidence(id="o3", date=D + dt.timedelta(days=20), level=2, observer="manager", text="No next step asked."),
    ]
    assert diagnose(History("objection-handling.advances", 3, slipped, [], [])).category == "skill"
    note = Evidence(id="s1", date=D, text="Since the move to enterprise she freezes when a COO joins the call.")
    assert diagnose(History("objection-handling.advances", 3, slipped, [], [note])).category == "confidence"
