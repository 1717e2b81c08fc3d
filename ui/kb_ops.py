"""Enablement's handlers as plain functions: add files to the knowledge folder, ingest, browse, remove, preview, gaps.

Uploaded files go to `<data folder>/uploads/` (COPILOT_DATA_DIR), never into the knowledge folder, which may be a
read-only install; they join the knowledge base as `uploads/<name>`. A file with errors is not kept (the index keeps
what it had); its problems are listed with file, line and fix so it can be corrected and sent again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from copilot.app import knowledge
from copilot.errors import KnowledgeBaseError
from copilot.knowledge import LoadResult
from copilot.knowledge.loader import SUPPORTED_SUFFIXES, UPLOADS_PREFIX
from copilot.knowledge.schema import Problem
from copilot.limits import size_text
from copilot.records.access import Actor
from copilot.retrieval.ingest import IngestReport
from ui.auth import require
from ui.context import UIContext
from ui.tempfiles import discard_upload

Report = Callable[[float, str], None]
PROBLEM_COLUMNS = ["file", "line", "key", "severity", "message", "fix"]
ITEM_COLUMNS = ["id", "type", "title", "source", "line", "private", "chunks"]


@dataclass
class Outcome:
    """What an upload or ingest did, and every problem worth showing."""

    summary: str
    problems: pd.DataFrame
    kept: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table: file, line, key, severity, message, fix."""
    rows = [[p.path, p.line or "", p.key or "", p.severity, p.message, p.fix] for p in problems if p.severity != "info"]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def _root(ctx: UIContext) -> Path:
    return ctx.settings.resolved_knowledge_dir.resolve()


def _load(ctx: UIContext) -> LoadResult:
    """The knowledge folder and the uploads, validated together."""
    return knowledge.validate(ctx.app, _root(ctx))


def _ingest(ctx: UIContext, root: Path, report: Report, loaded: LoadResult | None = None) -> IngestReport:
    """Index the folder with a progress report per embedded batch; the App rereads the knowledge if it changed."""

    def progress(done: int, total: int, source: str) -> None:
        report(0.2 + 0.8 * done / max(total, 1), f"embedding {source} ({done}/{total} chunks)")

    return knowledge.ingest(ctx.app, root, progress=progress, loaded=loaded)


def _counts(r: IngestReport) -> str:
    return (
        f"added {len(r.added)}, updated {len(r.updated)}, removed {len(r.removed)}, unchanged {len(r.unchanged)} "
        f"file(s); {r.chunks_written} chunks written, {r.chunks_deleted} deleted"
    )


def upload(ctx: UIContext, actor: Actor, paths: Sequence[str], report: Report) -> Outcome:
    """Copy files into the data folder's uploads, validate them with the rest of the knowledge base, ingest the good."""
    require(actor, "enablement")
    if not paths:
        raise KnowledgeBaseError("no files chosen", fix="choose one or more .yaml, .md, .txt or .pdf files")
    root = _root(ctx)
    target = ctx.settings.uploads_dir
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnowledgeBaseError(
            f"cannot write to {target} ({exc.strerror})",
            fix="set COPILOT_DATA_DIR to a folder you may write (uploads are kept in its uploads/ folder)",
        ) from None
    previous: dict[str, bytes | None] = {}
    refused: list[Problem] = []
    for raw in paths:
        source = Path(raw)
        rel = f"{UPLOADS_PREFIX}{source.name}"
        if source.suffix.lower() not in SUPPORTED_SUFFIXES:
            refused.append(
                Problem(
                    path=source.name,
                    message=f"unsupported file type {source.suffix or '(none)'}; not added",
                    fix=f"upload {', '.join(sorted(SUPPORTED_SUFFIXES))} files",
                )
            )
            discard_upload(source)
            continue
        size = source.stat().st_size
        if size > ctx.settings.max_upload_bytes:
            refused.append(
                Problem(
                    path=source.name,
                    message=f"file is {size_text(size)}, over the {size_text(ctx.settings.max_upload_bytes)} upload "
                    "limit; not read",
                    fix="split it into smaller files, or raise COPILOT_MAX_UPLOAD_BYTES (see docs/settings.md)",
                )
            )
            discard_upload(source)
            continue
        dest = target / source.name
        previous[rel] = dest.read_bytes() if dest.is_file() else None
        shutil.copyfile(source, dest)
        discard_upload(source)
    report(0.05, "validating against the whole knowledge base")
    loaded = _load(ctx)
    bad = sorted({p.path for p in loaded.problems if p.severity == "error" and p.path in previous})
    for rel in bad:  # put back what was there before, so a broken upload never replaces a good file
        old, dest = previous[rel], target / rel.removeprefix(UPLOADS_PREFIX)
        if old is None:
            dest.unlink(missing_ok=True)
        else:
            dest.write_bytes(old)
    shown = refused + [p for p in loaded.problems if p.path in previous]
    if bad:
        loaded = _load(ctx)
    result = _ingest(ctx, root, report, loaded)
    kept = [rel for rel in previous if rel not in bad]
    lines = [f"**Saved to** `{target}`."]
    if kept:
        lines.append(f"**Added:** {', '.join(kept)}.")
    if bad or refused:
        names = bad + [p.path for p in refused]
        lines.append(f"**Not added (fix the rows below and upload again):** {', '.join(names)}.")
    lines.append(f"Index: {_counts(result)}; it holds {knowledge.indexed_chunks(ctx.app)} chunks.")
    report(1.0, "done")
    return Outcome(" \n".join(lines), problems_frame(shown), kept=kept, rejected=bad + [p.path for p in refused])


