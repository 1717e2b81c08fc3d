"""An answer composed from the knowledge base's own structure, for when the model is not asked to write one:
an objection's talk track, handling path and proof points whole; a criterion's levels, activities and questions;
an activity's steps; a guide's whole section. It cites every item it uses; copilot.retrieval.gaps says what the
base does not hold."""

from __future__ import annotations

import re
from collections.abc import Sequence

from copilot.knowledge.schema import Activity, KnowledgeBase
from copilot.retrieval.assign import Reading, compose_assignment
from copilot.retrieval.search import Result

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
        proof = f" Proof: {' '.join(v.proof_points)}" if v.proof_points else ""
        return f"{v.headline} {v.body}{proof} [{pid}]"
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


def _owner(kb: KnowledgeBase, cid: str) -> str:
    """Who does what a criterion describes: the rep with a buyer, or the manager running a meeting with a rep."""
    return "manager" if kb.criteria[cid].category == "manager-rep" else "rep"


QUESTIONS_HEADING = {
    "rep": "Questions to ask the rep:",
    "manager": "Questions for the manager (to ask yourself, or for whoever coaches you to ask):",
}


LEVELS = {"not_present": "Not Present", "needs_work": "Needs Work", "good": "Good", "excellent": "Excellent"}
_LEVEL_NAMED = re.compile(r"\b(not[- ]present|needs?[- ]work|good|excellent)\b", re.I)
MAX_ACTIVITIES = 12  # every activity the catalog lists for one skill (the default catalog has at most 11)


def asked_levels(question: str) -> list[str]:
    """The levels a question names by their map names ("what does Excellent look like"); Good when it names none."""
    named = [
        m.group(1).lower().replace(" ", "_").replace("-", "_").replace("need_", "needs_")
        for m in _LEVEL_NAMED.finditer(question)
    ]
    return list(dict.fromkeys(n for n in named if n in LEVELS)) or ["good"]


def _criterion(kb: KnowledgeBase, cid: str, question: str = "") -> tuple[list[str], list[str]]:
    c = kb.criteria[cid]
    lines = [f"**{c.title}** [{cid}] ({c.interaction_title}, {c.tier}): {c.description}"]
    for level in asked_levels(question):
        text = getattr(c.levels, level, "")
        if text:
            lines.append(f"{LEVELS[level]} looks like: {text}")
    acts = sorted(kb.activities_for(cid), key=lambda a: (_spans(kb, a, c.interaction), a.duration_minutes, a.id))
    acts = acts[:MAX_ACTIVITIES]
    if acts:
        lines.append("Activities that build it:")
        lines += [
            f"- {a.title} [{a.id}] ({_kind(a.kind)}, {a.duration_minutes} min; fits {', '.join(a.root_causes)}): "
            f"{a.description}"
            for a in acts
        ]
    qs = kb.questions_for(cid, "diagnostic")[:3]
    if qs:
        lines.append(QUESTIONS_HEADING[_owner(kb, cid)])
        lines += [f"- {q.text} [{q.id}]" for q in qs]
    return lines, [cid, *[a.id for a in acts], *[q.id for q in qs]]


def _spans(kb: KnowledgeBase, activity: Activity, interaction: str) -> bool:
    """Whether an activity also builds skills of other interactions (a follow-through tracker built for every
    skill): listed after the ones written for this interaction, so a skill's own drills come first."""
    return any(kb.criteria[c].interaction != interaction for c in activity.criteria if c in kb.criteria)


def _kind(kind: str) -> str:
    return kind.replace("_", " ")


def _activity(kb: KnowledgeBase, aid: str) -> tuple[list[str], list[str]]:
    a = kb.activities[aid]
    lines = [
        f"**{a.title}** [{aid}] ({_kind(a.kind)}, {a.duration_minutes} min; builds {', '.join(a.criteria)}; fits "
        f"{', '.join(a.root_causes)} gaps): {a.description}",
        f"How to do it: {a.instructions}",
    ]
    return lines, [aid]


def _messaging(kb: KnowledgeBase, mid: str) -> tuple[list[str], list[str]]:
    if mid in kb.value_propositions:
        v = kb.value_propositions[mid]
        who = kb.personas[v.persona].title if v.persona in kb.personas else v.persona
        lines = [f"**For the {who}: {v.headline}** [{mid}]", v.body]
        lines += [f"- Proof: {p}" for p in v.proof_points]
        return lines, [mid]
    if mid in kb.differentiators:
        d = kb.differentiators[mid]
        return [f"**{d.title}** [{mid}]", d.body, f"- Proof: {d.proof}"], [mid]
    i = kb.insights[mid]
    lines = [f"**Insight: {i.title}** [{mid}]", i.body]
    if i.questions:
        lines.append("Questions it opens up:")
        lines += [f"- {q}" for q in i.questions]
    return lines, [mid]


def _section(kb: KnowledgeBase, r: Result) -> tuple[list[str], list[str]]:
    for guide in kb.guides.values():
        for section in guide.sections:
            if section.id == r.item_id:
                return [f"**{guide.title}: {section.title}** [{section.id}]", section.text.strip()], [section.id]
    return [f"**{r.title}** [{r.item_id}]", " ".join(r.text.split())], [r.item_id]


