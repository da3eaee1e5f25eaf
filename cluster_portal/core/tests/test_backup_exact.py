"""A backup of the demo data, restored into a new empty PostgreSQL database, gives every row back exactly.

The restore runs as an operator would run it: ``migrate`` and ``restore_portal`` in another
process, against a database created for the test. Every table the backup carries is compared row
by row, timestamps to the microsecond included; references to content types and permissions are
compared by their natural keys, since a new installation numbers those rows itself.
"""

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from cluster_portal.core import exact_json
from cluster_portal.core.backup import EXCLUDED
from members.models import Organization

ROOT = Path(__file__).resolve().parents[3]
NATURAL = {
    "django_content_type": "SELECT app_label || '.' || model FROM django_content_type WHERE id = {column}",
    "auth_permission": (
        "SELECT ct.app_label || '.' || p.codename FROM auth_permission p "
        "JOIN django_content_type ct ON ct.id = p.content_type_id WHERE p.id = {column}"
    ),
}

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="нужен PostgreSQL"
)


def test_the_exact_format_keeps_microseconds_where_django_json_keeps_milliseconds():
    moment = dt.datetime(2026, 12, 5, 23, 59, 58, 123456, tzinfo=dt.UTC)
    assert json.dumps(moment, cls=exact_json.ExactJSONEncoder) == '"2026-12-05T23:59:58.123456+00:00"'
    assert json.dumps(dt.time(9, 30, 0, 654321), cls=exact_json.ExactJSONEncoder) == '"09:30:00.654321"'


def carried_tables() -> dict[str, bool]:
    """The tables of the models the backup carries → whether the table links two rows (many-to-many).

    A many-to-many link is serialized as the list on its row, not as a row of its own: its
    surrogate id is not part of the data and is not compared; the pairs are.
    """
    excluded = set(EXCLUDED)
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in excluded or meta.label_lower in excluded:
            continue
        tables[meta.db_table] = bool(meta.auto_created)
    return dict(sorted(tables.items()))


def natural_columns(cursor) -> dict[str, dict[str, str]]:
    """Table → {column → the SQL giving the natural key it refers to} for content types and permissions."""
    cursor.execute(
        """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
           WHERE c.contype = 'f' AND c.confrelid::regclass::text IN ('django_content_type', 'auth_permission')"""
    )
    found: dict[str, dict[str, str]] = {}
    for table, column, target in cursor.fetchall():
        found.setdefault(table.strip('"'), {})[column] = NATURAL[target]
    return found


def rows_of(cursor, table: str, naturals: dict[str, str], *, link: bool) -> list[str]:
    """Every row of ``table`` as JSON text (microseconds kept), sorted; natural keys for content types."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s "
        "ORDER BY ordinal_position",
        [table],
    )
    columns = [name for (name,) in cursor.fetchall() if not (link and name == "id")]
    selected = ", ".join(
        f"({naturals[name].format(column=f't.{name}')}) AS {name}" if name in naturals else f"t.{name}"
        for name in columns
    )
    cursor.execute(f"SELECT row_to_json(r)::text FROM (SELECT {selected} FROM {table} t) r")  # nosec B608 - catalog names
    return sorted(text for (text,) in cursor.fetchall())


def snapshot(cursor, tables) -> dict[str, list[str]]:
    naturals = natural_columns(cursor)
    return {table: rows_of(cursor, table, naturals.get(table, {}), link=link) for table, link in tables.items()}


@pytest.fixture
def empty_database(transactional_db):
    """A new database on the same server, dropped afterwards; its settings as a DATABASE_URL."""
    default = settings.DATABASES["default"]
    name = f"{default['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = default["USER"] + (f":{default['PASSWORD']}" if default.get("PASSWORD") else "")
    yield f"postgres://{auth}@{default['HOST'] or '127.0.0.1'}:{default['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url: str, media: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media), "DEBUG": "true"}
    env.setdefault("SECRET_KEY", "backup-test")
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_demo_data_restored_into_an_empty_database_is_equal_row_for_row(empty_database, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("seed_demo", force=True, stdout=io.StringIO())
    # Two changes within one millisecond: their order is kept only by the microseconds.
    first, second = Organization.objects.order_by("pk")[:2]
    Organization.objects.filter(pk=first.pk).update(updated_at=dt.datetime(2026, 12, 1, 10, 0, 0, 100, tzinfo=dt.UTC))
    Organization.objects.filter(pk=second.pk).update(updated_at=dt.datetime(2026, 12, 1, 10, 0, 0, 900, tzinfo=dt.UTC))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_portal", str(archive), stdout=io.StringIO())

    url = empty_database
    media = tmp_path / "restored-media"
    manage("migrate", "-v0", database_url=url, media=media)
    manage("restore_portal", str(archive), database_url=url, media=media)

    tables = carried_tables()
    with connection.cursor() as cursor:
        original = snapshot(cursor, tables)
    restored_connection = psycopg2.connect(url)
    try:
        with restored_connection.cursor() as cursor:
            restored = snapshot(cursor, tables)
    finally:
        restored_connection.close()
    assert sum(len(rows) for rows in original.values()) > 1000
    differing = {
        table: (
            len(original[table]),
            len(restored[table]),
            sorted(set(original[table]) - set(restored[table]))[:1],
            sorted(set(restored[table]) - set(original[table]))[:1],
        )
        for table in tables
        if original[table] != restored[table]
    }
    assert differing == {}, "\n".join(f"{t}: {v}" for t, v in differing.items())
    row = next(r for r in restored["members_organization"] if json.loads(r)["id"] == first.pk)
    assert json.loads(row)["updated_at"].startswith("2026-12-01T10:00:00.0001")
