"""What makes a deal, pipeline or forecast review its own brief: the rep's deals read against stage exit criteria,
coverage against target, stuck and stale deals, commit against evidence; each finding with the skill it points to
and a question that coaches the rep through it (ask, don't tell)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from copilot.prep.models import ReviewItem
from copilot.records.deals import DealView, TargetView, quarter_of

# Stage exit criteria (docs/records.md#deals-and-pipeline-targets): what the buyer must have verified to leave a stage.
EXIT_CRITERIA: dict[int, tuple[tuple[str, str, str], ...]] = {
    1: (("the buyer owns a pain", r"\b(pain|issue|problem)\b", "discovery-call.key-issue"),),
    2: (
        (
            "the buyer has put a cost on the issue",
            r"\b(cost|hours|lost|\d+ ?(k|percent|%))\b",
            "discovery-call.key-issue",
        ),
        (
            "the economic buyer is identified",
            r"\b(economic buyer|cfo|cro|ceo|coo|cio|cto|vp|svp|director|owner|signer)( \w+)? (identified|named|known|"
            r"confirmed)\b|\b(economic buyer|signer) is (the )?\w+",
            "negotiation.decision-process",
        ),
    ),
    3: (
        ("a champion is confirmed", r"\bchampion\b", "negotiation.decision-process"),
        (
            "the economic buyer is engaged",
            r"\b(economic buyer|cfo|cro|ceo|coo|cio|cto|vp|svp|director|signer)( \w+)? (engaged|met|joined|attended|agreed|"
            r"signed off|approved)\b",
            "negotiation.decision-process",
        ),
    ),
    4: (
        ("the buyer has agreed a mutual close plan", r"\b(mutual|close) plan\b", "negotiation.mutual-plan"),
        ("pricing is sent and discussed", r"\b(pric|proposal|quote)", "negotiation.value-anchor"),
    ),
    5: (
        (
            "the signer and paperwork path are known",
            r"\b(signer|paperwork|legal|procurement|contract)\b",
            "negotiation.decision-process",
        ),
    ),
}
STALE_DAYS = 30
STUCK_DAYS = 45
LATE_IN_QUARTER = 45  # days left in the current quarter below which new pipeline cannot close in it


def quarter_end(period: str) -> dt.date:
    """The last day of a quarter named like `2027-Q1`."""
    year, quarter = int(period[:4]), int(period[-1])
    return dt.date(year + quarter // 4, quarter % 4 * 3 + 1, 1) - dt.timedelta(days=1)


def _k(amount: int) -> str:
    return f"{amount / 1000:.0f}k" if amount >= 1000 else str(amount)


def _day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')}"


NEGATION = re.compile(r"\b(no|not|never|without|nor|only)\b[^.;,]{0,30}$")


def _shown(pattern: str, said: str) -> bool:
    """The evidence shows it: a match that no "no", "not", "only" or "without" just before denies ("company issue
    only, no personal cost yet" does not show a cost)."""
    return any(not NEGATION.search(said[: m.start()]) for m in re.finditer(pattern, said))


def missing_exit_criteria(deal: DealView) -> list[tuple[str, str]]:
    """The exit criteria of the deal's stage that its evidence does not show."""
    said = f"{deal.evidence}; {deal.next_step}".lower()
    return [
        (label, criterion)
        for label, pattern, criterion in EXIT_CRITERIA.get(min(deal.stage, 5), ())
        if not _shown(pattern, said)
    ]


def slipped(deal: DealView, today: dt.date) -> int:
    """Days since an open deal's close date passed (0 when it has not): a deal still open after its date slipped."""
    return max((today - deal.close_date).days, 0) if deal.open else 0


def _closes(deal: DealView, today: dt.date) -> str:
    """When the deal closes, or that its close date has passed."""
    late = slipped(deal, today)
    if late:
        return f"close date {_day(deal.close_date)} passed {_days_ago(late)}, still open"
    return f"closes {_day(deal.close_date)}"


def _days_ago(n: int) -> str:
    return "1 day ago" if n == 1 else f"{n} days ago"


def _stale(deal: DealView, today: dt.date) -> bool:
    return deal.last_activity is None or (today - deal.last_activity).days > STALE_DAYS


def _deals(n: int) -> str:
    return f"{n} deal" if n == 1 else f"{n} deals"


def _amount(deals: Sequence[DealView]) -> str:
    """A forecast category's total with the deals in it by name (largest first), so the call can be tested deal by
    deal: "135k (Corran Systems 70k, Halden Foods 65k)"."""
    if not deals:
        return "nothing"
    named = sorted(deals, key=lambda d: -d.amount)
    listed = ", ".join(f"{d.name} {_k(d.amount)}" for d in named[:4])
    more = f" and {len(named) - 4} more" if len(named) > 4 else ""
    return f"{_k(sum(d.amount for d in deals))} ({listed}{more})"


def _counted(in_period: Sequence[DealView], open_deals: Sequence[DealView], period: str) -> str:
    """How many deals the coverage counts, said against the open deals the other findings count."""
    if len(in_period) == len(open_deals):
        return _deals(len(in_period))
    return f"{len(in_period)} of the {len(open_deals)} open deals (those closing in {period})"


def _left_out(
    in_period: Sequence[DealView], open_deals: Sequence[DealView], period: str, today: dt.date = dt.date.min
) -> str:
    """Which open deals coverage leaves out and why (closing in another quarter, omitted from the forecast), so a
    count that differs from the stage lines' count explains itself."""
    counted = {d.id for d in in_period}
    out = [d for d in open_deals if d.id not in counted]
    if not out:
        return ""

    def why(d: DealView) -> str:
        if d.category == "omitted":
            return f"{d.name}, omitted from the forecast"
        if d.close_date < today:
            return f"{d.name}, whose close date {_day(d.close_date)} has passed ({quarter_of(d.close_date)})"
        return f"{d.name}, closing {_day(d.close_date)} ({quarter_of(d.close_date)})"

    named = ", ".join(why(d) for d in out[:3]) + (f" and {len(out) - 3} more" if len(out) > 3 else "")
    return f"; not counted: {named}"


STUCK_QUESTIONS = (  # worded per stuck stage, so two stuck stages are not one question twice
    "What would {name} need to have confirmed to move past stage {stage}, and what is stopping that today?",
    "What has {name} done since it reached stage {stage}, and what would you need to hear to move it on or close it "
    "out?",
)


def pipeline_review(deals: Sequence[DealView], targets: Sequence[TargetView], today: dt.date) -> list[ReviewItem]:
    """Coverage per quarter against target, stuck and stale deals, and what they say about the rep's skills."""
    open_deals = [d for d in deals if d.open]
    items: list[ReviewItem] = []
    current = quarter_of(today)
    for target in [t for t in targets if t.period >= current]:
        in_period = [d for d in open_deals if quarter_of(d.close_date) == target.period and d.category != "omitted"]
        total = sum(d.amount for d in in_period)
        coverage = total / target.amount if target.amount else 0.0
        short = coverage < target.coverage_goal
        left = (quarter_end(target.period) - today).days
        if target.period == current and left < LATE_IN_QUARTER:
            items.append(
                ReviewItem(
                    kind="forecast",
                    text=f"{target.period} ends in {left} days: {_k(total)} open in "
                    f"{_counted(in_period, open_deals, target.period)} against a {_k(target.amount)} target "
                    f"({coverage:.1f}x); too late to build new pipeline for it, so coverage is measured on the "
                    "quarters ahead and this one is the forecast review's call"
                    + _left_out(in_period, open_deals, target.period, today),
                    criterion_id="pipeline-review.coverage",
                    citations=[d.id for d in in_period][:8],
                )
            )
            continue
        items.append(
            ReviewItem(
                kind="coverage",
                text=f"Coverage for {target.period} is {coverage:.1f}x against a {target.coverage_goal:g}x target: "
                f"{_k(total)} open in {_counted(in_period, open_deals, target.period)} for a {_k(target.amount)} "
                "target"
                + (
                    f", {_k(int(target.amount * target.coverage_goal - total))} short of the "
                    f"{_k(int(target.amount * target.coverage_goal))} that {target.coverage_goal:g}x needs"
                    if short
                    else ""
                )
                + _without_stalled(in_period, target, today)
                + _left_out(in_period, open_deals, target.period, today),
                question=(
                    f"Where will the missing {_k(int(target.amount * target.coverage_goal - total))} of pipeline for {target.period} "
                    "come from, and how many new meetings a week does that take?"
                    if short
                    else f"Which deals in {target.period} would you drop first if you had to, and why?"
                ),
                criterion_id="pipeline-review.generation-plan" if short else "pipeline-review.coverage",
                citations=[d.id for d in in_period][:8],
            )
        )
    stuck = [d for d in open_deals if (today - d.stage_since).days > STUCK_DAYS]
    by_stage: dict[int, list[DealView]] = {}
    for d in stuck:
        by_stage.setdefault(d.stage, []).append(d)
    for stage, group in sorted(by_stage.items(), key=lambda kv: -len(kv[1])):
        in_stage = [d for d in open_deals if d.stage == stage]
        oldest = min(group, key=lambda d: d.stage_since)
        if len(group) == 1:
            text = (
                f"{oldest.name} has been in stage {stage} since {_day(oldest.stage_since)} "
                f"({(today - oldest.stage_since).days} days, past the {STUCK_DAYS}-day mark)"
                + (
                    "; the other deal in that stage is not yet past it"
                    if len(in_stage) == 2
                    else f"; the other {len(in_stage) - 1} deals in that stage are not yet past it"
                    if len(in_stage) > 2
                    else ""
                )
            )
        else:
            text = (
                f"{len(group)} of {len(open_deals)} open deals are stuck in stage {stage} for over {STUCK_DAYS} days "
                + (f"({len(in_stage)} in that stage)" if len(in_stage) != len(group) else "(every deal in that stage)")
                + f"; the oldest, {oldest.name}, since {_day(oldest.stage_since)}"
            )
        items.append(
            ReviewItem(
                kind="stuck",
                text=text,
                question=STUCK_QUESTIONS[len([i for i in items if i.kind == "stuck"]) % len(STUCK_QUESTIONS)].format(
                    name=oldest.name, stage=stage
                ),
                criterion_id="discovery-call.key-issue" if stage <= 2 else "negotiation.decision-process",
                citations=[d.id for d in group][:8],
            )
        )
    stale = [d for d in open_deals if _stale(d, today)]
    if stale:
        worst = max(stale, key=lambda d: d.amount)
        items.append(
            ReviewItem(
                kind="stale",
                text=f"{len(stale)} of {len(open_deals)} open deals {'has' if len(stale) == 1 else 'have'} had no buyer "
                f"activity in {STALE_DAYS} days "
                f"({_k(sum(d.amount for d in stale))}); the largest is {worst.name} ({_k(worst.amount)})",
                question=f"When did you last hear from {worst.name}, and what dated next step did the last call end "
                "with?",
                criterion_id="discovery-call.next-steps",
                citations=[d.id for d in stale][:8],
            )
        )
    # a deal still moving on paper but with no dated next step agreed with the buyer is the next stale one
    undated = [d for d in open_deals if d not in stale and not re.search(r"\d", d.next_step or "")]
    if undated:
        first = max(undated, key=lambda d: d.amount)
        items.append(
            ReviewItem(
                kind="no_next_step",
                text=f"{len(undated)} of {len(open_deals)} open deals {'has' if len(undated) == 1 else 'have'} no dated "
                f"next step with the buyer ({_k(sum(d.amount for d in undated))}): "
                + _listed([f"{d.name} ({_k(d.amount)})" for d in undated[:4]]),
                question=f"What is the next meeting with {first.name}, on which date, and who on the buyer's side agreed "
                "to it?",
                criterion_id="discovery-call.next-steps",
                citations=[d.id for d in undated][:8],
            )
        )
    return items


def _stalled(deal: DealView, today: dt.date) -> bool:
    return (today - deal.stage_since).days > STUCK_DAYS or _stale(deal, today)


def _without_stalled(in_period: Sequence[DealView], target: TargetView, today: dt.date) -> str:
    """Coverage that counts only deals that are moving: a stuck or quiet deal is pipeline on paper."""
    stalled = [d for d in in_period if _stalled(d, today)]
    if not stalled or not target.amount:
        return ""
    moving = sum(d.amount for d in in_period) - sum(d.amount for d in stalled)
    return (
        f"; without its {_deals(len(stalled))} stuck or without buyer activity ({_k(sum(d.amount for d in stalled))}) "
        f"it is {moving / target.amount:.1f}x"
    )


# The deal stages where a rep-customer interaction decides whether a deal moves on (docs/records.md, exit criteria)
FOCUS_STAGES = {"discovery-call": (1, 2), "demo": (2, 3), "objection-handling": (2, 3, 4), "negotiation": (4, 5)}


def tie_to_focus(
    items: Sequence[ReviewItem], focus: Sequence[Any], deals: Sequence[DealView], today: dt.date
) -> list[ReviewItem]:
    """A pipeline review's stuck and quiet deals in the stages where the skill being coached decides whether a deal
    moves: one finding that ties them to that skill, with a question that has the rep find it in those deals."""
    out = list(items)
    if not focus:
        return out
    first = focus[0]
    stages = FOCUS_STAGES.get(first.criterion_id.split(".", 1)[0], ())
    hit = sorted(
        (d for d in deals if d.open and d.stage in stages and _stalled(d, today)), key=lambda d: (-d.amount, d.name)
    )
    if not hit or not any(i.kind in ("stuck", "stale") for i in items):
        return out
    names = _listed([d.name for d in hit[:3]])
    listed = _listed([d.name for d in hit[:3]] + ([f"{len(hit) - 3} more"] if len(hit) > 3 else []))
    where = "stage " + " or ".join(str(n) for n in sorted({d.stage for d in hit}))
    tie = ReviewItem(
        kind="focus",
        text=f"{_deals(len(hit)).capitalize()} stuck or without buyer activity in {where} "
        f"({_k(sum(d.amount for d in hit))}), where “{first.title}”, this brief's focus, decides whether a deal "
        f"moves: {listed}",
        question=f"Which of {names} stalled where “{first.title}” would have made the difference, and what will you "
        "do on its next call?"
        if len(hit) > 1
        else f"What stalled {names}, and what would “{first.title}” have changed on its last call?",
        criterion_id=first.criterion_id,
        citations=[d.id for d in hit][:8],
    )
    at = next(n for n, i in enumerate(out) if i.kind in ("stuck", "stale"))
    out.insert(at + 1, tie)
    return out


def _listed(names: Sequence[str]) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def deal_review(deals: Sequence[DealView], today: dt.date) -> list[ReviewItem]:
    """The deals most worth reviewing (largest open ones first): stage, exit criteria unmet, next step."""
    items: list[ReviewItem] = []
    live = [d for d in deals if d.open and d.category != "omitted"]
    chosen = sorted(live, key=lambda d: (not slipped(d, today), -d.amount))[:3]  # slipped deals first, then largest
    asked = unmet = quiet = 0
    for deal in chosen:
        missing = missing_exit_criteria(deal)
        step = deal.next_step or "no next step on record"
        stale = "; no buyer activity for over 30 days" if _stale(deal, today) else ""
        late = slipped(deal, today)
        if late:
            criterion = "negotiation.mutual-plan"
            question = (
                f"{deal.name} was to close on {_day(deal.close_date)}: what has the buyer said since about the date, "
                "and what do they still need to do before they sign?"
            )
        elif missing and _stale(deal, today):
            label, criterion = missing[0]
            question = STALE_DEAL_QUESTIONS[quiet % len(STALE_DEAL_QUESTIONS)].format(name=deal.name)
            quiet += 1
        elif missing:
            label, criterion = missing[0]
            question = MISSING_QUESTIONS[unmet % len(MISSING_QUESTIONS)].format(name=deal.name, label=label)
            unmet += 1
        else:
            criterion = "deal-review.actions"
            question = MET_QUESTIONS[asked % len(MET_QUESTIONS)].format(name=deal.name, day=_day(deal.close_date))
            asked += 1
        items.append(
            ReviewItem(
                kind="deal",
                text=f"{deal.name} ({_k(deal.amount)}, stage {deal.stage}, {deal.category.replace('_', ' ')}, "
                f'{_closes(deal, today)}): evidence "{deal.evidence or "none recorded"}"; '
                + (f"exit criteria not shown: {', '.join(m for m, _ in missing)}" if missing else "exit criteria met")
                + f"; next step: {step}{stale}",
                question=question,
                criterion_id=criterion,
                citations=[deal.id],
            )
        )
    return items


MISSING_QUESTIONS = (  # each deal its own wording, so three deals do not read as one question three times
    "What have you heard from {name} that shows {label}, and who on their side would say so?",
    "What is the next step with {name} that would show {label}, and when is it?",
    "What would {name} have to do, not just say, to show {label}, and how will you get them there?",
)
STALE_DEAL_QUESTIONS = (
    "When did you last hear from {name}, and what dated step will get you back in front of them?",
    "{name} has been quiet for over 30 days: who there is still engaged, and what would bring them back?",
)
MET_QUESTIONS = (
    "What is the one thing that could still stop {name} from closing by {day}?",
    "Who at {name} could still say no before {day}, and what would they need to see?",
    "What has {name} done, not said, this month that tells you {day} will hold?",
)
SIGNED_OFF = r"\b(signer|signature|paperwork|legal|procurement|contract|order form)\b"


def _signed_off_said(deal: Any) -> str:
    """What the deal's record says of its signer or paperwork, in its own words ("signer is the CFO"), so the manager
    reads which of the two is on record rather than a category."""
    said = [
        part.strip()
        for part in re.split(r"[;,]\s*", deal.evidence)
        if part.strip() and re.search(SIGNED_OFF, part.lower())
    ]
    return "“" + "; ".join(said[:2]) + "”" if said else f"the next step “{deal.next_step}”"


DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
GAP_QUESTIONS = {
    "slipped": (
        "{name} was committed for {close} and has not closed: what has the buyer said about the date since, and what "
        "makes it commit rather than best case now?",
        "forecast-review.evidence",
    ),
    "signer": (
        "Who at {name} signs, and what have they done, not said, that puts the deal in commit?",
        "negotiation.decision-process",
    ),
    "stale": ("When did you last hear from {name}, and what did the buyer agree to do next?", "deal-review.actions"),
    "undated": ("What dated step has {name} agreed to, and who on their side owns it?", "negotiation.mutual-plan"),
    "passed": (
        "{name}'s agreed step was due {due} and the deal is still open: what happened, and what does it mean for "
        "your call?",
        "negotiation.mutual-plan",
    ),
}


def _passed_step(deal: DealView, today: dt.date) -> dt.date | None:
    """The date of the deal's next step when it has passed with the deal still open."""
    found = DATE.search(deal.next_step)
    if not found:
        return None
    due = dt.date.fromisoformat(found.group(1))
    return due if due < today else None


def _period_items(
    period: str, open_deals: Sequence[DealView], targets: Sequence[TargetView], today: dt.date
) -> list[ReviewItem]:
    """One quarter's forecast: commit, best case and pipeline against its target, then each commit deal's gaps."""
    items: list[ReviewItem] = []
    slipped_in = period == quarter_of(today)  # a deal left open past its date in an earlier quarter is due now
    in_period = [d for d in open_deals if quarter_of(d.close_date) == period or (slipped_in and d.close_date < today)]
    commit = [d for d in in_period if d.category == "commit"]
    best = [d for d in in_period if d.category == "best_case"]
    target = next((t for t in targets if t.period == period), None)
    committed = sum(d.amount for d in commit)
    against = f" against a {_k(target.amount)} target ({committed / target.amount:.0%} committed)" if target else ""
    items.append(
        ReviewItem(
            kind="forecast",
            text=f"{period}: {_amount(commit)} in commit, {_amount(best)} in best case; "
            f"{_k(sum(d.amount for d in in_period))} open in {_deals(len(in_period))} in all{against}",
            question=f"What is your call for {period}, and which deals would you stake it on?",
            criterion_id="forecast-review.rep-call",
            citations=[d.id for d in [*commit, *best]][:8],
        )
    )
    if in_period and not commit and not best:  # nothing called yet: start from the deal most likely to be
        largest = max(in_period, key=lambda d: (d.stage, d.amount))
        items.append(
            ReviewItem(
                kind="deal",
                text=f"Furthest along of the {_deals(len(in_period))} open in {period}: {largest.name} "
                f"({_k(largest.amount)}, stage {largest.stage}, {_closes(largest, today)}), not yet called best case",
                question=f"What would {largest.name} need to do, and by when, for you to call it best case for "
                f"{period}?",
                criterion_id="forecast-review.categories",
                citations=[largest.id],
            )
        )
    held = 0
    for deal in commit:
        gaps: list[tuple[str, str]] = []
        late = slipped(deal, today)
        if late:
            gaps.append(("slipped", f"its close date {_day(deal.close_date)} passed {_days_ago(late)}"))
        if not re.search(SIGNED_OFF, f"{deal.evidence} {deal.next_step}".lower()):
            gaps.append(("signer", "no signer or paperwork path on record"))
        if _stale(deal, today):
            gaps.append(("stale", f"no buyer activity in {STALE_DAYS} days"))
        passed = _passed_step(deal, today)
        if passed is not None:
            gaps.append(("passed", f'its next step "{deal.next_step}" overdue since {_day(passed)}'))
        elif not re.search(r"\d", deal.next_step):
            gaps.append(("undated", "no dated next step"))
        if not gaps:  # a commit with its evidence on record is still tested, one question per deal
            items.append(
                ReviewItem(
                    kind="deal",
                    text=f"{deal.name} ({_k(deal.amount)}) is in commit with {_signed_off_said(deal)}, recent buyer "
                    f"activity and a dated next step on record ({deal.next_step})",
                    question=MET_QUESTIONS[held % len(MET_QUESTIONS)].format(name=deal.name, day=_day(deal.close_date)),
                    criterion_id="forecast-review.upside-risk",
                    citations=[deal.id],
                )
            )
            held += 1
        if gaps:
            template, criterion = GAP_QUESTIONS[gaps[0][0]]
            items.append(
                ReviewItem(
                    kind="forecast_gap",
                    text=f"{deal.name} ({_k(deal.amount)}) is in commit with {', '.join(g for _, g in gaps)}",
                    question=template.format(
                        name=deal.name, due=_day(passed) if passed else "", close=_day(deal.close_date)
                    ),
                    criterion_id=criterion,
                    citations=[deal.id],
                )
            )
    return items


def forecast_review(deals: Sequence[DealView], today: dt.date, targets: Sequence[TargetView] = ()) -> list[ReviewItem]:
    """Commit against evidence: each commit deal without a signer, a recent buyer touch or a dated step still ahead
    is a gap, with the question that coaches it. A quarter with nothing forecast says so and looks at the next."""
    current = quarter_of(today)
    open_deals = [d for d in deals if d.open]
    periods = sorted({quarter_of(d.close_date) for d in open_deals if quarter_of(d.close_date) >= current})
    period = current
    items: list[ReviewItem] = []
    if not any(
        (quarter_of(d.close_date) == current or d.close_date < today) and d.category in ("commit", "best_case")
        for d in open_deals
    ):
        later = [p for p in periods if p > current]
        now = current in periods
        items.append(
            ReviewItem(
                kind="forecast",
                text=f"Nothing in commit or best case closes in {current}"
                + (
                    f"; the forecast to review is {later[0]}"
                    if later
                    else "; its open deals are all pipeline"
                    if now
                    else "; no open deal closes later either"
                ),
                criterion_id="forecast-review.rep-call",
            )
        )
        if not later and not now:
            return items
        period = later[0] if later else current
    items += _period_items(period, open_deals, targets, today)
    ahead = sorted(t.period for t in targets if t.period > period)
    if period == current and ahead:  # the next quarter's number against its target, as a look ahead
        summary = _period_items(ahead[0], open_deals, targets, today)[0]
        items.append(summary.model_copy(update={"text": f"Looking ahead, {summary.text}", "question": ""}))
    return items


def review_items(
    meeting: str, deals: Sequence[DealView], targets: Sequence[TargetView], today: dt.date
) -> list[ReviewItem]:
    """The meeting's own findings; a 1-on-1 has none."""
    if meeting == "pipeline-review":
        return pipeline_review(deals, targets, today)
    if meeting == "deal-review":
        return deal_review(deals, today)
    if meeting == "forecast-review":
        return forecast_review(deals, today, targets) if deals else []
    return []


SKILL_STATE = {
    "intervene": "below the threshold in the observed calls as well, and this brief's focus",
    "self_correcting": "the rep is fixing it alone (the window is open), and these deals say it is not fixed yet",
    "verify": "below the threshold at the last observation; these deals are the next observation",
    "ready_to_coach": "the advanced skill to coach next",
    "on_track": "on track in the observed calls, so these deals show what the calls do not",
}


def what_it_says_about_skills(items: Sequence[ReviewItem], status: Any, titles: dict[str, str]) -> list[ReviewItem]:
    """Each finding with the rep's standing on the skill it points to, from the trust-but-verify status."""
    states = {s.criterion: s.state for s in status.skills()}
    out = []
    for item in items:
        state = states.get(item.criterion_id)
        if item.criterion_id in titles and state in SKILL_STATE:
            note = f"points to the skill “{titles[item.criterion_id]}”: {SKILL_STATE[state]}"
            item = item.model_copy(update={"skills": note})
        out.append(item)
    return out


AT_RISK_KINDS = ("stuck", "stale", "focus", "forecast_gap")
DEAL_AT_RISK = ("not shown", "no buyer activity", "passed", "no next step")
REVIEW_COMMIT_DAYS = 7


# What an open promise of the rep's is about: new meetings or pipeline to create, or deals already open to move on.
NEW_PIPELINE = re.compile(
    r"\b(book|set up|schedule|generate|add|create|source|find|prospect)\b[^.;]*?\b(\d+|new|more)\b"
    r"(\s+[\w-]+){0,3}?\s+(meetings|opportunities|leads|deals|accounts|pipeline)\b|\bnew pipeline\b",
    re.I,
)
OPEN_DEALS = re.compile(r"\b(deals?|opportunit\w*|pipeline|stage[- ]\d)\b", re.I)


def _promised(
    open_items: Sequence[tuple[str, str, dt.date | None]], about: Any, deals: Sequence[str] = ()
) -> tuple[str, str, dt.date | None] | None:
    """The rep's open item that already promises this (a regex on its text, or a deal it names)."""
    for item in open_items:
        text = item[1]
        if about is NEW_PIPELINE and NEW_PIPELINE.search(text):
            return item
        if (
            about is OPEN_DEALS
            and not NEW_PIPELINE.search(text)
            and (OPEN_DEALS.search(text) or any(n and n.lower() in text.lower() for n in deals))
        ):
            return item
    return None


def _took_on(item: tuple[str, str, dt.date | None]) -> str:
    """'You agreed to “Update or close three stale deals” by 8 December', the rep's own open promise."""
    return f"You agreed to “{item[1].rstrip('.')}”" + (f" by {_day(item[2])}" if item[2] else "")


def review_commitments(
    meeting: str,
    items: Sequence[ReviewItem],
    deals: Sequence[DealView],
    today: dt.date,
    open_items: Sequence[tuple[str, str, dt.date | None]] = (),
) -> list[tuple[str, str, list[str]]]:
    """What a deal, pipeline or forecast review closes on, from its own findings: a dated step on the deals it found
    at risk, the meetings that fill a coverage gap, the call the rep will stand behind (text, criterion, deal ids).
    A promise the rep already made and has not closed (`open_items`: the rep's open action items, id, text and due)
    is what the pipeline review's closing question checks, not a second promise of the same thing beside it."""
    by = _day(today + dt.timedelta(days=REVIEW_COMMIT_DAYS))
    names = {d.id: d.name for d in deals}
    at_risk = [c for i in items if i.kind in AT_RISK_KINDS for c in i.citations if c in names]
    if meeting == "deal-review":  # the deal most at risk (else the first reviewed): one next step, not three at once
        reviewed = [i for i in items if i.kind == "deal" and i.question]
        reviewed.sort(key=lambda i: not any(w in i.text for w in DEAL_AT_RISK))
        at_risk = [c for i in reviewed for c in i.citations if c in names][:1]
    at_risk = list(dict.fromkeys(at_risk))[:3]
    out: list[tuple[str, str, list[str]]] = []
    listed = _listed([names[c] for c in at_risk]) if at_risk else ""
    if meeting == "pipeline-review":
        if at_risk:
            kept = _promised(open_items, OPEN_DEALS, [names[c] for c in at_risk])
            if kept is not None:
                out.append(
                    (
                        f"{_took_on(kept)}: which of {listed} is done, and what dated step will each of the rest have "
                        f"by {by}?"
                        if len(at_risk) > 1
                        else f"{_took_on(kept)}: where does {listed} stand, and what dated step will it have by {by}?",
                        "pipeline-review.actions",
                        [kept[0], *at_risk],
                    )
                )
            else:
                out.append(
                    (
                        f"By {by}, which of {listed} will you move to the next stage or close out, and what dated step "
                        "will each one have?"
                        if len(at_risk) > 1
                        else f"By {by}, what dated step will move {listed} on, or will you close it out?",
                        "pipeline-review.actions",
                        at_risk,
                    )
                )
        short = next((i for i in items if i.kind == "coverage" and i.criterion_id.endswith("generation-plan")), None)
        if short is not None:
            period = short.text.split(" is ", 1)[0].removeprefix("Coverage for ")
            kept = _promised(open_items, NEW_PIPELINE)
            out.append(
                (
                    f"{_took_on(kept)}: how many are booked, and how many more will you book by {by} toward the gap "
                    f"for {period}?"
                    if kept is not None
                    else f"How many new first meetings will you book by {by} toward the gap for {period}, and from "
                    "which accounts?",
                    "pipeline-review.generation-plan",
                    [kept[0], *short.citations] if kept is not None else short.citations,
                )
            )
    elif meeting == "forecast-review" and deals:
        # the quarter the review reviews: this one, or the next when nothing is called in this one
        called = [(m, i) for i in items if i.kind == "forecast" for m in [re.match(r"(\d{4}-Q\d): ", i.text)] if m]
        period = called[0][0].group(1) if called else quarter_of(today)
        # with nothing at risk, the close still names the deals the call rests on: "what is your call" is asked
        # in section 4 already, and the commitment is what each deal will have done by the next review
        behind = [c for c in (called[0][1].citations if called else []) if c in names][:3]
        out.append(
            (
                f"What call for {period} will you stand behind at our next forecast review"
                + (
                    f", and what will {listed} have done by {by} to stay in it?"
                    if at_risk
                    else f", and what will {_listed([names[c] for c in behind])} have done by {by} to stay in it?"
                    if behind
                    else "?"
                ),
                "forecast-review.rep-call",
                at_risk or behind,
            )
        )
    elif meeting == "deal-review" and at_risk:
        deal = next(d for d in deals if d.id == at_risk[0])
        found = DATE.search(deal.next_step)
        if found and dt.date.fromisoformat(found.group(1)) >= today:
            # the deal has a dated step coming: the close is what that step must show, not a request for a step
            missing = missing_exit_criteria(deal)
            step = DATE.sub(lambda m: f"on {_day(dt.date.fromisoformat(m.group(1)))}", deal.next_step)
            step = re.sub(r"\bon on\b", "on", step)
            out.append(
                (
                    f"At your next step with {deal.name} ({step[0].lower()}{step[1:]}), what must you hear to show "
                    f"{missing[0][0]}, and what dated step will you agree before you leave it?"
                    if missing
                    else f"At your next step with {deal.name} ({step[0].lower()}{step[1:]}), what must come out of it "
                    "for the deal to move, and what dated step will you agree before you leave it?",
                    "deal-review.actions",
                    at_risk,
                )
            )
        else:
            out.append(
                (
                    f"By {by}, what step will {listed} have agreed to with a date, and who on the buyer's side owns it?",
                    "deal-review.actions",
                    at_risk,
                )
            )
    return out


def one_question_per_deal(items: Sequence[ReviewItem]) -> list[ReviewItem]:
    """A deal that two findings name alone (stuck, and quiet, and where the focus skill decides) is asked about once,
    under its first finding: three questions on one deal crowd out the rest of the meeting."""
    asked: set[str] = set()
    out: list[ReviewItem] = []
    for item in items:
        if item.question and len(item.citations) == 1 and item.kind != "deal":
            if item.citations[0] in asked:
                item = item.model_copy(update={"question": ""})
            asked.add(item.citations[0])
        out.append(item)
    return out
