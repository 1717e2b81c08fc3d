"""What a rep's statement does where the moves head is unsure: hears the concern, waves it away, or leans to a move.

The moves head reads 'that's not a real issue' as a dismissal and 'I hear you' as an acknowledgement; quieter forms
of both slip past it: a rep who calls the concern overblown, says 'come on' or 'I wouldn't read too much into it'; a
rep who names what the buyer is going through ('That sounds like a brutal week'), says what is at stake for them
personally, agrees with them without a 'but', puts themselves in the buyer's seat, or declines to argue with their
record; thanking them for the meeting is good manners, not an acknowledgement, and announcing a pitch ('let me tell you
about…') is neither proof nor a question. A statement the head passes no label
on is read as the move it leans to when that move is likely enough: a rep's statement, like a rep's question, does
something. Applied to statements only (a question is never a dismissal here), when the turn is read, so the
roleplay buyer, the scorer and the call review hear the same turn.
"""

from __future__ import annotations

import re

MINIMIZE = re.compile(
    r"\bover(blown|done|stated|complicat\w*|think\w*|react\w*|cautious)\b|"
    r"\bnon-?(issue|event|question|problem|story)\b|\bno need to (worry|be concerned)\b|\bnothing to worry about\b|"
    r"\b(speaks|speak) for (itself|themselves)\b|\bsells itself\b|"
    r"^\W*(come on|let's be (real|honest))\b|\btrust me\b|"
    r"\b(wouldn't|would not|don't|do not|shouldn't) (read (too much|anything) into|pay (much |any )?attention to)\b|"
    r"\bi wouldn't worry about\b|"
    r"\b(never|not|isn't|aren't|nowhere near) (really |actually )?(as|that) (bad|hard|big|scary|risky|complicated|"
    r"difficult) as (it|they|that|people) (sounds?|looks?|seems?|say|think)\b|"
    r"\b(a )?(rounding error|drop in the (bucket|ocean)|pocket change|peanuts|(small|chump) (change|money|beer|potatoes))\b|"
    r"\b(is|'s|are|'re|seems?|looks?)( just| only| really| honestly| basically| pretty)? (nothing|tiny|trivial|negligible|"
    r"(no|not a|not that) big deal|not (a lot|much|that much))(?=\s+(for|next to|compared|against|really|at all)\b|\W*$)|"
    r"\b(barely|hardly) (registers?|matters?|moves the needle)\b|"
    r"\b(small|tiny|cheap|little|nothing|trivial|negligible|minor|a bargain)\b[^.?!]{0,25}\bfor (a|an|any|someone|people|"
    r"companies|businesses|firms?|teams?|organi[sz]ations?) (\w+ ){0,2}(your|yours|like you)\b|"
    r"\bsurely\b|\byou('ll| will) (manage|be fine|survive|live|get used to it)\b|"
    r"\b(wouldn't|would not|don't|do not|shouldn't) (get (too |so )?hung up on|sweat|lose (any )?sleep over)\b|"
    r"\b(small|tiny|minor|negligible|trivial) (risk|cost|price|ask|thing|detail|issue|amount|sum)\b[^.?!]{0,20}"
    r"\b(compared|next to|relative to|against)\b|"
    r"\bsomething (this|that|so) (simple|basic|easy|small|minor)\b|"
    r"\b(really|honestly|just|seriously) not (that |very |at all )?(complicated|hard|difficult|a problem)\b|"
    r"\brocket science\b|\b(will|'ll) figure it out\b|"
    r"\b(that's|that is|it's|it is) (just )?(how|the way) (these things|it|things|(every|any|all|most) \w+) (go|goes|work|works|"
    r"feels?|starts?)\b|"
    r"\b(just|only|simply|merely) (a |an )?(negotiating (tactic|ploy)|growing pains?|teething|bluff|formality)\b|"
    r"\b(simple as that|end of story|plain and simple)\W*$|"
    r"\b(is|was|'s|are|were)( \w+)? (partly|mostly|largely|just|pure|sheer|a lot of|a bit of|half) (good )?luck\b|"
    r"\b(is|are|'s|'re|feels?|seems?|looks?)( \w+)? (a bit |pretty |very |so |rather |kind of |totally |quite )?"
    r"(last (decade|century)|old-fashioned|outdated|behind the times|antiquated|archaic|stone age)\b",
    re.IGNORECASE,
)
EVERYONE = re.compile(
    r"\b(everyone|everybody|all (of )?(our|the|my) (other )?(customers|clients)|every (other )?(customer|client|company)|"
    r"nobody else|no one else)\b(?! (on|in|at|across|from) (your|the) )[^.?!]{0,40}\b(does|do|did|signs?|signed|uses?|gives?|agrees?|accepts?|runs?|is fine|"
    r"are fine|goes through|grumbles?|complains?|moans?)\b|"
    r"\b(nobody|no one|none of them)( has|'s| ever)? (complained|had a problem|pushed back|minded)\b|"
    r"\b(it's|it is|that's|that is|this is)( just| a| pretty| totally| completely| perfectly| all)*"
    r" (standard|normal|routine|industry standard)( practice| stuff| clause| request| procedure)?\s*([,;.!]|$)",
    re.IGNORECASE,
)
"""'Everyone does it': the concern answered with what other buyers put up with ('everybody signs it', 'nobody's
complained', 'it's standard'), not with what this buyer gets. A sentence with a figure in it is a customer result,
not this."""
PAST_VENDOR = re.compile(
    r"\b(your |the |that |their )?(last|previous|old|former|prior|other) (vendor|provider|supplier|partner|integrator|"
    r"consultants?|tool|system|company|platform)s?\b[^.?!]{0,60}"
    r"\b(didn't|did not|don't|weren't|wasn't|never) (know|understand|get|do|have a clue|care)\b|"
    r"\b(problem|issue|fault|mistake|blame) (last time |before )?(was|is|lies|lay) (with )?(your|the|that) (last|previous|old|"
    r"former|prior|other) \w+|"
    r"\b(your|the|that) (last|previous|old|former|prior) (vendor|provider|supplier|partner|integrator|consultants?)"
    r"[^.?!]{0,30}\b(set it up|did it|handled it|rolled it out)\b[^.?!]{0,30}\b(wrong|badly|poorly)?|"
    r"\bproblem with how your (last |previous |old |former |prior )?\w+ (set|rolled|handled)",
    re.IGNORECASE,
)
"""The buyer's bad experience put down to their past vendor ('your last vendor just didn't know what they were
doing'): waving the concern away instead of hearing it."""
"""The concern called small, imagined or overdone (a sum called pocket change or a rounding error, a cost that
'barely registers' or 'is nothing for a company your size'), its source waved off ('I wouldn't read too much into
it'), proof waved away ('it speaks for itself'), or the buyer talked down to ('surely you can find the time', 'you'll
manage')."""
SAYING = re.compile(
    r"\byou get what you pay for\b|\bbuy cheap,? (buy|pay) twice\b|\bcheap (is|ends up|turns out)( \w+)? (expensive|"
    r"costing (you )?more)\b|\bquality (costs|isn't cheap|doesn't come cheap|comes at a price|is never cheap)\b|"
    r"\bthere's a reason (it's|it is|they're|they are|theirs is|that's|that one is) (so )?(cheap|cheaper|less)\b",
    re.IGNORECASE,
)
"""A stock saying put where the answer should be ('you get what you pay for', 'buy cheap, buy twice'): the price
concern waved off with a proverb, no figure and nothing about this buyer."""
COMPARES = re.compile(
    r"\b(nothing|not at all) like\b|\b(very|completely|totally|quite) (different from|unlike)\b", re.IGNORECASE
)
"""Our product set beside what the buyer had ('it's nothing like the last tool you had'): a comparison, which the head
may hear as waving the old tool away, is not a dismissal of the buyer's concern unless it also minimises it."""
POLITE_DISAGREE = re.compile(
    r"\b(respectfully|gently|politely) (disagree|push back|challenge)|\bpush back (a little|a bit|gently|slightly)\b|"
    r"\bsee (it|this|that) (a bit |a little |slightly )?differently\b",
    re.IGNORECASE,
)
"""Disagreeing politely to give a reason ("I'd respectfully disagree that it's the same product"): a view argued,
not the concern waved off; only minimising words make it a dismissal."""
EMPATHY = re.compile(
    r"\b(that|it|this|which)('s| is| sounds| must be| must feel| seems| looks)( like)?( a| an)?"
    r"( really| so| pretty| quite| very)? (hard|tough|brutal|exhausting|frustrating|painful|stressful|rough|difficult|"
    r"draining|lonely|awkward|unfair|grind|lot(?! of))\b|"
    r"\bi can (only )?imagine\b|\bthat can't be (easy|fun)\b|"
    r"\b(in|from) your (shoes|seat|position)\b|"
    r"\b(normal|natural|understandable|reasonable|fair|sensible) to (worry|feel|ask|want|wonder|be|have|push|question)\b",
    re.IGNORECASE,
)
"""Naming what the buyer is going through ('That sounds exhausting', 'That must be frustrating'), or taking their
seat ('that's what I'd ask in your shoes')."""
RESPECT = re.compile(
    r"\b(not|never) (here|going|trying) to (argue|knock|criticise|criticize|second-guess|question|tell you)\b|"
    r"\b(can't|won't|wouldn't|couldn't) argue with\b|"
    r"\b(won't|will not|not going to|can't) pretend (otherwise|it isn't|it's not|that's not)\b",
    re.IGNORECASE,
)
"""Declining to argue with the buyer's record or to play their concern down ('I won't pretend otherwise')."""
BURNED = re.compile(
    r"\byou('ve| have)( all)? been (promised|burned|burnt|told|sold|let down|through|here before|stung|bitten)\b|"
    r"^\W*(i )?(really |genuinely )?appreciate (you|your|that|the)\b(?! time)",
    re.IGNORECASE,
)
"""The buyer's history said back to them ('you've been promised savings before'), or thanks for their candour."""
REFLECTS = re.compile(
    r"^\W*((um|uh|mm|mhm|okay|ok|right|yeah|yes|i see|got it|gotcha)\W+)*"
    r"((so|right|got it|gotcha|i see|okay)\b[,\s]+)(?!(basically|essentially|what|the upshot|the payoff|in short)\b)",
    re.IGNORECASE,
)
"""A statement opening the way a summary of what the buyer said opens ('Okay, so...', 'Right, ...', 'Got it, ...')."""
WE = re.compile(r"\b(we|we'll|we're|we've|we'd|our|us|ours)\b", re.IGNORECASE)
ABOUT_BUYER = re.compile(r"\b(you|your|you've|you're|the board|the team|they've|they)\b", re.IGNORECASE)
OURS = re.compile(
    r"\b(we|we'll|we're|we've|our|us|i|i'll|i'd|i'm|(it|this)('s| is| will| would| gives| lets| takes| does| plugs| works| cuts)|means|would|will|could|can|'ll|'d|saves?|"
    r"faster|fewer|less|more|instead|so that|get|gets|lets?)\b",
    re.IGNORECASE,
)
"""What makes a 'so...' statement the rep's answer rather than the buyer's situation said back."""
CONSEQUENCE = re.compile(
    r",? so (that )?(you|your|there's no|there is no|there's nothing|there is nothing|nobody|no one|nothing|the \w+|"
    r"new \w+)\b|"
    r"\bfrom (about |around )?\w+ \w+ (down )?to (about |around |just )?\w+\b",
    re.IGNORECASE,
)
"""A benefit put as what follows for the buyer ('..., so new hires sell sooner'; 'from six weeks to about two')."""
CONCEDES = re.compile(
    r"\bon the house\b|\b(is|are|'s|'re|be) on us\b|\bfor the price of (the |a |an |our |your )?\w+|\b(at|for) no (extra |additional )?(cost|charge)\b|"
    r"\bfree of charge\b|\bwaive\b|\bhalf (the )?price\b|\b\d{1,2}\s?(%|percent|per cent) off\b|\bthrow(ing)? in\b",
    re.IGNORECASE,
)
INCLUDED = re.compile(r"\b(include[sd]?|including|comes with|every plan|all plans|as standard)\b", re.IGNORECASE)
"""What every buyer gets anyway ('we include onboarding at no extra cost'): packaging, not a concession."""
OFFERER = re.compile(r"\b(i|we|i'll|we'll|i'd|we'd|i'm|we're|let me|let's|on us)\b", re.IGNORECASE)
"""A price given away by the rep ('we can do the first two months on the house', 'the premium tier for the price of
the standard one', 'the second year is on us'): a concession, whether or not the head heard it as one (a refusal is
settled in moves.py)."""
STAKES = re.compile(
    r"\b(your|you're|you are) (own )?(name|standing|reputation|credibility|neck|job|career|signature)\b|"
    r"\bon the (line|hook)\b|\b(lands|falls|comes back) on you\b|\byou('re| are|'d be|'ll be) the one\b|"
    r"\bbeing the one (who|that)\b|"
    r"\byou('re| are)? not (\w+ ){0,3}(that|this|it) (again|twice)\b",
    re.IGNORECASE,
)
"""What the concern puts at stake for the buyer personally, or their refusal said back to them ('it's your name on
the line if this fails', 'nobody wants to be the one who explains an overrun')."""
MATTERS = re.compile(
    r"^(?!.*\b(nothing|doesn't|don't|never|no longer|less|more|not|little|hardly|barely)\b)\W*[\w' -]{0,40}\b(matters?|is important|are important)( (here|to you|to your \w+|a lot|a great deal))?\W*$",
    re.IGNORECASE,
)
"""A short statement that the concern matters ('Data residency matters here.'): it is heard, not waved off."""
AGREES = re.compile(
    r"^\W*(?:(?:yeah|yes|no|ok|okay|oh|well|totally|completely|absolutely|really|fully)\b[,\s]*)*"
    r"(fair( enough| point)?|true|agreed|understood|totally|absolutely|(i )?(get|understand|hear) (it|that|you)|"
    r"makes sense|good point|that's (fair|true|right)|(that's|that is|it's|it is) (a )?(totally |completely |very |"
    r"perfectly |really )?(valid|fair|real|reasonable|legitimate) (concern|point|question|worry))\s*[,.!;:\u2013\u2014-]",
    re.IGNORECASE,
)
"""A statement that opens by agreeing with the buyer ('Agreed, the board will want a number you can defend.'), an
intensifier or a filler before it or not ('Totally get it.', 'Yeah, understood.')."""
ASKS_BUT = re.compile(
    r"\b(every|everybody|everyone|all (the |our |my |of (the|our|my) )?|lots of|plenty of|most|a lot of)\b[^.?!,;]{0,30}?"
    r"\b(asks?|asked|wants?|worr(y|ies)|says?|said|raises?|brings? up|mentions?|requests?|complains?)\b[^.?!]{0,50}?"
    r"\bbut\b(?=[^.?!]*(\b(never|nobody|no one|not|none|non-\w+|pointless|habit|box-ticking)\b|n't\b))"
    r"(?![^.?!]*(\bwe('ve| have)? (had|seen|measured|logged|recorded)\b|\d))",
    re.IGNORECASE,
)
"""'Everyone asks for it, but...': the buyer's request called common, then denied after the 'but' ('every district
asks for a trial, but nobody ever needs one', 'all the firms want an export clause, but not one has used it'): the
request argued away, not answered. A figure or something we measured after the 'but' is evidence, not this."""
NOT_WRONG = re.compile(
    r"\b(you('re| are)|that('s| is)|it('s| is)|this('s| is)|that|it|this|which)( (not|never)|n't| isn't| aren't| wasn't)"
    r"( (being|at all|an?|so|that|too|remotely|in the least|a bit|totally|completely))* (unreasonable|wrong|silly|daft|"
    r"stupid|dumb|crazy|mad|paranoid|unfair|naive|irrational|overreacting|over-reacting|odd|strange)\b",
    re.IGNORECASE,
)
"""Fault-finding denied ('you're not wrong', 'that isn't a silly question', 'not an unreasonable thing to worry
about'): the concern is granted, however much of a 'not' the head hears in it."""
ACCEPTS = re.compile(
    r"\b(i|we) can (work|live) with (that|this|it)\b|\bfine (by|with) (me|us)\b|"
    r"\b(that|this|it)('s| is)? (works?|fine|okay|ok)( \w+)? (for|by|with) (us|me)\b|"
    r"\b(is|'s|are|'re)( absolutely| really)? (no|not a|not any) problem (at all )?(on|for|from|at) (us|me|our|my)\b",
    re.IGNORECASE,
)
"""The buyer's term or condition accepted ('a twelve-month notice period, I can work with that', 'fine by me',
'quarterly is no problem on our side', 'if your IT lead sits in, that works for us'): the concern is heard and met,
not argued with, whatever 'no' or 'not' the head hears in it."""
DIGIT = re.compile(r"\d|\bpercent\b")
CONTRAST = re.compile(r"\b(but|however|though|although|yet|still)\b", re.IGNORECASE)
PLEASANTRY = re.compile(
    r"^\W*(thanks|thank you)( (so|very) much)? for (making|taking|finding) (the |this )?(time|call|meeting)\b|"
    r"^\W*(thanks|thank you) for (having|seeing|meeting) (me|us)\b",
    re.IGNORECASE,
)
"""Thanks for the meeting: good manners, not an acknowledgement of the concern."""
PLEASANTRY_WORDS = 10
SHORT_CLAIM = 20
SURE_ANSWER = 0.6
"""A 'So...' statement the head hears as value or proof this surely is the rep's answer, not the buyer's situation
said back ('So your reps stop retyping orders')."""
"""A benefit said in fewer words than this is a claim, not a pitch (copilot/reader/moves.py PITCH_WORDS)."""
"""A thank-you this short says nothing else."""
ANNOUNCES = re.compile(
    r"^\W*(\w+,?\s+)?(let me|i('d| would) (like|love) to|i want to|allow me to|i'm going to|i'll)( quickly| just| briefly)? "
    r"(tell|walk|show|take|give) you\b(?!.*\d)",
    re.IGNORECASE,
)
"""The rep announcing what they are about to say ('Let me tell you about our company history'): a preface to a pitch,
with nothing in it yet to count as proof or a question."""
WAVES_OFF = re.compile(
    r"\b(i wouldn't|i would not|i'd not|don't|do not|no need to|you shouldn't|no reason to)( \w+)?( even)? "
    r"(worry|stress|fret|panic|overthink|over-think|sweat|agoni[sz]e)\b|"
    r"\b(wouldn't|would not|'d not|don't|do not|shouldn't)( \w+)? spend (too much|much|a lot of|any) time on\b|"
    r"\b(don't|do not|wouldn't|shouldn't) let (it|that|this|the \w+( \w+)?) (slow|hold|put|scare|stop|get in the way|"
    r"bother|worry)\b|"
    r"\blet's not (get|go) (into|down|stuck|bogged|hung|too deep|lost|sidetracked|distracted)\b|"
    r"\blet's not (dwell|worry|overthink|spend (too much|much|a lot of|any) time)\b|\b(rabbit hole|into the weeds|bogged down|sidetracked)\b|"
    r"\blet's (just )?(park|table|set aside|put aside|leave aside) (that|this|it|the)\b|"
    r"\b(sort|figure|deal with|worry about|iron|hash) (it|that|this|those)( \w+)?( out)? later\b",
    re.IGNORECASE,
)
"""The concern waved off or put off rather than answered ('don't worry about the migration', 'I wouldn't stress
about it', 'let's not get bogged down in the terms', 'let's park that', 'we can sort it out later')."""
BESIDE = re.compile(
    r"\b(beside the point|red herring|neither here nor there|a non-factor|not (really )?(relevant|a factor))\b|"
    r"\b(that's|that is|it's|it is|this is|more of|kind of|a bit of|really|just|mostly|pretty much|i'd say)( \w+){0,3} "
    r"(an? )?(edge case|corner case|theoretical|hypothetical|academic|moot)\b|"
    r"\b(just|only|merely|really|mostly)( \w+)? (paperwork|admin|red tape|boilerplate|semantics|noise|details?)\W*"
    r"(really\W*)?$|"
    r"\bnot (something|anything|a thing) (we|you|anyone) (really )?(need|have|should)( to)? (solve|worry|deal|think|"
    r"get into|fix|spend)\b|"
    r"\bnot (really )?(something|anything) (our |most )?(customers|clients|users|people|anyone|teams)( \w+)? "
    r"(think|worry|care|notice)\b|"
    r"\b(is|are|'s|'re|seems?|sounds?)( \w+)? (completely |totally |pretty much |largely |basically )?irrelevant\b|"
    r"\b(doesn't|does not|don't|do not|won't|never) (really )?hold (up|water)\b|"
    r"\b(never|rarely|hardly ever|doesn't|don't) (actually |really )?(turns?|pans?|plays?) out (to be )?(true|a problem|an "
    r"issue|that way|like that)\b|"
    r"\b(nobody|no one|(most|other) (\w+ )?(teams|people|customers|clients|users|companies|firms|buyers)) (really |actually |"
    r"ever )?(never |rarely |hardly |don't |do not )?\w+\b[^.?!]{0,40}\banyway\W*$",
    re.IGNORECASE,
)
"""The concern called beside the point, hypothetical or a formality ('a bit of a red herring', 'more of an edge
case', 'just paperwork', 'not something we need to solve today'), irrelevant, an argument that 'doesn't hold up' or
'never turns out to be true', or something nobody does 'anyway'."""
OUTWEIGHS = re.compile(
    r"\bmore than (make|makes|made) up for\b|"
    r"\b(forget|forgets|forgot|won't (even )?(care|notice|miss|think)|don't (even )?(care|notice|think)|stop "
    r"(caring|worrying|thinking)) (about )?(it|that|this|the)\b|"
    r"\bnobody (ever )?(looks back|misses it|notices|cares)\b|"
    r"\b(will|'ll) (come around|pick it up|get the hang of it|get used to it|get over it)\b|\bthey always do\W*$|"
    r"\bi'm sure (you|your( \w+){1,2}|they)('ll| will| can| could)\b[^.?!]{0,30}\b(too|manage|handle it|cope|figure it "
    r"out|work it out|get there)\W*$|"
    r"\bevery (\w+ ){0,2}(has|goes through) (a|its|some|the same) (learning curve|teething|growing pains|hiccups|"
    r"bumps|adjustment|quirks|issues|problems|risks?|downsides?)\b|"
    r"\b(it is what it is|(the|a) (\w+) (is|are) (the|a) \5)\b|\b(\w+) being \7\b",
    re.IGNORECASE,
)
"""The concern outweighed, outgrown or shrugged off instead of answered: a feature said to 'more than make up for
it', buyers who 'forget about it' once live, people who 'will come around', 'every system has a learning curve',
'the price is the price', 'procurement being procurement', 'I'm sure your team can too'."""
SHRUGS = re.compile(
    r"\bi (don't|do not|can't|cannot) (really )?see (why|how) (that|this|it)('s| is| would be| could be| should be)"
    r" (a|an|such a|the|much of a)( \w+)? (problem|issue|sticking point|blocker|concern|worry|big deal|dealbreaker)\b|"
    r"\b(has|'s|have|'ve) never (once )?(stopped|blocked|killed|held up|derailed|slowed)( \w+)? (a|any|one) (deal|"
    r"customer|rollout|project|sale)\b|"
    r"\byou (can't|cannot|can not) (seriously|really|honestly) be\b|"
    r"\b(nobody|no one)( \w+)? (has )?ever (asked|asks|complained|worried) (us )?(for|about) (that|this|it)\b|"
    r"\b(complain|grumble|moan|whinge)s? about every (new )?\w+|"
    r"\bis what it is\b|"
    r"\b(small|tiny|minor|trivial)( \w+)? (detail|thing|point|issue|cost|risk)\b[^.?!]{0,15}\bin the (grand )?scheme of "
    r"things\b|\bin the grand scheme\b|"
    r"\byou('re| are|'ll| will)( going to| gonna)? (have|need) to get (comfortable|used to|over)\b",
    re.IGNORECASE,
)
"""The concern shrugged at: 'I don't see why that's a sticking point', 'it's never stopped a deal', 'you can't
seriously be comparing...', 'nobody has ever asked us for that', 'they complain about every new system', 'price is
what it is', 'a tiny detail in the grand scheme', 'you'll have to get comfortable with it'."""
BLAMES = re.compile(
    r"\bmore (about|to do with) (how |what |the way )?(your|you|you're)\b[^.?!]{0,60}\bthan\b|"
    r"\b(that's|that is|it's|it is|this is)( really| just| more| honestly| mostly)+ (a|an|your) (procurement|legal|"
    r"it|finance|internal|process|people|training|change management|politics|political|your-side)( side)? "
    r"(thing|issue|problem|question|matter)\b|"
    r"\byour (\w+ ){0,2}(folks|people|team|guys|department|lawyers|board) (are|is)( probably| just)* being( a bit| "
    r"overly| extra| too)* (careful|cautious|paranoid|conservative|picky|fussy|nervous|jumpy)\b",
    re.IGNORECASE,
)
"""The concern put down to the buyer's own process or people ('more about how your team rolled it out than the
tool', 'that's really a procurement thing', 'your IT folks are just being careful')."""
SHARES = re.compile(
    r"\bi('d| would)( \w+)?( \w+)? (be|feel|have been|get) (\w+ )?(nervous|worried|wary|cautious|hesitant|skeptical|"
    r"sceptical|concerned|frustrated|annoyed|upset|uneasy|careful|anxious|the same)\b|"
    r"\bi('d| would)( \w+)? (feel|think|want|say) (exactly )?the same\b|"
    r"\b(is|are|was|sounds?|must be|must have been)( really| so| pretty| quite| very| incredibly| genuinely| just)? "
    r"(rough|brutal|tough|painful|exhausting|draining|miserable|awful|horrible|stressful|frustrating|a nightmare|"
    r"a headache|nerve-racking|overwhelming)\W*$|"
    r"\b(that's|that is|it's|it is)( \w+)? a lot of (change|pressure|stress|disruption|upheaval|work|moving parts|"
    r"turnover|churn|uncertainty|juggling)\b|"
    r"\b(keeps?|keeping|kept) you up at night\b|"
    r"\bi (wouldn't|would not|'d not|don't|do not) want\b[^.?!]{0,60}\beither\b|"
    r"\bi('d| would) hate\b[^.?!]{0,60}\b(too|either|as well)\b|"
    r"\bi can (see|understand) (why|how) (that|this|it|you|your|they|someone|anyone)\b|"
    r"\b(would|will|'d|could) (make|leave) (anyone|anybody|any (\w+ )?team|everyone|most people|people)( \w+)? (cautious|"
    r"wary|gun-shy|nervous|hesitant|sceptical|skeptical|careful|doubtful|think twice|uneasy|jumpy)\b",
    re.IGNORECASE,
)
"""Feeling it with the buyer: the rep would feel the same ('I'd be nervous too', 'I wouldn't want that either'), or names the weight of what the
buyer said ('losing two dispatchers in a month is rough', 'that's a lot of change for the floor', 'I can see how
that would keep you up at night')."""
ASKS_TO_HEAR = re.compile(
    r"^\W*((so|and|okay|ok|right|um|uh|well|now|then)\W+)*(can you |could you |would you )?(please )?"
    r"(walk|talk|take) me through\b|\b(tell|show) me (a bit |a little )?(more )?(about|how|what|why|where|who)\b|"
    r"\bhelp me understand\b|\bi('m| am) (curious|wondering) (about|how|what|why|who|whether|if)\b|"
    r"\bi'd (love|like) to (hear|understand|know) (a bit |a little )?(more )?(about|how|what|why|who|whether)\b|"
    r"\bexplain to me\b|\b(give|get) me a (rough |quick |better )?(sense|feel|picture|idea) of\b|\bpaint me a picture\b|"
    r"\bfill me in on\b|\btalk to me about\b|\bi('m| am) (trying|keen|hoping) to (understand|get a (sense|feel|picture)|"
    r"hear|learn)\b|\bi('d| would) (like|love|want) to get (clear|a (sense|feel|picture)) (on|of|about)\b|"
    r"\b(let me|i want to|i'd like to|just want to) (make sure|check) i('ve got| have| understand| get| follow)\b",
    re.IGNORECASE,
)
"""A request to hear about the buyer's situation put as a statement ('So, walk me through a Monday for your
planners', 'give me a sense of the volume', 'explain to me how approvals run', 'let me make sure I've got the scope'): a
clarifying question in all but its punctuation."""
BUYER_SAID = re.compile(
    r"\b(you (said|mentioned|told me|were saying|say)|when you say|did you say|not sure i (caught|followed|got)|i "
    r"missed|just so i'm clear|to be clear|let me make sure|make sure i('ve got| have| understand))\b|"
    r"^\W*((so|and|um|uh|okay|ok|just)\W+)*(\w+\W+){0,3}who ",
    re.IGNORECASE,
)
"""A question that goes back to what the buyer said ('you mentioned a freeze, is that on all spend?', 'did you say
monthly?') or asks who does something ('the reconciliation, who does that today?'): it asks to understand, not
whether the answer landed."""
LANDED = re.compile(
    r"\b(that|this|any of (that|this))( \w+)? (land(s|ed|ing)?|sound(s|ing)?|sit(s|ting)?|make(s)? sense|help(s|ed)?|"
    r"answer(s|ed)?|address(es|ed)?|cover(s|ed)?|clear(s|ed)? (up|things)|work(s)? for you|resonat\w*|fit(s)?|"
    r"match(es)?|change(s)?)\b|\bwork(s)? for you\b|"
    r"\b(am|did|have) i (off|on|answer|answering|making|missing|miss|covered|answered|addressed|explained)\b|"
    r"\b(settle|ease|resolve|reassure|satisfy|change|look different|feel different)s?\b[^?]{0,40}\b(for|to) you\W*$|"
    r"\b(closer to|had in mind|off base|still (missing|bugging|worrying|unclear|open))\b",
    re.IGNORECASE,
)
"""A question about whether the rep's answer landed ('Does that help?', 'How's that landing?', 'Am I off base?')."""
SITUATION = re.compile(
    r"(^|[:;,]\s*)\W*((so|and|um|uh|okay|ok|just)\W+)*(who|how many|how much|how often|how long|where|when|"
    r"(are|is|do|does|did|have|has) (your|the) \w+)\b",
    re.IGNORECASE,
)
"""A question about the buyer's people, numbers or set-up ('who signs off?', 'are your stores on one till system?')."""
ASKS_FOR_INFO = re.compile(
    r"\b(can|could|would) you (please )?(tell|explain|describe|share|say|walk)( me| us)?\b(?! (a|the) (good )?(time|day|date|slot))",
    re.IGNORECASE,
)
"""A question asking the buyer to tell or explain something ('can you tell me who will be in the room on the 12th?'):
it asks to understand, even with a date in it, rather than proposing a step."""
ASKS_ABOUT_IT = re.compile(
    r"(^|[,;:]\s*)\W*((so|and|but|then|now)\W+)*(does|did|would|will|could|can|do) (that|this|it)\b", re.IGNORECASE
)
"""'Does that timing work for the pilot?': a question about what the rep just put forward, even after 'you said'."""
RAISES = re.compile(
    r"\bwhat (questions|concerns|doubts|thoughts|reservations)\b[^?]{0,30}\b(does|did|would) (that|this|it)\b",
    re.IGNORECASE,
)
"""'What questions does that raise for you?': asks what the rep's answer left open, a check."""
POINTS_BACK = re.compile(r"\b(that|this|those|these|anything|enough|else|satisf\w*)\b", re.IGNORECASE)
ALIKE = re.compile(
    r"\b(decision|situation|change|project|purchase|move|deal|rollout|process)s? like (this|that)\b|\bwho else\b",
    re.IGNORECASE,
)
"""A question that points back at what was said ('Would your CRO buy that?', 'What else would you need?') may check;
'a decision like this', 'who else' point at the buyer's situation."""
EVIDENCE = re.compile(
    r"\d|(?i:\b(percent|per cent|half|third|quarter|fifth|twice|double[ds]?|halved|tripled|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?)\b)|"
    r"(?i:\b(customers?|clients?|users|district|hospital|firm|company|companies|bank|retailer|school|chain|agency|"
    r"insurer|manufacturer|distributor|practice|network|brokers?|council|university|references?|case stud\w*|certifi\w*|"
    r"accredit\w*|audit\w*|report|study|studies|benchmark\w*|pen test|tested|trial|pilot|proof|published|"
    r"independent|analysts?|award\w*|review(s|ed)?|your (own |actual )?(\w+ )?(data|numbers|files|tickets|invoices)|"
    r"(put|get) you in touch|introduce you|talk to|speak (to|with)|call (any|one|them)|show|demo\w*|live|"
    r"side by side|agreement|documentation|docs|tell you how)\b)|"
    r"(?<=\w )[A-Z][A-Za-z0-9]+",
)
"""What makes a statement proof rather than a claim: a figure, a customer or a named body, a certificate, audit or
report, a reference to talk to, a test on the buyer's own data."""
HYPOTHETICAL = re.compile(r"\b(you|your( \w+){1,2})('d| would| could| can| will|'ll)\b", re.IGNORECASE)
"""What the buyer's people would do with it ('your lab techs would log samples once'): a benefit, not evidence."""
CUSTOMER_RESULT = re.compile(
    r"\b(a|an|one|another|two|three|several|some) (of our )?(\w+ ){0,3}(customers?|clients?|district|hospital|firm|"
    r"company|bank|retailer|school|chain|agency|insurer|manufacturer|distributor|practice|group|network|brokers?|"
    r"council|university|operator|carrier|lab)\b[^.?!]{0,60}\b(cut|reduced|saved|grew|increased|dropped|doubled|"
    r"halved|went from|improved|raised|lowered|shaved|trimmed|lifted|tripled)\b",
    re.IGNORECASE,
)
"""A customer's result ('a school district about your size cut substitute costs by a fifth'): proof."""
COMPANY_TALK = re.compile(
    r"\b(founded|spun (out|off)|headquartered|raised (about |over |around |roughly )?\S+ (million|billion)|series [a-e]|"
    r"employees|offices (in|across)|award(s|-winning)?|our (founders?|ceo|investors))\b",
    re.IGNORECASE,
)
"""Facts about the rep's own company (founded, raised, employees, offices, awards): two of them in a sentence is
talk about us, a pitch, whatever else the head hears."""
SPARES = re.compile(
    r"^\W*((so|and|plus|also|oh|um|uh|yeah)\W+)*(you|your (\w+ ){0,2}\w+) (won't|will not|don't|do not|never)( even)? "
    r"(need|have to)\b|^\W*((so|and|plus|also)\W+)*(there's |there is )?no need to (re\w+|hire|buy|change|move|migrate|"
    r"install|train|build|touch|learn)\b",
    re.IGNORECASE,
)
"""What the buyer is spared ('you won't need IT to set it up', 'no need to rebuild your reports'): a benefit, read as
value when the head passes the statement no move (a concern waved off is settled before: 'no need to worry')."""
LEANS = 0.2
"""A statement the head gives no move, whose likeliest move is one of LEANING at least this likely, makes it."""
LEANING = ("value", "proof", "discount", "dismiss")
"""The moves a statement can lean to. Not an acknowledgement: a remark the head half-hears as one ('That's the right
question, you shouldn't put a number in front of the board...') is heard only when it names the live concern, which
the roleplay decides; a question, a monologue and small talk are settled elsewhere."""


