"""The roleplay's handlers as plain functions: they call the use cases in copilot.app.roleplay, as `copilot roleplay
--rep` does, and turn what they return into what the page shows.

Every turn is read back from the rep's stored session (copilot.roleplay.progress.StoredSession), so a page reload,
a second window or a failed model call never leaves the page and the records disagreeing.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from copilot.app import roleplay as use
from copilot.errors import CopilotError
from copilot.knowledge.schema import LEVEL_BY_SCORE
from copilot.records.access import Actor
from copilot.records.inputs import parse_date
from copilot.roleplay.progress import StoredSession, reached
from copilot.roleplay.signals import clean
from ui import roleplay_views as views
from ui.auth import require
from ui.context import UIContext

if TYPE_CHECKING:
    from copilot.llm.base import ChatModel
    from copilot.roleplay.models import Scenario
    from copilot.roleplay.session import RoleplaySession

T = TypeVar("T")
WEAKEST = use.WEAKEST
"""The picker's value for a scenario built from the rep's weakest objection-handling steps (`--weakest`)."""
THINKING = "…"
TARGETS = [(f"{LEVEL_BY_SCORE[s].label} ({s})", LEVEL_BY_SCORE[s].key) for s in (2, 3, 4)]
Key = dict[str, Any]
"""What the page remembers about the roleplay it shows: rep, picker choice, scenario id and stored session id."""


@dataclass
class Step:
    """What the roleplay page shows after (part of) a turn; `chat` None leaves the conversation on the page as it is."""

    chat: list[dict[str, Any]] | None
    box: str = ""
    status: str = ""
    key: Key | None = None
    card: str | None = None
    ended: bool = False


@dataclass
class Practice:
    """A rep's roleplay practice: trend per scenario, the plot's points, latest attempts, assigned scenarios."""

    trend: pd.DataFrame
    points: pd.DataFrame
    attempts: pd.DataFrame
    assignments: pd.DataFrame


@dataclass
class Picker:
    """The scenario picker for one rep and what the page says above it."""

    choices: list[tuple[str, str]] = field(default_factory=list)
    value: str | None = None
    notice: str = ""


def _model(ctx: UIContext) -> tuple[ChatModel | None, str]:
    """The buyer's model, or none (the buyer speaks prepared lines) with a note saying why and how to fix it."""
    choice = use.buyer_model(ctx.app)
    err = choice.failure
    if err is None:
        return choice.model, ""
    fix = f" Fix: {err.fix}" if err.fix else ""
    return None, f"⚠ The language model is unavailable ({err.message}); the buyer speaks prepared lines.{fix}"


BUSY = "⏳ The buyer is still answering (perhaps in another window): wait a moment, then try again."


def _stream(work: Callable[[Callable[[str], None]], T]) -> Generator[tuple[str, T | None], None, None]:
    """Run `work(sink)` in a thread and yield the text it has streamed so far; the last item carries its result."""
    pieces: queue.Queue[str | None] = queue.Queue()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work(pieces.put)
        except BaseException as err:  # handed to the caller's thread below
            outcome["error"] = err
        finally:
            pieces.put(None)

    worker = threading.Thread(target=run, name="roleplay-turn", daemon=True)
    worker.start()
    text, done = "", False
    try:
        while not done:
            piece = pieces.get()
            while piece is not None:
                text += piece
                try:
                    piece = pieces.get_nowait()
                except queue.Empty:
                    break
            done = piece is None
            if not done:
                yield text, None
    finally:
        worker.join()  # a page closed mid-turn still lets the turn finish and save before the session is free
    if "error" in outcome:
        raise outcome["error"]
    yield text, outcome.get("result")


def _message(err: CopilotError) -> str:
    return f"⚠ {err.message}" + (f" Fix: {err.fix}." if err.fix else "")


# ---- the rep's page ------------------------------------------------------------------------------------------


