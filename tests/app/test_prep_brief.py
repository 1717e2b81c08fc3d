"""Preparing a brief: `copilot prep` and the manager's prep tab give the same brief and the same errors."""

from __future__ import annotations

from typing import Any

import pytest
from support.frontends import ADMIN, Cli

from copilot.errors import CopilotError
from copilot.runtime import Runtime
from copilot.settings import load_settings
from ui import manager_ops
from ui.context import UIContext

MEETINGS = ("one-on-one", "deal-review", "pipeline-review", "forecast-review")
REP = "rep-marcus-bell"


def _page(ctx: UIContext, rep: str, meeting: str) -> tuple[str, dict[str, Any]]:
    """The brief as the page ends up showing it, and the payload it would save."""
    *_, (markdown, download, payload) = manager_ops.prep_brief(ctx, ADMIN, rep, meeting)
    assert download is not None and payload is not None
    return markdown, payload


def _without_timings(brief: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in brief.items() if k not in ("timings", "saved_as")}


@pytest.mark.parametrize("meeting", MEETINGS)
def test_the_command_and_the_page_give_the_same_brief(demo: UIContext, cli: Cli, meeting: str) -> None:
    printed = cli("prep", "--rep", REP, "--meeting", meeting)
    markdown, payload = _page(demo, REP, meeting)
    assert printed.code == 0 and printed.out == markdown + "\n"
    assert "model not asked for questions (COPILOT_MODEL_FEATURES=none)" in markdown  # the same note in both
    as_json = cli("prep", "--rep", REP, "--meeting", meeting, "--json").json
    assert _without_timings(as_json) == _without_timings(payload)


@pytest.mark.parametrize(
    ("rep", "meeting", "words"),
    [("rep-nobody", "one-on-one", "rep-nobody"), (REP, "board-meeting", "board-meeting")],
)
def test_an_unknown_rep_or_meeting_is_the_same_error_in_both(
    demo: UIContext, cli: Cli, rep: str, meeting: str, words: str
) -> None:
    printed = cli("prep", "--rep", rep, "--meeting", meeting)
    with pytest.raises(CopilotError) as raised:
        _page(demo, rep, meeting)
    assert printed.code == 2 and words in printed.error
    assert printed.error == str(raised.value)


def test_a_model_that_cannot_load_leaves_the_curated_brief_in_both(
    demo: UIContext, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_MODEL_FEATURES", "prep_questions")
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "llamacpp")
    monkeypatch.setenv("COPILOT_LLM_MODEL", "/nowhere/model.gguf")
    printed = cli("prep", "--rep", REP, "--json")
    broken = UIContext(Runtime(load_settings()))
    try:
        markdown, payload = _page(broken, REP, "one-on-one")
    finally:
        broken.close()
    assert printed.code == 0
    assert _without_timings(printed.json) == _without_timings(payload)
    assert any(n.startswith("model questions unavailable") and "COPILOT_LLM_MODEL" in n for n in payload["notes"])
    assert "The model failed" in markdown and "the questions above are curated" in markdown


def test_a_saved_brief_is_kept_with_the_rep_from_either(demo: UIContext, cli: Cli) -> None:
    saved = cli("prep", "--rep", REP, "--save", "--json").json["saved_as"]
    _, payload = _page(demo, REP, "one-on-one")
    message = manager_ops.save_brief(demo, ADMIN, REP, payload)
    kept = {b.id for b in demo.store.briefs(ADMIN, REP)}
    assert saved in kept and any(f"`{other}`" in message for other in kept - {saved})
