"""Two or three sentences a manager can act on after a 1-on-1, each pointing at the turn it is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from copilot.review.acts import ActTag
from copilot.review.transcript import Utterance

ASKED_FOR_ADVICE = re.compile(
    r"\b(what should i|what would you|how (do|should|would|can|could) i|any (tips|advice|ideas|suggestions|thoughts)|"
    r"what do you (think i|suggest|recommend)|can you help|should i|what would you do|what do i do|"
    r"(give|got) (me )?(some |any )?(advice|tips|pointers))\b",
    re.IGNORECASE,
)


def asked_for_advice(previous: str | None) -> bool:
    """The rep's previous turn asked what to do, so advice that follows was asked for."""
    return bool(previous and "?" in previous and ASKED_FOR_ADVICE.search(previous))


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


def _sentence(tag: ActTag, act: str, fallback: str) -> str:
    found = [s for s in tag.sentences if act in s.labels or s.act == act]
    return max(found, key=lambda s: s.probs.get(act, 0.0)).text if found else fallback


def coaching_feedback(
    utterances: Sequence[Utterance],
    tags: Sequence[ActTag],
    manager: set[str],
    *,
    rep_share: float,
    unasked: Sequence[int],
    last_question: dict[int, str],
    agreed: frozenset[int] = frozenset(),
) -> list[str]:
    """At most two things to change and one to keep, each with its turn number and the words said.

    `agreed`: turns that go through earlier action items or agree new ones, which the map asks for; they are not
    the long turn to cut when the rep talked too little, nor is rehearsal.
    """
    todo: list[str] = []
    if unasked:
        i = unasked[0]
        more = f" (and {len(unasked) - 1} more time(s))" if len(unasked) > 1 else ""
        todo.append(
            f'Turn {i + 1}: you gave advice nobody asked for ("{_quote(_sentence(tags[i], "advice", utterances[i].text))}")'
            f"{more}; next time ask what the rep would try first, and offer your idea only after."
        )
    if rep_share < 0.5:
        mine = [
            u
            for u in utterances
            if u.speaker in manager
            and u.index not in agreed
            and not {"practice", "agreement"} & set(tags[u.index].acts)
        ]
        if mine:
            longest = max(mine, key=lambda u: u.words)
            todo.append(
                f"The rep spoke only {rep_share:.0%} of the words; your longest turn (turn {longest.index + 1}, "
                f"{longest.words} words) could have been one open question."
            )
        else:
            todo.append(
                f"The rep spoke only {rep_share:.0%} of the words; after each answer, ask what else before moving on."
            )
    closed = [i for i, kind in sorted(last_question.items()) if kind == "closed"]
    opened = [i for i, kind in last_question.items() if kind == "open"]
    if closed and len(opened) < 0.7 * len(last_question):
        i = closed[0]
        todo.append(
            f'Turn {i + 1}: "{_quote(_sentence(tags[i], "closed_question", utterances[i].text))}" can be answered in a '
            f"word ({len(closed)} of your {len(last_question)} question turns were closed); ask it with what or how."
        )
    keep: list[str] = []
    for i, (u, tag) in enumerate(zip(utterances, tags, strict=True)):
        if u.speaker not in manager or "advice" in tag.acts:
            continue
        if "practice" in tag.acts:
            keep.append(
                f'Keep the rehearsal in turn {i + 1} ("{_quote(_sentence(tag, "practice", u.text))}"): practice in the meeting sticks.'
            )
            break
        if any(x.probs.get("reflection", 0.0) >= 0.8 and len(x.text.split()) >= 5 for x in tag.sentences):
            keep.append(
                f'Keep doing what you did in turn {i + 1}: you said back what the rep meant ("{_quote(_sentence(tag, "reflection", u.text))}").'
            )
            break
    if not keep and opened:
        i = min(opened)
        keep.append(
            f'Keep asking like turn {i + 1} ("{_quote(_sentence(tags[i], "open_question", utterances[i].text))}"): it got the rep talking.'
        )
    return (todo[:2] + keep[:1]) or ["Nothing to flag: the rep did most of the talking and your questions were open."]
