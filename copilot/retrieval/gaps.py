"""What a coaching knowledge base does not hold, and how `copilot ask` says so instead of padding an answer.

A sales-coaching knowledge base holds methodology, messaging, objections and learning content. People also ask it
for commercial and HR facts it does not hold (a price, a discount limit, a commission rate, an SLA); search still
finds the nearest passages, and an answer built from them reads like an answer while saying nothing about what was
asked. Each gap below says how a question asks for such a fact, how a passage would hold it (so a knowledge base
that does hold it answers normally), and who does hold it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copilot.retrieval.keyword import STOPWORDS, terms
from copilot.retrieval.search import Result

ASKERS = frozenset(terms("rep reps we you manager managers"))  # who asks, not what about


@dataclass(frozen=True)
class Gap:
    """One kind of fact the knowledge base may not hold."""

    name: str
    asks: re.Pattern[str]
    holds: re.Pattern[str]
    ask_whom: str
    # a term of a deal a buyer may demand (a price, payment terms, an SLA): copilot.retrieval.loose.unheld_term. A
    # buyer comparing us with a hire ("I'd rather spend it on another headcount") asks for no headcount plan
    buyer_term: bool = True
    # a question about coaching a rep's performance that mentions the fact ("what do I say to a rep who missed quota
    # three quarters running") asks how to coach, not for the fact: the gap does not apply
    coaching_about: re.Pattern[str] | None = None
    # asked about our own side's workings ("how long does our legal team take on a customer's redlines"): not held
    # even when the question names a buyer, whose words would otherwise make it an objection to handle
    own_side: bool = False
    # a rep's conduct around the fact ("a rep keeps promising features we don't have") is still a gap to coach: the
    # answer says the fact is not held, then coaches (copilot.retrieval.ask), rather than stopping at the fact
    coached: bool = False


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


GAPS: tuple[Gap, ...] = (
    Gap(
        "a price list",
        _re(
            r"\b(list price|price list|pricing (for|of)|quote for|per[- ](seat|user|licen[cs]e)|"
            r"(what(?:'s| is| are)|how much is) (the |our )?([\w-]+ )?price|how much (does|do|is|would|will)\b.{0,60}"
            r"\bcost|"
            # a cost for a number of seats, however it is asked: "what would 150 licences cost", "the cost of 40 seats"
            r"\b\d[\d,]*\s+(?:seats?|users?|licen[cs]es?)\b.{0,40}\bcost|"
            r"\bcost\w*\b.{0,30}\b\d[\d,]*\s+(?:seats?|users?|licen[cs]es?)\b)"
        ),
        _re(r"([$€£]\s?\d|\b\d[\d,.]*\s?(usd|eur|gbp|dollars?|euros?)\b|\bper (seat|user|rep) (per|a) )"),
        "ask your deal desk or pricing team",
    ),
    Gap(
        "a discount policy or approval limits",
        _re(
            r"\bdiscount\w*\b.{0,40}\b(approv\w*|authori[sz]\w*|sign[- ]?off|without (asking|going|checking))|"
            r"\b(approv\w*|authori[sz]\w*)\b.{0,40}\bdiscount|"
            r"\bdiscount\w* (polic(y|ies)|rules?|guidelines?|limits?|maximum|ceiling|cap)\b|"
            r"\b(polic(y|ies)|rules?|guidelines?|limits?|maximum|ceiling|cap) (on|for) discount|"
            r"\b(max(imum)?|biggest|most|largest) discount (can|may|are|is|we|i|they|reps?)\b|"
            # what the seller may concede, asked by the seller: "what discount can I give", "how far can we drop
            # the price" (a buyer's demand for one is an objection, and is routed before this is asked)
            r"\bdiscount\w*\b.{0,20}\b(can|may|could) (i|we|reps?|my reps?|you)\b|"
            r"\b(can|may|could) (i|we|reps?|my reps?|you)\b.{0,25}\b(give|offer|drop|cut|lower|reduce|go down)\b"
            r".{0,30}\b(price|pricing|discount\w*|percent|%|off)"
        ),
        _re(
            r"\b(approval|authority|discount) (limit|matrix|level|band)s?\b.{0,40}\d|\bup to \d+ ?(%|percent) without\b"
        ),
        "ask your deal desk or your own manager",
    ),
    Gap(
        # the team's size is a budget decision of the business: "how many reps am I allowed to hire", "can I get
        # headcount for another SDR"; a new hire to coach ("my new hire freezes") is not asked about here
        "headcount or hiring plans",
        _re(
            r"\b(headcount|hiring (plans?|budget|freeze)|open (roles|reqs|positions)|"
            r"(how many|allowed to|budget to|approval to|permission to|can (i|we))\b.{0,40}\b(hire|recruit)\w*)\b"
        ),
        _re(r"\b(headcount (plan|budget)|hiring plan)\b.{0,40}\d"),
        "ask your own manager, finance or HR",
        buyer_term=False,
    ),
    Gap(
        "a policy on what reps may offer or promise (free periods, credits, custom features)",
        _re(
            r"\b(?:our|the|company|a) polic(?:y|ies) (?:on|for|about|around)\b|"
            r"\b(?:am i|are (?:we|reps|you)|is (?:a|my|the) rep) (?:allowed|permitted|authori[sz]ed) to\b|"
            r"\bcan (?:i|we|reps?|my reps?) (?:offer|promise|waive|throw in)\b.{0,30}"
            r"\b(?:free|credits?|trials?|custom|extra|months?|weeks?)\b"
        ),
        _re(
            r"\b(?:reps|you|managers) (?:may|can|are allowed to) (?:offer|promise|waive)\b|\bpolicy (?:allows|says|states)\b"
        ),
        "ask your deal desk or your own manager",
    ),
    Gap(
        # the terms of a deal the seller's side sets: how and when the customer pays, how the price moves at renewal,
        # and who on our side signs a deal off. The buyer's side of these ("who approves the spend", "the CFO signs
        # off") is discovery the methodology covers, so an approval is only asked about on our side or above an amount
        "payment terms (net days, invoicing, billing schedules)",
        _re(
            r"\b(net[- ]?\d{2,3}|payment (terms?|schedules?|plans?)|invoic\w*|billing (terms?|cycles?|schedules?)|"
            r"(quarterly|annual|monthly|upfront|up-front) (billing|invoic\w*|payments?)|"
            r"pay (us )?(quarterly|annually|monthly|upfront|up front|in arrears|in instal\w*))\b"
        ),
        _re(r"\b(net[- ]?\d{2,3}\b|payment terms? (of|are|is)\b|invoiced (annually|quarterly|monthly))"),
        "ask finance or your deal desk",
    ),
    Gap(
        "renewal pricing (price increases or caps at renewal)",
        _re(
            r"\brenew\w*\b.{0,50}\b(price|pricing|uplift|increase|cap|rais\w*)\b|"
            r"\b(price|pricing|uplift|increase|cap|rais\w*)\b.{0,50}\brenew\w*|"
            r"\b(price|pricing) (increases?|rises?|caps?|protection|uplifts?)\b|\buplifts?\b"
        ),
        _re(r"\b(uplift|renewal (price|pricing|increase|cap))\b.{0,40}\d|\bcap(ped)? at \d"),
        "ask your deal desk or customer success",
    ),
    Gap(
        "a deal approval process (who signs off deals on our side)",
        _re(
            r"\bdeal desk\b|\binternal (deal )?approvals?\b|"
            r"\b(approv\w*|sign[- ]?offs?|signs? \w* ?off|authori[sz]\w*)\b.{0,60}\b(on our side|internally|our end)\b|"
            r"\b(on our side|internally)\b.{0,60}\b(approv\w*|sign[- ]?offs?|signs? \w* ?off)\b|"
            # above an amount, when no buyer-side party is named ("their CFO approves anything over 50k" is discovery)
            r"^(?!.*\b(their|buyer|customer|prospect|client)s?\b).*?(\b(approv\w*|sign[- ]?offs?|signs? \w* ?off)\b"
            r".{0,50}\b(over|above|beyond|exceed\w*|bigger than|larger than|more than)\s+[$€£]?\d|"
            r"\b(over|above|beyond|exceed\w*|bigger than|larger than|more than)\s+[$€£]?\d[\d,.]*\s*k?\b.{0,50}"
            r"\b(approv\w*|sign[- ]?offs?|signs? \w* ?off)\b)"
        ),
        _re(r"\b(approval (limit|matrix|threshold)s?|deal desk (approves|reviews|signs))\b"),
        "ask your deal desk or your own manager",
    ),
    Gap(
        # what the product does or will do: a coaching knowledge base holds messaging about outcomes, not the feature
        # list, the roadmap or release dates ("is SSO on the roadmap", "a rep keeps promising features we don't have")
        "a product roadmap or feature list (what the product has or will have)",
        _re(
            r"\broad[- ]?maps?\b|\b(?:release|ship|launch|GA) dates?\b|"
            r"\bfeatures?\b.{0,30}\b(?:we|it|the product|lanternline) (?:do(?:es)?n'?t|do not|does not|don'?t) "
            r"(?:have|support|offer|do)\b|"
            r"\b(?:promis\w*|commit\w* to|sell\w*|pitch\w*) (?:\w+ ){0,2}?(?:features?|functionality|capabilit\w*|"
            r"integrations?)\b.{0,40}\b(?:do(?:es)?n'?t|do not|does not|don'?t|not) (?:yet )?(?:have|exist|support|built)\b"
        ),
        _re(r"\broad[- ]?map\b.{0,60}\b(?:Q[1-4]|20\d\d|release)\b|\breleased? (?:in|on) \w+ \d"),
        "ask product management",
        buyer_term=False,
        coached=True,
    ),
    Gap(
        "commission, bonus, quota or pay plans",
        _re(
            r"\b(commissions?|comp(ensation)? plans?|bonus(es)?|accelerators?|OTE|on-target earnings|salar(y|ies)|quotas?)\b"
        ),
        _re(r"\b(commission (rate|of|is)|quota (is|of|for|set at)|\d+ ?(%|percent) commission)\b"),
        "ask sales operations or HR",
        coaching_about=_re(
            r"^(?!.*\b(?:commission|comp(?:ensation)? plan|bonus|accelerator|ote|salar))"
            r".*\b(?:reps?|aes?|sdrs?|sellers?|he|she|they|someone)\b (?:who |that )?(?:\w+ )?"
            r"(?:miss\w*|hit\w*|made|mak\w*|fell short of|(?:is|are|was|were) (?:below|under|behind|above))"
            r" (?:\w+ )?quotas?\b"
        ),
    ),
    Gap(
        "service levels (SLAs, uptime, support tiers)",
        _re(r"\b(SLAs?|uptime|service levels?|support (tier|package|plan|hours)s?|response times?)\b"),
        _re(r"\b(\d+(\.\d+)? ?% uptime|uptime of|service level agreement)\b"),
        "ask customer success or legal",
    ),
    Gap(
        "refund or cancellation terms",
        # cancelling what was bought (a contract, a subscription, an order), not a meeting: "she cancelled our last
        # two 1:1s" is about a rep, and the coaching guides answer it
        _re(
            r"\b(refunds?|money back|cancellation|(cancel\w*|terminat\w*|get out of|exit) (the |a |our |their |my |"
            r"this |that )?(contract|subscription|licen[cs]es?|agreement|order|deal|renewal|plan)s?)\b"
        ),
        _re(r"\b(refund\w*|cancellation (terms|policy|fee))\b"),
        "ask legal or the deal desk",
    ),
    Gap(
        "a list of named customer references",
        _re(
            r"\b(references?|case stud(y|ies)|logos?)\b.{0,40}\b(customers?|accounts?|name|list)\b|"
            r"\b(customers?|accounts?)\b.{0,40}\b(references?|case stud(y|ies))\b|\b(which|what) (\w+ )?customers\b"
        ),
        _re(r"\breference (list|customers?|accounts?)\b"),
        "ask marketing or customer success",
    ),
    Gap(
        # how a person on the team behaves towards colleagues is an HR matter, not a selling or coaching skill the
        # competency model describes: "rude to a colleague", "harassment", "a disciplinary", "a performance plan"
        "HR matters (workplace conduct, conflicts between colleagues, discipline)",
        _re(
            r"\b(rude|disrespectful|harass\w*|bull(y|ied|ying)|misconduct|disciplinar\w*|"
            r"(disciplin\w*|fire|firing|let go of) (a|my|this|the) (rep|seller|employee|team member)|"
            r"performance improvement plan|(argu\w*|fight\w*|conflict|feud\w*) with (a |his |her |their |the )?"
            r"(colleague|co-?worker|teammate|peer)s?)\b"
        ),
        _re(r"\b(code of conduct|disciplinary (policy|process)|grievance (policy|process))\b"),
        "ask HR",
    ),
    Gap(
        # what happened: how a deal, a competitor, a rollout or a training turned out. A coaching knowledge base holds
        # methods, messaging and claims to use with buyers, not records of results; asked "how did the add-on do on
        # forecast accuracy?", the nearest passage is a talk track about comparing, which reads like an answer
        "results or outcomes (how something did or whether it worked)",
        _re(
            # a question opening on the past: "how did X do / go / perform / turn out", "did X (actually) work / help /
            # close more", "has X paid off", "what were the results of X" (not "have you got a drill that helps")
            r"^\s*(?:(?:so|and|but|ok|okay)\b,? )?(?:"
            r"how (?:did|has|have)\b.{1,60}\b(?:(?:do|done)(?=\s+(?:on|with|in|against|at|for|last|this|over|so far)\b"
            r"|\s*[?.!]|\s*$)|go|gone|went|perform\w*|turn(?:ed)? out|fare[sd]?|stack(?:ed)? up|compare[sd]?)\b|"
            r"did\b(?:(?!\b(?:that|which|who|to)\b).){1,80}\b(?:actually |really )?(?:work|help|improve|increase|raise|"
            r"lift|boost|pay off|make a difference|(?:close|win|book|sell) more|(?:win|lose|close) (?:the|that|this|it))\b|"
            r"(?:has|have)\b(?:(?!\b(?:that|which|who|to)\b).){1,80}\b(?:worked|helped|improved|increased|raised|"
            r"lifted|boosted|paid off|made a difference)\b|"
            r"(?:what|which) (?:were|was) the (?:results?|outcomes?)\b|what results? did\b)"
        ),
        _re(
            r"\b(?:win|loss|close) rates? (?:was|were|of)\b.{0,20}\d|\bresults? (?:of|from) (?:the|our) \w+ (?:was|were|showed)\b"
        ),
        "ask sales operations for deal and pipeline results, or enablement for training results",
        buyer_term=False,
    ),
    Gap(
        # how our own legal team works (its turnaround on redlines, how long its review takes) is legal operations;
        # the buyer's legal step in a deal ("what legal steps remain on their side") is the negotiation skill's
        "our legal team's turnaround (redlines, contract review times)",
        _re(
            r"\b(our|our own|in-house) legal( team| department| counsel| folks| people)?\b.{0,80}"
            r"\b(turn\w* (around|round)|turnaround|how long|how fast|how quickly|take|days|weeks|SLA)\b|"
            r"\b(turn\w* (around|round)|turnaround|how long|how fast|how quickly|how many (days|weeks))\b.{0,60}"
            r"\b(our|in-house) legal\b|"
            r"\bredlines?\b.{0,60}\b(turnaround|turn\w* (around|round)|how long|how fast|how quickly)\b|"
            r"\b(turnaround|turn\w* (around|round)|how long|how fast|how quickly)\b.{0,60}\bredlines?\b"
        ),
        _re(r"\blegal (turnaround|review) (is|takes|of|within)\b.{0,30}\d"),
        "ask your legal team or the deal desk",
        buyer_term=False,
        own_side=True,
    ),
    Gap(
        # which other vendors' software to buy for the team ("whats the best crm for a team of 10", "can you recommend a
        # dialer"): the base holds our own product's messaging and the methodology, not a buyer's guide to other tools
        "recommendations of other vendors' tools (which CRM, dialer or sales software to buy)",
        _re(
            r"\b(best|recommend\w*|which|what|good|cheapest|top)\b[^.?!]{0,25}\b(crm|dialers?|sequencers?|"
            r"sales engagement (tools?|platforms?)|email (tools?|platforms?)|note[- ]?takers?|call recorders?)\b"
            r"(?![^.?!]{0,40}\b(objection|buyer|prospect|says|said|stages?|fields?|integrat\w*|custom\w*)\b)"
        ),
        _re(r"\b(we recommend|recommended (crm|dialer|tools?))\b"),
        "ask your sales operations or IT team",
        buyer_term=False,
        own_side=True,
    ),
    Gap(
        # what the company pays back (a lunch with a rep, a client dinner, travel, a per diem, a company card) is a
        # finance policy: "can i expense lunch with a rep" names a person, which keeps the plain-word rule off, and
        # "expensive" is a buyer's word about price, not a claim
        "an expense policy (what can be expensed: meals, travel, per diems, company cards)",
        _re(
            r"\b(expens(?:e|es|ed|ing)(?! of\b)|reimburs\w*|per[- ]diems?|(?:company|corporate) (?:credit )?cards?|"
            r"mileage allowance|travel (?:polic(?:y|ies)|allowance|budget))\b"
        ),
        _re(r"\b(expense (policy|limit)s?|per[- ]diem of|reimbursed (up to|at))\b"),
        "ask finance or your own manager",
        buyer_term=False,
        own_side=True,
    ),
    Gap(
        # where and when the team works is an HR policy too: "can reps work from home on Fridays", "remote work"
        # and the terms of employment a rep signs (a non-compete, the notice period, the employment contract)
        "HR policies (leave, holidays, remote work, benefits, employment terms)",
        _re(
            r"\b((parental|maternity|paternity|sick|annual) leave|vacation|holidays?|PTO|benefits|pension|"
            r"non[- ]?competes?|non[- ]?compete (clause|agreement)s?|notice periods?|employment contracts?|"
            r"contracts? of employment|"
            r"work(ing|s)? (from|at) home|WFH|remote[- ]work\w*|work(ing|s)? remotely|hybrid (work|policy|schedule)|"
            r"office (days|attendance|policy)|return to (the )?office)\b"
        ),
        _re(r"\b(leave|vacation|holiday) (policy|days|weeks|allowance)\b"),
        "ask HR",
    ),
)


def missing(question: str, passages: Sequence[Result], *, own_side: bool = False) -> Gap | None:
    """The kind of fact the question asks for that none of the passages holds, if any; `own_side`: only a gap about
    our own side's workings (for a question that names a buyer)."""
    for gap in GAPS:
        if own_side and not gap.own_side:
            continue
        if gap.coaching_about is not None and gap.coaching_about.search(question):
            continue
        if gap.asks.search(question) and not any(gap.holds.search(r.text) for r in passages):
            return gap
    return None


