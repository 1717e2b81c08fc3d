"""Compose the moves head's template sentences (composed.yaml) from hand-written frames and topics.

    python -m copilot.reader.data.moves.compose     # rewrites composed.yaml beside this file, deterministically

Hand-written training lines teach the head what each move sounds like; these teach it that the move is the
frame, not the topic: the same acknowledgement, question, check or dismissal about budget, security, adoption,
residency or a committee. Frames and topics are the author's own words; nothing comes from the paraphrase set.
"""

from __future__ import annotations

import json
from itertools import cycle
from pathlib import Path

TOPICS = (
    "the budget freeze",
    "the price",
    "the three-year term",
    "email access",
    "data residency",
    "the rollout",
    "your reps' time",
    "the committee",
    "the algorithm",
    "the spreadsheet",
    "the cheaper add-on",
    "reps feeling watched",
    "the implementation effort",
    "the customised CRM",
    "the timing",
    "the renewal",
    "your boss's sign-off",
    "the integration",
    "the pilot",
    "the security review",
    "the admin workload",
    "the board's expectations",
    "switching vendors",
    "the training time",
    "the reporting changes",
)
ACKNOWLEDGE = (
    "I hear you on {t}.",
    "I get why {t} worries you.",
    "{T} is a real concern, I understand.",
    "That makes sense, given {t}.",
    "Okay, {t} is clearly weighing on you.",
    "I understand, {t} matters a lot here.",
    "Fair enough, {t} is a big deal for your team.",
    "I appreciate you raising {t}.",
    "You're right to think hard about {t}.",
    "It sounds like {t} has caused you pain before.",
    "I'd be worried about {t} too in your position.",
    "Thanks for being upfront about {t}.",
    "Yeah, {t} is a tough one.",
    "No wonder {t} is top of mind for you.",
    "Totally understandable to be cautious about {t}.",
    "Mm, I can see {t} is a sticking point.",
    "Right, {t} can't be an afterthought.",
    "Of course, {t} has to work for you.",
    "Understood, {t} is a hard constraint for you.",
    "That's a reasonable worry about {t}.",
    "So {t} is what's holding you back, got it.",
)
CLARIFY = (
    "What worries you most about {t}?",
    "How is {t} handled today?",
    "Who has the final say on {t}?",
    "Can you tell me more about {t}?",
    "When did {t} become an issue?",
    "Why is {t} the sticking point?",
    "What would need to change about {t}?",
    "How does your team think about {t}?",
    "Which part of {t} matters most to you?",
    "Walk me through {t}.",
    "What's behind {t}, if you don't mind me asking?",
    "Before I answer, what's your experience been with {t}?",
    "Is {t} more about cost or about risk?",
    "What have you tried so far on {t}?",
    "How would you measure success on {t}?",
    "Tell me how {t} came up.",
    "What happened last time with {t}?",
    "Just so I understand, what exactly about {t} is the problem?",
)
CHECK = (
    "Does that help with {t}?",
    "Does that answer your question about {t}?",
    "How does that land on {t}?",
    "Is that enough on {t}, or do you need more?",
    "Have I covered {t}?",
    "Would that resolve {t} for you?",
    "Where does that leave {t}?",
    "Does that change how you see {t}?",
    "Is that the kind of answer you needed on {t}?",
    "What's still open on {t}?",
    "Would your team accept that on {t}?",
    "Does that settle {t}?",
    "Does that make {t} feel more manageable?",
)
DISMISS = (
    "{T} is not a real issue.",
    "Honestly, {t} doesn't matter.",
    "Nobody worries about {t} anymore.",
    "You're overthinking {t}.",
    "Trust me, {t} will be fine.",
    "{T} is just an excuse.",
    "Forget about {t}, it's irrelevant.",
    "With respect, you're wrong about {t}.",
    "Every customer gets over {t}, you will too.",
    "{T}? That's a non-issue.",
    "Don't worry about {t}, everyone accepts it.",
    "Come on, {t} is not a big deal.",
    "I think you're making too much of {t}.",
)
BENEFITS = (
    "your managers stop chasing updates",
    "finance sees slippage weeks earlier",
    "the board gets one number it can trust",
    "reps spend less time typing into the CRM",
    "you can plan hiring on a forecast, not a hope",
    "risky deals show up while you can still act",
    "the Monday roll-up builds itself",
    "RevOps runs one process across every region",
    "new managers run the call like your best ones",
    "you keep the reports you already have",
    "your data stays where your policy says",
    "your admins maintain nothing new",
    "one saved deal covers the cost",
    "nobody has to learn a new meeting",
)
VALUE = (
    "It means {b}.",
    "The upside is that {b}.",
    "What that gives you is simple: {b}.",
    "So in practice, {b}.",
    "The practical difference is {b}.",
    "The way it helps you is that {b}.",
    "For you, the result is that {b}.",
)
CUSTOMERS = (
    "A logistics company your size",
    "One of our banking customers",
    "A hospital network we work with",
    "Our customer in telecom",
    "An edtech firm with two hundred reps",
    "A media subscription business",
    "A manufacturer in Germany",
    "A renewable energy developer",
    "An e-commerce platform",
    "A professional services firm",
)
RESULTS = (
    "cut its forecast error to under five percent in two quarters",
    "went live in four weeks with a heavily customised CRM",
    "passed its vendor security review in three weeks",
    "reached eighty-five percent weekly adoption after ninety days",
    "found three hundred thousand in at-risk renewals in its first month",
    "called nine of ten slipped deals before the managers did",
    "halved the time its managers spend on the forecast call",
    "kept all its data in region and got it past the auditors",
)
PROOF_EXTRA = (
    "We're SOC 2 Type II audited, and the report is in the security pack.",
    "We can back-test it on your last four quarters so you judge it on your own deals.",
    "I can put you in touch with a CFO who made the same call last year.",
    "Our ISO 27001 certificate is public.",
    "The accuracy figures come from our customers' own CRM data, not from us.",
    "An independent auditor confirmed we never store email content.",
)
PROPOSE = (
    "Could we book",
    "Can I set up",
    "Shall we schedule",
    "Would you be open to",
    "How about",
    "Let's put in",
    "Would it be worth",
    "Can we get",
)
MEETINGS = (
    "a thirty-minute call",
    "a business-case review",
    "a security walkthrough",
    "a demo for the managers",
    "a back-test readout",
    "a pilot planning session",
    "a reference call",
    "an integration workshop",
)
PEOPLE = ("your CFO", "your RevOps lead", "your CISO", "procurement", "the committee", "your admins", "your boss")
DATES = (
    "on Tuesday at 10",
    "next Thursday",
    "on the 12th",
    "tomorrow afternoon",
    "before the freeze on the 15th",
    "this Friday",
    "on Monday morning",
)
DISCOUNT = (
    "I can take {n} percent off",
    "Let me knock {n} percent off the price",
    "I'll give you {m} months free",
    "We'll waive the setup fee",
    "I can match their price",
    "I could drop the price to {n} a seat",
    "I'll throw in the analytics module for free",
    "How about {n} percent off",
)
DISCOUNT_TAIL = ("", " if you sign this week", " today", " right now", " if that helps", " before year end")
NUMBERS = ("ten", "fifteen", "20", "25", "thirty", "12", "forty")
FEATURES = (
    "AI forecasting",
    "deal scores",
    "dashboards",
    "alerts",
    "a mobile app",
    "Slack integration",
    "custom reports",
    "an API",
    "territory views",
    "a coaching module",
    "scenario planning",
    "audit logs",
)
SMALL_TALK = (
    "How was the trip back from the conference?",
    "Sorry, the builders next door are drilling again.",
    "Did you get any sun over the long weekend?",
    "I'm still getting used to this new headset.",
    "My son's team won their first match on Saturday.",
    "Is your office open again after the move?",
    "I had the strangest dream last night.",
    "Are you watching the cycling this week?",
    "We just adopted a rescue cat, total chaos.",
    "Sorry, can you see my screen or just my face?",
    "I've been trying to get into gardening.",
    "What's the best coffee place near you?",
    "The train was late again this morning.",
    "Have you got any holidays planned this year?",
    "I keep forgetting to mute my phone, sorry.",
    "That's a great bookshelf behind you.",
    "Are you a morning person?",
    "Did you see the fireworks last night?",
    "Let me just close this window, it's freezing.",
    "I was in your city last month for a wedding.",
)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _topics(frames: tuple[str, ...], label: str, per_frame: int, offset: int) -> list[tuple[str, list[str]]]:
    out = []
    for i, frame in enumerate(frames):
        for k in range(per_frame):
            t = TOPICS[(i * 7 + k * 11 + offset) % len(TOPICS)]
            out.append((frame.format(t=t, T=_cap(t)), [label]))
    return out


