"""`copilot kb …` and `copilot ask`: validate, ingest, browse, search and answer from the knowledge base."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.cli.options import JSON, current_app
from copilot.cli.output import EXIT_FAILED, EXIT_OK, emit_json
from copilot.knowledge.schema import Problem

app = typer.Typer()
kb_app = typer.Typer(help="Curate the knowledge base: validate, ingest, list, show, remove, search, coverage.")
app.add_typer(kb_app, name="kb")


def _problem_line(p: Problem) -> str:
    where = p.path + (f":{p.line}" if p.line else "") + (f" [{p.key}]" if p.key else "")
    return f"{p.severity:<7} {where}: {p.message} (fix: {p.fix})"


@kb_app.command()
def validate(
    ctx: typer.Context,
    path: Path = typer.Argument(None, help="Folder (default: the knowledge folder)."),
    as_json: bool = JSON,
) -> None:
    """Check every file; every problem with its file, line or key, and the fix."""
    from copilot.app import knowledge

    result = knowledge.validate(current_app(ctx), path)
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
    ctx: typer.Context,
    path: Path = typer.Argument(None, help="Folder (default: the knowledge folder)."),
    as_json: bool = JSON,
) -> None:
    """Index the folder; idempotent by content hash, removes deleted files, keeps what an invalid file had."""
    from rich.progress import Progress

    from copilot.app import knowledge

    application = current_app(ctx)
    with Progress(disable=as_json, transient=True) as bar:
        task = bar.add_task("embedding", total=None)

        def progress(done: int, total: int, source: str) -> None:
            bar.update(task, completed=done, total=total, description=f"embedding {source}")

        report = knowledge.ingest(application, path, progress=progress)
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
            f"{report.chunks_deleted} deleted; index holds {knowledge.indexed_chunks(application)} chunks"
        )
        if report.kept_invalid:
            typer.echo(f"kept the previous version of invalid files: {', '.join(report.kept_invalid)}")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


@kb_app.command("list")
def list_items(
    ctx: typer.Context,
    type: str = typer.Option(None, "--type", help="Only items of this type (criterion, objection, activity…)."),
    as_json: bool = JSON,
) -> None:
    """List indexed items."""
    from copilot.app import knowledge

    items = knowledge.items(current_app(ctx), type or None)
    if as_json:
        emit_json([i.as_dict() for i in items])
        return
    for item in items:
        typer.echo(f"{item.type:<18} {item.id:<45} {item.title}")
    typer.echo(f"{len(items)} items")


@kb_app.command()
def show(ctx: typer.Context, item_id: str = typer.Argument(..., help="Item id."), as_json: bool = JSON) -> None:
    """Show one item as indexed."""
    from copilot.app import knowledge

    item = knowledge.show(current_app(ctx), item_id)
    if as_json:
        emit_json({"id": item.id, "metadata": item.metadata, "chunks": item.chunks, "text": item.text})
        return
    meta = item.metadata
    typer.echo(f"{meta.get('title')} [{item_id}] from {meta.get('source')}:{meta.get('line')}\n\n{item.text}")


@kb_app.command()
def remove(
    ctx: typer.Context, target: str = typer.Argument(..., help="Item id or source path."), as_json: bool = JSON
) -> None:
    """Remove an item, or everything from one file, from the index; an uploaded file (uploads/…) is deleted too."""
    from copilot.app import knowledge

    removal = knowledge.remove(current_app(ctx), target)
    if as_json:
        emit_json({"removed": removal.chunks, "deleted_upload": removal.deleted_upload})
    else:
        typer.echo(removal.message("the next `copilot kb ingest`"))


@kb_app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="What to look for."),
    type: str = typer.Option(None, "--type", help="Only this item type."),
    criterion: str = typer.Option(None, "--criterion", help="Only items linked to this criterion id."),
    interaction: str = typer.Option(None, "--interaction", help="Only items of this interaction."),
    k: int = typer.Option(5, "-k", min=1, max=50, help="How many items."),
    mode: str = typer.Option("hybrid", "--mode", help="dense, keyword or hybrid."),
    as_json: bool = JSON,
) -> None:
    """What the copilot would retrieve for a question, with scores."""
    from copilot.app import knowledge

    if mode not in knowledge.MODES:
        raise typer.BadParameter("use dense, keyword or hybrid", param_hint="--mode")
    results = knowledge.search(
        current_app(ctx), query, k=k, mode=mode, item_type=type, criterion=criterion, interaction=interaction
    )
    if as_json:
        emit_json({"query": query, "mode": mode, "results": [r.as_dict() for r in results]})
        return
    if not results:
        typer.echo("nothing found (is the knowledge base ingested? run `copilot kb ingest`)")
    for r in results:
        typer.echo(f"{r.score:7.4f}  {r.type:<17} {r.item_id:<40} {r.title}")


@kb_app.command("coverage")
def coverage_cmd(
    ctx: typer.Context,
    path: Path = typer.Argument(None, help="Folder (default: the knowledge folder)."),
    as_json: bool = JSON,
) -> None:
    """Gaps: criteria without activities or questions, objections without answers, dangling references."""
    from copilot.app import knowledge

    report = knowledge.gaps(current_app(ctx), path)
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
    ctx: typer.Context,
    queries: list[Path] = typer.Option(
        None,
        "--queries",
        help="Labelled query file; repeat for several (default: every evals/retrieval/queries*.yaml).",
    ),
    k: int = typer.Option(5, "-k", help="Cut-off for recall@k."),
    as_json: bool = JSON,
) -> None:
    """Retrieval quality on the labelled queries: recall@k and MRR for dense, keyword and hybrid, per split."""
    from copilot.app import knowledge

    report = knowledge.recall(current_app(ctx), queries or None, k=k)
    if as_json:
        emit_json(report)
        return
    typer.echo(f"{'mode':<8} {'split':<9} {'n':>4}  recall@{k}  MRR")
    for mode, row in report["modes"].items():
        for split, part in [("all", row), *row["by_split"].items()]:
            typer.echo(f"{mode:<8} {split:<9} {part['n']:>4}  {part['recall']:8.3f}  {part['mrr']:.3f}")


@app.command()
def ask(ctx: typer.Context, question: str = typer.Argument(..., help="Your question."), as_json: bool = JSON) -> None:
    """A knowledge-grounded answer with the ids it cites; says so when the knowledge base has nothing."""
    from copilot.app.ask import ask as answer

    if not question.strip():
        raise typer.BadParameter("the question is empty", param_hint="QUESTION")
    result = answer(current_app(ctx), question)
    if as_json:
        emit_json(result.as_dict())
        return
    typer.echo(result.answer)
    if result.citations:
        typer.echo(f"\nsources: {', '.join(result.citations)}  ({result.source})")
    for note in result.notes:  # a model fault says its cause and fix here too, not only in --json
        typer.echo(f"note: {note}", err=True)
