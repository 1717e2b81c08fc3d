"""Speaker roles (rep/buyer on a call, manager/rep in a coaching conversation), given or inferred.

Inference is a stated rule, never silent: the rule and the evidence go into `assumptions` so a user can
confirm it or override it with `roles={"Dana": "manager"}`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from copilot.errors import CopilotError
from copilot.review.acts import tag_utterance
from copilot.review.transcript import Transcript

Kind = Literal["call", "coaching"]
ROLE_SETS: dict[str, tuple[str, str]] = {"call": ("rep", "buyer"), "coaching": ("manager", "rep")}
SYNONYMS = {
    "seller": "rep",
    "salesperson": "rep",
    "ae": "rep",
    "sdr": "rep",
    "bdr": "rep",
    "account executive": "rep",
    "customer": "buyer",
    "prospect": "buyer",
    "client": "buyer",
    "coach": "manager",
    "mgr": "manager",
    "sales manager": "manager",
    "leader": "manager",
}
NAME_HINTS: dict[str, re.Pattern[str]] = {
    "rep": re.compile(r"\b(rep|ae|sdr|bdr|seller|sales ?rep|salesperson|account exec\w*|vendor)\b", re.I),
    "buyer": re.compile(r"\b(buyer|customer|prospect|client)\b", re.I),
    "manager": re.compile(r"\b(manager|coach|mgr|sales lead|team lead|director)\b", re.I),
}
SELLER_CUES = re.compile(
    r"\b(our (platform|product|solution|tool|software|customers|pricing|roadmap|team can|integration)|"
    r"we (help|offer|provide|integrate|support)|thanks for (taking|making|joining|your time)|agenda|"
    r"demo|case stud(y|ies)|next steps?)\b",
    re.I,
)
BUYER_CUES = re.compile(
    r"\b(your (product|platform|solution|tool|software|pricing|price|company|contract|proposal)|"
    r"our (budget|current (tool|vendor|provider|system|process)|procurement|cfo|board|vendor)|"
    r"we (currently|already) (use|have)|send me)\b",
    re.I,
)
MANAGER_CUES = re.compile(
    r"\b(last (week|time|one-on-one)|your (call|deal|pipeline|forecast|quota|number|opener|discovery|demo)|"
    r"did you get to|what would you do differently|how did (the|your) .{0,30}go|roleplay|role-play|"
    r"one-on-one|i'll (join|sit in|send you))\b",
    re.I,
)
REP_CUES = re.compile(
    r"\b(my (call|deal|pipeline|quota|champion|forecast|prospect|territory|accounts?)|the (buyer|customer|"
    r"prospect|champion) (said|told|asked|wants|wanted)|they (said|told me|asked)|i (pitched|demoed|sent|"
    r"called|emailed))\b",
    re.I,
)


class RoleError(CopilotError):
    """Roles given by the user do not fit the transcript."""


class RoleAssignment(BaseModel):
    """Who plays which part, and whether that was given or inferred."""

    kind: Kind
    roles: dict[str, str] = Field(description="speaker name -> role")
    inferred: bool = Field(description="True when any role was inferred rather than given")
    assumptions: list[str] = Field(default_factory=list)

    def speakers_with(self, role: str) -> list[str]:
        """Speakers holding a role, in transcript order."""
        return [s for s, r in self.roles.items() if r == role]

    @property
    def focal_role(self) -> str:
        """The role whose behaviour the review coaches: the rep on a call, the manager in a 1-on-1."""
        return ROLE_SETS[self.kind][0]


def _normalize_role(role: str, kind: Kind) -> str:
    """Map synonyms to this kind's role names; reject roles the kind does not have."""
    value = SYNONYMS.get(role.strip().lower(), role.strip().lower())
    if value not in ROLE_SETS[kind]:
        raise RoleError(
            f"role {role!r} is not a {kind} role", fix=f"use one of {', '.join(ROLE_SETS[kind])} for a {kind}"
        )
    return value


def _match_speaker(name: str, speakers: list[str]) -> str:
    """The transcript speaker a user-given name refers to (case-insensitive, or a unique prefix)."""
    lowered = {s.lower(): s for s in speakers}
    if name.lower() in lowered:
        return lowered[name.lower()]
    prefixed = [s for s in speakers if s.lower().startswith(name.lower())]
    if len(prefixed) == 1:
        return prefixed[0]
    raise RoleError(
        f"speaker {name!r} is not in the transcript",
        fix=f"use one of the speakers found: {', '.join(speakers)}",
    )


