"""The councils lists' row templates print what django-tables2 prints, on rows the demo data lacks."""

import datetime as dt

from cluster_portal.core.testing.tables import rows_compared
from councils.choices import DecisionStatus, PlanItemStatus
from councils.tests.factories import DecisionFactory, PlanItemFactory
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
