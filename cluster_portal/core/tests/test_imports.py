"""The kernel's import runner: per-file lookups, bulk history, uniqueness backstop, row constraints."""

import datetime as dt
import io

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from cluster_portal.core.imports import ImportKind, get_kind, integrity_message, run_import
from cluster_portal.core.io_fields import validate_row_constraints
from cluster_portal.core.roles import Role
from members.io import OrganizationImport
from members.models import Membership, Organization, Person
from members.tests.factories import ClusterFactory, OrganizationFactory


def workbook(columns, rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in columns])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def org_row(n, town="Томск", kind="Работодатель (предприятие)"):
    return (kind, f"ООО «Импорт {n}» полное", f"ООО «Импорт {n}»", "", town, "", "", "", "", "", "")


def person_row(n, organization="ООО «Тестовый завод»"):
    return (f"Фамилия{n}", "Иван", "", "Мастер", organization, "", "")


def queries_of_import(kind, rows, user, *, dry_run):
    with CaptureQueriesContext(connection) as ctx:
        result = run_import(kind, workbook(kind.columns, rows), user=user, dry_run=dry_run)
    assert result.ok, [str(e) for e in result.errors]
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_queries_do_not_grow_with_rows(users, dry_run):
    """Reference lookups are memoized per file, uniqueness is not queried per row, rows are saved in batches."""
    kind = get_kind("persons")
    user = users[Role.COORDINATOR]
    ContentType.objects.get_for_model(Person)  # cached per process: not a per-row cost
    few = queries_of_import(kind, [person_row(n) for n in range(3)], user, dry_run=dry_run)
    many = queries_of_import(kind, [person_row(n) for n in range(100, 140)], user, dry_run=dry_run)
    assert many == few


@pytest.mark.django_db
def test_history_written_in_bulk_names_actor_and_changes(users):
    kind = get_kind("organizations")
    user = users[Role.COORDINATOR]
    with set_actor(user, remote_addr="10.1.2.3"):
        result = run_import(kind, workbook(kind.columns, [org_row(1), org_row(2)]), user=user, dry_run=False)
    assert result.saved and result.created == 2
    first = Organization.objects.get(short_name="ООО «Импорт 1»")
    created = LogEntry.objects.get_for_object(first).get()
    assert created.action == LogEntry.Action.CREATE
    assert (created.actor, created.remote_addr, created.object_repr) == (user, "10.1.2.3", "ООО «Импорт 1»")
    assert created.changes["short_name"] == ["None", "ООО «Импорт 1»"]

    # A re-import: the changed row gets an update entry with its diff; the unchanged one is left alone.
    result = run_import(
        kind, workbook(kind.columns, [org_row(1, town="Северск"), org_row(2)]), user=user, dry_run=False
    )
    assert result.saved and (result.created, result.updated) == (0, 2)
    updated = LogEntry.objects.get_for_object(first).filter(action=LogEntry.Action.UPDATE).get()
    assert updated.actor == user and updated.changes == {"town": ["Томск", "Северск"]}
    second = Organization.objects.get(short_name="ООО «Импорт 2»")
    assert LogEntry.objects.get_for_object(second).count() == 1
    assert Organization.objects.get(pk=first.pk).town == "Северск"


@pytest.mark.django_db
def test_command_line_import_records_no_actor_but_every_row():
    from cluster_portal.core.system_user import SYSTEM_USER

    kind = get_kind("organizations")
    result = run_import(kind, workbook(kind.columns, [org_row(n) for n in range(5)]), user=SYSTEM_USER, dry_run=False)
    assert result.saved
    entries = LogEntry.objects.get_for_model(Organization).filter(action=LogEntry.Action.CREATE)
    assert entries.count() == 5 and not entries.filter(actor__isnull=False).exists()


class KeylessOrganizationImport(OrganizationImport):
    """Without a natural key every row is new: uniqueness is left to the database."""

    key = "test-keyless-organizations"
    natural_key = ()


@pytest.mark.django_db
def test_unique_constraint_is_the_backstop_with_its_message(users):
    OrganizationFactory(short_name="ООО «Импорт 2»")
    kind = KeylessOrganizationImport()
    rows = [org_row(n) for n in range(1, 2500)]
    result = run_import(kind, workbook(kind.columns, rows), user=users[Role.COORDINATOR], dry_run=False)
    assert not result.saved
    assert [str(e) for e in result.errors] == ["Строка 3: Организация с таким кратким наименованием уже есть."]
    assert (
        not Organization.objects.filter(short_name__startswith="ООО «Импорт")
        .exclude(short_name="ООО «Импорт 2»")
        .exists()
    )
    assert LogEntry.objects.filter(object_repr__startswith="ООО «Импорт").count() == 1  # the factory's row


@pytest.mark.django_db
def test_integrity_message_names_the_constraint():
    OrganizationFactory(short_name="ООО «Дубль»")
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Organization.objects.create(kind="employer", short_name="ООО «Дубль»", name="другое")
    assert integrity_message(Organization, caught.value) == "Организация с таким кратким наименованием уже есть."


@pytest.mark.django_db
def test_row_constraints_are_checked_in_python_like_the_database():
    cluster = ClusterFactory()
    organization = OrganizationFactory()
    row = Membership(cluster=cluster, organization=organization, role="employer")
    cases = [
        (dt.date(2022, 1, 1), dt.date(2021, 1, 1), False),
        (dt.date(2021, 1, 1), dt.date(2022, 1, 1), True),
        (None, dt.date(2021, 1, 1), True),
        (dt.date(2021, 1, 1), None, True),
    ]
    for date_from, date_to, valid in cases:
        row.date_from, row.date_to = date_from, date_to
        with CaptureQueriesContext(connection) as ctx:
            try:
                validate_row_constraints(row)
                python_valid = True
            except Exception as exc:
                assert "Дата окончания участия раньше даты начала." in str(exc)
                python_valid = False
        assert python_valid is valid and not ctx.captured_queries
        try:
            row.validate_constraints(exclude={"cluster", "organization"})  # Django asks the database
            database_valid = True
        except Exception:
            database_valid = False
        assert database_valid is valid
    # A field that failed validation (excluded) skips the constraints that read it, as in Django.
    row.date_from, row.date_to = dt.date(2022, 1, 1), dt.date(2021, 1, 1)
    validate_row_constraints(row, exclude={"date_to"})


@pytest.mark.django_db
def test_reference_errors_are_reported_on_every_row(users):
    kind = get_kind("persons")
    rows = [person_row(1, "ООО «Нет такого»"), person_row(2, "ООО «Нет такого»"), person_row(3)]
    result = run_import(kind, workbook(kind.columns, rows), user=users[Role.COORDINATOR], dry_run=True)
    messages = [str(e) for e in result.errors]
    assert messages == [
        "Строка 2, «Организация»: Организация «ООО «Нет такого»» не найдена в портале.",
        "Строка 3, «Организация»: Организация «ООО «Нет такого»» не найдена в портале.",
    ]
    assert not Person.objects.filter(last_name__startswith="Фамилия").exists()


class NoteKind(ImportKind):
    """A kind whose cache adds a lookup of its own."""


@pytest.mark.django_db
def test_cache_loads_once_per_file(users):
    cache = NoteKind().make_cache(users[Role.COORDINATOR])
    calls = []
    assert cache.once("x", lambda: calls.append(1) or 42) == 42
    assert cache.once("x", lambda: calls.append(1) or 43) == 42
    assert calls == [1]
