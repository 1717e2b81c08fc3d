"""Diagnostic questions about this rep: each one names a moment only this rep's records hold (the date, the
buyer's words, the rep's own words, the deal), built by code from the evidence and the question bank's angles
per root cause.

A question states the moment, then asks one open question whose frame fits the kind of evidence: the buyer's
words ("what went through your mind when you heard that?"), the rep's own words, something left out, a success
to repeat, a self-assessment, a roleplay. No frame is used twice in one brief, so two moments do not get the same
question. The record's third person becomes "you" where it names the rep.

A bank question is kept only when it does not contradict the evidence: a rep whose evidence says he never
stated an agenda is not asked what happened after he stated it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from copilot.prep.models import (
    BriefAssignment,
    BriefQuestion,
    Evidence,
    Focus,
    ReconcileItem,
    RootCause,
    RootCauseHypothesis,
)
from copilot.prep.questions import problem_with

Kind = Literal["buyer", "rep", "success", "partial", "self", "practice", "missed"]

# What to ask first about a moment, by what the record holds there.
OPENERS: dict[Kind, tuple[str, ...]] = {
    "buyer": (
        "What went through your mind when you heard that, and what did you say next?",
        "What did you take that to mean, and how did you respond?",
    ),
    "rep": (
        "What were you hoping the buyer would do with that?",
        "What was going on for you when you said that?",
    ),
    "success": (
        "What did you do differently that time?",
        "What made that one work, and what would it take to do it on every call?",
    ),
    # scored below the threshold, yet the record praises what the rep did there: ask what worked and what was
    # missing, never "what got in the way" of something that went well
    "partial": (
        "What went well there, and what was still missing?",
        "What made that part work, and what would have taken it further?",
    ),
    "self": (
        "What is behind that, in your own words?",
        "When does that show up most for you?",
    ),
    "practice": ("What was different between that practice and your live calls?",),
    "missed": (
        "What was going on for you at that point, and what did you do next?",
        "What got in the way at that point?",
        "Walk me through that moment: what were you weighing up?",
    ),
}
# What to ask next about the same moment, by the hypothesised root cause (the question bank's angles).
ANGLES: dict[RootCause, tuple[str, ...]] = {
    "knowledge": (
        "What would an excellent version of that moment have sounded like to you?",
        "What would you want the buyer to hear from you at that point next time?",
        "Where have you seen someone handle a moment like that well, and what did they do?",
    ),
    "skill": (
        "What would you do differently at that moment on your next call?",
        "What makes that moment harder when the call is moving fast?",
        "How would you practise that moment before your next call?",
    ),
    "confidence": (
        "What made you hold back at that point?",
        "What would have made it easier to take the lead right then?",
        "What would you need to feel ready to lead that moment yourself?",
    ),
    "will": (
        "What would doing it at that moment have got you, and what did skipping it save you?",
        "What would make that moment worth the effort for you on your next call?",
        "What do you want out of this quarter, and where does that moment fit in it?",
    ),
    "messaging": (
        "How would you put the value for that buyer into two sentences at that point?",
        "What did you want the buyer to take away at that moment?",
        "How would that buyer say, in their own words, why it matters to them?",
    ),
}
WATCHED_ASKS = (
    "What did you notice about that moment afterwards, and what are you trying on your next call?",
    "How would you rate that moment yourself, and what will you do differently next time?",
)
NOTE_ASKS = (
    "What has happened since then?",
    "What has changed since?",
    "How has that gone on your calls since?",
)
PREFIX = re.compile(r"^(self-assessment|self-review|note)\s*[-:–]\s*", re.I)
NEGATED = re.compile(r"\b(?:no|without|never|didn'?t|did not|not|nor)\b((?:\W+\w+){1,5})", re.I)
PRESUPPOSES = re.compile(
    r"\b(?:after|when|once|as|before) you (?:stated|gave|set|asked|used|shared|named|told|offered|showed|proposed|"
    r"agreed|booked|made)\b((?:\s+\w+){1,3})",
    re.I,
)
QUOTED = re.compile(  # single quotes may hold an apostrophe inside a word ('let's find a time next week')
    r'"([^"]{3,160})"|“([^”]{3,160})”|(?:^|\s)\'((?:[^\']|(?<=\w)\'(?=\w)){6,160})\'(?=[\s,.;:!?)]|$)'
)
BUYER_SAID = re.compile(
    r"\b(buyer|cfo|cro|ceo|coo|cto|vp|svp|director|head|champion|prospect|customer|she|he|they|lead|manager)\b"
    r"[^.;]{0,40}\b(said|says|asked|asks|told|replied|wrote|pushed back|objected|added|"
    r"(?:opened|closed|ended|came back|countered|responded|replied|cut in) with)\b[^.;]{0,20}$",
    re.I,
)
ANSWERING = re.compile(  # the quote is what the rep was answering: the buyer's words
    r"\b(answered|replied to|responded to|heard|handled|fielded|countered|met|faced)\s*$", re.I
)
BUYERS_OWN = re.compile(r"\b(buyer|cfo|cro|ceo|coo|cto|vp|svp|ciso|champion|prospect|customer)'s\s*$", re.I)
# The record praising what the rep did ("asked two good follow-up questions", "handled it well"), not negated
PRAISE = re.compile(
    r"\b(?<!as )(good|well|strong|great|clear|solid|nice|nicely|sharp|excellent|effective|effectively|"
    r"first time|spot on|confident|confidently)\b(?!-known)",
    re.I,
)
PRAISE_DENIED = re.compile(r"(?:\b(?:not|no|never|nor|hardly|without)|n't)\W+(?:\w+\W+){0,2}$", re.I)
PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|himself|herself)\b", re.I)
MAX_WORDS = 32
MIN_CUT = 8  # a record is cut only when more than this many words would go
MIN_QUOTE_WORDS = 4
STOP = {"the", "a", "an", "and", "or", "of", "to", "with", "for", "on", "in", "it", "is", "its", "this", "that"}


def fragment(text: str) -> str:
    """A record's words as a quote inside a sentence: one line, without the clause mark or full stop it was cut at
    ("… walked me through it;" reads "… walked me through it"), a closing ? or ! kept."""
    return re.sub(r"(?:\s*[;,:.\-–—])+$", "", " ".join(text.split()))


def _day(date: dt.date | None) -> str:
    return f"{date.day} {date.strftime('%B')}" if date else "last"


def second_person(text: str, first_name: str, pronoun: str = "") -> str:
    """The record's words as said to the rep: their name becomes "you" (their possessive "your"), and so does the
    rep's own he or she (`pronoun`, read from the notes) wherever no buyer is the clause's subject."""
    if first_name:
        name = re.escape(first_name)
        text = re.sub(rf"(^|[.!?]\s+){name}'s\b", lambda m: m.group(1) + "Your", text)
        text = re.sub(rf"\b{name}'s\b", "your", text)
        text = re.sub(rf"(^|[.!?]\s+){name}\b", lambda m: m.group(1) + "You", text)
        text = re.sub(rf"\b{name}\b", "you", text)
        # the verb after the name agrees with "you" ("cancelled: you were at Harcourt", not "you was")
        text = re.sub(
            r"\b([Yy]ou) (was|is|has|does|doesn't|wasn't|isn't|hasn't)\b",
            lambda m: f"{m.group(1)} {_AGREE[m.group(2).lower()]}",
            text,
        )
    if pronoun not in ("he", "she"):
        return _agree_shared_subject(text)
    parts = re.split(r"(\s*[;:]\s+|,\s+(?:and\s+|but\s+)?|\s+and\s+|\s+but\s+|(?<=[.!?])\s+)", text)
    return _agree_shared_subject(
        "".join(part if i % 2 else _clause_to_you(part, pronoun) for i, part in enumerate(parts))
    )


# A second verb that shares the rep's subject ("she has applied for the role and is tired of waiting") agrees with
# "you" once the subject is "you"; not after a verb of saying or a subordinate clause, where "and is" has another subject
# ("you told me the roadmap slipped and is now due in May").
SHARED_SUBJECT = re.compile(
    r"\b([Yy]ou (?!(?:told|said|say|think|thought|felt|feel|knew|know|mentioned|explained|admitted|reckon\w*|heard|"
    r"hear|noticed|saw|see|believe\w*|realis\w*|realiz\w*)\b)[^.;:,]*?\band) (is|was|has|does|isn't|wasn't|hasn't|"
    r"doesn't)\b"
)
SUBORDINATE = re.compile(r"\b(that|which|who|whose|because|when|if|while|whether|the \w+ (?:is|was|has))\b")


def _agree_shared_subject(text: str) -> str:
    def fix(m: re.Match[str]) -> str:
        if SUBORDINATE.search(m.group(1)):
            return m.group(0)
        return f"{m.group(1)} {_AGREE[m.group(2)]}"

    return SHARED_SUBJECT.sub(fix, text)


BUYER_SUBJECT = re.compile(
    r"\b(buyer|buyers|cfo|cro|ceo|coo|cio|cto|ciso|md|gm|vp|svp|director|chief|chair|head|champion|prospect|customer|"
    r"lead|procurement|"
    r"legal|team|committee|board|owner|manager|founder|president|analyst|they)\b",
    re.I,
)
# A buyer named in a phrase that opens the clause ("in front of the Harrow CFO she listed …") is where the rep's
# verb happened, not its subject: the he or she right after it is still the rep.
BUYER_IN_PHRASE = re.compile(
    r"\b(?:in front of|with|to|for|from|at|on|before|after|by|against|beside|alongside|facing)\s+"
    r"(?:[\w'’-]+\s+){0,3}?" + BUYER_SUBJECT.pattern + r"[\s,]*$",
    re.I,
)
ADDRESSED = (
    "asked|told|pushed|pressed|interrupted|stopped|thanked|invited|sent|gave|wanted|offered|promised|approached|"
    "called|emailed|contacted|recruited|headhunted|hired|poached|pinged|messaged|rang|phoned|paid|owes|owed"
)
_OBJECT_HER = re.compile(
    r"\bher\b(?=\s*(?:$|[,.;:!?)]|\s(?:to|about|that|and|if|what|when|for|with|a|an|the|on|in)\b))", re.I
)
_AGREE = {"was": "were", "is": "are", "has": "have", "does": "do", "doesn't": "don't", "wasn't": "weren't",
          "isn't": "aren't", "hasn't": "haven't", "goes": "go", "tries": "try"}  # fmt: skip


def _clause_to_you(clause: str, pronoun: str) -> str:
    """One clause with the rep's he/she as "you", unless a buyer is its subject before the pronoun."""
    subject = re.compile(rf"\b{pronoun}\b", re.I)
    found = subject.search(clause)
    possessive = r"\b(his|him|himself)\b" if pronoun == "he" else r"\bher(self)?\b"
    if found is None and not re.search(possessive, clause, re.I):
        return clause
    if found is None:  # only "his"/"him"/"her": a buyer counts when named before it ("offered her a team lead role")
        found = re.search(possessive, clause, re.I)
    first = found.start() if found else len(clause)
    if BUYER_SUBJECT.search(BUYER_IN_PHRASE.sub("", clause[:first])):
        # a buyer is the subject: their he/she stays, but the one they ask or tell is the rep ("asked him to")
        rep_object = "him" if pronoun == "he" else "her"
        clause = re.sub(rf"\b({ADDRESSED}) {rep_object}\b", lambda m: f"{m.group(1)} you", clause)
        # the buyer's own "his" said to a rep who is "you" reads as the rep's: "the MD opened with their own list"
        return re.sub(r"\bhis\b", "their", clause) if pronoun == "he" else clause
    if pronoun == "he":
        clause = re.sub(r"\bhimself\b", "yourself", clause)
        clause = re.sub(r"\bhis\b", "your", clause)
        clause = re.sub(r"\bhim\b", "you", clause)
    else:
        clause = re.sub(r"\bherself\b", "yourself", clause)
        clause = _OBJECT_HER.sub("you", clause)
        clause = re.sub(r"\bher\b", "your", clause)
    clause = re.sub(rf"(^|(?<=[\s“\"(])){pronoun}\b", "you", clause)
    clause = re.sub(rf"\b{pronoun.capitalize()}\b", "You", clause)

    def agree(m: re.Match[str]) -> str:
        verb = m.group(2)
        lowered = verb.lower()
        if lowered in _AGREE:
            return m.group(1) + _AGREE[lowered]
        if lowered in _PRESENT_S:
            return m.group(1) + (verb[:-2] if lowered.endswith(("ches", "shes", "sses", "xes")) else verb[:-1])
        return m.group(0)

    return re.sub(r"\b([Yy]ou (?:still |often |always |never |usually |now |also |just )?)([a-z']+)\b", agree, clause)


