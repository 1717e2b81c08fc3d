"""Comparisons of the product itself with a rival, and words that are not topics (session ask13)."""

from __future__ import annotations

from copilot.retrieval.gaps import unknown_names
from copilot.retrieval.route import COMPARES, compared_with
from copilot.retrieval.synonyms import normalise_phrases


def test_a_comparison_of_the_product_itself_is_a_comparison_and_names_its_rival() -> None:
    assert COMPARES.search("ok but how does it stack up against just using a spreadsheet?")
    assert COMPARES.search("how do you compare with the CRM vendor's add-on?")
    assert compared_with("how does this stack up against the dashboard they already have?") == (
        "the dashboard they already have"
    )
    assert compared_with("how does it work with our CRM?") is None
    assert compared_with("how do I compare two reps' calls?") is None


def test_weekdays_and_months_are_not_unknown_names() -> None:
    vocabulary = frozenset({"spreadsheet", "manag", "updat"})
    assert unknown_names("a spreadsheet the managers update every Monday", vocabulary) == []
    assert unknown_names("a spreadsheet we moved to Anaplan in March", vocabulary) == ["Anaplan"]


def test_talking_about_a_topic_is_not_talk_time_and_many_things_at_once_is_focus() -> None:
    assert "talk" not in normalise_phrases("my rep talks about features")
    assert "focus" in normalise_phrases("I coach five things in every one-on-one")
    assert "focus" not in normalise_phrases("we agreed two things to try")
