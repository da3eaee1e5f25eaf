"""The work-plan import: all rows or none, natural-key re-import updates, clear row messages."""

import io

import pytest
from openpyxl import Workbook

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from councils.io import PLAN_ITEM_COLUMNS
from councils.models import PlanItem, PlanSection, WorkPlan
from councils.tests.factories import PlanItemFactory, PlanSectionFactory, WorkPlanFactory
from members.tests.factories import ClusterFactory

HEADERS = [c.header for c in PLAN_ITEM_COLUMNS]


def workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "plan.xlsx"
    return buffer


def row(number, title, section="1. Организационные вопросы", **extra):
    values = {
        "Кластер": "Промышленный кластер",
        "Год плана": 2022,
        "Раздел": section,
        "№ п/п": number,
        "Наименование мероприятия": title,
        "Исполнители": "Участники Кластера",
        "Срок исполнения": "IV квартал 2022",
        "Срок для контроля": None,
        "Результат": "Отчёт о мероприятии",
        **extra,
    }
    return [values[h] for h in HEADERS]


@pytest.fixture
def cluster(db):
    return ClusterFactory(short_name="Промышленный кластер")


@pytest.mark.django_db
def test_import_creates_plan_sections_and_items(cluster, users):
    kind = get_kind("work-plan")
    file = workbook(
        [
            row("1.1.", "Разработка плана", **{"Срок исполнения": "Январь 2022"}),
            row("1.2", "Заседания"),
            row("2.1", "Модернизация программ", section="2. Повышение качества обучения"),
        ]
    )
    result = run_import(kind, file, user=users[Role.SECRETARY], dry_run=False)
    assert result.ok and result.saved, [str(e) for e in result.errors]
    plan = WorkPlan.objects.get(cluster=cluster, year=2022)
    assert list(PlanSection.objects.filter(plan=plan).values_list("number", "title")) == [
        (1, "Организационные вопросы"),
        (2, "Повышение качества обучения"),
    ]
    items = {i.number: i for i in PlanItem.objects.filter(plan=plan)}
    assert set(items) == {"1.1", "1.2", "2.1"}
    assert str(items["1.1"].due_date) == "2022-01-31" and str(items["1.2"].due_date) == "2022-12-31"
    # The status is not imported: it is computed from the records (no manual status is set).
    assert not any(item.status_override for item in items.values())

    # Re-import updates by cluster, year and number — «1.1.» and «1.1» alike.
    again = run_import(
        kind,
        workbook([row("1.1", "Разработка и утверждение плана"), row("1.2.", "Заседания ЭС")]),
        user=users[Role.SECRETARY],
        dry_run=False,
    )
    assert again.saved
    assert PlanItem.objects.filter(plan=plan).count() == 3
    assert PlanItem.objects.get(plan=plan, number="1.1").title == "Разработка и утверждение плана"
    assert PlanItem.objects.get(plan=plan, number="1.2").title == "Заседания ЭС"


@pytest.mark.django_db
def test_one_bad_row_saves_nothing(cluster, users):
    kind = get_kind("work-plan")
    file = workbook(
        [
            row("1.1", "Хорошая строка"),
            row("1.1.", "Тот же номер"),
            row("3.1", "Не в своём разделе"),
            row("4.1", "Раздел без названия", section="4"),
            row("1.5", "", **{"Кластер": "Неизвестный кластер"}),
            row("1.6", "Плохой срок", **{"Срок для контроля": "вчера"}),
        ]
    )
    result = run_import(kind, file, user=users[Role.SECRETARY], dry_run=False)
    assert not result.saved
    messages = [str(e) for e in result.errors]
    assert "Строка 3: повторяет строку 2: та же запись («Кластер», «Год плана», «№ п/п»)." in messages
    assert (
        "Строка 4, «№ п/п» = «3.1»: пункт не может стоять в разделе 1: номер пункта начинается с номера раздела."
        in messages
    )
    assert "Строка 5, «Раздел» = «4»: раздела 4 в плане на 2022 год нет: укажите его название." in messages
    assert "Строка 6, «Кластер» = «Неизвестный кластер»: Кластер не найден в портале." in messages
    assert any(m.startswith("Строка 6, «Наименование мероприятия»: не заполнено") for m in messages)
    assert any(m.startswith("Строка 7, «Срок для контроля» = «вчера»") for m in messages)
    assert not WorkPlan.objects.exists() and not PlanItem.objects.exists()


@pytest.mark.django_db
def test_export_of_a_plan_imports_back_unchanged(client_as, cluster):
    plan = WorkPlanFactory(cluster=cluster)
    section = PlanSectionFactory(plan=plan, number=2, title="Повышение качества")
    PlanItemFactory(section=section, plan=plan, number="2.4", title="Стажировки", deadline_text="В течение года")
    client = client_as(Role.SECRETARY)
    response = client.get(f"/councils/plans/items/?plan={plan.pk}&export=xlsx")
    file = io.BytesIO(b"".join(response.streaming_content))
    file.name = "plan.xlsx"
    result = run_import(get_kind("work-plan"), file, user=_user(client), dry_run=False)
    assert result.saved and (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert PlanItem.objects.get().title == "Стажировки"


def _user(client):
    from django.contrib.auth import get_user

    return get_user(client)


@pytest.mark.django_db
def test_web_import_for_staff_only(client_as, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the checked file is spooled next to it
    client = client_as(Role.COLLEGE)
    assert client.post("/import/work-plan/", {"file": workbook([row("1.1", "Т")])}).status_code == 403
    client = client_as(Role.SECRETARY)
    response = client.post("/import/work-plan/", {"file": workbook([row("1.1", "Т")])})
    assert response.status_code == 200 and "будет добавлено 1" in response.content.decode()
    assert not PlanItem.objects.exists()  # the check does not save
