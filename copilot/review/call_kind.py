"""Which kind of sales call this is by what the rep spends the call doing, as a person would tell.

A weak call earns low levels on every map, so the map fit alone cannot tell a weak demo from a weak discovery
call. What the turns do can: asking about the buyer's situation is a discovery call, showing the product is a
demo, trading price and terms is a negotiation, answering the buyer's objections is objection handling.
copilot.review.scoring uses this to be sure of a call that clearly is one kind, and still asks on a mixed one.
"""

from __future__ import annotations

from copilot.review import cues as c
from copilot.review.call_features import SCREEN
from copilot.review.call_view import CallView
from copilot.review.ladders import ASKS

TERMS = c.rx(
    r"\b(thousand|hundred|percent|discount|price|pricing|fee|contract|order form|procurement|in return|uplift)\b",
    r"\b(renewal|price) (increase|rise|terms)\b",
    r"\b(\w+-year|one-year|multi-year) (term|deal|contract|commitment)\b|\bnet (thirty|sixty|ninety|\d+)\b",
    r"\bsign(ed|ing)? (by|for|a|the)\b|\bpayment terms?\b|\$\d",
)
"""Price and terms being traded, in a rep's turn."""
KIND_WORDS = {
    "discovery-call": "the rep asks about the buyer's situation",
    "demo": "the rep shows the product",
    "negotiation": "the two sides trade price and terms",
    "objection-handling": "the rep meets the buyer's objections",
}
"""How the review says why it read the call as that kind; every interaction clear_kind can return is here."""
KIND_SHARE = 0.6
"""The share of the call's telling turns one kind needs before the review is sure of it."""
KIND_TURNS = 3
"""And the fewest telling turns: two questions and a goodbye say too little."""


def activity(v: CallView) -> dict[str, int]:
    """Telling turns per interaction: situation questions, product shown, price or terms traded, objections met.

    A buyer's objection, and the rep's questions after one, are objection handling: clarifying a concern is not
    discovering a situation, so an objection-heavy call full of questions is not read as a discovery call. A buyer
    pushing back on price ("finance is pushing back on the renewal price") opens a negotiation instead: the rep's
    questions after it probe the gap in price or terms.
    """
    out = {"discovery-call": 0, "demo": 0, "negotiation": 0, "objection-handling": 0}
    after: str | None = None  # what the rep's questions are about once the buyer has objected
    for i in range(v.n):
        text = v.norm[i]
        if v.u[i].role != "rep":
            if v.u[i].role == "buyer" and c.OBJECTION.search(text) and not c.PRICE.search(text):
                out["objection-handling"] += 1
                after = "objection-handling"
            elif v.u[i].role == "buyer" and c.PRICE.search(text) and c.PUSHBACK.search(text):
                after = after or "negotiation"
            continue
        if c.PRICE.search(text) or TERMS.search(text):
            out["negotiation"] += 1
        elif SCREEN.search(text) or c.SHOW.search(text):
            out["demo"] += 1
        elif v.acts(i) & set(ASKS):
            out[after or "discovery-call"] += 1
    return out


def clear_kind(v: CallView, candidates: set[str]) -> str | None:
    """The one kind the call's turns are mostly about, among the candidate interactions; None when mixed."""
    counts = {k: n for k, n in activity(v).items() if k in candidates}
    total = sum(counts.values())
    if not total:
        return None
    kind = max(counts, key=lambda k: counts[k])
    return kind if counts[kind] >= KIND_TURNS and counts[kind] >= KIND_SHARE * total else None
