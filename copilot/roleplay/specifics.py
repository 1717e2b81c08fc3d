"""The rep's own specifics (the day, the length, the person, the thing, the number), so the buyer can repeat them.

An acceptance that repeats "next Tuesday, thirty minutes with our finance lead" shows the buyer heard the step;
taking "one year" or "10 percent" shows they heard the offer. Second-person words turn into the buyer's own
("your finance lead" -> "our finance lead").
"""

from __future__ import annotations

import re

from copilot.roleplay.offers import raised_discount

DAY = re.compile(
    r"\b(?:(?:next|this|on) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?! (?:deal |pipeline |forecast )?(?:reviews?|calls?|meetings?|stand-?ups?|syncs?|sessions?)\b)"  # 'your Friday review' names a meeting
    r"(?: (?:the )?\d{1,2}(?:st|nd|rd|th))?(?: (?:at|by) \d{1,2}(?::\d\d)?\s?(?:am|pm)?)?"
    r"|\b(?:tomorrow|today)(?: (?:at|by) \d{1,2}(?::\d\d)?\s?(?:am|pm)?)?"
    r"|\b(?:next|this) (?:week|month|quarter)\b"
    r"|\bthe \d{1,2}(?:st|nd|rd|th)(?: (?:at|by) \d{1,2}(?::\d\d)?\s?(?:am|pm)?)?\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?\b"
    r"|\bend of (?:the )?(?:week|month)\b",
    re.IGNORECASE,
)
LENGTH = re.compile(
    r"\b(?:\d{1,3}|five|ten|fifteen|twenty|thirty|forty-five|forty|sixty|an|one|half an)[- ](?:minutes?|min|hours?)\b(?!-by-)",
    re.IGNORECASE,
)
ROLE = (
    r"(?:[a-z]+ ){0,2}(?:lead|team|controller|cfo|ceo|coo|cro|vp(?: [a-z]+)?|manager|managers|head of [a-z]+|dpo|"
    r"director|officer|analyst|procurement|legal|finance|board|committee|champion|reps|engineers?|architect)"
)
WHO = re.compile(rf"\bwith ((?:your|the|our) {ROLE})\b", re.IGNORECASE)
WHAT = re.compile(
    r"\b(?:to|and) (go through|review|look at|run|build|agree|walk through|map|prep|present|test|check|confirm|"
    r"sign|start|compare|show)\b([^.?!,;]{0,60})",
    re.IGNORECASE,
)
THING = re.compile(
    r"\b(business case|back-?test|security pack|security review|review session|pilot|demo|workshop|data-flow "
    r"(?:diagram|walkthrough)|success criteria|order form|reference call|deck|presentation|evaluation plan|"
    r"rollout plan|kick-?off)\b",
    re.IGNORECASE,
)
AMOUNT = re.compile(
    r"\b(?:\d{1,2}|five|ten|fifteen|twenty|twenty-five|thirty|forty|fifty)\s?(?:%|percent|per cent)", re.IGNORECASE
)
TERM = re.compile(
    r"\b(?:one|1|a|twelve|12|six|6|two|2)[- ](?:year|month)s?\b|\b(?:three|3|nine|9|eighteen|18|twenty-four|24)[- ]months?\b",
    re.IGNORECASE,
)
_MINE = {"your": "our", "you": "me", "yours": "ours", "yourself": "myself"}


def own(text: str) -> str:
    """The rep's words as the buyer would say them: 'your' becomes 'our'."""
    return re.sub(r"\b(your|yours|yourself|you)\b", lambda m: _MINE[m.group(1).lower()], text, flags=re.IGNORECASE)


def _first(rx: re.Pattern[str], text: str, group: int = 0) -> str | None:
    found = rx.search(text)
    return " ".join(found.group(group).split()) if found else None


def step_specifics(line: str | None) -> dict[str, str]:
    """The when, how long, who and what of a proposed next step."""
    if not line:
        return {}
    out: dict[str, str] = {}
    days = sorted((" ".join(m.group(0).split()) for m in DAY.finditer(line)), key=len, reverse=True)
    day = days[0] if days else None
    if day:
        out["day"] = re.sub(r"^on ", "", day, flags=re.IGNORECASE)
    length = _first(LENGTH, line)
    if length:
        count, unit = re.split(r"[- ]", length, maxsplit=1) if "half" not in length else (length, "")
        out["length"] = f"{count} {unit.rstrip('s')}s".strip() if unit and count not in ("an", "one") else length
    who = _first(WHO, line, 1)
    if who:
        out["who"] = own(who)
    thing = _first(THING, line)
    what = WHAT.search(line)
    if thing:
        out["what"] = f"the {thing}"
    elif what:
        tail = re.split(r"\b(?:on|next|this|at|by|with|before|and then)\b", what.group(2), maxsplit=1)[0]
        phrase = " ".join(f"{what.group(1)} {tail}".split())
        if len(phrase.split()) >= 2:
            out["what"] = own(phrase)
    return out