_PRESENT_S = {
    "says", "knows", "wants", "needs", "thinks", "finds", "answers", "jumps", "asks", "feels", "uses", "gets", "makes",
    "takes", "sees", "likes", "misses", "explains", "works", "keeps", "tells", "comes", "starts", "stops", "runs",
    "struggles", "freezes", "handles", "rushes", "skips", "forgets", "talks", "lets", "leads", "closes", "opens",
    "reaches", "pushes", "avoids", "waits", "sounds", "looks", "agrees", "hopes", "plans", "prefers", "relies",
}  # fmt: skip


NOTE_BUYER = re.compile(
    r"\b(buyers?|cfo|cro|ceo|coo|cio|cto|ciso|vp|svp|director|champion|prospect|customers?|procurement|legal|"
    r"recruiter|colleague|mentor|peer)\b",
    re.I,
)


def rep_pronoun(texts: Sequence[str], first_name: str) -> str:
    """The rep's he or she as the manager's notes use it ("Derek agreed that he…", "She says…"), or "" when the
    notes do not say or say both: then a record's he or she is quoted as written."""
    counts = {"he": 0, "she": 0}
    for text in texts:
        if first_name:
            for m in re.finditer(rf"\b{re.escape(first_name)}\b[^.;]{{0,60}}?\b(he|she|his|her)\b", text, re.I):
                counts["he" if m.group(1).lower() in ("he", "his") else "she"] += 2
        for m in re.finditer(r"(?:^|[.!?]\s+)(He|She)\s+(?!said\b)", text):
            counts[m.group(1).lower()] += 1
        # a he or she in a sentence of the notes that names no buyer is the rep's ("I asked why he skips the recap")
        # and so is one in a clause that names none, though the sentence does ("The Harrow CFO liked the pilot, and
        # afterwards she told me …")
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            for clause in re.split(r"[;:,]\s+|\s+(?:and|but|so|then)\s+", sentence):
                if not NOTE_BUYER.search(clause):
                    for m in re.finditer(r"\b(he|she)\b", clause, re.I):
                        counts[m.group(1).lower()] += 1
    if counts["he"] == counts["she"]:
        return ""
    return "he" if counts["he"] > counts["she"] else "she"


