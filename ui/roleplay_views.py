"""Roleplay data shown as Markdown, chat messages and frames; presentation only, the roleplay core decides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from copilot.knowledge.schema import LEVEL_BY_SCORE, KnowledgeBase
from copilot.records.practice import RoleplayAssignmentView
from copilot.records.views import RoleplayAttemptView
from copilot.roleplay.feedback import Feedback
from copilot.roleplay.models import NextStepItem, RoleplayScore, Scenario, Turn
from copilot.roleplay.progress import ScenarioTrend
from copilot.roleplay.rewind import BranchComparison
from copilot.roleplay.scenarios import card

# "change" is since the first attempt and the direction is the latest attempt's against the one before: named so, a
# run of 2.0 -> 1.6 -> 2.0 reads "0 since first, latest up" rather than "change 0, improving"
TREND_COLUMNS = [
    "scenario",
    "attempts",
    "overall per attempt",
    "best",
    "change since first",
    "latest vs previous",
    "last practised",
]
POINT_COLUMNS = ["attempt", "overall", "scenario"]
ATTEMPT_COLUMNS = ["date", "scenario", "difficulty", "overall", "outcome", "levels", "attempt"]
ASSIGNMENT_COLUMNS = ["scenario", "target", "assigned", "due", "status", "attempt", "id"]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _level(score: int | None) -> str:
    return LEVEL_BY_SCORE[score].label if score in LEVEL_BY_SCORE else "—"


def scenario_title(kb: KnowledgeBase, scenario_id: str) -> str:
    """The scenario's title as the knowledge base writes it (the id when it is gone)."""
    found = kb.scenarios.get(scenario_id)
    return found.title if found else scenario_id


def card_md(kb: KnowledgeBase, scenario: Scenario) -> str:
    """The card a rep reads before starting: the buyer, the deal, the goal, what to expect and what is scored."""
    data = card(kb, scenario)
    lines = [
        f"### {data['title']}",
        f"`{scenario.id}` · difficulty **{scenario.difficulty}**",
        "",
        f"**Buyer:** {data['buyer']}  ",
        f"**Mood:** {data['disposition']}  ",
        f"**Deal:** {data['deal_context']}",
        "",
        f"**Your goal:** {data['goal']}",
        "",
        "**Objections you may meet:** " + "; ".join(o["title"] for o in data["objections"]),
        "",
        f"**How this buyer plays ({scenario.difficulty}):** {data['difficulty_rule']}",
        "",
        "**Scored on:** " + "; ".join(c["title"] for c in data["scored_on"]),
    ]
    if data["messaging"]:
        lines += ["", "**Messaging for this buyer:** " + " / ".join(data["messaging"])]
    if scenario.focus_criteria:
        titles = [kb.criteria[c].title for c in scenario.focus_criteria if c in kb.criteria]
        lines += ["", "**Built to practise your weakest steps:** " + "; ".join(titles)]
    if scenario.target_level:
        lines += ["", f"**Target set by your manager:** {_level(scenario.target_level)} on every step"]
    return "\n".join(lines)


def chat(turns: Sequence[Turn]) -> list[dict[str, Any]]:
    """The conversation as chat messages: the buyer on the left, the rep on the right."""
    return [{"role": "assistant" if t.speaker == "buyer" else "user", "content": t.text} for t in turns]


def model_note(turn: Turn | None) -> str:
    """Why the buyer spoke a prepared line instead of the model's words, when the model failed or wrote nonsense."""
    if turn is None or turn.speaker != "buyer" or turn.source == "model" or not turn.problems:
        return ""
    failed = next((p.removeprefix("model failed: ") for p in turn.problems if p.startswith("model failed")), None)
    if failed:
        return (
            f"⚠ The language model failed ({failed}), so the buyer answered with a prepared line. "
            "Your turn is saved; carry on."
        )
    if turn.source == "model+curated":
        return f"ℹ The model's words missed part of the point ({turn.problems[-1]}); the buyer finished with a prepared line."
    return f"ℹ The model's wording was not usable ({turn.problems[-1]}), so the buyer used a prepared line."


def score_md(
    kb: KnowledgeBase,
    scenario: Scenario,
    score: RoleplayScore,
    attempt_id: str,
    reached: bool,
    steps: Sequence[NextStepItem] | None = None,
) -> str:
    """The score per rubric step with the quoted evidence, the talk ratio, questions and the next drill."""
    outcome = score.outcome.replace("_", " ")
    lines = [
        f"## Your score: {score.overall:.1f} / 4 · the buyer: {outcome}",
        f"{scenario.title} (`{scenario.id}`, {scenario.difficulty}) · saved as attempt `{attempt_id}`",
    ]
    if scenario.target_level:
        target = _level(scenario.target_level)
        lines.append(
            f"\n**Target {target} on every step: reached** — your manager's assignment is marked done."
            if reached
            else f"\n**Target {target} on every step: not yet** — retry until every step reaches it."
        )
    lines += ["", "| Step | Level | Evidence (your words) | Why |", "| --- | --- | --- | --- |"]
    for c in score.scores:
        lines.append(f"| {_cell(c.title)} | {c.level} {c.label} | {_cell(c.evidence)} | {_cell(c.why)} |")
    lines += [
        "",
        f"**Talk ratio:** {round(score.talk_ratio * 100)}% of the words were yours · "
        f"**Questions:** {score.questions.open} open, {score.questions.closed} closed",
        "",
        "### Next drill",
    ]
    for n in steps or score.next_steps:
        activity = kb.activities.get(n.activity_id or "")
        if activity is not None:
            lines.append(
                f"- **{activity.title}** (`{activity.id}`, {activity.kind.replace('_', ' ')}, "
                f"{activity.duration_minutes} min) — {n.why}"
            )
        else:
            lines.append(f"- **{n.title}** — {n.why}")
    lines += ["", "Press **Retry the same scenario** to go again."]
    return "\n".join(lines)


