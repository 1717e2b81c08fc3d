"""What a call shows, feature by feature: the cue table's matches plus the features that need sequence or counting.

A feature answers "did this happen, and where?" with a Hit (the utterance and the sentence to quote) or None.
Table cues (copilot.review.cues.CUES) match one utterance; the computed features here look at sequences
(an insight, then an open question, then the buyer's own story), shares of talk, concessions and their
sizes, and overlap with the knowledge base's messaging.

What the rep did in a turn (acknowledged, asked to understand, checked, proved, proposed a next step) is read by
the one utterance reader's moves head (CallView.moves), as the roleplay buyer and scorer read it; word patterns
stay only where they find what the reader has no label for (a meeting's date, a figure conceded) or as a second
way in for a vague proposal. A buyer's line can unlock a level (a confirmation, an acceptance) but credit for
discovery needs the rep's own follow-up, and only rep lines are quoted as the rep's evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import pairwise

from copilot.review import cues as c
from copilot.review.acts import normalize, strip_markers
from copilot.review.call_view import CallView, Computed, Feature, Hit, negated, stems

ASKS = {"open_question", "closed_question"}
OBJECT = re.compile(rf"\b(percent|discount|off|free|billing|price|lock|support|cancel|term|that|{c.NUM})\b")
AMOUNT = re.compile(r"\b(?:to|do|give you|take|offer|at)(?: a| about| around)? (\d+|[a-z]+(?:-[a-z]+)?)( percent|%)?")
MEETING = re.compile(rf"\b{c.MEETING}\b")
CERTIFIED = re.compile(r"\b(soc 2|iso 27001|certified|security pack|pen-test)\b")


def overlap(sentence: str, texts: Iterable[frozenset[str]]) -> int:
    """The most stems a sentence shares with any one text."""
    words = stems(sentence)
    return max((len(words & t) for t in texts), default=0)


COMPUTED: dict[str, Computed] = {}


def feature(name: str, text: str) -> Callable[[Feature], Feature]:
    """Register a computed feature under the name ladders use, with the words a reason shows for it."""

    def register(fn: Feature) -> Feature:
        COMPUTED[name] = (text, fn)
        return fn

    return register


def is_open(sentence: str) -> bool:
    """An open question by its first words, after fillers ('so, what…') or after a lead-in clause ('Just so I get
    it right, what…', 'Before I answer, can I ask what…'): the question is what follows the comma."""
    if not sentence.endswith("?"):
        return False
    core = strip_markers(sentence)[0]
    clauses = [core, *(part.strip() for part in core.split(",")[1:])]
    return any(c.OPEN_START.match(clause) for clause in clauses)


# --------------------------------------------------------------------------------------------- discovery


def capable(v: CallView, text: str) -> bool:
    """Names a capability: the product's own name from the knowledge base, or product language."""
    return bool(c.CAPABILITY.search(text) or (v.kb.names and v.kb.names.search(text)))


@feature("insight.question", "follows it with a question about the buyer's situation")
def _insight_question(v: CallView) -> Hit | None:
    hit = v.has("insight")
    if hit is None:
        return None
    told = stems(hit.quote)
    scope = [hit.index, *[i for i in [v.next_of(v.rep, hit.index)] if i is not None]]
    connects = lambda s: s.endswith("?") and bool(c.CONNECT.search(s))  # noqa: E731
    return v.first(scope, lambda i, s: connects(s) or (is_open(s) and stems(s) & told))


@feature("insight.reaction", "the buyer reacts with their own example")
def _insight_reaction(v: CallView) -> Hit | None:
    hit = v.has("insight.question")
    nxt = v.next_of(v.buyer, hit.index if hit else None)
    ok = nxt is not None and v.words(nxt) >= 20 and re.search(r"\b(we|our|us|my)\b", v.norm[nxt])
    return v.quote(nxt) if ok and nxt is not None else None


@feature("insight.build", "builds the next question on that reaction")
def _insight_build(v: CallView) -> Hit | None:
    hit = v.has("insight.reaction")
    nxt = v.next_of(v.rep, hit.index if hit else None)
    if hit is None or nxt is None or not v.acts(nxt) & (ASKS | {"reflection"}):
        return None
    return v.quote(nxt) if stems(v.u[nxt].text) & stems(v.u[hit.index].text) else None


def restates(v: CallView, i: int) -> bool:
    """A reflection by the tagger, or a 'so…' statement that reuses the buyer's words just before it."""
    if "reflection" in v.acts(i):
        return True
    core, had_so = strip_markers(v.sentences[i][0])
    said = stems(v.u[i - 1].text) if i > 0 and v.u[i - 1].role != v.u[i].role else frozenset()
    return had_so and not core.endswith("?") and len(stems(v.u[i].text) & said) >= 2


@feature("issue", "the buyer describes their situation")
def _issue(v: CallView) -> Hit | None:
    """Where the buyer's problem comes up; else their first real description of how they work (no cascade)."""
    hits = [h for h in (v.has("problem"), v.has("cost")) if h]
    said = next((i for i in v.buyer if v.words(i) >= 12 and re.search(r"\b(we|our|my)\b", v.norm[i])), None)
    hits += [v.quote(said)] if said is not None else []
    return min(hits, key=lambda h: h.index) if hits else None


@feature("capability", "names a capability after the issue")
def _capability(v: CallView) -> Hit | None:
    return v.first(v.rep_after("issue"), lambda i, s: capable(v, s))


@feature("fit.weak", "links a capability to the issue")
def _fit_weak(v: CallView) -> Hit | None:
    scope = [i for i in v.rep_after("issue") if capable(v, v.norm[i]) and c.HELPS_THERE.search(v.norm[i])]
    return v.quote(scope[0], c.HELPS_THERE) if scope else None


@feature("playback", "plays the issue back and the buyer confirms it")
def _playback(v: CallView) -> Hit | None:
    cost = v.has("cost")
    for i in [i for i in v.rep if cost and i > cost.index and restates(v, i)]:
        if i + 1 < v.n and v.u[i + 1].role == "buyer" and c.CONFIRM.search(v.norm[i + 1]):
            return v.quote(i)
    return None


def _features_in(text: str) -> int:
    return len({m.lower() for m in c.FEATURES.findall(text)})


@feature("fit.link", "ties one capability to the issue in the buyer's words")
def _fit_link(v: CallView) -> Hit | None:
    after, said = set(v.rep_after("issue")), set[str]()
    for i in range(v.n):  # the buyer's words so far, kept as we go (linear on long calls)
        text = v.norm[i]
        linked = i in after and capable(v, text) and c.LINK.search(text) and _features_in(text) < 3
        if linked and len(stems(text) & said) >= 2:
            return v.quote(i, c.LINK)
        if v.u[i].role == "buyer":
            said |= stems(v.u[i].text)
    return None


def _followups(v: CallView) -> list[int]:
    """Rep questions or reflections that pick up words from the buyer's answer just before."""
    return v.once("followups", lambda: _find_followups(v))


def _find_followups(v: CallView) -> list[int]:
    return [
        i
        for i in v.rep
        if i > 0
        and v.u[i - 1].role == "buyer"
        and v.words(i - 1) >= 5
        and v.acts(i) & (ASKS | {"reflection"})
        and stems(v.u[i].text) & stems(v.u[i - 1].text)
    ]


def _share(v: CallView) -> float:
    """The rep's share of words, noted for the listening reason."""
    share = v.m.metrics.talk_ratio
    v.notes["listen"] = f"the rep spoke {share:.0%} of the words, with {len(_followups(v))} follow-up(s)"
    return share


LISTEN_SOME = 0.70
"""The rep's largest share of the words that still leaves the buyer a real share of the talk."""
LISTEN_NEAR = 0.75
"""Up to this share, three follow-ups or reflections on the buyer's answers still show listening (short answers)."""


def _listens_some(v: CallView) -> bool:
    """The buyer gets a real share of the talk, or, near the line, the rep keeps picking up what the buyer said.

    A rep who asks follow-up after follow-up on a buyer's short answers is listening even at 71% of the words; a
    coach gives that Needs Work, not Not Present.
    """
    share = _share(v)
    return share <= LISTEN_SOME or (share <= LISTEN_NEAR and len(_followups(v)) >= 3)


@feature("listen.half", "the buyer talks more than half and answers get follow-up questions")
def _listen_half(v: CallView) -> Hit | None:
    ups = _followups(v)
    return v.quote(ups[1]) if _share(v) <= 0.5 and len(ups) >= 2 else None


@feature("listen.two_thirds", "the buyer talks about two thirds and a summary draws out more")
def _listen_two_thirds(v: CallView) -> Hit | None:
    for i in [i for i in v.rep if restates(v, i) and i + 1 < v.n] if _share(v) <= 0.42 else []:
        if v.u[i + 1].role == "buyer" and c.CONFIRM.search(v.norm[i + 1]) and v.words(i + 1) >= 12:
            return v.quote(i)
    return None


@feature("both_prepare", "both sides commit to prepare something")
def _both_prepare(v: CallView) -> Hit | None:
    committed = {v.u[i].role for i in v.closing if "agreement" in v.acts(i)}
    return v.first(v.closing, lambda i, s: "agreement" in v.acts(i)) if {"rep", "buyer"} <= committed else None


def _issue_words(v: CallView, before: int) -> frozenset[str]:
    """The buyer's issues in words said before turn `before`: the buyer's problems, costs and opening priorities,
    and a recap of them the rep put to the buyer."""
    said = [
        i for i in v.buyer if i < before and (i in v.opening or c.PROBLEM.search(v.norm[i]) or c.COST.search(v.norm[i]))
    ]
    recap = v.has("recap")
    if recap is not None and recap.index < before:
        said.append(recap.index)
    return frozenset().union(*(stems(v.norm[i]) for i in said))


@feature("issue_intro", "introduces a screen by the buyer's issue")
def _issue_intro(v: CallView) -> Hit | None:
    """A rep turn that shows the product and says which of the buyer's issues it is for: in so many words ("you
    mentioned…", "since that's…"), or by the issue's own words ("Here's the board a manager opens on Monday")."""
    for i in v.rep:
        if not c.SHOW.search(v.norm[i]):
            continue
        if c.ISSUE_INTRO.search(v.norm[i]):
            return v.quote(i, c.ISSUE_INTRO)
        if len(stems(v.norm[i]) & _issue_words(v, i)) >= 2:
            return v.quote(i, c.SHOW)
    return None


@feature("recap.adds", "a new attendee adds a priority")
def _recap_adds(v: CallView) -> Hit | None:
    hit = v.has("recap")
    buyers = [i for i in v.opening if hit and i > hit.index and v.u[i].role == "buyer"]
    speakers = list(dict.fromkeys(v.u[i].speaker for i in buyers))
    late = [i for i in buyers if v.u[i].speaker in speakers[1:] or c.BUYER_ADDS.search(v.norm[i])]
    return v.quote(late[0]) if late else None


def _value(v: CallView, s: str) -> bool:
    """A sentence that states value in outcome terms or in the messaging's own words."""
    if c.RECAP.search(s) or re.search(r"\byou (told|said|mentioned)\b", s):
        return False  # a playback of the buyer's problem is not a value statement
    return bool(c.VALUE_FRAME.search(s)) or overlap(s, v.kb.values) >= 4


def _crisp_value(v: CallView, scope: Iterable[int]) -> Hit | None:
    return v.first(scope, lambda i, s: _value(v, s) and len(s.split()) <= 35)


ASKS_MORE = c.rx(r"\btell me more\b|\bsay more\b|\bwalk me through\b|\bhow so\b|\bwhy\b")
"""A statement that asks for more: a bare "That's fair." refers back without asking anything."""
REFERS_BACK = c.rx(r"\b(that|this|it|those|these)\b", ASKS_MORE.pattern)
"""A question about what was just said: it points back at it, or asks for more."""


def _pains(v: CallView) -> list[int]:
    """Buyer turns that describe a problem or put a cost on one."""
    return [i for i in v.buyer if c.PROBLEM.search(v.norm[i]) or c.COST.search(v.norm[i])]


def _explores(v: CallView, pain: int, rep: int) -> str | None:
    """The sentence of the rep's turn that explores the buyer's pain: a question on it, or a reflection of it.

    "Ouch. Yeah, that's really common" and moving on is sympathy, not discovery: it asks nothing and plays
    nothing back. A question counts when it picks up the buyer's words or points back at what they said.
    """
    hurt = [
        x
        for x, n in zip(v.sentences[pain], v.sentence_norm[pain], strict=True)
        if c.PROBLEM.search(n) or c.COST.search(n)
    ]
    said = stems(" ".join(hurt or v.sentences[pain]))  # the pain itself, not the small talk around it
    read = v.moves(rep)
    pairs = list(zip(v.sentences[rep], v.sentence_norm[rep], strict=True))
    for k, (s, norm) in enumerate(pairs):  # a question on it first: the best evidence of exploring
        # "that" points at the buyer's pain only when nothing of the rep's own came between ("That's fair. Most
        # teams see X. Does that sound familiar?" asks about X)
        own_words_between = any(len(x.split()) > 4 and len(stems(x) & said) < 2 for x, _ in pairs[:k])
        if norm.endswith("?") and (stems(s) & said or (REFERS_BACK.search(norm) and not own_words_between)):
            return s
    clarifying = read.sentences_with("clarify") if read is not None else []
    for s, norm in pairs:  # then a request said as a statement ("tell me more about the slips")
        if s in clarifying and (stems(s) & said or ASKS_MORE.search(norm)):
            return s
    if "reflection" in v.acts(rep) and len(stems(v.u[rep].text) & said) >= 2:
        # the sentence that plays the pain back, not the "That's fair." before it
        return max(v.sentences[rep], key=lambda x: len(stems(x) & said))
    return None


@feature("explored", "the rep explores a problem or cost the buyer raised (a follow-up question, a reflection)")
def _explored(v: CallView) -> Hit | None:
    """The first exploring reply to a pain; a question on it is better evidence than a reflection, so a later
    question is quoted before an earlier reflection."""
    found: list[Hit] = []
    for pain in _pains(v):
        reply = v.next_of(v.rep, pain)
        # the rep's next turn, or the one after when the buyer only said a word in between ("yeah")
        later = v.next_of(v.rep, reply) if reply is not None else None
        for r in [x for x in (reply, later) if x is not None and (x == reply or v.words(x - 1) <= 4)]:
            sentence = _explores(v, pain, r)
            if sentence is not None:
                found.append(Hit(r, sentence))
                break
    asked = [h for h in found if h.quote.rstrip().endswith("?")]
    best = asked or found
    return best[0] if best else None


@feature("issue.reply", "the rep's reply to the buyer's first problem")
def _issue_reply(v: CallView) -> Hit | None:
    pains = _pains(v)
    reply = v.next_of(v.rep, pains[0]) if pains else None
    return v.quote(reply) if reply is not None else v.has("rep.first")


ACCEPTS = c.rx(
    r"^(yes|yeah|yep|yup|sure|absolutely|definitely|perfect|great|good|ok|okay|sounds good|that works|works|deal|"
    r"done|lovely|brilliant)\b",
    r"\blet's (do|book|lock|go with) (it|that|this)\b|\b(that|it|tuesday|monday|wednesday|thursday|friday) works\b",
    r"\bsee you (then|there|on)\b|\bi'll be there\b|\bsend (me |over )?(an?|the) (invite|invitation)\b|\bbook it\b",
    r"\bput it in\b|\b(?<!not )(?<!n't )works\b",
    r"\blooking forward\b|\bworks for (me|us|both)\b|\bcount me in\b",
)


MEETS = c.rx(rf"\b{c.MEETING}\b", r"\b(i'll|we'll|i can|we can|let me|let's)\b.{0,60}\bwith (you|your|the)\b")
"""With a date, a sentence that offers a meeting: names one, or commits to bringing people together."""


def _proposals(v: CallView) -> list[Hit]:
    """Rep sentences in the closing that propose a next step: the reader's next_step, or a meeting proposed or dated.

    The reader decides first; the proposal pattern (c.STEP) stays as a second way in for vague proposals it
    reads as something else ("I'd suggest a follow-up call sometime soon"), which earn a proposal, never a booking.
    """
    out = []
    for i in (i for i in v.closing if v.u[i].role == "rep"):
        read = v.moves(i)
        steps = set(read.sentences_with("next_step")) if read is not None else set()
        for s, norm in zip(v.sentences[i], v.sentence_norm[i], strict=True):
            if s in steps or c.STEP.search(norm) or (c.SPECIFIC_DATE.search(norm) and MEETS.search(norm)):
                out.append(Hit(i, s))
    return out


@feature("step.proposed", "proposes a next meeting")
def _step_proposed(v: CallView) -> Hit | None:
    return next(iter(_proposals(v)), None)


@feature("step.dated", "books a dated next meeting the buyer accepts")
def _step_dated(v: CallView) -> Hit | None:
    """A proposal with a day or time (in it, or in the buyer's reply) that the buyer accepts, not puts off."""
    for hit in _proposals(v):
        norm = normalize(hit.quote)
        if c.WEAK_STEP.search(norm):
            continue  # "send me some times", "sometime next week": not a booked meeting
        reply = v.next_of(v.buyer, hit.index)
        if (
            reply is None
            or c.DEFER.search(v.norm[reply])
            or not (ACCEPTS.search(v.norm[reply]) or c.ACCEPT.search(v.norm[reply]))
        ):
            continue
        if c.SPECIFIC_DATE.search(norm) or c.SPECIFIC_DATE.search(v.norm[reply]):
            return hit
    return None


ANSWERS = ("value", "proof")


def _objection_questions(v: CallView) -> list[tuple[Hit, str]]:
    """The rep's questions after the objection, each read as 'clarify' or 'check' by the reader.

    A check asks whether an answer landed, so a question the reader calls a check before the rep has answered
    anything (no value or proof sentence yet) is asking to understand the concern: it counts as clarifying.
    """
    return v.once("objection_questions", lambda: _find_objection_questions(v))


def _find_objection_questions(v: CallView) -> list[tuple[Hit, str]]:
    found, answered = [], False
    for i in v.rep_after("objection"):
        read = v.moves(i)
        if read is None:
            continue
        for sentence, moves in zip(read.reading.sentences, read.per_sentence, strict=True):
            if "check" in moves:
                found.append((Hit(i, sentence.text), "check" if answered else "clarify"))
            elif "clarify" in moves:
                found.append((Hit(i, sentence.text), "clarify"))
            answered = answered or bool(set(moves) & set(ANSWERS)) or _proof(v, normalize(sentence.text))
    return found


def _asked(v: CallView, move: str, test: Callable[[str], object] | None = None) -> Hit | None:
    return next(
        (h for h, m in _objection_questions(v) if m == move and (test is None or test(normalize(h.quote)))), None
    )


def _acknowledges(v: CallView) -> Hit | None:
    """The rep's first reply to the objection, where the reader hears an acknowledgement and no dismissal."""
    hit = v.has("objection")
    reply = v.next_of(v.rep, hit.index) if hit else None
    read = v.moves(reply) if reply is not None else None
    line = read.line("acknowledge") if read is not None else None
    return Hit(reply, line) if reply is not None and line is not None else None


def _acknowledges_cleanly(v: CallView) -> Hit | None:
    hit = v.has("ack")
    read = v.moves(hit.index) if hit else None
    return (
        hit if hit and read is not None and not read.has("dismiss") and not c.REBUT.search(v.norm[hit.index]) else None
    )


SCREEN = c.rx(
    r"\b(my|the|your) screen\b|\blet me (show|share|pull up|open|click)\b|\b(i'll|let's) (show|pull up|open|click)\b",
    r"\b(this|the) ([\w-]+ ){0,2}(view|screen|page|tab|dashboard|panel|report)\b( here)?|\b(right|over|up|down) here\b",
    r"\bif i click\b|\bwhen you click\b|\b(i'll|let me|then|and) show (you|\w+) (how|where|what|the)\b",
    r"\b(here's|this is) (the|a|an|your) ([\w-]+ ){0,2}(board|chart|workspace|queue|inbox|timeline|workflow|flow)\b",
)


@feature("screen", "shows the product on screen")
def _screen(v: CallView) -> Hit | None:
    """A demo's signature: the rep shows a screen."""
    return next((v.quote(i, SCREEN) for i in v.rep if SCREEN.search(v.norm[i])), None)


# --------------------------------------------------------------------------------------------- negotiation


def _concessions(v: CallView) -> list[tuple[Hit, bool, int | None, bool]]:
    """Rep concessions in order: the sentence, whether something was asked in return, the figure, is it a percent."""
    return v.once("concessions", lambda: _find_concessions(v))


def _find_concessions(v: CallView) -> list[tuple[Hit, bool, int | None, bool]]:
    found = []
    for i in v.rep:
        for s in v.sentences[i]:
            text = normalize(s)
            if c.GIVE.search(text) and OBJECT.search(text) and not c.LIMIT.search(text):
                figures = [(c.number(m.group(1)), bool(m.group(2))) for m in AMOUNT.finditer(text)]
                value, pct = next(((n, p) for n, p in figures if n is not None), (None, False))
                asked = bool(c.CONDITIONAL.search(c.COURTESY_IF.sub(" ", text)))  # "if you want" asks for nothing
                found.append((Hit(i, s), asked, value, pct))
    return found


def _increments(v: CallView) -> list[int]:
    """The size of each concession: percentages add up; prices come down from the highest figure said before."""
    given = [(h, val, pct) for h, _, val, pct in _concessions(v) if val is not None]
    if any(pct for _, _, pct in given):
        pcts = [val for _, val, pct in given if pct]
        return [b - a for a, b in pairwise([0, *pcts])]
    if not given:
        return []
    prices = [val for _, val, _ in given]
    said = [c.number(w) for i in range(given[0][0].index) for w in re.findall(r"[a-z]+(?:-[a-z]+)?|\d+", v.norm[i])]
    anchor = max((n for n in said if n is not None and n > prices[0]), default=None)
    return [a - b for a, b in pairwise([anchor, *prices] if anchor else prices)]


def _all_conditional(v: CallView) -> Hit | None:
    given = _concessions(v)
    return None if not all(cond for _, cond, _, _ in given) else given[0][0] if given else Hit(-1, "")


@feature("plan.both", "the buyer commits to the dated plan too")
def _plan_both(v: CallView) -> Hit | None:
    plan = v.has("plan.mention")
    reply = v.next_of(v.buyer, plan.index) if plan and c.SPECIFIC_DATE.search(v.norm[plan.index]) else None
    ok = reply is not None and (c.ACCEPT.search(v.norm[reply]) or c.SPECIFIC_DATE.search(v.norm[reply]))
    return v.quote(reply) if ok and reply is not None else None


# --------------------------------------------------------------------------------------------- objections


def says_library_objection(v: CallView, sentence: str) -> bool:
    """A buyer sentence that says one of the library's objections in its words: at least two thirds of the content
    words of its title or of a line it records a buyer saying (two or more of them), negated as that line is
    ("this isn't a priority for us right now" says "It's not a priority right now"; "Now is a good time" does not
    say "Now is not a good time")."""
    words, neg = stems(sentence), negated(sentence)
    return any(len(t) >= 2 and neg == n and 3 * len(words & t) >= 2 * len(t) for t, n in v.kb.objections)


@feature("obj.step", "proposes a step that resolves the concern")
def _obj_step(v: CallView) -> Hit | None:
    """A step proposed after the objection: one the reader hears as a next step ("Would it help if I put you in
    touch with their sales director?" names no meeting word), or one said in the words of a step for a concern."""
    after = v.rep_after("objection")
    return v.moved(after, "next_step") or v.first(after, lambda i, s: c.STEP_FOR_CONCERN.search(s))


@feature("objection", "the buyer raises an objection")
def _objection(v: CallView) -> Hit | None:
    """The buyer's first objection: in the words objections are said in, or in the library's own words for one."""
    for i in v.buyer:
        if c.OBJECTION.search(v.norm[i]):
            return v.quote(i, c.OBJECTION)
        said = next((s for s in v.sentences[i] if says_library_objection(v, s)), None)
        if said is not None:
            return Hit(i, said)
    return None


def _episode(v: CallView) -> list[int]:
    """Rep turns after the objection, up to the first answer that carries proof."""
    answer = v.has("ans.proof")
    return [i for i in v.rep_after("objection") if answer is None or i <= answer.index]


def _clarifying(s: str) -> bool:
    return s.endswith("?") and not c.CHECK_LANDED.search(s) and not c.GENERIC_CHECK.search(s)


@feature("clar.depth", "follows up with more than one question")
def _clar_depth(v: CallView) -> Hit | None:
    asked = [Hit(i, s) for i in _episode(v) for s in v.sentences[i] if _clarifying(normalize(s))]
    return asked[1] if len(asked) >= 2 else None


@feature("clar.confirm", "confirms the root concern with the buyer")
def _clar_confirm(v: CallView) -> Hit | None:
    for i in [i for i in _episode(v) if v.norm[i].endswith("?") and _checks_back(v, i) and i + 1 < v.n]:
        if v.u[i + 1].role == "buyer" and c.CONFIRM.search(v.norm[i + 1]):
            return v.quote(i)
    return None


def _checks_back(v: CallView, i: int) -> bool:
    """A restatement put to the buyer: a reflection, or 'so if I've got it right…?'."""
    return "reflection" in v.acts(i) or bool(re.match(r"^(so|if i've got (it|that) right|it sounds like)\b", v.norm[i]))


def _proof(v: CallView, s: str) -> bool:
    if s.endswith("?"):
        return False  # a proof point is asserted; an offer to test is `verify`
    return bool(c.RESULT.search(s) or CERTIFIED.search(s)) or overlap(s, v.kb.proofs) >= 3


@feature("chk.doubt", "hears a remaining doubt and resolves it")
def _chk_doubt(v: CallView) -> Hit | None:
    check = v.has("chk.specific")
    reply = v.next_of(v.buyer, check.index if check else None)
    answer = v.next_of(v.rep, reply)
    if reply is None or answer is None or not c.DOUBT.search(v.norm[reply]) or c.RETURN.search(v.norm[answer]):
        return None
    settled = v.next_of(v.buyer, answer)  # resolved, or agreed how to resolve: the buyer does not put it off
    return v.quote(reply) if settled is None or not c.DEFER.search(v.norm[settled]) else None


def _before_price(v: CallView, name: str) -> Hit | None:
    hit, price = v.has(name), v.has("price.first")
    return hit if hit and (price is None or hit.index <= price.index) else None


def _buyer_opens(v: CallView) -> Hit | None:
    ack = v.has("ack")
    later = [i for i in v.buyer if ack and i > ack.index][:3]
    return next((v.quote(i) for i in later if v.words(i) >= 12), None)


def _if(hit: Hit | None, test: object) -> Hit | None:
    return hit if hit and test else None


def _deferred(v: CallView, i: int) -> bool:
    """A rep's proposal the buyer puts off ('let me check and get back to you')."""
    reply = v.next_of(v.buyer, i) if v.u[i].role == "rep" else None
    return reply is not None and bool(c.DEFER.search(v.norm[reply]))


# One-line features: name -> (words for reasons, how to find it). One row each, so the table reads as a table.
# fmt: off
COMPUTED.update({
    "insight": ("shares an insight from the messaging", lambda v: v.first(v.rep, lambda i, s: not s.endswith("?") and not capable(v, s) and (overlap(s, v.kb.insights) >= 3 or (c.INSIGHT_FRAME.search(s) and (c.PROBLEM.search(s) or overlap(s, v.kb.insights) >= 2))))),
    "feature_list": ("lists several features at once", lambda v: next((v.quote(i, c.FEATURES) for i in v.rep if _features_in(v.norm[i]) >= 3), None)),
    "listen.some": ("the buyer gets a real share of the talk, or follow-ups on short answers, and hears open questions", lambda v: v.first(v.rep, lambda i, s: "open_question" in v.acts(i) and s.endswith("?")) if _listens_some(v) else None),
    "listen.followup": ("follows up on an answer", lambda v: next((v.quote(i, question=True) for i in _followups(v)), None)),
    "stakeholders": ("with the other people who decide", lambda v: (lambda h: _if(h, h and c.STAKEHOLDERS.search(v.norm[h.index])))(v.has("step.dated") or v.has("step.proposed"))),
    "recap.numbers": ("recaps with the buyer's numbers", lambda v: (lambda h: _if(h, h and c.COST.search(v.norm[h.index])))(v.has("recap"))),
    "value.any": ("states the value in outcome terms", lambda v: v.first(v.rep, lambda i, s: _value(v, s))),
    "value.start": ("states the value crisply early in the demo", lambda v: _crisp_value(v, [i for i in v.rep if i < 0.4 * v.n])),
    "value.end": ("restates it crisply at the end", lambda v: _crisp_value(v, [i for i in v.rep if i >= 0.6 * v.n])),
    "value.proof": ("ties the value to a differentiator or proof point", lambda v: v.has("proof.result") or v.first(v.rep, lambda i, s: overlap(s, v.kb.proofs) >= 3)),
    "price.first": ("the first mention of price", lambda v: v.first(range(v.n), lambda i, s: c.PRICE.search(s))),
    "value.before_price": ("anchors on value before price comes up", lambda v: _before_price(v, "value.case")),
    "value.buyer_first": ("the buyer restates the value before price", lambda v: _before_price(v, "value.buyer")),
    "value.numbers": ("uses the buyer's own numbers", lambda v: (lambda h: _if(h, h and c.COST.search(v.norm[h.index])))(v.has("value.case"))),
    "concession": ("a concession", lambda v: next((h for h, _, _, _ in _concessions(v)), None)),
    "concession.conditional": ("a conditional concession", lambda v: next((h for h, cond, _, _ in _concessions(v) if cond), None)),
    "some_conditional": ("asks for something in return for a concession", lambda v: v.has("concession.conditional") if _concessions(v) else Hit(-1, "")),
    "all_conditional": ("every concession is conditional", _all_conditional),
    "growing": ("concessions grow each round", lambda v: _if(v.has("concession"), any(b > a for a, b in pairwise(_increments(v))))),
    "shrinking": ("concessions shrink each round", lambda v: _if(v.has("concession"), len(_increments(v)) >= 2 and not v.has("growing"))),
    "value_trade": ("trades for something of value (term, reference, case study)", lambda v: next((h for h, cond, _, _ in _concessions(v) if cond and c.VALUE_TRADE.search(v.norm[h.index])), None)),
    "steps": ("maps the legal, security or procurement steps", lambda v: _if(v.first(range(v.n), lambda i, s: c.STEPS.search(s)), len({m.lower() for t in v.norm for m in c.STEPS.findall(t)}) >= 2)),
    "plan.dated": ("dated steps towards signature", lambda v: _if(v.first(v.closing, lambda i, s: c.SPECIFIC_DATE.search(s)), sum(bool(c.SPECIFIC_DATE.search(v.norm[i])) for i in v.closing) >= 2)),
    "buyer_opens": ("the buyer says more", _buyer_opens),
    "ack": ("acknowledges the concern", _acknowledges),
    "ack.clean": ("without rebutting in the same breath", _acknowledges_cleanly),
    "clar.question": ("asks a question about the concern", lambda v: _asked(v, "clarify")),
    "clar.open": ("asks an open question about what is behind it before answering", lambda v: v.first(_episode(v), lambda i, s: _clarifying(s) and is_open(s))),
    "ans.messaging": ("answers with the company's messaging (a statement: a question answers nothing)", lambda v: v.first(v.rep_after("objection"), lambda i, s: not s.endswith("?") and (overlap(s, v.kb.everything) >= 3 or CERTIFIED.search(s)))),
    "ans.proof": ("backs the answer with a proof point", lambda v: v.moved(v.rep_after("objection"), "proof") or v.first(v.rep_after("objection"), lambda i, s: _proof(v, s))),
    "ans.similar": ("uses a similar customer", lambda v: v.first(v.rep_after("objection"), lambda i, s: c.EXAMPLE.search(s) and c.FIT.search(s))),
    "chk.any": ("checks whether the answer landed", lambda v: _asked(v, "check")),
    "chk.specific": ("asks whether the answer resolves the concern", lambda v: _asked(v, "check", lambda s: not c.GENERIC_CHECK.search(s))),
    "obj.dated": ("the buyer agrees a dated step", lambda v: v.first([i for i in v.region("after:objection") if v.u[i].role == "buyer"], lambda i, s: c.SPECIFIC_DATE.search(s) and re.search(r"\b(works|let's|i'll)\b", s))),
    "rep.first": ("the rep's first turn", lambda v: next((v.quote(i) for i in v.rep if v.words(i) >= 5), v.quote(v.rep[0]) if v.rep else None)),
    "rep.last": ("the rep's last turn", lambda v: Hit(v.rep[-1], v.u[v.rep[-1]].text) if v.rep else None),
    "rep.longest": ("the rep's longest turn", lambda v: v.quote(max(v.rep, key=lambda i: (len(v.u[i].text), -i))) if v.rep else None),
    "buyer.first": ("the buyer's first real answer", lambda v: next((v.quote(i) for i in v.buyer if v.words(i) >= 6), None)),
    "reply": ("the rep's first reply to the objection", lambda v: next((v.quote(i) for i in v.rep_after("objection")), None)),
})
# fmt: on
