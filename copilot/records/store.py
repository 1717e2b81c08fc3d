"""The records store: one object the CLI, the prep brief, roleplay and the UI call, every method taking an Actor."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from copilot.errors import ConfigError
from copilot.knowledge.schema import KnowledgeBase
from copilot.records.calibration import CalibrationMixin
from copilot.records.certification import CertificationMixin
from copilot.records.coaching import CoachingMixin
from copilot.records.deals import DealsMixin
from copilot.records.drills import DrillMixin
from copilot.records.engine import Engines, create_engines, migrate
from copilot.records.people import PeopleMixin
from copilot.records.practice import PracticeMixin
from copilot.records.reference import load_knowledge
from copilot.records.reports import ReportsMixin
from copilot.records.transfer import TransferMixin
from copilot.settings import Settings


class Store(
    PeopleMixin,
    CoachingMixin,
    PracticeMixin,
    ReportsMixin,
    TransferMixin,
    DealsMixin,
    CertificationMixin,
    CalibrationMixin,
    DrillMixin,
):
    """Coaching records behind access checks: users and teams, observations, sessions, action items,
    assignments, policies and promotions, status, scorecards, briefs, roleplay attempts, export and import,
    human review of AI scores, certifications, calibration, daily drills."""


def open_store(settings: Settings, *, knowledge: KnowledgeBase | None = None) -> Store:
    """Connect to the configured database, migrate it to the newest schema, and return the store.

    The knowledge base is loaded from the settings on first use unless one is passed.
    """
    engines = create_engines(settings.resolved_database_url)
    try:
        migrate(engines.write)
    except OperationalError as exc:
        engines.dispose()
        shown = engines.url.split("@")[-1]
        raise ConfigError(
            "COPILOT_DATABASE_URL",
            f"cannot open the records database at {shown} ({str(exc.orig).splitlines()[0][:160]})",
            fix="check the URL and that the server runs, or unset it to use SQLite in the data folder",
        ) from None
    return Store(engines, knowledge if knowledge is not None else (lambda: load_knowledge(settings)))


def store_for_url(url: str, *, knowledge: KnowledgeBase) -> Store:
    """A migrated store for an explicit URL (tests and tools)."""
    engines: Engines = create_engines(url)
    migrate(engines.write)
    return Store(engines, knowledge)
