"""Reviewing a transcript: `copilot review` and the review widget measure the same and refuse the same way."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from support.frontends import REPO, Cli

from copilot.errors import CopilotError
from copilot.runtime import Runtime
from copilot.settings import load_settings
from ui.context import UIContext
from ui.review import run_review

CONVERSATIONS = REPO / "evals" / "review" / "conversations"
MEASURED = (
    "kind", "speakers", "roles", "utterances", "metrics", "coaching_quality", "feedback", "action_items",
    "interaction", "interaction_sure", "interaction_options", "scores", "assumptions",
)  # fmt: skip


def _measured(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result.get(k) for k in MEASURED}


@pytest.mark.parametrize(
    ("name", "kind"),
    [("coaching_good.txt", "coaching"), ("coaching_fair.vtt", "coaching"), ("call_good.json", "call"),
     ("call_fair.srt", "call")],
)  # fmt: skip
def test_a_file_is_measured_the_same_by_the_command_and_the_page(
    web: UIContext, cli: Cli, tmp_path: Path, name: str, kind: str
) -> None:
    printed = cli("review", str(CONVERSATIONS / name), "--kind", kind, "--json")
    upload = tmp_path / name
    shutil.copyfile(CONVERSATIONS / name, upload)
    result, _ = run_review(web.app, str(upload), "", kind, "")
    assert printed.code == 0
    assert _measured(printed.json) == _measured(result)
    if kind == "call":  # both front ends score the call, criterion by criterion
        assert printed.json["scores"] and result["scores"] == printed.json["scores"]


def test_pasted_text_is_measured_as_the_same_file_is(web: UIContext, cli: Cli, tmp_path: Path) -> None:
    text = (CONVERSATIONS / "coaching_good.txt").read_text(encoding="utf-8")
    printed = cli("review", str(CONVERSATIONS / "coaching_good.txt"), "--kind", "coaching", "--role", "Maya=rep",
                  "--json")  # fmt: skip
    result, measures = run_review(web.app, None, text, "coaching", "Maya=rep")
    assert measures.roles["Maya"] == "rep"
    assert _measured(printed.json) == _measured(result)


def test_an_oversized_transcript_is_refused_with_the_same_words(
    cli: Cli, knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_MAX_TRANSCRIPT_BYTES", "1024")
    big = tmp_path / "big.txt"
    big.write_text("Dana: How did it go?\nMarcus: Fine, thanks.\n" * 100, encoding="utf-8")
    printed = cli("review", str(big), "--kind", "coaching")
    ctx = UIContext(Runtime(load_settings()))
    try:
        with pytest.raises(CopilotError) as raised:
            run_review(ctx.app, str(big), "", "coaching", "")
    finally:
        ctx.close()
    assert printed.code == 2 and "over the 1 KB limit" in printed.error
    assert printed.error == str(raised.value)


def test_the_turn_the_feedback_names_is_the_turn_with_that_number_in_the_table(web: UIContext) -> None:
    import re

    from ui.review import acts_frame

    text = (CONVERSATIONS / "coaching_good.txt").read_text(encoding="utf-8")
    result, measures = run_review(web.app, None, text, "coaching", "")
    table = acts_frame(measures)
    named = [(int(n), quote) for f in result["feedback"] for n, quote in re.findall(r'[Tt]urn (\d+)\b.*?"(.{12})', f)]
    assert named, result["feedback"]
    for number, quote in named:
        row = table[table["#"] == number]
        assert quote.rstrip(" .…") in row["text"].iloc[0], (number, quote, table)
