"""Preparing a meeting brief: the use case behind `copilot prep` and the manager's prep tab.

One place decides which model writes the questions (by the model use plan, and curated questions when the model
is switched off or cannot be loaded) and what the brief says about it, so the command and the page agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copilot.app.core import ModelChoice
from copilot.records.access import Actor

if TYPE_CHECKING:
    from copilot.app.core import App
    from copilot.llm.base import ChatModel
    from copilot.prep.models import Brief
    from copilot.prep.stream import BriefEvent

FEATURE = "prep_questions"


@dataclass(frozen=True)
class Prepared:
    """A brief and, when it was kept with the rep's records, the id it was saved as."""

    brief: Brief
    saved_as: str | None = None


def _notes(choice: ModelChoice, *, no_model: bool) -> list[str]:
    """Why the questions are curated: the model is switched off, or it failed to load (nothing when asked for none)."""
    if choice.failure is not None:
        return [f"model questions unavailable ({choice.failure.message}); curated questions used"]
    if choice.model is None and not no_model:
        return [f"model not asked for questions ({choice.off_reason}); set COPILOT_MODEL_FEATURES to change"]
    return []


def prepare(
    app: App,
    actor: Actor,
    rep_id: str,
    *,
    meeting: str = "one-on-one",
    today: dt.date | None = None,
    no_model: bool = False,
    save: bool = False,
) -> Prepared:
    """The whole brief at once (the model, when asked, writes the diagnostic questions), optionally saved."""
    from copilot.prep import prepare_brief

    day = today or app.today()
    store = app.store
    choice = app.model_for(FEATURE, no_model=no_model)
    brief = prepare_brief(store, actor, rep_id, app.kb, choice.model, meeting=meeting, today=day)
    if choice.failure is not None:  # first, as the stream says it: the reason comes before what replaced it
        brief.notes[:0] = _notes(choice, no_model=no_model)
    else:
        brief.notes.extend(_notes(choice, no_model=no_model))
    saved = save_brief(app, actor, rep_id, brief.model_dump(mode="json"), today=day) if save else None
    return Prepared(brief, saved)


def model_loader(app: App, *, no_model: bool = False) -> Callable[[], ChatModel] | None:
    """What loads the question model when the plan asks for it, called only once the records are decided.

    A model that cannot be loaded or configured raises its ModelError or ConfigError there, which the stream
    turns into the curated brief with the reason.
    """
    from copilot.model_use import uses_model

    if no_model or not uses_model(app.settings, FEATURE):
        return None

    def load() -> ChatModel:
        choice = app.model_for(FEATURE)
        if choice.failure is not None:
            raise choice.failure
        assert choice.model is not None  # the plan said on, and nothing failed
        return choice.model

    return load


def stream(
    app: App, actor: Actor, rep_id: str, *, meeting: str = "one-on-one", today: dt.date | None = None
) -> Iterator[BriefEvent]:
    """The brief as it is built: the records-decided sections, each model question as a draft, then the checked brief."""
    from copilot.model_use import plan
    from copilot.prep.stream import Decided, Finished, stream_brief

    day = today or app.today()
    store = app.store
    load = model_loader(app)
    use = plan(app.settings)[FEATURE]
    off = [] if load is not None else _notes(ModelChoice(None, off_reason=use.reason), no_model=False)
    for event in stream_brief(store, actor, rep_id, app.kb, load, meeting=meeting, today=day):
        if isinstance(event, Decided | Finished):
            event.brief.notes.extend(off)  # the same words as `copilot prep` when the plan switches the model off
        yield event


def save_brief(app: App, actor: Actor, rep_id: str, payload: dict[str, Any], *, today: dt.date | None = None) -> str:
    """Keep a brief with the rep's records so the next prep can cite it; returns the saved id."""
    return app.store.save_brief(actor, rep_id, payload, date=today or app.today()).id
