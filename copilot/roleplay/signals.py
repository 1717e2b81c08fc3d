"""Read a rep's turn into signals through the one utterance reader (copilot.reader.moves), deterministically, so the
buyer's reaction and the score are reproducible; no chat model is involved."""

from __future__ import annotations

import re
from collections.abc import Collection

from copilot.knowledge.schema import Objection
from copilot.reader.moves import RepMoves, read_moves, rep_reader
from copilot.reader.reader import Reader
from copilot.reader.reading import Reading
from copilot.reader.specs.moves import CHECK_GENERIC as GENERIC_CHECK
from copilot.reader.specs.moves import DATE, VAGUE_STEP, is_trade
from copilot.reader.stance import AGREES, EMPATHY
from copilot.retrieval.keyword import terms
from copilot.roleplay import cues
from copilot.roleplay.facts import SITUATION, question_topic
from copilot.roleplay.models import NextStep, RepSignals
from copilot.roleplay.offers import read_offer
from copilot.roleplay.proof import GENERIC, ProofIndex
from copilot.roleplay.specifics import DAY

MAX_REP_CHARS = 4000
"""A rep turn is cut here before it is read, stored or shown to the model; longer turns are monologues anyway."""
BARE_WORDS = 8
"""A short sentence the reader gives no move ('Good that you flagged it early.') is a remark, not evidence, whatever
words it shares with the messaging."""
ANSWER_WORDS = 10
"""An answer this long before a question makes the question a check on it; a short reflection ('Payback for the
CFO, got it. When does the team meet?') only leads into the question."""
PAST_QUESTION = re.compile(
    r"^\W*(and |so |but )?(how|what|why|who|which|where)\b(?!.*\b(we|us|let's|about)\b).*\b(did|was|were|had)\b", re.I
)
"""A question about what already happened ('How close did your Friday review land last quarter?') is not a step."""
BUSINESS = re.compile(
    r"\b(quarter|forecast|number|deals?|pipeline|review|target|plan|budget|reps?|tool|model|sheet|spreadsheet|board|"
    r"land|landed|miss|missed|rollout|vendor|contract|email|data)\b",
    re.IGNORECASE,
)
SPOKEN_QUESTION = re.compile(
    r"^\W*((so|and|but|ok(ay)?|right|well|um|uh|yeah|just|out of curiosity)\W+)*"
    r"(what(?! if)|where|when|who|whom|whose|why|which|how(?! about)|do|does|did|is|are|was|were|can|could|would|"
    r"will|have|has|should)\b",
    re.IGNORECASE,
)
"""A typed or spoken question the rep left without its question mark ('so where do your other tools host their data')."""
_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?])\s+)([^.!?]+)$")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[a-z']+")


def clean(text: str) -> tuple[str, bool]:
    """One line of text: whitespace collapsed, control characters dropped, cut at MAX_REP_CHARS."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    if len(text) <= MAX_REP_CHARS:
        return text, False
    cut = text.rfind(" ", 0, MAX_REP_CHARS)
    return text[: cut if cut > 0 else MAX_REP_CHARS] + CUT_MARK, True


CUT_MARK = " […]"
"""What clean() puts where it cut a turn at MAX_REP_CHARS."""

_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def whole_sentences(text: str) -> str:
    """A cut turn without the sentence the cut broke off: the rep never said its end, so it makes no move.

    An uncut turn, or one with no whole sentence before the cut, is returned as it is.
    """
    if not text.endswith(CUT_MARK):
        return text
    body = text[: -len(CUT_MARK)]
    ends = [m.end() for m in _SENTENCE_END.finditer(body + " ")]
    return body[: ends[-1]].rstrip() if ends else text


def punctuate(text: str) -> str:
    """The turn with a question mark on an unpunctuated last sentence that is a question by its form."""
    last = _LAST_SENTENCE.search(text)
    if last is None or not SPOKEN_QUESTION.search(last.group(1)):
        return text
    return text.rstrip(" ,;:") + "?"


def is_non_english(text: str) -> bool:
    """True when the turn is written in another script or has almost no English function words."""
    letters = _LETTER.findall(text)
    if not letters:
        return False
    if sum(ch.isascii() for ch in letters) / len(letters) < 0.6:
        return True
    words = _WORD.findall(text.lower())
    english = sum(w in cues.ENGLISH for w in words)
    foreign = sum(w in cues.FOREIGN and w not in cues.ENGLISH for w in words)
    return len(words) >= 4 and foreign >= 2 and foreign > english


def objection_words(objection: Objection | None) -> set[str]:
    """Content words of an objection (title, every phrasing, the first handling step), for tailored acknowledgement."""
    if objection is None:
        return set()
    phrasings = [p for ps in objection.phrasings.values() for p in ps]
    first = objection.handling_path[:1]
    return set(terms(" ".join([objection.title, *phrasings, *first]))) - GENERIC


def objection_words_no_path(objection: Objection | None) -> set[str]:
    """The objection's topic words (title and phrasings), without its handling path."""
    if objection is None:
        return set()
    phrasings = [p for ps in objection.phrasings.values() for p in ps]
    return set(terms(" ".join([objection.title, *phrasings]))) - GENERIC


def path_words(objection: Objection | None) -> set[str]:
    """Content words of the library's own acknowledgement step ('Acknowledge how stretched they are.')."""
    if objection is None or not objection.handling_path:
        return set()
    first = objection.handling_path[0]
    if not first.lower().startswith("acknowledge"):
        return set()
    return set(terms(first)) - GENERIC - {"acknowledg", "acknowledge"}


SENDS = re.compile(
    r"\b(send|email|e-mail|forward|share|drop|pass|pop|shoot|fire|ping|put together|pull together|put|prepare|build|"
    r"draft|write up|give|hand)( you| it| them| over| across| along| through| together)*"
    r"( a| an| the| our| some| my| more)?( [\w-]+){0,2} (one-pager|overview|summary|deck|brochure|info|information|details|"
    r"material|materials|pdf|doc|document|write-?up|slides?|links?|datasheet|case stud(y|ies)|template|outline|draft|"
    r"checklist|business[ -]case|roi (model|calculator))\b",
    re.IGNORECASE,
)
"""A promise to send (or put together) something to read: 'I'll send a one-pager', 'I'll put a business-case
template together for you'."""


def asks_for_material(objection: Objection | None) -> bool:
    """The buyer's concern is itself a request for something to read ('Just send me some information')."""
    return objection is not None and any(
        x.lower().startswith(("send", "acknowledge the request")) for x in objection.handling_path
    )


