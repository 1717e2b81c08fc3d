"""Action items agreed in a conversation, and references to last week's items, ready to save per rep.

An action item is a clause of an `agreement` sentence: its owner is who made the commitment ("I" = the
speaker, "you" = the person addressed, "we"/"let's" = both people in a 1-on-1, the speaker's side on a
call); `due` and `count` are the date and the number as said ("by Friday", "three roleplays").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.reader import lexicon as lx
from copilot.reader.specs.coaching import rehearses
from copilot.review import commitments as cm
from copilot.review import counts, reschedule
from copilot.review.acts import ActTag, content_words, normalize
from copilot.review.roles import RoleAssignment
from copilot.review.transcript import Transcript, Utterance

RECONCILE = lx.rx(
    r"\blast (week|time|session|one-on-one|1:1|1-on-1|meeting|call|catch-up|check-in)\b.{0,80}"
    r"\b(you|we|i) (said|agreed|committed|promised|were going to|was going to|planned|mentioned)\b",
    r"\b(you|we|i) (said|agreed|committed|promised)\b.{0,60}\blast (week|time|session|one-on-one)\b",
    r"\b(did|were) you (ever )?(get to|manage to|get a chance to|get round to|get around to|able to|"
    r"end up)\b",
    r"\b(action items?|follow-ups?|homework|commitments?|to-dos?|next steps) from (last|our last|the last)\b",
    r"\b(where|how) (are|did|do) (we|you|things) (land|get|end up|stand) (on|with)\b",
    r"\blet's (start|begin|kick off) (with|by) (reviewing|going over|checking|looking at|revisiting) "
    r"(last|what|your|the (action|commitments|follow))",
    r"\byou were (going|supposed|planning) to\b",
    r"\b(before we (start|begin|dive in)|first),? (let's|can we|i want to) (check|review|go over|look at|"
    r"close the loop on) (the|your|last|what)\b",
    r"\bclose the loop on\b",
    r"\bhow did (the|your) .{0,40}\b(you committed to|we agreed|from last week|you said you'd)\b",
)
_CLAUSE_SPLIT = re.compile(r",? and then |;|, and (?=(i|we|you|let's)\b)|, then (?=(i|we|you)\b)|: ", re.I)
_STARTS_COMMITMENT = re.compile(
    r"(?:i|we|you)(?:'ll| will| are going to|'re going to| am going to|'m going to)\s", re.I
)
_SUBJECT = re.compile(r"\b(i|we|you|let's)(?=\b|')", re.I)
_LETS_YOU = re.compile(r"\blet'?s (have|get) you\b", re.I)  # "let's have you listen to…": the other person's item
_AND = re.compile(r",? and (?:also |then )?", re.I)
# What may open a request before its verb: fillers, "please", or a fronted deadline ("By Monday, please …").
_LEAD_IN = r"^(?:(?:so|and|also|then|okay|ok|great|right|good|please|just|now)[,.!]?\s+|by [^,]{1,30},\s+)*"
# A request or instruction to the other person: "Send me the deck by Friday", "Could you book the call?",
# "I need you to…", "We should review…". It becomes an item when the other person accepts it in their next turn.
_DIRECTIVE = re.compile(
    _LEAD_IN + r"(?:(?:can|could|would|will) you (?:please |also |just )?|i (?:need|want|'d like|would like)"
    r" you to |you (?:need|have) to |make sure (?:you )?|let's have you |let's get you to |"
    r"(?P<we>we (?:should|need to|could|must) (?:also )?))?"
    rf"{cm.ACTION_VERB}\b",
    re.IGNORECASE,
)
# A reply that does the request as it is said: "Booking it now", "Sending it right now".
_DOING_NOW = re.compile(
    r"^(?:(?:sure|okay|ok|yes|yeah|yep|on it)[,.!]?\s+)*([a-z]+ing)\b[^.?!]{0,40}?\b(?:right )?now\b", re.IGNORECASE
)
# An instruction with no subject, after the lead-in ("By Monday, please block …").
_IMPERATIVE = re.compile(
    _LEAD_IN + rf"{cm.ACTION_VERB}\b",
    re.IGNORECASE,
)
_ACCEPTS = re.compile(
    r"^(?:(?:sure|okay|ok|yes|yeah|yep|yup|will do|on it|absolutely|definitely|no problem|of course|done|deal|"
    r"sounds good|great|perfect|fine|agreed|got it|thanks|right)\b|i(?:'ll| will| can)\b|booking\b|let's\b|"
    r"(?:the )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(?:st|nd|rd|th))(?: at [\w:]+)?(?:'s| is)? "
    r"(?:works|fine|good|suits)\b)",
    re.IGNORECASE,
)
# A dated step put to the other person as a question ("Would it make sense to get your RevOps lead on a call Thursday
# the 10th at 2pm?"): once they say yes it is both people's item, the meeting the call ends with.
_PROPOSES = re.compile(
    r"^(?:(?:so|and|okay|ok|great|then)[,.!]?\s+)*(?:would it (?:make sense|be worth (?:it )?|help|be useful|work)"
    r"(?: (?:for us|for you))?(?: to)?|could we|can we|shall we|should we|how about|what about|why don't we|"
    r"would you be open to|are you open to|would you (?:like|want) to|do you want to|is it worth)\s+(?P<step>.+)$",
    re.IGNORECASE,
)
_DECLINES = re.compile(r"\b(can't|cannot|won't|couldn't|not sure|doesn't work|don't think|instead|could it be)\b", re.I)
_ASKS_IF_DONE = re.compile(
    r"^(?:(?:so|and|okay|ok|great|then)[,.!]?\s+)*(?:have|has|had) (?:you|we|they|he|she)\b", re.I
)
_IN_MEETING = re.compile(r"\b(now|right now|here|with me|on me|to me|me more)\b", re.I)
# The order of the conversation under way, said at its start ("I'll start with the Sunday prep, then show Raj where
# the data comes from"): the meeting's agenda, done before it ends, not a thing to do after it.
_AGENDA = re.compile(
    r"^(?:(?:so|okay|ok|great|right|then)[,.!]?\s+)*(?:i'll|i will|let me|we'll|we will|let's) "
    r"(?:start|begin|kick off|open|lead) (?:with|by|on)\b",
    re.I,
)
_WEEKDAY = re.compile(r"(mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
# A day naming a thing rather than when ("the Sunday prep", "your Monday forecast call"): a determiner before the
# day, no time preposition before that, and a word after it.
_DAY_AS_NAME = re.compile(r"(?<!\bat )(?<!\bby )(?<!\bon )(?<!\bbefore )(?<!\bafter )(?<!\buntil )(?<!\bfor )"
                          r"\b(the|a|your|our|their|his|her|my|this) $")  # fmt: skip
# What can follow "and" to start a second thing to do, rather than a second object ("the deck and the contract").
_STARTS_VERB_PHRASE = re.compile(
    r"^(?!(?:the|a|an|my|your|his|her|their|our|its|this|that|these|those|some|any|all|both|each|every|to|on|in|"
    r"at|by|for|with|from|of|about|before|after|then|i|we|you|he|she|they|it|me|him|them|us|also|maybe|not|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|next|this|\d+)\b)[a-z]+\b",
    re.I,
)
_VERB_WORD = re.compile(rf"\b{cm.ACTION_VERB}\b", re.I)
_NUMBERS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "noon"]
)
_GENERIC = frozenset({"get", "have", "do", "make", "put", "set", "take", "work", "own", "handle", "drive"})


class ActionItem(BaseModel):
    """One commitment found in the transcript."""

    text: str = Field(description="the commitment as said")
    owner: str = Field(description="who committed: a speaker name, or two names joined by ' and '")
    owner_role: str | None = None
    due: str | None = Field(default=None, description="the date or deadline as said, if any")
    count: str | None = Field(default=None, description="the number committed to, if any")
    speaker: str = Field(description="who said it")
    utterance_index: int
    vague: bool = Field(
        default=False, description="its object is only 'it'/'that'/'this': the manager should write down what"
    )


# Words that say when or how often, not what: left out when asking whether an item says what it is about.
_TIME_WORDS = re.compile(
    r"\b(i'll|i will|we'll|you'll|let's|i'm going to|going to|will|do|did|get|got|send|by|on|before|after|next|this|"
    r"week|weekend|today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|end|day|morning|afternoon|"
    r"evening|times?|once|twice|again|sure|definitely|try|first|thing|done|finished|sorted)\b",
    re.IGNORECASE,
)
# Who commits and how, in front of the verb: "I'll", "we're going to", "can you please", "let's".
_COMMITTER = re.compile(
    r"\b(?:(?:i|we|you)(?:'ll| will| shall| can| could| should| must|'m going to| am going to|'re going to|"
    r" are going to|'m gonna|'re gonna| need to| have to| want to)|let's|(?:can|could|would|will) you)"
    r"(?: (?:also|then|definitely|personally|first|just|please|quickly|both|try to|go and|go ahead and|"
    r"make sure to|aim to))*\s+",
    re.IGNORECASE,
)
# "take a look at", "have a quick go at", "take care of": a light verb whose object comes after the phrase.
_LIGHT_VERB = re.compile(
    r"^(?:take|have|give \w+|get) (?:a|another) (?:\w+ )?(?:look|go|stab|crack|pass|think|read|listen)\b|"
    r"^take care\b",
    re.IGNORECASE,
)
_PRONOUN_OBJECT = frozenset({"it", "that", "this", "them", "those", "these"})
# What may follow a pronoun that is the whole object: a particle, a preposition, a time word, the end of the clause.
# A noun after it makes the pronoun an indirect object ("send them the deck") or a determiner ("that deck").
_AFTER_OBJECT = frozenset(
    [
        "to",
        "with",
        "on",
        "by",
        "for",
        "from",
        "in",
        "into",
        "at",
        "over",
        "up",
        "out",
        "back",
        "off",
        "through",
        "across",
        "around",
        "about",
        "before",
        "after",
        "until",
        "till",
        "today",
        "tomorrow",
        "tonight",
        "next",
        "this",
        "first",
        "then",
        "again",
        "now",
        "later",
        "soon",
        "asap",
        "when",
        "once",
        "if",
        "and",
        "or",
        "as",
        "so",
        "too",
        "also",
        "done",
        "ready",
        "sorted",
        "fixed",
        "finished",
        "together",
        "properly",
        "quickly",
        "twice",
        "myself",
        "yourself",
        "ourselves",
        "right",
        "away",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# Particles and prepositions between a verb and its object ("look into it", "follow up on that").
_PARTICLES = frozenset(
    ["up", "out", "into", "on", "at", "with", "over", "through", "back", "off", "about", "to", "in", "for"]
)


def is_vague(text: str) -> bool:
    """'I'll do it by Friday', 'I'll chase that with their lawyer': the commitment's object is only a pronoun.

    The object is the first word after the verb and its particles; it is only a pronoun when what follows the pronoun
    is no noun (a preposition, a time, the end), so 'send them the deck' and 'send that deck' say what. A pronoun
    resolved only by an earlier sentence ('…the battlecard. Read it before Friday') is still flagged: the item is
    saved on its own, and 'it' alone does not say what.
    """
    low = re.sub(r"[^a-z0-9' ]+", " ", normalize(text))
    committer = _COMMITTER.search(low)
    rest = low[committer.end() :] if committer else (_LEAD.sub("", low) or low)
    rest = _ADVERBS.sub("", rest) or rest
    light = _LIGHT_VERB.match(rest)
    words = rest[light.end() :].split() if light else rest.split()[1:]
    while words and words[0] in _PARTICLES:
        words = words[1:]
    if not words or words[0] not in _PRONOUN_OBJECT or (len(words) > 1 and words[1] not in _AFTER_OBJECT):
        return False
    if words[0] != "them":
        return True
    # "them" is often people ("email them with two times for a deep dive"): vague only when nothing else says what.
    return not content_words(_TIME_WORDS.sub(" ", cm.DUE_RE.sub(" ", " ".join(words[1:]))))


class Reconciliation(BaseModel):
    """A reference to an earlier commitment ('last week you said…', 'did you get to…')."""

    utterance_index: int
    speaker: str
    text: str
    position: float = Field(description="how far into the conversation, 0 = start, 1 = end")


def _addressee(transcript: Transcript, index: int) -> str | None:
    """The person spoken to: the nearest other speaker before, else after, this utterance."""
    speaker = transcript.utterances[index].speaker
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(transcript.utterances):
            if transcript.utterances[i].speaker != speaker:
                return transcript.utterances[i].speaker
            i += step
    return None


def _owner(subject: str, speaker: str, addressee: str | None, kind: str) -> str:
    """Resolve a grammatical subject to the person who owns the commitment."""
    if subject == "you" and addressee:
        return addressee
    if subject in {"we", "let's"} and addressee and (kind == "coaching" or subject == "let's"):
        return f"{speaker} and {addressee}"
    return speaker


def _subject_of(low: str) -> str:
    """Who the commitment binds: the pronoun of the matched commitment pattern, else the first subject."""
    for pattern, fixed in (
        (_LETS_YOU, "you"),
        (cm.FIRST_PERSON_COMMIT, None),
        (cm.YOU_COMMIT, "you"),
        (cm.CAN_COMMIT, None),
        (cm.LETS, "let's"),
    ):
        match = pattern.search(low)
        if match:
            return fixed or match.group(1).lower()
        if pattern is cm.FIRST_PERSON_COMMIT and (own := cm.first_person_commit(low)):
            return own.group(1).lower()  # "If you like, I'll wrap it up Friday": the speaker's own dated future
    if _IMPERATIVE.match(low):  # "By Monday, please block two hours…": the one told to do it owns it
        return "you"
    low = re.sub(r"^(the|our) (plan|deal|agreement|commitment)( \w+)? is:?", "", low)
    subject = _SUBJECT.search(low)
    return subject.group(1).lower() if subject else "i"


def _said(clause: str, low: str, pattern: re.Pattern[str]) -> str | None:
    """Every date (or count) as the speaker said it, joined: 'on Tuesday, Thursday morning'. A day that names a
    thing ("the Sunday prep") is not a date."""
    source = clause if len(clause) == len(low) else low
    found = [
        source[m.start() : m.end()].strip()
        for m in pattern.finditer(low)
        if not (_day_as_name(low, m) and pattern is cm.DUE_RE)
    ]
    return ", ".join(dict.fromkeys(found)) or None


def _day_as_name(low: str, m: re.Match[str]) -> bool:
    """Whether the matched day names a thing ("the Sunday prep", "your Monday forecast call"), not a time."""
    return bool(
        _WEEKDAY.fullmatch(m.group(0).strip().rstrip("s"))
        and _DAY_AS_NAME.search(low[: m.start()])
        and re.match(r" (?!(?:morning|afternoon|evening|night|noon|at|or|and|works|is|it)\b)[a-z]", low[m.end() :])
    )


_ADVERBS = re.compile(r"^((just|also|then|please|now|first|simply)\s+)+")
"""Adverbs before an imperative's verb ('just put it in the calendar'): the verb comes after them."""
_LEAD = re.compile(
    r"^((okay|ok|sure|great|done|fine|yes|yeah|yep|alright|right|perfect|so|and|deal|good|agreed)"
    r"[,.!]?\s+)+",
    re.IGNORECASE,
)


