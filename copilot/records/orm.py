"""The declarative base every records table derives from, apart from the tables so table modules never import each other."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ID = String(64)


def utcnow() -> dt.datetime:
    """Creation stamps are UTC so two servers in different zones agree."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so Alembic can name (and later drop) every constraint."""

    metadata = MetaData(naming_convention=NAMING)
