"""Concessions a rep offers (a discount, a shorter term, a pilot, paying later, free work) and how the buyer meets each.

`read_offer` reads the turn (a field on the rep's signals); `reaction` is the buyer's side: a concession the
scenario lists under `reactions` is one the buyer asked for and gets the reaction written there; an unasked
discount is pocketed by an easy buyer, bargained over when it is a conditional trade, and otherwise distrusted.
"""

from __future__ import annotations

import re

from copilot.knowledge.schema import OfferReaction
from copilot.roleplay.models import Offer, Scenario

OFFERING = re.compile(
    r"\b((we|i) (can|could|will|would|are happy to|am happy to)(?! (see|understand|imagine|appreciate|tell|hear|relate|follow|"
    r"get why|only imagine)\b)|(we|i)('ll|'d|'re happy to|'m happy to)|we're able|"
    r"happy to|let's|"
    r"let us|how about|what if|would you (take|accept|go for)|i'll give|ok(ay)?\b|fine\b|sure\b|we'd|"
    r"^\W*(just |why not |so )?(try|run|put|pit|test|use|take|give)\b(?! (a look|it away|care|time|me)\b))",
    re.IGNORECASE,
)
OFFER_ASKED = re.compile(r"^\W*(so,? )?(what )?if we\b|\bwe (could|can)\b", re.IGNORECASE)
"""A term put as a question is still offered when we propose it ('If we did a twelve-month term, would that work?')."""
PILOT = re.compile(
    r"\b(pilot|trial|proof of concept|poc)\b|\b(days?|weeks?|months?) (for )?free\b|\bfree for (a |an |\w+ )?(days?|weeks?|month)|\bfree (\w+[- ])?(days?|weeks?|months?)\b|"
    r"\bbake-?off\b|\bhead[- ](to|on)[- ]head\b|\bside[- ]by[- ]side\b|"
    r"\b(tr(y|ies|ied|ying)|test(s|ed|ing)?)\b (it|this|us)\b[^.?!]{0,25}\bfor (the next |the first |a |an )?"
    r"(one|two|three|four|five|six|a couple of|a few|\d{1,2}) (\w+ )?(calls?|cycles?|meetings?|reviews?|sprints?|"
    r"weeks?|days?|months?|closes?)\b|"
    r"\b(r[au]n(ning)?|test(ing|ed)?|tr(y|ying|ied)|us(e|ed|ing)|put(ting)?|keep(ing)?|kept|ha(ve|ving|d))\b[^.?!]{0,40}"
    r"\b(alongside|in parallel (with|to)|next to)\b",
    re.IGNORECASE,
)
"""A pilot by name, free use for a while ('ninety days free it is'), a trial against what they have ('a bake-off',
'run it alongside your spreadsheet'), or trying it out for a few of their own meetings ('tried it for two forecast
calls')."""
_COUNT = (
    r"(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|forty-five|sixty|ninety|a couple of)"
)
SCOPED_TRIAL = re.compile(
    rf"(?=.*\b{_COUNT}( of your)? (teams?|regions?|offices?|squads?|pods?|groups?|sites?|business units?|managers)\b)"
    rf"(?=.*\b{_COUNT}[- ](days?|weeks?|months?)\b)(?!.*\b(years?|term|contract|renewal)\b)",
    re.IGNORECASE,
)
"""A pilot without the word: a part of the buyer's organisation for a short while ('Start small: one team, six weeks.')."""
TIMEBOXED = re.compile(
    rf"\b{_COUNT}[- ](days?|weeks?)\b[^.?!]{{0,15}}\b(on|with|against|over|using)\b[^.?!]{{0,30}}\b(data|pipeline|numbers|"
    rf"deals|quarters?|closes?|actuals|history)\b|"
    rf"\bback-?test\w*\b[^.?!]{{0,60}}\b(in|over|within|for) (the next )?{_COUNT}[- ](days?|weeks?)\b",
    re.IGNORECASE,
)
"""A test on their own past data boxed in time ('thirty days on last quarter's data', 'a back-test on your last two
quarters in three weeks'): a short evaluation the buyer agrees to run, scoped like a pilot."""
_PAYMENT = r"(payments?|invoices?|invoicing|billing|fees?|bills?|first (bill|invoice|payment|charge))"
DEFERRED = re.compile(
    rf"\b(defer\w*|delay\w*|push\w*( back| out)?|postpon\w*|move|moving|shift\w*)\b[^.?!]{{0,25}}\b{_PAYMENT}\b|"
    rf"\b{_PAYMENT}\b[^.?!]{{0,40}}\b(until|till|only (start|come|came|land|kick)\w*|"
    r"(didn't|doesn't|wouldn't|won't|don't) (land|start|come|kick in|be due|hit)|(start|kick)\w* (in|from|after|once|when))\b|"
    r"\b(spread|split|stagger)\w*\b[^.?!]{0,20}\b(payments?|cost|fees?|invoices?|bill|price)\b|"
    r"\b(no|without) (payment|invoice|charge|bill)s? (until|till|before)\b|"
    r"\b(wouldn't|won't|don't|not|never) (invoice|bill|charge)( you)? (until|till|before)\b|"
    r"\b(wouldn't|won't|don't|not) (have to )?pay( a thing| anything| a (penny|cent|dime))? (until|till|before)\b|"
    r"\bpay (nothing|later|in (instalments|installments|arrears)|(\w+ ){0,2}(quarterly|monthly))\b|"
    r"\b(quarterly|monthly) (payments?|billing|instalments|installments)\b|\b(rather than|instead of) (\w+ ){0,3}upfront\b|"
    r"\b(pay|paid|paying|pays)\b( \w+){0,2} (from|in|after|starting( in| from)?|once|when) (the (new|next)|next|your new|"
    r"q[1-4]\b|(january|february|march|april|may|june|july|august|september|october|november|december)\b)",
    re.IGNORECASE,
)
"""Paying later: the first payment deferred ('we wouldn't invoice you until April'), spread out ('quarterly rather than
upfront'), tied to a later event ('only after your controller signs off') or to a later date ('you pay from
April, when the new budget opens')."""
NOT_DEFERRED = re.compile(
    r"\b(can't|cannot|won't|couldn't|no way to|not able to) (defer|delay|push|move|spread)\b", re.I
)


