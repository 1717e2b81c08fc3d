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
from copilot.review import commitments as cm
from copilot.review.acts import ActTag, content_words, normalize
from copilot.review.roles import RoleAssignment
from copilot.review.transcript import Transcript

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
_SUBJECT = re.compile(r"\b(i|we|you|let's)(?=\b|')", re.I)


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


def is_vague(text: str) -> bool:
    """'I'll do it by Friday': a commitment whose only object is a pronoun."""
    low = normalize(text)
    if not re.search(r"\b(it|that|this|them)\b", low):
        return False
    rest = content_words(_TIME_WORDS.sub(" ", re.sub(r"\b(it|that|this|them)\b", " ", low)))
    return len(rest) == 0


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
        (cm.FIRST_PERSON_COMMIT, None),
        (cm.YOU_COMMIT, "you"),
        (cm.CAN_COMMIT, None),
        (cm.LETS, "let's"),
    ):
        match = pattern.search(low)
        if match:
            return fixed or match.group(1).lower()
    low = re.sub(r"^(the|our) (plan|deal|agreement|commitment)( \w+)? is:?", "", low)
    subject = _SUBJECT.search(low)
    return subject.group(1).lower() if subject else "i"


def _said(clause: str, low: str, pattern: re.Pattern[str]) -> str | None:
    """Every date (or count) as the speaker said it, joined: 'on Tuesday, Thursday morning'."""
    source = clause if len(clause) == len(low) else low
    found = [source[m.start() : m.end()].strip() for m in pattern.finditer(low)]
    return ", ".join(dict.fromkeys(found)) or None


_LEAD = re.compile(
    r"^((okay|ok|sure|great|done|fine|yes|yeah|yep|alright|right|perfect|so|and|deal|good|agreed)"
    r"[,.!]?\s+)+",
    re.IGNORECASE,
)


def _clauses(sentence: str) -> list[str]:
    """Split 'you'll do X by Monday, and I'll review it Tuesday' into its commitments."""
    return [
        c.strip(" ,.")
        for c in _CLAUSE_SPLIT.split(sentence)
        if c and c.strip(" ,.") and not re.fullmatch(r"(i|we|you|let's)", c.strip(" ,."), re.I)
    ]


def _is_commitment(clause: str) -> bool:
    """A clause that commits someone to something, by the tagger's own agreement patterns."""
    low = normalize(clause)
    dated = bool(cm.DUE_RE.search(low) or cm.COUNT_RE.search(low))
    if cm.NARRATION.search(low) and not dated:
        return False
    return bool(
        cm.FIRST_PERSON_COMMIT.search(low)
        or cm.EXPLICIT_COMMIT.search(low)
        or (
            dated
            and (cm.CAN_COMMIT.search(low) or cm.LETS.search(low) or cm.YOU_COMMIT.search(low) or _SUBJECT.search(low))
        )
    )


def extract_action_items(transcript: Transcript, tags: Sequence[ActTag], roles: RoleAssignment) -> list[ActionItem]:
    """Every commitment in the agreement sentences, deduplicated when restated by the other person."""
    items: list[ActionItem] = []
    for utterance, tag in zip(transcript.utterances, tags, strict=True):
        if "agreement" not in tag.acts:
            continue
        addressee = _addressee(transcript, utterance.index)
        for sentence in (s for s in tag.sentences if s.act == "agreement"):
            clauses = [c for c in _clauses(sentence.text) if _is_commitment(c)] or [sentence.text.strip()]
            for clause in clauses:
                low = normalize(clause)
                owner = _owner(_subject_of(low), utterance.speaker, addressee, roles.kind)
                due = _said(clause, low, cm.DUE_RE)
                count = _said(clause, low, cm.COUNT_RE)
                text = _LEAD.sub("", clause) or clause
                items.append(
                    ActionItem(
                        text=text[0].upper() + text[1:],
                        owner=owner,
                        owner_role=" and ".join(roles.roles.get(o, "?") for o in owner.split(" and ")),
                        due=due,
                        count=count,
                        speaker=utterance.speaker,
                        utterance_index=utterance.index,
                        vague=is_vague(text),
                    )
                )
    return _dedupe(items)


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