def _scenario(kb: KnowledgeBase, sid: str) -> tuple[list[str], list[str]]:
    sc = kb.scenarios[sid]
    buyer = kb.personas[sc.persona].title if sc.persona in kb.personas else sc.persona
    named = [f"{kb.objections[o].title} [{o}]" if o in kb.objections else o for o in sc.objections]
    lines = [
        f"**Roleplay: {sc.title}** [{sid}] ({sc.difficulty})",
        f"Buyer: {buyer}, {sc.industry}, {sc.company_size}. {sc.disposition}",
        f"Where the deal stands: {sc.deal_context}",
        f"They open with: {sc.opening_line}",
    ]
    if sc.brief:
        lines.append(f"The rep's brief: {' '.join(sc.brief.split())}")
    if named:
        lines.append(f"Objections they raise: {'; '.join(named)}")
    lines.append(f"Practise it: `copilot roleplay --scenario {sid}`")
    return lines, [sid, *[o for o in sc.objections if o in kb.objections]]


def _whole_guide(kb: KnowledgeBase, gid: str) -> tuple[list[str], list[str]]:
    g = kb.guides[gid]
    lines = [f"**{g.title}** [{gid}]"]
    if g.summary.strip():
        lines.append(" ".join(g.summary.split()))
    for section in g.sections:
        lines += [f"**{section.title}** [{section.id}]", " ".join(section.text.split())]
    return lines, [gid, *[s.id for s in g.sections]]


def _whole_interaction(kb: KnowledgeBase, iid: str) -> tuple[list[str], list[str]]:
    i = kb.interactions[iid]
    lines = [
        f"**{i.title}** [{iid}]: {' '.join(i.description.split())}",
        "What is assessed, in order (Good looks like):",
    ]
    cited = [iid]
    for n, c in enumerate(kb.criteria_of(iid), 1):
        lines.append(f"{n}. **{c.title}** [{c.id}] ({c.tier}): {c.description} Good: {c.levels.good}")
        cited.append(c.id)
    lessons = [a for a in kb.activities.values() if a.kind == "lesson" and set(cited[1:]) <= set(a.criteria)]
    if lessons:
        a = lessons[0]
        lines.append(f"To learn it whole: {a.title} [{a.id}] ({_kind(a.kind)}, {a.duration_minutes} min).")
        cited.append(a.id)
    return lines, cited


def _part(kb: KnowledgeBase, r: Result, question: str = "") -> tuple[list[str], list[str]]:
    rid = r.item_id
    if r.metadata.get("whole"):
        return _whole_interaction(kb, rid) if rid in kb.interactions else _whole_guide(kb, rid)
    if r.metadata.get("routed") == "assign" and rid in kb.criteria:
        meta = r.metadata
        read = Reading(str(meta.get("root_cause") or "skill"), str(meta.get("cue") or ""), meta.get("written_for"))
        lines, ids = compose_assignment(kb, rid, read)
        # a level the question names besides Good ("what does Excellent look like, and what should she practise")
        named = [n for n in asked_levels(question) if n != "good" and _LEVEL_NAMED.search(question)]
        levels = [f"{LEVELS[n]} looks like: {getattr(kb.criteria[rid].levels, n)}" for n in named]
        return [*lines[:2], *[x for x in levels if not x.endswith(": ")], *lines[2:]], ids
    if rid in kb.scenarios:
        return _scenario(kb, rid)
    if rid in kb.objections:
        return _objection(kb, rid)
    if rid in kb.criteria:
        return _criterion(kb, rid, question)
    if rid in kb.activities:
        return _activity(kb, rid)
    if rid in kb.value_propositions or rid in kb.differentiators or rid in kb.insights:
        return _messaging(kb, rid)
    return _section(kb, r)


def compose(question: str, results: Sequence[Result], kb: KnowledgeBase) -> tuple[str, list[str]]:
    """The answer and the ids it cites, from the top relevant items, each whole.

    Items routed to the kind the question asks for (copilot.retrieval.route) answer alone; otherwise the first item,
    and a second when it is about as close to the question.
    """
    lines: list[str] = []
    cited: list[str] = []
    routed = [r for r in results if r.metadata.get("routed") or r.metadata.get("whole")]
    chosen = routed or list(results)
    limit = len(routed) if routed else MAX_ITEMS
    used = 0
    best = _score(chosen[0]) if chosen else 0.0
    for r in chosen:
        if used >= limit or (used and not routed and _score(r) < best - CLOSE):
            break
        if r.item_id in cited:
            continue
        part, ids = _part(kb, r, question)
        lines += [*part, ""]
        cited += [i for i in ids if i not in cited]
        used += 1
    return "\n".join(lines).strip(), cited


LINKED_KINDS = (
    "differentiators",
    "value_propositions",
    "insights",
    "activities",
    "questions",
    "objections",
    "personas",
    "criteria",
    "scenarios",
)


def linked_results(kb: KnowledgeBase, ids: Sequence[str], seen: Sequence[Result]) -> list[Result]:
    """The items a composed answer cites through the knowledge base's links (an objection's proof points, a
    criterion's activities) but search did not return, as results: they were read, so citing them is sound."""
    known = {r.item_id for r in seen}
    out: list[Result] = []
    sections = {s.id: (g, s) for g in kb.guides.values() if g.type == "guide" for s in g.sections}
    for item_id in ids:
        if item_id in known:
            continue
        if item_id in sections or (item_id in kb.guides and kb.guides[item_id].type == "guide"):
            if item_id in sections:
                title, text = sections[item_id][1].title, sections[item_id][1].text
            else:
                title, text = kb.guides[item_id].title, kb.guides[item_id].summary
            out.append(Result(item_id, item_id, title, "guide", 0.0, text, "linked"))
            known.add(item_id)
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