def _clauses(sentence: str) -> list[str]:
    """Split 'you'll do X by Monday, and I'll review it Tuesday' into its commitments.

    Two things joined by "and", each with its own date ("I'll send them Friday and book it for Tuesday"), are two
    commitments; the second keeps the first one's subject.
    """
    out: list[str] = []
    for c in _CLAUSE_SPLIT.split(sentence):
        if not c or not c.strip(" ,.") or re.fullmatch(r"(i|we|you|let's)", c.strip(" ,."), re.I):
            continue
        out += _dated_parts(c.strip(" ,."))
    return out


def _dated_parts(clause: str) -> list[str]:
    """'X on Thursday and Y next Tuesday' -> ['X on Thursday', 'Y next Tuesday'] when each part has its own date;
    'you'll X by Wednesday and we'll Y on Thursday' -> two items, each with its own owner."""
    for m in _AND.finditer(clause):
        left, right = clause[: m.start()], clause[m.end() :]
        if not (cm.DUE_RE.search(normalize(left)) and cm.DUE_RE.search(normalize(right))):
            continue
        if _STARTS_COMMITMENT.match(right):  # "… by Wednesday and we'll run it on Thursday": its own owner
            return [left.strip(" ,."), *_dated_parts(right.strip(" ,."))]
        if _STARTS_VERB_PHRASE.match(right):
            return [left.strip(" ,."), *_dated_parts(f"{_subject_phrase(left)}{right}".strip(" ,."))]
    return [clause]


