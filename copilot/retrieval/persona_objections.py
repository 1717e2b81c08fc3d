"""Which objections a kind of buyer raises ("what objections should I expect from a CFO?", "what pushback do RevOps
buyers give?", "what will the security team push back on?"): the objections the knowledge base phrases for that
persona, each with the buyer's own words and its first handling step, after the concerns the persona lists. Search
ranks one objection or the persona's value proposition first; the list is what was asked."""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeBase

# A question asking for a kind of buyer's objections in general: it asks what or which (or for the common, typical,
# expected ones) and names objecting in any of its everyday forms. Reported words ("the CFO pushes back on price,
# what do I say?") are an objection's question, routed before this is asked (see ask.ask).
_OBJECTING = (
    r"(?:objections?|object(?:s|ing)? to|push-?backs?|push(?:es|ing)? back|concerns?|worries|worry about|"
    r"resistance|resist|hesitations?|reservations?|raise|bring up)"
)
ASKS_LIST = re.compile(
    rf"\b(?:which|what|common|typical\w*|expect\w*|usual\w*|most|list)\b[^?]*\b{_OBJECTING}\b|"
    rf"\bobjections\b[^?]*\b(?:expect|raise|come up|hear|get)\b",
    re.IGNORECASE,
)
GENERIC = frozenset({"head", "lead", "officer", "chief", "and", "of", "the", "vp", "manager", "sales"})


def _names(kb: KnowledgeBase, pid: str) -> list[str]:
    """How people name a persona: its id's tail ("cfo", "revops", "it security"), its title's own words and each part
    of its title whole ("head of revenue operations", "frontline sales manager"), and the initials of a title part of
    three or more capitalised words ("Chief Financial Officer": "cfo")."""
    tail = pid.removeprefix("persona-").split("-")
    title = kb.personas[pid].title
    words = re.findall(r"[a-z]+", title.lower())
    names = {*tail, *words, " ".join(tail)}
    for part in re.split(r"\s*/\s*", title):
        names.add(" ".join(part.lower().split()))
        capitals = [w[0] for w in part.split() if w[:1].isupper()]
        if len(capitals) >= 3:
            names.add("".join(capitals).lower())
    return [n for n in names if n not in GENERIC and len(n) > 2]


def named_persona(question: str, kb: KnowledgeBase) -> str | None:
    """The persona a question names most specifically (the longest of its names found), if exactly one does."""
    low = question.lower()
    best: dict[str, int] = {}
    for pid in kb.personas:
        found = [len(n) for n in _names(kb, pid) if re.search(rf"\b{re.escape(n)}s?\b", low)]
        if found:
            best[pid] = max(found)
    if not best:
        return None
    top = max(best.values())
    winners = [pid for pid, n in best.items() if n == top]
    return winners[0] if len(winners) == 1 else None


def persona_asked(question: str, kb: KnowledgeBase) -> str | None:
    """The one persona a question about a kind of buyer's objections names, if it names one."""
    if not ASKS_LIST.search(question):
        return None
    return named_persona(question, kb)


def persona_objections(kb: KnowledgeBase, pid: str) -> tuple[str, list[str]]:
    """The objections phrased for the persona, in file order, each with how the buyer says it and the first step,
    after the concerns the persona lists."""
    persona = kb.personas[pid]
    lines = [f"**Objections the knowledge base phrases for the {persona.title}** [{pid}]"]
    if persona.typical_concerns:
        lines.append(f"Typical concerns: {'; '.join(persona.typical_concerns)}.")
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
