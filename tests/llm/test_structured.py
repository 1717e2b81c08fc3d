"""Structured output: validated objects, retries that tell the model why, and a typed error with every attempt."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from copilot.errors import ModelUnavailableError, StructuredOutputError
from copilot.llm.base import Completion, Message
from copilot.llm.fake import FakeChatModel
from copilot.llm.structured import generate_structured


class Question(BaseModel):
    text: str = Field(description="An open question.")
    criterion_id: str


ASK = [Message("user", "Give me one question.")]


def test_valid_json_becomes_the_model() -> None:
    model = FakeChatModel().enqueue('{"text": "What happened?", "criterion_id": "c1"}')
    result = generate_structured(model, ASK, Question)
    assert result == Question(text="What happened?", criterion_id="c1")
    assert model.calls[0]["json_schema"]["properties"]["text"]["description"] == "An open question."


def test_fenced_json_with_prose_is_accepted() -> None:
    model = FakeChatModel().enqueue('Sure!\n```json\n{"text": "Why?", "criterion_id": "c2"}\n```')
    assert generate_structured(model, ASK, Question).criterion_id == "c2"


def test_invalid_then_valid_retries_and_explains() -> None:
    model = FakeChatModel().enqueue('{"text": "Why?"}', '{"text": "Why?", "criterion_id": "c3"}')
    assert generate_structured(model, ASK, Question).criterion_id == "c3"
    retry_prompt = model.calls[1]["messages"][-1].content
    assert "criterion_id" in retry_prompt and "rejected" in retry_prompt


def test_cut_off_answer_is_rejected_even_if_it_parses() -> None:
    cut = Completion(text='{"text": "Why?", "criterion_id": "c"}', finish_reason="length", model="fake")
    model = FakeChatModel().enqueue(cut, '{"text": "How?", "criterion_id": "c4"}')
    assert generate_structured(model, ASK, Question).text == "How?"


def test_gives_up_after_bounded_attempts_with_all_of_them() -> None:
    model = FakeChatModel().enqueue("not json", "{}", '{"text": 5}', '{"text": "x", "criterion_id": "late"}')
    with pytest.raises(StructuredOutputError) as info:
        generate_structured(model, ASK, Question, attempts=3)
    assert len(info.value.attempts) == 3
    assert info.value.attempts[0].raw == "not json"
    assert "not valid JSON" in info.value.attempts[0].problem
    assert len(model.replies) == 1  # the fourth reply was never requested


def test_endpoint_failure_is_not_retried_here_and_keeps_its_own_fix() -> None:
    model = FakeChatModel().enqueue(ModelUnavailableError("down", fix="start it"), '{"text":"a","criterion_id":"b"}')
    with pytest.raises(ModelUnavailableError) as info:
        generate_structured(model, ASK, Question)
    assert info.value.fix == "start it" and len(model.replies) == 1  # the valid reply was never requested


def test_endpoint_failure_after_a_bad_answer_reports_both() -> None:
    model = FakeChatModel().enqueue("not json", ModelUnavailableError("down", fix="start it"))
    with pytest.raises(StructuredOutputError) as info:
        generate_structured(model, ASK, Question)
    assert "not valid JSON" in info.value.attempts[0].problem and "down" in info.value.attempts[1].problem
