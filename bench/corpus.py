"""A generated knowledge base of any size: Markdown guides of varied sections, as enablement would write them.

The text is random but readable coaching prose, seeded, so every run benchmarks the same 20,000 chunks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from copilot.knowledge.loader import load_file
from copilot.retrieval.chunking import chunk_item

SECTIONS_PER_GUIDE = 25

WHO = ["the rep", "a new hire", "the account executive", "the manager", "a seasoned seller", "the team lead"]
VERB = ["summarise", "confirm", "question", "quantify", "revisit", "rehearse", "map", "write down", "test"]
OBJECT = [
    "the buyer's main problem",
    "the decision process",
    "the budget owner's priorities",
    "the agreed next step",
    "the cost of doing nothing",
    "the renewal risk",
    "the evaluation criteria",
    "the pilot's success measures",
    "the forecast category of the deal",
    "the competing priorities on the buyer's side",
]
MOMENT = ["the demo", "the pricing call", "the quarterly review", "the next one-on-one", "the close", "the kickoff"]
SITUATION = [
    "a buyer goes quiet after the proposal",
    "procurement asks for a discount",
    "a champion changes roles",
    "the finance team joins late",
    "a competitor offers a free trial",
    "the deal slips a quarter",
    "the buyer asks for references",
]
FOLLOW = [
    "agree a date for the next conversation",
    "ask what would make the decision easy",
    "record the commitment in the CRM",
    "check who else must approve",
    "share a short written recap",
]
MISTAKE = [
    "pitches features before understanding the need",
    "accepts a vague next step",
    "talks for most of the call",
    "skips the agenda",
    "answers an objection before clarifying it",
    "leaves pricing until the last minute",
]
REMEDY = [
    "a short drill repeated until it feels natural",
    "listening to a model call and noting the questions",
    "a roleplay with a tough buyer persona",
    "a one-page job aid kept open during calls",
    "shadowing a peer who does it well",
]
METRIC = ["Win rate", "Average deal size", "Forecast accuracy", "Time to first meeting", "Stage conversion"]
TREND = ["improve steadily", "recover within a month", "stop slipping", "rise noticeably"]
HABIT = ["prepares three open questions", "ends every call with a dated next step", "practises the opener weekly"]
TOPICS = ["Discovery", "Negotiation", "Pipeline hygiene", "Objection handling", "Forecasting", "Demo craft"]
AUDIENCES = ["new hires", "mid-market reps", "enterprise teams", "first-line managers", "renewal owners"]

TEMPLATES = [
    "{Who} should {verb} {object} before {moment}.",
    "When {situation}, {who} can {verb} {object} and then {follow}.",
    "A common gap is that {who} {mistake}; the remedy is {remedy}.",
    "{Metric} tends to {trend} once {who} {habit}.",
    "Before {moment}, ask {who} to {verb} {object} in one sentence.",
    "If {situation}, do not wait: {follow}.",
]


def _sentence(rng: random.Random) -> str:
    who = rng.choice(WHO)
    return rng.choice(TEMPLATES).format(
        Who=who.capitalize(),
        who=who,
        verb=rng.choice(VERB),
        object=rng.choice(OBJECT),
        moment=rng.choice(MOMENT),
        situation=rng.choice(SITUATION),
        follow=rng.choice(FOLLOW),
        mistake=rng.choice(MISTAKE),
        remedy=rng.choice(REMEDY),
        Metric=rng.choice(METRIC),
        trend=rng.choice(TREND),
        habit=rng.choice(HABIT),
    )


def guide_text(rng: random.Random, number: int) -> str:
    """One guide: a title, an intro, and sections of 1 to 9 sentences (about 15 to 180 tokens each)."""
    topic = rng.choice(TOPICS)
    lines = [f"# {topic} playbook {number}", "", " ".join(_sentence(rng) for _ in range(2)), ""]
    for section in range(1, SECTIONS_PER_GUIDE + 1):
        lines += [f"## {topic} for {rng.choice(AUDIENCES)}, part {section}", ""]
        lines += [" ".join(_sentence(rng) for _ in range(rng.randint(1, 9))), ""]
    return "\n".join(lines)


@dataclass
class Corpus:
    """A generated knowledge folder and how many chunks ingestion will make of it."""

    root: Path
    files: int
    items: int
    chunks: int


def write_corpus(root: Path, target_chunks: int, *, seed: int = 20) -> Corpus:
    """Write guides under `root/guides` until they make at least `target_chunks` chunks (counted the way ingest does)."""
    rng = random.Random(seed)
    folder = root / "guides"
    folder.mkdir(parents=True, exist_ok=True)
    files = items = chunks = 0
    while chunks < target_chunks:
        path = folder / f"playbook-{files:05d}.md"
        path.write_text(guide_text(rng, files), encoding="utf-8")
        loaded = load_file(path, root)
        files += 1
        items += len(loaded.items)
        chunks += sum(len(chunk_item(item, source_sha="", root="")) for item in loaded.items)
    return Corpus(root=root, files=files, items=items, chunks=chunks)
