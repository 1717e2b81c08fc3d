"""Retrieval suite: the labelled queries against the ingested default knowledge base, in the default mode."""

from __future__ import annotations

from pathlib import Path

from copilot.retrieval.evaluate import load_queries, score_ranking
from copilot.retrieval.search import Retriever
from evals.framework import CaseResult, MetricSpec, SuiteResult

QUERY_FILES = sorted((Path(__file__).resolve().parents[1] / "retrieval").glob("queries*.yaml"))
K = 5
SPECS = [
    MetricSpec("recall_at_5", "Share of a query's expected ids found in the top 5 items, averaged over queries.", 0.7),
    MetricSpec("mrr", "Mean reciprocal rank of the first expected id (0 when none is in the top 10).", 0.55),
]


def run(retriever: Retriever) -> SuiteResult:
    """Score every labelled query with the retriever's default mode."""
    cases = []
    for path in QUERY_FILES:
        for q in load_queries(path):
            ranked = [r.item_id for r in retriever.search(q["query"], k=10)]
            recall, rr = score_ranking(ranked, list(q["expected"]), K)
            cases.append(
                CaseResult(
                    str(q.get("id")),
                    str(q.get("split", "dev")),
                    {"recall_at_5": recall, "mrr": rr},
                    {"query": q["query"], "expected": q["expected"], "top": ranked[:K]},
                )
            )
    return SuiteResult("retrieval", SPECS, cases)