def picker(ctx: UIContext, actor: Actor, rep_id: str | None) -> Picker:
    """Scenarios to pick from: built from the weakest steps, the ones the manager assigned (with target), all others."""
    require(actor, "rep")
    if not rep_id:
        return Picker(notice="_Pick a rep first._")
    kb = ctx.kb
    scenarios = use.scenarios(ctx.app)
    practised = use.practice(ctx.app, actor, rep_id)
    todo, unfinished = practised.open_assignments, practised.unfinished
    targets = {a.scenario: a for a in reversed(todo)}
    choices = [("Built from my weakest skills", WEAKEST)]
    for s in sorted(scenarios, key=lambda s: s.id not in targets):
        label = f"{s.title} ({s.difficulty})"
        if s.id in targets:
            a = targets[s.id]
            due = f", due {a.due:%d %b}" if a.due else ""
            label = f"Assigned: {label} · target {LEVEL_BY_SCORE[a.target_level].label}{due}"
        choices.append((label, s.id))
    notice: list[str] = []
    for v in unfinished:
        turns = len(v.state.get("turns", []))
        notice.append(
            f"- Unfinished: **{views.scenario_title(kb, v.scenario)}** ({turns} turns, last saved "
            f"{v.updated_at:%d %b %H:%M} UTC). Pick it and press **Resume**, or **Start** afresh."
        )
    for a in todo:
        due = f", due {a.due:%d %b %Y}" if a.due else ""
        notice.append(
            f"- Your manager assigned **{views.scenario_title(kb, a.scenario)}**: reach "
            f"{LEVEL_BY_SCORE[a.target_level].label} on every step{due}."
        )
    known = {value for _, value in choices}
    value = next((v.scenario for v in unfinished if v.scenario in known), None)
    value = value or next((a.scenario for a in todo if a.scenario in known), None) or WEAKEST
    return Picker(choices, value, "\n".join(notice) or "_Nothing assigned and nothing unfinished._")


def card(ctx: UIContext, actor: Actor, rep_id: str | None, choice: str | None) -> str:
    """The card for the picked scenario, before the rep starts."""
    require(actor, "rep")
    if not rep_id or not choice:
        return "_Pick a scenario to read its card._"
    return views.card_md(ctx.kb, _choose(ctx, actor, rep_id, choice))


def _choose(ctx: UIContext, actor: Actor, rep_id: str, choice: str) -> Scenario:
    return use.choose_scenario(ctx.app, actor, choice, rep=rep_id, today=ctx.today())


def _speak(
    session: RoleplaySession,
    work: Callable[[Callable[[str], None]], Any],
    before: list[dict[str, Any]],
    key: Key,
    status: str,
    card_text: str | None = None,
) -> Iterator[Step]:
    """Stream one buyer turn into the chat after `before`."""
    with closing(_stream(work)) as pieces:
        for text, _ in pieces:
            yield Step([*before, {"role": "assistant", "content": text or THINKING}], "", status, key, card_text)
    note = views.model_note(session.turns[-1] if session.turns else None)
    ended = session.ended
    if ended:
        note = (note + "\n\n" if note else "") + (
            f"The buyer ended the conversation ({(session.outcome or '').replace('_', ' ')}); scoring it now."
        )
    status = "\n\n".join(p for p in (status, note) if p)
    yield Step(views.chat(session.turns), "", status, key, card_text, ended)


def start(ctx: UIContext, actor: Actor, rep_id: str | None, choice: str | None) -> Iterator[Step]:
    """A new stored session of the picked scenario (an unfinished one of it is closed), opened by the buyer."""
    require(actor, "rep")
    if not rep_id or not choice:
        yield Step(None, status="_Pick a rep and a scenario first._")
        return
    scenario = _choose(ctx, actor, rep_id, choice)
    model, note = _model(ctx)
    stored = use.start(ctx.app, actor, rep_id, scenario, model)
    key = {"rep": rep_id, "choice": choice, "scenario": scenario.id, "session": stored.id}
    card_text = views.card_md(ctx.kb, scenario)
    yield Step([{"role": "assistant", "content": THINKING}], "", note, key, card_text)
    session = stored.session
    yield from _speak(session, lambda sink: session.open(sink=sink), [], key, note, card_text)


