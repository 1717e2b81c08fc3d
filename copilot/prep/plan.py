"""The deterministic half of the brief: what to reconcile, what to coach, why, and what to assign."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from itertools import zip_longest
from typing import Any

from copilot.knowledge.schema import KnowledgeBase
from copilot.prep.models import (
    BriefAssignment,
    BriefQuestion,
    Evidence,
    Focus,
    LeaveWithRep,
    ReconcileItem,
    RootCause,
    RootCauseHypothesis,
)
from copilot.prep.rootcause import History
from copilot.retrieval.keyword import terms

MAX_FOCUS = 2
KIND_FIT: dict[RootCause, tuple[str, ...]] = {
    "knowledge": ("lesson", "model_example", "job_aid"),
    "skill": ("drill", "roleplay", "job_aid"),
    # rehearse, then lead: watching someone else do it is what a rep short of confidence already does
    "confidence": ("roleplay", "drill"),
    "messaging": ("drill", "job_aid", "roleplay"),
    # can do it and does not: talk about what it is worth to the rep and agree a commitment they own, not more practice
    "will": ("conversation", "job_aid"),
}
# Kinds that do not suit a cause even when the catalogue lists them for it: a rep who lets others do the talking
# needs to rehearse and lead, not to watch more.
KIND_UNFIT: dict[RootCause, frozenset[str]] = {"confidence": frozenset({"shadowing"})}
MEETING_INTERACTION = {
    "one-on-one": "one-on-one",
    "deal-review": "deal-review",
    "pipeline-review": "pipeline-review",
    "forecast-review": "forecast-review",
}


def reconcile(store: Any, actor: Any, rep_id: str, kb: KnowledgeBase, today: dt.date) -> list[ReconcileItem]:
    """Open action items and unfinished assignments, overdue first, so the meeting starts with them."""
    items = [
        ReconcileItem(id=a.id, kind="action_item", text=a.text, owner=a.owner, due=a.due, overdue=a.due < today)
        for a in store.action_items(actor, rep_id, status="open")
    ]
    for a in store.assignments(actor, rep_id):
        if a.status == "done":
            continue
        activity = kb.activities.get(a.activity)
        title = activity.title if activity else a.activity
        same = _same_work(title, items)
        if same is not None:  # the action item agreed in the meeting is this assignment: one line to settle, not two
            same.text = f"{same.text} — assigned as {title} [{a.activity}], {a.id}"
            continue
        items.append(
            ReconcileItem(
                id=a.id,
                kind="assignment",
                text=f"{title} [{a.activity}]",
                owner="rep",
                due=a.due,
                overdue=a.due < today,
            )
        )
    return sorted(items, key=lambda i: (not i.overdue, i.due or today))


def _same_work(title: str, items: list[ReconcileItem]) -> ReconcileItem | None:
    """The rep's open action item that asks for the assignment's activity by name (two or more of the title's words,
    e.g. "Run the opening and closing drill once" for "Opening and closing drill")."""
    words = set(terms(title))
    for item in items:
        if (
            item.kind == "action_item"
            and item.owner == "rep"
            and len(words & set(terms(item.text))) >= min(2, len(words))
        ):
            return item
    return None


def evidence_of(point: Any) -> Evidence:
    """A trust-but-verify score point as the brief's quoted evidence."""
    return _evidence(point)


def _evidence(point: Any) -> Evidence:
    return Evidence(
        id=point.observation_id, date=point.date, level=point.score, observer=point.observer, text=point.evidence or ""
    )