def pointer(gap: Gap, question: str, passages: Sequence[Result]) -> Result | None:
    """The first passage whose title names what was asked about (a price objection for a price question), if any:
    worth one line under the answer; a passage that only ranked near is not."""
    found = gap.asks.search(question)
    asked = set(terms(found.group(0))) - ASKERS if found else set()
    return next((r for r in passages if asked & set(terms(r.title))), None)


ASKED_WORDS = 4  # what the question named, quoted in the answer when it is this short


def asked_for(gap: Gap, question: str) -> str | None:
    """What the question named that the gap is about, in its own words, with the words before it that say which
    one ("a referral bonus", "a performance improvement plan", "the non-compete"): the gap's name is a category
    ("commission, bonus, quota or pay plans"), and an answer naming only the category does not say it understood
    what was asked. None when the question names it in more than ASKED_WORDS words, or the category already does."""
    found = gap.asks.search(question)
    if found is None:
        return None
    start = found.start()
    for _ in range(2):  # the modifiers before the match: "referral" in "a referral bonus"
        before = re.search(r"([\w'\u2019-]+)\s+$", question[:start])
        if before is None or not _asked_about(before.group(1)) or before.group(1).lower() in _QUESTION_OPENERS:
            break
        start = before.start(1)
    said = " ".join(question[start : found.end()].split()).strip(" ,.;:?!")
    if not said or len(said.split()) > ASKED_WORDS or set(terms(said)) <= set(terms(gap.name)):
        return None
    return said


