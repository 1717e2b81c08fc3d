"""The scorecard page: coaching coverage and effectiveness per manager, team and rep over a date range, with plots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from copilot.app import team as coaching
from copilot.records.access import Actor
from copilot.records.inputs import parse_date
from copilot.records.scorecard import MIN_GROUP_SIZE
from ui import plots, practice_ops, views
from ui.auth import require
from ui.context import UIContext
from ui.guard import guard

ALL = "all"
NO_ACTIVITY = "No coaching sessions or practice in this range."
NO_TRENDS = "No counted observations in this range."
DEFAULT_LINES = 6
"""Criteria plotted at first: those with the lowest average in their latest month (pick others in the list)."""


@dataclass
class ScorecardPage:
    """The components the app fills when someone signs in."""

    team: gr.Dropdown

    def on_load(self, ctx: UIContext, actor: Actor) -> list[Any]:
        """Teams this user may see aggregates of."""
        if actor.role == "rep":
            return [gr.update()]
        teams = [(t.name, t.id) for t in ctx.store.teams(actor)]
        return [gr.update(choices=[("All teams you can see", ALL), *teams], value=ALL)]

    @property
    def load_outputs(self) -> list[Any]:
        """What on_load fills."""
        return [self.team]


def scorecard(ctx: UIContext, actor: Actor, team: str | None, since: str, until: str) -> tuple[Any, ...]:
    """The store's scorecard for the range, as a table and two plots."""
    require(actor, "scorecard")
    card = coaching.scorecard(
        ctx.app,
        actor,
        team_id=None if team in (None, "", ALL) else team,
        since=parse_date(since, "from") if since.strip() else None,
        until=parse_date(until, "to") if until.strip() else None,
        today=ctx.today(),
    )
    series = {
        crit if len(card.teams) == 1 else f"{crit} · {t.name}": months
        for t in card.teams
        for crit, months in t.metrics.criterion_trends.items()
    }
    lowest = sorted(series, key=lambda name: (series[name][max(series[name])], name))[:DEFAULT_LINES]
    title = f"### {card.since:%d %b %Y} – {card.until:%d %b %Y}: {len(card.teams)} team(s)"
    if card.withheld:
        title += (
            f"\n\nAggregates only, for groups of at least {MIN_GROUP_SIZE} reps; not shown: {', '.join(card.withheld)}"
        )
    return (
        title, views.scorecard_frame(card), views.by_month_frame(card),
        gr.update(choices=sorted(series), value=lowest), views.trends_frame(series, lowest), series,
    )  # fmt: skip


def practice_section(ctx: UIContext, actor: Actor, team: str | None) -> str:
    """The practice programme under the scorecard: AI scores changed by humans, certification counts."""
    require(actor, "scorecard")
    card = coaching.practice(ctx.app, actor, today=ctx.today(), team_id=None if team in (None, "", ALL) else team)
    return practice_ops.practice_md(card)


def build(ctx: UIContext) -> ScorecardPage:
    """Lay out the scorecard and wire it to the store."""
    with gr.Row():
        team = gr.Dropdown(
            label="Team", allow_custom_value=True, choices=[("All teams you can see", ALL)], value=ALL, scale=2
        )
        since = gr.Textbox(label="From (YYYY-MM-DD)", placeholder="six months ago", scale=1)
        until = gr.Textbox(label="To (YYYY-MM-DD)", placeholder="today", scale=1)
        go = gr.Button("Show", variant="primary", scale=1)
    heading = gr.Markdown(elem_id="scorecard-heading")
    table = gr.Dataframe(label="Per manager, team and rep", interactive=False, wrap=True)
    activity = gr.LinePlot(
        x="month", y="count", color="measure", label="Coaching sessions, hours and practice per month"
    )
    criteria = gr.Dropdown(label="Criteria to plot", multiselect=True, choices=[], allow_custom_value=True)
    trends = gr.LinePlot(
        x="month", y="average level", color="criterion", y_lim=[1, 4], label="Criterion trends (average level)"
    )
    series = gr.State({})

    @guard
    def show(team_id: str | None, start: str, end: str, request: gr.Request) -> tuple[Any, ...]:
        out = scorecard(ctx, ctx.actor(request), team_id, start or "", end or "")
        return (
            *out[:2],
            plots.show(activity, out[2], NO_ACTIVITY),
            out[3],
            plots.show(trends, out[4], NO_TRENDS),
            *out[5:],
        )

    go.click(show, [team, since, until], [heading, table, activity, criteria, trends, series], api_name="scorecard")

    def replot(chosen: list[str] | None, data: dict[str, dict[str, float]]) -> Any:
        return plots.show(trends, views.trends_frame(data or {}, chosen or []), NO_TRENDS)

    criteria.input(replot, [criteria, series], [trends], api_visibility="private")
    programme = gr.Markdown(elem_id="scorecard-practice")

    @guard
    def show_practice(team_id: str | None, request: gr.Request) -> str:
        return practice_section(ctx, ctx.actor(request), team_id)

    go.click(show_practice, [team], [programme], api_name="scorecard_practice")
    return ScorecardPage(team=team)