SAID_BACK_WORDS = 2
"""Content words a sentence must share with the buyer's last line to say it back ('your week is full')."""


YOURS = re.compile(r"\b(you|your|you're|you've|you'd)\b", re.IGNORECASE)
OURS = re.compile(r"\b(we|our|ours|us|we're|we've|we'll|we'd|i'll|i can|i could|i would)\b", re.IGNORECASE)


def said_back(moves: RepMoves, context: str | None) -> str | None:
    """A first sentence the reader gives no move, that says the buyer's own last words back (two or more of them) and
    leads into a question: the buyer heard, not a claim ('Totally hear you, your week is full and you don't want a
    robot second-guessing you. How much time goes into prep?')."""
    sentences, labels = moves.reading.sentences, moves.per_sentence
    if not context or len(sentences) < 2 or labels[0] or sentences[0].text.rstrip().endswith("?"):
        return None
    if not any(s.text.rstrip().endswith("?") or "clarify" in m for s, m in zip(sentences[1:], labels[1:], strict=True)):
        return None
    first = sentences[0].text
    return first if their_words(first, context) else None


SUMS_UP = re.compile(
    r"^\W*(so\b|(it )?sounds like\b|(if|what) i('m| am)( hearing| reading)\b|let me (make sure|check|see if)\b|"
    r"in other words\b|correct me if\b|to sum( it)? up\b|if i('ve| have) got (this|that|it|you) right\b|basically\b|"
    r"if i('ve| have) (understood|read)\b)",
    re.IGNORECASE,
)
"""A sentence that opens by summing up what the rep heard ('So it's about…', 'Sounds like…', 'If I'm hearing you
right…', 'Let me make sure I follow:')."""
UNDERSTOOD = re.compile(
    r"^\W*(if i('ve| have) (understood|got (this|that|it|you) right|read (this|that|it|you) right)|if i('m| am) "
    r"(hearing|reading|following) (you|this|that|it)( right| correctly)?|let me make sure i('ve| have)? "
    r"(understood|understand|follow|got)|correct me if|to make sure i('ve| have)? understood)\b",
    re.IGNORECASE,
)
"""An opening that announces a summary of what the rep understood ('If I've understood the proposal landing on your
desk, …'): what follows is the buyer's position said back, whatever words it is put in."""
CONCESSIVE_WE = re.compile(
    r"\b(whatever|whichever|however|anything|whoever|wherever|whenever) (we|i)\b[^,;.?!\u2013\u2014]*?(?=\s[-\u2013\u2014]|[,;.?!]|$)",
    re.IGNORECASE,
)
"""'whatever we do can't lean on your engineers': a limit on anything we might do, said of the buyer's constraint; the
'we' offers or claims nothing."""
REPORTED_ASK = re.compile(
    r"\b(the (real |big |main |only )?question('s| is)|you('re| are) (asking|wondering)|you want to know|"
    r"you('d| would) (like|want) to know),?\s*(whether|if|why|how|what)\b[^.?!]*",
    re.IGNORECASE,
)
"""The buyer's own question reported ('the question is whether it's worth what we're asking'): its 'we' is theirs to
ask about, not a claim of ours."""
PROPOSES = re.compile(
    r"\b(let's|let us|shall we|can we|could we|should we|how about|what about|why (don't|not) we|i'll|we'll|i can|"
    r"we can|i could|we could|book|schedule|set up|pencil|in the (diary|calendar))\b",
    re.IGNORECASE,
)
"""Words that put a step forward; a sentence said back and checked without them proposes nothing, whatever day it
names ('… this quarter …, is that the heart of it?')."""


def _theirs_only(text: str) -> str:
    """The sentence past a limit on whatever we do and the buyer's own question reported: what it says of our side."""
    return REPORTED_ASK.sub(" ", CONCESSIVE_WE.sub(" ", text))


def _ours(text: str) -> bool:
    """Something of ours in the sentence, past a limit on whatever we do and the buyer's own question reported."""
    return bool(OURS.search(_theirs_only(text)))


KEPT_BACK = frozenset({"proof", "discount", "next_step", "dismiss", "off_topic", "monologue"})
"""Moves a sentence said back (or the question checking it) cannot make: evidence, a concession, a step, a verdict,
small talk or a pitch."""
ARGUES_WHY = re.compile(
    r"\b(because|usually|typically|normally|generally|which means|that means|means that|the catch|the thing is|"
    r"the truth is|in fact|actually)\b",
    re.IGNORECASE,
)
ASKS_IF_IT_SERVES = re.compile(
    r"\bwhat (i|we)('ve)? (said|say|mentioned|described|showed|shown)\b|\b(we|our|us)\b|"
    r"\b(does|would|will|did|could) (that|this|it) (cover|help|answer|solve|fix|address|work|deal with|settle|meet)\b",
    re.IGNORECASE,
)
"""A question on whether the rep's own answer serves ('Does what I said about reps cover that?', 'Would that work for
you?'): it checks an answer landed, not that the rep understood."""
"""A reason or a rule of thumb given ('…usually carry into next year's plan, because…'): the rep argues a point, they
do not say back what they heard."""


CHECK_TAIL = re.compile(
    r"(,|\s[-\u2013\u2014]|\.)?\s*(is that (right|it|fair|correct|so|the case|about right|where you are|what you mean|"
    r"the (heart|crux|gist|core|nub) of it)|have i got (that|it) right|"
    r"did i get (that|it) right|am i right|right|correct|yes|yeah|yep|fair|no|true)\s*\?\s*$",
    re.IGNORECASE,
)
"""The check on the end of a sentence said back ('…, right?', '… - is that it?', '…, correct?')."""
NAMES_THEIR_CONCERN = re.compile(
    r"^\W*((so|and|ok(ay)?|right)\W+)*(the|your) (real |main |big |biggest |key )?(worry|concern|issue|problem|fear|"
    r"hesitation|sticking point|hurdle|constraint|question|blocker)( here)? (is|'s)\b",
    re.IGNORECASE,
)
"""The rep naming the buyer's concern as theirs ('so the worry is…', 'your main concern is…')."""


WH_QUESTION = re.compile(r"^\W*((and|so|but|ok(ay)?)\W+)?(which|what|who|where|when|how|why)\b(?! if\b)", re.IGNORECASE)


def asks_after(sentence: str) -> bool:
    """A wh-question ('Which of your current suppliers got through this check, and where do they keep their
    data?') asks the buyer for what they know; it gives no evidence of ours, whatever it names ('What if I told
    you …?' may)."""
    return sentence.rstrip().endswith("?") and bool(WH_QUESTION.search(sentence))