def feedback_md(fb: Feedback | None) -> str:
    """Where the conversation turned, the line that would have worked there, and what was given away."""
    if fb is None:
        return ""
    lines: list[str] = []
    point = fb.turning_point
    if point is not None:
        lines += [
            "",
            "### Where it turned",
            f'Your turn {point.turn}: "{_cell(point.rep_said)}" — {point.what_happened}.',
        ]
        if point.step:
            lines.append(f"\n**The step it wanted:** {point.step}")
        if point.better_line:
            cited = f" ({', '.join(f'`{p}`' for p in point.proof_ids)})" if point.proof_ids else ""
            lines.append(f'\n**A better line:** "{point.better_line}"{cited}')
        if not point.went_well:
            lines.append(f"\nEdit your turn {point.turn} in the conversation (✎) to rewind and try it.")
    if fb.given_away:
        lines += ["", "### Given away", *(f"- {g}" for g in fb.given_away)]
    return "\n".join(lines)


def comparison_md(c: BranchComparison) -> str:
    """Both branches' scores side by side."""
    outcome = {k: v["outcome"].replace("_", " ") for k, v in (("before", c.before), ("after", c.after))}
    lines = [
        "",
        f"### Both branches (rewound to your turn {c.branch_turn})",
        "| | First | This branch |",
        "| --- | --- | --- |",
        f"| Outcome | {outcome['before']} | {outcome['after']} |",
        f"| Overall | {c.before['overall']} | {c.after['overall']} |",
    ]
    lines += [f"| {_cell(r.title)} | {r.before or '-'} | {r.after or '-'} |" for r in c.rows]
    gave = {k: len(v["concessions"]) for k, v in (("before", c.before), ("after", c.after))}
    lines.append(f"| Concessions | {gave['before']} | {gave['after']} |")
    return "\n".join(lines)


def trend_frame(kb: KnowledgeBase, trends: Sequence[ScenarioTrend]) -> pd.DataFrame:
    """One row per scenario practised: every attempt's overall level, the best, the change and the direction."""
    rows = [
        {
            "scenario": scenario_title(kb, t.scenario),
            "attempts": len(t.attempts),
            "overall per attempt": " → ".join(f"{p.overall:.1f}" for p in t.attempts),
            "best": t.best,
            "change since first": t.change,
            "latest vs previous": t.direction,
            "last practised": t.attempts[-1].date,
        }
        for t in trends
    ]
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


def trend_points(kb: KnowledgeBase, trends: Sequence[ScenarioTrend]) -> pd.DataFrame:
    """Overall level per attempt, one line per scenario, for the plot."""
    rows = [
        {"attempt": i, "overall": p.overall, "scenario": scenario_title(kb, t.scenario)}
        for t in trends
        for i, p in enumerate(t.attempts, start=1)
    ]
    return pd.DataFrame(rows, columns=POINT_COLUMNS)


def attempts_frame(kb: KnowledgeBase, attempts: Sequence[RoleplayAttemptView], limit: int = 20) -> pd.DataFrame:
    """The latest attempts, newest first, with the level per step."""
    short = {c.id: c.title for c in kb.criteria.values()}
    rows = []
    for a in list(attempts)[::-1][:limit]:
        scores: dict[str, Any] = a.scores
        levels = ", ".join(
            f"{short.get(s.get('criterion_id', ''), s.get('criterion_id', ''))} {s.get('level')}"
            for s in scores.get("scores", [])
        )
        rows.append(
            {
                "date": a.date.isoformat(),
                "scenario": scenario_title(kb, a.scenario),
                "difficulty": scores.get("difficulty", ""),
                "overall": scores.get("overall"),
                "outcome": str(scores.get("outcome", "")).replace("_", " "),
                "levels": levels,
                "attempt": a.id,
            }
        )
    return pd.DataFrame(rows, columns=ATTEMPT_COLUMNS)


def assignments_frame(kb: KnowledgeBase, assignments: Sequence[RoleplayAssignmentView]) -> pd.DataFrame:
    """Scenarios assigned to the rep, with the target level and whether an attempt reached it."""
    rows = [
        {
            "scenario": scenario_title(kb, a.scenario),
            "target": _level(a.target_level),
            "assigned": a.assigned_on.isoformat(),
            "due": a.due.isoformat() if a.due else "",
            "status": a.status,
            "attempt": a.attempt_id or "",
            "id": a.id,
        }
        for a in assignments
    ]
    return pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)
