"""`copilot review FILE|DIR`: measure a recorded call or coaching conversation, score calls, save the result."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from copilot.cli.output import emit_json
from copilot.errors import CopilotError
from copilot.limits import check_file_size

if TYPE_CHECKING:
    from copilot.records.inputs import ActionSpec
    from copilot.records.store import Store
    from copilot.review.measures import ReviewMeasures

SUFFIXES = {".txt", ".vtt", ".srt", ".json"}
SESSION_KINDS = ("one-on-one", "deal-review", "pipeline-review", "forecast-review", "joint-call")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [m.lower() for m in calendar.month_name]
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    if not path.is_file():
        raise CopilotError(f"no transcript at {path}", fix="pass a .txt, .vtt, .srt or .json file, or a folder of them")
    return [path]


def _roles(values: list[str]) -> dict[str, str] | None:
    if not values:
        return None
    roles = {}
    for value in values:
        name, sep, role = value.rpartition("=")
        if not sep or not name or not role:
            raise typer.BadParameter(f"{value!r}: use NAME=ROLE, e.g. 'Dana=manager'", param_hint="--role")
        roles[name] = role
    return roles


def parse_due(said: str | None, day: dt.date) -> dt.date | None:
    """A deadline as said ('by Friday', 'next week', 'the 14th', 'March 3') as a date after `day`, when it is clear."""
    text = (said or "").lower()
    if re.search(r"\b(today|tonight|end of (the )?day|eod)\b", text):
        return day
    if "tomorrow" in text:
        return day + dt.timedelta(days=1)
    days = [
        (m.start(), i, bool(m.group(1))) for i, n in enumerate(WEEKDAYS) for m in re.finditer(rf"\b(next )?{n}\b", text)
    ]
    if days:  # the last day said is the deadline ("on Tuesday and Thursday" -> Thursday)
        _, weekday, following = max(days)
        ahead = (weekday - day.weekday()) % 7 or 7
        return day + dt.timedelta(days=ahead + (7 if following and day.weekday() < weekday else 0))
    if re.search(r"\b(end of (the )?week|eow)\b", text):
        return day + dt.timedelta(days=(4 - day.weekday()) % 7)
    if re.search(r"\bnext week\b", text):
        return day + dt.timedelta(days=7)
    if re.search(r"\b(end of (the )?month)\b", text):
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    span = re.search(r"\b(?:in|within) (\d+|a|an|one|two|three|four|five|six|ten) (day|week)s?\b", text)
    if span:
        count = int(span.group(1)) if span.group(1).isdigit() else NUMBER_WORDS[span.group(1)]
        return day + dt.timedelta(days=count * (7 if span.group(2) == "week" else 1))
    dated = re.search(rf"\b({'|'.join(MONTHS[1:])}) (\d{{1,2}})\b", text)
    if dated:
        candidate = dt.date(day.year, MONTHS.index(dated.group(1)), int(dated.group(2)))
        return candidate if candidate >= day else candidate.replace(year=day.year + 1)
    nth = re.search(r"\b(\d{1,2})(st|nd|rd|th)\b", text)
    if nth and 1 <= int(nth.group(1)) <= 31:
        month, year = (
            (day.month, day.year)
            if int(nth.group(1)) >= day.day
            else (day.month % 12 + 1, day.year + (day.month == 12))
        )
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(int(nth.group(1)), last))
    return None


def _actions(measures: ReviewMeasures, day: dt.date) -> tuple[list[ActionSpec], list[str]]:
    """The action items found, as records action items (due parsed when clear, else a week out, and said so)."""
    from copilot.records.inputs import ActionSpec

    specs, notes = [], []
    for item in measures.action_items:
        due = parse_due(item.due, day)
        if due is None:
            due = day + dt.timedelta(days=7)
            notes.append(f"'{item.text}': no clear date{f' ({item.due!r})' if item.due else ''}, due set to {due}")
        owner = "manager" if item.owner_role == "manager" else "rep"
        specs.append(ActionSpec(text=item.text, due=due, owner=owner))  # type: ignore[arg-type]
    return specs, notes


def _minutes(measures: ReviewMeasures) -> int:
    """Meeting length from timestamps, else from words at 150 per minute."""
    timed = [u for u in measures.utterances if u.start is not None]
    if timed and timed[-1].end is not None and timed[0].start is not None:
        seconds = timed[-1].end - timed[0].start
    else:
        seconds = sum(len(u.text.split()) for u in measures.utterances) / 150 * 60
    return max(1, min(600, math.ceil(seconds / 60)))


def _save(store: Store, actor: Any, rep: str, result: dict[str, Any], measures: ReviewMeasures, day: dt.date) -> dict:
    """Store a call's scores as an automatic observation, or a coaching conversation as a session."""
    if measures.kind == "call":
        scores = {s["criterion_id"]: s["level"] for s in result["scores"]}
        evidence = {s["criterion_id"]: s["evidence"] or s["reason"] for s in result["scores"]}
        obs = store.add_observation(
            actor, rep, result["interaction"], scores, evidence=evidence, date=day, observer="automatic"
        )
        return {"observation": obs.id}
    specs, notes = _actions(measures, day)
    quality = measures.coaching_quality
    summary = f"coaching quality {quality.score:.2f}; " if quality else ""
    ses = store.add_session(
        actor,
        rep,
        notes=f"Reviewed from transcript {Path(result['file']).name}: {summary}{len(specs)} action item(s) found.",
        date=day,
        kind=result["interaction"],
        duration_minutes=_minutes(measures),
        agreements=[item.text for item in measures.action_items],
        actions=specs,
    )
    result["assumptions"] += notes
    return {"session": ses.id, "action_items": [a.id for a in ses.action_items]}


