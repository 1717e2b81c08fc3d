"""Splits knowledge items into token-bounded chunks along headings, keeping the metadata advice cites by."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from copilot.knowledge.schema import KnowledgeItem
from copilot.retrieval.views import views
from copilot.tokens import ENCODING, count_tokens, truncate

CHUNKER_VERSION = 2  # bump when chunking changes, so the next ingest re-embeds files whose hash did not change
CHUNK_TOKENS = 220  # MiniLM reads 256 word pieces; cl100k counts fewer tokens than WordPiece for English
OVERLAP_TOKENS = 30
HEAD_TOKENS = 48
PRIVATE_TYPES = {"coaching_note"}  # personal data: never returned by general search
VIEWLESS_TYPES = {"question"}  # one line each already, and only searched on request


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


def chunk_item(item: KnowledgeItem, *, source_sha: str, root: str) -> list[Chunk]:
    """Chunks for one item; the title leads each piece so a piece still says what it is about."""
    meta = _metadata(item, source_sha, root)
    body = item.text.strip() or item.title
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