def _subject_phrase(clause: str) -> str:
    """The subject and modal that open a commitment ("I'll ", "you're going to "), to carry over to a second verb."""
    m = re.match(
        r"^(?:(?:okay|ok|so|and|yes|yeah|sure|great|right|also|then|well|thanks|fine)[,.!]?\s+)*"
        r"(i|we|you)('ll| will|'m going to| am going to|'re going to| are going to|'m gonna| can| could) ",
        clause,
        re.I,
    )
    return m.group(0) if m else ""


def _is_commitment(clause: str) -> bool:
    """A clause that commits someone to something, by the tagger's own agreement patterns."""
    low = normalize(clause)
    dated = bool(cm.DUE_RE.search(low) or cm.COUNT_RE.search(low))
    if cm.NARRATION.search(low) and not dated:
        return False
    return bool(
        cm.first_person_commit(low)
        or cm.EXPLICIT_COMMIT.search(low)
        or (
            dated
            and (cm.CAN_COMMIT.search(low) or cm.LETS.search(low) or cm.YOU_COMMIT.search(low) or _SUBJECT.search(low))
        )
    )


def extract_action_items(transcript: Transcript, tags: Sequence[ActTag], roles: RoleAssignment) -> list[ActionItem]:
    """Every commitment, deduplicated when restated by the other person.

    A commitment is a clause of an `agreement` sentence, or, in a 1-on-1, a request or instruction ("Send me the two
    questions by Friday") the other person accepts in their next turn. The acceptance ("I'll send them Friday")
    joins the item it accepts and its own date wins: the owner said when they will do it.
    """
    items: list[ActionItem] = []
    asked: list[ActionItem] = []  # items the previous turn asked for, waiting for the owner's confirmation
    taken: set[int] = set()
    moves: list[tuple[ActionItem, str]] = []  # an item and the day a counter-proposal moved it to
    settling: tuple[int, list[ActionItem]] = (-1, [])  # the last turn of talk settling these items' day
    when: ActionItem | None = None  # what the last turn's "when" question asked the other to do, until answered
    for utterance, tag in zip(transcript.utterances, tags, strict=True):
        addressee = _addressee(transcript, utterance.index)
        pending, asked = asked, []
        moved = reschedule.agreed_day(transcript.utterances, utterance.index) if addressee else None
        before = len(items)
        accepted = bool(addressee) and (_accepted(transcript, utterance.index) or moved is not None)
        if roles.kind == "coaching" and addressee and accepted:
            for sentence in (s for s in tag.sentences if s.act != "agreement"):
                for clause, group in _directives(sentence.text):
                    owner = f"{utterance.speaker} and {addressee}" if group else addressee
                    asked.append(_item(clause, owner, utterance.speaker, utterance.index, roles))
            items += asked
        if addressee and accepted:
            for sentence in tag.sentences:
                step = _proposed_step(sentence.text)
                if step and not (utterance.index <= settling[0] and reschedule.settles(step)):
                    for part in _dated_parts(step):  # "agree the measures by Thursday and start on the 14th": two
                        items.append(_item(part, f"{utterance.speaker} and {addressee}", utterance.speaker,
                                           utterance.index, roles))  # fmt: skip
        doing = _DOING_NOW.match(utterance.text.strip())
        if doing and pending:  # "Booking it now": the owner does what was asked today
            stem = doing.group(1).lower()[:-3]
            now = next((a for a in pending if any(v.startswith(stem) for v in _verbs(a.text))), None)
            now = now or next((a for a in pending if id(a) not in taken), None)
            if now is not None:
                taken.add(id(now))
                now.due = "today"
        if "agreement" in tag.acts:
            _agreements(utterance, tag, addressee, roles, items, asked, pending, taken, settling)
        day = reschedule.answered_day(transcript.utterances, utterance.index)
        answered = None
        if when is not None and (id(when) in taken or day is not None):
            answered = when  # "When can you send the order form?" / "Tomorrow." (or "I'll send it tomorrow.")
        elif when is not None:
            items.remove(when)  # asked when, and no day or commitment came back
        elif day is not None and _planner(transcript, utterance.index):
            # "I was going to rebuild the map." / "By when?" / "Thursday, probably."
            plan = transcript.utterances[utterance.index - 2].text
            if _about(reschedule.when_asked(transcript.utterances[utterance.index - 1].text) or "", plan):
                answered = _planned(transcript, utterance.index - 2, items, roles)
        if answered is not None and day is not None and id(answered) not in taken:
            moves.append((answered, day))
            settling = (utterance.index + 1, [answered])
        number = counts.settled_count(transcript.utterances, utterance.index) if addressee else None
        if number is not None and addressee:  # "How many calls can you fit in?" / "Twenty?" / "Make it thirty."
            owner = f"{utterance.speaker} and {addressee}" if number.both else addressee
            said = f"{number.count} {number.what}" + (f" {number.day}" if number.day else "")
            items.append(_item(said, owner, utterance.speaker, utterance.index, roles))
            items[-1].count = items[-1].count or f"{number.count} {number.what}"  # the count agreed, whatever it counts
            settling = (number.end, [items[-1]])
        counted = next((a for a in reversed(items[before:]) if a.count), None)
        recount = counts.moved_count(transcript.utterances, utterance.index, counted.count or "") if counted else None
        if counted is not None and recount is not None:  # "Let's do four practice runs." / "Three?" / "Fine, three."
            _recount(counted, recount[0])
            settling = (recount[1], [counted])
        when = _when_item(transcript, utterance, addressee, roles)
        if when is not None:
            items.append(when)
            asked.append(when)
        if moved is not None:
            own = [a for a in items[before:] if a is not when]
            dated = [a for a in own if a.due] or own or ([answered] if answered is not None else [])
            if dated:
                moves.append((dated[-1], moved.day))
                settling = (moved.end, [dated[-1]])
    for item, day in moves:
        item.due = day
    for item in items:
        if item.vague:
            _resolve_status(transcript, item)
    return _dedupe(items)