_QUESTION_OPENERS = frozenset({"is", "are", "does", "do", "can", "could", "will", "whats", "what's", "hows"})


def not_held(gap: Gap, near: Result | None = None, question: str = "") -> str:
    """The plain answer: what is missing (as the question named it, when it did so briefly), who holds it, and at
    most one pointer to a related item."""
    said = asked_for(gap, question) if question else None
    named = f'{gap.name}: nothing on "{said}"' if said else gap.name
    text = f"The knowledge base does not hold {named}, so I won't guess: {gap.ask_whom}."
    if near is not None:
        text += f"\nRelated, in the knowledge base: {near.title} [{near.item_id}]."
    return text


def nothing_on(question: str) -> str:
    """The plain answer when nothing retrieved is about the question at all."""
    asked = " ".join(question.split()).rstrip("?.! ")
    return (
        f'The knowledge base holds nothing on "{asked}", so I won\'t guess. Ask enablement to add it, or rephrase '
        "with the terms your methodology uses."
    )


def no_activity(gap: str) -> str:
    """The plain answer when a question asks what to assign for a gap no skill in the competency model is about."""
    said = " ".join(gap.split()).rstrip("?.!, ")
    said = said if len(said) <= 140 else said[:137].rsplit(" ", 1)[0] + "..."
    return (
        f'The knowledge base holds no learning activity for this gap ("{said}"): no skill in its competency model '
        "describes it, so I won't guess. Ask enablement to add one."
    )