def resume(ctx: UIContext, actor: Actor, rep_id: str | None, choice: str | None) -> Iterator[Step]:
    """Continue the rep's unfinished session of the picked scenario exactly where it stopped."""
    require(actor, "rep")
    if not rep_id or not choice:
        yield Step(None, status="_Pick a rep and a scenario first._")
        return
    scenario_id = _choose(ctx, actor, rep_id, choice).id
    found = use.unfinished(ctx.app, actor, rep_id, scenario_id)
    if not found:
        yield Step(None, status="_No unfinished session of this scenario: press **Start**._")
        return
    with ctx.app.in_flight.hold(found[0].id) as free:
        if not free:
            yield Step(None, status=BUSY)
            return
        yield from _resume(ctx, actor, rep_id, choice, scenario_id)


def _resume(ctx: UIContext, actor: Actor, rep_id: str, choice: str, scenario_id: str) -> Iterator[Step]:
    model, note = _model(ctx)
    stored = use.resume(ctx.app, actor, rep_id, scenario_id, model)
    session = stored.session
    key = {"rep": rep_id, "choice": choice, "scenario": scenario_id, "session": stored.id}
    card_text = views.card_md(ctx.kb, session.scenario)
    status = "\n\n".join(p for p in (note, f"Resumed where you stopped ({len(session.turns)} turns).") if p)
    if not session.turns:
        yield from _speak(session, lambda sink: session.open(sink=sink), [], key, status, card_text)
    elif session.pending:  # a turn saved before the buyer could answer it
        before = views.chat(session.turns)
        yield from _speak(session, lambda sink: session.resume(sink=sink), before, key, status, card_text)
    else:
        yield Step(views.chat(session.turns), "", status, key, card_text, session.ended)


def _restore(ctx: UIContext, actor: Actor, key: Key, model: ChatModel | None) -> StoredSession:
    """The session the page shows, read back from the records; refuse if it was finished or replaced elsewhere."""
    return use.current(ctx.app, actor, key["rep"], key["scenario"], key["session"], model)


def send(ctx: UIContext, actor: Actor, key: Key | None, text: str) -> Iterator[Step]:
    """The rep's turn (saved at once), then the buyer's answer streamed; on failure the words stay in the box."""
    require(actor, "rep")
    text = text or ""
    if not key or not key.get("session"):
        yield Step(None, text, "_Start (or resume) a roleplay first._", key)
        return
    with ctx.app.in_flight.hold(key["session"]) as free:
        if not free:
            yield Step(None, text, BUSY, key)
            return
        yield from _send(ctx, actor, key, text)


def _send(ctx: UIContext, actor: Actor, key: Key, text: str) -> Iterator[Step]:
    model, note = _model(ctx)
    try:
        stored = _restore(ctx, actor, key, model)
    except CopilotError as err:
        yield Step(None, text, _message(err), key)
        return
    session = stored.session
    words, _ = clean(text)
    if session.pending:  # an earlier turn was saved but not answered: answer it first, never store it twice
        again = session.turns[-1].text == words
        yield from _turn(ctx, actor, key, session, lambda sink: session.resume(sink=sink), text, note, rep_line=None)
        if again or not words:
            return
        session = _restore(ctx, actor, key, model).session
    if session.ended:
        yield Step(
            views.chat(session.turns), text, "The buyer has ended this conversation: scoring it.", key, None, True
        )
        return
    if not words:
        yield Step(views.chat(session.turns), "", "_Type what you would say to the buyer, then press **Send**._", key)
        return
    yield from _turn(ctx, actor, key, session, lambda sink: session.rep_says(text, sink=sink), text, note, words)