OWED = re.compile(
    r"^(?:share|send|give|get|forward|email|bring|show|find|provide|pass)\s+(?:you\s+)?(?P<what>.+?)"
    r"(?:\s+(?:with|to|for)\s+you)?$",
    re.I,
)
DETERMINER = re.compile(r"^(?:the|a|an|your|my|our|some|two|three|four|\d+)\b", re.I)


def owed_to_you(text: str) -> str:
    """A manager's own item, already said to the rep ("Share the team criteria with you"), as what the manager owes
    them: "I still owe you the team criteria"; an item that is not something to hand over is quoted as the manager's
    item ("my item “Book 20 minutes to hear your pitch” is still open")."""
    said = fragment(text)
    found = OWED.match(said)
    if found and "you" in said.split():
        what = found.group("what")
        return f"I still owe you {what if DETERMINER.match(what) else 'the ' + what}"
    return f"my item “{said[0].upper()}{said[1:]}” is still open"


def _curly(text: str) -> str:
    """Straight double quotes as curly ones, so a quote inside a question reads as one."""
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _trimmed(text: str) -> str:
    """The record's own words, without a self-assessment prefix, cut at a clause when long."""
    words = PREFIX.sub("", text.strip()).split()
    if len(words) <= MAX_WORDS + MIN_CUT:  # cutting off a few words loses the point and saves nothing
        return fragment(" ".join(words))
    cut = " ".join(words[:MAX_WORDS])
    for mark in ("; ", " - ", ", "):
        if mark in cut:
            return cut[: cut.rfind(mark)].rstrip(" ,;-") + " …"
    return cut + " …"


