"""What to assign for a gap a manager describes ("my rep keeps discounting, what should I assign?").

The catalog lists its activities per criterion and per root cause, so the answer is not the one activity that ranks
first but the criterion the gap is about, its activities with the kind that fits the gap first (a drill for a skill
gap, a lesson or a model for a knowledge gap, a rehearsal for a confidence gap, a message drill or card for a
messaging gap), each with why and how long. The question's own words say which root cause it reads as; without a
cue it reads as a skill gap, the commonest, and the answer says so and what to pick instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from copilot.knowledge.schema import KnowledgeBase
from copilot.knowledge.schema.learning import Activity, Question
from copilot.retrieval.keyword import terms
from copilot.retrieval.profiles import match_criteria, named_interactions, profile_vocabulary
from copilot.retrieval.search import Result, Retriever

# The part of a question that asks what to give: dropped before searching for the gap it describes, since "what
# should I assign" matches every activity alike and drowns the behaviour ("keeps discounting") in the vector.
_WHO = r"(?:i|we|he|she|they|my reps?|the reps?|my team)"
ASKS = re.compile(
    r"\b(assign\w*|exercises?|drills?|training|courses?|lessons? (?:to|for|should|could|would|can)|homework|"
    r"(?<!customer )(?<!buyer )(?<!client )(?<!prospect )(?<!deal )(?<!email )(?<!sales )(?<!zero )(?<!no )"
    r"(?:learning )?activit(?:y|ies) (?:for|to|should|could|would|can|do we)|in (?:the|our) catalog(?:ue)?|"
    r"catalog(?:ue)? items?|"
    rf"(?:what|which \w+) (?:should|can|could|do|would) {_WHO} (?:give|get|set|have \w+ (?:practi[sc]e|work on|do)|"
    r"practi[sc]e|work on|study|read|watch)|"
    r"(?:give|get|set) (?:him|her|them|my reps?|the reps?) to (?:practi[sc]e|work on|do)|"
    rf"(?:should|could|can) {_WHO} (?:study|read|watch)|to practi[sc]e|"
    r"how (?:do|should|can|would) (?:i|we) (?:coach|help|develop) (?:a|an|my|our|the|this) (?:\w+ )?"
    r"(?:reps?|sellers?|aes?|managers?) (?:who|whose|that)|"
    # changing what a rep does is coaching a gap: "how do I get a rep to stop winging discovery calls?"
    r"how (?:do|should|can|would) (?:i|we) (?:get|make) (?:a|an|my|our|the|this) (?:\w+ )?(?:reps?|sellers?|aes?) "
    r"to (?:stop|quit)|"
    r"how (?:do|should|can|would) (?:i|we) stop (?:a|an|my|our|the|this) (?:\w+ )?(?:reps?|sellers?|aes?) from)\b",
    re.I,
)
BUYER = re.compile(
    r"\b(buyers?|prospects?|customers?|clients?|cfos?|cros?|cisos?|vps?|procurement|champions?|decision[- ]makers?)\b",
    re.I,
)
_CLAUSE = re.compile(r"(?<=[.?!;,])\s+|\s+-\s+")
# A stance against something, and the coaching it is against (see CUES["will"])
_AGAINST = (
    r"(?:hates?|hating|argu(?:es|ing|e|ed) (?:with|about|over)|resists?|resisting|push(?:es)? back on|ignor(?:es|ing)|"
    r"dismiss(?:es)?|roll(?:s|ing)? (?:his|her|their) eyes(?: at)?|won'?t (?:do|take|listen to|accept)|refuses? (?:to do |to take )?|"
    r"avoids?|dreads?|moans? about|complains? about|gets? defensive (?:about|over|when \w+ (?:get|gives?)))"
)
_COACHING = (
    r"(?:feedback|coaching|call reviews?|deal reviews?|reviews|1[:-]1s?|one[- ]on[- ]ones?|1-on-1s?|role-?plays?|"
    r"practi[sc]e|drills?)"
)
CAUSES = ("will", "confidence", "messaging", "knowledge", "skill")  # cue order: the more particular cause wins
# Words people use for each cause, from the root-cause guide's signs in everyday words: nerves and holding back
# (confidence), rambling or jargon (messaging), never having been shown or not knowing what good looks like
# (knowledge). Being new alone is not a cue: a new rep who jumps into the pitch has a skill gap to drill.
CUES: dict[str, re.Pattern[str]] = {
    # will: the root-cause guide's signs (motivation, going through the motions, cancelled 1-on-1s, once did it well)
    "will": re.compile(
        r"\b(motivat\w*|demotivat\w*|(?:goes|go|going|went) through the motions|checked out|disengag\w*|"
        r"stopped (?:trying|caring|bothering)|lost (?:(?:his|her|their|all) )?(?:interest|drive|spark|hunger|energy)|"
        r"(?:does ?n[o']t|don'?t|no longer) (?:seem to )?care|can'?t be bothered|not worth the effort|coasting|"
        r"(?:cancel\w*|reschedul\w*|skip\w*|dodg\w*) (?:our |his |her |their |the )?(?:1[:-]1s?|one[- ]on[- ]ones?|1-on-1s?)|"
        r"used to (?:nail|crush|be (?:great|good|strong|excellent))|"
        # the rep's stance toward the coaching itself (the manager's feedback, call reviews, 1:1s, practice), not
        # toward a buyer: "argues with every bit of feedback", "hates doing call reviews", "ignores my coaching"
        rf"{_AGAINST} (?:\w+ ){{0,4}}?{_COACHING})\b",
        re.I,
    ),
    "confidence": re.compile(
        r"\b(freez\w*|froze\w*|(?:goes|go|going|went|draws?|drew) (?:a )?blank|blanks|stumbl\w*|stammer\w*|lock(?:s|ed)? up|clams? up|nerv\w*|anxious|panic\w*|scared|afraid|fear\w*|timid|shy|"
        r"intimidat\w*|uncomfortable|tongue[- ]tied|fluster\w*|rattled|thrown off|los(?:es|t|ing) (?:his|her|their) nerve|"
        r"when (?:a|the|their) (?:vp|cfo|cro|ceo|exec\w*|director|senior \w+)s? (?:joins?|is on|attends?|shows? up)|hesitat\w*|goes quiet|went quiet|quiet when|silent when|holds? back|in front of|"
        r"senior|under pressure|confidence|lets? (?:his|her|their|the|a) (?:\w+ ){1,3}(?:do|take|run|lead)\w*|"
        r"hands? (?:it|the \w+|over) (?:over )?to|defers? to)\b",
        re.I,
    ),
    "messaging": re.compile(
        r"\b(rambl\w*|crisp\w*|jargon|can'?t (?:say|explain|put) (?:it|our|the|why)|value (?:proposition|statement)|"
        r"explains? (?:our|the) value|so what|sounds? (?:scripted|robotic)|robotic|word for word|"
        r"(?:reads?|recites?|reciting) (?:\w+ ){0,3}script|(?:from|like) a script)\b",
        re.I,
    ),
    "knowledge": re.compile(
        r"\b(no idea|(?:does ?n[o']t|don'?t|didn'?t|does not|do not|did not) (?:really |fully )?(?:know|understand)|"
        r"never (?:been )?(?:seen|heard|learned|learnt|shown|taught|trained)|nobody (?:ever )?(?:taught|showed)|"
        r"(?:has|have) never (?:run|done|led|held)|not sure (?:what|how|why)|unaware|unclear (?:on|about)|confused about|new to|"
        r"what (?:good|great|a good|a strong|a great) .{0,40}(?:looks?|sounds?) like|"
        # something to read, or a meeting not run yet: what good looks like comes first
        r"what (?:should|can|could) (?:i|we|he|she|they) read|(?:before|for) (?:my|his|her|their) (?:very )?first)\b",
        re.I,
    ),
}
READS = {
    "skill": "a skill gap (they know what good looks like but cannot do it reliably yet): repetition first",
    "knowledge": "a knowledge gap (they do not yet know what good looks like): a lesson or a model first",
    "confidence": "a confidence gap (they can do it, but not yet in front of a real buyer): rehearse, then lead",
    "messaging": "a messaging gap (they cannot say it crisply yet): practise the message aloud",
    "will": "a will gap (they can do it, but do not see why they should): a conversation before any practice",
}
# Kinds in the order that suits each root cause; an activity that fits the cause always comes before one that does not.
KIND_ORDER: dict[str, tuple[str, ...]] = {
    "skill": ("drill", "roleplay", "job_aid", "model_example", "shadowing", "lesson"),
    "knowledge": ("lesson", "model_example", "job_aid", "shadowing", "drill", "roleplay"),
    "confidence": ("roleplay", "shadowing", "drill", "job_aid", "model_example", "lesson"),
    "messaging": ("drill", "job_aid", "roleplay", "model_example", "lesson", "shadowing"),
    "will": ("conversation", "job_aid", "drill", "roleplay", "model_example", "shadowing", "lesson"),
}
# Kinds that are the remedy for each cause (the root-cause guide's remedies): an activity whose own description is
# the situation may lead only when it is one of these, else a lesson would lead a skill gap because its words match.
REMEDY_KINDS: dict[str, tuple[str, ...]] = {
    "skill": ("drill", "roleplay"),
    "knowledge": ("lesson", "model_example"),
    "confidence": ("roleplay", "shadowing", "drill"),
    "messaging": ("drill", "job_aid"),
    "will": ("conversation", "job_aid"),
}
# A gap no criterion is about: most of its words are words no skill's profile or activity uses (slide decks, pivot
# tables), and no line of any profile is clearly close to it either.
MIN_KNOWN_WORDS = 0.5
CLEARLY_CLOSE = 0.45
# A gap only loosely like the skill it lands on: no line about that skill alone is close (profiles.Match.own) and
# the skill's words barely appear in it (raw BM25 of its profile). Set on the dev questions: every gap there that
# the map does not describe (competitors, proposals, gatekeepers, cold calls, slides, pivot tables) falls under both,
# every one it describes and maps right clears one of them; see docs/ask.md.
LOOSE_OWN = 0.5
LOOSE_KEYWORD = 8.0
MAX_ACTIVITIES = 8  # every activity the catalog lists for one skill (the default catalog has at most 8)
WRITTEN_FOR = 0.5  # cosine from which an activity's own description is about the gap the question describes


@dataclass(frozen=True)
class Reading:
    """The root cause a question reads as, the words that say so (empty: none did, skill assumed), and an activity
    written for the gap it describes, if one is."""

    cause: str
    cue: str = ""
    written_for: str | None = None


def asks_what_to_assign(question: str) -> bool:
    """Whether the question asks what to give someone to practise or learn."""
    return bool(ASKS.search(question))


def gap_text(question: str) -> str:
    """The question without its asking clause: the gap it describes, or the whole question when that is all it is.

    When one clause both asks and describes ("what course should I assign a rep who struggles with X?"), only the
    asking words go."""
    kept = [c for c in _CLAUSE.split(question.strip()) if c and not ASKS.search(c)]
    if kept:
        return " ".join(kept).strip()
    rest = " ".join(ASKS.sub(" ", question).split())
    described = re.sub(r"^(?:what|which)\b.*?\b(?:should|could|can|would|do)\b \w+\s*", "", rest, flags=re.I)
    return rest if len(described.split()) >= 3 else question


def reading(question: str) -> Reading:
    """The root cause the question's own words point to; a skill gap when none does."""
    for cause in CAUSES[:-1]:
        m = CUES[cause].search(question)
        if m:
            return Reading(cause, m.group(0))
    return Reading("skill")


