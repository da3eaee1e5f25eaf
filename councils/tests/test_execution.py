"""A plan item's status from its evidence and deadline; the «Исполнение плана» page and its export."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from cluster_portal.core.dataversion import tables_of
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache, tables_read  # noqa: F401 (fixture)
from councils import evidence, execution, services
from councils.choices import MeetingStatus, PlanItemStatus
from councils.models import PlanItem
from councils.tests.factories import (
    CouncilFactory,
    MeetingFactory,
    PlanItemFactory,
    PlanReportFactory,
    PlanSectionFactory,
)
from practice.tests.factories import InternshipFactory

pytestmark = pytest.mark.django_db


def status_on(item, day):
    return execution.executions([PlanItem.objects.select_related("plan").get(pk=item.pk)], on=day)[item.pk]


def test_a_quarterly_rule_flags_each_quarter_without_a_meeting():
    council = CouncilFactory()
    item = PlanItemFactory(council=council, deadline_text="Не реже 1 раза в квартал")
    for day in (dt.date(2022, 3, 23), dt.date(2022, 6, 23), dt.date(2022, 11, 1)):
        MeetingFactory(council=council, date=day, status=MeetingStatus.HELD)
    MeetingFactory(council=council, date=dt.date(2022, 8, 1), status=MeetingStatus.CANCELLED)

    run = status_on(item, dt.date(2022, 7, 15))
    assert (run.status, run.gap_labels) == (PlanItemStatus.IN_PROGRESS, [])
    run = status_on(item, dt.date(2023, 1, 10))
    assert (run.status, run.gap_labels) == (PlanItemStatus.OVERDUE, ["III квартал 2022"])
    MeetingFactory(council=council, date=dt.date(2022, 9, 30), status=MeetingStatus.HELD)
    assert status_on(item, dt.date(2023, 1, 10)).status == PlanItemStatus.DONE
    assert execution.periodic_rule("Не реже 2 раз в месяц") == execution.Rule(times=2, months=1)
    assert execution.periodic_rule("В течение года") is None


def test_status_follows_evidence_and_deadline():
    item = PlanItemFactory(deadline_text="Июнь 2022", due_date=dt.date(2022, 6, 30))
    assert status_on(item, dt.date(2022, 3, 1)).status == PlanItemStatus.PLANNED
    PlanReportFactory(item=item, date=dt.date(2022, 4, 1), completes=False)
    assert status_on(item, dt.date(2022, 5, 1)).status == PlanItemStatus.IN_PROGRESS
    assert status_on(item, dt.date(2022, 7, 1)).status == PlanItemStatus.OVERDUE
    PlanReportFactory(item=item, date=dt.date(2022, 7, 5), completes=True)
    assert status_on(item, dt.date(2022, 7, 1)).status == PlanItemStatus.OVERDUE  # not yet on that day
    assert status_on(item, dt.date(2022, 7, 6)).status == PlanItemStatus.DONE


def test_a_source_brings_every_record_of_its_kind_and_demo_records_do_not_count_for_a_real_plan():
    item = PlanItemFactory(evidence_source="practice.internships", due_date=dt.date(2022, 12, 31))
    InternshipFactory(date_start=dt.date(2022, 3, 1), date_end=dt.date(2022, 3, 10), is_demo=True)
    InternshipFactory(date_start=dt.date(2021, 3, 1), date_end=dt.date(2021, 3, 10))  # another year
    run = status_on(item, dt.date(2023, 1, 1))
    assert [e.kind for e in run.evidence] == ["Стажировка преподавателя"]
    assert run.status == PlanItemStatus.OVERDUE and run.counted == []
    real = InternshipFactory(date_start=dt.date(2022, 5, 1), date_end=dt.date(2022, 5, 10))
    assert status_on(item, dt.date(2023, 1, 1)).status == PlanItemStatus.DONE
    assert list(evidence.items_of(real)) == [item]
    assert ("practice.internships", "Стажировки преподавателей года") in evidence.sources()


def test_a_manual_status_needs_a_reason(users):
    item = PlanItemFactory(due_date=dt.date(2022, 6, 30))
    with pytest.raises(ValidationError) as refused:
        services.plan_item_set_status(item=item, status=PlanItemStatus.CANCELLED, reason="  ", user=None)
    assert "status_override_reason" in refused.value.error_dict
    services.plan_item_set_status(
        item=item, status=PlanItemStatus.CANCELLED, reason="Снят решением КС", user=users[Role.SECRETARY]
    )
    run = status_on(item, dt.date(2023, 1, 1))
    assert (run.status, run.computed, run.overridden) == (PlanItemStatus.CANCELLED, PlanItemStatus.OVERDUE, True)
    item.refresh_from_db()
    assert item.status_override_by == users[Role.SECRETARY] and item.status_override_at is not None
    services.plan_item_set_status(item=item, status="", reason="", user=users[Role.SECRETARY])
    item.refresh_from_db()
    assert (item.status_override, item.status_override_reason, item.status_override_by) == ("", "", None)


def test_the_status_form_refuses_an_override_without_a_reason_at_the_field(client_as):
    item = PlanItemFactory()
    url = f"/councils/plans/items/{item.pk}/status/"
    response = client_as(Role.SECRETARY).post(url, {"status_override": "done", "status_override_reason": ""})
    assert response.status_code == 200
    assert "Укажите, почему статус установлен вручную" in str(response.context["form"].errors["status_override_reason"])
    item.refresh_from_db()
    assert item.status_override == ""
    response = client_as(Role.SECRETARY).post(
        url, {"status_override": "done", "status_override_reason": "Отчёт направлен в департамент"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status_override, item.status_override_reason) == ("done", "Отчёт направлен в департамент")


@pytest.mark.parametrize("role", [Role.EXPERT, Role.COLLEGE, Role.EMPLOYER, Role.OBSERVER])
def test_only_staff_may_set_a_status_by_hand(client_as, role):
    item = PlanItemFactory()
    response = client_as(role).post(
        f"/councils/plans/items/{item.pk}/status/", {"status_override": "done", "status_override_reason": "Так"}
    )
    assert response.status_code in (403, 404)
    item.refresh_from_db()
    assert item.status_override == ""


@pytest.fixture
def plan_world(college_org, other_college_org, employer_org):
    section = PlanSectionFactory(number=2)
    item = PlanItemFactory(section=section, number="2.4", evidence_source="practice.internships")
    own = InternshipFactory(college=college_org, enterprise=employer_org, topic="Своя стажировка")
    other = InternshipFactory(college=other_college_org, topic="Чужая стажировка")
    return {"plan": section.plan, "item": item, "own": own, "other": other}


ROLE_SEES = {
    # role: (sees own college's internship, sees the other college's)
    Role.COORDINATOR: (True, True),
    Role.SECRETARY: (True, True),
    Role.OBSERVER: (True, True),
    Role.COLLEGE: (True, False),
    Role.EMPLOYER: (True, False),
    Role.EXPERT: (False, False),
}


@pytest.mark.parametrize("role", list(ROLE_SEES))
def test_the_execution_page_lists_the_evidence_each_role_may_open(client_as, plan_world, role):
    response = client_as(role).get(f"/councils/plans/{plan_world['plan'].pk}/execution/?on=2023-01-10")
    assert response.status_code == 200
    page = response.content.decode()
    own, other = ROLE_SEES[role]
    assert ("Своя стажировка" in page) == own
    assert ("Чужая стажировка" in page) == other
    hidden = 2 - own - other
    assert (f"Ещё подтверждений, недоступных вам: {hidden}." in page) == bool(hidden)
    assert "Выполнено" in page  # the status counts every record, whoever looks
    assert ("изменить статус" in page) == (role in (Role.COORDINATOR, Role.SECRETARY))


def test_the_execution_page_needs_a_login_and_a_plan(client, client_as, plan_world):
    url = f"/councils/plans/{plan_world['plan'].pk}/execution/"
    assert client.get(url).status_code == 302
    assert client_as(Role.OBSERVER).get("/councils/plans/999999/execution/").status_code == 404
    response = client_as(Role.OBSERVER).get("/councils/plans/execution/")
    assert response.status_code == 302 and response["Location"] == url


def test_the_execution_export_holds_the_items_and_only_the_evidence_the_user_may_open(client_as, plan_world):
    url = f"/councils/plans/{plan_world['plan'].pk}/execution/?on=2023-01-10&export=xlsx"
    response = client_as(Role.COLLEGE).get(url)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    items, proofs = (list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets)
    assert items[0][:6] == (
        "Раздел",
        "№ п/п",
        "Наименование мероприятия",
        "Срок исполнения",
        "Срок для контроля",
        "Статус",
    )
    assert items[1][1] == "2.4." and items[1][5] == "Выполнено"
    assert [row[2] for row in proofs[1:]] == [
        f"{plan_world['own'].college.short_name} → {plan_world['own'].enterprise.short_name}: Своя стажировка"
    ]
    assert proofs[1][7].endswith(plan_world["own"].get_absolute_url())


def test_an_evidence_records_page_links_back_to_its_plan_item(client_as, plan_world):
    response = client_as(Role.COORDINATOR).get(plan_world["own"].get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Подтверждает пункты плана работы" in page and plan_world["item"].get_absolute_url() in page


def test_the_execution_page_queries_do_not_grow_with_items(client_as, plan_world, queries_of):
    url = f"/councils/plans/{plan_world['plan'].pk}/execution/"
    client = client_as(Role.SECRETARY)
    PlanReportFactory(item=plan_world["item"])  # each kind of record is checked for access once
    queries_of(client, url)  # the first view warms the per-process caches (menus, kept figures)
    few = queries_of(client, url)
    for n in range(5, 25):
        item = PlanItemFactory(section=plan_world["item"].section, number=f"2.{n}")
        PlanReportFactory(item=item)
    assert queries_of(client, url) == few


@pytest.mark.usefixtures("empty_cache")
class TestKeptEvidence:
    """The evidence of plan items is kept per data version of the apps it reads (PostgreSQL)."""

    pytestmark = KEPT_FIGURE_TESTS

    def test_it_declares_every_table_it_reads(self, plan_world):
        items = list(PlanItem.objects.select_related("plan"))
        assert tables_read(lambda: evidence.collect(items)) <= set(tables_of(evidence.record_models()))

    def test_providers_read_of_an_item_only_its_key(self, plan_world):
        # Every other field deferred: a provider reading one would query the items' table.
        items = list(
            PlanItem.objects.select_related("plan").only(
                "council_id", "evidence_source", "plan__year", "plan__cluster_id", "plan__is_demo"
            )
        )
        assert "councils_planitem" not in tables_read(lambda: evidence.collect(items))

    def test_an_edit_of_an_item_keeps_its_evidence_and_a_change_of_its_source_gathers_again(self, plan_world):
        def gathered() -> bool:
            items = list(PlanItem.objects.select_related("plan"))
            return "practice_teacherinternship" in tables_read(lambda: execution.executions(items))

        assert gathered()
        assert not gathered()
        PlanItem.objects.filter(pk=plan_world["item"].pk).update(title="Другое название", deadline_text="Май")
        assert not gathered()
        PlanItem.objects.filter(pk=plan_world["item"].pk).update(evidence_source="")
        assert gathered()
        runs = execution.executions(list(PlanItem.objects.select_related("plan")))
        assert runs[plan_world["item"].pk].evidence == []

    def test_between_changes_the_plan_card_reads_no_record_and_after_one_it_gathers_again(
        self, client_as, plan_world, college_org
    ):
        client = client_as(Role.COORDINATOR)
        url = plan_world["plan"].get_absolute_url()
        assert client.get(url).status_code == 200
        assert "practice_teacherinternship" not in tables_read(lambda: client.get(url))
        InternshipFactory(college=college_org, topic="Новая стажировка")
        assert "practice_teacherinternship" in tables_read(lambda: client.get(url))
