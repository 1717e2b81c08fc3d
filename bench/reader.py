"""The utterance reader's cost: one turn (what the roleplay buyer waits on), a one-hour call, the external suite.

Each figure comes with the bare embedder on the same texts, so the reader's own overhead (cleaning, splitting,
pattern features, the head, the review's rules) shows as a ratio. Targets (issue 17): p95 <= 50 ms per turn on
2 cores, a one-hour call reviewed in <= 3 s, the external suite in <= 2 minutes.
"""

from __future__ import annotations

import time
from typing import Any

from bench.stats import Samples
from copilot.embeddings.minilm import MiniLMEmbedder
from copilot.reader import Reader, sentences

OPENERS = [
    "I hear you, budget is tight and you've been burned before",
    "Um, so what would it take for your team to, uh, trust a new tool again",
    "We can give you thirty percent if you sign before the end of the quarter",
    "Would it be worth thirty minutes next Tuesday to walk through a business case with your finance lead",
    "That's a fair worry. Most teams we work with felt the same way before the pilot",
    "So the forecast takes two analysts most of Monday. What happens when a big deal slips late",
    "Try it on me now, I'm the VP. Go",
    "You should really loop in their IT lead before the security review",
]
CALL = [
    ("Rep", "What does the forecast process look like for your team today, and where does it hurt most?"),
    ("Buyer", "Every region sends a spreadsheet on Monday and we reconcile it by hand, which takes two days."),
    ("Rep", "So the roll-up costs two analysts most of Monday. What happens when a big deal slips late?"),
    ("Buyer", "We miss the number and I have to explain it to the board, which happened last quarter."),
    ("Rep", "Um, I- I see. Our customers usually cut that to an hour. Would a short pilot make sense?"),
    ("Buyer", "Maybe. Legal would need to look at it first, and security has questions about access."),
]


def _turns(n: int) -> list[str]:
    """n distinct turns (a number per turn defeats the embedding cache, as new speech would)."""
    return [
        f"{OPENERS[i % len(OPENERS)]}, account {i}?" if i % 2 else f"{OPENERS[i % len(OPENERS)]} ({i})."
        for i in range(n)
    ]


def one_turn(reader: Reader, embedder: MiniLMEmbedder, runs: int = 200) -> dict[str, Any]:
    """Reading one turn at a time, cold cache, against embedding its sentences bare."""
    read, bare = Samples(), Samples()
    for text in _turns(runs):
        pieces = sentences(text)
        started = time.perf_counter()
        embedder.embed_array(pieces)
        bare.add(time.perf_counter() - started)
        reader.cache._vectors.clear()
        started = time.perf_counter()
        reader.read(text, head="coaching", context="We've been burned by a vendor before and the budget is tight.")
        read.add(time.perf_counter() - started)
    return {"read": read.summary_ms(), "bare_embedder": bare.summary_ms(), "ratio_p95": read.p95 / max(bare.p95, 1e-9)}


def _timed_review(reader: Reader, embedder: MiniLMEmbedder, lines: list[str], scorer: Any) -> dict[str, Any]:
    """Review one call end to end with a cold embedding cache (as `copilot review` does with no --interaction:
    acts, every sales map, rep turns read as moves), then embed its sentences bare."""
    from copilot.review import review_transcript

    reader.cache._vectors.clear()
    started = time.perf_counter()
    review = review_transcript("\n".join(lines), "call", None, "hour.txt", reader=reader)
    measured = time.perf_counter() - started
    if scorer is not None:
        scorer.best_fit(review)
    reviewed = time.perf_counter() - started
    pieces = [s for u in review.utterances for s in sentences(u.text)]
    started = time.perf_counter()
    embedder.embed_array(pieces)
    bare = time.perf_counter() - started
    return {
        "turns": len(review.utterances),
        "words": sum(len(u.text.split()) for u in review.utterances),
        "sentences": len(pieces),
        "review_s": round(reviewed, 3),
        "measure_s": round(measured, 3),
        "score_s": round(reviewed - measured, 3),
        "bare_embedder_s": round(bare, 3),
        "ratio": reviewed / max(bare, 1e-9),
    }


