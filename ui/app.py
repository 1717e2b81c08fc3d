"""Builds the Blocks app from the role pages; nothing here decides anything."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import gradio as gr

from copilot.app import App
from copilot.records.access import Actor
from copilot.runtime import Runtime
from ui import enablement, handlers, manager, rep, scorecard
from ui.auth import PAGES, pages_for
from ui.context import UIContext
from ui.guard import guard
from ui.tempfiles import MAX_AGE_SECONDS

if TYPE_CHECKING:
    from copilot.records.store import Store

TAB_LABELS = {
    "manager": "Manager",
    "rep": "Rep",
    "enablement": "Knowledge base",
    "scorecard": "Scorecard",
    "ask": "Ask the copilot",
}
CSS = "#signed-in {text-align: right}"


def who_markdown(ctx: UIContext, actor: Actor, username: str | None) -> str:
    """Who the page acts as, so nobody wonders whose records they see."""
    if not ctx.team_mode:
        return "Single-user mode: you act as the local admin · set `COPILOT_AUTH=team` for sign-in and roles"
    return f"Signed in as `{html.escape(username or actor.user_id)}` ({actor.role}) · [Sign out](/logout)"


def _chat(application: App) -> None:
    chatbot = gr.Chatbot(label="Conversation", height=420)
    box = gr.Textbox(label="Your question", placeholder="How should I open a 1-on-1 with a struggling rep?")
    send = gr.Button("Send", variant="primary")

    def respond(message: str, history: list[dict[str, Any]]) -> Iterator[tuple[list[dict[str, Any]], str]]:
        history = list(history or [])
        turns = [*history, {"role": "user", "content": message}]
        for text, failed in handlers.chat_reply(application, message, history):
            yield [*turns, {"role": "assistant", "content": text}], message if failed else ""

    send.click(respond, [box, chatbot], [chatbot, box], api_name="chat")
    box.submit(respond, [box, chatbot], [chatbot, box], api_visibility="private")


def build(runtime: Runtime, *, store: Store | None = None) -> tuple[gr.Blocks, UIContext]:
    """The app and the context its handlers share (launch it with ui.serve.launch for team-mode sign-in)."""
    ctx = UIContext(runtime, store=store)
    everyone = not ctx.team_mode  # in team mode every page starts hidden and opens by role after sign-in
    # Gradio removes its copies of uploads and downloads once they are an hour old (checked every 10 minutes)
    with gr.Blocks(title="Sales Coaching Copilot", delete_cache=(600, MAX_AGE_SECONDS)) as app:
        with gr.Row(equal_height=True):
            gr.Markdown("# Sales Coaching Copilot", elem_id="title")
            who = gr.Markdown(elem_id="signed-in")
        gr.Markdown(handlers.status_markdown(runtime), elem_id="status")
        tabs: dict[str, gr.Tab] = {}
        with gr.Tabs() as top:
            with gr.Tab(TAB_LABELS["manager"], id="manager", visible=everyone) as tabs["manager"]:
                manager_page = manager.build(ctx)
            with gr.Tab(TAB_LABELS["rep"], id="rep", visible=everyone) as tabs["rep"]:
                rep_page = rep.build(ctx)
            with gr.Tab(TAB_LABELS["enablement"], id="enablement", visible=everyone) as tabs["enablement"]:
                kb_page = enablement.build(ctx)
            with gr.Tab(TAB_LABELS["scorecard"], id="scorecard", visible=everyone) as tabs["scorecard"]:
                score_page = scorecard.build(ctx)
            with gr.Tab(TAB_LABELS["ask"], id="ask") as tabs["ask"]:
                _chat(ctx.app)
        pages: list[tuple[str, Any]] = [
            ("manager", manager_page),
            ("rep", rep_page),
            ("enablement", kb_page),
            ("scorecard", score_page),
        ]

        @guard
        def on_load(request: gr.Request) -> list[Any]:
            actor = ctx.actor(request)
            visible = pages_for(actor)
            out: list[Any] = [who_markdown(ctx, actor, getattr(request, "username", None))]
            out += [gr.update(visible=name in visible) for name in PAGES]
            out.append(gr.Tabs(selected=next(name for name in PAGES if name in visible)))
            for name, page in pages:
                out += page.on_load(ctx, actor) if name in visible else [gr.update() for _ in page.load_outputs]
            return out

        outputs = [who, *(tabs[name] for name in PAGES), top]
        for _, page in pages:
            outputs += page.load_outputs
        app.load(on_load, None, outputs, api_name="session")
    return app, ctx


def build_app(runtime: Runtime) -> gr.Blocks:
    """The web app for one runtime (single-user unless COPILOT_AUTH=team; see ui.serve.launch)."""
    return build(runtime)[0]
