"""The rep's roleplay tab. The roleplay core (copilot.roleplay) has not landed yet, so this tab says so plainly."""

from __future__ import annotations

import importlib.util

import gradio as gr

from ui.context import UIContext

NOT_YET = (
    "### Roleplay is not available yet\n\n"
    "Practising objections against a simulated buyer (pick or get a scenario, read the card, chat with the "
    "buyer, see the score with evidence and the next drill, retry) arrives with the roleplay feature. "
    "Until then, your manager can assign roleplay activities and you can review your own calls under **Self-review**."
)


def available() -> bool:
    """Whether the roleplay core is installed (the tab is built against it once it exists)."""
    return importlib.util.find_spec("copilot.roleplay") is not None


def build(ctx: UIContext) -> None:
    """A clearly labelled placeholder listing the scenarios the knowledge base already holds."""
    scenarios = sorted(ctx.kb.scenarios.values(), key=lambda s: (s.difficulty, s.title)) if _kb_loads(ctx) else []
    lines = [f"- **{s.title}** ({s.difficulty}) `{s.id}`" for s in scenarios]
    text = NOT_YET + ("\n\n#### Scenarios ready for it\n" + "\n".join(lines) if lines else "")
    gr.Markdown(text, elem_id="roleplay-not-available")


def _kb_loads(ctx: UIContext) -> bool:
    """The scenario list is a courtesy: a knowledge folder that does not load must not stop the app from starting."""
    from copilot.errors import CopilotError

    try:
        return bool(ctx.kb.scenarios)
    except CopilotError:
        return False
