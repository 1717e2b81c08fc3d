"""The team export format: the team file plus the records only the database holds, so a round trip loses nothing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field

from copilot.errors import RecordsError
from copilot.knowledge.schema import LevelScore, StrictModel
from copilot.knowledge.team_file import RecordId, TeamFile


class PolicyOverrideRecord(StrictModel):
    """A team's override of one criterion's trust-but-verify numbers."""

    criterion: str = Field(description="Criterion id.")
    threshold: LevelScore | None = Field(default=None, description="Lowest acceptable level.")
    breaches: int | None = Field(default=None, ge=1, description="Misses that call the manager.")
    of_last: int | None = Field(default=None, ge=1, description="Recent observations counted.")
    window_days: int | None = Field(default=None, ge=0, description="Self-correction window in days.")


class PromotionRecord(StrictModel):
    """An advanced skill promoted to basic, for one rep or (rep: null) the whole team."""

    criterion: str = Field(description="Criterion id (an advanced skill).")
    rep: str | None = Field(default=None, description="Rep id, or null for the whole team.")
    threshold: LevelScore = Field(description="Threshold it now carries.")
    promoted_on: dt.date = Field(description="Date promoted.")


class BriefRecord(StrictModel):
    """A saved prep brief."""

    id: RecordId
    rep: str = Field(description="Rep id.")
    date: dt.date = Field(description="Date saved.")
    payload: dict[str, Any] = Field(description="The brief as generated.")
    created_by: str | None = Field(default=None, description="User who saved it.")


class RoleplayRecord(StrictModel):
    """A roleplay attempt."""

    id: RecordId
    rep: str = Field(description="Rep id.")
    scenario: str = Field(description="Scenario id.")
    date: dt.date = Field(description="Date of the attempt.")
    transcript: list[Any] = Field(default_factory=list, description="Turns as recorded.")
    scores: dict[str, Any] = Field(default_factory=dict, description="Scores as recorded.")


class TeamExport(TeamFile):
    """A team file (kind: team) with the database-only sections; any team file is a valid export."""

    policy_overrides: list[PolicyOverrideRecord] = Field(default_factory=list, description="Team policy overrides.")
    promotions: list[PromotionRecord] = Field(default_factory=list, description="Promoted skills.")
    briefs: list[BriefRecord] = Field(default_factory=list, description="Saved prep briefs.")
    roleplay_attempts: list[RoleplayRecord] = Field(default_factory=list, description="Roleplay attempts.")

    def moved_to(self, today: dt.date) -> TeamExport:
        """Every date moved so anchor_date becomes `today`, keeping the stories current: date fields and the dates
        written inside texts ("on 16 November"), so a note never speaks of a day before the meeting it records."""
        try:
            return TeamExport.model_validate(_shift(self.model_dump(), today - self.anchor_date, self.anchor_date))
        except OverflowError:
            raise RecordsError(
                f"moving the file's dates so {self.anchor_date} becomes {today} takes some past year 9999",
                fix="correct the file's dates, or load it with --no-shift",
            ) from None


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TEXT_DATE = re.compile(rf"\b([1-9]|[12][0-9]|3[01]) ({'|'.join(MONTHS)})\b(?! \d{{4}})")


def shift_text_dates(text: str, delta: dt.timedelta, anchor: dt.date) -> str:
    """Move every "D Month" written in a text by delta; the year is the one that puts it nearest the anchor."""

    def move(match: re.Match[str]) -> str:
        day, month = int(match.group(1)), MONTHS.index(match.group(2)) + 1
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(dt.date(year, month, day))
            except ValueError:
                continue
        if not candidates:
            return match.group(0)
        moved = min(candidates, key=lambda d: abs((d - anchor).days)) + delta
        return f"{moved.day} {MONTHS[moved.month - 1]}"

    return TEXT_DATE.sub(move, text)


def _shift(value: Any, delta: dt.timedelta, anchor: dt.date) -> Any:
    """Move every date in a dumped structure by delta, including dates written inside its texts."""
    if isinstance(value, dt.date):
        return value + delta
    if isinstance(value, str):
        return shift_text_dates(value, delta, anchor) if delta else value
    if isinstance(value, dict):
        return {k: _shift(v, delta, anchor) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, delta, anchor) for v in value]
    return value


# the CSV form holds the roster and the observations, one row per rep and one per scored criterion
CSV_COLUMNS = (
    "team_id",
    "team_name",
    "manager_id",
    "manager_name",
    "manager_email",
    "rep_id",
    "rep_name",
    "rep_email",
    "profile",
    "start_date",
    "observation_id",
    "date",
    "interaction",
    "observer",
    "criterion",
    "score",
    "evidence",
)
