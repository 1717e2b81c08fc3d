"""Action items against the hand-labelled 1-on-1s in `action_items.yaml`: each expected item found once, with its
owner and due date, flagged when its object is only a pronoun (and only then), and nothing else listed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from copilot.app.review import parse_due
from copilot.review import review_transcript

LABELS = Path(__file__).with_name("action_items.yaml")


@dataclass
class ItemCase:
    """How one labelled conversation's action items came out."""

    id: str
    split: str
    expected: int
    found: int  # expected items matched exactly once, with owner and due date
    listed: int
    extra: int  # listed items that match no expected item
    seen: list[dict[str, Any]]

    @property
    def right(self) -> bool:
        """Every expected item found once and nothing else listed."""
        return self.found == self.expected and self.extra == 0


def _owner_role(owner: str, roles: dict[str, str]) -> str:
    names = owner.split(" and ")
    held = {roles.get(n, "?") for n in names}
    return "both" if len(held) > 1 else held.pop()


def _matches(item: dict[str, Any], want: dict[str, Any]) -> bool:
    text = item["text"].lower()
    about = all(any(word in text for word in group) for group in want["about"])
    due = want["due"].isoformat() if isinstance(want["due"], dt.date) else want["due"]
    vague = item["vague"] == bool(want.get("vague", False))
    return about and vague and item["owner"] == want["owner"] and item["due"] == due


def check(case: dict[str, Any]) -> ItemCase:
    """Run the review on one labelled conversation and compare its items with the labels."""
    roles = dict(case["roles"])
    kind = case.get("kind", "coaching")  # a sales call (`kind: call`, roles rep/buyer) or a 1-on-1
    measures = review_transcript(case["transcript"], kind, roles, f"{case['id']}.txt")
    day = case["date"]
    seen = [
        {
            "text": a.text,
            "owner": _owner_role(a.owner, roles),
            "due": (lambda d: d.isoformat() if d else None)(parse_due(a.due, day)),
            "said": a.due,
            "vague": a.vague,
        }
        for a in measures.action_items
    ]
    wants = case["items"]
    found = sum(1 for w in wants if sum(_matches(s, w) for s in seen) == 1)
    extra = sum(1 for s in seen if not any(_matches(s, w) for w in wants))
    return ItemCase(case["id"], case["split"], len(wants), found, len(seen), extra, seen)


def run_cases(split: str | None = None) -> list[ItemCase]:
    """Every labelled conversation (of one split, when given)."""
    cases = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["cases"]
    return [check(c) for c in cases if split is None or c["split"] == split]
