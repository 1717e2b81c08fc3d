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


def _top(sentence: str) -> str:
    from copilot.reader import default_reader

    probs: dict[str, float] = {}
    for piece in default_reader().read(sentence, head="rootcause").sentences:
        for label, p in piece.probs.items():
            probs[label] = max(probs.get(label, 0.0), p)
    return max(probs, key=lambda label: probs[label])


def test_the_head_reads_shrinking_before_a_bigger_buyer_as_confidence() -> None:
    # not in the head's data: spoken idiom for holding back in front of someone who outranks the rep (the head
    # before brief17's training sentences read the second as none)
    assert (
        _top("The minute their group finance director dials in she gets tiny and agrees to everything.") == "confidence"
    )
    assert _top("He turns meek with the bigger accounts and lets their people set every term.") == "confidence"
    # a miss told without a reason is still no cause
    assert _top("Their finance director joined the call on Tuesday.") == "none"


def test_the_head_tells_the_reps_nerves_from_the_buyers_worry() -> None:
    # not in the head's data (brief21): the same feeling word is confidence when it is the rep's and no cause when it
    # is the buyer's (the head before train_feeling.yaml could not tell whose feeling a sentence describes)
    assert _top("He gets nervous the moment a finance director joins and lets them set the pace.") == "confidence"
    assert _top("Their operations director was nervous about the cut-over weekend.") == "none"
    assert _top("The buyer sounded worried about the contract length.") == "none"