def stance(text: str, labels: tuple[str, ...], probs: dict[str, float]) -> tuple[str, ...]:
    """One statement's moves settled: minimising dismisses; empathy, stakes, respect or agreeing without a 'but'
    acknowledge; a thank-you for the meeting is neither; a statement with no move takes the one it leans to."""
    if text.rstrip().endswith("?"):
        return _question(text, labels)
    announces = bool(ANNOUNCES.search(text))
    if announces:
        labels = tuple(x for x in labels if x not in ("proof", "clarify", "check", "value"))
    rest = tuple(x for x in labels if x not in ("acknowledge", "dismiss"))
    outweighs = OUTWEIGHS.search(text) and not DIGIT.search(text)
    waves = (
        (WAVES_OFF.search(text) and "discount" not in labels)
        or BESIDE.search(text)
        or outweighs
        or BLAMES.search(text)
        or SHRUGS.search(text)
        or ASKS_BUT.search(text)
    )
    waved = MINIMIZE.search(text) or PAST_VENDOR.search(text) or SAYING.search(text) or waves
    polite = bool(POLITE_DISAGREE.search(text) or COMPARES.search(text)) and not waved  # disagrees or compares, no more
    if polite:
        labels = tuple(x for x in labels if x != "dismiss")
    elif waved or (EVERYONE.search(text) and not DIGIT.search(text)):
        return ("dismiss", *tuple(x for x in rest if x not in ("value", "proof")))
    if (
        EMPATHY.search(text)
        or RESPECT.search(text)
        or STAKES.search(text)
        or SHARES.search(text)
        or MATTERS.search(text)
    ):
        if not WE.search(text):
            rest = tuple(x for x in rest if x not in ("value", "proof"))  # their situation, not a claim of ours
        return ("acknowledge", *rest)
    if ASKS_TO_HEAR.search(text):
        return ("clarify", *tuple(x for x in rest if x not in ("next_step", "check", "value", "proof")))
    if len(COMPANY_TALK.findall(text)) >= 2:
        return ("monologue", *tuple(x for x in rest if x not in ("value", "proof")))
    if "proof" not in labels and CUSTOMER_RESULT.search(text):
        return ("proof", *tuple(x for x in rest if x != "value"))
    if (AGREES.search(text) or BURNED.search(text) or NOT_WRONG.search(text)) and not CONTRAST.search(text):
        return ("acknowledge", *rest)  # agreeing, with no 'but' after it, hears the concern whatever the head leans to
    if ACCEPTS.search(text) and not CONTRAST.search(text) and not {"next_step", "discount"} & set(labels):
        return ("acknowledge", *rest)  # a term accepted: heard and met; a dated step or a give-away stays what it is
    answers = max(probs.get("value", 0.0), probs.get("proof", 0.0))
    if (
        REFLECTS.search(text)
        and ABOUT_BUYER.search(text)
        and not OURS.search(text)
        and not DIGIT.search(text)
        and answers < SURE_ANSWER
        and "value" not in labels
    ):
        return ("acknowledge",)  # the buyer's situation said back: not a claim of ours, whatever the head leans to
    if "discount" not in labels and CONCEDES.search(text) and OFFERER.search(text) and not INCLUDED.search(text):
        return ("discount", *labels)
    if set(labels) <= {"monologue"} and CONSEQUENCE.search(text) and len(text.split()) < SHORT_CLAIM:
        return ("value", *labels)  # a pitch sentence stays one, so a turn of them is still a monologue
    if PLEASANTRY.search(text) and len(text.split()) <= PLEASANTRY_WORDS:
        return rest
    if not labels and SPARES.search(text):
        return ("value",)  # what the buyer is spared, whatever the head half-hears
    top = max(probs, key=lambda k: probs[k]) if probs else None
    if (
        not labels
        and top in LEANING
        and probs[top] >= LEANS
        and not (announces and top in ("value", "proof"))
        and not (polite and top == "dismiss")
    ):
        labels = (top,)
    if "proof" in labels and HYPOTHETICAL.search(text) and not EVIDENCE.search(text):
        labels = tuple(dict.fromkeys("value" if x == "proof" else x for x in labels))  # a claim with nothing behind it
    return labels


def _question(text: str, labels: tuple[str, ...]) -> tuple[str, ...]:
    """A question that asks nothing about the rep's answer clarifies rather than checks; one that asks whether the
    answer landed checks, whatever small talk the head hears in it."""
    landed = LANDED.search(text)
    points = POINTS_BACK.search(ALIKE.sub("", text))
    said = BUYER_SAID.search(text) and not ASKS_ABOUT_IT.search(text)
    if "check" in labels and not landed and (said or (SITUATION.search(text) and not points)):
        return tuple(dict.fromkeys("clarify" if x == "check" else x for x in labels))
    if "next_step" in labels and "clarify" not in labels and ASKS_FOR_INFO.search(text):
        return tuple(dict.fromkeys("clarify" if x == "next_step" else x for x in labels))
    if "off_topic" in labels and landed:
        return tuple(dict.fromkeys("check" if x == "off_topic" else x for x in labels))
    if "off_topic" in labels and said:
        return tuple(dict.fromkeys("clarify" if x == "off_topic" else x for x in labels))
    if "clarify" in labels and RAISES.search(text):
        return tuple(dict.fromkeys("check" if x == "clarify" else x for x in labels))
    return labels
