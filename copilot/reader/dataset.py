"""Labelled sentences for a head, read from the YAML files under copilot/reader/data/<head>/.

A file is

    split: train            # or heldout (never trained on; written before tuning)
    source: who wrote it and how it was labelled
    by_label:               # one label per sentence, the common case
      open_question:
        - "What got in the way?"
        - {text: "So the price worries you.", context: "It's just so expensive."}
    items:                  # several labels, or none (an empty list means no label applies)
      - {text: "So you're worried, right?", labels: [reflection, closed_question], context: "..."}

Each text is read as one sentence (cleaned, not split). `context` is the other speaker's previous turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from copilot.errors import ConfigError


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    text: str
    labels: tuple[str, ...]
    context: str | None
    split: str
    source: str  # file name and position, for error messages and reports


def _entry(raw: Any, where: str) -> tuple[str, str | None]:
    if isinstance(raw, str):
        return raw, None
    if isinstance(raw, dict) and isinstance(raw.get("text"), str):
        ctx = raw.get("context")
        return raw["text"], ctx if isinstance(ctx, str) else None
    raise ConfigError("reader data", f"{where}: expected a string or {{text, context}}", fix="fix that entry")


def load_examples(folder: Path, labels: tuple[str, ...]) -> list[Example]:
    """Every example in folder/*.yaml (sorted by file name), checked against the head's labels."""
    if not folder.is_dir():
        raise ConfigError("reader data", f"{folder} does not exist", fix="add labelled YAML files there")
    out: list[Example] = []
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        split = str(doc.get("split", "train"))
        if split not in ("train", "heldout"):
            raise ConfigError("reader data", f"{path.name}: split {split!r}", fix="use split: train or heldout")
        for label, entries in (doc.get("by_label") or {}).items():
            if label not in labels:
                raise ConfigError("reader data", f"{path.name}: unknown label {label!r}", fix=f"use one of {labels}")
            for i, raw in enumerate(entries or []):
                text, ctx = _entry(raw, f"{path.name} {label}[{i}]")
                out.append(Example(text, (label,), ctx, split, f"{path.name}:{label}[{i}]"))
        for i, raw in enumerate(doc.get("items") or []):
            text, ctx = _entry(raw, f"{path.name} items[{i}]")
            item_labels = tuple(raw.get("labels") or ()) if isinstance(raw, dict) else ()
            unknown = [x for x in item_labels if x not in labels]
            if unknown:
                raise ConfigError("reader data", f"{path.name} items[{i}]: unknown {unknown}", fix=f"use {labels}")
            out.append(Example(text, item_labels, ctx, split, f"{path.name}:items[{i}]"))
    return out