def _defers(unit: str) -> bool:
    """The unit offers to let the buyer pay later: stated, or proposed as a question ('What if the first invoice…?')."""
    if not DEFERRED.search(unit) or NOT_DEFERRED.search(unit):
        return False
    return _offered(unit) if unit.rstrip().endswith("?") else True


AGREED_TO = re.compile(
    r"\b(pilot|trial|proof of concept)\b[^.?!,;]{0,25}\b((is|sounds|seems|would be) (completely |totally |perfectly )?"
    r"(fair|reasonable|fine|sensible|doable|a good idea|the right (call|way|move))|makes (total |complete |good |a lot of )?"
    r"sense|works for (us|me))\b",
    re.IGNORECASE,
)
"""The rep agreeing to what they name ('A pilot is reasonable.'): the thing named is on the table."""
_REFERS_BACK = re.compile(r"\b(it|that|one|them)\b", re.IGNORECASE)
NUMBER = r"(\d{1,2}|five|eight|ten|twelve|fifteen|eighteen|twenty|twenty-five|thirty|forty|fifty|another \w+)"
CONCESSION = re.compile(
    rf"{NUMBER}\s?(%|percent|per cent)\s+(off|discount|more off|lower|cheaper)|\b(another|extra|additional) {NUMBER}\s?(%|percent)|"
    rf"\b(find|found|get|got|give|gave|offer|offered|do|did|move|moved|drop|dropped|come down|came down|cut)( by)? "
    rf"((you|it|them) )?(the price |the )?(by )?{NUMBER}\s?(%|percent)|"
    rf"^\W*(ok(ay)?|fine|all ?right|alright|then|so),? {NUMBER}\s?(%|percent)|"
    rf"{NUMBER}\s?(%|percent),? (then|it is|is (the|my|our) (floor|best|limit))\b|"
    r"\bdiscount\b|room on (the )?price|"
    r"\b(move|flex|come down|bend|drop)( \w+)? on (the )?price|\b(move|come down|drop|give)( by)? \d{1,2}\s?(%|percent)|"
    r"match (their|the|that|your|his|her) (price|quote|number|offer)|price match|\b(knock|take|shave)( \w+){0,4} off\b|"
    r"\bwaive\b|\b(at no (extra |additional )?(cost|charge)|free of charge|on the house|on us)\b|"
    r"\bour (own )?(\w+ )?(engineers?|people|team|consultants?|specialists?|staff)\b[^.?!]{0,40}\b(so (that )?(yours|your \w+|you)"
    r" (don't|won't|do not|will not|never)|not yours|instead of yours|for you)\b|\d{1,2}\s?(%|percent|per cent)( off)? (if|when|provided|as long as) (you|we)\b|"
    r"\b(bring|get|take|drop|put|come)\b[^.?!]{0,30}\b(down|in) (to|at|under) ((\$|€|£)\d[\d,.]*\s?(k|thousand|million)?|\d[\d,.]*\s?(k|thousand|million))\b",
    re.IGNORECASE,
)
"""A price concession in words: an amount off, a discount, room or movement on price, matching a rival's price, a
new price ('we can bring the first year in at 60 thousand')."""
AMOUNT_OFF = re.compile(rf"{NUMBER}\s?(%|percent|per cent)", re.IGNORECASE)


