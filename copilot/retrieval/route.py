"""Routing a question to the kind of item that answers it, for answers composed without the model.

Search ranks every kind of item together, so "the buyer says it costs too much" can rank the objection-handling
map above the objection itself, and "how do I open a 1-on-1" ranks a guide's table of contents above the section
that says how. Routing fixes both in general ways: a question in the buyer's voice is answered by an objection,
one about messaging by a value proposition, differentiator or insight, one about what to assign by the activities
the catalog lists for the gap it describes, the right kind first (copilot.retrieval.assign),
one about rehearsing by a roleplay scenario; and a container (an interaction, a whole guide) gives way to the
part of it the question is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from copilot.knowledge.schema import KnowledgeBase
from copilot.retrieval.assign import ASKS, as_assignment, gap_criterion, named_activity, reading, written_for
from copilot.retrieval.keyword import stem, terms
from copilot.retrieval.persona_objections import named_persona
from copilot.retrieval.profiles import named_interactions
from copilot.retrieval.search import Result, Retriever

_BUYER = (
    r"(?:buyers?|prospects?|customers?|clients?|they|cfo|cro|ciso|cio|cto|ceo|coo|vp|revops|controller|procurement|"
    r"legal|lawyers|champion|"
    # the buyer's IT, not the pronoun: "before it needs the VP's sign-off" reports no buyer's words
    r"finance \w+|security \w+|(?-i:IT)|it (?=(?:\w+ )?(?:team|dept|department|director|lead|head|guy|person|people|folks|manager)s?\b)|ops \w+|their \w+(?: \w+)?|the \w+ (?:lead|team|head|director|manager|guy|person|people|folks|woman|man|lady))"
)
# not being able to reach a buyer ("the buyer loves us but cant get the cfo on a call") is the seller's trouble
# reaching the people who decide, not anything a buyer said
_NOT_REACHING = (
    r"(?! (?:get|reach|book|find|pin down|meet|see|get hold of|get in front of|get time with) (?:(?:to|the|a|an|their|"
    r"our|my|with|any) )?(?:cfo|cro|ceo|coo|cio|cto|vp|buyer|decision|economic|exec|boss|champion|director|head|"
    r"sponsor|signer)\w*)"
)
_VOICE = (
    # typed with or without the apostrophe ("they wont move forward", "they dont see the point")
    rf"(?:says?|said|insists?|claims?|tells? (?:me|us)|told (?:me|us)|keeps? saying|wants?|won'?t|will not|"
    rf"can'?t{_NOT_REACHING}|cannot{_NOT_REACHING}|doesn'?t|don'?t|refuses?|is worried|are worried|worr(?:y|ies)|needs?|has to|have to|thinks?|"
    # a feeling reported ("the CRO is scared the reps won't use it") is the buyer's concern too
    r"(?:is|are|'s|'re|gets?|seems?) (?:really |very |a bit |kind of )?(?:scared|afraid|nervous|anxious|concerned|"
    r"hesitant|skeptical|sceptical|wary)|fears?)"
)
# which buyer, said between the buyer and their words ("the cfo on the deal says", "their CRO at the kickoff said")
_WHICH = r"(?:(?:on|in|at|from|of) (?:the|this|that|their|our|my|a) \w+\s+)?"
BUYER_SAYS = re.compile(
    rf"\b{_BUYER}\s+{_WHICH}(?:\w+\s+){{0,2}}(?:(?:but|and)\s+)?{_VOICE}\b", re.I
)  # where the buyer's reported words start
# Who or what a buyer's objection comes from: a buyer-side party, their quoted words, or the words objection/pushback.
# "How do I handle that?" after "one of my reps was rude to a colleague" names none of them.
_BUYER_PARTY = re.compile(
    rf"\b{_BUYER}\b|\b(?:objections?|push(?:es|ed|ing)? ?back|pushback|stakeholders?|decision[- ]makers?|"
    r"vendors?|competitors?|deal|purchas\w*|sign\w*|contract|pilot|budget|price|pricing)\b|[\"\u201c\u2018]|(?<!\w)'(?=\w)",
    re.I,
)


INTERNAL_MEETING = re.compile(
    r"\b(?:forecast|pipeline|deal) (?:review|call|meeting)s?\b|\b(?:1|one)[- ]on[- ](?:1|one)s?\b", re.I
)
"""A meeting between the manager and the rep, where no buyer speaks."""
# The rep's own numbers ("a rep's pipeline", "my AE's forecast"): a matter between the manager and the rep, where "they
# need to close" is the rep, not a buyer
REPS_OWN = re.compile(
    r"\b(?:reps?|aes?|sellers?)(?:['\u2019]s|s['\u2019])? (?:\w+ )?(?:pipeline|forecast|quota|number|commit)s?\b", re.I
)


def _own_title_words(kb: KnowledgeBase, *, lines: bool = False) -> dict[str, set[str]]:
    """Per objection, the words of its title that no other objection's title holds; with `lines`, the words of its
    title and of the lines it records buyers saying (its phrasings) that no other objection's buyer lines hold."""
    titles = {
        o.id: set(terms(" ".join([o.title, *([p for said in o.phrasings.values() for p in said] if lines else [])])))
        for o in kb.objections.values()
    }
    counts: dict[str, int] = {}
    for words in titles.values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return {oid: {w for w in words if counts[w] == 1} for oid, words in titles.items()}


