"""`copilot scenarios`, `copilot roleplay` and `copilot assign-scenario`: practise objections against a buyer.

`roleplay` is interactive in the terminal (the buyer's turns stream as they are accepted; /quit ends and scores)
or reads the rep's turns from a file (`--rep-lines`, one per line, blank lines skipped). With `--rep` every turn
is saved with the rep's records, so an interrupted session can be resumed with `--resume`. Which scenario, model
and session are used is decided by copilot.app.roleplay, the same use cases the web app's Roleplay tab calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from copilot.cli.options import AS, JSON, current_app, day, maybe_day
from copilot.cli.output import emit_json
from copilot.errors import ConfigError

if TYPE_CHECKING:
    from copilot.app import App, ModelChoice
    from copilot.llm.base import ChatModel
    from copilot.records.access import Actor
    from copilot.roleplay.models import Scenario
    from copilot.roleplay.progress import StoredSession
    from copilot.roleplay.session import RoleplayResult, RoleplaySession

QUIT = {"/quit", "/exit", "/q"}
MAX_FILE_BYTES = 2_000_000

app = typer.Typer()


def _model_note(choice: ModelChoice, no_model: bool) -> None:
    """Say on stderr why the buyer speaks curated lines, unless --no-model asked for them."""
    if choice.failure is not None:
        why = choice.failure.message
        typer.echo(f"note: the model is unavailable ({why}); the buyer speaks curated lines", err=True)
    elif choice.model is None and not no_model:
        typer.echo(f"note: the buyer speaks curated lines ({choice.off_reason}); see COPILOT_MODEL_FEATURES", err=True)


def _read_lines(path: Path) -> list[str]:
    """The rep's turns: one per line, blank lines skipped."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ConfigError(
                "--rep-lines", f"{path} is larger than 2 MB", fix="pass a file of rep turns, one per line"
            )
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(
            "--rep-lines", f"cannot read {path} ({exc.strerror})", fix="pass an existing text file"
        ) from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ConfigError("--rep-lines", f"{path} holds no rep turns", fix="write one rep turn per line")
    return lines


def _sink(to_stderr: bool) -> Callable[[str], None]:
    """Where streamed text goes: the terminal, or stderr when stdout is kept for JSON."""
    return lambda piece: typer.echo(piece, nl=False, err=to_stderr)


def _interact(session: RoleplaySession, say: Callable[[str], None]) -> None:
    """Rep types, buyer streams, until the buyer ends it or the rep types /quit (or closes input)."""
    while not session.ended:
        say("\nyou> ")
        try:
            text = input()
        except EOFError:
            break
        if text.strip().lower() in QUIT:
            break
        say("buyer> ")
        session.rep_says(text, sink=say)
        say("\n")
    if session.ended:
        say(f"\n[the buyer ended the conversation: {(session.outcome or '').replace('_', ' ')}]\n")


def _open_session(
    application: App,
    actor: Actor | None,
    rep: str | None,
    chosen: Scenario,
    model: ChatModel | None,
    *,
    resume: bool,
    ask: bool,
) -> tuple[RoleplaySession, StoredSession | None]:
    """A session saved with the rep's records (new or resumed), or a throwaway one without --rep."""
    from copilot.app import roleplay as use
    from copilot.roleplay.session import RoleplaySession

    if actor is None or rep is None:
        return RoleplaySession(application.kb, chosen, model), None
    if not resume and ask and use.unfinished(application, actor, rep, chosen.id):
        resume = typer.confirm("You have an unfinished session of this scenario. Resume it?", default=True, err=True)
    if resume:
        stored = use.resume(application, actor, rep, chosen.id, model)
    else:
        stored = use.start(application, actor, rep, chosen, model)
    return stored.session, stored


def _render(result: RoleplayResult) -> str:
    s = result.score
    lines = [
        f"\nOutcome: {s.outcome.replace('_', ' ')}   overall {s.overall}/4   ({result.scenario.id}, {s.difficulty})",
    ]
    for c in s.scores:
        lines.append(f"  {c.title:<46} {c.label} ({c.level})  {c.evidence}")
    lines.append(
        f"Talk ratio {round(s.talk_ratio * 100)}%   questions: {s.questions.open} open, {s.questions.closed} closed"
    )
    fb = result.feedback
    point = fb.turning_point if fb else None
    if point is not None:
        lines.append(f'Where it turned: your turn {point.turn}, "{point.rep_said}" - {point.what_happened}.')
        if point.step:
            lines.append(f"  The step it wanted: {point.step}")
        if point.better_line:
            cited = f" [{', '.join(point.proof_ids)}]" if point.proof_ids else ""
            lines.append(f'  A better line: "{point.better_line}"{cited}')
    for given in fb.given_away if fb else []:
        lines.append(f"Given away: {given}")
    for n in fb.drills if fb and fb.drills else s.next_steps:
        ref = f" [{n.activity_id}]" if n.activity_id else ""
        lines.append(f"Next: {n.title}{ref} - {n.why}")
    return "\n".join(lines)


