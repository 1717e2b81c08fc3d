"""The practice programme's command groups (reviews, certify, calibrate, drill), attached to the CLI as one."""

from __future__ import annotations

import typer

from copilot.cli import calibrate, certify, drill, reviews

app = typer.Typer()
for group in (reviews, certify, calibrate, drill):
    app.add_typer(group.app)
