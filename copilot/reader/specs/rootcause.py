"""The rootcause head: what a sentence of a manager's notes (or a call's evidence) says is behind a rep's gap.

Labels (one per sentence, read as independent sigmoids):

- knowledge: the rep does not know what good looks like, or that it (an asset, a step, a rule) exists.
- skill: the rep knows it and cannot yet do it reliably live: inconsistent, forgets, runs out of time, old habits,
  "it's not that she doesn't know it".
- confidence: the rep can do it and holds back in the moment: fear of the buyer's reaction, seniority, standing,
  fine in practice or with the manager, not with the real buyer.
- messaging: the rep knows it and cannot say it crisply or in the buyer's terms: rambles, features not outcomes,
  the buyer asks what it means.
- will: the rep can do it and chooses not to: sees no point, not worth it, stopped bothering, worn out.
- none: facts, logistics and a miss described without a reason.

The word patterns below are features, not rules: the head learns how much each one counts next to the sentence's
meaning, so a wording no pattern lists is still read. The negation feature lets "it's not that she doesn't know"
count against knowledge rather than for it.
"""

from __future__ import annotations

from copilot.reader.features import PatternFeature, matches
from copilot.reader.spec import HeadSpec

LABELS = ("knowledge", "skill", "confidence", "messaging", "will", "none")

PATTERNS: tuple[PatternFeature, ...] = (
    # a cause named and denied: "it's not that she doesn't know", "not a knowledge thing", "not ability"
    matches(
        "denied_cause",
        r"(\bnot|n'?t) (that|because|a|an|about|as if) [^.;]{0,30}\b(know|knowledge|understand|ability|capable|"
        r"confidence|skill)",
    ),
    matches(
        "not_know", r"\b(did|does|do|had|has|have|was|is)(n'?t| not) (even |really )?(know|known|aware|seen|heard)"
    ),
    matches("new_to_it", r"\b(never|nobody|no one|no-one|first time|new to|hadn'?t|wasn'?t (told|taught|shown))\b"),
    matches("knows_it", r"\b(knows?|knew|understands?|can (recite|explain|describe|walk))\b"),
    matches(
        "live_vs_practice",
        r"\b(practi[cs]e|roleplay|role-play|rehears\w*|just (me|us)|dry[- ]?r[au]n\w*|run[- ]?throughs?|mock|internally)\b",
    ),
    matches("senior_buyer", r"\b(cfo|ceo|cio|coo|vp|director|chief|senior|executive|c-level|procurement)"),
    matches(
        "feeling", r"\b(afraid|scared|nervous|worr\w*|fear\w*|uncomfortable|feels?|felt|pushy|rude|greedy|timid)\b"
    ),
    # whose feeling: the buyer's worry is the moment the rep met ("the buyer was nervous about the switch"), not the
    # rep's fear, which "feeling" alone cannot tell apart
    matches(
        "buyer_feeling",
        r"\b(buyers?|customers?|prospects?|clients?|they|cfo|ceo|coo|finance \w+|head of \w+|(their|the) \w+)\b "
        r"(was|were|is|are|sounded|seemed|got|felt|looked)( \w+)? (nervous|worried|anxious|scared|afraid|frightened|uneasy|"
        r"twitchy|jittery|wary|concerned)\b",
    ),
    matches(
        "buyer_puzzled", r"\b(asked|ask) (what|him|her|them)? ?(that|it|this|to)? ?(means?|meant|simpl|again|twice)"
    ),
    matches("saying", r"\b(say|said|explain\w*|put|sentence|line|point|words?|jargon|features?|outcomes?|value)\b"),
    matches("inconsistent", r"\b(sometimes|inconsistent|half the time|some (calls|weeks)|forg[oe]t|slipp?|habit)"),
    matches(
        "choice", r"\b(chose|chooses|decided|won'?t|refus\w*|stopped|bother\w*|point(less)?|worth|cared?|appetite)\b"
    ),
    matches("worn", r"\b(burn\w* ?out|exhausted|empty|coasting|checked out|motivat\w*|heart isn'?t)\b"),
)

SPEC = HeadSpec(name="rootcause", labels=LABELS, patterns=PATTERNS, l2=4.0)
