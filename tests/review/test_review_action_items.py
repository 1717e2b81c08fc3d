"""Action items as a manager saves them: one item however often it is said, and a real date for every deadline said
relative to the conversation ("by Tuesday", "end of next week"), or plainly 'no date said' (issue 17)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from copilot.app.review import parse_due
from copilot.cli.main import main
from copilot.review import review_transcript

ONE_ON_ONE = """\
Rosa: Morning Eli. Let's pick up the Northwind renewal first. What's blocking it?
Eli: Their finance director hasn't seen any adoption figures.
Rosa: What would move it?
Eli: I'll build a one-page adoption summary for their finance director by Tuesday.
Rosa: Good. What about prospecting?
Eli: I'm going to send ten tailored emails to the healthcare list by end of next week.
Rosa: And from me?
Eli: An intro to their COO would help a lot.
Rosa: I'll write to their COO tomorrow.
Eli: Thanks. I'll also shadow Ama's discovery call in two weeks.
Rosa: Great. So to close: the Northwind adoption one-pager for the finance director, that's yours for Tuesday?
Eli: Yes, the Northwind one-pager, I'll have it done Tuesday.
Eli: I'll also clean up the close dates in the CRM.
Rosa: Good.
"""


def _items(text: str) -> list[str]:
    m = review_transcript(text, "coaching", {"Rosa": "manager", "Eli": "rep"}, "1on1.txt")
    return [a.text for a in m.action_items]


def test_an_item_agreed_then_restated_in_the_recap_and_confirmed_is_one_item() -> None:
    items = _items(ONE_ON_ONE)
    assert sum("one-pag" in t.lower() or "adoption summary" in t.lower() for t in items) == 1, items
    assert any("ten tailored emails" in t for t in items) and any("COO" in t for t in items), items


def test_different_commitments_about_the_same_account_stay_apart() -> None:
    text = (
        "Rosa: What's next on Northwind?\n"
        "Eli: I'll send the Northwind contract to legal by Friday.\n"
        "Rosa: And the deck?\n"
        "Eli: I'll send the Northwind renewal deck to their buyer by Friday too.\n"
    )
    assert len(_items(text)) == 2


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("by end of next week", dt.date(2026, 12, 11)),
        ("by the end of this week", dt.date(2026, 12, 4)),
        ("by Tuesday", dt.date(2026, 12, 8)),
        ("tomorrow", dt.date(2026, 12, 3)),
        ("in two weeks", dt.date(2026, 12, 16)),
        ("at some point", None),
    ],
)
def test_relative_deadlines_resolve_against_the_conversation_date(said: str, due: dt.date | None) -> None:
    assert parse_due(said, dt.date(2026, 12, 2)) == due  # a Wednesday


def test_the_command_prints_each_deadline_as_a_date_of_that_conversation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "1on1.txt"
    path.write_text(ONE_ON_ONE, encoding="utf-8")
    args = ["review", str(path), "--kind", "coaching", "--role", "Rosa=manager", "--role", "Eli=rep"]
    assert main([*args, "--date", "2026-12-02", "--json"]) == 0
    dates = {a["text"]: a["due_date"] for a in json.loads(capsys.readouterr().out)["action_items"]}
    assert dates[next(t for t in dates if "healthcare" in t)] == "2026-12-11"
    assert dates[next(t for t in dates if "COO" in t)] == "2026-12-03"
    assert dates[next(t for t in dates if "shadow" in t)] == "2026-12-16"
    assert dates[next(t for t in dates if "one-pag" in t)] == "2026-12-08"
    assert main([*args, "--date", "2026-12-02"]) == 0
    actions = [line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("action:")]
    assert any("Fri 11 Dec 2026" in line for line in actions), actions
    assert any("close dates" in line and ("no date said" in line or "no clear date" in line) for line in actions)
