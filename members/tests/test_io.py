"""Excel import of organizations and persons through the kernel: web and command line, all or nothing."""

import datetime as dt
import io
import zipfile

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from members.io import ORGANIZATION_COLUMNS, PERSON_COLUMNS
from members.models import Organization, OrganizationName, Person

HEADERS = [c.header for c in ORGANIZATION_COLUMNS]


def workbook(rows, headers=HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def org_row(short, kind="Работодатель (предприятие)", inn="", parent=""):
    return [kind, f"{short} полное", short, parent, "Томск", "", "", "", "", inn, ""]


def upload(client, url, content, name="file.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(url, {"file": file})


@pytest.mark.django_db
def test_a_file_with_bad_rows_saves_nothing_and_names_each_row(client_as):
    content = workbook(
        [
            org_row("ООО «Хорошее»"),
            org_row("ООО «Плохой ИНН»", inn="123"),
            org_row("ООО «Без вида»", kind="Космодром"),
            org_row("ООО «Филиал»", parent="ООО «Нет такой»"),
            org_row("ООО «Хорошее»"),
        ]
    )
    response = upload(client_as(Role.COORDINATOR), "/import/organizations/", content)
    body = response.content.decode()
    assert "Файл не принят, ничего не сохранено" in body
    assert "Строка 3, «ИНН» = «123»: ИНН — 10 или 12 цифр." in body
    assert "Строка 4, «Вид» = «Космодром»: нет такого значения; допустимо:" in body
    assert "Строка 5, «Головная организация» = «ООО «Нет такой»»: Головная организация не найдена в портале." in body
    assert "Строка 6: повторяет строку 2" in body
    assert not Organization.objects.filter(short_name="ООО «Хорошее»").exists()


@pytest.mark.django_db
def test_preview_then_confirm_saves_all_rows_and_reimport_updates(client_as):
    client = client_as(Role.COORDINATOR)
    content = workbook([org_row("ООО «Первое»"), org_row("ООО «Второе»")])
    response = upload(client, "/import/organizations/", content)
    assert response.context["result"].ok and response.context["result"].created == 2
    assert not Organization.objects.filter(short_name="ООО «Первое»").exists()  # only a preview so far
    response = client.post("/import/organizations/", {"confirm": response.context["token"]})
    assert response.status_code == 302
    assert Organization.objects.filter(short_name__in=["ООО «Первое»", "ООО «Второе»"]).count() == 2
    changed = workbook([org_row("ООО «Первое»", inn="7017000000")])
    response = upload(client, "/import/organizations/", changed)
    assert response.context["result"].updated == 1 and response.context["result"].created == 0
    client.post("/import/organizations/", {"confirm": response.context["token"]})
    assert Organization.objects.get(short_name="ООО «Первое»").inn == "7017000000"
    assert Organization.objects.filter(short_name="ООО «Первое»").count() == 1


@pytest.mark.django_db
def test_missing_columns_and_non_excel_files_are_refused(client_as):
    client = client_as(Role.COORDINATOR)
    response = upload(client, "/import/organizations/", workbook([["x"]], headers=["Что-то"]))
    assert "в файле нет столбцов: «Вид», «Полное наименование», «Краткое наименование»" in response.content.decode()
    response = upload(client, "/import/organizations/", b"%PDF-1.4 not excel", name="file.xlsx")
    assert "не является книгой Excel" in response.content.decode()


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_parsing(client_as):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (60 * 1024 * 1024))
    response = upload(client_as(Role.COORDINATOR), "/import/organizations/", buffer.getvalue())
    assert "недопустимо большой объём" in response.content.decode()


@pytest.mark.django_db
def test_a_college_imports_people_of_its_own_college_only(client_as, college_org, other_college_org):
    headers = [c.header for c in PERSON_COLUMNS]
    content = workbook(
        [
            ["Свой", "Иван", "", "Мастер", college_org.short_name, "", ""],
            ["Чужой", "Пётр", "", "Мастер", other_college_org.short_name, "", ""],
        ],
        headers=headers,
    )
    response = upload(client_as(Role.COLLEGE), "/import/persons/", content)
    assert "Строка 3, «Организация»" in response.content.decode()
    assert not Person.objects.filter(last_name__in=["Свой", "Чужой"]).exists()


@pytest.mark.django_db
def test_the_command_line_import_and_template(tmp_path):
    template = tmp_path / "template.xlsx"
    call_command("import_xlsx", "organizations", "--template", str(template), stdout=io.StringIO())
    sheets = load_workbook(template).sheetnames
    assert sheets == ["Данные", "Инструкция", "Списки"]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([org_row("ООО «А»"), org_row("ООО «Б»", inn="1")]))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="ничего не сохранено"):
        call_command("import_xlsx", "organizations", str(bad), stdout=io.StringIO(), stderr=errors)
    assert "Строка 3, «ИНН»" in errors.getvalue()
    assert not Organization.objects.filter(short_name="ООО «А»").exists()
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([org_row("ООО «А»")]))
    out = io.StringIO()
    call_command("import_xlsx", "organizations", str(good), "--dry-run", stdout=out)
    assert "без сохранения" in out.getvalue() and not Organization.objects.filter(short_name="ООО «А»").exists()
    call_command("import_xlsx", "organizations", str(good), stdout=io.StringIO())
    assert Organization.objects.filter(short_name="ООО «А»").exists()
    with pytest.raises(CommandError, match="Неизвестный вид данных"):
        call_command("import_xlsx", "nothing", str(good), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_renaming_by_import_keeps_the_former_name_as_the_form_does(tmp_path):
    first = tmp_path / "first.xlsx"
    first.write_bytes(workbook([org_row("ООО «А»")]))
    call_command("import_xlsx", "organizations", str(first), stdout=io.StringIO())
    renamed = org_row("ООО «А»")
    renamed[1] = "ООО «А» новое полное"
    second = tmp_path / "second.xlsx"
    second.write_bytes(workbook([renamed]))
    call_command("import_xlsx", "organizations", str(second), stdout=io.StringIO())
    organization = Organization.objects.get(short_name="ООО «А»")
    assert organization.name == "ООО «А» новое полное"
    former = OrganizationName.objects.get(organization=organization)
    assert (former.name, former.valid_until) == ("ООО «А» полное", timezone.localdate() - dt.timedelta(days=1))


@pytest.mark.django_db
def test_renamings_of_a_file_are_kept_in_bulk_with_their_history_and_a_second_one_that_day_is_refused(users):
    kind = get_kind("organizations")
    user = users[Role.COORDINATOR]
    names = [f"ООО «Р{n}»" for n in range(30)]
    assert run_import(kind, io.BytesIO(workbook([org_row(n) for n in names])), user=user, dry_run=False).saved
    renamed = [[*org_row(n)[:1], f"{n} переименованное", *org_row(n)[2:]] for n in names]
    ContentType.objects.get_for_model(OrganizationName)  # cached per process: not a per-row cost
    with CaptureQueriesContext(connection) as queries:
        result = run_import(kind, io.BytesIO(workbook(renamed)), user=user, dry_run=False)
    assert result.saved and result.updated == 30
    assert len(queries.captured_queries) < 20  # not a query per renaming
    former = OrganizationName.objects.filter(organization__short_name__in=names)
    assert sorted(former.values_list("name", flat=True)) == sorted(f"{n} полное" for n in names)
    entry = LogEntry.objects.get_for_object(former.get(organization__short_name="ООО «Р0»")).get()
    assert (entry.action, entry.actor, entry.cid) == (LogEntry.Action.CREATE, user, result.cid)
    assert entry.changes["name"] == ["None", "ООО «Р0» полное"]

    again = [[*org_row(names[0])[:1], "ещё раз", *org_row(names[0])[2:]]]
    result = run_import(kind, io.BytesIO(workbook(again)), user=user, dry_run=False)
    assert not result.saved
    assert "Строка 2: Наименование «ООО «Р0»» действовало по" in str(result.errors[0])
    assert Organization.objects.get(short_name="ООО «Р0»").name == "ООО «Р0» переименованное"
