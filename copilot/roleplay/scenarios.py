"""Scenarios from the knowledge base, the card a rep reads first, and scenarios built for a rep's weakest steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.schema import LEVEL_BY_SCORE, KnowledgeBase, Objection
from copilot.roleplay.models import Difficulty, Scenario

if TYPE_CHECKING:
    from copilot.records.policy import RepStatus, SkillStatus

INTERACTION = "objection-handling"
"""The rubric a roleplay is scored against."""

DIFFICULTY_RULES: dict[Difficulty, str] = {
    "easy": "The buyer shares information freely and moves on once an answer carries proof.",
    "realistic": "The buyer moves on only after you acknowledge, answer with proof and check the answer landed.",
    "tough": (
        "The buyer needs a clarifying question, proof and a check on every objection, takes at least two "
        "exchanges per objection, and pushes harder on an early discount or an argument."
    ),
}
URGENCY = ("intervene", "self_correcting", "verify", "ready_to_coach", "waiting_on_basics", "not_observed")


class UnknownScenario(KnowledgeBaseError):
    """A scenario id that the knowledge base does not hold (exit code 2)."""


def _unknown(kb: KnowledgeBase, scenario_id: str) -> UnknownScenario:
    from copilot.records.reference import suggest

    return UnknownScenario(
        f"unknown scenario {scenario_id!r}",
        fix=suggest(scenario_id, kb.scenarios, "scenarios", limit=6) + " (list them with `copilot scenarios`)",
    )


def persona_title(kb: KnowledgeBase, persona_id: str) -> str:
    """The persona's role title, or its id when the messaging does not describe it."""
    persona = kb.personas.get(persona_id)
    return persona.title if persona else persona_id.removeprefix("persona-").replace("-", " ")


def scenario_from_kb(kb: KnowledgeBase, scenario_id: str) -> Scenario:
    """The knowledge-base scenario with that id, or UnknownScenario listing valid ids."""
    sc = kb.scenarios.get(scenario_id.strip())
    if sc is None:
        raise _unknown(kb, scenario_id)
    objections = [o for o in sc.objections if o in kb.objections]
    if not objections:
        raise KnowledgeBaseError(
            f"scenario {sc.id} names no objection the library holds",
            fix="add objection ids from the objection library to the scenario",
        )
    return Scenario(
        id=sc.id,
        title=sc.title,
        persona=sc.persona,
        persona_title=persona_title(kb, sc.persona),
        industry=sc.industry,
        company_size=sc.company_size,
        disposition=sc.disposition,
        deal_context=sc.deal_context,
        difficulty=sc.difficulty,
        objections=objections,
        opening_line=sc.opening_line,
        brief=sc.brief,
        facts=list(sc.facts),
        reactions=list(sc.reactions),
        conditions=list(sc.conditions),
    )


def list_scenarios(kb: KnowledgeBase) -> list[Scenario]:
    """Every usable scenario, in file order."""
    out = []
    for scenario_id in kb.scenarios:
        try:
            out.append(scenario_from_kb(kb, scenario_id))
        except KnowledgeBaseError:
            continue
    return out


def assigned(kb: KnowledgeBase, scenario_id: str, *, target_level: int, assignment_id: str) -> Scenario:
    """A scenario as a manager assigned it, carrying the target level the score is compared with."""
    base = scenario_from_kb(kb, scenario_id)
    return base.model_copy(update={"source": "assigned", "target_level": target_level, "assignment_id": assignment_id})


def _weak_skills(status: RepStatus) -> list[SkillStatus]:
    """Objection-handling skills ordered weakest first: below threshold, then never observed, then lowest."""
    skills = [s for s in status.skills() if s.interaction == INTERACTION]

    def key(s: SkillStatus) -> tuple[int, int, int]:
        score = s.latest.score if s.latest else 0
        below = 0 if s.latest is not None and score < s.policy.threshold else 1
        urgency = URGENCY.index(s.state) if s.state in URGENCY else len(URGENCY)
        return (below, urgency, score if s.latest else 5)

    return sorted(skills, key=key)