def _turn(
    ctx: UIContext,
    actor: Actor,
    key: Key,
    session: RoleplaySession,
    work: Callable[[Callable[[str], None]], Any],
    typed: str,
    note: str,
    rep_line: str | None,
) -> Iterator[Step]:
    """Stream one exchange; if it fails, show what the records hold and keep the rep's words in the box."""
    before = views.chat(session.turns) + ([{"role": "user", "content": rep_line}] if rep_line else [])
    yield Step([*before, {"role": "assistant", "content": THINKING}], "", note, key)
    try:
        yield from _speak(session, work, before, key, note)
    except Exception as err:
        saved = _restore(ctx, actor, key, None).session if _still_open(ctx, actor, key) else session
        message = _message(err) if isinstance(err, CopilotError) else f"⚠ Something went wrong ({type(err).__name__})."
        if saved.pending:
            message += " Your words were saved; press **Send** again to get the buyer's answer."
        else:
            message += " Your words are still in the box: press **Send** to try again."
        yield Step(views.chat(saved.turns), typed, message, key)
        if not isinstance(err, CopilotError):
            raise


def _still_open(ctx: UIContext, actor: Actor, key: Key) -> bool:
    try:
        return use.is_current(ctx.app, actor, key["rep"], key["scenario"], key["session"])
    except CopilotError:
        return False


@dataclass
class Finished:
    """A scored attempt as the page shows it."""

    score: str
    key: Key | None
    practice: Practice | None = None
    chat: list[dict[str, Any]] = field(default_factory=list)


def finish(ctx: UIContext, actor: Actor, key: Key | None) -> Finished:
    """End the roleplay where it stands, score it, store the attempt (and complete an assignment it satisfies)."""
    require(actor, "rep")
    if not key or not key.get("session"):
        return Finished("_Start (or resume) a roleplay first._", key)
    with ctx.app.in_flight.hold(key["session"]) as free:
        if not free:
            return Finished(BUSY, key)
        return _finish(ctx, actor, key)


def _finish(ctx: UIContext, actor: Actor, key: Key) -> Finished:
    stored = _restore(ctx, actor, key, None)  # scoring reads the rep's words only: no model needed
    session = stored.session
    if not any(t.speaker == "rep" for t in session.turns):
        return Finished("_Answer the buyer at least once before ending: there is nothing to score yet._", key)
    done = use.finish(ctx.app, actor, stored, ctx.today())
    result, attempt = done.result, done.attempt
    target = result.scenario.target_level
    fb = result.feedback
    text = views.score_md(
        ctx.kb,
        result.scenario,
        result.score,
        attempt.id,
        bool(target and reached(result, target)),
        fb.drills if fb else None,
    )
    text += views.feedback_md(fb)
    if done.comparison is not None:
        text += "\n" + views.comparison_md(done.comparison)
    after = replace_key(key, session=None, attempt=attempt.id, last_session=key["session"])
    return Finished(text, after, practice(ctx, actor, key["rep"]), views.chat(result.turns))


def finish_if_ended(ctx: UIContext, actor: Actor, key: Key | None) -> Finished | None:
    """Score the roleplay when the buyer has ended it (lost, stalled or agreed a next step); None otherwise."""
    if not key or not key.get("session") or not _still_open(ctx, actor, key):
        return None
    if not _restore(ctx, actor, key, None).session.ended:
        return None
    return finish(ctx, actor, key)