def _cosine(r: Result) -> float:
    return float(r.metadata.get("_cosine", r.score if r.score <= 1.0 else 0.0))


def _fit(r: Result) -> float:
    fused = r.score if r.score > 1.0 or "_cosine" in r.metadata else 0.0
    return _cosine(r) + 0.05 * fused


def _without_a_buyer(kb: KnowledgeBase, criterion_id: str) -> bool:
    """A criterion of a manager's meeting with the rep that never involves a buyer (the one-on-one's "the rep does
    most of the talking"), as opposed to one that does (a forecast's "buyer-verified next steps")."""
    c = kb.criteria[criterion_id]
    return c.category == "manager-rep" and not BUYER.search(f"{c.title} {c.description} {c.levels}")


def known_share(gap: str, kb: KnowledgeBase) -> float:
    """Share of the gap's words that some skill's profile uses: low for a gap outside what the map describes."""
    words = set(terms(gap)) - PRONOUNS
    if not words:
        return 1.0
    return len(words & profile_vocabulary(kb)) / len(words)


PRONOUNS = frozenset(terms("he him his she her hers they them their i me my we us our rep reps"))


def gap_criterion(question: str, retriever: Retriever, kb: KnowledgeBase) -> Result | None:
    """The criterion the described gap is about, read against each criterion's whole profile (copilot.retrieval.
    profiles), or None when no criterion is: nothing in any profile is close and most of its words are foreign."""
    gap = gap_text(question)
    named = named_interactions(question, kb)
    found = match_criteria(gap, retriever, kb, named)
    whole = len(named) == 1 and reading(question).cause == "knowledge"
    if whole:
        # not knowing what good looks like is about the whole interaction named ("what a strong first call looks
        # like"), which its lesson and model example cover: a criterion of another one is not the gap
        found = [m for m in found if kb.criteria[m.criterion].interaction == named[0]] or found
    if BUYER.search(gap):  # a gap in front of a buyer is not about a meeting that never has one
        found = [m for m in found if not _without_a_buyer(kb, m.criterion)] or found
    if not found:
        return None
    best = found[0]
    if known_share(gap, kb) < MIN_KNOWN_WORDS and max(m.cosine for m in found) < CLEARLY_CLOSE:
        return None
    c = kb.criteria[best.criterion]
    meta = {
        "item_id": c.id,
        "type": "criterion",
        "title": c.title,
        "_cosine": best.cosine,
        "interaction": c.interaction,
        # a gap the asker places in a meeting the map describes ("rambles through every demo") is about that
        # meeting, whichever of its skills: not a loose match however thin the evidence for the skill
        "loose": c.interaction not in named and best.own < LOOSE_OWN and best.keyword < LOOSE_KEYWORD,
    }
    return Result(c.id, c.id, c.title, "criterion", best.score, c.description, "", meta)