def _first_named(
    candidates: list[Result],
    wider: list[Result],
    own: dict[str, set[str]],
    words: set[str],
    floor: float | None = None,
) -> list[Result]:
    """The candidates, with the one objection whose own title words the question names moved first: unchanged when
    the closest already names them, or when no single close-enough objection does."""

    def names(r: Result) -> bool:
        return bool(own.get(r.item_id, set()) & words)

    if names(candidates[0]):
        return candidates
    floor = MIN_ROUTED if floor is None else floor
    named = [r for r in wider if names(r) and _cosine(r) >= floor]
    if len(named) != 1:
        return candidates
    return [named[0], *[r for r in candidates if r.item_id != named[0].item_id]]


def _they_is_the_rep(question: str) -> bool:
    """In a question about an internal meeting or the rep's own numbers, 'they want…' is the rep ('What should I ask
    my rep in a forecast review when they want to put a deal in commit?', 'is a rep's pipeline big enough for what they
    need to close?'): no buyer's words are reported unless a buyer party says them."""
    said = [m.group(0).lower() for m in BUYER_SAYS.finditer(question)]
    internal = INTERNAL_MEETING.search(question) or REPS_OWN.search(question)
    return bool(internal and said and all(s.startswith("they") for s in said))


def names_a_buyer(question: str) -> bool:
    """Whether a question names a buyer, the buyer's words or a buying matter; an objection needs one."""
    return bool(_BUYER_PARTY.search(question))


INTENTS: dict[str, re.Pattern[str]] = {
    # rehearsing before a call: a roleplay scenario (before objections: "a CFO pushing back" to practise against)
    "scenario": re.compile(r"\b(practi[sc]e|rehears\w*|role-?play\w*|simulat\w*)\b.*\b(against|with)\b", re.I),
    # the buyer's words, reported: an objection and its handling path
    "objection": re.compile(
        rf"\b{_BUYER}\s+{_WHICH}(?:\w+\s+){{0,2}}(?:(?:but|and)\s+)?{_VOICE}\b|\bhow (?:do|should|can) (?:i|we|my rep|a rep) "
        r"(?:respond|handle|answer|reply|counter|position)\b|\bwhat (?:do|should) (?:i|we) say\b|"
        r"\bwhat's our (?:answer|response)\b",
        re.I,
    ),
    # what we say about ourselves: value propositions, differentiators, insights
    "messaging": re.compile(
        r"\b(proof|roi|value prop\w*|pitch|messag\w*|positioning|why should|care about|insights?|"
        r"differentiat\w*|what (?:can|do|should) i tell|elevator|in one line)\b",
        re.I,
    ),
    # what to assign or practise: the activities the catalog lists for the gap (copilot.retrieval.assign)
    "activity": ASKS,
}
KINDS: dict[str, tuple[str, ...]] = {
    "scenario": ("scenario",),
    "objection": ("objection",),
    "messaging": ("value_proposition", "differentiator", "insight"),
    "activity": ("activity",),
}
# Asking what to assign outranks the buyer's words or messaging the gap is described with ("the buyer keeps saying it
# costs too much and my rep caves: what drill should I assign?" wants a drill, not the objection's talk track).
ORDER = ("scenario", "activity", "objection", "messaging")
NAMES_OBJECTION = re.compile(r"\b(objections?|concerns?|push-?backs?|push back)\b", re.I)
MIN_ROUTED = 0.3  # cosine below which an item of the wanted kind is not about the question after all
MESSAGING_ITEMS = 3  # a messaging question gets a few lines to choose from, each with its proof
FUSED_WEIGHT = 0.05  # see _fit
# A question about an interaction as a whole, which its overview answers (otherwise one of its criteria does).
WHOLE = re.compile(r"\b(steps|stages|elements|parts|structure|overview|what (?:is|are) (?:a|an|the)\b)", re.I)


# Asking for a practice buyer in other words: a scenario, a mock or dry-run call, a roleplay, or trying out a buyer
# conversation ("I want to try a tough CFO conversation"); not when the question asks what to assign, where a
# roleplay is one kind of activity.
PRACTICE_BUYER = re.compile(
    r"\b(scenarios?|mock|dry[- ]run|role-?play(?:s|ing)?)\b|"
    r"\b(?:try|trying|practi[sc]e|rehearse)\b (?:out )?(?:a|an|the|my)? ?(?:\w+ ){0,3}(?:conversation|call|negotiation|meeting)",
    re.I,
)


# Asking how to find out something about the buyer's side ("Their CFO has to approve anything over 50k. How do I find
# out what she'll need to sign?"): the buyer's words are a fact the seller has learnt, and the question is about
# discovering the rest (a skill's questions), not a reply to them. Asking what to say or how to respond still is.
FINDS_OUT = re.compile(
    r"\bhow (?:do|should|can|could|would|will) (?:i|we|my rep|a rep|reps)\b (?:\w+ ){0,2}?"
    r"(?:find(?:ing)? out|figure out|work out|learn|uncover|discover|map(?:ping)?|qualify|identify|get to know)\b",
    re.I,
)
ANSWERS_BUYER = re.compile(
    r"\bhow (?:do|should|can) (?:i|we|my rep|a rep) (?:respond|handle|answer|reply|counter|position)\b|"
    r"\bwhat (?:do|should) (?:i|we) say\b|\bwhat's our (?:answer|response)\b",
    re.I,
)


def intents(question: str) -> list[str]:
    """The kinds of item the question asks for, most specific first (empty: no preference)."""
    found = [name for name in ORDER if INTENTS[name].search(question)]
    if "objection" in found and not names_a_buyer(question):  # "how do I handle a rep who..." is not an objection
        found.remove("objection")
    if "objection" in found and _they_is_the_rep(question):
        found.remove("objection")
    if "objection" in found and FINDS_OUT.search(question) and not ANSWERS_BUYER.search(question):
        found.remove("objection")
    if "scenario" not in found and "activity" not in found and PRACTICE_BUYER.search(question):
        found.insert(0, "scenario")
    if "scenario" in found and DESCRIBES_PRACTICE.search(question) and not WANTS_PRACTICE.search(question):
        found.remove("scenario")
    return found


