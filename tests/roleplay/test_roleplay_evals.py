"""The labelled scripts: strong rep lines score clearly higher than weak ones, in both splits, reproducibly."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.roleplay.evaluate import DEFAULT_INDEX, SplitReport, evaluate, load_index


@pytest.fixture(scope="module")
def reports(kb: KnowledgeBase) -> dict[str, SplitReport]:
    return {r.split: r for r in evaluate(kb, DEFAULT_INDEX, None, ("dev", "heldout"))}


def test_the_index_holds_enough_labelled_scripts_with_a_heldout_third(kb: KnowledgeBase) -> None:
    scripts = load_index()
    assert len(scripts) >= 30
    heldout = [s for s in scripts if s.split == "heldout"]
    assert 0.25 <= len(heldout) / len(scripts) <= 0.35
    assert {s.label for s in scripts} == {"strong", "medium", "weak"}
    for s in scripts:
        assert (Path(DEFAULT_INDEX).parent / s.file).is_file() and s.scenario in kb.scenarios


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_strong_scores_clearly_higher_than_weak_on_average_and_per_scenario(
    reports: dict[str, SplitReport], split: str
) -> None:
    r = reports[split]
    assert r.mean_overall["strong"] - r.mean_overall["weak"] >= 1.5
    assert r.mean_overall["strong"] > r.mean_overall["medium"] > r.mean_overall["weak"]
    assert r.pairs >= 4 and r.pairs_strong_higher == r.pairs


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_scores_are_reproducible_and_the_curated_buyer_stays_in_role(
    reports: dict[str, SplitReport], split: str
) -> None:
    r = reports[split]
    assert r.reproducible and r.role_breaks == 0
    assert r.curated_share == 1.0  # no model: every buyer line is curated and labelled so
