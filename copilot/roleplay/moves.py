"""The buyer's next move, decided by code from what the rep's turn did; the model only phrases the move.

Rules, in order: an empty, non-English or role-breaking turn gets a request to get back on track; once every
objection is handled the buyer waits for a concrete next step; arguing, a discount before understanding the
concern and a feature dump earn pressure and pushback; a handled objection moves the buyer to the next one;
an open question earns information from the deal context. Too much pressure loses the deal; running out of
turns stalls it. How much it takes to handle an objection depends on the difficulty.
"""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeBase, Objection, OfferReaction
from copilot.reader.stance import AGREES
from copilot.retrieval.keyword import terms
from copilot.roleplay.cues import CLAIM, MEETING_TIME
from copilot.roleplay.facts import (
    SITUATION,
    asks_company_size,
    company_line,
    condition_ask,
    cue_counts,
    fact_answers_condition,
    holds_no_fact,
    no_cost_number,
    party_condition,
    persona_facts,
    pick_fact,
    question_topic,
)
from copilot.roleplay.models import (
    BuyerMove,
    BuyerState,
    Concession,
    Difficulty,
    MoveKind,
    ObjectionProgress,
    RepSignals,
    Scenario,
)
from copilot.roleplay.offers import (
    WHEN_MONEY,
    conditional,
    is_fragment,
    offer_sentence,
    offers_in,
    raised_discount,
    reaction,
    settles_by_paying_later,
)
from copilot.roleplay.proof import GENERIC
from copilot.roleplay.signals import BARE_WORDS, SENDS, asks_for_material, objection_words_no_path
from copilot.roleplay.specifics import offer_specifics, step_specifics

PRESSURE_LIMIT: dict[Difficulty, int] = {"easy": 5, "realistic": 4, "tough": 3}
TURNS_PER_OBJECTION = 3
EXTRA_TURNS = 3


def max_rep_turns(scenario: Scenario) -> int:
    """After this many rep turns the buyer ends the conversation."""
    return TURNS_PER_OBJECTION * len(scenario.objections) + EXTRA_TURNS


def initial_state(scenario: Scenario) -> BuyerState:
    """A buyer who has not heard anything yet."""
    return BuyerState(progress=[ObjectionProgress(objection_id=o) for o in scenario.objections])


def opening_move(scenario: Scenario) -> BuyerMove:
    """The buyer opens with the scenario's first words and the first objection."""
    return BuyerMove(kind="open", objection_id=scenario.objections[0], reason="the scenario's opening line")


def handled(p: ObjectionProgress, difficulty: Difficulty) -> bool:
    """Whether the rep has done enough on this objection for the buyer to move on."""
    if difficulty == "easy":
        return p.proof and (p.acknowledged or p.clarified or p.checked)
    if difficulty == "realistic":
        return p.acknowledged and p.relevant_proof and (p.checked or p.next_step)
    return p.acknowledged and p.clarified and p.relevant_proof and p.checked and p.turns >= 2


PLANNED = frozenset({"authority", "timing"})
"""Objections about who decides or when: a dated plan built on what the buyer said answers them, not product proof."""


def answered_by_plan(objection: Objection | None) -> bool:
    """Who decides, when, or 'send me something': the answer is a dated plan (the path's answer step sends or prepares)."""
    if objection is None:
        return False
    answer_step = objection.handling_path[2:3]
    return objection.category in PLANNED or any(x.lower().startswith(("send", "prepare")) for x in answer_step)


def facts(scenario: Scenario, kb: KnowledgeBase, objection_id: str | None) -> list[str]:
    """Everything the buyer can tell when asked well, most relevant to the live objection first."""
    pool = scenario.facts or persona_facts(scenario, kb)
    objection = kb.objections.get(objection_id or "")
    wanted = set(terms(" ".join([objection.title, *objection.handling_path]))) if objection else set()
    said = [f.says for f in pool]
    return sorted(said, key=lambda f: (-len(set(terms(f)) & wanted), said.index(f)))


OWN_DATA = re.compile(
    r"\b(if|what if|could|can|would|shall|let's|let us|we'll|i'll)\b[^.?!]{0,40}\b(run|do|test|back-?test|replay|"
    r"score|model)\w*\b[^.?!]{0,40}\b(your|last (year|quarter)'s|your last \w+'s) (own )?(data|pipeline|numbers|"
    r"deals|quarters?|forecasts?|history|crm)\b|\b(back-?test|test|replay)\w*\b[^.?!]{0,20}\b(on|against) "
    r"(your|last (year|quarter)'s) (own )?(data|pipeline|numbers|deals|quarters?|history)\b",
    re.IGNORECASE,
)
"""A test proposed on the buyer's own data ('If we ran a back-test on last year's pipeline, …'): not a result from
another company, and not run yet."""


TRIAL_PATH = re.compile(r"\b(pilot|trial|back-?test|evaluation)\b", re.IGNORECASE)


def answered_by_trial(objection: Objection | None) -> bool:
    """A concern a trial answers: the library's handling path proposes a pilot, trial or back-test for it (will it
    be used, is it accurate, does it beat what we have); who decides and when are answered by a plan, not a trial."""
    if objection is None or objection.category in PLANNED:
        return False
    return any(TRIAL_PATH.search(x) for x in objection.handling_path)


DATING = frozenset(
    terms(
        "next start starts today tomorrow monday tuesday wednesday thursday friday saturday sunday morning afternoon "
        "evening noon am pm then soon before after until january february march april may june july august "
        "september october november december together put send"
    )
)
"""Words that date or frame a step rather than say what it builds."""