# A rep's behaviour described against how they do in practice ("my rep is sharp in practice but goes quiet on the
# real call", "she nails it when we roleplay but...") is a gap to diagnose, not a request for a practice scenario;
# asking for one ("set up a roleplay", "I want to practise") still is.
DESCRIBES_PRACTICE = re.compile(
    r"\b(?:in|during|at) (?:practi[sc]e|rehearsals?|role-?plays?|our role-?plays?)\b|"
    r"\bwhen (?:we|they|he|she|i) (?:practi[sc]e|rehearse|role-?play)\b|"
    r"\b(?:practi[sc]e|rehearsals?|role-?plays?)\b[^?.]{0,40}\bbut\b",
    re.I,
)
WANTS_PRACTICE = re.compile(
    r"\b(?:i want|i'd like|i would like|give me|set up|find|suggest|need|want)\b[^?.]{0,30}"
    r"\b(?:scenarios?|role-?plays?|mock|practi[sc]e|rehearse|dry[- ]run)\b|"
    r"\b(?:can|could|should) (?:i|we|she|he|they) (?:practi[sc]e|rehearse|role-?play)\b",
    re.I,
)


# A messaging question naming the kind of item it wants ("which insight should I open with", "the value proposition
# for", "our differentiators") is answered by that kind only.
NAMED_KINDS: dict[str, re.Pattern[str]] = {
    "insight": re.compile(r"\binsights?\b", re.I),
    "value_proposition": re.compile(r"\bvalue prop\w*", re.I),
    "differentiator": re.compile(r"\bdifferentiat\w*", re.I),
}


def messaging_kinds(question: str) -> list[str]:
    """The messaging kinds a question names, or all of them."""
    named = [kind for kind, pattern in NAMED_KINDS.items() if pattern.search(question)]
    return named or list(KINDS["messaging"])


# Comparing us with another vendor or tool ("how does the add-on compare to us", "what does X do better than us",
# "X vs us"): what we say about ourselves (differentiators, proof) answers, after the competitor objection that holds
# the talk track for exactly that comparison; a forecast or skill that shares the question's words does not.
COMPARES = re.compile(
    r"\b(?:compare[sd]?|comparing|comparison|stack(?:s|ed)? up|measures? up)\b.{0,40}\b(?:us|we|ours|our (?:tool|product|platform))\b|"
    r"\b(?:us|we|our (?:tool|product|platform))\b.{0,20}\b(?:compare[sd]?|comparing|stack up|measure up|differ)\b|"
    r"\b(?:better|worse|cheaper|faster|different) than (?:us|we|ours|our (?:tool|product|platform))\b|"
    r"\b(?:vs\.?|versus) (?:us|them|ours)\b|\b(?:us|ours) (?:vs\.?|versus)\b|"
    # a buyer or rep asking how the product itself ("it", "this", "you", "the product") measures against another
    # tool or way of working: "how does it stack up against a spreadsheet", "how do you compare with the add-on"
    r"\bhow (?:does|do|would|will|did) (?:it|this|you|the (?:tool|product|platform))\b (?:\w+ ){0,2}?"
    r"(?:compare|stack up|measure up|differ)\b",
    re.I,
)


def wanted_kinds(question: str) -> list[str]:
    """The kinds to route to, in order: the intents, with an objection before messaging when the question asks for
    proof or messaging for an objection it names ("proof points for the data residency objection"), since the
    objection holds its proof points whole, with the path they serve."""
    wanted = intents(question)
    if COMPARES.search(question) and not {"activity", "scenario"} & set(wanted):
        wanted = [*[w for w in wanted if w not in ("objection", "messaging")], "objection", "messaging"]
    if "messaging" in wanted and "objection" not in wanted and NAMES_OBJECTION.search(question):
        wanted.insert(wanted.index("messaging"), "objection")
    return wanted


def _for_persona(question: str, kb: KnowledgeBase) -> str:
    """The question, with what the buyer persona it names cares about: "which insight should I open with for a CRO"
    is about calling the quarter early and rep productivity, words the insights use and the question does not."""
    pid = named_persona(question, kb)
    if pid is None:
        return question
    return f"{question} {'; '.join(kb.personas[pid].cares_about)}"


def _cosine(r: Result) -> float:
    return float(r.metadata.get("_cosine", r.score if r.score <= 1.0 else 0.0))


def _fit(r: Result) -> float:
    """How well an item fits, among items of one kind: its cosine, nudged by its fused rank score (0-2), which
    carries the keyword evidence. On the dev questions cosine alone picked a near-tie wrongly ("the Excel model
    they built" ranked our-other-tool first by 0.004), fused alone picked wrongly where cosine was clear."""
    fused = r.score if r.score > 1.0 or "_cosine" in r.metadata else 0.0
    return _cosine(r) + FUSED_WEIGHT * fused


def _search(question: str, retriever: Retriever, clause: dict[str, Any], k: int) -> list[Result]:
    found = retriever.search(question, k=k, where={"$and": [{"private": False}, clause]})
    return sorted(found, key=_fit, reverse=True)


def _children(kb: KnowledgeBase, r: Result) -> list[str]:
    """The ids of the parts of a container item (an interaction's criteria, a guide's sections); else none."""
    if r.item_id in kb.interactions:
        return [c.id for c in kb.criteria_of(r.item_id)]
    guide = kb.guides.get(r.item_id)
    return [s.id for s in guide.sections] if guide is not None else []


