"""The partial-JSON scanner: every string value reported once, with its path, the moment its closing quote arrives."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from copilot.llm.partial_json import PartialJsonScanner, Path

DOC = {
    "questions": [
        {"text": 'What did the buyer mean by "twenty minutes"?', "criterion_id": "discovery-call.agenda", "n": 3},
        {"text": "How did you\nplan the opener \\ the close?", "criterion_id": "x", "ok": True, "none": None},
        {"text": "Where did it go — café ☕ and 🎯?", "criterion_id": "y", "tags": ["a", "b"], "empty": {}},
    ],
    "count": -1.5e3,
    "empty": [],
}


def strings(value: Any, path: Path = ()) -> list[tuple[Path, str]]:
    """What a full parse holds: every string value with its path, in document order."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(v, (*path, k))]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in strings(v, (*path, i))]
    return []


def scan(pieces: list[str]) -> tuple[PartialJsonScanner, list[tuple[Path, str]]]:
    scanner = PartialJsonScanner()
    found = [hit for piece in pieces for hit in scanner.feed(piece)]
    return scanner, found


@pytest.mark.parametrize("ascii_only", [True, False])
@pytest.mark.parametrize("seed", range(12))
def test_any_split_reports_what_a_full_parse_holds(seed: int, ascii_only: bool) -> None:
    text = json.dumps(DOC, ensure_ascii=ascii_only, indent=None if seed % 2 else 2)
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(text)), k=min(len(text) - 1, rng.randint(5, 60))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    scanner, found = scan(pieces)
    assert found == strings(DOC)
    assert scanner.done and not scanner.broken


def test_a_string_is_reported_by_the_piece_that_closes_it() -> None:
    scanner = PartialJsonScanner()
    assert scanner.feed('{"questions": [{"text": "What made you') == []
    assert scanner.feed(" pause?") == []
    assert scanner.feed('", "crit') == [(("questions", 0, "text"), "What made you pause?")]
    assert scanner.feed('erion_id": "c1"}, {"text": "How') == [(("questions", 0, "criterion_id"), "c1")]
    assert scanner.feed(' so?"') == [(("questions", 1, "text"), "How so?")]
    assert not scanner.done


def test_prose_and_a_code_fence_before_the_object_are_skipped() -> None:
    _, found = scan(['Sure! Here it is:\n```json\n{"a": "b', '"}\n```\nAnything else?'])
    assert found == [(("a",), "b")]


def test_broken_json_stops_reporting_without_raising() -> None:
    scanner, found = scan(['{"a": "one", "b": oops "two", "c": "three"}'])
    assert found == [(("a",), "one")] and scanner.broken and not scanner.done


def test_a_split_unicode_escape_and_surrogate_pair() -> None:
    _, found = scan(['{"t": "caf\\u00', "e9 \\ud83c", "\\udfaf", ' end"}'])
    assert found == [(("t",), "café 🎯 end")]
