"""The moves head: what a sales rep does in each sentence of a roleplay or call turn.

Labels (multi-label per sentence):

- acknowledge: names or validates the buyer's concern or situation ("That's a fair worry").
- clarify: asks to understand the concern, the buyer's situation or process ("What are you comparing it with?").
- value: answers with what the buyer gets, without evidence ("You'd spot a slipping deal in time").
- proof: answers with evidence: a customer result, a number, a certification, a reference, a test on their data.
- check: asks whether the answer landed or what is still missing ("Does that address what went wrong?").
- next_step: proposes a concrete next step (who, what, usually when).
- discount: concedes on price (a cut, free months, a waived fee); a deadline to sign is not a trade.
- dismiss: argues with, belittles or waves away the concern ("Everyone gives us mailbox access, it's standard").
- monologue: pitch or feature-list talk; a turn of it with no question is a monologue (copilot.reader.moves).
- off_topic: small talk or anything unrelated to the deal.

The word patterns below were the roleplay's rules (copilot/roleplay/cues.py) before the reader; here they are
features only: the head learns how much each counts next to the sentence's embedding.
"""

from __future__ import annotations

import functools
import math
import re

from copilot.reader.features import PatternFeature, matches
from copilot.reader.spec import HeadSpec

LABELS = (
    "acknowledge",
    "clarify",
    "value",
    "proof",
    "check",
    "next_step",
    "discount",
    "dismiss",
    "monologue",
    "off_topic",
)


