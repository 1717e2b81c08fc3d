"""Trend plots that read well with little data: dots for a single point, and a sentence instead of an empty grid.

Gradio draws the mark the payload names, so a LinePlot can show dots without swapping components.
"""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from ui.plotdata import labelled, plot_view


def show(plot: gr.LinePlot, frame: pd.DataFrame, empty: str, label: str | None = None) -> Any:
    """The update for `plot`: nothing but `empty` in its label, dots while a series has one point, else lines."""
    base = label if label is not None else str(plot.label or "")
    view = plot_view(frame, plot.x or "", plot.color, empty=empty)
    if view.mark == "none":
        return gr.update(value=None, label=f"{base} · {view.note}" if base else view.note)
    data = plot.postprocess(labelled(frame, plot.x or "", view))
    payload = data.model_dump() if data is not None else None
    if payload is not None:
        payload["mark"] = view.mark
    text = f"{base} ({view.note.rstrip('.')})" if view.note else base
    return gr.update(value=payload, label=text, sort=list(view.x_order) if view.x_order else None)
