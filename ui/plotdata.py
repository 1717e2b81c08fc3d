"""How a trend plot should read with little data: decided here from the frame, drawn by ui.plots (gradio)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Mark = Literal["none", "point", "line"]


@dataclass(frozen=True)
class PlotView:
    """What to draw: the mark (no plot, dots, lines), a note that says why, and the x range that keeps ticks whole."""

    mark: Mark
    note: str
    x_lim: tuple[float, float] | None = None


def shortest_series(frame: pd.DataFrame, x: str, color: str | None) -> int:
    """How many distinct x values the thinnest series has (0 for an empty frame)."""
    if frame.empty:
        return 0
    if color is None or color not in frame.columns:
        return int(frame[x].nunique())
    return int(frame.groupby(color)[x].nunique().min())


def plot_view(frame: pd.DataFrame, x: str, color: str | None, *, empty: str) -> PlotView:
    """No points: say `empty`. A series with one point: draw dots (a line needs two). Otherwise lines.

    An integer x (attempt numbers) gets a range from 0 to one past the last, so one attempt is not a lone
    `1.000000` tick on a collapsed axis.
    """
    fewest = shortest_series(frame, x, color)
    if fewest == 0:
        return PlotView("none", empty)
    x_lim: tuple[float, float] | None = None
    if pd.api.types.is_integer_dtype(frame[x]):
        x_lim = (0.0, float(frame[x].max()) + 1)
    if fewest == 1:
        return PlotView("point", "One point so far: a line joins the points from the second one on.", x_lim)
    return PlotView("line", "", x_lim)
