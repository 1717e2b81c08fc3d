"""Word lists and patterns shared by the reader's pattern features and review's act rules (copilot.review.acts).

They live in the reader, the lower layer, because the coaching head's trained features are built from them;
review imports them from here, kept apart so the rules in acts.py read as rules.
"""

from __future__ import annotations

import re


def phrases(text: str) -> frozenset[str]:
    """A phrase set from one readable '|'-separated string."""
    return frozenset(text.split("|"))


def words(text: str) -> frozenset[str]:
    """A word set from one readable string."""
    return frozenset(text.split())


def rx(*parts: str, starts: str = "") -> re.Pattern[str]:
    """One case-insensitive alternation from readable parts.

    `starts` lists how unanchored parts can begin; a lookahead on it lets the engine skip most positions
    (four times faster on long turns), while `^`-anchored parts still match at the start.
    """
    body = "|".join(f"(?:{p})" for p in parts)
    if starts:
        body = rf"\b(?=^|{starts})(?:{body})"
    return re.compile(body, re.IGNORECASE)


def tail(text: str, size: int = 60) -> str:
    """The end of a sentence, cut at a word boundary: where tag questions live."""
    if len(text) <= size:
        return text
    return text[text.rfind(" ", 0, len(text) - size) + 1 :]


def has_tag(text: str) -> bool:
    """True for '…, right?' / '…, wouldn't you?' style endings."""
    return text.endswith("?") and TAG_QUESTION.search(tail(text)) is not None


def strip_tag(text: str, replacement: str = "") -> str:
    """The sentence without its tag question."""
    if not text.endswith("?"):
        return text
    end = tail(text)
    return text[: len(text) - len(end)] + TAG_QUESTION.sub(replacement, end)


# Whole-segment discourse markers: a sentence made only of these is `other`; leading ones are stripped.
BACKCHANNEL = phrases(
    "that's a great question|that's a really good question|"
    "absolutely|actually|agreed|ah|all|all right|alright|also|and|anyway|anyways|appreciate it|"
    "appreciate that|awesome|basically|both|but|by the way|bye|bye for now|cheers|cool|correct|deal|"
    "definitely|done|everybody|everyone|exactly|fair|fair enough|fine|fine by me|folks|for sure|go ahead|"
    "good|good question|got it|gotcha|great|great question|guys|ha|haha|happy to|hello|hey|hi|hm|hmm|"
    "hmm let me think|honestly|huh|i agree|i guess|i guess so|i hear you|i mean|i see|i suppose|"
    "i suppose so|i'm curious|indeed|interesting|just|just curious|k|let me ask|let me ask you|let me see|"
    "let me think|like|listen|lol|look|love it|makes sense|maybe|me too|mhm|mm|mm-hmm|nah|nice|no|"
    "no problem|no worries|no worries at all|nope|not really|not yet|of course|oh|oh nice|oh no|oh okay|"
    "oh wow|ok|ok cool|okay|okay cool|one more thing|ouch|out of curiosity|perfect|perhaps|please|"
    "probably|question for you|quick question|real quick|really|really appreciate it|really helpful|right|"
    "right right|right, right|same here|so|sorry|sounds good|sounds great|sounds like a plan|sure|"
    "sure thing|team|thank you|thank you so much|thanks|thanks so much|that makes sense|that works|"
    "that works for me|that's a good question|that's fair|that's great|that's helpful|"
    "that's really helpful|that's true|then|there|totally|totally agree|true|uh|uh-huh|um|understood|well|"
    "will do|wonderful|works for me|wow|y'all|yea|yeah|yeah yeah|yep|yep yep|yes|yes and no|yikes|you all|"
    "you got it|you know|yup"
)


# Single words that carry no content; a segment made only of these is a backchannel ("totally fair").
BACKCHANNEL_WORDS = words(
    "ok okay alright right yeah yes yep yup no nope nah sure uh um uh-huh mm-hmm mhm mm hmm hm ah "
    "oh wow huh so "
    "well gotcha exactly absolutely totally definitely cool great perfect wonderful awesome nice "
    "good fine fair "
    "true correct agreed indeed haha ha lol interesting thanks really very super pretty quite "
    "everyone everybody "
    "all both folks guys that's it's sounds makes sense hey hi hello bye cheers"
)

