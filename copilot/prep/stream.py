"""The prep brief as it is built: the records-decided brief at once, each model question as it is written, then the
checked brief, which is the one `prepare_brief` gives for the same model answers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from copilot.errors import ConfigError, ModelError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel
from copilot.prep.brief import assemble, decide
from copilot.prep.models import Brief, BriefQuestion
from copilot.prep.questions import AttemptRejected, QuestionDraft, QuestionsDone, stream_questions

__all__ = ["AttemptRejected", "BriefEvent", "Decided", "Finished", "QuestionDraft", "stream_brief"]


@dataclass(frozen=True)
class Decided:
    """The brief from the records and rules alone (curated questions): usable even if the model never answers."""

    brief: Brief
    asking_model: bool


@dataclass(frozen=True)
class Finished:
    """The final, checked brief; `error` is the model failure that left its questions curated, if any."""

    brief: Brief
    error: ModelError | ConfigError | None = None


BriefEvent = Decided | QuestionDraft | AttemptRejected | Finished


def stream_brief(
    store: Any,
    actor: Any,
    rep_id: str,
    kb: KnowledgeBase,
    load_model: Callable[[], ChatModel] | None,
    *,
    meeting: str = "one-on-one",
    today: dt.date | None = None,
) -> Iterator[BriefEvent]:
    """Decided first, then a QuestionDraft per question the model closes (AttemptRejected when it starts over),
    then Finished. `load_model` is called only after Decided, so a slow or failing model never delays the rest.

    Any model fault (loading, before or during the stream) ends in Finished with the curated questions and the error.
    """
    d = decide(store, actor, rep_id, kb, meeting=meeting, today=today)
    timings = {"decide_s": d.decide_s}
    asking = load_model is not None and bool(d.focus)
    yield Decided(assemble(d, [], [], None, timings), asking_model=asking)
    if not asking or load_model is None:
        yield Finished(assemble(d, [], [], None, timings))
        return
    started = time.perf_counter()
    try:
        model = load_model()
    except (ModelError, ConfigError) as err:
        note = f"model questions unavailable ({err.message}); curated questions used"
        yield Finished(assemble(d, [], [note], None, timings), error=err)
        return
    generated: list[BriefQuestion] = []
    notes: list[str] = []
    error: ModelError | None = None
    for event in stream_questions(model, d.rep.name, d.focus, d.causes):
        if isinstance(event, QuestionsDone):
            generated, notes, error = event.questions, event.notes, event.error
        else:
            yield event
    timings["model_s"] = time.perf_counter() - started
    yield Finished(assemble(d, generated, notes, model, timings), error=error)
