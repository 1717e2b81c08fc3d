"""What a user types, drafts or uploads in the web tests: shared by the gradio_client tests and the browser tests."""

from __future__ import annotations

import json

QUESTIONS = [
    "What was going through your mind when the buyer said 'I only have twenty minutes' on that call?",
    "Did you state an agenda?",
    "How did you decide what to cover first once the buyer said they only have twenty minutes?",
]


def drafted_questions(*texts: str) -> str:
    """The JSON a model writes for these questions, all on Marcus's agenda observation."""
    items = [{"text": t, "criterion_id": "discovery-call.agenda", "cites": "obs-marcus-05"} for t in texts]
    return json.dumps({"questions": items})


STRONG = [
    "Happy to send something short. What would you want it to answer for you?",
    "Deals tend to sit in a stage for weeks before anyone flags them, so I can send a one-page example of how we "
    "spot late slips from stage lag on your team. Which part of that would matter most to your board?",
    "Shall we take fifteen minutes on Tuesday the 14th at 10am to go through it?",
    "I hear you, the end of the quarter is a heavy time. What specifically makes now hard?",
    "Most teams start with one team and one forecast call, a couple of hours of setup, and the slippage it catches "
    "is in the current quarter. What would still need to be true for a one-team start to work?",
    "Could we book a one-team pilot kickoff on Monday the 20th at 9am?",
]

BROKEN_CATALOG = """\
kind: learning_catalog
version: 1
activities:
  - id: act-agenda-warmup
    title: Agenda warm-up
    kind: drill
    criteria: [discovery-call.agendaa]
    root_causes: [skill]
    duration_minutes: 15
    description: Say the agenda aloud three times before the call.
    instructions: Record it, listen back, repeat.
"""
GOOD_GUIDE = """\
Answering the pilot-first request
When a buyer asks for a free pilot before any commitment, agree the success criteria, the owner and the
decision date first; a pilot without a decision date is a delay, not an evaluation. Quillfeather test phrase.
"""
