"""Each stage of the import pipeline on its own: headers, cells, references, diff, the error workbook."""

import io

import pytest
from auditlog.diff import model_instance_diff
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from cluster_portal.core.imports import get_kind, history
from cluster_portal.core.imports.errorbook import error_workbook
from cluster_portal.core.imports.kinds import ImportContext
from cluster_portal.core.imports.rows import CHANGED, NEW, UNCHANGED, Row, RowError
from cluster_portal.core.imports.stages import (
    KEPT_READINGS,
    HeaderMap,
    diff,
    match_references,
    parse_cells,
    validate,
)
from cluster_portal.core.roles import Role
from cluster_portal.core.xlsx import read_sheet
from members.models import Organization
from members.tests.factories import OrganizationFactory


def test_headers_are_found_in_any_case_and_order_and_missing_ones_are_named():
    kind = get_kind("organizations")
    header = ["  краткое НАИМЕНОВАНИЕ ", "Вид", "Лишний столбец"]
    headers = HeaderMap(kind, header, user=None)
    found = {column.field: index for column, index in headers.columns}
    assert found == {"short_name": 0, "kind": 1}
    assert headers.missing == ["Полное наименование"]
    assert "«Полное наименование»" in headers.error().message


@pytest.mark.django_db
def test_a_column_the_users_identity_fills_may_be_left_out_but_not_contradicted(users):
    kind = get_kind("persons")
    college = users[Role.COLLEGE]
    headers = HeaderMap(kind, ["Фамилия", "Имя"], college)
    assert not headers.missing
    rows = parse_cells([(2, ("Петров", "Пётр"))], headers)
    assert rows[0].values["organization"] == "ОГБПОУ «ТЕСТ-1»"
    headers = HeaderMap(kind, ["Фамилия", "Имя", "Организация"], college)
    rows = parse_cells([(2, ("Петров", "Пётр", "ОГБПОУ «ТЕСТ-2»"))], headers)
    assert [str(e) for e in rows[0].errors] == [
        "Строка 2, «Организация» = «ОГБПОУ «ТЕСТ-2»»: можно загружать только данные «ОГБПОУ «ТЕСТ-1»»."
    ]


def test_parse_cells_names_every_unreadable_cell_of_a_row():
    kind = get_kind("organizations")
    headers = HeaderMap(kind, [c.header for c in kind.columns], user=None)
    values = ("Космодром", "", "ООО «А»", "", "", "", "", "", "", "12", "")
    row = parse_cells([(7, values)], headers)[0]
    assert [str(e) for e in row.errors] == [
        "Строка 7, «Вид» = «Космодром»: нет такого значения; допустимо: "
        + "; ".join(kind.bound_columns[0].cell.choices())
        + ".",
        "Строка 7, «Полное наименование»: не заполнено; ожидается текст, например "
        + kind.bound_columns[1].example
        + "."
        if kind.bound_columns[1].example
        else "Строка 7, «Полное наименование»: не заполнено; ожидается значение.",
        "Строка 7, «ИНН» = «12»: ИНН — 10 или 12 цифр.",
    ]


@pytest.mark.django_db
def test_references_and_existing_rows_are_matched_with_one_query_each(users):
    kind = get_kind("organizations")
    parent = OrganizationFactory(short_name="АО «Головное»")
    Organization.objects.create(short_name="ООО «Есть»", kind="employer", name="Есть", town="Томск")
    header = [c.header for c in kind.columns]
    batch = [
        (n, ("Работодатель (предприятие)", f"Имя {n}", f"ООО «Новое {n}»", 'ао "головное"', "", "", "", "", "", "", ""))
        for n in range(2, 60)
    ]
    batch.append((60, ("Работодатель (предприятие)", "Есть", "ооо «есть»", "", "Томск", "", "", "", "", "", "")))
    ctx = ImportContext(kind=kind, user=users[Role.COORDINATOR])
    headers = HeaderMap(kind, header, ctx.user)
    rows = parse_cells(batch, headers)
    with CaptureQueriesContext(connection) as queries:
        match_references(rows, kind, ctx, headers)
    assert len(queries.captured_queries) == 2  # the organizations once, the existing rows once
    assert all(row.refs["parent"] == parent for row in rows[:-1])
    validate(rows, kind, ctx, headers)
    diff(rows, kind)
    assert {row.status for row in rows[:-1]} == {NEW} and rows[-1].status == UNCHANGED
    # The existing row is read and compared as plain values: an unchanged row builds no model instance.
    assert rows[-1].old["town"] == "Томск" and rows[-1].before is None and rows[-1].instance is None
    rows[-1].attrs["town"] = "Северск"
    rows[-1].changes = {}
    validate(rows[-1:], kind, ctx, headers)
    diff(rows[-1:], kind)
    assert rows[-1].status == CHANGED and rows[-1].changes == {"town": ("Томск", "Северск")}
    assert (rows[-1].before.town, rows[-1].instance.town) == ("Томск", "Северск")
    assert rows[-1].instance.pk == rows[-1].before.pk == rows[-1].old["id"]


