"""The reader's infrastructure on the fake embedder: segmentation, the head, features, training, reading."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from copilot.embeddings.fake import FakeEmbedder
from copilot.errors import ConfigError
from copilot.reader import LinearHead, Reader, clean, sentences, split_sentences
from copilot.reader.dataset import Example, load_examples
from copilot.reader.features import EmbeddingCache, featurize, matches
from copilot.reader.spec import HeadSpec, load_spec
from copilot.reader.train import train_head


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Um, so what happened next?", "So what happened next?"),
        ("I- I think wh- what you said is fair.", "I think what you said is fair."),
        ("We we tried that, uh, last year.", "We tried that, last year."),
        ("Mm-hmm.", "Mm-hmm."),
        ("Uh", "Uh"),
        ("You drink at least four times a week on average-", "You drink at least four times a week on average"),
        ("-and you usually have three.", "and you usually have three."),
        ("It's a follow-up e-mail.", "It's a follow-up e-mail."),
        ("Before our next one-on-one, a face-to-face.", "Before our next one-on-one, a face-to-face."),
    ],
)
def test_clean_drops_fillers_stutters_and_cut_offs(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_split_sentences_keeps_abbreviations_and_splits_restarts() -> None:
    assert split_sentences("Mr. Lee said 3.5 percent. Is that right?Okay.") == [
        "Mr. Lee said 3.5 percent.",
        "Is that right?",
        "Okay.",
    ]
    assert sentences("So you put-- You drink every day. Why?") == ["So you put", "You drink every day.", "Why?"]
    assert split_sentences("") == []


def _toy_examples() -> list[Example]:
    rows = [
        ("What happened on the call?", ("q",)),
        ("How did the demo go?", ("q",)),
        ("What do you think they want?", ("q",)),
        ("Why did the deal stall?", ("q",)),
        ("You should send the recap today.", ("tell",)),
        ("You need to call the buyer.", ("tell",)),
        ("Send the proposal on Friday.", ("tell",)),
        ("You should ask about budget first.", ("tell",)),
    ]
    return [Example(t, labels, None, "train", f"toy[{i}]") for i, (t, labels) in enumerate(rows)]


TOY = HeadSpec(name="toy", labels=("q", "tell"), patterns=(matches("ends_q", r"\?$"),), l2=0.5)


def test_head_fit_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    first = train_head(TOY, FakeEmbedder(), _toy_examples()).head
    second = train_head(TOY, FakeEmbedder(), _toy_examples()).head
    assert first.to_bytes() == second.to_bytes()
    path = tmp_path / "toy.npz"
    first.save(path)
    loaded = LinearHead.load(path)
    assert loaded.labels == ("q", "tell") and loaded.embedder == "fake-hash"
    X = np.random.default_rng(0).normal(size=(3, first.n_features)).astype(np.float32)
    assert np.array_equal(first.predict_proba(X), loaded.predict_proba(X))


def test_head_learns_a_separable_problem() -> None:
    X = np.array([[0.0, 1.0], [0.1, 0.9], [1.0, 0.0], [0.9, 0.2]])
    Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1]])
    head = LinearHead.fit(X, Y, ("a", "b"), l2=0.1)
    P = head.predict_proba(X)
    assert (P[:, 0] > 0.5).tolist() == [True, True, False, False]
    with pytest.raises(ValueError, match="expected"):
        head.predict_proba(np.zeros((1, 3)))


def test_load_missing_weights_names_the_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"copilot\.reader\.train --head nothere"):
        LinearHead.load(tmp_path / "nothere.npz")


def test_features_are_embedding_then_patterns_then_context() -> None:
    cache = EmbeddingCache(FakeEmbedder(dimension=8))
    X = featurize(cache, ["Why now?", "We tried it."], TOY.patterns, ["we tried it last year", None], use_context=True)
    assert X.shape == (2, 8 + 1 + 2)
    assert X[0, 8] == 1.0 and X[1, 8] == 0.0
    assert np.isnan(X[1, -1]) and X[0, -1] == 0.0  # no context is unknown; a context without shared words is 0


def test_reader_reads_each_sentence_and_unions_labels() -> None:
    head = train_head(TOY, FakeEmbedder(), _toy_examples()).head
    reader = Reader(FakeEmbedder(), {"toy": (TOY, head)})
    reading = reader.read("Um, you should send the recap today. What happened on the call?", head="toy")
    assert [s.text for s in reading.sentences] == ["You should send the recap today.", "What happened on the call?"]
    assert reading.sentences[0].labels == ["tell"] and reading.sentences[1].labels == ["q"]
    assert reading.labels == ["tell", "q"] and 0.0 <= reading.sure <= 1.0
    assert reader.read(reading.text, head="toy") == reading  # same input, same output
    with pytest.raises(ConfigError, match="not loaded"):
        reader.read("hi", head="moves")


def test_reader_refuses_a_head_trained_on_another_embedder() -> None:
    head = train_head(TOY, FakeEmbedder(), _toy_examples()).head
    with pytest.raises(ConfigError, match="trained on fake-hash"):
        Reader(FakeEmbedder(name="other"), {"toy": (TOY, head)})


def test_coaching_data_has_every_label_in_both_splits() -> None:
    spec = load_spec("coaching")
    examples = load_examples(spec.data_dir, spec.labels)
    for split in ("train", "heldout"):
        found = {label for e in examples if e.split == split for label in e.labels}
        assert found == set(spec.labels), split


def test_unknown_head_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="coaching"):
        load_spec("nosuchhead")


@pytest.mark.integration
def test_committed_coaching_weights_rebuild_from_their_data() -> None:
    from copilot.reader.train import main

    assert main(["--head", "coaching", "--check"]) == 0


def test_weight_check_ignores_float_rounding_but_not_a_changed_head() -> None:
    from copilot.reader.train import differences

    head = train_head(TOY, FakeEmbedder(), _toy_examples()).head
    rounded = dataclasses.replace(head, W=head.W + np.float32(3e-8))
    assert differences(head, rounded) == []
    examples = _toy_examples()
    retrained = train_head(TOY, FakeEmbedder(), examples[: len(examples) - 2]).head
    assert any(d.startswith(("W", "b", "mean", "scale")) for d in differences(head, retrained))
    relabelled = dataclasses.replace(head, embedder="other")
    assert differences(head, relabelled) == ["embedder"]
