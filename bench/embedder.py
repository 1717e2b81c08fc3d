"""The copilot's embedder against the same work written by hand with onnxruntime and tokenizers."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.stats import Samples
from copilot.embeddings.minilm import MAX_TOKENS, MiniLMEmbedder, bundled_model_path, bundled_tokenizer_path

BATCH = 32


class RawEmbedder:
    """all-MiniLM-L6-v2 as a person would write it from the libraries' docs: padded batches, mean pooling."""

    def __init__(self, threads: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(bundled_model_path()), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(bundled_tokenizer_path()))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def embed(self, texts: Sequence[str], *, sort_by_length: bool) -> np.ndarray:
        """Embed in batches of 32; sorted by length (as the copilot does) or in the order given."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i])) if sort_by_length else list(range(len(texts)))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._batch([texts[i] for i in chunk])
        return out


def run(texts: Sequence[str], *, threads: int, runs: int = 2) -> dict[str, Any]:
    """Median seconds for the same batch: the copilot's embedder and raw onnxruntime with the same batches.

    Each round runs copilot, raw, raw, copilot (ABBA), so a neighbour's load on a shared machine and any warm-up
    drift hit both alike; the ratio is also taken per round.
    """
    copilot = MiniLMEmbedder.load(threads=threads)
    raw = RawEmbedder(threads)
    warm = list(texts[:64])
    copilot.embed_documents(warm)
    raw.embed(warm, sort_by_length=True)
    timings = {"copilot": Samples(), "raw_sorted": Samples()}
    per_round = Samples()
    same = 0.0
    for _ in range(runs):
        round_s = {"copilot": 0.0, "raw_sorted": 0.0}
        for name in ("copilot", "raw_sorted", "raw_sorted", "copilot"):
            started = time.perf_counter()
            if name == "copilot":
                mine = np.asarray(copilot.embed_documents(texts), dtype=np.float32)
            else:
                theirs = raw.embed(texts, sort_by_length=True)
            seconds = time.perf_counter() - started
            timings[name].add(seconds)
            round_s[name] += seconds
        same = max(same, float(np.abs(mine - theirs).max()))
        per_round.add(round_s["copilot"] / round_s["raw_sorted"])
    result: dict[str, Any] = {"texts": len(texts), "threads": threads, "runs": runs, "max_abs_difference": same}
    for name, samples in timings.items():
        result[name] = {"median_s": round(samples.median, 3), "texts_per_s": round(len(texts) / samples.median, 1)}
    result["ratio_vs_raw_sorted"] = round(timings["copilot"].median / timings["raw_sorted"].median, 3)
    result["ratio_vs_raw_sorted_per_round_median"] = round(per_round.median, 3)
    return result


def summary(result: dict[str, Any]) -> list[str]:
    """Lines for people."""
    return [
        f"embedder on {result['texts']} chunks: copilot {result['copilot']['texts_per_s']} texts/s, "
        f"raw onnxruntime+tokenizers {result['raw_sorted']['texts_per_s']} texts/s (same batches); ratio copilot/raw "
        f"{result['ratio_vs_raw_sorted']} (per-round median {result['ratio_vs_raw_sorted_per_round_median']}; "
        f"target <= 1.2); max |difference| {result['max_abs_difference']:.1e}"
    ]