_QUOTES = "\"'\u2018\u2019\u201c\u201d"
_OPENS = ".?!:;(" + _QUOTES  # a capital after these opens a sentence or a quotation, not a name


# A question about a person on the team ("what should I ask Marcus in our next 1:1", "coach Dana on agendas"): the
# names are people whose records live outside the knowledge base, and the method it holds still answers.
ABOUT_A_PERSON = re.compile(
    r"\b(reps?|aes?|sdrs?|bdrs?|sellers?|coach\w*|mentor\w*|1[:-]1s?|one[- ](?:on|to)[- ]ones?|"
    r"(?:pipeline|deal|forecast) (?:reviews?|calls?)|she|he|her|his|him|herself|himself|"
    # someone on the asker's team, however they say it ("guy on my team", "one of my people")
    r"my team|on my team|my (?:guys?|people|folks))\b",
    re.I,
)


CALENDAR = re.compile(
    r"^(?:mon|tues|wednes|thurs|fri|satur|sun)days?$|^(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$",
    re.I,
)
"""Weekdays and months, capitalised in English though they name no product, place or vendor."""


def unknown_names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """The names a question uses that no public passage of the knowledge base does: a capitalised word that does not
    open a sentence or a quotation ("HubSpot", "Okta", "Benelux") or one in capitals ("GDPR"). A question about a
    named product, place, vendor or standard the base never mentions cannot be answered from it, however close the
    nearest passage ranks; words the base uses ("CFO", "Excellent", "RevOps") are not counted, nor names in a
    question about a person on the team (ABOUT_A_PERSON)."""
    names: list[str] = []
    if ABOUT_A_PERSON.search(question):
        return names
    for match in re.finditer(r"\S+", question):
        raw = match.group(0)
        word = raw.strip(_QUOTES + "()[],.;:!?")
        if not word or not word[0].isupper() or word == "I" or word.startswith(("I'", "I\u2019")):
            continue
        before = question[: match.start()].rstrip()
        if not before or before[-1] in _OPENS or raw[0] in _QUOTES:
            continue
        if CALENDAR.match(word):  # "every Monday", "by March": when, not what the question is about
            continue
        words = terms(word)
        if words and not all(w in vocabulary for w in words) and word not in names:
            names.append(word)
    return names


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def not_named(names: Sequence[str], near: Result | None = None) -> str:
    """The plain answer to a question about something the knowledge base never names, with at most one pointer."""
    text = (
        f"The knowledge base does not hold anything on {_listed(names)}: none of its items mentions "
        f"{'it' if len(names) == 1 else 'them'}, so I won't guess. Ask the team that owns that information, or "
        "enablement to add it."
    )
    if near is not None:
        text += f"\nNearest it does hold: {near.title} [{near.item_id}]."
    return text