def written_for(question: str, retriever: Retriever, kb: KnowledgeBase, criterion_id: str, cause: str) -> str | None:
    """An activity whose own words describe the gap ("for reps who let a manager or mentor do the talking"), when it
    builds the criterion, fits the cause and is a remedy kind for it: it goes first."""
    where = {"$and": [{"private": False}, {"type": "activity"}]}
    found = sorted(retriever.search(gap_text(question), k=3, where=where), key=_fit, reverse=True)
    if not found or _cosine(found[0]) < WRITTEN_FOR or found[0].item_id not in kb.activities:
        return None
    activity = kb.activities[found[0].item_id]
    fits = criterion_id in activity.criteria and cause in activity.root_causes and activity.kind in REMEDY_KINDS[cause]
    return activity.id if fits else None


def ranked(kb: KnowledgeBase, criterion_id: str, cause: str, first: str | None = None) -> list[Activity]:
    """The criterion's activities: `first` (one written for the gap), then those fitting the cause, in the kind order
    that suits it; then the most specific (made for fewest criteria, then fewest causes) and the shortest."""
    order = KIND_ORDER[cause]

    def key(a: Activity) -> tuple[bool, bool, int, int, int, int, str]:
        kind = order.index(a.kind) if a.kind in order else len(order)
        return (
            a.id != first,
            cause not in a.root_causes,
            kind,
            len(a.criteria),
            len(a.root_causes),
            a.duration_minutes,
            a.id,
        )

    return sorted(kb.activities_for(criterion_id), key=key)