def descend(question: str, r: Result, retriever: Retriever, kb: KnowledgeBase, ranked: Sequence[Result] = ()) -> Result:
    """The part of a container the question is about: a guide's whole text is a table of contents, and an
    interaction's overview only answers a question about the interaction as a whole ("what are the steps...").
    A part the search itself ranked (`ranked`) wins; else the parts are searched on their own."""
    parts = _children(kb, r)
    if not parts or (r.item_id in kb.interactions and WHOLE.search(question)):
        return r
    if ASKS_WHAT_BEFORE.search(question) and not ASKS_WHEN.search(question):
        parts = [p for p in parts if not _states_when(kb, p)] or parts
        question = _BEFORE_CLAUSE.sub(" ", question)  # the time frame is not what the question is about
    found = sorted((x for x in ranked if x.item_id in parts), key=_fit, reverse=True)
    found = found or _search(question, retriever, {"item_id": {"$in": parts}}, len(parts))
    if not found:
        return r
    best = found[0]
    return Result(**{**best.__dict__, "metadata": {**best.metadata, "routed_from": r.item_id}})


# Asking when someone steps in on a rep's skill, call or deal ("when exactly do I step in?", "at what point should I
# intervene", "how long before my manager gets involved"): the guidance that states the condition answers it, a
# passage where stepping in is followed by a count ("step in: when 2 of the last 3 observations..."), not whichever
# passage shares the word "step" (a demo's next steps).
STEPS_IN = (
    r"(?:step(?:s|ping)? in|intervene\w*|intervention|get(?:s|ting)? involved|butt(?:s|ing)? in|jump(?:s|ing)? in|"
    r"jump(?:s|ing)? on (?:it|this|that|him|her|them)|call(?:s|ing)? (?:it|him|her|them) out|"
    r"weigh(?:s|ing)? in|escalat\w*|take(?:s)? over|involve (?:myself|yourself|the manager))"
)
ASKS_WHEN = re.compile(
    # whether to step in at all ("should I jump on it or leave it?") asks for the same rule
    rf"\bshould (?:i|we)\b (?:\w+ ){{0,2}}?{STEPS_IN}\b|"
    rf"\b(?:when|at what point|how (?:long|soon|many|often|quickly|bad)|threshold|rule)\b.*\b{STEPS_IN}\b|"
    rf"\b{STEPS_IN}\b.*\b(?:when|at what point|how (?:long|soon)|threshold|rule)\b",
    re.I,
)
# Asking what to do before someone steps in ("what should I do on my own before my manager gets involved?") wants the
# action for the meantime (fix the basics first), not the rule that says when the manager steps in.
ASKS_WHAT_BEFORE = re.compile(
    rf"\bwhat (?:should|can|do|must|could) (?:i|we|a rep|reps)\b.*\bbefore\b.*\b{STEPS_IN}\b", re.I
)

_BEFORE_CLAUSE = re.compile(rf"\bbefore\b[^?.,;]*?\b{STEPS_IN}\b", re.I)


def self_coaching(question: str) -> bool:
    """A rep asking what to do on their own before their manager steps in: the self-coaching guide answers, not an
    assignment a manager would give."""
    return bool(ASKS_WHAT_BEFORE.search(question) and _THEIR_MANAGER.search(question))


def _written_to_reps(kb: KnowledgeBase, item_id: str) -> bool:
    """True for a guide, or a section of one, whose guide speaks to the rep about their manager."""
    for g in kb.guides.values():
        if item_id == g.id or any(s.id == item_id for s in g.sections):
            return any(_YOUR_MANAGER.search(s.text) for s in g.sections)
    return False


def _meantime(question: str, to_reps: Sequence[Result], retriever: Retriever, kb: KnowledgeBase) -> list[Result]:
    """The section of the rule's own guide that says what to do before the manager steps in, when the search found
    only the rule ("Know the threshold" gives way to "Fix the basics first")."""
    if not to_reps or not _states_when(kb, to_reps[0].item_id):
        return []
    guide = kb.guides.get(container(kb, to_reps[0].item_id) or "")
    parts = [s.id for s in guide.sections if not _states_when(kb, s.id)] if guide is not None else []
    return (
        _search(_BEFORE_CLAUSE.sub(" ", question), retriever, {"item_id": {"$in": parts}}, len(parts))[:1]
        if parts
        else []
    )


def _states_when(kb: KnowledgeBase, part: str) -> bool:
    """True for a guide section that states when someone steps in (a stepping-in phrase followed by a count)."""
    text = next((s.text for g in kb.guides.values() for s in g.sections if s.id == part), "")
    return bool(STATES_WHEN.search(" ".join(text.split())))


_THEIR_MANAGER = re.compile(r"\bmy (?:manager|boss|coach|team lead)\b", re.I)
_YOUR_MANAGER = re.compile(r"\byour (?:manager|boss|coach)\b", re.I)
STATES_WHEN = re.compile(rf"\b{STEPS_IN}\b[^.]{{0,80}}?\d", re.I)


def stepping_in(question: str, retriever: Retriever, kb: KnowledgeBase) -> Result | None:
    """For a question asking when to step in, the guide section that states when (stepping in, then a count), the
    one closest to the question first; None for any other question or when no guide states it."""
    if not ASKS_WHEN.search(question):
        return None
    sections = [s for g in kb.guides.values() if g.type == "guide" for s in g.sections]
    stated = [s for s in sections if STATES_WHEN.search(" ".join(s.text.split()))]
    # a rep asking when their manager steps in reads the guidance written to reps ("your manager steps in..."); a
    # manager asking when they should, the guidance written to managers
    rep_asks = bool(_THEIR_MANAGER.search(question))
    rules = [s.id for s in stated if bool(_YOUR_MANAGER.search(s.text)) == rep_asks] or [s.id for s in stated]
    found = _search(question, retriever, {"item_id": {"$in": rules}}, len(rules)) if rules else []
    if not found:
        return None
    return Result(**{**found[0].__dict__, "metadata": {**found[0].metadata, "routed": "rule"}})