def near_named(question: str, names: Sequence[str], passages: Sequence[Result]) -> Result | None:
    """The first passage whose title shares a word of the question other than the unknown names and who asks
    (a CRM item for "a HubSpot integration"); none when no title does."""
    unknown = {t for n in names for t in terms(n)}
    asked = set(terms(question)) - unknown - ASKERS
    # the company's own overview shares its name with every question about the product, and points nowhere
    return next((r for r in passages if r.type != "company" and asked & set(terms(r.title))), None)


# Pronouns and the like: words a question uses that say nothing about its topic, whether the knowledge base uses them
# or not (a closed class of English, not words fitted to questions).
FUNCTION_WORDS = frozenset(
    terms(
        "he him his himself she her hers herself they'd they're they've you're you've it's that's i'm i've we're we've "
        "anyone anything someone something "
        "everyone everything nobody nothing whenever wherever whatever ever very even though although soon "
        # the same contractions typed without the apostrophe ("theyre all junk", "he doesnt", "whats the")
        "theyre theyve theyd youre youve thats im ive weve dont doesnt didnt cant wont isnt arent wasnt werent "
        "shouldnt wouldnt couldnt hows whats whens wheres whos theres"
    )
)
# A question whether the product or the company has something ("is there a mobile app so reps can...", "do we have a
# partner programme for our reps"): the people it names are who would use the thing, not someone to coach.
ASKS_IF_WE_HAVE = re.compile(
    r"^\s*(?:is there|are there|do we (?:have|offer|support|sell)|does (?:it|the product|our product|lanternline) "
    r"(?:have|offer|support|come with|work with))\b",
    re.I,
)
HOW_TO_DO = re.compile(r"\bhow (?:do|should|can|could|would|to)\b|\bwhat(?:'s| is) the best way\b", re.I)
MIN_UNKNOWN = 2  # words of the question no public passage uses...
# ...or one, when the question asks what a thing is ("whats the api rate limit", "what is our offsite budget"): a
# misspelt word, the other reason one unknown word is weak evidence, has been read as the base spells it by then
# (copilot.retrieval.spelling), and a fact the base never names cannot be read off a passage about something else
_DONE_BY_SOMEONE = re.compile(r"\b(?:i|we|you|they|he|she|reps?)\s+[a-z]+\b", re.I)
ASKS_WHAT_IT_IS = re.compile(r"\bwhat(?:s|'s|\u2019s| is| are) (?:the|our|my)\b", re.I)
MIN_UNKNOWN_SHARE = 0.25  # ...making up at least this share of its salient words: a topic the base never speaks of
# A term more than this share of the public items use is the base's common language ("need", "year", "new", "rep",
# "call"), not what a question is about: it does not count towards the salient words the share is taken of. "is the
# office closed between christmas and new year or do I need to book those days off?" has two words the base never
# uses among nine, but among its salient words they are the topic. On the ask questions 0.03 to 0.08 turned the same
# questions not held (all unanswerable ones); 0.12 fewer.
COMMON_SHARE = 0.08
TOPIC_WORDS = 10  # the topic named from the first word asked about, when that stays this short


