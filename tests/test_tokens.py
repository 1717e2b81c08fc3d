"""Token budget: offline counting, truncation, and packing that never overflows the window."""

from __future__ import annotations

from copilot.tokens import ContextPiece, TokenBudget, count_tokens, truncate


def test_counts_offline() -> None:
    assert count_tokens("hello world") == 2
    assert count_tokens("") == 0


def test_truncate_respects_limit() -> None:
    text = "coaching " * 500
    cut = truncate(text, 50)
    assert count_tokens(cut) <= 50
    assert text.startswith(cut)
    assert truncate("short", 50) == "short"


def test_pack_keeps_rank_order_and_fits() -> None:
    budget = TokenBudget(context_window=1024, answer_tokens=256)
    pieces = [ContextPiece(f"kb-{i}", "The rep should ask open questions. " * 20) for i in range(20)]
    fixed = ["system prompt " * 10, "question?"]
    packed = budget.pack(pieces, fixed)
    assert packed.ids == [f"kb-{i}" for i in range(len(packed.ids))]
    assert packed.dropped and packed.dropped[-1] == "kb-19"
    total = sum(count_tokens(t) + budget.per_message_overhead for t in fixed) + packed.tokens + 256
    assert total <= 1024 * (1 - budget.margin)


def test_pack_with_no_room_includes_nothing() -> None:
    budget = TokenBudget(context_window=512, answer_tokens=500)
    packed = budget.pack([ContextPiece("a", "text " * 50)], ["fixed"])
    assert packed.ids == []
    assert packed.dropped == ["a"]