# A question about how far along something is: "Where are you with the security questionnaire?", "How's the Pell
# proposal coming along?", "What's the status of the pilot plan?". The thing it names is what an answer's "it" is.
_STATUS = re.compile(
    r"^(?:(?:so|and|okay|ok|right|now|quick one)[,.]?\s+)*(?:"
    r"(?:where|how) (?:are|were|do) (?:you|we|things) (?:at |up to |stand |getting on )?(?:with|on) (?P<a>.+?)"
    r"|how(?:'s| is| are) (?P<b>.+?) (?:going|coming along|coming on|looking|progressing|shaping up|getting on)"
    r"|how far (?:along )?(?:are you|are we|is|are) (?:with )?(?P<c>.+?)(?: along)?"
    r"|(?:what's|what is) the (?:status|state|latest|update|progress) (?:of|on|with) (?P<d>.+?)"
    r"|any (?:progress|news|update|updates|luck|movement) (?:on|with) (?P<e>.+?)"
    r")(?: so far| now| at the moment| these days)?\?$",
    re.IGNORECASE,
)
_DETERMINED = re.compile(r"^(?:the|your|my|our|their|his|her|that|this)\b", re.IGNORECASE)


def status_topic(question: str) -> str | None:
    """What a status question asks about ("the security questionnaire for Lumo"), from the answerer's side ("your
    deck" -> "my deck"), when it names a thing with a determiner; else None."""
    last = re.split(r"(?<=[.!?])\s+", question.strip())[-1]
    m = _STATUS.match(last)
    if m is None:
        return None
    thing = next(g for g in m.groups() if g).strip(" ,")
    if not _DETERMINED.match(thing) or len(thing.split()) == 1:  # "Where are you with that?" names nothing
        return None
    return re.sub(r"\byour\b", "my", re.sub(r"\byours\b", "mine", thing, flags=re.I), flags=re.I)


