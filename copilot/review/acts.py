"""Deterministic conversational-act tagger, so ask-vs-tell is measured from the words, not guessed by a model.

Labelling guide (the same one evals/review/utterances.yaml was written with):

- `open_question`: invites the other to explain (what/why/how, "tell me", "walk me through").
- `closed_question`: answerable with yes/no, a choice or one fact (aux-first, who/when/which, how many,
  "what CRM…"), including leading questions and tag questions ("…, wouldn't you?").
- `reflection`: restates or summarises what the other just said ("so what I'm hearing is…", "sounds like…",
  "you're worried that…", or a "so…"/"you…"/verbless restatement sharing content words with their turn).
  A restatement ending in "right?" is still a reflection.
- `advice`: tells the other what to do: "you should/need to", "try…", "next time…", imperatives, and
  directives disguised as questions ("why don't you…", "have you thought about calling…", "what if you…",
  "wouldn't it be better to…"), which is what coaching-the-coach must catch.
- `agreement`: a commitment with an owner or a date/count: "I'll send it by Friday", "let's do three
  roleplays before Thursday", "so you'll book two meetings by next week".
- `information`: statements of fact, opinion, feedback or an answer.
- `other`: greetings, thanks, backchannels, fillers, logistics ("you cut out", "can you see my screen").

- `practice`: rehearsal in the meeting itself ("Try it on me now, I'm the VP", "Let's role-play it"): the
  manager makes the rep do it, which is coaching, not telling.

Who decides: the shared utterance reader (copilot.reader, coaching head) reads question type, reflection,
advice, information and practice from each sentence's meaning; the hand-written rules below stay as the
reader's pattern features and decide only what the reader has no label for (agreements, which need a date
or count) and plain greetings/backchannels. So review, prep and roleplay read a sentence the same way.

Granularity: each sentence gets one act; the utterance's `act` is its most important sentence act in the
order agreement > advice > reflection > open_question > closed_question > information > other (the rarer,
coaching-relevant move wins: "Great call. Next time, confirm the next step." is advice). `acts` keeps every
distinct sentence act so measures can count a turn that both reflects and asks as doing both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from copilot.reader import Reader, SentenceReading, default_reader
from copilot.reader import lexicon as lx
from copilot.reader.segment import sentences as reader_sentences
from copilot.reader.specs import coaching
from copilot.review import commitments as cm
from copilot.review.transcript import Transcript

Act = Literal[
    "open_question", "closed_question", "reflection", "advice", "information", "agreement", "practice", "other"
]
ACTS: tuple[Act, ...] = (
    "open_question",
    "closed_question",
    "reflection",
    "advice",
    "information",
    "agreement",
    "practice",
    "other",
)
PRIORITY: tuple[Act, ...] = (
    "agreement",
    "practice",
    "advice",
    "reflection",
    "open_question",
    "closed_question",
    "information",
    "other",
)


class SentenceAct(BaseModel):
    """One sentence, its act and the rule that decided it (so a surprising tag can be traced)."""

    text: str
    act: Act
    rule: str
    labels: list[Act] = Field(default_factory=list, description="every act the sentence carries (main act first)")
    probs: dict[str, float] = Field(default_factory=dict, description="the reader's probability per label")


class ActTag(BaseModel):
    """The act of one utterance plus the sentence-level detail it came from."""

    act: Act = Field(description="dominant act of the utterance")
    acts: list[Act] = Field(description="distinct sentence acts in order of appearance")
    open_questions: int = 0
    closed_questions: int = 0
    sentences: list[SentenceAct] = Field(default_factory=list)


_SPLIT = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])|(?<=\?)(?=[A-Z])|\s+[-–—]{1,2}\s+(?=[A-Z])")
_ABBREV = re.compile(r"\b(mr|mrs|ms|dr|vs|etc|e\.g|i\.e|approx|inc|ltd|no|st)\.$", re.IGNORECASE)
_GREETING = re.compile(
    r"^(hi|hello|hey|morning|good (morning|afternoon|evening))( there| all| everyone| team|"
    r" guys| folks| [A-Z][a-z]+)?\s*[,!.:-]\s*",
    re.IGNORECASE,
)
# Fillers dropped with or without a comma; words that can also start content ("great call", "right now")
# are dropped only when a comma or full stop marks them as fillers.
_LEAD_WORD = re.compile(
    r"^(so|and|but|well|okay|ok|um|uh|erm|yeah|oh|now|look|listen|honestly|anyway|alright|hmm|mm|ah|"
    r"then|also|actually|basically|plus)\b[,.]?\s*|^(right|see|cool|great|perfect|sure|fine|got it|i see|"
    r"i mean|you know|like)[,.]\s*",
    re.IGNORECASE,
)
_PRONOUN_SECOND = re.compile(
    r"^\w+\s+(i|we|you|they|he|she|i'd|we'd|you'd|they'd|i'm|we're|you're|they're|"
    r"i've|we've|you've|they've|i'll|we'll|you'll|they'll)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"^(i|we|our|my|me|us|i'm|we're|i've|we've|i'll|we'll|i'd|we'd|let me|let's)\b", re.IGNORECASE
)
_FINITE = re.compile(
    r"\b(is|are|was|were|am|be|had|has|have|did|does|do|went|got|took|made|said|told|will|"
    r"would|can|could|should|need|needs|want|wants|think|know|\w+ed|\w+n't|'s|'re|'ve|'ll)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r",\s*(?:and|but|so|then)\s+|;\s*|\s+and then\s+|:\s+", re.IGNORECASE)
_SUBORDINATE = re.compile(
    r"^(instead of|before|after|when|whenever|once|if|as soon as|on|during|while|for)\b"
    r"[^,]{1,60},\s*",
    re.IGNORECASE,
)
_ACCEPT = re.compile(r"^(deal|agreed|okay|ok|sure|fine|done|you got it|yes|yep|absolutely|perfect)\b", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Sentence pieces of a turn; abbreviations like 'Mr.' do not end a sentence."""
    pieces: list[str] = []
    for piece in _SPLIT.split(text.strip()):
        piece = piece.strip()
        if not piece:
            continue
        if pieces and _ABBREV.search(pieces[-1]):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces or [text.strip()]


