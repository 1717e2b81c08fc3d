"""`copilot scenarios`, `copilot roleplay` and `copilot assign-scenario`: practise objections against a buyer.

`roleplay` is interactive in the terminal (the buyer's turns stream as they are accepted; /quit ends and scores)
or reads the rep's turns from a file (`--rep-lines`, one per line, blank lines skipped). With `--rep` every turn
is saved with the rep's records, so an interrupted session can be resumed with `--resume`.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from copilot.cli.output import emit_json
from copilot.errors import ConfigError, ModelError

if TYPE_CHECKING:
    from copilot.knowledge.schema import KnowledgeBase
    from copilot.llm.base import ChatModel
    from copilot.records.access import Actor
    from copilot.records.store import Store
    from copilot.roleplay.models import Scenario
    from copilot.roleplay.progress import StoredSession
    from copilot.roleplay.session import RoleplayResult, RoleplaySession

AS = typer.Option(None, "--as", help="Act as this stored user (default: the local admin).")
JSON = typer.Option(False, "--json", help="Print JSON.")
QUIT = {"/quit", "/exit", "/q"}
MAX_FILE_BYTES = 2_000_000


def _kb() -> KnowledgeBase:
    from copilot.cli.main import settings
    from copilot.records.reference import load_knowledge

    return load_knowledge(settings())


def _store(as_user: str | None) -> tuple[Store, Actor]:
    from copilot.cli.main import settings
    from copilot.records.access import Actor
    from copilot.records.store import open_store

    store = open_store(settings())
    return store, (store.actor(as_user) if as_user else Actor.local_admin())


def _day(value: str | None, what: str) -> dt.date:
    from copilot.records.inputs import parse_date

    return parse_date(value, what) if value else dt.date.today()


def _model(no_model: bool) -> ChatModel | None:
    """The configured chat model; if it cannot load, the buyer speaks curated lines (said on stderr)."""
    if no_model:
        return None
    from copilot.cli.main import settings
    from copilot.model_use import plan
    from copilot.runtime import Runtime

    s = settings()
    use = plan(s)["roleplay_buyer"]
    if not use.on:
        typer.echo(f"note: the buyer speaks curated lines ({use.reason}); see COPILOT_MODEL_FEATURES", err=True)
        return None
    try:
        return Runtime(s).chat_model
    except ModelError as err:
        typer.echo(f"note: the model is unavailable ({err.message}); the buyer speaks curated lines", err=True)
        return None


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


def _scenario(
    kb: KnowledgeBase,
    store: Store | None,
    actor: Actor | None,
    rep: str | None,
    scenario_id: str | None,
    weakest: bool,
    today: dt.date,
) -> Scenario:
    """The scenario to play: built from the rep's weakest steps, assigned by their manager, or as written."""
    from copilot.roleplay.progress import open_assignment
    from copilot.roleplay.scenarios import assigned, scenario_from_kb
    from copilot.roleplay.scenarios import weakest as build_weakest

    if weakest:
        if store is None or actor is None or rep is None:
            raise ConfigError("--weakest", "needs --rep", fix="add --rep ID")
        return build_weakest(kb, store.rep_status(actor, rep, today))
    if not scenario_id:
        raise ConfigError("--scenario", "no scenario given", fix="pass --scenario ID (see `copilot scenarios`)")
    scenario = scenario_from_kb(kb, scenario_id)
    if store is not None and actor is not None and rep is not None:
        found = open_assignment(store.scenario_assignments(actor, rep), scenario.id)
        if found:
            return assigned(kb, scenario.id, target_level=found.target_level, assignment_id=found.id)
    return scenario


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
    kb: KnowledgeBase,
    store: Store | None,
    actor: Actor | None,
    rep: str | None,
    chosen: Scenario,
    model: ChatModel | None,
    *,
    resume: bool,
    ask: bool,
) -> tuple[RoleplaySession, StoredSession | None]:
    """A session saved with the rep's records (new or resumed), or a throwaway one without --rep."""
    from copilot.roleplay.progress import StoredSession
    from copilot.roleplay.session import RoleplaySession

    if store is None or actor is None or rep is None:
        return RoleplaySession(kb, chosen, model), None
    if not resume and ask and store.open_roleplay_sessions(actor, rep, scenario=chosen.id):
        resume = typer.confirm("You have an unfinished session of this scenario. Resume it?", default=True, err=True)
    if resume:
        stored = StoredSession.resume(store, actor, rep, kb, chosen.id, model)
    else:
        stored = StoredSession.start(store, actor, rep, kb, chosen, model)
    return stored.session, stored


def _by_id(
    kb: KnowledgeBase, store: Store, actor: Actor, session_id: str, from_turn: int | None, model: ChatModel | None
) -> tuple[StoredSession, RoleplayResult | None]:
    """The session with that id: rewound to a rep turn as a new linked session, or continued where it stopped."""
    from copilot.roleplay.progress import StoredSession, branch_stored

    if from_turn is not None:
        return branch_stored(store, actor, session_id, kb, from_turn, model)
    return StoredSession.by_id(store, actor, session_id, kb, model), None


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