def _resolve_status(transcript: Transcript, item: ActionItem) -> None:
    """An item whose object is only 'it', said in answer to the other person's status question ("Where are you with
    the questionnaire?" / "I'll finish it Wednesday"), is about the thing that question names."""
    i = item.utterance_index
    if i < 1 or transcript.utterances[i - 1].speaker == item.speaker:
        return
    topic = status_topic(transcript.utterances[i - 1].text)
    if topic is None:
        return
    low = normalize(item.text)
    committer = _COMMITTER.search(low)
    start = committer.end() if committer else 0
    found = re.compile(r"\b(it|that|this|them)\b", re.I).search(item.text, start)
    if found is None or len(low) != len(item.text):
        return
    text = item.text[: found.start()] + topic + item.text[found.end() :]
    if not is_vague(text):
        item.text, item.vague = text, False


def _recount(item: ActionItem, number: str) -> None:
    """The item's count becomes the number agreed, in its text too ("four practice runs" -> "three practice runs")."""
    said = item.count or ""
    first = said.split()[0] if said else ""
    item.count = re.sub(rf"^{re.escape(first)}\b", number, said, flags=re.I) if first else number
    if first:
        item.text = re.sub(rf"\b{re.escape(first)}\b", number, item.text, count=1, flags=re.I)
        item.text = item.text[0].upper() + item.text[1:]


