"""Assembles the brief: records and rules decide, the model phrases questions, checks keep it honest."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from copilot.errors import RecordsError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel
from copilot.prep import plan
from copilot.prep.meetings import (
    one_question_per_deal,
    review_commitments,
    review_items,
    tie_to_focus,
    what_it_says_about_skills,
)
from copilot.prep.models import (
    MEETINGS,
    Brief,
    BriefAssignment,
    BriefQuestion,
    Evidence,
    Focus,
    LeaveWithRep,
    Priority,
    ReconcileItem,
    ReviewItem,
    RootCauseHypothesis,
)
from copilot.prep.questions import generate_questions
from copilot.prep.rep_questions import (
    built_questions,
    commitment_for,
    contradicts,
    fragment,
    live_deal_commitment,
    without_focus,
)
from copilot.prep.rootcause import diagnose
from copilot.prep.stakes import (
    Records,
    activity_outcomes,
    claims_in_deals,
    done_texts,
    priorities,
    repeats_a_claim,
    stake_questions,
    worked_questions,
)

MIN_DIAGNOSTIC, MAX_DIAGNOSTIC = 4, 8
RECOVERED_QUESTIONS = 2


@dataclass
class Decision:
    """Everything the records and rules decide, before any model call."""

    rep: Any
    meeting: str
    today: dt.date
    reconcile: list[ReconcileItem]
    focus: list[Focus]
    leave: list[LeaveWithRep]
    causes: list[RootCauseHypothesis]
    assignments: list[BriefAssignment]
    not_assigned: list[str]
    curated: list[BriefQuestion]
    shape: list[str]
    shape_ids: list[str]
    priorities: list[Priority]
    review: list[ReviewItem]
    decide_s: float


def decide(
    store: Any, actor: Any, rep_id: str, kb: KnowledgeBase, *, meeting: str = "one-on-one", today: dt.date | None = None
) -> Decision:
    """Reconcile, focus, root cause, assignments, curated questions and the meeting's shape: code only, no model."""
    if meeting not in MEETINGS:
        raise RecordsError(f"unknown meeting type {meeting!r}", fix=f"use one of: {', '.join(MEETINGS)}")
    today = today or dt.date.today()
    started = time.perf_counter()
    records = Records.read(store, actor, rep_id, today)
    rep = records.rep
    status = store.rep_status(actor, rep_id, today)
    reconcile = plan.reconcile(store, actor, rep_id, kb, today)
    done, failed = activity_outcomes(records, kb)
    # a gap still inside its window that the manager's notes since the window opened already take up
    raised: dict[str, Evidence] = {}
    for sk in status.self_correcting:
        early = plan.history_for(
            sk.criterion, kb, records.observations, records.sessions, rep.profile, rep_name=rep.name or ""
        )
        since = [n for n in early.notes if n.date and sk.window_started and n.date >= sk.window_started]
        if since:
            raised[sk.criterion] = since[-1]
    focus, leave = plan.focus_and_leave(status, raised)
    histories = [
        plan.history_for(
            f.criterion_id,
            kb,
            records.observations,
            records.sessions,
            rep.profile,
            records.assignments,
            set(failed),
            rep_name=rep.name or "",
        )
        for f in focus
    ]
    causes = [diagnose(h) for h in histories]
    open_activities = {a.activity for a in records.assignments if a.status != "done"}
    excellent = {s.criterion for s in status.skills() if s.latest is not None and s.latest.score >= 4}
    not_assigned: dict[str, str] = {}
    open_items = [(a.id, a.text) for a in records.action_items if a.status == "open" and a.owner == "rep"]
    overdue = {a.activity: a.due for a in records.assignments if a.status != "done" and a.due and a.due < today}
    assignments = plan.assignments_for(
        focus,
        causes,
        kb,
        open_activities,
        today,
        done,
        failed,
        excellent=excellent,
        not_assigned=not_assigned,
        overdue=overdue,
        open_items=open_items,
    )
    evidence = [e for f in focus for e in f.evidence]
    bank = [
        q
        for q in plan.curated_questions(
            focus,
            causes,
            kb,
            done_texts(records, kb),
            {kb.activities[a].kind for a in failed if a in kb.activities},
            practised={h.criterion_id for h in histories if h.completed},
            late={
                f.criterion_id
                for f in focus
                for a in overdue
                if a in kb.activities and f.criterion_id in kb.activities[a].criteria
            },
        )
        if not (q.kind == "diagnostic" and contradicts(q.text, evidence))
    ]
    first_name = rep.name.split()[0] if rep.name else ""
    review = what_it_says_about_skills(
        _review(store, actor, rep_id, meeting, today, records), status, {c: kb.criteria[c].title for c in kb.criteria}
    )
    if meeting == "pipeline-review":
        review = one_question_per_deal(tie_to_focus(review, focus, store.deals(actor, rep_id), today))
    deal_findings = (
        review_items("pipeline-review", store.deals(actor, rep_id), store.targets(actor, rep_id), today)
        if meeting == "one-on-one" and any(a.status == "open" and a.owner == "rep" for a in records.action_items)
        else []
    )
    ranked = priorities(records, kb, focus, review, deal_findings)
    review = claims_in_deals(review, ranked)
    # a deal, pipeline or forecast review spends its questions on the meeting's findings: one or two on the skill
    review_meeting = meeting != "one-on-one"
    skill_questions = functools.partial(
        built_questions,
        first_name,
        focus,
        causes,
        per_focus=(2 if len(focus) == 1 else 1) if review_meeting else (4 if len(focus) == 1 else 3),
        # questions quote only the notes that name the skill; the diagnosis reads every note about it
        notes=[
            [n for n in h.notes if plan.names_criterion(n.text, h.criterion_id, kb.criteria[h.criterion_id].title)]
            for h in histories
        ],
        pronoun=records.pronoun,
    )
    # a skill back at the threshold gets two questions: what changed, and will it hold; the rest go where the gap is
    built = skill_questions(recovered=RECOVERED_QUESTIONS)
    watched = [
        (sk.criterion, plan.evidence_of(sk.latest))
        for sk in [*status.self_correcting, *status.verify]
        if sk.latest is not None and sk.latest.evidence
    ]
    if not focus:
        built = without_focus(first_name, reconcile, [*watched, *_latest_success(records, kb)], today, records.pronoun)
    elif not review_meeting and all(f.improving for f in focus):
        # every skill in focus is back at the threshold: the rest of the meeting goes to what the rep owes and the
        # misses they are fixing alone, as when there is nothing to coach
        # (an activity's title is the catalogue's words, not this rep's: its overdue date is reconciled in section 1)
        owed = [r for r in reconcile if r.kind == "action_item"]
        rest = without_focus(first_name, owed, watched, today, records.pronoun)
        built += [q for q in rest if q.kind == "diagnostic" and q.criterion_id != "one-on-one.focus"]
    worked = worked_questions(records, kb) if meeting == "one-on-one" else []
    built = [*stake_questions(ranked, follow_ups=not review_meeting), *worked, *review_questions(review), *built]
    if focus and sum(q.kind == "diagnostic" for q in built) < MIN_DIAGNOSTIC:
        # nothing else on record to ask about: the recovered skill's own moments, before any bank question
        said = {q.text for q in built}
        more = [q for q in skill_questions() if q.text not in said]
        for q in more[: MIN_DIAGNOSTIC - sum(q.kind == "diagnostic" for q in built)]:
            # a follow-up goes straight after the question on the same record, not after another skill's
            same = [i for i, b in enumerate(built) if b.citations[:1] == q.citations[:1]]
            built.insert(same[-1] + 1 if same else len(built), q)
    committed = {q.criterion_id for q in bank if q.kind == "commitment"}
    extra: list[BriefQuestion] = []
    for a in assignments:
        if a.criterion_id not in committed:
            committed.add(a.criterion_id)
            extra.append(commitment_for(a))
    late = {
        f.criterion_id: a
        for f in focus
        for a in overdue
        if a in kb.activities and f.criterion_id in kb.activities[a].criteria
    }
    for f in focus:
        if f.criterion_id in late:  # the overdue work is the commitment to close on
            title = kb.activities[late[f.criterion_id]].title
            extra.append(
                BriefQuestion.from_records(
                    f"By what date will you finish the {title[0].lower()}{title[1:]}, and what do you need from me to "
                    "get it done?",
                    f.criterion_id,
                    [late[f.criterion_id]],
                    kind="commitment",
                )
            )
        elif f.criterion_id in not_assigned and " is under way " in not_assigned[f.criterion_id]:
            running = next(
                a
                for a in records.assignments
                if a.status != "done" and f"[{a.activity}] is under way" in not_assigned[f.criterion_id]
            )
            if running.activity in {c for q in extra for c in q.citations}:
                continue  # one activity in flight on two skills is one commitment
            title = kb.activities[running.activity].title
            extra.append(
                BriefQuestion.from_records(
                    f"When you have finished the {title[0].lower()}{title[1:]}"
                    + (f" (due {running.due.day} {running.due:%B})" if running.due else "")
                    + ", on which live call will you use it first, and what do you need from me?",
                    f.criterion_id,
                    [running.activity],
                    kind="commitment",
                )
            )
        elif f.criterion_id in not_assigned:
            names = {d.id: d.name for d in store.deals(actor, rep_id)}
            pointed = next(
                (c for r in review if r.criterion_id == f.criterion_id for c in r.citations[:1] if c in names), None
            )
            extra.append(live_deal_commitment(f, (names[pointed], pointed) if pointed else None))
    # a review closes on its own findings first (a dated step on the deals at risk, the call), then on the skill
    closing = [
        BriefQuestion.from_records(text, criterion, cites or [criterion], kind="commitment")
        for text, criterion, cites in review_commitments(
            meeting,
            review,
            store.deals(actor, rep_id),
            today,
            [(a.id, a.text, a.due) for a in records.action_items if a.status == "open" and a.owner == "rep"],
        )
    ]
    curated = [*closing, *built, *bank, *extra]
    shape, shape_ids = plan.meeting_shape(meeting, kb)
    return Decision(
        rep=rep,
        meeting=meeting,
        today=today,
        reconcile=reconcile,
        focus=focus,
        leave=leave,
        causes=causes,
        assignments=assignments,
        not_assigned=list(not_assigned.values()),
        curated=curated,
        shape=shape,
        shape_ids=shape_ids,
        priorities=ranked,
        review=review,
        decide_s=time.perf_counter() - started,
    )