def _as_told(text: str) -> str:
    """A record fragment told to the rep: "Shared a plan" becomes "you shared a plan", a line that opens with the
    rep's words becomes "you said …"; one with its own subject is left as it is. A later sentence that opens with the
    rep's verb gets its "You" too ("… quiet”. Read it word for word" is "… quiet”. You read it word for word")."""
    text = re.sub(
        r"([.!?][”\"]?\s+)([A-Z][a-z]+)\b",
        lambda m: f"{m.group(1)}You {m.group(2).lower()}" if m.group(2).lower() in _VERBS else m.group(0),
        text,
    )
    words = text.split()
    first = words[0].lower() if words else ""
    passive = words[1].lower() == "by" or (len(words) > 1 and first in _PASSIVE_WITH and words[1].lower() == "with")
    if len(words) > 2 and passive and not words[2].lower().endswith("ing"):
        # "Asked by the VP …", "Faced with …" have no subject to add; "Opened by reciting …" has
        return text
    if text[:1] in '“"':
        return f"you said {text}"
    if first in _VERBS or (first.endswith("ed") and first not in _NOT_VERBS):
        # "stayed on the company problem; did not ask …": the second clause is the rep's too
        text = re.sub(r";\s+(did not|didn't|never|no longer)\b", r" and \1", text, count=1)
        return "you " + text[0].lower() + text[1:]
    if first in _LOWER:
        # "With a CRO, fell back to screens": the phrase opens the record and the rep is the missing subject
        opened = re.match(r"^([^,;:]{3,60}),\s+([a-z]+)\b", text)
        if first in _LEAD_IN and opened and _verb(opened.group(2)):
            text = f"{opened.group(1)}, you {text[opened.end(1) + 2 :]}"
        return text[0].lower() + text[1:]
    return text