TITLE_CANDIDATES = 4  # objections searched for one whose title names what the buyer's words name
LINE_CANDIDATES = 8  # objections searched for one whose recorded buyer lines alone say what the buyer's words say
# Cosine from which an objection whose recorded buyer lines alone hold what a domain phrase in the buyer's reported
# words means may go first (loose.BUYER_VOICE is the same floor for the buyer's words against those lines): the
# phrase map is the evidence, the floor only keeps an unrelated objection out.
LINE_FLOOR = 0.25


def _titled_first(
    question: str,
    candidates: list[Result],
    wider: list[Result],
    kb: KnowledgeBase,
    lined: list[Result] | None = None,
) -> list[Result]:
    """The objections found (`wider`: a few more), with the one whose title names what a domain phrase of the
    question means first, when the closest names nothing the question says: the word search reads the phrase as
    (copilot.retrieval.synonyms.PHRASES: "a buying group" is a committee) in one title only ("A committee has to
    decide"). The embedder does not know every domain phrase ("sign-off from a buying group" came out closer to "I
    need to run it by my boss"); words the question says itself are left to it ("another", "email" and "year" are
    in one title each and say little)."""
    if not candidates or candidates[0].item_id not in kb.objections:
        return candidates
    own = _own_title_words(kb)
    said = {stem(w) for w in re.findall(r"[a-z0-9]+(?:['\u2019][a-z]+)?", question.lower())}  # as terms() splits
    # only what a domain phrase means: a synonym of a word the buyer says is too loose ("spying on their inboxes" is
    # about being watched, though "inbox" is a synonym of the email in "We can't give you access to email")
    asked = set(terms(question)) - said
    # a word the closest title shares with the question says less than a domain phrase naming another title: "they
    # want three months to try it for free before they'll even talk contract" is the free pilot, not the contract
    titled = _first_named(candidates, wider, own, asked)
    if titled is not candidates:
        return titled
    # no title names it: a domain phrase in what the buyer said (after who said it: "the VP of sales says" names a
    # speaker, not the objection) that the lines one objection records buyers saying hold alone ("they'll just build
    # it in-house" is the status quo's "We built our own forecast sheet", though the title says "spreadsheet")
    reported = BUYER_SAYS.search(question)
    if reported is None or not (content := set(terms(question[reported.end() :])) & asked):
        return candidates
    lines = _own_title_words(kb, lines=True)
    named = _first_named(candidates, lined or wider, lines, content, LINE_FLOOR)
    if named is candidates:
        return candidates
    # named by its buyer lines: route() holds it to LINE_FLOOR, not MIN_ROUTED
    return [Result(**{**named[0].__dict__, "metadata": {**named[0].metadata, "lined": True}}), *named[1:]]


# In a comparison, what we are compared with: the words after "against", "with", "to", "than" or "versus".
RIVAL = re.compile(r"\b(?:against|with|to|than|vs\.?|versus)\b\s+(?P<rival>[^?.!,;]{2,60})", re.I)
# Where the rival's noun phrase ends: a clause about it ("the dashboard we already have", "a tool that...").
_RIVAL_END = re.compile(
    r"\s+(?:we|they|you|i|he|she|it|my|our|your|their|his|her|that|which|who|whose|where|when|in|on|for|from|at|"
    r"today|now|already)\b.*",
    re.I,
)


def compared_with(question: str) -> str | None:
    """What a question comparing us with another tool or way of working compares us with ("just using a
    spreadsheet" in "how does it stack up against just using a spreadsheet?"); None for any other question."""
    if not COMPARES.search(question):
        return None
    rivals = [m.group("rival") for m in RIVAL.finditer(question)]
    return "; ".join(rivals) if rivals else None


def _rival_first(question: str, candidates: list[Result], wider: list[Result], kb: KnowledgeBase) -> list[Result]:
    """In a question comparing us with another tool or way of working ("how does it stack up against a
    spreadsheet?"), the objection whose title names what we are compared with goes first: the embedder reads any
    comparison as "we already use another tool", though the library has an objection for the rival named. Only a
    word that one objection's title holds alone counts, and only the head of the rival's noun phrase."""
    if not candidates or not COMPARES.search(question):
        return candidates
    # the head of the rival's noun phrase, its last word ("the CRM vendor's add-on" is an add-on, not a CRM)
    heads = [terms(_RIVAL_END.sub("", m.group("rival"))) for m in RIVAL.finditer(question)]
    rival = {words[-1] for words in heads if words}
    if not rival:
        return candidates
    return _first_named(candidates, wider, _own_title_words(kb), rival)


# The seller cannot reach the person who decides ("my champion cant get the cfo to take a meeting", "rep says the
# buyer loves us but cant get the cfo on a call", "the vp never takes our calls"): not anything the buyer said, and
# not a practice scenario with that buyer in it, but the skill of mapping and meeting whoever decides and signs.
_DECIDER = (
    r"(?:(?:the|a|an|their|our|my|his|her) )?(?:cfo|cro|ceo|coo|cio|cto|vp|svp|evp|economic buyer|decision[- ]?makers?|"
    r"exec\w*|boss|sponsor|signer|approver|person who (?:signs|decides)|whoever (?:signs|decides))\b"
)
REACHES_DECIDER = re.compile(
    r"\b(?:can'?t|cannot|can not|unable to|never|couldn'?t|struggl\w+ to|no way to)\s+(?:\w+ )?"
    r"(?:get|reach|book|meet|see|pin down|get hold of|get in front of|get time with|get access to|talk to|speak (?:to|with))"
    rf"\s+(?:(?:a |an )?(?:meeting|call|time|slot) )?(?:with |to )?{_DECIDER}|\b{_DECIDER}\s+(?:won'?t|never|refuses to|doesn'?t|will not)\s+"
    r"(?:\w+ )?(?:meet|take|join|get on|show up|return|reply|respond|answer)\w*\b",
    re.I,
)
NAMES_DECIDING = re.compile(r"\b(?:decision|decides?|sign\w*|approv\w*)\b", re.I)