def focus_and_leave(status: Any, raised: dict[str, Evidence] | None = None) -> tuple[list[Focus], list[LeaveWithRep]]:
    """Threshold crossings first, then advanced skills ready to coach; basics still self-correcting stay with the rep,
    except one the manager has already raised (`raised`: the criterion and the note since its window opened) with as
    many misses as the policy steps in at: the window is for a gap the rep fixes alone, and this one is on the table."""
    raised = raised or {}
    focus: list[Focus] = []
    # an advanced skill whose latest observation already meets its threshold is on its way to adopted: watch it
    at_level = [
        s
        for s in status.ready_to_coach
        if s.latest and all(p.score >= s.policy.threshold for p in (s.recent or [s.latest]))
    ]
    ready = [s for s in status.ready_to_coach if s not in at_level]
    early = [s for s in status.self_correcting if s.criterion in raised and len(s.misses) >= s.policy.breaches]
    candidates = [*status.intervene, *early, *ready]
    # a skill nobody has observed yet is not diagnosed beside one with evidence: observe it first
    if any(s.latest for s in candidates):
        candidates = [s for s in candidates if s.latest]
    # a skill whose latest observation is back at the threshold is coached only after those still below it
    candidates.sort(key=lambda s: _improving(s))
    # beside a skill still below the threshold, one whose latest live observation is back at it is watched, not
    # coached: confirm it holds before spending the meeting or an activity on it
    back = [s for s in candidates if _improving(s)] if any(not _improving(s) for s in candidates) else []
    candidates = [s for s in candidates if s not in back]
    for skill in candidates[:MAX_FOCUS]:
        points = (
            skill.misses if skill.state == "intervene" else (skill.recent or ([skill.latest] if skill.latest else []))
        )
        improving = _improving(skill)
        reason = skill.reason
        if skill in early:
            note = raised[skill.criterion]
            points = skill.misses
            reason = (
                f"{len(skill.misses)} misses inside the window to {skill.window_ends}, and the manager already raised "
                f"it on {note.date} ({note.id}): the window is for a gap the rep fixes alone, so coach it now"
            )
        if improving and skill.state == "intervene":
            latest = skill.latest
            points = [*points, latest] if latest not in points else points
            reason += (
                f"; the latest, {latest.observation_id} ({latest.date.isoformat()}), is back at "
                f"{LEVELS.get(latest.score, latest.score)}: ask what changed and confirm it holds"
            )
        focus.append(
            Focus(
                criterion_id=skill.criterion,
                title=skill.title,
                state="intervene" if skill in early else skill.state,
                reason=reason,
                evidence=[_evidence(p) for p in points],
                improving=improving,
            )
        )
    leave = [
        LeaveWithRep(criterion_id=s.criterion, title=s.title, reason=s.reason)
        for s in [*status.self_correcting, *status.verify, *at_level]
        if s not in early
    ]
    # with every observed skill at Good or better there is nothing to watch: the list would only repeat what is fine
    observed = [s for s in status.skills() if s.latest is not None]
    if observed and all(s.latest.score >= GOOD for s in observed):
        return focus, []
    leave += [
        LeaveWithRep(
            criterion_id=s.criterion,
            title=s.title,
            reason=f"back at {LEVELS.get(s.latest.score, s.latest.score)} on {s.latest.date.isoformat()} "
            f"({s.latest.observation_id}) after misses: confirm it holds on the next call",
        )
        for s in back
        if s.latest is not None
    ]
    return focus, leave


LEVELS = {1: "Not Present", 2: "Needs Work", 3: "Good", 4: "Excellent"}
GOOD = 3


def _improving(skill: Any) -> bool:
    """Below the threshold in the recent record, but the latest counted observation is at it or better, on a live call
    (a roleplay at Good is practice, not the skill back on the job)."""
    threshold = skill.policy.threshold
    below = [p for p in (skill.recent or []) if p.score < threshold]
    latest = skill.latest
    practice = latest is not None and re.search(r"\broleplay\b", (latest.evidence or "").lower()) is not None
    return bool(latest and latest.score >= threshold and below and not practice)


def names_criterion(text: str, criterion_id: str, title: str) -> bool:
    """Whether a note names the criterion itself (its id, its name or its title), not only something about it."""
    return _mentions(text, criterion_id, title)


def _mentions(text: str, criterion_id: str, title: str) -> bool:
    slug = criterion_id.split(".", 1)[-1].replace("-", " ")
    lowered = text.lower()
    return criterion_id in lowered or slug in lowered or title.lower() in lowered