def normalize(text: str) -> str:
    """Straight quotes, single spaces, lower case: the form every pattern expects."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


def _stem(word: str) -> str:
    """A crude stem so 'hires'/'hire' and 'asked'/'ask' overlap."""
    for suffix in ("'s", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Stemmed content words, for 'restates the other speaker's words' checks."""
    words = re.findall(r"[a-z0-9][a-z0-9'\-]*", normalize(text))
    return {_stem(w) for w in words if w not in lx.STOPWORDS and len(w) > 2}


def strip_markers(sentence: str) -> tuple[str, bool]:
    """Drop greetings, backchannels and fillers in front of the real content; report a leading 'so'."""
    core = _GREETING.sub("", sentence.strip())
    core = normalize(core)
    had_so = False
    while True:
        head, sep, rest = core.partition(",")
        bare = head.strip(" .!?;:-")
        if sep and (not bare or bare in lx.BACKCHANNEL or set(bare.split()) <= lx.BACKCHANNEL_WORDS):
            had_so = had_so or bare.endswith("so")
            core = rest.strip()
            continue
        match = _LEAD_WORD.match(core)
        if match and match.end() < len(core):
            had_so = had_so or match.group(1) == "so"
            core = core[match.end() :]
            continue
        break
    return core.strip(), had_so


def _is_question(core: str, raw: str) -> bool:
    """A question by its mark, or by its first words when a transcript drops punctuation."""
    if raw.rstrip().endswith("?"):
        return True
    if lx.AUX_START.match(core):
        return bool(
            re.match(
                r"^\S+ (you|we|they|i|it|there|that|this|your|the|he|she|anyone|anything|"
                r"everyone|someone)\b",
                core,
            )
        )
    return bool(lx.WH_START.match(core)) and not _PRONOUN_SECOND.match(core)


def _question_kind(core: str) -> tuple[Act, str]:
    """Open or closed, by how much room the question leaves."""
    if lx.SOCIAL_QUESTION.search(core):
        return "other", "social question"
    if lx.OPEN_INVITE.search(core):
        return "open_question", "invitation to talk"
    if lx.has_tag(core) and not lx.WH_START.match(core):
        return "closed_question", "tag question"
    if lx.CLOSED_WH.match(core) or lx.FACT_NOUN.match(core) or re.search(r"\bon a scale\b|\bscale of\b", core):
        return "closed_question", "asks for one fact"
    if lx.OPEN_WH.match(core) or (not lx.AUX_START.match(core) and re.search(r", (what|why|how)\b", core)):
        return "open_question", "what/why/how question"
    return "closed_question", "yes/no question"