def _planner(transcript: Transcript, index: int) -> bool:
    """Turn `index` answers a question about what its speaker said two turns before (their plan)."""
    turns = transcript.utterances
    return index >= 2 and turns[index - 2].speaker == turns[index].speaker


def _when_item(
    transcript: Transcript, utterance: Utterance, addressee: str | None, roles: RoleAssignment
) -> ActionItem | None:
    """What a "when" question asks the other person to have done ("When will the pilot summary be ready?"), as their
    item, when it names a thing: it stands once their answer gives a day or takes it on."""
    turns = transcript.utterances
    nxt = utterance.index + 1
    if addressee is None or nxt >= len(turns) or turns[nxt].speaker == utterance.speaker:
        return None
    rest = reschedule.when_asked(utterance.text)
    todo = reschedule.asked_to_do(rest) if rest else None
    if not todo or not _objects(todo) - _STATES:
        return None
    return _item(todo, turns[nxt].speaker, utterance.speaker, utterance.index, roles)


_STATES = frozenset(["ready", "done", "finish", "sent", "out", "over", "back", "it", "that", "this", "them", "go"])


def _about(rest: str, plan: str) -> bool:
    """A "when" question asks about the plan when it names nothing of its own ("By when?", "When will that go
    out?") or names what the plan names; "When's their board meeting?" after "I'd like to redo the deck" does not."""
    own = _objects(rest) - _STATES
    return not own or bool(own & _objects(plan))


def _planned(transcript: Transcript, index: int, items: list[ActionItem], roles: RoleAssignment) -> ActionItem | None:
    """What the speaker of turn `index` said they would do, without a day: their undated item from that turn, else
    the plan they said ("I was going to rebuild the account map"), which becomes an item."""
    utterance = transcript.utterances[index]
    undated = [a for a in items if a.utterance_index == index and not a.due and utterance.speaker in a.owner]
    if undated:
        return undated[-1]
    for sentence in reversed(re.split(r"(?<=[.!?])\s+", utterance.text.strip())):
        if reschedule.PLAN.search(sentence) and "?" not in sentence:
            item = _item(sentence.strip(), utterance.speaker, utterance.speaker, index, roles)
            items.append(item)
            return item
    return None