def decider_out_of_reach(question: str, retriever: Retriever, kb: KnowledgeBase) -> Result | None:
    """For a question about not reaching whoever decides, asking for no kind of item: the skill whose title is about
    the decision and who signs (the one such criterion), else None."""
    if not REACHES_DECIDER.search(question) or intents(question):
        return None
    titled = [c.id for c in kb.criteria.values() if NAMES_DECIDING.search(c.title)]
    if len(titled) != 1:
        return None
    found = _search(question, retriever, {"item_id": {"$in": titled}}, 1)
    if not found:
        return None
    return Result(**{**found[0].__dict__, "metadata": {**found[0].metadata, "routed": "rule"}})


def route(
    question: str,
    results: Sequence[Result],
    retriever: Retriever,
    kb: KnowledgeBase,
    *,
    gap: Result | None = None,
) -> list[Result]:
    """The results reordered for composing: items of the kind the question asks for first, containers replaced by
    the part the question is about, each item once; a roleplay scenario answers only a question about practising.
    `gap`: the criterion a question asking what to assign is about, when the caller has found it already."""
    routed: list[Result] = []
    wanted = wanted_kinds(question)
    if self_coaching(question):  # the guidance written to reps ("your manager steps in...") first
        wanted = [w for w in wanted if w != "activity"]
        to_reps = sorted(
            (r for r in results if _written_to_reps(kb, r.item_id)), key=lambda r: _states_when(kb, r.item_id)
        )
        results = [*_meantime(question, to_reps, retriever, kb), *to_reps, *[r for r in results if r not in to_reps]]
    rule = stepping_in(question, retriever, kb) if not {"activity", "objection"} & set(wanted) else None
    if rule is None and not {"activity", "objection"} & set(wanted):
        rule = reps_side(question, retriever, kb)
    if rule is None:
        rule = decider_out_of_reach(question, retriever, kb)
    if rule is not None:
        routed.append(rule)
        wanted = []
    for name in wanted:
        if name == "activity" and named_activity(question, kb) is None:
            gap = gap or gap_criterion(question, retriever, kb)
            if gap is not None:
                read = reading(question)
                best = written_for(question, retriever, kb, gap.item_id, read.cause)
                routed.append(as_assignment(gap, replace(read, written_for=best)))
                break
        k = MESSAGING_ITEMS if name == "messaging" else 1
        kinds = {"type": {"$in": messaging_kinds(question) if name == "messaging" else list(KINDS[name])}}
        query = _for_persona(question, kb) if name == "messaging" else question
        candidates = _search(query, retriever, kinds, k * 2)
        if name == "objection":
            wider = _search(query, retriever, kinds, TITLE_CANDIDATES)
            candidates = _rival_first(question, candidates, wider, kb)
            lined = _search(query, retriever, kinds, LINE_CANDIDATES)
            candidates = _titled_first(question, candidates, wider, kb, lined)
        found = [r for r in candidates[:k] if _cosine(r) >= (LINE_FLOOR if r.metadata.get("lined") else MIN_ROUTED)]
        routed += [Result(**{**r.__dict__, "metadata": {**r.metadata, "routed": name}}) for r in found]
        if routed:
            break
    out: list[Result] = []
    seen: set[str] = set()
    for r in [*routed, *results]:
        part = descend(question, r, retriever, kb, results)
        if part.item_id in seen:
            continue
        seen.add(part.item_id)
        out.append(part)
    if not routed:
        whole = None if self_coaching(question) else _whole(question, results, kb)
        if whole is not None:
            return [whole, *[r for r in out if r.item_id != whole.item_id]]
        out = _skill_before_activity(out, kb, question, retriever)
        out = _talk_track_only_when_asked(question, out, kb, retriever)
        out = _named_interaction_first(question, out, retriever, kb)
        out = _how_to_first(question, out, kb)
        out = placed_in_meeting(question, out, retriever, kb)
    if "scenario" not in wanted:
        out = [*[r for r in out if r.item_id not in kb.scenarios], *[r for r in out if r.item_id in kb.scenarios]]
    return out


HOW_TO = re.compile(r"\bhow (?:do|should|can|would) (?:i|we|you|a rep|a manager)\b", re.I)

# When in a meeting the question places what it describes: after it or at its end ("send a recap after the demo"),
# or at its start ("opens the demo cold"). A criterion's own first word says where it sits: "Opens by...",
# "Ends by...", "Closes with...".
PLACED: dict[str, re.Pattern[str]] = {
    "end": re.compile(r"\b(?:after(?:wards)?|at the end|end of|wrap(?:s|ping)? up|follow(?:s|ing)?[- ]?up)\b", re.I),
    "start": re.compile(
        r"\b(?:at the (?:start|beginning)|start of|beginning of|kick(?:s|ing)?[- ]?off|opening)\b", re.I
    ),
}
AFTER_IT = re.compile(
    r"\bafter(?:wards)?\b (?:the|a|an|each|every|his|her|their|our|my)\b(?! (?:\w+ ){0,2}(?:starts|begins|opens|gets going))",
    re.I,
)
SITS = {
    "start": re.compile(r"\b(?:opens|starts|begins) (?:by|with)\b", re.I),
    "end": re.compile(r"\b(?:ends|closes) (?:by|with|for)\b", re.I),
}


