"""Word patterns that read a rep's turn (acknowledging, arguing, discounting, checking, proposing a step).

Kept apart from the rules in signals.py so each rule reads as a rule, and so the patterns can be reviewed
against the labelled scripts in evals/roleplay/ in one place.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A word set from one readable string."""
    return frozenset(text.split())


def rx(*parts: str) -> re.Pattern[str]:
    """One case-insensitive alternation from readable parts, matched on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts) + r")", re.IGNORECASE)


ACKNOWLEDGE = rx(
    r"i (completely |totally |fully |really |do )?(understand|hear you|hear that|get (it|that|why)|appreciate)",
    r"i can (see|understand|appreciate)",
    r"(that|this|it)('s| is| was) (a |an )?(completely |totally |very |really |entirely )?"
    r"(fair|reasonable|good|important|real|valid|common|understandable|sensible|standard|legitimate|serious|"
    r"natural|big|hard|key|sound)\b",
    r"(fair|good|great|reasonable|important|valid|real|common|legitimate) (point|question|concern|challenge|"
    r"worry|ask|request|position|requirement|policy)",
    r"makes (complete |total |a lot of |perfect )?sense",
    r"(completely|totally|entirely|perfectly) (understandable|reasonable|fair)",
    r"you('re| are) right( to|,| that)",
    r"i('d| would) (feel|be|want) (the same|exactly the same|that too)",
    r"it makes sense (to|that|you)",
    r"thanks? (you )?for (raising|sharing|telling|being|flagging|the redlines|sending)",
    r"^understood\b",
    r"^of course\b",
    r"congratulations",
    r"happy to (work|help|send|share)",
    r"i know (managers|how|that|what|it)",
    r"(wanting|asking for) [a-z ]{2,30} (is|makes) (reasonable|sense|fair)",
    r"(is|are) (a |an )?(hard|real|fair|reasonable|sensible|normal|valid|big) "
    r"(requirement|concern|worry|position|question|point|request|policy|risk)",
    r"i respect",
    r"(a|the) (fair|reasonable|sensible|natural|right|smart) thing to",
    r"i (believe|trust) you\b",
    r"no (wonder|surprise) you",
    r"(is|are) (a |an )?(normal|common|expected) ",
    r"(is|are) (part of|normal|common|expected)\b",
    r"i hear (that|this) (a lot|often|from)",
    r"sounds like",
    r"that's (exactly )?(the|a) (kind|right) of",
)
ARGUE = rx(
    r"you('re| are) wrong",
    r"that('s| is) (simply |just |really )?not (true|right|correct|a real|how|the case|an issue|a problem)",
    r"not a real (concern|issue|problem|risk)",
    r"i disagree",
    r"with (all )?(due )?respect",
    r"you (just |really )?(need|have|ought) to (trust|understand|accept|see|find|realise|realize|get)",
    r"trust me",
    r"you('ll| will) regret",
    r"you('re| are) making a mistake",
    r"everyone says that",
    r"no,? you can('t|not)",
    r"you('d| would) be surprised",
    r"you (really |simply |just )?(should|must)\b",
    r"(is|would be) too late",
    r"(just|simply) better",
    r"(doesn't|does not|don't|do not) matter",
    r"is not an issue",
    r"(obviously|clearly) you",
    r"are just (wrong|mistaken)",
)
DISCOUNT = rx(
    r"\d{1,2}\s?(%|percent|per cent)\s+(off|discount|lower|less|more off|cheaper|reduction)",
    r"\d{1,2}\s?(%|percent|per cent)\s+(more|on top|extra|further)\b",
    r"(give|offer|do|add|take|knock|shave|throw in|find|match|accept|agree to) (\w+ ){0,3}\d{1,2}\s?(%|percent|per cent)",
    r"(give|offer|get|do|throw in|find) (you )?(a |an |some |another |extra |further |bigger )?"
    r"(\w+ )?(discount|reduction|price cut)",
    r"match (their|the|that|your|his|her) (price|quote|number|offer)",
    r"(knock|take|shave|drop|cut) (\w+ ){0,4}off",
    r"(drop|cut|lower|reduce) (the |our |my )?(price|fee|number|cost)",
    r"price match",
    r"free (for|month|months|pilot|trial|year|of charge)",
    r"\bwaive\b",
    r"room on (the )?price",
    r"(let's say|call it) \d{1,2}\s?(%|percent)",
    r"special (price|pricing|deal|offer)",
)
NO_DISCOUNT = rx(
    r"(no|not a|doesn't|does not|won't|can't|cannot|without( a)?|before we talk) (\w+ )?discount",
    r"(can't|cannot|won't|will not|not|never) (\w+ ){0,3}free",
    r"off the table",
)
TRADE = rx(
    r"if you (can |could |are able to |were to |'re able to )?(\w+ ){0,6}"
    r"(sign|commit|move|agree|extend|go|take|give|provide|act|serve|be|buy|expand|add|pay|prepay)\b",
    r"in (exchange|return) for",
    r"(would|could|can|will) (\w+ )?(trade|exchange)",
)
VERIFY = rx(
    r"back-?test",
    r"reference (call|customer|check)",
    r"case stud(y|ies)",
    r"soc ?2",
    r"iso ?27001",
    r"security pack",
    r"pen-?test",
    r"data-?flow",
    r"on your (own )?(data|deals|numbers|pipeline|history|last)",
    r"(speak|talk) (to|with) (a |one of our |another )?customers?",
    r"(show|see) (you |it )?(live|on your)",
    r"success criteria",
    r"data-processing agreement|\bdpa\b",
    r"side-by-side",
)
CHECK_SUBJECT = rx(
    r"^(?:[^,?]{0,100},\s*)?(?:and |so |but |then |now )?(does|did|would|will|is|was|could|can|do) "
    r"(that|this|it|those|these)\b",
    r"how (does|did|would) (that|this|it) (sound|land|compare|fit|feel|look)",
    r"(have|did) i (answered|addressed|covered|answer|address|cover)",
    r"what (else|would still|is still|remains|part|bit|would you still)",
    r"anything (else|missing|i've missed|i missed)",
    r"is there (anything|another|something)",
    r"which (of (those|these)|option|one) ",
    r"(feel|sound|seem|look)s? like (a |the )?(sensible|fair|good|reasonable|useful|right|workable|helpful)",
    r"(is|would) (that|this|it) (be )?(worth|enough|useful|helpful|acceptable|workable)",
    r"(look|looks|feel|feels|seem|seems|sound|sounds) (any )?(different|better|worth)",
    r"(do|does|would) you feel (ready|comfortable|confident|good|better|able)",
    r"(are|is|would) you (be )?(comfortable|happy|ready|confident) (with|to)",
    r"(be|is) (a )?(fair|good|reasonable|useful|sensible|realistic) (test|way|start|basis|measure|trade)",
    r"(does|would|did) (that|this|the \w+) (look|feel|seem|change|shift)",
    r"\b(fit|fits|work|meet|meets|cover|covers|address|addresses|resolve|resolves|satisfy|satisfies|acceptable|"
    r"settle|settles|answer|answers)\b .{0,40}"
    r"(policy|concern|need|requirement|question|worry|council|regulator|team|board|budget owner)",
)
OPEN_AFTER_CLAUSE = re.compile(
    r"^(?:[^,?]{0,80},\s*)?(?:and |so |but )?(?:how\b|why\b|what\b(?! (time|day|date)\b)|"
    r"where (?:does|do|did|is|are)\b|which\b(?! (day|time|date|of (those|these))\b)|who\b|walk me\b|tell me\b|"
    r"help me understand\b)",
    re.IGNORECASE,
)
CHECK_GENERIC = rx(
    r"make sense\??$",
    r"(is|was) (that|this|it) (ok|okay|alright|all right|clear|fine)\??$",
    r"sound good\??$",
    r"any (other )?questions",
    r"(ok|okay|right)\?$",
    r"you know\?$",
    r"agreed\?$",
)
STEP = rx(
    r"book",
    r"schedul",
    r"set (up|a date|a time)",
    r"arrange",
    r"(in|into|on) (the|your|our|my) (calendar|diary)",
    r"(calendar )?invite",
    r"meet again",
    r"follow-up (call|meeting)",
    r"next (meeting|call|step)",
    r"back-?test",
    r"pilot",
    r"workshop",
    r"session",
    r"review",
    r"walk (you|them|\w+) through",
    r"(call|meeting) with",
    r"\bdemo\b",
    r"kick-?off",
    r"business case",
    r"order form",
    r"evaluation plan|mutual plan|close plan|rollout plan",
    r"reference call",
    r"introduc",
    r"go through it",
    r"write (that|it) down",
    r"send (you )?(the |our |a |an )?(security pack|pack|dpa|agreement|summary|one-page|business case|order form)",
    r"submit",
    r"(legal|security|review|kick-?off|planning|follow-?up) (call|meeting|session)",
    r"(target|aim for|plan for) (signature|signing|go-live)",
    r"join (the|your|you)",
)
MEETING = rx(r"talk|chat|speak|catch up|reconnect|regroup|minutes|go (through|over)|meet\b")
PROPOSE = rx(
    r"(could|can|shall|should|may) (we|i)\b",
    r"would you (like|be open|be willing|agree|be up for|want)",
    r"how about",
    r"what if we",
    r"let('s| us)\b",
    r"i('ll| will| can| could)\b",
    r"we (can|could|will|'ll)\b",
    r"(are|is) (you|your \w+) (free|available)",
    r"(does|would|will|could) (monday|tuesday|wednesday|thursday|friday|next week|that date|that time|\w+day) work",
    r"agree (to|on)\b",
    r"why don't we",
    r"i suggest|i propose|i'd suggest|i'd propose|my suggestion",
)
DATE = rx(
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    r"tomorrow|today|tonight",
    r"(next|this) (week|month|quarter)",
    r"the \d{1,2}(st|nd|rd|th)",
    r"\d{1,2}(st|nd|rd|th)\b",
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}\b",
    r"at \d{1,2}(:\d\d)?\s?(am|pm)?\b",
    r"end of (the )?(week|month)",
    r"\d{1,2}/\d{1,2}",
    r"by (the )?(\d|end|close)",
)
VAGUE_STEP = rx(
    r"send (you |over |across )?(the |some |more |a )?(details|info|information|deck|brochure|material)",
    r"(i'll|i will|let me|i can|i could) (just )?send (you |over |across )?(some |more |a |the )?"
    r"(info|information|details|deck|brochure|material|proposal|stuff|things|something)",
    r"let me know",
    r"keep in touch",
    r"get back to (me|you)",
    r"touch base",
    r"circle back",
    r"think (about|it over)",
    r"(i'll|i will) send (over|it|you)\b",
    r"reach out",
)
FEATURES = rx(
    r"dashboards?",
    r"\bai\b",
    r"scor(e|es|ing)",
    r"alerts?",
    r"mobile",
    r"\bapps?\b",
    r"integrations?",
    r"analytics",
    r"reports?|reporting",
    r"\bapi\b",
    r"sync",
    r"capture",
    r"views?",
    r"modules?",
    r"features?",
    r"automation",
    r"support",
    r"suite",
    r"platform",
)
INJECTION = rx(
    r"ignore (all |any |your |the |my |previous |prior |above |earlier )*(instructions|role|rules|prompt|persona|"
    r"character|system)",
    r"forget (all |your |the |previous )*(instructions|role|rules|prompt|persona|character)",
    r"you are (now|no longer) ",
    r"pretend (to be|you are|you're)",
    r"(act|behave|respond|answer) as (if|an?|my) ",
    r"system prompt",
    r"(break|drop|leave|step out of) (your )?(character|role)",
    r"stop (being|playing|acting)",
    r"new (instructions|rules|role)",
    r"as an ai",
    r"language model",
    r"you('re| are) an? (ai|assistant|chatbot|bot|model)",
    r"(say|write|reply|respond) (only |just )?(with )?[\"'](yes|i agree|deal|ok)",
    r"(write|compose) (me )?(a |an )(poem|story|essay|song|code|script)",
    r"roleplay|role-play|role play",
    r"disregard",
)
ENGLISH = words(
    "the a an to and is are you we i it of that what how for this in on with can do your our be have not "
    "so if but would could will at as was me my us they there about which when where who why just from "
    "yes no ok okay let's i'm it's that's don't you'll we'll i'll you're we're too all more some get like "
    "here now very really much any one out up by been has had them then than also only into over after"
)
FOREIGN = words(
    "de la el que y en los las por para es un una con del al lo su se como pero muy "
    "und der die das ist nicht ich sie wir ein eine mit auf zu den dem auch es sind haben "
    "le les des et est pas je nous vous il une avec pour sur dans qui ce "
    "che di il e non per sono una della gli anche "
    "het een van niet ik wij zijn met voor op ook "
    "o os as um uma não com para do da em"
)
