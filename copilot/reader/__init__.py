"""The utterance reader: one learned reading of what someone said, shared by review, roleplay and scoring.

How it reads a turn (copilot.reader.reader.Reader.read):

1. segment.clean() drops fillers (um, uh, er), stutters ("I- I", "the the") and cut-off words ("wh-");
   segment.split_sentences() cuts the turn into sentences (end marks, restarts), deterministically.
2. features.featurize() turns each sentence into [embedding | pattern features | context features]: the
   embedding comes from the injected Embedder (the bundled MiniLM in production, FakeEmbedder in unit
   tests); word patterns are features only, never decisions; heads with use_context also get the cosine
   and word overlap with the other speaker's previous turn.
3. head.LinearHead (multi-label logistic regression in numpy) gives each label a probability per sentence;
   a label is present at or above its threshold. Reading holds the sentences, the union of their labels and
   `sure` (how close the closest call was to its threshold).

Adding a head (e.g. `moves`, the rep's moves in a roleplay) touches no file here:

- copilot/reader/specs/moves.py defines `SPEC = HeadSpec(name="moves", labels=(...), patterns=(...),
  use_context=..., thresholds={...})` plus any helpers that interpret a Reading of that head;
- copilot/reader/data/moves/*.yaml holds its labelled sentences (format in copilot.reader.dataset;
  `split: heldout` files are never fitted, write them before tuning);
- `python -m copilot.reader.train --head moves` writes copilot/reader/weights/moves.npz, the same on
  every run to float rounding (`--check` verifies the committed file); Reader.load() / default_reader() pick it up;
- read with `default_reader().read(text, head="moves", context=previous_buyer_turn)`.

In tests, build a Reader over FakeEmbedder with a head from train.train_head(spec, FakeEmbedder(), examples):
committed weights are tied to the embedder they were trained on (Reader refuses a mismatch).
"""

from copilot.reader.head import LinearHead
from copilot.reader.reader import Reader, default_reader
from copilot.reader.reading import Reading, SentenceReading
from copilot.reader.segment import clean, sentences, split_sentences
from copilot.reader.spec import HeadSpec, load_spec

__all__ = [
    "HeadSpec",
    "LinearHead",
    "Reader",
    "Reading",
    "SentenceReading",
    "clean",
    "default_reader",
    "load_spec",
    "sentences",
    "split_sentences",
]
