"""`copilot bench`: the speed and memory figures of this machine, printed and written to one JSON file."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from copilot.cli.options import current_app
from copilot.cli.output import emit_json
from copilot.errors import ConfigError

SUITES = ("ingest", "embedder", "retrieval", "ask", "prep", "roleplay", "concurrency", "memory", "reader")


def _parse_ints(value: str, option: str) -> tuple[int, ...]:
    try:
        numbers = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise typer.BadParameter(f"expected comma-separated whole numbers, got {value!r}", param_hint=option) from None
    if not numbers or min(numbers) < 1:
        raise typer.BadParameter("give at least one number, each 1 or more", param_hint=option)
    return numbers


app = typer.Typer()


@app.command()
def bench(
    ctx: typer.Context,
    only: str = typer.Option(",".join(SUITES), "--only", help=f"Comma-separated suites to run: {', '.join(SUITES)}."),
    chunks: int = typer.Option(20_000, "--chunks", min=100, help="Size of the generated knowledge base."),
    small: int = typer.Option(1_000, "--small", min=10, help="The smaller index size for retrieval latency."),
    sessions: str = typer.Option("1,4,16", "--sessions", help="Simultaneous roleplay sessions to try, e.g. 1,4,16."),
    rounds: int = typer.Option(
        2, "--rounds", min=1, max=20, help="Times each ask question, prep brief and roleplay script is timed."
    ),
    queries: int = typer.Option(200, "--queries", min=5, help="Timed searches per index for retrieval latency."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON document."),
    output: Path = typer.Option(None, "--output", "-o", help="Also write the JSON document to this file."),
) -> None:
    """Measure ingestion, embedding, retrieval, ask/prep/roleplay latency, concurrency and memory (numbers, no verdicts)."""
    chosen = tuple(s.strip() for s in only.split(",") if s.strip())
    unknown = sorted(set(chosen) - set(SUITES))
    if unknown or not chosen:
        raise typer.BadParameter(
            f"unknown suite(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SUITES)}",
            param_hint="--only",
        )
    levels = _parse_ints(sessions, "--sessions")
    try:
        from bench.run import run
    except ImportError as exc:  # a wheel install has no bench/ folder
        raise ConfigError(
            "bench", "the benchmarks live in the source checkout's bench/ folder", fix="run from a git checkout"
        ) from exc

    def say(line: str) -> None:
        typer.echo(line, err=as_json)

    doc = run(
        current_app(ctx).settings,
        tuple(s for s in SUITES if s in chosen),
        chunks=chunks,
        small=small,
        levels=levels,
        rounds=rounds,
        queries=queries,
        say=say,
    )
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        say(f"wrote {output}")
    if as_json:
        emit_json(doc)