WORK = re.compile(
    r"\b(onboard\w*|training( days?| sessions?)?|train (your|the)|set-?ups?|setting up|set (it |this |them |everything )?up|"
    r"configur\w*|config|implement\w*|migrat\w*|map(ping)? (your|the|all)|load(ing)? (your|the)|data (load|entry|clean-?up)|"
    r"clean-?up|clean (up )?(your|the)|integration work|workshops?|hand-?holding|white-?glove|professional services|"
    r"(success|onboarding|services|implementation|support|solutions?) (team|manager|engineer|consultant|lead)s?|"
    r"csms?|solutions? engineers?|consultants?|admin work|(keeps?|keeping) (\w+ ){0,3}(current|updated|up to date)|"
    r"sit (in )?on|do the (\w+ )?work|build (the|your) (\w+ )?(reports?|dashboards?|models?))\b",
    re.IGNORECASE,
)
"""Work the rep's side can do for the buyer: onboarding, training days, set-up and configuration, migrating or mapping
their data, a success manager's or engineer's time."""
FREE = re.compile(
    r"\b(for free|free( of charge)?|no (extra |additional )?(cost|charge|fee)s?|at no (extra |additional )?(cost|charge)|"
    r"on us|on the house|complimentary|(won't|will not|wouldn't|don't|not|never) (bill|charge|invoice)( you)?|"
    r"without (charging|billing|charge)|throw(ing)? in|waive\w*|gratis)\b",
    re.IGNORECASE,
)
"""The work is given, not sold: free, at no charge, on us, thrown in, not billed."""
PACKAGED = re.compile(
    r"\b(comes with|every (plan|customer|package)|all (plans|customers)|as standard|standard (package|plan)|"
    r"(we|it|which|that|price|plan|licen[cs]e) (always )?includes?|included|including|"
    r"we (always |also )?(offer|provide|run|host|have) (free|complimentary)|(is|are) (always )?free for (all|every))\b",
    re.IGNORECASE,
)
"""What every buyer gets anyway ('onboarding comes with every plan', 'we offer free weekly training'): packaging, not a
concession."""
OUR_PEOPLE_FOR_YOU = re.compile(
    r"\bour (own )?(\w+ ){0,2}(engineers?|people|team|consultants?|specialists?|staff|csms?)\b[^.?!]{0,60}"
    r"\b(so (that )?(yours|your \w+|you) (don't|won't|do not|will not|never|needn't)|not yours|instead of (yours|you)|"
    r"for you|ourselves)\b|\b(we'll|we will|we can|we could|i'll|i can) do (it|that|this|the \w+( \w+)?) (for you|ourselves)\b",
    re.IGNORECASE,
)
"""Our people doing the buyer's work ('our engineers map the stages so yours don't have to'): in kind whether or not
the rep says it is free."""


