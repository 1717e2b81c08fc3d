"""Never speak the prompt: instruction-like and narrator-like text, and the scenario card read out, in a buyer line.

A small model echoes what it was given ("You are a buyer who…", "What your character would tell you:", the deal
context in the third person). Every buyer line, generated or prepared, passes `leak_problem` before it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from copilot.roleplay.checks import _trigrams
from copilot.roleplay.cues import rx

INSTRUCTION = rx(
    r"you are (a|an|the|playing|now) (buyer|customer|cfo|cro|persona|character|role|head|chief|security|sales|"
    r"frontline|prospect|decision)",
    r"you('re| are) playing",
    r"(your|the|my) (character|persona|role)('s)?\b",
    r"(what|how) (your|the) (character|buyer|persona)",
    r"would tell you\s*:",
    r"rules you (always )?follow",
    r"(reply|respond|answer) with only",
    r"in your own words",
    r"(under|in|fewer than|no more than) \d+ words",
    r"(your|the) (mood|disposition)\s*:",
    r"where the deal stands",
    r"deal context",
    r"what you do now",
    r"(the )?salesperson (just )?said",
    r"a line the buyer could say",
    r"stay the buyer",
    r"(speak|talk) only as",
    r"first person",
    r"(never|do not|don't) (agree|praise|give the salesperson|say you are)",
    r"^(as )?(buyer|customer|system|user|assistant)\b\s*[:>-]",
    r"^\s*(note|instructions?|context|scenario|persona|brief)\s*:",
    r"\{\{|\}\}|\{%|%\}",
    r"your goal\b",
    r"the rep\b",
    r"this scenario",
)
NARRATOR = rx(
    r"the (buyer|customer|prospect|persona|character)\b",
    r"\b(he|she|they) (replies|replied|responds|responded|nods|nodded|sighs|sighed|pauses|paused|smiles|leans)\b",
)
STAGE = re.compile(r"^\s*[\[(*].*[\])*]\s*$|\*[a-z ,]+\*|\[[a-z ,]+\]", re.IGNORECASE)
"""Stage directions: *leans back*, [pauses], a whole line in brackets."""
CARD_SHARE = 0.5
"""A line with half or more of its word triples taken from the card or the prompt reads it out."""


def card_texts(
    *, disposition: str, deal_context: str, brief: str, persona_title: str, extra: Iterable[str] = ()
) -> list[str]:
    """The texts the buyer is given but must never read out."""
    return [disposition, deal_context, brief, f"you are the {persona_title}", *extra]


def _third_person(text: str, persona_title: str, short: str | None) -> str | None:
    """The buyer spoken of as 'the CFO must…' (the deal context's voice), not 'I must…'."""
    names = [persona_title, *([short] if short else [])]
    for name in names:
        found = re.search(
            rf"\bthe {re.escape(name)}\s+(must|is|has|wants|will|needs|was|should|can|does|decides)\b",
            text,
            re.IGNORECASE,
        )
        if found:
            return found.group(0)
    return None


def leak_problem(
    text: str, card: Iterable[str] = (), persona_title: str = "", short_title: str | None = None
) -> str | None:
    """Why a buyer line leaks the prompt, the persona description or the card, or None when it is clean speech."""
    found = INSTRUCTION.search(text)
    if found:
        return f"instruction text ({found.group(0).strip().lower()!r})"
    found = NARRATOR.search(text) or STAGE.search(text)
    if found:
        return f"narrator text ({found.group(0).strip().lower()!r})"
    third = _third_person(text, persona_title, short_title) if persona_title else None
    if third:
        return f"narrator text ({third.lower()!r})"
    mine = _trigrams(text)
    if len(mine) >= 3:
        source: set[tuple[str, ...]] = set()
        for t in card:
            source |= _trigrams(t)
        if len(mine & source) / len(mine) >= CARD_SHARE:
            return "reads out the scenario card"
    return None
