"""What is at stake with this rep, read from every record: retention risk, false claims to buyers, broken
commitments with evidence, then skill gaps; and which past work helped or did not.

Rules over the rep's own words on record (observation evidence, session notes, agreements, action items,
assignments), each finding with the ids it rests on, so the brief can say why it comes first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from copilot.knowledge.schema import KnowledgeBase
from copilot.prep.models import BriefQuestion, Focus, Priority, ReviewItem
from copilot.prep.plan import works_on
from copilot.prep.rep_questions import fragment, owed_to_you, rep_pronoun, second_person, told_on
from copilot.retrieval.keyword import terms

RETENTION_WORDS = re.compile(
    r"\b(career|promotion|promoted|team lead|enterprise team|path to|growth plan|raise|compensation|next role)\b"
)
# An overdue answer the manager owes the rep about their own terms (quota, territory, pay) is as much a career item.
OWED_TO_REP = re.compile(r"\b(quota|territory|territories|commission|comp plan|pay|bonus|accounts|role|title|level)\b")
# What the notes say about the rep thinking of leaving or feeling let down: an outside offer or recruiter, being passed
# over, asking to move, losing territory, waiting on an answer about their own terms.
FLIGHT = re.compile(
    r"\b(recruiters?|headhunt\w*|head-hunt\w*|counter-?offer|counter (it|the offer|an offer|offers)|ever counter|"
    r"match (the|an|their|that|his|her) offer|(an|another|outside|external|competing|job|rival) offer|"
    r"made (him|her|them) an offer|offered (him|her|them) (a|an|the) (\w+ ){0,2}(job|role|position|seat|post)|"
    r"(would|will|could|might) (we )?counter|"
    r"interview(ing|ed|s)? (with|at|elsewhere|for)|looking (elsewhere|around|at other (roles|jobs|companies))|"
    r"(thinking|talking|thought) (about|of) leaving|resign\w*|handing in (his|her|their) notice|"
    r"passed over|(not|n't|never) (promoted|picked|chosen|selected|considered)|"
    r"(internal|inside) (transfers?|moves?|openings?|roles?|jobs?)|transfer(ring)? (to|out of|into) (another|a different|the|a)\b|"
    r"move to (another|a different) team|"
    r"territory (cut|change|changes|realignment|split|reassignment|was cut|shrank)|realign(ment|ed)|"
    r"tired of waiting|fed up|still waiting (on|for) (an|the|a) (answer|decision)|"
    r"(frustrated|upset|unhappy|disappointed) (with|about|by|that|over))\b"
)
CANCELLED = re.compile(r"\b(cancel+ed|called off|postponed again|skipped the one-on-one)\b")
FALSE_CLAIM = (
    re.compile(r"\bguarantee[sd]?\b"),
    re.compile(r"\b(old|outdated|wrong|retired|last year'?s|superseded)\b[^.]{0,40}\bprice ?(book|list|sheet)\b"),
    re.compile(r"\bprice ?book\b[^.]{0,60}\b(retired|old|outdated|wrong|superseded|withdrawn|discontinued|expired)\b"),
    re.compile(r"\b(false|untrue|made-up|invented|unapproved|not approved)\b[^.]{0,30}\b(claim|promise|discount)"),
    re.compile(r"\bpromised\b[^.]{0,40}\b(roadmap|feature|integration)\b"),
    re.compile(r"\bevery customer sees\b"),
    # the manager's remedy says the buyer heard something untrue: "both buyers need a written correction", "send a
    # retraction", "correct it with the buyer"
    re.compile(
        r"\b(buyers?|customers?|prospects?|clients?|they|them)\b[^.]{0,40}\b(need|needs|owed?|get|gets|must have|"
        r"should have)\b[^.]{0,20}\b(correction|retraction)\b"
        r"|\b(send|sends|sent|write|writes|put|puts|issue|issues)\b[^.]{0,20}\b(correction|retraction)\b[^.]{0,40}\b(to|with)\b"
        r"|\bretract(s|ed|ing)? (the|that|this|it|what|her|his|their)\b"
        r"|\bcorrect (it|this|that|the (claim|record|statement)) with (the|both|each|every|all|those|these) "
        r"(buyers?|customers?|prospects?|clients?)\b"
    ),
    # a discount or concession no one with the authority agreed: "25 percent off that nobody approved", "a cut without
    # sign-off", "gave them 20 percent no one signed off"
    re.compile(
        r"\b(discount\w*|\d+ ?(percent|%)|(price )?cut|concession)\b[^.]{0,60}?\b(that |which )?(nobody|no one|"
        r"no-one|never|not|without|n't)( (been|being|ever|anyone'?s?|any))?( \w+)? (approv\w*|sign(ed|s)?[- ]?off|"
        r"authori[sz]\w*|agreed by|cleared)\b"
    ),
)
# A statement made to a buyer that the same record says is not so: "told the CIO we integrate natively with SAP,
# which we do not", "said it is SOC 2 Type II certified; our report is Type I only".
TOLD_BUYER = re.compile(
    r"\b(told|assured|claimed|promised|said to|quoted|emailed|wrote to|sent|put (it |this |that )?in writing)\b"
)
NOT_SO = re.compile(
    r"\b(which|that) (we|it|the product|the platform) (do(es)? ?n[o']t|do(es)? not|can ?not|can'?t|never|is ?n[o']t|is not)\b"
    r"|\bwe (do ?n[o']t|do not|can ?not|can'?t|never) (have|offer|support|sell|provide|do)\b"
    r"|\b(is|was|that'?s) (not|n'?t) (true|so|offered|available|supported|something we)\b"
    # "told them we are ISO certified, which we are not", "…, which is not a thing", "we have never applied"
    r"|\b(which|that) (we|it|the product|the platform|they) (are|is|was|were|have|has) ?(not|n'?t|never)\b"
    r"|\b(is|was|that'?s|which is|which was) (not|n'?t) (a thing|real|a real \w+)\b"
    r"|\bwe (are|were|have) ?(not|n'?t|never) (been )?(\w+ ){0,3}(certified|accredited|audited|authori[sz]ed|"
    r"compliant|registered|licensed|applied)\b"
    r"|\b(no such|not on (the|our) roadmap|does not exist|doesn'?t exist)\b"
    # (not a person of the buyer's: "…; the owner signs and has not seen it" says who has not seen the proposal)
    r"|[;:,]\s*(but )?(our|the) (?!(?:owner|buyer|signer|cfo|ceo|coo|cio|cto|vp|director|manager|head|lead|ops|board|"
    r"champion|team|customer|client|prospect|founder|partner|committee|gm|md)s?\b)[^.;]{0,50}\b(only|not|never|no longer)\b"
    # the facts written right after the claim: "…; our current report is Type I", "…, but the actual figure is 22"
    r"|[;:,]\s*(but |whereas |while )?(our|the) (current|actual|real|latest|published|true) \w+"
)
# What the rep said to a buyer, reported ("said they could cancel any time", "answered that it does"), for the
# contradiction rules below; "says he was repeating what he heard" is the rep speaking to the manager.
SAID_TO_BUYER = re.compile(
    r"\b(said|says|answered|replied|responded|explained|confirmed|committed)( to [^.;,]{1,40}?)?( that)? "
    r"(they|we|it|our|the (product|platform|module|contract|price|integration)|there)\b"
)
# Our own terms, written next to what the buyer heard: "…; our order form is a 12-month term", "…, but the standard
# contract allows a yearly uplift". Writing the terms right after the claim is how notes say it was not so.
OUR_TERMS = re.compile(
    r"(?:[;:]\s*|[.!?]\s+|,?\s+(?:but|while|whereas|when in fact|yet)\s+)(?:in fact,?\s+|actually,?\s+)?"
    r"(?:our|the)(?: standard| actual| signed| current| published| approved)? (?:order form|contract|terms|"
    r"terms and conditions|msa|master (?:services )?agreement|price ?book|price list|list price|sla|service levels?|"
    r"licen[cs]e|policy|pricing|rate card|renewal (?:clause|terms)|roadmap|release notes)\b"
)
# The next sentence of the same record says the claim is not so: "It doesn't: …", "That is not true.", "It is on
# next year's roadmap with no date and product has not committed to it."
CORRECTED = re.compile(
    r"^(?:but |in fact,? |actually,? |however,? |in reality,? )?(?:it|that|this|there|they|which|we)"
    r"(?:'s| is| are| was| were| does| do| did| will| would| can| could)?\s*(?:not|n't|no|never)\b"
    r"|\b(?:no (?:date|commitment|release date|timeline|such)|not (?:committed|confirmed|approved|promised|true|"
    r"correct|accurate|available|supported|possible|the case|something we)|(?:has|have|had) ?n[o']t (?:committed|"
    r"confirmed|approved|agreed)|(?:has|have|had) not (?:committed|confirmed|approved|agreed)|not yet (?:built|"
    r"released|available|shipped|approved|decided))\b"
    # a term only someone else may grant, and they were not asked: "Only legal can approve that and nobody asked them"
    r"|\bonly (?:legal|finance|procurement|the deal desk|(?:the|our) (?:cfo|ceo|coo|board|vp|legal|finance|\w+ team)) "
    r"(?:can|could|may) (?:approve|grant|"
    r"agree|authori[sz]e|sign off|waive|offer)\b"
)
# What the rep told a buyer, as a claim: the verb followed by its content, not "told the buyer about the case study".
CLAIM_TOLD = re.compile(
    r"\b(told|assured|promised|claimed|guaranteed|quoted|said|says|answered|replied|wrote|emailed|"
    r"put (?:it |this |that )?in writing)\b(?: [^.;:]{0,60}?)?\b(that|they|we|it|our|the|there|a|an)\b"
)
DID_NOT_WORK = re.compile(
    r"\b(helped once|not under pressure|did ?n[o']t (work|help|stick)|did not (work|help|stick)|made no difference|"
    r"no difference|fell apart|went back to (his|her|their) old|still (needs|can'?t|cannot|could ?n'?t)|"
    r"(has|have|had) ?n[o']t (changed|helped|worked|stuck)|(has|have|had) not (changed|helped|worked|stuck)|"
    r"(did|does) ?n[o']t (carry over|transfer|change)|(did|does) not (carry over|transfer|change))\b"
)
# A sentence about the buyer's side ("the buyer's CFO resigned", "their VP was passed over") is not about the rep.
BUYER_SAYS = re.compile(
    r"\b(buyer|customer(?! success)|prospect|their (cfo|cro|ceo|coo|cio|vp|champion|director|team))\b"
)
# A note saying a finished activity worked (negations are DID_NOT_WORK's, checked first).
WORKED = re.compile(
    r"(?<!n't )(?<!not )(?<!never )\b(worked|works|is working|paid off|pays off|helped|made (a|the) (real |big )?"
    r"difference|clicked|is sticking|stuck|changed (how|the way))\b"
)
NUMBERS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
ORDER = ("retention", "compliance", "commitment", "meeting", "skill")


@dataclass
class Records:
    """Everything on record for one rep, as the store returns it."""

    rep: Any
    observations: list[Any]
    sessions: list[Any]
    action_items: list[Any]
    assignments: list[Any]
    today: dt.date
    notes_by_session: dict[str, str] = field(default_factory=dict)
    pronoun: str = ""  # the rep's he or she as the notes use it, "" when they do not say

    @classmethod
    def read(cls, store: Any, actor: Any, rep_id: str, today: dt.date) -> Records:
        """Read them once."""
        sessions = [s for s in store.sessions(actor, rep_id) if s.date <= today]
        rep = store.rep(actor, rep_id)
        first = (getattr(rep, "name", "") or "").split()[:1]
        told = [getattr(rep, "notes", "") or "", *(" ".join([s.notes or "", *s.agreements]) for s in sessions)]
        return cls(
            rep=rep,
            observations=[o for o in store.observations(actor, rep_id) if o.date <= today],
            sessions=sessions,
            action_items=store.action_items(actor, rep_id),
            assignments=store.assignments(actor, rep_id),
            today=today,
            notes_by_session={s.id: " ".join([s.notes or "", *s.agreements]) for s in sessions},
            pronoun=rep_pronoun(told, first[0] if first else ""),
        )


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')}"


def _first_name(records: Records) -> str:
    name = getattr(records.rep, "name", "") or ""
    return name.split()[0] if name else ""


LOGGED_CANCEL = re.compile(r"^\s*(cancell?ed|called off|postponed)\s*[:;,-]\s*(.*)$", re.I)


def _notes_said(session: Any, sentence: str, records: Records) -> str:
    """A note's words told to the rep: a note kept as a log line ("cancelled: Declan was at Harcourt") is said as what
    happened ("our 1-on-1 on 9 November was cancelled (you were at Harcourt)"), not quoted as if someone wrote it so."""
    logged = LOGGED_CANCEL.match(sentence)
    if logged is None:
        return f"our {_fmt(session.date)} notes say “{_quoted(sentence, records)}”"
    why = _said(logged.group(2), records) if logged.group(2).strip() else ""
    why = re.sub(r"^(You|Your)\b", lambda m: m.group(1).lower(), why)
    return f"our 1-on-1 on {_fmt(session.date)} was {logged.group(1).lower()}" + (f" ({why})" if why else "")


def _quoted(text: str, records: Records) -> str:
    """A record's words quoted inside a sentence ("our notes say “you seemed frustrated …”"): a "You" that only
    replaced the rep's name at the start is not the start of the manager's sentence."""
    return re.sub(r"^(You|Your)\b", lambda m: m.group(1).lower(), _said(text, records))


def _said(text: str, records: Records) -> str:
    """A record's words as said to the rep, without the closing full stop."""
    return second_person(fragment(text), _first_name(records), records.pronoun)


