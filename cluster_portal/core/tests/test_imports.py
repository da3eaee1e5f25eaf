"""The kernel's import pipeline: bulk matching and saving, history in bulk, the database as the backstop."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.imports import get_kind, import_file, integrity_message, run_import
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.xlsx import workbook
from members.io import OrganizationImport
from members.models import Organization, Person
from members.tests.factories import OrganizationFactory


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
    result = run_import(
        kind, workbook(kind.columns, [org_row(1), org_row(2)]), user=user, dry_run=False, remote_addr="10.1.2.3"
    )
    assert result.saved and result.created == 2
    first = Organization.objects.get(short_name="ООО «Импорт 1»")
    created = LogEntry.objects.get_for_object(first).get()
    assert created.action == LogEntry.Action.CREATE
    assert (created.actor, created.remote_addr, created.object_repr) == (user, "10.1.2.3", "ООО «Импорт 1»")
    assert created.changes["short_name"] == ["None", "ООО «Импорт 1»"]

    assert created.cid == result.cid and created.additional_data["import"]["rows"] == 2

    # A re-import: the changed row gets an update entry with its diff; the unchanged one is left alone.
    result = run_import(
        kind, workbook(kind.columns, [org_row(1, town="Северск"), org_row(2)]), user=user, dry_run=False
    )
    assert result.saved and (result.created, result.updated, result.unchanged) == (0, 1, 1)
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
    assert [str(e) for e in result.errors] == [
        "Строка 3, «Краткое наименование»: Организация с таким кратким наименованием уже есть."
    ]
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
    assert integrity_message(Organization, caught.value) == (
        "Организация с таким кратким наименованием уже есть.",
        ["short_name"],
    )


@pytest.mark.django_db
def test_check_constraints_are_the_databases_even_in_a_dry_run(users):
    """A check constraint is not re-evaluated in Python: the dry run saves and rolls back, so it is caught too."""
    kind = get_kind("expert-certificates")
    from expertise.tests.factories import ExpertFactory

    expert = ExpertFactory()
    rows = [(expert.user.username, "Право оценки ДЭ", "", "1", "", dt.date(2022, 5, 1), dt.date(2021, 5, 1))]
    for dry_run in (True, False):
        result = run_import(kind, workbook(kind.columns, rows), user=users[Role.COORDINATOR], dry_run=dry_run)
        assert [str(e) for e in result.errors] == [
            "Строка 2, «Дата выдачи», «Действует до»: Срок действия заканчивается раньше даты выдачи."
        ]
        assert not expert.certificates.exists()


@pytest.mark.django_db
def test_reference_errors_are_reported_on_every_row(users):
    kind = get_kind("persons")
    rows = [person_row(1, "ООО «Нет такого»"), person_row(2, "ООО «Нет такого»"), person_row(3)]
    result = run_import(kind, workbook(kind.columns, rows), user=users[Role.COORDINATOR], dry_run=True)
    messages = [str(e) for e in result.errors]
    assert messages == [
        "Строка 2, «Организация» = «ООО «Нет такого»»: Организация не найдена в портале.",
        "Строка 3, «Организация» = «ООО «Нет такого»»: Организация не найдена в портале.",
    ]
    assert not Person.objects.filter(last_name__startswith="Фамилия").exists()


@pytest.mark.django_db
def test_a_yes_no_cell_it_cannot_read_refuses_the_file_naming_the_value(users):
    kind = get_kind("specialties")
    from members.tests.factories import EnlargedGroupFactory

    EnlargedGroupFactory(code="15.00.00")
    rows = [
        ("15.02.32", "Оператор", "специалисты среднего звена (ппссз)", "15.00.00", "да", "нет", "нет"),
        ("15.02.33", "Мехатроника", "Специалисты среднего звена (ППССЗ)", "15.00.00", "возможно", "нет", "нет"),
    ]
    result = run_import(kind, workbook(kind.columns, rows), user=users[Role.COORDINATOR], dry_run=False)
    assert [str(e) for e in result.errors] == [
        "Строка 3, «ТОП-50» = «возможно»: ожидается «да» или «нет» (допустимо также 1/0, +/−, true/false)."
    ]
    assert not result.saved and not kind.model.objects.filter(code__in=["15.02.32", "15.02.33"]).exists()


@pytest.mark.django_db
def test_unchanged_rows_are_not_written_again(users):
    kind = get_kind("organizations")
    user = users[Role.COORDINATOR]
    rows = [org_row(n) for n in range(30)]
    assert run_import(kind, workbook(kind.columns, rows), user=user, dry_run=False).created == 30
    with CaptureQueriesContext(connection) as ctx:
        result = run_import(kind, workbook(kind.columns, rows), user=user, dry_run=False)
    assert result.saved and (result.created, result.updated, result.unchanged) == (0, 0, 30)
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert writes == []


@pytest.mark.django_db
def test_entry_point_takes_plain_values_and_reports_progress(users, tmp_path):
    kind = get_kind("organizations")
    path = tmp_path / "Организации.xlsx"
    path.write_bytes(workbook(kind.columns, [org_row(n) for n in range(5)]).getvalue())
    seen = []
    result = import_file(
        kind="organizations",
        user_id=users[Role.COORDINATOR].pk,
        source=str(path),
        filename="Организации.xlsx",
        dry_run=True,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.ok and result.created == 5 and seen == [(5, 5)] and result.filename == "Организации.xlsx"
    assert not Organization.objects.filter(short_name__startswith="ООО «Импорт").exists()
    again = import_file(kind="organizations", user_id=None, source=path.read_bytes(), filename="x.xlsx", dry_run=False)
    assert again.saved and Organization.objects.filter(short_name__startswith="ООО «Импорт").count() == 5
    assert type(result).from_dict(result.as_dict()) == result
