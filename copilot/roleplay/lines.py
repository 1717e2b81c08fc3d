"""Curated buyer lines: the objection library's persona phrasings plus reaction templates for every move.

They are what the buyer says when no model is configured or a generated line fails its checks, and they are
the example the model is shown; the transcript labels them `curated`. Variants are chosen by turn index, so
the same conversation always gets the same words.
"""

from __future__ import annotations

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.models import BuyerMove, Difficulty, MoveKind, Scenario

Variants = dict[str, tuple[str, ...]]
"""Templates by flavour ('any', a difficulty, or a cue such as 'discount')."""

TEMPLATES: dict[MoveKind, Variants] = {
    "open": {"any": ("{opening} {concern}",)},
    "raise_objection": {
        "easy": ("That helps, thank you. {concern}", "Okay, that makes sense. {concern}"),
        "realistic": ("Fair enough, that answers that. {concern}", "All right, I can work with that. {concern}"),
        "tough": ("Fine. That's not my only problem. {concern}", "Noted. Next point. {concern}"),
    },
    "share_information": {
        "any": ("{fact}", "Honestly? {fact}", "I'll be open with you. {fact}"),
    },
    "push_back": {
        "any": (
            "That's a lot of product, but you haven't asked about our situation. {concern}",
            "I didn't ask for a tour of the features. {concern}",
            "You're telling me what it does, not why it matters here. {concern}",
        ),
        "discount": (
            "A lower price doesn't fix my problem. {concern}",
            "If the price moves that easily, I wonder what it's really worth. {concern}",
        ),
    },
    "press_harder": {
        "any": (
            "I don't appreciate being told my concern isn't real. {concern}",
            "Telling me I'm wrong won't get this signed. {concern}",
        ),
        "discount": (
            "If you can drop the price that fast, what was the first number worth? {concern}",
            "A discount before you even understand the problem makes me trust the price less. {concern}",
        ),
    },
    "ask_for_proof": {
        "any": (
            "I hear you, but what evidence do you have that this works for a company like ours?",
            "That's a claim. What would show me it's true for us?",
            "How do I know that holds for a business like ours, in {industry}?",
        ),
    },
    "hesitate": {
        "any": (
            "Maybe. I'm not sure that settles it yet.",
            "Hm. I'd need to think about whether that really covers it.",
            "Possibly. I'm still not fully convinced.",
        ),
        "tough": ("That's one claim. I'm not there yet.", "I've heard that before. I'm not there yet."),
    },
    "short_answer": {
        "any": (
            "Partly, yes. My concern stands, though. {concern}",
            "In short, yes. But that's not what worries me. {concern}",
        ),
    },
    "restate": {
        "any": (
            "Let me put it plainly. {concern}",
            "You haven't really answered me. {concern}",
            "I'm still where I was. {concern}",
        ),
    },
    "ask_next_step": {
        "any": (
            "All right. So what would you suggest we do next?",
            "Okay, I can see it. What's the next step you have in mind?",
        ),
        "tough": ("Fine. What exactly are you proposing next?",),
    },
    "agree_next_step": {
        "any": ("That works. Let's put it in the calendar.", "Good, let's do that. Send me the invite."),
        "tough": ("All right. Send me the details and I'll hold that slot.",),
    },
    "stall": {
        "any": ("Let me think about it and get back to you.", "I need to take this away. I'll be in touch."),
    },
    "end_lost": {
        "any": (
            "I don't think this is going to work for us. Thanks for your time.",
            "We'll go a different way. I have to leave it there.",
        ),
    },
    "clarify_request": {
        "any": ("Sorry, I didn't catch that. {concern}", "Are you still there? {concern}"),
        "English": ("Sorry, I can only do this in English. {concern}",),
    },
    "stay_in_role": {
        "any": (
            "I'm not sure what you mean by that. Let's stay on the point. {concern}",
            "That's an odd thing to say in a meeting like this. {concern}",
        ),
    },
}


def concern_line(kb: KnowledgeBase, scenario: Scenario, objection_id: str | None, variant: int = 0) -> str:
    """How this persona voices the objection (its library phrasing), else the objection's title."""
    objection = kb.objections.get(objection_id or "")
    if objection is None:
        return ""
    phrasings = objection.phrasings.get(scenario.persona) or []
    if phrasings:
        return phrasings[variant % len(phrasings)]
    title = objection.title.rstrip(".")
    return f"{title}."


def _flavour(move: BuyerMove, difficulty: Difficulty) -> list[str]:
    """Which template sets apply, most specific first."""
    cues = [c for c in ("discount", "English") if c in move.reason]
    return [*cues, difficulty, "any"]


def curated_line(kb: KnowledgeBase, scenario: Scenario, move: BuyerMove, turn_index: int) -> str:
    """The curated words for a move: a template filled with the persona's phrasing and the fact revealed."""
    variants = TEMPLATES[move.kind]
    options = next(variants[f] for f in _flavour(move, scenario.difficulty) if f in variants)
    template = options[turn_index // 2 % len(options)]
    return " ".join(
        template.format(
            opening=scenario.opening_line,
            concern=concern_line(kb, scenario, move.objection_id, turn_index // 2),
            fact=move.fact or "",
            industry=scenario.industry.lower(),
        ).split()
    )