def _activity_keys(records: Records, kb: KnowledgeBase) -> dict[str, set[str]]:
    """Per completed activity, the words a note names it by: its title's and its kind's ("the clarify drill")."""
    done = sorted({a.activity for a in records.assignments if a.status == "done"})
    return {
        a: (set(terms(kb.activities[a].title)) | set(terms(kb.activities[a].kind.replace("_", " "))))
        - {"persona", "propos", "exampl", "job", "aid"}
        for a in done
        if a in kb.activities
    }


def _named(sentence: str, keys: dict[str, set[str]]) -> set[str]:
    """The completed activities a sentence is about: the best match among those it names by two or more words, not
    every one that shares a word with it."""
    said = set(terms(sentence))
    overlap = {a: len(key & said) for a, key in keys.items() if len(key & said) >= min(2, len(key))}
    best = max(overlap.values(), default=0)
    return {a for a, n in overlap.items() if n == best}


def activity_outcomes(records: Records, kb: KnowledgeBase) -> tuple[set[str], dict[str, str]]:
    """Activities completed, and among them those the notes say did not work (id -> session that says so)."""
    done = {a.activity for a in records.assignments if a.status == "done"}
    keys = _activity_keys(records, kb)
    failed: dict[str, str] = {}
    for session_id, text in records.notes_by_session.items():
        for sentence in re.split(r"(?<=[.;!?])\s+", text):
            if DID_NOT_WORK.search(sentence.lower()):
                failed |= dict.fromkeys(_named(sentence, keys), session_id)
    return done, failed