def _reflection(core: str, had_so: bool, context: str | None, question: bool) -> str | None:
    """The reflection rule that fires, if any: explicit cue, feeling named back, or restated content."""
    if lx.REFLECT_CUE.search(core):
        return "reflection cue"
    if question and not lx.has_tag(core):
        return None
    statement = lx.strip_tag(core).strip(" ,.!?")
    second = bool(lx.SECOND_PERSON_STATE.match(statement))
    if second and lx.EMOTION.search(statement):
        return "names the other's feeling"
    if context is None and had_so and second and not re.match(r"^(so,? )?(and )?you('ve|'d| have| had)\b", statement):
        return "restates the other's position"
    if not context or "?" in context or _FIRST_PERSON.match(statement):
        return None
    if lx.EMOTION.search(statement) and re.search(r"\byour?\b", statement):
        return "names the other's feeling"
    overlap = content_words(statement) & content_words(context)
    if (had_so or second) and overlap:
        return "restates the other's words"
    if had_so and not lx.SELF_REFERENCE.search(statement) and len(content_words(context)) >= 3:
        return "sums up the other's turn"
    own = content_words(statement)
    if len(overlap) >= 2 and len(overlap) >= 0.3 * max(len(own), 1):
        return "restates the other's words"
    if overlap and not _FINITE.search(statement) and len(statement.split()) <= 8:
        return "echoes the other's words"
    return None


_PLAN_OF_TALK = re.compile(
    r"\b(i was thinking|i thought|i'd (suggest|propose|like)|my plan (is|was)|the plan (is|was)|here's what i "
    r"(was thinking|thought|had in mind))( that)? (we|we'd|we could|we can|we should|we'll|we would|to)? ?"
    r"(spend|start|cover|go through|look at|begin|talk|use|walk)\b",
    re.IGNORECASE,
)
"""The plan of this very conversation ("I was thinking we'd spend ten minutes on…, then I'll share…"): what it
promises is done before the call ends, so it is structure, not an action item to follow up."""


def _agreement(core: str, question: bool, first_person: bool, weak: bool, accepted: bool) -> str | None:
    """The commitment rule that fires once a commitment pattern is present (dates are costly to find)."""
    planned = _PLAN_OF_TALK.search(core)
    core = coaching.untimed(core)  # "for a few minutes", "ten minutes on X": a time-box, not a date or count
    dated = bool(cm.DUE_RE.search(core) or cm.COUNT_RE.search(core))
    future = [m.group(0).strip() for m in cm.DUE_RE.finditer(core)]
    if planned and all(d in {"today", "now"} for d in future):
        return None
    narration = (bool(cm.NARRATION.search(core)) and not any(d not in {"today", "now"} for d in future)) or bool(
        cm.PAST_COMMITMENT.search(core)
    )
    if first_person and not question and not narration:
        return "first-person commitment"
    if (
        weak
        and dated
        and not narration
        and any(
            (cm.CAN_COMMIT.search(c) or cm.LETS.search(c) or cm.YOU_COMMIT.search(c))
            and (cm.DUE_RE.search(c) or cm.COUNT_RE.search(c))
            for c in _CLAUSE.split(core)
        )
    ):
        return "commitment with a date or count"
    if accepted and dated and cm.COUNT_RE.search(core) and not _FINITE.search(core) and not question:
        return "accepted count and date"
    return None


