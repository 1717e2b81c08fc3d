"""Concessions a rep offers (a discount, a shorter term, a pilot) and how the buyer meets each one.

`read_offer` reads the turn (a field on the rep's signals); `reaction` is the buyer's side: a concession the
scenario lists under `reactions` is one the buyer asked for and gets the reaction written there; an unasked
discount is pocketed by an easy buyer, bargained over when it is a conditional trade, and otherwise distrusted.
"""

from __future__ import annotations

import re

from copilot.knowledge.schema import OfferReaction
from copilot.roleplay.models import Offer, Scenario

OFFERING = re.compile(
    r"\b((we|i) (can|could|will|would|are happy to|am happy to)|(we|i)('ll|'d|'re happy to|'m happy to)|we're able|"
    r"happy to|let's|"
    r"let us|how about|what if|would you (take|accept|go for)|i'll give|ok(ay)?\b|fine\b|sure\b|we'd)",
    re.IGNORECASE,
)
OFFER_ASKED = re.compile(r"^\W*(so,? )?(what )?if we\b|\bwe (could|can)\b", re.IGNORECASE)
"""A term put as a question is still offered when we propose it ('If we did a twelve-month term, would that work?')."""
PILOT = re.compile(r"\b(pilot|trial|proof of concept|poc)\b", re.IGNORECASE)
CONCESSION = re.compile(
    r"\d{1,2}\s?(%|percent|per cent)\s+(off|discount)|\bdiscount\b|room on (the )?price|"
    r"\b(move|flex|come down|bend|drop)( \w+)? on (the )?price|\b(move|come down|drop|give)( by)? \d{1,2}\s?(%|percent)|"
    r"match (their|the|that|your|his|her) (price|quote|number|offer)|price match|\b(knock|take|shave)( \w+){0,4} off\b|"
    r"\bwaive\b|\d{1,2}\s?(%|percent|per cent)( off)? (if|when|provided|as long as) (you|we)\b",
    re.IGNORECASE,
)
"""A price concession in words: an amount off, a discount, room or movement on price, matching a rival's price."""
REFUSED = re.compile(
    r"\b(no|not a|not any|don't|doesn't|won't|can't|cannot|without( a)?|before we talk)\s+(\w+ )?(discount|numbers|price)",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(r"\bif you\b|\bin (exchange|return) for\b|\bprovided (that )?you\b", re.IGNORECASE)
PROPOSED = re.compile(r"^\W*(would|could|what if|how about|shall)\b", re.IGNORECASE)
TERM = re.compile(
    r"\b((one|1|a|twelve|12|six|6|two|2)[- ](year|month)s?(?![- ]?(pilot|trial))|annual (term|contract|deal)|"
    r"shorter (term|contract)|month-to-month|year-to-year|exit clause|opt[- ]out|cancel (any ?time|after)|"
    r"(drop|waive|remove) the (multi-year|lock-in|minimum term)|no (lock-in|multi-year)|(term|contract) of (one|a) year)",
    re.IGNORECASE,
)


def _offered(sentence: str) -> bool:
    """The sentence puts something on the table: an offer, a conditional trade, or a proposal as a question."""
    question = sentence.rstrip().endswith("?")
    return (
        bool(PROPOSED.search(sentence) or OFFER_ASKED.search(sentence))
        if question
        else bool(OFFERING.search(sentence) or CONDITIONAL.search(sentence))
    )


def read_offer(text: str, discount: bool = False) -> Offer:
    """The concession a turn offers: a pilot, a shorter term, a discount, or none.

    `discount` is the reader's own reading; a price concession named in words counts too, once it is offered.
    """
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _offered(sentence):
            continue
        if PILOT.search(sentence) and not re.search(r"\b(results?|criteria) of the pilot\b", sentence, re.I):
            return "pilot"
        if (CONCESSION.search(sentence) or (discount and re.search(r"\d\s?%|price", sentence))) and not REFUSED.search(
            sentence
        ):
            return "discount"
        if TERM.search(sentence) and (not sentence.rstrip().endswith("?") or OFFER_ASKED.search(sentence)):
            return "term"
    return "none"  # a percentage said without offering it ('40 percent cheaper') is not a concession


def conditional(text: str) -> bool:
    """The concession is traded for something ('if you sign by the 28th, …')."""
    return bool(CONDITIONAL.search(text))


def offer_sentence(text: str, offer: Offer) -> str:
    """The sentence of the turn that made the offer (for the record and the feedback)."""
    pattern = {"pilot": PILOT, "term": TERM}.get(offer)
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if pattern is not None and pattern.search(sentence):
            return sentence
        if pattern is None and re.search(r"\d|discount|off|price|free|match|waive", sentence, re.IGNORECASE):
            return sentence
    return text


def reaction(scenario: Scenario, offer: Offer, live: str | None, trade: bool) -> tuple[OfferReaction, bool]:
    """How the buyer meets the offer, and whether the buyer had asked for it."""
    for r in scenario.reactions:
        if r.offer == offer and (r.objection is None or r.objection == live):
            return r.reaction, True
    if scenario.difficulty == "easy":
        return "take", False
    if trade and scenario.difficulty == "realistic":
        return "counter", False
    return "distrust", False
