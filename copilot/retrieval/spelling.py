"""Misspelt words read as the knowledge base spells them: managers type fast ("discountng", "custmers", "objecton").

A word of a question is read as another only when all of these hold: it has MIN_LETTERS letters or more; neither it
nor its stem is anywhere in the public passages (a word the base holds is never changed); and exactly one word the
passages spell (up to its stem), used by MIN_ITEMS items or more, starting with the same letter and neither a start
of the typed word nor starting with it, is within one letter dropped, added or swapped with its neighbour (within
two edits, a changed letter among them, for words of LONG_WORD letters or more), and no other is as close. A word with no such
neighbour ("appexchange", "offsite") is left as typed, so a topic the base does not hold is still said not to be
held; a word with two equally near ones is left too, as the reading would be a guess. Deterministic: the result
depends only on the question and the passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

from copilot.retrieval.keyword import STOPWORDS, stem

MIN_LETTERS = 5
LONG_WORD = 10  # from this length a word may be two edits away ("negociations")
MIN_ITEMS = 3  # a reading must be a word at least this many public items use: a rare word of the base ("supplies",
# "stock") is more often another real word than the one meant ("supplier", "stack")
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")


def distance(a: str, b: str, limit: int, *, substitute: bool = True) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap neighbours), or limit + 1 when above it;
    without `substitute`, a changed letter costs two (a delete and an insert)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else (1 if substitute else 2)
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def reading(word: str, spellings: Collection[str], vocabulary: Mapping[str, int]) -> str | None:
    """The one word of the base a misspelt `word` reads as, or None (held, too short, no neighbour, a tie).
    `vocabulary` is how many public items use each stemmed term."""
    return _reader(spellings, vocabulary)(word)


def _reader(spellings: Collection[str], vocabulary: Mapping[str, int]) -> Callable[[str], str | None]:
    # a contraction typed without its apostrophe ("doesnt", "theyre") is a word the base holds
    held = {s.replace("'", "").replace("\u2019", "") for s in spellings}
    candidates = [
        s
        for s in spellings
        if s.isalpha() and s not in STOPWORDS and len(s) >= MIN_LETTERS - 1 and vocabulary.get(stem(s), 0) >= MIN_ITEMS
    ]

    def read(word: str) -> str | None:
        low = word.lower()
        if len(low) < MIN_LETTERS or not low.isalpha() or low in STOPWORDS:
            return None
        if low in held or stem(low) in vocabulary:
            return None
        limit = 2 if len(low) >= LONG_WORD else 1
        best: list[str] = []
        best_distance = limit + 1
        for candidate in candidates:
            # one word inside the other is another form of a word ("manage"/"manager", "office"/"officer"), not a slip
            if candidate[:1] != low[:1] or candidate.startswith(low) or low.startswith(candidate):
                continue
            # in a short word a changed letter mostly makes another real word ("stack"/"stock", "touch"/"tough")
            d = distance(low, candidate, limit, substitute=limit > 1)
            if d < best_distance:
                best, best_distance = [candidate], d
            elif d == best_distance and d <= limit:
                best.append(candidate)
        # two spellings of one word ("practise"/"practice" stem apart, "plan"/"plans" do not) must agree
        return min(best, key=lambda c: (len(c), c)) if best and len({stem(c) for c in best}) == 1 else None

    return read


def correct(question: str, spellings: Collection[str], vocabulary: Mapping[str, int]) -> tuple[str, list[str]]:
    """The question with each misspelt word read as the base spells it, and what was read ('"objecton" as
    "objection"')."""
    read: list[str] = []
    reader = _reader(spellings, vocabulary)

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        found = reader(word)
        if found is None:
            return word
        said = f'"{word}" as "{found}"'
        if said not in read:
            read.append(said)
        return found.capitalize() if word[:1].isupper() else found

    return _WORD.sub(replace, question), read
