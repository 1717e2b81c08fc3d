"""Curated buyer lines: the objection library's persona phrasings plus reaction templates for every move.

They are what the buyer says when no model is configured or a generated line fails its checks, and they are
the example the model is shown; the transcript labels them `curated`. Variants are chosen by turn index, so
the same conversation always gets the same words.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.models import BuyerMove, Difficulty, MoveKind, Scenario
from copilot.roleplay.specifics import say_step

Variants = dict[str, tuple[str, ...]]
"""Templates by flavour ('any', a difficulty, or a cue such as 'discount')."""

TEMPLATES: dict[MoveKind, Variants] = {
    "open": {"any": ("{opening} {concern}",)},
    "raise_objection": {
        # the step is agreed: the next concern is said as where the buyer stands going into it, not as a new hurdle
        # put in front of it ('But before that, something else.' read as taking the yes back)
        "step": (
            "{Step} is fine by me. Go in knowing where I stand, though. {concern}",
            "All right, {step}. I'll be straight with you about where I am, though: {concern_lc}",
        ),
        # a 'not now' concern said as it stands ('come back in three months') would take back the step just agreed:
        # the timing doubt goes into the meeting as the thing it has to answer
        "step_timing": (
            "{Step} works. Fair warning on timing, though: my instinct is still “{title}”, so use that meeting to "
            "show me why this can't wait.",
            "All right, {step}. Go in knowing my instinct on timing is still “{title}”; show me then why it can't wait.",
        ),
        "early_step": (
            "{Step} is fine by me. You've touched on this one too, but it's still on my mind. {concern}",
            "All right, {step}. You've started on the next thing as well, and I want to hear more. {concern}",
        ),
        "early": (
            "All right, that answers that. You've touched on the next thing too, but I want to hear more. {concern}",
            "Fair enough. You've started on this one as well, and it's still on my mind. {concern}",
        ),
        "easy": ("That helps, thank you. {concern}", "Okay, that makes sense. {concern}"),
        "realistic": ("Fair enough, that answers that. {concern}", "All right, I can work with that. {concern}"),
        "tough": ("Fine. That's not my only problem. {concern}", "Noted. Next point. {concern}"),
    },
    "share_information": {
        "any": ("{fact}", "Honestly? {fact}", "I'll be open with you. {fact}", "Since you ask, {fact_lc}"),
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
        "heard": (
            "I appreciate you hearing me out. So what would make it worth it for us?",
            "Good, at least we agree on the problem. What makes you think it's different with you?",
            "Thank you. Understanding it is a start, but how would you answer it for a business like ours?",
        ),
        "material": (
            "That would help. What would it show on our own numbers?",
            "Useful, if it's built on our numbers. What would it show?",
            "I'd take that. But what would it say for a business like ours, in {industry}?",
        ),
        "own_data": (
            "On our own pipeline, that would tell me something. Who runs it, and what counts as a pass?",
            "That I'd want to see on our data. What exactly would you run, and by when?",
        ),
        "elsewhere": (
            "That's one company. How do I know it would hold for us, in {industry}?",
            "Good for them. What would that look like on our own numbers?",
            "Their situation isn't ours. What makes you think we'd see the same?",
        ),
        "claim": (
            "That's a claim. What would show me it's true for us?",
            "I hear you, but what evidence do you have that this works for a company like ours?",
            "How do I know that holds for a business like ours, in {industry}?",
        ),
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
            "Perhaps. It doesn't quite get me there yet.",
            "I follow you. I'm just not sure it's enough.",
        ),
        "tough": ("That's one claim. I'm not there yet.", "I've heard that before. I'm not there yet."),
        "shown": (
            "Noted. I'll want to check that myself before I'm there.",
            "That's a start. I'm not there yet.",
            "All right. I'd still need to see how it holds up here.",
        ),
    },
    "short_answer": {
        "guarded": (
            "I'm not going into that yet. {concern}",
            "That's not something I'd share at this point. {concern}",
        ),
        "any": (
            "Partly, yes. My concern stands, though. {concern}",
            "In short, yes. But that's not what worries me. {concern}",
        ),
    },
    "restate": {
        "explain": (
            "It comes down to this. {concern}",
            "Put simply: {concern_lc}",
            "That's the heart of it for me. {concern}",
        ),
        "confirm": (
            "That's right. {concern}",
            "You've got it. {concern}",
            "Fair summary. {concern}",
        ),
        "minutes_given": (
            "{Minutes}, as I said. {concern}",
            "The {minutes} I gave you at the start. {concern}",
            "Still {minutes}, so let's use them. {concern}",
        ),
        "meeting_time": (
            "Enough, if we spend it on what matters to me. {concern}",
            "Not a lot, so let's use it. {concern}",
            "As long as this stays useful. {concern}",
        ),
        "no_number": (
            "I haven't put an exact number on that yet. {concern}",
            "Honestly, nobody has costed that out, so I can't give you a real figure. {concern}",
            "I couldn't give you a number today without guessing. {concern}",
        ),
        "unknown": (
            "I don't know that offhand; I'd have to check. {concern}",
            "I'd have to find out and come back to you on that. {concern}",
            "That's not something I have in front of me. {concern}",
        ),
        "told": (
            "I've told you what I can on that. {concern}",
            "That's as much as I can tell you there. {concern}",
            "You know what I know now. {concern}",
        ),
        "misfit": (
            "{Offer} doesn't answer my question. {concern}",
            "{Offer} isn't the issue here. {concern}",
        ),
        "any": (
            "Let me put it plainly. {concern}",
            "You haven't really answered me. {concern}",
            "I'm still where I was. {concern}",
        ),
    },
    "take_offer": {
        "services": (
            "{Offer}, then. That takes real work off my team. {concern}",
            "All right, {offer} helps with the load. {concern}",
        ),
        "deferred": (
            "{Offer}, then. That keeps it out of this year's numbers. {concern}",
            "All right, {offer} I can live with. {concern}",
        ),
        "closing": (
            "{Offer}, then. I can work with that. What do you propose as the next step?",
            "All right, {offer}. That settles it for me. So what happens next?",
        ),
        "unasked": (
            "I'll take {offer}, thank you. It doesn't change my concern, though. {concern}",
            "{Offer} is welcome. But that wasn't my question. {concern}",
        ),
        "any": (
            "{Offer}, then. I can work with that. {concern}",
            "All right, {offer} settles that point. {concern}",
        ),
    },
    "counter_offer": {
        "services": (
            "{Offer} is useful. I'd want it in the contract, with who does what and by when. What else comes with it?",
            "{Offer} helps with the workload, not with the rest. What more can you do?",
        ),
        "deferred": (
            "{Offer} helps, but the full cost still lands on me later. What does it come to in total, and will you put it in writing?",
            "{Offer} is interesting, not enough on its own. What else comes with it?",
        ),
        "trial": (
            "{Offer} could work, if we agree up front what it has to show. Who would judge it?",
            "I'd consider {offer}. What would count as success, and what happens after it?",
        ),
        "asked": (
            "{Offer} is a start, but it doesn't get me where I need to be. What more can you do?",
            "{Offer} helps a little. Give me something more and we can talk.",
        ),
        "any": (
            "{Offer} is a start, but it doesn't get me where I need to be. What more can you do?",
            "If {offer} was there all along, there's more room. What else is on the table?",
            "{Offer} helps a little. Give me something more and we can talk.",
        ),
    },
    "distrust_offer": {
        "services": (
            "{Offer} is kind, but free work doesn't answer my question. {concern}",
            "Throwing in {offer} before you understand the problem doesn't make me trust this more. {concern}",
        ),
        "deferred": (
            "Moving the invoice doesn't make the price right. {concern}",
            "{Offer} changes when I pay, not what I pay. {concern}",
        ),
        "any": (
            "If {offer} was that easy to find, I wonder what the first price was based on. {concern}",
            "{Offer} doesn't answer my question. {concern}",
            "{Offer} before you understand the problem makes me trust the number less. {concern}",
        ),
    },
    "amend_next_step": {
        "any": (
            "{Step} works, but let's put a date on it now. Thursday next week suits me.",
            "Fine, {step}, but let's fix a date before we hang up. How is Thursday next week?",
        ),
    },
    "refuse_next_step": {
        "fresh": (
            "Let's not book {when} yet. You've skipped what I just raised. {concern}",
            "Hold on, before we book {when}: you haven't said a word about what I just told you. {concern}",
        ),
        "any": (
            "I'm not booking {when} until you've answered this. {concern}",
            "Not yet. You haven't answered my concern. {concern}",
            "It's too early for that. {concern}",
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
        "any": (
            "{Step}: that works. Send me the invite.",
            "Good. {Step}, then. I'll put it in the calendar.",
        ),
        "tough": ("All right. {Step}. Send me the details and I'll hold that slot.",),
    },
    "stall": {
        "sent": (
            "That works. I'll have a look when I get a chance.",
            "Great, send it over. I'll read it when I can.",
        ),
        "later": ("Sounds good. We'll speak then.", "Fine, let's leave it there for now and talk then."),
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


RESTATED = (
    "My point stands: {title}.",
    "Nothing you've said changes it: {title}.",
    "That's still where I am: {title}.",
    "I said it before and it holds: {title}.",
    "You still haven't dealt with it: {title}.",
    "I keep coming back to the same thing: {title}.",
)
"""How the buyer brings back a concern already voiced in its own words: never the same sentence twice."""
RESTATED_AFTER_YES = (
    "That still leaves the bigger point: {title}.",
    "What's left for me is this: {title}.",
    "Which brings me back to one thing: {title}.",
    "The open question for me is still this: {title}.",
)
"""The same, after the buyer has just said yes to something ('A pilot for 30 days, then. I can work with that.'):
no 'you still haven't dealt with it' in the breath after agreeing."""
RESTATED_EXPLAINED = (
    "{Title}.",
    "That's the worry. {Title}.",
    "Yes, that's it. {Title}.",
)
"""The same, when the rep asked about the concern itself or said it back to check ('so the worry is…?'): the buyer
explains or confirms it, with no reproach ('you still haven't dealt with it' answers no question)."""
RESTATED_ASKED = (
    "What I can tell you is this: {title}.",
    "What I do know: {title}.",
    "The fixed point for me is this: {title}.",
)
"""The same, after a fair question the buyer cannot answer ('Which data is in scope for you?' -> 'I'd have to find
out'): the buyer says what they do know, with no reproach; the rep asked, they did not argue."""
ASKED_FLAVOURS = frozenset({"unknown", "no_number", "meeting_time", "minutes_given"})
RESTATED_PLAIN = (
    "{Title}.",
    "The concern is this: {title}.",
    "What I raised was this: {title}.",
)
"""The same, when the buyer's own line already says the concern went unanswered ('Not yet. You haven't answered my
concern.'): the concern comes back plainly, so one line never says it is unanswered twice."""
AGREEING = ("take_offer", "agree_next_step", "amend_next_step")
REPROACHING = ("refuse_next_step",)
"""Moves whose every line already tells the rep the concern is unanswered."""
STILL_OPEN = "Same concern."
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
MIN_REPEAT_WORDS = 4
"""A sentence this long or longer is never said twice in one conversation; 'Not yet.' may come back."""


