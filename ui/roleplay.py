"""Roleplay in the web app: the rep's practice tab and the manager's view of a rep's practice (layout and wiring)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from ui import plots
from ui import roleplay_ops as ops
from ui.context import UIContext
from ui.guard import guard

NO_ATTEMPTS = "No attempts yet: a finished roleplay appears here."
PICK_REP = "Pick a rep to see their attempts."
REP_POINTS = "Overall level per attempt (1 Not Present – 4 Excellent)"
MANAGER_POINTS = "Overall level per attempt"
SAY_HINT = "Acknowledge the concern, ask what sits behind it, answer with proof, check it landed, propose a next step."


def _plot(label: str) -> gr.LinePlot:
    """Overall level per attempt; until a rep is picked its label says so (plots.show restores it)."""
    return gr.LinePlot(x="attempt", y="overall", color="scenario", y_lim=[1, 4], label=f"{label} · {PICK_REP}")


def _opened(step: ops.Step) -> tuple[Any, ...]:
    """Outputs of Start, Resume and Retry: the chat, the box, the status, the key, the card and a cleared score."""
    card = step.card if step.card is not None else gr.skip()
    return _chat(step), step.box, step.status, step.key, card, ""


def _turned(step: ops.Step) -> tuple[Any, ...]:
    """Outputs of Send: the chat, the box (kept when the turn failed), the status and the key."""
    return _chat(step), step.box, step.status, step.key


def _chat(step: ops.Step) -> Any:
    """The conversation, or no change when the step has none to show (a refusal, a busy session)."""
    return step.chat if step.chat is not None else gr.skip()


def build(ctx: UIContext, rep: gr.Dropdown) -> None:
    """The rep's roleplay: pick or get a scenario, read the card, talk to the buyer, see the score, retry."""
    notice = gr.Markdown(elem_id="roleplay-notice")
    with gr.Row():
        scenario = gr.Dropdown(
            label="Scenario", choices=[], allow_custom_value=True, scale=4, elem_id="roleplay-scenario"
        )
        with gr.Column(scale=1, min_width=120):
            start_btn = gr.Button("Start", variant="primary")
            resume_btn = gr.Button("Resume")
    with gr.Row():
        with gr.Column(scale=2):
            card = gr.Markdown("_Pick a scenario to read its card._", elem_id="roleplay-card", container=True)
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="Conversation with the buyer",
                height=460,
                elem_id="roleplay-chat",
                placeholder="Read the card, then press **Start**: the buyer speaks first.",
                feedback_options=None,
                editable="user",
            )
            gr.Markdown(
                "_To rewind, edit any of your lines (✎): the conversation goes back to that turn and the buyer "
                "answers your new line; both attempts' scores are shown side by side at the end._",
                elem_id="roleplay-rewind-hint",
            )
            say = gr.Textbox(
                label="What you say to the buyer",
                lines=2,
                max_lines=8,
                placeholder=SAY_HINT,
                info="Shift+Enter sends",
                elem_id="roleplay-say",
            )
            with gr.Row():
                send_btn = gr.Button("Send", variant="primary")
                end_btn = gr.Button("End and score")
                retry_btn = gr.Button("Retry the same scenario")
            with gr.Row():
                rewind_turn = gr.Number(label="Your turn", value=1, minimum=1, precision=0, scale=1, min_width=90)
                rewind_btn = gr.Button("Rewind to that turn and say the line above instead", scale=4)
            status = gr.Markdown(elem_id="roleplay-status")
    score = gr.Markdown(elem_id="roleplay-score")
    gr.Markdown("### My roleplay practice")
    trend = gr.Dataframe(label="Trend per scenario", interactive=False, wrap=True, elem_id="roleplay-trend")
    points = _plot(REP_POINTS)
    key = gr.State(None)

    @guard
    def refresh(rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        actor = ctx.actor(request)
        p = ops.picker(ctx, actor, rep_id)
        practice = ops.rep_practice(ctx, actor, rep_id)
        dots = plots.show(points, practice.points, NO_ATTEMPTS if rep_id else PICK_REP, REP_POINTS)
        return gr.update(choices=p.choices, value=p.value), p.notice, practice.trend, dots, [], "", "", None

    rep.change(refresh, [rep], [scenario, notice, trend, points, chatbot, status, score, key], api_name="roleplay_page")

    @guard
    def show_card(rep_id: str | None, choice: str | None, request: gr.Request) -> str:
        return ops.card(ctx, ctx.actor(request), rep_id, choice)

    scenario.change(show_card, [rep, scenario], [card], api_name="roleplay_card")

    opened = [chatbot, say, status, key, card, score]

    @guard
    def begin(rep_id: str | None, choice: str | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        for step in ops.start(ctx, ctx.actor(request), rep_id, choice):
            yield _opened(step)

    start_btn.click(begin, [rep, scenario], opened, api_name="roleplay_start")

    @guard
    def pick_up(rep_id: str | None, choice: str | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        for step in ops.resume(ctx, ctx.actor(request), rep_id, choice):
            yield _opened(step)

    resume_btn.click(pick_up, [rep, scenario], opened, api_name="roleplay_resume")

    @guard
    def again(
        played: ops.Key | None, rep_id: str | None, choice: str | None, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        for step in ops.retry(ctx, ctx.actor(request), played, choice, rep_id):
            yield _opened(step)

    retry_btn.click(again, [key, rep, scenario], opened, api_name="roleplay_retry")

    @guard
    def speak(played: ops.Key | None, text: str, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        for step in ops.send(ctx, ctx.actor(request), played, text):
            yield _turned(step)

    finished = [score, key, trend, points, chatbot, notice]

    def _finished(done: ops.Finished | None, rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        if done is None:
            return tuple(gr.skip() for _ in finished)
        notice_text = ops.picker(ctx, ctx.actor(request), rep_id).notice if done.practice else gr.skip()
        practice = done.practice
        return (
            done.score,
            done.key,
            practice.trend if practice else gr.skip(),
            plots.show(points, practice.points, NO_ATTEMPTS, REP_POINTS) if practice else gr.skip(),
            done.chat or gr.skip(),
            notice_text,
        )

    @guard
    def end(played: ops.Key | None, rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        return _finished(ops.finish(ctx, ctx.actor(request), played), rep_id, request)

    @guard
    def end_if_over(played: ops.Key | None, rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        return _finished(ops.finish_if_ended(ctx, ctx.actor(request), played), rep_id, request)

    @guard
    def rewind(played: ops.Key | None, edited: gr.EditData, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        index = edited.index if isinstance(edited.index, int) else int(edited.index[0])
        for step in ops.rewind(ctx, ctx.actor(request), played, str(edited.value or ""), index=index):
            yield _turned(step)

    chatbot.edit(rewind, [key], [chatbot, say, status, key], api_visibility="private").success(
        end_if_over, [key, rep], finished, api_visibility="private"
    )

    @guard
    def rewind_to(
        played: ops.Key | None, number: float | None, text: str, request: gr.Request
    ) -> Iterator[tuple[Any, ...]]:
        turn = int(number) if number is not None else None
        for step in ops.rewind(ctx, ctx.actor(request), played, text or "", number=turn):
            yield _turned(step)

    rewind_btn.click(
        rewind_to, [key, rewind_turn, say], [chatbot, say, status, key], api_name="roleplay_rewind"
    ).success(end_if_over, [key, rep], finished, api_visibility="private")

    turned = [chatbot, say, status, key]
    for trigger, name in ((send_btn.click, "roleplay_send"), (say.submit, None)):
        visibility: dict[str, Any] = {"api_name": name} if name else {"api_visibility": "private"}
        trigger(speak, [key, say], turned, **visibility).success(
            end_if_over, [key, rep], finished, api_visibility="private"
        )
    end_btn.click(end, [key, rep], finished, api_name="roleplay_finish")


def build_manager(ctx: UIContext, rep: gr.Dropdown) -> gr.Dropdown:
    """The manager's roleplay sub-tab: assign a scenario with a target level, see the rep's attempts and trend."""
    gr.Markdown(
        "Assign a roleplay scenario with the level every step should reach. The rep sees it at the top of their "
        "Roleplay tab; an attempt that reaches the target marks it done."
    )
    with gr.Row(equal_height=True):
        scenario = gr.Dropdown(
            label="Roleplay scenario", choices=[], allow_custom_value=True, scale=3, elem_id="manager-scenario"
        )
        target = gr.Dropdown(label="Target level", choices=ops.TARGETS, value="good", scale=1)
        due = gr.Textbox(label="Due (YYYY-MM-DD, optional)", scale=1)
    assign_btn = gr.Button("Assign scenario", variant="primary")
    assign_status = gr.Markdown(elem_id="manager-scenario-status")
    assignments = gr.Dataframe(
        label="Assigned scenarios",
        interactive=False,
        wrap=True,
        column_widths=["34%", "10%", "11%", "11%", "10%", "12%", "12%"],  # ASSIGNMENT_COLUMNS; empty ones stay legible
    )
    trend = gr.Dataframe(label="Trend per scenario", interactive=False, wrap=True)
    points = _plot(MANAGER_POINTS)
    attempts = gr.Dataframe(label="Latest attempts", interactive=False, wrap=True)

    @guard
    def show(rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        p = ops.manager_practice(ctx, ctx.actor(request), rep_id)
        return (
            p.assignments,
            p.trend,
            plots.show(points, p.points, NO_ATTEMPTS if rep_id else PICK_REP, MANAGER_POINTS),
            p.attempts,
        )

    outputs = [assignments, trend, points, attempts]
    rep.change(show, [rep], outputs, api_name="rep_roleplay")

    @guard
    def give(rep_id: str | None, scenario_id: str | None, level: str | None, due_text: str, request: gr.Request) -> str:
        return ops.assign_scenario(ctx, ctx.actor(request), rep_id, scenario_id, level, due_text)

    assign_btn.click(give, [rep, scenario, target, due], [assign_status], api_name="assign_scenario").success(
        show, [rep], outputs, api_visibility="private"
    )
    return scenario
