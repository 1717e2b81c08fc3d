"""Enablement's page: upload and ingest with a progress bar, problems per file and line, browse, remove, preview, gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from copilot.records.access import Actor
from ui import kb_ops as ops
from ui import practice
from ui.auth import pages_for
from ui.context import UIContext
from ui.guard import guard

FORMATS = [".yaml", ".yml", ".md", ".markdown", ".txt", ".pdf"]


@dataclass
class EnablementPage:
    """The components the app fills when someone signs in."""

    type_filter: gr.Dropdown
    preview_type: gr.Dropdown

    def on_load(self, ctx: UIContext, actor: Actor) -> list[Any]:
        """Fill the item-type filters from what the index holds."""
        if "enablement" not in pages_for(actor):
            return [gr.update(), gr.update()]
        kinds = ops.item_types(ctx)
        return [gr.update(choices=["", *kinds]), gr.update(choices=["", *kinds])]

    @property
    def load_outputs(self) -> list[Any]:
        """What on_load fills."""
        return [self.type_filter, self.preview_type]


def _reporter(progress: gr.Progress) -> ops.Report:
    def report(fraction: float, desc: str) -> None:
        progress(fraction, desc=desc)

    return report


def build(ctx: UIContext) -> EnablementPage:
    """Lay out the enablement sub-tabs and wire them to the core."""
    uploads = ctx.settings.uploads_dir
    with gr.Tabs():
        with gr.Tab("Upload and ingest", id="kb-upload"):
            gr.Markdown(
                f"Files are checked together with the rest of the knowledge base and saved to `{uploads}/` "
                "(in the data folder). A file with errors is not kept: fix the rows listed and upload it again."
            )
            files = gr.File(
                label="Knowledge files", file_count="multiple", file_types=FORMATS, type="filepath", elem_id="kb-files"
            )
            with gr.Row():
                send = gr.Button("Validate and ingest", variant="primary")
                again = gr.Button("Re-ingest the whole folder")
            summary = gr.Markdown(elem_id="kb-upload-summary")
            problems = gr.Dataframe(
                label="Problems (file, line, fix)",
                interactive=False,
                wrap=True,
                elem_id="kb-problems",
                column_widths=["17%", "5%", "15%", "7%", "28%", "28%"],
            )
        with gr.Tab("Browse and remove", id="kb-browse"):
            with gr.Row():
                type_filter = gr.Dropdown(label="Type", allow_custom_value=True, choices=[""], value="", scale=2)
                show = gr.Button("Show items", scale=1)
            table = gr.Dataframe(
                label="Indexed items",
                interactive=False,
                wrap=True,
                max_height=500,
                column_widths=["22%", "10%", "33%", "20%", "5%", "5%", "5%"],
            )
            with gr.Row():
                target = gr.Textbox(label="Item id or source path to remove", scale=3)
                drop = gr.Button("Remove", variant="stop", scale=1)
            removed = gr.Markdown()
        with gr.Tab("Retrieval preview", id="kb-preview"):
            query = gr.Textbox(
                label="What would the copilot retrieve for…", placeholder="The CFO says there is no budget"
            )
            with gr.Row():
                k = gr.Slider(1, 20, value=5, step=1, label="How many")
                mode = gr.Radio(["hybrid", "dense", "keyword"], value="hybrid", label="Search")
                preview_type = gr.Dropdown(label="Only type", allow_custom_value=True, choices=[""], value="")
            look = gr.Button("Preview", variant="primary")
            results = gr.Dataframe(
                label="Retrieved, best first",
                interactive=False,
                wrap=True,
                elem_id="kb-results",
                column_widths=["5%", "7%", "8%", "14%", "16%", "14%", "36%"],
            )
        with gr.Tab("Coverage gaps", id="kb-coverage"):
            check = gr.Button("Find gaps", variant="primary")
            gaps = gr.Markdown(elem_id="kb-coverage")
        with gr.Tab("Certifications", id="kb-certifications"):
            practice.build_define(ctx, api_name="define_certification")
        with gr.Tab("Calibration", id="kb-calibration"):
            practice.build_calibration(ctx, organiser=True)

    @guard
    def on_upload(
        paths: list[str] | None, request: gr.Request, progress: gr.Progress = gr.Progress()
    ) -> tuple[Any, ...]:
        done = ops.upload(ctx, ctx.actor(request), paths or [], _reporter(progress))
        return done.summary, done.problems

    @guard
    def on_ingest(request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        done = ops.ingest_all(ctx, ctx.actor(request), _reporter(progress))
        return done.summary, done.problems

    send.click(on_upload, [files], [summary, problems], api_name="kb_upload")
    again.click(on_ingest, None, [summary, problems], api_name="kb_ingest")

    @guard
    def on_show(kind: str | None, request: gr.Request) -> Any:
        return ops.items(ctx, ctx.actor(request), kind or None)

    show.click(on_show, [type_filter], [table], api_name="kb_items")
    type_filter.input(on_show, [type_filter], [table], api_visibility="private")

    @guard
    def on_remove(what: str, request: gr.Request) -> str:
        return ops.remove_item(ctx, ctx.actor(request), what or "")

    drop.click(on_remove, [target], [removed], api_name="kb_remove").success(
        on_show, [type_filter], [table], api_visibility="private"
    )

    @guard
    def on_preview(text: str, many: float, how: str, kind: str | None, request: gr.Request) -> Any:
        return ops.preview(ctx, ctx.actor(request), text or "", int(many), how, kind or None)

    look.click(on_preview, [query, k, mode, preview_type], [results], api_name="kb_preview")
    query.submit(on_preview, [query, k, mode, preview_type], [results], api_visibility="private")

    @guard
    def on_gaps(request: gr.Request) -> str:
        return ops.coverage_md(ctx, ctx.actor(request))

    check.click(on_gaps, None, [gaps], api_name="kb_coverage")
    return EnablementPage(type_filter=type_filter, preview_type=preview_type)
