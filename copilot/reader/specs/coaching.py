"""The coaching head: what a manager (or counsellor) does in each sentence of a 1-on-1.

Labels (multi-label per sentence; most sentences carry one):

- open_question: invites the other to explain (what/how/why, "tell me about", "walk me through").
- closed_question: answerable with yes/no, a choice or one fact, including permission ("Is it okay if I…?")
  and tag questions.
- reflection: says back what the other said, meant or feels ("So the price worries you", "You're torn").
- advice: tells the other what to do, asked or not, including directives dressed as questions
  ("Why don't you…?", "Have you thought about calling…?").
- information: facts, explanations, opinions and feedback that are not advice.
- affirmation: recognises the other's effort, strength or intention ("That took courage", "Nice work on…").
- practice: in-meeting rehearsal ("Try it on me now, I'm the VP", "Let's role-play it", "Go, I'm the buyer").
- other: greetings, thanks, backchannels, fillers and logistics.

The turn's question type is that of its last question (question_type()).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

from copilot.reader import lexicon as lx
from copilot.reader.features import PatternFeature, matches
from copilot.reader.spec import HeadSpec

LABELS = ("open_question", "closed_question", "reflection", "advice", "information", "affirmation", "practice", "other")

_LEAD = re.compile(
    r"^(?:(?:so|and|but|well|okay|ok|yeah|oh|now|alright|right|um|uh|hmm|mm|like|then|also|i mean|you know|"
    r"i guess|just|and so|so then)\b[,.]?\s*)+",
    re.IGNORECASE,
)


def core(text: str) -> str:
    """The sentence without leading discourse markers ("so, okay, and …")."""
    return _LEAD.sub("", text).strip()


def on_core(name: str, pattern: re.Pattern[str] | str) -> PatternFeature:
    """A 0/1 feature matched at the start of the sentence's core."""
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.IGNORECASE)
    return PatternFeature(name, lambda s: 1.0 if compiled.match(core(s)) else 0.0)


def _whole_backchannel(text: str) -> float:
    words = text.strip(" .!?,;:-").replace(",", " ").split()
    return 1.0 if words and set(words) <= lx.BACKCHANNEL_WORDS else 0.0


PRACTICE = re.compile(
    r"\b(role[- ]?play|roleplay|rehears\w*|practi[cs]e (it|that|this|the \w+) (now|with me|on me|here|right now)|"
    r"try (it|that|this|the \w+) (out )?on me|(i'll|i will|let me) (be|play|pretend to be|act as) (the|your|a)\b|"
    r"i'm (the|your) (buyer|customer|vp|cfo|prospect|champion|client)|pretend (i'm|i am)|"
    r"(go ahead|go|start),? (i'm|pitch me|hit me)|let's (run|do|try) (it|that|this)( \w+)? (now|live|together)|"
    r"say it (to me|out loud|like you would)|from the top|take two|once more, (this time|with)|"
    r"show me how you('d| would) (say|handle|open|answer))",
    re.IGNORECASE,
)
AFFIRM = re.compile(
    r"\b(good|great|nice|excellent|strong|solid|brilliant) (job|work|call|catch|move|thinking|point|question|instinct)\b|"
    r"\bwell done\b|\b(i'm|i am) (really )?(proud|impressed)\b|\bthat took (courage|guts)\b|"
    r"\byou (did|handled|managed) (that|it|this) (really |so )?(well|great)\b|\bkudos\b|\bcredit to you\b|"
    r"\byou('ve| have) (clearly|really) (put|worked|thought)\b|\bthat's (a )?(great|good|real|huge) "
    r"(step|progress|start|effort|strength|insight|win)\b|\bi (appreciate|admire|respect) (that|how|your)\b",
    re.IGNORECASE,
)
PERMISSION = re.compile(
    r"^(is it (ok|okay|alright|all right)|would it be (ok|okay|alright|all right)|would you mind|do you mind|"
    r"mind if i|can i (ask|share|tell|offer|give|suggest|make)|may i|could i (ask|share|offer|give|suggest)|"
    r"would you like (me|to hear|some)|do you want (me|to hear))\b",
    re.IGNORECASE,
)
CHOICE = re.compile(r"\b(or|or not|or no)\s*\??$|\b\w+ or \w+( \w+)?\?$", re.IGNORECASE)
WONDER_WH = re.compile(
    r"^(i'm|i am|i was|just|so i'm)? ?(wondering|curious|i wonder) (what|how|why|where|when)\b", re.I
)
WONDER_IF = re.compile(r"\b(wondering|wonder) (if|whether)\b", re.I)
ABOUT_X = re.compile(r"^(what|how) about\b(?! (you|we) \w+ing\b)", re.I)
INNER_WH = re.compile(
    r"^(can|could|may|might) i (ask|just ask)( you)?,? (what|how|why)\b|, (what|how|why)\b[^,]*\?$", re.I
)
ANYTHING_ELSE = re.compile(r"\b(anything|something|what|who|where|how) else\b", re.I)
SCALE = re.compile(r"\bscale\b|\b(one|zero|1|0) to (ten|10)\b|\bfrom (one|zero|1|0)\b", re.I)
OR_END = re.compile(r"\bor\s*\??$|\bor not\b", re.I)
HOW_QUANT = re.compile(r"^how (many|much|long|often|old|far|soon)\b", re.I)
FEEL = re.compile(r"^(how|what) (do|did|does|would|are|were) (you|that|it) (feel|think|make you feel)\b", re.I)

