"""Excel import of students, placements and outcomes: row errors, all or nothing, re-import, scoping."""

import datetime as dt
from decimal import Decimal

import pytest

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.xlsx import workbook
from practice.io import OUTCOME_COLUMNS, PLACEMENT_COLUMNS, STUDENT_COLUMNS
from practice.models import EmploymentOutcome, Placement, Student
from practice.selectors import ChecklistFigures, program_checklist_figures


def outcome_row(number, status="Трудоустроен по специальности", date=dt.date(2022, 9, 1), college="ОГБПОУ «ТЕСТ-1»"):
    return (college, number, 2022, status, date, "ООО «Тестовый завод»", "оператор", "")


@pytest.mark.django_db
def test_students_import_scoped_to_own_college_and_reimport_updates(small_world, users):
    kind = get_kind("students")
    college = users[Role.COLLEGE]
    rows = [
        ("ОГБПОУ «ТЕСТ-1»", "N-1", "Новиков Н.", "15.02.32", "", "531", 2021, 2025),
        ("ОГБПОУ «ТЕСТ-2»", "N-2", "", "13.02.11", "", "531", 2021, 2025),
        ("ОГБПОУ «ТЕСТ-1»", "N-3", "", "15.02.32", "", "531", 2021, 2020),
        ("ОГБПОУ «ТЕСТ-1»", "N-4", "", "99.99.99", "", "531", 2021, 2025),
    ]
    result = run_import(kind, workbook(STUDENT_COLUMNS, rows), user=college, dry_run=False)
    messages = [str(e) for e in result.errors]
    assert messages == [
        "Строка 3, «ПОО» = «ОГБПОУ «ТЕСТ-2»»: можно загружать только данные «ОГБПОУ «ТЕСТ-1»».",
        # A check constraint: the database's, reached by the dry run as by the save.
        "Строка 4, «Год поступления», «Год выпуска»: Год выпуска раньше года поступления.",
        "Строка 5, «Код специальности» = «99.99.99»: у этой ПОО нет программы по специальности с таким кодом.",
    ]
    assert not result.saved and not Student.objects.filter(record_number__startswith="N-").exists()
    result = run_import(kind, workbook(STUDENT_COLUMNS, rows[:1]), user=college, dry_run=False)
    assert result.saved and (result.created, result.updated) == (1, 0)
    fixed = [("ОГБПОУ «ТЕСТ-1»", "N-1", "Новиков Н.", "15.02.32", "Очная", "532", 2021, 2025)]
    result = run_import(kind, workbook(STUDENT_COLUMNS, fixed), user=college, dry_run=False)
    assert (result.created, result.updated) == (0, 1), result
    assert Student.objects.get(record_number="N-1").group_name == "532"
    # The preview names what a changed row replaces: the old values were read as plain values.
    assert [(c.text, c.old) for c in result.preview[0].cells if c.old is not None] == [("532", "531")]


@pytest.mark.django_db
def test_outcomes_import_errors_then_fix_then_reimport_changes_the_figures(small_world, users):
    kind = get_kind("outcomes")
    college = users[Role.COLLEGE]
    p1 = small_world["programs"][0]
    assert program_checklist_figures(program=p1, year=2022).employed_by_specialty == 1
    bad = [
        outcome_row("A-2"),
        outcome_row("A-4", status="Работает где-то"),
        outcome_row("НЕТ-1"),
        outcome_row("A-3", date=None),
        outcome_row("A-2"),
        outcome_row("B-1", college="ОГБПОУ «ТЕСТ-2»"),
    ]
    result = run_import(kind, workbook(OUTCOME_COLUMNS, bad), user=college, dry_run=True)
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("Строка 3, «Статус» = «Работает где-то»: нет такого значения") for m in messages)
    assert any(m.startswith("Строка 4, «Номер личного дела» = «НЕТ-1»: студент с таким номером") for m in messages)
    assert "Строка 5, «Дата»: не заполнено; ожидается дата ДД.ММ.ГГГГ, например 01.09.2022." in messages
    assert "Строка 6: повторяет строку 2: та же запись («ПОО», «Номер личного дела», «Год мониторинга»)." in messages
    assert "Строка 7, «ПОО» = «ОГБПОУ «ТЕСТ-2»»: можно загружать только данные «ОГБПОУ «ТЕСТ-1»»." in messages
    assert EmploymentOutcome.objects.count() == 6
    good = [outcome_row("A-2"), outcome_row("A-4"), outcome_row("A-3", date=dt.date(2023, 1, 15))]
    result = run_import(kind, workbook(OUTCOME_COLUMNS, good), user=college, dry_run=False)
    assert result.saved and (result.created, result.updated) == (1, 2)
    outcome = EmploymentOutcome.objects.get(student__record_number="A-4")
    assert outcome.employer.short_name == "ООО «Тестовый завод»" and outcome.employer_name == ""
    assert program_checklist_figures(program=p1, year=2022) == ChecklistFigures(4, 4, Decimal("100.0"), 1)
    # The same file again: every row found unchanged, nothing duplicated.
    result = run_import(kind, workbook(OUTCOME_COLUMNS, good), user=college, dry_run=False)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3) and EmploymentOutcome.objects.count() == 7