def sentences(text: str) -> list[str]:
    """The sentences of a line that would read as a repeat if said twice."""
    return [x.strip() for x in _SENTENCE.split(text) if len(x.split()) >= MIN_REPEAT_WORDS]


def _said_sentences(said: Sequence[str]) -> set[str]:
    return {x for line in said for x in sentences(line)}


def concern_line(
    kb: KnowledgeBase,
    scenario: Scenario,
    objection_id: str | None,
    variant: int = 0,
    said: Sequence[str] = (),
    *,
    agreeing: bool = False,
    explaining: bool = False,
    asked: bool = False,
    reproached: bool = False,
) -> str:
    """How this persona voices the objection (its library phrasing), else the objection's title.

    Once the buyer has said every phrasing in this conversation, the concern comes back in other words (the title
    inside a sentence not yet said), so bringing a concern up again never reads as a canned line replayed.
    """
    objection = kb.objections.get(objection_id or "")
    if objection is None:
        return ""
    title = objection.title.rstrip(".")
    phrasings = objection.phrasings.get(scenario.persona) or [f"{title}."]
    before = _said_sentences(said)
    ordered = [phrasings[(variant + i) % len(phrasings)] for i in range(len(phrasings))]
    fresh = next((p for p in ordered if not set(sentences(p)) & before), None)
    if fresh is not None or not said:
        return fresh or ordered[0]
    kind = (
        RESTATED_EXPLAINED
        if explaining
        else RESTATED_ASKED
        if asked
        else RESTATED_PLAIN
        if reproached
        else RESTATED_AFTER_YES
        if agreeing
        else RESTATED
    )
    restated = [r.format(title=_lower(title), Title=_upper(title)) for r in kind]
    start = variant % len(restated)
    return next((r for r in restated[start:] + restated[:start] if r not in before), STILL_OPEN)


