"""Handlers of the practice programme as plain functions: review AI scores, certifications, calibration and the
daily drill. They call the use cases in copilot.app.practice (as `copilot reviews|certify|calibrate|drill` do) and
render what they return as tables and Markdown."""

from __future__ import annotations

import pandas as pd

from copilot.app import practice as use
from copilot.errors import RecordsError
from copilot.knowledge.schema import LEVEL_BY_SCORE
from copilot.records.access import Actor
from copilot.records.certification import CertStatus, CertView, level_text
from copilot.records.inputs import parse_date
from copilot.records.practice_card import PracticeCard
from copilot.records.score_review import ReviewSubject
from ui.context import UIContext

QUEUE_COLUMNS = ["kind", "date", "rep", "scenario or call", "state", "id"]
CRITERIA_COLUMNS = ["criterion", "AI level", "approved level", "evidence", "changed by", "reason"]
CERT_COLUMNS = ["certification", "rep", "status", "rules", "scenarios passed", "attempts used", "due", "why"]
LEVEL_CHOICES = [(f"{lv.score} {lv.label}", str(lv.score)) for lv in LEVEL_BY_SCORE.values()]


def _key(kind: str, subject_id: str) -> str:
    return f"{kind}:{subject_id}"


def split_key(key: str | None) -> tuple[str, str]:
    """`roleplay:rp-…` as (kind, id), or say what to pick."""
    kind, sep, sid = (key or "").partition(":")
    if not sep or not sid:
        raise RecordsError("no scored attempt picked", fix="pick one in the list of scores to review")
    return kind, sid


def review_queue(ctx: UIContext, actor: Actor) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Scores the actor may review, awaiting approval first, with the choices for the picker."""
    items = use.review_queue(ctx.app, actor)
    frame = pd.DataFrame(
        [
            {
                "kind": "roleplay" if i.kind == "roleplay" else "reviewed call",
                "date": i.date.isoformat(),
                "rep": i.rep_id,
                "scenario or call": i.what,
                "state": f"approved v{i.version}" if i.approved else "awaiting review",
                "id": i.id,
            }
            for i in items
        ],
        columns=QUEUE_COLUMNS,
    )
    mark = {True: "✓", False: "•"}
    choices = [(f"{mark[i.approved]} {i.date:%d %b} {i.rep_id} · {i.what}", _key(i.kind, i.id)) for i in items]
    return frame, choices


def subject_md(subject: ReviewSubject) -> str:
    """Heading and audit trail of a scored attempt."""
    state = f"approved, version {subject.version}" if subject.approved else "awaiting review (version 0)"
    lines = [f"### {subject.rep_id} · {subject.what} · {subject.date:%d %b %Y} · {state}"]
    if subject.history:
        lines += ["", "**Audit trail**"]
        for r in subject.history:
            moved = (
                "; ".join(f"`{c.criterion}` {c.before}→{c.level} ({c.reason})" for c in r.changes) or "approved as is"
            )
            lines.append(f"- v{r.version} · {r.reviewer_id} · {r.reviewed_at:%Y-%m-%d %H:%M} UTC · {moved}")
    return "\n".join(lines)


def criteria_frame(subject: ReviewSubject) -> pd.DataFrame:
    """Per criterion: the AI's level, the approved one and the quoted evidence."""
    return pd.DataFrame(
        [
            {
                "criterion": c.criterion,
                "AI level": c.ai_level,
                "approved level": c.level,
                "evidence": c.evidence,
                "changed by": c.changed_by or "",
                "reason": c.reason,
            }
            for c in subject.criteria
        ],
        columns=CRITERIA_COLUMNS,
    )


def open_score(ctx: UIContext, actor: Actor, key: str | None) -> tuple[str, pd.DataFrame, int, list[str]]:
    """The picked score: heading and audit trail, criteria with evidence, the version seen, the criteria ids."""
    if not key:
        return "_Pick a score to review._", criteria_frame(_empty()), 0, []
    kind, sid = split_key(key)
    subject = use.score_for_review(ctx.app, actor, kind, sid)
    return subject_md(subject), criteria_frame(subject), subject.version, [c.criterion for c in subject.criteria]


