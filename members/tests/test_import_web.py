"""The Excel round trip on the web: the template, the error workbook, and the list after an import."""

import io
from urllib.parse import unquote

import pytest
from openpyxl import Workbook, load_workbook

from cluster_portal.core.roles import Role
from members.io import ORGANIZATION_COLUMNS
from members.models import Organization

HEADERS = [c.header for c in ORGANIZATION_COLUMNS]


def workbook(rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "Мои организации.xlsx"
    return buffer


def org_row(short, kind="Работодатель (предприятие)", inn=""):
    return [kind, f"{short} полное", short, "", "Томск", "", "", "", "", inn, ""]


@pytest.mark.django_db
def test_the_template_keeps_codes_as_text_offers_lists_and_has_a_russian_name(client_as):
    response = client_as(Role.COORDINATOR).get("/import/organizations/template/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == "Шаблон — организации.xlsx"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Данные", "Инструкция", "Списки"] and book["Списки"].sheet_state == "hidden"
    data = book["Данные"]
    headers = [c.value for c in data[1]]
    inn = headers.index("ИНН") + 1
    assert data.column_dimensions[chr(64 + inn)].number_format == "@" and data.max_row == 1
    lists = {str(v.sqref).split(":")[0]: v for v in data.data_validations.dataValidation}
    kind_list = lists[f"{chr(64 + headers.index('Вид') + 1)}2"]
    assert kind_list.type == "list" and "Списки" in kind_list.formula1
    assert "Работодатель (предприятие)" in [c.value for c in book["Списки"]["A"]]
    rules = {row[0].value: row for row in book["Инструкция"].iter_rows() if row[0].value in headers}
    assert rules["ИНН"][3].value == "7017000000" and "текст" in rules["ИНН"][2].value


@pytest.mark.django_db
def test_a_college_template_leaves_out_its_own_organization(client_as):
    response = client_as(Role.COLLEGE).get("/import/persons/template/")
    headers = [c.value for c in load_workbook(io.BytesIO(response.content))["Данные"][1]]
    assert "Организация" not in headers and "Фамилия" in headers


@pytest.mark.django_db
def test_a_refused_file_comes_back_with_its_bad_cells_marked(client_as):
    client = client_as(Role.COORDINATOR)
    rows = [org_row("ООО «Хорошее»"), org_row("ООО «Плохое»", kind="Космодром", inn="123")]
    page = client.post("/import/organizations/", {"file": workbook(rows)})
    assert "Файл «Мои организации.xlsx»" in page.content.decode()
    response = client.get(page.context["errors_url"])
    disposition = unquote(response["Content-Disposition"])
    assert disposition.endswith("Мои организации — ошибки.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert headers[-1] == "Ошибки"
    kind, inn = sheet.cell(row=3, column=1), sheet.cell(row=3, column=headers.index("ИНН") + 1)
    assert kind.fill.fgColor.rgb.endswith("FFC7CE") and "нет такого значения" in kind.comment.text
    assert inn.fill.fgColor.rgb.endswith("FFC7CE") and "ИНН — 10 или 12 цифр." in inn.comment.text
    assert "«Вид»" in sheet.cell(row=3, column=len(headers)).value
    assert sheet.cell(row=2, column=1).comment is None and sheet.cell(row=2, column=len(headers)).value is None
    # Another session cannot fetch it.
    client_as(Role.SECRETARY)
    assert client.get(page.context["errors_url"]).status_code in (403, 404)


@pytest.mark.django_db
def test_after_the_import_the_list_shows_the_rows_it_added_or_changed(client_as):
    Organization.objects.create(kind="employer", short_name="ООО «Старое»", name="ООО «Старое» полное", town="Томск")
    Organization.objects.create(kind="employer", short_name="ООО «Другое»", name="Другое")
    client = client_as(Role.COORDINATOR)
    rows = [org_row("ООО «Новое»"), org_row("ООО «Старое»", inn="7017000000")]
    page = client.post("/import/organizations/", {"file": workbook(rows)})
    preview = page.content.decode()
    assert "новая" in preview and "изменение" in preview and "7017000000" in preview
    response = client.post("/import/organizations/", {"confirm": page.context["token"]})
    assert response.status_code == 302 and "?import=import-" in response["Location"]
    listing = client.get(response["Location"]).content.decode()
    assert "ООО «Новое»" in listing and "ООО «Старое»" in listing and "ООО «Другое»" not in listing
    assert "загрузка файла «Мои организации.xlsx» (строк в файле: 2)" in listing


@pytest.mark.django_db
def test_the_history_of_an_imported_row_says_which_file_and_who(client_as, users):
    client = client_as(Role.COORDINATOR)
    page = client.post("/import/organizations/", {"file": workbook([org_row("ООО «Из файла»")])})
    client.post("/import/organizations/", {"confirm": page.context["token"]})
    organization = Organization.objects.get(short_name="ООО «Из файла»")
    detail = client.get(organization.get_absolute_url()).content.decode()
    assert "Загрузка из Excel: файл «Мои организации.xlsx», строк в файле: 1" in detail
    assert "(t-coordinator)" in detail