# Words that do not tell one activity from another, and capitalised words that are not an account.
GENERIC_NAME_WORDS = frozenset({"drill", "roleplay", "lesson", "card", "exampl", "practic", "job", "aid"})
NOT_ACCOUNTS = frozenset({"Lanternline", *calendar.month_name[1:], *calendar.day_name})
NAME = re.compile(r"(?<![.!?] )(?<!^)\b([A-Z][a-z]{3,})\b")


def _names_of(
    criterion_id: str, kb: KnowledgeBase, evidence: list[str], rep_name: str = ""
) -> tuple[list[set[str]], set[str]]:
    """What a coaching note calls this skill by besides its id: the title's own words, the narrow activities that
    build it ("the trade drill" for "If-then trade drill"), and the accounts named in its live evidence (a note on
    "the Tamsin Dairy call" is about the moment observed there)."""
    keys = [set(terms(kb.criteria[criterion_id].title))]
    keys += [set(terms(a.title)) for a in kb.activities.values() if criterion_id in a.criteria and len(a.criteria) <= 3]
    mine = set(rep_name.split())
    accounts = {m.group(1) for text in evidence for m in NAME.finditer(text)} - NOT_ACCOUNTS - mine
    return [k for k in keys if len(k - GENERIC_NAME_WORDS) >= 1 and len(k) >= 2], accounts


