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
    r"\bsurely\b|\byou('ll| will) (manage|be fine|survive|live|get used to it)\b",
    re.IGNORECASE,
)
"""The concern called small, imagined or overdone (a sum called pocket change or a rounding error, a cost that
'barely registers' or 'is nothing for a company your size'), its source waved off ('I wouldn't read too much into
it'), proof waved away ('it speaks for itself'), or the buyer talked down to ('surely you can find the time', 'you'll
manage')."""
EMPATHY = re.compile(
    r"\b(that|it|this|which)('s| is| sounds| must be| must feel| seems| looks)( like)?( a| an)?"
    r"( really| so| pretty| quite| very)? (hard|tough|brutal|exhausting|frustrating|painful|stressful|rough|difficult|"
    r"draining|lonely|awkward|unfair|grind|lot(?! of))\b|"
    r"\bi can (only )?imagine\b|\bthat can't be (easy|fun)\b|"
    r"\b(in|from) your (shoes|seat|position)\b",
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
CONTRAST = re.compile(r"\b(but|however|though|although|yet|still)\b", re.IGNORECASE)
PLEASANTRY = re.compile(
    r"^\W*(thanks|thank you)( (so|very) much)? for (making|taking|finding) (the |this )?(time|call|meeting)\b|"
    r"^\W*(thanks|thank you) for (having|seeing|meeting) (me|us)\b",
    re.IGNORECASE,
)
"""Thanks for the meeting: good manners, not an acknowledgement of the concern."""
PLEASANTRY_WORDS = 10
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
    if MINIMIZE.search(text):
        return ("dismiss", *tuple(x for x in rest if x != "value"))
    if EMPATHY.search(text) or RESPECT.search(text) or STAKES.search(text):
        return ("acknowledge", *rest)
    if AGREES.search(text) and not CONTRAST.search(text):
        return ("acknowledge", *rest)  # agreeing, with no 'but' after it, hears the concern whatever the head leans to
    if PLEASANTRY.search(text) and len(text.split()) <= PLEASANTRY_WORDS:
        return rest
    top = max(probs, key=lambda k: probs[k]) if probs else None
    if not labels and top in LEANING and probs[top] >= LEANS and not (announces and top in ("value", "proof")):
        return (top,)
    return labels