def _placing(criterion: Any) -> str:
    return f"{criterion.title}. {criterion.description}"


def placed_in_meeting(question: str, results: list[Result], retriever: Retriever, kb: KnowledgeBase) -> list[Result]:
    """A criterion that sits at one end of its meeting, first for a question that places the behaviour at the other:
    "forgets to send a recap after the demo" is the demo's close (agreeing the next step), not its opening recap,
    though both share "recap"."""
    if not results or results[0].item_id not in kb.criteria:
        return results
    first = kb.criteria[results[0].item_id]
    for where, other in (("end", "start"), ("start", "end")):
        if not PLACED[where].search(question) or PLACED[other].search(question):
            continue
        if SITS[where].search(_placing(first)):
            continue
        # after the meeting is over, no criterion inside it applies but the one that closes it
        if not SITS[other].search(_placing(first)) and not (where == "end" and AFTER_IT.search(question)):
            continue
        there = [
            c.id for c in kb.criteria.values() if c.interaction == first.interaction and SITS[where].search(_placing(c))
        ]
        if len(there) != 1:
            continue
        found = next((r for r in results if r.item_id == there[0]), None)
        if found is None:
            found = next(iter(_search(question, retriever, {"item_id": {"$in": there}}, 1)), None)
        if found is None:
            continue
        return [found, *[r for r in results if r.item_id != there[0]]]
    return results


HOW_TO_SHARE = 0.85  # a guide section within this share of the first result's fused score answers a how-to question


def _how_to_first(question: str, results: list[Result], kb: KnowledgeBase) -> list[Result]:
    """A question asking how to do something is answered by the guide section that says how ("Start by closing the
    loop"), with the skill it builds after it; a criterion says what good looks like, not how to get there."""
    if not HOW_TO.search(question) or not results or results[0].item_id not in kb.criteria:
        return results
    top = results[0].score
    section = next((r for r in results[1:4] if _is_section(kb, r.item_id) and r.score >= HOW_TO_SHARE * top), None)
    if section is None:
        return results
    return [section, *[r for r in results if r is not section]]


def _talk_track_only_when_asked(
    question: str, results: list[Result], kb: KnowledgeBase, retriever: Retriever | None = None
) -> list[Result]:
    """An objection ranked first for a question that neither reports the buyer's words nor names an objection ("my rep
    says the buyer loves us but there's no date for the next meeting: is that a problem?" ranked "There is no budget
    this year") gives way to the first skill or guide section found: a talk track answers a buyer, not a manager
    asking about a deal."""
    if not results or results[0].item_id not in kb.objections or NAMES_OBJECTION.search(question):
        return results
    other = next((r for r in results if r.item_id in kb.criteria or _is_section(kb, r.item_id)), None)
    if other is None and retriever is not None:
        # none among the first results (all objections and scenarios): the closest skill or guide section overall
        found = _search(question, retriever, {"type": {"$in": ["criterion", "guide"]}}, 4)
        other = next((r for r in found if _cosine(r) >= MIN_ROUTED and r.item_id not in kb.guides), None)
    if other is None:
        return results
    return [other, *[r for r in results if r is not other]]


def _is_section(kb: KnowledgeBase, item_id: str) -> bool:
    return any(s.id == item_id for g in kb.guides.values() for s in g.sections)


def _skill_before_activity(
    results: list[Result], kb: KnowledgeBase, question: str = "", retriever: Retriever | None = None
) -> list[Result]:
    """When an activity ranks first but the question did not ask what to assign, the skill it builds answers
    first ("what counts as enough evidence for commit" is the criterion; its activities are listed under it)."""
    if not results or results[0].item_id not in kb.activities:
        return results
    builds = kb.activities[results[0].item_id].criteria
    skill = next((r for r in results if r.item_id in builds), None)
    if skill is None:
        # a skill ranked right behind it answers ("what should I ask my rep about a deal stuck in stage" ranked the
        # stage audit drill, then the deal review's coaching questions)
        skill = next((r for r in results[1:WHOLE_TOP] if r.item_id in kb.criteria), None)
    if skill is None and retriever is not None and builds:
        # none of its skills among the first results: the first the catalog lists it for (the one it is built
        # around) that is about the question at all
        found = {r.item_id: r for r in _search(question, retriever, {"item_id": {"$in": list(builds)}}, len(builds))}
        skill = next((found[c] for c in builds if c in found and _cosine(found[c]) >= MIN_ROUTED), None)
    if skill is None:
        return results
    return [skill, *[r for r in results if r is not skill]]


def _interactions_of(r: Result) -> set[str]:
    m = r.metadata
    return {str(m["interaction"])} if m.get("interaction") else {str(i) for i in m.get("interactions") or []}


def _named_interaction_first(
    question: str, results: list[Result], retriever: Retriever, kb: KnowledgeBase
) -> list[Result]:
    """A question that names one interaction is about it: "a rep who talks too much on discovery calls" is the
    discovery call's listening, not the one-on-one's talk ratio that shares its words."""
    named = named_interactions(question, kb)
    if len(named) != 1 or not results or named[0] in _interactions_of(results[0]):
        return results
    first = next((r for r in results if named[0] in _interactions_of(r)), None)
    if first is None:
        found = _search(question, retriever, {"interaction": named[0]}, 3)
        first = found[0] if found else None
    if first is None:
        return results
    return [first, *[r for r in results if r.item_id != first.item_id]]