def _empty() -> ReviewSubject:
    import datetime as dt

    return ReviewSubject(
        kind="roleplay", id="", rep_id="", date=dt.date.min, what="", version=0, approved=False, criteria=[]
    )


def approve(
    ctx: UIContext,
    actor: Actor,
    key: str | None,
    seen: int | None,
    criterion: str | None,
    level: str | None,
    reason: str,
) -> str:
    """Approve the score as seen, with at most one changed criterion per press (repeat for more)."""
    kind, sid = split_key(key)
    changes = {criterion: (level, reason or "")} if criterion and level else {}
    done = use.approve(ctx.app, actor, kind, sid, seen_version=int(seen or 0), changes=changes)
    moved = done.history[-1].changes
    what = "; ".join(f"{c.criterion} {c.before}→{c.level}" for c in moved) or "levels approved as the AI scored them"
    return f"Approved version {done.version}: {what}."


# ---- certifications -----------------------------------------------------------------------------------


def cert_md(cert: CertView, kb_titles: dict[str, str]) -> str:
    """What a certification requires, as a rep reads it."""
    r = cert.rules
    lines = [f"#### {cert.title} (`{cert.id}`, rules v{cert.version})"]
    lines.append("- Pass each scenario: " + "; ".join(kb_titles.get(s, s) for s in r.scenarios))
    lines.append(f"- Every scored step at **{level_text(r.min_level)}** or better")
    lines += [f"- `{c}` at **{level_text(lv)}** or better" for c, lv in sorted(r.levels.items())]
    lines.append(f"- {r.attempts} attempt(s) per scenario" + (f" · due **{r.due:%d %b %Y}**" if r.due else ""))
    return "\n".join(lines)


def status_md(st: CertStatus, kb_titles: dict[str, str]) -> str:
    """Where one rep stands on one certification."""
    label = st.status.replace("_", " ").upper()
    lines = [f"**{st.title}: {label}** — {st.reason}"]
    for p in st.scenarios:
        title = kb_titles.get(p.scenario, p.scenario)
        if p.passed_by:
            lines.append(f"- ✓ {title}: passed by attempt `{p.passed_by}` on {p.passed_on:%d %b}")
        else:
            gaps = ", ".join(f"`{g.criterion}` {level_text(g.level)} (needs {g.required})" for g in p.gaps)
            lines.append(
                f"- {title}: {p.attempts_used} of {p.attempts_allowed} attempts used"
                + (f"; below the bar last time: {gaps}" if gaps else "")
            )
    return "\n".join(lines)


def rep_certifications(ctx: UIContext, actor: Actor, rep_id: str | None) -> str:
    """The rep's page: what each certification requires and where they stand."""
    if not rep_id:
        return "_Pick a rep._"
    titles = use.scenario_titles(ctx.app)
    certs = {c.id: c for c in use.certifications(ctx.app, actor)}
    mine = use.certification_status(ctx.app, actor, ctx.today(), rep=rep_id)
    if not mine:
        return "_No certification applies to you yet._"
    out = []
    for st in mine:
        out += [
            cert_md(certs[st.certification_id], titles) if st.certification_id in certs else "",
            status_md(st, titles),
            "",
        ]
    return "\n\n".join(x for x in out if x)


def team_certifications(ctx: UIContext, actor: Actor, team_id: str | None) -> pd.DataFrame:
    """The manager's team view: one row per rep and certification."""
    if not team_id:
        return pd.DataFrame(columns=CERT_COLUMNS)
    rows = [
        {
            "certification": st.title,
            "rep": st.rep_name,
            "status": st.status.replace("_", " "),
            "rules": f"v{st.version}",
            "scenarios passed": f"{sum(1 for p in st.scenarios if p.passed_by)}/{len(st.scenarios)}",
            "attempts used": sum(p.attempts_used for p in st.scenarios),
            "due": st.due.isoformat() if st.due else "",
            "why": st.reason,
        }
        for st in use.team_certification_status(ctx.app, actor, team_id, ctx.today())
    ]
    return pd.DataFrame(rows, columns=CERT_COLUMNS)