def activities_that_worked(records: Records, kb: KnowledgeBase) -> list[tuple[str, Any, str]]:
    """Completed activities a note says worked ("the question ladder drill worked: …", "the card paid off"), with the
    session and the sentence that says so, newest note first: a success to name in the meeting, not to assign again."""
    keys = _activity_keys(records, kb)
    out: list[tuple[str, Any, str]] = []
    seen: set[str] = set()
    for s in sorted(records.sessions, key=lambda x: x.date, reverse=True):
        for sentence in re.split(r"(?<=[.!?])\s+", s.notes or ""):
            lowered = sentence.lower()
            if not WORKED.search(lowered) or DID_NOT_WORK.search(lowered):
                continue
            for activity in sorted(_named(sentence, keys) - seen):
                seen.add(activity)
                out.append((activity, s, sentence.strip()))
    return out


def done_texts(records: Records, kb: KnowledgeBase) -> list[str]:
    """What the rep has already done: closed action items and completed assignments (by title)."""
    out = [a.text for a in records.action_items if a.status == "done" and a.owner == "rep"]
    for a in records.assignments:
        if a.status == "done" and a.activity in kb.activities:
            out.append(kb.activities[a.activity].title)
    return out


def _retention(records: Records) -> Priority | None:
    since = records.today - dt.timedelta(days=90)
    cancelled: list[tuple[Any, str, int]] = []  # session, the sentence that says so, how many it says
    for s in records.sessions:
        if s.date < since:
            continue
        for sentence in re.split(r"(?<=[.;!?])\s+", s.notes or ""):
            if CANCELLED.search(sentence.lower()):
                said = re.search(r"\b(two|three|four|2|3|4)\b", sentence.lower())
                cancelled.append((s, fragment(sentence), NUMBERS.get(said.group(1), 1) if said else 1))
    overdue = [a for a in records.action_items if a.status == "open" and a.due < records.today]
    career = [a for a in overdue if RETENTION_WORDS.search(a.text.lower())]
    flight: list[tuple[Any, str]] = []  # session, the sentence that says the rep may leave or feels let down
    for s in records.sessions:
        if s.date < since:
            continue
        for sentence in re.split(r"(?<=[.;!?])\s+", s.notes or ""):
            if FLIGHT.search(sentence.lower()) and not BUYER_SAYS.search(sentence.lower()):
                flight.append((s, fragment(sentence)))
    if flight:  # with the rep already unsettled, an answer the manager owes about their quota or pay is part of it
        career += [
            a for a in overdue if a not in career and a.owner == "manager" and OWED_TO_REP.search(a.text.lower())
        ]
    skipped = {s.id for s, _, _ in cancelled}
    held = [s for s in records.sessions if s.kind == "one-on-one" and s.id not in skipped]
    n_cancelled = sum(n for _, _, n in cancelled)
    last = max((s.date for s in held), default=None)
    gap = (records.today - last).days if last else None
    star = records.rep.profile == "star_at_risk"
    reasons: list[str] = []
    cites: list[str] = []
    # the sentences of one session's notes are said under one date ('29 November notes: "..."; "..."'), not the date
    # again before each of them
    quoted: dict[str, tuple[Any, list[str]]] = {}
    for s, sentence in [*((s, sentence) for s, sentence, _ in cancelled), *flight]:
        quoted.setdefault(s.id, (s, []))[1].append(sentence)
    for s, sentences in quoted.values():
        reasons.append(f"{_fmt(s.date)} notes: " + "; ".join(f'"{x}"' for x in dict.fromkeys(sentences)))
        cites.append(s.id)
    for a in career:
        reasons.append(f'the {a.owner}\'s item "{a.text}" is {(records.today - a.due).days} days overdue')
        cites.append(a.id)
    if gap is not None and gap > 30 and (cancelled or career or flight):
        reasons.append(f"no coaching 1-on-1 held for {gap} days")
    if not (n_cancelled >= 2 or career or flight or (star and cancelled)):
        return None
    told = [
        f"{owed_to_you(_said(a.text, records))} (due {_fmt(a.due)})"
        if a.owner == "manager"
        else f"your “{_said(a.text, records)}” was due {_fmt(a.due)}"
        for a in career[:1]
    ]
    # two cancelled 1-on-1s are the pattern: both are said, each with the reason the notes log for it, when the
    # follow-up question goes to what the rep said about leaving (else the second one is the follow-up's)
    told += [_notes_said(s, sentence, records) for s, sentence, _ in cancelled[: 2 if flight and not career else 1]]
    if not cancelled:  # the newest thing the rep said about leaving or being let down, in the notes' own words
        newest = [x for x in flight if x[0].date == flight[-1][0].date][:1] if flight else []
        told += [f"our {_fmt(s.date)} notes say “{_quoted(sentence, records)}”" for s, sentence in newest]
    lead = " and ".join(told)
    return Priority(
        kind="retention",
        title="Retention risk: settle the rep's own agenda first",
        reason="; ".join(reasons),
        citations=list(dict.fromkeys(cites)),
        question=f"{lead[0].upper()}{lead[1:]}. What matters most to you to settle today, before we talk about deals?",
        **_retention_follow_up(records, lead, flight, career, cancelled),
    )


