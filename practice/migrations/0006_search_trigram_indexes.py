"""Trigram indexes for the search box of the large practice tables (PostgreSQL only).

Django's ``icontains`` is ``UPPER(col::text) LIKE UPPER('%…%')``; a GIN index on that expression
with ``gin_trgm_ops`` finds the rows without reading the table (see ``core/search.py``). The
indexes are not in the models' state: other databases have no such index and Django never needs
to know of it. Where the database user may not create the ``pg_trgm`` extension (PostgreSQL 13+
lets a database owner do it), the migration says so and goes on without the indexes: searching
stays correct, only slower (docs/deployment.md).
"""

import sys

from django.db import DatabaseError, migrations, transaction

SEARCHED = {
    "practice_student": ("record_number", "full_name", "group_name"),
    "practice_placement": ("mentor_names",),
    "practice_employmentoutcome": ("employer_name", "position"),
}


def _index(table: str, column: str) -> str:
    return f"{table.removeprefix('practice_')}_{column}_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        sys.stderr.write(f"Расширение pg_trgm не установлено ({exc}): поиск по студентам и практикам будет медленнее.\n")
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{_index(table, column)}" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{_index(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0005_placement_job_offers_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
