"""Without the model, `copilot ask` composes its answer from the knowledge base's structure, routes the question to
the kind of item that answers it, cites what it uses, and says plainly what the knowledge base does not hold."""

from __future__ import annotations

import re

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.ask import ask
from copilot.retrieval.compose import compose
from copilot.retrieval.gaps import (
    figure_not_held,
    missing,
    near_named,
    not_held,
    not_named,
    number_not_held,
    pointer,
    unknown_names,
    unknown_topic,
)
from copilot.retrieval.route import intents, named_interactions, names_a_buyer, wanted_kinds
from copilot.retrieval.search import Result
from copilot.settings import load_settings


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(load_settings())


def _hit(item_id: str, score: float, text: str = "", *, routed: bool = False) -> Result:
    meta: dict[str, object] = {"_cosine": score, **({"routed": "messaging"} if routed else {})}
    return Result(item_id, f"{item_id}#0", item_id, "x", score, text, "src", meta)


def test_an_objection_comes_whole_with_its_path_and_proof(kb: KnowledgeBase) -> None:
    text, cited = compose(
        "How should a rep answer a buyer who wants a pilot first?", [_hit("obj-pilot-first", 0.7)], kb
    )
    pilot = kb.objections["obj-pilot-first"]
    assert cited[0] == "obj-pilot-first" and set(pilot.proof_points) <= set(cited)
    assert all(step in text for step in pilot.handling_path) and pilot.answer in text


def test_an_objections_value_propositions_come_with_their_proof_points(kb: KnowledgeBase) -> None:
    text, _ = compose("The CFO says we cost too much", [_hit("obj-too-expensive", 0.7)], kb)
    vps = [
        kb.value_propositions[p] for p in kb.objections["obj-too-expensive"].proof_points if p in kb.value_propositions
    ]
    assert vps and all(point in text for v in vps for point in v.proof_points)


def test_a_question_naming_something_the_knowledge_base_never_mentions_is_answered_as_not_held() -> None:
    vocabulary = frozenset({"cfo", "crm", "integration", "excellent", "good"})
    assert unknown_names("Do we have an out-of-the-box HubSpot integration?", vocabulary) == ["HubSpot"]
    assert unknown_names("Is SSO with Okta or Azure supported?", vocabulary) == ["SSO", "Okta", "Azure"]
    # words it uses, a capital opening a sentence or a quotation, and the asker are not names it lacks
    assert unknown_names("What does Excellent look like? Our CFO asked", vocabulary) == []
    assert unknown_names('The buyer said "Nothing changes this year". I\'m stuck', vocabulary) == []
    # a person on the team is not a fact the knowledge base lacks: the method still answers
    assert unknown_names("What should I ask Marcus in our next 1:1?", vocabulary) == []
    assert unknown_names("Should I coach Dana on agendas first?", vocabulary) == []
    crm = Result("obj-crm", "obj-crm#0", "Our CRM is customised", "objection", 0.5, "", "src")
    company = Result("company", "company#0", "Lanternline integration", "company", 0.6, "", "src")
    near = near_named("Does the HubSpot integration sync our CRM stages?", ["HubSpot"], [company, crm])
    assert near is crm  # the company's overview is never the nearest item to a missing fact
    text = not_named(["HubSpot"], near)
    assert text.startswith("The knowledge base does not hold anything on HubSpot") and "[obj-crm]" in text


def test_a_seller_asking_what_they_may_concede_asks_for_a_policy() -> None:
    for question in ("What discount can I give to close this quarter?", "How far can we drop the price for 3 years?"):
        gap = missing(question, [])
        assert gap is not None and gap.name == "a discount policy or approval limits", question
    assert missing("Which drill teaches reps to trade instead of giving a discount?", []) is None


def test_a_criterion_names_its_activities_and_questions(kb: KnowledgeBase) -> None:
    text, cited = compose(
        "My rep keeps discounting in the first call, what should I assign?",
        [_hit("negotiation.trades", 0.6), _hit("discovery-call.listening", 0.4)],
        kb,
    )
    assert "act-drill-if-then-trades" in cited and "If-then trade drill" in text
    assert "discovery-call.listening" not in cited  # ranks well below the first: left out


