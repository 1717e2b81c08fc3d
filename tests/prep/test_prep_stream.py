"""The prep brief streamed: drafts as the model writes them, then the same checked brief as `prepare_brief`;
faults before or during the stream end in the curated brief with the error."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import BaseModel

from copilot.errors import ModelError, ModelTimeoutError, ModelUnavailableError, StructuredOutputError
from copilot.llm.base import Completion, Delta, Message
from copilot.llm.fake import Chunks, FakeChatModel
from copilot.llm.structured import StreamEvent, stream_structured
from copilot.prep import prepare_brief
from copilot.prep.stream import AttemptRejected, Decided, Finished, QuestionDraft, stream_brief
from copilot.records import Actor, Store

TODAY = dt.date(2026, 11, 20)
ADMIN = Actor.local_admin()
MARCUS = "rep-marcus-bell"
GOOD = [
    "What was going through your mind when the buyer said 'I only have twenty minutes' on that call?",
    "How did you decide what to cover first once the buyer said they only have twenty minutes?",
    "What would an agreed agenda have changed in the call where the buyer had only twenty minutes?",
]
CLOSED = "Did you state an agenda?"


def reply(*texts: str) -> str:
    return json.dumps(
        {"questions": [{"text": t, "criterion_id": "discovery-call.agenda", "cites": "obs-marcus-05"} for t in texts]}
    )


def run(store: Store, model: FakeChatModel | None, rep: str = MARCUS) -> list[Any]:
    loader = None if model is None else (lambda: model)
    return list(stream_brief(store, ADMIN, rep, store.kb, loader, today=TODAY))


def comparable(brief: Any) -> dict[str, Any]:
    data = brief.model_dump(mode="json")
    data.pop("timings")
    return data


class Q(BaseModel):
    text: str


ASK = [Message("user", "one question")]


def test_stream_structured_yields_pieces_then_the_validated_result() -> None:
    model = FakeChatModel().enqueue('{"text": "What happened next?"}')
    events = list(stream_structured(model, ASK, Q))
    assert len(events) > 2 and all(e.delta for e in events[:-1])
    assert "".join(e.delta for e in events) == '{"text": "What happened next?"}'
    assert events[-1] == StreamEvent(1, result=Q(text="What happened next?"))
    assert model.calls[0]["stream"] and model.calls[0]["json_schema"]["title"] == "Q"


def test_stream_structured_retries_like_generate_structured() -> None:
    cut = Completion(text='{"text": "Wh', finish_reason="length", model="fake")
    model = FakeChatModel().enqueue(cut, '{"text": "How?"}')
    events = list(stream_structured(model, ASK, Q))
    rejected = [e for e in events if e.rejected]
    assert [(e.attempt, e.rejected) for e in rejected] == [(1, "the answer was cut off at the token limit")]
    assert events[-1].result == Q(text="How?") and events[-1].attempt == 2
    assert "rejected" in model.calls[1]["messages"][-1].content


def test_a_fault_mid_stream_in_the_first_attempt_is_raised_as_it_is() -> None:
    timeout = ModelTimeoutError("the model endpoint streamed for over 60 s", fix="raise COPILOT_LLM_TIMEOUT")
    model = FakeChatModel().enqueue(Chunks(['{"text": "Wh', timeout]), '{"text": "never asked"}')
    seen: list[str] = []
    with pytest.raises(ModelTimeoutError):
        for event in stream_structured(model, ASK, Q):
            seen.append(event.delta)
    assert seen == ['{"text": "Wh'] and len(model.replies) == 1


def test_a_fault_mid_stream_after_a_rejected_attempt_reports_both() -> None:
    drop = ModelUnavailableError("the endpoint dropped the connection mid-answer", fix="check the server")
    model = FakeChatModel().enqueue("not json", Chunks(['{"te', drop]))
    with pytest.raises(StructuredOutputError) as info:
        list(stream_structured(model, ASK, Q))
    attempts = info.value.attempts
    assert "not valid JSON" in attempts[0].problem
    assert attempts[1].raw == '{"te' and "dropped the connection" in attempts[1].problem


def test_drafts_arrive_one_by_one_and_the_final_brief_is_the_one_prepare_brief_gives(store: Store) -> None:
    answer = reply(GOOD[0], CLOSED, GOOD[1], GOOD[2])
    events = run(store, FakeChatModel().enqueue(answer))
    assert isinstance(events[0], Decided) and events[0].asking_model
    assert all(q.source != "generated" for q in events[0].brief.questions)
    drafts = [e for e in events if isinstance(e, QuestionDraft)]
    assert [d.text for d in drafts] == [GOOD[0], GOOD[1], GOOD[2]]  # the closed one is never shown, even as a draft
    assert [d.index for d in drafts] == [0, 2, 3]
    assert isinstance(events[-1], Finished) and events[-1].error is None
    assert [type(e) for e in events] == [Decided, QuestionDraft, QuestionDraft, QuestionDraft, Finished]
    final = events[-1].brief
    assert [q.text for q in final.questions if q.source == "generated"] == GOOD
    assert any("closed" in n for n in final.notes) and not any(CLOSED in n for n in final.notes)
    blocking = prepare_brief(store, ADMIN, MARCUS, store.kb, FakeChatModel().enqueue(answer), today=TODAY)
    assert comparable(final) == comparable(blocking)


@dataclass
class Recording(FakeChatModel):
    """The fake, noting each piece it has handed out."""

    sent: list[str] = field(default_factory=list)

    def stream_json(self, *args: Any, **kwargs: Any) -> Iterator[Delta]:
        for delta in super().stream_json(*args, **kwargs):
            self.sent.append(delta.text)
            yield delta


def test_each_draft_is_out_before_the_model_writes_the_next(store: Store) -> None:
    model = Recording().enqueue(reply(*GOOD))
    stream = stream_brief(store, ADMIN, MARCUS, store.kb, lambda: model, today=TODAY)
    assert isinstance(next(stream), Decided) and model.sent == []
    first = next(stream)
    assert isinstance(first, QuestionDraft) and first.text == GOOD[0]
    written = "".join(model.sent)
    assert GOOD[0] in written and GOOD[1][:10] not in written
    assert [e.text for e in stream if isinstance(e, QuestionDraft)] == GOOD[1:]


def test_a_fault_mid_stream_ends_in_the_curated_brief_with_the_error(store: Store) -> None:
    answer = reply(*GOOD)
    cut_at = answer.index(GOOD[1]) + 10  # after the first question closed, inside the second
    timeout = ModelTimeoutError("the model endpoint did not answer in time", fix="raise COPILOT_LLM_TIMEOUT")
    model = FakeChatModel().enqueue(Chunks([answer[:20], answer[20:cut_at], timeout]))
    events = run(store, model)
    assert [e.text for e in events if isinstance(e, QuestionDraft)] == [GOOD[0]]
    final = events[-1]
    assert isinstance(final, Finished) and final.error is timeout
    assert all(q.source != "generated" for q in final.brief.questions)
    assert len([q for q in final.brief.questions if q.kind == "diagnostic"]) >= 4
    assert any("did not answer in time" in n and "curated" in n for n in final.brief.notes)
    blocking = prepare_brief(store, ADMIN, MARCUS, store.kb, FakeChatModel().enqueue(timeout), today=TODAY)
    assert comparable(final.brief) == comparable(blocking)


@pytest.mark.parametrize(
    "answers",
    [
        ["<html>502 Bad Gateway</html>", '{"questions": [{"text": "What'],  # garbage, then cut off
        [Chunks(["not json at all"]), Chunks(['{"questions": [{"text": "How did', ModelError("garbled")])],
    ],
)
def test_garbage_or_a_second_fault_ends_curated_after_telling_the_page_it_retried(
    store: Store, answers: list[Any]
) -> None:
    events = run(store, FakeChatModel().enqueue(*answers))
    rejected = [e for e in events if isinstance(e, AttemptRejected)]
    assert rejected and rejected[0].attempt == 1 and "not valid JSON" in rejected[0].problem
    final = events[-1]
    assert isinstance(final, Finished) and isinstance(final.error, StructuredOutputError)
    assert all(q.source != "generated" for q in final.brief.questions)
    assert "curated" in " ".join(final.brief.notes)


def test_a_model_that_cannot_be_loaded_leaves_the_curated_brief(store: Store) -> None:
    def load() -> FakeChatModel:
        raise ModelUnavailableError("llama.cpp could not load the model", fix="check COPILOT_LLM_MODEL")

    events = list(stream_brief(store, ADMIN, MARCUS, store.kb, load, today=TODAY))
    assert [type(e) for e in events] == [Decided, Finished]
    final = events[-1]
    assert isinstance(final, Finished) and final.error is not None and final.error.fix == "check COPILOT_LLM_MODEL"
    assert all(q.source != "generated" for q in final.brief.questions)


def test_without_a_model_or_focus_nothing_is_asked(store: Store) -> None:
    events = run(store, None)
    assert [type(e) for e in events] == [Decided, Finished] and not events[0].asking_model
    assert comparable(events[-1].brief) == comparable(prepare_brief(store, ADMIN, MARCUS, store.kb, None, today=TODAY))
