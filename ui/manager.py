"""The manager's page: team overview, the 1-on-1 (prep, notes, assignments, history) and transcript review."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from copilot.prep import MEETINGS
from copilot.records.access import Actor
from copilot.records.coaching import SESSION_KINDS
from ui import manager_ops as ops
from ui import plots, practice, review, roleplay, roleplay_ops, views
from ui.context import UIContext
from ui.guard import guard
from ui.views import OBSERVATION_WIDTHS

NO_FLAGGED = "Nothing flagged: no criterion is below its threshold or in a self-correction window."
NO_TRENDS = "No counted observations of these criteria yet."
ACTIONS_HELP = (
    "One per line, e.g. 'Book six discovery meetings by Friday' or 'I'll send the recording; due=2026-12-14'. "
    "Due: the day the item names (by Friday, next Monday, the 18th) or due=, else a week after the meeting. "
    "Owner: the rep, or you for an item starting 'I'll' or with owner=manager."
)


@dataclass
class ManagerPage:
    """The components the app fills when someone signs in."""

    team: gr.Dropdown
    rep: gr.Dropdown
    activity: gr.Dropdown
    scenario: gr.Dropdown

    def on_load(self, ctx: UIContext, actor: Actor) -> list[Any]:
        """Fill the team, rep and activity pickers for this user."""
        teams = ops.team_choices(ctx, actor)
        reps = ops.rep_choices(ctx, actor)
        return [
            gr.update(choices=teams, value=teams[0][1] if teams else None),
            gr.update(choices=reps, value=None),
            gr.update(choices=ops.activity_choices(ctx), value=None),
            gr.update(choices=roleplay_ops.scenario_choices(ctx), value=None),
        ]

    @property
    def load_outputs(self) -> list[Any]:
        """What on_load fills, in order."""
        return [self.team, self.rep, self.activity, self.scenario]


def build(ctx: UIContext) -> ManagerPage:
    """Lay out the manager's sub-tabs and wire them to the core."""
    with gr.Tabs():
        with gr.Tab("Team overview", id="team"):
            with gr.Row():
                team = gr.Dropdown(label="Team", allow_custom_value=True, choices=[], scale=3)
                refresh = gr.Button("Refresh", scale=0, size="md", min_width=120)
            table = gr.Dataframe(label="At a glance", interactive=False, wrap=True)
            overview = gr.Markdown("_Pick a team._", elem_id="team-overview")
            criteria = gr.Dropdown(label="Criteria to plot", allow_custom_value=True, multiselect=True, choices=[])
            plot = gr.LinePlot(
                x="month",
                y="average level",
                color="criterion",
                y_lim=[1, 4],
                label="Average level per month (counted observations, not self-assessments)",
            )
            trends = gr.State({})
            practice.build_team(ctx, team)

        with gr.Tab("1-on-1", id="one-on-one"):
            rep = gr.Dropdown(label="Rep", allow_custom_value=True, choices=[], elem_id="manager-rep")
            with gr.Tabs():
                with gr.Tab("Prep brief"):
                    with gr.Row():
                        meeting = gr.Dropdown(label="Meeting", choices=list(MEETINGS), value="one-on-one", scale=2)
                        prep_btn = gr.Button("Prepare brief", variant="primary", scale=1)
                    brief = gr.Markdown(elem_id="prep-brief")
                    brief_state = gr.State(None)
                    with gr.Row():
                        download = gr.DownloadButton("Download as Markdown", value=None, size="md")
                        save_brief_btn = gr.Button("Save brief with the rep's records", size="md")
                    brief_status = gr.Markdown()
                with gr.Tab("After the meeting"):
                    with gr.Row():
                        day = gr.Textbox(label="Date (YYYY-MM-DD, empty = today)", scale=1)
                        kind = gr.Dropdown(label="Kind", choices=list(SESSION_KINDS), value="one-on-one", scale=1)
                        minutes = gr.Number(label="Minutes", value=30, scale=1)  # whole minutes, checked by the handler
                    notes = gr.Textbox(label="Notes", lines=4, placeholder="What the rep said, what you heard…")
                    agreements = gr.Textbox(
                        label="Agreements (one per line)",
                        lines=2,
                        placeholder="Practise the agenda opener 5 times before Thursday's roleplay",
                    )
                    actions = gr.Textbox(
                        label="Action items",
                        lines=3,
                        info=ACTIONS_HELP,
                        placeholder="Record three openers and send them by Friday\nI'll share a top performer's opening; due=next Monday",
                    )
                    save_notes = gr.Button("Save notes, agreements and action items", variant="primary")
                    notes_status = gr.Markdown()
                with gr.Tab("Assign"):
                    with gr.Row():
                        activity = gr.Dropdown(
                            label="Activity (lessons, drills, roleplays…)", allow_custom_value=True, choices=[], scale=3
                        )
                        due = gr.Textbox(label="Due (YYYY-MM-DD, empty = in a week)", scale=1)
                    assign_btn = gr.Button("Assign", variant="primary")
                    assign_status = gr.Markdown()
                    assignments = gr.Dataframe(label="Assignments", interactive=False, wrap=True)
                with gr.Tab("Roleplay", id="manager-roleplay"):
                    scenario = roleplay.build_manager(ctx, rep)
                with gr.Tab("Records"):
                    recent = gr.Markdown(label="Latest notes")
                    open_items = gr.Dataframe(label="Open action items", interactive=False, wrap=True)
                    with gr.Row():
                        item = gr.Dropdown(
                            label="Reconcile an action item", allow_custom_value=True, choices=[], scale=3
                        )
                        done_btn = gr.Button("Done", scale=1)
                        drop_btn = gr.Button("Dropped", scale=1)
                    item_status = gr.Markdown()
                    history = gr.LinePlot(
                        x="date", y="level", color="criterion", y_lim=[1, 4], label="Flagged criteria over time"
                    )
                    observations = gr.Dataframe(
                        label="Assessments", interactive=False, wrap=True, column_widths=OBSERVATION_WIDTHS
                    )

        with gr.Tab("Transcript review", id="manager-review"):
            review.build(ctx.app, api_name="review_transcript")

        with gr.Tab("Review AI scores", id="manager-review-scores"):
            practice.build_review(ctx)

        with gr.Tab("Certifications", id="manager-certifications"):
            practice.build_define(ctx, api_name="manager_define_certification")

        with gr.Tab("Calibration", id="manager-calibration"):
            practice.build_calibration(ctx, organiser=False)

    @guard
    def show_team(team_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        o = ops.team_overview(ctx, ctx.actor(request), team_id)
        frame = views.trends_frame(o.trends, o.flagged)
        team_plot = plots.show(plot, frame, NO_TRENDS)
        return o.markdown, o.table, gr.update(choices=o.criteria, value=o.flagged), team_plot, o.trends

    def replot(chosen: list[str] | None, data: dict[str, dict[str, float]]) -> Any:
        return plots.show(plot, views.trends_frame(data or {}, chosen or []), NO_TRENDS)

    team_outputs = [overview, table, criteria, plot, trends]
    team.change(show_team, [team], team_outputs, api_name="team_overview")
    refresh.click(show_team, [team], team_outputs, api_visibility="private")
    criteria.input(replot, [criteria, trends], [plot], api_visibility="private")

    @guard
    def show_rep(rep_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        r = ops.rep_records(ctx, ctx.actor(request), rep_id)
        return (
            r.notes,
            r.open_items,
            gr.update(choices=r.item_choices, value=None),
            r.assignments,
            plots.show(history, r.history, NO_FLAGGED if rep_id else "Pick a rep."),
            r.observations,
        )

    rep_outputs = [recent, open_items, item, assignments, history, observations]
    rep.change(show_rep, [rep], rep_outputs, api_name="rep_records")

    @guard
    def make_brief(rep_id: str | None, kind_of_meeting: str, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        actor = ctx.actor(request)
        yield from ops.prep_brief(ctx, actor, rep_id, kind_of_meeting)

    prep_btn.click(make_brief, [rep, meeting], [brief, download, brief_state], api_name="prep_brief")

    @guard
    def keep_brief(rep_id: str | None, payload: dict[str, Any] | None, request: gr.Request) -> str:
        return ops.save_brief(ctx, ctx.actor(request), rep_id, payload)

    save_brief_btn.click(keep_brief, [rep, brief_state], [brief_status], api_name="save_brief")

    @guard
    def capture(
        rep_id: str | None,
        date_text: str,
        kind_of_meeting: str,
        length: float | None,
        text: str,
        agreed: str,
        items: str,
        request: gr.Request,
    ) -> str:
        actor = ctx.actor(request)
        return ops.save_session(ctx, actor, rep_id, date_text, kind_of_meeting, length, text, agreed, items)

    def clear() -> tuple[str, str, str]:
        return "", "", ""

    saved = save_notes.click(
        capture, [rep, day, kind, minutes, notes, agreements, actions], [notes_status], api_name="save_notes"
    )
    saved.success(clear, None, [notes, agreements, actions], api_visibility="private").then(
        show_rep, [rep], rep_outputs, api_visibility="private"
    )

    @guard
    def give(rep_id: str | None, activity_id: str | None, due_text: str, request: gr.Request) -> str:
        return ops.assign(ctx, ctx.actor(request), rep_id, activity_id, due_text)

    assign_btn.click(give, [rep, activity, due], [assign_status], api_name="assign").success(
        show_rep, [rep], rep_outputs, api_visibility="private"
    )

    def closer(status: str) -> Any:
        @guard
        def close(item_id: str | None, request: gr.Request) -> str:
            return ops.close_item(ctx, ctx.actor(request), item_id, status)

        return close

    for button, status in ((done_btn, "done"), (drop_btn, "dropped")):
        button.click(closer(status), [item], [item_status], api_name=f"action_{status}").success(
            show_rep, [rep], rep_outputs, api_visibility="private"
        )
    return ManagerPage(team=team, rep=rep, activity=activity, scenario=scenario)
