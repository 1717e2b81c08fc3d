"""Phrase patterns for call scoring: what each behaviour in the assessment map sounds like, kept apart as a lexicon.

Patterns match lower-cased, straight-quoted text (copilot.review.acts.normalize). They were written from the
level descriptors in knowledge/methodology/competency_model.yaml and widened with the many ways reps and
buyers phrase the same move; copilot.review.ladders says which patterns count for which criterion.
"""

from __future__ import annotations

import re

from copilot.reader.lexicon import rx

_N = (
    r"\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a couple of|a few|"
    r"several|half a|a dozen"
)
NUM = rf"(({_N})(-\w+)?)"
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
UNITS = (*_UNITS.split(" "), "seventeen", "eighteen", "nineteen")
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_DAY = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
SPECIFIC_DATE = re.compile(
    rf"\b({_DAY}|tomorrow|\d{{1,2}}(st|nd|rd|th)|{_MONTH} \d{{1,2}}|the (first|second|third) of|\d{{1,2}}/\d{{1,2}}|"
    r"at (\d{1,2}|one|two|three|four|five|nine|ten|eleven|noon)\b|\d{1,2} ?(am|pm)|this (afternoon|evening)|"
    r"end of (the )?(day|week))\b",
    re.I,
)
MEETING = (
    r"(meeting|call|session|demo|review|workshop|invite|walk[- ]?through|walk through|sync|catch[- ]up|follow[- ]up|"
    rf"go through|{NUM} minutes|half an hour|an hour|calendar|deep dive|presentation|get together|meet)"
)
DEFER = rx(
    r"\b(let me check|get back to you|i'll (think|see|let you know)|not sure|maybe|let me talk to|not right now)\b",
    r"\bsend me (some|a few) (times|options)\b|\bcircle back\b",
)
# --- opening and agenda
PURPOSE = rx(
    r"\b(purpose|goal|aim|objective|reason) (of|for) (today|this call|the call|our call|this meeting)\b",
    r"\b(the|my|our) (purpose|goal|aim|plan|hope|idea|point) (today |here |for today )?(is|was)\b|\bagenda\b",
    r"\btoday,? (i|we) (want|wanted|'d like|would like|hope) to\b|\b(today|this call) is (about|to|really)\b",
    r"\b(i|we) wanted to (learn|understand|tell|talk|find out|cover|show|use|spend|hear)\b",
    r"\b(i|we)('d| would) (like|love) to (spend|use|start|understand|learn|cover|hear|get|walk)\b",
    r"\bwhat i('d like| want| was thinking)\b|\bthe plan for (today|this call)\b|\bi thought (we'd|we could|it)\b",
    r"\bhere's what i (was thinking|thought|had in mind|'d suggest)\b",
)
TIME_CHECK = rx(
    rf"\b{NUM} minutes\b|\bhalf (an )?hour\b|\b(an|one) hour\b|\bhard stop\b|\bhow much time\b",
    r"\bdo you (still )?have (time|the)\b|\buntil (quarter|half|ten|five) (past|to)\b|\buntil \d|\bon the hour\b",
    r"\b(is|does) (that|this) still (right|good|work|ok|okay)\b|\b(got|have|booked|blocked) (us|you|it)\b",
)
STRUCTURE = rx(
    r"\bagenda\b|\b(a couple of|a few|two|three) (things|topics|areas|questions)\b|\bwhat i was thinking we'd\b",
    r"\bthen (we can|we'll|i'll|we could|decide|talk|look|discuss|leave|keep|save|wrap|share|show|see)\b",
    r"\b(start|begin) (with|there|by)\b.*\bthen\b|\bfirst\b.*\bthen\b",
)
INVITE = rx(
    r"\bwhat (else )?would you (add|change)\b|\bwhat else should we\b|\banything (i|we) (should|missed|'m missing)\b",
    r"\banything (else )?(you'd|you would|you want|to) (like to )?(add|cover|change|make sure)\b",
    r"\b(anything|what) (else )?(would you|do you want to|you'd like to) (add|cover|change|talk about)\b",
    r"\bis there anything (else )?(you'd|you would) (like|want) to (cover|add)\b",
    r"\bdoes that (work|sound (right|good))( for you)?\?|\bhow does that sound( for you)?\?",
)
BUYER_ADDS = rx(
    r"\b(i'd|i would|we'd) (also )?(like|love|want) to (hear|cover|talk|discuss|see|add|understand|know)\b",
    r"\b(can|could) we (also )?(cover|talk|look|touch)\b|\bi'd (also )?add\b|\bone (more )?thing i'd\b",
    r"\bmake sure we (cover|get to|talk)\b|\bcloser to\b|\bis optimistic\b",
)
OUTCOME = rx(
    r"\b(useful|good|successful|valuable|great) (outcome|use of (your|the|this) time)\b|\bworth your time\b",
    r"\bwhat would make (this|it|today|the call|the time)( \w+)? (useful|worthwhile|worth it|a success)\b",
    r"\bwhat (would|do) you (want|hope|need) to (get|walk away|leave) (out of|with|from)\b",
    r"\bif we only (got|get) one thing\b|\bwhat (would|does) success (look like|be) (for you )?today\b",
)
RESEARCH = rx(
    r"\b(i|we) (read|saw|noticed|came across|checked)\b|\bi (was )?(looking|looked) at your\b|\bcongrat",
    r"\bon your (website|site|blog|careers page)\b|\blinkedin\b|\bpress release\b|\bannual report\b",
    r"\bi see you('ve| have| just)\b|\byour (recent|latest) (announcement|funding|hire|post|results)\b",
)
# --- the company story
_WHO = r"(teams|companies|leaders|cfos|cros|managers|organi[sz]ations|customers|revops|sales teams|people)"
INSIGHT_FRAME = rx(
    r"\b(one |a )?(pattern|trend) (we|i) (see|keep seeing|hear)\b|\bwhat we('re| are| keep) seeing\b",
    r"\b(something|one thing|what) (i|we) keep (hearing|seeing|finding)\b|\bin our experience\b",
    r"\b(i|we) (\w+ )?(often|usually|typically|always|tend to) (hear|see|find)\b|\bwhat we've (seen|found|learned)\b",
    r"\bwe (\w+ )?see (this |that |it )?(a lot|all the time|often|in most|in many)\b",
    rf"\b(most|many|a lot of) [\w ]{{0,20}}{_WHO}\b.{{0,50}}\b(i|we) (talk|speak|work)\b",
    rf"\b(most|many|a lot of) (\w+ )?{_WHO} (find|tell us|struggle|have|run|discover|end up|don't)\b",
    r"\bin most (teams|companies)\b|\bresearch (shows|suggests|found)\b|\bthe (common|typical) (pattern|mistake)\b",
    r"\b(teams|companies) (like yours|your size|at your stage) (tend|usually|often|typically)\b",
)
HISTORY = rx(
    r"\bfounded\b|\bseries [a-e]\b|\bwe raised\b|\bwe started in\b|\boffices in\b|\bthe leader in\b|\bheadquartered\b",
    rf"\b(over|about|more than) {NUM}( \w+)? (customers|employees)\b|\bwe've been around\b",
)
CONNECT = rx(
    r"\b(compare|ring true|resonate|familiar)\b|\bsound like you\b|\byou('re| are) seeing\b|\bseeing (that|this)\b",
    r"\bhappen(s|ed)? (at|for|with|to) (you|your)\b|\byour (experience|world|situation|team)\b",
    r"\bdoes (that|this|any of that) (match|ring|sound|fit)\b",
)
# --- the buyer's issue
PROBLEM = rx(
    r"\b(problem|issue|challenge|pain(ful)?|struggl\w*|frustrat\w*|hard to|difficult|a mess|messy|broken|chaos|"
    r"not working|poor|killing us|slip\w*|miss\w*|off by|not great|surprise\w*|frozen|burned|error-prone|wrong|"
    r"mistake|double-count\w*|manual\w*|takes forever|wast\w*|late|pushed|inaccurate|headache|bottleneck|stuck|"
    r"lag\w*|too late)\b|\buntil the last (week|minute|day|month)\b",
    r"\bcan't (tell|see|trust|rely|get)\b|\bdon't (know|trust)\b|\bhasn't kept up\b|\bfalls? apart\b|\bno visibility\b",
)
COST = rx(
    rf"\b{NUM} ?(%|percent|k|grand|thousand|million|dollars|hours|days|weeks|months|quarters|deals|hires|analysts|"
    r"people|ftes?)\b",
    r"\$\d|\bcost (us|me|them|the company)\b|\bcame in .{0,20}\bunder\b|\binventory\b|\bmost of (monday|friday|the)",
    r"\bhalf (a|the) day\b|\bwrong number\b|\blost (us )?\w+|\b(under|missed) (target|plan|quota|the number)\b",
)
URGENCY = rx(
    r"\bdeadline\b|\b(board|investor) (meeting|update|review)\b|\bfiscal year\b|\brunning out of time\b",
    rf"\bby (the )?(end|start) of (the )?(q\d|quarter|year|month|fiscal|{_MONTH})\b|\bby {_MONTH}\b",
    r"\bbefore (the|our|next) (board|renewal|kickoff|audit|launch|year end|quarter end)\b",
)
PERSONAL = rx(
    r"\bmy (credibility|job|bonus|reputation|neck|name|head)\b|\bi (had|have) to (explain|answer|present)\b",
    r"\bpersonally\b|\bi'm (the one|on the hook|accountable|responsible)\b|\bi can't walk in\b|\bthe right person\b",
    r"\b(asked|told) me to guarantee\b|\blooks bad (for|on) me\b|\bembarrass",
)
CONFIRM = rx(
    r"^(yes|yeah|yep|exactly|right|correct|spot on|that's (it|right|exactly|correct|fair)|precisely|absolutely)\b",
    r"^(pretty much|totally|bingo|you got it)\b",
)
# --- tying the solution to it
CAPABILITY = rx(
    r"\bour (platform|product|tool|solution|software|system|app|risk \w+|alerts?|roll-?up|forecast \w+)\b",
    r"\bthe (platform|product|tool|system)\b|\b(risk|deal|health) (flags?|scor\w+|alerts?)\b|\bactivity capture\b",
    r"\bshared (forecast )?categories\b|\bautomatic roll-?up\b|\bwe (track|flag|capture|read|connect)\b",
    r"\bit (reads|flags|shows|captures|watches|tracks|tells|gives|lets|pulls|connects|writes|builds|catches)\b",
)
LINK = rx(
    r"\b(based on|from|given) what you('ve)? (said|told|described|mentioned|shared)\b|\bwhat you('re| are) describing\b",
    r"\bgiven that\b|\bthe (part|piece) (that fits|for)\b|\bthat fits\b|\b(which|that) (means|would mean) (you|your)\b",
    r"\byou'd (see|have seen|know|have known)\b|\bfor you,? (this|that)\b|\bin your case\b|\bcovers your\b",
    r"\b(that's|this is) (exactly )?where\b|\b(addresses|solves|answers) (what|your|that)\b|\bwould that solve\b",
)
HELPS_THERE = rx(
    r"\b(would |could )?(help|fix|solve)s? (with )?(that|there|this)\b|\bshows? up earlier\b",
    r"\b(stuff|things|deals|situations|problems?) like (that|this|yours)\b|\bthat's (exactly )?what we solve\b",
    r"\bwould (catch|flag|prevent|stop|show) (that|this|it)\b",
)
FEATURES = re.compile(
    r"\b(dashboards?|deal scoring|activity capture|forecast categories|roll-ups?|integrations?|mobile app|"
    r"coaching module|alerts|analytics|leaderboard|widgets|reports|api|notifications|forecasting)\b",
    re.I,
)
EXAMPLE = rx(
    r"\b(a|one of our|another|some of our) (customer|client)s?\b|\bwe (worked|work) with (a|an)\b|\bfor example,? (a|one)\b",
    r"\b(a|an|one) [\w\- ]{0,30}(company|team|firm|business|bank|retailer|manufacturer) (about|of|with|like|similar|in|that|who)\b",
    r"\b(teams|compan(y|ies)|customers) like yours\b|\bcase study\b",
)
RESULT = rx(
    rf"\b{NUM} ?(%|percent|weeks|days|hours|minutes|months|times|x|points)\b|\b(doubled|halved|tripled)\b",
    r"\bwithin \w+ percent\b|\bfrom (a |an )?\w+ (\w+ )?to (under |about |around |less than )?(a |an )?\w+\b",
)
CHECK_FIT = rx(
    r"\bdoes (that|this) (match|fit|sound|resonate|line up|solve)\b|\bhow (does|would) (that|this) (sound|compare|land|fit)\b",
    r"\bis that (how|what) you\b|\bwould that (help|work|matter|solve|fix|address)\b|\bam i on the right track\b",
)
# --- next steps
QUALIFY = rx(
    r"\bwho\b.{0,30}\b(else|decide|decides|sign|signs|approve|approves|involved|weigh in|budget)\b",
    r"\bwhen (would|do|does) (a|the|you) (decision|need|want)\b|\bhow (do|does) (you|your team) (usually )?(buy|decide)\b",
    r"\b(decision|sign off|budget (cycle|process)|procurement|timeline)\b",
)
PROPOSAL = (
    r"(let's|how about|why don't we|i'd suggest|i suggest|could we|can we|shall we|should we|maybe we|what if we|"
    r"here's a suggestion|would it (be useful|help|make sense)|would you be (open|up for)|i'd (love|like) to (set up|book))"
)
STEP = rx(
    rf"\b{PROPOSAL}\b.{{0,60}}\b(set up|book|schedule|get|find|grab|another (call|meeting)|a (demo|call|meeting|"
    r"session|workshop|review)|follow-up\b|meet again|talk again|reconnect|do it)\b",
    rf"\b{PROPOSAL}\b.{{0,80}}\b{MEETING}\b",
)
WEAK_STEP = rx(r"\b(options|some times|sometime|soon|at some point|slots|availability|let me know what you think)\b")
STAKEHOLDERS = rx(
    r"\bwith (you|your)\b.{0,20}\b(and|cfo|cro|ceo|controller|team|leads?)\b|\b(both|all) of you\b|\bthe three of you\b",
    r"\b(cfo|cro|ceo|coo|controller|vp|director|head of|team leads?|finance|legal|procurement|revops)\b",
    r"\b(your|the|our) it\b|\bwith (those|these|the|our|your|both|all)( \w+){0,2} (managers?|leads?|analysts?|admins?|users)\b",
)
INVITE_LIVE = rx(
    r"\b(sending|just sent|i've sent|i'm sending|popping|dropping)\b.{0,40}\b(invite|calendar|hold)\b",
    r"\b(invite|hold)\b.{0,40}\b(now|right now|while we're|as we speak)\b",
)
SUCCESS = rx(
    r"\bsuccess (criteria|looks like|metrics?)\b|\bwhat (would |does )?(good|success) looks? like\b|\bcriteria\b",
    r"\bevaluation (plan|criteria)\b|\bmutual (action |evaluation |success )?plan\b|\bwe('ll| will) (measure|judge)\b",
    r"\bsuccess (measures?|targets?)\b|\bmeasures? of success\b|\b(call|count|consider) (it|that|this) a success\b",
)
# --- demo
RECAP = rx(
    r"\b(when|last time) (we|you and i|\w+ and i) (spoke|talked|met|chatted)\b|\bplay (it )?back\b|\brecap\b",
    r"\b(last|first|previous|discovery) (time|call|conversation|meeting)\b|\bwhat i heard\b|\bas (you|we) discussed\b",
    r"\byou (told|mentioned|said)\b",
)
RECAP_CHECK = rx(
    r"\b(is|are) (that|those|these|this) still\b|\bstill (where|what|the|right|true|accurate|correct|the case)\b",
    r"\bhas anything changed\b|\bdid i (get|miss)\b|\bi got (that|it|everything) right\b|\banything (to add|i missed|new)\b",
    r"\bwhat have i missed\b|\bwhat (else|would you add)\b",
)
REORDER = rx(
    r"\b(change|switch|adjust|flip|swap) the order\b|\b(i'll|let me|let's|we'll) (start|begin|lead|open) with\b",
    r"\b(jump|go) straight to\b",
)
SHOW = rx(
    r"\bhere('s| is| you go)\b|\bthis is\b|\blet me show\b|\byou('ll| can) see\b|\bover here\b|\bi'll show\b",
    r"\b(this|the) ([\w-]+ ){0,3}(screen|view|page|tab|dashboard|panel|report|alerts?)\b|\blet's (look at|filter|open|pull up)\b",
)
TOUR = rx(
    r"\b(walk|take) you through (the whole|everything|all|the entire)\b|\btour\b|\btop to bottom\b|\bwe also have\b",
    r"\bthe whole (platform|product|thing)\b|\bthe home (page|screen)\b|\ball the features\b|\bon the left is the menu\b",
)
ISSUE_INTRO = rx(
    r"\byou (mentioned|said|told)\b|\bthe (piece|part|one) for\b|\b(problem|issue)\b|\bsince that's\b|\bbecause you\b",
    r"\bfor (you|your|\w+), (this|that)\b|\byour (first|second|main|biggest) (issue|priority|concern|problem)\b",
)
BUYER_DATA = rx(
    r"\bshaped like\b|\byour (\w+ )?(stages|region names|regions|stage names|territories)\b|\bwe loaded\b",
    r"\byour own (data|deals|pipeline)\b|\bmirrors your\b|\bset up (with|like) your\b",
)
CHANGES = rx(
    r"\bfor (you|your team|\w+),? (this|that|it) (means|is|replaces|saves|cuts|would)\b",
    r"\bwhat (it|this|that) (would )?changes? for\b|\b(that|this) (would )?(means|saves|replaces) (you|your)\b",
)
VALUE_FRAME = rx(
    r"\bin (one line|short|a sentence|a nutshell)\b|\bto sum (it )?up\b|\bthe (value|point) (is|here)\b|\bbottom line\b",
    r"\bthe short version\b|\bwhy (we're here|this matters|you'd care)\b|\b(doesn't|don't|won't) have to\b",
    r"\b(so|which means|that means|meaning) (you|your( \w+)?) (can|could|get|know|find out|see|spend|save|skip|stop)\b",
    r"\b(a|one) \w+ (you can|that [\w ]{0,30}trust)\b|\byou can (defend|trust|plan on)\b",
    r"\b(tells|shows) you (which|what|where|when)\b.{0,60}\b(while|before|in time|early)\b",
    # the change for the buyer's people, against what they do today: "your managers would open this instead of
    # building the spreadsheet", "your team no longer re-keys the numbers", "frees your analysts up"
    r"\b(you|your( \w+){1,2})('d| would|'ll| will| can| could) [\w' ]{1,50}\binstead of \w+ing\b",
    r"\b(you|your( \w+){1,2}) (no longer|never again|never have to|stop having to)\b|\bfrees? (you|your( \w+){1,2}) up\b",
)
JARGON_ASK = rx(
    r"\bwhat does (that|this|it) mean\b|\bin (practice|plain english)\b|\bwhat do you mean\b|\bi'm not sure i follow\b"
)
ECHO = rx(
    r"\bso (basically|essentially|in other words|what you're saying|if i understand)\b",
    r"\bso it (tells|gives|means|shows|lets)\b|\bso (we|i) (would|could|'d) (get|see|know|be able)\b",
)
GENERIC_CHECK = rx(
    r"\bany (other )?questions\b|\bmake sense\b|\bquestions so far\b|\bsound good\b|\bsee my screen\b|\bwith me\b",
    r"\bany thoughts\b",
)
BUYER_DRIVES = rx(
    r"\bcan (i|we) (try|drive|take|have a go|click|see|look at|filter)\b|\bcan you show (me|us)\b|\bshow me (what|how)\b",
    r"\b(what|how) (would|does) (it|this|that) look (like )?for (my|our|one of)\b|\bif i (filter|click|sort|select)\b",
)
MISFIT = rx(
    r"\b(quite|very|totally|completely|pretty) different\b|\bnot like us\b|\bdoesn't (apply|fit|compare)\b",
    r"\bnot sure (that|it|they) (compares?|applies|fits)\b|\bwe('re| are) (much )?(smaller|bigger)\b|\bnot comparable\b",
)
FIT = rx(
    r"\b(about|around|roughly|similar to|close to|a \w+) your size\b|\bof your size\b|\bin your (industry|space|sector|market)\b",
    r"\b(similar|comparable) (\w+ )?(size|team|company|finance team|sales team|industry|setup)\b",
    r"\b(compan(y|ies)|teams|customers) like yours\b|\bwith (about|around) (the same|a similar) number\b",
)
REFERENCE = rx(
    r"\breference (call|customer|contact)\b|\b(connect|introduce) you (with|to)\b|\bput you in touch\b",
    r"\b(speak|talk) (with|to) (one of our|their|a|the) \w+\b|\bhappy to (take|do|have) a (reference|call)\b",
)
CASE_ASK = rx(
    r"\b(send|share) (me |us )?(their|the|that) (case study|story|numbers)\b|\bcan i (see|get) (the|that|their) case"
)
# --- objections
OBJECTION = rx(
    r"\b(too|so) (expensive|pricey|high|much|steep|costly)\b|\bwell above\b|\b(over|outside) (our|the) budget\b",
    r"\bcan't (justify|afford|commit|sign)\b|\bno budget\b|\bmy (concern|worry|hesitation)\b|\bnot a priority\b",
    r"\bi'm (worried|concerned|nervous|skeptical|sceptical)\b|\bwon't (accept|allow|approve|go for)\b|\bworks fine\b",
    r"\b(don't|do not) see (why|the need|the point)\b|\bnot (sure|convinced|comfortable|ready|the right time)\b",
    r"\bbig brother\b|\bcheaper\b|\b(bad|wrong) time\b|\brevisit\b|\b(other|another) vendor\b|\balready (have|use)\b",
)
ACK = rx(
    r"\b(that's|that is|it's) (a )?(fair|reasonable|real|valid|good|important|legitimate) (question|point|concern|thing|worry)\b",
    r"\b(totally|completely|i|i can) (get|understand|see) (it|that|why|where)\b|\bi (understand|appreciate)\b",
    r"\bmakes (total |complete )?sense\b|\bfair enough\b|\bthat's fair\b|\bi hear (you|that)\b|\bunderstood\b",
    r"\bthat's understandable\b|\bi'd rather hear it\b|\bthanks for (raising|being|sharing|telling)\b",
)
REBUT = rx(
    r"^(no|nope|not really|that's not true)\b|\bbut (actually|honestly|really|the (truth|reality) is)\b|\bwith respect\b",
    r"\bi think you'll find\b|\b(don't|doesn't) (really )?work\b|\bmuch better than\b|\btrust me\b|\bwill cost you\b",
)
NAMES_WORRY = rx(
    r"\b(it )?sounds like (the|your) (real )?(worry|concern|question|issue)\b|\bso the (worry|concern)\b",
    r"\bthe (real )?(worry|concern|question|issue) (is|isn't|here)\b|\bwhat you're (worried|concerned) about\b",
    r"\b(it's|it is) (less|not) (about )?the\b",
)
OPEN_START = rx(
    r"^(and |so |okay,? )?(what|how|why|tell me|can you tell me|walk me through|help me understand|talk me through)\b",
    r"^(can|may|could) i ask (what|how|why|which)\b|^in what way\b",
)
VERIFY = rx(
    r"\bback-test\b|\breference\b|\b(connect|introduce) you\b|\bpilot\b|\btrial\b|\bproof of concept\b|\bsandbox\b",
    r"\b(see|test|check) (it|that|the number)? ?(for )?yourself\b|\bside-by-side\b",
)
CHECK_LANDED = rx(
    r"\bdoes (that|this) (answer|address|help|resolve|settle|cover|make sense|work|take care of)\b",
    r"\b(is there )?(anything|something) (else|still)\b|\bhow does (that|this) (sound|land|feel)\b",
    r"\bwould (that|this) (settle|resolve|address|help|work)\b|\b(did|have) (that|i) (answer|address)\b",
    r"\bwhere does that leave\b|\bhow (do|are) you feeling about\b",
)
DOUBT = rx(r"\b(still|remaining|doubt|closer|not quite|i'd (still )?want)\b")
RETURN = rx(r"\b(back to|get back to|return to|where were we|as i was saying|moving on|let's move on)\b")
OBJ_FOLLOWUP = rx(r"\b(check back|follow up|circle back|touch base|reconnect|revisit|catch up)\b")
STEP_FOR_CONCERN = rx(
    rf"\b{PROPOSAL}\b.{{0,80}}\b(review|reference|session|back-test|pilot|meeting|call|walk through|trial|"
    r"workshop|demo|proof of concept|side-by-side|business case)\b",
    r"\bwould a .{0,60}\b(review|session|call|meeting)\b.{0,40}\b(settle|help|resolve)\b",
)
# --- negotiation
PRICE = rx(
    rf"\b(price|pricing|discount|percent off|annual fee|list price|per[- ]seat|quote)\b|\b{NUM} ?(%|percent)\b",
    r"\$\d|\bcheaper\b|\b(cost|costs) (too much|more)\b",
)
PUSHBACK = rx(
    r"\b(push(es|ing)? back|pushback|too (high|much|steep)|can't (justify|afford|get)|won't (approve|pay|accept))\b",
    r"\b(over|above|outside) (our |the )?budget\b|\bbudgeted (flat|less|for less)\b|\bhas to come down\b",
)
"""The buyer resisting a price ('finance is pushing back on the renewal price'): with PRICE, a negotiation opens."""
VALUE_CASE = rx(
    r"\bbusiness case\b|\b(you|your( \w+)?) (estimated|measured|calculated|saw|found)\b|\bpays? (for itself|back)\b",
    r"\bsav(ed|e|es|ing)\b|\bcost of (doing nothing|the status quo|waiting)\b|\broi\b|\bin the (pilot|evaluation|trial)\b",
)
BUYER_VALUE = rx(
    r"\bback-test\b|\b(we'd|we would) have (caught|seen|known)\b|\bthe value\b|\bworth it\b|\bsaved\b|\bconvinced\b"
)
GIVE = rx(
    r"\b(we|i) (can|could|'ll|will|'d) (\w+ )?(do|offer|give|go to|get to|take|drop|bring|include|add|throw in|waive|"
    r"match|knock|reduce|lower|extend)\b",
    r"\b(goes|go|come|comes) (down )?to \w+\b|\bis possible if\b|\bwe'll lock\b|\bget \w+ approved\b",
    r"^(fine|sure|okay|ok|yeah|alright|deal)\b,? .{0,40}\b(percent|billing|that|free)\b",
)
CONDITIONAL = rx(
    r"\bif (you|we)\b|\bin exchange\b|\bin return\b|\bprovided (that )?you\b|\bas long as\b|\bthen (i|we) (can|could)\b",
    r"\bwhat if (you|we)\b|\bon (the )?condition\b|\bassuming you\b|\bfor a (two|three|multi)-year\b",
)
COURTESY_IF = rx(
    r"\bif (you|that|it|this)( really| still)?('d| would| do| does)? (want|wants|like|need|needs|prefer|wish|help|helps|"
    r"works?|suits?|makes? (it )?easier)\b"
)
"""A condition that asks nothing of the buyer ('twenty percent off if you want', 'free onboarding if that helps'):
a giveaway said politely, not a trade."""
VALUE_TRADE = rx(r"\b(case study|reference|price lock|lock your)\b|\b(two|three|multi)-year\b")
LIMIT = rx(
    r"\b(my|our) (limit|floor|ceiling|walk-away|bottom line)\b|\bas far as (i|we) can (go|take it)\b",
    r"\bthe (most|lowest|best) (i|we) can\b|\bcan't go (below|lower|further|any lower)\b|\bwalk away\b",
    r"\b(beyond|below) that\b|\bthat's (our|my) (best|final)\b|\b(i|we) (don't|do not) have (the )?(room|authority)\b",
)
REVIEWED = rx(
    r"\b(went through|reviewed|cleared|discussed|aligned on) (this|it|the (plan|terms|numbers|options)) with (my|our)\b",
    r"\bmy (vp|manager|boss) (and i|approved|signed off)\b",
)
ALTERNATIVES = rx(
    r"\b(compared|versus) (with |to )?(building|staying|doing|your|the (other|current))\b|\bin-house\b",
    r"\bdo(ing)? nothing\b|\bstatus quo\b|\byour (other|current) (option|vendor|alternative)\b",
)
UNSURE = rx(
    r"\bi'll have to (ask|check|see)\b|\bi think i could probably\b|\bi don't see why not\b|\blet me see what i can"
)
SIGNER = rx(
    r"\bwho\b.{0,30}\b(signs|sign|sign off|approve|approves|needs to sign)\b|\bi can sign\b",
    r"\b(our|the) (cfo|ceo|vp|head|director|general counsel)\b.{0,30}\b(signs|approves|has to sign)\b",
    r"\b(approval|signing|sign-off|buying|purchasing|decision) process\b",
)
STEPS = re.compile(
    r"\b(legal|security|procurement|msa|dpa|data processing agreement|redlines|purchase order|vendor setup|"
    r"as a vendor|infosec|contract review)\b",
    re.I,
)
STEP_TIMING = rx(r"\b(takes?|normally|usually|typically)\b.{0,30}\b(week|weeks|days|months)\b")
MET = rx(r"\bi (spoke|met|talked) (with|to) (?!my\b|our\b)\w+")
WRITTEN = rx(r"\bin writing\b|\b(signing|approval|paper|procurement) (steps|process)\b")
PLAN = rx(
    r"\b(close|mutual|joint|rollout|implementation|action|success) plan\b|\btimeline\b|\bthe plan\b",
    r"\bplan (it )?(together|out)\b|\blay out\b|\bmap (out )?(the|a)\b|\bwork back(wards)? from\b",
)
ACCEPT = rx(
    r"\b(that|it) works\b|\bworks for me\b|\bagreed\b|\bsounds (good|right)\b|\bdeal\b|\blet's do it\b|^(yes|sure|okay),? i('ll| will)\b"
)
WEEKLY = rx(r"\b(every|each) (week|monday|tuesday|wednesday|thursday|friday)\b|\bweekly\b")
EVENT = rx(
    r"\b(sales )?kickoff\b|\bboard meeting\b|\bfiscal year\b|\bquarter (closes|end)\b|\bgo-live\b|\bbefore your\b|\blaunch\b"
)


def number(word: str) -> int | None:
    """'12', 'twelve' or 'fifty-four' as an int."""
    if word.isdigit():
        return int(word)
    tens, _, unit = word.partition("-")
    value = TENS.get(tens, UNITS.index(tens) if tens in UNITS else None)
    return None if value is None or (unit and unit not in UNITS) else value + (UNITS.index(unit) if unit else 0)