def rx(*parts: str) -> re.Pattern[str]:
    """One case-insensitive alternation from readable parts, matched on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts) + r")", re.IGNORECASE)


ACKNOWLEDGE = rx(
    r"i (completely |totally |fully |really |do )?(understand|hear you|hear that|get (it|that|why)|appreciate)",
    r"i can (see|understand|appreciate)",
    r"(that|this|it)('s| is| was) (a |an )?(completely |totally |very |really |entirely )?"
    r"(fair|reasonable|good|important|real|valid|common|understandable|sensible|legitimate|serious|natural|hard)\b",
    r"(fair|good|great|reasonable|important|valid|real|common|legitimate) (point|question|concern|challenge|"
    r"worry|ask|request|position|requirement)",
    r"makes (complete |total |a lot of |perfect )?sense",
    r"(completely|totally|entirely|perfectly) (understandable|reasonable|fair)",
    r"you('re| are) right( to|,| that)",
    r"i('d| would) (feel|be|want|ask) (the same|exactly the same|that too|cautious)",
    r"thanks? (you )?for (raising|sharing|telling|being|flagging)",
    r"^(understood|of course|fair enough|got it)\b",
    r"i respect",
    r"no (wonder|surprise) you",
    r"sounds like",
    r"i('m| am) sorry to hear",
    r"^(happy|glad) to (help|send|share|do that|put)",
    r"(is|are) (a |an )?(hard|real|fair|reasonable|sensible|normal|valid|big|common) "
    r"(requirement|concern|worry|position|question|point|request|policy|risk|rule|thing to)",
    r"(wanting|asking for) [a-z ]{2,30} (is|makes) (completely |perfectly )?(reasonable|sense|fair)",
)
ARGUE = rx(
    r"you('re| are) (wrong|overthinking|overreacting|being)",
    r"that('s| is) (simply |just |really )?not (true|right|correct|a real|how|the case|an issue|a problem)",
    r"not a real (concern|issue|problem|risk|blocker)",
    r"i disagree",
    r"with (all )?(due )?respect",
    r"you (just |really )?(need|have|ought) to (trust|understand|accept|see|believe)",
    r"trust me",
    r"you('ll| will) regret",
    r"(making|be) a (big )?mistake",
    r"everyone (says|uses|gives|does)",
    r"nobody (worries|cares)",
    r"you('d| would) be surprised",
    r"you (really |simply |just )?(should|must)\b",
    r"(doesn't|does not|don't|do not) matter",
    r"non-?issue|overblown|a myth|paranoid|a formality|junk|a toy",
    r"(obviously|clearly) you",
    r"(it's|that's) standard",
    r"take it or leave it",
)
DISCOUNT = rx(
    r"\d{1,2}\s?(%|percent|per cent)\s+(off|discount|lower|less|more off|cheaper|reduction)",
    r"(percent|%) off",
    r"(give|offer|do|add|take|knock|shave|throw in|find|match|accept|agree to|get you) (\w+ ){0,3}\d{1,2}\s?"
    r"(%|percent|per cent)",
    r"(give|offer|get|do|throw in|find|approve) (you )?(a |an |some |another |extra |further |bigger )?"
    r"(\w+ )?(discount|reduction|price cut|rate)",
    r"match (their|the|that|your|whatever|the competitor's|the add-on's) (price|quote|number|offer)?",
    r"price-?match",
    r"(knock|take|shave|drop|cut) (\w+ ){0,4}off",
    r"(drop|cut|lower|reduce|halve) (the |our |my |it )?(price|fee|number|cost|license)?",
    r"free\b|no (cost|charge)|for nothing|\bwaive\b|half price",
    r"room (on|to come down on) (the )?price",
    r"come down on price",
    r"(let's say|call it) \d{1,2}\s?(%|percent)",
    r"special (price|pricing|deal|offer|rate)",
)
NO_DISCOUNT = rx(
    r"(no|not a|doesn't|does not|won't|can't|cannot|without( a)?|before we talk) (\w+ )?discount",
    r"(can't|cannot|won't|will not|not|never) (\w+ ){0,3}free",
    r"off the table",
    r"at list\b",
)
TRADE = rx(
    r"if you (can |could |'d |would |are able to |were to )?(commit|agree|extend|prepay|pay (annually|upfront|up front)|"
    r"be a (case study|reference)|take (a|the) (two|three|multi)|expand|add|sign (a |for )?(two|three|multi))",
    r"if you .{0,40}\b(two|three|multi|2|3)[- ]year",
    r"in (exchange|return) for",
    r"(would|could|can|will) (\w+ )?(trade|exchange)",
    r"price lock",
)
DEADLINE = rx(r"(sign|commit|decide|close)\w* (\w+ ){0,2}(today|now|this (week|month|quarter)|by|before)")
VERIFY = rx(
    r"back-?test",
    r"reference (call|customer|check)",
    r"case stud(y|ies)",
    r"soc ?2",
    r"iso ?27001",
    r"security pack",
    r"pen-?test",
    r"audit",
    r"certif",
    r"on your (own )?(data|deals|numbers|pipeline|history|last)",
    r"(speak|talk) (to|with) (a |one of our |another )?customers?",
    r"put you in touch|connect you with|introduce you to",
    r"side[- ]by[- ]side",
)
CUSTOMER = rx(r"customers?|clients?|(a|one of our|an?) \w+ (company|firm|developer|bank|retailer|distributor|broker)")
NUMBER = re.compile(
    r"\b\d+(?:[.,]\d+)?\b|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|half|third|quarter)\b",
    re.IGNORECASE,
)
CHECK_SUBJECT = rx(
    r"^(?:[^,?]{0,100},\s*)?(?:and |so |but |then |now |okay,? )?(does|did|would|will|is|was|could|can|do) "
    r"(that|this|it|those|these|hearing)\b",
    r"how (does|did|would) (that|this|it) (sound|land|compare|fit|feel|look|sit)",
    r"(have|did) i (answered|addressed|covered|answer|address|cover|miss)",
    r"what (else|would still|is still|remains|part|bit|would you still|do you make|'s your (take|reaction))",
    r"anything (else|missing|i've missed|i missed)",
    r"is there (anything|another|something)",
    r"which of (those|these)",
    r"where does that leave",
    r"am i (on the right|missing)",
)
CHECK_GENERIC = rx(
    r"make sense\??$",
    r"(is|was) (that|this|it) (ok|okay|alright|all right|clear|fine)\??$",
    r"sound good\??$",
    r"any (other )?questions",
    r"(ok|okay|right)\?$",
)
STEP = rx(
    r"book",
    r"schedul",
    r"set (up|a date|a time)",
    r"arrange",
    r"(calendar|diary|invite)",
    r"follow-?up",
    r"next (meeting|call|step)",
    r"pilot plan|evaluation plan|mutual plan|rollout plan|success criteria",
    r"workshop|session|review|kick-?off|readout|walkthrough|walk (you|them|\w+) through",
    r"(call|meeting) with",
    r"\bdemo\b",
    r"introduc",
    r"order form|signature|sign by",
    r"join (the|your|you)",
    r"pencil in|lock in|put a date",
)
MEETING = rx(r"talk|chat|speak|catch up|reconnect|regroup|minutes|go (through|over)|meet\b|call\b")
PROPOSE = rx(
    r"(could|can|shall|should|may) (we|i)\b",
    r"would (you|your \w+) (like|be open|be willing|agree|be up for|want|have|be free|join)",
    r"would it (be worth|make sense|help)",
    r"how about",
    r"what if we",
    r"let('s| us| me)\b",
    r"i('ll| will| can| could)\b",
    r"we (can|could|will|'ll)\b",
    r"(are|is) (you|your \w+) (free|available)",
    r"(does|would|will|could) (\w+ ){0,2}work",
    r"why don't we",
    r"i suggest|i propose|i'd suggest|i'd propose|i'd like to propose",
)
DATE = rx(
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    r"tomorrow|today|tonight",
    r"(next|this) (week|month|quarter)",
    r"the \d{1,2}(st|nd|rd|th)",
    r"\d{1,2}(st|nd|rd|th)\b",
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}\b",
    r"at \d{1,2}(:\d\d)?\s?(am|pm)?\b",
    r"\d{1,2}(:\d\d)?\s?(am|pm)\b",
    r"end of (the )?(week|month)",
    r"\d{1,2}/\d{1,2}",
    r"by (the )?(\d|end|close)",
    r"week of|week after",
)
VAGUE_STEP = rx(
    r"send (you |over |across )?(the |some |more |a )?(details|info|information|deck|brochure|material)",
    r"let me know",
    r"keep in touch",
    r"get back to (me|you)",
    r"touch base",
    r"circle back",
    r"reach out",
)
BARE_CLOSE = rx(
    r"paperwork",
    r"(the |a )?contracts?",
    r"sign(ed|ing)?( it| this| off| up)?",
    r"order form",
    r"purchase order",
    r"get (started|going|moving|this (done|over the line))",
    r"move (forward|ahead)",
    r"go ahead",
    r"close (this|it|the deal)",
)
"""A push to close: the paperwork, a signature, 'move forward'. Not a step that resolves the concern unless it also
names one (NAMED_STEP)."""
NAMED_STEP = rx(
    r"calls?|meetings?|sessions?|walk ?-?through|reviews?|demo|workshop|pilot|trial|test|back-?test|references?",
    r"intro(duc\w*)?|finance|cfo|legal|procurement|security|it team|board|committee|business case|plan|proposal",
    r"numbers|case study|data|sandbox",
)
"""What a concrete step names: the activity (a call, a review, a pilot) or who joins it (finance, legal, security)."""
FEATURES = rx(
    r"dashboards?",
    r"\bai\b",
    r"scor(e|es|ing)",
    r"alerts?",
    r"mobile",
    r"\bapps?\b",
    r"integrat\w*",
    r"analytics",
    r"reports?|reporting",
    r"\bapi\b",
    r"modules?",
    r"features?",
    r"automation",
    r"support",
    r"platform",
    r"roadmap",
    r"views?",
)
VALUE = rx(
    r"you('d| would| will|'ll) (be able|get|have|know|see|spot|stop|keep|save)",
    r"your (team|reps|managers|finance|board|admins|analysts) (get|gets|stop|spend|don't|can|would|will|keep)",
    r"(it|this|that) (means|gives|lets|helps|saves|takes|turns|replaces|pays|fits|works)",
    r"instead of",
    r"so (that )?you",
)
SOCIAL = rx(
    r"weekend|holiday|vacation|weather|rain|snow|traffic|lunch|coffee|dinner|podcast|movie|book|game|match|final|"
    r"team won|puppy|dog|cat|kids|daughter|son|family|birthday|marathon|golf|basketball|football|flight|conference|"
    r"keynote|stock market|election|news|music|city|office|view|art|hobby|recommend",
)
_LEAD = re.compile(r"^(?:(?:so|and|but|well|okay|ok|yeah|oh|now|alright|right|look|um|uh|like|just)\b[,.]?\s*)+", re.I)


def core(text: str) -> str:
    """The sentence without leading discourse markers ("so, okay, and …")."""
    return _LEAD.sub("", text).strip()


def _on_core(name: str, pattern: str) -> PatternFeature:
    compiled = re.compile(pattern, re.IGNORECASE)
    return PatternFeature(name, lambda s: 1.0 if compiled.match(core(s)) else 0.0)


def offers_discount(sentence: str) -> bool:
    """A price concession is named (and not refused) in the sentence."""
    return bool(DISCOUNT.search(sentence)) and not NO_DISCOUNT.search(sentence)


def is_trade(sentence: str) -> bool:
    """The concession is exchanged for something of value (a longer term, a case study), not a deadline to sign."""
    return bool(TRADE.search(sentence))


CUE_WORDS = tuple(
    str.split(
        "i you your we our us they it that this what how why who where which when whether can could would will "
        "should must shall may might do does did is are was were not no never n't don't doesn't isn't won't can't "
        "just really honestly frankly obviously clearly actually always everyone everybody nobody anyone standard "
        "wrong true right fair real concern worry worried risk understand hear get appreciate sense sorry thanks "
        "thank agree disagree trust believe mistake problem issue matter overthinking paranoid myth "
        "if sign today now week percent off discount free price cost fee match drop cut waive deal "
        "customer customers company firm reference case study audited certified report results cut reduced "
        "book schedule set call meeting session review next tuesday thursday friday monday wednesday invite "
        "means get gets save saves stop instead so less more faster earlier without "
        "does that help land sound answer address cover enough missing else still "
        "weekend holiday weather game family lunch sorry one second "
        "we've we're i'm i'll i'd let's you'd you'll you're it's that's there's"
    )
)
_TOKENS = re.compile(r"[a-z]+(?:'[a-z]+)?")


@functools.lru_cache(maxsize=8192)
def _tokens(sentence: str) -> frozenset[str]:
    """The sentence's words, found once for all the word features (a call review reads thousands of sentences)."""
    return frozenset(_TOKENS.findall(sentence))


