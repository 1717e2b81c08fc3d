"""The practice programme's command groups: reviews, certify, calibrate, drill."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach `copilot reviews`, `certify`, `calibrate` and `drill`."""
    from copilot.cli import calibrate, certify, drill, reviews

    reviews.register(app)
    certify.register(app)
    calibrate.register(app)
    drill.register(app)
