"""Figures kept between requests for exactly as long as the data they are computed from is unchanged.

Some figures cost more than the page around them (the year's program figures in the program bank's
heading, the dashboard's latest cohort, the analytics tables) and change only when their tables do.
They are kept in Django's cache under the *data version* of the tables they read, on PostgreSQL:

- Every statement that writes one of the portal's tables — a form, an import, ``bulk_create``,
  ``QuerySet.update``, raw SQL, ``loaddata`` — fires a statement-level trigger that records the
  table once per transaction in ``portal_data_change`` (:func:`install`, run after every
  ``migrate``). Nothing is locked: each transaction writes its own row.
- The version of some tables is the sum of the weights of their committed rows a statement sees.
  It only grows (compacting merges rows into one of the same weight), and every commit that changed
  one of the tables makes it grow. So two readings of the same version saw the same data, and a
  figure computed between them is the figure of that version; :func:`kept` stores it only then.
- A transaction that has itself written one of the tables sees data no one else does: it computes
  the figure afresh and keeps nothing.

The key also holds the database's identity (its OID and a random epoch written when the change
table is created), so installations sharing one cache, or a database restored in another's place,
never read each other's figures. On other databases (SQLite in development) every figure is
computed each time.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from .roles import role_of

T = TypeVar("T")
logger = logging.getLogger(__name__)

TIMEOUT = 24 * 60 * 60
COMPACT_AT = 200  # rows of one version reading above which the reader merges committed rows
_COMPACT_LOCK = 0x706F7274616C  # advisory lock key: one compacting transaction at a time
# The apps whose tables carry the trigger (the portal's own data): each calls watch() from its ready().
_watched_apps: dict[str, AppConfig] = {}

SCHEMA = """
CREATE TABLE IF NOT EXISTS portal_data_change (
    id bigserial PRIMARY KEY,
    table_name text NOT NULL,
    xid xid8,
    weight bigint NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS portal_data_change_once ON portal_data_change (table_name, xid);
CREATE TABLE IF NOT EXISTS portal_data_epoch (epoch text NOT NULL);
INSERT INTO portal_data_epoch (epoch)
    SELECT md5(random()::text || clock_timestamp()::text) WHERE NOT EXISTS (SELECT 1 FROM portal_data_epoch);
CREATE OR REPLACE FUNCTION portal_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO portal_data_change (table_name, xid) VALUES (TG_TABLE_NAME, pg_current_xact_id())
        ON CONFLICT (table_name, xid) DO NOTHING;
    RETURN NULL;
END
$$;
"""
TRIGGER = (
    "CREATE OR REPLACE TRIGGER portal_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION portal_data_changed()"
)
VERSION = """
SELECT (SELECT epoch FROM portal_data_epoch LIMIT 1),
       (SELECT oid FROM pg_database WHERE datname = current_database()),
       coalesce(sum(weight) FILTER (WHERE coalesce(xid <> pg_current_xact_id_if_assigned(), true)), 0),
       coalesce(bool_or(xid = pg_current_xact_id_if_assigned()), false),
       count(*)
FROM portal_data_change WHERE table_name = ANY(%s)
"""
COMPACT = """
WITH gone AS (
    DELETE FROM portal_data_change
    WHERE coalesce(xid <> pg_current_xact_id_if_assigned(), true)
    RETURNING table_name, weight
)
INSERT INTO portal_data_change (table_name, weight) SELECT table_name, sum(weight) FROM gone GROUP BY table_name
"""


def watch(app_config: AppConfig) -> None:
    """Put the data-version trigger on every table of the app (called from its ``AppConfig.ready()``)."""
    _watched_apps[app_config.label] = app_config
    watched_tables.cache_clear()
    _tables_of.cache_clear()


def enabled() -> bool:
    return connection.vendor == "postgresql"


@functools.cache
def watched_tables() -> tuple[str, ...]:
    """The tables of the portal's apps, their many-to-many tables included."""
    tables = set()
    for app_config in _watched_apps.values():
        for model in app_config.get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                tables.add(model._meta.db_table)
    return tuple(sorted(tables))


def install(using: str = "default") -> None:
    """Create the change table and the trigger on every watched table (idempotent; PostgreSQL only)."""
    from django.db import connections

    target = connections[using]
    if target.vendor != "postgresql":
        return
    existing = set(target.introspection.table_names())
    with target.cursor() as cursor:
        cursor.execute(SCHEMA)
        for table in watched_tables():
            if table in existing:
                cursor.execute(TRIGGER.format(table=target.ops.quote_name(table)))


def new_epoch(using: str = "default") -> None:
    """Start a new epoch: no figure kept before is read again — a restored database's old history, or what the
    code before an upgrade kept (every ``migrate`` starts one: a kept row's HTML is also the code that printed it)."""
    from django.db import connections

    target = connections[using]
    if target.vendor == "postgresql":
        with target.cursor() as cursor:
            cursor.execute("UPDATE portal_data_epoch SET epoch = md5(random()::text || clock_timestamp()::text)")


def tables_of(models: Iterable[type[Model]]) -> list[str]:
    """The tables ``models`` are stored in, with their many-to-many tables; each must be watched."""
    return list(_tables_of(tuple(models)))


@functools.cache
def _tables_of(models: tuple[type[Model], ...]) -> tuple[str, ...]:
    watched = set(watched_tables())
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        tables.update(f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many)
    unwatched = tables - watched
    if unwatched:
        raise ImproperlyConfigured(f"No data-version trigger on {', '.join(sorted(unwatched))}.")
    return tuple(sorted(tables))


def version(tables: list[str]) -> str | None:
    """The data version of ``tables`` as this statement sees it; None when this transaction wrote them."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION, [tables])
        epoch, oid, total, own_writes, rows = cursor.fetchone()
        if rows > COMPACT_AT:
            _compact(cursor)
    if own_writes or epoch is None:
        return None
    return f"{epoch}:{oid}:{total}"


def _compact(cursor) -> None:
    """Merge the committed change rows of each table into one row of the same weight (one compactor at a time)."""
    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_COMPACT_LOCK])
    if cursor.fetchone()[0]:
        cursor.execute(COMPACT)


@functools.cache
def models_of(labels: tuple[str, ...]) -> tuple[type[Model], ...]:
    """The models named: every model of an app («councils»), or one model («practice.PracticeBase»).

    The users table is left out: every login writes it, so a figure read per user holds the user's
    role and organization in its key instead.
    """
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for label in labels:
        if "." in label:
            found.append(apps.get_model(label))
        else:
            found += apps.get_app_config(label).get_models(include_auto_created=True)
    return tuple(m for m in found if m is not user_model and not m._meta.proxy and m._meta.managed)


def user_day_key(user) -> tuple:
    """The key part of a figure kept per user and day: who they are, what they may see, and today."""
    return (
        user.pk,
        role_of(user),
        user.organization_id,
        user.person_id,
        user.is_active,
        timezone.localdate().isoformat(),
    )


def kept(name: str, key: Iterable[object], *, reads: Iterable[type[Model]], compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``name``/``key`` until one of the tables of ``reads`` changes.

    ``key`` holds the arguments the figure depends on (plain values: primary keys, years);
    ``reads`` every model whose table the computation reads. A figure that reads no table depends on
    its key alone: it is kept without reading a version (one query fewer).
    """
    if not enabled():
        return compute()
    tables = tables_of(reads)
    before = version(tables) if tables else ""
    if before is None:
        return compute()
    digest = hashlib.sha1(repr((tuple(key), tables)).encode(), usedforsecurity=False).hexdigest()[:16]
    cache_key = f"dataversion:{name}:{digest}:{before}"
    try:
        found = cache.get(cache_key, _MISSING)
    except Exception:  # the cache server is away: the page still answers, computing the figure
        logger.warning("Cache unavailable: %s computed without it", name, exc_info=True)
        return compute()
    if found is not _MISSING:
        return found
    value = compute()
    if not tables or version(tables) == before:
        try:
            cache.set(cache_key, value, TIMEOUT)
        except Exception:
            logger.warning("Cache unavailable: %s not kept", name, exc_info=True)
    return value


_MISSING = object()
