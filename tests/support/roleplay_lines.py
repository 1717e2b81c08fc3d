"""Rep lines several roleplay tests play: a strong opening against the CFO's price and usage concerns."""

from __future__ import annotations

PRICE_THEN_USAGE = [
    "That's fair, price deserves scrutiny. What are you weighing it against?",
    "Finance teams like yours get within 5 percent of actuals by the second quarter and save about a day a week "
    "on reconciliation. Does that change how the price looks against an analyst?",
    "I hear you, a tool nobody opens is money burned. What went wrong with the last one?",
    "Reps don't have to enter anything, and managers use it inside the forecast call they already run. Would a "
    "one-team pilot with an agreed usage measure settle that?",
]