def _retention_follow_up(
    records: Records,
    lead: str,
    flight: Sequence[tuple[Any, str]],
    career: Sequence[Any],
    cancelled: Sequence[tuple[Any, str, int]],
) -> dict[str, Any]:
    """The second retention question, on what the first does not quote: the newest thing the rep said about leaving or
    being let down, else an overdue career item, else a cancelled 1-on-1; with the record it quotes."""
    options = [(f"our {_fmt(s.date)} notes say “{_quoted(x, records)}”", s.id) for s, x in reversed(flight)]
    options += [
        (
            f"{owed_to_you(_said(a.text, records))} (due {_fmt(a.due)})"
            if a.owner == "manager"
            else f"your “{_said(a.text, records)}” was due {_fmt(a.due)}",
            a.id,
        )
        for a in career
    ]
    options += [(_notes_said(s, x, records), s.id) for s, x, _ in cancelled]
    for said, cited in options:
        if said not in lead:
            return {
                "follow_up": f"{said[0].upper()}{said[1:]}. What would need to happen, and by when, for that to feel "
                "settled for you?",
                "follow_up_citations": [cited],
            }
    return {}


def _compliance(records: Records) -> Priority | None:
    hits: list[tuple[str, str]] = []
    first: tuple[dt.date, str] | None = None
    for obs in records.observations:
        for text in obs.evidence.values():
            if _claim(text):
                hits.append((obs.id, f"{_fmt(obs.date)}: {text}"))
                first = first or (obs.date, text)
    others: list[tuple[str, str, str]] = []  # a record's further claims: date, sentence, record id
    for s in records.sessions:
        notes = records.notes_by_session[s.id]
        said = _claim_sentence(notes)
        if said is not None:
            told = claim_sentences(notes)  # the claims in the order the record tells them
            if told and notes.find(told[0]) < notes.find(said[:40]):
                said = told[0]
            hits.append((s.id, f"{_fmt(s.date)}: {s.notes}"))
            first = first or (s.date, said)
            others += [(_fmt(s.date), x, s.id) for x in claim_sentences(notes) if x not in said]
    if not hits or first is None:
        return None
    others = [o for o in others if o[1] not in first[1]]
    # a second claim to the same buyers (an untrue certification beside an unsigned discount) is asked about too
    follow: dict[str, Any] = {}
    if others:
        day, sentence, cited = others[0]
        follow = {
            "follow_up": f"{told_on(day, _said(sentence, records))} What will you put in writing to correct it, to "
            "whom, and by when?",
            "follow_up_citations": [cited],
        }
    return Priority(
        kind="compliance",
        title="False claims or wrong terms sent to buyers: correct them with the buyers before any coaching",
        reason=" | ".join(text for _, text in hits[:3]),
        citations=list(dict.fromkeys(i for i, _ in hits)),
        question=told_on(_fmt(first[0]), _said(first[1], records))
        + " What exactly did the buyer hear or receive, and which other buyers got the same?",
        **follow,
    )


