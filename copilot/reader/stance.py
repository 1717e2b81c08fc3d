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
    r"\b(that's|that is|it's|it is) (just )?(how|the way) (these things|it|things) (go|goes|work|works)\b|"
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
ABOUT_BUYER = re.compile(r"\b(you|your|you've|you're|the board|the team|they've|they)\b", re.IGNORECASE)
OURS = re.compile(
    r"\b(we|we'll|we're|we've|our|us|i|i'll|i'd|i'm|(it|this)('s| is| will| would| gives| lets| takes| does| plugs| works| cuts)|means|would|will|could|can|'ll|'d|saves?|"
    r"faster|fewer|less|more|instead|so that|get|gets|lets?)\b",
    re.IGNORECASE,
)
"""What makes a 'so...' statement the rep's answer rather than the buyer's situation said back."""
CONSEQUENCE = re.compile(
    r",? so (that )?(you|your|there's no|there is no|nobody|no one|the team|new \w+)\b|"
    r"\bfrom (about |around )?\w+ \w+ (down )?to (about |around |just )?\w+\b",
    re.IGNORECASE,
)
"""A benefit put as what follows for the buyer ('..., so new hires sell sooner'; 'from six weeks to about two')."""
CONCEDES = re.compile(
    r"\bon the house\b|\bfor the price of (the |a |an |our |your )?\w+|\b(at|for) no (extra |additional )?(cost|charge)\b|"
    r"\bfree of charge\b|\bwaive\b|\bhalf (the )?price\b|\b\d{1,2}\s?(%|percent|per cent) off\b|\bthrow(ing)? in\b",
    re.IGNORECASE,
)
INCLUDED = re.compile(r"\b(include[sd]?|including|comes with|every plan|all plans|as standard)\b", re.IGNORECASE)
"""What every buyer gets anyway ('we include onboarding at no extra cost'): packaging, not a concession."""
OFFERER = re.compile(r"\b(i|we|i'll|we'll|i'd|we'd|i'm|we're|let me|let's)\b", re.IGNORECASE)
"""A price given away by the rep ('we can do the first two months on the house', 'the premium tier for the price of
the standard one'): a concession, whether or not the head heard it as one (a refusal is settled in moves.py)."""
STAKES = re.compile(
    r"\b(your|you're|you are) (own )?(name|standing|reputation|credibility|neck|job|career|signature)\b|"
    r"\bon the (line|hook)\b|\b(lands|falls|comes back) on you\b|\byou('re| are|'d be|'ll be) the one\b|"
    r"\bbeing the one (who|that)\b|"
    r"\byou('re| are)? not (\w+ ){0,3}(that|this|it) (again|twice)\b",
    re.IGNORECASE,
)
"""What the concern puts at stake for the buyer personally, or their refusal said back to them ('it's your name on
the line if this fails', 'nobody wants to be the one who explains an overrun')."""
AGREES = re.compile(
    r"^\W*(fair( enough| point)?|true|agreed|understood|totally|absolutely|i get (it|that)|makes sense|good point|"
    r"that's (fair|true|right))\s*[,.!;:\u2013\u2014-]",
    re.IGNORECASE,
)
"""A statement that opens by agreeing with the buyer ('Agreed, the board will want a number you can defend.')."""
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
        return labels
    announces = bool(ANNOUNCES.search(text))
    if announces:
        labels = tuple(x for x in labels if x not in ("proof", "clarify", "check", "value"))
    rest = tuple(x for x in labels if x not in ("acknowledge", "dismiss"))
    waved = MINIMIZE.search(text) or PAST_VENDOR.search(text) or SAYING.search(text)
    polite = bool(POLITE_DISAGREE.search(text)) and not waved
    if polite:
        labels = tuple(x for x in labels if x != "dismiss")
    elif waved or (EVERYONE.search(text) and not DIGIT.search(text)):
        return ("dismiss", *tuple(x for x in rest if x not in ("value", "proof")))
    if EMPATHY.search(text) or RESPECT.search(text) or STAKES.search(text):
        return ("acknowledge", *rest)
    if (AGREES.search(text) or BURNED.search(text)) and not CONTRAST.search(text):
        return ("acknowledge", *rest)  # agreeing, with no 'but' after it, hears the concern whatever the head leans to
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
    top = max(probs, key=lambda k: probs[k]) if probs else None
    if (
        not labels
        and top in LEANING
        and probs[top] >= LEANS
        and not (announces and top in ("value", "proof"))
        and not (polite and top == "dismiss")
    ):
        return (top,)
    return labels