FLAVOURS = (
    ("a services offer", "services"),
    ("a deferred offer", "deferred"),
    ("discount", "discount"),
    ("English", "English"),
    ("before earning it", "guarded"),
    ("not asked for", "unasked"),
    ("notes the step", "step"),
    ("spoke to it before it came up", "early"),
    ("acknowledged but gave no evidence", "heard"),
    ("does not speak to this concern", "claim"),
    ("a test on their own data", "own_data"),
    ("a result from elsewhere", "elsewhere"),
    ("material promised", "material"),
    ("tests this concern: scoped", "trial"),
    ("the concern itself", "explain"),
    ("agreed to send material", "sent"),
    ("evidence shown, but", "shown"),
    ("agreed to wait", "later"),
    ("the concern just raised", "fresh"),
    ("does not answer this concern", "misfit"),
    ("nothing new to reveal", "told"),
    ("no number to give", "no_number"),
    ("the minutes said at the start", "minutes_given"),
    ("how much time this meeting has", "meeting_time"),
    ("said back and checked: confirmed", "confirm"),
    ("has no fact on", "unknown"),
)
SHORT: dict[MoveKind, str] = {
    "hesitate": "Not yet.",
    "ask_for_proof": "Show me.",
    "restate": "Same concern.",
    "push_back": "That's not it.",
    "press_harder": "No.",
    "short_answer": "Not now.",
    "refuse_next_step": "Not yet.",
    "share_information": "As I said.",
}
"""The last resort once every prepared sentence for a move is used up: too short to read as a repeat."""
LAST_WORDS = ("Same concern.", "Still no.", "Hm.", "And?", "Well?", "So?", "Go on.", "I'm listening.", "Right.", "...")