def define_certification(
    ctx: UIContext,
    actor: Actor,
    cert_id: str,
    title: str,
    scenarios: list[str] | None,
    level: str | None,
    attempts: float | None,
    due: str,
    team: str | None,
) -> str:
    """Create a certification or a new version of its rules."""
    cert = use.define_certification(
        ctx.app,
        actor,
        cert_id or "",
        title=title or "",
        scenarios=scenarios or [],
        level=level or "good",
        attempts=int(attempts or 0),
        due=parse_date(due, "due date") if (due or "").strip() else None,
        team=team,
    )
    return f"Saved.\n\n{cert_md(cert, use.scenario_titles(ctx.app))}"


def certification_list(ctx: UIContext, actor: Actor) -> str:
    """Every certification the actor may see."""
    titles = use.scenario_titles(ctx.app)
    certs = use.certifications(ctx.app, actor)
    return "\n\n".join(cert_md(c, titles) for c in certs) or "_No certifications yet._"


def practice_md(card: PracticeCard) -> str:
    """The scorecard's practice section."""
    out = ["### Practice programme"]
    if card.reviews is not None:
        r = card.reviews
        share = f"{r.rate:.0%}" if r.rate is not None else "—"
        out.append(
            f"**AI scores changed by a human:** {r.changed} of {r.reviewed} levels ({share}) in {r.subjects} approved scores"
        )
        if r.criteria:
            out += ["", "| criterion | changed | reviewed | share |", "| --- | --- | --- | --- |"]
            out += [
                f"| `{c.criterion}` | {c.changed} | {c.reviewed} | {f'{c.rate:.0%}' if c.rate is not None else '—'} |"
                for c in r.criteria
            ]
    if card.certifications:
        out += [
            "",
            "**Certifications** (reps per state)",
            "",
            "| certification | team | not started | in progress | passed | failed | overdue |",
        ]
        out.append("| --- | --- | --- | --- | --- | --- | --- |")
        for s in card.certifications:
            c = s.counts
            out.append(
                f"| {s.certification_id} | {s.team_id} | {c['not_started']} | {c['in_progress']} | {c['passed']} | "
                f"{c['failed']} | {c['overdue']} |"
            )
    if card.agreement:
        out += [
            "",
            "**Calibration agreement** (Krippendorff's alpha, ordinal; 1 = managers score alike, 0 = chance)",
            "",
        ]
        out += ["| date | session | raters | alpha |", "| --- | --- | --- | --- |"]
        out += [
            f"| {p.date} | {p.title} | {p.raters} | {f'{p.alpha:.2f}' if p.alpha is not None else '—'} |"
            for p in card.agreement
        ]
    if card.drills:
        out += ["", "**Daily drills, last 28 days** (practice frequency)", ""]
        out += ["| who | drills | days | per week | last |", "| --- | --- | --- | --- | --- |"]
        out += [f"| {d.name} | {d.drills} | {d.days} | {d.per_week} | {d.last or '—'} |" for d in card.drills]
    return "\n".join(out) if len(out) > 1 else ""


# ---- calibration --------------------------------------------------------------------------------------


def calibration_choices(ctx: UIContext, actor: Actor) -> list[tuple[str, str]]:
    """Sessions the actor runs or rates, newest first."""
    return [
        (f"{v.title} · {v.status} · {len(v.submitted)}/{len(v.participants)} submitted", v.id)
        for v in use.calibrations(ctx.app, actor)
    ]


