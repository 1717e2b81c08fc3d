"""Speaker roles: inferred by a stated rule, given roles win, bad roles name the fix."""

from __future__ import annotations

import pytest

from copilot.review.roles import RoleError, assign_roles
from copilot.review.transcript import parse_transcript

CALL = """Omar: Hi, thanks for having me.
Nina: Thanks for taking the time. How are your managers coaching today?
Omar: Mostly in forecast calls, honestly.
Nina: What does that cost you in ramp time?
Omar: About two months per new hire.
Nina: Our platform picks the calls worth coaching. Would a short demo next week help?
"""

COACHING = """Sam: Hey, got a minute?
Dana: Sure. Last week you said you'd call the CFO. Did you get to it?
Sam: Not yet, my champion said to wait.
Dana: What do you think is behind that?
Sam: I think she's worried about looking bad.
Dana: How could you help her look good?
"""


def test_call_rep_is_inferred_and_the_rule_is_stated() -> None:
    roles = assign_roles(parse_transcript(CALL), "call")
    assert roles.roles == {"Omar": "buyer", "Nina": "rep"}
    assert roles.inferred
    assert any("Nina inferred as rep" in a and "rule:" in a for a in roles.assumptions)


def test_coaching_manager_is_inferred_even_when_the_rep_speaks_first() -> None:
    roles = assign_roles(parse_transcript(COACHING), "coaching")
    assert roles.roles == {"Sam": "rep", "Dana": "manager"}
    assert roles.focal_role == "manager"


def test_given_roles_override_inference_and_synonyms_are_accepted() -> None:
    roles = assign_roles(parse_transcript(CALL), "call", {"omar": "seller"})
    assert roles.roles == {"Omar": "rep", "Nina": "buyer"}
    assert roles.assumptions == ["Nina taken as buyer"]
    both = assign_roles(parse_transcript(CALL), "call", {"Omar": "customer", "Nina": "rep"})
    assert both.roles == {"Omar": "buyer", "Nina": "rep"}
    assert not both.inferred and not both.assumptions


def test_partial_roles_fill_the_rest_with_the_other_role() -> None:
    roles = assign_roles(parse_transcript(COACHING), "coaching", {"Sam": "manager"})
    assert roles.roles["Dana"] == "rep"


def test_roles_from_speaker_labels() -> None:
    t = parse_transcript("Lee (Customer): Hi.\nAlex (AE): Hello, what brings you here?\nLee (Customer): Pricing.")
    roles = assign_roles(t, "call")
    assert roles.roles == {"Lee (Customer)": "buyer", "Alex (AE)": "rep"}
    assert any("speaker labels" in a for a in roles.assumptions)


def test_unknown_speaker_or_role_names_the_fix() -> None:
    t = parse_transcript(CALL)
    with pytest.raises(RoleError) as err:
        assign_roles(t, "call", {"Priya": "rep"})
    assert "Omar" in (err.value.fix or "") and "Nina" in (err.value.fix or "")
    with pytest.raises(RoleError) as err:
        assign_roles(t, "call", {"Nina": "manager"})
    assert "rep, buyer" in (err.value.fix or "")
    with pytest.raises(RoleError):
        assign_roles(t, "negotiation", None)  # type: ignore[arg-type]


def test_one_speaker_gets_the_focal_role_with_an_assumption() -> None:
    roles = assign_roles(parse_transcript("Kyle: We're the leading platform."), "call")
    assert roles.roles == {"Kyle": "rep"}
    assert any("only one speaker" in a for a in roles.assumptions)