def _agreements(
    utterance: Utterance,
    tag: ActTag,
    addressee: str | None,
    roles: RoleAssignment,
    items: list[ActionItem],
    asked: list[ActionItem],
    pending: list[ActionItem],
    taken: set[int],
    settling: tuple[int, list[ActionItem]],
) -> None:
    """The commitments of one turn's agreement sentences: new items, or the owner confirming one asked of them."""
    for sentence in (s for s in tag.sentences if s.act == "agreement"):
        clauses = [c for c in _clauses(sentence.text) if _is_commitment(c)] or [sentence.text.strip()]
        for clause in clauses:
            if utterance.index <= settling[0] and (reschedule.settles(clause) or counts.count_talk(clause)):
                continue  # "Monday afternoon, I'll put it in the calendar": the moved item's day, not a new item
            if (
                _AGENDA.match(sentence.text.strip())
                and utterance.index < 4
                and not _said(clause, normalize(clause), cm.DUE_RE)
            ):
                continue  # the order of this conversation, said at its start: done before it ends
            owner = _owner(_subject_of(normalize(clause)), utterance.speaker, addressee, roles.kind)
            item = _item(clause, owner, utterance.speaker, utterance.index, roles)
            settled = _confirms(item, settling[1], set()) if utterance.index <= settling[0] else None
            if settled is None and utterance.index == settling[0]:
                settled = _delivers(item, settling[1])
            if (
                settled is not None
            ):  # "Okay, Friday it is, I'll shadow her call": the owner takes on the item being moved
                settled.due = item.due or settled.due  # "Okay, four. I'll record them by Friday": the owner's day wins
                continue
            confirmed = _confirms(item, pending, taken)
            if confirmed is None:
                items.append(item)
                if addressee and item.owner == addressee:  # told to the other: their reply may confirm it
                    asked.append(item)
                continue
            taken.add(id(confirmed))
            confirmed.due = item.due or confirmed.due
            confirmed.count = item.count or confirmed.count


def _delivers(item: ActionItem, settling: list[ActionItem]) -> ActionItem | None:
    """The number just agreed that the owner's dated commitment in the turn closing the talk delivers ("How many
    references can you line up?" / ... / "Fine, three. I'll send the list Thursday"): an item that is only a count
    and what it counts gets its day from the commitment said with the agreement, when that says no count of its own."""
    if not item.due or item.count:
        return None
    mine = set(item.owner.split(" and "))
    return next((a for a in settling if a.count and not a.due and mine <= set(a.owner.split(" and "))), None)


def _item(clause: str, owner: str, speaker: str, index: int, roles: RoleAssignment) -> ActionItem:
    clause = cm.CHECKED_STATEMENT.sub("", clause) or clause  # "…, does that work for you?" checks, it is not the item
    low = normalize(clause)
    text = (_LEAD.sub("", clause) or clause).strip(" ?")
    return ActionItem(
        text=text[0].upper() + text[1:],
        owner=owner,
        owner_role=" and ".join(roles.roles.get(o, "?") for o in owner.split(" and ")),
        due=_said(clause, low, cm.DUE_RE),
        count=_said(clause, low, cm.COUNT_RE),
        speaker=speaker,
        utterance_index=index,
        vague=is_vague(text),
    )


def _accepted(transcript: Transcript, index: int) -> bool:
    """The other person's next turn takes the request on ("Sure, today.", "I'll get that done")."""
    turns = transcript.utterances
    if index + 1 >= len(turns) or turns[index + 1].speaker == turns[index].speaker:
        return False
    first = re.split(r"(?<=[.!?])\s+", turns[index + 1].text.strip(), maxsplit=1)[0]
    return bool(_ACCEPTS.match(first)) and not _DECLINES.search(first)


def _proposed_step(sentence: str) -> str | None:
    """The step a question proposes for a later day ("…a call Thursday the 10th at 2pm…"), else None."""
    m = _PROPOSES.match(sentence.strip())
    if not m or not sentence.strip().endswith("?"):
        return None
    step = m.group("step").strip(" ?")
    later = [d.group(0).strip() for d in cm.DUE_RE.finditer(normalize(step))]
    return step if any(d not in {"today", "now"} for d in later) else None


