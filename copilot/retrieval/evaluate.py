"""Retrieval quality on labelled query sets: recall@k and MRR per mode and split, so hybrid must earn its place."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from copilot.errors import KnowledgeBaseError
from copilot.retrieval.search import Mode, Retriever

MODES: tuple[Mode, ...] = ("dense", "keyword", "hybrid")


def queries_dir() -> Path:
    """Where the shipped query sets live (evals/retrieval/)."""
    return Path(__file__).resolve().parents[2] / "evals" / "retrieval"


def default_queries_path() -> Path:
    """The first query set shipped in evals/retrieval/."""
    return queries_dir() / "queries.yaml"


def default_query_files() -> list[Path]:
    """Every shipped query set (`queries*.yaml`): the tuning set and each held-out batch."""
    return sorted(queries_dir().glob("queries*.yaml"))


def load_queries(path: Path) -> list[dict[str, Any]]:
    """Queries as `{id, query, expected: [item ids], split}`."""
    if not path.is_file():
        raise KnowledgeBaseError("query set not found", path=str(path), fix="pass --queries FILE")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    queries = data.get("queries", [])
    for i, q in enumerate(queries):
        if not q.get("query") or not q.get("expected"):
            raise KnowledgeBaseError(
                "query without text or expected ids",
                path=str(path),
                key=f"queries[{i}]",
                fix="give each query `query:` and `expected: [ids]`",
            )
    return list(queries)


def score_ranking(ranked: list[str], expected: list[str], k: int) -> tuple[float, float]:
    """recall@k (share of expected ids in the top k) and reciprocal rank of the first expected id."""
    top = ranked[:k]
    recall = sum(1 for e in expected if e in top) / len(expected)
    rr = next((1.0 / (i + 1) for i, rid in enumerate(ranked) if rid in expected), 0.0)
    return recall, rr


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    return {
        "n": n,
        "recall": sum(r["recall"] for r in rows) / n if n else 0.0,
        "mrr": sum(r["rr"] for r in rows) / n if n else 0.0,
    }


def evaluate_retrieval(retriever: Retriever, paths: Path | Sequence[Path], *, k: int = 5) -> dict[str, Any]:
    """Per mode, over all queries and per split: mean recall@k, MRR, and the misses."""
    files = [paths] if isinstance(paths, Path) else list(paths)
    queries = [{**q, "file": str(path)} for path in files for q in load_queries(path)]
    modes: dict[str, Any] = {}
    for mode in MODES:
        rows = []
        for q in queries:
            ranked = [r.item_id for r in retriever.search(q["query"], k=max(k, 10), mode=mode)]
            recall, rr = score_ranking(ranked, list(q["expected"]), k)
            rows.append(
                {
                    "id": q.get("id"),
                    "file": q["file"],
                    "split": q.get("split", "dev"),
                    "recall": recall,
                    "rr": rr,
                    "top": ranked[:k],
                    "expected": q["expected"],
                }
            )
        splits = sorted({r["split"] for r in rows})
        modes[mode] = {
            **_summary(rows),
            "by_split": {s: _summary([r for r in rows if r["split"] == s]) for s in splits},
            "misses": [r for r in rows if r["recall"] < 1.0],
        }
    return {"k": k, "queries": [str(p) for p in files], "modes": modes}
