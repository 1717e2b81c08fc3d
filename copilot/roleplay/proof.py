"""Lexical evidence that a rep used the messaging: which value propositions, differentiators and insights a line names.

A line matches an item when it shares the item's rare words or its numbers, not merely 'forecast' and 'team';
words every item shares carry no evidence, so they are dropped by document frequency.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from copilot.knowledge.schema import KnowledgeBase, Objection
from copilot.retrieval.keyword import terms

_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "sixteen": "16",
    "twenty": "20",
    "thirty": "30",
    "forty-five": "45",
    "sixty": "60",
    "ninety": "90",
    "half": "50",
}
GENERIC = frozenset(
    terms(
        "forecast forecasting lanternline customer customers team teams deal deals sales sale rep reps data "
        "buyer buyers time number numbers tool company business quarter week day month manager managers year "
        "get make see show one also every most more less same use used using weeks days first call calls "
        "it that this there here thing things want know good help helpful really sure take get got need look "
        "much many well still even way lot real right fair point question concern "
        "actually honestly basically literally probably maybe quite pretty totally simply"
    )
)
"""Words too common in this domain, or fillers ('actually', 'honestly'), to say what a line is about."""
ANSWER_SUFFIX = "#answer"


def numbers(text: str) -> set[str]:
    """Digits in a line, with number words read as digits ('three weeks' matches '3 weeks')."""
    found = set(_NUMBER.findall(text))
    lowered = text.lower()
    found |= {d for w, d in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", lowered)}
    return {n.replace(",", "") for n in found} - {"1"}


def _words(text: str) -> frozenset[str]:
    """Evidence words: stemmed, without stop words, generic sales words or numbers (numbers match apart)."""
    return frozenset(
        t for t in terms(text) if t not in GENERIC and t not in _NUMBER_WORDS and not t.isdigit() and "'" not in t
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


@dataclass(frozen=True)
class ProofItem:
    """One messaging item's evidence words."""

    id: str
    words: frozenset[str]
    rare: frozenset[str]
    numbers: frozenset[str]


@dataclass
class ProofMatch:
    """Items a line matched, and the sentence that carried the most evidence."""

    ids: list[str] = field(default_factory=list)
    sentence: str | None = None


@dataclass
class ProofIndex:
    """Evidence words of every value proposition, differentiator, insight and objection answer."""

    items: dict[str, ProofItem]
    objections: dict[str, Objection]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> ProofIndex:
        """Index the messaging; objection answers count only their statements (their questions are not proof)."""
        texts: dict[str, str] = {}
        for vp in kb.value_propositions.values():
            texts[vp.id] = " ".join([vp.headline, vp.body, *vp.proof_points])
        for d in kb.differentiators.values():
            texts[d.id] = " ".join([d.title, d.body, d.proof])
        for ins in kb.insights.values():
            texts[ins.id] = " ".join([ins.title, ins.body])
        for o in kb.objections.values():
            if o.answer:
                statements = [s for s in _sentences(o.answer)[1:] if not s.endswith("?")]  # [0] acknowledges
                texts[o.id + ANSWER_SUFFIX] = " ".join(statements)
        bags = {k: _words(v) for k, v in texts.items()}
        df: Counter[str] = Counter(t for bag in bags.values() for t in bag)
        items = {
            k: ProofItem(
                id=k,
                words=bag,
                rare=frozenset(t for t in bag if df[t] <= 2 and len(t) >= 4),
                numbers=frozenset(numbers(texts[k])),
            )
            for k, bag in bags.items()
        }
        return cls(items=items, objections=dict(kb.objections))

    def _matches(self, item: ProofItem, words: set[str], nums: set[str]) -> int:
        """Evidence strength of one item in a line (0 = no match).

        Two of its rare words; a number of 5 or more with a rare word or two shared words; a small number with a
        rare word or three shared words; five shared words, or four including a rare one; or, for a talk track,
        two fifths of its words.
        """
        shared = words & item.words
        rare = shared & item.rare
        num = nums & item.numbers
        big = {n for n in num if not n.isdigit() or int(n) >= 5}
        answer = item.id.endswith(ANSWER_SUFFIX)
        matched = (
            len(rare) >= 2
            or (big and (rare or len(shared) >= 2))
            or (num and ((rare and len(shared) >= 2) or len(shared) >= 3))
            or (not answer and (len(shared) >= 5 or (len(shared) >= 4 and rare)))
            or (answer and len(shared) >= 3 and len(shared) >= 0.4 * len(item.words))
        )
        return len(shared) + 2 * len(rare) + 3 * len(num) if matched else 0

    def match(self, text: str) -> ProofMatch:
        """Messaging items the line names, strongest first, and its most evidential sentence."""
        words, nums = set(_words(text)), numbers(text)
        strengths = {k: s for k, item in self.items.items() if (s := self._matches(item, words, nums))}
        ids = sorted(strengths, key=lambda k: (-strengths[k], k))
        if not ids:
            return ProofMatch()
        best_sentence, best = None, 0
        for sentence in _sentences(text):
            sw, sn = set(_words(sentence)), numbers(sentence)
            strength = sum(self._matches(self.items[k], sw, sn) for k in ids[:3])
            strength = strength or len(sw & self.items[ids[0]].words)
            if strength > best:
                best_sentence, best = sentence, strength
        return ProofMatch(ids=ids, sentence=best_sentence)

    def relevant(self, objection_id: str | None, ids: list[str]) -> list[str]:
        """Of the matched items, those the objection library names as proof for this objection."""
        if objection_id is None or objection_id not in self.objections:
            return []
        wanted = {*self.objections[objection_id].proof_points, objection_id + ANSWER_SUFFIX}
        return [i for i in ids if i in wanted]
