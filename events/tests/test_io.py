"""Excel import of events and of exam results: row errors, all or nothing, re-import, scoping."""

import datetime as dt

import pytest

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.xlsx import workbook
from councils.tests.factories import PlanItemFactory
from events.choices import EventStatus
from events.io import EXAM_RESULT_COLUMNS, EventImport
from events.models import Event, ExamResult

from .factories import EventKindFactory, ExamSessionFactory, ProgramFactory, StudentFactory


def event_row(**values):
    row = {
        "kind": "День открытых дверей",
        "title": "День открытых дверей",
        "date_start": dt.date(2030, 4, 15),
        "organizer": "ОГБПОУ «ТЕСТ-1»",
        "specialties": "",
        "plan_items": "",
        "is_public": "да",
        **values,
    }
    return [row.get(c.field, "") for c in EventImport.columns]


@pytest.mark.django_db
def test_events_import_all_or_nothing_then_reimport_updates(users, cluster, college_org):
    EventKindFactory()
    PlanItemFactory(number="3.3", section__number=3, section__plan__year=2022)
    kind = get_kind("events")
    college = users[Role.COLLEGE]
    rows = [
        event_row(plan_items="2022: 3.3"),
        event_row(title="Акция", kind="Флешмоб", date_start="", period="когда-нибудь", plan_items="2022: 9.9"),
    ]
    result = run_import(kind, workbook(EventImport.columns, rows), user=college, dry_run=False)
    messages = [str(e) for e in result.errors]
    assert "Строка 3, «Вид» = «Флешмоб»: Такого вида мероприятия нет в портале." in messages
    assert "Строка 3, «Пункты плана» = «2022: 9.9»: пункта 9.9 в плане работы на 2022 год нет." in messages
    assert not result.saved and not Event.objects.exists()
    result = run_import(kind, workbook(EventImport.columns, rows[:1]), user=college, dry_run=False)
    assert result.saved and (result.created, result.updated) == (1, 0)
    event = Event.objects.get()
    assert (event.status, event.proposed_by, event.is_public) == (EventStatus.PROPOSED, college_org, True)
    assert [i.number for i in event.plan_items.all()] == ["3.3"]
    fixed = [event_row(plan_items="2022: 3.3", place="Актовый зал")]
    result = run_import(kind, workbook(EventImport.columns, fixed), user=college, dry_run=False)
    assert (result.created, result.updated) == (0, 1)
    assert Event.objects.get().place == "Актовый зал"


@pytest.mark.django_db
def test_exam_results_import_scoped_to_own_college(users, college_org, other_college_org):
    session = ExamSessionFactory(college=college_org, date_from=dt.date(2022, 6, 14))
    program = ProgramFactory(college=college_org, specialty=session.specialty)
    StudentFactory(program=program, record_number="Т-1", graduation_year=2022)
    StudentFactory(program=ProgramFactory(college=other_college_org, specialty=session.specialty), record_number="Ч-1")
    code = session.specialty.code
    rows = [
        ("ОГБПОУ «ТЕСТ-1»", "Т-1", code, "ДЭ базового уровня (ГИА)", dt.date(2022, 6, 14), 71.5, "хорошо", "да"),
        ("ОГБПОУ «ТЕСТ-2»", "Ч-1", code, "ДЭ базового уровня (ГИА)", dt.date(2022, 6, 14), 40, 2, "нет"),
        ("ОГБПОУ «ТЕСТ-1»", "Т-1", code, "ДЭ базового уровня (ГИА)", dt.date(2022, 6, 20), 40, 2, "нет"),
    ]
    kind = get_kind("exam-results")
    result = run_import(kind, workbook(EXAM_RESULT_COLUMNS, rows), user=users[Role.COLLEGE], dry_run=False)
    messages = [str(e) for e in result.errors]
    assert "Строка 3, «ПОО» = «ОГБПОУ «ТЕСТ-2»»: можно загружать только данные «ОГБПОУ «ТЕСТ-1»»." in messages
    assert any(
        m.startswith("Строка 4, «Дата экзамена» = «20.06.2022»: экзамена «ДЭ базового уровня (ГИА)»") for m in messages
    )
    assert not result.saved and not ExamResult.objects.exists()
    result = run_import(kind, workbook(EXAM_RESULT_COLUMNS, rows[:1]), user=users[Role.COLLEGE], dry_run=False)
    assert result.saved
    saved = ExamResult.objects.get()
    assert (saved.session, saved.grade, saved.passed, float(saved.score)) == (session, 4, True, 71.5)
    again = [(*rows[0][:6], "отлично", "да")]
    result = run_import(kind, workbook(EXAM_RESULT_COLUMNS, again), user=users[Role.COLLEGE], dry_run=False)
    assert (result.created, result.updated) == (0, 1) and ExamResult.objects.get().grade == 5