def _content(text: str) -> set[str]:
    return {w for w in terms(text) if len(w) > 2 and not w[0].isdigit()} - GENERIC - DATING


def meets_stated_need(step: str, told: list[str], objection: Objection | None) -> bool:
    """A step that builds what the buyer said it needs: it shares a content word with a fact the buyer already told
    ('requests need a business case' and 'I draft the business case with your controller'), or two with the
    objection's answer step in the library's handling path."""
    words = _content(step)
    if any(words & _content(fact) for fact in told):
        return True
    answer_step = objection.handling_path[2:3] if objection else []
    return any(len(words & _content(x)) >= 2 for x in answer_step)


def builds_condition(step: str, scenario: Scenario, state: BuyerState, objection_id: str, kb: KnowledgeBase) -> bool:
    """The buyer has said what would settle the concern (the scenario's condition), and the step builds it: two of
    the condition's words, or one of them and one of the concern's own ('a one-page summary for the committee' after
    'I need a one-page case each of them can read')."""
    condition = next((c.says for c in scenario.conditions if c.objection == objection_id), None)
    if condition is None or condition not in state.facts_used:
        return False
    words = _content(step)
    shared = len(words & _content(condition))
    concern = {w for w in objection_words_no_path(kb.objections.get(objection_id)) if w in words}
    return shared >= 2 or (shared >= 1 and bool(concern))


TRIAL_WORDS = 2
"""A trial that names this many of the concern's own words tests that concern ('a two-week pilot where we map your
four custom stages'), whatever the library's handling path proposes."""


def _trial(
    state: BuyerState, s: RepSignals, scenario: Scenario, p: ObjectionProgress, kb: KnowledgeBase, turn: int, text: str
) -> BuyerMove:
    """A trial the buyer did not ask for, offered before the concern is answered: one that tests the concern is taken
    (an easy buyer, or once bargained over) or scoped first; one that does not is no answer to it (not a refused step)."""
    sentence = offer_sentence(text, "pilot")
    spec = offer_specifics(sentence, "pilot")
    objection = kb.objections.get(p.objection_id)
    tests_it = len(set(terms(sentence)) & objection_words_no_path(objection)) >= TRIAL_WORDS
    if not answered_by_trial(objection) and not tests_it:
        return _move("restate", state, scenario, "a trial that does not answer this concern", specifics=spec)
    how: OfferReaction = "take" if scenario.difficulty == "easy" or p.objection_id in state.countered else "counter"
    state.concessions.append(Concession(kind="pilot", turn=turn, text=sentence, asked=True, reaction=how))
    if how == "counter":
        state.countered.append(p.objection_id)
        return _move("counter_offer", state, scenario, "a trial that tests this concern: scoped first", specifics=spec)
    p.handled = True
    _next_live(state)
    if state.current >= len(scenario.objections):
        if s.next_step == "dated":
            return _agree(state, s, scenario, "a trial that tests the last concern, with a date")
        state.closing_asks = 1
    return _move("take_offer", state, scenario, "a trial that tests this concern: taken", specifics=spec)


LATER = re.compile(
    r"\b(call|ring|catch up|reconnect|pick (it|this|things) up|revisit|come back|follow up|talk|speak|check in|"
    r"touch base|circle back)\b[^.?!]{0,40}\b(next (year|quarter|month)|in (january|february|march|april|may|june|july|"
    r"august|september|october|november|december|the new year|a few (weeks|months)|\w+ (weeks|months))|"
    r"after (the|your) \w+|later|then)\b",
    re.IGNORECASE,
)
"""Agreeing to come back later ('I'll give you a call next year then', 'let's pick it up again in April')."""


def takes_brush_off(s: RepSignals, text: str, objection: Objection | None) -> bool:
    """The buyer asked to be sent something or to wait, and the rep simply agrees: nothing asked, offered or shown,
    and no dated step; the buyer takes the agreement and the conversation ends there."""
    if objection is None or s.open_questions or s.closed_questions or s.offer != "none":
        return False
    if s.proof_ids or s.evidence or s.next_step == "dated":
        return False
    if asks_for_material(objection):
        # the only step is the sending itself ('I'll put a template together for you'): that is what they asked for
        return bool(SENDS.search(text)) and (s.next_step != "concrete" or bool(SENDS.search(s.next_step_line or "")))
    if s.next_step == "concrete":
        return False
    return objection.category == "timing" and bool(LATER.search(text))


def asks_for_discount(objection: Objection | None) -> bool:
    """The buyer's objection is itself a demand for a price concession ('We need a bigger discount to sign')."""
    return objection is not None and "discount" in objection.title.lower()


def unasked_discount(s: RepSignals, objection: Objection | None) -> bool:
    """A concession the buyer did not ask for and the rep got nothing for (a deadline to sign is nothing): money off,
    or free work (`s.offer == "services"`, named so by the scorer and the feedback, never called a discount)."""
    return (s.discount or s.offer == "services") and not s.trade and not asks_for_discount(objection)


