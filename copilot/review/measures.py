"""Deterministic review measures, so coaching rests on what was said rather than on a model's impression.

Definitions (the focal speaker is the rep on a call, the manager in a coaching conversation):

- words: whitespace tokens. talk_share = a speaker's words / all words; talk_share_time = a speaker's
  seconds / all seconds, only when every utterance has a start and an end.
- longest monologue: the longest run of consecutive utterances by one speaker, in words, and in seconds
  from the run's first start to its last end when timed.
- questions: question sentences, split open/closed; directives phrased as questions are advice, not questions.
- acts: utterances containing each act (a turn that reflects and then asks counts for both).
- metrics: talk_ratio = the rep's word share (talk_ratio_time: time share); open_question_rate = focal open
  questions / focal questions; reflection_to_question = focal turns with a reflection / focal questions;
  advice_rate = focal turns with advice / focal turns that are not only greetings or backchannels;
  agreements = turns containing an agreement (anyone); reconciliations = turns referring to earlier items.
- coaching_quality (coaching kind only): see copilot.review.quality for the formula.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.reader import Reader
from copilot.reader.specs import coaching
from copilot.review.actions import ActionItem, Reconciliation, extract_action_items, find_reconciliations
from copilot.review.acts import ACTS, Act, ActTag, previous_turns, tag_transcript
from copilot.review.feedback import asked_for_advice, coaching_feedback
from copilot.review.quality import CoachingQuality, coaching_quality
from copilot.review.roles import Kind, RoleAssignment, assign_roles
from copilot.review.transcript import Transcript, Utterance, parse_transcript


class SpeakerStats(BaseModel):
    """What one speaker did in the conversation."""

    role: str
    utterances: int
    words: int
    talk_share: float = Field(description="share of all words")
    seconds: float | None = None
    talk_share_time: float | None = Field(default=None, description="share of all timed seconds")
    longest_monologue_words: int
    longest_monologue_seconds: float | None = None
    questions: int
    open_questions: int
    closed_questions: int
    acts: dict[str, int] = Field(description="utterances containing each act")


class TaggedUtterance(BaseModel):
    """An utterance with its role and act, as printed by `copilot review --json`."""

    index: int
    speaker: str
    role: str
    text: str
    act: Act
    acts: list[Act]
    start: float | None = None
    end: float | None = None


class ReviewMetrics(BaseModel):
    """Conversation-level numbers for scorecards and coaching-the-coach."""

    talk_ratio: float = Field(description="the rep's share of words")
    talk_ratio_time: float | None = Field(default=None, description="the rep's share of timed seconds")
    open_question_rate: float | None = None
    reflection_to_question: float | None = None
    advice_rate: float | None = None
    agreements: int = 0
    questions: int = Field(default=0, description="question sentences by the focal speaker")
    reconciliations: int = 0


class ReviewMeasures(BaseModel):
    """Everything the deterministic review found in one transcript."""

    kind: Kind
    roles: dict[str, str]
    speakers: dict[str, SpeakerStats]
    utterances: list[TaggedUtterance]
    metrics: ReviewMetrics
    coaching_quality: CoachingQuality | None = None
    conversation_date: dt.date | None = Field(
        default=None, description="the date the transcript states for the conversation (a 'Date:' line), if any"
    )
    action_items: list[ActionItem] = Field(default_factory=list)
    reconciliations: list[Reconciliation] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    feedback: list[str] = Field(
        default_factory=list, description="coaching kind: two or three sentences for the manager, each naming its turn"
    )
    tags: list[ActTag] = Field(default_factory=list, exclude=True, description="the reader's sentence detail per turn")


def last_question_type(tag: ActTag) -> str | None:
    """'open'/'closed' from the turn's last question (the reader's rule: coaching.question_type)."""
    return coaching.question_type(tag.sentences)


def _checking_reflection(tag: ActTag) -> bool:
    """The turn's question is a reflection said as a question ("So the timing worries you?").

    Its type is closed, but coaching quality counts it as the reflection it is (as MI coding does), not as a closed
    question the manager could have opened.
    """
    last = coaching.last_marked(tag.sentences)
    return (
        last is not None and "reflection" in last.labels and not {"open_question", "closed_question"} & set(last.labels)
    )


_TELLING = {"advice", "information"}
_NOT_TELLING = {"open_question", "closed_question", "reflection", "practice"}


def _ratio(num: float, den: float) -> float | None:
    """A rounded ratio, None when the denominator is zero."""
    return round(num / den, 3) if den else None


def _monologues(transcript: Transcript) -> dict[str, tuple[int, float | None]]:
    """Longest run of consecutive turns per speaker: (words, seconds or None)."""
    best: dict[str, tuple[int, float | None]] = {s: (0, None) for s in transcript.speakers}
    run_words, run_start, run_speaker = 0, None, None
    utterances = transcript.utterances
    for i, u in enumerate(utterances):
        if u.speaker != run_speaker:
            run_speaker, run_words, run_start = u.speaker, 0, u.start
        run_words += u.words
        if i + 1 == len(utterances) or utterances[i + 1].speaker != u.speaker:
            seconds = round(u.end - run_start, 2) if u.end is not None and run_start is not None else None
            words, old_seconds = best[u.speaker]
            if run_words > words:
                best[u.speaker] = (run_words, seconds)
            elif seconds is not None and (old_seconds is None or seconds > old_seconds) and run_words == words:
                best[u.speaker] = (words, seconds)
    return best


def _read_speakers(roles: RoleAssignment) -> set[str] | None:
    """Whose turns the reader reads: everyone's in a coaching conversation, the focal speaker's (the rep) on a call."""
    if roles.kind != "call":
        return None
    return {s for s, role in roles.roles.items() if role == roles.focal_role}


def measure(transcript: Transcript, roles: RoleAssignment, reader: Reader | None = None) -> ReviewMeasures:
    """Talk share, monologues, questions, acts, metrics, action items and (for coaching) quality and feedback."""
    # On a call the reader reads the rep's turns only: no score or metric rests on what act a buyer's sentence is
    # (agreements come from the rules either way), and it halves what is embedded (the buyer's sentences and the
    # rep turns before them, as context); the buyer's acts come from the rules.
    tags = tag_transcript(transcript, reader, read_speakers=_read_speakers(roles))
    timed = transcript.has_timestamps
    total_words = sum(u.words for u in transcript.utterances) or 1
    total_seconds = sum(u.seconds or 0.0 for u in transcript.utterances) if timed else 0.0
    monologues = _monologues(transcript)
    speakers: dict[str, SpeakerStats] = {}
    for name in transcript.speakers:
        mine = [(u, t) for u, t in zip(transcript.utterances, tags, strict=True) if u.speaker == name]
        words = sum(u.words for u, _ in mine)
        seconds = round(sum(u.seconds or 0.0 for u, _ in mine), 2) if timed else None
        acts = Counter(a for _, t in mine for a in t.acts)
        open_q = sum(t.open_questions for _, t in mine)
        closed_q = sum(t.closed_questions for _, t in mine)
        speakers[name] = SpeakerStats(
            role=roles.roles[name],
            utterances=len(mine),
            words=words,
            talk_share=round(words / total_words, 3),
            seconds=seconds,
            talk_share_time=_ratio(seconds, total_seconds) if seconds is not None else None,
            longest_monologue_words=monologues[name][0],
            longest_monologue_seconds=monologues[name][1],
            questions=open_q + closed_q,
            open_questions=open_q,
            closed_questions=closed_q,
            acts={a: acts.get(a, 0) for a in ACTS},
        )
    focal = [s for s in transcript.speakers if roles.roles[s] == roles.focal_role]
    rep = [s for s in transcript.speakers if roles.roles[s] == "rep"]

    def total(field: str, who: list[str]) -> float:
        return sum(getattr(speakers[s], field) or 0 for s in who)

    def acts_of(act: str, who: list[str]) -> int:
        return sum(speakers[s].acts[act] for s in who)

    f_open, f_closed = int(total("open_questions", focal)), int(total("closed_questions", focal))
    f_turns = sum(
        1 for u, t in zip(transcript.utterances, tags, strict=True) if u.speaker in focal and t.acts != ["other"]
    )
    action_items = extract_action_items(transcript, tags, roles)
    reconciliations = find_reconciliations(transcript)
    metrics = ReviewMetrics(
        talk_ratio=round(total("talk_share", rep), 3),
        talk_ratio_time=round(total("seconds", rep) / total_seconds, 3) if timed and total_seconds else None,
        open_question_rate=_ratio(f_open, f_open + f_closed),
        reflection_to_question=_ratio(acts_of("reflection", focal), f_open + f_closed),
        advice_rate=_ratio(acts_of("advice", focal), f_turns),
        agreements=sum(1 for t in tags if "agreement" in t.acts),
        questions=f_open + f_closed,
        reconciliations=len(reconciliations),
    )
    quality = None
    feedback: list[str] = []
    if roles.kind == "coaching":
        texts = [u.text for u in transcript.utterances]
        contexts = previous_turns([u.speaker for u in transcript.utterances], texts)
        managed = [i for i, u in enumerate(transcript.utterances) if u.speaker in focal and tags[i].acts != ["other"]]
        kinds = {i: k for i in managed if (k := last_question_type(tags[i])) and not _checking_reflection(tags[i])}
        advice_turns = [i for i in managed if "advice" in tags[i].acts]
        unasked = [i for i in advice_turns if not asked_for_advice(contexts[i])]
        telling = sum(1 for i in managed if set(tags[i].acts) & _TELLING and not set(tags[i].acts) & _NOT_TELLING)
        quality = coaching_quality(
            rep_share=metrics.talk_ratio,
            open_q=sum(k == "open" for k in kinds.values()),
            closed_q=sum(k == "closed" for k in kinds.values()),
            advice=len(advice_turns),
            reflections=acts_of("reflection", focal),
            action_items=action_items,
            reconciliations=reconciliations,
            turns=len(managed),
            unasked_advice=len(unasked),
            telling=telling,
        )
        feedback = coaching_feedback(
            transcript.utterances,
            tags,
            set(focal),
            rep_share=metrics.talk_ratio,
            unasked=unasked,
            last_question=kinds,
            agreed=frozenset(r.utterance_index for r in reconciliations)
            | _agreeing(transcript.utterances, action_items),
        )
    utterances = [
        TaggedUtterance(
            index=u.index,
            speaker=u.speaker,
            role=roles.roles[u.speaker],
            text=u.text,
            act=t.act,
            acts=t.acts,
            start=u.start,
            end=u.end,
        )
        for u, t in zip(transcript.utterances, tags, strict=True)
    ]
    return ReviewMeasures(
        kind=roles.kind,
        conversation_date=transcript.date,
        roles=roles.roles,
        speakers=speakers,
        utterances=utterances,
        metrics=metrics,
        coaching_quality=quality,
        action_items=action_items,
        reconciliations=reconciliations,
        assumptions=list(dict.fromkeys(transcript.assumptions + roles.assumptions)),
        feedback=feedback,
        tags=tags,
    )


def review_transcript(
    source: str | bytes,
    kind: Kind = "call",
    roles: dict[str, str] | None = None,
    filename: str | None = None,
    reader: Reader | None = None,
) -> ReviewMeasures:
    """Parse, assign roles and measure in one call: the deterministic core behind `copilot review FILE`."""
    transcript = parse_transcript(source, filename)
    return measure(transcript, assign_roles(transcript, kind, roles), reader)


AGREEING_SHARE = 0.5
"""The share of a turn's words its action items must take for the turn to be one that agrees them: a 75-word
lecture with 'ask the question' in it is still the long turn to cut."""


def _agreeing(utterances: Sequence[Utterance], items: Sequence[ActionItem]) -> frozenset[int]:
    """The turns that agree action items: most of their words are the items'."""
    said: dict[int, int] = {}
    for item in items:
        said[item.utterance_index] = said.get(item.utterance_index, 0) + len(item.text.split())
    words = {u.index: len(u.text.split()) for u in utterances}
    return frozenset(i for i, n in said.items() if n >= AGREEING_SHARE * max(words.get(i, 1), 1))
