"""Deals and pipeline targets per rep, imported from a CRM export (CSV), for pipeline, deal and forecast reviews.

Two CSV shapes, told apart by their header (docs/records.md#deals-and-pipeline-targets):
deals `id,rep,name,stage,amount,close_date,category,stage_since,last_activity,next_step,evidence[,as_of]` and
targets `rep,period,target[,coverage_goal]`. Every bad row is reported with its line and the fix; one bad row
saves nothing, so a half-imported export never misleads a review.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import select

from copilot.errors import CopilotError, RecordsError
from copilot.records import models as m
from copilot.records.access import Actor
from copilot.records.base import StoreBase

DEAL_COLUMNS = ("id", "rep", "name", "stage", "amount", "close_date", "category", "stage_since")
OPTIONAL_DEAL_COLUMNS = ("last_activity", "next_step", "evidence", "as_of")
TARGET_COLUMNS = ("rep", "period", "target")
CATEGORIES = ("commit", "best_case", "pipeline", "omitted", "won", "lost")
PERIOD = re.compile(r"^\d{4}-Q[1-4]$")


class DealView(BaseModel):
    """One deal as the brief reads it."""

    id: str
    rep_id: str
    name: str
    stage: int
    amount: int
    close_date: dt.date
    category: str
    stage_since: dt.date
    last_activity: dt.date | None = None
    next_step: str = ""
    evidence: str = ""
    as_of: dt.date

    @property
    def open(self) -> bool:
        """Neither won nor lost."""
        return self.category not in ("won", "lost")


class TargetView(BaseModel):
    """A rep's target for a quarter."""

    rep_id: str
    period: str
    amount: int
    coverage_goal: float = 3.0


class DealImport(BaseModel):
    """What an import saved."""

    deals: int = 0
    targets: int = 0


def quarter_of(day: dt.date) -> str:
    """The period name of the quarter a day falls in (`2027-Q1`)."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _date(value: str, column: str, problems: list[str], line: int, shift: dt.timedelta) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) + shift
    except ValueError:
        problems.append(f"line {line}: {column} {value!r} is not a date (fix: write it as YYYY-MM-DD)")
        return None


def _int(value: str, column: str, problems: list[str], line: int) -> int | None:
    cleaned = value.strip().replace(",", "").replace("_", "")
    if not re.fullmatch(r"\d+", cleaned):
        problems.append(f"line {line}: {column} {value!r} is not a whole number (fix: digits only, e.g. 48000)")
        return None
    return int(cleaned)


def _shift_iso(text: str, shift: dt.timedelta) -> str:
    """Dates written inside a demo deal's text move with its date columns."""
    if not shift:
        return text

    def move(match: re.Match[str]) -> str:
        try:
            return (dt.date.fromisoformat(match.group(0)) + shift).isoformat()
        except ValueError:
            return match.group(0)

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", move, text)


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            return [c.strip().lower() for c in reader.fieldnames or []], rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RecordsError(f"cannot read {path}: {exc}", fix="pass a UTF-8 CSV file exported from the CRM") from exc