def claim_sentences(text: str) -> list[str]:
    """Every sentence of a record that carries a false claim on its own, in the record's order."""
    return [x for x in _sentences(text) if _claim_sentence(x) is not None]


def repeats_a_claim(text: str, records: Records) -> bool:
    """Whether an observation's words are a claim the records call untrue ("told the lead the platform is HIPAA
    certified" beside the note "…, which is not a thing"): never a moment to praise or build on."""
    if _claim(text):
        return True
    words = set(terms(text))
    return any(
        len(words & set(terms(x))) >= 3
        for s in records.sessions
        for x in claim_sentences(records.notes_by_session[s.id])
    )


def _claim(text: str) -> bool:
    """A false claim or wrong terms put to a buyer: a known kind (guarantees, old price books, roadmap promises), or
    something the rep told the buyer that the same record says is not so."""
    return _claim_sentence(text) is not None


def _sentences(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"(?<=[.!?])\s+", text) if x.strip()]


def _claim_sentence(text: str) -> str | None:
    """The sentence of a record that carries a false claim, with the sentence that corrects it when that is the next
    one; None when the record holds none. Three shapes: a known kind of false claim; a statement to a buyer that the
    same record says is not so, or sets our own terms against ("said they could cancel any time; our order form is a
    12-month term"); a claim to a buyer whose next sentence denies it ("told them it ships in January. It is on next
    year's roadmap with no date")."""
    lowered = text.lower()
    sentences = _sentences(text)
    if any(p.search(lowered) for p in FALSE_CLAIM):
        return next((x for x in sentences if any(p.search(x.lower()) for p in FALSE_CLAIM)), text)
    for i, sentence in enumerate(sentences):
        low = sentence.lower()
        rest = " ".join(sentences[i : i + 2]).lower()
        told = TOLD_BUYER.search(low) or SAID_TO_BUYER.search(low)
        if told is None:
            continue
        if NOT_SO.search(low, told.end()) or OUR_TERMS.search(rest, told.end()):
            return sentence
        after = sentences[i + 1].lower() if i + 1 < len(sentences) else ""
        if after and CLAIM_TOLD.search(low) and (NOT_SO.search(after) or CORRECTED.search(after)):
            return f"{sentence} {sentences[i + 1]}"
    return None


