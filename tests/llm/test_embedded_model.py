"""The real embedded model (llama.cpp + bundled SmolLM2): installed, checked before loading, valid structured output.

Answering, streaming, schema-constrained streaming, the max_tokens cut and refusing an oversized prompt are the
chat contract's tests, run on this model in tests/contracts/test_chat_contract.py.
"""

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