MAX_REVIEW_QUESTIONS = 4
# With no deals on record, the meeting still starts from the rep's own account of them.
NO_DEALS_ASK = {
    "deal-review": "Which deal do you most want to review today, and what has the buyer done, not said, to move it?",
    "pipeline-review": "Which deals are you working today, and where will your next ones come from?",
    "forecast-review": "What do you expect to close this quarter, and what has each buyer done that says so?",
}
NO_DEALS_CRITERION = {"deal-review": "evidence", "pipeline-review": "coverage", "forecast-review": "rep-call"}


def review_questions(review: Sequence[ReviewItem]) -> list[BriefQuestion]:
    """The meeting's own questions (a slipped commit, a stuck stage, a coverage gap) asked before any skill's, the
    at-risk findings first, so a forecast review's questions are about the forecast."""
    asked = [r for r in review if r.question]
    asked.sort(
        key=lambda r: (
            0 if r.kind == "forecast_gap" else 1 if r.kind in ("deal", "stuck", "stale", "focus", "coverage") else 2
        )
    )
    return [BriefQuestion.from_records(r.question, r.criterion_id, r.citations) for r in asked[:MAX_REVIEW_QUESTIONS]]


def _latest_success(records: Records, kb: KnowledgeBase) -> list[tuple[str, Evidence]]:
    """The newest moment on record the rep did well (someone else observed it): something to build on."""
    for obs in sorted(records.observations, key=lambda o: o.date, reverse=True):
        if obs.observer == "self":
            continue
        for cid, text in obs.evidence.items():
            threshold = kb.criteria[cid].policy.threshold if cid in kb.criteria else 3
            if text and int(obs.scores.get(cid, 0)) >= threshold and not repeats_a_claim(text, records):
                level = int(obs.scores[cid])
                return [(cid, Evidence(id=obs.id, date=obs.date, level=level, observer=obs.observer, text=text))]
    return []