def _commitments(records: Records, kb: KnowledgeBase) -> list[Priority]:
    out: list[Priority] = []
    session_dates = {s.id: s.date for s in records.sessions}
    for item in records.action_items:
        if item.status != "open" or item.owner != "rep" or item.due >= records.today:
            continue
        words = set(terms(item.text))
        agreed = session_dates.get(item.session_id, item.due)
        for obs in records.observations:
            if obs.date < agreed:
                continue
            for cid, text in obs.evidence.items():
                level = int(obs.scores.get(cid, 4))
                threshold = kb.criteria[cid].policy.threshold if cid in kb.criteria else 3
                if level < threshold and len(words & set(terms(text))) >= 2:
                    out.append(
                        Priority(
                            kind="commitment",
                            title=f'Broken commitment: "{item.text}"',
                            reason=f"agreed on {_fmt(agreed)}, due {_fmt(item.due)} and still open; on {_fmt(obs.date)}: "
                            f"{text}",
                            citations=[item.id, obs.id],
                            criterion_id=cid,
                            question=f"On {_fmt(agreed)} you agreed to “{_said(item.text, records)}”; on "
                            f"{_fmt(obs.date)}: {_said(text, records)}. What happened on that call between the "
                            "commitment and that moment?",
                        )
                    )
                    break
            else:
                continue
            break
        else:
            found = _kept_not(item, agreed, words, records, kb)
            if found is not None:
                out.append(found)
    return out


# A note saying something is still not done: "has not met the owner", "no signer meeting booked", "still at stage 4".
NOT_DONE = re.compile(
    r"\b(no|not|never|still|yet to|nor|neither|none|nothing)\b|\b(has|have|had|did|does|is|are|was|were) ?n't\b"
)