SOCIAL = rx(
    r"^(hi|hello|hey|good (morning|afternoon|evening|day)|morning|afternoon)\b",
    r"^(thanks|thank you|many thanks|appreciate)\b",
    r"^(nice|great|good|lovely) to (meet|see|hear|talk|speak|chat|have)\b",
    r"^(bye|goodbye|talk soon|speak soon|see you|catch you|take care|have a (great|good|nice|lovely))\b",
    r"^how (are|r) (you|things|ya)( doing| going| today| holding up)?( today| this week| doing)?\??$",
    r"^how('s| is) (it going|everything|life|things)( going| with you| going with you)?\??$",
    r"^how('s| is) your (day|week|morning|afternoon|weekend)( going| been)?( so far)?\??$",
    r"^how (was|were) (your|the) (weekend|week|holiday|holidays|"
    r"trip|vacation|break|time off)\b",
    r"^how have you been\b",
    r"^how('s| is) your (week|day) (going|been)",
    r"\b(cut out|cutting out|on mute|you froze|you're frozen|lagging|bad connection|dropped off)\b",
    r"^can (you|everyone|everybody|you all) (still )?(hear|see) (me|us|my screen|the (slides?|"
    r"screen|deck)|that|"
    r"this|it|okay|ok|alright)\b",
    r"^(sorry,? )?(what was that|come again|say (that|it) again|(can|could) you repeat (that|it)|pardon)\b",
    r"^(sorry|apologies)\b.{0,30}\b(late|delay|noise|background)\b",
    r"\b(i'm|i am) (running )?(a (bit|few|couple)"
    r"( of)? minutes? )?late\b",
    r"^(let me|i'll|i will|i'm going to|i'm just going to|just) (just |quickly )?(share|stop sharing|pull up|"
    r"bring up|grab|open|find|mute|unmute) (my|the|our) (screen|notes|calendar|deck|slides|doc|agenda)\b",
    r"^(i think )?(that's|that is|that was) (all|it|everything)\b",
    r"^(that|this) (would be|sounds|is|'d be) (really |very |super |so )?(useful|helpful|great|good|perfect|"
    r"fine|ideal)$",
    r"^(yeah |no |yes |oh |okay )*(i hear you|i get it|i see|i understand|got it|fair enough|makes sense)$",
    r"^(is|are) (my|the) (screen|audio)\b",
    r"^(let me|i'll|i will|i'm going to|going to) (share|stop sharing|pull up) (my|the) screen\b",
    r"^(hold on|hang on|one (sec|second|moment)|bear with me|give me a (sec|second))\b",
    r"^let'?s (get started|get going|kick (it |things )?off|dive in|jump in|begin|move on|wrap up|start)\b",
    r"^(that's|that is) (all|it) (i|from me|for (today|now))\b",
    r"^(does|did) (that|this) make sense\b",
    r"^(sorry|apologies),? (go ahead|you first|i interrupted|to interrupt|for the delay|i'm late|"
    r"about that)\b",
    r"^(make sense|sound good|okay|right|you know|yeah|fair|follow|with me|does that help)\??$",
    r"^(welcome|congrats|congratulations)\b",
    r"^(you're|you are) welcome\b",
    starts="cut|on mute|you|lag|bad|drop|i'm|i am",
)