def _update(p: ObjectionProgress, s: RepSignals, difficulty: Difficulty, objection: Objection | None = None) -> bool:
    """Fold one rep turn into the objection's progress; True when the turn gives a discount unasked."""
    answered_before = p.proof
    p.turns += 1
    p.acknowledged |= s.acknowledgement != "none" and not s.argues
    answers_now = bool(s.proof_ids) or s.evidence
    asks_first = s.check != "none" and not answered_before and not answers_now  # nothing answered yet: it clarifies
    p.clarified |= s.clarify_open > 0 or asks_first or (difficulty == "easy" and s.clarify_closed > 0)
    p.proof |= answers_now
    p.relevant_proof |= bool(s.relevant_proof_ids) or ((bool(s.proof_ids) or s.evidence) and s.verification)
    answered = answered_before or bool(s.proof_ids) or s.evidence
    good_check = s.check == "specific" or (s.check == "generic" and difficulty != "tough")
    p.checked |= answered and good_check
    # an answer with proof that ends by asking the buyer about it is a check, to all but a tough buyer
    p.checked |= difficulty != "tough" and (bool(s.proof_ids) or s.evidence) and s.open_questions > 0
    p.next_step |= s.next_step in ("concrete", "dated")
    instant = unasked_discount(s, objection)
    p.instant_discount |= instant
    return instant


def claims(text: str) -> bool:
    """A statement in the turn asserts a benefit (time or money saved, payback, a number improved)."""
    return any(CLAIM.search(x) for x in re.split(r"(?<=[.!?])\s+", text) if not x.rstrip().endswith("?"))


def _move(kind: MoveKind, state: BuyerState, scenario: Scenario, reason: str, **extra: object) -> BuyerMove:
    live = scenario.objections[state.current] if state.current < len(scenario.objections) else None
    if kind == "raise_objection" and live is not None and state.progress[state.current].answered_early:
        reason += "; the rep spoke to it before it came up"  # the buyer raises it as something already touched on
    return BuyerMove(kind=kind, objection_id=live, reason=reason, **extra)  # type: ignore[arg-type]


AGREED = frozenset({"agree_next_step", "amend_next_step"})


def _end(state: BuyerState, kind: MoveKind, scenario: Scenario, reason: str, **extra: object) -> BuyerMove:
    state.ended = True
    state.outcome = "next_step_agreed" if kind in AGREED else "stalled" if kind == "stall" else "lost"
    move = _move(kind, state, scenario, reason, **extra)
    move.outcome = state.outcome
    return move


HEDGED = re.compile(
    r"\b(some ?time|at some (point|stage)|some (day|point)|whenever|in the (next|coming) (few|couple( of)?) \w+|"
    r"one of these (days|weeks))\b",
    re.IGNORECASE,
)
"""A date left open ('sometime next month', 'at some point next week'): the buyer pins it down."""


def _agree(state: BuyerState, s: RepSignals, scenario: Scenario, reason: str) -> BuyerMove:
    """Accept the step, repeating its specifics; an undated or loosely dated step is accepted with a date the buyer
    sets."""
    spec = step_specifics(s.next_step_line)
    if s.next_step == "dated" and spec.get("day") and not HEDGED.search(s.next_step_line or ""):
        return _end(state, "agree_next_step", scenario, reason, specifics=spec)
    return _end(state, "amend_next_step", scenario, reason + "; the buyer puts a date on it", specifics=spec)


def _closing(
    state: BuyerState, s: RepSignals, scenario: Scenario, kb: KnowledgeBase, turn: int, text: str
) -> BuyerMove:
    """Every objection is handled: a concrete step closes it, otherwise the buyer asks once, then stalls."""
    if s.next_step in ("concrete", "dated"):
        return _agree(state, s, scenario, "proposed a concrete next step")
    if s.argues:
        state.pressure += 1
        return _move("press_harder", state, scenario, "argued after the concerns were answered")
    if s.offer == "discount":
        offered = _offer(state, s, scenario, None, turn, text)
        if offered is not None:
            return offered
    if s.open_questions or (s.closed_questions and s.check == "none"):
        answered = _answer(state, s, scenario, kb, None, text, earned=True)
        if answered is not None and answered.kind == "share_information":
            return answered
    state.closing_asks += 1
    if state.closing_asks >= 2:
        return _end(state, "stall", scenario, "no concrete next step after being asked")
    return _move("ask_next_step", state, scenario, "objections handled; waiting for a next step")