def _kept_not(item: Any, agreed: dt.date, words: set[str], records: Records, kb: KnowledgeBase) -> Priority | None:
    """An overdue promise that a later note shows is still not kept: the note after the one that agreed it shares
    three of the promise's words ("signer", "meeting", "stage 4") in a sentence that says it is not done ("no signer
    meeting booked on Dunmore either"). The skill is the one the promise works on, if any."""
    for s in sorted(records.sessions, key=lambda x: x.date, reverse=True):
        if s.date <= agreed or s.id == item.session_id or s.notes.lower().startswith("cancelled"):
            continue
        for sentence in _sentences(records.notes_by_session.get(s.id, s.notes)):
            if len(words & set(terms(sentence))) >= 3 and NOT_DONE.search(sentence.lower()):
                cid = next((c for c in kb.criteria if works_on(item.text, c, kb)), "")
                return Priority(
                    kind="commitment",
                    title=f'Broken commitment: "{item.text}"',
                    reason=f"agreed on {_fmt(agreed)}, due {_fmt(item.due)} and still open; our {_fmt(s.date)} notes: "
                    f"{sentence}",
                    citations=[item.id, s.id],
                    criterion_id=cid,
                    question=f"On {_fmt(agreed)} you agreed to “{_said(item.text, records)}” by {_fmt(item.due)}; "
                    f"our {_fmt(s.date)} notes say “{_quoted(sentence, records)}”. What got in the way, and what will "
                    "you do about it this week?",
                )
    return None


AT_RISK = ("not shown", "no buyer activity", "passed")
GENERIC_DEAL_WORDS = {"deal", "day", "open", "over", "the", "of"}


def _commitments_in_review(records: Records, review: Sequence[ReviewItem], raised: set[str]) -> list[Priority]:
    """An overdue promise of the rep's that the meeting's own findings show is still not kept ("qualify or close out
    every stage-1 deal older than 45 days" against deals still stuck in stage 1)."""
    out: list[Priority] = []
    session_dates = {s.id: s.date for s in records.sessions}
    for item in records.action_items:
        if item.status != "open" or item.owner != "rep" or item.due >= records.today or item.id in raised:
            continue
        words = set(terms(item.text)) - GENERIC_DEAL_WORDS
        found = [
            (len(words & set(terms(f.text))), n, f)
            for n, f in enumerate(review)
            if f.kind in ("stuck", "stale", "coverage", "forecast_gap", "deal")
        ]
        for common, _, finding in sorted(found, key=lambda x: (-x[0], x[1]))[:1]:
            if common < 3:
                continue
            agreed = session_dates.get(item.session_id, item.due)
            shown = _first_part(finding.text)
            out.append(
                Priority(
                    kind="commitment",
                    title=f'Broken commitment: "{item.text}"',
                    reason=f"agreed on {_fmt(agreed)}, due {_fmt(item.due)} and still open; the records today: {shown}",
                    citations=[item.id, *finding.citations],
                    criterion_id=finding.criterion_id,
                    question=f"On {_fmt(agreed)} you agreed to “{_said(item.text, records)}” by {_fmt(item.due)}; "
                    f"today {_sentence_case(shown)}. What got in the way, and what will you do about "
                    f"{'it' if finding.kind == 'deal' else 'them'} this week?",
                )
            )
            break
    return out


def _first_part(text: str) -> str:
    """A finding's first part, up to the first "; " outside a quotation (a deal's quoted evidence stays whole)."""
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and text.startswith("; ", i):
            return text[:i]
    return text


def _sentence_case(shown: str) -> str:
    """A finding carried on inside a sentence: its first word lowered unless it names something (a deal, a buyer)."""
    first = shown.split(" ", 1)[0]
    return shown[0].lower() + shown[1:] if first in ("Coverage", "Nothing", "Looking") else shown


def _points_to(item: ReviewItem, kb: KnowledgeBase) -> str:
    criterion = kb.criteria.get(item.criterion_id)
    return f"the skill to coach through it: “{criterion.title}”" if criterion else ""


