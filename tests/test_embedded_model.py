"""The real embedded model (llama.cpp + bundled SmolLM2): loads, answers, streams, follows a schema, fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from copilot.errors import ConfigError
from copilot.llm.base import Message
from copilot.llm.llamacpp import LlamaCppChatModel, bundled_model_path
from copilot.llm.structured import generate_structured

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def model() -> LlamaCppChatModel:
    return LlamaCppChatModel.load(threads=2, context_window=1024)


def test_bundled_model_is_installed() -> None:
    path = bundled_model_path()
    assert path.is_file() and path.stat().st_size > 50_000_000


def test_answers_and_reports_why_it_stopped(model: LlamaCppChatModel) -> None:
    result = model.complete([Message("user", "Name one thing a sales rep does on a discovery call.")], max_tokens=24)
    assert result.text.strip()
    assert result.finish_reason in {"stop", "length"}
    assert result.prompt_tokens > 5 and 0 < result.completion_tokens <= 24


def test_streams_the_same_kind_of_answer(model: LlamaCppChatModel) -> None:
    pieces = list(model.stream([Message("user", "Say hello to the sales team.")], max_tokens=16))
    assert len(pieces) >= 2 and "".join(pieces).strip()


class Drill(BaseModel):
    title: str = Field(min_length=3, max_length=80)
    minutes: int
    kind: str = Field(json_schema_extra={"enum": ["drill", "roleplay", "lesson"]})


def test_structured_output_is_valid(model: LlamaCppChatModel) -> None:
    drill = generate_structured(
        model,
        [Message("user", "Suggest one practice activity for objection handling as JSON.")],
        Drill,
        max_tokens=120,
        temperature=0.0,
    )
    assert drill.kind in {"drill", "roleplay", "lesson"}
    assert 3 <= len(drill.title) <= 80


def test_structured_output_streams_in_pieces_that_parse(model: LlamaCppChatModel) -> None:
    deltas = list(
        model.stream_json(
            [Message("user", "Suggest one practice activity for objection handling as JSON.")],
            json_schema=Drill.model_json_schema(),
            max_tokens=120,
            temperature=0.0,
        )
    )
    assert len(deltas) >= 3 and deltas[-1].finish_reason in {"stop", "length"}
    if deltas[-1].finish_reason == "stop":
        drill = Drill.model_validate_json("".join(d.text for d in deltas))
        assert drill.kind in {"drill", "roleplay", "lesson"}


def test_prompt_larger_than_window_is_a_clear_error(model: LlamaCppChatModel) -> None:
    from copilot.errors import ModelError

    with pytest.raises(ModelError) as info:
        model.complete([Message("user", "coaching " * 3000)], max_tokens=8)
    assert "fix:" in str(info.value)


def test_missing_model_path_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        LlamaCppChatModel.load(tmp_path / "missing.gguf")
    assert info.value.setting == "COPILOT_LLM_MODEL"


def test_non_gguf_file_is_refused_before_llama_cpp_sees_it(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("this is not a model")
    with pytest.raises(ConfigError) as info:
        LlamaCppChatModel.load(fake)
    assert "not a GGUF" in str(info.value)