def _asked_about(word: str) -> bool:
    """Whether a word of a question says what it asks about (not who asks, not how it asks)."""
    # "what's" stems to "what", which terms() keeps though "what" is a stopword
    asking = FUNCTION_WORDS | ASKERS | _NOT_WHAT_IS_ASKED | STOPWORDS
    return any(t not in asking for t in terms(word))


def unknown_topic(question: str, vocabulary: frozenset[str], common: frozenset[str] = frozenset()) -> str | None:
    """What a question asks about in words no public passage of the knowledge base uses ("a mobile app", "our
    supplier code of conduct", "data retention"), when at least MIN_UNKNOWN of its salient words (content words
    outside the base's `common` language, copilot.retrieval.search.Retriever.common_terms), and at least
    MIN_UNKNOWN_SHARE of them, are such words: named as the question says it, from the first word it asks about to
    the last unknown one ("the per-head limit when I take a client out to dinner", not "client out to dinner").
    Lower-case topics escape unknown_names; one unknown word alone is weak evidence (a synonym, a spelling), so it
    takes two. A question about coaching a person or how to do something ("how can my reps multithread", "feedback
    without demotivating a struggling rep") asks for a method the base holds in its own words, so it is never taken
    for one."""
    if HOW_TO_DO.search(question) or (ABOUT_A_PERSON.search(question) and not ASKS_IF_WE_HAVE.search(question)):
        return None
    # a stopword's contraction ("what's" stems to "what") says nothing of the topic either
    words = [w for w in terms(question) if w not in FUNCTION_WORDS and w not in STOPWORDS and w not in common]
    unknown = [w for w in words if w not in vocabulary]
    # the one word must name the thing, not say what someone does with it ("the steps we teach for ...")
    least = 1 if ASKS_WHAT_IT_IS.search(question) and not _DONE_BY_SOMEONE.search(question) else MIN_UNKNOWN
    if len(unknown) < least or len(unknown) < MIN_UNKNOWN_SHARE * len(words):
        return None
    tokens = list(re.finditer(r"[\w'\u2019-]+", question))
    spans = [m for m in tokens if any(t in unknown for t in terms(m.group(0)))]
    # a fact asked for is named from where the question asks it ("whats the api rate limit", not "IT asked ...")
    asked = ASKS_WHAT_IT_IS.search(question) if least == 1 else None
    after = asked.end() if asked is not None and asked.end() <= spans[0].start() else 0
    first = next((m for m in tokens if m.start() >= after and _asked_about(m.group(0))), spans[0])
    named = question[min(first.start(), spans[0].start()) : spans[-1].end()]
    if len(named.split()) <= TOPIC_WORDS:
        return named
    said = question[spans[0].start() : spans[-1].end()]
    return said if len(said.split()) <= 6 else ", ".join(dict.fromkeys(m.group(0) for m in spans))


