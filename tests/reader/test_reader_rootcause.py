"""The rootcause head (what a note sentence says is behind a rep's gap) is rebuilt from its committed data to the
committed weights, and reads its own held-out sentences, never trained on, better than a guess."""

from __future__ import annotations

from copilot.embeddings.minilm import MiniLMEmbedder
from copilot.reader.head import LinearHead
from copilot.reader.spec import load_spec
from copilot.reader.train import differences, train_head


def test_the_rootcause_head_rebuilds_to_its_committed_weights_and_reads_its_held_out_sentences() -> None:
    spec = load_spec("rootcause")
    trained = train_head(spec, MiniLMEmbedder.load())
    assert differences(LinearHead.load(spec.weights_path), trained.head) == []
    assert trained.heldout >= 60
    # six labels: a guess is right one time in six
    assert trained.heldout_accuracy["top_label_correct"] >= 0.7
