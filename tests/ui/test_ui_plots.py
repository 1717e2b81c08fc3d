"""Trend plots with little data: no grid when there is nothing, dots for one point, lines from two."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from ui import plots
from ui.plotdata import plot_view, shortest_series

EMPTY = "No attempts yet."


def frame(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"scenario": s, "attempt": a, "overall": o} for s, a, o in rows], columns=["attempt", "overall", "scenario"]
    )


def test_nothing_to_plot_says_so_and_draws_no_grid() -> None:
    view = plot_view(frame([]), "attempt", "scenario", empty=EMPTY)
    assert view.mark == "none" and view.note == EMPTY
    plot = gr.LinePlot(x="attempt", y="overall", color="scenario", label="Overall")
    update = plots.show(plot, frame([]), EMPTY)
    assert update["value"] is None and update["label"] == f"Overall · {EMPTY}"


def test_one_attempt_is_a_dot_on_an_axis_of_whole_attempts() -> None:
    one = frame([("CFO price", 1, 2.5)])
    view = plot_view(one, "attempt", "scenario", empty=EMPTY)
    assert view.mark == "point" and view.x_order == ("1",), "one tick, attempt 1, not 0.00, 0.10, … 2.00"
    update = plots.show(gr.LinePlot(x="attempt", y="overall", color="scenario", label="Overall"), one, EMPTY)
    assert update["value"]["mark"] == "point" and update["value"]["data"] == [["1", 2.5, "CFO price"]]
    assert update["value"]["datatypes"]["attempt"] == "nominal", "labels, never a number line with fractions"
    assert update["sort"] == ["1"] and "One point so far" in update["label"]


def test_attempts_are_drawn_in_numeric_order_past_nine() -> None:
    many = frame([("A", n, 2.0) for n in (10, 2, 1, 9, 11)])
    update = plots.show(gr.LinePlot(x="attempt", y="overall", color="scenario", label="Overall"), many, EMPTY)
    assert update["sort"] == ["1", "2", "9", "10", "11"], "'10' after '9', not after '1'"


def test_a_series_with_one_point_among_longer_ones_keeps_every_point_visible() -> None:
    mixed = frame([("A", 1, 2.0), ("A", 2, 3.0), ("B", 1, 1.5)])
    assert shortest_series(mixed, "attempt", "scenario") == 1
    assert plot_view(mixed, "attempt", "scenario", empty=EMPTY).mark == "point"


def test_two_points_per_series_draw_lines() -> None:
    two = frame([("A", 1, 2.0), ("A", 2, 3.0)])
    update = plots.show(gr.LinePlot(x="attempt", y="overall", color="scenario", label="Overall"), two, EMPTY)
    assert update["value"]["mark"] == "line" and update["label"] == "Overall"


def test_dates_on_the_x_axis_keep_their_own_range() -> None:
    dated = pd.DataFrame([{"date": pd.Timestamp("2026-11-03"), "level": 2, "criterion": "c"}])
    view = plot_view(dated, "date", "criterion", empty=EMPTY)
    assert view.mark == "point" and view.x_order is None


def test_a_scorecard_row_without_recoveries_says_no_data_yet() -> None:
    from copilot.records.scorecard import Metrics
    from ui.views import metrics_row

    assert metrics_row("team East", Metrics())["median days to threshold"] == "no data yet"
    assert metrics_row("team East", Metrics(median_days_to_threshold=28.0))["median days to threshold"] == 28.0