# A question about a guide or a meeting as a whole: its parts, its structure, what it says, what each part holds.
ABOUT_WHOLE = re.compile(
    r"\b(steps|stages|elements|parts|sections|structure|overview|summar\w*|outline|each (?:one|of them)?\s*[?.]?$|"
    r"for each\b|what does (?:the|our|this) [\w\s'-]{0,40}(?:say|cover)|(?:the|our) (?:whole|entire|full)\b|"
    r"what (?:are|is) (?:the|our) (?:\w+ ){0,3}(?:causes|reasons|rules|parts|steps|stages|elements|skills|criteria)|"
    # what a meeting should look like as a whole ("what should my first one-on-one look like"); a level named
    # ("what does Excellent look like") is one criterion's question
    r"what (?:should|does|do|would|will) (?:a|an|the|my|our)\b(?:(?!\b(?:good|excellent|needs? work|not present)\b)"
    r"[\w\s'-]){0,50}\blook like)",
    re.I,
)
WHOLE_TOP = 4  # the container's parts must hold at least two of the first few results


def container(kb: KnowledgeBase, item_id: str) -> str | None:
    """The guide (not a private coaching note) or the interaction an item is part of, or is."""
    if item_id in kb.interactions:
        return item_id
    if item_id in kb.criteria:
        return kb.criteria[item_id].interaction
    guide = kb.guides.get(item_id.split("#", 1)[0])
    return guide.id if guide is not None and guide.type == "guide" else None


def _whole(question: str, results: Sequence[Result], kb: KnowledgeBase) -> Result | None:
    """The guide or interaction a question asks about as a whole ("what are the root causes and the remedy for
    each", "summarise the one-on-one guide"), when it and its parts hold at least two of the first few results
    (the first such); answered whole, section by section or criterion by criterion, rather than by one part."""
    if not ABOUT_WHOLE.search(question) or not results:
        return None
    top = [container(kb, r.item_id) for r in results[:WHOLE_TOP]]
    first = next((c for c in top if c is not None and top.count(c) >= 2), None)
    if first is None:
        return None
    title = kb.interactions[first].title if first in kb.interactions else kb.guides[first].title
    return Result(first, first, title, "whole", results[0].score, "", "knowledge", {"whole": True})


def _phrased(text: str) -> set[str]:
    """The terms a domain phrase of the text stands for (copilot.retrieval.synonyms.PHRASES: "1:1s" and "one-on-one"
    are both oneonone), not the words it says itself."""
    said = {stem(w) for w in re.findall(r"[a-z0-9]+(?:['\u2019][a-z]+)?", text.lower())}
    return set(terms(text)) - said


# Asking what to do ("how should I...", "what do I need to..."), not asking for a fact ("what is the best...").
ASKS_HOW = re.compile(
    r"\bhow (?:do|should|can|could|would) (?:i|we)\b|\bwhat (?:do|should|can) (?:i|we)\b|\bwhat's the best way\b|"
    r"\bwhat (?:am i|are we) (?:supposed|meant|expected) to\b",
    re.I,
)
# Asking how a meeting ends: "wrap up", "end my 1:1s", "finish them", "close out".
ASKS_END = re.compile(r"\b(?:wrap(?:ping)? (?:\w+ )?up|end(?:ing)?|finish(?:ing)?|close out|at the end)\b", re.I)


# Bringing something to one's own meeting ("what should i bring to my weekly one on one") is what the one who
# attends it does, not the manager who runs it; a question naming a rep of the asker's is a manager's
_BRINGS_TO = re.compile(r"\bbring(?:s|ing)?\b[^?.]{0,30}?\b(?:to|into|in to)\s+(?:my|our)\b", re.I)
_NAMES_A_REP = re.compile(r"\b(?:my|our|the|a) (?:\w+ )?(?:reps?|aes?|sellers?|team)\b", re.I)


def reps_side(question: str, retriever: Retriever, kb: KnowledgeBase) -> Result | None:
    """A rep asking about a meeting with their own manager ("what am I supposed to prepare before my 1:1 with my
    manager"): the section written to reps whose title names the meeting the question names ("Bring your own analysis
    to the one-on-one"), not the manager's guide to running it; None when the question names no manager of the
    asker's, or no such section."""
    if not (_THEIR_MANAGER.search(question) or _BRINGS_TO.search(question)) or _NAMES_A_REP.search(question):
        return None
    asked = _phrased(question)
    parts = [
        s.id for g in kb.guides.values() if _written_to_reps(kb, g.id) for s in g.sections if asked & _phrased(s.title)
    ]
    found = _search(question, retriever, {"item_id": {"$in": parts}}, len(parts)) if parts else []
    if not found:
        return None
    return Result(**{**found[0].__dict__, "metadata": {**found[0].metadata, "routed": "rule"}})


def guide_named(question: str, retriever: Retriever, kb: KnowledgeBase) -> Result | None:
    """The section of the guide whose title's domain phrase the question names ("how should I wrap up my 1:1s" names
    the guide on running a one-on-one), most like the question, whatever its similarity: the question may use none of
    the section's words ("wrap up" for "close with agreements") and still be about the guide's subject."""
    asked = _phrased(question)
    if not asked or not ASKS_HOW.search(question):
        return None
    for g in kb.guides.values():
        if g.sections and _phrased(g.title) & asked:
            parts = [s.id for s in g.sections]
            if ASKS_END.search(question):  # a guide to a meeting runs in order: its last section is how it ends
                return next(iter(_search(question, retriever, {"item_id": {"$in": parts[-1:]}}, 1)), None)
            found = _search(question, retriever, {"item_id": {"$in": parts}}, len(parts))
            if found:
                return found[0]
    return None