_LEAD_IN = {"when", "after", "before", "with", "in", "during", "again"}


def _verb(word: str) -> bool:
    """A past-tense verb that could open a record with its subject left out ("fell back", "asked", "skipped")."""
    word = word.lower()
    return word in _VERBS or (word.endswith("ed") and word not in _NOT_VERBS)


def told_on(day: str, text: str) -> str:
    """A dated record told to the rep as one sentence ("On 11 November you told the security lead …")."""
    return _told(f"On {day}", text)


def _told(lead: str, text: str) -> str:
    """The lead and the record's words as one sentence."""
    said = _as_told(text)
    if said.startswith(("you ", "when ", "after ", "before ", "with ", "in ", "during ", "the ")):
        sentence = f"{lead} {said}"
    else:
        sentence = f"{lead}: {said}"
    return sentence if sentence.endswith("…") else sentence + "."


_VERBS = {
    "asked", "answered", "ended", "stayed", "shared", "cited", "told", "said", "opened", "closed", "gave", "offered",
    "led", "let", "took", "went", "jumped", "described", "presented", "showed", "used", "heard", "checked", "confirmed",
    "booked", "proposed", "agreed", "talked", "spent", "started", "finished", "skipped", "forgot", "mentioned", "fell",
    "read", "ran", "put", "kept", "got", "made", "left", "sent", "spoke", "paused", "froze", "walked", "moved",
    "dropped", "lost", "missed", "rushed", "drifted", "switched", "turned", "listed", "knew", "could",
}  # fmt: skip
_PASSIVE_WITH = {"faced", "presented", "confronted", "met", "hit", "pressed", "challenged", "tasked", "charged"}
_NOT_VERBS = {"need", "speed", "red", "bed", "feed", "seed"}
_LOWER = {"when", "after", "before", "with", "in", "during", "the", "no", "buyer", "again", "close", "first"}


@dataclass(frozen=True)
class Moment:
    """One dated piece of this rep's evidence, read for what kind of moment it records."""

    evidence: Evidence
    kind: Kind
    said: str  # the record's words said to the rep, or "" when its he/she could be the rep or the buyer
    quote: str  # the spoken words worth quoting back (four words or more), or ""

    @property
    def words(self) -> str:
        """The record's words as the question carries them."""
        return self.said or _curly(_trimmed(self.evidence.text))


def _spoken(text: str, first_name: str) -> tuple[str, str]:
    """The first quoted words of four words or more, and who said them (buyer or rep)."""
    for match in QUOTED.finditer(text):
        words = next(g for g in match.groups() if g).strip()
        if len(words.split()) < MIN_QUOTE_WORDS:
            continue
        before = text[: match.start()]
        clause = re.split(r"[.;,]\s+", before)[-1]
        by_rep = bool(first_name) and re.search(rf"\b{re.escape(first_name)}\b", clause) is not None
        by_buyer = BUYER_SAID.search(clause) or BUYERS_OWN.search(clause) or ANSWERING.search(clause)
        return words.rstrip(" ?.!,"), "buyer" if by_buyer and not by_rep else "rep"
    return "", ""


def read_moment(ev: Evidence, first_name: str, threshold: int = 3, pronoun: str = "") -> Moment:
    """What kind of moment a piece of evidence records, and its words said to the rep (its he or she too, when the
    notes say which is the rep's; otherwise a record with a he or she is quoted as written)."""
    if pronoun:
        said = second_person(_curly(_trimmed(ev.text)), first_name, pronoun)
    else:
        said = "" if PRONOUN.search(ev.text) else second_person(_curly(_trimmed(ev.text)), first_name)
    quote, speaker = _spoken(ev.text, first_name)
    kind: Kind
    if ev.observer == "self":
        kind = "self"
    elif re.search(r"\broleplay\b", ev.text.lower()):
        kind = "practice"
    elif ev.level is not None and ev.level >= threshold:
        kind = "success"
    elif _praises(ev.text):
        kind = "partial"
    elif speaker == "buyer":
        kind = "buyer"
    elif speaker == "rep":
        kind = "rep"
    else:
        kind = "missed"
    return Moment(ev, kind, said, quote)


def _praises(text: str) -> bool:
    """Whether a record below the threshold still says something the rep did went well (a moment to build on)."""
    own = QUOTED.sub(" … ", text)  # words someone said ("great, moving on") are not the record's appraisal
    return any(not PRAISE_DENIED.search(own[: m.start()]) for m in PRAISE.finditer(own))


