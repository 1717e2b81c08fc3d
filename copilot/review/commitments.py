"""What a commitment sounds like: owners ("I'll", "let's", "you'll"), dates and counts.

Shared by the act tagger (is this an `agreement`?) and action-item extraction (who, by when, how many).
"""

from __future__ import annotations

import re

from copilot.reader.lexicon import rx

ACTION_VERB = (
    r"(send|call|email|e-mail|book|schedule|set up|setup|fill in|fill out|share|follow up|follow-up|get|put|have|draft|write|"
    r"update|review|practi[cs]e|rehearse|run|do|try|join|sit in|shadow|listen|watch|record|block|hold|"
    r"loop in|introduce|intro|talk|speak|check|confirm|bring|take|finish|complete|prepare|build|create|map|"
    r"reach out|ping|text|circle back|get back|come back|meet|connect|present|demo|walk|go through|go over|"
    r"make|ask|cover|line up|pull|look into|find|dig|reschedule|move|sign|approve|start|commit|deliver|"
    r"submit|forward|add|set|clean up|rewrite|role-?play|prep|plan|pick|block out|test|pilot|raise|escalate|"
    r"invite|work|put together|read|fix|close|sort|nail down|lock in|chase|nudge|own|handle|drive|aim|target)"
)
FIRST_PERSON_COMMIT = re.compile(
    r"\b(i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|'m gonna| are gonna"
    r"|'ll make sure to| will make sure to| commit to| promise to| plan to| intend to)"
    rf"(?: (?:also|then|definitely|personally|first|just|both|try to|go and|go ahead and|"
    rf"aim to))* {ACTION_VERB}\b",
    re.IGNORECASE,
)
# "I'll wrap it up on Friday", "I'll let their counsel know today": the speaker's own future with any verb, which
# commits them once a day is said with it (see `first_person_commit`). States and perceptions ("I'll be out on
# Friday", "I'll see how Monday goes") say where the speaker will be or what they expect, not what they will do.
_OWN_FUTURE = re.compile(
    r"\b(i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|'m gonna| are gonna)"
    r"(?: (?:also|then|definitely|personally|first|just|both|quickly|probably|hopefully|try to|go and|go ahead and))*"
    r" (?!(?:be|have|need|see|know|think|guess|feel|hear|want|like|miss|lose|forget|remember|get (?:back|there)|"
    r"not|never|wait)\b)[a-z]+\b",
    re.IGNORECASE,
)


CAN_COMMIT = re.compile(rf"\b(i|we) (can|could) (?:also |then )?{ACTION_VERB}\b", re.IGNORECASE)
YOU_COMMIT = re.compile(
    r"\byou(?:'ll| will|'re going to| are going to)"
    rf"(?: (?:also|then|both|first))* {ACTION_VERB}\b",
    re.IGNORECASE,
)
# A statement of what was agreed that ends by checking it: "…, does that work for you?", "…, okay?". The check
# makes it a question in form; what it states is still the agreement.
CHECKED_STATEMENT = re.compile(
    r"(?:,|\s+-+|\s+so)\s*(?:does (?:that|this) (?:work|suit you|sound (?:good|right|ok(?:ay)?|fair))(?: for you)?"
    r"|(?:does )?(?:that|this) (?:work|sound)s?(?: (?:good|ok(?:ay)?|fair|right))?(?: for you)?"
    r"|(?:is|would) (?:that|this) (?:be )?(?:ok(?:ay)?|alright|all right|fair|doable)(?: (?:for|with) you)?"
    r"|ok(?:ay)?|right|yeah|deal|agreed|fair|sound good|can you do that|how does that sound"
    r"|(?:are you|you) (?:ok(?:ay)?|good|happy|fine) with (?:that|this))\s*\?\s*$",
    re.IGNORECASE,
)
EXPLICIT_COMMIT = rx(
    r"\bi (commit|promise)\b",
    r"\byou have my word\b",
    r"\bit's a deal\b",
    r"\b(our|the) (plan|agreement|commitment|deal)( then| here)? is:? (that )?(you|i|we)\b",
)
# "I'll walk you through the dashboard" narrates the meeting; it is not a commitment unless it has a date.
NARRATION = re.compile(
    r"\b(i|we)('ll| will|'m going to| am going to|'re going to) (quickly |just |now )?(walk|take|"
    r"show|run|talk) "
    r"(you|everyone|us)\b|\b(i|we)('ll| will|'m going to|'re going to) (quickly |just |"
    r"now )?(go over|go through|"
    r"walk through|cover|demo|start with|begin with|do a quick|pull up|jump|switch|move on|"
    r"hand (it )?over)\b",
    re.IGNORECASE,
)
# A commitment from an earlier meeting being recalled is reconciliation, not a new agreement.
PAST_COMMITMENT = re.compile(
    r"\blast (week|time|session|one-on-one|1:1|meeting|call)\b|\b(you|we|i) (said|agreed|committed|promised)"
    r" (you'd|you would|we'd|we would|i'd|i would|to)\b|\byou were (going|supposed) to\b",
    re.IGNORECASE,
)
LETS = re.compile(r"\blet'?s\b", re.IGNORECASE)

_DAYS = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri)"
_MONTHS = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|"
    r"mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_ORDINAL = (
    r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty-\w+|thirtieth|thirty-first|\d{1,2}(st|nd|rd|th))"
)
DUE_RE = re.compile(
    rf"\b((by|before|on|until|till|for|this|next|every|each|from|at|after|end of) )*"
    rf"({_DAYS}s?( (morning|afternoon|evening|noon|at \d{{1,2}}(:\d\d)?( ?[ap]m)?))?|{_MONTHS} \d{{1,2}}|"
    rf"{_MONTHS}|the {_ORDINAL}|{_ORDINAL} of {_MONTHS}|tomorrow( (morning|afternoon|noon|evening))?|tonight|"
    r"today|end of (the )?(day|week|month|quarter|year)|eod|eow|(the )?week after next|(this|next) (week|month|quarter|morning|"
    r"afternoon)|the end of (the )?(day|week|month|quarter)|(next|our next) (one-on-one|1:1|1-on-1|"
    r"meeting|call|"
    r"session|check-in|sync)|in (a|one|two|three|four|\d+) (days?|weeks?|hours?)|within (a|an|one|two|\d+) "
    r"(days?|weeks?|hours?)|\d{1,2}/\d{1,2}|noon|"
    r"(?:(?<=by )|(?<=before )|(?<=after )|(?<=until )|(?<=till )|(?<=at )|(?<=for )|(?<=from ))"
    r"the (qbr|kickoff|review|deadline|negotiation|renewal)|"
    r"(morning|afternoon) (call|meeting))\b",
    re.IGNORECASE,
)
COUNT_RE = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twice|once|a couple of|a few)"
    r"( more| new| \w+)? (times|roleplays?|role-plays?|calls?|meetings?|emails?|demos?|recordings?|"
    r"sessions?|reps?|attempts?|conversations?|touches|accounts?|deals?|prospects?|practice runs?|runs?|"
    r"cold calls?|discovery calls?|mock \w+|drills?|minutes|hours?|questions)\b",
    re.IGNORECASE,
)


def first_person_commit(low: str) -> re.Match[str] | None:
    """The speaker's commitment in a clause: "I'll send…" with a verb of doing, or their own future with any verb
    and a day said with it ("I'll wrap it up on Friday", "Meanwhile I'll let their counsel know today")."""
    found = FIRST_PERSON_COMMIT.search(low)
    if found is not None:
        return found
    own = _OWN_FUTURE.search(low)
    return own if own is not None and DUE_RE.search(low, own.end()) else None
