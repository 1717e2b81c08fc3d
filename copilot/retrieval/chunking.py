"""Splits knowledge items into token-bounded chunks along headings, keeping the metadata advice cites by."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from copilot.knowledge.schema import KnowledgeItem
from copilot.retrieval.views import views
from copilot.tokens import ENCODING, count_tokens, truncate

CHUNKER_VERSION = 3  # bump when chunking changes, so the next ingest re-embeds files whose hash did not change
CHUNK_TOKENS = 220  # MiniLM reads 256 word pieces; cl100k counts fewer tokens than WordPiece for English
OVERLAP_TOKENS = 30
HEAD_TOKENS = 48
PRIVATE_TYPES = {"coaching_note"}  # personal data: never returned by general search
VIEWLESS_TYPES = {"question"}  # one line each already, and only searched on request
# Ids that say what an item is for ("Builds: negotiation.value-anchor", "for persona-cfo") are spelled out with
# the target's title: an id alone tells neither BM25 nor the embedder which skill or buyer it means.
# Measured on the dev queries (hybrid recall@5 / MRR): none 0.882/0.806; these four 0.888/0.805; every criterion
# and persona id anywhere 0.899/0.806, but then each objection carries its phrasing personas' titles and a query
# about a persona ("what worries an infosec buyer") ranks those objections above the persona itself; adding
# proof-point and scenario-objection titles too 0.899/0.789 (an item citing another outranks it).
SPELLED_OUT: dict[str, frozenset[str]] = {
    "activity": frozenset({"criterion"}),  # the skills it builds
    "question": frozenset({"criterion"}),  # the skill it probes
    "value_proposition": frozenset({"persona"}),  # the buyer it is written for
    "scenario": frozenset({"persona"}),  # the buyer the roleplay plays
}
_ID = re.compile(r"(?<![\w.-])[a-z0-9]+(?:[.-][a-z0-9]+)+(?![\w-])")


@dataclass(frozen=True)
class Chunk:
    """One embedded unit: a whole item, or a piece of a long one (`item_id~n`)."""

    id: str
    item_id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _splitter() -> Any:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter.from_tiktoken_encoder(
        encoding_name=ENCODING,
        chunk_size=CHUNK_TOKENS,
        chunk_overlap=OVERLAP_TOKENS,
        separators=["\n## ", "\n### ", "\n\n", "\n", ". ", " ", ""],
    )


def _metadata(item: KnowledgeItem, source_sha: str, root: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "item_id": item.id,
        "type": item.type,
        "title": item.title[:300],
        "source": item.source,
        "line": item.line or 0,
        "source_sha": source_sha,
        "root": root,
        "private": item.type in PRIVATE_TYPES,
        "chunker": CHUNKER_VERSION,
    }
    for key, value in item.metadata.items():
        if isinstance(value, list):
            if value:  # Chroma refuses empty lists
                meta[key] = [str(v) for v in value]
        elif value is not None:
            meta[key] = value
    return meta


def _parent(chunks: list[Chunk], view: str) -> str:
    """The chunk a view was cut from, so a hit on the view shows the passage around it."""
    probe = " ".join(view.split())[:60]
    for chunk in chunks:
        if chunk.metadata.get("part", 0) >= 0 and probe in " ".join(chunk.text.split()):
            return chunk.id
    return chunks[0].id


def link_targets(items: Iterable[KnowledgeItem]) -> dict[str, KnowledgeItem]:
    """The items other items may point at by id (see `SPELLED_OUT`), by id."""
    kinds = set().union(*SPELLED_OUT.values())
    return {item.id: item for item in items if item.type in kinds}


def linked(item: KnowledgeItem, targets: Mapping[str, KnowledgeItem]) -> dict[str, str]:
    """id → title of each target `item` points at that says what it is for."""
    kinds = SPELLED_OUT.get(item.type, frozenset())
    return {
        ref: targets[ref].title
        for ref in _ID.findall(item.text)
        if ref in targets and ref != item.id and targets[ref].type in kinds
    }


def item_of_chunk(chunk_id: str) -> str:
    """The item a chunk belongs to, read off its id (`item~part`, or the item's own id for a one-chunk item).

    Item ids never hold `~` (the schema's slugs and the free-text ids don't), so ranking needs no metadata.
    """
    return chunk_id.split("~", 1)[0]


def spell_out(text: str, names: Mapping[str, str]) -> str:
    """Each id in `names` followed by its title in brackets; the id stays, so the passage still cites it."""
    if not names:
        return text
    return _ID.sub(lambda m: f"{m[0]} ({names[m[0]]})" if m[0] in names else m[0], text)


def chunk_item(
    item: KnowledgeItem,
    *,
    source_sha: str,
    root: str,
    targets: Mapping[str, KnowledgeItem] | None = None,
) -> list[Chunk]:
    """Chunks for one item; the title leads each piece so a piece still says what it is about.

    `targets` (from `link_targets`) lets the chunks spell out the ids the item points at.
    """
    meta = _metadata(item, source_sha, root)
    body = spell_out(item.text.strip(), linked(item, targets or {})) or item.title
    if count_tokens(body) <= CHUNK_TOKENS:
        chunks = [Chunk(item.id, item.id, body, {**meta, "part": 0})]
    else:
        chunks = [
            Chunk(f"{item.id}~{n}", item.id, piece if n == 0 else f"{item.title}\n{piece}", {**meta, "part": n})
            for n, piece in enumerate(_splitter().split_text(body))
        ]
    if count_tokens(body) > HEAD_TOKENS:
        # A short head vector: a long item's embedding is an average of many topics, its head says what it is.
        head = truncate(body, HEAD_TOKENS)
        chunks.append(Chunk(f"{item.id}~head", item.id, head, {**meta, "part": -1, "parent": chunks[0].id}))
    if item.type not in VIEWLESS_TYPES:
        for n, text in enumerate(v for v in views(item) if v != body):
            view_meta = {**meta, "part": -1, "view": True, "parent": _parent(chunks, text)}
            chunks.append(Chunk(f"{item.id}~v{n}", item.id, text, view_meta))
    return chunks
