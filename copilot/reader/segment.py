"""Spoken turns into clean sentences: fillers, stutters and cut-off words out, one sentence per piece.

Transcripts of real speech ("um, so I- I think wh- what you're saying is...") break patterns and blur
embeddings; the reader reads what was meant. Everything here is pure string work: same input, same output.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."})
# Filled pauses; "ah"/"oh"/"hmm" carry meaning in a backchannel and are left to the reader.
_FILLER = re.compile(r"(?:^|(?<=[\s,.;:!?\-]))(?:u+m+|u+h+m*|e+r+m+|e+r+|hmm+m|mm+m)(?=[\s,.;:!?]|$)[,.]?", re.I)
# A dash glued to a word end, followed by a space or a word: the speaker broke off ("wh-", "I- I", "put--").
_CUT = re.compile(r"\b([A-Za-z']+)-(?:-+)?(?=\s|$)")
_DOUBLE_DASH = re.compile(r"\s*(?:--+|\u2014|\u2013)\s*")
_LEAD_DASH = re.compile(r"(^|\s)-(?=[A-Za-z])")
_REPEAT_WORD = re.compile(r"\b([A-Za-z']+)(?:[,\s]+\1\b)+", re.I)
_REPEAT_PAIR = re.compile(r"\b([A-Za-z']+ [A-Za-z']+)(?:[,\s]+\1\b)+", re.I)
# "that-that", "the-the-the", "Wh-What", "resc-rescue": a word said again after a dash, or begun and restarted.
_DASH_REPEAT = re.compile(r"\b([A-Za-z']+)(?:-\1\b)+", re.I)
_DASH_RESTART = re.compile(r"(?<!-)\b([A-Za-z']{1,8})-(?=([A-Za-z']+))", re.I)  # not inside 'one-on-one'
_SPACE_PUNCT = re.compile(r"\s+([,.;:!?])")
_COMMAS = re.compile(r"(?:,\s*){2,}")
_LEAD_PUNCT = re.compile(r"^[\s,.;:]+")
# Words that may be said twice on purpose ("that that", "had had", "very very").
_DOUBLES_OK = frozenset({"that", "had", "very", "really", "so", "no", "yes", "yeah", "bye", "right", "okay", "ok"})

_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])"  # end mark, space, next sentence
    r"|(?<=\?)(?=[A-Z])"  # "right?And" glued by a transcriber
    r"|\s+\u2014\s+(?=[A-Z])"  # a restart: "you put \u2014 You drink"
)
_ABBREV = re.compile(r"\b(mr|mrs|ms|dr|vs|etc|e\.g|i\.e|approx|inc|ltd|no|st|jr|sr)\.$", re.I)
_HAS_WORD = re.compile(r"[A-Za-z0-9]")


def _restart(match: re.Match[str]) -> str:
    """'Wh-What' -> 'What': drop a fragment that the next word begins with; keep real hyphenated words."""
    fragment, following = match.group(1), match.group(2)
    return (
        ""
        if following.lower().startswith(fragment.lower()) and following.lower() != fragment.lower()
        else match.group(0)
    )


def _cut_off(match: re.Match[str]) -> str:
    """Drop a broken-off fragment; keep hyphenated words and a trailing word cut by the turn's end."""
    return " "


def clean(text: str) -> str:
    """The turn without fillers, stutters and cut-off words; a turn that is only a filler is kept as said."""
    raw = " ".join(text.translate(_QUOTES).split())
    if not raw:
        return ""
    out = _DASH_REPEAT.sub(r"\1", raw)
    out = _DASH_RESTART.sub(_restart, out)
    out = _DOUBLE_DASH.sub(" \u2014 ", out)
    out = _LEAD_DASH.sub(r"\1", out)
    out = out.rstrip("-").rstrip()
    out = _CUT.sub(_cut_off, out)
    out = _FILLER.sub(" ", out)

    def undouble(match: re.Match[str]) -> str:
        word = match.group(1)
        return match.group(0) if word.lower() in _DOUBLES_OK else word

    out = _REPEAT_PAIR.sub(lambda m: m.group(1), out)
    out = _REPEAT_WORD.sub(undouble, out)
    out = " ".join(out.split())
    out = _SPACE_PUNCT.sub(r"\1", out)
    out = _COMMAS.sub(", ", out)
    out = re.sub(r"\u2014\s*(?=[\u2014,.;:!?]|$)", "", out)
    out = re.sub(r"(^|[.!?]\s)\s*\u2014\s*", r"\1", out)
    out = _LEAD_PUNCT.sub("", out).strip(" ,;:")
    out = " ".join(out.split())
    if not _HAS_WORD.search(out):
        return raw
    return out[0].upper() + out[1:] if out[0].islower() and raw[0].isupper() else out


def split_sentences(text: str) -> list[str]:
    """Sentences of a (cleaned) turn: end marks and restarts split; 'Mr.' and '3.5' do not."""
    pieces: list[str] = []
    for piece in _BOUNDARY.split(text.strip()):
        piece = piece.strip(" \u2014")
        if not piece or not _HAS_WORD.search(piece):
            if piece and pieces:
                pieces[-1] += piece
            continue
        if pieces and _ABBREV.search(pieces[-1]):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces or ([text.strip()] if text.strip() else [])


def sentences(text: str) -> list[str]:
    """clean() then split_sentences(): what the reader reads, one piece at a time."""
    return split_sentences(clean(text))