def _review(store: Any, actor: Any, rep_id: str, meeting: str, today: dt.date, records: Records) -> list[ReviewItem]:
    """The meeting's findings from the rep's deals; when there are none on record, the last review's own notes."""
    if meeting == "one-on-one":
        return []
    items = review_items(meeting, store.deals(actor, rep_id), store.targets(actor, rep_id), today)
    if items:
        return items
    earlier = [s for s in records.sessions if s.kind == meeting]
    if earlier:
        last = earlier[-1]
        return [
            ReviewItem(
                kind="no_data",
                text=f"No deals imported; the last {meeting.replace('-', ' ')} ({last.date}) noted: {last.notes}",
                citations=[last.id],
            )
        ]
    return [
        ReviewItem(
            kind="no_data",
            text="No deals on record for this rep: import the CRM export with "
            "`copilot deals import FILE.csv` (docs/records.md)",
            question=NO_DEALS_ASK[meeting],
            criterion_id=f"{meeting}.{NO_DEALS_CRITERION[meeting]}",
        )
    ]


def assemble(
    d: Decision,
    generated: list[BriefQuestion],
    notes: list[str],
    model: ChatModel | None,
    timings: dict[str, float],
) -> Brief:
    """The brief from the decision and whatever generated questions passed the checks, topped up from the bank."""
    questions = _merge(generated, d.curated, notes)
    citations = _citations(
        d.reconcile, d.focus, d.causes, questions, d.assignments, d.shape_ids, d.priorities, d.review
    )
    return Brief(
        rep={"id": d.rep.id, "name": d.rep.name, "profile": d.rep.profile},
        meeting=d.meeting,  # type: ignore[arg-type]
        today=d.today,
        priorities=d.priorities,
        review=d.review,
        reconcile=d.reconcile,
        focus=d.focus,
        leave_with_rep=d.leave,
        root_cause=d.causes,
        questions=questions,
        assignments=d.assignments,
        not_assigned=d.not_assigned,
        shape=d.shape,
        citations=citations,
        model=getattr(model, "name", "") if model is not None else "",
        notes=notes,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def prepare_brief(
    store: Any,
    actor: Any,
    rep_id: str,
    kb: KnowledgeBase,
    model: ChatModel | None,
    *,
    meeting: str = "one-on-one",
    today: dt.date | None = None,
) -> Brief:
    """A prep brief for one rep and one meeting type; without a model every question is curated."""
    d = decide(store, actor, rep_id, kb, meeting=meeting, today=today)
    timings = {"decide_s": d.decide_s}
    notes: list[str] = []
    generated: list[BriefQuestion] = []
    if model is not None and d.focus:
        started = time.perf_counter()
        generated, notes = generate_questions(model, d.rep.name, d.focus, d.causes)
        timings["model_s"] = time.perf_counter() - started
    return assemble(d, generated, notes, model, timings)


def _merge(generated: list[BriefQuestion], curated: list[BriefQuestion], notes: list[str]) -> list[BriefQuestion]:
    """4 to 8 diagnostic questions: the model's that passed the checks, then those built from this rep's records
    (what is at stake first), topped up from the question bank only while there are fewer than four, since a bank
    question is about the skill, not this rep; then commitments."""
    diagnostic = generated[:MAX_DIAGNOSTIC]
    seen = {q.text.lower() for q in diagnostic}
    for q in curated:
        if q.kind == "diagnostic" and q.source == "records" and q.text.lower() not in seen:
            if len(diagnostic) >= MAX_DIAGNOSTIC:
                break
            diagnostic.append(q)
            seen.add(q.text.lower())
    topped = 0
    for q in curated:
        if q.kind != "diagnostic" or q.source != "curated" or q.text.lower() in seen:
            continue
        if len(diagnostic) >= MIN_DIAGNOSTIC:
            break
        diagnostic.append(q)
        seen.add(q.text.lower())
        topped += 1
    if topped:
        notes.append(f"{topped} diagnostic question(s) from the question bank (curated)")
    commitments = {q.text.lower(): q for q in curated if q.kind == "commitment"}  # one activity on two skills: once
    return [*diagnostic, *commitments.values()]


def _citations(*groups: Any) -> list[str]:
    ids: list[str] = []
    reconcile, focus, causes, questions, assignments, shape_ids, priorities, review = groups
    ids += [r.id for r in reconcile]
    for f in focus:
        ids += [f.criterion_id, *[e.id for e in f.evidence]]
    for c in causes:
        ids += c.citations
    for q in questions:
        ids += q.citations
    ids += [a.activity_id for a in assignments]
    ids += [c for p in priorities for c in p.citations]
    ids += [c for r in review for c in r.citations]
    ids += shape_ids
    return list(dict.fromkeys(ids))


DRAFT_MARK = "_(draft, not yet checked)_"


def _sentence(text: str) -> str:
    """A record shown whole, ending as a sentence does (not on the semicolon it was written with)."""
    said = " ".join(text.split())
    if re.search(r"[.?!…][”\"']?$", said):
        return said
    return f"{fragment(said)}."


def render_markdown(brief: Brief, *, drafts: Sequence[str] | None = None, drafting: str = "") -> str:
    """The brief as a page a manager reads in five minutes.

    With `drafts` (while the model is still writing), section 4 shows the model's questions so far, each marked
    as a draft, under the `drafting` note, instead of the checked questions.
    """
    rep = brief.rep["name"]
    title = {
        "one-on-one": "1-on-1",
        "deal-review": "Deal review",
        "pipeline-review": "Pipeline review",
        "forecast-review": "Forecast review",
    }[brief.meeting]
    out = [f"# {title} prep: {rep} ({brief.today})", ""]
    if brief.priorities:
        out += ["## 0. What is at stake (raise in this order)"]
        out += [
            f"{n}. **{p.title}** ({p.kind}): {p.reason} [{', '.join(p.citations)}]"
            for n, p in enumerate(brief.priorities, 1)
        ]
        out.append("")
    asked = {q.text for q in brief.questions}
    if brief.review:
        out += [f"## {title}: what the records show"]
        told: set[str] = set()
        for r in brief.review:
            cites = f" [{', '.join(r.citations)}]" if r.citations else ""
            out.append(f"- {r.text}{cites}")
            if r.skills and r.skills not in told:  # the same skill's standing is said once, under its first finding
                told.add(r.skills)
                out.append(f"  - Skills: {r.skills}")
            if r.question and r.question not in asked:  # the rest are asked in section 4
                out.append(f"  - Ask: {r.question}" + (f" _({r.criterion_id})_" if r.criterion_id else ""))
        out.append("")
    out += ["## 1. Reconcile first"]
    out += [
        f"- {'**OVERDUE** ' if r.overdue else ''}{r.text} (owner {r.owner}, due {r.due}) [{r.id}]"
        for r in brief.reconcile
    ] or ["- Nothing open from earlier sessions."]
    out += ["", "## 2. Focus"]
    for f in brief.focus:
        out.append(f"- **{f.title}** [{f.criterion_id}] ({f.state.replace('_', ' ')}): {f.reason}")
        out += [
            f"  - {e.date} level {e.level} ({e.observer}) [{e.id}]: {_sentence(e.text)}" for e in f.evidence if e.text
        ]
    if not brief.focus:
        out.append("- No threshold crossed and no advanced skill ready: ask the rep what they want to work on.")
    if brief.leave_with_rep:
        out += ["", "**Leave with the rep** (watch, don't coach yet):"]
        by_reason: dict[str, list[LeaveWithRep]] = {}
        for item in brief.leave_with_rep:  # one line per reason: four skills of one demo are one thing to watch
            by_reason.setdefault(item.reason, []).append(item)
        out += [
            f"- {'; '.join(f'{i.title} [{i.criterion_id}]' for i in items)}: {reason}"
            for reason, items in by_reason.items()
        ]
    out += ["", "## 3. Root-cause hypotheses (confirm with the rep, don't assume)"]
    for c in brief.root_cause:
        out.append(f"- [{c.criterion_id}] **{c.category}**: {c.rationale}. Would be wrong if: {c.disproof}")
    if not brief.root_cause:
        out.append("- No skill to coach yet, so no hypothesis to test: listen for one in the rep's answers.")
    out += ["", "## 4. Ask (open questions)"]
    if drafts is not None:
        out += [drafting] if drafting else []
        out += [f"- {DRAFT_MARK} {text}" for text in drafts]
    else:
        out += [
            f"- {q.text} _({'; '.join([q.source, *([', '.join(q.citations)] if q.citations else [])])})_"
            for q in brief.questions
            if q.kind == "diagnostic"
        ] or ["- What do you most want to get better at over the next two weeks, and how can I help?"]
    out += ["", "## 5. Assign"]
    out += [f"- {a.title} [{a.activity_id}], due {a.due}: {a.rationale}" for a in brief.assignments]
    out += [f"- {why}." for why in brief.not_assigned]
    if not brief.assignments and not brief.not_assigned:
        out.append("- Nothing new.")
    out += ["", "## 6. Close with commitments"]
    out += [f"- {q.text} _({', '.join(q.citations)})_" for q in brief.questions if q.kind == "commitment"] or [
        "- Whatever the rep chooses to work on: how many times, by when, and what they need from you."
    ]
    out += ["", "## 7. Shape of the meeting"]
    out += [f"- {s}" for s in brief.shape]
    if brief.notes and drafts is None:  # while drafting, the notes would be about questions not shown yet
        out += ["", "_Notes: " + "; ".join(brief.notes) + "_"]
    return "\n".join(out) + "\n"
