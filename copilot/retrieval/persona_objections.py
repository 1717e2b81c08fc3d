"""Which objections a kind of buyer raises ("what objections should I expect from a CFO?"): the objections the
knowledge base phrases for that persona, each with the buyer's own words and its first handling step. Search
ranks one objection or the persona's value proposition first; the list is what was asked."""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeBase

ASKS_LIST = re.compile(
    r"\b(?:which|what|common|typical|expect|usual|most|list)\b[^?]*\bobjections\b|\bobjections\b[^?]*\b(?:expect|raise|"
    r"come up|hear|get)\b",
    re.IGNORECASE,
)
GENERIC = frozenset({"head", "lead", "officer", "chief", "and", "of", "the", "vp", "manager", "sales", "frontline"})


def _names(kb: KnowledgeBase, pid: str) -> list[str]:
    """How people name a persona: its id's tail ("cfo", "it-security" as "security") and its title's own words."""
    tail = pid.removeprefix("persona-").split("-")
    words = re.findall(r"[a-z]+", kb.personas[pid].title.lower())
    return [w for w in {*tail, *words} if w not in GENERIC and len(w) > 2]


def persona_asked(question: str, kb: KnowledgeBase) -> str | None:
    """The one persona a question about objections names, if it names exactly one."""
    if not ASKS_LIST.search(question):
        return None
    low = question.lower()
    named = [pid for pid in kb.personas if any(re.search(rf"\b{re.escape(n)}s?\b", low) for n in _names(kb, pid))]
    return named[0] if len(named) == 1 else None


def persona_objections(kb: KnowledgeBase, pid: str) -> tuple[str, list[str]]:
    """The objections phrased for the persona, in file order, each with how the buyer says it and the first step."""
    persona = kb.personas[pid]
    lines = [f"**Objections the knowledge base phrases for the {persona.title}** [{pid}]"]
    cited = [pid]
    for oid, obj in kb.objections.items():
        said = obj.phrasings.get(pid) or []
        if not said:
            continue
        first = f" First step: {obj.handling_path[0]}" if obj.handling_path else ""
        lines.append(f'- {obj.title} [{oid}]: "{said[0]}"{first}')
        cited.append(oid)
    if len(cited) == 1:
        return f"The knowledge base holds no objections phrased for the {persona.title} [{pid}].", [pid]
    lines.append("Ask about one of them for its whole talk track, handling path and proof points.")
    return "\n".join(lines), cited
