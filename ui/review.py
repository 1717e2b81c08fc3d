"""Transcript review on a page: upload or paste a call or 1-on-1, see what was measured and, for a call, each criterion
scored with a quote, as `copilot review` prints it (the same use case; no model involved)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from copilot.app import App, review
from copilot.errors import CopilotError
from copilot.records.inputs import parse_date
from copilot.review import ReviewMeasures
from ui.guard import guard
from ui.tempfiles import discard_upload

KINDS = [
    ("Sales call (rep and buyer): the review tells which kind", "call"),
    ("Discovery call", "call:discovery-call"),
    ("Demo", "call:demo"),
    ("Negotiation", "call:negotiation"),
    ("Objection handling", "call:objection-handling"),
    ("Coaching conversation (manager and rep)", "coaching"),
]
DATE_LABEL = "Date of the conversation (optional)"
CHOOSER = "What is it?"
"""The control that sets the interaction a call is scored as (the command's --interaction)."""


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


def split_kind(choice: str) -> tuple[str, str | None]:
    """'call:demo' -> ('call', 'demo'); 'call' -> ('call', None): the kind of conversation and the interaction."""
    kind, _, interaction = choice.partition(":")
    return kind, interaction or None


def page_words(assumption: str) -> str:
    """An assumption as the page says it: the page's own chooser, not the command's --interaction flag."""
    head, flag, _ = assumption.partition("pass --interaction to choose")
    return f"{head}choose another under '{CHOOSER}'" if flag else assumption


def scores_md(result: dict[str, Any]) -> list[str]:
    """A call's per-criterion scores as the command prints them: level, label, criterion, the rep's quote, why."""
    if "scores" not in result:
        return []
    out = ["", f"#### Scored as {result['interaction']}"]
    if result.get("interaction_sure") is False:
        out += [
            f"**Not sure which kind of call this is** (could be {', '.join(result['interaction_options'])}): "
            f"scored as {result['interaction']} for now. Choose the kind under **{CHOOSER}** and review again."
        ]
    out += ["", "| level | criterion | evidence | why |", "|---|---|---|---|"]
    for sc in result["scores"]:
        quote = review.shown_evidence(sc).replace("|", "\\|")
        out.append(
            f"| {sc['level']} {sc['label']} | {sc['criterion_id']} | {quote} | {sc['reason'].replace('|', '/')} |"
        )
    return out


def review_md(m: ReviewMeasures, result: dict[str, Any] | None = None) -> str:
    """The measures as a page: speakers, headline metrics, a call's scores, coaching quality parts, action items
    (with the date each deadline resolves to), assumptions."""
    result = result or {"action_items": [a.model_dump(mode="json") for a in m.action_items]}
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
    out += scores_md(result)
    if m.coaching_quality is not None:
        out += ["", f"#### Coaching quality {m.coaching_quality.score:.2f} (0–1)"]
        out += [
            f"- {p.name.replace('_', ' ')}: {p.score:.2f} (target {p.target}) — {p.detail}"
            for p in m.coaching_quality.parts
        ]
    if m.feedback:
        out += ["", "#### Feedback for the manager"]
        out += [f"- {line}" for line in m.feedback]
    dated = (
        f" (deadlines counted from {dt.date.fromisoformat(result['date']):%a %d %b %Y})" if result.get("date") else ""
    )
    out += ["", f"#### Action items heard{dated}"]
    out += [
        f"- {a['text']} — owner {a['owner']}"
        + review.due_words(a)
        + (f", count {a['count']}" if a.get("count") else "")
        + ("; says only 'it': write down what" if a.get("vague") else "")
        for a in result["action_items"]
    ] or ["_None: nobody committed to anything with an owner._"]
    assumptions = [page_words(a) for a in result.get("assumptions", m.assumptions)]
    if assumptions:
        out += ["", "_Assumed: " + "; ".join(assumptions) + "_"]
    return "\n".join(out)


def talk_frame(m: ReviewMeasures) -> pd.DataFrame:
    """Talk share per speaker for a bar plot."""
    rows = [{"speaker": f"{n} ({s.role})", "talk share": round(s.talk_share * 100, 1)} for n, s in m.speakers.items()]
    return pd.DataFrame(rows, columns=["speaker", "talk share"])


def acts_frame(m: ReviewMeasures) -> pd.DataFrame:
    """Each turn with its speaker, role and conversational act, numbered from 1 as the feedback counts turns."""
    rows = [
        {"#": u.index + 1, "speaker": u.speaker, "role": u.role, "act": u.act, "text": u.text} for u in m.utterances
    ]
    return pd.DataFrame(rows, columns=["#", "speaker", "role", "act", "text"])


def run_review(
    app: App, file: str | None, pasted: str, kind: str, roles_text: str, day_text: str = ""
) -> tuple[dict[str, Any], ReviewMeasures]:
    """Review the uploaded file, else the pasted text, through the command's use case (a call is scored too).

    Either is refused over COPILOT_MAX_TRANSCRIPT_BYTES before it is parsed (a 10 MB transcript once took 60 s and
    stalled everyone else), and Gradio's copy of the file is deleted. `kind` is 'call', 'call:<interaction>' or
    'coaching'. `day_text` is the conversation's date (YYYY-MM-DD) that deadlines like 'by Tuesday' resolve against;
    when empty, the date the transcript states, else today, as the review then says.
    """
    which, interaction = split_kind(kind)
    if which not in review.KINDS:
        raise CopilotError(f"{kind!r} is not a kind of conversation", fix="use call or coaching")
    day = parse_date(day_text, "date of the conversation") if day_text.strip() else None
    run = review.ReviewRun(kind=which, interaction=interaction, roles=parse_roles(roles_text), day=day)
    if interaction:
        review.call_scorer(app, which, interaction)  # an unknown map is refused before the transcript is read
    if file:
        path = Path(file)
        try:
            review.check_file(app, path)
            raw = path.read_bytes()
        finally:
            discard_upload(path)
        return review.review_source(app, raw, run, filename=path.name)
    review.check_text(app, pasted)
    return review.review_source(app, pasted, run)


def build(app: App, *, api_name: str, kind: str = "call") -> None:
    """The review widget; the manager and the rep pages each place one."""
    with gr.Row():
        with gr.Column(scale=1):
            file = gr.File(label="Transcript file", file_types=[".txt", ".vtt", ".srt", ".json"], type="filepath")
            pasted = gr.Textbox(label="…or paste it", lines=6, placeholder="Dana: How did the call go?\nMarcus: …")
            chosen = gr.Radio(KINDS, value=kind, label=CHOOSER)
            roles = gr.Textbox(label="Roles (optional)", placeholder="Dana=manager, Marcus=rep")
            when = gr.Textbox(
                label=DATE_LABEL,
                placeholder="YYYY-MM-DD: deadlines like 'by Tuesday' count from it (default: the transcript's, else today)",
            )
            go = gr.Button("Review", variant="primary")
        with gr.Column(scale=2):
            result = gr.Markdown(elem_id=f"{api_name}-result")
            talk = gr.BarPlot(x="speaker", y="talk share", label="Talk share (% of words)", y_lim=[0, 100])
    turns = gr.Dataframe(label="Turns and their acts", interactive=False, wrap=True)

    @guard
    def handle(f: str | None, text: str, which: str, who: str, day: str | None = "") -> tuple[Any, ...]:
        result, measures = run_review(app, f, text or "", which, who or "", day or "")
        return review_md(measures, result), talk_frame(measures), acts_frame(measures)

    go.click(handle, [file, pasted, chosen, roles, when], [result, talk, turns], api_name=api_name)