def tag_sentence(sentence: str, context: str | None = None, *, accepted: bool = False) -> SentenceAct:
    """Tag one sentence; `context` is the other speaker's previous turn."""
    core, had_so = strip_markers(sentence)
    words = core.strip(" .!?,;:-")
    if (
        not words
        or words in lx.BACKCHANNEL
        or set(words.replace(",", " ").split()) <= lx.BACKCHANNEL_WORDS
        or lx.SOCIAL.search(words)
    ):
        return SentenceAct(text=sentence, act="other", rule="greeting, thanks or backchannel")
    question = _is_question(core, sentence)
    if cm.EXPLICIT_COMMIT.search(core):
        return SentenceAct(text=sentence, act="agreement", rule="explicit commitment")
    first_person = cm.first_person_commit(core)
    weak = cm.CAN_COMMIT.search(core) or cm.LETS.search(core) or cm.YOU_COMMIT.search(core)
    if first_person or weak or accepted:
        checked = question and cm.CHECKED_STATEMENT.search(sentence.strip()) is not None
        agreement = _agreement(core, question and not checked, bool(first_person), bool(weak), accepted)
        if agreement:
            return SentenceAct(text=sentence, act="agreement", rule=agreement)
    if lx.REFLECT_CUE.search(core):
        return SentenceAct(text=sentence, act="reflection", rule="reflection cue")
    if lx.DISGUISED.search(core):
        return SentenceAct(text=sentence, act="advice", rule="directive phrased as a question")
    if lx.OPEN_INVITE.search(core):
        return SentenceAct(text=sentence, act="open_question", rule="invitation to talk")
    if not question:
        if lx.ADVICE.search(core):
            return SentenceAct(text=sentence, act="advice", rule="tells the other what to do")
        main = _SUBORDINATE.sub("", core)
        if lx.DISCOURSE_LETS.match(main):
            return SentenceAct(text=sentence, act="other", rule="steers the conversation")
        if cm.LETS.match(main):
            return SentenceAct(text=sentence, act="advice", rule="proposes a joint action without a date")
        if (
            lx.IMPERATIVE.match(main)
            and not lx.NOUN_AFTER_VERB.match(main)
            and not re.match(r"^let('s| me| us)\b", main)
        ):
            return SentenceAct(text=sentence, act="advice", rule="imperative")
    rule = _reflection(core, had_so, context, question)
    if rule:
        return SentenceAct(text=sentence, act="reflection", rule=rule)
    if question:
        act, rule = _question_kind(lx.strip_tag(core, "?") if lx.REFLECT_CUE.search(core) else core)
        return SentenceAct(text=sentence, act=act, rule=rule)
    return SentenceAct(text=sentence, act="information", rule="statement")


# The reader's labels as review acts: an affirmation is feedback, which the review counts as information.
_FROM_READER: dict[str, Act] = {
    "open_question": "open_question",
    "closed_question": "closed_question",
    "reflection": "reflection",
    "advice": "advice",
    "information": "information",
    "affirmation": "information",
    "practice": "practice",
    "other": "other",
}
_RULE_KEEPS = ("greeting, thanks or backchannel",)
# The rules' reflections that turn a plain "information" reading into a reflection: a cue, the other's feeling named,
# their turn summed up after "so", their words restated (a verbless echo of a word or two is not enough).
_SAYS_BACK = ("reflection cue", "names the other's feeling", "sums up the other's turn", "restates the other's words")


def _unsure(reading: SentenceReading) -> Act:
    """The act of a sentence no label is sure of: its likeliest, except that a guess at practice informs.

    Rehearsal is said in words ("try it on me", "I'm the buyer"); a sentence no label is sure of whose likeliest
    reading is practice ("Chris, come on.", "Thanks again for coming in.") rehearses nothing and tells no one what
    to do, so it is neither practice nor (as the unconfirmed practice reading below would make it) advice.
    """
    act = _FROM_READER[reading.top]
    return "information" if act == "practice" else act


def _likelier(reading: SentenceReading, acts: tuple[Act, ...]) -> Act:
    """Of the given acts, the one the reader finds likelier (the first on a tie)."""
    return max(acts, key=lambda a: (reading.probs.get(a, 0.0), -acts.index(a)))