def labelled_lines() -> list[str]:
    """The repo's labelled sales calls and call-behaviour cases back to back as one call, speakers named by role:
    556 turns and about 9,200 words of varied written dialogue, an hour at 150 words a minute. Unlike the synthetic
    call, almost no sentence repeats, so the embedding cache cannot make the review look cheaper than it is."""
    from copilot.review.call_checks import load_cases
    from copilot.review.evaluate import CALLS_PATH, load_calls
    from copilot.review.transcript import parse_transcript

    turns: list[tuple[dict[str, str] | None, str, str]] = []
    for call in load_calls():
        source = CALLS_PATH.parent / call.file
        turns += [(call.roles, u.speaker, u.text) for u in parse_transcript(source.read_bytes(), call.file).utterances]
    for split in ("dev", "heldout"):
        for case in load_cases(split):
            parsed = parse_transcript(case.transcript, f"{case.id}.txt")
            turns += [(case.roles, u.speaker, u.text) for u in parsed.utterances]
    return [f"{'Rep' if (roles or {}).get(who) == 'rep' else 'Buyer'}: {text}" for roles, who, text in turns]


def one_hour_call(reader: Reader, embedder: MiniLMEmbedder, turns: int = 720) -> dict[str, Any]:
    """Two one-hour calls reviewed end to end, each against the bare embedder on its own sentences: the labelled
    calls back to back (real, varied sentences), and a synthetic call of `turns` turns (six lines repeated with a
    number, so most sentences repeat and the embedding cache serves them)."""
    scorer = _scorer(reader)
    synthetic = [f"{CALL[i % len(CALL)][0]}: {CALL[i % len(CALL)][1]} ({i})" for i in range(turns)]
    return {
        **_timed_review(reader, embedder, labelled_lines(), scorer),
        "synthetic": _timed_review(reader, embedder, synthetic, scorer),
    }


def _scorer(reader: Reader) -> Any:
    """The call scorer over this reader, when the knowledge base and the moves head are there (None otherwise)."""
    from copilot.knowledge import load_knowledge_base
    from copilot.review.scoring import CallScorer
    from copilot.settings import load_settings

    if "moves" not in reader.heads:
        return None
    return CallScorer(load_knowledge_base(load_settings().resolved_knowledge_dir).kb, reader)


def external_suite() -> dict[str, Any] | None:
    """The whole review-external suite on the shared AnnoMI file, when it is there."""
    from evals.external import annomi, review_external

    path = annomi.find_data()
    if path is None:
        return None
    report = review_external.run(path)
    return {"data": str(path), "conversations": report.conversations, "seconds": round(report.seconds, 1)}


def run(threads: int = 0, *, external: bool = True) -> dict[str, Any]:
    """Every reader figure."""
    embedder = MiniLMEmbedder.load(threads=threads)
    reader = Reader.load(embedder, ["coaching", "moves"])
    reader.read("warm up", head="coaching")
    doc: dict[str, Any] = {"one_turn": one_turn(reader, embedder), "one_hour_call": one_hour_call(reader, embedder)}
    if external:
        doc["external_suite"] = external_suite()
    return doc


def summary(doc: dict[str, Any]) -> list[str]:
    """Lines for the terminal."""
    t, c = doc["one_turn"], doc["one_hour_call"]
    lines = [
        f"  one turn: p50 {t['read']['p50_ms']} ms, p95 {t['read']['p95_ms']} ms (bare embedder p95 "
        f"{t['bare_embedder']['p95_ms']} ms, ratio {t['ratio_p95']:.2f}); target p95 <= 50 ms",
    ]
    for name, call in (("one-hour call, labelled calls back to back", c), ("synthetic call", c.get("synthetic"))):
        if call:
            lines.append(
                f"  {name} ({call['turns']} turns, {call.get('words', '?')} words, {call['sentences']} sentences): "
                f"reviewed in {call['review_s']} s (measured {call.get('measure_s', '?')} s + scored "
                f"{call.get('score_s', '?')} s; bare embedder {call['bare_embedder_s']} s, ratio {call['ratio']:.2f}); "
                "target <= 3 s"
            )
    ext = doc.get("external_suite")
    if ext:
        lines.append(f"  review-external: {ext['conversations']} conversations in {ext['seconds']} s; target <= 120 s")
    return lines
