"""The classes heldout7 showed the brief missing, in words of their own: will said without the usual words, a rep
who did not know an asset exists, a certification that is not so and a discount nobody signed off, and the rep's own
news quoted as "you" beside a buyer's name."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from copilot.prep.models import Evidence
from copilot.prep.rep_questions import rep_pronoun, second_person
from copilot.prep.rootcause import History, diagnose
from copilot.prep.stakes import Records, _claim, _compliance, claim_sentences, repeats_a_claim

D = dt.date(2026, 10, 1)
TODAY = dt.date(2026, 12, 4)
SLIPPED = [
    Evidence(id="o1", date=D, level=4, observer="manager", text="Asked the buyer what the delay costs each week."),
    Evidence(id="o2", date=D + dt.timedelta(days=20), level=2, observer="peer", text="No cost question at all."),
    Evidence(id="o3", date=D + dt.timedelta(days=40), level=2, observer="manager", text="Moved on without a number."),
]
NEVER = [e.model_copy(update={"level": 2}) for e in SLIPPED]


def _cause(note: str, counted: list[Evidence] = SLIPPED, criterion: str = "discovery-call.key-issue") -> str:
    notes = [Evidence(id="s1", date=D + dt.timedelta(days=42), text=note)]
    return diagnose(History(criterion, 3, counted, [], notes)).category


@pytest.mark.parametrize(
    "note",
    [
        "Asked about the cost questions: she sees no reason to put in the effort on accounts this small.",
        "He doesn't think chasing the numbers is worth his while this quarter.",
        "She does not believe it's worth the trouble for a deal that will close anyway.",
        "Since the comp change he has been phoning it in on discovery.",
        "She admits she is doing the bare minimum on these calls.",
        "He is just going through the motions with the cost questions.",
    ],
)
def test_will_in_plain_words_is_will(note: str) -> None:
    assert _cause(note) == "will"


def test_worth_the_effort_said_of_practice_is_not_will() -> None:
    assert _cause("She says the roleplays were worth the effort and she wants to fix it.") != "will"


@pytest.mark.parametrize(
    "note",
    [
        "He had no clue there is an approved value statement for the module.",
        "Nobody ever pointed her to the message library, so she lists the screens.",
        "She wasn't aware we keep a one-line value message for each module.",
    ],
)
def test_not_knowing_a_message_exists_is_knowledge_not_messaging(note: str) -> None:
    assert _cause(note, NEVER, "demo.value-message") == "knowledge"


@pytest.mark.parametrize(
    "text",
    [
        "Told the county CIO we are FedRAMP authorised, which we are not.",
        "Said the platform is ISO 27001 certified, which is not a thing for a product.",
        "She agreed a 25 percent cut on year one that nobody approved.",
        "Offered them a discount without sign-off from finance.",
        "Gave 15 percent off that no one had approved.",
    ],
)
def test_untrue_certifications_and_unsigned_discounts_are_claims(text: str) -> None:
    assert _claim(text)


@pytest.mark.parametrize(
    "text",
    [
        "Held the price at 40k; nobody approved anything new.",
        "Gave 10 percent off and the VP approved it first.",
        "Asked finance for approval before offering the discount.",
    ],
)
def test_an_approved_or_no_discount_is_not_a_claim(text: str) -> None:
    assert not _claim(text)


def _records(notes: str, observations: list[object] = ()) -> Records:  # type: ignore[assignment]
    session = SimpleNamespace(
        id="s1", date=TODAY - dt.timedelta(days=3), kind="deal-review", notes=notes, agreements=[]
    )
    return Records(
        rep=SimpleNamespace(name="Rowan Pike", profile="steady", notes=""),  # type: ignore[arg-type]
        observations=list(observations),  # type: ignore[arg-type]
        sessions=[session],  # type: ignore[list-item]
        action_items=[],
        assignments=[],
        today=TODAY,
        pronoun="she",
        notes_by_session={"s1": notes},
    )


def test_two_claims_in_one_record_are_both_asked_about() -> None:
    notes = (
        "Fenby Trust: Rowan assured their CIO we are FedRAMP authorised, which we are not. She also agreed a 25 "
        "percent cut that nobody approved."
    )
    assert len(claim_sentences(notes)) == 2
    found = _compliance(_records(notes))
    assert found is not None
    assert "FedRAMP" in (found.question or "") and "25 percent" in (found.follow_up or "")


def test_an_observation_repeating_the_claim_is_not_a_success_to_build_on() -> None:
    records = _records("Rowan told Fenby the platform is FedRAMP authorised, which we are not.")
    assert repeats_a_claim("Told the Fenby CIO the platform is FedRAMP authorised.", records)
    assert not repeats_a_claim("Built the Fenby demo around their three permit bottlenecks.", records)


@pytest.mark.parametrize(
    ("text", "pronoun", "said"),
    [
        (
            "Declan said a rival has offered him a sales director job and that he is considering it.",
            "he",
            "You said a rival has offered you a sales director job and that you are considering it.",
        ),
        (
            "A competitor has offered her a team lead role.",
            "she",
            "A competitor has offered you a team lead role.",
        ),
        ("cancelled: Declan was at Harcourt.", "he", "cancelled: you were at Harcourt."),
    ],
)
def test_the_reps_own_news_is_said_to_them(text: str, pronoun: str, said: str) -> None:
    assert second_person(text, "Declan", pronoun) == said


def test_a_buyer_in_the_sentence_does_not_hide_the_reps_pronoun() -> None:
    notes = ["The Harcourt buyer loved the pilot, and afterwards she told me she is weighing an offer."]
    assert rep_pronoun(notes, "Aisling") == "she"


def test_will_with_the_latest_call_at_the_threshold_does_not_say_does_not() -> None:
    recovered = [
        *SLIPPED,
        Evidence(id="o4", date=D + dt.timedelta(days=50), level=3, observer="manager", text="Asked."),
    ]
    notes = [
        Evidence(id="s1", date=D + dt.timedelta(days=52), text="She says it is not worth her while on small deals.")
    ]
    found = diagnose(History("discovery-call.key-issue", 3, recovered, [], notes))
    assert found.category == "will"
    assert "not every time" in found.rationale and "then slipped" not in found.rationale