def _offer(
    state: BuyerState,
    s: RepSignals,
    scenario: Scenario,
    p: ObjectionProgress | None,
    turn: int,
    text: str,
    about_price: bool = True,
    concern: Objection | None = None,
    kb: KnowledgeBase | None = None,
) -> BuyerMove | None:
    """A concession on the table: taken, bargained over once, or distrusted; recorded either way."""
    live = p.objection_id if p else None
    about = (concern.title, concern.category) if concern else None
    how, asked = reaction(scenario, s.offer, live, s.trade or conditional(text), about_price, concern=about)
    ahead = _ahead(state, scenario, s) if not asked else None
    if ahead is not None:
        ahead.handled = ahead.conceded = (
            True  # the concession answers a concern the buyer had not raised yet: it never comes up
        )
        how, asked = "take", True
        sentence = offer_sentence(text, s.offer)
        state.concessions.append(Concession(kind=s.offer, turn=turn, text=sentence, asked=True, reaction="take"))  # type: ignore[arg-type]
        spec = offer_specifics(sentence, s.offer)
        reason = f"a {s.offer} offer that settles a concern still to come ({ahead.objection_id}): taken"
        return _move("take_offer", state, scenario, reason + "; the live concern stands", specifics=spec)
    misfit = s.offer == "term" or (s.offer == "deferred" and (about is None or about[1] not in WHEN_MONEY))
    if misfit and not asked and live is not None:
        spec = offer_specifics(offer_sentence(text, s.offer), s.offer)
        reason = "a term offer that does not answer this concern (not asked for)"
        return _move("restate", state, scenario, reason, specifics=spec)  # no give-away, no pressure
    if s.offer not in ("discount", "deferred", "services") and not asked:
        return None  # a pilot nobody asked for is read as a proposal, not a give-away
    sentence = offer_sentence(text, s.offer)
    spec = offer_specifics(sentence, s.offer)
    if how == "counter" and live is not None and live in state.countered:
        how = "take"  # bargained once already: the buyer takes the improved offer
    state.concessions.append(
        Concession(kind=s.offer, turn=turn, text=sentence, asked=asked, reaction=how)  # type: ignore[arg-type]
    )
    why = "asked for" if asked else "had not asked for"
    if how == "take":
        if asked and p is not None:
            p.handled = True
            p.conceded = not conditional(sentence)  # a trade handles the demand; a plain give-away only buys it off
            if s.offer == "deferred" and kb is not None:
                _paid_later(state, kb)
            _next_live(state)
            if kb is not None:
                _planned_ahead(state, s, kb)
            if state.current >= len(scenario.objections):
                if s.next_step in ("concrete", "dated"):  # the offer settled the last concern and a step came with it
                    return _agree(
                        state,
                        s,
                        scenario,
                        f"a {s.offer} offer the buyer {why} settled the last concern; a concrete next step came with it",
                    )
                state.closing_asks = 1
        return _move("take_offer", state, scenario, f"a {s.offer} offer the buyer {why}: taken", specifics=spec)
    if how == "counter":
        if live is not None:
            state.countered.append(live)
        return _move("counter_offer", state, scenario, f"a {s.offer} offer the buyer {why}: wants more", specifics=spec)
    state.pressure += 2 if scenario.difficulty == "tough" else 1
    return _move("distrust_offer", state, scenario, f"a {s.offer} offer the buyer {why}: distrusted", specifics=spec)


def _pilot_as_step(scenario: Scenario, state: BuyerState, s: RepSignals, text: str) -> RepSignals:
    """A pilot nobody asked for is a proposal: a concrete next step when the turn names no other."""
    if s.offer != "pilot" or s.next_step in ("concrete", "dated"):
        return s
    live = scenario.objections[state.current] if state.current < len(scenario.objections) else None
    if any(r.offer == "pilot" and (r.objection is None or r.objection == live) for r in scenario.reactions):
        return s  # one the buyer asked for is met as an offer
    return s.model_copy(update={"next_step": "concrete", "next_step_line": offer_sentence(text, "pilot")})


def _ahead(state: BuyerState, scenario: Scenario, s: RepSignals) -> ObjectionProgress | None:
    """An objection still to come whose listed reaction takes this kind of offer."""
    for p in state.progress[state.current + 1 :]:
        if p.handled:
            continue
        for r in scenario.reactions:
            if r.offer == s.offer and r.objection == p.objection_id and r.reaction == "take":
                return p
    return None


def _settle_ahead(state: BuyerState, scenario: Scenario, s: RepSignals, turn: int, text: str) -> None:
    """A second concession in the same turn ('twelve months, and I'll keep the 10 percent') settles a concern still to
    come that the buyer takes it for: it is remembered, and that concern never comes up."""
    if s.offer == "none":
        return
    for kind in offers_in(text, s.discount):
        if kind == s.offer:
            continue
        ahead = _ahead(state, scenario, s.model_copy(update={"offer": kind}))
        if ahead is None:
            continue
        ahead.handled = True
        ahead.conceded = not conditional(text)
        sentence = offer_sentence(text, kind)
        state.concessions.append(Concession(kind=kind, turn=turn, text=sentence, asked=True, reaction="take"))  # type: ignore[arg-type]


EARLY_WORDS = 2
"""Content words an answer must share with a concern still to come (its words or its answer's, and more than with the
live one) to be about it."""


def answers_in_own_words(text: str, objection: Objection, live: Objection | None) -> bool:
    """A statement of the turn speaks to a concern still to come in the rep's own words: it shares two or more of that
    concern's words (its title and the buyer's phrasings) and more of them than of the live concern's."""
    later, now = answer_words(objection), answer_words(live)
    later, now = later - now, now - later  # words both concerns hold say nothing about which one is answered
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if sentence.rstrip().endswith("?"):
            continue
        # the parts of the sentence that leave the live concern aside ('A second analyst costs the same, and your
        # reps enter no data'): what is said there about the later concern counts
        parts = [set(terms(x)) for x in CLAUSE.split(sentence)]
        words = set().union(*(x for x in parts if not x & now)) if len(parts) > 1 else set(terms(sentence))
        if len(words & later) >= EARLY_WORDS and len(words & later) > len(words & now):
            return True
    return False


CLAUSE = re.compile(r"[;:]\s+|,\s+(?:and|but|so|while|plus)\s+|\s+(?:and|but) (?:on|for|as for) ", re.IGNORECASE)
"""Where a sentence turns to another point."""


def answer_words(objection: Objection | None) -> set[str]:
    """A concern's own words (title, the buyer's phrasings) and the words of the library's answer to it."""
    if objection is None:
        return set()
    answer = objection.handling_path[2:3]
    return objection_words_no_path(objection) | ((set(terms(" ".join(answer))) - GENERIC) - {"explain", "show"})


def _credit_ahead(state: BuyerState, s: RepSignals, kb: KnowledgeBase, text: str = "") -> None:
    """Evidence for a concern the buyer has not raised yet counts when it comes up: the rep answered it early, with
    the library's proof or, when the reader heard evidence, in a statement of their own about that concern."""
    live = (
        kb.objections.get(state.progress[state.current].objection_id) if state.current < len(state.progress) else None
    )
    for p in state.progress[state.current + 1 :]:
        objection = kb.objections.get(p.objection_id)
        if p.handled or objection is None:
            continue
        if {*objection.proof_points, objection.id + "#answer"} & set(s.proof_ids) or (
            (s.evidence or s.proof_ids) and answers_in_own_words(text, objection, live)
        ):
            p.proof = p.relevant_proof = p.answered_early = True


