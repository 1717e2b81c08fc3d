"""`copilot bench` writes every figure it measured to one JSON file, and refuses options it cannot run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

COPILOT = str(Path(sys.executable).parent / "copilot")


def _bench(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([COPILOT, "bench", *args], capture_output=True, text=True, timeout=600, env=env)


def test_unknown_suite_is_bad_input() -> None:
    result = _bench("--only", "retrieval,warp-speed")
    assert result.returncode == 2
    assert "warp-speed" in result.stderr and "--only" in result.stderr


def test_sessions_must_be_whole_numbers() -> None:
    result = _bench("--only", "concurrency", "--sessions", "1,many")
    assert result.returncode == 2 and "--sessions" in result.stderr


@pytest.mark.integration
@pytest.mark.server
@pytest.mark.enable_socket
def test_retrieval_suite_writes_one_json_file(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "opening.md").write_text("# Opening a call\n\nState the purpose, the time and an agenda.\n")
    out = tmp_path / "figures" / "bench.json"
    args = ["--only", "retrieval", "--chunks", "120", "--small", "50", "--queries", "10", "--json", "-o"]
    result = _bench(*args, str(out), env_extra={"COPILOT_KNOWLEDGE_DIR": str(knowledge)})
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text())
    assert json.loads(result.stdout) == doc  # --json prints the same document the file holds
    assert doc["suites"] == ["retrieval"] and doc["machine"]["cores"] >= 1 and doc["machine"]["cpu"]
    for backend in ("embedded", "server"):
        sizes = doc["retrieval"][backend]
        assert set(sizes) == {"50", str(sizes[max(sizes, key=int)]["chunks"])}
        for figures in sizes.values():
            assert figures["dense"]["runs"] == 10 and 0 < figures["dense"]["p50_ms"] <= figures["dense"]["p95_ms"]
    assert "ingest" not in doc  # only what was asked for


def test_the_command_and_the_runner_know_the_same_suites() -> None:
    from bench.run import SUITES as RUNNER
    from copilot.cli.bench import SUITES as COMMAND

    assert COMMAND == RUNNER
    assert {"prep", "roleplay", "concurrency"} <= set(COMMAND)


class _FakeLlama:
    """Answers every call with the same words, blocking or streamed one word per piece."""

    WORDS = ("The", " buyer", " wants", " proof", ".")

    def __init__(self) -> None:
        self.calls = 0

    def n_ctx(self) -> int:
        return 2048

    def create_chat_completion(self, **kwargs: object) -> object:
        self.calls += 1
        if kwargs.get("stream"):
            return iter([{"choices": [{"delta": {"content": w}}]} for w in self.WORDS])
        text = "".join(self.WORDS)
        return {"choices": [{"message": {"content": text}}], "usage": {"prompt_tokens": 9, "completion_tokens": 5}}


def test_a_stream_the_copilot_stops_early_is_replayed_for_the_same_pieces() -> None:
    from bench.recording import RecordingLlama, replay
    from copilot.llm.base import Message
    from copilot.llm.llamacpp import LlamaCppChatModel

    recording = RecordingLlama(_FakeLlama())
    model = LlamaCppChatModel(recording, name="fake")
    stream = model.stream([Message("user", "hi")], max_tokens=8)
    assert [next(stream), next(stream)] == ["The", " buyer"]
    stream.close()  # as the buyer does when a sentence fails its checks
    model.complete([Message("user", "hi")])
    streamed, blocking = recording.calls
    assert streamed.stream and streamed.chunks == 2 and streamed.text == "The buyer"
    assert not blocking.stream and blocking.completion_tokens == 5
    bare = _FakeLlama()
    _seconds, identical = replay(bare, recording.calls)
    assert bare.calls == 2 and identical == 2


def test_the_breakdown_splits_a_run_into_stages_and_compares_it_with_the_bare_calls() -> None:
    from bench.recording import Breakdown, Call

    class Bare:
        def create_chat_completion(self, **kwargs: object) -> object:
            return {"choices": [{"message": {"content": "x"}}]}

    call = Call(kwargs={}, started=10.05, ended=10.85, model_s=0.8, text="x", completion_tokens=3)
    breakdown = Breakdown()
    breakdown.add(total=1.0, retrieval=0.04, retrieval_ended=10.04, made=[call], bare=Bare())
    breakdown.add(total=0.2, retrieval=0.2, retrieval_ended=0.0, made=[], bare=Bare())  # curated: no model call
    result = breakdown.result()
    stages = result["stages"]
    assert stages["model"]["max_ms"] == 800.0 and stages["prompt"]["max_ms"] == 10.0
    assert stages["post"]["max_ms"] == 150.0 and stages["bare"]["runs"] == 1
    assert result["runs_without_model_call"] == 1 and result["replayed_identical_text"] == 1
    assert result["overhead_ratio_sum"] > 1  # the curated run does not count towards the ratio


def test_roleplay_scripts_are_distinct_scenarios_the_knowledge_base_holds() -> None:
    from bench.roleplay import scripts
    from copilot.records.reference import load_knowledge

    kb = load_knowledge()
    chosen = scripts(4)
    assert len({s.scenario for s in chosen}) == len(chosen) == 4
    assert all(s.scenario in kb.scenarios and s.lines for s in chosen)


def test_the_deployment_page_names_only_real_settings_and_the_tested_commands() -> None:
    import re

    from bench.servers import chroma_command, llama_command
    from copilot.settings import Settings

    page = (Path(__file__).resolve().parents[2] / "docs" / "deployment.md").read_text(encoding="utf-8")
    named = set(re.findall(r"COPILOT_[A-Z_]+", page))
    known = {f"COPILOT_{name.upper()}" for name in Settings.model_fields}
    assert named <= known, f"not settings: {sorted(named - known)}"
    team = {"CHROMA_URL", "DATABASE_URL", "LLM_BACKEND", "LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "LLM_JSON_MODE"}
    assert {f"COPILOT_{name}" for name in team} | {"COPILOT_AUTH"} <= named
    chroma = chroma_command(8001, Path("/srv/chroma"))
    llama = llama_command(8000, Path("/models/model.gguf"))
    assert "chroma run --path" in page and set(chroma[1:]) >= {"run", "--host", "--port", "--path"}
    assert "python -m llama_cpp.server --model" in page and llama[1:4] == ["-m", "llama_cpp.server", "--model"]
