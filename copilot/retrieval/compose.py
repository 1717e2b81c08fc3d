"""An answer composed from the knowledge base's own structure, for when the model is not asked to write one:
an objection's talk track, handling path and proof points whole; a criterion's levels, activities and questions;
an activity's steps; a guide's whole section. It cites every item it uses and says what the base does not hold."""

from __future__ import annotations

import re
from collections.abc import Sequence

from copilot.knowledge.schema import KnowledgeBase
from copilot.retrieval.search import Result

ASKS_PRICE = re.compile(r"\b(list price|price list|how much|pricing for|price for|cost for|quote for|per seat)\b", re.I)
HAS_PRICE = re.compile(
    r"([$€£]\s?\d|\b\d[\d,.]*\s?(usd|eur|gbp|dollars?|euros?)\b|\bper (seat|user|rep) (per|a) )", re.I
)
MAX_ITEMS = 2
CLOSE = 0.05  # a second item joins the answer only when it ranks about as high as the first


def _score(r: Result) -> float:
    return float(r.metadata.get("_cosine", r.score if r.score <= 1.0 else 0.0))


def _proof(kb: KnowledgeBase, pid: str) -> str:
    if pid in kb.differentiators:
        d = kb.differentiators[pid]
        return f"{d.title}: {d.body} Proof: {d.proof} [{pid}]"
    if pid in kb.value_propositions:
        v = kb.value_propositions[pid]
        return f"{v.headline} {v.body} [{pid}]"
    if pid in kb.insights:
        i = kb.insights[pid]
        return f"{i.title}: {i.body} [{pid}]"
    return f"[{pid}]"


def _objection(kb: KnowledgeBase, oid: str) -> tuple[list[str], list[str]]:
    o = kb.objections[oid]
    lines = [f"**{o.title}** [{oid}]"]
    if o.answer:
        lines.append(f"Talk track: {o.answer}")
    if o.handling_path:
        lines.append("Handling path:")
        lines += [f"{n}. {step}" for n, step in enumerate(o.handling_path, 1)]
    if o.proof_points:
        lines.append("Proof points:")
        lines += [f"- {_proof(kb, p)}" for p in o.proof_points]
    return lines, [oid, *o.proof_points]


def _criterion(kb: KnowledgeBase, cid: str) -> tuple[list[str], list[str]]:
    c = kb.criteria[cid]
    lines = [f"**{c.title}** [{cid}] ({c.interaction_title}, {c.tier}): {c.description}"]
    good = getattr(c.levels, "good", "")
    if good:
        lines.append(f"Good looks like: {good}")
    acts = kb.activities_for(cid)
    if acts:
        lines.append("Activities that build it:")
        lines += [
            f"- {a.title} [{a.id}] ({a.kind}, {a.duration_minutes} min; fits {', '.join(a.root_causes)}): "
            f"{a.description}"
            for a in sorted(acts, key=lambda a: (a.duration_minutes, a.id))[:5]
        ]
    qs = kb.questions_for(cid, "diagnostic")[:3]
    if qs:
        lines.append("Questions to ask the rep:")
        lines += [f"- {q.text} [{q.id}]" for q in qs]
    return lines, [cid, *[a.id for a in acts[:5]], *[q.id for q in qs]]


def _activity(kb: KnowledgeBase, aid: str) -> tuple[list[str], list[str]]:
    a = kb.activities[aid]
    lines = [
        f"**{a.title}** [{aid}] ({a.kind}, {a.duration_minutes} min; builds {', '.join(a.criteria)}; fits "
        f"{', '.join(a.root_causes)} gaps): {a.description}",
        f"What the rep does: {a.instructions}",
    ]
    return lines, [aid]


def _section(kb: KnowledgeBase, r: Result) -> tuple[list[str], list[str]]:
    for guide in kb.guides.values():
        for section in guide.sections:
            if section.id == r.item_id:
                return [f"**{guide.title}: {section.title}** [{section.id}]", section.text.strip()], [section.id]
    return [f"**{r.title}** [{r.item_id}]", " ".join(r.text.split())], [r.item_id]


def compose(question: str, results: Sequence[Result], kb: KnowledgeBase) -> tuple[str, list[str]]:
    """The answer and the ids it cites, from the top relevant items, each whole."""
    lines: list[str] = []
    cited: list[str] = []
    if ASKS_PRICE.search(question) and not any(HAS_PRICE.search(r.text) for r in results):
        lines.append(
            "The knowledge base has no price list, so I won't guess a number; ask your deal desk. What it does hold "
            "on price:"
        )
    used = 0
    best = _score(results[0]) if results else 0.0
    for r in results:
        if used >= MAX_ITEMS or (used and _score(r) < best - CLOSE):
            break
        rid = r.item_id
        if rid in kb.objections:
            part, ids = _objection(kb, rid)
        elif rid in kb.criteria:
            part, ids = _criterion(kb, rid)
        elif rid in kb.activities:
            part, ids = _activity(kb, rid)
        else:
            part, ids = _section(kb, r)
        if rid in cited:
            continue
        lines += [*part, ""]
        cited += [i for i in ids if i not in cited]
        used += 1
    return "\n".join(lines).strip(), cited


LINKED_KINDS = ("differentiators", "value_propositions", "insights", "activities", "questions", "objections")


def linked_results(kb: KnowledgeBase, ids: Sequence[str], seen: Sequence[Result]) -> list[Result]:
    """The items a composed answer cites through the knowledge base's links (an objection's proof points, a
    criterion's activities) but search did not return, as results: they were read, so citing them is sound."""
    known = {r.item_id for r in seen}
    out: list[Result] = []
    for item_id in ids:
        if item_id in known:
            continue
        for kind in LINKED_KINDS:
            obj = getattr(kb, kind).get(item_id)
            if obj is None:
                continue
            title = getattr(obj, "title", None) or getattr(obj, "headline", None) or item_id
            text = _proof(kb, item_id) if kind in ("differentiators", "value_propositions", "insights") else title
            if kind == "questions":
                text = str(getattr(obj, "text", title))
            out.append(Result(item_id, item_id, str(title), kind.rstrip("s"), 0.0, text, "linked"))
            known.add(item_id)
            break
    return out