def ingest_all(ctx: UIContext, actor: Actor, report: Report) -> Outcome:
    """Re-index the knowledge folder and the uploads (idempotent: only changed files are embedded again)."""
    require(actor, "enablement")
    root = _root(ctx)
    report(0.05, f"validating {root} and {ctx.settings.uploads_dir}")
    loaded = _load(ctx)
    result = _ingest(ctx, root, report, loaded)
    errors = sum(1 for p in loaded.problems if p.severity == "error")
    summary = f"`{root}`: {_counts(result)}; {errors} error(s) in the folder; index holds {knowledge.indexed_chunks(ctx.app)} chunks."
    if result.kept_invalid:
        summary += f" Kept the previous version of invalid files: {', '.join(result.kept_invalid)}."
    report(1.0, "done")
    return Outcome(summary, problems_frame(loaded.problems))


def items(ctx: UIContext, actor: Actor, item_type: str | None) -> pd.DataFrame:
    """What the index holds, one row per item."""
    require(actor, "enablement")
    rows = [
        [i.id, i.type or "", i.title or "", i.source or "", i.line or "", i.private, i.chunks]
        for i in knowledge.items(ctx.app, item_type or None)
    ]
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def item_types(ctx: UIContext) -> list[str]:
    """Item types present in the index, for the filter."""
    return knowledge.item_types(ctx.app)


def remove_item(ctx: UIContext, actor: Actor, target: str) -> str:
    """Take an item (by id) or a whole file (by source path) out of the index; an uploaded file is deleted too."""
    require(actor, "enablement")
    return knowledge.remove(ctx.app, target).message("re-ingesting the folder")


def preview(ctx: UIContext, actor: Actor, query: str, k: int, mode: str, item_type: str | None) -> pd.DataFrame:
    """What the copilot would retrieve for a question: the same search its answers and briefs use."""
    require(actor, "enablement")
    results = knowledge.search(ctx.app, query, k=int(k), mode=mode, item_type=item_type or None)
    rows = [
        [i + 1, round(r.score, 4), r.type, r.item_id, r.title, r.source, r.text[:400]] for i, r in enumerate(results)
    ]
    return pd.DataFrame(rows, columns=["rank", "score", "type", "id", "title", "source", "passage"])


def coverage_md(ctx: UIContext, actor: Actor) -> str:
    """Gaps: skills with no activity or question, root causes nothing addresses, objections without answers."""
    require(actor, "enablement")
    report = knowledge.gaps(ctx.app, _root(ctx))
    data = report.model_dump()
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in report.counts.items())
    out = [f"**Knowledge base:** {counts}.", "", f"### {report.gaps()} gap(s)" if not report.ok else "### No gaps"]
    labels = {
        "criteria_without_activity": "Criteria no learning activity builds",
        "criteria_without_diagnostic_question": "Criteria without a diagnostic question",
        "criteria_without_commitment_question": "Criteria without a commitment question",
        "root_cause_gaps": "Root causes no activity addresses",
        "objections_incomplete": "Objections missing a handling path, proof points or an answer",
        "unknown_criteria": "Activities or questions naming unknown criteria",
        "personas_without_phrasings": "Personas no objection gives phrasings for",
        "scenarios_missing_facts": "Roleplay scenarios whose buyer cannot answer some question topics",
    }
    for key, title in labels.items():
        values = data.get(key) or []
        if values:
            out += ["", f"#### {title} ({len(values)})"]
            out += [f"- {_gap(v)}" for v in values]
    return "\n".join(out)


def _gap(value: Any) -> str:
    if isinstance(value, dict):
        main = value.get("item") or value.get("objection") or value.get("criterion") or value.get("scenario")
        rest = ", ".join(str(v) for k, v in value.items() if v != main)
        return f"`{main}`: {rest}"
    return f"`{value}`"
