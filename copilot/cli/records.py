"""Coaching-records commands: load a team, observe, take notes, track actions and assignments, promote, report.

The CLI acts as the local admin (single-user mode); `--as USER_ID` acts as a stored user instead, so access
rules can be tried from the command line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from copilot.cli.output import emit_json
from copilot.records.access import Actor
from copilot.records.inputs import parse_action_spec, parse_date, parse_evidence, parse_scores

if TYPE_CHECKING:
    from copilot.records.store import Store

AS = typer.Option(None, "--as", help="Act as this stored user (default: the local admin).")
JSON = typer.Option(False, "--json", help="Print JSON.")
TODAY = typer.Option(None, "--today", help="Evaluate as of this date, YYYY-MM-DD (default: today).")


def _open(as_user: str | None) -> tuple[Store, Actor]:
    """The store for this invocation and who acts."""
    from copilot.cli.main import settings
    from copilot.records.store import open_store

    store = open_store(settings())
    return store, (store.actor(as_user) if as_user else Actor.local_admin())


def _day(value: str | None, what: str) -> dt.date:
    return parse_date(value, what) if value else dt.date.today()


def _maybe_day(value: str | None, what: str) -> dt.date | None:
    return parse_date(value, what) if value else None


def register(app: typer.Typer) -> None:
    """Attach the records commands."""
    team_app = typer.Typer(help="Load, show and delete teams.", no_args_is_help=True)
    note_app = typer.Typer(
        help="Coaching notes: what was discussed, agreed and who does what by when.", no_args_is_help=True
    )
    app.add_typer(team_app, name="team")
    app.add_typer(note_app, name="note")

    @team_app.command("load")
    def team_load(
        file: Path = typer.Argument(None, help="Team file (YAML, JSON or CSV); default: the demo team."),
        no_shift: bool = typer.Option(
            False, "--no-shift", help="Keep the file's dates (default: anchor_date becomes today)."
        ),
        today: str = TODAY,
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Load a team (upserting every record by id); dates move so the file's anchor_date is today."""
        from copilot.cli.main import settings
        from copilot.records.reference import demo_team_file

        path = file or demo_team_file(settings())
        store, actor = _open(as_user)
        summary = store.load_team_file(actor, path, shift=not no_shift, today=_maybe_day(today, "--today"))
        if as_json:
            emit_json(summary.model_dump(mode="json"))
            return
        moved = f"; dates moved so {summary.shifted_to} is today" if summary.shifted_to else ""
        typer.echo(
            f"loaded team {summary.team_id}: {summary.reps} reps, {summary.observations} observations, "
            f"{summary.sessions} sessions, {summary.action_items} action items, {summary.assignments} assignments{moved}"
        )

    @team_app.command("show")
    def team_show(
        team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
        rep: str = typer.Option(None, "--rep", help="Show one rep in detail."),
        today: str = TODAY,
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Teams and reps with their trust-but-verify status: who needs the manager now, and why."""
        from copilot.records import render

        store, actor = _open(as_user)
        day = _day(today, "--today")
        if rep:
            status, profile = store.rep_status(actor, rep, day), store.rep(actor, rep)
            items, assigned = store.action_items(actor, rep, status="open"), store.assignments(actor, rep)
            if as_json:
                emit_json(
                    {
                        "today": day,
                        "rep": profile.model_dump(mode="json"),
                        "status": status.model_dump(mode="json"),
                        "open_action_items": [render.action_json(i, day) for i in items],
                        "assignments": [a.model_dump(mode="json") for a in assigned],
                    }
                )
                return
            typer.echo(f"{profile.name} ({profile.id}), {profile.profile}, team {profile.team_id}, as of {day}")
            typer.echo("\n".join(render.status_lines(status)))
            for line in [render.action_line(i, day) for i in items] + [render.assignment_line(a) for a in assigned]:
                typer.echo(f"    {line}")
            return
        teams = [store.team(actor, team)] if team else store.teams(actor)
        report = [(t, {r.id: store.rep_status(actor, r.id, day) for r in t.reps}) for t in teams]
        if as_json:
            emit_json(render.teams_json(report, day))
        else:
            typer.echo("\n".join(render.teams_lines(report, day)))

    deals_app = typer.Typer(help="Deals and pipeline targets from a CRM export (CSV).", no_args_is_help=True)
    app.add_typer(deals_app, name="deals")

    @deals_app.command("import")
    def deals_import(
        file: Path = typer.Argument(
            ..., help="CSV: deals (id,rep,name,stage,amount,…) or targets (rep,period,target)."
        ),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Upsert deals or pipeline targets by id; every bad row is named with its line, and nothing is saved then."""
        store, actor = _open(as_user)
        result = store.import_deals_csv(actor, file)
        if as_json:
            emit_json(result.model_dump(mode="json"))
            return
        typer.echo(f"imported {result.deals} deal(s) and {result.targets} target(s) from {file}")

    @deals_app.command("show")
    def deals_show(
        rep: str = typer.Option(..., "--rep", help="Rep id."), as_user: str = AS, as_json: bool = JSON
    ) -> None:
        """A rep's deals, largest first, and their pipeline targets."""
        store, actor = _open(as_user)
        deals, targets = store.deals(actor, rep), store.targets(actor, rep)
        if as_json:
            emit_json(
                {"deals": [d.model_dump(mode="json") for d in deals], "targets": [t.model_dump() for t in targets]}
            )
            return
        for t in targets:
            typer.echo(f"target {t.period}: {t.amount} (coverage goal {t.coverage_goal:g}x)")
        for d in deals:
            typer.echo(
                f"{d.id}  {d.name}  stage {d.stage}  {d.amount}  {d.category}  closes {d.close_date}  "
                f"last activity {d.last_activity or 'none'}  next: {d.next_step or '-'}"
            )

    @team_app.command("delete")
    def team_delete(
        team: str = typer.Argument(..., help="Team id."),
        yes: bool = typer.Option(False, "--yes", help="Really delete every record of the team."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Delete a team and all its records (export it first if you may want it back)."""
        if not yes:
            raise typer.BadParameter("this deletes every record of the team; pass --yes to confirm", param_hint="--yes")
        store, actor = _open(as_user)
        reps = store.delete_team(actor, team)
        emit_json({"deleted": team, "reps": reps}) if as_json else typer.echo(
            f"deleted team {team} and its {reps} reps"
        )

    @app.command()
    def observe(
        rep: str = typer.Option(..., "--rep", help="Rep id."),
        interaction: str = typer.Option(..., "--interaction", help="Interaction id, e.g. discovery-call."),
        scores: str = typer.Option(..., "--scores", help="crit=level,... with level 1-4 or not_present..excellent."),
        evidence: list[str] = typer.Option([], "--evidence", help='crit="what you saw" (repeatable).'),
        date: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
        observer: str = typer.Option("manager", "--observer", help="manager, self, peer or automatic."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Record one observed interaction of a rep, scored per criterion with evidence."""
        levels, quotes, day = parse_scores(scores), parse_evidence(evidence), _maybe_day(date, "--date")
        store, actor = _open(as_user)
        obs = store.add_observation(actor, rep, interaction, levels, evidence=quotes, date=day, observer=observer)
        if as_json:
            emit_json(obs.model_dump(mode="json"))
            return
        typer.echo(f"saved {obs.id}: {rep} {interaction} on {obs.date}, {len(obs.scores)} criteria scored")
        flagged = [
            s
            for s in store.rep_status(actor, rep, max(obs.date, dt.date.today())).intervene
            if s.criterion in obs.scores
        ]
        for skill in flagged:
            typer.echo(f"  STEP IN  {skill.criterion}: {skill.reason}")

    @note_app.command("add")
    def note_add(
        rep: str = typer.Option(..., "--rep", help="Rep id."),
        text: str = typer.Option("", "--text", help="What was discussed."),
        action: list[str] = typer.Option([], "--action", help='"text;due=YYYY-MM-DD;owner=rep|manager" (repeatable).'),
        agreement: list[str] = typer.Option(
            [], "--agreement", help="An agreement with a count and a date (repeatable)."
        ),
        kind: str = typer.Option(
            "one-on-one", "--kind", help="one-on-one, deal-review, pipeline-review, forecast-review, joint-call."
        ),
        minutes: int = typer.Option(30, "--minutes", help="Length of the meeting."),
        date: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Save a coaching conversation: notes, agreements and action items (due in a week unless given)."""
        day = _day(date, "--date")
        specs = [parse_action_spec(a, day + dt.timedelta(days=7)) for a in action]
        store, actor = _open(as_user)
        ses = store.add_session(
            actor, rep, notes=text, date=day, kind=kind, duration_minutes=minutes, agreements=agreement, actions=specs
        )
        if as_json:
            emit_json(ses.model_dump(mode="json"))
            return
        typer.echo(
            f"saved {ses.id} for {rep} on {ses.date}: {len(ses.agreements)} agreement(s), {len(ses.action_items)} action item(s)"
        )
        for item in ses.action_items:
            typer.echo(f"  {item.id} ({item.owner}, due {item.due}): {item.text}")

    @note_app.command("list")
    def note_list(
        rep: str = typer.Option(..., "--rep", help="Rep id."), as_user: str = AS, as_json: bool = JSON
    ) -> None:
        """A rep's coaching sessions, oldest first."""
        store, actor = _open(as_user)
        sessions = store.sessions(actor, rep)
        if as_json:
            emit_json([x.model_dump(mode="json") for x in sessions])
            return
        for x in sessions:
            typer.echo(f"{x.date} {x.kind} ({x.duration_minutes} min) {x.id}: {x.notes}")
            for a in x.agreements:
                typer.echo(f"    agreed: {a}")

    @app.command()
    def actions(
        rep: str = typer.Option(..., "--rep", help="Rep id."),
        close: str = typer.Option(None, "--close", help="Mark this action item done."),
        drop: str = typer.Option(None, "--drop", help="Mark this action item dropped."),
        status: str = typer.Option(None, "--status", help="Only open, done or dropped items."),
        today: str = TODAY,
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """List a rep's action items to reconcile, or close one (--close ID / --drop ID)."""
        from copilot.records import render

        store, actor = _open(as_user)
        day = _day(today, "--today")
        if close or drop:
            item = store.close_action_item(actor, close or drop, status="done" if close else "dropped", on=day)
            if item.rep_id != rep:
                typer.echo(f"note: {item.id} belongs to {item.rep_id}, not {rep}", err=True)
            emit_json(item.model_dump(mode="json")) if as_json else typer.echo(
                f"{item.id} is {item.status} on {item.closed_on}"
            )
            return
        items = store.action_items(actor, rep, status=status)
        if as_json:
            emit_json([render.action_json(i, day) for i in items])
        else:
            typer.echo("\n".join(render.action_line(i, day) for i in items) or f"no action items for {rep}")

    @app.command()
    def assign(
        rep: str = typer.Option(..., "--rep", help="Rep id."),
        activity: str = typer.Option(None, "--activity", help="Activity id from the learning catalogue; omit to list."),
        due: str = typer.Option(None, "--due", help="YYYY-MM-DD (default: in a week)."),
        done: str = typer.Option(None, "--done", help="Mark this assignment done."),
        evidence: str = typer.Option(None, "--evidence", help="What shows it was done (with --done)."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Assign a learning activity, mark one done (--done ID --evidence ...), or list a rep's assignments."""
        from copilot.records import render

        due_day = _maybe_day(due, "--due")
        store, actor = _open(as_user)
        if done:
            result = [store.complete_assignment(actor, done, evidence=evidence)]
        elif activity:
            result = [store.assign(actor, rep, activity, due=due_day)]
        else:
            result = store.assignments(actor, rep)
        if as_json:
            emit_json(
                [a.model_dump(mode="json") for a in result]
                if not (done or activity)
                else result[0].model_dump(mode="json")
            )
            return
        typer.echo("\n".join(render.assignment_line(a) for a in result) or f"no assignments for {rep}")

    @app.command()
    def promote(
        criterion: str = typer.Option(..., "--criterion", help="An advanced criterion the rep or team has adopted."),
        threshold: str = typer.Option(
            "good", "--threshold", help="Its threshold as a basic skill (1-4 or a level name)."
        ),
        rep: str = typer.Option(None, "--rep", help="Promote for this rep."),
        team: str = typer.Option(None, "--team", help="Promote for the whole team."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Move an adopted advanced skill to basic with a threshold, so coaching moves on to the next one."""
        store, actor = _open(as_user)
        promo = store.promote(actor, criterion, threshold, rep_id=rep, team_id=team)
        if as_json:
            emit_json(promo.model_dump(mode="json"))
            return
        typer.echo(f"{criterion} is now basic for {rep or team} with threshold {promo.threshold}")

    @app.command()
    def policy(
        team: str = typer.Option(..., "--team", help="Team id."),
        criterion: str = typer.Option(None, "--criterion", help="Criterion to override; omit to list overrides."),
        threshold: str = typer.Option(None, "--threshold", help="Lowest acceptable level."),
        breaches: int = typer.Option(None, "--breaches", help="Misses that call the manager."),
        of_last: int = typer.Option(None, "--of-last", help="Recent observations counted."),
        window_days: int = typer.Option(None, "--window-days", help="Self-correction window in days."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Override the methodology's trust-but-verify numbers for one criterion on one team, or list overrides."""
        store, actor = _open(as_user)
        if criterion:
            result = store.set_team_policy(
                actor, team, criterion, threshold=threshold, breaches=breaches, of_last=of_last, window_days=window_days
            )
            if as_json:
                emit_json(result.model_dump(mode="json"))
                return
            typer.echo(
                f"{team} {criterion}: threshold {result.threshold}, {result.breaches} of the last {result.of_last} "
                f"after {result.window_days} days"
            )
            return
        overrides = store.team_policies(actor, team)
        if as_json:
            emit_json([o.model_dump(mode="json") for o in overrides])
            return
        for o in overrides:
            typer.echo(
                f"{o.criterion}: "
                + ", ".join(
                    f"{k}={v}" for k, v in o.model_dump().items() if v is not None and k not in ("team_id", "criterion")
                )
            )

    @app.command()
    def scorecard(
        team: str = typer.Option(None, "--team", help="Team id (default: every team you may see)."),
        since: str = typer.Option(
            None, "--since", help="YYYY-MM-DD (default: first day of the month five months ago)."
        ),
        until: str = typer.Option(None, "--until", help="YYYY-MM-DD (default: today)."),
        today: str = TODAY,
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Coaching in the scorecard: sessions and hours, action items, assignments, practice, trends, thresholds."""
        from copilot.records import render

        store, actor = _open(as_user)
        card = store.scorecard(
            actor,
            team_id=team,
            since=_maybe_day(since, "--since"),
            until=_maybe_day(until, "--until"),
            today=_maybe_day(today, "--today"),
        )
        from copilot.records.practice_card import practice_card, practice_lines

        practice = practice_card(store, actor, today=_day(today, "--today"), team_id=team)
        if as_json:
            emit_json(card.model_dump(mode="json") | {"practice": practice.model_dump(mode="json")})
            return
        typer.echo("\n".join([*render.scorecard_lines(card), *practice_lines(practice)]))

    @app.command("export")
    def export_cmd(
        team: str = typer.Option(..., "--team", help="Team id."),
        output: Path = typer.Option(
            None, "-o", "--output", help="File to write (.yaml, .json or .csv); default: stdout."
        ),
        fmt: str = typer.Option(None, "--format", help="yaml, json or csv (default: from the file name, else yaml)."),
        today: str = TODAY,
        as_user: str = AS,
        as_json: bool = typer.Option(False, "--json", help="JSON: the export itself on stdout, or a receipt with -o."),
    ) -> None:
        """Write a team's records to one file (CSV holds the roster and observations only)."""
        from copilot.records.teamfiles import dump_team, format_for

        store, actor = _open(as_user)
        doc = store.export_team(actor, team, today=_maybe_day(today, "--today"))
        kind = fmt or (format_for(output) if output else "json" if as_json else "yaml")
        if kind not in ("yaml", "json", "csv"):
            raise typer.BadParameter(f"{kind!r} is not yaml, json or csv", param_hint="--format")
        text = dump_team(doc, kind)
        if output is None:
            typer.echo(text, nl=False)
            return
        output.write_text(text, encoding="utf-8")
        if as_json:
            emit_json({"team_id": team, "path": str(output), "format": kind, "bytes": len(text.encode())})
        else:
            typer.echo(f"wrote {output}", err=True)

    @app.command("import")
    def import_cmd(
        file: Path = typer.Argument(..., help="A team export (YAML, JSON or CSV)."),
        replace: bool = typer.Option(False, "--replace", help="Replace the team if it exists."),
        as_user: str = AS,
        as_json: bool = JSON,
    ) -> None:
        """Restore a team from one file in one transaction: every broken row is reported and nothing is imported."""
        from copilot.records.teamfiles import read_team_file

        doc, lines = read_team_file(file)
        store, actor = _open(as_user)
        summary = store.import_team(actor, doc, replace=replace, path=str(file), lines=lines)
        if as_json:
            emit_json(summary.model_dump())
            return
        verb = "replaced" if summary.replaced else "imported"
        typer.echo(
            f"{verb} team {summary.team_id}: {summary.reps} reps, {summary.observations} observations, {summary.sessions} sessions"
        )