def compose() -> list[tuple[str, list[str]]]:
    """Every composed sentence with its labels, always in the same order."""
    items: list[tuple[str, list[str]]] = []
    items += _topics(ACKNOWLEDGE, "acknowledge", 3, 0)
    items += _topics(CLARIFY, "clarify", 3, 3)
    items += _topics(CHECK, "check", 3, 5)
    items += _topics(DISMISS, "dismiss", 3, 9)
    benefits = cycle(BENEFITS)
    items += [(frame.format(b=next(benefits)), ["value"]) for frame in VALUE for _ in range(4)]
    results = cycle(RESULTS)
    items += [(f"{c} {next(results)}.", ["proof"]) for c in CUSTOMERS for _ in range(3)]
    items += [(p, ["proof"]) for p in PROOF_EXTRA]
    for i, p in enumerate(PROPOSE):
        for k in range(4):
            m, who, when = MEETINGS[(i + k) % len(MEETINGS)], PEOPLE[(i * 3 + k) % len(PEOPLE)], DATES[(i + k * 2) % 7]
            items.append((f"{p} {m} with {who} {when}?", ["next_step"]))
    for i, d in enumerate(DISCOUNT):
        for k in range(4):
            n = NUMBERS[(i + k) % len(NUMBERS)]
            tail = DISCOUNT_TAIL[(i * 2 + k) % len(DISCOUNT_TAIL)]
            items.append((d.format(n=n, m=n) + tail + ".", ["discount"]))
    for i in range(16):
        picked = [FEATURES[(i + j * 5) % len(FEATURES)] for j in range(5 + i % 4)]
        lead = ("We have ", "It comes with ", "You also get ", "There's ")[i % 4]
        items.append((lead + ", ".join(picked[:-1]) + " and " + picked[-1] + ", all included.", ["monologue"]))
    items += [(s, ["off_topic"]) for s in SMALL_TALK]
    unique = dict.fromkeys((t, tuple(x)) for t, x in items)
    return [(t, list(x)) for t, x in unique]


