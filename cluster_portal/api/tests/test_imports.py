"""Write endpoints: JSON rows through the Excel import's pipeline — the same row errors, all or nothing,
every saved row in its history."""

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.xlsx import workbook
from practice.models import Placement
from practice.tests.factories import PracticeBaseFactory, ProgramFactory, StudentFactory

pytestmark = pytest.mark.django_db

URL = "/api/imports/placements/"


@pytest.fixture
def placement_rows(college_org, employer_org):
    """1,000 placements of the college's students at the employer's practice base, as JSON objects."""
    PracticeBaseFactory(enterprise=employer_org)
    students = StudentFactory.create_batch(50, program=ProgramFactory(college=college_org))
    start = dt.date(2021, 1, 11)
    return [
        {
            "record_number": student.record_number,
            "enterprise": employer_org.short_name,
            "kind": "Производственная",
            "date_start": (start + dt.timedelta(days=n)).isoformat(),
            "date_end": (start + dt.timedelta(days=n + 20)).isoformat(),
            "mentoring_format": "Индивидуальный наставник",
            "mentor_names": "Иванов И. И.",
            "real_assignment": True,
        }
        for student in students
        for n in range(20)
    ]


def cell_of(value):
    """A date as a date cell, anything else (a text that is no date, too) as typed."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def excel_of(rows) -> io.BytesIO:
    """The same rows as a workbook of the template's headers, as a college fills it in."""
    columns = {c.field: c.header for c in get_kind("placements").bound_columns}
    fields = list(rows[0])
    return workbook([columns[f] for f in fields], ([cell_of(row[f]) for f in fields] for row in rows))


def test_a_bad_row_refuses_all_1000_with_the_excel_imports_messages(
    users, make_token, token_client, placement_rows, employer_org
):
    rows = [dict(row) for row in placement_rows]
    rows[499].update(enterprise="ООО «Нет такого»", kind="Ознакомительная")
    rows[776]["date_end"] = "31.02.2021"
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(
        URL, {"rows": rows}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert (body["saved"], body["rows"], body["error_count"]) == (False, 1000, 3)
    assert not Placement.objects.exists()

    excel = run_import(get_kind("placements"), excel_of(rows), user=users[Role.COLLEGE], dry_run=False)
    assert not excel.saved and not Placement.objects.exists()
    # The sheet's rows start at 2 (under the header); the request's at 1: the same rows, the same messages.
    assert [(e["row"] + 1, e["column"], e["value"], e["message"]) for e in body["errors"]] == [
        (e.row, e.column, e.value, e.message) for e in excel.errors
    ]
    assert {e["row"] for e in body["errors"]} == {500, 777}
    assert {e["field"] for e in body["errors"]} == {"enterprise", "kind", "date_end"}


def test_a_good_batch_of_1000_lands_whole_with_its_history(make_token, token_client, placement_rows):
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(
        URL, {"rows": placement_rows}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()["errors"][:3]
    body = response.json()
    assert (body["saved"], body["created"], body["error_count"], body["errors"]) == (True, 1000, 0, [])
    assert Placement.objects.count() == 1000
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Placement))
    assert entries.count() == 1000
    assert entries.first().additional_data["import"]["file"] == "API, токен «Тест»"
    # The same rows again update nothing: the natural key finds them.
    again = token_client(make_token(Role.COLLEGE, scope="write")).post(
        URL, {"rows": placement_rows[:10]}, content_type="application/json"
    )
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 10)


def test_dry_run_checks_and_saves_nothing(make_token, token_client, placement_rows):
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(
        URL, {"rows": placement_rows[:5], "dry_run": True}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["saved"], response.json()["created"]) == (False, 5)
    assert not Placement.objects.exists()


def test_a_read_scoped_token_cannot_write(make_token, token_client, placement_rows):
    response = token_client(make_token(Role.COLLEGE, scope="read")).post(
        URL, {"rows": placement_rows[:5]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "только для чтения" in response.json()["detail"]
    assert not Placement.objects.exists()


def test_a_role_that_does_not_add_the_kind_is_refused(make_token, token_client, placement_rows):
    response = token_client(make_token(Role.EMPLOYER, scope="write")).post(
        URL, {"rows": placement_rows[:5]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Placement.objects.exists()


def test_another_colleges_rows_are_refused_at_the_college_column(make_token, token_client, placement_rows):
    rows = [{**placement_rows[0], "college": "ОГБПОУ «ТЕСТ-2»"}]
    body = (
        token_client(make_token(Role.COLLEGE, scope="write"))
        .post(URL, {"rows": rows}, content_type="application/json")
        .json()
    )
    assert body["errors"] == [
        {
            "row": 1,
            "column": "ПОО",
            "field": "college",
            "value": "ОГБПОУ «ТЕСТ-2»",
            "message": "можно загружать только данные «ОГБПОУ «ТЕСТ-1»».",
        }
    ]
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"rows": "x"}, 'ожидается объект {"rows": [...]}'),
        ({"rows": []}, "список rows пуст"),
        ([1, 2], 'ожидается объект {"rows": [...]}'),
        ({"rows": [{"record_number": "1"}], "dry_run": "да"}, "dry_run: ожидается true или false"),
        ({"rows": [5]}, "ожидается объект JSON"),
        ({"rows": [{"nickname": "x"}]}, "нет такого поля; ожидается одно из: college, record_number"),
        ({"rows": [{"record_number": {"a": 1}}]}, "ожидается строка, число, true/false или null"),
    ],
)
def test_malformed_requests_are_answered_in_the_same_shape(make_token, token_client, payload, message):
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(URL, payload, content_type="application/json")
    assert response.status_code == 400
    assert message in response.json()["errors"][0]["message"]


def test_a_body_that_is_not_json_is_answered_in_the_same_shape(make_token, token_client):
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(
        URL, b"\xe4r\x00{", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "тело запроса не читается как JSON в UTF-8."


def test_too_many_rows_in_one_request(make_token, token_client, settings):
    settings.PORTAL_API_IMPORT_MAX_ROWS = 2
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(
        URL, {"rows": [{}, {}, {}]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "слишком много строк: 3, за один запрос — не более 2."


def test_every_import_kind_has_an_endpoint_in_the_schema(client):
    from cluster_portal.core.imports import all_kinds

    paths = client.get("/api/schema/?format=json").json()["paths"]
    for kind in all_kinds():
        assert "post" in paths[f"/api/imports/{kind.key}/"], kind.key


def test_a_kind_saved_row_by_row_names_the_tokens_user_in_the_history(users, make_token, token_client, college_org):
    """Kinds saved through a service (auditlog's signals) name the token's user too, not an anonymous request."""
    from programs.models import AdmissionTarget

    program = ProgramFactory(college=college_org)
    rows = [{"specialty": program.specialty.code, "year": 2027, "proposed": 25}]
    response = token_client(make_token(Role.COLLEGE, scope="write")).post(
        "/api/imports/admission-targets/", {"rows": rows}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()["errors"]
    target = AdmissionTarget.objects.get()
    entry = LogEntry.objects.get_for_object(target).get()
    assert entry.actor == users[Role.COLLEGE]
    assert entry.additional_data["import"]["file"] == "API, токен «Тест»"
