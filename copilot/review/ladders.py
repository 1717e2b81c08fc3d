"""Which observations earn which level: the cue table and one four-level ladder per criterion of the default map.

A `Cue` is a named observation about one utterance: who says it (`role`), where in the call (`region`), a
pattern from copilot.review.cues it must match, optionally a second pattern it must `also` match, one it must
not (`unless`), and acts it must carry. `region` is `all`, `opening` (first quarter), `closing` (last third),
`after:F` (after feature F's first hit), `from:F` (that turn on), `reply:F` (the rep's first turn after F) or
`before:F`.

A `Ladder` climbs the four-level scale: level 2 needs every requirement of step one, level 3 those of step two
as well, level 4 those of step three. A requirement is a feature name, `!name` (absent), `a|b` (either) or
`2of:a,b,c`. Features not in CUES are computed in copilot.review.call_features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copilot.review import cues as c


@dataclass(frozen=True)
class Cue:
    """An observable moment: an utterance by `role` in `region` matching `pattern` (and `also`, not `unless`)."""

    text: str
    pattern: re.Pattern[str]
    role: str | None = "rep"
    region: str = "all"
    also: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    acts: tuple[str, ...] = ()
    count: int = 1


ASKS = ("open_question", "closed_question")
ANY = re.compile(r".")
CUES: dict[str, Cue] = {
    "purpose": Cue("states the purpose of the call", c.PURPOSE, region="opening"),
    "time": Cue("checks the time available", c.TIME_CHECK, region="opening"),
    "structure": Cue("proposes an agenda", c.STRUCTURE, region="opening"),
    "invite": Cue("asks what the buyer would add", c.INVITE, region="opening"),
    "buyer_adds": Cue("the buyer adds an item", c.BUYER_ADDS, "buyer", "after:invite"),
    "outcome": Cue("asks what a useful outcome would be", c.OUTCOME, region="opening"),
    "research": Cue("uses pre-call research", c.RESEARCH, region="opening"),
    "history": Cue("describes the company by history or size", c.HISTORY),
    "problem": Cue("the buyer describes a problem", c.PROBLEM, "buyer"),
    "cost": Cue("the buyer puts a cost or consequence on it", c.COST, "buyer"),
    "urgency": Cue("the buyer names a deadline", c.URGENCY, "buyer"),
    "personal": Cue("the buyer says what it means for them personally", c.PERSONAL, "buyer"),
    "example": Cue("gives a similar-customer example", c.EXAMPLE, region="from:capability", also=c.RESULT),
    "check.fit": Cue("checks the match with the buyer", c.CHECK_FIT, region="from:capability"),
    "qualify": Cue("asks who decides and when", c.QUALIFY, acts=ASKS),
    "invite_live": Cue("sends the invite on the call", c.INVITE_LIVE, region="closing"),
    "success": Cue("agrees success criteria", c.SUCCESS, None, "closing"),
    "recap": Cue("recaps what was heard in discovery", c.RECAP, region="opening"),
    "recap.confirm": Cue("asks the buyer to confirm the priorities", c.RECAP_CHECK, region="opening"),
    "reorder": Cue("adjusts the demo order", c.REORDER, region="opening"),
    "show": Cue("shows the product", c.SHOW),
    "tour": Cue("tours unrelated features", c.TOUR),
    "buyer_data": Cue("uses data shaped like the buyer's", c.BUYER_DATA),
    "changes2": Cue("ends screens with what they change for the buyer", c.CHANGES, count=2),
    "jargon_ask": Cue("the buyer has to ask what it means", c.JARGON_ASK, "buyer"),
    "echo": Cue("the buyer repeats the value back", c.ECHO, "buyer"),
    "checkin.generic": Cue("asks a generic 'any questions?'", c.GENERIC_CHECK, region="after:show"),
    "checkin.specific": Cue(
        "checks in with a specific question", ANY, "rep", "after:show", None, c.GENERIC_CHECK, ASKS
    ),
    "checkin.specific2": Cue(
        "checks in after sections, more than once", ANY, "rep", "after:show", None, c.GENERIC_CHECK, ASKS, 2
    ),
    "buyer_drives": Cue("the buyer drives the demo", c.BUYER_DRIVES, "buyer"),
    "proof.example": Cue("gives a customer example", c.EXAMPLE),
    "proof.result": Cue("with a concrete result", c.EXAMPLE, also=c.RESULT),
    "misfit": Cue("the buyer says the proof does not fit", c.MISFIT, "buyer"),
    "fit": Cue("the proof matches the buyer's size or role", c.FIT),
    "reference": Cue("offers a reference", c.REFERENCE),
    "case_ask": Cue("the buyer asks for the case study", c.CASE_ASK, "buyer"),
    "names_worry": Cue("names the underlying worry", c.NAMES_WORRY, region="after:objection"),
    "verify": Cue("offers a way to verify", c.VERIFY, region="after:objection"),
    "obj.return": Cue("returns to the earlier topic", c.RETURN, region="after:objection"),
    "obj.followup": Cue("suggests checking back later", c.OBJ_FOLLOWUP, region="after:objection"),
    "value.case": Cue("restates the business case", c.VALUE_CASE),
    "value.buyer": Cue("the buyer restates the value", c.BUYER_VALUE, "buyer"),
    "limit": Cue("knows the limit", c.LIMIT),
    "reviewed": Cue("reviewed the plan with their manager", c.REVIEWED),
    "alternatives": Cue("knows the buyer's alternative", c.ALTERNATIVES),
    "unsure": Cue("has to ask what they can give", c.UNSURE),
    "signer": Cue("confirms who signs", c.SIGNER, None),
    "timing": Cue("knows how long the remaining steps take", c.STEP_TIMING, None, also=c.STEPS),
    "met": Cue("has spoken with the approvers", c.MET),
    "written": Cue("has the signing process in writing", c.WRITTEN, None),
    "plan.mention": Cue("lays out a close plan", c.PLAN),
    "weekly": Cue("reviews the plan every week", c.WEEKLY),
    "event": Cue("ties the plan to a business event", c.EVENT, None),
}


# One row per criterion: the requirements for levels 2, 3 and 4, the features worth quoting (first found wins)
# and the line quoted when none is found. Columns are separated by " | "; "a|b" inside a column means either.
LADDER_TABLE = """
discovery-call.agenda                 | purpose|structure         | time invite                   | 2of:buyer_adds,outcome,research    | structure purpose invite time              | rep.first
discovery-call.insight-story          | insight                   | insight.question              | insight.reaction insight.build     | insight history                            | rep.longest
discovery-call.key-issue              | explored                  | cost                          | urgency personal playback          | explored playback issue.reply              | issue.reply
discovery-call.solution-fit           | fit.weak|fit.link         | fit.link                      | example check.fit                  | fit.link fit.weak feature_list capability  | rep.longest
discovery-call.listening              | listen.some               | listen.half                   | listen.two_thirds                  | listen.followup                            | rep.longest
discovery-call.next-steps             | step.proposed|step.dated  | qualify step.dated            | stakeholders both_prepare invite_live | step.dated step.proposed                | rep.last
demo.recap                            | recap                     | recap.confirm                 | recap.numbers recap.adds reorder   | recap                                    | rep.first
demo.tailored                         | issue_intro               | !tour                         | buyer_data changes2                | issue_intro tour show                      | rep.longest
demo.value-message                    | value.any                 | !jargon_ask value.start value.end | value.proof echo               | value.start value.any                      | rep.longest
demo.engagement                       | checkin.generic|checkin.specific | checkin.specific2      | buyer_drives                       | checkin.specific checkin.generic           | rep.longest
demo.proof                            | proof.example             | proof.result !misfit          | reference fit|case_ask             | proof.result proof.example                 | rep.longest
demo.next-steps                       | step.proposed|step.dated  | step.dated stakeholders       | success both_prepare               | step.dated step.proposed                   | rep.last
negotiation.preparation               | limit|some_conditional    | limit all_conditional         | reviewed alternatives              | reviewed limit concession                  | rep.first
negotiation.value-anchor              | value.case                | value.before_price            | value.buyer_first value.numbers    | value.before_price value.case              | price.first
negotiation.trades                    | some_conditional          | all_conditional !growing      | shrinking value_trade              | concession.conditional concession          | rep.first
negotiation.decision-process          | signer                    | steps timing                  | met written                        | signer timing                              | rep.last
negotiation.mutual-plan               | plan.mention|plan.dated   | plan.mention plan.both        | weekly event                       | plan.mention plan.dated                    | rep.last
objection-handling.acknowledges       | ack                       | ack.clean                     | names_worry buyer_opens            | ack names_worry                            | reply
objection-handling.clarifies          | clar.question             | clar.open                     | clar.depth clar.confirm            | clar.open clar.question                    | reply
objection-handling.answers-with-proof | ans.messaging|ans.proof   | ans.proof                     | ans.similar verify                 | ans.proof ans.messaging                    | reply
objection-handling.checks             | chk.any                   | chk.specific                  | chk.doubt                          | chk.specific chk.any                       | rep.last
objection-handling.advances           | obj.return|obj.step|obj.followup | obj.step                      | obj.dated                          | obj.dated obj.step obj.return              | rep.last
"""


@dataclass(frozen=True)
class Ladder:
    """Requirements for levels 2, 3 and 4, the features worth quoting, and the line to quote otherwise."""

    steps: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    evidence: tuple[str, ...]
    fallback: str


def _ladders(table: str) -> dict[str, Ladder]:
    """Parse LADDER_TABLE into ladders keyed by criterion id."""
    ladders = {}
    for row in filter(None, (line.strip() for line in table.splitlines())):
        criterion, two, three, four, quote, fallback = (cell.strip() for cell in row.split(" | "))
        steps = (tuple(two.split()), tuple(three.split()), tuple(four.split()))
        ladders[criterion] = Ladder(steps, tuple(quote.split()), fallback)
    return ladders


LADDERS: dict[str, Ladder] = _ladders(LADDER_TABLE)