def asked_back(sentence: str, concern: set[str]) -> bool:
    """One question that says the buyer's concern back and checks it in the same breath ('so the worry is this pulls
    your team's focus right now?', '…you'd want to see why first, correct?'): a statement put as a question, about
    them, with nothing of ours, no claim and no reason argued; an interrogative ('So what is driving it?') asks."""
    text = sentence.strip()
    if not text.endswith("?"):
        return False
    tail = CHECK_TAIL.search(text)
    body = text[: tail.start()] if tail else text.rstrip("?")
    if not body.strip() or SPOKEN_QUESTION.search(body) or ASKS_IF_IT_SERVES.search(_theirs_only(body)):
        return False
    if _ours(body) or cues.CLAIM.search(body) or CONTRAST.search(body) or ARGUES_WHY.search(body):
        return False
    sums_up = SUMS_UP.search(body) or NAMES_THEIR_CONCERN.search(body) or (tail and YOURS.search(body))
    return bool(sums_up) and bool((set(terms(body)) - GENERIC) & concern)


ABOUT_THEIRS = re.compile(
    r"\b(is|'s|are|'re|comes? down to)( really| mostly| all| more| just)? (about|down to) ([^,;.?!]+)", re.IGNORECASE
)


def reads_their_concern(sentence: str, context: str | None, concern: Collection[str] = ()) -> bool:
    """The rep sums up what the buyer's concern is about, in the buyer's words ('So the number is about showing
    savings, not about the value.' after 'Procurement has a savings target this year'; 'So the real issue is timing
    of the budget, not the value.' while 'there is no budget this year' is open): a reading to confirm, not a
    verdict, even with a 'not' in it. Nothing of ours in it. The words may be the buyer's last line's or, when given,
    the live concern's (`concern`)."""
    about = ABOUT_THEIRS.search(sentence)
    named = NAMES_THEIR_CONCERN.search(sentence)
    if (about is None and named is None) or SPEAKER.search(sentence) or OURS.search(sentence):
        return False
    if about is not None and not SUMS_UP.search(sentence):
        return False
    what = about.group(4) if about is not None else sentence[named.end() :] if named is not None else ""
    theirs = set(terms(context or "")) | set(concern)
    return bool((set(terms(what)) & theirs) - GENERIC)


def notes_back(sentence: str, context: str | None) -> bool:
    """The buyer's words noted back as a bare phrase, no verb passing a verdict on them ('Two people, and no room for
    an implementation on top.' after 'My team is two people; we can't take on an implementation.')."""
    if not context or sentence.rstrip().endswith("?") or VERDICT_VERB.search(sentence) or OURS.search(sentence):
        return False
    shared = (set(terms(sentence)) & set(terms(context))) - GENERIC
    return len({w for w in shared if len(w) > 2}) >= SAID_BACK_WORDS


def checked_back(moves: RepMoves, context: str | None, objection: Objection | None) -> list[str]:
    """Statements that say the buyer's concern back to them and are checked right away ('Got it. So it's about scope:
    who can read what, and where it's stored. Is that right?'): the rep checks they understood, claims nothing.

    Each sums up or speaks of the buyer ('So…', 'your…'), shares a content word with the buyer's last line (or, with no
    line, with the live concern), has nothing of ours in it (no 'we', no benefit claimed, nothing taken back, no reason
    argued) and is followed by a question that proposes or offers nothing and asks whether the rep understood, not
    whether an answer of theirs serves. The reader may hear a benefit in it; said of the buyer's own concern it is heard, not told.
    """
    sentences, labels = moves.reading.sentences, moves.per_sentence
    theirs = {w for w in terms(context or "") if len(w) > 2} - GENERIC
    concern = theirs or objection_words_no_path(objection)
    out: list[str] = []
    for i, (x, lab) in enumerate(zip(sentences, labels, strict=True)):
        text = x.text.rstrip()
        kept = set(lab) - ({"next_step"} if not PROPOSES.search(CONCESSIVE_WE.sub(" ", text)) else set())
        if not kept & KEPT_BACK and asked_back(text, concern):
            out.append(x.text)  # said back and checked in one question
            continue
        if i + 1 >= len(sentences) or text.endswith("?") or not sentences[i + 1].text.rstrip().endswith("?"):
            continue
        if set(lab) & KEPT_BACK or set(labels[i + 1]) & KEPT_BACK or ASKS_IF_IT_SERVES.search(sentences[i + 1].text):
            continue  # 'Does starting a business case now feel sensible?' proposes a step; it checks nothing
        if _ours(text) or cues.CLAIM.search(text) or CONTRAST.search(text) or ARGUES_WHY.search(text):
            continue
        shared = (set(terms(text)) - GENERIC) & concern
        if UNDERSTOOD.search(text) or (
            shared and (SUMS_UP.search(text) or YOURS.search(text) or notes_back(text, context))
        ):
            out.append(x.text)
    return out


def their_words(sentence: str, context: str | None) -> bool:
    """The sentence says the buyer's last line back to them: about them, not us, with two of its content words."""
    if not context or not YOURS.search(sentence) or OURS.search(sentence):
        return False  # about us ('We can do twelve months…', 'Our legal team…'): an answer, not their words said back
    shared = (set(terms(sentence)) & set(terms(context))) - GENERIC
    return len({w for w in shared if len(w) > 2}) >= SAID_BACK_WORDS


def _acknowledgement(
    moves: RepMoves, objection: Objection | None, context: str | None = None
) -> tuple[str, str | None]:
    """none / stock / tailored: the reader finds the acknowledgement; naming the concern's words tailors it.

    A first sentence the reader gives no move, that names the concern in the buyer's own words and leads into an
    open question, is heard as an acknowledgement too ("That's the right question, you shouldn't put a number in
    front of the board you can't explain. How do you explain it today?").
    """
    line = moves.line("acknowledge")
    if line is not None and SENDS.search(line) and not asks_for_material(objection):
        line = None  # 'Happy to send a one-pager' promises paper; it hears a request for material, not a concern
    if line is None and said_back(moves, context):
        return "tailored", said_back(moves, context)
    if line is None:
        sentences, labels = moves.reading.sentences, moves.per_sentence
        first = sentences[0].text if sentences else ""
        asks_next = any(
            "clarify" in m or s.text.rstrip().endswith("?") for s, m in zip(sentences[1:], labels[1:], strict=True)
        )
        if (
            sentences
            and not labels[0]
            and not first.rstrip().endswith("?")
            and asks_next
            and set(terms(first)) & objection_words_no_path(objection)
        ):
            return "tailored", first
        if sentences and not labels[0] and SAID_BACK.search(first) and reflects(first):
            # 'Sure, after an add-on nobody trusted, you want to see it before you buy.': their want said back
            return ("tailored" if _in_their_terms(first, objection) or their_words(first, context) else "stock"), first
        return "none", None
    # 'I hear you. Two deals slipping with the board watching is a hard spot.': the sentence in the buyer's terms is
    # the acknowledgement, not the stock phrase before it
    heard = _heard(moves)
    heard = [x for x in heard if not SENDS.search(x) or asks_for_material(objection)]
    # 'Totally hear you, your week is full...': the buyer's own words said back tailor it as well
    tailored = next((x for x in heard if _in_their_terms(x, objection) or their_words(x, context)), None)
    return ("tailored", tailored) if tailored else ("stock", line)