def dev_sentences() -> list[tuple[str, list[str]]]:
    """The paraphrase set's dev split as training sentences (held-out is never read here).

    A one-sentence line keeps all its moves; in a longer line the first sentence carries the move the line was
    written for and the rest carry its other moves; every sentence of a monologue carries `monologue`.
    """
    from copilot.reader.moves import load_paraphrases
    from copilot.reader.segment import sentences

    out: list[tuple[str, list[str]]] = []
    for phrase in load_paraphrases("dev"):
        pieces = sentences(phrase.text)
        also = sorted(phrase.labels - {phrase.move}) or [phrase.move]
        for i, piece in enumerate(pieces):
            if phrase.move == "monologue":
                labels = ["monologue"]
            elif len(pieces) == 1:
                labels = sorted(phrase.labels)
            else:
                labels = [phrase.move] if i == 0 else also
            out.append((piece, labels))
    return out


def _write(name: str, source: str, items: list[tuple[str, list[str]]]) -> None:
    lines = [
        "# Written by compose.py; rebuild with python -m copilot.reader.data.moves.compose. Do not edit by hand.",
        "split: train",
        f"source: {source}",
        "items:",
    ]
    for text, labels in items:
        lines.append(f"  - {{text: {json.dumps(text)}, labels: [{', '.join(labels)}]}}")
    (Path(__file__).parent / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Write composed.yaml and dev.yaml beside this file."""
    _write("composed.yaml", "template sentences from hand-written frames (compose.py)", compose())
    _write("dev.yaml", "the dev split of evals/roleplay/moves (hand-written, labelled by the author)", dev_sentences())


if __name__ == "__main__":
    main()
