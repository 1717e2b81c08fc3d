"""Markdown guides and coaching notes: optional YAML front matter, then one section per top- or second-level heading."""

from __future__ import annotations

import re

from pydantic import ValidationError

from copilot.knowledge.diagnostics import validation_problems
from copilot.knowledge.readers.text import slugify
from copilot.knowledge.results import FileResult
from copilot.knowledge.schema import FrontMatter, Guide, GuideSection
from copilot.knowledge.yaml_text import parse_yaml

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _front_matter(result: FileResult, text: str) -> tuple[FrontMatter | None, list[str], int]:
    """Split optional `---` front matter from the body; returns (front matter, body lines, first body line)."""
    rel = result.info.path
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return FrontMatter(), lines, 1
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        result.add(
            "front matter starts with `---` on line 1 but is never closed",
            "add a line containing only `---` after the front matter",
            line=1,
        )
        return None, [], 1
    data, line_map, problems = parse_yaml(rel, "\n".join(lines[1:end]), line_offset=1)
    result.lines = line_map
    result.problems += problems
    if problems:
        return None, [], 1
    try:
        front = FrontMatter.model_validate(data or {})
    except ValidationError as exc:
        result.problems += validation_problems(rel, exc, FrontMatter, data, line_map)
        return None, [], 1
    return front, lines[end + 1 :], end + 2


def load_markdown(result: FileResult, text: str, stem: str) -> None:
    """A Markdown guide or coaching note, split into one section per top- or second-level heading."""
    front, body, first_line = _front_matter(result, text)
    if front is None:
        return
    rel = result.info.path
    if not "\n".join(body).strip():
        result.add("no text after the front matter", "add the guide's text", severity="warning")
        return
    heads: list[tuple[int, int, str]] = []
    fenced = False
    for index, line in enumerate(body):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _HEADING.match(line)):
            heads.append((index, len(m.group(1)), m.group(2).strip()))
    top = [h for h in heads if h[1] == 1]
    title_head = heads[0] if heads and heads[0][1] == 1 and len(top) == 1 else None
    split_levels = {2} if title_head else {1, 2}
    splits = [h for h in heads if h[1] in split_levels and h is not title_head]
    doc_id = front.id or f"{'note' if front.type == 'coaching_note' else 'guide'}-{slugify(stem)}"
    first_split = splits[0][0] if splits else len(body)
    summary = "\n".join(line for i, line in enumerate(body[:first_split]) if not title_head or i != title_head[0])
    sections: list[GuideSection] = []
    used: dict[str, int] = {}
    for n, (index, _, heading) in enumerate(splits):
        end = splits[n + 1][0] if n + 1 < len(splits) else len(body)
        section_text = "\n".join(body[index + 1 : end]).strip()
        if not section_text:
            continue
        slug = slugify(heading)
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        sections.append(GuideSection(id=f"{doc_id}#{slug}", title=heading, text=section_text, line=first_line + index))
    title = front.title or (title_head[2] if title_head else stem.replace("-", " ").replace("_", " ").capitalize())
    result.info.kind = "markdown"
    result.document = Guide(
        id=doc_id,
        title=title,
        type=front.type,
        source=rel,
        format="markdown",
        criteria=front.criteria,
        interaction=front.interaction,
        rep=front.rep,
        date=front.date,
        summary=summary.strip(),
        sections=sections,
    )
