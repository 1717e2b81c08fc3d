"""Plain-text guides, and the slug every free-text reader builds ids from."""

from __future__ import annotations

import re

from copilot.knowledge.results import FileResult
from copilot.knowledge.schema import Guide


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens, as used in ids."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def load_text(result: FileResult, text: str, stem: str) -> None:
    """A plain-text guide: one item, titled by its first line."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), stem)
    result.info.kind = "text"
    result.document = Guide(
        id=f"guide-{slugify(stem)}",
        title=first[:120],
        type="guide",
        source=result.info.path,
        format="text",
        summary=text.strip(),
    )
