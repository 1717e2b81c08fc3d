"""Curating the knowledge base: `copilot kb` and enablement's tab index, list, search, remove and find gaps alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.frontends import ADMIN, Cli

from copilot.errors import CopilotError
from ui import kb_ops
from ui.context import UIContext

QUESTION = "the CFO says there is no money left this year"


def _quiet(fraction: float, text: str) -> None:
    """The page's progress bar, not watched here."""


@pytest.fixture
def indexed(web: UIContext) -> UIContext:
    """The knowledge folder indexed from the page."""
    outcome = kb_ops.ingest_all(web, ADMIN, _quiet)
    assert "added" in outcome.summary
    return web


def test_an_empty_index_is_the_same_error_in_both(web: UIContext, cli: Cli) -> None:
    printed = cli("kb", "search", QUESTION)
    with pytest.raises(CopilotError) as raised:
        kb_ops.preview(web, ADMIN, QUESTION, 5, "hybrid", None)
    assert printed.code == 2 and "index is empty" in printed.error and printed.error == str(raised.value)


def test_indexing_from_the_page_leaves_nothing_for_the_command_to_do(indexed: UIContext, cli: Cli) -> None:
    again = cli("kb", "ingest", "--json")
    assert again.code == 0 and again.json["changed"] is False and again.json["chunks_written"] == 0
    assert "unchanged" in kb_ops.ingest_all(indexed, ADMIN, _quiet).summary


def test_the_listing_is_the_same_in_both(indexed: UIContext, cli: Cli) -> None:
    listed = cli("kb", "list", "--type", "objection", "--json").json
    table = kb_ops.items(indexed, ADMIN, "objection")
    assert len(listed) >= 20
    assert [(i["id"], i["chunks"]) for i in listed] == list(zip(table["id"], table["chunks"], strict=True))


@pytest.mark.parametrize("mode", ["dense", "keyword", "hybrid"])
def test_a_search_finds_the_same_items_in_the_same_order(indexed: UIContext, cli: Cli, mode: str) -> None:
    found = cli("kb", "search", QUESTION, "-k", "5", "--mode", mode, "--type", "objection", "--json").json
    table = kb_ops.preview(indexed, ADMIN, QUESTION, 5, mode, "objection")
    assert [r["id"] for r in found["results"]] == list(table["id"])
    assert "obj-no-budget" in list(table["id"])


def test_an_empty_question_or_an_unknown_item_is_the_same_error(indexed: UIContext, cli: Cli) -> None:
    for args, call in [
        (("kb", "search", "  "), lambda: kb_ops.preview(indexed, ADMIN, "  ", 5, "hybrid", None)),
        (("kb", "remove", "obj-nothing"), lambda: kb_ops.remove_item(indexed, ADMIN, "obj-nothing")),
    ]:
        printed = cli(*args)
        with pytest.raises(CopilotError) as raised:
            call()
        assert printed.code == 2 and printed.error == str(raised.value)


def test_an_item_removed_from_one_is_gone_from_the_other(indexed: UIContext, cli: Cli) -> None:
    assert "obj-no-budget" in set(kb_ops.items(indexed, ADMIN, "objection")["id"])
    assert cli("kb", "remove", "obj-no-budget", "--json").json["removed"]
    assert "obj-no-budget" not in set(kb_ops.items(indexed, ADMIN, "objection")["id"])
    with pytest.raises(CopilotError, match="nothing indexed as 'obj-no-budget'"):
        kb_ops.remove_item(indexed, ADMIN, "obj-no-budget")


def test_the_gaps_are_the_same_in_both(web: UIContext, cli: Cli, knowledge: Path) -> None:
    catalog = knowledge / "learning" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("discovery-call.agenda", "discovery-call.agendaa"), encoding="utf-8")
    printed = cli("kb", "coverage", "--json")
    page = kb_ops.coverage_md(web, ADMIN)
    gaps = sum(len(v) for v in printed.json.values() if isinstance(v, list))
    assert printed.code == 1 and gaps and f"### {gaps} gap(s)" in page
    for criterion in printed.json["criteria_without_activity"]:
        assert f"`{criterion}`" in page
