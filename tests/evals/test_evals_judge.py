"""The judge against a fake OpenAI-compatible endpoint served on 127.0.0.1 by the test itself: the real openai
client, real HTTP, real JSON; only the answers are scripted."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.enable_socket]

Reply = Callable[[dict[str, Any], int], tuple[int, str]]  # (request body, request number) -> (status, content)


@dataclass
class Endpoint:
    """What the fake endpoint received, and how it answers."""

    base_url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    reply: Reply = lambda body, n: (200, "{}")

    def prompts(self) -> list[str]:
        return [r["messages"][0]["content"] for r in self.requests]


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Endpoint]:
    """A tiny OpenAI-compatible server on a free loopback port, answering POST /v1/chat/completions."""
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    state = Endpoint()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                state.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                n = len(state.requests) - 1
            if self.path != "/v1/chat/completions":
                status, payload = 404, {"error": {"message": "not found"}}
            else:
                status, content = state.reply(body, n)
                message = {"role": "assistant", "content": content}
                choice = {"index": 0, "message": message, "finish_reason": "stop"}
                payload = (
                    {
                        "id": f"c{n}",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body["model"],
                        "choices": [choice],
                    }
                    if status == 200
                    else {"error": {"message": content, "type": "server_error"}}
                )
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_port}/v1"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _judge(endpoint: Endpoint, samples: int = 3):  # type: ignore[no-untyped-def]
    from copilot.settings import load_settings
    from evals.judge import build_judge

    settings = load_settings(
        judge_model="judge-m", judge_base_url=endpoint.base_url, judge_api_key="k", judge_samples=samples, llm_retries=0
    )
    judge = build_judge(settings)
    assert judge is not None
    return judge


def _question_grade(usable: bool) -> str:
    return json.dumps({"single": True, "open": usable, "not_leading": True, "not_advice": usable, "usable": usable})


def test_question_judge_samples_and_votes_over_http(endpoint: Endpoint) -> None:
    endpoint.reply = lambda body, n: (200, _question_grade(n != 1))
    verdict = _judge(endpoint).grade_question("What did the buyer say when you mentioned the pilot?")
    assert verdict.votes == [True, False, True] and verdict.majority is True
    assert len(endpoint.requests) == 3
    for r in endpoint.requests:
        assert r["path"] == "/v1/chat/completions" and r["model"] == "judge-m" and r["auth"] == "Bearer k"
        assert r["temperature"] == 0.7 and r["response_format"]["type"] == "json_schema"
    assert "2. open:" in endpoint.prompts()[0] and "mentioned the pilot?" in endpoint.prompts()[0]


def test_a_failing_judge_endpoint_names_the_judge_settings(endpoint: Endpoint) -> None:
    from copilot.errors import ModelError

    endpoint.reply = lambda body, n: (500, "boom")
    with pytest.raises(ModelError, match="COPILOT_JUDGE_BASE_URL") as caught:
        _judge(endpoint).grade_question("What happened?")
    assert "judge-m" in str(caught.value)


# --- roleplay feedback ----------------------------------------------------------------------------------------


def _kb():  # type: ignore[no-untyped-def]
    from copilot.records.reference import load_knowledge
    from copilot.settings import load_settings

    return load_knowledge(load_settings())


def _played(kb: Any, files: tuple[str, ...]) -> Any:
    from copilot.roleplay.evaluate import load_index
    from evals.suites import roleplay

    scripts = [s for s in load_index() if Path(s.file).name in files]
    assert len(scripts) == len(files)
    return roleplay.run(kb, None, scripts=scripts)


def _items(prompt: str, kind: str) -> list[str]:
    return re.findall(rf"^\[({kind}\d+)\]", prompt, flags=re.MULTILINE)


def _feedback_answer(prompt: str, *, drop: str | None = None, good: bool = True, usable: bool = True) -> str:
    evidence = [
        {"id": i, "quote_from_rep": True, "quote_shows": True, "reached_good": good, "accurate": True}
        for i in _items(prompt, "E")
        if i != drop
    ]
    drills = [
        {"id": i, "targets_gap": True, "builds_skill": usable, "concrete": True, "usable": usable}
        for i in _items(prompt, "D")
    ]
    return json.dumps({"evidence": evidence, "drills": drills})


def test_feedback_judge_grades_every_level_and_drill_and_votes_per_item(endpoint: Endpoint) -> None:
    from evals.framework import aggregate
    from evals.judge_feedback import judge_roleplay

    kb = _kb()
    played = _played(kb, ("d_cfo-price_strong.txt", "d_cfo-price_weak.txt"))

    def reply(body: dict[str, Any], n: int) -> tuple[int, str]:
        prompt = body["messages"][0]["content"]
        # per script: one full answer, one that is not JSON, one that leaves out E2 -> E2 has no majority
        return 200, [_feedback_answer(prompt), "The feedback looks fine to me.", _feedback_answer(prompt, drop="E2")][
            n % 3
        ]

    endpoint.reply = reply
    result = judge_roleplay(played, _judge(endpoint), kb)
    assert result.name == "judge-roleplay" and len(endpoint.requests) == 2 * 3
    assert all(r["max_tokens"] >= 1000 and r["temperature"] == 0.7 for r in endpoint.requests)

    scripts = {c.id: c for c in played.cases if "feedback" in c.details}
    for script_id, script in scripts.items():
        prompt = next(p for p in endpoint.prompts() if script.details["conversation"][1]["text"] in p)
        assert "1. quote_from_rep" in prompt and "1. targets_gap" in prompt
        for item in script.details["feedback"]:
            assert kb.criteria[item["criterion_id"]].levels.good in prompt and item["evidence"] in prompt
        mine = [c for c in result.cases if c.id.startswith(f"{script_id}#")]
        levels = [c for c in mine if "judge_level_agreement" in c.values]
        drills = [c for c in mine if "judge_drill_usable" in c.values]
        assert len(levels) == len(script.details["feedback"])
        assert len(drills) == sum(1 for d in script.details["next_steps"] if d["criterion_id"])
        for i, case in enumerate(levels):
            v = case.values
            assert v["deterministic_evidence_ok"] == 1.0  # the scorer quotes the rep word for word
            if i == 1:  # E2: one valid vote of three is no majority, which counts as disagreement
                assert case.details["accurate_votes"] == [True, None, None]
                assert v["judge_evidence_accurate"] is None and v["judge_decided"] == 0.0
                assert v["judge_evidence_agreement"] == 0.0 and v["judge_level_agreement"] == 0.0
            else:
                assert case.details["accurate_votes"] == [True, None, True] and v["judge_decided"] == 1.0
                assert v["judge_evidence_accurate"] == 1.0 and v["judge_evidence_agreement"] == 1.0
                assert v["judge_level_agreement"] == v["deterministic_good"]  # the judge said "reached Good" to all
        for case in drills:
            assert case.values["judge_drill_usable"] == 1.0
            assert case.values["judge_drill_agreement"] == case.values["deterministic_drill_fit"]
    weak = [c for c in result.cases if c.id.startswith("d_cfo-price_weak#") and "deterministic_good" in c.values]
    assert any(c.values["deterministic_good"] == 0.0 for c in weak)  # so level agreement can and does fail here
    assert any(c.values["judge_level_agreement"] == 0.0 for c in weak if c.values["judge_decided"] == 1.0)
    metrics = {(m.name, m.split): m for m in aggregate(result).metrics}
    assert metrics[("judge_decided", "dev")].mean is not None and metrics[("judge_decided", "dev")].mean < 1.0
    assert aggregate(result).passed  # reported, never gated


def test_deterministic_feedback_labels_catch_made_up_quotes_and_misplaced_drills(endpoint: Endpoint) -> None:
    from evals.judge_feedback import NO_LINE, judge_roleplay, quote_ok

    rep = ["I hear you: the price is above what you budgeted.", "What would you need to see?"]
    assert quote_ok({"evidence": '"the price is above what you budgeted"', "level": 3}, rep)
    assert not quote_ok({"evidence": '"We guarantee a 40% saving."', "level": 3}, rep)  # never said
    assert not quote_ok({"evidence": NO_LINE, "level": 2}, rep)  # a level above Not Present needs a quote
    assert not quote_ok({"evidence": '"What would you need to see?"', "level": 1}, rep)

    kb = _kb()
    played = _played(kb, ("d_cfo-price_weak.txt",))
    script = next(c for c in played.cases if "feedback" in c.details)
    target = script.details["feedback"][0]
    target["level"], target["label"] = 4, "Excellent"
    drill = next(d for d in script.details["next_steps"] if d["criterion_id"])
    drill["criterion_id"] = target["criterion_id"]  # a drill for a step the rep already does well
    script.details["next_steps"].append({**drill, "activity_id": "act-does-not-exist"})
    script.details["feedback"][-1]["evidence"] = '"We guarantee a 40% saving."'
    endpoint.reply = lambda body, n: (200, _feedback_answer(body["messages"][0]["content"]))
    result = judge_roleplay(played, _judge(endpoint, samples=1), kb)
    assert all(r["temperature"] == 0.0 for r in endpoint.requests)  # one sample: no point sampling
    drills = [c for c in result.cases if "deterministic_drill_fit" in c.values]
    assert drills[0].values["deterministic_drill_fit"] == 0.0 and drills[0].values["judge_drill_agreement"] == 0.0
    assert drills[-1].values["deterministic_drill_fit"] == 0.0  # no such activity
    last = [c for c in result.cases if "deterministic_evidence_ok" in c.values][-1]
    assert last.values["deterministic_evidence_ok"] == 0.0 and last.values["judge_evidence_agreement"] == 0.0


def test_every_judge_rubric_renders() -> None:
    from evals.judge import prompt_names, render

    samples: dict[str, Any] = {
        "question": "What happened on the call?",
        "scenario": "sc-x",
        "conversation": [{"speaker": "buyer", "text": "Too expensive."}, {"speaker": "rep", "text": "Say more?"}],
        "evidence": [
            {
                "id": "E1",
                "title": "T",
                "description": "D",
                "levels": {"not_present": "a", "needs_work": "b", "good": "c", "excellent": "d"},
                "label": "Good",
                "evidence": '"Say more?"',
            }
        ],
        "drills": [{"id": "D1", "title": "Drill", "text": "Do it three times."}],
    }
    assert prompt_names() == ["judge_feedback.md", "judge_question.md"]
    for name in prompt_names():
        text = render(name, **samples)
        assert text and "{{" not in text and "{%" not in text, name


def test_copilot_eval_runs_the_judge_when_configured_and_says_when_it_is_not(
    endpoint: Endpoint,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from copilot.cli.main import main
    from copilot.roleplay.evaluate import load_index

    two = [s for s in load_index() if Path(s.file).name in ("d_cfo-price_strong.txt", "d_cfo-price_weak.txt")]
    monkeypatch.setattr("evals.suites.roleplay.load_index", lambda index: two)
    argv = ["eval", "--suite", "roleplay", "--backend", "none", "--json"]

    code = main([*argv, "--report", str(tmp_path / "plain")])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and list(out["metrics"]) == ["roleplay"]
    assert (
        out["skipped"][0]["what"] == "judge of roleplay (feedback)"
        and "COPILOT_JUDGE_MODEL" in out["skipped"][0]["how"]
    )
    assert "Skipped: judge of roleplay (feedback)" in (tmp_path / "plain" / "report.html").read_text()
    assert not endpoint.requests

    endpoint.reply = lambda body, n: (200, _feedback_answer(body["messages"][0]["content"]))
    for key, value in {
        "COPILOT_JUDGE_MODEL": "judge-m",
        "COPILOT_JUDGE_BASE_URL": endpoint.base_url,
        "COPILOT_JUDGE_SAMPLES": "3",
        "COPILOT_LLM_RETRIES": "0",
    }.items():
        monkeypatch.setenv(key, value)
    code = main([*argv, "--report", str(tmp_path / "judged")])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and list(out["metrics"]) == ["roleplay", "judge-roleplay"] and out["skipped"] == []
    assert len(endpoint.requests) == 2 * 3
    rows = {(m["name"], m["split"]): m for m in out["metrics"]["judge-roleplay"]}
    assert rows[("judge_evidence_accurate", "dev")]["mean"] == 1.0 and rows[("judge_decided", "all")]["mean"] == 1.0
    assert rows[("judge_level_agreement", "dev")]["mean"] < 1.0  # the fake judge says "reached Good" to a weak rep
    page = (tmp_path / "judged" / "report.html").read_text()
    assert "judge-roleplay" in page and "never gated" in page and "Skipped" not in page

    # the prep questions go to the same judge: one call per question with one sample, greedy
    monkeypatch.setenv("COPILOT_JUDGE_SAMPLES", "1")
    endpoint.requests.clear()
    endpoint.reply = lambda body, n: (200, _question_grade(True))
    code = main(["eval", "--suite", "prep", "--backend", "none", "--json", "--report", str(tmp_path / "prep")])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and list(out["metrics"]) == ["prep", "judge-prep"] and out["skipped"] == []
    report = json.loads((tmp_path / "prep" / "report.json").read_text())
    questions = sum(len(c["details"].get("questions", [])) for c in report["suites"][0]["cases"])
    assert questions > 0 and len(endpoint.requests) == questions
    assert all(r["temperature"] == 0.0 for r in endpoint.requests)
