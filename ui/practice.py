"""Practice programme in the web app (layout and wiring): review AI scores, certifications for reps, managers and
enablement. Every decision is in the core; ui.practice_ops turns it into Markdown and frames."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui import practice_ops as ops
from ui.context import UIContext
from ui.guard import guard

REVIEW_HELP = (
    "Every AI score can be opened, checked against the quoted evidence and approved. To change a level, pick the "
    "criterion and the level and say why, then approve; repeat for another criterion. If someone approved the same "
    "score since you opened it, nothing is saved and you see what they changed: reload and retry."
)


def build_review(ctx: UIContext) -> None:
    """The manager's (or named reviewer's) queue of AI scores, one score opened, a change and an approval."""
    gr.Markdown(REVIEW_HELP)
    load = gr.Button("Show scores to review", variant="secondary")
    queue = gr.Dataframe(label="Scored roleplays and reviewed calls", interactive=False, wrap=True)
    pick = gr.Dropdown(label="Score to open", choices=[], allow_custom_value=True, elem_id="review-pick")
    heading = gr.Markdown(elem_id="review-heading")
    criteria = gr.Dataframe(
        label="Per criterion: AI level, approved level, evidence",
        interactive=False,
        wrap=True,
        column_widths=["24%", "8%", "10%", "36%", "10%", "12%"],
    )
    seen = gr.State(0)
    with gr.Row():
        criterion = gr.Dropdown(label="Change criterion (optional)", choices=[], allow_custom_value=True, scale=3)
        level = gr.Dropdown(label="New level", choices=ops.LEVEL_CHOICES, value=None, scale=1)
    reason = gr.Textbox(label="Why (required when you change a level)", lines=2)
    approve_btn = gr.Button("Approve", variant="primary")
    result = gr.Markdown(elem_id="review-result")

    @guard
    def show_queue(request: gr.Request) -> tuple[Any, ...]:
        frame, choices = ops.review_queue(ctx, ctx.actor(request))
        return frame, gr.update(choices=choices, value=None)

    load.click(show_queue, None, [queue, pick], api_name="review_queue")

    @guard
    def open_one(key: str | None, request: gr.Request) -> tuple[Any, ...]:
        md, frame, version, crits = ops.open_score(ctx, ctx.actor(request), key)
        return md, frame, version, gr.update(choices=crits, value=None), ""

    pick.change(open_one, [pick], [heading, criteria, seen, criterion, result], api_name="review_open")

    @guard
    def do_approve(
        key: str | None, version: int, crit: str | None, lvl: str | None, why: str, request: gr.Request
    ) -> str:
        return ops.approve(ctx, ctx.actor(request), key, version, crit, lvl, why)

    approve_btn.click(do_approve, [pick, seen, criterion, level, reason], [result], api_name="review_approve").success(
        lambda: ("", None), None, [reason, level], api_visibility="private"
    ).then(open_one, [pick], [heading, criteria, seen, criterion, result], api_visibility="private")


def build_rep(ctx: UIContext, rep: gr.Dropdown) -> None:
    """The rep's certification tab: what is required and where they stand."""
    standing = gr.Markdown("_Pick a rep._", elem_id="rep-certification")

    @guard
    def show(rep_id: str | None, request: gr.Request) -> str:
        return ops.rep_certifications(ctx, ctx.actor(request), rep_id)

    rep.change(show, [rep], [standing], api_name="rep_certification")


def build_team(ctx: UIContext, team: gr.Dropdown) -> None:
    """Certification status per rep, under the manager's team overview."""
    table = gr.Dataframe(label="Certifications per rep", interactive=False, wrap=True, elem_id="team-certification")

    @guard
    def show(team_id: str | None, request: gr.Request) -> Any:
        return ops.team_certifications(ctx, ctx.actor(request), team_id)

    team.change(show, [team], [table], api_name="team_certification")