def _paid_later(state: BuyerState, kb: KnowledgeBase) -> None:
    """Paying later, taken, also settles a concern still to come about when the money is there ('call me next year'):
    it never comes up."""
    for p in state.progress[state.current + 1 :]:
        objection = kb.objections.get(p.objection_id)
        if not p.handled and objection is not None and settles_by_paying_later(objection.title, objection.category):
            p.handled = p.conceded = True


def _planned_ahead(state: BuyerState, s: RepSignals, kb: KnowledgeBase) -> None:
    """A concern settled by a concession in a turn that also gives a dated plan: the next concern, when a dated plan is
    its answer (who decides, when, 'send me something'), is answered by that plan and does not come up."""
    while (
        s.next_step == "dated"
        and state.current < len(state.progress)
        and answered_by_plan(kb.objections.get(state.progress[state.current].objection_id))
    ):
        state.progress[state.current].handled = True
        _next_live(state)


def _sent_ahead(state: BuyerState, s: RepSignals, kb: KnowledgeBase, text: str) -> None:
    """A concern settled with a dated step that sends material and books the meeting to go through it: the next
    concern, when it only asks to be sent something, is answered by that step and does not come up (agreeing to the
    meeting and then asking to be emailed instead would take the yes back)."""
    while (
        s.next_step == "dated"
        and SENDS.search(text)
        and state.current < len(state.progress)
        and asks_for_material(kb.objections.get(state.progress[state.current].objection_id))
    ):
        state.progress[state.current].handled = True
        _next_live(state)


def _next_live(state: BuyerState) -> None:
    """Move past the live objection and any later one already settled."""
    state.current += 1
    while state.current < len(state.progress) and state.progress[state.current].handled:
        state.current += 1


SHORT_QUESTION = 6
"""A question this short leans on what came just before it for its subject."""


def _question(s: RepSignals, text: str) -> str:
    """The rep's question: the one the reader picked out, else the turn's sentences that end in '?'."""
    line = s.question_line or s.check_line
    if line:
        # the whole sentence the reader's question sits in: 'Is it only the EU you need, or are there other
        # countries too?' asks about the EU need, not just about 'other countries'
        units = re.split(r"(?<=[.!?])\s+", text)
        at = next((i for i, x in enumerate(units) if line.strip() in x), None)
        if at is None:
            return line
        asked = [i for i, x in enumerate(units) if x.rstrip().endswith("?")]
        if at in asked and len(asked) > 1:
            # several questions in one turn: the buyer answers the one that says most clearly what it asks, and of
            # equals the last one asked, as people do ('Half the price of what, exactly? What did they quote you?')
            at = max(asked, key=lambda i: (max(cue_counts(units[i]).values(), default=0), i))
        lead = units[at - 1] if at else ""
        if lead and len(units[at].split()) <= SHORT_QUESTION and is_fragment(lead) and not AGREES.search(lead):
            return f"{units[at - 1]} {units[at]}"  # 'Budget for this. What's the number?': the fragment names it
        return units[at]
    questions = [x for x in re.split(r"(?<=[.!?])\s+", text) if x.rstrip().endswith("?")]
    return " ".join(questions) or text


MINUTES_SAID = re.compile(
    r"\b(\d{1,3}|five|ten|fifteen|twenty|twenty-five|thirty|forty|forty-five|sixty|ninety) minutes\b|\b(half an|an) hour\b",
    re.IGNORECASE,
)
"""The time a buyer's opening line gives the meeting ('I've got twenty-five minutes', 'Convince me in ten minutes')."""


def _about_concern_only(fact: str, topic: str, question: str, objection: Objection | None) -> bool:
    """The question asks about the live concern in its own words, names the fact's topic once at most, and the fact
    shares no word with the question or the concern: the fact answers something else."""
    asked = {w for w in terms(question) if len(w) > 2}
    concern = objection_words_no_path(objection)
    told = set(terms(fact))
    weak = cue_counts(question).get(topic, 0) <= 1
    return weak and bool(asked & concern) and not told & (asked | concern)


