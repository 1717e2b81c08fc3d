"""A term put in writing to a buyer that only someone else may grant, and the next sentence says so, is a false claim
to the buyer ("put in writing that we would waive the fee. Only legal can approve that"); the buyer's own approver
("only she can approve the budget on their side") is not."""

from __future__ import annotations

from copilot.prep.stakes import _claim_sentence


def test_a_term_put_in_writing_that_only_legal_may_grant_is_a_claim_to_the_buyer() -> None:
    note = (
        "Put in writing to Harlow Mills that we would drop the setup fee. Only the deal desk can approve that and "
        "nobody asked. It has to be taken back before signature."
    )
    found = _claim_sentence(note)
    assert found is not None and "setup fee" in found and "deal desk" in found


def test_the_buyers_own_approver_is_not_a_correction() -> None:
    assert _claim_sentence("She told the buyer we would send the proposal on Friday. Only she can approve it.") is None
    assert _claim_sentence("Put in writing to Harlow Mills that the pilot starts in May. They were pleased.") is None