def build_define(ctx: UIContext, *, api_name: str) -> None:
    """Define a certification or change its rules (enablement: any team or all; a manager: their team)."""
    gr.Markdown(
        "Define a certification: the scenarios to pass, the level every scored step must reach, attempts per "
        "scenario and a due date. Saving an existing id adds a new version of the rules; reps who already started "
        "keep the rules they started under."
    )
    scenario_choices = [(s.title, s.id) for s in ctx.kb.scenarios.values()]
    with gr.Row():
        cert_id = gr.Textbox(label="Id (e.g. objections-q1)", scale=1)
        title = gr.Textbox(label="Title", scale=2)
    scenarios = gr.Dropdown(label="Scenarios", choices=scenario_choices, multiselect=True)
    with gr.Row():
        level = gr.Dropdown(label="Every step at least", choices=ops.LEVEL_CHOICES, value="3", scale=1)
        attempts = gr.Number(label="Attempts per scenario", value=3, precision=0, scale=1)
        due = gr.Textbox(label="Due (YYYY-MM-DD, optional)", scale=1)
        team = gr.Textbox(label="Team id (empty: every team)", scale=1)
    save = gr.Button("Save certification", variant="primary")
    saved = gr.Markdown()
    listed = gr.Markdown()

    @guard
    def define(
        cid: str,
        ttl: str,
        scs: list[str] | None,
        lvl: str | None,
        att: float | None,
        d: str,
        t: str,
        request: gr.Request,
    ) -> tuple[str, str]:
        actor = ctx.actor(request)
        msg = ops.define_certification(ctx, actor, cid, ttl, scs, lvl, att, d, (t or "").strip() or None)
        return msg, ops.certification_list(ctx, actor)

    save.click(define, [cert_id, title, scenarios, level, attempts, due, team], [saved, listed], api_name=api_name)


def build_calibration(ctx: UIContext, *, organiser: bool) -> None:
    """Rate a session blind (managers), or start and close one (enablement)."""
    gr.Markdown(
        "Every manager scores the same recorded interaction against the assessment map without seeing the others; "
        "after submitting you see where you agree and differ, against the consensus and the AI."
    )
    with gr.Row():
        load = gr.Button("Show sessions", scale=0, min_width=160)
        pick = gr.Dropdown(label="Calibration session", choices=[], allow_custom_value=True, scale=3)
    shown = gr.Markdown(elem_id="calibration-view")
    api = "organiser" if organiser else "rater"

    @guard
    def sessions(request: gr.Request) -> Any:
        return gr.update(choices=ops.calibration_choices(ctx, ctx.actor(request)), value=None)

    load.click(sessions, None, [pick], api_name=f"calibration_sessions_{api}")

    @guard
    def show(session_id: str | None, request: gr.Request) -> str:
        return ops.calibration_md(ctx, ctx.actor(request), session_id)

    pick.change(show, [pick], [shown], api_name=f"calibration_show_{api}")
    if not organiser:
        levels = gr.Textbox(label="Your levels (one criterion=level per line, 1-4)", lines=5)
        submit = gr.Button("Submit my levels (final)", variant="primary")

        @guard
        def send(session_id: str | None, text: str, request: gr.Request) -> str:
            return ops.submit_calibration(ctx, ctx.actor(request), session_id, text)

        submit.click(send, [pick, levels], [shown], api_name="calibration_submit")
        return
    with gr.Row():
        kind = gr.Dropdown(label="Kind", choices=["roleplay", "observation"], value="roleplay", scale=1)
        subject = gr.Textbox(label="Attempt or observation id", scale=2)
        title = gr.Textbox(label="Title", scale=2)
    start = gr.Button("Start a session", variant="primary")
    agreed = gr.Textbox(label="Agreed levels where they differ from the consensus (criterion=level per line)", lines=2)
    close = gr.Button("Close the picked session")
    status = gr.Markdown()

    @guard
    def begin(k: str | None, sid: str, t: str, request: gr.Request) -> str:
        return ops.start_calibration(ctx, ctx.actor(request), k, sid, t)

    start.click(begin, [kind, subject, title], [status], api_name="calibration_start")

    @guard
    def finish(session_id: str | None, text: str, request: gr.Request) -> str:
        return ops.close_calibration(ctx, ctx.actor(request), session_id, text)

    close.click(finish, [pick, agreed], [shown], api_name="calibration_close")


def build_drill(ctx: UIContext, rep: gr.Dropdown) -> None:
    """The rep's practice of the day: read the prompt, type the answer as you would say it, see the checks."""
    get = gr.Button("Get today's drill", variant="secondary")
    prompt = gr.Markdown("_Press the button for today's drill._", elem_id="drill-prompt")
    item = gr.State(None)
    answer = gr.Textbox(label="Say it back (type it as you would say it aloud)", lines=4, elem_id="drill-answer")
    send = gr.Button("Score my answer", variant="primary")
    scored = gr.Markdown(elem_id="drill-score")

    @guard
    def today(rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        md, found = ops.drill_today(ctx, ctx.actor(request), rep_id)
        return md, found, "", ""

    get.click(today, [rep], [prompt, item, answer, scored], api_name="drill_today")

    @guard
    def score(rep_id: str | None, found: dict[str, Any] | None, text: str, request: gr.Request) -> str:
        return ops.drill_answer(ctx, ctx.actor(request), rep_id, found, text)

    send.click(score, [rep, item, answer], [scored], api_name="drill_answer")