def test_it_says_plainly_what_the_knowledge_base_does_not_hold() -> None:
    anchor = _hit("negotiation.value-anchor", 0.5, "Restate the business case before price")
    gap = missing("What is our list price for 40 reps?", [anchor])
    assert gap is not None and not_held(gap).startswith("The knowledge base does not hold a price list")
    assert missing("What is our list price?", [_hit("x", 0.5, "$120 per seat per month")]) is None  # it holds one
    assert missing("How should a rep answer a buyer who says it costs too much?", [anchor]) is None


def test_a_question_about_the_discount_policy_is_answered_as_not_held() -> None:
    for question in ("What's our discount policy for multi-year deals?", "What is the maximum discount I can give?"):
        gap = missing(question, [])
        assert gap is not None and gap.name == "a discount policy or approval limits", question
    assert missing("How should a rep answer a buyer who asks for a bigger discount?", []) is None
    rubric = _hit("negotiation.trades", 0.5, "Knows the discount limit but has not planned what to ask for in return.")
    assert missing("What's our discount policy?", [rubric]) is not None  # names the limit, does not hold it
    assert missing("What's our discount policy?", [_hit("x", 0.5, "Discount limits: reps up to 10% ...")]) is None


def test_asking_what_reps_may_offer_or_promise_is_a_policy_the_knowledge_base_does_not_hold() -> None:
    for question in (
        "What's our policy on giving customers a free month if they sign before quarter end?",
        "Are reps allowed to promise a custom feature to win a deal?",
        "Can I offer an extra month free to close this quarter?",
    ):
        gap = missing(question, [])
        assert gap is not None and gap.name.startswith("a policy on what reps may offer"), question
        coaching = Result(
            "deal-review.coaching-questions", "c", "Coaches so the rep builds the plan", "x", 0.5, "", "s"
        )
        assert pointer(gap, question, [coaching]) is None  # shares "rep" with the question: who asks, not what about
    for question in ("Can I offer a back-test to a sceptical CFO?", "What can I give him to practise?"):
        assert missing(question, []) is None, question
    policy = _hit("x", 0.5, "Reps may offer one free month on annual plans.")
    assert missing("Can I offer a free month?", [policy]) is None  # a knowledge base that holds one answers


def test_payment_terms_renewal_pricing_and_deal_approval_on_our_side_are_answered_as_not_held() -> None:
    for question, name in [
        ("Can we give them net-120 payment terms?", "payment terms"),
        ("Can finance invoice them quarterly rather than annually upfront?", "payment terms"),
        ("What's the cap on price increases at renewal?", "renewal pricing"),
        ("how much can we bump the price at renewal", "renewal pricing"),
        ("Who signs off a deal over 100k on our side?", "a deal approval process"),
        ("Does a deal over 500k need sign-off from the VP?", "a deal approval process"),
    ]:
        gap = missing(question, [])
        assert gap is not None and gap.name.startswith(name), question
    # the buyer's approvers are discovery the methodology covers
    for question in (
        "Their CFO has to approve anything over 50k. How do I find out what she'll need?",
        "How do I find out who signs off on the purchase at the buyer?",
    ):
        assert missing(question, []) is None, question
    assert missing("Can we do net-60?", [_hit("x", 0.5, "Standard payment terms are net 30 days.")]) is None


def test_a_not_held_answer_points_only_at_an_item_about_what_was_asked() -> None:
    question = "How much discount can I approve without going to my VP?"
    gap = missing(question, [])
    assert gap is not None and gap.name == "a discount policy or approval limits"
    related = Result("obj-discount-demand", "c", "We need a bigger discount to sign", "objection", 1.0, "", "s")
    unrelated = Result("deal-review", "c", "Deal review", "interaction", 1.2, "", "s")
    assert pointer(gap, question, [unrelated, related]) is related
    assert pointer(gap, question, [unrelated]) is None
    assert "[obj-discount-demand]" in not_held(gap, related) and len(not_held(gap, related)) < 400


def test_questions_about_a_managers_own_meeting_are_not_headed_as_questions_to_ask_the_rep(kb: KnowledgeBase) -> None:
    manager, _ = compose("How do I open a one-on-one?", [_hit("one-on-one.reconciles", 0.7)], kb)
    rep, _ = compose("How should a rep open a discovery call?", [_hit("discovery-call.agenda", 0.7)], kb)
    assert "Questions to ask the rep" not in manager and "Questions for the manager" in manager
    assert "Questions to ask the rep" in rep and "What the rep does" not in manager