def _heard(moves: RepMoves) -> list[str]:
    """The turn's acknowledging sentences, each with a statement the reader gives no move right after it ('Fair
    enough. A price like that deserves a hard look.'): the second says back what was heard."""
    out: list[str] = []
    after_ack = False
    for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True):
        if "acknowledge" in labels or (after_ack and not labels and not x.text.rstrip().endswith("?")):
            out.append(x.text)
        after_ack = "acknowledge" in labels
    return out


def _in_their_terms(sentence: str, objection: Objection | None) -> bool:
    """The acknowledgement names the concern's own words, or two words of the library's acknowledgement step."""
    said = set(terms(sentence))
    return bool(said & objection_words(objection)) or len(said & path_words(objection)) >= 2


def _is_open(sentence: str, coaching: Reading | None) -> bool:
    """An open question: what/how/why (also behind a leading clause: 'can I ask what…'), or the coaching head says so."""
    if cues.OPEN_AFTER_CLAUSE.search(sentence.strip()) or cues.EMBEDDED_OPEN.search(sentence):
        return True
    if coaching is None:
        return False
    read = next((s for s in coaching.sentences if s.text == sentence), None)
    return read is not None and read.probs.get("open_question", 0.0) > max(0.5, read.probs.get("closed_question", 0.0))


def _check(moves: RepMoves) -> tuple[str, str | None]:
    """Whether the turn checks its answer landed: specific, generic ('make sense?') or none."""
    line = moves.line("check")
    if line is None:
        return "none", None
    generic = bool(GENERIC_CHECK.search(line)) or len(line.split()) <= 4
    return ("generic" if generic else "specific"), line


DELIVERS = re.compile(
    r"\b(i'll|we'll|i will|we will|i can|we can|let me|i'm going to|we're going to)\s+(get|send|have|put together|"
    r"share|bring|draft|prepare|write( up)?|pull together|build|turn around)\b[^.?!]{0,60}?\b(by|before|ahead of|on)\s",
    re.IGNORECASE,
)
"""The rep committing to hand over something by a day ('I'll get you a payback summary by the 16th'): a dated step,
whether or not the reader's head heard one in it (it is sure of steps put as a meeting)."""


UNNAMED_STEP = re.compile(r"\b(something|anything|some time|a time)\b", re.IGNORECASE)
NAMES_THE_STEP = re.compile(
    r"\b(something|anything|some time|a time)\b.*\b(to|with|for|about|so)\b\s+\w+|\b(call|meeting|review|demo|"
    r"session|workshop|walkthrough|pilot|trial|test|reference|intro(duction)?|case)\b",
    re.IGNORECASE,
)
"""A step that names no activity, no one and no purpose ('Can we get something in the diary?') asks for a slot, not a
step linked to the concern: it is vague until it says what, with whom or what for."""


def _unnamed(step: str) -> bool:
    return bool(UNNAMED_STEP.search(step)) and not NAMES_THE_STEP.search(step)


def _next_step(moves: RepMoves, echoed: Collection[str] = ()) -> tuple[NextStep, str | None]:
    """The most concrete next step the turn proposes: dated, concrete, vague ('I'll send some info') or none. A
    sentence that says the buyer's concern back and checks it (`echoed`) proposes nothing."""
    steps = [
        x
        for x in moves.sentences_with("next_step")
        if not (_asks_about_them(x) or _asks_if_they_approve(x)) and x not in echoed
    ]
    steps += [
        x.text
        for x in moves.reading.sentences
        if x.text not in steps and DELIVERS.search(x.text) and DATE.search(x.text[DELIVERS.search(x.text).end() - 1 :])  # type: ignore[union-attr]
    ]
    dated = next((s for s in steps if DATE.search(s)), None)
    if dated:
        return "dated", dated
    named = [s for s in steps if not _unnamed(s)]
    if named:
        return "concrete", named[0]
    if steps:
        return "vague", steps[0]
    vague = next((s.text for s in moves.reading.sentences if VAGUE_STEP.search(s.text)), None)
    return ("vague", vague) if vague else ("none", None)


ABOUT_THEM = re.compile(
    r"\b(how|what|why|who|which|where)\b(?!.*\b(we|us|let's|let us|about)\b).*\b(you|your)\b", re.IGNORECASE
)
"""A question about the buyer's own situation ('what does your week look like before a forecast call?')."""


ASKS_WHAT = re.compile(
    r"^\W*((and|so|but|ok(ay)?|understood|right)\W+)*(what|who|which|why|how)\b"
    r"(?! (time|day|date|slot)s?\b)(?!.*\b(we|us|let's|let us|i|me|works?|suits?)\b)",
    re.IGNORECASE,
)
"""A wh-question in which the rep proposes nothing ('What would the business case have to show by April?')."""


def _asks_about_them(sentence: str) -> bool:
    """A question about what already happened, about the buyer's situation, or one in which the rep proposes nothing,
    with no day proposed: not a step."""
    if not sentence.rstrip().endswith("?"):
        return False
    if PAST_QUESTION.search(sentence) or cues.MEETING_TIME.search(sentence):
        return True  # what happened, or the time this meeting has ('How long have you got today?'): no step proposed
    last = re.split(r"(?<=[.!?])\s+", sentence.strip())[-1]
    return (bool(ABOUT_THEM.search(sentence)) or bool(ASKS_WHAT.search(last))) and not DAY.search(sentence)


WOULD_THEY_APPROVE = re.compile(
    r"\b(?:(?:can|could|would|will|might)\s+(?:your|their|the|he|she|they)\b(?:\s+[\w-]+){0,2}"
    r"|(?:your|their)\s+(?:[\w-]+\s+){0,2}(?:can|could|would|will|might))"
    r"\s+(?:still\s+|then\s+|be able to\s+)?(?:sign off|approve|green-?light|say yes)\b",
    re.IGNORECASE,
)
"""A yes/no question whether someone on the buyer's side would approve ('So if the return lands before April, your
controller can sign off on it?'): it asks how they decide, it proposes no step."""