# A question asking for a quantity: a count, a length of time, a rate, an average ("how many customers do we have",
# "how long is our sales cycle", "what win rate should reps hit", "what's our average deal size").
ASKS_A_NUMBER = re.compile(
    r"^\s*(?:how (?:many|much time|long|often|soon)|"
    r"what(?:'s| is| are| should be)? (?:our |the |a |my )?(?:average|typical|median|total|usual|normal|minimum|"
    r"maximum|target|expected|good|benchmark)? ?(?P<metric>(?:(?:coverage|pipeline|quota|attainment|stage|"
    r"conversion|win|close|retention) )?(?:win rate|conversion rate|close rate|percentage|ratio|"
    r"deal size|sales cycle|cycle length|churn|retention rate|headcount|revenue|arr|acv|"
    # any rate ("our renewal rate", "a good reply rate"): a figure by its form
    r"[a-z-]+ rates?))\b|"
    r"what(?:'s| is| are| should be)? (?:our |the |a |my )?(?:average|typical|median|total|usual|normal|minimum|"
    r"maximum|target|expected|good|benchmark)? ?number of\b|"
    r"what(?:'s| is| are)? (?:our|the) (?:average|typical|median|total|usual)\b)",
    re.I,
)
_NUMBER_WORDS = (
    # "one" and "quarter" say "one relevant example", "this quarter" far more often than a count
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"ninety|hundred|thousand|half|dozen"
)
STATES_A_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.I)


