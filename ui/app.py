"""Builds the Blocks app from handlers; nothing here decides anything."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from copilot.runtime import Runtime
from ui import handlers


def build_app(runtime: Runtime) -> gr.Blocks:
    """The web app for one runtime."""
    with gr.Blocks(title="Sales Coaching Copilot") as app:
        gr.Markdown("# Sales Coaching Copilot")
        gr.Markdown(handlers.status_markdown(runtime))
        with gr.Tab("Ask the copilot"):
            chatbot = gr.Chatbot(label="Conversation", height=420)
            box = gr.Textbox(label="Your question", placeholder="How should I open a 1-on-1 with a struggling rep?")
            send = gr.Button("Send", variant="primary")

            def respond(message: str, history: list[dict[str, Any]]) -> Iterator[tuple[list[dict[str, Any]], str]]:
                history = list(history or [])
                turns = [*history, {"role": "user", "content": message}]
                for text in handlers.chat_reply(runtime, message, history):
                    yield [*turns, {"role": "assistant", "content": text}], ""

            send.click(respond, [box, chatbot], [chatbot, box], api_name="chat")
            box.submit(respond, [box, chatbot], [chatbot, box], api_visibility="private")
    return app
