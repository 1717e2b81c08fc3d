"""Prompts live as files beside this module and are rendered with strict Jinja2, so a missing variable fails loudly."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def names() -> list[str]:
    """Every prompt file shipped with the copilot."""
    folder = resources.files("copilot.prompts")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".md"))


def source(name: str) -> str:
    """The raw template text."""
    return resources.files("copilot.prompts").joinpath(name).read_text(encoding="utf-8")


def render(name: str, **variables: Any) -> str:
    """Render a prompt file with the given variables."""
    return _environment().from_string(source(name)).render(**variables).strip()