def _word(word: str) -> PatternFeature:
    return PatternFeature(f"w_{word}", lambda s: 1.0 if word in _tokens(s) else 0.0)


PATTERNS: tuple[PatternFeature, ...] = (
    *(_word(w) for w in dict.fromkeys(CUE_WORDS)),
    matches("ends_question_mark", r"\?\s*$"),
    matches("has_question_mark", r"\?"),
    _on_core("starts_wh", r"(what|how|why|who|where|which|when|tell me|walk me|help me understand)\b"),
    _on_core("starts_aux", r"(do|does|did|is|are|was|were|would|could|can|will|have|has|shall|am)\b"),
    matches("ack_cue", ACKNOWLEDGE),
    matches("argue_cue", ARGUE),
    PatternFeature("discount_cue", lambda s: 1.0 if offers_discount(s) else 0.0),
    matches("trade_cue", TRADE),
    matches("deadline_cue", DEADLINE),
    matches("verify_cue", VERIFY),
    matches("customer_cue", CUSTOMER),
    PatternFeature("numbers", lambda s: min(3, len(NUMBER.findall(s))) / 3),
    matches("check_subject", CHECK_SUBJECT),
    matches("check_generic", CHECK_GENERIC),
    matches("step_cue", STEP),
    matches("propose_cue", PROPOSE),
    matches("date_cue", DATE),
    matches("meeting_cue", MEETING),
    matches("vague_step", VAGUE_STEP),
    matches("value_cue", VALUE),
    matches("social_cue", SOCIAL),
    PatternFeature("feature_terms", lambda s: min(6, len({m.group(0) for m in FEATURES.finditer(s)})) / 6),
    PatternFeature("commas", lambda s: min(8, s.count(",")) / 8),
    matches("you_form", r"\b(you|your|you're|you'd|you'll)\b"),
    PatternFeature("log_words", lambda s: math.log1p(len(s.split()))),
)

SPEC = HeadSpec(
    name="moves",
    labels=LABELS,
    patterns=PATTERNS,
    use_context=False,
    l2=8.0,
    thresholds={label: 0.35 for label in LABELS},
)