@dataclass
class Frames:
    """The frames already used in this brief: each is used once, so no two questions read alike."""

    used: set[str] = field(default_factory=set)
    leads: int = 0
    backs: int = 0

    def take(self, options: Sequence[str]) -> str | None:
        for option in options:
            if option not in self.used:
                self.used.add(option)
                return option
        return None

    def lead(self, day: str) -> str:
        self.leads += 1
        return (f"On your {day} call", f"On {day}")[(self.leads - 1) % 2]


def _opening(m: Moment, frames: Frames) -> str | None:
    """The first question on a moment: the moment in the record's words, then an open question that fits it."""
    ask = frames.take(OPENERS[m.kind])
    if ask is None:
        return None
    day = _day(m.evidence.date)
    if m.kind == "self":
        return f"In your {day} self-assessment you wrote “{_trimmed(PREFIX.sub('', m.evidence.text)).strip(chr(39))}”. {ask}"
    if not m.said:  # quoted as written: told in the second person, its he or she could be either side
        return f"{frames.lead(day)}, the notes say “{m.words}”. {ask}"
    if m.kind == "practice":
        return f"{_told(f'In the {day} practice', m.said)} {ask}"
    return f"{_told(frames.lead(day), m.said)} {ask}"


def _follow_up(m: Moment, cause: RootCause, frames: Frames) -> str | None:
    """The next question on the same moment, from the root cause's angles, pointing back to it by date and words."""
    ask = frames.take(ANGLES[cause])
    if ask is None:
        return None
    lowered = ask[0].lower() + ask[1:]
    day, words = _day(m.evidence.date), m.quote or _key_phrase(_as_told(m.said) if m.said else m.words)
    frames.backs += 1
    if frames.backs % 2:
        return f"Back to {day} and “{words}”: {lowered}"
    return f"Thinking again of “{words}” on {day}: {lowered}"


FOLLOW_LEAD = re.compile(r"^(Back to [^“]+? and (?P<a>“[^”]+”)|Thinking again of (?P<b>“[^”]+”) on [^:]+?): ")


def _short_lead(text: str) -> str:
    """A follow-up's lead-in without its date, for when it comes straight after the question on the same moment:
    "Back to 3 December and “…”: what …" after "On your 3 December call …" says the date twice."""
    m = FOLLOW_LEAD.match(text)
    if m is None:
        return text
    return f"About {m.group('a') or m.group('b')}: {text[m.end() :]}"


def _key_phrase(said: str) -> str:
    """The words that name the moment when nobody is quoted: the clause that says what was missing, else the
    opening words."""
    said = re.split(r"(?<=[.!?])\s+", said)[0]
    for clause in re.split(r"\s*[;,:]\s+|\s+-\s+|\s+and\s+(?=(?:did not|didn't|never|no longer)\b)", said):
        clause = re.sub(r"^(but|and|so|then)\s+", "", clause)
        if NEGATED.search(clause) and len(clause.split()) >= MIN_QUOTE_WORDS:
            words = clause.split()
            return " ".join(words[:10]).rstrip(" ,;-.…") + (" …" if len(words) > 10 else "")
    words = said.split()
    if len(words) <= 14:  # short enough to quote whole: a cut costs more than it saves
        return fragment(said)
    return " ".join(words[:10]).rstrip(" ,;-.…") + " …"


def _from_notes(
    item: Focus, notes: Sequence[Evidence], first_name: str, frames: Frames, pronoun: str = ""
) -> BriefQuestion | None:
    """A question on the latest coaching note about this skill: what has happened since."""
    words = set(re.findall(r"[a-z]+", (item.criterion_id.split(".", 1)[-1] + " " + item.title).lower())) - STOP
    for note in sorted(notes, key=lambda e: e.date or dt.date.min, reverse=True):
        for sentence in re.split(r"(?<=[.;!?])\s+", note.text):
            if not (words & set(re.findall(r"[a-z]+", sentence.lower()))) or len(sentence.split()) < 6:
                continue
            ask = frames.take(NOTE_ASKS)
            if ask is None:
                return None
            said = second_person(_curly(_trimmed(sentence)), first_name, pronoun)
            # the rep's name turned "You" at the start of the note is not the start of the manager's sentence
            said = re.sub(r"^(You|Your)\b", lambda m: m.group(1).lower(), said)
            text = f"Our {_day(note.date)} notes say “{said}”. {ask}"
            if problem_with(text, note.text, item.title, read=False) is None:
                return BriefQuestion.from_records(text, item.criterion_id, [note.id, item.criterion_id])
            frames.used.discard(ask)
    return None