def _asks_if_they_approve(sentence: str) -> bool:
    """A question about whether the buyer's side would approve something, with no day or date proposed."""
    return (
        sentence.rstrip().endswith("?")
        and bool(WOULD_THEY_APPROVE.search(sentence))
        and not DAY.search(sentence)
        and not DATE.search(sentence)
    )


DISMISSIVE = re.compile(
    r"\b(just|really|even|obviously|surely|seriously|honestly|come on|isn't it|aren't they|don't you)\b", re.IGNORECASE
)
"""Words that turn a question into a jab ('Who really cares what procurement compares it with?')."""


KEEPS_OUT = re.compile(
    r"\blet's not (drag|bring|pull|loop|get|involve|rope)\b[^.?!]{0,30}\b(into|in|involved)\b|"
    r"\blet's (just )?(leave|keep) (\w+ ){0,2}out of (it|this|that)\b",
    re.IGNORECASE,
)
"""The people the buyer named as part of the concern kept out of it ('Let's not drag legal into this'): waved off."""


def _asks_to_understand(sentence: str, questions: list[str]) -> bool:
    """A clarifying question about the buyer's own situation (who decides, when, the money, what they compare with,
    what went wrong), open or closed, without a jab in it: it asks to understand the concern, whatever else the
    reader heard in it ('When procurement says the number is too high, what are they comparing it with?', 'Is cost
    yours to worry about, or someone else's?')."""
    return sentence in questions and question_topic(sentence) in SITUATION and not DISMISSIVE.search(sentence)


CONTRADICTS = re.compile(
    r"\b(not|no|never|nothing|nobody|no one|none|isn't|aren't|wasn't|doesn't|don't|won't|can't|shouldn't|"
    r"every|everyone|everybody|everywhere|always|only|mostly|merely)\b|n't\b",
    re.IGNORECASE,
)
"""Words that deny, generalise or narrow what a statement is about ('isn't', 'nobody', 'every', 'always', 'only')."""
HOW_OFTEN = re.compile(
    r"\b(every|each)( (single|other|few|couple of))? (\w+ )?(day|week|month|quarter|year|morning|monday|tuesday|"
    r"wednesday|thursday|friday|call|meeting|cycle|close|time)s?\b",
    re.IGNORECASE,
)
"""'Every week', 'every quarter close': how often something happens, not a generalisation of the concern."""
SPEAKER = re.compile(r"\b(we|we'll|we're|we've|we'd|our|ours|us|i|i'm|i'll|i've|i'd|me|my|let's|let us)\b", re.I)
"""The rep speaking for their side: a statement of ours is an answer or an offer, not a verdict on the concern."""
FEELS = re.compile(
    r"\b(nobody|no one|you|they|anyone|everyone|everybody)\b('re|'d| are| would| do| does)?( not)?"
    r"( ever)? (wants?|likes?|enjoys?|needs? to|deserves?|has to|have to|feels?)\b|"
    r"\b(you|you're|you've)\b[^.,;]{0,20}\b(don't have|do not have|haven't|not|never|won't)\b",
    re.IGNORECASE,
)
"""What people want or feel, or what the buyer lacks ('nobody wants to…', 'you don't have spare hours', 'you're not
signing up for that twice'): the concern heard, not denied."""


CONDITION = re.compile(r"^\W*(if|when|unless|once|whenever)\b", re.IGNORECASE)
AGREED_BUT = re.compile(r"^\W*[^,;.]{0,25}[,;]\s*but\b", re.IGNORECASE)
"""A short agreement taken back at once ('Sure, but…', 'Fair point, but…'): what follows the 'but' is what is said."""
VERDICT_WORDS = 15
"""A verdict on a concern is short ('Gut feel doesn't scale.'); a longer sentence explains what the buyer gets ('…
so reps don't have to enter anything new; reps at customer teams log three hours less admin a week')."""


ACK_OPENER = re.compile(
    r"^\W*(right|sure|got it|gotcha|of course|i see|understood|noted|makes sense|fair( enough)?|ok(ay)?|yep|yes)"
    r"\s*[,.!;:\u2013\u2014-]\s*",
    re.IGNORECASE,
)
VERDICT_VERB = re.compile(
    r"\b(is|are|was|were|be|been|do|does|did|has|have|had|will|would|can|could|should|must|nobody|no one|everyone|"
    r"everybody|anyone|always|never|every|all)\b|'s\b|'re\b|n't\b",
    re.IGNORECASE,
)


def echoes(sentence: str) -> bool:
    """An acknowledgement followed by the buyer's requirement as a bare phrase ('got it, EU only and no exceptions'):
    their words noted back, no verb passing a verdict on them ('Right, a spreadsheet isn't a forecast.' judges)."""
    opener = ACK_OPENER.match(sentence)
    rest = sentence[opener.end() :] if opener else ""
    return bool(opener) and bool(rest.strip()) and not VERDICT_VERB.search(rest)


def contradicts_concern(sentence: str, concern: set[str]) -> bool:
    """A statement that passes a verdict on the buyer's concern: it names the concern in the buyer's own words and
    denies, generalises or narrows it ('A spreadsheet isn't a forecast.', 'Residency is a checkbox, nobody actually
    audits that.', 'Every CRM has custom stages.'), with nothing of ours offered in it and no feeling heard.

    The reader's head hears such a verdict as a claim or even as agreement; said about the buyer's own concern, with
    no 'we' behind it, it argues. A question, and anything the rep says of their own side, are read as they are.
    """
    if sentence.rstrip().endswith("?") or SPEAKER.search(sentence) or FEELS.search(sentence):
        return False
    kept = AGREED_BUT.split(sentence, maxsplit=1)[-1]  # 'Sure, but nobody audits that': the agreement taken back
    if CONDITION.match(sentence) or AGREES.search(kept) or EMPATHY.search(kept):
        return False  # what is at stake if it goes wrong, or agreeing first: the concern heard
    if not CONTRADICTS.search(HOW_OFTEN.sub(" ", sentence)) or echoes(sentence):
        return False
    return bool((set(terms(sentence)) - GENERIC) & concern)