def _flavour(move: BuyerMove, difficulty: Difficulty, said: Sequence[str]) -> list[str]:
    """Which template sets apply, most specific first."""
    cues = [flavour for cue, flavour in FLAVOURS if cue in move.reason]
    if not say_step(move.specifics):
        cues = [c for c in cues if c != "step"]  # no day, person or thing to repeat: not 'All right, that.'
    if "step" in cues and "early" in cues:
        cues.insert(0, "early_step")  # a step noted, and a concern the rep already touched on
    if "the buyer asked for" in move.reason:
        cues.append("asked")
    if move.kind == "take_offer" and move.objection_id is None:
        cues.insert(0, "closing")
    return [*cues, difficulty, "any"]


KEEP_CASE = frozenset({"I", "I'm", "I'd", "I've", "I'll", *calendar.day_name, *calendar.month_name[1:]})


def _lower(text: str) -> str:
    """Lower-case a leading common word ('The business case', 'Next year's', 'Next Tuesday' -> 'next Tuesday'), never
    'I', a day, a month ('Tuesday at 10') or an acronym ('CRM')."""
    first = text.split(" ", 1)[0].rstrip(",.;:")
    keep = first in KEEP_CASE or (len(first) > 1 and first[:2].isalpha() and first[:2].isupper())
    return text if keep else text[:1].lower() + text[1:]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def curated_line(
    kb: KnowledgeBase, scenario: Scenario, move: BuyerMove, turn_index: int, said: Sequence[str] = ()
) -> str:
    """The curated words for a move: a template filled with the persona's phrasing, the fact and the rep's specifics.

    No sentence of four or more words the buyer already said in this conversation is said again: the next
    template is taken, a concern already voiced comes back in other words, and as a last resort the repeated
    sentences are left out.
    """
    variants = TEMPLATES[move.kind]
    flavours = _flavour(move, scenario.difficulty, said)
    objection = kb.objections.get(move.objection_id or "")
    if flavours[0] == "step" and objection is not None and objection.category == "timing":
        flavours.insert(0, "step_timing")
    options = next(variants[f] for f in flavours if f in variants)
    step = say_step(move.specifics) or "that"
    offer = move.specifics.get("offer", "a lower price")
    phrasings = (
        max(1, len(kb.objections[move.objection_id].phrasings.get(scenario.persona) or []))
        if (move.objection_id in kb.objections)
        else 1
    )
    candidates = []
    agreeing = move.kind in AGREEING
    for shift in range(phrasings):
        concern = concern_line(
            kb,
            scenario,
            move.objection_id,
            turn_index // 2 + shift,
            said,
            agreeing=agreeing,
            explaining=flavours[0] == "explain",
            asked=flavours[0] in ASKED_FLAVOURS,
            reproached=move.kind in REPROACHING or flavours[0] == "confirm",
        )
        for i in range(len(options)):
            template = options[(turn_index // 2 + i) % len(options)]
            text = template.format(
                opening=scenario.opening_line,
                concern=concern,
                concern_lc=_lower(concern),
                title=objection.title.rstrip(".") if objection else "",
                fact=move.fact or "",
                fact_lc=_lower(move.fact or ""),
                industry=_lower(scenario.industry),
                Step=_upper(step),
                step=_lower(step),
                Offer=_upper(offer),
                offer=offer,
                when=move.specifics.get("day") or "anything",
                minutes=move.specifics.get("minutes", "the time"),
                Minutes=_upper(move.specifics.get("minutes", "the time")),
            )
            candidates.append(" ".join(text.split()))
    before = _said_sentences(said)
    fresh = next((c for c in candidates if c not in said and not set(sentences(c)) & before), None)
    if fresh is not None:
        return fresh
    trimmed = [" ".join(x for x in _SENTENCE.split(c) if x.strip() not in before) for c in candidates]
    kept = next((t for t in trimmed if len(t.split()) >= 3 and t not in said), None)
    if kept is not None:
        return kept  # every template repeats a sentence: say only what is new
    shorts = [SHORT.get(move.kind, "Go on."), *LAST_WORDS]
    return next((x for x in shorts if x not in said), LAST_WORDS[-1])