def _moments(item: Focus, first_name: str, pronoun: str = "") -> list[Moment]:
    """The moments worth asking about: an advanced or recovering skill's latest success first (build on it), then the
    misses, newest first; never the same words twice."""
    newest = sorted(item.evidence, key=lambda e: e.date or dt.date.min, reverse=True)
    misses = [e for e in newest if e.level is not None and e.level < 3]
    chosen = list(misses or newest)
    build_on = item.state != "intervene" or item.improving  # a skill back at Good starts from what changed
    if build_on and newest and newest[0].level is not None and newest[0].level >= 3:
        chosen = [newest[0], *[e for e in chosen if e is not newest[0]]]
    out: list[Moment] = []
    for ev in chosen:
        if ev.text and all(ev.text != m.evidence.text for m in out):
            out.append(read_moment(ev, first_name, pronoun=pronoun))
    return out


def built_questions(
    first_name: str,
    focus: Sequence[Focus],
    causes: Sequence[RootCauseHypothesis],
    per_focus: int,
    notes: Sequence[Sequence[Evidence]] = (),
    frames: Frames | None = None,
    pronoun: str = "",
    recovered: int | None = None,
) -> list[BriefQuestion]:
    """Up to `per_focus` questions per focus, each on a dated moment of this rep's own evidence or notes; a skill back
    at the threshold on the latest call gets `recovered` at most (what changed, and will it hold) when the brief has
    more at stake to ask about."""
    frames = frames or Frames()
    rows: list[list[BriefQuestion]] = []
    for n, (item, cause) in enumerate(zip(focus, causes, strict=True)):
        cap = min(per_focus, recovered) if item.improving and recovered is not None else per_focus
        moments = _moments(item, first_name, pronoun)
        row: list[BriefQuestion] = []
        asked: list[int] = []  # the moment each question in `row` is on
        # the first moment asked about, then the next, then the follow-ups (a success has no "what went wrong")
        plan = [(0, "open"), (1, "open"), (0, "follow"), (2, "open"), (1, "follow"), (2, "follow")]
        for i, step in plan:
            if len(row) >= cap or i >= len(moments):
                continue
            m = moments[i]
            if step == "follow" and m.kind == "success":
                continue
            text = _opening(m, frames) if step == "open" else _follow_up(m, cause.category, frames)
            if text is None or problem_with(text, m.evidence.text, item.title, read=False) is not None:
                continue
            row.append(BriefQuestion.from_records(text, item.criterion_id, [m.evidence.id, item.criterion_id]))
            asked.append(i)
        # the moments were chosen in the plan's order; they are asked with each follow-up right after its opening
        # question ("Back to 3 December ..." straight after the 3 December question, not after another moment's)
        order = sorted(range(len(row)), key=lambda k: (asked.index(asked[k]), k))
        row = [row[k] for k in order]
        # right after its opening question the date is already said: the follow-up points back by the words alone
        for k, q in enumerate(row):
            if k and asked[order[k]] == asked[order[k - 1]]:
                short = _short_lead(q.text)
                if problem_with(short, moments[asked[order[k]]].evidence.text, item.title, read=False) is None:
                    row[k] = q.model_copy(update={"text": short})
        noted = _from_notes(item, notes[n], first_name, frames, pronoun) if n < len(notes) else None
        if noted is not None:
            # third where it can be (after what the calls show), never between an opening question and its follow-up
            ends = [k + 1 for k in range(len(row)) if k + 1 == len(row) or asked[order[k + 1]] != asked[order[k]]]
            row.insert(min([e for e in ends if e >= 2] or [len(row)]), noted)
            row = row[:cap]
        rows.append(row)
    # the focuses take turns, a moment at a time: an opening question and its follow-up on the same record stay together
    grouped = [_by_moment(r) for r in rows]
    out: list[BriefQuestion] = []
    for i in range(max((len(g) for g in grouped), default=0)):
        out += [q for g in grouped if i < len(g) for q in g[i]]
    return out


def _by_moment(row: Sequence[BriefQuestion]) -> list[list[BriefQuestion]]:
    """A focus's questions in runs on the same record (its first citation), in order."""
    runs: list[list[BriefQuestion]] = []
    for q in row:
        if runs and q.citations[:1] == runs[-1][-1].citations[:1]:
            runs[-1].append(q)
        else:
            runs.append([q])
    return runs