def test_a_criterion_shows_every_activity_the_catalog_lists_for_it_and_cites_exactly_those(kb: KnowledgeBase) -> None:
    listed = {a.id for a in kb.activities_for("discovery-call.agenda")}
    assert len(listed) > 5  # more than the five an answer used to cut the list to
    text, cited = compose("What builds a good opening?", [_hit("discovery-call.agenda", 0.7)], kb)
    in_text = set(re.findall(r"\[(act-[\w-]+)\]", text))
    assert in_text == listed == {a for a in cited if a.startswith("act-")}


def test_a_criterion_answer_shows_the_level_the_question_names(kb: KnowledgeBase) -> None:
    levels = kb.criteria["objection-handling.checks"].levels
    text, _ = compose("What does Excellent look like here?", [_hit("objection-handling.checks", 0.7)], kb)
    assert f"Excellent looks like: {levels.excellent}" in text and "Good looks like" not in text
    text, _ = compose("How do I check an answer landed?", [_hit("objection-handling.checks", 0.7)], kb)
    assert f"Good looks like: {levels.good}" in text


def test_a_value_proposition_comes_with_its_persona_and_proof(kb: KnowledgeBase) -> None:
    text, cited = compose("Why should a CFO care?", [_hit("vp-cfo-trusted-number", 0.6, routed=True)], kb)
    vp = kb.value_propositions["vp-cfo-trusted-number"]
    assert cited == ["vp-cfo-trusted-number"] and "Chief Financial Officer" in text
    assert all(p in text for p in vp.proof_points)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Procurement wants another 15% off before they'll sign. What do I say?", "objection"),
        ("Their security team says reading our reps' email is a non-starter", "objection"),
        ("What proof point can I use with a head of RevOps?", "messaging"),
        ("Which drill should I assign for discounting?", "activity"),
        ("I want to rehearse against a tough CFO before Thursday", "scenario"),
        ("Can I run a mock call with a security lead?", "scenario"),
        ("Is there a scenario where the buyer wants a free pilot?", "scenario"),
        ("I want to try a tough CFO conversation before Thursday", "scenario"),
        ("What roleplay should I assign a rep who caves on price?", "activity"),
    ],
)
def test_a_question_is_routed_to_the_kind_of_item_that_answers_it(question: str, kind: str) -> None:
    assert intents(question)[0] == kind


def test_a_messaging_question_naming_a_kind_is_answered_by_that_kind_for_the_persona_it_names(
    kb: KnowledgeBase,
) -> None:
    from copilot.retrieval.route import _for_persona, messaging_kinds

    assert messaging_kinds("Which insight should I open with for a CRO?") == ["insight"]
    assert messaging_kinds("What proof point can I use?") == ["value_proposition", "differentiator", "insight"]
    expanded = _for_persona("Which insight should I open with for a CRO?", kb)
    assert kb.personas["persona-cro"].cares_about[0] in expanded


@pytest.mark.parametrize(
    "question",
    [
        "A new hire can't describe what a strong first call with a prospect looks like",  # a rep, not the buyer
        "How should I kick off my weekly one-to-one with a rep?",
        "What are the steps we teach for handling an objection?",
        # 'they want' is the rep, in a meeting no buyer attends (found asking as a manager)
        "What should I ask my rep in a forecast review when they want to put a deal in commit?",
    ],
)
def test_a_coaching_question_is_not_routed_to_an_objection(question: str) -> None:
    assert "objection" not in intents(question)


def test_a_buyer_party_in_a_meeting_question_is_still_an_objection() -> None:
    assert "objection" in intents(
        "In our deal review my rep said the CFO says it costs too much. How should we respond?"
    )


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("How do I coach a rep who talks too much on discovery calls?", ["discovery-call"]),
        ("What should I cover in my 1-on-1s this week?", ["one-on-one"]),
        (
            "How do I stop my pipeline meeting from turning into one deal review after another?",
            ["deal-review", "pipeline-review"],
        ),
        ("What does good look like?", []),
    ],
)
def test_the_interaction_a_question_names_is_found_however_it_is_spelt(
    kb: KnowledgeBase, question: str, named: list[str]
) -> None:
    assert sorted(named_interactions(question, kb)) == named


class _FarRetriever:
    """Search that finds nothing close to anything (the answers below must not depend on it)."""

    def search(self, query: str, *, k: int = 5, **_: object) -> list[Result]:
        return [Result("ins-stage-lag", "c", "Stage lag", "insight", 0.2, "stages lag", "s", {"_cosine": 0.2})]

    def spellings(self) -> frozenset[str]:
        return frozenset()

    def term_items(self) -> dict[str, int]:
        return {}