# ----------------------------------------------------------------------------------------------- discourse
DISCOURSE_LETS = re.compile(
    r"^let'?s (close the loop|start with|begin with|recap|come back to|park that|switch gears|talk about|"
    r"turn to|shift to|go back to|pick up where)\b",
    re.IGNORECASE,
)
# A weak 'so …' summary is about the other's situation, not the seller's own product.
SELF_REFERENCE = re.compile(
    r"\b(i|we|our|ours|my|me|us|i'm|we're|i've|we've|i'll|we'll|i'd|we'd|let's|next steps?|(the|this) "
    r"(platform|product|tool|solution|software|app|feature|dashboard|module|demo))\b|^(this|here) is\b|"
    r"^here\b",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------------------------- advice
DISGUISED = rx(
    r"^(so )?(why (don't|dont|do not|wouldn't|won't|not) (you|we)\b|why not\b)",
    r"^(so )?what (if|about if) (you|we)\b",
    r"^(so )?(what|how) about (you |we )?\w+ing\b",
    r"^(so )?how about (you|we)\b",
    r"^(so )?(have|had) you (thought about|thought of|considered|looked at) ",
    r"^(so )?(have|had) you tried (just )?\w+ing\b",
    r"^(so )?(did|do) you (ever )?(think about|think of|"
    r"consider|try) (just )?\w+ing\b",
    r"^(could|can|would|will) you (please )?(try|consider|make sure|think about)\b",
    r"^(wouldn't|would) it (have been|be|make) (better|more sense|smarter|easier|worth|a good idea)\b",
    r"^(isn't|is) it (better|worth|smarter) to\b",
    r"^(shouldn't|should not) (you|we)\b",
    r"^(don't|do not) you think (you|we|it would|it'd) ",
    r"^would it (help|make sense|be worth)\b(?! if i\b)",
    r"^do you want to (try|think about|consider)\b",
    r"^is there (a reason|any reason) you (didn't|haven't|"
    r"wouldn't|don't)\b",
    r"^(could|can|would) you (please )?(send|forward|include|loop|introduce|book|"
    r"schedule|set up|email|add|share (the|your|that|those)|update|get me|get us|put)\b",
    r"^might it be (worth|better)\b",
    r"^i wonder (what would happen )?if you\b",
    r"^i wonder whether you (could|should|might)\b",
    r"^what's stopping you from (just )?\w+ing\b",
)
ADVICE = rx(
    r"\byou (really |definitely |probably |just |also |still |absolutely )?(should|shouldn't|"
    r"ought to|need to|needs to|have got to|have to|must|mustn't|'ve got to|got to|"
    r"gotta|had better|'d better|better)\b",
    r"\byou (might|may) (want|wish|consider|need|like) to\b",
    r"\byou might consider\b",
    r"\byou('ll| will)( definitely| probably| really| also| likely| certainly)? (want|need) to\b",
    r"\byou could (try|consider|always|just|also|start|ask|send|use|"
    r"open|lead|say|frame|position|call|bring|book|spend|record|mention)\b",
    r"\b(i'd|i would|i|we'd|we would) (strongly )?(recommend|suggest|advise|encourage|urge)\b",
    r"\bmy (advice|suggestion|recommendation|tip|two cents)\b",
    r"\bif i were you\b",
    r"\bif i was you\b",
    r"\b(i want|i'd like|i need|i would like|i'd love) (for )?you to\b",
    r"\bthe (key|trick|goal|idea|best thing|thing to do|move|play|fix|answer|best move|"
    r"smart move)( here| now)?"
    r" is (to )?\w+",
    r"^(honestly,? |personally,? )?i('d| would)( just| probably| definitely| honestly)* (call|send|"
    r"ask|go|email|"
    r"push|reach|wait|lead|open|try|focus|start|book|loop|bring|skip|drop|text|ping|follow|hold|pick|offer|"
    r"talk|escalate|walk away|move on)\b(?!.*\b(but|if only)\b)",
    r"\bwhat you (want|need|should|ought|have) to do\b",
    r"\b(it'd|it would|it might|it will|it'll) (be|work) (better|best|good|smarter|wise|worth)\b",
    r"\bit (would|might|could) help (to|if you)\b",
    r"\b(it's|it is) (better|best|worth it|important|key|"
    r"crucial|critical|essential) (to|that you)\b",
    r"^next time\b(?!.*\b(i|we)\b)",
    r"\bnext time,? (you|try|make|ask|lead|open|let|start|don't|be)\b",
    r"\bdon't forget to\b",
    r"\bremember to\b",
    r"\bbe sure to\b",
    r"^make sure\b",
    r"\bplease (make sure|"
    r"include|send|add|share|remember|try|don't)\b",
    r"\bwhy don't you\b",
    r"\bhere's (what|how) (i'd|i would|you|i'd like you to) (do|should|could|want|handle|try)\b",
    r"\b(it's|it is|it'd be|it would be|it might be|it may be|might be|may be) (well )?worth \w+ing\b",
    starts="you|i|my|if|the|what|it|next|don|rem|be|ple|why|we",
)
IMPERATIVE = re.compile(
    r"^(?:(?:just|please|and|then|also|really|definitely|always|first|now|maybe|simply|so|honestly|"
    r"seriously|instead|next time)\s+)*(?:(?P<neg>don't|do not|never|stop|avoid|quit)\b|(?P<verb>ask|send|"
    r"call|email|try|focus|lead|open|start|follow|book|schedule|practi[cs]e|prepare|prep|bring|loop|push|"
    r"remember|keep|slow|consider|be|get|go|put|record|listen|write|read|review|watch|pause|mention|"
    r"position|reference|cut|drop|skip|spend|reach|set|confirm|check|think|frame|tie|use|make|find|pick|"
    r"take|give|show|talk|include|add|update|build|create|draft|map|identify|offer|anchor|quantify|"
    r"summari[sz]e|recap|role-?play|rehearse|run|move|hold|wait|lean|dig|probe|invite|introduce|forward|"
    r"qualify|highlight|emphasi[sz]e|stress|test|double-check|plan|align|nail|lock|close|negotiate|"
    r"escalate|involve|engage|multithread|multi-thread|connect|contact|text|ping|document|note|capture|"
    r"log|track|define|list|rank|prioriti[sz]e|treat|stay|aim|shoot|hand|ditch|trim|shorten|simplify|lose|"
    r"let|tell|walk|describe|explain|help|share|say|come|circle|block|save|own|leave|sell|pitch|tighten|"
    r"sharpen|paraphrase|reflect|repeat|mirror|label|validate|handle|flip|turn|stick|save|clarify|"
    r"acknowledge|go back|follow up|shut up|chill|relax|pretend|imagine)\b)",
    re.IGNORECASE,
)
NOUN_AFTER_VERB = re.compile(
    r"^(call|review|lead|practice|use|record|test|plan|list|note|log|track|close|set|stress|pitch|demo|"
    r"map|draft|start|drop|cut|hold|turn|move|offer|talk|help|run|show|sell|check|wait)s? (is|are|was|"
    r"were|has|have|had|will|would|can|could|may|might|seems?|looks?|takes?|went|goes|times?|data|makes|"
    r"matters|helps|works|means|"
    r"notes?|cycles?|rates?|volume|quality|lists?|cases?)\b",
    re.IGNORECASE,
)
# Imperatives that ask the other person to talk are open questions, not advice.
OPEN_INVITE = rx(
    r"^(so |and |now |okay |ok )?(please )?(tell|walk|talk|take) (me|us) (through|about|more|a bit|a little|"
    r"what|how|why|where|when|who|which)\b",
    r"^(so |and )?(please )?(tell|remind) me\b",
    r"^(so |and )?(please )?(describe|explain|elaborate|expand)\b",
    r"^(so |and )?(please )?help me understand\b",
    r"^(so |and )?(please )?(give me|paint me) (a sense|an idea|"
    r"a picture|an example|an overview|a feel|the background|the story|some context|a flavou?r)",
    r"^(so |and )?(please )?say (a bit )?more\b",
    r"^(so |and )?(please )?share (a bit|more|a little|with me|"
    r"your (thinking|thoughts|view|take|perspective|story))",
    r"^(can|could|would|will) you (please )?(tell|walk|talk|take) (me|us)\b",
    r"^(can|could|would|will) you (please )?(describe|explain|elaborate|expand|say more|share (a bit|more|"
    r"your thoughts|what|how|why)|help me understand|give me a sense|unpack|talk about)\b",
    r"^(i'm|i am|i'd be|i would be) (curious|interested) (about|to (hear|know|learn|understand))\b",
    r"^i('d| would) love to (hear|know|learn|understand)\b",
)

# ----------------------------------------------------------------------------------------------- reflection
REFLECT_CUE = rx(
    r"^(so,? )?(what )?i('m| am) hearing\b",
    r"^(so,? )?what i hear\b",
    r"^(so,? )?it sounds (like|as if|as though)\b",
    r"^(so,? )?sounds (like|as if)\b",
    r"^(so,? )?it (seems|feels|looks) (like|as if|that)\b(?!.*\b(i|we)\b)",
    r"^(so,? )?(if )?i('ve| have) got (this|that|it|you) right\b",
    r"^(so,? )?if i understand\b",
    r"^(so,? )?if i('m| am) hearing you\b",
    r"^(so,? )?let me (make sure|see if|check (that|if)|play|reflect|"
    r"summari[sz]e|recap what)\b.*\b(understand|got|heard|hear|back|right|said)\b",
    r"^(so,? )?in other words\b",
    r"^(so,? )?(what )?you('re| are) saying\b",
    r"^(so,? )?what you('re| are) "
    r"(describing|telling me|saying)\b",
    r"^(so,? )?(to|just to) (summari[sz]e|recap|sum up)\b",
    r"^(so,? )?(that|it) must (be|feel|have been|have felt)\b",
    r"^(so,? )?i can (hear|tell|see) (that|how)\b",
    r"^(so,? )?(that|it) (sounds|seems) (really |pretty |quite |very )?(frustrating|hard|tough|difficult|"
    r"painful|stressful|exciting|like a lot)\b",
    r"^(so,? )?what i('m| am) taking away\b",
    r"^(so,? )?(correct me if i'm wrong|tell me if i've got this wrong)\b",
    r"^(so,? )?you feel\b",
    r"^(so,? )?you felt\b",
    r"^(so,? )?i hear (that )?(you|your|the|they)\b",
    r"^(so,? )?you('re| are) feeling\b",
)
EMOTION = re.compile(
    r"\b(worried|concerned|nervous|frustrat\w*|torn|stuck|unsure|not sure|not convinced|anxious|excited|"
    r"stressed|overwhelmed|disappointed|exhausted|tired|uncomfortable|scared|afraid|hesitant|skeptical|"
    r"annoyed|upset|under pressure|caught off guard|out of (your|their) depth|burned|burnt|fed up|confused|"
    r"relieved|proud|pressure|awkward|discouraged|uneasy|wary|doubtful|not ready|on the fence|running on "
    r"empty|overloaded|swamped|stretched)\b",
    re.IGNORECASE,
)
SECOND_PERSON_STATE = re.compile(
    r"^(so,? )?(and )?you('re| are| were| was|'ve been|'ve| have| had|'d| have been| feel| felt|"
    r" seem| sound| want| wanted|"
    r"'d like| would like|'d rather| would rather| care| need| don't| didn't| aren't| weren't| can't| "
    r"couldn't| haven't| hadn't| still| keep| kept| held| hold)\b",
    re.IGNORECASE,
)
TAG_QUESTION = re.compile(
    r"(?:,\s*|\s+|^)(right|correct|yes|no|yeah|true|fair|ok|okay|huh|"
    r"is that (right|correct|fair|true|accurate)|"
    r"am i (right|close|reading that right)|did i get that right|have i got that right|does that sound right|"
    r"(isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|haven't|hasn't|"
    r"shouldn't|is|are|was|do|does|did|will|would|can|have|has) (it|you|they|we|he|she|that|there|i))\s*\?$",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------------------------- questions
AUX_START = re.compile(
    r"^(do|does|did|is|are|was|were|am|can|could|will|would|should|shall|may|might|must|have|has|had|"
    r"don't|doesn't|didn't|isn't|aren't|wasn't|weren't|can't|couldn't|won't|wouldn't|shouldn't|haven't|"
    r"hasn't|hadn't)\b",
    re.IGNORECASE,
)
WH_START = re.compile(r"^(what|why|how|when|where|who|whom|whose|which)(?:'s|'re|'d|'ll|'ve)?\b", re.IGNORECASE)
CLOSED_WH = re.compile(
    r"^(who|whom|whose|when|which)\b(?! (do|did|would|could|might) you (think|see|feel|suspect|"
    r"sense))|^how (many|much|long|often|soon|big|far|old|large|small|frequently|"
    r"quickly|fast)\b|^where\b(?! do you (think|see|feel))|^what (time|day|date|year|month|week|quarter|"
    r"version|percentage|number|price|cost|crm|tool|tools|system|platform|software|vendor|vendors|budget|"
    r"title|role|region|stage|size|tier|plan are|edition|currency|language|team is|city|timezone|time zone)\b"
    r"|^(how|what) about (mon|tue|wed|thu|fri|tomorrow|next|the \d|\d|noon|this (week|afternoon|morning))"
    r"|^what (kind|type|sort) of \w+ (do|are|is) (you|your)\b",
    re.IGNORECASE,
)
FACT_NOUN = re.compile(
    r"^what(?:'s| is| was| are| were) (the|your|their|our)( \w+)? (cost|price|pricing|budget|"
    r"timeline|deadline|"
    r"date|name|title|role|headcount|number|size|quota|target|close date|start date|renewal date|percentage|"
    r"amount|figure|contract length|term|discount|rate|email|phone|address|crm|stack|fiscal year|"
    r"budget range|seat count|team size|win rate|ratio|average deal size|ranking|order)\b(?! like)",
    re.IGNORECASE,
)
OPEN_WH = re.compile(
    r"^(what|why|how|in what way|to what extent|what else|(where|who|which|when) "
    r"(do|did|would|could|might) you (think|see|feel|suspect|sense)\b)",
    re.IGNORECASE,
)
SOCIAL_QUESTION = rx(
    r"^any (plans|luck)\b",
    r"^(you|everyone) (good|ready|there|with me)\??$",
    r"^ready\??$",
)

STOPWORDS = words(
    "a an the and or but so if then than that this these those to of in on at by for with from about as into "
    "over after before during it its it's is are was were be been being am do does did doing have has had "
    "having i me my we us our you your yours he him his she her they them their there here what which who "
    "whom whose why how when where not no yes just really very quite also too still even only all any some "
    "more most much many few lot lots can could will would should shall may might must i'm you're we're "
    "they're i've you've we've they've i'd you'd we'd they'd i'll you'll we'll they'll don't didn't doesn't "
    "isn't aren't wasn't weren't can't couldn't won't wouldn't shouldn't haven't hasn't hadn't that's "
    "there's what's let's get got gets go going went like um uh okay ok yeah right well honestly actually "
    "basically kind sort thing things one something anything nothing everything"
)