def _speaks_of(body: str, named: tuple[list[set[str]], set[str]]) -> bool:
    """Whether a note is about the skill without naming it: most of the words of the skill's title or of an activity
    that builds it (one of them telling), or an account where the skill was observed."""
    keys, accounts = named
    said = set(terms(body))
    for key in keys:
        common = key & said
        if len(common) >= max(2, (len(key) + 1) // 2) and common - GENERIC_NAME_WORDS:
            return True
    return any(re.search(rf"\b{re.escape(a)}\b", body) for a in accounts)


DEBRIEF_DAYS = 14


def _debrief(
    body: str,
    day: Any,
    latest: Evidence | None,
    criterion: Any,
    kb: KnowledgeBase,
    observed: frozenset[str] = frozenset(),
) -> bool:
    """A note written within a week after the latest observed miss on this skill, about the rep with buyers, that
    names no skill, call type or account of its own is the manager's debrief of that miss ("asks for the next meeting easily when I play the buyer;
    with real buyers she waits"): it speaks of the skill in the rep's own words, not the methodology's."""
    if latest is None or latest.date is None or day is None or (latest.level or 0) >= criterion.policy.threshold:
        return False
    if not 0 <= (day - latest.date).days <= DEBRIEF_DAYS:
        return False
    lowered = body.lower()
    if not re.search(
        r"\b(buyers?|customers?|prospects?|clients?|calls?|meetings?|in the room|live|deals?|on the (line|phone)|logos?|"
        r"procurement|sourcing|purchasing|(cfo|ceo|coo|cio|vp|md|director|owner|decision[- ]maker)s?|"
        # the buyers as "they" beside the rep: "what they told him", "said in their terms"
        r"(what|anything|everything) they (told|tell|said|say|asked|ask|raised|raise|wanted|want|need)|"
        r"in their (own )?(terms|words|language))\b",
        lowered,
    ):
        return False  # not about the rep in front of a buyer ("is on holiday next week")
    interactions = {c.split(".", 1)[0] for c in kb.criteria}
    if any(i.replace("-", " ") in lowered or i in lowered for i in interactions):
        return False
    return not any(
        _speaks_of(body, ([set(terms(c.title))], set()))
        for cid, c in kb.criteria.items()
        # the 1-on-1's own criteria are the manager's coaching ("Asks instead of tells"), not another skill of the rep's;
        # a skill never observed for this rep is not what a debrief of an observed miss is about ("lets them drive" on
        # a discovery call is not the demo's "lets the buyer drive" when no demo is on record)
        if cid != criterion.id and not cid.startswith("one-on-one.") and (not observed or cid in observed)
    )


def history_for(
    criterion_id: str,
    kb: KnowledgeBase,
    observations: list[Any],
    sessions: list[Any],
    profile: str,
    assignments: list[Any] | None = None,
    failed: set[str] | None = None,
    rep_name: str = "",
) -> History:
    """Sort a rep's records on one criterion into live evidence, practice evidence, notes and the finished activities
    that build it (except those the notes say did not work)."""
    criterion = kb.criteria[criterion_id]
    counted: list[Evidence] = []
    practice: list[Evidence] = []
    notes: list[Evidence] = []
    for obs in observations:
        if criterion_id not in obs.scores:
            continue
        text = obs.evidence.get(criterion_id, "")
        ev = Evidence(id=obs.id, date=obs.date, level=int(obs.scores[criterion_id]), observer=obs.observer, text=text)
        is_practice = obs.observer == "self" or re.search(r"\broleplay\b", text.lower()) is not None
        (practice if is_practice else counted).append(ev)
    context: list[Evidence] = []
    interaction = criterion_id.split(".", 1)[0].split("-")[0]
    named = _names_of(criterion_id, kb, [e.text for e in counted], rep_name)
    latest = max((e for e in counted if e.date), key=lambda e: e.date or dt.date.min, default=None)
    observed = frozenset(c for obs in observations for c in obs.scores)
    for session in sessions:
        body = " ".join([session.notes, *session.agreements])
        named_here = _mentions(body, criterion_id, criterion.title) or _speaks_of(body, named)
        if named_here or _debrief(body, session.date, latest, criterion, kb, observed):
            notes.append(Evidence(id=session.id, date=session.date, text=body))
        elif interaction in body.lower():
            context.append(Evidence(id=session.id, date=session.date, text=body))
    completed = [
        Evidence(id=a.id, date=a.completed_on, text=kb.activities[a.activity].title)
        for a in sorted(assignments or [], key=lambda a: a.completed_on or dt.date.min)
        if a.status == "done"
        and a.activity in kb.activities
        and criterion_id in kb.activities[a.activity].criteria
        and a.activity not in (failed or set())
    ]
    return History(criterion_id, criterion.policy.threshold, counted, practice, notes, profile, context, completed)


def assignments_for(
    focus: list[Focus],
    causes: list[RootCauseHypothesis],
    kb: KnowledgeBase,
    open_activities: set[str],
    today: dt.date,
    done: set[str] | None = None,
    failed: dict[str, str] | None = None,
    excellent: set[str] | None = None,
    not_assigned: dict[str, str] | None = None,
    overdue: dict[str, dt.date] | None = None,
    open_items: list[tuple[str, str]] | None = None,
) -> list[BriefAssignment]:
    """Catalogue activities that build the focus criterion and suit its root cause; never one outside the catalogue,
    never one open or already done, and when the notes say a done one did not work, none of its kind either; never
    one that mostly practises skills the rep already scores Excellent at (`excellent`: a star's time goes on the one
    skill, not on a whole roleplay of what she does best); one new activity at most beside the rep's open action item
    (`open_items`: id and text) on the skill, which is reconciled first. Why a focus gets nothing goes to
    `not_assigned`."""
    done, failed, excellent = done or set(), failed or {}, excellent or set()
    failed_kinds = {kb.activities[a].kind for a in failed if a in kb.activities}
    taken: set[str] = set()
    out: list[BriefAssignment] = []
    for item, cause in zip(focus, causes, strict=True):
        fits = kb.activities_for(item.criterion_id, cause.category)
        preferred = KIND_FIT[cause.category]
        fits.sort(key=lambda a: (preferred.index(a.kind) if a.kind in preferred else 9, a.duration_minutes, a.id))
        usable = [
            a
            for a in fits
            if a.id not in open_activities
            and a.id not in done
            and a.id not in taken
            and a.kind not in failed_kinds
            and a.kind not in KIND_UNFIT.get(cause.category, frozenset())
        ]
        mostly_excellent = [a for a in usable if _mostly_excellent(a.criteria, item.criterion_id, excellent)]
        usable = [a for a in usable if a not in mostly_excellent]
        # work already in flight on this skill is finished first: one new activity at most, of another kind
        in_flight = sorted(
            (kb.activities[a] for a in open_activities if a in kb.activities),
            key=lambda a: a.id,
        )
        in_flight = [a for a in in_flight if item.criterion_id in a.criteria]
        late = [a for a in in_flight if a.id in (overdue or {})]
        if late and not_assigned is not None:  # overdue work on the skill is settled before anything is added
            first = late[0]
            said = next((k for k, v in not_assigned.items() if f"[{first.id}] was due" in v), None)
            if said is not None:  # one overdue activity on two skills is one line to settle, not two
                not_assigned[said] = not_assigned[said].replace("”: ", f"” or “{item.title}”: ", 1)
                continue
            not_assigned[item.criterion_id] = (
                f"Nothing new for “{item.title}”: {first.title} [{first.id}] was due {(overdue or {})[first.id]} and "
                "is still open; settle it first"
            )
            continue
        # work in flight that already suits this cause is the assignment: a second activity on top of it splits
        # the rep's practice time before anyone has heard how the first one went
        suited = [a for a in in_flight if cause.category in a.root_causes]
        if suited and not_assigned is not None:
            first = suited[0]
            said = next((k for k, v in not_assigned.items() if f"[{first.id}] is under way" in v), None)
            if said is not None:  # one activity in flight on two skills is one line, not two
                not_assigned[said] = not_assigned[said].replace("”: ", f"” or “{item.title}”: ", 1)
                continue
            not_assigned[item.criterion_id] = (
                f"Nothing new for “{item.title}”: {first.title} [{first.id}] is under way and suits a "
                f"{cause.category} gap; hear how it went before adding anything"
            )
            continue
        if in_flight:
            usable = [a for a in usable if a.kind not in {x.kind for x in in_flight}][:1]
        # an open action item on the skill is reconciled, not doubled: one new activity beside it at most; a skill
        # back at the threshold on the latest call is confirmed on the next one, with one short activity at most
        working = next((i for i in open_items or [] if works_on(i[1], item.criterion_id, kb)), None)
        if working is not None or item.improving:
            usable = usable[:1]
        if not usable and mostly_excellent and not_assigned is not None:
            skills = sorted({kb.criteria[c].title for a in mostly_excellent for c in a.criteria if c in excellent})
            left = ", ".join(f"{a.title} [{a.id}]" for a in mostly_excellent)
            not_assigned[item.criterion_id] = (
                f"Nothing new for “{item.title}”: {left} would mostly practise what the rep already scores Excellent "
                f"at ({'; '.join(skills)}); agree one step on a live deal instead"
            )
        for activity in usable[:2]:
            taken.add(activity.id)
            after = next((a for a in failed if failed_kinds and kb.activities[a].kind != activity.kind), None)
            why = (
                f"; a different kind from {kb.activities[after].title} [{after}], which the notes say did not work "
                f"({failed[after]})"
                if after
                else ""
            )
            if in_flight:
                why += f"; next to {in_flight[0].title} [{in_flight[0].id}], still open"
            if working is not None:
                why += f"; reconcile the open item “{fragment_of(working[1])}” [{working[0]}] first, which works on it"
            days = 7 if activity.duration_minutes <= 60 else 14
            out.append(
                BriefAssignment(
                    activity_id=activity.id,
                    title=activity.title,
                    kind=activity.kind,
                    due=today + dt.timedelta(days=days),
                    criterion_id=item.criterion_id,
                    rationale=f"builds “{item.title}” and suits a {cause.category} gap ({activity.kind.replace('_', ' ')}, "
                    f"{activity.duration_minutes} min){why}",
                )
            )
    return out


GENERIC_TITLE_WORDS = frozenset({"buyer", "rep", "call", "find", "ask", "agre", "get", "make", "use", "keep"})


def works_on(text: str, criterion_id: str, kb: KnowledgeBase) -> bool:
    """Whether an action item works on the skill: it names it, or shares a word with its title that no more than one
    other skill's title has ("personal-impact question" for "Finds a key issue personal to this buyer")."""
    criterion = kb.criteria[criterion_id]
    if _mentions(text, criterion_id, criterion.title):
        return True
    said = set(terms(text))
    for word in set(terms(criterion.title)) - GENERIC_TITLE_WORDS:
        if word in said and sum(word in set(terms(c.title)) for c in kb.criteria.values()) <= 2:
            return True
    return False


def fragment_of(text: str) -> str:
    """An item's words inside a sentence, without its closing full stop."""
    return re.sub(r"[\s.;,]+$", "", " ".join(text.split()))


def _mostly_excellent(criteria: list[str], focus: str, excellent: set[str]) -> bool:
    """Whether more than half of what an activity practises besides the focus skill is already Excellent."""
    others = [c for c in criteria if c != focus]
    return bool(others) and sum(c in excellent for c in others) * 2 > len(others)


def curated_questions(
    focus: list[Focus],
    causes: list[RootCauseHypothesis],
    kb: KnowledgeBase,
    done: list[str] | None = None,
    failed_kinds: set[str] | None = None,
    practised: set[str] | None = None,
    late: set[str] | None = None,
) -> list[BriefQuestion]:
    """Question-bank diagnostics for each focus (its root cause first, foci interleaved), then commitments; none that
    asks for more practice of a skill whose practice the rep has already finished (`practised`): the next step there
    is a live call, not the same drill again; nor of a skill whose assigned practice is overdue (`late`): the
    commitment there is to finish it, not to start more."""
    per_focus: list[list[BriefQuestion]] = []
    for item, cause in zip(focus, causes, strict=True):
        matched = kb.questions_for(item.criterion_id, "diagnostic", cause.category)
        general = [q for q in kb.questions_for(item.criterion_id, "diagnostic") if q not in matched]
        per_focus.append(
            [
                BriefQuestion(
                    text=q.text,
                    kind="diagnostic",
                    criterion_id=item.criterion_id,
                    source="curated",
                    citations=[q.id, item.criterion_id],
                )
                for q in [*matched, *general][:4]
            ]
        )
    out = [q for row in zip_longest(*per_focus) for q in row if q is not None]
    will = {c.criterion_id for c in causes if c.category == "will"}
    for item in focus:
        if item.criterion_id in will:  # the bank's commitments plan practice; a will gap closes on a commitment
            continue  # the rep chooses (asked on the assigned conversation)
        for q in kb.questions_for(item.criterion_id, "commitment")[:2]:
            if already_done(q.text, done or []) or _names_kind(q.text, failed_kinds or set()):
                continue
            if item.criterion_id in (practised or set()) | (late or set()) and PRACTICE_ASK.search(q.text):
                continue
            out.append(
                BriefQuestion(
                    text=q.text, kind="commitment", criterion_id=item.criterion_id, source="curated", citations=[q.id]
                )
            )
    return out


PRACTICE_ASK = re.compile(r"\b(practi[sc]e|rehearse|drill|record)", re.I)


def _names_kind(question: str, kinds: set[str]) -> bool:
    """A commitment that asks for more of a kind of practice the notes say did not work ("rounds of the drill")."""
    words = set(re.findall(r"[a-z]+", question.lower()))
    return any(kind.replace("_", " ").split()[-1] in words for kind in kinds)


def already_done(question: str, done: list[str]) -> bool:
    """A commitment question asks for something the rep has already done (3 content words in common)."""
    words = set(terms(question))
    return any(len(words & set(terms(text))) >= 3 for text in done)


def meeting_shape(meeting: str, kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    """The meeting's shape from the methodology's own criteria for that meeting type, with their ids."""
    interaction = MEETING_INTERACTION.get(meeting, "one-on-one")
    criteria = kb.criteria_of(interaction)
    return [f"{c.title} [{c.id}]" for c in criteria], [c.id for c in criteria]
