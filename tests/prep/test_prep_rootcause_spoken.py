"""Spoken manager wording (brief17, from heldout12's misses): a cause the note names only to deny it ("it's not that
he doesn't understand it") is neither read there by the learned head nor left standing, and a debrief that names the
buyer by role or by the line ("a purchasing director on the line") rather than as "buyer" or "call" is a note on the
skill, so its reading of the moment counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from copilot.knowledge import KnowledgeBase
from copilot.prep import rootcause
from copilot.prep.models import Evidence
from copilot.prep.plan import history_for
from copilot.prep.rootcause import History, diagnose, read_cause

D = dt.date(2026, 11, 1)


def _ev(i: str, days: int, level: int | None, text: str) -> Evidence:
    return Evidence(id=i, date=D + dt.timedelta(days=days), level=level, observer="manager", text=text)


# never at the threshold live: the scores alone lean to knowledge
NEVER = [
    _ev("o1", 0, 2, "Agreed a price with the buyer and asked for nothing in return."),
    _ev("o2", 20, 2, "Gave a free month the moment the buyer hesitated."),
]


@pytest.fixture
def fake_head(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A head that leans to knowledge on every sentence, with skill second."""
    probs = (("knowledge", 0.9), ("skill", 0.7), ("confidence", 0.1), ("messaging", 0.0), ("will", 0.0), ("none", 0.0))
    monkeypatch.setattr(rootcause, "read_probs", lambda sentence: probs)
    yield


@pytest.mark.parametrize(
    "sentence",
    [
        "It's not that he doesn't understand the give-get rule; on the day he gives first.",
        "Not because she never learned it - she gets halfway and stops.",
        "This isn’t a knowledge thing, it's doing it at speed.",
    ],
)
def test_the_head_does_not_read_a_cause_the_sentence_denies(fake_head: None, sentence: str) -> None:
    found = read_cause(sentence)
    assert found is not None and found[0] == "skill"


def test_the_head_still_reads_the_cause_where_no_denial_is_said(fake_head: None) -> None:
    found = read_cause("He had not come across the give-get rule before.")
    assert found is not None and found[0] == "knowledge"


def test_a_denied_knowledge_gap_rules_knowledge_out_for_a_rep_never_at_the_threshold() -> None:
    note = _ev("s1", 25, None, "It's not that he doesn't understand trading. On his deals the discount goes first.")
    hypothesis = diagnose(History("negotiation.trades", 3, NEVER, [], [note]))
    assert hypothesis.category != "knowledge"
    assert hypothesis.scores["knowledge"] < 0
    # without the denial the same rep reads as knowledge
    plain = _ev("s1", 25, None, "On his deals the discount goes first.")
    assert diagnose(History("negotiation.trades", 3, NEVER, [], [plain])).category == "knowledge"


def _history(kb: KnowledgeBase, text: str, days_after: int) -> list[str]:
    cid = "negotiation.value-anchor"
    obs = SimpleNamespace(
        id="o1",
        date=D,
        observer="manager",
        scores={cid: 2},
        evidence={cid: "Opened with the discount before the number was questioned."},
    )
    session = SimpleNamespace(id="s1", date=D + dt.timedelta(days=days_after), notes=text, agreements=[])
    return [n.id for n in history_for(cid, kb, [obs], [session], "steady", rep_name="Ines Varga").notes]


@pytest.mark.parametrize(
    "text",
    [
        "Put a purchasing director on the line and he opens low to keep them sweet.",
        "With the sourcing team listening he leads with price.",
        "Around the big logos he gets small and gives it away.",
    ],
)
def test_a_debrief_naming_the_buyer_by_role_speaks_of_the_latest_miss(kb: KnowledgeBase, text: str) -> None:
    assert _history(kb, text, 3) == ["s1"]


def test_a_note_about_something_else_or_long_after_is_not_a_debrief(kb: KnowledgeBase) -> None:
    assert _history(kb, "Ines is on leave next week.", 3) == []
    assert _history(kb, "Put a purchasing director on the line and he opens low.", 40) == []
