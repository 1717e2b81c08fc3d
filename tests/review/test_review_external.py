"""The external review suite: AnnoMI-format loading, its statistics, and (integration) the gates on the shared file."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pytest

from copilot.embeddings.fake import FakeEmbedder
from copilot.errors import ConfigError
from copilot.reader import Reader
from evals.external import annomi
from evals.external.review_external import ConversationResult, annotators, auroc, review_conversation, score, warm

COLUMNS = [
    "mi_quality",
    "transcript_id",
    "video_title",
    "video_url",
    "topic",
    "utterance_id",
    "interlocutor",
    "timestamp",
    "utterance_text",
    "annotator_id",
    "therapist_input_exists",
    "therapist_input_subtype",
    "reflection_exists",
    "reflection_subtype",
    "question_exists",
    "question_subtype",
    "main_therapist_behaviour",
    "client_talk_type",
]


def _row(
    tid: str,
    uid: int,
    who: str,
    text: str,
    annotator: int = 1,
    q: str = "n/a",
    refl: str = "False",
    inp: str = "n/a",
    quality: str = "high",
) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "n/a")
    row.update(
        mi_quality=quality,
        transcript_id=tid,
        utterance_id=str(uid),
        interlocutor=who,
        utterance_text=text,
        annotator_id=str(annotator),
        question_subtype=q,
        reflection_exists=refl,
        therapist_input_subtype=inp,
    )
    return row


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_majority_label_per_utterance_and_contexts(tmp_path: Path) -> None:
    rows = [
        _row("7", 0, "therapist", "How has the week been?", q="open"),
        _row("7", 1, "client", "Busy, and I skipped the gym."),
        _row("7", 2, "client", "Twice."),
        *[
            _row("7", 3, "therapist", "So the gym slipped?", annotator=a, q=q, refl=r)
            for a, q, r in ((1, "closed", "True"), (2, "n/a", "True"), (3, "closed", "False"))
        ],
        _row("2", 0, "therapist", "You should go tomorrow.", inp="advice", quality="low"),
    ]
    conversations = annomi.load(_write(tmp_path / "a.csv", rows))
    assert [c.transcript_id for c in conversations] == ["2", "7"]  # numeric order
    seven = conversations[1]
    last = seven.turns[-1]
    assert (last.question, last.reflection, last.annotators) == ("closed", True, 3)
    assert annomi.contexts(seven) == [
        None,
        "How has the week been?",
        "How has the week been?",
        "Busy, and I skipped the gym. Twice.",
    ]
    assert conversations[0].quality == "low" and conversations[0].turns[0].advice is True


class _CountingEmbedder(FakeEmbedder):
    """The fake embedder under the bundled model's name (the committed heads check it), counting what it embeds."""

    def __init__(self) -> None:
        super().__init__(dimension=384, name="all-MiniLM-L6-v2-int8")
        self.calls: list[int] = []

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(len(texts))
        return super().embed_documents(texts)


def test_warming_embeds_the_file_once_and_changes_no_reading(tmp_path: Path) -> None:
    rows = [
        _row("4", 0, "therapist", "How did the pricing call go? Um, what did the CFO say?", q="open"),
        _row("4", 1, "client", "He- he wanted a discount. I said I'd check with you."),
        _row("4", 2, "therapist", "So you held the line, right?", q="closed", refl="True"),
        _row("4", 3, "client", "Yeah."),
        _row("9", 0, "therapist", "You should send the case study today.", inp="advice", quality="low"),
        _row("9", 1, "client", "Okay, I can do that."),
        _row("9", 2, "therapist", "And what would make Friday's demo land better?", q="open"),
    ]
    conversations = annomi.load(_write(tmp_path / "w.csv", rows))
    cold_embedder, warm_embedder = _CountingEmbedder(), _CountingEmbedder()
    cold = [review_conversation(c, Reader.load(cold_embedder)) for c in conversations]
    reader = Reader.load(warm_embedder)
    distinct = warm(conversations, reader)
    assert warm_embedder.calls == [distinct]
    warmed = [review_conversation(c, reader) for c in conversations]
    assert warm_embedder.calls == [distinct]  # every review found its vectors in the cache
    assert len(cold_embedder.calls) > len(conversations)  # unwarmed: several passes per conversation
    assert [(r.questions, r.reflection, r.advice, r.quality) for r in warmed] == [
        (r.questions, r.reflection, r.advice, r.quality) for r in cold
    ]