def register(app: typer.Typer) -> None:
    """Attach the roleplay commands."""

    @app.command()
    def scenarios(
        card: str = typer.Option(None, "--card", help="Print one scenario's card."),
        rep: str = typer.Option(None, "--rep", help="Also show this rep's assignments, open sessions and trends."),
        today: str = typer.Option(None, "--today", help="Evaluate the rep as of YYYY-MM-DD (default today)."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """List the roleplay scenarios (or print one card; with --rep, the rep's practice)."""
        from copilot.roleplay.progress import trends
        from copilot.roleplay.scenarios import card as card_data
        from copilot.roleplay.scenarios import list_scenarios, render_card, scenario_from_kb
        from copilot.roleplay.scenarios import weakest as build_weakest

        kb = _kb()
        if card:
            scenario = scenario_from_kb(kb, card)
            emit_json(card_data(kb, scenario)) if as_json else typer.echo(render_card(kb, scenario))
            return
        listed = [card_data(kb, s) for s in list_scenarios(kb)]
        payload: dict[str, Any] = {"scenarios": listed}
        if rep:
            store, actor = _store(as_user)
            status = store.rep_status(actor, rep, _day(today, "--today"))
            payload["rep"] = {
                "id": rep,
                "suggested": card_data(kb, build_weakest(kb, status)),
                "assignments": [a.model_dump(mode="json") for a in store.scenario_assignments(actor, rep)],
                "open_sessions": [
                    {
                        "id": v.id,
                        "scenario": v.scenario,
                        "updated_at": v.updated_at.isoformat(),
                        "turns": len(v.state.get("turns", [])),
                    }
                    for v in store.open_roleplay_sessions(actor, rep)
                ],
                "trends": [t.model_dump(mode="json") for t in trends(store.roleplay_attempts(actor, rep))],
            }
        if as_json:
            emit_json(payload)
            return
        for s in listed:
            objections = ", ".join(o["id"] for o in s["objections"])
            typer.echo(f"{s['id']:<30} {s['difficulty']:<10} {s['title']}  [{objections}]")
        if rep:
            r = payload["rep"]
            typer.echo(
                f"\nSuggested for {rep} (weakest steps): {r['suggested']['id']} at {r['suggested']['difficulty']}"
            )
            for a in r["assignments"]:
                typer.echo(
                    f"Assigned: {a['scenario']} to level {a['target_level']} ({a['status']}, due {a['due'] or '-'})"
                )
            for o in r["open_sessions"]:
                typer.echo(f"Unfinished: {o['scenario']} ({o['turns']} turns) - resume with --resume")
            for t in r["trends"]:
                overall = " -> ".join(str(p["overall"]) for p in t["attempts"])
                typer.echo(f"Trend {t['scenario']}: {overall} ({t['direction']})")

    @app.command()
    def roleplay(
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
        from copilot.roleplay.rewind import compare, render_comparison
        from copilot.roleplay.scenarios import render_card

        if session_id and not resume:
            raise ConfigError("SESSION_ID", f"{session_id!r} given without --resume", fix=f"--resume {session_id}")
        by_id = bool(resume and session_id)
        if from_turn is not None and not by_id:
            raise ConfigError("--from-turn", "needs the session to rewind", fix="add --resume SESSION_ID")
        if resume and not by_id and not (rep and scenario):
            raise ConfigError("--resume", "needs --rep and --scenario", fix="add --rep ID --scenario ID")
        kb = _kb()
        day = _day(today, "--today")
        lines = _read_lines(rep_lines) if rep_lines else None
        model = _model(no_model)
        interactive = lines is None
        say = _sink(as_json)
        before: RoleplayResult | None = None
        if by_id:
            store, actor = _store(as_user)
            stored, before = _by_id(kb, store, actor, session_id, from_turn, model)
            session, rep = stored.session, store.roleplay_session(actor, stored.id).rep_id
        else:
            store, actor = _store(as_user) if rep else (None, None)
            chosen = _scenario(kb, store, actor, rep, scenario, weakest, day)
            session, stored = _open_session(kb, store, actor, rep, chosen, model, resume=resume, ask=interactive)
        sink = say if interactive else None
        if interactive and model is not None:
            threading.Thread(target=session.buyer.warm_up, daemon=True).start()
        if interactive:
            say(render_card(kb, session.scenario) + "\n\nType your answers; /quit ends and scores.\n\n")
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
        if stored:
            result, attempt = stored.finish(day)
            extra: dict[str, Any] = {"session_id": stored.id, "attempt_id": attempt.id}
        else:
            result, extra = session.finish(), {}
        comparison = compare(before, result, from_turn) if before is not None and from_turn else None
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
        rep: str = typer.Option(..., "--rep", help="Rep id."),
        scenario: str = typer.Option(..., "--scenario", help="Scenario id (see `copilot scenarios`)."),
        target: str = typer.Option("good", "--target", help="Level every step should reach: 1-4 or its name."),
        due: str = typer.Option(None, "--due", help="Due date YYYY-MM-DD."),
        today: str = typer.Option(None, "--today", help="Assignment date YYYY-MM-DD (default today)."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Assign a roleplay scenario to a rep with a target level (their manager or an admin)."""
        from copilot.roleplay.scenarios import scenario_from_kb

        store, actor = _store(as_user)
        scenario_from_kb(store.kb, scenario)  # unknown ids fail with the valid ones listed
        view = store.assign_scenario(
            actor, rep, scenario, target, due=_day(due, "--due") if due else None, date=_day(today, "--today")
        )
        if as_json:
            emit_json(view.model_dump(mode="json"))
            return
        typer.echo(f"assigned {view.scenario} to {view.rep_id} with target level {view.target_level} ({view.id})")