def _difficulty_for(levels: list[int]) -> Difficulty:
    """Start low where the rep is weak: the difficulty ladder moves up after a Good score."""
    mean = sum(levels) / len(levels)
    return "easy" if mean < 2 else "realistic" if mean < 3 else "tough"


def _objection_weight(objection: Objection, weights: dict[str, int]) -> int:
    return sum(weights.get(c, 0) for c in objection.criteria)


def weakest(kb: KnowledgeBase, status: RepStatus) -> Scenario:
    """A scenario whose objections exercise the rep's weakest objection-handling steps, at a fitting difficulty."""
    skills = _weak_skills(status)
    focus = [s.criterion for s in skills[:2]] or [c.id for c in kb.criteria_of(INTERACTION)][:2]
    weights = {c: 2 if i == 0 else 1 for i, c in enumerate(focus)}
    levels = [s.latest.score for s in skills[:2] if s.latest]
    difficulty = _difficulty_for(levels) if levels else "realistic"
    candidates = list_scenarios(kb)
    if not candidates:
        raise KnowledgeBaseError("the knowledge base holds no usable scenario", fix="add scenarios (kind: scenarios)")

    def fit(sc: Scenario) -> tuple[int, int, int]:
        weight = sum(_objection_weight(kb.objections[o], weights) for o in sc.objections)
        return (-weight, 0 if sc.difficulty == difficulty else 1, candidates.index(sc))

    base = min(candidates, key=fit)
    pool = list(
        dict.fromkeys([*base.objections, *(o.id for o in kb.objections.values() if base.persona in o.phrasings)])
    )
    ranked = sorted(
        pool,
        key=lambda o: (-_objection_weight(kb.objections[o], weights), o not in base.objections, pool.index(o)),
    )
    chosen = [o for o in ranked if _objection_weight(kb.objections[o], weights) > 0][: max(2, len(base.objections))]
    return base.model_copy(
        update={
            "title": f"{base.title} (built for your weakest steps)",
            "objections": chosen or base.objections,
            "source": "weakest",
            "focus_criteria": focus,
            "difficulty": difficulty,
        }
    )


def card(kb: KnowledgeBase, scenario: Scenario) -> dict[str, Any]:
    """The scenario card as data: who the buyer is, where the deal stands, the goal and what will be scored."""
    vps = [v.headline for v in kb.value_propositions.values() if v.persona == scenario.persona]
    return {
        "id": scenario.id,
        "title": scenario.title,
        "buyer": f"{scenario.persona_title}, {scenario.industry}, {scenario.company_size}",
        "disposition": scenario.disposition,
        "deal_context": scenario.deal_context,
        "difficulty": scenario.difficulty,
        "difficulty_rule": DIFFICULTY_RULES[scenario.difficulty],
        "goal": scenario.brief,
        "objections": [{"id": o, "title": kb.objections[o].title} for o in scenario.objections],
        "scored_on": [{"id": c.id, "title": c.title} for c in kb.criteria_of(INTERACTION)],
        "messaging": vps,
        "source": scenario.source,
        "focus_criteria": scenario.focus_criteria,
        "target_level": scenario.target_level,
    }


def render_card(kb: KnowledgeBase, scenario: Scenario) -> str:
    """The card as text for the terminal."""
    data = card(kb, scenario)
    lines = [
        f"# {data['title']}  [{scenario.id}, {scenario.difficulty}]",
        f"Buyer: {data['buyer']}",
        f"Mood: {data['disposition']}",
        f"Deal: {data['deal_context']}",
        f"Your goal: {data['goal']}",
        "Objections you may meet: " + "; ".join(o["title"] for o in data["objections"]),
        f"How this buyer plays ({scenario.difficulty}): {data['difficulty_rule']}",
        "Scored on: " + "; ".join(c["title"] for c in data["scored_on"]),
    ]
    if data["messaging"]:
        lines.append("Messaging for this buyer: " + " / ".join(data["messaging"]))
    if scenario.focus_criteria:
        titles = [kb.criteria[c].title for c in scenario.focus_criteria if c in kb.criteria]
        lines.append("Built to practise: " + "; ".join(titles))
    if scenario.target_level:
        lines.append(f"Target set by your manager: {LEVEL_BY_SCORE[scenario.target_level].label} on every step")
    return "\n".join(lines)