def rewind(
    ctx: UIContext, actor: Actor, key: Key | None, text: str, *, index: int | None = None, number: int | None = None
) -> Iterator[Step]:
    """Branch the conversation just before one of the rep's turns (chat `index`, or rep turn `number`) and say
    the new line there; the branch is a session of its own, linked to the one it came from."""
    require(actor, "rep")
    source = (key or {}).get("session") or (key or {}).get("last_session")
    if not key or not source:
        yield Step(None, text, "_Start (or resume) a roleplay first._", key)
        return
    reps = use.rep_turn_positions(ctx.app, actor, source)
    if index is not None:
        number = reps.index(index) + 1 if index in reps else None
    if number is None or not 1 <= number <= len(reps):
        yield Step(None, text, f"_Pick one of your own turns to rewind to (1 to {len(reps)})._", key)
        return
    with ctx.app.in_flight.hold(source) as free:
        if not free:
            yield Step(None, text, BUSY, key)
            return
        model, note = _model(ctx)
        stored = use.rewind(ctx.app, actor, source, number, model, ctx.today())
        branched = replace_key(key, session=stored.id, parent=source, from_turn=number, attempt=None)
        session = stored.session
        said = f"Rewound to your turn {number}: the buyer answers your new line."
        status = "\n\n".join(p for p in (note, said) if p)
        words, _ = clean(text)
        if not words:
            yield Step(views.chat(session.turns), "", status, branched)
            return
        work = lambda sink: session.rep_says(text, sink=sink)  # noqa: E731
        yield from _turn(ctx, actor, branched, session, work, text, status, words)


def retry(ctx: UIContext, actor: Actor, key: Key | None, choice: str | None, rep_id: str | None) -> Iterator[Step]:
    """The same scenario again, from the start (the picker's choice if nothing was played yet)."""
    if key and key.get("rep") and key.get("choice"):
        yield from start(ctx, actor, key["rep"], key["choice"])
    else:
        yield from start(ctx, actor, rep_id, choice)


def replace_key(key: Key, **changes: Any) -> Key:
    """A copy of the page's key with some fields changed."""
    return {**key, **changes}


def practice(ctx: UIContext, actor: Actor, rep_id: str | None) -> Practice:
    """A rep's attempts, trend per scenario and assigned scenarios (the rep, their manager or an admin)."""
    kb = ctx.kb
    if not rep_id:
        return Practice(
            views.trend_frame(kb, []), views.trend_points(kb, []), views.attempts_frame(kb, []),
            views.assignments_frame(kb, []),
        )  # fmt: skip
    found = use.practice(ctx.app, actor, rep_id)
    return Practice(
        views.trend_frame(kb, found.trends),
        views.trend_points(kb, found.trends),
        views.attempts_frame(kb, found.attempts),
        views.assignments_frame(kb, found.assignments),
    )


def rep_practice(ctx: UIContext, actor: Actor, rep_id: str | None) -> Practice:
    """The rep's own practice, for the rep page."""
    require(actor, "rep")
    return practice(ctx, actor, rep_id)


# ---- the manager's page --------------------------------------------------------------------------------------


def scenario_choices(ctx: UIContext) -> list[tuple[str, str]]:
    """Every scenario in the knowledge base, as dropdown choices."""
    return [(f"{s.title} ({s.difficulty}) · {s.id}", s.id) for s in use.scenarios(ctx.app)]


def assign_scenario(
    ctx: UIContext, actor: Actor, rep_id: str | None, scenario_id: str | None, target: str | None, due_text: str
) -> str:
    """Assign a scenario with the level every step should reach (the rep's manager or an admin)."""
    require(actor, "manager")
    if not rep_id or not scenario_id:
        return "_Pick a rep and a scenario._"
    due = parse_date(due_text, "due date") if due_text and due_text.strip() else None
    made = use.assign(ctx.app, actor, rep_id, scenario_id, target or "good", due=due, today=ctx.today())
    scenario = use.scenario(ctx.app, made.scenario)
    when = f", due {made.due:%d %b %Y}" if made.due else ""
    return (
        f"Assigned **{scenario.title}** to {ctx.store.rep(actor, rep_id).name} with target **{LEVEL_BY_SCORE[made.target_level].label}** on "
        f"every step{when} (`{made.id}`). The rep sees it at the top of their Roleplay tab."
    )


def manager_practice(ctx: UIContext, actor: Actor, rep_id: str | None) -> Practice:
    """A rep's roleplay practice as their manager sees it."""
    require(actor, "manager")
    return practice(ctx, actor, rep_id)