@pytest.mark.django_db
def test_placements_import_needs_a_known_base(small_world, users):
    kind = get_kind("placements")
    rows = [
        (
            "ОГБПОУ «ТЕСТ-1»",
            "A-4",
            "ООО «Тестовый завод»",
            "",
            "Производственная",
            dt.date(2022, 5, 4),
            dt.date(2022, 5, 31),
            "Индивидуальный наставник",
            "Петров П. П.",
            "да",
            "нет",
            "да",
            5,
        ),
        (
            "ОГБПОУ «ТЕСТ-1»",
            "A-3",
            "ООО «Неизвестно»",
            "",
            "Учебная",
            dt.date(2022, 5, 4),
            dt.date(2022, 5, 31),
            "Руководитель группы без наставничества",
            "",
            "нет",
            "нет",
            "нет",
            None,
        ),
    ]
    result = run_import(kind, workbook(PLACEMENT_COLUMNS, rows), user=users[Role.COLLEGE], dry_run=False)
    assert [str(e) for e in result.errors] == [
        "Строка 3, «Предприятие» = «ООО «Неизвестно»»: предприятие не найдено в портале."
    ]
    result = run_import(kind, workbook(PLACEMENT_COLUMNS, rows[:1]), user=users[Role.COLLEGE], dry_run=False)
    assert result.saved
    placement = Placement.objects.get(student__record_number="A-4")
    assert (placement.job_offer, placement.real_assignment, placement.grade) == (True, True, 5)


@pytest.mark.django_db
def test_web_upload_preview_confirm_and_collection_acceptance(client_as, small_world, cluster):
    from practice.services import collection_open

    collection = collection_open(
        cluster=cluster, title="Трудоустройство выпускников 2022", topic="employment", year=2022, deadline="2099-12-01"
    )
    client = client_as(Role.COLLEGE)
    rows = [outcome_row(f"A-{i}") for i in (2, 4)]
    response = client.post("/import/outcomes/", {"file": workbook(OUTCOME_COLUMNS, rows)})
    page = response.content.decode()
    assert "будет добавлено 1, изменено 1" in page
    # Date cells are shown as the portal writes dates, references by their names in the portal.
    assert "01.09.2022" in page and "0:00" not in page and "2022-09-01" not in page
    assert "Трудоустроен по специальности" in page
    assert "№ A-2, гр. " in page  # a student found by its record number, named as the portal names it
    token = response.context["token"]
    response = client.post("/import/outcomes/", {"confirm": token})
    assert response.status_code == 302 and response["Location"].startswith("/practice/employment/?import=import-")
    submission = collection.submissions.get(college__short_name="ОГБПОУ «ТЕСТ-1»")
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "Со сведениями о трудоустройстве" in page and "4 (100,0 %)" in page
    client.post(f"/practice/submissions/{submission.pk}/submit/", {})
    client_as(Role.COORDINATOR).post(f"/practice/submissions/{submission.pk}/review/", {"decision": "accept"})
    submission.refresh_from_db()
    assert submission.status == "accepted"


@pytest.mark.django_db
def test_history_written_in_bulk_is_what_auditlog_records_masked_and_excluded_fields_included(small_world, users):
    """The import computes each entry's changes itself: they equal auditlog's own diff of the same rows."""
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry

    kind = get_kind("students")
    college = users[Role.COLLEGE]
    row = ("ОГБПОУ «ТЕСТ-1»", "H-1", "Хронов Х.", "15.02.32", "", "531", 2021, 2025)
    assert run_import(kind, workbook(STUDENT_COLUMNS, [row]), user=college, dry_run=False).saved
    student = Student.objects.get(record_number="H-1")
    created = LogEntry.objects.get_for_object(student).get()
    expected = model_instance_diff(None, student, fields_to_check=[f.name for f in Student._meta.concrete_fields])
    assert created.changes == {name: list(values) for name, values in expected.items()}
    assert "full_name" not in created.changes and created.changes["record_number"][1] == "*-1"  # excluded, masked

    before = Student.objects.get(pk=student.pk)
    changed = ("ОГБПОУ «ТЕСТ-1»", "H-1", "Хронов Х.", "15.02.32", "", "532", 2021, 2026)
    assert run_import(kind, workbook(STUDENT_COLUMNS, [changed]), user=college, dry_run=False).saved
    after = Student.objects.get(pk=student.pk)
    updated = LogEntry.objects.get_for_object(student).filter(action=LogEntry.Action.UPDATE).get()
    expected = model_instance_diff(before, after, fields_to_check=["group_name", "graduation_year"])
    assert updated.changes == {name: list(values) for name, values in expected.items()}
    assert updated.changes == {"group_name": ["531", "532"], "graduation_year": ["2025", "2026"]}