def _kind(kind: str) -> str:
    return kind.replace("_", " ")


def compose_assignment(kb: KnowledgeBase, criterion_id: str, read: Reading) -> tuple[list[str], list[str]]:
    """The answer's lines and the ids they cite: the criterion, how the gap reads, the first activity to assign
    with why, how long and how, then the others the catalog lists for it."""
    c = kb.criteria[criterion_id]
    acts = ranked(kb, criterion_id, read.cause, read.written_for)[:MAX_ACTIVITIES]
    why = f'the question says "{read.cue}"' if read.cue else "no words in the question point to another cause"
    lines = [
        f"**What to assign for: {c.title}** [{criterion_id}] ({c.interaction_title}, {c.tier} skill)",
        f"This reads as {READS[read.cause]}; {why}.",
    ]
    guide_part = _cause_section(kb, read.cause) if read.cause == "will" else None
    if guide_part is not None:
        lines.append(f"{guide_part.title} [{guide_part.id}]: {' '.join(guide_part.text.split())}")
    if not acts:
        lines.append("The knowledge base holds no learning activity for this skill yet.")
        return lines, [criterion_id, *([guide_part.id] if guide_part is not None else [])]
    first, rest = acts[0], acts[1:]
    fits = "fits" if read.cause in first.root_causes else "is the closest the catalog has for"
    scope = "this skill alone" if len(first.criteria) == 1 else f"this skill and {len(first.criteria) - 1} more"
    if first.id == read.written_for:
        scope += "; its own description is the situation the question describes"
    lines += [
        f"Assign first: **{first.title}** [{first.id}] ({_kind(first.kind)}, {first.duration_minutes} min). "
        f"{first.description}",
        f"Why: it {fits} {read.cause} gaps and works on {scope}.",
        f"How: {first.instructions}",
    ]
    if rest:
        lines.append("Also in the catalog for this skill:")
        lines += [
            f"- {a.title} [{a.id}] ({_kind(a.kind)}, {a.duration_minutes} min; fits {', '.join(a.root_causes)}): "
            f"{a.description}"
            for a in rest
        ]
    alternatives = _alternatives(kb, criterion_id, read, first) if not read.cue else []
    if alternatives:
        lines.append(
            "If the rep's answers point to another cause, start elsewhere: "
            + "; ".join(f"{IF_INSTEAD[cause]}, {a.title} [{a.id}]" for cause, a in alternatives)
            + "."
        )
    good = getattr(c.levels, "good", "")
    if good:
        lines.append(f"Good looks like: {good}")
    asked = _questions(kb, criterion_id, read)
    if asked:
        lines.append("Ask before you assign (the answer tests the reading), and close with a commitment:")
        lines += [f"- {q.text} [{q.id}]" for q in asked]
    cited = [criterion_id, *([guide_part.id] if guide_part is not None else []), *[a.id for a in acts]]
    cited += [a.id for _, a in alternatives if a.id not in cited]
    return lines, [*cited, *[q.id for q in asked]]