TAG = re.compile(
    r",?\s*(right|no|yeah|eh|surely|isn't it|aren't they|isn't that so|don't you think|wouldn't you say)\s*\?\s*$",
    re.IGNORECASE,
)
"""A statement with a tag on it ('…past performance is no guarantee, right?'): it asserts, it does not ask."""
LEAD_CLAUSE = re.compile(r"^\W*(if|when|since|given|with)\b[^,]{0,60},\s*", re.IGNORECASE)
_SEVERE = r"(big|huge|serious|major|real|genuine|tough|hard|painful|common|fair|valid|key|core|critical)"
REFRAME = re.compile(
    r"^\W*(that|this|it|which|[\w%-]+( [\w%-]+){0,3})('s| is| was)"
    r" (just |only |mostly |really |simply |more |all |basically |probably |more of )?"
    rf"(?!([\w-]+ ){{0,3}}{_SEVERE}\b)(a |an )?(?!the\b)([\w-]+ ){{0,2}}(issue|problem|thing|habit|excuse|luck|fluke|noise|phase|detail)\b",
    re.IGNORECASE,
)
"""A verdict that renames the buyer's concern as something else ('that's a time-management issue', 'Three percent
is luck as much as anything', 'it's just a habit thing'): it dismisses the concern without naming it."""
YES_BUT = re.compile(
    r"\b(is|are|was|were|'s|'re)( all)? (\w+ )?(great|nice|good|impressive|fine|admirable|solid|lovely|well and good)"
    r"( (for|when|at|in) [^,.;?!]{1,30})?,? but\b(?!\s+(we|i|our|let's|let us)\b)",
    re.IGNORECASE,
)
"""Praise taken back in the same breath ('Six years is great, but streaks end', 'fine for a small team, but you're past
that'): the buyer's record waved away."""
OUTGROWN = re.compile(
    r"\b(doesn't|does not|don't|do not|won't|will not|can't|cannot|isn't going to|aren't going to) (scale|last|keep up)\b|"
    r"\b(outgr(own|ew|ow|owing)|grown out of|grew out of)\b|"
    r"\b(only|just) (gets?|takes?|goes|go|got|took) (you |them |a team |a manager |anyone )?(so|that) far\b|"
    r"\b(has|have|had) (its|their) limits\b",
    re.IGNORECASE,
)
"""The buyer's own way declared past it or limited ('Gut feel doesn't scale.', 'you've outgrown it', 'gut feel only
gets you so far', 'spreadsheets have their limits'): a verdict, not a reason."""


BREAKS = re.compile(
    r"\b(spreadsheets?|(forecast )?sheets?|excel|gut( feel| feeling)?|instinct|(your|their|the|a|an) (own |home-?made |"
    r"home-?grown |in-?house |manual )?(spreadsheet|model|process|method|system|sheet|forecast model))\b[^.?!,;]{0,30}?"
    r"\b(falls? (over|apart|down)|fell (over|apart|down)|breaks?( down)?|broke( down)?|(will|is going to|are going to|"
    r"is bound to) (break|fail|fall over)|fails?|crumbles?|blows? up)\b",
    re.IGNORECASE,
)
"""The buyer's own way declared broken ('a spreadsheet forecast falls over the first time somebody sorts the wrong
column', 'gut feel breaks down at scale'): a verdict on theirs, not a benefit of ours."""


CROWD = re.compile(
    r"^\W*(that's|that is|it's|it is|which is)( just| exactly)? what (every|all|most|everyone|everybody|anyone|they all)\b"
    r"[^.?!,]{0,40}\b(say|says|said|tell|tells|told|think|thinks|thought|claim|claims|ask for|asks for|asked for)\b",
    re.IGNORECASE,
)
"""The concern filed under what everyone says ('That's what every team says right before they switch.'): waved off."""


def tagged(sentence: str) -> set[str]:
    """{'clarify'} for a statement with a tag on it ('…is a bit overkill, no?'): the head hears a question, but the
    sentence asserts."""
    return {"clarify"} if TAG.search(sentence) or doubts_enough(sentence) else set()


def taken_back(sentence: str) -> set[str]:
    """{'acknowledge'} when the sentence praises and takes it back ('…is great, but…') or files the concern under what
    everyone says ('That's what every team says'): that is no acknowledgement."""
    if (OUTGROWN.search(sentence) or BREAKS.search(sentence)) and not SPEAKER.search(sentence):
        return {"acknowledge", "value"}  # the reader hears a benefit in 'doesn't scale'; said of theirs, it judges
    return {"acknowledge"} if YES_BUT.search(sentence) or CROWD.search(sentence) else set()


EXCESSIVE = re.compile(
    r"\b(is|are|was|'s|'re|seems?|sounds?|feels?|looks?)( just| a bit| a little| kind of| kinda| somewhat| pretty| really|"
    r" honestly| frankly| totally)* (overkill|over the top|excessive|extreme|paranoid|a bit much|a lot of fuss|red tape)\b|"
    r"\b(standard|just|only|mostly|all) boilerplate\b|"
    r"\b(nobody|no one|none of them)( ever)?( actually| really)? (reads?|checks?|audits?|looks? at|enforces?|notices?|"
    r"cares? about|uses?)\b",
    re.IGNORECASE,
)
"""The buyer's requirement called excessive or ignored by everyone ('a data-flow diagram for that is overkill',
'those clauses are boilerplate, nobody reads them'): waved off, not answered."""


DOUBTED = re.compile(
    r"^\W*((and|but|so|i mean|come on|honestly|look|ok(ay)?)\W+)*(does|do|did|will|would|has|have|is|are) "
    r"(any ?one|any ?body|any ?(auditor|regulator|customer|team|company|bank|manager)s?|any of them)"
    r"( (here|there|out there|at all))?( (really|actually|ever|honestly|seriously|even|truly))+ (\w+)",
    re.IGNORECASE,
)
"""A jab put as a question ('does anyone really audit where the backups sit, though?'): the buyer's requirement
doubted, a verdict that nobody minds it ('nobody really audits …'), not a question the buyer can answer."""


DOUBTS_ENOUGH = re.compile(
    r"^\W*((and|but|so|i mean|come on|honestly|look|ok(ay)?)\W+)*(is|are|was|were|does|do|will|would) "
    r"(?P<what>[^?]{1,40}?) (really|honestly|seriously|actually|truly) (good enough|enough|sufficient|going to cut it|"
    r"cut(ting)? it)\b(?! (time|people|room|budget|to)\b)",
    re.IGNORECASE,
)
"""A jab put as a question on whether the buyer's own way suffices ("Is 'usually right' really good enough when the
CRO wants it wider?", 'Is your gut really enough at this size?'): a verdict that it does not, not a question."""