def calibration_md(ctx: UIContext, actor: Actor, session_id: str | None) -> str:
    """The interaction while blind; where raters agree and differ once the actor has submitted."""
    if not session_id:
        return "_Pick a calibration session._"
    v = use.calibration(ctx.app, actor, session_id)
    out = [f"### {v.title} ({v.status})", f"{v.subject_kind} `{v.subject_id}` · {v.what}"]
    out.append(f"Raters: {', '.join(v.participants)} · submitted: {', '.join(v.submitted) or 'nobody yet'}")
    if v.results is None:
        out += ["", "**The interaction** (score it before you see anyone else's levels)", ""]
        out += [f"- **{t['speaker']}**: {t['text']}" for t in v.transcript]
        out += [f"- `{c}`: {note}" for c, note in v.evidence.items()]
        out += ["", "**Score every criterion:** " + ", ".join(f"`{c}` ({v.titles.get(c, c)})" for c in v.criteria)]
        return "\n".join(out)
    r = v.results
    alpha = f"{r.alpha:.2f}" if r.alpha is not None else "undefined (fewer than two raters, or no variation)"
    out += ["", f"**Agreement (Krippendorff's alpha, ordinal):** {alpha} over {r.raters} rater(s)", ""]
    raters = sorted({u for c in r.criteria for u in c.levels})
    out.append("| criterion | " + " | ".join(raters) + " | consensus | spread | AI | agreed |")
    out.append("| --- " * (len(raters) + 5) + "|")
    for c in r.criteria:
        cells = " | ".join(str(c.levels.get(u, "—")) for u in raters)
        out.append(f"| {c.title} | {cells} | {c.consensus} | {c.spread} | {c.ai_level or '—'} | {c.agreed or ''} |")
    out += ["", "| rater | at consensus | off consensus (mean) | off the AI (mean) |", "| --- | --- | --- | --- |"]
    out += [
        f"| {x.user_id} | {x.exact_with_consensus:.0%} | {x.vs_consensus:.2f} | "
        f"{f'{x.vs_ai:.2f}' if x.vs_ai is not None else '—'} |"
        for x in r.comparisons
    ]
    return "\n".join(out)


def submit_calibration(ctx: UIContext, actor: Actor, session_id: str | None, levels: str) -> str:
    """Submit the rater's levels; the results show after."""
    if not session_id:
        return "_Pick a calibration session._"
    use.submit_calibration(ctx.app, actor, session_id, use.criterion_levels(levels))
    return calibration_md(ctx, actor, session_id)


def start_calibration(ctx: UIContext, actor: Actor, kind: str | None, subject: str, title: str) -> str:
    """Enablement starts a session on a recorded roleplay or reviewed call."""
    v = use.start_calibration(ctx.app, actor, kind or "roleplay", subject or "", title=title or "")
    return f"Started `{v.id}`: {len(v.participants)} managers score it blind."


def close_calibration(ctx: UIContext, actor: Actor, session_id: str | None, agreed: str) -> str:
    """Settle the agreed levels (consensus unless given) and close."""
    if not session_id:
        return "_Pick a calibration session._"
    use.close_calibration(ctx.app, actor, session_id, use.criterion_levels(agreed))
    return calibration_md(ctx, actor, session_id)


# ---- daily drill --------------------------------------------------------------------------------------


def drill_today(ctx: UIContext, actor: Actor, rep_id: str | None) -> tuple[str, dict[str, object] | None]:
    """Today's drill as Markdown, and the item to score the answer against."""
    if not rep_id:
        return "_Pick a rep._", None
    today = use.todays_drill(ctx.app, actor, rep_id, ctx.today())
    item, habit = today.item, today.progress
    said = "The buyer says" if item.kind == "objection" else "Your task"
    lines = [
        f"### Today's drill: {item.title}",
        f"_{item.why}_",
        "",
        f"**{said}:** {item.prompt}",
        "",
        f"Streak: **{habit.streak} day(s)** · {habit.total} drill(s) so far · {habit.today} today",
    ]
    return "\n".join(lines), item.model_dump(mode="json")


def drill_answer(ctx: UIContext, actor: Actor, rep_id: str | None, item: dict[str, object] | None, text: str) -> str:
    """Score the typed answer, keep it, show each check and the guide's words."""
    from copilot.practice.drill import DrillItem

    if not rep_id or not item:
        raise RecordsError("no drill open", fix="press Get today's drill first")
    done = use.say_drill(ctx.app, actor, rep_id, DrillItem.model_validate(item), text or "", ctx.today())
    drill, score, habit = done.item, done.score, done.progress
    lines = [f"### {score.score:.0%} of the checks · {score.words} words · {score.fillers} filler word(s)", ""]
    lines += [f"- {'✓' if c.passed else '✗'} **{c.name}**: {c.detail}" for c in score.checks]
    lines += ["", f"**The messaging guide says:** {drill.model_answer}", ""]
    lines.append(
        f"Streak: **{habit.streak} day(s)** · {habit.repetitions.get(drill.item_id, 0)} repetition(s) of this one"
    )
    return "\n".join(lines)
