"""The rep's page: where I stand, my assessments, assignments and action items, self-review, roleplay."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from copilot.records.access import Actor
from ui import manager_ops, plots, practice, review, roleplay
from ui import rep_ops as ops
from ui.context import UIContext
from ui.guard import guard
from ui.views import OBSERVATION_WIDTHS

NO_LEVELS = "No assessments yet: levels appear after a manager, peer or reviewed call scores one."
PICK_REP = "Pick a rep to see their levels over time."
LEVELS = "My levels over time (1 Not Present – 4 Excellent)"


@dataclass
class RepPage:
    """The components the app fills when someone signs in."""

    rep: gr.Dropdown

    def on_load(self, ctx: UIContext, actor: Actor) -> list[Any]:
        """A rep gets their own page (no picker); an admin picks a rep."""
        choices, value = ops.rep_choices(ctx, actor)
        return [gr.update(choices=choices, value=value, visible=actor.role != "rep")]

    @property
    def load_outputs(self) -> list[Any]:
        """What on_load fills."""
        return [self.rep]


def build(ctx: UIContext) -> RepPage:
    """Lay out the rep's sub-tabs and wire them to the core."""
    rep = gr.Dropdown(label="Rep", allow_custom_value=True, choices=[], elem_id="rep-picker")
    with gr.Tabs():
        with gr.Tab("My progress", id="my-progress"):
            status = gr.Markdown(elem_id="rep-status")
            history = gr.LinePlot(
                x="date",
                y="level",
                color="criterion",
                y_lim=[1, 4],
                label=f"{LEVELS} · {PICK_REP}",
            )
            observations = gr.Dataframe(
                label="My assessments", interactive=False, wrap=True, column_widths=OBSERVATION_WIDTHS
            )
        with gr.Tab("Assignments and action items", id="my-assignments"):
            assignments = gr.Dataframe(label="Assignments", interactive=False, wrap=True)
            with gr.Row():
                pick = gr.Dropdown(label="Assignment", allow_custom_value=True, choices=[], scale=2)
                evidence = gr.Textbox(label="What shows it is done (optional)", scale=2)
                done = gr.Button("Mark done", variant="primary", scale=1)
            items = gr.Dataframe(label="Action items", interactive=False, wrap=True)
            with gr.Row():
                item = gr.Dropdown(label="Action item", allow_custom_value=True, choices=[], scale=3)
                item_done = gr.Button("Mark done", scale=1)
            outcome = gr.Markdown()
            gr.Markdown("### Notes from your coaching sessions")
            notes = gr.Markdown()
        with gr.Tab("Self-review", id="self-review"):
            gr.Markdown("Review a call of yours: talk share, questions, what you committed to. Nothing is stored.")
            review.build(ctx.app, api_name="self_review")
        with gr.Tab("Roleplay", id="roleplay"):
            roleplay.build(ctx, rep)
        with gr.Tab("Certification", id="my-certification"):
            practice.build_rep(ctx, rep)
        with gr.Tab("Daily drill", id="my-drill"):
            practice.build_drill(ctx, rep)

    @guard
    def show(rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        d = ops.rep_page(ctx, ctx.actor(request), rep_id)
        return (
            d.status, plots.show(history, d.history, NO_LEVELS if rep_id else PICK_REP, LEVELS), d.observations, d.assignments, gr.update(choices=d.open_assignments, value=None),
            d.action_items, gr.update(choices=d.open_items, value=None), d.notes,
        )  # fmt: skip

    outputs = [status, history, observations, assignments, pick, items, item, notes]
    rep.change(show, [rep], outputs, api_name="rep_page")

    @guard
    def finish(assignment_id: str | None, shown: str, request: gr.Request) -> str:
        return ops.complete_assignment(ctx, ctx.actor(request), assignment_id, shown or "")

    done.click(finish, [pick, evidence], [outcome], api_name="complete_assignment").success(
        lambda: "", None, [evidence], api_visibility="private"
    ).then(show, [rep], outputs, api_visibility="private")

    @guard
    def close(item_id: str | None, request: gr.Request) -> str:
        return manager_ops.close_item(ctx, ctx.actor(request), item_id, "done")

    item_done.click(close, [item], [outcome], api_name="rep_action_done").success(
        show, [rep], outputs, api_visibility="private"
    )
    return RepPage(rep=rep)