def doubts_enough(sentence: str) -> bool:
    """The question doubts that the buyer's own way, quoted or named as theirs, is good enough."""
    found = DOUBTS_ENOUGH.search(sentence.strip())
    if found is None:
        return False
    what = found.group("what")
    return bool(re.search(r"['\"\u2018\u201c]|\byour?\b", what)) and not SPEAKER.search(what)


def doubts_requirement(sentence: str) -> bool:
    """The question doubts that anyone minds the buyer's requirement: read as its statement, it waves it away."""
    found = DOUBTED.search(sentence.strip())
    return found is not None and bool(EXCESSIVE.search(f"nobody really {found.group(found.lastindex or 0)}"))


def passes_verdict(sentence: str) -> bool:
    """A short statement that waves the buyer's concern away without naming it: renamed as something else, or praised
    and taken back; a tag ('…, right?') does not make it a question, nor does a jab put as one ('does anyone really
    audit that?'). Nothing of ours in it, and no feeling heard."""
    if (doubts_requirement(sentence) or doubts_enough(sentence)) and not SPEAKER.search(sentence):
        return True
    said = TAG.sub(".", sentence.strip())
    said = LEAD_CLAUSE.sub("", said)  # 'If your week is that full, that's …': the verdict follows
    if said.rstrip().endswith("?") or len(said.split()) > VERDICT_WORDS or SPEAKER.search(said):
        return False
    if FEELS.search(said) or AGREES.search(said) or EMPATHY.search(said):
        return False
    return bool(
        REFRAME.search(said)
        or YES_BUT.search(said)
        or CROWD.search(said)
        or OUTGROWN.search(said)
        or BREAKS.search(said)
        or EXCESSIVE.search(said)
    )


SAID_BACK = re.compile(
    r"^\W*(so,? (you're|you've|you are|you have|your)\b|(right|sure|got it|of course|i see|understood|makes sense|"
    r"fair( enough)?)\s*[,.!;:\u2013\u2014-])",
    re.IGNORECASE,
)
CONTRAST = re.compile(r"\b(but|however|though|although|yet|still)\b", re.IGNORECASE)
YOU = re.compile(r"\b(you|you're|you've|you'd|your)\b", re.IGNORECASE)
SITUATION_WORDS = 10
"""A situation said back carries its detail ('the plan went to the board in January and there's no line for this');
a short verdict ('Right, a spreadsheet isn't a forecast.') does not."""


def heard_back(sentence: str, labels: Collection[str]) -> bool:
    """An acknowledgement that says the buyer's own situation back, denials and all ('Right, the plan went to the board
    in January and there's no line for this.', 'So you're three weeks out and nothing new can land before then.'):
    the reader hears it as an acknowledgement, it opens by agreeing or summing up, it is about the buyer or carries
    their detail, and nothing is taken back or said of our side."""
    return (
        "acknowledge" in labels
        and bool(SAID_BACK.search(sentence))
        and not CONTRAST.search(sentence)
        and not SPEAKER.search(sentence)
        and bool(YOU.search(sentence) or len(sentence.split()) >= SITUATION_WORDS)
    )


UNWANTED = re.compile(r"\byou (really )?(don't|do not|wouldn't|would not) want\b", re.IGNORECASE)


def reflects(sentence: str) -> bool:
    """The buyer's own situation said back to them ('Five new reps to onboard and a board meeting coming, you don't
    have spare hours.'): what they lack or feel, with nothing of ours in it, is heard, and proves nothing."""
    feels = FEELS.search(sentence) or UNWANTED.search(sentence)
    return not sentence.rstrip().endswith("?") and bool(feels) and not SPEAKER.search(sentence)


def _discount(moves: RepMoves) -> tuple[bool, bool]:
    """(concedes on price, in exchange for something of value); a deadline to sign is not an exchange."""
    said = moves.sentences_with("discount")
    return bool(said), any(is_trade(s) for s in said)


def _about_the_deal(questions: list[str], objection: Objection | None) -> bool:
    """A question the head took for small talk that asks about the buyer's deal: a fact topic, what happened, or the
    concern's own words ('How close did it land last quarter?', 'Who else signs off on anything touching email?')."""
    concern = objection_words_no_path(objection)
    return any(
        question_topic(q) is not None or (PAST_QUESTION.search(q) and BUSINESS.search(q)) or set(terms(q)) & concern
        for q in questions
    )


def _after(text: str, answer: str, question: str) -> bool:
    """The question comes after the answer in the turn."""
    return -1 < text.find(answer) < text.find(question)


def _checks_understanding(moves: RepMoves, echoed: list[str], check_line: str) -> bool:
    """The check comes right after a sentence said back: it asks whether the rep understood, not whether an answer
    landed."""
    texts = [x.text for x in moves.reading.sentences]
    at = texts.index(check_line) if check_line in texts else -1
    return check_line in echoed or (at > 0 and texts[at - 1] in echoed)


def _without_echoed_value(moves: RepMoves, echoed: list[str]) -> list[str]:
    """The turn's moves, without the benefit the reader heard only in sentences that say the buyer's concern back."""
    out = list(moves.moves)
    said = [
        x.text
        for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
        if "value" in labels and x.text not in echoed
    ]
    if echoed and not said and "value" in out:
        out.remove("value")
    if (
        echoed
        and "check" in out
        and not any(
            "check" in labels and not _checks_understanding(moves, echoed, x.text)
            for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
        )
    ):
        out[out.index("check")] = "clarify"
    return list(dict.fromkeys(out))