def offer_specifics(line: str, offer: str) -> dict[str, str]:
    """What was offered, in the rep's own terms: '30%', 'one year', 'a four-week pilot'."""
    if offer == "discount":
        amount = _first(AMOUNT, line) or raised_discount(line)
        return {"offer": f"{amount} off" if amount else "a lower price", "amount": amount or ""}
    if offer == "term":
        term = _first(TERM, line)
        if not term:
            return {"offer": "a shorter term"}
        count, unit = re.split(r"[- ](?=year|month)", term.lower(), maxsplit=1)
        count = {"1": "one", "a": "one", "12": "twelve", "6": "six", "2": "two", "3": "three", "9": "nine"}.get(
            count, count
        )
        count = {"18": "eighteen", "24": "twenty-four"}.get(count, count)
        unit = unit.rstrip("s") + ("s" if count not in ("one",) else "")
        return {"offer": f"{count} {unit}"}
    if offer == "pilot":
        return {"offer": _pilot(line)}
    if offer == "deferred":
        return {"offer": "paying later"}
    if offer == "services":
        work = _first(SERVICE, line)
        work = re.sub(r"^((?:the|your|our) )?free[- ]", r"\1", work, flags=re.IGNORECASE) if work else None
        return {"offer": f"{own(work)} at no charge" if work else "the work at no charge"}
    return {}


SERVICE = re.compile(
    r"\b((?:(?i:the|your|our)\s)?(?:(?:(?i:\d{1,2}|one|two|three|four|five|six|a few|a couple of|extra|additional|full|"
    r"whole|dedicated|free|data)|[A-Z]{2,5})[- ]){0,3}"
    r"(?i:onboarding|training days?|training sessions?|training|set-?up|configuration|implementation|migration|mapping|"
    r"data load|clean-?up|workshops?|integration work|professional services|success manager|solutions engineer)"
    r"(?! (?i:team|manager|lead|engineer|consultant)s?\b))"
)
"""The work given, as the rep named it ('two extra training days', 'the onboarding', 'the whole configuration')."""


_PILOT_NAME = re.compile(
    r"\b((?:a |an |the )?(?:free )?(?:[\w-]+[- ](?:week|month|day|team)s? )?(?:free )?(?:pilot|trial|proof of concept))\b",
    re.I,
)
_DURATION = re.compile(
    r"\b((?:\d{1,3}|one|two|three|four|five|six|eight|ten|twelve|thirty|sixty|ninety|a)[- ](?:days?|weeks?|months?))\b",
    re.I,
)
_SCOPE = re.compile(r"\b((?:one|two|three|four|\d|a single)(?: of (?:your|our|the))? teams?)\b", re.I)


def _pilot(line: str) -> str:
    """The pilot as the rep framed it, its size and length included: 'a pilot on two teams for thirty days'."""
    found = _PILOT_NAME.search(line)
    name = found.group(1) if found else "a pilot"
    name = name if re.match(r"(?:a|an|the)\b", name, re.I) else f"a {name}"
    name = name[:1].lower() + name[1:]
    scope = _SCOPE.search(line)
    if scope and scope.group(1).lower() not in name.lower():
        name += f" on {own(scope.group(1).lower())}"
    length = _DURATION.search(line)
    if length and not re.search(r"\d|day|week|month", name, re.I):
        name += f" for {length.group(1).lower()}"
    return name


def say_step(spec: dict[str, str]) -> str:
    """The step as the buyer repeats it: 'next Tuesday, thirty minutes with our finance lead to go through …'."""
    parts = []
    if spec.get("day"):
        parts.append(spec["day"][0].upper() + spec["day"][1:])
    if spec.get("length"):
        parts.append(spec["length"])
    head = ", ".join(parts)
    if spec.get("who"):
        head = f"{head} with {spec['who']}" if head else f"Time with {spec['who']}"
    if spec.get("what"):
        head = (
            f"{head} to {spec['what']}"
            if head and not spec["what"].startswith("the ")
            else (f"{head} on {spec['what']}" if head else spec["what"][0].upper() + spec["what"][1:])
        )
    return head