def _across_skills(a: Any) -> bool:
    """An activity written for more than one interaction (rehearse-then-lead, a commitment tracker)."""
    return len({c.split(".")[0] for c in a.criteria}) > 1


def compose_will(kb: KnowledgeBase, read: Reading) -> tuple[list[str], list[str]]:
    """A will gap (or a confidence gap, when `read.cause` says so), whichever skill it shows in: the root-cause
    guide's section on that cause, then the activities the catalog lists for that cause alone across skills (for will
    a conversation and a tracker, not more practice; for confidence a rehearsal before leading)."""
    cause = read.cause if read.cause in ("will", "confidence") else "will"
    part = _cause_section(kb, cause)
    acts = sorted(
        (
            a
            for a in kb.activities.values()
            if cause in a.root_causes and (cause == "will" or (list(a.root_causes) == [cause] and _across_skills(a)))
        ),
        key=lambda a: (KIND_ORDER[cause].index(a.kind) if a.kind in KIND_ORDER[cause] else 99, a.duration_minutes),
    )
    why = f'the question says "{read.cue}"' if read.cue else "the question describes it"
    lines = [f"This reads as {READS[cause]}; {why}."]
    if part is not None:
        lines.append(f"**{part.title}** [{part.id}]: {' '.join(part.text.split())}")
    if acts:
        lines.append(f"In the catalog for a {cause} gap, on any skill:")
        lines += [
            f"- {a.title} [{a.id}] ({_kind(a.kind)}, {a.duration_minutes} min): {' '.join(a.description.split())}"
            for a in acts
        ]
    return lines, [*([part.id] if part is not None else []), *[a.id for a in acts]]


def _cause_section(kb: KnowledgeBase, cause: str) -> Any:
    """The guide section on a root cause ("Will: they can, but don't see why they should"), if a guide has one."""
    return next(
        (s for g in kb.guides.values() for s in g.sections if s.title.lower().startswith(f"{cause}:")),
        None,
    )


def _questions(kb: KnowledgeBase, criterion_id: str, read: Reading) -> list[Question]:
    """The bank's diagnostic question for the cause the gap reads as, then its commitment question."""
    diagnostic = kb.questions_for(criterion_id, "diagnostic", read.cause)  # type: ignore[arg-type]
    commitment = kb.questions_for(criterion_id, "commitment")
    return [*diagnostic[:1], *commitment[:1]]


IF_INSTEAD = {
    "knowledge": "if they do not know what good looks like",
    "confidence": "if they can do it but not in front of a buyer",
}


def _alternatives(kb: KnowledgeBase, criterion_id: str, read: Reading, first: Activity) -> list[tuple[str, Activity]]:
    """For an answer that assumed the cause: the first activity for each other cause the question might be."""
    out: list[tuple[str, Activity]] = []
    for cause in IF_INSTEAD:
        best = next(iter(ranked(kb, criterion_id, cause)), None)
        if cause != read.cause and best is not None and cause in best.root_causes and best.id != first.id:
            out.append((cause, best))
    return out


def named_activity(question: str, kb: KnowledgeBase) -> str | None:
    """An activity the question names by its title ("what is the if-then trade drill?"): that one answers it."""
    low = " ".join(question.lower().split())
    return next((aid for aid, a in kb.activities.items() if a.title.lower() in low), None)


def as_assignment(r: Result, read: Reading) -> Result:
    """The criterion result marked for composing as an assignment."""
    meta = {
        **r.metadata,
        "routed": "assign",
        "root_cause": read.cause,
        "cue": read.cue,
        "written_for": read.written_for,
    }
    return Result(**{**r.__dict__, "metadata": meta})
