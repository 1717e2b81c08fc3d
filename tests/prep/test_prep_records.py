"""The brief reads every record: notes that rule out a cause, completed and failed work, what is at stake,
questions about this rep and no other, and dates written inside note texts that move with the rest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.prep_cases import STAKES_CASES, STAKES_DAY

from copilot.prep import prepare_brief, render_markdown
from copilot.prep.models import Evidence, Focus, RootCauseHypothesis
from copilot.prep.plan import assignments_for, focus_and_leave
from copilot.prep.rep_questions import contradicts
from copilot.prep.rootcause import History, diagnose
from copilot.records import Actor, Store, open_store
from copilot.records.teamfile.export import shift_text_dates
from copilot.settings import load_settings

TEAM = Path(__file__).resolve().parents[2] / "knowledge" / "demo_team" / "team.yaml"
TODAY = dt.date(2026, 11, 20)
ADMIN = Actor.local_admin()
D = dt.date(2026, 11, 1)


def _ev(i: str, level: int, text: str = "", days: int = 0) -> Evidence:
    return Evidence(id=i, date=D + dt.timedelta(days=days), level=level, observer="manager", text=text)


def test_notes_that_meet_the_knowledge_test_rule_knowledge_out() -> None:
    counted = [_ev("o1", 2, "answered before asking", 0), _ev("o2", 1, "offered a discount first", 10)]
    note = Evidence(
        id="s1",
        date=D,
        text="She explained the objection path perfectly; she jumps to solutions on impulse when a buyer sounds worried.",
    )
    without = diagnose(History("objection-handling.clarifies", 3, counted, [], []))
    assert without.category == "knowledge"  # never at the threshold, nothing else on record
    cause = diagnose(History("objection-handling.clarifies", 3, counted, [], [], context=[note]))
    assert cause.category == "skill" and "not knowledge" in cause.rationale and "s1" in cause.citations


def test_slipped_is_said_only_when_the_latest_observation_is_below() -> None:
    recovered = [
        _ev("o1", 3, "named two customers like them", 0),
        _ev("o2", 2, days=5),
        _ev("o3", 2, days=9),
        _ev("o4", 3, days=14),
    ]
    cause = diagnose(History("demo.proof", 3, recovered, [], []))
    assert "then slipped" not in cause.rationale and "inconsistent" in cause.rationale
    slipped = diagnose(History("demo.proof", 3, recovered[:3], [], []))
    assert "then slipped" in slipped.rationale


def test_a_bare_score_at_the_threshold_is_not_called_a_level_reached_then_lost() -> None:
    """A row scored across the board with nothing written for this criterion does not show the rep reached it."""
    bare = [_ev("o1", 3, days=0), _ev("o2", 2, "ended with no date", 5), _ev("o3", 2, "no invite sent", 9)]
    cause = diagnose(History("discovery-call.next-steps", 3, bare, [], []))
    assert cause.category == "skill"
    assert "then slipped" not in cause.rationale and "nothing written" in cause.rationale


def test_done_work_is_not_assigned_again_and_failed_work_changes_the_kind(store: Store) -> None:
    kb = store.kb
    focus = [Focus(criterion_id="demo.value-message", title="Value", state="intervene", reason="r")]
    causes = [RootCauseHypothesis(criterion_id="demo.value-message", category="messaging", rationale="", disproof="")]
    first = assignments_for(focus, causes, kb, set(), TODAY)
    assert first and len({a.activity_id for a in first}) == len(first)
    done = {first[0].activity_id}
    again = assignments_for(focus, causes, kb, set(), TODAY, done, {})
    assert first[0].activity_id not in {a.activity_id for a in again}
    failed_kind = kb.activities[first[0].activity_id].kind
    changed = assignments_for(focus, causes, kb, set(), TODAY, done, {first[0].activity_id: "ses-1"})
    assert changed and all(kb.activities[a.activity_id].kind != failed_kind for a in changed)
    assert "did not work (ses-1)" in changed[0].rationale


def test_questions_never_presuppose_what_the_evidence_denies(store: Store) -> None:
    no_agenda = [_ev("o1", 1, 'First words were "so how many reps do you have?" - no purpose, time check or agenda.')]
    assert contradicts("What happened right after you stated the agenda?", no_agenda)
    assert not contradicts("What happened right after you stated the agenda?", [_ev("o1", 3, "Stated the agenda.")])
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, today=TODAY)
    page = render_markdown(brief)
    assert "after you stated the agenda" not in page
    diagnostic = [q for q in brief.questions if q.kind == "diagnostic"]
    assert sum(q.source == "records" for q in diagnostic) >= 3
    assert any("I only have twenty minutes" in q.text for q in diagnostic)  # the buyer's own words, this rep only


def test_the_star_at_risk_is_a_retention_matter_first_and_her_excellent_skill_is_not_coached(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-elena-vasquez", store.kb, None, today=TODAY)
    assert brief.priorities[0].kind == "retention"
    assert "ai-elena-01-1" in brief.priorities[0].citations and "cancelled" in brief.priorities[0].reason
    assert "demo.proof" not in {f.criterion_id for f in brief.focus}  # latest Excellent
    assert "## 0. What is at stake" in render_markdown(brief)


def test_a_star_is_not_given_practice_that_is_mostly_what_she_already_does_excellently(store: Store) -> None:
    kb = store.kb
    title = "Agrees a mutual close plan"
    focus = [Focus(criterion_id="negotiation.mutual-plan", title=title, state="ready_to_coach", reason="r")]
    causes = [RootCauseHypothesis(criterion_id="negotiation.mutual-plan", category="skill", rationale="", disproof="")]
    assert "act-roleplay-negotiation" in {a.activity_id for a in assignments_for(focus, causes, kb, set(), TODAY)}
    excellent = {"negotiation.preparation", "negotiation.value-anchor", "negotiation.trades"}  # 3 of its other 4
    why: dict[str, str] = {}
    kept = assignments_for(focus, causes, kb, set(), TODAY, excellent=excellent, not_assigned=why)
    assert "act-roleplay-negotiation" not in {a.activity_id for a in kept}
    assert (
        "act-roleplay-negotiation" in why["negotiation.mutual-plan"]
        and "Trades concessions" in why["negotiation.mutual-plan"]
    )
    one = assignments_for(focus, causes, kb, set(), TODAY, excellent={"negotiation.trades"})  # 1 of 4: still fits
    assert "act-roleplay-negotiation" in {a.activity_id for a in one}
    elena = prepare_brief(store, ADMIN, "rep-elena-vasquez", store.kb, None, today=dt.date(2026, 12, 5))
    assert "act-roleplay-negotiation" not in {a.activity_id for a in elena.assignments}
    page = render_markdown(elena)
    assert page.index("Retention risk") < page.index("## 5. Assign")
    commit = [q.text for q in elena.questions if q.kind == "commitment"]
    assert commit and not any("roleplay" in q for q in commit)


def test_completed_work_is_not_assigned_or_committed_to_again(store: Store) -> None:
    for rep, done in [("rep-tom-fischer", "act-rehearse-and-lead"), ("rep-priya-nair", "act-lesson-discovery-map")]:
        brief = prepare_brief(store, ADMIN, rep, store.kb, None, today=TODAY)
        assert done not in {a.activity_id for a in brief.assignments}
    dana = prepare_brief(store, ADMIN, "rep-dana-okafor", store.kb, None, today=TODAY)
    assert not any("shortlist" in q.text for q in dana.questions if q.kind == "commitment")
    assert "act-proof-shortlist" not in {a.activity_id for a in dana.assignments}


def test_false_claims_and_broken_commitments_come_before_skill_gaps(stakes_store: Store) -> None:
    kinds = {}
    for case in STAKES_CASES:
        brief = prepare_brief(stakes_store, ADMIN, f"rep-{case['id']}", stakes_store.kb, None, today=STAKES_DAY)
        kinds[case["id"]] = [p.kind for p in brief.priorities]
    assert kinds["claims"][0] == "compliance"
    assert kinds["promise"][0] == "commitment"
    assert not {"retention", "compliance", "commitment"} & set(kinds["plain"])  # no false alarm


def test_dates_inside_note_texts_move_with_the_records() -> None:
    moved = shift_text_dates("Lead the 16 November call; report by 4 December 2026.", dt.timedelta(days=14), TODAY)
    assert moved == "Lead the 30 November call; report by 4 December 2026."
    assert shift_text_dates("due 28 December", dt.timedelta(days=7), TODAY) == "due 4 January"


def test_team_load_moves_the_note_dates(tmp_path: Path) -> None:
    s = open_store(load_settings(data_dir=tmp_path / "moved"))
    try:
        s.load_team_file(ADMIN, TEAM, today=dt.date(2026, 12, 4))
        tom = {x.id: x for x in s.sessions(ADMIN, "rep-tom-fischer")}
        assert "30 November call" in tom["ses-tom-03"].notes  # written as 16 November against the 20 November anchor
    finally:
        s.close()


def test_team_show_lists_reps_by_urgency_with_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    from copilot.cli.main import main

    assert main(["team", "load", "--today", "2026-11-20"]) == 0
    capsys.readouterr()
    assert main(["team", "show", "--today", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    order = [line.split()[0] for line in out.splitlines() if line.startswith("  rep-")]
    steps = {rep for rep in order if f"  {rep} " in out}
    assert order.index("rep-tom-fischer") < order.index("rep-priya-nair")  # steps in and verifies before "coach" only
    assert order[-1] == "rep-priya-nair" and steps
    assert "[obs-marcus-07]: First words after the greeting" in out  # the evidence the STEP IN line promises
    # what is at stake outranks skills: Elena's retention risk (cancelled 1-on-1s, the overdue career item) leads
    assert order[0] == "rep-elena-vasquez" and "AT STAKE retention" in out


def test_team_show_ranks_a_rep_whose_only_problem_is_a_false_claim_above_skill_gaps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from copilot.cli.main import main

    assert main(["team", "load", "--today", "2026-11-20"]) == 0
    claim = "Priya told the Dunmore COO we offer a money-back guarantee, which we do not."
    assert main(["note", "add", "--rep", "rep-priya-nair", "--text", claim, "--date", "2026-11-18"]) == 0
    capsys.readouterr()
    assert main(["team", "show", "--today", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    order = [line.split()[0] for line in out.splitlines() if line.startswith("  rep-")]
    # retention (Elena) first, then the false claim to a buyer, then every skill gap, step-ins included
    assert order[:2] == ["rep-elena-vasquez", "rep-priya-nair"]
    assert "AT STAKE compliance" in out and "money-back guarantee" in out
    assert main(["team", "show", "--today", "2026-11-20", "--json"]) == 0
    reps = json.loads(capsys.readouterr().out)["teams"][0]["reps"]
    assert [r["id"] for r in reps][:2] == order[:2] and reps[1]["at_stake"][0]["kind"] == "compliance"


def test_scorecard_starts_at_the_first_record_and_says_no_data_yet(capsys: pytest.CaptureFixture[str]) -> None:
    from copilot.cli.main import main

    assert main(["team", "load", "--today", "2026-11-20"]) == 0
    capsys.readouterr()
    assert main(["scorecard", "--today", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("scorecard 2026-09-01 .. ") and "None" not in out and "no data yet" in out


def test_up_and_down_is_inconsistent_not_reached_then_slipped() -> None:
    counted = [_ev("o1", 3, days=0), _ev("o2", 2, days=10), _ev("o3", 3, days=20), _ev("o4", 1, days=30)]
    cause = diagnose(History("objection-handling.clarifies", 3, counted, [], []))
    assert cause.category == "skill" and "then slipped" not in cause.rationale
    assert "inconsistent" in cause.rationale and {"o2", "o3", "o4"} <= set(cause.citations)


def test_finished_work_on_the_skill_rules_knowledge_out() -> None:
    counted = [_ev("o1", 2, "opened with the company history", 0), _ev("o2", 2, "skipped the story", 10)]
    assert diagnose(History("discovery-call.insight-story", 3, counted, [], [])).category == "knowledge"
    done = Evidence(id="asg-1", date=D + dt.timedelta(days=12), text="Two-minute insight story")
    cause = diagnose(History("discovery-call.insight-story", 3, counted, [], [], completed=[done]))
    assert cause.category == "skill" and "asg-1" in cause.citations and "Two-minute insight story" in cause.rationale


def test_work_in_flight_on_the_skill_is_finished_before_more_of_its_kind(store: Store) -> None:
    kb = store.kb
    focus = [Focus(criterion_id="demo.value-message", title="Value", state="intervene", reason="r")]
    causes = [RootCauseHypothesis(criterion_id="demo.value-message", category="messaging", rationale="", disproof="")]
    sprint = "act-messaging-fluency-sprint"
    got = assignments_for(focus, causes, kb, {sprint}, TODAY)
    assert len(got) == 1 and kb.activities[got[0].activity_id].kind != kb.activities[sprint].kind
    assert sprint in got[0].rationale


def test_an_action_item_and_the_assignment_it_names_are_one_line_to_reconcile(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, today=TODAY)
    lines = [r for r in brief.reconcile if "opening and closing drill" in r.text.lower()]
    assert len(lines) == 1 and lines[0].kind == "action_item" and "act-drill-agenda-opener" in lines[0].text


def test_the_buyers_doubt_is_not_the_reps_knowledge_and_jargon_is_messaging() -> None:
    counted = [
        _ev("o1", 2, "Called it 'bi-directional sync'; the buyer asked what that would change for her.", 0),
        _ev("o2", 3, "Clear link this time: 'your Friday afternoon back'.", 10),
        _ev("o3", 2, "Tied scoring to the slipped-deal problem, then kept going for three minutes.", 20),
        _ev("o4", 2, "Described as 'pipeline telemetry'; the buyer said she was not sure what that meant.", 30),
    ]
    cause = diagnose(History("discovery-call.solution-fit", 3, counted, [], []))
    assert cause.category == "messaging" and cause.scores["knowledge"] == 0
    knows = [_ev("o1", 2, "Knows the insight well but wrapped it in phrases like 'signal decay'.", 0)]
    assert diagnose(History("discovery-call.insight-story", 3, knows, [], [])).category != "knowledge"


def test_a_later_sentence_of_a_record_is_told_to_the_rep_and_a_short_tail_is_not_cut() -> None:
    from copilot.prep.rep_questions import _trimmed, told_on

    assert (
        told_on("3 May", "Used the insight. Read it word for word")
        == "On 3 May you used the insight. You read it word for word."
    )
    assert told_on("3 May", "With a CRO, fell back to screens") == "On 3 May with a CRO, you fell back to screens."
    long = " ".join(["word"] * 36)
    assert _trimmed(long) == long and _trimmed(" ".join(["word"] * 50)).endswith("…")


def test_skills_left_with_the_rep_for_one_reason_are_one_line(store: Store) -> None:
    page = render_markdown(prepare_brief(store, ADMIN, "rep-tom-fischer", store.kb, None, today=TODAY))
    leave = page.split("**Leave with the rep**", 1)[1].split("## 3.", 1)[0]
    demo = [line for line in leave.splitlines() if "[demo." in line]
    assert len(demo) == 1 and demo[0].count("[demo.") >= 2


def test_overdue_work_on_the_skill_is_settled_before_anything_new_is_assigned(store: Store) -> None:
    brief = prepare_brief(store, ADMIN, "rep-marcus-bell", store.kb, None, today=TODAY)
    agenda = [a for a in brief.assignments if a.criterion_id == "discovery-call.agenda"]
    assert not agenda and any(
        "act-drill-agenda-opener" in why and "settle it first" in why for why in brief.not_assigned
    )
    commits = [q.text for q in brief.questions if q.kind == "commitment"]
    assert any("finish the opening and closing drill" in q for q in commits)


def test_a_commitment_fits_the_kind_of_activity_and_an_answered_quote_is_the_buyers() -> None:
    from copilot.prep.models import BriefAssignment
    from copilot.prep.rep_questions import commitment_for, read_moment

    def ask(kind: str) -> str:
        a = BriefAssignment(
            activity_id="a", title="Demo storyboard", kind=kind, due=TODAY, rationale="", criterion_id="demo.proof"
        )
        return commitment_for(a).text

    assert ask("drill").startswith("How many times will you run the demo storyboard")
    assert ask("job_aid").startswith("On which of your calls") and "use the demo storyboard" in ask("job_aid")
    said = _ev("o1", 2, 'Answered "your competitor is cheaper" with a technical comparison.')
    assert read_moment(said, "Sam").kind == "buyer"


def test_a_second_clause_of_the_reps_own_is_joined_not_left_without_a_subject() -> None:
    from copilot.prep.rep_questions import _key_phrase, told_on

    said = told_on("2 May", "Stayed on the company problem; did not ask what it cost")
    assert said == "On 2 May you stayed on the company problem and did not ask what it cost."
    assert _key_phrase("you stayed on the company problem and did not ask what it cost") == "did not ask what it cost"


def test_a_confidence_gap_is_given_rehearsal_not_watching(store: Store) -> None:
    kb = store.kb
    for criterion in ("discovery-call.key-issue", "negotiation.decision-process"):
        focus = [Focus(criterion_id=criterion, title="t", state="intervene", reason="r")]
        causes = [RootCauseHypothesis(criterion_id=criterion, category="confidence", rationale="", disproof="")]
        got = assignments_for(focus, causes, kb, set(), TODAY)
        assert got and all(kb.activities[a.activity_id].kind in ("roleplay", "drill") for a in got)
        knowledge = [c.model_copy(update={"category": "knowledge"}) for c in causes]
        assert all(a.kind != "drill" for a in assignments_for(focus, knowledge, kb, set(), TODAY))


def test_an_open_action_item_on_the_skill_is_reconciled_not_doubled(store: Store) -> None:
    kb = store.kb
    focus = [Focus(criterion_id="discovery-call.key-issue", title="Key issue", state="intervene", reason="r")]
    causes = [RootCauseHypothesis(criterion_id="discovery-call.key-issue", category="skill", rationale="", disproof="")]
    item = ("ai-1", "Ask every buyer this week what the problem costs them personally")
    beside = assignments_for(focus, causes, kb, set(), TODAY, open_items=[item])
    assert len(beside) == 1 and "ai-1" in beside[0].rationale
    # an open item on another skill does not hold this one back
    other = ("ai-2", "Send the mutual close plan to the champion")
    assert len(assignments_for(focus, causes, kb, set(), TODAY, open_items=[other])) == 2


def _skill(criterion: str, score: int, state: str, threshold: int = 3) -> SimpleNamespace:
    point = SimpleNamespace(score=score, date=D, observation_id=f"obs-{criterion}", evidence="", observer="manager")
    return SimpleNamespace(
        criterion=criterion, title=criterion, reason="r", state=state, latest=point, recent=[point], misses=[],
        policy=SimpleNamespace(threshold=threshold),
    )  # fmt: skip


def _status(**groups: list[SimpleNamespace]) -> SimpleNamespace:
    names = ("intervene", "self_correcting", "verify", "ready_to_coach", "adopted")
    lists = {n: groups.get(n, []) for n in names}
    return SimpleNamespace(**lists, skills=lambda: [s for n in names for s in lists[n]])


def test_nothing_is_left_with_the_rep_when_every_skill_is_good_or_better() -> None:
    good = _status(ready_to_coach=[_skill("negotiation.trades", 3, "ready_to_coach")],
                   adopted=[_skill("demo.recap", 4, "adopted")])  # fmt: skip
    assert focus_and_leave(good) == ([], [])
    # one skill below Good elsewhere: the one at level is still watched
    mixed = _status(ready_to_coach=[_skill("negotiation.trades", 3, "ready_to_coach")],
                    verify=[_skill("demo.recap", 2, "verify")])  # fmt: skip
    assert {i.criterion_id for i in focus_and_leave(mixed)[1]} == {"negotiation.trades", "demo.recap"}
