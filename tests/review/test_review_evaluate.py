"""Tagger evaluation arithmetic, loading errors and the report command."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.errors import KnowledgeBaseError
from copilot.review.evaluate import (
    evaluate_conversations,
    evaluate_tagger,
    format_conversations,
    format_report,
    load_labelled,
    main,
    score,
)


def test_score_by_hand() -> None:
    expected = ["advice", "advice", "reflection", "other"]
    predicted = ["advice", "information", "reflection", "advice"]
    report = score(expected, predicted)  # type: ignore[arg-type]
    assert report.n == 4 and report.accuracy == 0.5
    advice = report.per_class["advice"]
    assert (advice.precision, advice.recall, advice.support) == (0.5, 0.5, 2)
    assert advice.f1 == 0.5
    assert report.per_class["reflection"].f1 == 1.0
    assert report.per_class["other"].recall == 0.0
    assert report.confusion["advice"]["information"] == 1
    assert report.confusion["other"]["advice"] == 1
    assert [e.expected for e in report.errors] == ["advice", "other"]
    # macro F1 over the classes present in the labels: advice .5, reflection 1, other 0
    assert report.macro_f1 == pytest.approx(0.5, abs=1e-3)


def test_evaluate_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(
        "utterances:\n"
        '  - {id: a, split: dev, label: advice, text: "Why don\'t you call the CFO?"}\n'
        '  - {id: b, split: dev, label: closed_question, text: "Did you call the CFO?"}\n'
        '  - {id: c, split: heldout, label: other, text: "Mm-hmm."}\n',
        encoding="utf-8",
    )
    dev = evaluate_tagger(path, "dev")
    assert (dev.n, dev.accuracy) == (2, 1.0)
    assert evaluate_tagger(path, "all").n == 3
    assert "accuracy=1.000" in format_report(dev)


def test_invalid_label_names_the_item_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("utterances:\n  - {id: x1, split: dev, label: question, text: hi}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load_labelled(path)
    assert "x1" in str(err.value) and "open_question" in (err.value.fix or "")


def test_report_command_prints_both_splits(capsys: pytest.CaptureFixture[str]) -> None:
    main([])
    out = capsys.readouterr().out
    assert "split=dev" in out and "split=heldout" in out and "confusion" in out


def test_conversation_report_checks_acts_and_quality_ordering() -> None:
    report = evaluate_conversations()
    assert len(report.conversations) == 6
    assert report.ordering_matches
    assert report.act_accuracy >= 0.85
    coaching = [c for c in report.conversations if c.kind == "coaching"]
    assert all(c.coaching_quality is not None for c in coaching)
    assert "quality_ordering_matches=True" in format_conversations(report)
