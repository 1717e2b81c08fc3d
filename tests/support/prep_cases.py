"""Prep test records: reps whose records put something at stake (a false claim to buyers, a broken commitment with
the evidence that breaks it) beside one with a plain skill gap; the prep tests load them through tests/prep/conftest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from copilot.records import Actor, Store, open_store
from copilot.settings import load_settings
from evals.suites.prep import _team_doc

STAKES_DAY = dt.date(2026, 12, 4)
CLAIM = "objection-handling.answers-with-proof"
TRADES = "negotiation.trades"


def obs(days: int, cid: str, level: int, text: str) -> dict[str, object]:
    """One observation of one criterion, `days` before the case's today."""
    return {"days_ago": days, "interaction": cid.split(".")[0], "scores": {cid: level}, "evidence": {cid: text}}


STAKES_CASES: list[dict[str, object]] = [
    {
        "id": "claims",
        "rep": {"name": "Omar Test"},
        "today": STAKES_DAY.isoformat(),
        "observations": [
            obs(20, CLAIM, 2, "Told the buyer we guarantee 99 percent accuracy."),
            obs(5, CLAIM, 1, "Answered the security objection from memory."),
        ],
    },
    {
        "id": "promise",
        "rep": {"name": "Ravi Test"},
        "today": STAKES_DAY.isoformat(),
        "observations": [
            obs(30, TRADES, 3, "Traded a discount for a longer term."),
            obs(12, TRADES, 2, "Gave free onboarding away."),
            obs(3, TRADES, 1, "Offered 18 percent off list price the moment the buyer hesitated."),
        ],
        "sessions": [
            {
                "days_ago": 10,
                "notes": "Agreed to hold the price on the renewal.",
                "action_items": [{"text": "Hold list price on the renewal", "due_in_days": -2}],
            }
        ],
    },
    {
        "id": "plain",
        "rep": {"name": "Pat Test"},
        "today": STAKES_DAY.isoformat(),
        "observations": [obs(20, TRADES, 2, "Gave a discount away."), obs(5, TRADES, 1, "Conceded again.")],
    },
]


def case_store(tmp_path: Path, cases: list[dict[str, object]]) -> Store:
    """A fresh store holding only these cases' reps (`rep-<id>`), their dates as written."""
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(_team_doc(cases), sort_keys=False), encoding="utf-8")
    s = open_store(load_settings())
    s.load_team_file(Actor.local_admin(), path, shift=False)
    return s