REFUSED_FREE = re.compile(
    r"\b(can't|cannot|couldn't|won't be able to|not able to|unable to)\b[^.?!]{0,40}\b(free|no (extra )?(cost|charge)|on us)\b",
    re.IGNORECASE,
)
"""Free work the rep says cannot be given ('we can't do the set-up for free')."""


def in_kind(unit: str) -> bool:
    """The unit gives work rather than money: a service named and given free, or our people doing the buyer's work;
    not money off, not what every plan includes, not a refusal ('no free onboarding')."""
    if AMOUNT_OFF.search(unit) or PACKAGED.search(unit) or REFUSED.search(unit):
        return False
    if re.search(r"\b(no|not|never) (\w+ ){0,2}free\b", unit, re.IGNORECASE) or REFUSED_FREE.search(unit):
        return False
    return bool((WORK.search(unit) and FREE.search(unit)) or OUR_PEOPLE_FOR_YOU.search(unit))


REFUSED = re.compile(
    r"\b(no|not a|not any|don't|doesn't|won't|can't|cannot|without( a)?|before we talk)\s+(\w+ )?(discount|numbers|price)",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(r"\bif you\b|\bin (exchange|return) for\b|\bprovided (that )?you\b", re.IGNORECASE)
PROPOSED = re.compile(
    r"^\W*((ok(ay)?|so|fine|fair enough|then|right|well|look)\W+)*(would|could|what if|how about|what about|shall|"
    r"why (don't|do not) (we|you)|why not)\b",
    re.IGNORECASE,
)
"""A proposal put as a question, behind any lead-in ('Fair enough. How about a shorter first contract?')."""
TERM = re.compile(
    r"(?<!not )(?<!than )(?<!\bin )(?<!within )\b(((one|1|a|twelve|12|six|6|two|2)[- ]((single|straight|simple|plain|initial) )?(year|month)s?(?! (ago|like|from now|later|back|or (two|so))\b)|(three|3|nine|9|eighteen|18|twenty-four|24)[- ]months?)\b(?![- ]?(pilot|trial)|'? (of|worth of) )|annual (term|contract|deal)|"
    r"shorter (\w+ )?(term|contract|commitment)|month-to-month|year-to-year|exit clause|break clause|(a|an|the) way out|get out (at|after|early|every)|opt[- ]out|cancel (any ?time|after)|"
    r"(drop|waive|remove) the (multi-year|lock-in|minimum term)|no (lock-in|multi-year)|(term|contract) of (one|a) year|"
    r"(go|going|do|switch to|move to|stay) annual\b|(walk|leave|cancel|terminate|get out)\w*\b[^.?!]{0,30}\bnotice\b|(a )?(cap|ceiling|limit) on (\w+ ){0,4}(renewal|increase|uplift)s?|renewal cap)",
    re.IGNORECASE,
)


EXIT = re.compile(
    r"\b(break clause|exit (clause|option|point)|(a|an|the) way out|get out (at|after|early|every)|"
    r"walk away (at|after|every)|(walk|leave|cancel|terminate|get out)\b[^.?!]{0,30}\bnotice)\b",
    re.IGNORECASE,
)
"""A way out of a term ('two years, and you can get out at twelve months'): the term is offered with it."""
OFFER_IF_I = re.compile(
    r"^\W*((so|ok(ay)?|and|look),? )?if (i|we) (can |could )?(take|took|knock|knocked|give|gave|get|got|drop|dropped|do|did|"
    r"throw|threw|shave|shaved|came down|come down|cut)\b",
    re.I,
)
"""'If I take eight percent off, will you sign this week?', 'If we came down fifteen percent, would that…?': the rep's
own concession, present or past tense, traded for the question."""
_LEAD = re.compile(r"^\W*([^,;?]{1,60}),\s*(?!(what|when|who|whose|where|why|which|how)\b)", re.IGNORECASE)


def named_up_front(sentence: str) -> bool:
    """The sentence opens with a concession named alone ('Fifteen percent off, could we close by Friday?',
    'Eighteen months, and you can get out at six'): what follows asks for the trade."""
    lead = _LEAD.match(sentence)
    if not lead or _VERB.search(lead.group(1)) or _CLAUSE_START.search(lead.group(1)):
        return False
    head = lead.group(1)
    return bool(
        re.search(rf"{NUMBER}\s?(%|percent|per cent)\s+off\b", head, re.IGNORECASE)
        or (TERM.search(head) and TERM.search(sentence[lead.end() :]))
        or (re.search(r"\b(years?|months?)\b", head, re.IGNORECASE) and EXIT.search(sentence))
    )


_ASKED_AFTER = re.compile(
    r"\s+[-\u2013\u2014]+\s+(?=(would|does|do|is|will|can|could|how|what)\b)|,\s+(?=(would|does|will|could) (that|this|it)\b)",
    re.IGNORECASE,
)
"""Where a question tacked on after a dash or comma starts ('…, I can come down 6 percent - would that work?')."""


def _offered(sentence: str) -> bool:
    """The sentence puts something on the table: an offer, a conditional trade, or a proposal as a question."""
    question = sentence.rstrip().endswith("?")
    if OFFER_IF_I.search(sentence) or named_up_front(sentence):
        return True
    head = _ASKED_AFTER.split(sentence, maxsplit=1)[0]
    if question and head != sentence and _offered(head.rstrip(" ,") + "."):
        return True  # 'I can come down 6 percent - would that work?': offered, then checked in the same sentence
    return (
        bool(PROPOSED.search(sentence) or OFFER_ASKED.search(sentence))
        if question
        else bool(OFFERING.search(sentence) or CONDITIONAL.search(sentence))
    )


_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_START = re.compile(
    r"^\W*(i|we|you|they|it|that|this|there|he|she|let's|let|so|and|but|if|what|how|why|who|when|which|would|could|"
    r"can|do|does|is|are|will|shall|should|our|my|honestly|look|here's|here|i'm|i'll|we'll|we're|it's|that's)\b",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(is|are|was|were|be|been|do|does|did|have|has|had|can|could|will|would|should|shall|must)\b", re.I
)
FRAGMENT_WORDS = 16
"""A short sentence with no subject and no verb of its own ('Two teams, thirty days.') adds to the one before it."""


def is_fragment(sentence: str) -> bool:
    """The sentence only adds detail to the previous one: short, no question, no subject or verb of its own."""
    words = sentence.split()
    return (
        0 < len(words) <= FRAGMENT_WORDS
        and not sentence.rstrip().endswith("?")
        and not _CLAUSE_START.search(sentence)
        and not _VERB.search(sentence)
    )


def offer_units(text: str) -> list[str]:
    """The turn's sentences, each with the verbless fragments that follow it ('We could start with a pilot. Two
    teams, thirty days.' is one offer)."""
    units: list[str] = []
    for sentence in _SENTENCES.split(text.strip()):
        if units and is_fragment(sentence):
            units[-1] = f"{units[-1]} {sentence}"
        elif sentence:
            units.append(sentence)
    return units


def _main_clause(unit: str) -> str:
    """The unit without its 'if you …,' condition: what the rep asks for there is not what the rep gives."""
    return re.sub(
        r"\b(if|provided|as long as|in (exchange|return) for)\b( that)? you\b[^,;]*[,;]?", " ", unit, flags=re.I
    )


BARE_RAISE = re.compile(
    r"^\W*((ok(ay)?|fine|all ?right|alright|then|so|look|let's say|call it|make it|i can do)\W+)*(\d{1,2})\b"
    r"(?!\s*(%|percent|per cent|days?|weeks?|months?|years?|teams?|seats?|reps?|users?|k\b|thousand|minutes?|hours?))",
    re.IGNORECASE,
)
"""A number alone while the buyer is bargaining over a discount ('ok 10 then, that's my floor'): the new amount off."""


def raised_discount(text: str) -> str | None:
    """The amount a bare number names while a discount is being bargained over ('10 percent'), else None."""
    found = BARE_RAISE.search(text)
    return f"{found.group(4)} percent" if found else None


def read_offer(text: str, discount: bool = False) -> Offer:
    """The concession a turn offers: a pilot, a shorter term, a discount, paying later, free work, or none.

    `discount` is the reader's own reading; a price concession named in words counts too, once it is offered.
    A sentence and the verbless fragments after it are read as one offer; a term the rep asks for in an
    'if you …' condition is the buyer's side of a trade, not a concession.
    """
    units = offer_units(text)
    for at, unit in enumerate(units):
        head = unit.split(". ")[0] if unit.count(". ") else unit
        after = units[at + 1] if at + 1 < len(units) else ""
        pilot = _pilot(unit)
        if (
            pilot
            and not REFUSED.search(unit)
            and (AGREED_TO.search(unit) or (_offered(after) and _REFERS_BACK.search(after)))
        ):
            return "pilot"  # 'A pilot makes sense. We could run it on two teams.': named, then offered
        defers = _defers(unit)
        kind = in_kind(unit) and not pilot and not defers
        if not _offered(head) and not _offered(unit) and not defers and not kind:
            continue
        # the reader's discount is not money off when the unit names a term and no concession ('go annual, with a cap
        # on any price increase')
        heard = discount and re.search(r"\d\s?%|price", unit) and not TERM.search(_main_clause(unit))
        price = (CONCESSION.search(unit) or heard) and not REFUSED.search(unit)
        if price and AMOUNT_OFF.search(unit):
            return "discount"  # '30% off after the pilot' gives money, not a pilot
        if pilot:
            return "pilot"
        if defers:
            return "deferred"  # 'hold the price and move the first payment': paying later, not money off
        if kind:
            return "services"  # 'we'll do the onboarding for free': work given, not money off
        if price:
            return "discount"
        main = _main_clause(unit)
        if TERM.search(main) and (
            not unit.rstrip().endswith("?") or OFFER_ASKED.search(unit) or PROPOSED.search(unit) or named_up_front(unit)
        ):
            return "term"
    return "none"  # a percentage said without offering it ('40 percent cheaper') is not a concession


_CLAUSES = re.compile(
    r",\s*(?:and|plus)\s+|;\s*|\s+and also\s+|\s+and (?=(?:i|we)(?:'ll|'d| can| could| will)\b)", re.I
)


def offers_in(text: str, discount: bool = False) -> list[Offer]:
    """Every concession the turn offers, in order: 'twelve months, and I'll keep the 10 percent' gives a term and a
    discount, where `read_offer` names the one that leads."""
    found: list[Offer] = []
    for unit in offer_units(text):
        for clause in [unit, *_CLAUSES.split(unit)]:
            kind = read_offer(clause, discount and clause == unit)
            if kind != "none" and kind not in found:
                found.append(kind)
    return found


def _pilot(unit: str) -> bool:
    """The unit is about running a pilot: by name, as free use for a while, or as a part of the organisation for a
    short time; not the results or criteria of one already agreed."""
    if re.search(r"\b(results?|criteria) of the pilot\b", unit, re.IGNORECASE):
        return False
    if re.search(
        r"\bback-?test|\b(last|past|previous) (\w+ )?(quarters?|months?|years?)\b|\bhistor", unit, re.I
    ) and not (re.search(r"\b(pilot|trial|proof of concept|poc)\b", unit, re.IGNORECASE)):
        # a side-by-side on past quarters is evidence, not a trial the buyer runs, unless it is offered for a set
        # number of days or weeks: a scoped evaluation
        return bool(TIMEBOXED.search(unit))
    return bool(PILOT.search(unit) or SCOPED_TRIAL.search(unit))


def conditional(text: str) -> bool:
    """The concession is traded for something ('if you sign by the 28th, …')."""
    return bool(CONDITIONAL.search(text))


def offer_sentence(text: str, offer: Offer) -> str:
    """The sentence of the turn that made the offer, with the fragments that detail it (for the record and the feedback)."""
    pattern = {"pilot": PILOT, "term": TERM, "deferred": DEFERRED}.get(offer)
    units = offer_units(text)
    if offer == "services":
        return next((u for u in units if in_kind(u)), text)
    if offer == "discount":  # the unit that gives money off, not an earlier one that only names the price
        given = next(
            (u for u in units if (CONCESSION.search(u) or AMOUNT_OFF.search(u)) and not REFUSED.search(u)), None
        )
        if given is not None:
            return given
    for at, unit in enumerate(units):
        if offer == "pilot" and _pilot(unit):
            after = units[at + 1] if at + 1 < len(units) else ""
            return f"{unit} {after}" if after and _offered(after) and _REFERS_BACK.search(after) else unit
        if pattern is not None and pattern.search(unit if offer != "term" else _main_clause(unit)):
            return unit
        if pattern is None and re.search(r"\d|discount|off|price|free|match|waive|percent", unit, re.IGNORECASE):
            return unit
    return text


WHEN_MONEY = frozenset({"price", "timing", "contract"})
"""Objection categories paying later speaks to: what it costs, when, on what terms."""


def settles_by_paying_later(title: str, category: str | None) -> bool:
    """The concern is when the money is there ('No budget until April', 'Call me next year'): paying later answers it."""
    return category == "timing" or "budget" in title.lower()


WORK_CONCERNS = frozenset({"implementation"})
"""Objection categories free work speaks to: the effort and the people it takes."""
EFFORT = re.compile(r"\b(use|time|resources?|learn|effort|implement\w*|pilot|custom\w*)\b", re.IGNORECASE)


def settles_by_work(title: str, category: str | None) -> bool:
    """The concern is the work it takes them ('We don't have the resources', 'Our reps won't use it', 'We want a pilot
    first'): work done for them answers it; against the price, a contract or a security rule it changes nothing."""
    return category in WORK_CONCERNS or (category in ("risk", "need") and bool(EFFORT.search(title)))


def settles(offer: Offer, title: str, category: str | None) -> bool:
    """The offer answers the concern as if asked: paying later for when the money is there, free work for the effort."""
    return settles_by_work(title, category) if offer == "services" else settles_by_paying_later(title, category)


def reaction(
    scenario: Scenario,
    offer: Offer,
    live: str | None,
    trade: bool,
    about_price: bool = True,
    *,
    concern: tuple[str, str | None] | None = None,
) -> tuple[OfferReaction, bool]:
    """How the buyer meets the offer, and whether the buyer had asked for it.

    An unasked discount against a concern that is not about price (time, trust, security) answers nothing:
    the buyer distrusts it whatever the difficulty. Paying later (`concern` is the live objection's title and
    category) answers a concern about when the money is there, as if asked, and free work (services) one about the
    effort: an easy buyer takes it, others bargain; against anything else it changes nothing, so a tough buyer
    distrusts it and others bargain.
    """
    for r in scenario.reactions:
        if r.offer == offer and (r.objection is None or r.objection == live):
            return r.reaction, True
    if offer in ("deferred", "services") and concern is not None:
        answers = settles(offer, *concern)
        if scenario.difficulty == "easy":
            return "take", answers
        if answers or scenario.difficulty == "realistic":
            return "counter", answers
        return "distrust", False
    if offer == "discount" and not about_price:
        return "distrust", False
    if scenario.difficulty == "easy":
        return "take", False
    if trade and scenario.difficulty == "realistic":
        return "counter", False
    return "distrust", False