def _answer(
    state: BuyerState,
    s: RepSignals,
    scenario: Scenario,
    kb: KnowledgeBase,
    live: str | None,
    text: str,
    *,
    earned: bool,
) -> BuyerMove | None:
    """A question gets the fact that answers it; a guarded one waits until the rep has earned it; one the scenario
    holds nothing on gets an honest 'I'd have to check' (restated concern), never a fact about something else."""
    question = _question(s, text)
    if MEETING_TIME.search(question):
        # 'How long have you got today?': the time this meeting has, which no fact of the deal answers; a buyer who
        # opened with it ('I've got twenty-five minutes') says it again
        given = MINUTES_SAID.search(scenario.opening_line)
        if given is not None:
            reason = "asked how much time this meeting has; the minutes said at the start"
            return _move("restate", state, scenario, reason, specifics={"minutes": given.group(0)})
        return _move("restate", state, scenario, "asked how much time this meeting has")
    own = company_line(scenario)
    if own is not None and asks_company_size(scenario, question):
        # their own company's size, people and customers: a buyer knows it and says it (once)
        if own in state.facts_used:
            return _move("restate", state, scenario, "asked again about the company; nothing new", topic="company")
        state.facts_used.append(own)
        return _move("share_information", state, scenario, "asked about their company", fact=own, topic="company")
    if no_cost_number(scenario, kb, question):
        return _move("restate", state, scenario, "asked what the problem costs them; no number to give yet")
    condition = next((c.says for c in scenario.conditions if c.objection == live), None)
    # the concern's own name counts even where its word is common ('time' for the manager-time concern: 'What would
    # you need to see to be ok with the time it takes?' asks what would settle it)
    named = set(terms((live or "").removeprefix("obj-").replace("-", " ")))
    concern = objection_words_no_path(kb.objections.get(live or "")) | named
    asks = condition_ask(question) or (condition is not None and party_condition(question, condition))
    if condition is not None and asks and not fact_answers_condition(scenario, kb, question or "", concern):
        # 'What would you need to see to be comfortable with longer than a year?': what would settle the live
        # concern, which the scenario holds in the buyer's words; a fact about something else is no answer
        if condition in state.facts_used:
            return _move("restate", state, scenario, "asked again what would settle the concern; nothing new")
        state.facts_used.append(condition)
        return _move(
            "share_information",
            state,
            scenario,
            "asked what would settle the concern",
            fact=condition,
            topic="condition",
        )
    ahead = [c.says for c in scenario.conditions if c.objection in scenario.objections[state.current + 1 :]]
    theirs = next((says for says in ahead if party_condition(question, says)), None)
    if theirs is not None and not fact_answers_condition(scenario, kb, question or "", concern):
        # 'What would the works council need to see?' while residency is live: the person asked after is named in the
        # condition of a concern still to come; the buyer says what they would need, not a fact about something else
        if theirs in state.facts_used:
            return _move("restate", state, scenario, "asked again what would settle the concern; nothing new")
        state.facts_used.append(theirs)
        reason = "asked what someone on their side would need, for a concern still to come"
        return _move("share_information", state, scenario, reason, fact=theirs, topic="condition")
    if holds_no_fact(scenario, kb, question, objection_words_no_path(kb.objections.get(live or ""))):
        return _move("restate", state, scenario, "asked about something the buyer has no fact on")
    fact, topic = pick_fact(scenario, kb, question, live, state.facts_used, earned=earned)
    if fact is None:
        if topic is None:
            return None
        return _move("short_answer", state, scenario, f"asked about {topic} before earning it", topic=topic)
    if live is not None and _about_concern_only(fact.says, fact.topic, _question(s, text), kb.objections.get(live)):
        # 'what is it about a three-year term that worries you?': the concern has no fact of its own, and one from
        # another concern is no answer; the buyer puts the concern in other words
        return _move("restate", state, scenario, "asked about the concern itself; no fact of its own")
    if fact.says in state.facts_used:
        # told already: the buyer does not recite it again ('As I said, …') but turns back to the concern
        return _move("restate", state, scenario, "asked again; nothing new to reveal", topic=topic or fact.topic)
    state.facts_used.append(fact.says)
    return _move("share_information", state, scenario, "asked a question", fact=fact.says, topic=fact.topic)