def priorities(
    records: Records,
    kb: KnowledgeBase,
    focus: Sequence[Focus],
    review: Sequence[ReviewItem] = (),
    deal_findings: Sequence[ReviewItem] = (),
) -> list[Priority]:
    """What to raise first and why: retention, compliance, broken commitments with evidence, the meeting's own
    findings (deals, pipeline, forecast), then skill gaps. `deal_findings` (what the rep's deals show, in a meeting
    that does not review them) is evidence for a broken commitment only: a 1-on-1 still leads with an overdue promise
    about the pipeline that the deals show is not kept."""
    out: list[Priority] = []
    said: set[str] = set()  # a skill's standing is given with the first finding that points to it
    for item in review:
        at_risk = any(w in item.text for w in AT_RISK)
        if item.kind in ("coverage", "stuck", "stale", "forecast_gap") or (item.kind == "deal" and at_risk):
            head, _, rest = item.text.partition(": ")
            if item.kind == "deal":
                rest = "; ".join(p for p in rest.split("; ") if any(w in p for w in AT_RISK)) or "its close date passed"
            elif item.kind != "coverage":
                head, _, rest = item.text.partition("; ")
            skills = item.skills or _points_to(item, kb)
            # the skill's standing is said once; a finding with nothing else to say points back to it rather than
            # repeating its own title as its reason
            again = f"{skills}, as above" if skills and skills in said else ""
            skills = "" if skills in said else skills
            said.add(skills)
            out.append(
                Priority(
                    kind="meeting",
                    title=head,
                    reason="; ".join(x for x in (rest, skills) if x) or again or "see below",
                    citations=item.citations,
                    criterion_id=item.criterion_id,
                )
            )
    for found in (_retention(records), _compliance(records)):
        if found is not None:
            out.append(found)
    out += _commitments(records, kb)
    out += _commitments_in_review(
        records, review or deal_findings, {p.citations[0] for p in out if p.kind == "commitment"}
    )
    for f in focus:
        tie = next((i for i in review if i.kind == "focus" and i.criterion_id == f.criterion_id), None)
        out.append(
            Priority(
                kind="skill",
                title=f"Back at the threshold, confirm it holds: {f.title}" if f.improving else f"Skill gap: {f.title}",
                reason=f.reason + (f"; in the pipeline: {tie.text[0].lower()}{tie.text[1:]}" if tie else ""),
                citations=[f.criterion_id, *[e.id for e in f.evidence]],
                criterion_id=f.criterion_id,
            )
        )
    return sorted(out, key=lambda p: ORDER.index(p.kind))


def claims_in_deals(review: Sequence[ReviewItem], ranked: Sequence[Priority]) -> list[ReviewItem]:
    """A deal whose buyer heard a false claim (the compliance finding names it) is at risk however clean its record:
    the finding says so, and a deal with nothing else to ask about is asked what the correction does to it."""
    claims = " ".join(p.reason for p in ranked if p.kind == "compliance")
    if not claims:
        return list(review)
    out: list[ReviewItem] = []
    for item in review:
        name = item.text.split(" (", 1)[0]
        first = name.split()[0] if name.split() else ""
        if item.kind in ("deal", "forecast_gap") and len(first) >= 4 and re.search(rf"\b{re.escape(first)}\b", claims):
            update: dict[str, str] = {
                "text": f"{item.text}; its buyer was told something that is not so (see what is at stake)"
            }
            if item.kind == "deal":
                update["question"] = (
                    f"Once {name} hears the correction, what happens to the deal and to your date for it?"
                )
            item = item.model_copy(update=update)
        out.append(item)
    return out


def stake_questions(ranked: Sequence[Priority], *, follow_ups: bool = False) -> list[BriefQuestion]:
    """The open question for each retention, compliance and commitment finding, most urgent first: asked before
    any skill, from the records that raised it; with `follow_ups` (a 1-on-1), each finding's second question too."""
    out: list[BriefQuestion] = []
    for p in ranked:
        if p.kind not in ("retention", "compliance", "commitment"):
            continue
        if p.question:
            out.append(BriefQuestion.from_records(p.question, p.criterion_id, p.citations))
        if follow_ups and p.follow_up:
            out.append(BriefQuestion.from_records(p.follow_up, p.criterion_id, p.follow_up_citations or p.citations))
    return out


def worked_questions(records: Records, kb: KnowledgeBase) -> list[BriefQuestion]:
    """Name the success: for the newest finished activity the notes say worked, ask what made it work and where the
    rep will use it next (recognition, and the way to keep it going), citing the assignment and the note."""
    out: list[BriefQuestion] = []
    for activity, session, sentence in activities_that_worked(records, kb)[:1]:
        asg = next((a.id for a in records.assignments if a.activity == activity and a.status == "done"), None)
        said = _said(sentence, records)
        out.append(
            BriefQuestion.from_records(
                f"Our {_fmt(session.date)} notes on the {kb.activities[activity].title} say “{said[0].upper()}"
                f"{said[1:]}”. What made it work, and where else will you use it?",
                kb.activities[activity].criteria[0],
                [x for x in (session.id, asg) if x],
            )
        )
    return out