def read_turn(
    text: str,
    objection: Objection | None,
    proof: ProofIndex,
    context: str | None = None,
    *,
    reader: Reader | None = None,
) -> RepSignals:
    """Everything the buyer and the scorer need to know about one rep turn, read by the one utterance reader."""
    cleaned, truncated = clean(text)
    if not any(ch.isalnum() for ch in cleaned):
        return RepSignals(empty=True, truncated=truncated)
    words = len(cleaned.split())
    if is_non_english(cleaned):
        return RepSignals(words=words, non_english=True, truncated=truncated)
    reader = reader or rep_reader()
    heard = punctuate(whole_sentences(cleaned))  # what the rep said to the end
    cleaned = punctuate(cleaned)
    moves = read_moves(heard, reader=reader, context=context)  # stance settled by the reader
    coaching = reader.read(cleaned, head="coaching") if "coaching" in reader.heads else None
    # the answer's evidence is read from its statements: not questions, and not what the reader calls only an
    # acknowledgement, a dismissal, small talk or a plain discount ('5 percent off' is not 'within 5 percent'); a
    # sentence that acknowledges and answers ('the slips you carry now land in next year's plan') still answers; the
    # buyer's own words said back are heard, not an answer
    back = said_back(moves, context)
    # the buyer's concern said back and checked at once: heard, not told; its check asks whether the rep understood
    echoed = checked_back(moves, context, objection)
    answers = [
        x.text
        for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
        if not x.text.rstrip().endswith("?")
        and not set(labels) & {"dismiss", "off_topic"}
        and ("acknowledge" not in labels or set(labels) & {"value", "proof"})
        and ("discount" not in labels or is_trade(x.text))
        and (labels or len(x.text.split()) >= BARE_WORDS)
        and x.text != back
        and x.text not in echoed
        and not reflects(x.text)
        and not heard_back(x.text, labels)
    ]
    matched = proof.match(" ".join(answers))
    clarifying = moves.sentences_with("clarify")
    clarifying += [
        x.text for x in moves.reading.sentences if _asks_if_they_approve(x.text) and x.text not in clarifying
    ]
    check, check_line = _check(moves)
    if check_line is not None and _checks_understanding(moves, echoed, check_line):
        clarifying += (
            [check_line] if check_line not in clarifying else []
        )  # 'Is that right?' after their words said back: a question, not a check
        check, check_line = "none", None
    # evidence the reader heard, unless every sentence it heard it in only says the buyer's situation back
    evidence = any(
        "proof" in labels and not reflects(x.text) and not heard_back(x.text, labels) and not asks_after(x.text)
        for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
    ) or (moves.has("proof") and not moves.sentences_with("proof"))
    answered = bool(matched.ids) or evidence
    said_before = sum(len(a.split()) for a in answers if _after(cleaned, a, clarifying[-1])) if clarifying else 0
    if (
        check == "none"
        and clarifying
        and answered
        and said_before >= ANSWER_WORDS
        and _after(cleaned, answers[-1], clarifying[-1])
        and question_topic(clarifying[-1]) not in SITUATION
    ):
        # a question right after the rep's own answer asks about that answer ("Which of those fits?"): a check
        check, check_line = "specific", clarifying[-1]
        clarifying = clarifying[:-1]
    asked = [x.text for x in moves.reading.sentences if x.text.rstrip().endswith("?") and x.text not in clarifying]
    questions = [*clarifying, *asked]
    opens = [q for q in questions if _is_open(q, coaching)]
    clarify_open = [q for q in clarifying if q in opens]
    ack, ack_line = _acknowledgement(moves, objection, context)
    if echoed and ack != "tailored":
        ack, ack_line = "tailored", echoed[0]  # the concern said back in the buyer's terms is the acknowledgement
    heard_moves = _without_echoed_value(moves, echoed)
    discount, trade = _discount(moves)
    step, step_line = _next_step(moves, echoed)
    proof_line = matched.sentence or moves.line("proof")
    dismissals = [
        x
        for x in moves.sentences_with("dismiss")
        if not _asks_to_understand(x, clarifying)
        and not reads_their_concern(x, context, objection_words_no_path(objection))
    ]
    named = set(terms((objection.id.removeprefix("obj-").replace("-", " ")) if objection else "")) - GENERIC
    # the concern's own name counts ('residency' for the data-residency concern), as do the buyer's words
    concern = objection_words_no_path(objection) | named | {w for w in terms(context or "") if len(w) > 3} - GENERIC
    # a turn in which the rep answers for their own side ('We host in Frankfurt. Nobody outside the EU can get at
    # them.') explains; its denials are about what we do
    ours = any(
        SPEAKER.search(x.text) and not x.text.rstrip().endswith("?") and not set(labels) & {"acknowledge", "dismiss"}
        for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
    )
    dismissals += [
        x.text
        for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
        if x.text not in dismissals
        and not set(labels) & {"proof", "discount", "next_step"}
        and len(x.text.split()) <= VERDICT_WORDS
        and not ours
        and not heard_back(x.text, labels)
        and x.text not in echoed
        and not notes_back(x.text, context)
        and not reads_their_concern(x.text, context, concern)
        and contradicts_concern(x.text, concern)
    ]
    dismissals += [x.text for x in moves.reading.sentences if x.text not in dismissals and KEEPS_OUT.search(x.text)]
    dismissals += [
        x.text
        for x, labels in zip(moves.reading.sentences, moves.per_sentence, strict=True)
        if x.text not in dismissals
        # praise taken back is heard as an acknowledgement, and is none
        and not set(labels)
        & ({"proof", "discount", "next_step", "clarify", "value", "acknowledge"} - taken_back(x.text) - tagged(x.text))
        and not ours
        and x.text not in echoed
        and passes_verdict(x.text)
    ]
    return RepSignals(
        words=words,
        open_questions=len(opens),
        closed_questions=len(questions) - len(opens),
        clarify_open=len(clarify_open),
        clarify_closed=len(clarifying) - len(clarify_open),
        acts=heard_moves,
        moves=heard_moves,
        sure=round(moves.sure, 3),
        acknowledgement=ack,  # type: ignore[arg-type]
        acknowledgement_line=ack_line,
        argues=bool(dismissals),
        argue_line=dismissals[0] if dismissals else None,
        discount=discount,
        discount_line=moves.line("discount"),
        trade=trade,
        offer=read_offer(cleaned, discount),
        proof_ids=matched.ids,
        relevant_proof_ids=proof.relevant(objection.id if objection else None, matched.ids),
        evidence=evidence,
        proof_line=proof_line if (matched.ids or evidence) else None,
        verification=any(cues.VERIFY.search(s) for s in answers),
        check=check,  # type: ignore[arg-type]
        check_line=check_line,
        answer_words=sum(len(a.split()) for a in answers if check_line and _after(cleaned, a, check_line)),
        next_step=step,
        next_step_line=step_line,
        question_line=clarify_open[0] if clarify_open else (clarifying[0] if clarifying else None),
        feature_dump=moves.has("monologue"),
        off_topic=moves.has("off_topic") and len(moves.moves) == 1 and not _about_the_deal(questions, objection),
        injection=bool(cues.INJECTION.search(cleaned)),
        checked_back=bool(echoed) and only_checks_back(moves, echoed),
        truncated=truncated,
    )


def only_checks_back(moves: RepMoves, echoed: list[str]) -> bool:
    """Every question of the turn checks the buyer's concern said back ('So your week is already full and this can't
    add to it, is that right?'): the rep asks whether they understood, nothing else."""
    asked = [x.text for x in moves.reading.sentences if x.text.rstrip().endswith("?")]
    return bool(asked) and all(
        q in echoed or (_checks_understanding(moves, echoed, q) and not WH_QUESTION.search(q)) for q in asked
    )