def test_a_question_about_what_the_knowledge_base_lacks_is_answered_from_its_coverage(kb: KnowledgeBase) -> None:
    pilot = kb.objections["obj-pilot-first"].model_copy(update={"proof_points": []})
    thin = kb.model_copy(update={"objections": {**kb.objections, "obj-pilot-first": pilot}})
    result = ask("Which objections have no proof points?", _FarRetriever(), None, kb=thin)  # type: ignore[arg-type]
    assert "Objection [obj-pilot-first] has no proof points" in result.answer and result.citations == [
        "obj-pilot-first"
    ]
    whole = ask("Which objections have no proof points?", _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert whole.answer.startswith("The knowledge base has no coverage gaps") and "Stage lag" not in whole.answer


def test_asking_which_objections_a_buyer_raises_lists_those_phrased_for_that_persona(kb: KnowledgeBase) -> None:
    result = ask("What objections should I expect from a CFO?", _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    phrased = [oid for oid, o in kb.objections.items() if o.phrasings.get("persona-cfo")]
    assert result.citations == ["persona-cfo", *phrased]
    assert all(kb.objections[oid].phrasings["persona-cfo"][0] in result.answer for oid in phrased)
    assert set(result.citations) <= {r.item_id for r in result.retrieved}


def test_a_buyers_pushback_asked_in_everyday_words_lists_the_objections_of_the_persona_named(kb: KnowledgeBase) -> None:
    for question, pid in [
        ("What pushback do RevOps buyers usually give?", "persona-revops"),
        ("What will the security team push back on?", "persona-it-security"),
        ("What does a Chief Financial Officer typically object to?", "persona-cfo"),
    ]:
        result = ask(question, _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
        phrased = [oid for oid, o in kb.objections.items() if o.phrasings.get(pid)]
        assert result.citations == [pid, *phrased], question
        assert kb.personas[pid].typical_concerns[0] in result.answer
    # the buyer's reported words are one objection's question, not the persona's list
    reported = ask("What should I say when the CFO raises concerns about price?", _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert not reported.answer.startswith("**Objections the knowledge base phrases")


def test_a_question_about_a_guide_as_a_whole_is_answered_with_every_section(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import _whole

    guide = kb.guides["guide-diagnosing-root-cause"]
    ranked = [_hit(guide.sections[1].id, 0.6), _hit("act-lesson-discovery-map", 0.55), _hit(guide.sections[3].id, 0.5)]
    whole = _whole("What are the root causes of a gap, and the remedy for each?", ranked, kb)
    assert whole is not None and whole.item_id == guide.id
    text, cited = compose("What are the root causes of a gap, and the remedy for each?", [whole, *ranked], kb)
    assert cited == [guide.id, *[s.id for s in guide.sections]]
    assert all(" ".join(s.text.split()) in text for s in guide.sections)
    # one section answers a question about one part, and one result of a guide is not the guide as a whole
    assert _whole("How do I diagnose a confidence gap?", ranked, kb) is None
    assert _whole("What are the steps, for each?", [_hit(guide.sections[1].id, 0.6)], kb) is None


def test_a_question_about_a_meeting_as_a_whole_lists_every_criterion_in_order(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import _whole

    ranked = [_hit("pipeline-review", 0.8), _hit("pipeline-review.scope", 0.7)]
    whole = _whole("What are the steps of a pipeline review?", ranked, kb)
    assert whole is not None
    text, cited = compose("What are the steps of a pipeline review?", [whole], kb)
    criteria = [c.id for c in kb.criteria_of("pipeline-review")]
    assert cited[: len(criteria) + 1] == ["pipeline-review", *criteria] and "act-lesson-pipeline-review" in cited
    assert all(kb.criteria[c].levels.good in text for c in criteria)
    # what a meeting should look like is the meeting as a whole; what a level looks like is one criterion's question
    assert _whole("What should my first pipeline review look like?", ranked, kb) is not None
    assert _whole("What does Excellent look like in a pipeline review?", ranked, kb) is None


def test_an_assignment_answer_shows_the_level_the_question_names(kb: KnowledgeBase) -> None:
    meta = {"_cosine": 0.6, "routed": "assign", "root_cause": "skill"}
    hit = Result("negotiation.mutual-plan", "x", "x", "criterion", 0.6, "", "src", meta)
    text, _ = compose("What does Excellent look like for a close plan, and what should she practise?", [hit], kb)
    assert kb.criteria["negotiation.mutual-plan"].levels.excellent in text
    plain, _ = compose("My rep's close dates are guesses. What should she practise?", [hit], kb)
    assert kb.criteria["negotiation.mutual-plan"].levels.excellent not in plain


def test_proof_for_an_objection_it_names_is_routed_to_the_objection_first() -> None:
    assert wanted_kinds("Proof points for the data residency objection?") == ["objection", "messaging"]
    assert wanted_kinds("Which proof should I use against the shelfware concern?")[0] == "objection"
    assert wanted_kinds("What proof point can I use with a head of RevOps?") == ["messaging"]
    assert "objection" not in wanted_kinds("What are the steps we teach for handling an objection?")


def test_a_topic_in_plain_words_the_knowledge_base_never_uses_is_named_as_not_held() -> None:
    vocabulary = frozenset(
        ["product", "work", "contract", "data", "rep", "assign", "discount", "first", "call", "keep"]
    )
    assert unknown_topic("Do we have a mobile app?", vocabulary) == "mobile app"
    assert unknown_topic("What is our supplier code of conduct?", vocabulary) == "supplier code of conduct"
    # one unknown word is a synonym or a spelling, not a topic the base never speaks of
    assert unknown_topic("Does the product work offline?", vocabulary) is None
    assert unknown_topic("My rep keeps discounting on his first call, what should I assign him?", vocabulary) is None
    # a method asked for, or coaching a person, is answered in the base's own words
    assert unknown_topic("How can my reps multithread their enterprise deals?", vocabulary) is None


def test_whether_the_product_has_something_for_reps_is_not_a_question_about_coaching_a_rep() -> None:
    vocabulary = frozenset(["rep", "check", "forecast", "coach", "open", "call"])
    assert unknown_topic("Is there a mobile app so reps can check the forecast on the road?", vocabulary) is not None
    assert unknown_topic("Do we have a partner portal our reps can log into?", vocabulary) is not None
    # coaching a rep in words the base does not use is still answered in the base's own words
    assert unknown_topic("My rep rambles through fiddly spreadsheets, what should I coach?", vocabulary) is None


def test_a_cost_for_a_number_of_seats_is_a_price_the_knowledge_base_does_not_hold() -> None:
    for question in ("Roughly what would 150 licences cost for a year?", "What's the cost of 40 seats on two years?"):
        gap = missing(question, [])
        assert gap is not None and gap.name == "a price list", question
    assert missing("What does a bad forecast cost a team of 40 reps?", []) is None  # no seats priced
    assert missing("Roughly what would 150 licences cost?", [_hit("x", 0.5, "$120 per seat per month")]) is None


def test_a_colleague_being_rude_is_an_hr_matter_not_a_buyers_objection(kb: KnowledgeBase) -> None:
    question = "One of my reps was rude to a colleague in the team chat. How do I handle that?"
    assert not names_a_buyer(question)
    result = ask(question, _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert result.answer.startswith("The knowledge base does not hold HR matters") and "ask HR" in result.answer
    assert result.citations == []
    # a buyer's words stay an objection, whatever they name
    assert names_a_buyer("The buyer says they only buy from approved suppliers. How do I handle that?")
    assert names_a_buyer("How do I respond to 'send me a deck'?")
    # ...and handling a rep's own habit is a coaching question, never routed to a buyer's objection
    assert "objection" not in intents("How do I handle a rep who keeps skipping the agenda in discovery calls?")
    assert "objection" in intents("How do I handle a CFO who says we cost too much?")
    assert missing("My rep gets into arguments with a teammate over leads, what do I do?", []) is not None
    assert missing("My rep dismisses the buyer's concern about price. What should I assign?", []) is None


def test_a_named_metric_needs_its_own_figure_not_a_number_near_the_words_around_it() -> None:
    coverage = _hit("pipeline-review.coverage", 0.6, "Compares qualified pipeline for the next two quarters.")
    question = "What's a good coverage ratio for next quarter's pipeline?"
    assert number_not_held(question, [coverage]) is not None  # "two quarters" is not a ratio
    assert number_not_held(question, [_hit("x", 0.6, "Keep a 3x coverage ratio against target.")]) is None


def test_a_skill_s_own_activities_come_before_ones_built_for_every_skill(kb: KnowledgeBase) -> None:
    _, cited = compose("What does good look like for trading concessions?", [_hit("negotiation.trades", 0.9)], kb)
    acts = [c for c in cited if c in kb.activities]
    interaction = kb.criteria["negotiation.trades"].interaction
    own = [all(kb.criteria[c].interaction == interaction for c in kb.activities[a].criteria) for a in acts]
    assert own == sorted(own, reverse=True) and own[0], acts  # the if-then drill, not a follow-through tracker, first


def test_a_figure_no_item_states_is_not_held_and_one_an_item_states_is_answered() -> None:
    coaching = _hit("demo.proof", 0.6, "Offers at least one relevant customer example with a concrete result.")
    assert number_not_held("How many customers do we have?", [coaching]) == "How many customers do we have"
    assert figure_not_held("How many customers do we have").startswith("The knowledge base does not hold a figure")
    # a number put before what was asked holds it; a number about something else does not
    told = _hit("x", 0.6, "We serve 120 customers in nine countries.")
    assert number_not_held("How many customers do we have?", [told]) is None
    assert number_not_held("What's our average deal size?", [_hit("x", 0.6, "Risk flags arrive 3 weeks early.")])
    # a length of time in a passage about what was asked ("Coverage maths (20 min)") answers "how long"
    drill = _hit("act-drill-coverage-maths", 0.6, "Drill: Coverage maths (20 min)\nWorks through a quota gap.")
    assert number_not_held("How long is the coverage maths drill?", [drill]) is None
    lag = _hit("diff-fast-time-to-value", 0.6, "Median time from signature to first forecast call is 16 days.")
    assert number_not_held("How long is our average sales cycle?", [lag]) is not None
    # numbers near the asked words but not counting them ("5 min builds one-on-one...", "two skills, one-on-one...")
    template = _hit("x", 0.6, "Job aid (5 min) builds one-on-one.reconciles. Pick two skills, one-on-one.agreements.")
    assert number_not_held("How many one-on-ones should I run per month with each rep?", [template]) is not None
    # a question asking for no quantity is left to the rest of ask
    assert number_not_held("What does good look like for coverage?", []) is None


def test_asking_which_items_of_a_kind_the_base_holds_lists_every_one(kb: KnowledgeBase) -> None:
    result = ask("What differentiators do we have?", _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert result.citations == list(kb.differentiators)
    assert all(d.title in result.answer for d in kb.differentiators.values())
    scenarios = ask("Which roleplay scenarios are there?", _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert scenarios.citations == list(kb.scenarios) and "copilot roleplay --scenario" in scenarios.answer
    # a question that narrows the kind ("for a CRO", "matter to a CFO") is not asking for the whole set
    from copilot.retrieval.kind_list import kind_asked

    assert kind_asked("List our insights") == "insights"
    assert kind_asked("Which insights should I open with for a CRO?") is None
    assert kind_asked("What differentiators matter to a CFO?") is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("when exactly do I step in?", True),
        ("At what point should I intervene when my rep keeps skipping the agenda?", True),
        ("How long do I leave a rep to fix it before I get involved?", True),
        ("when will my manager get involved?", True),
        ("What's the next step after a demo?", False),  # "step" alone is not stepping in
        ("What should I do on my own before my manager has to get involved?", False),  # what to do, not when
    ],
)
def test_asking_when_to_step_in_is_told_from_other_questions(question: str, asks: bool) -> None:
    from copilot.retrieval.route import ASKS_WHEN

    assert bool(ASKS_WHEN.search(question)) is asks


def test_the_guidance_that_states_when_to_step_in_is_the_sections_with_a_count(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import STATES_WHEN

    stated = {s.id for g in kb.guides.values() for s in g.sections if STATES_WHEN.search(" ".join(s.text.split()))}
    assert stated == {"guide-trust-but-verify#the-default-rule", "guide-self-coaching-for-reps#know-the-threshold"}


def test_a_talk_track_answers_a_buyer_not_a_manager_asking_about_a_deal(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import _talk_track_only_when_asked

    ranked = [_hit("obj-no-budget", 0.6), _hit("demo.next-steps", 0.55)]
    deal = "My rep says the buyer loves us but there's no date for the next meeting. Is that a problem?"
    assert _talk_track_only_when_asked(deal, ranked, kb)[0].item_id == "demo.next-steps"
    named = "Which proof goes with the no-budget objection?"
    assert _talk_track_only_when_asked(named, ranked, kb)[0].item_id == "obj-no-budget"


@pytest.mark.parametrize(
    ("question", "own"),
    [
        ("What should I do on my own before my manager has to get involved in a weak basic skill?", True),
        ("what can I work on before my boss steps in?", True),
        ("When does my manager step in on a basic skill?", False),
        ("What should I assign before I step in?", False),
    ],
)
def test_a_rep_asking_what_to_do_before_their_manager_steps_in_reads_the_self_coaching_guide(
    question: str, own: bool
) -> None:
    from copilot.retrieval.route import self_coaching

    assert self_coaching(question) is own


def test_results_headcount_and_contract_cancellation_are_not_held_but_a_cancelled_meeting_is_coaching() -> None:
    for question, name in (
        ("How did the add-on do on forecast accuracy?", "results or outcomes"),
        ("Did the new discovery lesson actually help the team book more meetings?", "results or outcomes"),
        ("How many new reps am I allowed to hire into my team next year?", "headcount or hiring plans"),
        ("Can we cancel the contract after the first year?", "refund or cancellation terms"),
    ):
        gap = missing(question, [])
        assert gap is not None and gap.name.startswith(name), question
    for question in (
        "My best rep cancelled our last two 1:1s and is skipping steps. Is this a skill thing?",
        "My new hire freezes on calls, how do I coach her?",
        "Did I do the right thing giving a 10 percent discount?",
        "How did the best reps in the annotated recording open the call?",
        "Have you got a drill that helps reps improve discovery?",
        "How did the rep in the annotated demo do the recap?",
        "How do I review the outcomes of the deal review with my rep?",
    ):
        assert missing(question, []) is None, question


def test_asking_how_to_find_out_about_the_buyer_s_side_is_discovery_not_a_talk_track() -> None:
    assert "objection" not in intents("Their CFO has to approve anything over 50k. How do I find out what she'll sign?")
    assert "objection" in intents("Their CFO has to approve anything over 50k. What do I say?")


def test_an_objection_whose_title_names_a_domain_phrase_of_the_question_is_routed_to(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import _titled_first

    boss, committee = _hit("obj-need-boss", 0.41), _hit("obj-committee", 0.36)
    question = "They need sign-off from a buying group that only meets once a quarter"
    assert _titled_first(question, [boss], [boss, committee], kb)[0].item_id == "obj-committee"
    # a word the question says itself is left to the embedder ("another" is in one title only)
    tool = _hit("obj-competitor-incumbent", 0.35)
    assert _titled_first("They will never log in to yet another tool", [boss], [boss, tool], kb)[0] is boss


def test_an_activity_ranked_first_gives_way_to_a_skill_ranked_right_behind_it(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import _skill_before_activity

    ranked = [_hit("act-drill-stage-audit", 0.5), _hit("deal-review.coaching-questions", 0.45)]
    assert _skill_before_activity(ranked, kb)[0].item_id == "deal-review.coaching-questions"


def test_comparing_us_with_another_tool_asks_for_the_competitor_objection_then_messaging() -> None:
    for question in (
        "How does the add-on compare to us on forecast accuracy?",
        "what does the add-on do better than us?",
    ):
        assert wanted_kinds(question)[:2] == ["objection", "messaging"], question
    assert "objection" not in wanted_kinds("How do I compare two reps' forecast calls?")


def test_a_rate_or_a_lost_deal_asked_for_is_a_figure_or_a_result_not_held() -> None:
    assert number_not_held("what's our renewal rate?", []) is not None
    gap = missing("did we win the deal against the add-on?", [])
    assert gap is not None and gap.name.startswith("results or outcomes")


def test_a_buyer_comparing_us_with_a_hire_asks_for_no_headcount_plan(kb: KnowledgeBase) -> None:
    from copilot.retrieval.loose import unheld_term

    said = "The CFO says he'd rather spend that money on another headcount than on us"
    assert not unheld_term(said, "obj-too-expensive", kb)
    assert unheld_term("The buyer wants net-120 payment terms or they won't sign", "obj-discount-demand", kb)


def test_a_contraction_is_a_word_the_question_says_not_a_domain_phrase(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import _titled_first

    effort, email = _hit("obj-implementation-effort", 0.4), _hit("obj-security-email-access", 0.35)
    question = "Their ops team is two people and they say they can't take on a rollout project"
    assert _titled_first(question, [effort], [effort, email], kb)[0] is effort


@pytest.mark.parametrize(
    "question",
    [
        "he knows the steps cold but freezes up in front of actual customers",
        "my rep freezes up in front of customers",
        "she knows our pricing inside out but gets flustered in front of a cfo",
    ],
)
def test_a_reps_nerves_in_front_of_buyers_are_the_confidence_section_not_an_objection(
    kb: KnowledgeBase, question: str
) -> None:
    # the buyer is only the audience: no buyer's words are reported, so no talk track answers
    result = ask(question, _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert result.citations[0] == "guide-diagnosing-root-cause#confidence-they-can-but-don-t-in-front-of-a-buyer"
    assert "act-rehearse-and-lead" in result.citations
    assert not any(c in kb.objections for c in result.citations)


def test_a_buyers_words_or_a_request_for_practice_keep_their_own_route() -> None:
    from copilot.retrieval.ask import confidence_gap

    assert not confidence_gap("the cfo is nervous about putting this in front of the board")
    assert not confidence_gap("she freezes in front of customers, what should I assign?")
    assert not confidence_gap("my rep is great at discovery but slow to send the recap")


def test_what_the_company_pays_back_is_an_expense_policy_not_held_but_an_expensive_price_is_a_buyer_s_word() -> None:
    for question in ("can i expense lunch with a rep", "is there a per diem when I travel to a customer"):
        gap = missing(question, [])
        assert gap is not None and gap.name.startswith("an expense policy"), question
    for question in ("the cfo says its too expensive", "they think we are expensive compared with the add-on"):
        gap = missing(question, [])
        assert gap is None or not gap.name.startswith("an expense policy"), question


class _SectionRetriever(_FarRetriever):
    """Search that returns the first item a filter names (the answers below rest on the filter, not on scores)."""

    def search(self, query: str, *, k: int = 5, where: dict[str, object] | None = None, **_: object) -> list[Result]:
        clauses = (where or {}).get("$and", [where or {}])
        named = next((c["item_id"]["$in"] for c in clauses if isinstance(c, dict) and "item_id" in c), [])  # type: ignore[index]
        if named:
            return [Result(named[0], f"{named[0]}#0", named[0], "guide", 0.6, "x", "s", {"_cosine": 0.6})]
        return super().search(query, k=k)


def test_a_rep_asking_about_the_1_1_with_their_own_manager_reads_the_section_written_to_reps(kb: KnowledgeBase) -> None:
    from copilot.retrieval.route import reps_side

    found = reps_side("what am i supposed to prepare before my 1:1 with my manager", _SectionRetriever(), kb)  # type: ignore[arg-type]
    assert found is not None and found.item_id.startswith("guide-self-coaching-for-reps#")
    # a manager asking about the 1:1 with their rep keeps the manager's guide
    assert reps_side("what should i prepare before my 1:1 with my rep", _SectionRetriever(), kb) is None  # type: ignore[arg-type]


def test_which_buyer_said_it_may_stand_between_the_buyer_and_their_words() -> None:
    assert "objection" in intents("cfo on the deal says no money changes hands till we prove it first")
    assert "objection" in intents("their cro at the kickoff said the reps wont use it")
    assert "objection" not in intents("the cfo on my call was bored")


def test_proving_it_on_the_buyers_own_numbers_is_searched_as_a_pilot() -> None:
    from copilot.retrieval.keyword import terms

    for question in (
        "no money changes hands till we prove it on there own numbers",
        "she wants us to show it works on their own data first",
    ):
        assert "pilot" in terms(question), question
    assert "pilot" not in terms("show the rep their own numbers")


def test_not_reaching_the_people_who_decide_reports_no_buyers_words() -> None:
    assert "objection" not in intents("rep says buyer loves us but cant get the cfo on a call")
    assert "objection" not in intents("the buyer cant get the cfo to a meeting")
    # what the buyer cannot do themselves is still their words
    assert "objection" in intents("they cant get budget approved this year")


def test_which_other_vendors_tool_to_buy_is_not_held_but_a_buyers_crm_is_an_objection() -> None:
    for question in ("whats the best crm for a team of 10", "can you recommend a dialer for my team"):
        gap = missing(question, [])
        assert gap is not None and gap.name.startswith("recommendations of other vendors' tools"), question
    for question in ("buyer says their crm is heavily customised", "which crm fields does lanternline read"):
        gap = missing(question, [])
        assert gap is None or not gap.name.startswith("recommendations of other vendors' tools"), question
