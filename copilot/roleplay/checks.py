"""Checks on a generated buyer line: in role, not coaching, not echoing the rep, fitting the move, short.

A small local model drifts into commentary ("This is a great example of…"), advice or agreement; each check
names the problem so the transcript data shows why a line was replaced by curated words.
"""

from __future__ import annotations

import re

from copilot.retrieval.keyword import terms
from copilot.roleplay.cues import rx
from copilot.roleplay.models import BuyerMove
from copilot.roleplay.proof import GENERIC

MAX_WORDS = 60
MAX_SENTENCES = 3
OUT_OF_ROLE = rx(
    r"(great|good|nice|excellent|strong|perfect) (answer|response|question|job|point|work|pitch|reply)",
    r"well done",
    r"you should\b",
    r"you could try",
    r"try to\b",
    r"next time",
    r"as an ai",
    r"\ban ai\b",
    r"language model",
    r"assistant",
    r"chatbot",
    r"role-?play|role play",
    r"simulat",
    r"(in|out of|break|breaking|stay|staying) (the )?character",
    r"the (seller|salesperson|sales rep|buyer|user|original|sentence|story|character|prompt|conversation above)\b",
    r"the customer (is|isn't|said|says|was|wants|could|would|asked|can|can't|cannot|will|won't|should|does|doesn't|"
    r"needs|has|had|might|must)\b",  # a narrator describing the buyer, not the buyer speaking
    r"\b(stupid|idiot|idiotic|moron|liars?|incompetent|pathetic|useless|clueless)\b",  # tough, never insulting
    r"the (text|message|line|reply) (is|says|reads|above|below)",
    r"feedback",
    r"tip:",
    r"\bcoach",
    r"instruction",
    r"\bprompt\b",
    r"i cannot\b",
    r"i can't help",
    r"sure, here",
    r"here is\b",
    r"here's (a|an|the|my)\b",
    r"rephras|paraphras",
    r"plain english",
    r"example",
    r"objection",
    r"\bscore",
    r"as (the|a) (buyer|customer|cfo|cro)",
    r"(buyer|rep|seller|salesperson|customer|assistant|user)\s*:",
    r"our (product|platform|solution|tool|software|customers)\b",
)
AGREES = rx(
    r"you('ve| have) convinced me",
    r"sounds (great|perfect|good)",
    r"let's (do it|sign|go ahead)",
    r"we('ll| will) sign",
    r"i'm sold",
    r"\bdeal\b[.!]",
    r"i (completely |fully |totally )?agree",
    r"that works for me",
    r"i'm in\b",
    r"happy to (go ahead|proceed|sign)",
    r"count me in",
    r"sign (it|today|now)",
)
ACCEPTS = rx(r"works|calendar|invite|slot|book|see you|let's|fine|good|agreed|okay|ok\b|yes|all right|send")
PERSON = rx(r"i|i'm|i've|i'd|i'll|we|we're|we've|our|us|my|me|you|your|you're")
MARKUP = re.compile(r"https?://|```|^\s*[#*>-]|\*\*|^\s*\d+[.)]\s", re.MULTILINE)
INTERJECTION = re.compile(
    r"^(hmm+|hm|okay|ok|fine|right|maybe|possibly|perhaps|noted|sure|well|fair enough|i see|all right|alright|"
    r"go on|not yet|not really|honestly\??|really\??|and\??|so\??)[.!?,]*$",
    re.IGNORECASE,
)
ANCHORED = frozenset(
    {
        "open",
        "raise_objection",
        "share_information",
        "restate",
        "short_answer",
        "push_back",
        "press_harder",
        "distrust_offer",
        "refuse_next_step",
    }
)
MAY_AGREE = frozenset({"agree_next_step", "raise_objection", "ask_next_step", "take_offer", "amend_next_step"})
REPEATS_SPECIFICS = frozenset({"agree_next_step", "amend_next_step", "take_offer", "counter_offer"})
"""Moves whose words must repeat the rep's own specifics (the day, the person, the number)."""


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def echoes(line: str, rep_text: str) -> bool:
    """True when most of the line's word triples come from the rep's own turn."""
    mine = _trigrams(line)
    if not mine or not rep_text:
        return False
    return len(mine & _trigrams(rep_text)) / len(mine) >= 0.5


def sentence_problem(sentence: str, move: BuyerMove, rep_text: str, tough: bool, scene: set[str]) -> str | None:
    """Why one generated sentence may not be shown, or None; `scene` holds the words of this conversation."""
    if MARKUP.search(sentence):
        return "markup or a link, not speech"
    letters = [ch for ch in sentence if ch.isalpha()]
    if letters and sum(not ch.isascii() for ch in letters) / len(letters) > 0.1:
        return "not English"
    found = OUT_OF_ROLE.search(sentence)
    if found:
        return f"out of role ({found.group(0).lower()!r})"
    if echoes(sentence, rep_text):
        return "echoes the rep"
    agree = AGREES.search(sentence)
    if agree and (move.kind not in MAY_AGREE or (tough and move.kind != "agree_next_step")):
        return f"agrees too easily ({agree.group(0).lower()!r})"
    if len(sentence.split()) < 3 and not INTERJECTION.match(sentence):
        return "a fragment, not a sentence"
    if len(sentence.split()) >= 3 and not {t for t in terms(sentence) if len(t) >= 4} & scene:
        return "off the scene: none of the conversation's words"
    return None


def turn_problem(text: str, move: BuyerMove, anchor: str) -> str | None:
    """Why a whole generated turn does not carry the move, or None."""
    words = text.split()
    if len(words) < 2:
        return "empty or a single word"
    if len(words) > MAX_WORDS:
        return f"too long ({len(words)} words)"
    if not PERSON.search(text):
        return "not spoken in the first or second person"
    if move.kind in ("agree_next_step", "amend_next_step") and not ACCEPTS.search(text):
        return "does not accept the next step"
    if move.kind in REPEATS_SPECIFICS and move.specifics:
        wanted_words = set(terms(" ".join(move.specifics.values()))) - GENERIC
        if wanted_words and not set(terms(text)) & wanted_words:
            return "does not repeat the rep's specifics"
    if move.kind in ("end_lost", "stall") and AGREES.search(text):
        return "agrees while the move ends without agreement"
    if move.kind in ANCHORED:
        wanted = set(terms(anchor)) - GENERIC
        shared = set(terms(text)) & wanted
        if len(shared) < (2 if len(wanted) >= 6 else 1):
            return "off the point: does not say what the move needs"
    return None