PATTERNS: tuple[PatternFeature, ...] = (
    matches("ends_question_mark", r"\?\s*$"),
    matches("has_question_mark", r"\?"),
    on_core("starts_what", r"what\b|what's\b"),
    on_core("starts_how", r"how\b|how's\b"),
    on_core("starts_why", r"why\b"),
    on_core("starts_other_wh", r"(who|when|where|which|whose)\b"),
    on_core("starts_aux", lx.AUX_START),
    on_core("closed_wh", lx.CLOSED_WH),
    on_core("fact_noun", lx.FACT_NOUN),
    on_core("open_invite", lx.OPEN_INVITE),
    on_core("permission", PERMISSION),
    on_core("feel_question", FEEL),
    on_core("wonder_wh", WONDER_WH),
    matches("wonder_if", WONDER_IF),
    on_core("about_x", ABOUT_X),
    on_core("inner_wh", INNER_WH),
    matches("anything_else", ANYTHING_ELSE),
    matches("scale", SCALE),
    matches("or_end", OR_END),
    on_core("how_quantity", HOW_QUANT),
    PatternFeature("tag_question", lambda s: 1.0 if lx.has_tag(s.rstrip()) else 0.0),
    matches("choice_question", CHOICE),
    on_core("reflect_cue", lx.REFLECT_CUE),
    on_core("second_person_state", lx.SECOND_PERSON_STATE),
    matches("emotion_word", lx.EMOTION),
    on_core("first_person", r"(i|we|i'm|we're|i've|i'd|i'll|my|our)\b"),
    matches("starts_so", r"^(okay,? |and )?so\b"),
    on_core("disguised_advice", lx.DISGUISED),
    matches("advice_phrase", lx.ADVICE),
    on_core("imperative", lx.IMPERATIVE),
    matches("practice_cue", PRACTICE),
    matches("affirm_cue", AFFIRM),
    matches("social", lx.SOCIAL),
    PatternFeature("backchannel_only", _whole_backchannel),
    PatternFeature("log_words", lambda s: math.log1p(len(s.split()))),
)

SPEC = HeadSpec(name="coaching", labels=LABELS, patterns=PATTERNS, use_context=True, l2=4.0)