def _evidence(transcript: Transcript, kind: Kind) -> dict[str, tuple[float, str]]:
    """Per speaker: how much they look like the focal role, and the evidence in words."""
    stats: dict[str, dict[str, int]] = {
        s: {"q": 0, "advice": 0, "cue": 0, "anti": 0, "first": 0} for s in transcript.speakers
    }
    stats[transcript.speakers[0]]["first"] = 1
    focal_cues, other_cues = (SELLER_CUES, BUYER_CUES) if kind == "call" else (MANAGER_CUES, REP_CUES)
    for utterance in transcript.utterances[:400]:
        tag = tag_utterance(utterance.text)
        row = stats[utterance.speaker]
        row["q"] += tag.open_questions + tag.closed_questions
        row["advice"] += int("advice" in tag.acts)
        row["cue"] += len(focal_cues.findall(utterance.text))
        row["anti"] += len(other_cues.findall(utterance.text))
    result = {}
    for speaker, row in stats.items():
        score = row["q"] + 2 * row["cue"] - 2 * row["anti"] + 0.5 * row["first"]
        if kind == "coaching":
            score += row["advice"]
        why = (
            f"{row['q']} question(s), {row['cue']} {ROLE_SETS[kind][0]} phrase(s), {row['anti']} "
            f"{ROLE_SETS[kind][1]} phrase(s)"
        )
        result[speaker] = (score, why)
    return result


def _by_name(speakers: list[str], kind: Kind) -> dict[str, str]:
    """Roles read off labels like 'Dana (Manager)' or 'Rep'; only used when the labels settle it."""
    found: dict[str, str] = {}
    for speaker in speakers:
        hits = [role for role in ROLE_SETS[kind] if NAME_HINTS[role].search(speaker)]
        if len(hits) == 1:
            found[speaker] = hits[0]
    return found


def assign_roles(transcript: Transcript, kind: Kind = "call", roles: dict[str, str] | None = None) -> RoleAssignment:
    """Roles from the user where given; the rest inferred by a stated rule recorded in `assumptions`."""
    if kind not in ROLE_SETS:
        raise RoleError(f"unknown review kind {kind!r}", fix="use --kind call or --kind coaching")
    focal, other = ROLE_SETS[kind]
    speakers = transcript.speakers
    given = {_match_speaker(name, speakers): _normalize_role(role, kind) for name, role in (roles or {}).items()}
    assigned = dict(given)
    assumptions: list[str] = []
    rest = [s for s in speakers if s not in assigned]
    if rest:
        named = _by_name(rest, kind)
        if named:
            assigned.update(named)
            assumptions.append(
                "roles read from the speaker labels: " + ", ".join(f"{s} = {r}" for s, r in named.items())
            )
            rest = [s for s in rest if s not in assigned]
    if rest:
        if focal not in assigned.values():
            evidence = _evidence(transcript, kind)
            pick = max(rest, key=lambda s: (evidence[s][0], -speakers.index(s)))
            assigned[pick] = focal
            rule = (
                "the rep is the speaker who asks the most questions and uses seller phrases "
                "('our platform', 'demo', 'next steps')"
                if kind == "call"
                else "the manager is the speaker who asks and advises the most and refers to the rep's "
                "calls, deals and last week's commitments"
            )
            assumptions.append(
                f"{pick} inferred as {focal} ({evidence[pick][1]}); rule: {rule}; pass roles to override"
            )
            rest = [s for s in rest if s != pick]
        for speaker in rest:
            assigned[speaker] = other
        if rest:
            assumptions.append(f"{', '.join(rest)} taken as {other}")
    if len(speakers) == 1:
        assumptions.append(
            f"only one speaker: {speakers[0]} is the {assigned[speakers[0]]}; "
            f"there is no {other if assigned[speakers[0]] == focal else focal} to compare with"
        )
    ordered = {s: assigned[s] for s in speakers}
    return RoleAssignment(kind=kind, roles=ordered, inferred=len(given) < len(speakers), assumptions=assumptions)