def test_a_file_without_the_columns_names_them(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("transcript_id,utterance_text\n1,hello\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="interlocutor"):
        annomi.load(bad)
    with pytest.raises(ConfigError, match="COPILOT_ANNOMI_PATH"):
        annomi.load(tmp_path / "missing.csv")


def test_find_data_prefers_the_flag_then_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(annomi.ENV, str(tmp_path / "env.csv"))
    assert annomi.find_data(tmp_path / "flag.csv") == tmp_path / "flag.csv"
    assert annomi.find_data() == tmp_path / "env.csv"
    monkeypatch.delenv(annomi.ENV)
    shared = tmp_path / "shared" / "data" / "annomi-dev"
    shared.mkdir(parents=True)
    (shared / "annomi_dev.csv").write_text("x", encoding="utf-8")
    assert annomi.find_data(repo_root=tmp_path / "repo") == shared / "annomi_dev.csv"


def test_auroc_and_a_reproducible_bootstrap() -> None:
    assert auroc([0.9, 0.8, 0.1], [True, True, False]) == 1.0
    assert auroc([0.5, 0.5], [True, False]) == 0.5
    assert auroc([0.5], [True]) is None
    results = [
        ConversationResult(
            str(i),
            i % 3 != 0,
            quality=i / 10,
            questions=[("open", "open"), ("closed", "open")],
            reflection=[(True, True), (False, True)],
            advice=[(True, False)],
        )
        for i in range(10)
    ]
    first, again = score(results, resamples=200), score(results, resamples=200)
    assert [m.as_dict() for m in first] == [m.as_dict() for m in again]
    by = {m.name: m for m in first}
    assert by["question_type_accuracy"].value == 0.5 and by["reflection_precision"].value == 0.5
    assert by["advice_recall"].value == 0.0 and by["advice_precision"].value is None
    low, value, high = by["quality_auroc"].low, by["quality_auroc"].value, by["quality_auroc"].high
    assert low is not None and value is not None and high is not None and low <= value <= high


def test_consensus_accuracy_and_agreement_per_expert() -> None:
    # a question several experts labelled counts for the consensus metric; one labelled alone counts for its expert
    results = [
        ConversationResult(
            "1",
            True,
            quality=0.5,
            questions=[("open", "open"), ("closed", "open"), ("open", "open")],
            consensus=[("closed", "open")],
            by_annotator={"3": [("open", "open")], "7": [("open", "open")]},
        ),
        ConversationResult("2", False, quality=0.1, by_annotator={"3": [("open", "closed"), ("open", "open")]}),
    ]
    by = {m.name: m for m in score(results, resamples=50)}
    assert by["question_type_consensus"].value == 0.0 and by["question_type_consensus"].n == 1
    experts = annotators(results)
    assert [(a.annotator_id, a.questions) for a in experts] == [("3", 3), ("7", 1)]
    assert experts[0].agreement == pytest.approx(2 / 3) and experts[0].labelled_open == 1.0


@pytest.mark.integration
def test_external_suite_on_the_shared_annomi_file() -> None:
    path = annomi.find_data()
    if path is None or not path.is_file():
        pytest.skip(f"no AnnoMI file: {annomi.HOW}")
    from evals.external.review_external import run

    report = run(path)
    by = {m.name: m for m in report.metrics}
    assert report.conversations >= 80
    # The target for question type is 0.82; the review reaches 0.822 on this file (the 15-line regular
    # expression 0.75, the old review 0.67); the floor leaves room for a few questions' float noise across machines.
    # One expert labels nearly every question open, which caps it; on the questions several experts labelled, the
    # review agrees 0.91 (docs/evals.md#review-external).
    assert by["question_type_accuracy"].value is not None and by["question_type_accuracy"].value >= 0.81
    assert by["question_type_consensus"].value is not None and by["question_type_consensus"].value >= 0.85
    assert by["quality_auroc"].value is not None and by["quality_auroc"].value >= 0.85
    assert by["reflection_recall"].value is not None and by["reflection_recall"].value >= 0.5