def combine(rule: SentenceAct, reading: SentenceReading) -> SentenceAct:
    """The sentence's act: agreements and plain backchannels from the rules, everything else from the reader."""
    if rule.act == "agreement" or rule.rule in _RULE_KEEPS:
        return rule.model_copy(update={"labels": [rule.act], "probs": reading.probs})
    found = [_FROM_READER[label] for label in reading.labels] or [_unsure(reading)]
    if not coaching.asks(reading.text):  # a question label needs the form of a question
        found = [a for a in found if a not in ("open_question", "closed_question")] or ["information"]
    if "practice" in found and not (coaching.rehearses(reading.text) or reading.probs["practice"] >= 0.9):
        found = [a for a in found if a != "practice"] or ["advice"]
    if coaching.sets_up_rehearsal(reading.text):  # "Pretend I'm the CFO", "Let's run it": the rehearsal starts now
        found = ["practice"]
    if reading.text.rstrip().endswith("?") and not set(found) - {"information"}:
        # a question mark with nothing but "information" read: the likelier question type
        p_open, p_closed = reading.probs["open_question"], reading.probs["closed_question"]
        found = ["open_question" if p_open >= p_closed else "closed_question"]
    if "advice" in found and coaching.fragment(reading.text):  # a cut-off piece advises nothing
        found = [a for a in found if a != "advice"] or ["other"]
    if "advice" in found and (coaching.asks_their_plan(reading.text) or coaching.invites_talk(reading.text)):
        found = [a for a in found if a != "advice"] or ["open_question"]
    if "advice" in found and coaching.reports_their_words(reading.text):  # their own words said back: no direction
        found = [a for a in found if a != "advice"] or ["reflection"]
    if found == ["information"] and rule.act == "reflection" and rule.rule in _SAYS_BACK:
        found = ["reflection"]  # a 'So …' summary or a restatement of the other's own turn: said back, not news
    if set(found) <= {"information", "other"} and coaching.names_their_state(reading.text):
        found = ["reflection"]  # "You really want this one.": their feeling or want said back, not news
    if "advice" in found and not coaching.directs(reading.text):  # described or judged, nothing directed
        found = [a for a in found if a != "advice"] or [_likelier(reading, ("reflection", "information"))]
    if "advice" in found and (coaching.names_an_option(reading.text) or coaching.offers_fact(reading.text)):
        found = [a for a in found if a != "advice"] or ["information"]  # an option named or a fact offered
    if "advice" in found and coaching.raises_consideration(reading.text):  # "Have you thought about the risk?"
        found = [a for a in found if a != "advice"] or ["closed_question"]
    if "advice" in found and (coaching.arranges_meeting(reading.text) or coaching.continues_about_them(reading.text)):
        found = [a for a in found if a != "advice"] or ["information"]  # negotiation, or what may happen to them
    if coaching.advises_as_self(reading.text) and not set(found) & {"practice", "open_question", "closed_question"}:
        found = ["advice"]  # "If it were me, I'd…", "What I'd do is…": a recommendation in the speaker's own voice
    if coaching.wishes_they_would(reading.text) and not set(found) & {"practice", "open_question", "closed_question"}:
        found = ["advice"]  # "I hope you consider calling her": the speaker's wish for their action
    if coaching.promises_result(reading.text) and not set(found) & {"practice", "open_question", "closed_question"}:
        found = ["advice"]  # "If you would follow up on that lead, you might find some relief": the step recommended
    if coaching.proposes_in_question(reading.text) and "practice" not in found:
        found = [*dict.fromkeys([*found, "advice"])]  # "…maybe you should start with their CFO?": asks and advises
    if coaching.steers(reading.text) and not coaching.asks(reading.text):  # structures the meeting
        found = [a for a in found if a not in ("advice", "information", "reflection")] or ["other"]
    if "closed_question" in found and coaching.asks_their_view(reading.text):
        found = ["open_question" if a == "closed_question" else a for a in found]
    if "open_question" in found and "closed_question" in found:
        drop: Act = (
            "closed_question" if reading.probs["open_question"] >= reading.probs["closed_question"] else "open_question"
        )
        found.remove(drop)
    if len(set(found) - {"information", "other"}) > 0:  # a question or advice is not also plain information
        found = [a for a in found if a not in ("information", "other")]
    labels = [act for act in PRIORITY if act in found]
    act = labels[0]
    why = (
        rule.rule
        if rule.act == act
        else f"reader: {act} p={reading.probs.get(act, reading.probs.get('affirmation', 0.0)):.2f}"
    )
    return SentenceAct(text=reading.text, act=act, rule=why, labels=labels, probs=reading.probs)


def _typed(sentence: SentenceAct, scale: bool) -> SentenceAct:
    """A question sentence's open/closed label from its form (coaching.sentence_type), the rule the turn's question
    type uses, so a turn's counts of open and closed questions and its question type cannot disagree."""
    asked = [a for a in sentence.labels if a in ("open_question", "closed_question")]
    if not asked or not sentence.probs:  # a sentence only the rules tagged keeps the rules' question kind
        return sentence
    kind: Act = "open_question" if coaching.sentence_type(sentence, scale=scale) == "open" else "closed_question"
    if asked == [kind]:
        return sentence
    labels = [kind if a in asked else a for a in sentence.labels]
    labels = [act for act in PRIORITY if act in labels]
    act = labels[0]
    why = sentence.rule if act == sentence.act else f"question form: {act}"
    return sentence.model_copy(update={"labels": labels, "act": act, "rule": why})


