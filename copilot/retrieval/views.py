"""Short views of an item (its title, each phrasing, each descriptor, each sentence) embedded as extra vectors.

MiniLM averages a whole chunk into one vector, so a question that matches one line of a long item (one buyer
phrasing of an objection, one level descriptor of a criterion) scores low against the chunk; a vector per
line lets that line be found, and the item scores as its best-matching vector.
"""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeItem

MIN_WORDS = 3  # shorter lines ("Proof points:") say nothing on their own
MAX_VIEWS = 40  # a long guide section would otherwise add a vector per sentence without limit
FREE_TEXT = {"guide", "coaching_note"}  # hard-wrapped prose: a line break is not a boundary
# Lines of ids or bookkeeping, not words a user would search with.
_SKIP = re.compile(
    r"^(Builds|Fits root causes|Objections|Proof points|Sections|Buyer|Critical elements):|^(Basic|Advanced) skill\b|:$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*]|\d+[.)])\s+")
_PERSONA = re.compile(r"^persona-[a-z0-9-]+:\s*")
_LABEL = re.compile(r"^(How|Proof|Brief|Disposition|Deal context|Opening line|Recommended answer):\s*", re.I)
_LEVEL = re.compile(r"^\d\s+(?:Not Present|Needs Work|Good|Excellent):\s*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def _clean(line: str) -> str:
    line = _BULLET.sub("", line.strip())
    line = _PERSONA.sub("", line)
    line = _LABEL.sub("", line)
    line = _LEVEL.sub("", line)
    return line.strip().strip('"').strip()


def _units(item: KnowledgeItem) -> list[str]:
    """Lines of structured items; sentences of prose."""
    if item.type in FREE_TEXT:
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", item.text)]
        lines = [s for p in paragraphs[1:] or paragraphs for s in _SENTENCE.split(p)]
    else:
        lines = item.text.splitlines()[1:]  # the first line restates the title
    out: list[str] = []
    for line in lines:
        if _SKIP.search(line.strip()):
            continue
        out.extend(_SENTENCE.split(_clean(line)) if len(line.split()) > 40 else [_clean(line)])
    return out


def views(item: KnowledgeItem) -> list[str]:
    """The item's title and its lines (or sentences), each worth its own vector, without repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for n, text in enumerate([item.title, *_units(item)]):
        key = text.lower()
        if (n and len(text.split()) < MIN_WORDS) or key in seen:
            continue
        seen.add(key)
        out.append(text)
    return out[:MAX_VIEWS]