def commitment_for(assignment: BriefAssignment) -> BriefQuestion:
    """A commitment with a count and a date on the activity the brief assigns, for when the bank's asks for
    something the rep has already done."""
    title, due = assignment.title[0].lower() + assignment.title[1:], _day(assignment.due)
    text = {
        "job_aid": f"On which of your calls before {due} will you use the {title}, and what do you need from me?",
        "lesson": f"By {due}, when will you work through “{assignment.title}”, and what will you try from it on your "
        "next call?",
        "model_example": f"By {due}, when will you go through the {title}, and which moment from it will you try on "
        "your next call?",
        "shadowing": f"Whose calls will you join for “{assignment.title}” before {due}, and what will you watch for?",
        "conversation": f"What one thing will you commit to doing on every call until {due}, how will we both know it "
        "happened, and what does it get you?",
    }.get(assignment.kind, f"How many times will you run the {title} before {due}, and what do you need from me?")
    return BriefQuestion(
        text=text,
        kind="commitment",
        criterion_id=assignment.criterion_id,
        source="records",
        citations=[assignment.activity_id],
    )


def live_deal_commitment(focus: Focus, deal: tuple[str, str] | None = None) -> BriefQuestion:
    """A commitment with a deal and a date for a skill the brief assigns no practice for (the rep already does most
    of what the catalog's practice covers): the next real chance to use it; on `deal` (name, id) when the meeting's
    findings point that deal to the skill."""
    if deal is not None:
        return BriefQuestion(
            text=f"What will you do on {deal[0]} to work on “{focus.title}”, by when, and what do you need from me?",
            kind="commitment",
            criterion_id=focus.criterion_id,
            source="records",
            citations=[deal[1], focus.criterion_id],
        )
    return BriefQuestion(
        text=f"Which live deal is your next chance to work on “{focus.title}”, what will you do there, by when, and "
        "what do you need from me?",
        kind="commitment",
        criterion_id=focus.criterion_id,
        source="records",
        citations=[focus.criterion_id],
    )


def contradicts(question: str, evidence: Sequence[Evidence]) -> bool:
    """True when the question presupposes something the rep's evidence says did not happen."""
    said_not: set[str] = set()
    for ev in evidence:
        for match in NEGATED.finditer(ev.text.lower()):
            said_not |= set(re.findall(r"[a-z]+", match.group(1)))
    for match in PRESUPPOSES.finditer(question.lower()):
        if set(re.findall(r"[a-z]+", match.group(1))) - {"the", "a", "an", "your", "their"} & said_not:
            return True
    return False


def without_focus(
    first_name: str,
    reconcile: Sequence[ReconcileItem],
    watched: Sequence[tuple[str, Evidence]],
    today: dt.date,
    pronoun: str = "",
) -> list[BriefQuestion]:
    """When nothing is for the manager to coach yet (a new hire's first calls, a strong rep): ask about what the rep
    owes, how the learning in flight is going, and what the rep makes of the misses they are fixing alone; then what
    they want to work on. Diagnostic questions first, then a dated commitment per overdue item of the rep's."""
    out: list[BriefQuestion] = []
    owed = [r for r in reconcile if r.kind == "action_item" and r.owner == "rep"]
    for item in owed[:2]:
        said = second_person(fragment(item.text), first_name, pronoun)
        when = "was due" if item.overdue else "is due"
        out.append(
            BriefQuestion(
                text=f"“{said[0].upper()}{said[1:]}” {when} {_day(item.due)}: where does it stand, and what has "
                "got in the way or helped?",
                kind="diagnostic",
                criterion_id="one-on-one.reconciles",
                source="records",
                citations=[item.id],
            )
        )
    for item in [r for r in reconcile if r.kind == "assignment"][:1]:
        title = re.sub(r"\s*\[[^]]+\]$", "", item.text)
        out.append(
            BriefQuestion.from_records(
                f"How far are you with “{title}”, and what has it changed in how you run your calls?",
                "one-on-one.reconciles",
                [item.id],
            )
        )
    frames = Frames()
    for criterion_id, ev in watched[:3]:
        m = read_moment(ev, first_name, pronoun=pronoun)
        ask = frames.take(
            OPENERS["success"][::-1] if m.kind == "success" else WATCHED_ASKS
        )  # nothing to do "differently"
        if ask is None or not m.said:
            continue
        out.append(
            BriefQuestion.from_records(
                f"{_told(frames.lead(_day(ev.date)), m.said)} {ask}", criterion_id, [ev.id, criterion_id]
            )
        )
    out.append(
        BriefQuestion.from_records(
            "What do you most want to get better at over the next two weeks, and how can I help?",
            "one-on-one.focus",
            ["one-on-one.focus"],
        )
    )
    for item in owed[:2]:
        said = second_person(fragment(item.text), first_name, pronoun)
        out.append(
            BriefQuestion.from_records(
                f"By what date will “{said[0].lower()}{said[1:]}” be done, and what do you need from me?",
                "one-on-one.agreements",
                [item.id],
                kind="commitment",
            )
        )
    return out