class DealsMixin(StoreBase):
    """Import and read deals and pipeline targets."""

    def import_deals_csv(self, actor: Actor, path: Path, *, shift: dt.timedelta = dt.timedelta(0)) -> DealImport:
        """Upsert deals or targets from a CSV export; every bad row is named, and one bad row saves nothing."""
        header, rows = _read(path)
        rows = [{k.strip().lower(): (v or "") for k, v in row.items() if k} for row in rows]
        if set(TARGET_COLUMNS) <= set(header) and "stage" not in header:
            return self._import_targets(actor, path, rows, shift)
        missing = [c for c in DEAL_COLUMNS if c not in header]
        if missing:
            raise RecordsError(
                f"{path}: the header lacks {', '.join(missing)}",
                fix=f"a deals CSV needs the columns {', '.join(DEAL_COLUMNS)} (optional: "
                f"{', '.join(OPTIONAL_DEAL_COLUMNS)}); a targets CSV needs {', '.join(TARGET_COLUMNS)}",
            )
        problems: list[str] = []
        deals: list[m.Deal] = []
        today = dt.date.today()
        for line, row in enumerate(rows, start=2):
            values = {c: row.get(c, "").strip() for c in (*DEAL_COLUMNS, *OPTIONAL_DEAL_COLUMNS)}
            for column in ("id", "rep", "name"):
                if not values[column]:
                    problems.append(f"line {line}: {column} is empty (fix: every deal needs an id, a rep and a name)")
            stage = _int(values["stage"], "stage", problems, line)
            amount = _int(values["amount"], "amount", problems, line)
            close = _date(values["close_date"], "close_date", problems, line, shift)
            since = _date(values["stage_since"], "stage_since", problems, line, shift)
            last = (
                _date(values["last_activity"], "last_activity", problems, line, shift)
                if values["last_activity"]
                else None
            )
            as_of = _date(values["as_of"], "as_of", problems, line, shift) if values["as_of"] else today
            category = values["category"].lower().replace(" ", "_").replace("-", "_") or "pipeline"
            if category not in CATEGORIES:
                problems.append(
                    f"line {line}: category {values['category']!r} is unknown (fix: one of {', '.join(CATEGORIES)})"
                )
            if None in (stage, amount, close, since, as_of) or category not in CATEGORIES:
                continue
            deals.append(
                m.Deal(
                    id=values["id"],
                    rep_id=values["rep"],
                    name=values["name"],
                    stage=stage,
                    amount=amount,
                    close_date=close,
                    category=category,
                    stage_since=since,
                    last_activity=last,
                    next_step=_shift_iso(values["next_step"], shift),
                    evidence=_shift_iso(values["evidence"], shift),
                    as_of=as_of,
                )
            )
        with self._write() as s:
            for deal in deals:
                try:
                    self._rep(s, actor, deal.rep_id, action="import deals")
                except CopilotError as err:
                    problems.append(f"deal {deal.id}: {err.message}")
            if problems:
                raise RecordsError(
                    f"{path}: {len(problems)} bad row(s), nothing saved: " + "; ".join(problems[:20]),
                    fix="correct those rows and import the file again",
                )
            for deal in deals:
                s.merge(deal)
        return DealImport(deals=len(deals))

    def _import_targets(
        self, actor: Actor, path: Path, rows: list[dict[str, str]], shift: dt.timedelta = dt.timedelta(0)
    ) -> DealImport:
        problems: list[str] = []
        targets: list[m.PipelineTarget] = []
        for line, row in enumerate(rows, start=2):
            period = row.get("period", "").strip()
            if not PERIOD.match(period):
                problems.append(f"line {line}: period {period!r} is not a quarter (fix: write it as 2027-Q1)")
            amount = _int(row.get("target", ""), "target", problems, line)
            goal_text = row.get("coverage_goal", "").strip() or "3"
            try:
                goal = float(goal_text)
            except ValueError:
                problems.append(f"line {line}: coverage_goal {goal_text!r} is not a number (fix: e.g. 3 or 2.5)")
                goal = 3.0
            if amount is not None and PERIOD.match(period) and shift:  # the quarter moves with the dates
                year, quarter = int(period[:4]), int(period[-1])
                period = quarter_of(dt.date(year, 3 * quarter - 1, 15) + shift)
            if amount is not None and PERIOD.match(period):
                targets.append(
                    m.PipelineTarget(
                        rep_id=row.get("rep", "").strip(), period=period, amount=amount, coverage_goal=goal
                    )
                )
        with self._write() as s:
            for target in targets:
                try:
                    self._rep(s, actor, target.rep_id, action="import pipeline targets")
                except CopilotError as err:
                    problems.append(f"target for {target.rep_id!r}: {err.message}")
            if problems:
                raise RecordsError(
                    f"{path}: {len(problems)} bad row(s), nothing saved: " + "; ".join(problems[:20]),
                    fix="correct those rows and import the file again",
                )
            for target in targets:
                s.merge(target)
        return DealImport(targets=len(targets))

    def deals(self, actor: Actor, rep_id: str) -> list[DealView]:
        """A rep's deals, largest first."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read deals", rep_may=True)
            rows = s.scalars(select(m.Deal).where(m.Deal.rep_id == rep_id))
            views = [DealView.model_validate(r, from_attributes=True) for r in rows]
        return sorted(views, key=lambda d: (-d.amount, d.id))

    def targets(self, actor: Actor, rep_id: str) -> list[TargetView]:
        """A rep's pipeline targets by period."""
        with self._read() as s:
            self._rep(s, actor, rep_id, action="read pipeline targets", rep_may=True)
            rows = s.scalars(select(m.PipelineTarget).where(m.PipelineTarget.rep_id == rep_id))
            return sorted((TargetView.model_validate(r, from_attributes=True) for r in rows), key=lambda t: t.period)