def _tag(pieces: Sequence[SentenceReading] | Sequence[str], context: str | None) -> ActTag:
    """One turn from its sentence readings, with the rules alongside; plain sentences get the rules' act alone."""
    sentences: list[SentenceAct] = []
    accepted = False
    for piece in pieces:
        text = piece if isinstance(piece, str) else piece.text
        rule = tag_sentence(text, context, accepted=accepted)
        tagged = rule.model_copy(update={"labels": [rule.act]}) if isinstance(piece, str) else combine(rule, piece)
        accepted = tagged.act == "other" and bool(_ACCEPT.match(normalize(text)))
        sentences.append(tagged)
    scale = coaching.sets_scale(sentences)
    sentences = [_typed(s, scale) for s in sentences]
    found = list(dict.fromkeys(a for s in sentences for a in s.labels)) or ["other"]
    dominant = next(act for act in PRIORITY if act in found)
    return ActTag(
        act=dominant,
        acts=found,
        sentences=sentences,
        open_questions=sum("open_question" in s.labels for s in sentences),
        closed_questions=sum("closed_question" in s.labels for s in sentences),
    )


def tag_utterances(
    texts: Sequence[str],
    contexts: Sequence[str | None],
    reader: Reader | None = None,
    *,
    read: Sequence[bool] | None = None,
) -> list[ActTag]:
    """Tag many turns in one reading pass (one embedding batch): what a transcript review does.

    `read` says which turns the reader reads; the others (the buyer's, in a call review, whose acts no score or
    metric uses) get the rules' act per sentence, which saves embedding their sentences and the turns before them.
    """
    chosen = [True] * len(texts) if read is None else list(read)
    if len(chosen) != len(texts):
        raise ValueError("one read flag per text")
    wanted = [i for i, flag in enumerate(chosen) if flag]
    readings: dict[int, Sequence[SentenceReading]] = {}
    if wanted:
        reader = reader or default_reader()
        found = reader.read_many([texts[i] for i in wanted], head="coaching", contexts=[contexts[i] for i in wanted])
        readings = {i: r.sentences for i, r in zip(wanted, found, strict=True)}
    return [
        _tag(readings[i] if i in readings else reader_sentences(text), context)
        for i, (text, context) in enumerate(zip(texts, contexts, strict=True))
    ]


def tag_utterance(
    text: str, context: str | None = None, speaker_role: str | None = None, *, reader: Reader | None = None
) -> ActTag:
    """Tag a turn: every sentence, then the dominant act; `speaker_role` is accepted for future rules."""
    del speaker_role  # the reading is role-blind on purpose: a rep's advice to a buyer is still advice
    return tag_utterances([text], [context], reader)[0]


def previous_turns(speakers: Sequence[str], texts: Sequence[str]) -> list[str | None]:
    """For each utterance, the other speaker's most recent turn (their consecutive lines joined)."""
    contexts: list[str | None] = []
    last_other: str | None = None
    block_speaker: str | None = None
    block: list[str] = []
    prev_block: tuple[str | None, str | None] = (None, None)
    for speaker, text in zip(speakers, texts, strict=True):
        if speaker != block_speaker:
            if block_speaker is not None:
                prev_block = (block_speaker, " ".join(block))
            block_speaker, block = speaker, []
        last_other = prev_block[1] if prev_block[0] != speaker else None
        contexts.append(last_other)
        block.append(text)
    return contexts


def tag_transcript(
    transcript: Transcript, reader: Reader | None = None, *, read_speakers: set[str] | None = None
) -> list[ActTag]:
    """Tag every utterance with the other speaker's previous turn as context (the reader reads only the turns of
    `read_speakers` when given; the rest get the rules' acts)."""
    speakers = [u.speaker for u in transcript.utterances]
    texts = [u.text for u in transcript.utterances]
    read = None if read_speakers is None else [s in read_speakers for s in speakers]
    return tag_utterances(texts, previous_turns(speakers, texts), reader, read=read)
