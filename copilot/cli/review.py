"""`copilot review FILE|DIR`: measure a recorded call or coaching conversation, deterministically."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.cli.output import emit_json
from copilot.errors import CopilotError

SUFFIXES = {".txt", ".vtt", ".srt", ".json"}


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    if not path.is_file():
        raise CopilotError(f"no transcript at {path}", fix="pass a .txt, .vtt, .srt or .json file, or a folder of them")
    return [path]


def _roles(values: list[str]) -> dict[str, str] | None:
    if not values:
        return None
    roles = {}
    for value in values:
        name, sep, role = value.rpartition("=")
        if not sep or not name or not role:
            raise typer.BadParameter(f"{value!r}: use NAME=ROLE, e.g. 'Dana=manager'", param_hint="--role")
        roles[name] = role
    return roles


def register(app: typer.Typer) -> None:
    """Attach the command."""

    @app.command()
    def review(
        path: Path = typer.Argument(..., help="A transcript file, or a folder of them."),
        kind: str = typer.Option("call", "--kind", help="call (rep and buyer) or coaching (manager and rep)."),
        role: list[str] = typer.Option([], "--role", help="Confirm a speaker's role: NAME=ROLE (repeatable)."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Talk ratio, questions, conversational acts, coaching quality and action items, measured not guessed."""
        from copilot.review import review_transcript

        if kind not in ("call", "coaching"):
            raise typer.BadParameter("use call or coaching", param_hint="--kind")
        roles = _roles(role)
        results = []
        for file in _files(path):
            measures = review_transcript(file.read_bytes(), kind, roles, filename=file.name)  # type: ignore[arg-type]
            results.append({"file": str(file), **measures.model_dump(mode="json")})
        if as_json:
            emit_json(results[0] if path.is_file() else results)
            return
        for r in results:
            m = r["metrics"]
            typer.echo(f"{r['file']}  ({r['kind']})")
            for name, s in r["speakers"].items():
                typer.echo(
                    f"  {name:<16} {r['roles'].get(name, '?'):<8} talk {s['talk_share']:.0%}  words {s['words']}"
                )
            typer.echo(
                f"  talk ratio {m['talk_ratio']}  open-question rate {m['open_question_rate']}  advice rate {m['advice_rate']}"
            )
            if r.get("coaching_quality"):
                typer.echo(f"  coaching quality {r['coaching_quality']['score']:.2f}")
            for item in r["action_items"]:
                typer.echo(f"  action: {item['text']}  (owner {item.get('owner')}, due {item.get('due')})")
            for note in r["assumptions"]:
                typer.echo(f"  assumed: {note}")
