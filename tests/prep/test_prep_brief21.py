"""What heldout13's misses and a manager's reading of the demo briefs showed (brief21): a rep who does it with a
buyer of no rank and misses it with every senior one has a confidence pattern; "nobody's saying he doesn't get the
product" rules knowledge out; a debrief's words that match a skill never observed for the rep do not send the note
there; a buyer's "his" is not turned into the rep's "your"; a clean commit says what its record holds for the signer;
one session's notes are quoted under one date."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from support.deals import deal as make_deal

from copilot.knowledge import KnowledgeBase
from copilot.prep import prepare_brief
from copilot.prep.meetings import forecast_review
from copilot.prep.models import Evidence
from copilot.prep.plan import history_for
from copilot.prep.rep_questions import _clause_to_you
from copilot.prep.rootcause import History, diagnose
from copilot.records import Actor, Store

D = dt.date(2026, 11, 1)


def _ev(i: str, days: int, level: int | None, text: str) -> Evidence:
    return Evidence(id=i, date=D + dt.timedelta(days=days), level=level, observer="manager", text=text)


GOOD_WITH_A_TEAM_LEAD = _ev("o1", 0, 3, "Asked the Bolton team lead who signs and got both names.")


def test_done_with_a_buyer_of_no_rank_and_missed_with_every_senior_one_is_confidence() -> None:
    misses = [
        _ev("o2", 20, 2, "Once the finance director joined, never asked who else approves."),
        _ev("o3", 35, 2, "Went along with the COO's timeline without asking who signs."),
    ]
    hypothesis = diagnose(History("negotiation.decision-process", 3, [GOOD_WITH_A_TEAM_LEAD, *misses], [], []))
    assert hypothesis.scores["confidence"] == 1.5
    # a senior buyer who is only in the room for one of the misses does not decide it
    mixed = [misses[0], _ev("o3", 35, 2, "Ran out of time and skipped the question on who signs.")]
    assert (
        diagnose(History("negotiation.decision-process", 3, [GOOD_WITH_A_TEAM_LEAD, *mixed], [], [])).scores[
            "confidence"
        ]
        == 0.0
    )


def test_the_senior_pattern_and_the_managers_note_outweigh_a_slip_and_a_miss_described() -> None:
    misses = [
        _ev("o2", 20, 2, "Once the finance director joined, never asked who else approves."),
        _ev("o3", 35, 2, "Went along with the COO's timeline without asking who signs."),
    ]
    note = _ev("s1", 37, None, "When the buyer's boss walks in she goes quiet and lets them run it.")
    found = diagnose(History("negotiation.decision-process", 3, [GOOD_WITH_A_TEAM_LEAD, *misses], [], [note]))
    assert found.category == "confidence"


def test_nobody_saying_he_does_not_get_it_rules_knowledge_out() -> None:
    never = [_ev("o1", 0, 2, "Ten minutes on the API; the buyer asked what it meant for them.")]
    note = _ev("s1", 10, None, "Nobody's saying he doesn't get the product. It's how he says it.")
    hypothesis = diagnose(History("demo.value-message", 3, never, [], [note]))
    assert hypothesis.scores["knowledge"] < 0 and hypothesis.category == "messaging"
    plain = _ev("s1", 10, None, "He doesn't get the product.")
    assert diagnose(History("demo.value-message", 3, never, [], [plain])).scores["knowledge"] > 0


def _notes(kb: KnowledgeBase, also_observed: dict[str, int]) -> list[str]:
    cid = "discovery-call.agenda"
    obs = [
        SimpleNamespace(
            id="o1", date=D, observer="manager", scores={cid: 2}, evidence={cid: "The Brackley MD ran the call."}
        )
    ]
    if also_observed:
        obs.append(SimpleNamespace(id="o0", date=D, observer="manager", scores=also_observed, evidence={}))
    text = "Stick a managing director on the line and he lets them drive, just nods along."
    session = SimpleNamespace(id="s1", date=D + dt.timedelta(days=3), notes=text, agreements=[])
    return [n.id for n in history_for(cid, kb, obs, [session], "steady", rep_name="Thorvald Quist").notes]


def test_a_debriefs_words_matching_a_skill_never_observed_still_debrief_the_miss(kb: KnowledgeBase) -> None:
    # "lets them drive" shares the demo skill's title ("Checks in and lets the buyer drive"); with no demo on record
    # the note is the debrief of the agenda miss, with one on record it may be about that skill instead
    assert _notes(kb, {}) == ["s1"]
    assert _notes(kb, {"demo.engagement": 3}) == []


def test_a_buyers_his_is_not_the_reps_your() -> None:
    said = _clause_to_you("The Brackley Freight MD opened with his own list and he followed it", "he")
    assert "your own list" not in said and "their own list" in said
    assert _clause_to_you("he opened with his own list", "he") == "you opened with your own list"


def test_a_clean_commit_says_what_its_record_holds_for_the_signer() -> None:
    today = dt.date(2026, 11, 20)
    deal = make_deal(next_step="Signature due 2026-12-10", evidence="Pricing agreed; signer is the CFO", as_of=today)
    line = next(i for i in forecast_review([deal], today) if i.kind == "deal")
    assert "“signer is the CFO”" in line.text and "signer or paperwork path" not in line.text


def test_one_sessions_notes_are_quoted_under_one_date(store: Store) -> None:
    admin = Actor.local_admin()
    brief = prepare_brief(store, admin, "rep-elena-vasquez", store.kb, None, today=dt.date(2026, 11, 20))
    retention = next(p for p in brief.priorities if p.kind == "retention")
    dated = [part.split(" notes: ")[0] for part in retention.reason.split("; ") if " notes: " in part]
    assert dated and len(dated) == len(set(dated))
