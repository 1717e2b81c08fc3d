"""`copilot kb …` and `copilot ask`: validate, ingest, browse, search and answer from the knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from copilot.cli.output import EXIT_FAILED, EXIT_OK, emit_json
from copilot.knowledge.schema import Problem
from copilot.runtime import Runtime

kb_app = typer.Typer(help="Curate the knowledge base: validate, ingest, list, show, remove, search, coverage.")
JSON = typer.Option(False, "--json", help="Print JSON.")


def _runtime() -> Runtime:
    from copilot.cli.main import settings

    return Runtime(settings())


def _indexed_runtime() -> Runtime:
    """A runtime whose knowledge index has something in it; an empty one would answer every query with nothing."""
    from copilot.errors import KnowledgeBaseError

    runtime = _runtime()
    if runtime.index.count() == 0:
        raise KnowledgeBaseError(
            "the knowledge index is empty, so there is nothing to retrieve",
            fix="run `copilot kb ingest knowledge` (or `copilot serve`, which loads it on first run)",
        )
    return runtime


def _root(path: Path | None, runtime: Runtime) -> Path:
    return path if path is not None else runtime.settings.resolved_knowledge_dir


def _problem_line(p: Problem) -> str:
    where = p.path + (f":{p.line}" if p.line else "") + (f" [{p.key}]" if p.key else "")
    return f"{p.severity:<7} {where}: {p.message} (fix: {p.fix})"


@kb_app.command()
def validate(
    path: Path = typer.Argument(None, help="Folder (default: the knowledge folder)."), as_json: bool = JSON
) -> None:
    """Check every file; every problem with its file, line or key, and the fix."""
    from copilot.knowledge.installed import load_installed

    runtime = _runtime()
    result = load_installed(runtime.settings, _root(path, runtime))
    if as_json:
        emit_json(
            {
                "ok": result.ok,
                "files": [f.model_dump() for f in result.files],
                "problems": [p.model_dump() for p in result.problems],
            }
        )
    else:
        for p in result.problems:
            typer.echo(_problem_line(p))
        good = sum(1 for f in result.files if f.ok)
        typer.echo(f"{good}/{len(result.files)} files valid, {len(result.items)} items, {len(result.errors)} errors")
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FAILED)


@kb_app.command()
def ingest(
    path: Path = typer.Argument(None, help="Folder (default: the knowledge folder)."), as_json: bool = JSON
) -> None:
    """Index the folder; idempotent by content hash, removes deleted files, keeps what an invalid file had."""
    from rich.progress import Progress

    from copilot.knowledge.installed import load_installed
    from copilot.retrieval.ingest import ingest as run_ingest

    runtime = _runtime()
    root = _root(path, runtime)
    loaded = load_installed(runtime.settings, root)  # with the web app's uploads, or they would leave the index
    with Progress(disable=as_json, transient=True) as bar:
        task = bar.add_task("embedding", total=None)

        def progress(done: int, total: int, source: str) -> None:
            bar.update(task, completed=done, total=total, description=f"embedding {source}")

        report = run_ingest(root, runtime.embedder, runtime.index, progress=progress, loaded=loaded)
    errors = [p for p in report.problems if p.severity == "error"]
    if as_json:
        emit_json(report.as_dict())
    else:
        for p in report.problems:
            if p.severity != "info":
                typer.echo(_problem_line(p))
        typer.echo(
            f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
            f"unchanged {len(report.unchanged)} files; {report.chunks_written} chunks written, "
            f"{report.chunks_deleted} deleted; index holds {runtime.index.count()} chunks"
        )
        if report.kept_invalid:
            typer.echo(f"kept the previous version of invalid files: {', '.join(report.kept_invalid)}")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def _items(runtime: Runtime, where: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    for hit in runtime.index.get(where=where):
        meta = hit.metadata
        entry = items.setdefault(
            str(meta.get("item_id", hit.id)),
            {
                "id": meta.get("item_id", hit.id),
                "type": meta.get("type"),
                "title": meta.get("title"),
                "source": meta.get("source"),
                "line": meta.get("line"),
                "chunks": 0,
            },
        )
        entry["chunks"] += 1
    return items


@kb_app.command("list")
def list_items(
    type: str = typer.Option(None, "--type", help="Only items of this type (criterion, objection, activity…)."),
    as_json: bool = JSON,
) -> None:
    """List indexed items."""
    where: dict[str, Any] = {"type": type} if type else {}
    items = sorted(_items(_runtime(), where or None).values(), key=lambda i: (str(i["type"]), str(i["id"])))
    if as_json:
        emit_json(items)
        return
    for item in items:
        typer.echo(f"{item['type']:<18} {item['id']:<45} {item['title']}")
    typer.echo(f"{len(items)} items")


@kb_app.command()
def show(item_id: str = typer.Argument(..., help="Item id."), as_json: bool = JSON) -> None:
    """Show one item as indexed."""
    from copilot.errors import KnowledgeBaseError

    chunks = _runtime().index.get(where={"item_id": item_id})
    hits = sorted(
        (h for h in chunks if int(h.metadata.get("part", 0)) >= 0), key=lambda h: int(h.metadata.get("part", 0))
    )
    if not hits:
        raise KnowledgeBaseError(f"no indexed item {item_id!r}", key=item_id, fix="see `copilot kb list` for ids")
    meta = {k: v for k, v in hits[0].metadata.items() if k not in ("part",)}
    text = "\n".join(h.text for h in hits)
    if as_json:
        emit_json({"id": item_id, "metadata": meta, "chunks": len(hits), "text": text})
        return
    typer.echo(f"{meta.get('title')} [{item_id}] from {meta.get('source')}:{meta.get('line')}\n\n{text}")


@kb_app.command()
def remove(target: str = typer.Argument(..., help="Item id or source path."), as_json: bool = JSON) -> None:
    """Remove an item, or everything from one file, from the index; an uploaded file (uploads/…) is deleted too."""
    from copilot.knowledge.installed import remove_knowledge

    runtime = _runtime()
    removal = remove_knowledge(runtime.settings, runtime.index, target)
    if as_json:
        emit_json({"removed": removal.chunks, "deleted_upload": removal.deleted_upload})
    else:
        typer.echo(removal.message("the next `copilot kb ingest`"))


@kb_app.command()
def search(
    query: str = typer.Argument(..., help="What to look for."),
    type: str = typer.Option(None, "--type", help="Only this item type."),
    criterion: str = typer.Option(None, "--criterion", help="Only items linked to this criterion id."),
    interaction: str = typer.Option(None, "--interaction", help="Only items of this interaction."),
    k: int = typer.Option(5, "-k", min=1, max=50, help="How many items."),
    mode: str = typer.Option("hybrid", "--mode", help="dense, keyword or hybrid."),
    as_json: bool = JSON,
) -> None:
    """What the copilot would retrieve for a question, with scores."""
    from copilot.retrieval.search import build_where

    if mode not in ("dense", "keyword", "hybrid"):
        raise typer.BadParameter("use dense, keyword or hybrid", param_hint="--mode")
    runtime = _indexed_runtime()
    where = build_where(type=type, criterion=criterion, interaction=interaction)
    results = runtime.retriever.search(query, k=k, mode=mode, where=where)  # type: ignore[arg-type]
    if as_json:
        emit_json({"query": query, "mode": mode, "results": [r.as_dict() for r in results]})
        return
    if not results:
        typer.echo("nothing found (is the knowledge base ingested? run `copilot kb ingest`)")
    for r in results:
        typer.echo(f"{r.score:7.4f}  {r.type:<17} {r.item_id:<40} {r.title}")


@kb_app.command("coverage")
def coverage_cmd(
    path: Path = typer.Argument(None, help="Folder (default: the knowledge folder)."), as_json: bool = JSON
) -> None:
    """Gaps: criteria without activities or questions, objections without answers, dangling references."""
    from copilot.knowledge import coverage
    from copilot.knowledge.installed import load_installed

    runtime = _runtime()
    report = coverage(load_installed(runtime.settings, _root(path, runtime)).kb)
    if as_json:
        emit_json(report.model_dump())
    else:
        data = report.model_dump()
        for key, value in data.items():
            if isinstance(value, list) and value:
                typer.echo(f"{key}: {value}")
        typer.echo("no gaps" if report.ok else "gaps found (see above)")
    raise typer.Exit(EXIT_OK if report.ok else EXIT_FAILED)


@kb_app.command()
def recall(
    queries: list[Path] = typer.Option(
        None,
        "--queries",
        help="Labelled query file; repeat for several (default: every evals/retrieval/queries*.yaml).",
    ),
    k: int = typer.Option(5, "-k", help="Cut-off for recall@k."),
    as_json: bool = JSON,
) -> None:
    """Retrieval quality on the labelled queries: recall@k and MRR for dense, keyword and hybrid, per split."""
    from copilot.retrieval.evaluate import default_query_files, evaluate_retrieval

    runtime = _indexed_runtime()
    report = evaluate_retrieval(runtime.retriever, queries or default_query_files(), k=k)
    if as_json:
        emit_json(report)
        return
    typer.echo(f"{'mode':<8} {'split':<9} {'n':>4}  recall@{k}  MRR")
    for mode, row in report["modes"].items():
        for split, part in [("all", row), *row["by_split"].items()]:
            typer.echo(f"{mode:<8} {split:<9} {part['n']:>4}  {part['recall']:8.3f}  {part['mrr']:.3f}")


def register(app: typer.Typer) -> None:
    """Attach `kb` and `ask`."""
    app.add_typer(kb_app, name="kb")

    @app.command()
    def ask(question: str = typer.Argument(..., help="Your question."), as_json: bool = JSON) -> None:
        """A knowledge-grounded answer with the ids it cites; says so when the knowledge base has nothing."""
        from copilot.retrieval.ask import ask as run_ask

        if not question.strip():
            raise typer.BadParameter("the question is empty", param_hint="QUESTION")
        runtime = _indexed_runtime()
        result = run_ask(question, runtime.retriever, runtime.chat_model)
        if as_json:
            emit_json(result.as_dict())
            return
        typer.echo(result.answer)
        if result.citations:
            typer.echo(f"\nsources: {', '.join(result.citations)}  ({result.source})")
