"""The councils lists' row templates print what django-tables2 prints, on rows the demo data lacks; the decisions'
rows are kept between views and printed again when what they show changes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401
from cluster_portal.core.testing.tables import rows_compared
from councils.choices import DecisionStatus, PlanItemStatus
from councils.models import Decision
from councils.tests.factories import DecisionFactory, PlanItemFactory
from members.models import Person
from members.tests.factories import PersonFactory

LONG = "Очень длинное наименование мероприятия, " * 8  # over 200 characters: cut with «…»


def test_decisions_and_plan_items_print_as_the_library(world, client_as):
    item = world["item"]
    overridden = PlanItemFactory(
        section=world["section"],
        plan=world["plan"],
        title=LONG,
        executors="",
        deadline_text="Не реже 1 раза в квартал",
        due_date=None,
        status_override=PlanItemStatus.DONE,
        status_override_reason="Выполнено по отчёту",
    )
    DecisionFactory(
        agenda_item=world["draft_item"],
        number=2,
        text=LONG,
        status=DecisionStatus.OPEN,
        due_date=dt.date(2022, 5, 1),  # overdue
        responsible_person=PersonFactory(last_name="Ответственный"),
        responsible_text="и все участники",
        plan_item=item,
    )
    DecisionFactory(
        agenda_item=world["signed_item"], number=2, status=DecisionStatus.DONE, done_date=dt.date(2022, 1, 9)
    )
    client = client_as("coordinator")
    assert rows_compared(client.get("/councils/decisions/")) >= 3
    response = client.get("/councils/plans/items/")
    assert rows_compared(response) >= 2
    html = response.content.decode()
    assert "(вручную)" in html and LONG[:150] in html and str(overridden.pk) in html
    meetings = client.get("/councils/meetings/")
    assert rows_compared(meetings) >= 3 and "№ 1 от 07.10.2021" in meetings.content.decode()


DECISIONS = "/councils/decisions/"


@pytest.mark.usefixtures("empty_cache")
class TestKeptRows:
    """``DecisionTable.rows_kept``: each row's HTML is kept while the decision's own fields and every other table
    the list reads are the same (``core.tables.kept_rows``); writes here go round the models (``update()``)."""

    pytestmark = KEPT_FIGURE_TESTS

    def test_a_changed_decision_is_printed_again_and_its_related_rows_fetched_for_it_alone(self, world, client_as):
        client = client_as(Role.SECRETARY)
        assert "Черновое решение" in client.get(DECISIONS).content.decode()
        Decision.objects.filter(pk=world["draft_decision"].pk).update(text="Исправленное решение")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DECISIONS).content.decode()
        assert "Исправленное решение" in page and "Черновое решение" not in page and "Опубликованное решение" in page
        fetched = [q["sql"] for q in queries if q["sql"].startswith('SELECT "councils_agendaitem"."id"')]
        changed = world["draft_item"].pk
        assert len(fetched) == 1 and fetched[0].endswith(f'("councils_agendaitem"."id") IN (({changed}))')

    def test_a_change_of_a_related_row_prints_the_rows_again(self, world, client_as):
        person = world["member"].person
        Decision.objects.filter(pk=world["signed_decision"].pk).update(responsible_person=person)
        client = client_as(Role.SECRETARY)
        assert "Членов" in client.get(DECISIONS).content.decode()
        Person.objects.filter(pk=person.pk).update(last_name="Переименованный")
        page = client.get(DECISIONS).content.decode()
        assert "Переименованный" in page and "Членов " not in page

    def test_kept_rows_print_what_the_library_prints(self, world, client_as):
        Decision.objects.filter(pk=world["signed_decision"].pk).update(
            plan_item=world["item"], done_date=dt.date(2022, 1, 9)
        )
        client = client_as(Role.SECRETARY)
        client.get(DECISIONS)  # prints the rows and keeps them
        Decision.objects.filter(pk=-1).update(id=-1)  # a write to the table (no row): the table is rendered again
        with CaptureQueriesContext(connection) as queries:
            response = client.get(DECISIONS)
        assert not [q for q in queries if q["sql"].startswith('SELECT "councils_agendaitem"."id"')]  # rows kept
        assert rows_compared(response) == 2