def _directives(sentence: str) -> list[tuple[str, bool]]:
    """The requests in a sentence, each with whether it binds both people ("we should…")."""
    out: list[tuple[str, bool]] = []
    previous: str | None = None
    for clause in _clauses(sentence):
        after, previous = previous, clause
        if after is not None and _IMPERATIVE.match(clause) and not (out and out[-1][0] == after):
            # "You should open with the insight, pause, and then ask the question": the bare verb goes on with the
            # clause before it (advice, a statement), it is no request of its own
            continue
        if _ASKS_IF_DONE.match(clause):
            continue  # "Have you sent the order form?" asks whether it is done; it asks nothing to be done
        if reschedule.day_talk(clause.strip(" ?.!")):
            continue  # "Make it Thursday?", "Could you do Friday instead?": a day put forward for an item, no new one
        m = _DIRECTIVE.match(clause)
        if m and not clause[m.end() :].strip(" ?.!"):
            continue  # a verb alone ("Plan?") asks about something; it does not say what to do
        dated = bool(cm.DUE_RE.search(normalize(clause)))
        in_meeting = _IN_MEETING.search(clause) or rehearses(clause)
        if m and (dated or not in_meeting) and not cm.PAST_COMMITMENT.search(clause):
            out.append((clause, bool(m.group("we"))))
    return out


def _verbs(text: str) -> set[str]:
    return {v.lower() for v in _VERB_WORD.findall(text)} - _GENERIC


def _confirms(item: ActionItem, pending: list[ActionItem], taken: set[int]) -> ActionItem | None:
    """The item just asked of the owner that their reply takes on: one with the same verb, else, when the reply has
    nothing of its own to be about ("I'll get that done"), the first one not yet confirmed."""
    mine = [a for a in pending if set(item.owner.split(" and ")) <= set(a.owner.split(" and "))]
    same_verb = next((a for a in mine if _verbs(item.text) & _verbs(a.text)), None)
    if same_verb is not None:
        return same_verb
    own = {w for w in _objects(item.text) if not w.isdigit() and w not in _NUMBERS}
    if item.vague or not own:
        return next((a for a in mine if id(a) not in taken), None)
    return None


_GENERIC_VERBS = frozenset(
    [
        "send",
        "get",
        "put",
        "make",
        "have",
        "do",
        "book",
        "call",
        "email",
        "share",
        "write",
        "review",
        "check",
        "set",
        "follow",
        "run",
        "take",
        "give",
        "bring",
        "finish",
        "complete",
        "sort",
        "done",
        "right",
        "okay",
    ]
)


def _objects(text: str) -> frozenset[str]:
    """What a commitment is about: its content words without dates, times and the everyday verbs of committing."""
    low = _TIME_WORDS.sub(" ", normalize(text))
    return frozenset(w[:6] for w in content_words(low) if w not in _GENERIC_VERBS)


def _same(words: frozenset[str], objects: frozenset[str], prior_words: set[str], prior_objects: set[str]) -> bool:
    """The same commitment: most words shared, or half of what the shorter one is about (naming two things or more)."""
    if words and prior_words and len(words & prior_words) / len(words | prior_words) >= 0.5:
        return True
    shared, fewer = objects & prior_objects, min(len(objects), len(prior_objects))
    return fewer >= 2 and len(shared) / fewer >= 0.5


def _dedupe(items: list[ActionItem]) -> list[ActionItem]:
    """One item per commitment, however often it is said: agreed mid-meeting, restated in the recap, confirmed.

    Each kept item remembers the words of every time it was said, so a short confirmation ("the one-pager, I'll
    have it done Wednesday") joins the item it confirms. A restatement with a date or count the earlier one lacked
    replaces its text. Candidates come from an index of the words, so a long conversation stays near-linear.
    """
    kept: list[ActionItem] = []
    words_of: list[set[str]] = []
    objects_of: list[set[str]] = []
    index: dict[tuple[str, str], set[int]] = {}
    for item in items:
        words, objects = frozenset(content_words(item.text)), _objects(item.text)
        candidates = sorted({k for w in words | objects for k in index.get((item.owner, w), ())})
        match = next((k for k in candidates if _same(words, objects, words_of[k], objects_of[k])), None)
        if match is None:
            match = len(kept)
            kept.append(item)
            words_of.append(set())
            objects_of.append(set())
        elif (item.due and not kept[match].due) or (item.count and not kept[match].count):
            kept[match] = item
        words_of[match] |= words
        objects_of[match] |= objects
        for w in words | objects:
            index.setdefault((item.owner, w), set()).add(match)
    return kept


def find_reconciliations(transcript: Transcript) -> list[Reconciliation]:
    """Turns that go back over earlier commitments, with where in the conversation they happen."""
    total = max(len(transcript.utterances) - 1, 1)
    return [
        Reconciliation(utterance_index=u.index, speaker=u.speaker, text=u.text, position=round(u.index / total, 3))
        for u in transcript.utterances
        if RECONCILE.search(normalize(u.text))
    ]