def _print(r: dict[str, Any]) -> None:
    m = r["metrics"]
    typer.echo(f"{r['file']}  ({r['kind']}{', ' + r['interaction'] if r.get('interaction') else ''})")
    for name, s in r["speakers"].items():
        typer.echo(f"  {name:<16} {r['roles'].get(name, '?'):<8} talk {s['talk_share']:.0%}  words {s['words']}")
    typer.echo(
        f"  talk ratio {m['talk_ratio']}  open-question rate {m['open_question_rate']}  advice rate {m['advice_rate']}"
    )
    if r.get("coaching_quality"):
        typer.echo(f"  coaching quality {r['coaching_quality']['score']:.2f}")
    for line in r.get("feedback") or []:
        typer.echo(f"  feedback: {line}")
    for s in r.get("scores", []):
        typer.echo(f"  {s['level']} {s['label']:<11} {s['criterion_id']}: {s['evidence'] or '(nothing to quote)'}")
    for item in r["action_items"]:
        when = f", due {item['due']}" if item.get("due") else ", no date said"
        vague = "; says only 'it': write down what" if item.get("vague") else ""
        typer.echo(f"  action: {item['text']}  (owner {item.get('owner') or 'not said'}{when}{vague})")
    for note in r["assumptions"]:
        typer.echo(f"  assumed: {note}")
    for what, saved in (r.get("saved") or {}).items():
        typer.echo(f"  saved {what}: {', '.join(saved) if isinstance(saved, list) else saved}")


def register(app: typer.Typer) -> None:
    """Attach the command."""

    @app.command()
    def review(
        path: Path = typer.Argument(..., help="A transcript file, or a folder of them."),
        kind: str = typer.Option("call", "--kind", help="call (rep and buyer) or coaching (manager and rep)."),
        interaction: str = typer.Option(
            None,
            "--interaction",
            help="call: the assessment map to score (default: the one the call fits best, stated as an "
            "assumption); coaching: the session kind saved (default one-on-one).",
        ),
        role: list[str] = typer.Option([], "--role", help="Confirm a speaker's role: NAME=ROLE (repeatable)."),
        rep: str = typer.Option(None, "--rep", help="Rep id the review is about (see `copilot team show`)."),
        save: bool = typer.Option(False, "--save", help="Save scores as an observation, or coaching as a session."),
        date: str = typer.Option(None, "--date", help="Date of the conversation (YYYY-MM-DD); default today."),
        as_user: str = typer.Option(None, "--as", help="Act as this user id when saving (default: the local admin)."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Talk ratio, acts, coaching quality, action items and, for a call, each criterion scored with a quote."""
        from copilot.cli.main import settings
        from copilot.records.inputs import parse_date
        from copilot.review import review_transcript

        if kind not in ("call", "coaching"):
            raise typer.BadParameter("use call or coaching", param_hint="--kind")
        if save and not rep:
            raise typer.BadParameter("--save needs --rep ID (the rep the review is about)", param_hint="--rep")
        day = parse_date(date, "--date") if date else dt.date.today()
        if kind == "coaching":
            interaction = interaction or "one-on-one"
        if kind == "coaching" and interaction not in SESSION_KINDS:
            raise typer.BadParameter(
                f"{interaction!r}: use one of {', '.join(SESSION_KINDS)}", param_hint="--interaction"
            )
        roles, files = _roles(role), _files(path)
        s = settings()
        for file in files:  # all of them before any work: a 10 MB transcript took 60 s
            check_file_size(
                file,
                s.max_transcript_bytes,
                what="transcript",
                setting="COPILOT_MAX_TRANSCRIPT_BYTES",
                fix="review the conversation in parts",
            )
        store, actor = None, None
        if save:
            from copilot.records import Actor, open_store

            store = open_store(s)
            actor = store.actor(as_user) if as_user else Actor.local_admin()
        scorer = None
        if kind == "call":
            from copilot.knowledge.installed import load_installed
            from copilot.review.scoring import CallScorer, ScoringError

            scorer = CallScorer(store.kb if store else load_installed(s).kb)
            try:
                if interaction:
                    scorer.check(interaction)
            except ScoringError as err:
                raise typer.BadParameter(str(err), param_hint="--interaction") from None
        results = []
        for file in files:
            measures = review_transcript(file.read_bytes(), kind, roles, filename=file.name)  # type: ignore[arg-type]
            result: dict[str, Any] = {"file": str(file), "interaction": interaction, **measures.model_dump(mode="json")}
            if scorer is not None:
                scored = scorer.score(measures, interaction) if interaction else scorer.best_fit(measures)
                result["interaction"] = scored.interaction
                result["scores"] = [sc.model_dump(mode="json") for sc in scored.scores]
                result["assumptions"] += scored.assumptions
            if store is not None:
                result["saved"] = _save(store, actor, rep, result, measures, day)
            results.append(result)
        if as_json:
            emit_json(results[0] if path.is_file() else results)
            return
        for r in results:
            _print(r)