def _on_objection(
    state: BuyerState, s: RepSignals, scenario: Scenario, kb: KnowledgeBase, turn: int, text: str
) -> BuyerMove:
    """The rep answered the live objection: press, meet an offer, refuse an early step, move on, answer or hold."""
    tough = scenario.difficulty == "tough"
    p = state.progress[state.current]
    _update(p, s, scenario.difficulty, kb.objections.get(p.objection_id))
    if s.argues:
        state.pressure += 2 if tough else 1
        return _move("press_harder", state, scenario, "argued with or dismissed the concern")
    if takes_brush_off(s, text, kb.objections.get(p.objection_id)):
        waits = not asks_for_material(kb.objections.get(p.objection_id))
        why = "the rep agreed to wait" if waits else "the rep agreed to send material"
        return _end(state, "stall", scenario, why + ": nothing asked, nothing offered")
    proposed = s
    s = _pilot_as_step(scenario, state, s, text)
    # an unasked trial, read as the step it proposes, whether or not the reader also heard a step in it
    trial = s is not proposed or (
        s.offer == "pilot"
        and not any(r.offer == "pilot" and r.objection in (None, p.objection_id) for r in scenario.reactions)
    )
    bargaining = p.objection_id in state.countered and any(
        c.kind == "discount" and c.reaction == "counter" for c in state.concessions
    )
    if s.offer == "none" and bargaining and raised_discount(text):
        s = s.model_copy(update={"offer": "discount", "discount": True})  # 'ok 10 then': a new amount off
    _settle_ahead(state, scenario, s, turn, text)
    _credit_ahead(state, s, kb, text)
    if s.offer != "none":
        live_objection = kb.objections.get(p.objection_id)
        about_price = live_objection is None or live_objection.category == "price"
        offered = _offer(state, s, scenario, p, turn, text, about_price, live_objection, kb)
        if offered is not None:
            return offered
    held = next((c for c in reversed(state.concessions) if c.reaction == "counter"), None)
    # a plain question about their situation while the buyer's counter stands ('What's legal's deadline?'): answered
    # first, the offer waits; a question about what would satisfy them ('What would procurement need to see?') is
    # still the bargaining
    only_asks = (
        s.open_questions > 0
        and s.next_step not in ("concrete", "dated")
        and not (s.proof_ids or s.evidence)
        and question_topic(_question(s, text)) in SITUATION
    )
    if held is not None and p.objection_id in state.countered and held.asked and not s.feature_dump and not only_asks:
        # the buyer bargained once; the rep held firm without giving more: the buyer takes the offer as it stood
        state.countered.remove(p.objection_id)
        held.reaction = "take"
        p.handled = True
        p.conceded = not conditional(held.text)
        if held.kind == "deferred":
            _paid_later(state, kb)
        _next_live(state)
        _planned_ahead(state, s, kb)
        if state.current >= len(scenario.objections):
            if s.next_step in ("concrete", "dated"):  # held firm and proposed a step: the step is the answer
                return _agree(
                    state, s, scenario, f"held firm on the {held.kind} offer and proposed a concrete next step"
                )
            state.closing_asks = 1
        spec = offer_specifics(held.text, held.kind)
        return _move(
            "take_offer",
            state,
            scenario,
            f"held firm after the buyer asked for more: the {held.kind} offer the buyer asked for is taken",
            specifics=spec,
        )
    if s.feature_dump:
        state.pressure += 1
        return _move("push_back", state, scenario, "a feature list or monologue without a question")
    if s.off_topic:
        return _move("restate", state, scenario, "small talk; the concern is still open")
    if (
        s.next_step in ("concrete", "dated")
        and p.relevant_proof
        and (p.acknowledged or s.next_step == "dated" or p.answered_early)
    ):
        p.checked = True  # evidence given, and a step that tests it: the step is the check
        p.turns = max(p.turns, 2)
        p.handled |= s.next_step == "dated"  # a dated plan to verify the evidence answers even a tough buyer
        # answered before the buyer raised it, then a step that tests that answer: heard, and settled, unless tough
        p.handled |= p.answered_early and not tough
    stepped = s.next_step in ("concrete", "dated")
    if (
        s.next_step == "dated"
        and answered_by_plan(kb.objections.get(p.objection_id))
        and p.clarified
        and (p.acknowledged or not tough)
        and (not tough or p.turns >= 2)
    ):
        p.handled = (
            True  # asked, and a dated plan on what they said: the answer to 'who', 'when' or 'send me something'
        )
    asked_before = p.clarified or bool(state.facts_used)  # the buyer told something: the rep asked
    if (
        s.next_step == "dated"
        and asked_before
        and (p.acknowledged or not tough)
        and (not tough or p.turns >= 2)
        and meets_stated_need(s.next_step_line or text, state.facts_used, kb.objections.get(p.objection_id))
    ):
        p.handled = True  # asked what it needs, then a dated step that builds exactly that: the buyer's own condition
    if stepped and not tough and builds_condition(s.next_step_line or text, scenario, state, p.objection_id, kb):
        p.handled = True  # the buyer said what would settle the concern, and the step builds exactly that
    if stepped and asks_for_material(kb.objections.get(p.objection_id)) and SENDS.search(text) and not tough:
        p.handled = True  # 'send me something': the material sent and a meeting booked to go through it is the answer
    if stepped and scenario.difficulty == "easy" and (p.acknowledged or p.clarified):
        p.handled = True  # an easy buyer takes a concrete step once the concern was heard
    asks_only = s.clarify_open > 0 and not (s.proof_ids or s.evidence) and not stepped and s.offer == "none"
    if asks_only and not p.handled and handled(p, scenario.difficulty):
        # the concern is answered, but this turn only asks: the buyer answers the question before moving on
        answered = _answer(state, s, scenario, kb, p.objection_id, text, earned=p.acknowledged and state.pressure < 2)
        if answered is not None and answered.kind == "share_information":
            return answered
    if p.handled or handled(p, scenario.difficulty):
        p.handled = True
        _next_live(state)
        if stepped and not tough:
            _sent_ahead(state, s, kb, text)
        if state.current < len(scenario.objections):
            if stepped:
                spec = step_specifics(s.next_step_line)
                reason = "concern handled; the buyer notes the step, then raises the next concern"
                return _move("raise_objection", state, scenario, reason, specifics=spec)
            return _move("raise_objection", state, scenario, "concern handled; the buyer raises the next one")
        if s.next_step in ("concrete", "dated"):
            return _agree(state, s, scenario, "last concern handled with a concrete next step")
        state.closing_asks = 1
        return _move("ask_next_step", state, scenario, "objections handled; waiting for a next step")
    if trial:
        return _trial(state, s, scenario, p, kb, turn, text)
    if s.next_step in ("concrete", "dated"):
        spec = step_specifics(s.next_step_line)
        # the step ignores the concern the buyer raised a moment ago (not one the rep spoke to before it came up)
        fresh = state.current > 0 and p.turns == 1 and not p.answered_early
        reason = (
            "a next step before the concern just raised was answered"
            if fresh
            else "a next step before the concern was answered"
        )
        return _move("refuse_next_step", state, scenario, reason, specifics=spec)
    if s.next_step == "vague" and _only_proposes(s):
        # 'Can we get something in the diary?' asks for a slot, not about them: no fact for it, the concern first
        return _move("refuse_next_step", state, scenario, "a vague next step before the concern was answered")
    # a 'does that…' question before any answer asks to understand; after the rep's own answer it asks if it landed
    checks_own = s.check != "none" and s.answer_words >= BARE_WORDS
    asked_first = s.check != "none" and not p.proof and not checks_own
    asks = (
        (s.open_questions > 0 and not s.proof_ids)
        or (s.closed_questions > 0 and s.check == "none" and not s.proof_ids)
        or asked_first
    )
    if asks and s.checked_back and not (s.proof_ids or s.evidence):
        # 'So your week is already full and this can't add to it, is that right?': the buyer confirms the concern as
        # said back; a fact that shares a word with it answers no question asked
        return _move("restate", state, scenario, "the concern said back and checked: confirmed")
    if asks:
        earned = p.acknowledged and state.pressure < 2
        answered = _answer(state, s, scenario, kb, p.objection_id, text, earned=earned)
        if answered is not None:
            return answered
        if s.open_questions > 0:
            return _move("restate", state, scenario, "asked again; nothing new to reveal")
    if checks_own and not p.proof:
        return _move("hesitate", state, scenario, "an answer without evidence, and a check that it landed")
    if p.proof and not p.relevant_proof:
        if SENDS.search(text) and not s.proof_ids:  # 'I'll put a business-case template together': paper to come
            return _move("ask_for_proof", state, scenario, "material promised, not yet shown to hold here")
        if (s.evidence or s.proof_ids) and OWN_DATA.search(s.proof_line or text):
            # 'If we ran a back-test on last year's pipeline …': a test on their own data, proposed, not run yet
            return _move("ask_for_proof", state, scenario, "a test on their own data proposed, not yet run")
        if s.evidence or s.proof_ids:  # a result from another company, a number: evidence, just not shown to hold here
            return _move("ask_for_proof", state, scenario, "a result from elsewhere, not shown to hold here")
        return _move("ask_for_proof", state, scenario, "an answer that does not speak to this concern")
    if p.proof and (s.proof_ids or s.evidence):  # documents, a test, a result: not 'a claim', just not enough yet
        return _move("hesitate", state, scenario, "evidence shown, but it has not landed yet (or too soon)")
    if p.proof:
        return _move("hesitate", state, scenario, "answered but has not checked it landed (or too soon)")
    if s.acknowledgement != "none":
        return _move("ask_for_proof", state, scenario, "acknowledged but gave no evidence")
    if p.acknowledged:
        return _move("ask_for_proof", state, scenario, "heard earlier; still no evidence")
    if s.closed_questions:
        return _move("short_answer", state, scenario, "a closed question gets a short answer")
    if "value" in s.moves or claims(text):
        return _move("ask_for_proof", state, scenario, "a benefit claimed without evidence")
    return _move("restate", state, scenario, "did not address the concern")


