"""A deal on record as the prep brief reads it, with every field set unless a test says otherwise."""

from __future__ import annotations

import datetime as dt

from copilot.records.deals import DealView

AS_OF = dt.date(2026, 11, 20)


def deal(**kw: object) -> DealView:
    """A stage-4 commit deal, Acme, as of 20 Nov 2026; keyword arguments replace fields."""
    base: dict[str, object] = {
        "id": "d1",
        "rep_id": "r",
        "name": "Acme",
        "stage": 4,
        "amount": 50000,
        "close_date": dt.date(2026, 12, 15),
        "category": "commit",
        "stage_since": dt.date(2026, 11, 1),
        "last_activity": dt.date(2026, 11, 18),
        "next_step": "Signature due 2026-11-15",
        "evidence": "Contract with legal; signer is the CFO",
        "as_of": AS_OF,
    }
    return DealView.model_validate({**base, **kw})