_NOT_WHAT_IS_ASKED = frozenset(
    terms(
        "what how many much long often soon average typical median total usual normal per each every "
        "run do does get take make need"
    )
)
_TIME_ASKED = re.compile(r"^\s*how (?:much time|long|often|soon)\b", re.I)
_NUMBER = rf"(?:\d[\d,.]*(?:%|x)?|(?:{_NUMBER_WORDS}))"
_STATES_A_TIME = re.compile(
    rf"\b{_NUMBER}[\s-]+(?:\w+[\s-]+)?(?:min|mins|minutes?|hours?|days?|weeks?|months?|quarters?|years?)\b|"
    r"\b(?:daily|weekly|monthly|quarterly|once|twice|every)\b",
    re.I,
)


def _states_a_number_of(text: str, nouns: set[str]) -> bool:
    """Whether the text puts a number just before one of the nouns, at most one word between and no punctuation
    ("40 reps", "three more people", "5 percent"; not "two skills, one-on-one...")."""
    for phrase in re.split(r"[,;:()\n]|\.(?!\w)", text.lower()):
        words = phrase.split()
        for i, w in enumerate(words):
            if re.fullmatch(_NUMBER, w, re.I) and any(set(terms(n)) & nouns for n in words[i + 1 : i + 3]):
                return True
    return False


def number_not_held(question: str, passages: Sequence[Result]) -> str | None:
    """What a question asking for a quantity asks about, when none of the passages found states a figure for it: a
    length of time for "how long / how often", else a number put before a word of what was asked ("how many
    customers": "N customers"). An answer built from the passages would read like one while giving no figure. None
    when the question asks for no quantity or a passage states one (the composed answer then carries it)."""
    found = ASKS_A_NUMBER.search(question)
    if found is None:
        return None
    # a named metric ("a good coverage ratio for next quarter") is what needs the figure, not the words around it
    asked = found.group("metric") or question[found.start() :]
    nouns = set(terms(asked)) - ASKERS - _NOT_WHAT_IS_ASKED
    if not nouns:
        return None
    for r in passages:
        if _TIME_ASKED.search(question):
            # a length of time in a passage about what was asked ("Spend five minutes", "Coverage maths (20 min)")
            if _STATES_A_TIME.search(r.text) and set(terms(r.text)) & nouns:
                return None
        elif _states_a_number_of(r.text, nouns):
            return None
    return " ".join(question.split()).rstrip("?.! ")


def figure_not_held(asked: str) -> str:
    """The plain answer to a question asking for a figure no item found states."""
    return (
        f'The knowledge base does not hold a figure for this ("{asked}"): none of the items it found states a number '
        "for it, so I won't guess. Ask whoever owns that figure (sales operations for deal and pipeline data), or "
        "enablement to add it."
    )