def _only_proposes(s: RepSignals) -> bool:
    """The turn's one question is the step it proposes: nothing asked about the buyer, nothing answered or offered."""
    line = (s.next_step_line or "").rstrip()
    return (
        line.endswith("?")
        and s.open_questions + s.closed_questions == 1
        and s.clarify_open + s.clarify_closed == 0
        and s.check == "none"
        and not (s.proof_ids or s.evidence)
        and s.offer == "none"
        and s.acknowledgement == "none"
    )


def decide(
    scenario: Scenario,
    state: BuyerState,
    s: RepSignals,
    kb: KnowledgeBase,
    *,
    turn: int = -1,
    text: str = "",
) -> tuple[BuyerMove, BuyerState]:
    """The buyer's next move and new state after one rep turn (the old state is left untouched).

    `turn` and `text` are the rep turn's index and words, kept with any concession it makes.
    """
    state = state.model_copy(deep=True)
    if state.ended:
        raise ValueError("the conversation has ended")
    state.rep_turns += 1
    if s.offer in ("pilot", "term") and any(c.kind == s.offer and c.reaction == "take" for c in state.concessions):
        s = s.model_copy(update={"offer": "none"})  # 'before the pilot starts': the one already agreed, not a new offer
    if asks_not_tells(s):
        s = s.model_copy(update={"evidence": False})
    if s.empty:
        move = _move("clarify_request", state, scenario, "an empty turn")
    elif s.non_english:
        move = _move("clarify_request", state, scenario, "a turn not in English")
    elif s.injection:
        state.pressure += 1 if scenario.difficulty == "tough" else 0
        move = _move("stay_in_role", state, scenario, "asked the buyer to leave their role")
    elif state.current >= len(scenario.objections):
        move = _closing(state, _pilot_as_step(scenario, state, s, text), scenario, kb, turn, text)
    else:
        move = _on_objection(state, s, scenario, kb, turn, text)
    if not state.ended and state.pressure >= PRESSURE_LIMIT[scenario.difficulty]:
        move = _end(state, "end_lost", scenario, f"pressure reached {state.pressure}: the buyer walks away")
    elif not state.ended and state.rep_turns >= max_rep_turns(scenario):
        progressed = any(p.handled and not p.conceded for p in state.progress)
        kind: MoveKind = "stall" if progressed or state.pressure < 2 else "end_lost"
        move = _end(state, kind, scenario, f"no agreement after {state.rep_turns} turns")
    return move, state


def asks_not_tells(s: RepSignals) -> bool:
    """The 'evidence' heard is the rep's own question about the buyer's situation ('What went wrong with the vendor
    that said EU hosting?'): it asks what happened to them, it proves nothing."""
    line = s.proof_line or ""
    return (
        s.evidence
        and not s.proof_ids
        and line == s.question_line
        and line.rstrip().endswith("?")
        and question_topic(line) in SITUATION
    )


def final_outcome(state: BuyerState) -> BuyerState:
    """The state when the rep stops before the buyer ended it (quit, end of the rep's lines)."""
    if state.ended:
        return state
    state = state.model_copy(deep=True)
    state.ended = True
    handled_all = state.current >= len(state.progress)
    worked = any(p.handled and not p.conceded for p in state.progress)
    state.outcome = "stalled" if handled_all or state.pressure < 2 or worked else "lost"
    return state