def prepared_note(result: RoleplayResult, model_used: bool) -> str | None:
    """Say when the buyer's words were prepared lines rather than the model's, and why (only --json said so)."""
    buyer = [t for t in result.turns if t.speaker == "buyer"]
    prepared = [t for t in buyer if t.source != "model"]
    if not prepared:
        return None
    if not model_used:
        return f"note: the buyer spoke prepared lines ({len(prepared)} of {len(buyer)} turns): no model was used"
    problems = [p for t in prepared for p in t.problems]
    why = f"the model's lines were rejected ({problems[0]})" if problems else "the model did not write them"
    return (
        f"note: the buyer used prepared lines in {len(prepared)} of {len(buyer)} turns: {why} "
        "(fix: a stronger model writes more of them, see COPILOT_LLM_MODEL in docs/settings.md)"
    )


@app.command()
def scenarios(
    ctx: typer.Context,
    card: str = typer.Option(None, "--card", help="Print one scenario's card."),
    rep: str = typer.Option(None, "--rep", help="Also show this rep's assignments, open sessions and trends."),
    today: str = typer.Option(None, "--today", help="Evaluate the rep as of YYYY-MM-DD (default today)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """List the roleplay scenarios (or print one card; with --rep, the rep's practice)."""
    from copilot.app import roleplay as use
    from copilot.roleplay.scenarios import card as card_data
    from copilot.roleplay.scenarios import render_card

    application = current_app(ctx)
    if card:
        scenario = use.scenario(application, card)
        emit_json(card_data(application.kb, scenario)) if as_json else typer.echo(render_card(application.kb, scenario))
        return
    listed = [card_data(application.kb, s) for s in use.scenarios(application)]
    payload: dict[str, Any] = {"scenarios": listed}
    if rep:
        actor = application.actor(as_user)
        suggested = use.suggested(application, actor, rep, day(today))
        practice = use.practice(application, actor, rep)
        payload["rep"] = {
            "id": rep,
            "suggested": card_data(application.kb, suggested),
            "assignments": [a.model_dump(mode="json") for a in practice.assignments],
            "open_sessions": [
                {
                    "id": v.id,
                    "scenario": v.scenario,
                    "updated_at": v.updated_at.isoformat(),
                    "turns": len(v.state.get("turns", [])),
                }
                for v in practice.unfinished
            ],
            "trends": [t.model_dump(mode="json") for t in practice.trends],
        }
    if as_json:
        emit_json(payload)
        return
    for s in listed:
        objections = ", ".join(o["id"] for o in s["objections"])
        typer.echo(f"{s['id']:<30} {s['difficulty']:<10} {s['title']}  [{objections}]")
    if rep:
        r = payload["rep"]
        typer.echo(f"\nSuggested for {rep} (weakest steps): {r['suggested']['id']} at {r['suggested']['difficulty']}")
        for a in r["assignments"]:
            typer.echo(f"Assigned: {a['scenario']} to level {a['target_level']} ({a['status']}, due {a['due'] or '-'})")
        for o in r["open_sessions"]:
            typer.echo(f"Unfinished: {o['scenario']} ({o['turns']} turns) - resume with --resume")
        for t in r["trends"]:
            overall = " -> ".join(str(p["overall"]) for p in t["attempts"])
            typer.echo(f"Trend {t['scenario']}: {overall} ({t['direction']})")


@app.command()
def roleplay(
    ctx: typer.Context,
    scenario: str = typer.Option(None, "--scenario", help="Scenario id (see `copilot scenarios`)."),
    rep: str = typer.Option(None, "--rep", help="Save the session and the attempt with this rep's records."),
    rep_lines: Path = typer.Option(None, "--rep-lines", help="Read the rep's turns from a file, one per line."),
    resume: bool = typer.Option(
        False,
        "--resume",
        help="Continue the rep's unfinished session of the scenario; `--resume SESSION_ID` continues that "
        "session, and with --from-turn rewinds it to that rep turn to try a different line from there.",
    ),
    session_id: str = typer.Argument(
        None, metavar="[SESSION_ID]", help="With --resume: the session (rps-…) to continue or rewind."
    ),
    from_turn: int = typer.Option(
        None, "--from-turn", min=1, help="With --resume ID: branch from your N-th turn (1 = your first)."
    ),
    weakest: bool = typer.Option(False, "--weakest", help="Build the scenario from the rep's weakest steps."),
    no_model: bool = typer.Option(False, "--no-model", help="The buyer speaks curated lines only."),
    today: str = typer.Option(None, "--today", help="Date the attempt YYYY-MM-DD (default today)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Practise objection handling against a simulated buyer, then see the score with quoted evidence."""
    from copilot.app import roleplay as use
    from copilot.roleplay.rewind import render_comparison
    from copilot.roleplay.scenarios import render_card

    if session_id and not resume:
        raise ConfigError("SESSION_ID", f"{session_id!r} given without --resume", fix=f"--resume {session_id}")
    by_id = bool(resume and session_id)
    if from_turn is not None and not by_id:
        raise ConfigError("--from-turn", "needs the session to rewind", fix="add --resume SESSION_ID")
    if resume and not by_id and not (rep and scenario):
        raise ConfigError("--resume", "needs --rep and --scenario", fix="add --rep ID --scenario ID")
    application = current_app(ctx)
    date = day(today)
    lines = _read_lines(rep_lines) if rep_lines else None
    choice = use.buyer_model(application, no_model=no_model)
    _model_note(choice, no_model)
    model = choice.model
    interactive = lines is None
    say = _sink(as_json)
    stored: StoredSession | None
    if by_id:
        actor = application.actor(as_user)
        if from_turn is not None:
            stored = use.rewind(application, actor, session_id, from_turn, model, date)
        else:
            stored = use.by_id(application, actor, session_id, model)
        session, rep = stored.session, application.store.roleplay_session(actor, stored.id).rep_id
    else:
        actor = application.actor(as_user) if rep else None
        chosen = use.choose_scenario(
            application, actor or application.actor(), use.WEAKEST if weakest else scenario, rep=rep, today=date
        )
        session, stored = _open_session(application, actor, rep, chosen, model, resume=resume, ask=interactive)
    sink = say if interactive else None
    if interactive and model is not None:
        threading.Thread(target=session.buyer.warm_up, daemon=True).start()
    if interactive:
        say(render_card(application.kb, session.scenario) + "\n\nType your answers; /quit ends and scores.\n\n")
        reps = 0
        for turn in session.turns:
            reps += turn.speaker == "rep"
            say(f"{'buyer' if turn.speaker == 'buyer' else f'you ({reps})'}> {turn.text}\n")
    if not session.turns:
        if sink:
            say("buyer> ")
        session.open(sink=sink)
        if sink:
            say("\n")
    if session.pending:
        session.resume(sink=sink)
    unused = 0
    try:
        if lines is None:
            _interact(session, say)
        else:
            for i, line in enumerate(lines):
                if session.ended:
                    unused = len(lines) - i
                    break
                session.rep_says(line)
    except KeyboardInterrupt:
        if stored:
            typer.echo(f"\nsaved; continue with --resume --rep {rep} --scenario {session.scenario.id}", err=True)
        raise typer.Exit(130) from None
    comparison = None
    if stored:
        done = use.finish(application, stored.actor, stored, date)
        result, comparison = done.result, done.comparison
        extra: dict[str, Any] = {"session_id": stored.id, "attempt_id": done.attempt.id}
    else:
        result, extra = session.finish(), {}
    if comparison is not None:
        extra["comparison"] = comparison.model_dump(mode="json")
    if as_json:
        emit_json({**result.payload(), **extra, "unused_lines": unused})
        return
    if lines is not None:
        reps = 0
        for turn in result.turns:
            reps += turn.speaker == "rep"
            typer.echo(f"{'buyer' if turn.speaker == 'buyer' else f'you ({reps})'}> {turn.text}")
    typer.echo(_render(result))
    note = prepared_note(result, model is not None)
    if note:
        typer.echo(note, err=True)
    if unused:
        typer.echo(f"({unused} rep line(s) not used: the buyer had ended the conversation)")
    if comparison is not None:
        typer.echo(render_comparison(comparison))
    if stored:
        typer.echo(f"saved as attempt {extra['attempt_id']} (session {stored.id})")
        typer.echo(f"rewind from any of your turns: copilot roleplay --resume {stored.id} --from-turn N")


@app.command("assign-scenario")
def assign_scenario(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="Rep id."),
    scenario: str = typer.Option(..., "--scenario", help="Scenario id (see `copilot scenarios`)."),
    target: str = typer.Option("good", "--target", help="Level every step should reach: 1-4 or its name."),
    due: str = typer.Option(None, "--due", help="Due date YYYY-MM-DD."),
    today: str = typer.Option(None, "--today", help="Assignment date YYYY-MM-DD (default today)."),
    as_user: str = AS,
    as_json: bool = JSON,
) -> None:
    """Assign a roleplay scenario to a rep with a target level (their manager or an admin)."""
    from copilot.app import roleplay as use

    application = current_app(ctx)
    actor = application.actor(as_user)
    view = use.assign(application, actor, rep, scenario, target, due=maybe_day(due, "--due"), today=day(today))
    if as_json:
        emit_json(view.model_dump(mode="json"))
        return
    typer.echo(f"assigned {view.scenario} to {view.rep_id} with target level {view.target_level} ({view.id})")
