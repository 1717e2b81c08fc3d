"""How a trend plot should read with little data: decided here from the frame, drawn by ui.plots (gradio)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Mark = Literal["none", "point", "line"]


@dataclass(frozen=True)
class PlotView:
    """What to draw: the mark (no plot, dots, lines), a note that says why, and for counted x values (attempt 1, 2,
    3) their order as labels: a counted axis drawn as a number line gets ticks at 0.1, 0.2, … between attempts."""

    mark: Mark
    note: str
    x_order: tuple[str, ...] | None = None


def shortest_series(frame: pd.DataFrame, x: str, color: str | None) -> int:
    """How many distinct x values the thinnest series has (0 for an empty frame)."""
    if frame.empty:
        return 0
    if color is None or color not in frame.columns:
        return int(frame[x].nunique())
    return int(frame.groupby(color)[x].nunique().min())


def plot_view(frame: pd.DataFrame, x: str, color: str | None, *, empty: str) -> PlotView:
    """No points: say `empty`. A series with one point: draw dots (a line needs two). Otherwise lines.

    An integer x (attempt numbers) is drawn as labels in numeric order, one tick per attempt, never a number line
    with fractions of an attempt between them (`labelled` turns the frame's column into those labels).
    """
    fewest = shortest_series(frame, x, color)
    if fewest == 0:
        return PlotView("none", empty)
    order: tuple[str, ...] | None = None
    if pd.api.types.is_integer_dtype(frame[x]):
        order = tuple(str(v) for v in sorted(frame[x].unique()))
    if fewest == 1:
        return PlotView("point", "One point so far: a line joins the points from the second one on.", order)
    return PlotView("line", "", order)


def labelled(frame: pd.DataFrame, x: str, view: PlotView) -> pd.DataFrame:
    """The frame as drawn: counted x values as their labels ('1', '2', …) when the view orders them so."""
    return frame.assign(**{x: frame[x].astype(str)}) if view.x_order else frame