_ASKING = re.compile(
    r"^(what|what's|how|how's|why|who|who's|when|where|which|whose|tell me|walk me|talk me|help me understand|"
    r"describe|explain|say more|give me a sense|(i'm|i am|i was|just)? ?(wondering|curious)|i wonder|any|anything)\b",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Has the form of a question: a question mark, or a question word, auxiliary or invitation up front."""
    body = core(text.lower())
    return "?" in text or bool(_ASKING.match(body) or lx.AUX_START.match(body) or lx.OPEN_INVITE.match(body))


def rehearses(text: str) -> bool:
    """Says in words that the practice happens now (role-play, "try it on me", "I'm the buyer")."""
    return bool(PRACTICE.search(text))


class _Sentence(Protocol):
    """A read sentence: the reader's SentenceReading or the review's SentenceAct."""

    @property
    def text(self) -> str: ...
    @property
    def labels(self) -> Sequence[str]: ...
    @property
    def probs(self) -> Mapping[str, float]: ...


_S = TypeVar("_S", bound=_Sentence)

_WH_ANYWHERE = re.compile(r"\b(what|how|why|where|when|who|whom|whose|which)(?:'s|'d|'re)?\b", re.I)
_INVITES = re.compile(
    r"\b(tell (me|us)|walk (me|us)|talk (me|us) through|describe|explain|elaborate|expand on|help me understand|"
    r"give me (a sense|an idea|a picture|an example)|say (a bit |a little )?more|share (a bit|more|a little|with me|"
    r"your)|wonder|wondering|curious)\b",
    re.I,
)
_TRAILING_OR = re.compile(r"\bor\s*[?.\-\u2013\u2014]*\s*$", re.I)


def open_form(text: str) -> bool:
    """Has a form that invites more than yes or no: a question word anywhere, or an invitation to say more."""
    return bool(_WH_ANYWHERE.search(text) or _INVITES.search(text))


# A suggestion carried inside a question ("what would you think about trying…", "how about…").
_SUGGESTS = re.compile(
    r"\b(how|what) about (you |we )?\w+ing\b|\bhow about\b|\bwhy (don't|not|wouldn't)\b|"
    r"\bwhat (would|do) you (think|feel) (about|of) (\w+ing|trying|if)\b",
    re.I,
)


# "Have you thought about how you'd open?" asks for their thinking; "Have you thought about calling?" suggests.
_ASKS_HOW = re.compile(
    r"\b(thought about|thought of|considered|looked at) (how|what|whether|why|who|when|where|which)\b", re.I
)


def asks_their_plan(text: str) -> bool:
    """A question that asks the other person what they will do ("So what do you need to do next?", "Have you
    thought about how you'd open?"): the coach asks instead of telling, so it is a question, not advice.

    It must carry a question mark and a question word that comes before any "you need to/should"; a suggestion
    phrased as a question ("Why don't you…", "What about sending…", "Have you thought about sending…") is not one.
    """
    if "?" not in text:
        return False
    low = text.lower()
    wh = _WH_ANYWHERE.search(low)
    if wh is None or _SUGGESTS.search(low) or (lx.DISGUISED.search(core(low)) and not _ASKS_HOW.search(low)):
        return False
    told = lx.ADVICE.search(low)
    return told is None or told.start() > wh.start()


# "Why don't you start by telling me about yourself?": the only thing it tells the other to do is talk, so it invites.
_TALK_INVITE = re.compile(
    r"^(why (don't|do not|not) you|how about (you|if you)|maybe you (could|can))( just)?( start| begin)?( (by|with))? "
    r"(tell|telling|talk|talking|share|sharing|describe|describing|walk|walking|fill|filling|explain|explaining)"
    r"( (to|with|for))? (me|us)\b",
    re.IGNORECASE,
)


# "You said you'd run the new opener on three calls.": what the other said or agreed, reported back to them.
_REPORTS = re.compile(
    r"^((last (week|time|month)|on \w+day),? )?you (said|mentioned|told (me|us)|promised|agreed|committed|wanted)\b",
    re.IGNORECASE,
)
_DIRECTS = re.compile(
    r"\b(should|need to|needs to|must|have to|has to|ought|try|make sure|don't forget|why not)\b", re.I
)


def reports_their_words(text: str) -> bool:
    """A sentence that reports what the other said or agreed, and tells them nothing to do: a reminder of their own
    words, not advice ('You said you'd run the opener on three calls.'; not 'You said you'd try it, so you should')."""
    said = core(text)
    return bool(_REPORTS.match(said)) and not _DIRECTS.search(said)


def invites_talk(text: str) -> bool:
    """A suggestion whose only action is to tell the speaker about something: an open invitation, not advice."""
    return bool(_TALK_INVITE.match(core(text)))


# A piece cut off mid-clause ends on a word that needs something after it: an article, a conjunction, a preposition,
# a subject pronoun, an auxiliary or a possessive ("That was the", "and you get the sense that", "It sounds").
_DANGLING = re.compile(
    r"\b(the|a|an|and|but|or|so|that|this|to|of|for|with|if|because|she's|he's|it's|they're|you're|i'm|is|was|"
    r"are|were|be|sounds|seems|like|your|my|his|her|their|our|i|he|she|they|we)\s*[,\-\u2013\u2014]*\s*$",
    re.IGNORECASE,
)


def fragment(text: str) -> bool:
    """A cut-off piece of speech: two words or fewer that are not a command ("It", "It sounds"), or no closing punctuation and a last word
    that needs more after it ("That was the", "and you get the sense that"). Under the MI coding convention (MITI 4.2)
    such a piece offers no suggestion, direction or information, so it gives no advice.
    """
    words = re.findall(r"[a-z']+", text.lower())
    short = len(words) <= 2 and not lx.IMPERATIVE.match(core(text))  # "Try it." is a whole directive
    return short or (not re.search(r"[.!?]\s*$", text) and bool(_DANGLING.search(text)))


_QUOTED = re.compile(r'"[^"]*"')


def _marked(text: str) -> bool:
    """Carries a question mark of its own: one inside quotation marks is reported speech ('you think, "Why me?"')."""
    return "?" in _QUOTED.sub("", text)


def last_marked(sentences: Sequence[_S]) -> _S | None:
    """The turn's last sentence with a question mark: the one that decides its question type."""
    return next((s for s in reversed(sentences) if _marked(s.text)), None)


# Where a spoken question restarts: a dash, or a comma before a question word or an auxiliary that begins a new
# question ("Have you ever had interests outside, like, what do you do when...?", "Who signs, is it still Dana?").
_RESTART = re.compile(
    r"\s+\u2014\s+|,\s+(?=(?:(?:and|but|so|or|like|um|uh|you know|i mean)\s+)*(?:what|how|why|where|when|who|"
    r"which|is|are|was|were|do|does|did|can|could|would|will|have|has|had|should)\b)",
    re.IGNORECASE,
)
_FILLER_LEAD = re.compile(r"^(?:(?:you know|i mean|like|yeah|okay|so|and|or|um|uh|well|then|now),?\s+)+", re.IGNORECASE)
_WH_OPEN = re.compile(r"^(what|what's|how|how's|why)\b", re.IGNORECASE)
_WH_ASKS = re.compile(r"^(what|what's|how|how's|why|who|who's|when|when's|where|where's|which|whose)\b", re.IGNORECASE)
_WH_THINK = re.compile(r"\b(do|did|would|could|might) you (think|see|feel|reckon|imagine|suspect)\b", re.IGNORECASE)
_ONE_FACT = re.compile(
    r"^how (many|much|long|often|old|far|soon)\b|^what (time|day|date|year|month|kind|sort|type)\b|"
    r"^what(?:'s| is| was) (his|her|your|their|the)( \w+'s)? name\b",
    re.IGNORECASE,
)
_WONDER = re.compile(r"^(i'm |i am |i was |i )?(just )?(wonder(ing|ed)?|curious)\b", re.IGNORECASE)
# Asking leave to ask ("can I ask what you're comparing it with?"): the question asked is the one after it.
_ASK_LEAVE = re.compile(r"^(can|could|may|might) i (just )?ask( you)?,? (?=(what|how|why)\b)", re.IGNORECASE)
_ASK_IN = re.compile(
    r"^(would|do) you mind (telling|filling|sharing|walking|explaining|describing|saying)\b|"
    # asking the other to come up with content: share details, give an example, think of more, list them
    r"^(can|could|would|will) you (please )?(share (with (me|us)|a (bit|little)|more|some|your|what|how|why|"
    r"anything)|give (me|us) (an|a few|some) (example|instance|detail)|"
    r"think of (any|anything|something|some|other|a time|ways|a way)|list|name (some|a few|any))\b",
    re.I,
)
# "About how many…?", "roughly how long…?": an estimate is still one number.
_ESTIMATE = re.compile(r"^(just )?(about|roughly|around|approximately) (?=how (many|much|long|often|far|old)\b)", re.I)
_ALTERNATIVE = re.compile(r"\b\w+,? or \w+", re.IGNORECASE)
# "Anything else?", "Any questions about the next steps?", "Any other things that worry you?": an elliptical question
# that asks the other to add whatever they have is open ("Any other family members nearby?" asks for people: not here).
_ANY_MORE = re.compile(
    r"^(anything|any (other |more |further )?(questions|thoughts|ideas|things|concerns|worries|benefits|reasons|ways|"
    r"changes|good|bad|not-so-good|downsides?|upsides?|feelings|suggestions))\b",
    re.IGNORECASE,
)
SURE_OPEN = 0.9  # the reader's open reading that outweighs a yes/no form
LEANS_OPEN = 0.15  # below this the reader has no opinion on an open reading


def main_question(text: str) -> str:
    """The question a spoken sentence ends on: after its last restart, without leading fillers ("so, um, and")."""
    pieces = [p for p in _RESTART.split(text) if p.strip()]
    for piece in reversed(pieces):
        body = _FILLER_LEAD.sub("", core(piece.strip()))
        if _WH_ASKS.match(body) or lx.AUX_START.match(body) or lx.OPEN_INVITE.match(body):
            return body
    return _FILLER_LEAD.sub("", core(text.strip()))


def _asks_something(text: str) -> bool:
    """Has a question's form without a question mark (a transcript that dropped it, or "I'm wondering…")."""
    body = main_question(text)
    return bool(
        _WH_ASKS.match(body) or lx.AUX_START.match(body) or lx.OPEN_INVITE.match(body) or _WONDER.match(body)
    ) or bool(_TRAILING_OR.search(text))


# "What kind of support would help?", "what sort of things…": asks for a description, unlike "what time…", "how many…".
_KIND_OF = re.compile(r"^what (kind|kinds|sort|sorts|type|types) of\b", re.IGNORECASE)
# A rating on a scale the turn has set up ("0 means…, 10 means…. Where do you see yourself?", "what number would you
# pick?", "where does your confidence sit?"): the answer is a position, one number.
_RATES = re.compile(r"^(where|whereabouts|what number|which number)\b", re.IGNORECASE)
_SCALE_SET = re.compile(
    r"\bscale\b|\b(one|zero|1|0) (to|and) (ten|10|100|a hundred)\b|\b(zero|one|ten|0|1|10|100) (being|is|means|meaning)\b",
    re.IGNORECASE,
)


def sentence_type(sentence: _Sentence, *, scale: bool = False) -> str:
    """'open' or 'closed' for one question, by its form first and the reader's reading where the form is unsure.

    - trailing off in "or" ("Do you have a plan in mind, or?") leaves the answer open;
    - a tag question ("…, didn't you?") is closed;
    - an invitation ("tell me", "describe", "can you walk me through", "would you mind telling me") is open,
      as is asking the other to come up with content ("can you share with me…", "could you give me an example…",
      "can you think of anything else…") and wondering aloud ("I'm wondering what…", "I'm curious whether…");
    - a what/how/why opener is open, unless it asks for one fact ("how many", "about how long", "what time",
      "what's your manager's name"), where only a sure open reading keeps it open;
    - who/when/where/which asking what the other thinks ("where do you think…") is open; otherwise the reader decides;
    - an auxiliary up front ("do you", "is it", "can I") with no question word after it is closed (an "or" between
      alternatives too) unless the reader is sure it is open;
    - a question word further in ("have you thought about how you'd open?") goes by the reader's label or lean;
    - a statement said as a question ("So the timing worries you?") is closed unless the reader is sure;
    - "what kind/sort of…" asks for a description: open unless the reader is sure it is closed;
    - with `scale` (the turn set up a rating scale), "where would you be?", "what number…" asks for a position: closed.
    """
    text = sentence.text.rstrip()
    p_open, p_closed = sentence.probs.get("open_question", 0.0), sentence.probs.get("closed_question", 0.0)
    if _TRAILING_OR.search(text):
        return "open"
    body = main_question(text)
    body = _ESTIMATE.sub("", _ASK_LEAVE.sub("", body))
    if lx.has_tag(text) and not _WH_ASKS.match(body):
        return "closed"
    if lx.OPEN_INVITE.match(body) or _ASK_IN.match(body) or _WONDER.match(body):
        return "open"
    if _ANY_MORE.match(body):
        return "open"
    if scale and _RATES.match(body):
        return "closed"
    if _KIND_OF.match(body):
        return "closed" if p_closed >= SURE_OPEN else "open"
    if _WH_OPEN.match(body):  # "how often do you think …" asks their estimate, their view: open
        return "open" if not _one_fact(body) or p_open >= SURE_OPEN or _WH_THINK.search(body) else "closed"
    if _WH_ASKS.match(body) and (_WH_THINK.search(body) or asks_where_it_stands(body)):
        return "open"
    # "did he tell you what to expect?" is a yes/no frame whatever it holds; "have you thought about how you'd open?"
    # asks for their thinking and goes by the reader below
    if lx.AUX_START.match(body) and not (_WH_ANYWHERE.search(body) and _ASKS_HOW.search(body)):
        return "open" if p_open >= SURE_OPEN and not _ALTERNATIVE.search(body) else "closed"
    # who/when/where/which up front, a yes/no frame around a question word ("have you thought about how you'd
    # open?", "did he say what to expect?") or a question word further in: the reader decides
    if open_form(text):
        if "open_question" in sentence.labels:
            return "open"
        if "closed_question" in sentence.labels:
            return "closed"
        return "open" if p_open >= max(2 * p_closed, LEANS_OPEN) else "closed"
    return "open" if p_open >= SURE_OPEN else "closed"


def sets_scale(sentences: Sequence[_Sentence]) -> bool:
    """The turn sets up a rating scale ("on a scale of 1 to 10", "0 means…, 10 means…")."""
    return any(_SCALE_SET.search(s.text) for s in sentences)


def _one_fact(body: str) -> bool:
    """A what/how question that asks for one fact: a quantity, a time, a name, a kind ("what CRM", "the cost")."""
    about = re.match(r"^(how|what) about\b", body, re.IGNORECASE)  # "how about friendship?" raises a topic
    return bool(_ONE_FACT.match(body) or (lx.CLOSED_WH.match(body) and not about) or lx.FACT_NOUN.match(body))


def question_type(sentences: Sequence[_Sentence]) -> str | None:
    """'open' or 'closed' from a turn's main question, None when the turn asks nothing.

    The turn's question type is that of its last question (a reflection or advice before it does not count):
    the last sentence with a question mark of its own; without one, the last sentence with a question's form
    (a question word, an auxiliary or an invitation up front, "I'm wondering…"). Its type comes from its form
    (sentence_type). A turn with neither goes by the reader's last question label.
    """
    last = last_marked(sentences) or next((s for s in reversed(sentences) if _asks_something(s.text)), None)
    if last is not None:
        return sentence_type(last, scale=sets_scale(sentences))
    for sentence in reversed(sentences):
        if "open_question" in sentence.labels:
            return "open"
        if "closed_question" in sentence.labels:
            return "closed"
    return None


# --- What is not advice, by form (issue 17, round coach12) -------------------------------------------------------
# Advice directs what the other will do. A declarative sentence (it has a subject up front) carries that direction in
# a directive word: a modal of obligation or possibility aimed at someone ("you should", "need to", "you could"), a
# verb of recommending, a first-person "I'd …", "let's", "make sure", "try", "why don't you". Without one it describes
# ("You've tried a lot of tablets.", "It's going to ruin your life.") or evaluates ("I think that would be a good
# start."), whatever the reader's embedding leans to; "let me …" announces what the speaker will do ("Let me ask you
# this, …"). An elliptical piece without its subject ("Definitely would
# not.", "Can't prevent all of it") directs no one either. Imperatives have no subject and are never judged here.
_SUBJECT_FIRST = re.compile(
    r"^(i|i'm|i've|i'd|i'll|we|we're|we've|we'd|we'll|you|you're|you've|you'd|you'll|it|it's|it'd|it'll|that|that's|"
    r"this|these|those|there|there's|he|he's|she|she's|they|they're|they've|everyone|everybody|someone|somebody|"
    r"nobody|people|let me)\b|^(would|wouldn't|won't|can't|couldn't|could|can|will|might|may)\b",
    re.IGNORECASE,
)
# A fronted condition or time clause ("if you're willing to do that, …"); the clause after its comma is the main one.
_FRONTED = re.compile(
    r"^(if|when|whenever|once|as long as|because|since|although|though|while)\b[^,?]{1,80},\s*", re.IGNORECASE
)
_DIRECTIVE = re.compile(
    r"\b(should|shouldn't|ought|must|mustn't|need|needs|needed|have to|has to|got to|gotta|had better|'d better|"
    r"better off|you (can|could|can't|cannot)|recommend\w*|suggest\w*|advis\w*|encourag\w*|urg(e|ing)|"
    r"option|options|consider\w*|try|trying|tried to|make sure|be sure|don't forget|remember to|"
    r"i('d| would)|we('d| would)|if i were you|if i was you|let's|let us|why don't|why not|how about|what if|"
    r"(want|like|need|love) (for )?you to|please|(important|key|crucial|essential|worth|best|better|wise) (to|that|if)|"
    r"worth \w+ing|the (key|trick|goal|best (way|thing|bet)|thing to do) (is|would be|will be))\b",
    re.IGNORECASE,
)
# "You realize it's something you shouldn't have done": a modal with a perfect looks back; nothing to do now.
_LOOKS_BACK = re.compile(
    r"\b(should|shouldn't|could|couldn't|would|wouldn't|might|must|ought to)( not)? have \w+", re.I
)
# "…telling you what you should be consuming": a modal inside an indirect question is reported, not directed.
_EMBEDDED = re.compile(
    r"\b(what|how much|how many|how|where|when|which|whether|why)\b(\s+\w+){0,2}\s+you (should|shouldn't|ought|need|have to|could|couldn't)\b",
    re.IGNORECASE,
)


# "Let me just check the dates", "let me ask one more thing": the speaker announces their own next move; "let me suggest …" advises.
_ANNOUNCES = re.compile(
    r"^let me\b(?!( just)? (suggest|recommend|advise|offer you|give you (a|some|my) (tip|suggestion|advice)))", re.I
)


def directs(text: str) -> bool:
    """False for a declarative or elliptical sentence with no directive word (see above); True otherwise."""
    body = core(text.replace("\u2019", "'").strip())
    body = re.sub(
        r"^((i (think|guess|feel|believe|know|mean)|you know|to be honest|honestly|definitely|probably|certainly|really|"
        r"perhaps|maybe|absolutely|obviously),?\s+)+",
        "",
        body,
        flags=re.I,
    )
    body = _FRONTED.sub("", body)  # "If you're willing to do that, that would help.": the main clause decides
    if _ANNOUNCES.match(body):  # "Let me just check …": what the speaker will do, not what the other should
        return False
    if "?" in body or not _SUBJECT_FIRST.match(body):  # a question's advice is judged by asks_their_plan and others
        return True
    said = _EMBEDDED.sub(" ", _LOOKS_BACK.sub(" ", body))
    return bool(_DIRECTIVE.search(said) or lx.ADVICE.search(said.lower()) or lx.DISGUISED.search(said.lower()))


# A line that steers the meeting itself (a topic to move to, park or come back to, time left, the agenda) tells the
# other to do nothing outside it: structuring, not advice or information ("Let's switch to your pipeline").
_STEERS = re.compile(
    r"^((let's|let us|we('ll| will| can| could| should)|i('d| would) like to|i want(ed)? to|why don't we|can we|could we|"
    r"shall we)( just| quickly| now| briefly| first| then)? (talk( about| through)?|switch( gears)?( to| over to)?|"
    r"move on|turn to|shift( gears)?( to)?|go back to|come back to|circle back|park|start (with|by looking)|"
    r"begin with|pick up (where|with)|wrap( up)?|recap|look back|spend (the|a|some|our|them|it) |cover|hit|touch on|"
    r"get (back )?to (the|your|our)|(save|leave|keep|set aside|hold|spend|take) ((the last|the first|another|a few|"
    r"a couple( of)?|\w+) ){1,2}(minutes|mins)\b|jump( over| back)? to|hop( over)? to|go through (the|your|our))\b|"
    r"(okay,? |alright,? |so,? )?(moving on|next (item|up|topic|thing on the list)|(quick |the )?agenda|"
    r"(switching|shifting|changing) gears|(a )?quick detour)\b|"
    r"before we (wrap|finish|close|end|go|hang up|run out)\b|"
    r"(we('ve| have)|we've got|we got|there's|there are) (about |only |just )?\w+ minutes (left|to go)\b)",
    re.IGNORECASE,
)


def steers(text: str) -> bool:
    """The sentence steers the meeting (what to talk about next, time left, the agenda): see _STEERS."""
    return bool(_STEERS.match(core(text.replace("\u2019", "'").strip())))


# "Where did the pricing conversation end up?", "Where are you at with the proposal?", "Where does that leave the
# champion?": 'where' asking how far something has got, not a place; the answer is an account, so the question is open.
_WHERE_STANDS = re.compile(
    r"^where('s| is| are| were| was| did| does| do| have| has| will)?\b(?!.*\b(based|located|held|live|lives|from|"
    r"keep|store|meet|park|buy)\b)(.*\b(land|landed|lands|end up|ended up|ends up|leave|leaves|left|stand|stands|"
    r"got to|gotten to|go from here|headed|heading)\b|.*\bat\s*\??$|('s| is| are| were| was) (you|we|things|it|that|this|"
    r"they|he|she) (at|with)\b)",
    re.IGNORECASE,
)


def asks_their_view(text: str) -> bool:
    """A who/when/where/which question that asks for an account or an opinion, not a fact: "where did those
    land?", "where do you think it went wrong?" (open by form, whatever the reader leans to)."""
    body = main_question(text.rstrip())
    return bool(_WH_ASKS.match(body) and (_WH_THINK.search(body) or asks_where_it_stands(body)))


def asks_where_it_stands(body: str) -> bool:
    """A 'where' question about how far something has got (see _WHERE_STANDS)."""
    return bool(_WHERE_STANDS.match(body.strip()))


# The one the rehearsal casts: a buyer-side role or the rep ("the CFO", "their procurement lead", "a skeptical ops
# director", "the rep").
_ROLE = (
    r"(the|your|their|a|an|my)( \w+){0,2} (buyer|customer|client|prospect|champion|gatekeeper|cfo|ceo|cto|cio|ciso|coo|"
    r"vp|director|head of \w+|lead|rep|seller|decision[- ]maker|economic buyer|procurement( lead)?|"
    r"(it|security|finance|legal|ops) (person|guy|team))\b"
)
# A rehearsal set up in the meeting itself: who plays whom, "let's run it", "show me how you'd open", "pitch me".
_SETS_UP = re.compile(
    r"\b(pretend (i'm|i am|you're|you are)|you (be|play) "
    + _ROLE
    + r"|(i'll|i will|let me) (be|play) "
    + _ROLE
    + r"|i'm "
    + _ROLE
    + r"(?! (on|for|of|who|that|here|said|told|says)\b)|let's (run|rehearse|practi[cs]e|role[- ]?play) (it|that|this|"
    r"the (open(er|ing)?|pitch|close|ask|voicemail|call|objection|pricing( \w+)?))( (through|again|once more|live|now|"
    r"together|with me|on me))*\s*[.!,]?\s*$|let's try (it|"
    r"the (open(er|ing)?|pitch|close|ask|voicemail|call|objection|pricing( \w+)?))( (through|again|once more|live|now|"
    r"together|with me|on me))*\s*[.!,]?\s*$|let's (just )?(rehearse|role[- ]?play|practi[cs]e)\b|"
    r"show me how you('d| would)\b|(pitch|sell) (me|it to me)\b|"
    r"(try|run|do|say|practi[cs]e) (it|that|this|the \w+|your \w+)( \w+)? (on|to|with) me\b(?! (later|after|by))|"
    r"give it a (shot|go|try) (now|on me|with me)|(do|run) (the|your) \w+ again\b)",
    re.IGNORECASE,
)


def sets_up_rehearsal(text: str) -> bool:
    """The sentence starts a rehearsal now (casts roles, "let's run it", "show me how you'd open", "pitch me"); a
    question about rehearsing ("Did you rehearse it?") or a report of one ("I rehearsed it") sets nothing up."""
    body = core(text.replace("\u2019", "'").strip())
    if "?" in text and not re.search(r"\b(pretend|you be|i'll be|show me)\b", body, re.I):
        return False
    return bool(_SETS_UP.search(body))


# A recommendation in the speaker's own voice: "If it were me, I'd…", "If I were you…", "What I'd do is…",
# "In your shoes I'd…", "The thing I'd try first is…".
_AS_SELF = re.compile(
    r"\b(if (it|this) (were|was) (me|my (deal|account|call|territory|pipeline|customer|decision))|if i were (you|in your "
    r"(shoes|position|seat))|if i was (you|in your (shoes|position))|in your (shoes|position|seat),? i('d| would)|"
    r"(what|the (thing|first thing|one thing)) i('d| would) (do|try|want to do|go for)( (first|here|now|next))? (is|would be)|"
    r"(me|myself),? i('d| would) (\w+ )?(ask|send|call|push|get|hold|go|lead|stop|start|put|loop|book|bring))\b",
    re.IGNORECASE,
)


def advises_as_self(text: str) -> bool:
    """A recommendation in the speaker's own voice ("If it were my deal, I'd put a close plan in front of them"):
    advice, though no 'you should' is said. A question ("What would you do if it were you?") advises nothing."""
    body = text.replace("\u2019", "'")
    return "?" not in body and bool(_AS_SELF.search(body))


# A time-box: how long the meeting spends on a topic ("for a few minutes", "ten minutes on the forecast").
_TIMEBOX = re.compile(
    r"\b((for|about|another|spend|take|save) )?(a few|a couple( of)?|\d+|one|two|three|four|five|ten|fifteen|twenty|"
    r"thirty|a) (more )?(minutes?|mins?)\b",
    re.IGNORECASE,
)


def untimed(text: str) -> str:
    """The text without its time-boxes, so "let's jump to the forecast for a few minutes" holds no count."""
    return _TIMEBOX.sub(" ", text)


# --- Options, information and wishes (issue 17, coach16) ---------------------------------------------------------
# A bare verb phrase that continues a list ("Or loop in their finance lead.", "like send a short video") names one option or
# example among several: information about options, not telling the other what to do (AnnoMI's experts code such
# lines as options, not advice). With a subject ("Or you could call her") the speaker proposes it, which stays advice.
_LIST_PIECE = re.compile(
    r"^[\s\-\u2013\u2014]*(or|like|such as|for example|for instance)\b,?\s+(?!(you|we|i|maybe you)\b)", re.I
)
# "Did you know deals with a mutual plan close twice as often?": a fact offered in question form, not a directive.
_OFFERS_FACT = re.compile(
    r"^[\s\-\u2013\u2014]*((and|so|but|well),? )?(did|do) you know\b(?! (how|what|when|where|why|if|whether|who)\b)",
    re.I,
)
# "I wish you would stop discounting.", "I hope you consider calling her.": the speaker's wish for the other's action is advice.
_WISHES = re.compile(
    r"\bi (\w+ )?(hope|wish) (that )?you( would|'d| will|'ll| could)?( really| seriously| at least| just)? "
    r"(consider|try|think about|quit|stop|start|cut|keep|take|give|listen|talk|call|go|get|make|look|reconsider|follow|"
    r"work|use|ask)\b",
    re.IGNORECASE,
)


def names_an_option(text: str) -> bool:
    """A subjectless piece continuing a list of options or examples ("Or loop in their finance lead."): not advice."""
    return bool(_LIST_PIECE.match(text.replace("\u2019", "'")))


def offers_fact(text: str) -> bool:
    """A 'did you know …' question: information offered, not a directive (the question type is unchanged)."""
    return bool(_OFFERS_FACT.match(text.replace("\u2019", "'")))


def wishes_they_would(text: str) -> bool:
    """The speaker's hope or wish that the other act ("I hope you'll consider calling her"): advice."""
    body = text.replace("\u2019", "'")
    return "?" not in body and bool(_WISHES.search(body))


# "You really want to win this one back.", "You're worried the champion won't last.", "I get the sense it matters": a
# statement whose subject is the other and whose verb names what they feel, want, need or believe says back their
# inner state, which is a reflection (MI's complex reflection), not news. "You know," as a filler names nothing.
_THEIR_STATE = re.compile(
    r"^[\s\-\u2013\u2014]*((so|and|oh|okay|ok|well|yeah|right|now|but|and so)[,.]?\s+)*([a-z]+, )?"
    r"(you (really |just |kind of |sort of |also |still |definitely |probably )?(feel|felt|want|wanted|wanna|care|cared|"
    r"wonder|wondered|need|needed|like|love|hate|worry|worried|wish|hope|believe|think|thought|enjoy|miss|value)\b|"
    r"you know (that|yourself|how|what)\b|"
    r"you're (really |just |kind of |sort of |still |also |pretty |a little |a bit )?(feeling|worried|wondering|"
    r"thinking|concerned|scared|afraid|frustrated|tired|sick|nervous|unsure|not sure|ready|willing|hoping|torn|stuck|"
    r"proud|happy|sad|angry|upset|excited|interested|comfortable|uncomfortable|confident)\b|"
    r"i get the (feeling|sense|impression)|it seems (like|that) you\b|you seem\b)",
    re.IGNORECASE,
)
_OBLIGES = re.compile(r"\b(should|shouldn't|need to|needs to|have to|has to|must|got to|gotta|ought)\b", re.I)


def names_their_state(text: str) -> bool:
    """A statement that names the other's feeling, want, need or belief ("You want proof before you commit."):
    said back, a reflection. Not a question, and not an obligation ("You need to call them" directs)."""
    body = text.replace("\u2019", "'").strip()
    return not body.endswith("?") and not _OBLIGES.search(body) and bool(_THEIR_STATE.match(body))


# --- What else is not advice (coach21; chosen on AnnoMI's even conversation ids, checked on the odd ones) ----------
# "Have you thought about secondhand smoke and how it might affect your son?": a consideration raised as a question,
# not a step proposed; "Have you thought about quitting?" (an -ing verb, an action) still suggests one.
_RAISES = re.compile(
    r"^((so|and|now|well|okay|ok|you know),?\s+)*(have|had) you (ever )?(thought about|thought of|considered) "
    r"(?!(maybe |perhaps |just |possibly )?\w+ing\b)(?!(how|what|whether|why|who|when|where|which)\b)",
    re.IGNORECASE,
)
# "Perhaps if you're booked in for a double slot next week …", "we could meet again in two weeks": arranging the
# conversation's own next meeting is negotiation (what MI coding keeps apart from advice), not telling the other what
# to do outside it. A dated one is an agreement and is read before this.
_ARRANGES = re.compile(
    r"\b(booked in|book (you|us) in|double slot|our next (session|appointment|one-on-one|1:1)|"
    r"(meet|talk|check in|get together) again|see you (again|back|next)|come back (in|next|and see))\b",
    re.IGNORECASE,
)
# "… and get you into trouble.": a piece continuing the speaker's own sentence whose object is the listener describes
# what could happen to them; it is not an instruction to them (compare "and get them to sign").
_CONTINUES = re.compile(
    r"^[\s\-\u2013\u2014]*(and|or|but|which|that|'cause|cause)\s+[a-z]+\s+you\b(?!\s+(to|know)\b)", re.IGNORECASE
)


def raises_consideration(text: str) -> bool:
    """'Have you thought about <a thing>?': a consideration raised, asked as a yes/no question, not advice."""
    return bool(_RAISES.match(core(text.replace("\u2019", "'").strip())))


def arranges_meeting(text: str) -> bool:
    """The sentence arranges the speakers' own next meeting (negotiation), so it is not advice."""
    return bool(_ARRANGES.search(text.replace("\u2019", "'")))


def continues_about_them(text: str) -> bool:
    """A subjectless piece continuing a description of what could happen to the listener ("and get you into trouble")."""
    return bool(_CONTINUES.match(text.replace("\u2019", "'")))


# --- Suggestions carried by a question or a promised result (coach23; chosen on AnnoMI's even conversation ids,
# checked on the odd ones) ---------------------------------------------------------------------------------------
# "Are your friends the problem, like maybe you should start hanging out with other kids?", "What about, maybe when he
# turns three, you could enroll him in Head Start?": a question whose body puts forward a step for the listener,
# hedged ("maybe you should", "perhaps you could") or after "what/how about", asks and advises at once.
_PROPOSES_IN_QUESTION = re.compile(
    r"\b(maybe|perhaps) you (should|could|might want to|need to)\b|\b(what|how) about\b[^?]{0,60}\byou (could|can|might)\b",
    re.IGNORECASE,
)
# "If you would follow up on that lead, you might find some relief.": an action of the listener's, with the result it
# promises them, recommends the action.
_PROMISES = re.compile(
    r"\bif you (would|were to|could|just|tried to|started|made|took|did|cut|stopped)\b[^.?!]{1,80}?,?\s*(then )?you "
    r"(might|would|could|'d|will|'ll|may) (find|feel|see|notice|be able|get)\b",
    re.IGNORECASE,
)


def proposes_in_question(text: str) -> bool:
    """A question that puts forward a step for the listener (see _PROPOSES_IN_QUESTION): advice as well as a question."""
    body = text.replace("\u2019", "'")
    return "?" in body and bool(_PROPOSES_IN_QUESTION.search(body))


def promises_result(text: str) -> bool:
    """A statement tying an action of the listener's to what it would get them (see _PROMISES): advice."""
    body = text.replace("\u2019", "'")
    return "?" not in body and bool(_PROMISES.search(body))
