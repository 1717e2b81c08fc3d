"""Transcript review on a page: upload or paste a call or 1-on-1, see what was measured (no model involved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from copilot.app import App, review
from copilot.errors import CopilotError
from copilot.review import ReviewMeasures
from ui.guard import guard
from ui.tempfiles import discard_upload

KINDS = [("Sales call (rep and buyer)", "call"), ("Coaching conversation (manager and rep)", "coaching")]


def parse_roles(text: str) -> dict[str, str] | None:
    """`Dana=manager, Marcus=rep` as a mapping, or None to let the reviewer infer roles."""
    roles: dict[str, str] = {}
    for part in (p.strip() for p in text.replace("\n", ",").split(",")):
        if not part:
            continue
        name, sep, role = part.rpartition("=")
        if not sep or not name.strip() or not role.strip():
            raise CopilotError(f"roles: {part!r} is not NAME=ROLE", fix="write e.g. Dana=manager, Marcus=rep")
        roles[name.strip()] = role.strip()
    return roles or None


def review_md(m: ReviewMeasures) -> str:
    """The measures as a page: speakers, headline metrics, coaching quality parts, action items, assumptions."""
    mx = m.metrics

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.0%}"

    out = [f"### {'Coaching conversation' if m.kind == 'coaching' else 'Sales call'}: what was measured", ""]
    out += [
        "| speaker | role | talk share | words | questions (open) | longest monologue |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        f"| {name} | {s.role} | {s.talk_share:.0%} | {s.words} | {s.questions} ({s.open_questions}) | "
        f"{s.longest_monologue_words} words |"
        for name, s in m.speakers.items()
    ]
    out += [
        "",
        f"**Rep's talk share** {pct(mx.talk_ratio)} · **open-question rate** {pct(mx.open_question_rate)} · "
        f"**advice rate** {pct(mx.advice_rate)} · **agreements** {mx.agreements} · "
        f"**reconciliations** {mx.reconciliations}",
    ]
    if m.coaching_quality is not None:
        out += ["", f"#### Coaching quality {m.coaching_quality.score:.2f} (0–1)"]
        out += [
            f"- {p.name.replace('_', ' ')}: {p.score:.2f} (target {p.target}) — {p.detail}"
            for p in m.coaching_quality.parts
        ]
    if m.feedback:
        out += ["", "#### Feedback for the manager"]
        out += [f"- {line}" for line in m.feedback]
    out += ["", "#### Action items heard"]
    out += [
        f"- {a.text} — owner {a.owner}"
        + (f", due {a.due}" if a.due else "")
        + (f", count {a.count}" if a.count else "")
        for a in m.action_items
    ] or ["_None: nobody committed to anything with an owner._"]
    if m.assumptions:
        out += ["", "_Assumed: " + "; ".join(m.assumptions) + "_"]
    return "\n".join(out)


def talk_frame(m: ReviewMeasures) -> pd.DataFrame:
    """Talk share per speaker for a bar plot."""
    rows = [{"speaker": f"{n} ({s.role})", "talk share": round(s.talk_share * 100, 1)} for n, s in m.speakers.items()]
    return pd.DataFrame(rows, columns=["speaker", "talk share"])


def acts_frame(m: ReviewMeasures) -> pd.DataFrame:
    """Each turn with its speaker, role and conversational act."""
    rows = [{"#": u.index, "speaker": u.speaker, "role": u.role, "act": u.act, "text": u.text} for u in m.utterances]
    return pd.DataFrame(rows, columns=["#", "speaker", "role", "act", "text"])


def run_review(app: App, file: str | None, pasted: str, kind: str, roles_text: str) -> ReviewMeasures:
    """Review the uploaded file, else the pasted text; either is refused over COPILOT_MAX_TRANSCRIPT_BYTES before it
    is parsed (a 10 MB transcript once took 60 s and stalled everyone else), and Gradio's copy of the file is deleted."""
    if file:
        path = Path(file)
        try:
            review.check_file(app, path)
            raw = path.read_bytes()
        finally:
            discard_upload(path)
        return review.measure(app, raw, kind, parse_roles(roles_text), filename=path.name)
    review.check_text(app, pasted)
    return review.measure(app, pasted, kind, parse_roles(roles_text))


def build(app: App, *, api_name: str, kind: str = "call") -> None:
    """The review widget; the manager and the rep pages each place one."""
    with gr.Row():
        with gr.Column(scale=1):
            file = gr.File(label="Transcript file", file_types=[".txt", ".vtt", ".srt", ".json"], type="filepath")
            pasted = gr.Textbox(label="…or paste it", lines=6, placeholder="Dana: How did the call go?\nMarcus: …")
            chosen = gr.Radio(KINDS, value=kind, label="What is it?")
            roles = gr.Textbox(label="Roles (optional)", placeholder="Dana=manager, Marcus=rep")
            go = gr.Button("Review", variant="primary")
        with gr.Column(scale=2):
            result = gr.Markdown()
            talk = gr.BarPlot(x="speaker", y="talk share", label="Talk share (% of words)", y_lim=[0, 100])
    turns = gr.Dataframe(label="Turns and their acts", interactive=False, wrap=True)

    @guard
    def handle(f: str | None, text: str, which: str, who: str) -> tuple[Any, ...]:
        measures = run_review(app, f, text or "", which, who or "")
        return review_md(measures), talk_frame(measures), acts_frame(measures)

    go.click(handle, [file, pasted, chosen, roles], [result, talk, turns], api_name=api_name)
