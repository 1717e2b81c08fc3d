"""A question asking which items of one kind the knowledge base holds ("what differentiators do we have?", "list our
insights", "which roleplay scenarios are there?"): every item of that kind, a line each. Search returns the items
one by one, and such a question, with no topic of its own, can rank them below the relevance floor."""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeBase

# The kind, named in the plural, and the question asking for the set: what/which/list/all ... (do we have, are
# there, are our), with nothing else to narrow it.
KIND_NAMES: dict[str, re.Pattern[str]] = {
    "differentiators": re.compile(r"\bdifferentiators\b", re.I),
    "insights": re.compile(r"\binsights\b", re.I),
    "value_propositions": re.compile(r"\bvalue propositions\b|\bvalue props\b", re.I),
    "scenarios": re.compile(r"\b(?:roleplay |role-play |practice )?scenarios\b|\broleplays\b", re.I),
    "personas": re.compile(r"\b(?:buyer )?personas\b", re.I),
}
ASKS_SET = re.compile(
    r"^\s*(?:(?:what|which)(?: \w+)?|list|show me|give me)\b[^?]*?"
    r"(?:\bdo (?:we|i|you) (?:have|hold|offer|use)|\bare (?:there|our|the|available)|\bexist|\bavailable)?\s*[?.!]?\s*$",
    re.I,
)
NARROWS = re.compile(
    r"\b(?:for|about|when|where|against|with|on|that|who|whose|if|matters?|fits?|best|should|most)\b", re.I
)


def kind_asked(question: str) -> str | None:
    """The kind of item a question asks to see all of, if it asks for the set of one kind and narrows it no further."""
    named = [kind for kind, pattern in KIND_NAMES.items() if pattern.search(question)]
    if len(named) != 1 or not ASKS_SET.search(question) or NARROWS.search(question):
        return None
    return named[0]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def kind_list(kb: KnowledgeBase, kind: str) -> tuple[str, list[str]]:
    """Every item of the kind, a line each, citing each."""
    items = getattr(kb, kind)
    lines: list[str] = []
    for item_id, item in items.items():
        if kind == "value_propositions":
            who = kb.personas[item.persona].title if item.persona in kb.personas else item.persona
            lines.append(f"- For the {who}: {item.headline} [{item_id}]")
        elif kind == "scenarios":
            lines.append(f"- {item.title} [{item_id}] ({item.difficulty}): `copilot roleplay --scenario {item_id}`")
        elif kind == "personas":
            lines.append(f"- {item.title} [{item_id}]: cares about {'; '.join(item.cares_about[:2])}")
        else:
            lines.append(f"- {item.title} [{item_id}]: {_first_sentence(item.body)}")
    label = kind.replace("_", " ")
    if not lines:
        return f"The knowledge base holds no {label}.", []
    text = "\n".join([f"The knowledge base holds {len(lines)} {label}:", *lines, "Ask about one for the whole of it."])
    return text, list(items)
