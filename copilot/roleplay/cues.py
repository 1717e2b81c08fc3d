"""Word patterns the roleplay still uses as rules: hostile or foreign input, ways to verify, open-question shape.

What a rep's turn does (acknowledge, argue, discount, check, propose a step) is read by the utterance reader
(copilot.reader.moves); its former patterns live on as features of the moves head (copilot/reader/specs/moves.py).
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A word set from one readable string."""
    return frozenset(text.split())


def rx(*parts: str) -> re.Pattern[str]:
    """One case-insensitive alternation from readable parts, matched on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts) + r")", re.IGNORECASE)


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
CLAIM = rx(
    r"(saves?|saving|cuts?|reduces?|halves|doubles|improves?|increases?|boosts?|frees? up)\b(?![^.?!]*\?)",
    r"pays? (for )?(itself|back)",
    r"payback",
    r"(make|makes|making|get|earn) (the |your |that )?(money|investment|cost) back",
    r"break(s)? even",
    r"\broi\b",
    r"return on",
    r"(get|gets|give|gives) (you |your \w+ )?(\w+ )?(hours?|days?|time|mondays?|fridays?|weekends?) back",
)
"""A benefit the rep asserts (time or money saved, payback, a number improved): a claim a buyer wants shown, not
taken on trust."""
OPEN_AFTER_CLAUSE = re.compile(
    r"^(?:[^,?]{0,80},\s*)?(?:and |so |but )?(?:how\b|why\b|what\b(?! (time|day|date)\b)|"
    r"where (?:does|do|did|is|are)\b|which\b(?! (day|time|date|of (those|these))\b)|who\b|walk me\b|tell me\b|"
    r"help me understand\b)",
    re.IGNORECASE,
)
EMBEDDED_OPEN = rx(
    r"(can|could|may) i ask (what|how|why|who|where|which)", r"^(tell|walk|talk) me\b", r"help me understand"
)
INJECTION = rx(
    r"ignore (all |any |your |the |my |previous |prior |above |earlier )*(instructions|role|rules|prompt|persona|"
    r"character|system)",
    r"forget (all |your |the |previous )*(instructions|role|rules|prompt|persona|character)",
    r"you are (now|no longer) ",
    r"pretend (to be|you are|you're)",
    # asked of the buyer now, not the condition of a trade ('if you'd act as a reference customer, I could ...')
    r"(?<!\bif you )(?<!\bif you'd )(?<!\bif you'll )(?<!\bif you would )(?<!\bif you could )(?<!\bif you can )"
    r"(act|behave|respond|answer) as (if|an?|my) ",
    r"system prompt",
    r"(break|drop|leave|step out of|come out of|get out of) (your |the |this )?(character|role|persona|part)",
    # the act named for the part played ('drop the procurement act for a sec', 'cut the tough-CFO routine')
    r"(drop|cut|quit|stop|enough with|end) (the|this|your) ([\w'-]+ ){0,2}(act|charade|pretence|pretense|performance|"
    r"persona|routine)\b(?=\s*($|[,.;:!?\u2013\u2014-]|(for|and|now|please|already|just|a|with|so|then|i|you)\b))",
    # asked of the buyer, not said of someone ('so you stop playing catch-up', 'helps reps stop being the bottleneck')
    r"(?<!\byou )(?<!\bwe )(?<!\bthey )(?<!\bto )(?<!\breps )(?<!\bteam )(stop|quit|no more|enough of) "
    r"(being|playing|acting|pretending)",
    r"(can|could|would|will) you (just |please )?(stop|quit) (being|playing|acting|pretending)",
    r"forget (being|that you're|you're|you are) (the|a|an|my)\b",
    r"(pause|stop|freeze|end|leave|step out of|come out of) (the|this) (scenario|simulation|exercise|game|practice)",
    r"out of character",
    r"(speaking|talking|answer(ing)?|tell me|say) as (yourself|you really are)",
    r"what (would )?an? real (\w+ ){0,2}(would )?(say|do|think|tell)",
    r"new (instructions|rules)|new role(:| is\b| as\b)",  # not 'congrats on the new role'
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


_HOW_LONG = r"\bhow (much (more )?time|long|many (more )?minutes)\b"
MEETING_TIME = re.compile(
    rf"{_HOW_LONG}(?![^.?!]*\b(had|been|used|using|run|running)\b)[^.?!]*\b(have|'ve|got|give|spare|left)\b[^.?!]*\b(today|now|this (call|meeting|morning|afternoon)|"
    r"before (your|the) next|with (me|us))\b|"
    rf"{_HOW_LONG} (have|'ve) (we|you) got( left)?\b|"
    r"\b(the )?(full|whole) (half[- ]hour|hour|\d{1,2} minutes)\b[^.?!]*\b(today|now)\b",
    re.IGNORECASE,
)
"""A question after the time the buyer has for this meeting ('How much time have we got today before your next
call?', 'How long can you give me today?'): 'today' there is the meeting's own day, not a day proposed for a step,
and no fact about the deal answers it. Not how long something takes, nor time the buyer spends ('How much time do you
have to spend on forecast prep?'): the meeting is named ('today', 'before your next call', 'with me')."""