def test_the_error_workbook_marks_cells_of_several_columns_and_keeps_the_rest():
    book = Workbook()
    book.active.append(["Начало", "Окончание", "Примечание"])
    book.active.append(["01.06.2022", "01.05.2022", "своё"])
    source = io.BytesIO()
    book.save(source)
    source.seek(0)
    error = RowError(2, "Начало», «Окончание", "Практика заканчивается раньше, чем начинается.")
    sheet = load_workbook(io.BytesIO(error_workbook(source, [error], more=3))).active
    assert [c.value for c in sheet[1]] == ["Начало", "Окончание", "Примечание", "Ошибки"]
    assert sheet["A2"].comment.text == sheet["B2"].comment.text == "Практика заканчивается раньше, чем начинается."
    assert sheet["C2"].comment is None and sheet["C2"].value == "своё"
    assert sheet["D2"].value.startswith("«Начало», «Окончание»: Практика")
    assert "ещё 3" in sheet["D1"].comment.text


def test_a_column_of_values_that_do_not_repeat_is_remembered_for_its_first_values_only():
    """A value repeated down a column is read once per file; a column of unique values (names, record numbers)
    does not keep one reading per row alive until the file ends."""
    kind = get_kind("organizations")
    headers = HeaderMap(kind, [c.header for c in kind.columns], user=None)
    kind_field, name_field = kind.bound_columns[0].field, kind.bound_columns[1].field
    choice = kind.bound_columns[0].cell.choices()[0]
    count = KEPT_READINGS + 500
    batch = [(n, (choice, f"Организация № {n}") + ("",) * 9) for n in range(2, count + 2)]
    rows = parse_cells(batch[:1000], headers) + parse_cells(batch[1000:], headers)
    assert len(headers.readings[kind_field]) == 1
    assert len(headers.readings[name_field]) == KEPT_READINGS
    assert [row.values[name_field] for row in rows] == [f"Организация № {n}" for n in range(2, count + 2)]


def test_a_row_has_no_error_list_until_its_first_error():
    row = Row(number=2, cells={})
    assert row.ok and row.errors == () and row.error_list is None
    row.add_error(RowError(2, "Код", "не заполнено."))
    row.add_error(RowError(2, "Год", "не число.", "два"))
    assert not row.ok and [str(e) for e in row.errors] == [
        "Строка 2, «Код»: не заполнено.",
        "Строка 2, «Год» = «два»: не число.",
    ]


def test_a_new_rows_history_keeps_the_words_of_its_first_values_only(monkeypatch):
    """A new row's changes are auditlog's own for every row; a value's words are kept for the first values of
    a field only, so a field of values that never repeat keeps no entry per row until the file ends."""
    monkeypatch.setattr(history, "KEPT_VALUES", 3)
    tracked = history.Tracked.of(Organization)
    names = [f.name for f in Organization._meta.concrete_fields]
    for n in range(1, 8):
        organization = Organization(pk=n, kind="college", short_name=f"ПОО № {n}", name=f"ПОО № {n}")
        assert tracked.created(organization) == model_instance_diff(None, organization, fields_to_check=names)
    assert len(tracked.recorded_for_new["short_name"]) == 3 and len(tracked.recorded_for_new["kind"]) == 1
    assert "id" not in tracked.recorded_for_new  # the key is the row's own: never kept


@pytest.mark.parametrize("start", ["A1", "C3"])
def test_read_sheet_gives_the_rows_of_a_sheet_wherever_it_starts(start):
    book = Workbook()
    sheet = book.active
    column, row = ord(start[0]) - ord("A") + 1, int(start[1:])
    for offset, values in enumerate([("Вид", "ИНН"), ("Вуз", "7701234567"), (None, None), ("Школа", 12)]):
        for shift, value in enumerate(values):
            sheet.cell(row=row + offset, column=column + shift, value=value)
    content = io.BytesIO()
    book.save(content)
    header, rows = read_sheet(io.BytesIO(content.getvalue()))
    blank = [""] * (column - 1)
    if row == 1:
        assert header == [*blank, "Вид", "ИНН"]
        assert rows == [
            (2, (*[None] * (column - 1), "Вуз", "7701234567")),
            (4, (*[None] * (column - 1), "Школа", 12.0)),
        ]
    else:  # the header is not in the first row: the first row (empty) is the header, as before
        assert header == [""] * (column + 1)
        assert [number for number, _values in rows] == [row, row + 1, row + 3]
