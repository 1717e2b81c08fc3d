"""Writes report.json, report.md and a self-contained report.html for a set of suite results."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from evals.framework import SuiteResult


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def as_json(suites: list[SuiteResult], meta: dict[str, Any]) -> dict[str, Any]:
    """The full report as data."""
    return {
        "meta": meta,
        "passed": all(s.passed for s in suites),
        "suites": [
            {
                "name": s.name,
                "passed": s.passed,
                "definitions": {spec.name: spec.definition for spec in s.specs},
                "metrics": [m.as_dict() for m in s.metrics],
                "notes": s.notes,
                "cases": [{"id": c.id, "split": c.split, "values": c.values, "details": c.details} for c in s.cases],
            }
            for s in suites
        ],
    }


def _table(s: SuiteResult) -> list[list[str]]:
    rows = []
    for m in s.metrics:
        # the baseline keeps 4 decimals: compare like with like, so an unchanged metric reads +0.000, not -0.000
        change = "" if m.baseline is None or m.mean is None else f"{round(round(m.mean, 4) - m.baseline, 4) + 0.0:+.3f}"
        verdict = ("ok" if not m.reason else f"ok ({m.reason})") if m.passed else f"FAIL ({m.reason})"
        ci = "–" if m.ci_low is None else f"[{m.ci_low:.3f}, {m.ci_high:.3f}]"
        rows.append([m.name, m.split, str(m.n), _fmt(m.mean), ci, _fmt(m.threshold), change, verdict])
    return rows


HEAD = ["metric", "split", "n", "mean", "95% CI", "threshold", "vs baseline", "verdict"]


def baseline_line(s: SuiteResult, meta: dict[str, Any]) -> str:
    """Which baseline the change column compares with, its date and why it was set; or that there is none."""
    entry = (meta.get("baselines") or {}).get(s.name)
    backend = meta.get("backend")
    judged = s.name.startswith("judge")
    if judged:
        line = "Baseline: none (judge metrics depend on the judge model and are never gated)."
    elif entry:
        rev = f", revision {entry['revision']}" if entry.get("revision") else ""
        why = entry.get("reason") or "no reason recorded"
        line = f"Baseline: {entry.get('backend', backend)}, set {entry.get('date') or 'undated'}{rev}. Why: “{why}”."
    else:
        line = (
            f"Baseline: none committed for backend {backend}, so the change column is empty and no regression "
            f"is gated; set one with --update-baseline --reason."
        )
    update = meta.get("baseline_update")
    if update and not judged:
        line += f" This run replaces it, because: “{update['reason']}”."
    return line


def skipped_lines(meta: dict[str, Any]) -> list[str]:
    """What the run left out (the judge metrics without a judge) and how to turn it on."""
    return [
        f"Skipped: {x['what']}, because no judge is configured. To turn it on, {x['how']}."
        for x in meta.get("skipped") or []
    ]


def as_markdown(suites: list[SuiteResult], meta: dict[str, Any]) -> str:
    """A readable summary with a table per suite."""
    out = [f"# Copilot eval report ({meta.get('backend')}, {meta.get('date')})", ""]
    out.append("**Result: " + ("all gates pass**" if all(s.passed for s in suites) else "a gate failed**"))
    out += [f"\n{line}" for line in skipped_lines(meta)]
    for s in suites:
        out += ["", f"## {s.name}", "", baseline_line(s, meta), ""]
        out += ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
        out += ["| " + " | ".join(row) + " |" for row in _table(s)]
        out += ["", "Definitions:"] + [f"- **{spec.name}**: {spec.definition}" for spec in s.specs]
        out += [f"- note: {n}" for n in s.notes]
    return "\n".join(out) + "\n"


def as_html(suites: list[SuiteResult], meta: dict[str, Any]) -> str:
    """One file with inline styles, a table per suite and a per-case drill-down."""
    esc = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Copilot eval report</title><style>",
        "body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px}table{border-collapse:collapse;margin:1rem 0}",
        "td,th{border:1px solid #ccc;padding:4px 8px;font-size:14px}th{background:#f3f3f3}.fail{color:#b00;font-weight:bold}",
        "details{margin:4px 0}pre{background:#f7f7f7;padding:8px;white-space:pre-wrap}</style></head><body>",
        f"<h1>Copilot eval report</h1><p>backend <b>{esc(str(meta.get('backend')))}</b>, {esc(str(meta.get('date')))}</p>",
    ]
    parts += [f"<p class='skipped'>{esc(line)}</p>" for line in skipped_lines(meta)]
    for s in suites:
        parts.append(f"<h2>{esc(s.name)} {'✅' if s.passed else '❌'}</h2>")
        parts.append(f"<p class='baseline'>{esc(baseline_line(s, meta))}</p><table><tr>")
        parts.append("".join(f"<th>{h}</th>" for h in HEAD) + "</tr>")
        for row in _table(s):
            cls = " class='fail'" if row[-1].startswith("FAIL") else ""
            parts.append("<tr>" + "".join(f"<td{cls}>{esc(c)}</td>" for c in row) + "</tr>")
        parts.append("</table><ul>")
        parts += [f"<li><b>{esc(spec.name)}</b>: {esc(spec.definition)}</li>" for spec in s.specs]
        parts += [f"<li>note: {esc(n)}</li>" for n in s.notes]
        parts.append("</ul><h3>Cases</h3>")
        for c in s.cases:
            summary = ", ".join(f"{k}={_fmt(v)}" for k, v in c.values.items() if v is not None)
            body = esc(json.dumps(c.details, indent=2, default=str))
            parts.append(
                f"<details><summary>{esc(c.id)} ({esc(c.split)}): {esc(summary)}</summary><pre>{body}</pre></details>"
            )
    parts.append("</body></html>")
    return "".join(parts)


def write_reports(folder: Path, suites: list[SuiteResult], meta: dict[str, Any]) -> list[Path]:
    """Write the three files and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "report.json", folder / "report.md", folder / "report.html"]
    paths[0].write_text(json.dumps(as_json(suites, meta), indent=2, default=str), encoding="utf-8")
    paths[1].write_text(as_markdown(suites, meta), encoding="utf-8")
    paths[2].write_text(as_html(suites, meta), encoding="utf-8")
    return paths
