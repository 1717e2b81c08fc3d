"""What the use-case tests share: the demo admin and how a command's output is read."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.records.access import Actor

REPO = Path(__file__).resolve().parents[2]
ADMIN = Actor.local_admin()


@dataclass
class Ran:
    """What one command printed and its exit code."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        """The JSON document the command printed."""
        return json.loads(self.out)

    @property
    def error(self) -> str:
        """The one-line error on stderr, without its `error: ` prefix."""
        return self.err.strip().splitlines()[-1].removeprefix("error: ")


Cli = Callable[..., Ran]
